/* test_effect_report.c — the crime effect's report layer (effect_charts.c,
 * effect_brief.c) on a metrics table and crime-effect facts made by hand in
 * the shape METRICS.md ("Crime effect") and src/effect.h give them, so it
 * tests the charts and the section apart from the model:
 * - a fitted model: the three charts drawn, their data files holding the
 *   rows' and the facts' numbers, the permutation chart's caption citing the
 *   p-value's line; the section and the summary with every figure its cited
 *   row (the check of tests/test_briefing.c, repeated here), and every other
 *   number in the section's prose one the test put into the table or facts;
 * - a model that could not be fitted (why_not): the event study and the
 *   permutations not drawn with that reason, the rates still drawn, the
 *   section saying why;
 * - a study with incidents but no crime model, one with no treatment dates,
 *   and one with no incidents: the Not-answered sentences naming the input,
 *   and (without incidents) no crime chart and nothing said of one.
 * The study itself comes from committed tiny studies (tiny-effect for the
 * model, tiny-incidents for a study with no [effect] section, tiny-searches
 * for one with no incidents); the table and the facts replace what their
 * run made. */
#define _GNU_SOURCE
#include "testutil.h"
#include "brief_read.h"
#include "briefing.h"
#include "chartkit.h"
#include "charts.h"
#include "effect.h"
#include "output.h"
#include "table.h"
#include <ctype.h>
#include <limits.h>
#include <gsl/gsl_errno.h>

#define P 24 /* months 2023-01 .. 2024-12 */
#define NPERM 999

/* ---------------- the hand-made table and facts ---------------- */
typedef struct fixture {
	run s;
	ae_table t;
	ae_effect_facts f;
	ae_effect_model m[3];
	char *period[P];
	char *area[6];
	int role[6], first[6];
	long start[6];
	double before[P], after[P], control[P];
	double perm[NPERM];
	ae_handover h;
	ae_outdir *od;
	ae_chartset cs;
	char target[160];
} fixture;

static ae_row *add(ae_table *t, const char *m, const char *dim, const char *g, const char *meth, double est, double lo,
		   double hi, double num, double den)
{
	ae_row *r = ae_table_add(t, m, dim, g, meth);
	r->est = est;
	r->lo = lo;
	r->hi = hi;
	r->num = num;
	r->den = den;
	return r;
}

/* Rows: all incidents 0.8 (0.6-1.07), 5 of 40 areas treated, p 0.123 (122 of 999), MDE 25 %, pre-trend
 * p 0.64; burglary 0.7 (0.5-0.98), p 0.04, MDE 31 %, pre-trend 0.02; robbery not fitted (empty row). */
static void make_table(ae_table *t)
{
	ae_table_init(t);
	add(t, "crime_effect_ratio", "all", "all", "jackknife_area", 0.8, 0.6, 1.07, 5, 40);
	add(t, "crime_effect_ratio", "type", "burglary", "jackknife_area", 0.7, 0.5, 0.98, 5, 40);
	add(t, "crime_effect_ratio", "type", "robbery", "jackknife_area", NAN, NAN, NAN, 5, 40);
	add(t, "crime_effect_p", "all", "all", "none", 0.123, NAN, NAN, 122, 999);
	add(t, "crime_effect_p", "type", "burglary", "none", 0.04, NAN, NAN, 39, 999);
	add(t, "crime_effect_mde", "all", "all", "none", 0.25, NAN, NAN, NAN, NAN);
	add(t, "crime_effect_mde", "type", "burglary", "none", 0.31, NAN, NAN, NAN, NAN);
	for (int k = -12; k <= 24; k++) {
		char g[16];
		snprintf(g, sizeof g, "%d", k);
		if (k == -1)
			add(t, "crime_event_ratio", "event_time", g, "none", 1, NAN, NAN, NAN, NAN);
		else if (k == 7) /* an empty one: not drawn */
			add(t, "crime_event_ratio", "event_time", g, "jackknife_area", NAN, NAN, NAN, NAN, NAN);
		else if (k == 9) /* an estimate with no interval: a point with no bar */
			add(t, "crime_event_ratio", "event_time", g, "jackknife_area", 0.5, NAN, NAN, NAN, NAN);
		else {
			double e = k < 0 ? 1 + 0.01 * k : 0.8 - 0.005 * k;
			add(t, "crime_event_ratio", "event_time", g, "jackknife_area", e, e * 0.7, e * 1.4, NAN, NAN);
		}
	}
	add(t, "crime_pretrend_p", "all", "all", "none", 0.64, NAN, NAN, 11, 39);
	add(t, "crime_pretrend_p", "type", "burglary", "none", 0.02, NAN, NAN, 11, 39);
	add(t, "incidents", "all", "all", "none", 1234, NAN, NAN, NAN, NAN);
}

