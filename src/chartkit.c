/* chartkit.c — see chartkit.h. */
#include "chartkit.h"
#include "labels.h"
#include "numfmt.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

void ae_chartset_release(ae_chartset *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->charts[i].name);
		free(c->charts[i].title);
		free(c->charts[i].caption);
	}
	free(c->charts);
	free(c->missing);
	memset(c, 0, sizeof *c);
}

void ae_chart_missing(ae_chartctx *c, const char *name, const char *why)
{
	ae_buf_printf(&c->missing, "%s: %s\n", name, why);
}

void ae_chart_quote(ae_buf *b, const char *s)
{
	ae_buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			ae_buf_addc(b, '\\');
		if (*s == '\n' || *s == '\r') {
			ae_buf_add(b, "\\n", 2);
			continue;
		}
		ae_buf_addc(b, *s);
	}
	ae_buf_addc(b, '"');
}

void ae_chart_label(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++)
		fputc(*s == '"' ? '\'' : (*s == '\n' || *s == '\r') ? ' ' : *s, f);
	fputc('"', f);
}

FILE *ae_chart_dat_open(ae_chartctx *c, const char *name, const char *suffix)
{
	char file[256];
	snprintf(file, sizeof file, "chart-%s%s.dat", name, suffix);
	return ae_outdir_open(c->od, file, c->err);
}

int ae_chart_dat_close(ae_chartctx *c, FILE *f, const char *name)
{
	char file[256];
	snprintf(file, sizeof file, "chart-%s.dat", name);
	return ae_outdir_close(c->od, f, file, c->err);
}

const ae_row *ae_chart_find(const ae_chartctx *c, const char *m, const char *d, const char *g, const char *meth)
{
	return ae_table_find(c->h->t, m, d, g, meth);
}

/* The briefing shows a chart at the page's text width, about 178 mm: a
 * canvas w units wide prints a unit at 178 / w mm, and 9 pt is 3.175 mm. */
int ae_chart_font(int w) { return (int)ceil(w * 3.175 / 178.0); }

/* pngcairo sizes its font in points at 96 pixels an inch (a point is 4/3
 * of a pixel): the same text as the SVG's. */
int ae_chart_png_font(int w) { return (int)ceil(ae_chart_font(w) * 0.75); }

void ae_chart_count_axis(ae_buf *s, const char *axis, double top)
{
	if (!(top > 0))
		top = 1;
	/* a step of 1, 2 or 5 times a power of ten: at most six of them to the top */
	double base = pow(10, floor(log10(top / 6))), step = 1;
	if (base < 1)
		base = 1;
	static const double mult[] = {1, 2, 5, 10};
	for (int i = 0; i < 4; i++) {
		step = base * mult[i];
		if (top / step <= 6)
			break;
	}
	int k = (int)ceil(top / step);
	ae_buf_printf(s, "set %srange [0:%.10g]\nset %stics (", axis, k * step, axis);
	for (int i = 0; i <= k; i++) {
		char v[64];
		ae_num_count(v, sizeof v, i * step);
		ae_buf_printf(s, "%s\"%s\" %.10g", i ? ", " : "", v, i * step);
	}
	ae_buf_puts(s, ")\n");
}

void ae_chart_begin(ae_chartctx *c, ae_buf *s, const char *name, const char *title, int w, int h)
{
	ae_chart_begin_period(c, s, name, title, w, h, c->h->st->start_s, c->h->st->end_s);
}

