/* test_charts.c — the charts as an analyst re-runs them, and gnuplot when it
 * is missing, says an error while exiting 0 (as 5.4 can), or crashes: the
 * charts drawn from a run's handover by ae_charts_draw with the gnuplot
 * binary named, and the whole run's ae_run_write with ae_run_options.gnuplot. */
#define _GNU_SOURCE
#include "testutil.h"
#include "charts.h"
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

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_chart_reruns_to_the_same_svg),
		cmocka_unit_test(test_missing_data_is_said_not_drawn),
		cmocka_unit_test(test_gnuplot_missing),
		cmocka_unit_test(test_gnuplot_error_with_exit_0),
		cmocka_unit_test(test_gnuplot_crash),
	};
	return cmocka_run_group_tests_name("charts", tests, NULL, NULL);
}
