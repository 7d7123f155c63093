/* test_charts.c — the charts as an analyst re-runs them, and gnuplot when it
 * is missing, says an error while exiting 0 (as 5.4 can), or crashes: the
 * charts drawn from a run's handover by ae_charts_draw with the gnuplot
 * binary named, and the whole run's ae_run_write with ae_run_options.gnuplot. */
#define _GNU_SOURCE
#include "testutil.h"
#include "charts.h"
#include "chartkit.h"
#include "labels.h"
#include "table.h"
#include "output.h"
#include <gsl/gsl_errno.h>
#include <sys/stat.h>

static const char *const HOODS = "neighborhood,population,area_km2,daily_vmt,pop_x,pop_y\n"
				 "A,1000,2,500,600,400\nB,3000,3,1000,600,2400\nC,500,1,100,0,500\n";
static const char *const READS =
	"timestamp,camera_id,plate,neighborhood\n"
	"2025-06-01T08:00:00Z,C1,P1,A\n2025-06-01T09:00:00Z,C2,P1,A\n2025-06-01T10:00:00Z,C1,P3,B\n"
	"2025-06-02T10:00:00Z,C1,P3,B\n2025-06-03T08:00:00Z,C3,P1,A\n2025-06-03T09:00:00Z,C1,P2,A\n"
	"2025-06-03T10:00:00Z,C1,P3,B\n2025-06-04T10:00:00Z,C1,P3,B\n";
static const char *const HITS = "hit_id,timestamp,camera_id,plate,hotlist,disposition\n"
				"h1,2025-06-01T08:00:00Z,C1,P1,stolen_vehicle,confirmed\n"
				"h2,2025-06-03T09:00:00Z,C1,P2,registration,misread\n";
static const char *const HEAD =
	"[study]\ntitle = Charts \"test\" & co\nstart = 2025-06-01\nend = 2025-06-04\ntimezone = UTC\nseed = 3\n"
	"bootstrap_replicates = 100\n";

static char *slurp(const char *path, size_t *n) { return slurp_file(path, n); }

/* The study's charts drawn from the run's handover (ae_run_analyse) into a
 * report folder begun as DIR/report (ae_outdir: the files are in its
 * temporary folder until committed); gnuplot: the binary, NULL for
 * "gnuplot" on the PATH. *od is the caller's to commit and free. */
static int draw(run *s, const char *gnuplot, ae_outdir **od, ae_chartset *cs, ae_error *err)
{
	char target[128];
	snprintf(target, sizeof target, "%s/report", s->dir);
	if (ae_outdir_begin(od, target, err))
		fail_msg("%s", err->msg);
	return ae_charts_draw(s->h, *od, gnuplot, cs, err);
}

static void small(run *s, const char *hits, const char *hoods)
{
	run_small(s, HEAD, READS, hits, NULL, NULL, hoods);
	if (s->rc)
		fail_msg("%s", s->err.msg);
}

/* The whole run with o.gnuplot = gnuplot: ae_run_write fails with a message
 * holding expect, and leaves no report folder (nor its temporary one). */
static void write_fails(run *s, const char *gnuplot, const char *expect)
{
	char target[128], tmp[192];
	snprintf(target, sizeof target, "%s/run-report", s->dir);
	snprintf(tmp, sizeof tmp, "%s/.run-report.tmp-%ld", s->dir, (long)getpid());
	s->o.gnuplot = gnuplot;
	s->o.output = target;
	if (run_go(s))
		fail_msg("%s", s->err.msg);
	ae_error err = {0, ""};
	assert_int_equal(ae_run_write(s->run, NULL, 0, &err), AE_EIO);
	if (!strstr(err.msg, expect))
		fail_msg("ae_run_write with gnuplot %s: \"%s\", expected \"%s\"", gnuplot, err.msg, expect);
	struct stat sb;
	assert_int_not_equal(stat(target, &sb), 0);
	assert_int_not_equal(stat(tmp, &sb), 0);
}

