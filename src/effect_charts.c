/* effect_charts.c — see effect_charts.h. The rows are read by name as
 * METRICS.md ("Crime effect") spells them: crime_event_ratio by event_time
 * (groups "-12" ... "24", the ends binned, "-1" the reference with estimate
 * 1 and no interval), crime_effect_ratio and crime_effect_p at all. The
 * rates and the permutations are not rows: they come from the facts the
 * crime-effect analysis hands over (h->effect). A suppressed or empty row is
 * not drawn as a value; a chart with nothing to show is said not drawn
 * (gnuplot fails a plot element with no valid point). */
#include "effect_charts.h"
#include "chartkit.h"
#include "effect.h"
#include "numfmt.h"
#include "schema.h"
#include <stdlib.h>
#include <string.h>

static int usable(const ae_row *r) { return strcmp(r->method, "suppressed") && isfinite(r->est) && r->est > 0; }

/* Why no chart can come from the facts, or NULL when a model was fitted. */
static const char *why_no_model(const ae_chartctx *c)
{
	const ae_effect_facts *f = c->h->effect;
	if (!f)
		return c->h->st->effect_present
			     ? "no crime-effect model was handed over"
			     : "the study has incidents but no crime-effect model (no [effect] section)";
	if (!f->source)
		return "no area has a treatment date (no [treatment] table, and no camera with an installed date)";
	if (!f->nmodels || !f->model)
		return "no crime-effect model was fitted";
	return f->model[0].why_not;
}

static const char *unit_plural(const ae_chartctx *c)
{
	const ae_effect_facts *f = c->h->effect;
	return f && f->unit && strcmp(f->unit, "week") == 0 ? "weeks" : "months";
}

/* Ticks for a log axis: round values between lo and hi, denser the
 * narrower the range (a ratio axis from 0.8 to 1.3 would get only 1 from
 * the coarse list, one from 0.01 to 1,000 a crowd from the fine one). */
static void log_tics(ae_buf *s, const char *axis, double lo, double hi)
{
	static const double fine[] = {0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.7, 2};
	static const double mid[] = {0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 7, 10};
	static const double wide[] = {1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1,
				      2,    5,    10,   20,   50,   100,  200,  500,  1e3,  2e3, 5e3, 1e4};
	static const double decades[] = {1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1, 10, 100, 1e3, 1e4, 1e5, 1e6};
	double span = log10(hi / lo);
	const double *v = span < 0.6 ? fine : span < 1.5 ? mid : span < 4 ? wide : decades;
	size_t nv = span < 0.6 ? sizeof fine / sizeof fine[0]
		  : span < 1.5 ? sizeof mid / sizeof mid[0]
		  : span < 4   ? sizeof wide / sizeof wide[0]
			       : sizeof decades / sizeof decades[0];
	ae_buf_printf(s, "set %stics (", axis);
	int n = 0;
	for (size_t i = 0; i < nv; i++) {
		if (v[i] < lo || v[i] > hi)
			continue;
		char lab[32];
		if (v[i] >= 1000)
			ae_num_count(lab, sizeof lab, v[i]);
		else
			ae_num_plain(lab, sizeof lab, v[i]);
		ae_buf_printf(s, "%s\"%s\" %g", n++ ? ", " : "", lab, v[i]);
	}
	ae_buf_puts(s, ")\n");
}

/* ---------------- the event study ---------------- */
typedef struct ev {
	long k;
	double est, lo, hi; /* NAN: not drawn */
	int ref;
} ev;

static int ev_cmp(const void *a, const void *b)
{
	long x = ((const ev *)a)->k, y = ((const ev *)b)->k;
	return (x > y) - (x < y);
}

