/* chartkit.c — see chartkit.h. */
#include "chartkit.h"
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

void ae_chart_begin(ae_chartctx *c, ae_buf *s, const char *name, const char *title, int w, int h)
{
	ae_chart_begin_period(c, s, name, title, w, h, c->h->st->start_s, c->h->st->end_s);
}

void ae_chart_begin_period(ae_chartctx *c, ae_buf *s, const char *name, const char *title, int w, int h,
			   const char *from, const char *to)
{
	const ae_study *st = c->h->st;
	ae_buf_printf(s, "# %s: %s\n# Re-run in this folder with: gnuplot chart-%s.gp\n", name, title, name);
	ae_buf_printf(s, "set terminal svg size %d,%d fixed noenhanced font 'DejaVu Sans,11' background rgb 'white'\n",
		      w, h);
	ae_buf_printf(s, "set output 'chart-%s.svg'\n", name);
	ae_buf_puts(s, "set title ");
	char full[1024];
	snprintf(full, sizeof full, "%s\n%s, %s to %s", title, st->title, from, to);
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
	ae_buf_printf(s, "set terminal pngcairo size %d,%d noenhanced font 'DejaVu Sans,10' background rgb 'white'\n",
		      w, h);
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

/* scale: 100 for percentages. small: mark groups whose denominator is under
 * the study's small_population (per-capita rates). ref: draw a line at this y (NAN: none). */
int ae_chart_intervals(ae_chartctx *c, const char *name, const char *metric, const char *dim, const char *title,
		       const char *ylabel, const char *caption, double scale, int small, double ref)
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
	double top = 0, maxest = 0;
	for (size_t i = 0; i < n; i++) {
		top = fmax(top, p[i].r->hi);
		maxest = fmax(maxest, p[i].r->est);
	}
	if (!(top > 0)) {
		free(p);
		ae_chart_missing(c, name, "every estimate and interval is zero");
		return AE_OK;
	}
	FILE *f = ae_chart_dat_open(c, name, "");
	if (!f) {
		free(p);
		return AE_EIO;
	}
	fprintf(f,
		"# %s by %s from metrics.csv, sorted: group estimate ci_low ci_high small_area "
		"few_vehicles_under_%d (x%g)\n",
		metric, dim, AE_FEW_VEHICLES, scale);
	int nfew = 0;
	for (size_t i = 0; i < n; i++) {
		const ae_row *r = p[i].r;
		int is_small = small && !(r->den >= c->h->st->small_population), few = !is_small && AE_FEW(r);
		nfew += few;
		char lab[300];
		snprintf(lab, sizeof lab, "%s%s", r->group, is_small ? " (small)" : "");
		ae_chart_label(f, lab);
		fprintf(f, " %.10g %.10g %.10g %d %d\n", r->est * scale, r->lo * scale, r->hi * scale, is_small, few);
	}
	free(p);
	if (ae_chart_dat_close(c, f, name))
		return AE_EIO;
	int w = n > 20 ? 1100 : 900;
	ae_buf s;
	ae_buf_init(&s);
	ae_chart_begin(c, &s, name, title, w, 540);
	ae_buf_puts(&s, "set ylabel ");
	ae_chart_quote(&s, ylabel);
	ae_buf_printf(&s, "\nset xtics rotate by 40 right\nset xrange [-0.6:%zu.6]\nset bmargin 9\n", n - 1);
	/* an interval resting on one or two vehicles can span most of the scale:
	 * past three times the highest estimate its bar runs off the top */
	if (top > 3 * maxest && maxest > 0)
		ae_buf_printf(&s,
			      "set yrange [0:%.6g]\nset label 2 'bars cut at the top run higher' at graph 0.01, "
			      "graph 0.97 left font ',9'\n",
			      3 * maxest * scale);
	else
		ae_buf_puts(&s, "set yrange [0:*]\n");
	if (!isnan(ref))
		ae_buf_printf(&s,
			      "set arrow 1 from graph 0, first %g to graph 1, first %g nohead dt 2 lc rgb '#555555'\n",
			      ref, ref);
	int key = small || nfew;
	if (key)
		ae_buf_puts(&s, "set key top right\n");
	ae_buf_printf(&s,
		      "plot 'chart-%s.dat' using 0:($5 + $6 > 0 ? NaN : $2):3:4:xtic(1) with yerrorbars pt 7 ps 1.2 lc rgb "
		      "'%s'%s",
		      name, AE_BLUE, key ? " title 'estimate and 95 % interval'" : "");
	if (nfew)
		ae_buf_printf(&s,
			      ", \\\n     '' using 0:($6 > 0 ? $2 : NaN):3:4 with yerrorbars pt 6 ps 1.4 lc rgb '%s' "
			      "title 'few vehicles (under %d, or under %d repeating): interval may be too narrow'",
			      AE_BLUE, AE_FEW_VEHICLES, AE_FEW_VEHICLES);
	if (small)
		ae_buf_printf(&s,
			      ", \\\n     '' using 0:($5 > 0 ? $2 : NaN):3:4 with yerrorbars pt 5 ps 1.2 lc rgb '%s' title 'small population: do not rank'",
			      AE_VERMILLION);
	ae_buf_addc(&s, '\n');
	return ae_chart_finish(c, &s, name, title, caption, w, 540);
}