static void test_every_chart_reruns_to_the_same_svg(void **state)
{
	(void)state;
	run s;
	ae_chartset cs;
	ae_outdir *od;
	ae_error err = {0, ""};
	small(&s, HITS, HOODS);
	int rc = draw(&s, NULL, &od, &cs, &err);
	if (rc)
		fail_msg("%s", err.msg);
	if (ae_outdir_commit(od, &err))
		fail_msg("%s", err.msg);
	ae_outdir_free(od);
	assert_true(cs.n >= 8);
	assert_non_null(strstr(cs.gnuplot_version, "gnuplot "));
	for (size_t i = 0; i < cs.n; i++) {
		char a[256], cmd[512];
		snprintf(a, sizeof a, "%s/report/chart-%s.svg", s.dir, cs.charts[i].name);
		size_t na, nb;
		char *x = slurp(a, &na);
		assert_non_null(x);
		/* plain gnuplot, in the report folder, on the saved script alone */
		snprintf(cmd, sizeof cmd, "cd %s/report && rm chart-%s.svg && gnuplot chart-%s.gp 2>&1", s.dir,
			 cs.charts[i].name, cs.charts[i].name);
		assert_int_equal(system(cmd), 0);
		char *y = slurp(a, &nb);
		assert_non_null(y);
		assert_int_equal(na, nb);
		assert_memory_equal(x, y, na);
		/* titled with the study's title and period */
		assert_non_null(strstr(x, "2025-06-01 to 2025-06-04"));
		free(x);
		free(y);
	}
	ae_chartset_release(&cs);
	run_free(&s);
}

static void test_missing_data_is_said_not_drawn(void **state)
{
	(void)state;
	run s;
	ae_chartset cs;
	ae_outdir *od;
	ae_error err = {0, ""};
	small(&s, NULL, NULL);
	if (draw(&s, NULL, &od, &cs, &err))
		fail_msg("%s", err.msg);
	/* only the monthly reads chart and what retention would hold have data */
	assert_int_equal(cs.n, 2);
	assert_string_equal(cs.charts[0].name, "monthly");
	assert_string_equal(cs.charts[1].name, "retention-held");
	assert_non_null(strstr(cs.missing, "funnel: no hits table"));
	assert_non_null(strstr(cs.missing, "no neighborhoods table"));
	ae_chartset_release(&cs);
	ae_outdir_free(od);
	run_free(&s);
}

/* A gnuplot stand-in in dir (its path into p): says it is 5.4, then runs body. */
static const char *fake_gnuplot(const char *dir, const char *body, char *p, size_t n)
{
	char text[1024];
	snprintf(p, n, "%s/fake-gnuplot", dir);
	snprintf(text, sizeof text,
		 "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'gnuplot 5.4 patchlevel 4'; exit 0; fi\n%s\n", body);
	write_file(p, text);
	chmod(p, 0755);
	return p;
}

static void test_gnuplot_missing(void **state)
{
	(void)state;
	run s;
	ae_chartset cs;
	ae_outdir *od;
	ae_error err = {0, ""};
	small(&s, HITS, HOODS);
	assert_int_equal(draw(&s, "/nonexistent/gnuplot", &od, &cs, &err), AE_EIO);
	assert_non_null(strstr(err.msg, "gnuplot is needed"));
	assert_non_null(strstr(err.msg, "was not found"));
	ae_outdir_free(od);
	write_fails(&s, "/nonexistent/gnuplot", "was not found");
	run_free(&s);
}

static void test_gnuplot_error_with_exit_0(void **state)
{
	(void)state;
	run s;
	ae_chartset cs;
	ae_outdir *od;
	ae_error err = {0, ""};
	char p[256];
	small(&s, HITS, HOODS);
	fake_gnuplot(s.dir, "cat >/dev/null\necho '         line 7: all points y value undefined!' >&2\nexit 0", p,
		     sizeof p);
	assert_int_equal(draw(&s, p, &od, &cs, &err), AE_EIO);
	assert_non_null(strstr(err.msg, "chart funnel: gnuplot failed (exit 0): line 7: all points y value undefined!"));
	ae_outdir_free(od);
	write_fails(&s, p, "chart funnel: gnuplot failed (exit 0): line 7: all points y value undefined!");
	run_free(&s);
}

static void test_gnuplot_crash(void **state)
{
	(void)state;
	run s;
	ae_chartset cs;
	ae_outdir *od;
	ae_error err = {0, ""};
	char p[256];
	small(&s, HITS, HOODS);
	fake_gnuplot(s.dir, "head -c 10 >/dev/null\nkill -SEGV $$", p, sizeof p);
	assert_int_equal(draw(&s, p, &od, &cs, &err), AE_EIO);
	assert_non_null(strstr(err.msg, "chart funnel: gnuplot failed (exit 139)"));
	ae_outdir_free(od);
	write_fails(&s, p, "chart funnel: gnuplot failed (exit 139)");
	run_free(&s);
}