static int chart_event(ae_chartctx *c)
{
	const char *name = "crime-event";
	const ae_table *t = c->h->t;
	const char *why = why_no_model(c);
	ev *e = ae_calloc(t->n ? t->n : 1, sizeof *e);
	size_t n = 0, drawn = 0, nref = 0, bare = 0;
	for (size_t i = 0; i < t->n; i++) {
		const ae_row *r = &t->rows[i];
		if (strcmp(r->metric, AE_M(crime_event_ratio)) || strcmp(r->dimension, "event_time"))
			continue;
		ev *x = &e[n++];
		x->k = strtol(r->group, NULL, 10);
		x->ref = x->k == -1;
		x->est = usable(r) ? r->est : NAN;
		x->lo = usable(r) && r->lo > 0 ? r->lo : NAN;
		x->hi = usable(r) && r->hi > 0 ? r->hi : NAN;
		nref += x->ref && !isnan(x->est);
		drawn += !x->ref && !isnan(x->est) && !isnan(x->lo) && !isnan(x->hi);
		bare += !x->ref && !isnan(x->est) && (isnan(x->lo) || isnan(x->hi));
	}
	if (why || !drawn) {
		free(e);
		ae_chart_missing(c, name,
				 why ? why
				 : n ? "every crime_event_ratio row is empty or suppressed"
				     : "no crime_event_ratio rows in metrics.csv");
		return AE_OK;
	}
	qsort(e, n, sizeof *e, ev_cmp);
	double lo = 1, hi = 1;
	for (size_t i = 0; i < n; i++) {
		if (isnan(e[i].est))
			continue;
		lo = fmin(lo, fmin(e[i].est, isnan(e[i].lo) ? e[i].est : e[i].lo));
		hi = fmax(hi, fmax(e[i].est, isnan(e[i].hi) ? e[i].est : e[i].hi));
	}
	lo /= 1.3;
	hi *= 1.3;
	long kmin = e[0].k, kmax = e[n - 1].k;
	FILE *f = ae_chart_dat_open(c, name, "");
	if (!f) {
		free(e);
		return AE_EIO;
	}
	fputs("# crime_event_ratio by event_time from metrics.csv; the first and last periods gather every period "
	      "further out\n# event_time estimate ci_low ci_high reference label (NaN: empty or suppressed)\n",
	      f);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "%ld", e[i].k);
		const double col[3] = {e[i].est, e[i].lo, e[i].hi};
		for (int j = 0; j < 3; j++)
			if (isnan(col[j]))
				fputs(" NaN", f);
			else
				fprintf(f, " %.10g", col[j]);
		char lab[32];
		if (i == 0 && n > 1)
			snprintf(lab, sizeof lab, "\xe2\x89\xa4 %ld", e[i].k);
		else if (i == n - 1 && n > 1)
			snprintf(lab, sizeof lab, "\xe2\x89\xa5 %ld", e[i].k);
		else
			snprintf(lab, sizeof lab, "%ld", e[i].k);
		fprintf(f, " %d ", e[i].ref);
		ae_chart_label(f, lab);
		fputc('\n', f);
	}
	if (ae_chart_dat_close(c, f, name)) {
		free(e);
		return AE_EIO;
	}
	const char *units = unit_plural(c);
	char conf[32], xl[96], ttl[128];
	ae_num_plain(conf, sizeof conf, c->h->st->confidence * 100);
	snprintf(xl, sizeof xl, "%s before and after the first camera", units);
	const char *title = "Incidents relative to expected, before and after an area's first camera";
	ae_buf s;
	ae_buf_init(&s);
	ae_chart_begin_period(c, &s, name, title, 900, 540, c->h->st->effect_start_s, c->h->st->effect_end_s);
	ae_buf_puts(&s, "set xlabel ");
	ae_chart_quote(&s, xl);
	ae_buf_puts(&s, "\nset ylabel 'incidents relative to expected (log scale)'\nset logscale y\n");
	ae_buf_printf(&s, "set yrange [%.6g:%.6g]\nset xrange [%ld.5:%ld.5]\n", lo, hi, kmin - 1, kmax);
	log_tics(&s, "y", lo, hi);
	/* the ends, zero, and every step between: no more than about a dozen labels */
	long span = kmax - kmin, step = span <= 16 ? 2 : span <= 40 ? 6 : span <= 80 ? 12 : 26;
	ae_buf_puts(&s, "set xtics (");
	for (size_t i = 0; i < n; i++) {
		long k = e[i].k;
		int end = i == 0 || i == n - 1;
		if (!end && k % step != 0 && k != -1)
			continue;
		if (!end && (k - kmin < step / 2 || kmax - k < step / 2) && k != 0 && k != -1)
			continue;
		if (end && n > 1)
			ae_buf_printf(&s, "%s\"%s %ld\" %ld", i ? ", " : "", i ? "\xe2\x89\xa5" : "\xe2\x89\xa4", k, k);
		else
			ae_buf_printf(&s, "%s\"%ld\" %ld", i ? ", " : "", k, k);
	}
	ae_buf_puts(&s, ")\n");
	ae_buf_puts(&s, "set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb '#555555'\n"
			"set arrow 2 from first -0.5, graph 0 to first -0.5, graph 1 nohead dt 3 lc rgb '#888888'\n"
			"set label 3 'first camera' at first -0.3, graph 0.96 left textcolor rgb '#555555'\n"
			"set key bottom left\n");
	snprintf(ttl, sizeof ttl, "ratio and %s %% interval", conf);
	ae_buf_printf(&s,
		      "plot 'chart-%s.dat' using 1:($5 > 0 ? NaN : $2):3:4 with yerrorbars pt 7 ps 1.2 lc rgb '%s' "
		      "title ",
		      name, AE_BLUE);
	ae_chart_quote(&s, ttl);
	if (nref)
		ae_buf_printf(&s,
			      ", \\\n     '' using 1:($5 > 0 ? $2 : NaN) with points pt 6 ps 1.6 lc rgb '%s' title "
			      "'reference period (set to 1)'",
			      AE_VERMILLION);
	ae_buf_addc(&s, '\n');
	free(e);
	ae_buf cap;
	ae_buf_init(&cap);
	ae_buf_printf(&cap,
		      "Each point is the incidents in areas with cameras over the incidents expected there without "
		      "them, so many %s before (left of the dotted line) or after (right of it) the area's first "
		      "camera, with its %s %% interval (leave one area out). The period just before the camera is "
		      "the reference, set to 1. Before the camera, points near the dashed line at 1 mean the areas "
		      "with cameras moved like the others; after it, points below the line mean fewer incidents than "
		      "expected, above it more. The first and last points gather every period further out.",
		      units, conf);
	if (bare)
		ae_buf_puts(&cap, " A point with no bar has no interval in metrics.csv.");
	int rc = ae_chart_finish(c, &s, name, title, cap.data, 900, 540);
	ae_buf_release(&cap);
	return rc;
}

