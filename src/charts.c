/* charts.c — see charts.h. Every chart reads the metrics table only (the map
 * adds the polygons and camera points it draws on). Colours are colour-blind
 * safe (Okabe-Ito; ColorBrewer Blues for the map), fonts and sizes fixed, no
 * dates: the same table gives the same scripts, data and SVGs. */
#include "charts.h"
#include "plot.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BLUE "#0072B2"
#define ORANGE "#E69F00"
#define VERMILLION "#D55E00"
#define GREEN "#009E73"

typedef struct cx {
	const ae_study *st;
	const ae_agg *a;
	const ae_table *t;
	const char *dir;
	ae_chartset *out;
	ae_buf missing;
	ae_error *err;
	/* two gnuplots at a time (gnuplot's start-up is most of a chart's time) */
	ae_plot_job jobs[2];
	int njobs, first;
} cx;

/* Waits for the oldest chart still drawing. */
static int wait_oldest(cx *c)
{
	int rc = ae_plot_wait(&c->jobs[c->first], c->err);
	c->first = (c->first + 1) % 2;
	c->njobs--;
	return rc;
}

/* Waits for every chart still drawing; the first failure is the one told. */
static int wait_all(cx *c, int rc)
{
	while (c->njobs) {
		ae_error *keep = c->err, scratch = {AE_OK, ""};
		if (rc)
			c->err = &scratch;
		int r = wait_oldest(c);
		c->err = keep;
		if (!rc)
			rc = r;
	}
	return rc;
}

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

static void missing(cx *c, const char *name, const char *why)
{
	ae_buf_printf(&c->missing, "%s: %s\n", name, why);
}

/* A gnuplot double-quoted string. */
static void gp_quote(ae_buf *b, const char *s)
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

/* A label in a data file: double-quoted, inner quotes made single. */
static void dat_label(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++)
		fputc(*s == '"' ? '\'' : (*s == '\n' || *s == '\r') ? ' ' : *s, f);
	fputc('"', f);
}

static FILE *dat_open(cx *c, const char *name, const char *suffix)
{
	char file[256];
	snprintf(file, sizeof file, "chart-%s%s.dat", name, suffix);
	char *p = ae_path_join(c->dir, file);
	FILE *f = fopen(p, "w");
	free(p);
	if (!f)
		ae_fail(c->err, AE_EIO, "chart %s: cannot write its data", name);
	return f;
}

static int dat_close(cx *c, FILE *f, const char *name)
{
	int bad = ferror(f);
	if (fclose(f) != 0 || bad)
		return ae_fail(c->err, AE_EIO, "chart %s: cannot write its data", name);
	return AE_OK;
}

static void gp_begin(cx *c, ae_buf *s, const char *name, const char *title, int w, int h)
{
	ae_buf_printf(s, "# %s: %s\n# Re-run in this folder with: gnuplot chart-%s.gp\n", name, title, name);
	ae_buf_printf(s, "set terminal svg size %d,%d fixed noenhanced font 'DejaVu Sans,11' background rgb 'white'\n", w, h);
	ae_buf_printf(s, "set output 'chart-%s.svg'\n", name);
	ae_buf_puts(s, "set title ");
	char full[1024];
	snprintf(full, sizeof full, "%s\n%s, %s to %s", title, c->st->title, c->st->start_s, c->st->end_s);
	gp_quote(s, full);
	ae_buf_puts(s, "\nset border 3\nset tics nomirror\nset grid ytics lc rgb '#dddddd'\nset key off\n");
}

