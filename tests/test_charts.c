/* test_charts.c — the charts as an analyst re-runs them, and gnuplot when it
 * is missing, says an error while exiting 0 (as 5.4 can), or crashes. */
#define _GNU_SOURCE
#include "studyrun.h"
#include "charts.h"
#include "metrics.h"
#include "plot.h"
#include "table.h"
#include <gsl/gsl_errno.h>
#include <sys/stat.h>

static const char *const HOODS =
	"neighborhood,population,area_km2,daily_vmt,pop_x,pop_y\n"
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

static int draw(studyrun *s, const char *hits, const char *hoods, ae_chartset *cs, ae_error *err)
{
	studyrun_go5(s, HEAD, READS, hits, NULL, NULL, hoods);
	assert_int_equal(s->rc, AE_OK);
	ae_table t;
	ae_table_init(&t);
	ae_metrics_build(&s->st, &s->a, &t);
	int rc = ae_charts_draw(&s->st, &s->a, &t, s->dir, cs, err);
	ae_table_release(&t);
	return rc;
}

static void test_every_chart_reruns_to_the_same_svg(void **state)
{
	(void)state;
	unsetenv("ALPR_EVAL_GNUPLOT");
	studyrun s;
	ae_chartset cs;
	ae_error err = {0, ""};
	int rc = draw(&s, HITS, HOODS, &cs, &err);
	if (rc)
		fail_msg("%s", err.msg);
	assert_true(cs.n >= 8);
	assert_non_null(strstr(cs.gnuplot_version, "gnuplot "));
	for (size_t i = 0; i < cs.n; i++) {
		char a[256], cmd[512];
		snprintf(a, sizeof a, "%s/chart-%s.svg", s.dir, cs.charts[i].name);
		size_t na, nb;
		char *x = slurp(a, &na);
		assert_non_null(x);
		/* plain gnuplot, in the folder, on the saved script alone */
		snprintf(cmd, sizeof cmd, "cd %s && rm chart-%s.svg && gnuplot chart-%s.gp 2>&1", s.dir, cs.charts[i].name,
			 cs.charts[i].name);
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
	studyrun_done(&s);
}

static void test_missing_data_is_said_not_drawn(void **state)
{
	(void)state;
	unsetenv("ALPR_EVAL_GNUPLOT");
	studyrun s;
	ae_chartset cs;
	ae_error err = {0, ""};
	if (draw(&s, NULL, NULL, &cs, &err))
		fail_msg("%s", err.msg);
	/* only the monthly reads chart has data */
	assert_int_equal(cs.n, 1);
	assert_string_equal(cs.charts[0].name, "monthly");
	assert_non_null(strstr(cs.missing, "funnel: no hits table"));
	assert_non_null(strstr(cs.missing, "no neighborhoods table"));
	ae_chartset_release(&cs);
	studyrun_done(&s);
}

static void fake_gnuplot(const char *dir, const char *body)
{
	char p[256], text[1024];
	snprintf(p, sizeof p, "%s/fake-gnuplot", dir);
	snprintf(text, sizeof text,
		 "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'gnuplot 5.4 patchlevel 4'; exit 0; fi\n%s\n", body);
	write_file(p, text);
	chmod(p, 0755);
	setenv("ALPR_EVAL_GNUPLOT", p, 1);
}

static void test_gnuplot_missing(void **state)
{
	(void)state;
	setenv("ALPR_EVAL_GNUPLOT", "/nonexistent/gnuplot", 1);
	studyrun s;
	ae_chartset cs;
	ae_error err = {0, ""};
	assert_int_equal(draw(&s, HITS, HOODS, &cs, &err), AE_EIO);
	assert_non_null(strstr(err.msg, "gnuplot is needed"));
	assert_non_null(strstr(err.msg, "was not found"));
	unsetenv("ALPR_EVAL_GNUPLOT");
	studyrun_done(&s);
}

static void test_gnuplot_error_with_exit_0(void **state)
{
	(void)state;
	studyrun s;
	ae_chartset cs;
	ae_error err = {0, ""};
	studyrun_go5(&s, HEAD, READS, HITS, NULL, NULL, HOODS);
	fake_gnuplot(s.dir, "cat >/dev/null\necho '         line 7: all points y value undefined!' >&2\nexit 0");
	ae_table t;
	ae_table_init(&t);
	ae_metrics_build(&s.st, &s.a, &t);
	assert_int_equal(ae_charts_draw(&s.st, &s.a, &t, s.dir, &cs, &err), AE_EIO);
	assert_non_null(strstr(err.msg, "chart funnel: gnuplot failed (exit 0): line 7: all points y value undefined!"));
	ae_table_release(&t);
	unsetenv("ALPR_EVAL_GNUPLOT");
	studyrun_done(&s);
}

static void test_gnuplot_crash(void **state)
{
	(void)state;
	studyrun s;
	ae_chartset cs;
	ae_error err = {0, ""};
	studyrun_go5(&s, HEAD, READS, HITS, NULL, NULL, HOODS);
	fake_gnuplot(s.dir, "head -c 10 >/dev/null\nkill -SEGV $$");
	ae_table t;
	ae_table_init(&t);
	ae_metrics_build(&s.st, &s.a, &t);
	assert_int_equal(ae_charts_draw(&s.st, &s.a, &t, s.dir, &cs, &err), AE_EIO);
	assert_non_null(strstr(err.msg, "chart funnel: gnuplot failed (exit 139)"));
	ae_table_release(&t);
	unsetenv("ALPR_EVAL_GNUPLOT");
	studyrun_done(&s);
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