/* Areas Alder and Birch treated (first periods 10 and 14), Cedar and Dogwood controls, Elm left out
 * (treated before the window), Fir left out (no incidents); of the 9 burglary cells, 3 with no
 * incident (kept) and 2 not identified (left out). */
static void make_facts(fixture *x)
{
	static const char *const names[6] = {"Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir"};
	static const int roles[6] = {ER_TREATED, ER_TREATED, ER_CONTROL, ER_CONTROL, ER_LEFT_EARLY, ER_LEFT_NO_DATA};
	static const int firsts[6] = {10, 14, -1, -1, -1, -1};
	ae_effect_facts *f = &x->f;
	memset(f, 0, sizeof *f);
	f->unit = "month";
	f->source = "treatment table";
	f->nperiods = P;
	for (int p = 0; p < P; p++) {
		char lab[16];
		snprintf(lab, sizeof lab, "%d-%02d", 2023 + p / 12, p % 12 + 1);
		x->period[p] = ae_strdup(lab);
		x->control[p] = 3 + 0.1 * p;
		x->before[p] = p < 14 ? 4 + 0.1 * p : NAN; /* no treated area before its start after period 13 */
		x->after[p] = p >= 10 ? 3.5 : NAN;
	}
	x->control[5] = NAN; /* a gap */
	f->period = x->period;
	f->nareas = 6;
	for (int i = 0; i < 6; i++) {
		x->area[i] = ae_strdup(names[i]);
		x->role[i] = roles[i];
		x->first[i] = firsts[i];
		x->start[i] = LONG_MIN;
		f->nrole[roles[i]]++;
	}
	f->area = x->area;
	f->role = x->role;
	f->first = x->first;
	f->start_day = x->start;
	f->ncohorts = 2;
	f->treated_before = x->before;
	f->treated_after = x->after;
	f->control = x->control;
	/* reassignments: a fixed spread around no change (a deterministic stand-in for the draws) */
	for (int i = 0; i < NPERM; i++)
		x->perm[i] = 0.3 * sin(1.7 * i) * cos(0.37 * i);
	x->m[0] = (ae_effect_model){.type = "all", .cells = 26, .nperm = NPERM, .perm_att = x->perm, .att = log(0.8)};
	x->m[1] = (ae_effect_model){.type = "burglary",
				    .cells = 9,
				    .cells_dropped = 3,
				    .cells_unidentified = 2,
				    .att = log(0.7)};
	x->m[2] = (ae_effect_model){.type = "robbery",
				    .why_not = "too few robberies in the areas with cameras to fit a model",
				    .att = NAN};
	f->nmodels = 3;
	f->model = x->m;
}

static void fx_init(fixture *x, const char *study, int with_facts)
{
	memset(x, 0, sizeof *x);
	run_study(&x->s, study);
	make_table(&x->t);
	make_facts(x);
	x->h = *x->s.h;
	x->h.t = &x->t;
	x->h.effect = with_facts ? &x->f : NULL;
}

static void fx_free(fixture *x)
{
	ae_chartset_release(&x->cs);
	ae_outdir_free(x->od);
	ae_table_release(&x->t);
	for (int p = 0; p < P; p++)
		free(x->period[p]);
	for (int i = 0; i < 6; i++)
		free(x->area[i]);
	run_free(&x->s);
}