/* Adds the PNG rendering, runs the script, records the chart. */
static int gp_finish(cx *c, ae_buf *s, const char *name, const char *title, const char *caption, int w, int h)
{
	ae_buf_printf(s, "set terminal pngcairo size %d,%d noenhanced font 'DejaVu Sans,10' background rgb 'white'\n", w, h);
	ae_buf_printf(s, "set output 'chart-%s.png'\nreplot\nset output\n", name);
	int rc = ae_check_stop(c->err);
	if (!rc && c->njobs == 2)
		rc = wait_oldest(c);
	if (!rc) {
		rc = ae_plot_start(c->dir, name, s->data, &c->jobs[(c->first + c->njobs) % 2], c->err);
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

static const ae_row *find(const cx *c, const char *m, const char *d, const char *g, const char *meth)
{
	return ae_table_find(c->t, m, d, g, meth);
}

/* ---------------- the alert funnel ---------------- */
static int chart_funnel(cx *c)
{
	const char *name = "funnel";
	const ae_row *reads = find(c, "reads", "all", "all", NULL), *hits = find(c, "hits", "all", "all", NULL);
	if (!hits) {
		missing(c, name, "no hits table in the study");
		return AE_OK;
	}
	const ae_row *conf = find(c, "hits", "disposition", "confirmed", NULL);
	const ae_row *yield = find(c, "outcome_yield", "all", "all", NULL);
	const ae_row *nonhit = find(c, "non_hit_share", "all", "all", NULL);
	FILE *f = dat_open(c, name, "");
	if (!f)
		return AE_EIO;
	fprintf(f, "# stage count label (from metrics.csv: reads/hits at all, hits of disposition confirmed, outcome_yield numerator)\n");
	double v[4] = {reads->est, hits->est, conf ? conf->est : 0, yield ? yield->num : NAN};
	static const char *const stage[] = {"reads", "alerts (hits)", "confirmed alerts", "alerts with an outcome"};
	for (int i = 0; i < 4; i++) {
		if (i == 3 && !yield)
			break;
		char lab[64];
		double x = v[i];
		if (i == 3 && c->st->min_cell > 0 && x < (double)c->st->min_cell) {
			snprintf(lab, sizeof lab, "fewer than %ld", c->st->min_cell);
			x = NAN;
		} else {
			snprintf(lab, sizeof lab, "%.0f", x);
		}
		dat_label(f, stage[i]);
		fprintf(f, " %s ", isnan(x) || x <= 0 ? "NaN" : "");
		if (!(isnan(x) || x <= 0))
			fprintf(f, "%.0f", x);
		fputc(' ', f);
		dat_label(f, lab);
		fputc('\n', f);
	}
	if (dat_close(c, f, name))
		return AE_EIO;
	ae_buf s;
	ae_buf_init(&s);
	gp_begin(c, &s, name, "Alert funnel: from reads to outcomes", 900, 520);
	if (nonhit && !isnan(nonhit->est))
		ae_buf_printf(&s, "set label 1 '%.4g %% of reads were of vehicles on no hotlist' at graph 0.98, graph 0.95 right\n",
			      nonhit->est * 100);
	ae_buf_puts(&s, "set logscale y\nset ylabel 'records (log scale)'\nset yrange [0.8:*]\n"
		       "set style fill solid 0.85 border -1\nset boxwidth 0.6\nset xrange [-0.6:3.6]\n");
	ae_buf_printf(&s, "plot 'chart-%s.dat' using 0:2:xtic(1) with boxes lc rgb '%s', \\\n"
			  "     '' using 0:($2 > 0 ? $2 : 1):3 with labels offset 0,0.8\n", name, BLUE);
	return gp_finish(c, &s, name, "Alert funnel", "How many reads became alerts, how many alerts were confirmed, and how many led to a recorded outcome. The scale is logarithmic: each step down is a factor of ten.", 900, 520);
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
static int chart_intervals(cx *c, const char *name, const char *metric, const char *dim, const char *title,
			   const char *ylabel, const char *caption, double scale, int small, double ref)
{
	pt *p = ae_malloc((c->t->n ? c->t->n : 1) * sizeof *p);
	size_t n = 0;
	for (size_t i = 0; i < c->t->n; i++) {
		const ae_row *r = &c->t->rows[i];
		if (strcmp(r->metric, metric) == 0 && strcmp(r->dimension, dim) == 0 && !isnan(r->est) &&
		    !isnan(r->lo) && strcmp(r->method, "cluster_plate") != 0)
			p[n++].r = r;
	}
	if (!n) {
		free(p);
		missing(c, name, "no rows with an estimate in metrics.csv");
		return AE_OK;
	}
	qsort(p, n, sizeof *p, pt_cmp);
	double top = 0;
	for (size_t i = 0; i < n; i++)
		top = fmax(top, p[i].r->hi);
	if (!(top > 0)) {
		free(p);
		missing(c, name, "every estimate and interval is zero");
		return AE_OK;
	}
	FILE *f = dat_open(c, name, "");
	if (!f) {
		free(p);
		return AE_EIO;
	}
	fprintf(f, "# %s by %s from metrics.csv, sorted: group estimate ci_low ci_high small_area (x%g)\n", metric, dim, scale);
	for (size_t i = 0; i < n; i++) {
		const ae_row *r = p[i].r;
		int is_small = small && !(r->den >= c->st->small_population);
		char lab[300];
		snprintf(lab, sizeof lab, "%s%s", r->group, is_small ? " (small)" : "");
		dat_label(f, lab);
		fprintf(f, " %.10g %.10g %.10g %d\n", r->est * scale, r->lo * scale, r->hi * scale, is_small);
	}
	free(p);
	if (dat_close(c, f, name))
		return AE_EIO;
	int w = n > 20 ? 1100 : 900;
	ae_buf s;
	ae_buf_init(&s);
	gp_begin(c, &s, name, title, w, 540);
	ae_buf_puts(&s, "set ylabel ");
	gp_quote(&s, ylabel);
	ae_buf_printf(&s, "\nset xtics rotate by 40 right\nset xrange [-0.6:%zu.6]\nset yrange [0:*]\nset bmargin 9\n", n - 1);
	if (!isnan(ref))
		ae_buf_printf(&s, "set arrow 1 from graph 0, first %g to graph 1, first %g nohead dt 2 lc rgb '#555555'\n", ref, ref);
	if (small)
		ae_buf_puts(&s, "set key top right\n");
	ae_buf_printf(&s, "plot 'chart-%s.dat' using 0:($5 > 0 ? NaN : $2):3:4:xtic(1) with yerrorbars pt 7 ps 1.2 lc rgb '%s'%s", name, BLUE,
		      small ? " title 'estimate and 95 % interval'" : "");
	if (small)
		ae_buf_printf(&s, ", \\\n     '' using 0:($5 > 0 ? $2 : NaN):3:4 with yerrorbars pt 5 ps 1.2 lc rgb '%s' title 'small population: do not rank'", VERMILLION);
	ae_buf_addc(&s, '\n');
	return gp_finish(c, &s, name, title, caption, w, 540);
}

/* ---------------- monthly reads and hits ---------------- */
static int chart_monthly(cx *c)
{
	const char *name = "monthly";
	FILE *f = dat_open(c, name, "");
	if (!f)
		return AE_EIO;
	fprintf(f, "# month reads hits (metrics.csv: reads and hits by month)\n");
	size_t n = 0;
	int have_hits = find(c, "hits", "all", "all", NULL) != NULL;
	for (size_t i = 0; i < c->t->n; i++) {
		const ae_row *r = &c->t->rows[i];
		if (strcmp(r->metric, "reads") || strcmp(r->dimension, "month"))
			continue;
		const ae_row *h = have_hits ? find(c, "hits", "month", r->group, NULL) : NULL;
		dat_label(f, r->group);
		if (h)
			fprintf(f, " %.0f %.0f\n", r->est, h->est);
		else
			fprintf(f, " %.0f NaN\n", r->est);
		n++;
	}
	if (dat_close(c, f, name))
		return AE_EIO;
	if (!n) {
		missing(c, name, "no reads in the period");
		return AE_OK;
	}
	ae_buf s;
	ae_buf_init(&s);
	gp_begin(c, &s, name, "Reads and alerts by month", 900, 500);
	ae_buf_printf(&s, "set ylabel 'reads per month'\nset ytics nomirror\n"
			  "set yrange [0:*]\nset xtics rotate by 40 right\nset key top left\n"
			  "set style fill solid 0.6 border -1\nset boxwidth 0.7\nset xrange [-0.6:%zu.6]\n", n - 1);
	if (have_hits)
		ae_buf_puts(&s, "set y2label 'alerts (hits) per month'\nset y2tics\nset y2range [0:*]\n");
	ae_buf_printf(&s, "plot 'chart-%s.dat' using 0:2:xtic(1) with boxes lc rgb '%s' title 'reads (left axis)'", name, BLUE);
	if (have_hits)
		ae_buf_printf(&s, ", \\\n     '' using 0:3 axes x1y2 with linespoints pt 7 lw 2 lc rgb '%s' title 'alerts (right axis)'", VERMILLION);
	ae_buf_addc(&s, '\n');
	return gp_finish(c, &s, name, "Reads and alerts by month",
			 "Reads (bars, left axis) and alerts (line, right axis) in each month of the study period, local time.", 900, 500);
}

/* ---------------- the Lorenz curve behind the Gini ---------------- */
typedef struct lz {
	double y, p;
} lz;

static int lz_cmp(const void *a, const void *b)
{
	const lz *x = a, *y = b;
	double rx = x->y / x->p, ry = y->y / y->p;
	return (rx > ry) - (rx < ry);
}

static int chart_lorenz(cx *c)
{
	const char *name = "lorenz";
	const ae_row *g = find(c, "gini_reads_per_capita", "all", "all", NULL);
	if (!g) {
		missing(c, name, "no neighborhoods table in the study");
		return AE_OK;
	}
	lz *v = ae_malloc((c->t->n ? c->t->n : 1) * sizeof *v);
	size_t n = 0;
	double sy = 0, sp = 0;
	for (size_t i = 0; i < c->t->n; i++) {
		const ae_row *r = &c->t->rows[i];
		if (strcmp(r->metric, "reads_per_1k_residents") || strcmp(r->dimension, "neighborhood") || !(r->den > 0))
			continue;
		v[n].y = r->num;
		v[n++].p = r->den;
		sy += r->num;
		sp += r->den;
	}
	if (n < 2 || !(sy > 0)) {
		free(v);
		missing(c, name, "fewer than two populated areas with reads");
		return AE_OK;
	}
	qsort(v, n, sizeof *v, lz_cmp);
	FILE *f = dat_open(c, name, "");
	if (!f) {
		free(v);
		return AE_EIO;
	}
	fprintf(f, "# population_share read_share (cumulative; areas by reads per resident, from reads_per_1k_residents numerator/denominator)\n0 0\n");
	double cy = 0, cp = 0;
	for (size_t i = 0; i < n; i++) {
		cy += v[i].y;
		cp += v[i].p;
		fprintf(f, "%.10g %.10g\n", cp / sp, cy / sy);
	}
	free(v);
	if (dat_close(c, f, name))
		return AE_EIO;
	ae_buf s;
	ae_buf_init(&s);
	gp_begin(c, &s, name, "Who is read: the Lorenz curve of reads per resident", 700, 620);
	ae_buf_printf(&s, "set size ratio 1\nset xrange [0:1]\nset yrange [0:1]\nset xlabel 'share of residents (areas from least to most read per resident)'\n"
			  "set ylabel 'share of reads'\nset key top left\n"
			  "set label 1 'Gini %.3f (95 %% interval %.3f to %.3f)' at graph 0.05, graph 0.80\n",
		      g->est, g->lo, g->hi);
	ae_buf_printf(&s, "plot x with lines dt 2 lc rgb '#555555' title 'equal exposure', \\\n"
			  "     'chart-%s.dat' using 1:2 with linespoints pt 7 lw 2 lc rgb '%s' title 'this study'\n", name, BLUE);
	return gp_finish(c, &s, name, "Lorenz curve of reads per resident",
			 "The further the curve sags below the diagonal, the more reads fall on a few areas relative to where people live.",
			 700, 620);
}

/* ---------------- the map ---------------- */
static int dbl_cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

static const char *const blues[5] = {"#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"};

static int chart_map(cx *c)
{
	const char *name = "map";
	const ae_agg *a = c->a;
	if (!a->geo) {
		missing(c, name, "no boundaries (GeoJSON) in the study");
		return AE_OK;
	}
	int nf = ae_geo_count(a->geo);
	double *val = ae_malloc((size_t)nf * sizeof *val), *sorted = ae_malloc((size_t)nf * sizeof *sorted);
	int nv = 0;
	for (int i = 0; i < nf; i++) {
		const ae_row *r = find(c, "reads_per_1k_residents", "neighborhood", ae_geo_name(a->geo, i), NULL);
		val[i] = r ? r->est : NAN;
		if (!isnan(val[i]))
			sorted[nv++] = val[i];
	}
	/* Five classes by rank (quintiles of the areas), so one extreme small area
	 * does not wash out the rest; class k holds values up to brk[k]. */
	qsort(sorted, (size_t)nv, sizeof *sorted, dbl_cmp);
	double brk[5];
	for (int k = 0; k < 5; k++)
		brk[k] = nv ? sorted[(size_t)((k + 1) * nv / 5 > 0 ? (k + 1) * nv / 5 - 1 : 0)] : NAN;
	FILE *f = dat_open(c, name, "");
	if (!f) {
		free(val);
		return AE_EIO;
	}
	fprintf(f, "# lon lat rgb: one block per ring (holes white, areas without a rate grey), then the cameras\n");
	size_t nr = ae_geo_rings(a->geo);
	double mlat = 0;
	for (size_t i = 0; i < nr; i++) {
		int feat, hole;
		const double *x, *y;
		size_t n;
		ae_geo_ring(a->geo, i, &feat, &hole, &x, &y, &n);
		unsigned rgb = 0xbbbbbb;
		if (hole) {
			rgb = 0xffffff;
		} else if (!isnan(val[feat])) {
			int k = 0;
			while (k < 4 && val[feat] > brk[k])
				k++;
			rgb = (unsigned)strtoul(blues[k] + 1, NULL, 16);
		}
		/* one blank line between rings: gnuplot fills each block on its own, in order */
		if (i)
			fputc('\n', f);
		for (size_t j = 0; j < n; j++)
			fprintf(f, "%.6f %.6f %u\n", x[j], y[j], rgb);
		mlat = y[0];
	}
	fputs("\n\n", f);   /* index 1: the cameras */
	size_t ncam = 0;
	for (uint32_t i = 0; i < ae_strtab_count(a->cameras); i++)
		if (!isnan(a->camera_lat[i]) && !isnan(a->camera_lon[i]) && a->cam[i].reads) {
			fprintf(f, "%.6f %.6f 0\n", a->camera_lon[i], a->camera_lat[i]);
			ncam++;
		}
	if (!ncam)
		fputs("NaN NaN 0\n", f);
	if (dat_close(c, f, name)) {
		free(val);
		return AE_EIO;
	}
	ae_buf s;
	ae_buf_init(&s);
	gp_begin(c, &s, name, "Reads per 1,000 residents by area, with camera locations", 820, 760);
	/* degrees of longitude shrink with latitude: keep the map's shape */
	ae_buf_printf(&s, "unset xtics\nunset ytics\nunset border\nunset grid\nset size ratio -1\nset key outside right top\n"
			  "set xrange [*:*]\nset yrange [*:*]\nlonscale = %.6f\n", cos(mlat * 3.14159265358979323846 / 180));
	ae_buf_printf(&s, "plot 'chart-%s.dat' index 0 using ($1*lonscale):2:3 with filledcurves closed fc rgb variable notitle, \\\n"
			  "     '' index 0 using ($1*lonscale):2 with lines lc rgb '#444444' lw 0.6 notitle",
		      name);
	for (int k = 0; k < 5 && nv; k++) {
		if (k && brk[k] == brk[k - 1])
			continue;
		ae_buf_printf(&s, ", \\\n     NaN with boxes fs solid fc rgb '%s' title '%s %.0f'", blues[k],
			      k ? "up to" : "lowest, up to", brk[k]);
	}
	free(sorted);
	ae_buf_printf(&s, ", \\\n     'chart-%s.dat' index 1 using ($1*lonscale):2 with points pt 7 ps 0.8 lc rgb '%s' title 'fixed camera'\n",
		      name, VERMILLION);
	free(val);
	return gp_finish(c, &s, name, "Map of exposure",
			 "Areas shaded by reads per 1,000 residents, in five classes by rank (darkest: the most-read fifth of areas); dots are fixed cameras. Mobile units have no fixed place and are not shown.",
			 820, 760);
}

int ae_charts_draw(const ae_study *st, const ae_agg *a, const ae_table *t, const char *dir, ae_chartset *out,
		   ae_error *err)
{
	memset(out, 0, sizeof *out);
	cx c = {.st = st, .a = a, .t = t, .dir = dir, .out = out, .err = err};
	ae_buf_init(&c.missing);
	int rc = ae_plot_version(out->gnuplot_version, sizeof out->gnuplot_version, err);
	int hits = st->input[TB_HITS].present, areas = st->input[TB_HOODS].present;
	char pct[64];
	snprintf(pct, sizeof pct, "per cent, with %g %% intervals", st->confidence * 100);
	if (!rc)
		rc = chart_funnel(&c);
	if (!rc && hits)
		rc = chart_intervals(&c, "hit_rate_camera", "hit_rate", "camera", "Hit rate by camera", pct,
				     "Alerts per read at each camera, highest first; the bars are intervals.", 100, 0, NAN);
	if (!rc && hits)
		rc = chart_intervals(&c, "false_positive_rate_camera", "false_positive_rate", "camera",
				     "False-positive rate by camera", pct,
				     "Share of verified alerts at each camera that were wrong (misread, wrong state or stale entry).", 100, 0, NAN);
	if (!rc && hits)
		rc = chart_intervals(&c, "hit_rate_hotlist", "hit_rate", "hotlist", "Hit rate by hotlist", pct,
				     "Alerts per read, by the hotlist that raised them.", 100, 0, NAN);
	if (!rc && hits)
		rc = chart_intervals(&c, "false_positive_rate_hotlist", "false_positive_rate", "hotlist",
				     "False-positive rate by hotlist", pct,
				     "Share of verified alerts that were wrong, by hotlist.", 100, 0, NAN);
	if (!rc && hits)
		rc = chart_intervals(&c, "dispositions", "disposition_share", "disposition", "What verification found",
				     pct, "Share of all alerts by what the officer's check found; unverified alerts are unknown, not correct.", 100, 0, NAN);
	if (!hits)
		missing(&c, "hit and false-positive rates, dispositions", "no hits table in the study");
	if (!rc)
		rc = chart_monthly(&c);
	if (!rc && areas)
		rc = chart_intervals(&c, "exposure_neighborhood", "reads_per_1k_residents", "neighborhood",
				     "Reads per 1,000 residents by area", "reads per 1,000 residents",
				     "Reads in each area per 1,000 people who live there, highest first; small-population areas are marked and should not be ranked.",
				     1, 1, NAN);
	if (!rc && areas)
		rc = chart_intervals(&c, "disparity_group", "disparity_ratio", "group",
				     "Exposure of each group relative to the city as a whole", "disparity ratio (1 = the city's rate)",
				     "Population-weighted reads per resident for each group, divided by the city-wide rate; above 1 means more exposed.",
				     1, 0, 1);
	if (!rc && areas)
		rc = chart_map(&c);
	if (!rc && areas)
		rc = chart_lorenz(&c);
	if (!areas)
		missing(&c, "exposure charts and the map", "no neighborhoods table in the study");
	rc = wait_all(&c, rc);
	if (!rc)
		rc = ae_check_stop(err);
	out->missing = ae_strdup(c.missing.data ? c.missing.data : "");
	ae_buf_release(&c.missing);
	if (rc)
		ae_chartset_release(out);
	return rc;
}