void ae_chart_begin_period(ae_chartctx *c, ae_buf *s, const char *name, const char *title, int w, int h,
			   const char *from, const char *to)
{
	const ae_study *st = c->h->st;
	ae_buf_printf(s, "# %s: %s\n# Re-run in this folder with: gnuplot chart-%s.gp\n", name, title, name);
	ae_buf_printf(s, "set terminal svg size %d,%d fixed noenhanced font 'DejaVu Sans,%d' background rgb 'white'\n",
		      w, h, ae_chart_font(w));
	ae_buf_printf(s, "set output 'chart-%s.svg'\n", name);
	ae_buf_puts(s, "set title ");
	/* the study's title and period on one line where it fits (a character is
	 * about 0.6 of the font's size wide), else on two */
	char full[1024];
	size_t len = strlen(st->title) + strlen(from) + strlen(to) + 6;
	int one = (double)len * 0.6 * ae_chart_font(w) < 0.95 * w;
	snprintf(full, sizeof full, "%s\n%s%s%s to %s", title, st->title, one ? ", " : "\n", from, to);
	ae_chart_quote(s, full);
	ae_buf_puts(s, "\nset border 3\nset tics nomirror\nset grid ytics lc rgb '#dddddd'\nset key off\n");
}

int ae_chart_wait_oldest(ae_chartctx *c)
{
	int rc = ae_plot_wait(&c->jobs[c->first], c->err);
	c->first = (c->first + 1) % 2;
	c->njobs--;
	return rc;
}

int ae_chart_wait_all(ae_chartctx *c, int rc)
{
	while (c->njobs) {
		ae_error *keep = c->err, scratch = {AE_OK, ""};
		if (rc)
			c->err = &scratch;
		int r = ae_chart_wait_oldest(c);
		c->err = keep;
		if (!rc)
			rc = r;
	}
	return rc;
}

int ae_chart_finish(ae_chartctx *c, ae_buf *s, const char *name, const char *title, const char *caption, int w, int h)
{
	ae_buf_printf(s, "set terminal pngcairo size %d,%d noenhanced font 'DejaVu Sans,%d' background rgb 'white'\n",
		      w, h, ae_chart_png_font(w));
	ae_buf_printf(s, "set output 'chart-%s.png'\nreplot\nset output\n", name);
	int rc = ae_check_stop(c->err);
	if (!rc && c->njobs == 2)
		rc = ae_chart_wait_oldest(c);
	if (!rc) {
		rc = ae_plot_start(c->od, c->gnuplot, name, s->data, &c->jobs[(c->first + c->njobs) % 2], c->err);
		if (!rc)
			c->njobs++;
	}
	ae_buf_release(s);
	if (rc)
		return rc;
	ae_chartset *o = c->out;
	o->charts = ae_realloc(o->charts, (o->n + 1) * sizeof *o->charts);
	o->charts[o->n].name = ae_strdup(name);
	o->charts[o->n].title = ae_strdup(title);
	o->charts[o->n].caption = ae_strdup(caption);
	o->n++;
	return AE_OK;
}

/* ---------------- rates with intervals, sorted ---------------- */
typedef struct pt {
	const ae_row *r;
} pt;

static int pt_cmp(const void *x, const void *y)
{
	const ae_row *a = ((const pt *)x)->r, *b = ((const pt *)y)->r;
	if (a->est != b->est)
		return a->est > b->est ? -1 : 1;
	return strcmp(a->group, b->group);
}

/* A row's tick label: its plain name and the sample behind it, so that
 * "2 of 3" is not ranked unseen beside "40 of 200". */
static void interval_label(const ae_chartctx *c, const ae_row *r, const char *dim, int nlabel, int is_small, char *out,
			   size_t n)
{
	char lb[128], k[64], d[64];
	const char *g = ae_label_plain(dim, r->group, lb, sizeof lb);
	ae_num_count(k, sizeof k, r->num);
	ae_num_count(d, sizeof d, r->den);
	if (nlabel == AE_NLABEL_OF && !isnan(r->num) && !isnan(r->den))
		snprintf(out, n, "%s (%s of %s)", g, k, d);
	else if (nlabel == AE_NLABEL_RESIDENTS && !isnan(r->den))
		snprintf(out, n, "%s (%s residents%s)", g, d, is_small ? ", small" : "");
	else
		snprintf(out, n, "%s%s", g, is_small ? " (small)" : "");
	(void)c;
}