/* Draws the small study's charts (head: the [study] section) into DIR/report, committed. */
static void draw_committed(run *s, const char *head, const char *hits, const char *hoods)
{
	run_small(s, head, READS, hits, NULL, NULL, hoods);
	if (s->rc)
		fail_msg("%s", s->err.msg);
	ae_chartset cs;
	ae_outdir *od;
	ae_error err = {0, ""};
	if (draw(s, NULL, &od, &cs, &err))
		fail_msg("%s", err.msg);
	if (ae_outdir_commit(od, &err))
		fail_msg("%s", err.msg);
	ae_outdir_free(od);
	ae_chartset_release(&cs);
}

static char *report_file(const run *s, const char *file)
{
	char p[256];
	snprintf(p, sizeof p, "%s/report/%s", s->dir, file);
	char *x = slurp(p, NULL);
	if (!x)
		fail_msg("no %s", p);
	return x;
}

/* The four-day study: reads and hits by ISO week. By hand from READS and
 * HITS: 2025-06-01 is a Sunday, the last day of 2025-W22 (3 reads, hit h1);
 * 06-02..06-04 are in 2025-W23 (5 reads, hit h2). The course chart uses the
 * weeks, each tick its first day in the period and its days there. */
static void test_short_study_has_weekly_bins(void **state)
{
	(void)state;
	run s;
	draw_committed(&s, HEAD, HITS, HOODS);
	const ae_row *r = ae_table_find(s.t, "reads", "week", "2025-W22", NULL);
	assert_non_null(r);
	assert_true(r->est == 3);
	assert_non_null(r = ae_table_find(s.t, "reads", "week", "2025-W23", NULL));
	assert_true(r->est == 5);
	assert_non_null(r = ae_table_find(s.t, "hits", "week", "2025-W22", NULL));
	assert_true(r->est == 1);
	assert_non_null(r = ae_table_find(s.t, "hits", "week", "2025-W23", NULL));
	assert_true(r->est == 1);
	assert_null(ae_table_find(s.t, "reads", "week", "2025-W24", NULL));
	char *dat = report_file(&s, "chart-monthly.dat");
	assert_non_null(strstr(dat, "\n\"2025-06-01 (1 day)\" 3 1\n\"2025-06-02 (3 days)\" 5 1\n"));
	free(dat);
	char *gp = report_file(&s, "chart-monthly.gp");
	assert_non_null(strstr(gp, "Reads and alerts by week"));
	assert_non_null(strstr(gp, "'reads per week'"));
	free(gp);
	run_free(&s);
}

/* A period of 93 days or more keeps months only: the same reads, in a
 * study ending 2025-09-01 (93 days). */
static void test_long_study_has_months_only(void **state)
{
	(void)state;
	run s;
	static const char *const head =
		"[study]\ntitle = Long\nstart = 2025-06-01\nend = 2025-09-01\ntimezone = UTC\nseed = 3\n"
		"bootstrap_replicates = 100\n";
	draw_committed(&s, head, HITS, HOODS);
	for (size_t i = 0; i < s.t->n; i++)
		assert_string_not_equal(s.t->rows[i].dimension, "week");
	assert_non_null(ae_table_find(s.t, "reads", "month", "2025-06", NULL));
	char *dat = report_file(&s, "chart-monthly.dat");
	assert_non_null(strstr(dat, "\n\"2025-06\" 8 2\n"));
	free(dat);
	run_free(&s);
}

/* small_population 1500 makes area A (1,000 residents, 4 reads: 4 per
 * 1,000) small and the highest: it is plotted last, apart, and the scale is
 * set by B (3,000 residents, 4 reads: 1.33 per 1,000) alone, so A's
 * estimate is off it and written with its value. C (500 residents, no
 * read) is small too and on the scale. */
static void test_small_area_does_not_set_the_scale(void **state)
{
	(void)state;
	run s;
	char head[512];
	snprintf(head, sizeof head, "%ssmall_population = 1500\n", HEAD);
	draw_committed(&s, head, HITS, HOODS);
	char *dat = report_file(&s, "chart-exposure_neighborhood.dat");
	/* B first and not small; A after it, small */
	const char *b = strstr(dat, "\n\"B (3,000 residents)\" "),
		   *a = strstr(dat, "\n\"A (1,000 residents, small)\" ");
	assert_non_null(b);
	assert_non_null(a);
	assert_true(b < a);
	double best, blo, bhi;
	assert_int_equal(sscanf(strchr(b + 2, ')') + 2, "%lf %lf %lf", &best, &blo, &bhi), 3);
	assert_double_near(best, 4.0 / 3, 1e-6);
	char *gp = report_file(&s, "chart-exposure_neighborhood.gp");
	const char *yr = strstr(gp, "set yrange [0:");
	assert_non_null(yr);
	double top = strtod(yr + strlen("set yrange [0:"), NULL);
	assert_true(top >= bhi);
	assert_true(top < 4.0);
	assert_non_null(strstr(gp, "\"4.00\\noff the scale\""));
	assert_non_null(strstr(gp, "small areas"));
	free(gp);
	free(dat);
	run_free(&s);
}