/* Charts, metrics.csv and the briefing into a fresh report folder. */
static void draw_and_brief(fixture *x)
{
	ae_error err = {0, ""};
	snprintf(x->target, sizeof x->target, "/tmp/ae-effect-report-%ld", (long)getpid());
	rm_tree(x->target);
	if (ae_outdir_begin(&x->od, x->target, &err))
		fail_msg("%s", err.msg);
	if (ae_charts_draw(&x->h, x->od, NULL, &x->cs, &err))
		fail_msg("%s", err.msg);
	FILE *f = ae_outdir_open(x->od, "metrics.csv", &err);
	assert_non_null(f);
	assert_int_equal(ae_table_write_csv(&x->t, f), 0);
	assert_int_equal(ae_outdir_close(x->od, f, "metrics.csv", &err), 0);
	if (ae_briefing_write(&x->h, &x->cs, x->od, &err))
		fail_msg("%s", err.msg);
}

static char *file_in(const fixture *x, const char *name)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", ae_outdir_path(x->od), name);
	char *text = slurp_file(p, NULL);
	if (!text)
		fail_msg("no %s", name);
	return text;
}

static const ae_chart *chart(const ae_chartset *cs, const char *name)
{
	for (size_t i = 0; i < cs->n; i++)
		if (strcmp(cs->charts[i].name, name) == 0)
			return &cs->charts[i];
	return NULL;
}

static void assert_not_drawn(const fixture *x, const char *name, const char *why)
{
	assert_null(chart(&x->cs, name));
	char item[512];
	snprintf(item, sizeof item, "%s: %s\n", name, why);
	if (!strstr(x->cs.missing, item))
		fail_msg("\"%s\" not among the charts left out:\n%s", item, x->cs.missing);
}

static void assert_has(const char *text, const char *what)
{
	if (!strstr(text, what))
		fail_msg("no \"%s\" in:\n%.3000s", what, text);
}

/* ---------------- reading a section back (tests/brief_read.h) ---------------- */