/* ---------------- treated and control areas over time ---------------- */
static int chart_rates(ae_chartctx *c)
{
	const char *name = "crime-rates";
	const ae_effect_facts *f = c->h->effect;
	if (!f || !f->source) {
		ae_chart_missing(c, name, why_no_model(c));
		return AE_OK;
	}
	size_t P = f->nperiods, nc = 0, nb = 0, na = 0;
	for (size_t p = 0; p < P; p++) {
		nc += f->control && isfinite(f->control[p]);
		nb += f->treated_before && isfinite(f->treated_before[p]);
		na += f->treated_after && isfinite(f->treated_after[p]);
	}
	if (!P || !(nc + nb + na)) {
		ae_chart_missing(c, name,
				 P ? "no area of the panel has an incident to average (every area left out)"
				   : "the effect window holds no period");
		return AE_OK;
	}
	/* the installation periods: the first treated period of each treated area's cohort */
	size_t *installed = ae_calloc(P, sizeof *installed);
	for (size_t i = 0; i < f->nareas; i++)
		if (f->role[i] == ER_TREATED && f->first[i] >= 0 && (size_t)f->first[i] < P)
			installed[f->first[i]]++;
	FILE *o = ae_chart_dat_open(c, name, "");
	if (!o) {
		free(installed);
		return AE_EIO;
	}
	fprintf(o,
		"# mean incidents per area and %s (all types) from the crime-effect facts\n"
		"# index period control_areas treated_before_first_camera treated_after_first_camera "
		"areas_first_treated_here (NaN: no area to average)\n",
		f->unit ? f->unit : "period");
	double top = 0;
	for (size_t p = 0; p < P; p++) {
		fprintf(o, "%zu ", p);
		ae_chart_label(o, f->period[p]);
		const double col[3] = {f->control ? f->control[p] : NAN, f->treated_before ? f->treated_before[p] : NAN,
				       f->treated_after ? f->treated_after[p] : NAN};
		for (int j = 0; j < 3; j++) {
			if (!isfinite(col[j])) {
				fputs(" NaN", o);
				continue;
			}
			fprintf(o, " %.10g", col[j]);
			top = fmax(top, col[j]);
		}
		fprintf(o, " %zu\n", installed[p]);
	}
	if (ae_chart_dat_close(c, o, name)) {
		free(installed);
		return AE_EIO;
	}
	const char *unit = f->unit && strcmp(f->unit, "week") == 0 ? "week" : "month";
	const char *title = "Incidents per area: areas with cameras and areas without";
	ae_buf s;
	ae_buf_init(&s);
	ae_chart_begin_period(c, &s, name, title, 1000, 620, c->h->st->effect_start_s, c->h->st->effect_end_s);
	ae_buf_printf(&s, "set ylabel 'mean incidents per area per %s'\nset yrange [0:%.6g]\nset xrange [-0.5:%zu.5]\n",
		      unit, top > 0 ? top * 1.25 : 1, P - 1);
	size_t step = P <= 14 ? 1 : (P + 11) / 12;
	if (!strcmp(unit, "month") && P > 14)
		step = step <= 3 ? 3 : step <= 6 ? 6 : (step + 11) / 12 * 12;
	ae_buf_puts(&s, "set xtics rotate by 45 right (");
	for (size_t p = 0; p < P; p += step) {
		ae_buf_puts(&s, p ? ", " : "");
		ae_chart_quote(&s, f->period[p]);
		ae_buf_printf(&s, " %zu", p);
	}
	/* the key above the plot: the lines fill the whole of it */
	ae_buf_puts(&s, ")\nset bmargin 6\nset key tmargin right vertical samplen 1.5\n");
	int arrows = 0;
	for (size_t p = 0; p < P; p++)
		if (installed[p])
			ae_buf_printf(&s,
				      "set arrow %d from first %zu, graph 0 to first %zu, graph 1 nohead dt 3 lc rgb '#888888'\n",
				      ++arrows, p, p);
	free(installed);
	const char *style = P > 40 ? "lines lw 2" : "linespoints pt 7 ps 0.6 lw 2";
	const char *sep = "plot 'chart-crime-rates.dat' ";
	if (nc) {
		ae_buf_printf(&s, "%susing 1:3 with %s lc rgb '%s' title 'areas without cameras in the window'", sep,
			      style, AE_BLUE);
		sep = ", \\\n     '' ";
	}
	if (nb) {
		ae_buf_printf(&s,
			      "%susing 1:4 with %s lc rgb '%s' title 'areas with cameras, before their first camera'",
			      sep, style, AE_ORANGE);
		sep = ", \\\n     '' ";
	}
	if (na)
		ae_buf_printf(&s, "%susing 1:5 with %s lc rgb '%s' title 'areas with cameras, after their first camera'",
			      sep, style, AE_VERMILLION);
	ae_buf_addc(&s, '\n');
	ae_buf cap;
	ae_buf_init(&cap);
	ae_buf_printf(&cap,
		      "The mean number of incidents per area in each %s from %s to %s (the effect window): of the "
		      "areas that got no camera in the window, and of the areas that did, before and after their "
		      "first camera. Dotted lines mark the %ss in which areas got their first camera. The areas with "
		      "cameras got them at different times, so these averages show the data the model compares, not "
		      "the effect itself.",
		      unit, f->period[0], f->period[P - 1], unit);
	int rc = ae_chart_finish(c, &s, name, title, cap.data, 1000, 620);
	ae_buf_release(&cap);
	return rc;
}