/* Every rate's label carries its sample, in plain words: by hand, each
 * hotlist has one hit in 8 reads; the two hits are one confirmed, one
 * misread; both at camera C1, which made 6 of the 8 reads, and both
 * verified, one wrong (misread is a false positive by default). */
static void test_rate_labels_carry_n_and_plain_words(void **state)
{
	(void)state;
	run s;
	draw_committed(&s, HEAD, HITS, HOODS);
	char *hl = report_file(&s, "chart-hit_rate_hotlist.dat");
	assert_non_null(strstr(hl, "\"stolen vehicle (1 of 8)\""));
	assert_non_null(strstr(hl, "\"registration problem (1 of 8)\""));
	assert_null(strstr(hl, "\"stolen_vehicle"));
	free(hl);
	char *dp = report_file(&s, "chart-dispositions.dat");
	assert_non_null(strstr(dp, "\"confirmed (1 of 2)\""));
	assert_non_null(strstr(dp, "\"misread (1 of 2)\""));
	free(dp);
	char *hc = report_file(&s, "chart-hit_rate_camera.dat");
	assert_non_null(strstr(hc, "\"C1 (2 of 6)\""));
	free(hc);
	char *fc = report_file(&s, "chart-false_positive_rate_camera.dat");
	assert_non_null(strstr(fc, "\"C1 (1 of 2)\""));
	free(fc);
	run_free(&s);
}

static void test_plain_labels(void **state)
{
	(void)state;
	char b[64];
	assert_string_equal(ae_label_plain("disposition", "not_actionable", b, sizeof b), "not actionable");
	assert_string_equal(ae_label_plain("hotlist", "stolen_vehicle", b, sizeof b), "stolen vehicle");
	assert_string_equal(ae_label_plain("hotlist", "amber_alert", b, sizeof b), "AMBER alert");
	assert_string_equal(ae_label_plain("outcome", "no_action", b, sizeof b), "no action");
	assert_string_equal(ae_label_plain("organization_class", "out_of_state", b, sizeof b),
			    "agencies of other states");
	assert_string_equal(ae_label_plain("group", "black", b, sizeof b), "Black");
	assert_string_equal(ae_label_plain("group", "pacific_islander", b, sizeof b), "Pacific islander");
	/* a name from the study's data is shown as given */
	assert_string_equal(ae_label_plain("camera", "CAM_01", b, sizeof b), "CAM_01");
	assert_string_equal(ae_label_plain("neighborhood", "Old_Town", b, sizeof b), "Old_Town");
	/* too small a buffer: cut, never overrun */
	char t[5];
	assert_string_equal(ae_label_plain("disposition", "wrong_state", t, sizeof t), "wron");
}

/* Text prints at 9 pt or more when a chart fills 178 mm: for every chart,
 * the SVG's font (canvas units) times 178 / width, in points (25.4 / 72 mm
 * each); no text is set smaller; the PNG's font (points at 96 pixels an
 * inch) is as large on its canvas. The funnel is linear, with its counts. */
static void test_fonts_print_at_9pt_and_linear_funnel(void **state)
{
	(void)state;
	run s;
	ae_chartset cs;
	ae_outdir *od;
	ae_error err = {0, ""};
	small(&s, HITS, HOODS);
	if (draw(&s, NULL, &od, &cs, &err))
		fail_msg("%s", err.msg);
	if (ae_outdir_commit(od, &err))
		fail_msg("%s", err.msg);
	ae_outdir_free(od);
	for (size_t i = 0; i < cs.n; i++) {
		char f[128];
		snprintf(f, sizeof f, "chart-%s.gp", cs.charts[i].name);
		char *gp = report_file(&s, f);
		const char *t = strstr(gp, "set terminal svg size ");
		assert_non_null(t);
		int w, h, fs, pw, ph, pf;
		assert_int_equal(sscanf(t, "set terminal svg size %d,%d fixed noenhanced font 'DejaVu Sans,%d'", &w, &h,
					&fs),
				 3);
		double pt = fs * 178.0 / w / (25.4 / 72);
		if (pt < 9)
			fail_msg("%s: font %d on %d units prints at %.1f pt", f, fs, w, pt);
		t = strstr(gp, "set terminal pngcairo size ");
		assert_non_null(t);
		assert_int_equal(sscanf(t, "set terminal pngcairo size %d,%d noenhanced font 'DejaVu Sans,%d'", &pw,
					&ph, &pf),
				 3);
		assert_int_equal(pw, w);
		assert_true(pf * 96.0 / 72 >= fs - 1);
		/* no smaller font anywhere in the script */
		for (const char *p = strstr(gp, "font ',"); p; p = strstr(p + 1, "font ',"))
			if (atoi(p + 7) < fs)
				fail_msg("%s: a text at font %d", f, atoi(p + 7));
		free(gp);
	}
	ae_chartset_release(&cs);
	char *gp = report_file(&s, "chart-funnel.gp");
	assert_null(strstr(gp, "logscale"));
	free(gp);
	char *dat = report_file(&s, "chart-funnel.dat");
	assert_non_null(strstr(dat, "\"reads\"  8 \"8\""));
	assert_non_null(strstr(dat, "\"alerts (hits)\"  2 \"2\""));
	free(dat);
	run_free(&s);
}