/* scale: 100 for percentages. small: mark groups whose denominator is under
 * the study's small_population (per-capita rates) and set them apart. ref:
 * draw a line at this y (NAN: none). */
int ae_chart_intervals(ae_chartctx *c, const char *name, const char *metric, const char *dim, const char *title,
		       const char *ylabel, const char *caption, double scale, int small, int nlabel, double ref)
{
	pt *p = ae_malloc((c->h->t->n ? c->h->t->n : 1) * sizeof *p);
	size_t n = 0;
	/* the vehicle-clustered rows where the metric has them */
	int clustered = 0;
	for (size_t i = 0; i < c->h->t->n; i++) {
		const ae_row *r = &c->h->t->rows[i];
		clustered |= strcmp(r->metric, metric) == 0 && strcmp(r->dimension, dim) == 0 &&
			     strcmp(r->method, "cluster_plate") == 0;
	}
	for (size_t i = 0; i < c->h->t->n; i++) {
		const ae_row *r = &c->h->t->rows[i];
		if (strcmp(r->metric, metric) == 0 && strcmp(r->dimension, dim) == 0 && !isnan(r->est) &&
		    !isnan(r->lo) && (strcmp(r->method, "cluster_plate") == 0) == clustered)
			p[n++].r = r;
	}
	if (!n) {
		free(p);
		ae_chart_missing(c, name, "no rows with an estimate in metrics.csv");
		return AE_OK;
	}
	qsort(p, n, sizeof *p, pt_cmp);
	/* small areas after the others (in the same order), so that the others
	 * are ranked among themselves and set the scale */
	const double smallpop = c->h->st->small_population;
#define IS_SMALL(r) (small && !((r)->den >= smallpop))
	pt *q = ae_malloc(n * sizeof *q);
	size_t m = 0, nsmall = 0;
	for (size_t i = 0; i < n; i++)
		if (!IS_SMALL(p[i].r))
			q[m++] = p[i];
	for (size_t i = 0; i < n; i++)
		if (IS_SMALL(p[i].r))
			q[m + nsmall++] = p[i];
	free(p);
	p = q;
	size_t nbig = m;
	/* the scale: from the areas that are not small (all, when every one is) */
	double top = 0, maxest = 0, alltop = 0;
	for (size_t i = 0; i < n; i++) {
		alltop = fmax(alltop, p[i].r->hi);
		if (i < nbig || !nbig) {
			top = fmax(top, p[i].r->hi);
			maxest = fmax(maxest, p[i].r->est);
		}
	}
	if (!(alltop > 0)) {
		free(p);
		ae_chart_missing(c, name, "every estimate and interval is zero");
		return AE_OK;
	}
	/* an interval resting on one or two vehicles can span most of the scale:
	 * past three times the highest estimate its bar runs off the top */
	int cut = top > 3 * maxest && maxest > 0;
	double ymax = cut ? 3 * maxest : top;
	int fixed = cut;
	for (size_t i = nbig; nbig && i < n; i++)
		fixed |= p[i].r->hi > ymax;
	if (fixed && !cut)
		ymax *= 1.08;
	if (!(ymax > 0)) { /* the others are all zero: the small ones set the scale after all */
		ymax = alltop * 1.08;
		fixed = 1;
	}
	FILE *f = ae_chart_dat_open(c, name, "");
	if (!f) {
		free(p);
		return AE_EIO;
	}
	fprintf(f,
		"# %s by %s from metrics.csv, sorted, small areas last: label estimate ci_low ci_high small_area "
		"few_vehicles_under_%d x y_if_off_scale value_if_off_scale (x%g)\n",
		metric, dim, AE_FEW_VEHICLES, scale);
	/* many rows: one a line, labels on the left, so that each stays legible
	 * at print size (side by side, 40 labels cannot) */
	int hz = n > 24;
	size_t xlast = n - 1 + (nsmall && nbig ? 1 : 0);
	double offy = ymax * (hz ? 0.95 : 0.7) * scale;
	int nfew = 0, noff = 0;
	ae_buf offl; /* the labels of values off the scale */
	ae_buf_init(&offl);
	size_t maxlab = 0, firstlab = 0;
	for (size_t i = 0; i < n; i++) {
		const ae_row *r = p[i].r;
		int is_small = IS_SMALL(r), few = !is_small && AE_FEW(r);
		nfew += few;
		char lab[300];
		interval_label(c, r, dim, nlabel, is_small, lab, sizeof lab);
		maxlab = strlen(lab) > maxlab ? strlen(lab) : maxlab;
		if (!i)
			firstlab = strlen(lab);
		ae_chart_label(f, lab);
		/* one empty place between the others and the small areas */
		size_t x = i < nbig ? i : i + (nbig ? 1 : 0);
		fprintf(f, " %.10g %.10g %.10g %d %d %zu", r->est * scale, r->lo * scale, r->hi * scale, is_small, few,
			x);
		if (fixed && is_small && r->est > ymax) {
			/* drawn at the top with its value written under it */
			char v[64];
			ae_num_fixed(v, sizeof v, r->est * scale, r->est * scale >= 100 ? 0 : 2, 1);
			fprintf(f, " %.10g \"%s\"\n", offy, v);
			if (hz)
				ae_buf_printf(&offl,
					      "set label %d \"%s, off the scale\" at first %.6g, first %zu right offset -1,0 "
					      "tc rgb '%s'\n",
					      10 + noff, v, offy, xlast - x, AE_VERMILLION);
			else
				ae_buf_printf(&offl,
					      "set label %d \"%s\\noff the scale\" at first %zu, first %.6g center offset 0,-1.6 "
					      "tc rgb '%s'\n",
					      10 + noff, v, x, offy, AE_VERMILLION);
			noff++;
		} else {
			fputs(" NaN \"\"\n", f);
		}
	}
	free(p);
	if (ae_chart_dat_close(c, f, name)) {
		ae_buf_release(&offl);
		return AE_EIO;
	}
	int w = 900;
	/* many labels side by side: steeper, so that they do not run into each other */
	int angle = n > 12 ? 60 : 40;
	double down = angle == 60 ? 0.87 : 0.64, left = angle == 60 ? 0.5 : 0.77;
	/* rotated labels: a character is about half a line's height wide; the
	 * first label runs left of the axis. They
	 * are drawn as labels at the foot of each point rather than as tick
	 * labels, whose room gnuplot 5.4 misjudges (and warns) once rotated. */
	int bm = 2 + (int)ceil((double)maxlab * 0.42 * down);
	int lm = (int)ceil((double)firstlab * 0.9 * left);
	int h = 460 + bm * ae_chart_font(w) * 5 / 4;
	if (hz)
		h = 220 + (int)(xlast + 1) * ae_chart_font(w) * 3 / 2;
	/* the value axis: y upright, x lying */
	const char *va = hz ? "x" : "y";
	ae_buf s;
	ae_buf_init(&s);
	ae_chart_begin(c, &s, name, title, w, h);
	ae_buf_printf(&s, "set %slabel ", va);
	ae_chart_quote(&s, ylabel);
	if (hz)
		ae_buf_printf(&s,
			      "\nunset ytics\nunset grid\nset grid xtics lc rgb '#dddddd'\nset yrange [-0.6:%zu.6]\n"
			      "set lmargin %d\nset rmargin 4\nXL = %zu\n"
			      /* the title over the canvas, not over the plot the labels push right */
			      "set title offset %d,0\n",
			      xlast, 2 + (int)ceil((double)maxlab * 1.0), xlast, -(1 + (int)maxlab / 2));
	else
		ae_buf_printf(&s,
			      "\nset xtics 1 format '' scale 0.5\nset xrange [-0.6:%zu.6]\nset bmargin %d\nset lmargin %d\n"
			      "set rmargin %d\n",
			      xlast, bm, lm > 10 ? lm : 10, nsmall ? 5 : 3);
	if (fixed)
		ae_buf_printf(&s, "set %srange [0:%.6g]\n", va, ymax * scale);
	else
		ae_buf_printf(&s, "set %srange [0:*]\n", va);
	if (cut)
		ae_buf_puts(&s, "set label 2 'bars cut at the top run higher' at screen 0.01, screen 0.97 left\n");
	if (nsmall && nbig && hz)
		ae_buf_printf(&s,
			      "set arrow 3 from graph 0, first %zu to graph 1, first %zu nohead dt 3 lc rgb '#888888'\n"
			      "set label 3 'small areas below: not ranked' at graph 0.98, first %zu right front tc rgb '%s'\n",
			      xlast - nbig, xlast - nbig, xlast - nbig, AE_VERMILLION);
	else if (nsmall && nbig)
		ae_buf_printf(&s,
			      "set arrow 3 from first %zu, graph 0 to first %zu, graph 1 nohead dt 3 lc rgb '#888888'\n"
			      "set label 3 \"small areas,\\nnot ranked\" at first %.6g, graph 0.97 center tc rgb '%s'\n",
			      nbig, nbig, (double)(nbig + xlast) / 2 + 0.3, AE_VERMILLION);
	ae_buf_puts(&s, offl.data ? offl.data : "");
	ae_buf_release(&offl);
	if (!isnan(ref))
		ae_buf_printf(&s,
			      hz ? "set arrow 1 from first %g, graph 0 to first %g, graph 1 nohead dt 2 lc rgb '#555555'\n"
				 : "set arrow 1 from graph 0, first %g to graph 1, first %g nohead dt 2 lc rgb '#555555'\n",
			      ref, ref);
	int key = nsmall || nfew;
	/* the key above the plot, where it hides no point */
	if (key)
		ae_buf_puts(&s, "set key tmargin right vertical samplen 1.5\n");
	/* the columns of a point, its interval and its place, either way round */
	const char *pt_est = hz ? "(%s):(XL - $7):3:4 with xerrorbars" : "7:(%s):3:4 with yerrorbars";
	char u[128];
	snprintf(u, sizeof u, pt_est, "$5 + $6 > 0 ? NaN : $2");
	ae_buf_printf(&s, "plot 'chart-%s.dat' using %s pt 7 ps 0.9 lc rgb '%s'%s", name, u, AE_BLUE,
		      key ? " title 'estimate, 95 % interval'" : "");
	if (nfew) {
		snprintf(u, sizeof u, pt_est, "$6 > 0 ? $2 : NaN");
		ae_buf_printf(&s,
			      ", \\\n     '' using %s pt 6 ps 1 lc rgb '%s' "
			      "title 'few vehicles (under %d): interval may be too narrow'",
			      u, AE_BLUE, AE_FEW_VEHICLES);
	}
	if (nsmall) {
		snprintf(u, sizeof u, pt_est, "$5 > 0 ? $2 : NaN");
		ae_buf_printf(&s, ", \\\n     '' using %s pt 5 ps 0.9 lc rgb '%s' title 'small population'", u,
			      AE_VERMILLION);
	}
	if (noff)
		ae_buf_printf(&s, ", \\\n     '' using %s with points pt 9 ps 1.4 lc rgb '%s' notitle",
			      hz ? "8:(XL - $7)" : "7:8", AE_VERMILLION);
	if (hz)
		ae_buf_puts(&s, ", \\\n     '' using (0):(XL - $7):1 with labels right offset -1,0 notitle\n");
	else
		ae_buf_printf(&s, ", \\\n     '' using 7:(0):1 with labels rotate by %d right offset 0,-0.7 notitle\n",
			      angle);

#undef IS_SMALL
	return ae_chart_finish(c, &s, name, title, caption, w, h);
}