/* metrics.csv line i + 1 split into its 9 fields (copy owned by the caller) */
static char *csv_line(const char *csv, size_t line, char *f[9])
{
	const char *p = csv;
	for (size_t i = 1; i < line && p; i++) {
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	if (!p || !*p)
		fail_msg("metrics.csv has no line %zu", line);
	const char *e = strchr(p, '\n');
	char *copy = ae_strndup(p, e ? (size_t)(e - p) : strlen(p)), *q = copy;
	for (int i = 0; i < 9; i++) {
		f[i] = q;
		char *c = strchr(q, ',');
		if (i < 8) {
			if (!c)
				fail_msg("short metrics line %zu", line);
			*c = '\0';
			q = c + 1;
		}
	}
	return copy;
}

/* Every figure of the section is its cited row, printed as test_briefing's check_section wants it;
 * returns the section with figures and citations cut out (and their count in *nfig). */
static char *check_figures(const char *html, const char *id, const char *csv, double conf, int *nfig)
{
	char head[64];
	snprintf(head, sizeof head, "<section id=\"%s\"", id);
	char *sec = between(html, head, "</section>");
	int figures = 0;
	brief_fig fg;
	for (const char *p = sec; brief_next_fig(p, &fg); p = fg.end) {
		size_t line = fg.line;
		const char *text = fg.text;
		char *f[9], *copy = csv_line(csv, line, f);
		if (strcmp(f[0], fg.m) || strcmp(f[1], fg.d) || strcmp(f[2], fg.g) || strcmp(f[8], fg.meth))
			fail_msg("line %zu holds %s,%s,%s,%s but is cited as %s, %s, %s, %s", line, f[0], f[1], f[2],
				 f[8], fg.m, fg.d, fg.g, fg.meth);
		tok t[8];
		int n = numbers(text, t, 8);
		assert_true(n >= 1);
		double scale = strncmp(t[0].end, " %", 2) == 0 ? 100 : 1;
		near(t[0], strtod(f[3], NULL) * scale, "estimate", line);
		if (strstr(text, "interval")) {
			assert_int_equal(n, 4);
			near(t[1], conf * 100, "level", line);
			near(t[2], strtod(f[4], NULL) * scale, "ci_low", line);
			near(t[3], strtod(f[5], NULL) * scale, "ci_high", line);
		} else if (n != 1) {
			fail_msg("'%s': unexpected numbers", text);
		}
		free(copy);
		free(fg.text);
		figures++;
	}
	const char *open = "<span class=\"fig\" data-line=\"";
	ae_buf rest;
	ae_buf_init(&rest);
	for (const char *q = sec; *q;) {
		if (strncmp(q, open, strlen(open)) == 0)
			q = strstr(q, "</span>") + 7;
		else if (strncmp(q, CITE_OPEN, strlen(CITE_OPEN)) == 0)
			q = strstr(q, CITE_CLOSE) + strlen(CITE_CLOSE);
		else if (*q == '<')
			q = strchr(q, '>') + 1;
		else
			ae_buf_addc(&rest, *q++);
	}
	ae_buf_addc(&rest, '\0');
	unescape(rest.data);
	free(sec);
	*nfig = figures;
	return rest.data;
}

/* Every number of text is one of want[0..n). */
static void only_numbers(const char *text, const double *want, size_t n)
{
	tok t[256];
	int k = numbers(text, t, 256);
	for (int i = 0; i < k; i++) {
		size_t j = 0;
		while (j < n && want[j] != t[i].v)
			j++;
		if (j == n)
			fail_msg("the number %g (...%.40s) is in no row or fact the test made", t[i].v,
				 t[i].end - (t[i].end - text > 40 ? 40 : t[i].end - text));
	}
}

/* ---------------- tests ---------------- */
static void test_fitted(void **state)
{
	(void)state;
	fixture x;
	fx_init(&x, "tests/data/tiny-effect/study.ini", 1);
	draw_and_brief(&x);

	/* the event study: the reference row at 1 with no interval, the binned ends, the empty row as NaN */
	assert_non_null(chart(&x.cs, "crime-event"));
	char *dat = file_in(&x, "chart-crime-event.dat");
	assert_has(dat, "\n-1 1 NaN NaN 1 \"-1\"\n");
	assert_has(dat, "\n-12 0.88 0.616 1.232 0 \"\xe2\x89\xa4 -12\"\n");
	assert_has(dat, "\n24 0.68 0.476 0.952 0 \"\xe2\x89\xa5 24\"\n");
	assert_has(dat, "\n7 NaN NaN NaN 0 \"7\"\n");
	assert_has(dat, "\n9 0.5 NaN NaN 0 \"9\"\n");
	assert_has(chart(&x.cs, "crime-event")->caption, "A point with no bar has no interval in metrics.csv.");
	assert_has(dat, "\n0 0.8 0.56 1.12 0 \"0\"\n");
	free(dat);
	char *gp = file_in(&x, "chart-crime-event.gp");
	assert_has(gp, "set logscale y");
	assert_has(gp, "months before and after the first camera");
	assert_has(gp, "first 1 to graph 1, first 1 nohead");
	free(gp);

	/* the rates: gaps as NaN, the installation periods 10 and 14 marked */
	assert_non_null(chart(&x.cs, "crime-rates"));
	dat = file_in(&x, "chart-crime-rates.dat");
	assert_has(dat, "\n5 \"2023-06\" NaN 4.5 NaN 0\n");
	assert_has(dat, "\n10 \"2023-11\" 4 5 3.5 1\n");
	assert_has(dat, "\n14 \"2024-03\" 4.4 NaN 3.5 1\n");
	free(dat);
	gp = file_in(&x, "chart-crime-rates.gp");
	assert_has(gp, "set arrow 1 from first 10, graph 0 to first 10, graph 1");
	assert_has(gp, "set arrow 2 from first 14, graph 0 to first 14, graph 1");
	assert_null(strstr(gp, "set arrow 3"));
	free(gp);

	/* the permutations: every one in a bin, the observed ratio and the p-value's line (5) cited */
	const ae_chart *pc = chart(&x.cs, "crime-permutations");
	assert_non_null(pc);
	dat = file_in(&x, "chart-crime-permutations.dat");
	size_t total = 0;
	for (const char *l = dat; (l = strchr(l, '\n')) && l[1]; l++) {
		if (l[1] == '#')
			continue;
		double a, b, c;
		unsigned long k;
		assert_int_equal(sscanf(l + 1, "%lf %lf %lf %lu", &a, &b, &c, &k), 4);
		assert_true(a < c && c < b);
		total += k;
	}
	assert_int_equal(total, NPERM);
	free(dat);
	assert_has(pc->caption, "the observed ratio, 0.800 [metrics.csv line 2: crime_effect_ratio, all, all, "
				"jackknife_area]");
	assert_has(pc->caption, "is 0.123 [metrics.csv line 5: crime_effect_p, all, all, none].");
	assert_has(pc->caption, "999 times");
	assert_true(x.cs.missing == NULL || strstr(x.cs.missing, "crime-") == NULL);

	/* the section: every figure its row; the prose's other numbers are the rows' counts and the facts' */
	char *html = file_in(&x, "report.html"), *csv = file_in(&x, "metrics.csv");
	int nfig;
	char *rest = check_figures(html, "crime", csv, x.s.st->confidence, &nfig);
	/* all: ratio, p, MDE, pre-trend; the table: all 4, burglary 4 */
	assert_int_equal(nfig, 12);
	char *prose = ae_strndup(rest, (size_t)(strstr(rest, "The charts") - rest));
	/* 5 of 40 treated, 999 reassignments, 122 as large; the window's months */
	const double want[] = {5, 40, 999, 122, 2023, 1, 2024, 12};
	only_numbers(prose, want, sizeof want / sizeof want[0]);
	assert_has(prose, "5 of the 40 areas in the comparison got cameras inside the window");
	assert_has(prose, "handed out again at random among the areas 999 times; 122 of them");
	assert_has(prose, "fewer incidents than expected, but the interval also holds no change");
	assert_has(prose, "no sign that they moved differently");
	assert_has(prose, "chance alone gives a change this large often enough that it could well explain it");
	assert_has(prose, "the test to quote beside the interval, as here.");
	free(prose);
	char *lim = between(rest, "What this comparison cannot show", "What published evaluations found");
	const double want_lim[] = {2023, 1, 2024, 12, 2, 3, 9};
	only_numbers(lim, want_lim, sizeof want_lim / sizeof want_lim[0]);
	assert_has(lim, "not a randomized trial");
	assert_has(lim, "Displacement");
	assert_has(lim, "Reporting");
	assert_has(lim, "got cameras in or before the window's first month, so there is nothing before to compare "
			"with (1): Elm.");
	assert_has(lim, "no incident in the window, so the model can say nothing about them (1): Fir.");
	assert_has(lim, "2 of 9 for burglary");
	assert_has(lim, "3 of 9 for burglary");
	free(lim);
	assert_has(rest, "too few robberies in the areas with cameras to fit a model");
	assert_has(rest, "The pre-trend test fails for burglary: before the cameras came");
	assert_has(rest, "Lum, Hibdon, Cave, Koper & Merola (2011)");
	assert_has(rest, "Journal of Experimental Criminology 18(4), 725-746");
	assert_has(rest, "Police Quarterly 22(3)");
	assert_has(rest, "Rated \"No Effects\"");
	assert_has(rest, "The event study (\"Incidents relative to expected");
	assert_null(strstr(rest, "Not answered"));
	free(rest);
	/* the summary: its figures are rows, and outside them no digit */
	rest = check_figures(html, "summary", csv, x.s.st->confidence, &nfig);
	assert_int_equal(nfig, 3);
	for (const char *q = rest; *q; q++)
		if (isdigit((unsigned char)*q))
			fail_msg("a digit outside any figure in the summary: ...%.60s", q > rest + 30 ? q - 30 : rest);
	assert_has(rest, "Did crime change where the cameras went up?");
	free(rest);
	free(csv);
	free(html);
	/* AE_EFFECT_KEEP=DIR keeps a copy of the report folder, to look at the charts */
	if (getenv("AE_EFFECT_KEEP")) {
		char cmd[1024];
		snprintf(cmd, sizeof cmd, "cp -r %s/. %s/", ae_outdir_path(x.od), getenv("AE_EFFECT_KEEP"));
		assert_int_equal(system(cmd), 0);
	}
	fx_free(&x);
}

static void test_why_not(void **state)
{
	(void)state;
	fixture x;
	fx_init(&x, "tests/data/tiny-effect/study.ini", 1);
	const char *why = "no control area: every area with incidents got cameras in the window";
	x.m[0].why_not = why;
	x.m[0].nperm = 0;
	x.m[0].perm_att = NULL;
	x.m[0].att = NAN;
	draw_and_brief(&x);
	assert_not_drawn(&x, "crime-event", why);
	assert_not_drawn(&x, "crime-permutations", why);
	assert_non_null(chart(&x.cs, "crime-rates"));
	char *html = file_in(&x, "report.html");
	char *sec = between(html, "<section id=\"crime\"", "</section>");
	assert_has(sec, "There is no estimate for all incidents: no control area: every area with incidents got "
			"cameras in the window");
	assert_has(sec, "The event study: not drawn (no control area");
	free(sec);
	sec = between(html, "<section id=\"summary\"", "</section>");
	assert_null(strstr(sec, "Did crime change"));
	free(sec);
	free(html);
	fx_free(&x);

	/* fitted, but no permutations run */
	fx_init(&x, "tests/data/tiny-effect/study.ini", 1);
	x.m[0].nperm = 0;
	x.m[0].perm_att = NULL;
	draw_and_brief(&x);
	assert_not_drawn(&x, "crime-permutations", "no permutations were run (permutations = 0 in [effect])");
	assert_non_null(chart(&x.cs, "crime-event"));
	fx_free(&x);
}

static void test_not_answered(void **state)
{
	(void)state;
	fixture x;
	/* incidents, no crime model */
	fx_init(&x, "tests/data/tiny-incidents/seattle.ini", 0);
	ae_table_release(&x.t);
	ae_table_init(&x.t);
	add(&x.t, "incidents", "all", "all", "none", 12, NAN, NAN, NAN, NAN);
	draw_and_brief(&x);
	const char *why = "the study has incidents but no crime-effect model (no [effect] section)";
	assert_not_drawn(&x, "crime-event", why);
	assert_not_drawn(&x, "crime-rates", why);
	assert_not_drawn(&x, "crime-permutations", why);
	char *html = file_in(&x, "report.html");
	char *sec = between(html, "<section id=\"crime\"", "</section>");
	assert_has(sec, "Not answered: whether reported crime changed where cameras went up. The study has "
			"incidents but no [effect] section");
	assert_has(sec, "What published evaluations found");
	free(sec);
	free(html);
	fx_free(&x);

	/* facts, but no treatment dates */
	fx_init(&x, "tests/data/tiny-effect/study.ini", 1);
	x.f.source = NULL;
	x.m[0].why_not = "no area has a treatment start";
	draw_and_brief(&x);
	html = file_in(&x, "report.html");
	sec = between(html, "<section id=\"crime\"", "</section>");
	assert_has(sec, "Not answered: whether reported crime changed where cameras went up. The study gives no date "
			"at which any area got cameras: it has no [treatment] table, and no camera in the cameras "
			"table has an installed date.");
	free(sec);
	free(html);
	assert_not_drawn(&x, "crime-rates",
			 "no area has a treatment date (no [treatment] table, and no camera with an installed date)");
	fx_free(&x);

	/* no incidents at all: no crime chart, none said missing; the section names the input */
	fx_init(&x, "tests/data/tiny-searches/study.ini", 0);
	ae_table_release(&x.t);
	ae_table_init(&x.t);
	add(&x.t, "searches", "all", "all", "none", 34, NAN, NAN, NAN, NAN);
	draw_and_brief(&x);
	for (size_t i = 0; i < x.cs.n; i++)
		assert_null(strstr(x.cs.charts[i].name, "crime-"));
	assert_true(x.cs.missing == NULL || strstr(x.cs.missing, "crime-") == NULL);
	html = file_in(&x, "report.html");
	sec = between(html, "<section id=\"crime\"", "</section>");
	assert_has(sec, "Not answered: whether reported crime changed where cameras went up. The study has no "
			"incidents (the [incidents] input)");
	free(sec);
	free(html);
	fx_free(&x);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fitted),
		cmocka_unit_test(test_why_not),
		cmocka_unit_test(test_not_answered),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