/* ---------------- the randomization distribution ---------------- */
/* " [metrics.csv line N: metric, dimension, group, method]" of a table row */
static void cite(ae_buf *b, const ae_chartctx *c, const ae_row *r)
{
	ae_buf_printf(b, " [metrics.csv line %zu: %s, %s, %s, %s]", (size_t)(r - c->h->t->rows) + 2, r->metric,
		      r->dimension, r->group, r->method);
}

static int chart_permutations(ae_chartctx *c)
{
	const char *name = "crime-permutations";
	const char *why = why_no_model(c);
	const ae_effect_model *m = !why ? &c->h->effect->model[0] : NULL;
	if (m && (!m->nperm || !m->perm_att))
		why = "no permutations were run (permutations = 0 in [effect])";
	else if (m && !isfinite(m->att))
		why = "the model gave no observed ratio";
	double lo = INFINITY, hi = -INFINITY;
	size_t nf = 0;
	for (size_t i = 0; !why && i < m->nperm; i++)
		if (isfinite(m->perm_att[i])) {
			nf++;
			lo = fmin(lo, m->perm_att[i]);
			hi = fmax(hi, m->perm_att[i]);
		}
	if (!why && !nf)
		why = "no permutation gave a ratio";
	if (why) {
		ae_chart_missing(c, name, why);
		return AE_OK;
	}
	/* bins of equal width on the log scale, the observed value and its mirror inside */
	lo = fmin(lo, -fabs(m->att));
	hi = fmax(hi, fabs(m->att));
	if (hi - lo < 1e-9) {
		lo -= 0.05;
		hi += 0.05;
	}
	size_t nb = nf < 100 ? 10 : nf < 400 ? 20 : 30;
	double w = (hi - lo) / (double)nb;
	size_t *cnt = ae_calloc(nb, sizeof *cnt);
	for (size_t i = 0; i < m->nperm; i++) {
		if (!isfinite(m->perm_att[i]))
			continue;
		size_t k = (size_t)((m->perm_att[i] - lo) / w);
		cnt[k < nb ? k : nb - 1]++;
	}
	FILE *f = ae_chart_dat_open(c, name, "");
	if (!f) {
		free(cnt);
		return AE_EIO;
	}
	fprintf(f,
		"# the ratio for all incidents under %zu random reassignments of the installation dates among the "
		"areas (crime-effect facts), binned on the log scale\n# ratio_from ratio_to ratio_mid reassignments\n",
		nf);
	size_t top = 0;
	for (size_t k = 0; k < nb; k++) {
		fprintf(f, "%.10g %.10g %.10g %zu\n", exp(lo + w * (double)k), exp(lo + w * (double)(k + 1)),
			exp(lo + w * ((double)k + 0.5)), cnt[k]);
		top = cnt[k] > top ? cnt[k] : top;
	}
	free(cnt);
	if (ae_chart_dat_close(c, f, name))
		return AE_EIO;
	double obs = exp(m->att), mir = exp(-m->att), xlo = exp(lo - w), xhi = exp(hi + w);
	char os[64];
	ae_num_figure(os, sizeof os, obs, FIG_RATIO, ae_num_decimals(FIG_RATIO, obs));
	const char *title = "The observed ratio against random reassignments of the installation dates";
	ae_buf s;
	ae_buf_init(&s);
	ae_chart_begin_period(c, &s, name, title, 900, 520, c->h->st->effect_start_s, c->h->st->effect_end_s);
	ae_buf_printf(&s,
		      "set xlabel 'incidents relative to expected, all incidents (log scale)'\nset ylabel "
		      "'reassignments'\nset logscale x\nset xrange [%.6g:%.6g]\nset yrange [0:%.6g]\n",
		      xlo, xhi, (double)top * 1.2 + 1);
	log_tics(&s, "x", xlo, xhi);
	ae_buf_printf(&s,
		      "set arrow 1 from first %.10g, graph 0 to first %.10g, graph 1 nohead front lw 3 lc rgb '%s'\n"
		      "set arrow 2 from first %.10g, graph 0 to first %.10g, graph 1 nohead front lw 2 dt 2 lc rgb '%s'\n"
		      "set label 3 ",
		      obs, obs, AE_VERMILLION, mir, mir, AE_VERMILLION);
	char lab[96];
	snprintf(lab, sizeof lab, "observed: %s", os);
	ae_chart_quote(&s, lab);
	/* the labels on the side of each line toward 1, inside the plot */
	ae_buf_printf(&s,
		      " at first %.10g, graph 0.95 %s offset %s,0 textcolor rgb '%s'\n"
		      "set label 4 'as far the other way' at first %.10g, graph 0.88 %s offset %s,0 textcolor rgb "
		      "'%s'\nset style fill solid 0.7 border -1\n"
		      "plot 'chart-%s.dat' using 3:($4/2):1:2:(0):4 with boxxyerror lc rgb '%s' notitle\n",
		      obs, obs < 1 ? "left" : "right", obs < 1 ? "1" : "-1", AE_VERMILLION, mir,
		      mir < 1 ? "left" : "right", mir < 1 ? "1" : "-1", AE_VERMILLION, name, AE_BLUE);
	ae_buf cap;
	ae_buf_init(&cap);
	char nfs[64];
	ae_num_count(nfs, sizeof nfs, (double)nf);
	ae_buf_printf(&cap,
		      "The bars show how the ratio for all incidents comes out when the areas' installation dates are "
		      "handed out again at random, %s times: what chance alone gives. The solid line is the observed "
		      "ratio, %s",
		      nfs, os);
	const ae_row *ratio = ae_chart_find(c, AE_M(crime_effect_ratio), "all", "all", NULL);
	if (ratio && usable(ratio))
		cite(&cap, c, ratio);
	ae_buf_puts(&cap, "; the dashed line is as far from 1 the other way.");
	const ae_row *p = ae_chart_find(c, AE_M(crime_effect_p), "all", "all", NULL);
	if (p && strcmp(p->method, "suppressed") && isfinite(p->est)) {
		char ps[64];
		ae_num_figure(ps, sizeof ps, p->est, FIG_RATIO, ae_num_decimals(FIG_RATIO, p->est));
		ae_buf_printf(&cap,
			      " The randomization p-value, the share of reassignments at least as far from 1 as the "
			      "observed ratio (either way), is %s",
			      ps);
		cite(&cap, c, p);
		ae_buf_puts(&cap, ".");
	}
	int rc = ae_chart_finish(c, &s, name, title, cap.data, 900, 520);
	ae_buf_release(&cap);
	return rc;
}

/* Whether the study is about crime at all: incidents, a crime model, or its rows. */
static int about_crime(const ae_chartctx *c)
{
	if (c->h->effect || c->h->st->input[TB_INCIDENTS].present)
		return 1;
	return ae_chart_find(c, AE_M(crime_event_ratio), "event_time", "-1", NULL) != NULL;
}

int ae_effect_charts(ae_chartctx *c)
{
	if (!about_crime(c))
		return AE_OK;
	int rc = chart_event(c);
	if (!rc)
		rc = chart_rates(c);
	if (!rc)
		rc = chart_permutations(c);
	return rc;
}