/* 26 cameras: too many labels side by side at print size, so the rates by
 * camera lie one a line, labels on the left (x error bars, the places
 * counted down from the top), and the canvas grows with them. By hand:
 * each camera made 2 reads and raised 1 alert, "K01 (1 of 2)". */
static void test_many_rows_lie_one_a_line(void **state)
{
	(void)state;
	run s;
	ae_buf reads, hits;
	ae_buf_init(&reads);
	ae_buf_init(&hits);
	ae_buf_puts(&reads, "timestamp,camera_id,plate,neighborhood\n");
	ae_buf_puts(&hits, "hit_id,timestamp,camera_id,plate,hotlist,disposition\n");
	for (int k = 1; k <= 26; k++) {
		ae_buf_printf(&reads, "2025-06-01T%02d:00:00Z,K%02d,P%d,A\n2025-06-02T%02d:00:00Z,K%02d,Q%d,B\n",
			      k % 24, k, k, k % 24, k, k);
		ae_buf_printf(&hits, "h%d,2025-06-01T%02d:00:00Z,K%02d,P%d,stolen_vehicle,confirmed\n", k, k % 24, k, k);
	}
	run_small(&s, HEAD, reads.data, hits.data, NULL, NULL, HOODS);
	ae_buf_release(&reads);
	ae_buf_release(&hits);
	if (s.rc)
		fail_msg("%s", s.err.msg);
	ae_chartset cs;
	ae_outdir *od;
	ae_error err = {0, ""};
	if (draw(&s, NULL, &od, &cs, &err))
		fail_msg("%s", err.msg);
	if (ae_outdir_commit(od, &err))
		fail_msg("%s", err.msg);
	ae_outdir_free(od);
	ae_chartset_release(&cs);
	char *gp = report_file(&s, "chart-hit_rate_camera.gp");
	assert_non_null(strstr(gp, "with xerrorbars"));
	assert_non_null(strstr(gp, "\nXL = 25\n"));
	assert_null(strstr(gp, "rotate by"));
	int w = 0, h = 0;
	assert_int_equal(sscanf(strstr(gp, "svg size "), "svg size %d,%d", &w, &h), 2);
	/* 26 lines of text at the chart's font, and more */
	assert_true(h > 26 * ae_chart_font(w));
	free(gp);
	char *dat = report_file(&s, "chart-hit_rate_camera.dat");
	assert_non_null(strstr(dat, "\"K01 (1 of 2)\""));
	assert_non_null(strstr(dat, "\"K26 (1 of 2)\""));
	free(dat);
	run_free(&s);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_chart_reruns_to_the_same_svg),
		cmocka_unit_test(test_missing_data_is_said_not_drawn),
		cmocka_unit_test(test_gnuplot_missing),
		cmocka_unit_test(test_gnuplot_error_with_exit_0),
		cmocka_unit_test(test_gnuplot_crash),
		cmocka_unit_test(test_short_study_has_weekly_bins),
		cmocka_unit_test(test_long_study_has_months_only),
		cmocka_unit_test(test_small_area_does_not_set_the_scale),
		cmocka_unit_test(test_rate_labels_carry_n_and_plain_words),
		cmocka_unit_test(test_plain_labels),
		cmocka_unit_test(test_fonts_print_at_9pt_and_linear_funnel),
		cmocka_unit_test(test_many_rows_lie_one_a_line),
	};
	return cmocka_run_group_tests_name("charts", tests, NULL, NULL);
}
