/* test_effect.c — the crime-effect analysis end to end (src/effect.c) on the
 * tiny study of tests/data/tiny-effect: the panel, the areas' roles and every
 * model row against the independent reference (statsmodels' Poisson GLM
 * with dummies, refit per area: tests/reference/effect_study_ref.py, which
 * wrote expected_*.csv); the randomization p's arithmetic; the degenerate
 * panels (no control area, one control, one treated area, an event window
 * longer than the panel, no treatment dates), each a clear sentence and a
 * finished run; treatment dates from the cameras table; ISO weeks; the
 * [effect] keys' and the treatment table's errors. */
#include "testutil.h"
#include "effect.h"

#define DIR "tests/data/tiny-effect/"

static const ae_effect_facts *facts(const run *r)
{
	assert_non_null(r->h);
	assert_non_null(r->h->effect);
	return r->h->effect;
}

/* A number of the expected file: "" is NAN. */
static double num(const char *s) { return *s ? strtod(s, NULL) : NAN; }

static void expect_num(double got, double want, const char *what, const char *line)
{
	if (isnan(want) != isnan(got) || (!isnan(want) && !ae_close(got, want, 1e-6)))
		fail_msg("%s: %.12g, reference %.12g (%s)", what, got, want, line);
}

/* Splits a CSV line with no quoted fields into at most n fields. */
static int split(char *line, char **f, int n)
{
	int k = 0;
	f[k++] = line;
	for (char *p = line; *p && k < n; p++)
		if (*p == ',') {
			*p = '\0';
			f[k++] = p + 1;
		}
	return k;
}

static void test_tiny_matches_reference(void **state)
{
	(void)state;
	run r;
	run_study(&r, DIR "study.ini");
	const ae_effect_facts *e = facts(&r);
	/* every model row: estimate, interval, numerator, denominator */
	size_t n;
	char *text = slurp_file(DIR "expected_effect.csv", &n);
	int rows = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "metric,", 7) == 0)
			continue;
		char copy[512], *f[8];
		snprintf(copy, sizeof copy, "%s", line);
		assert_int_equal(split(copy, f, 8), 8);
		const char *meth = strcmp(f[0], "crime_effect_ratio") == 0 ? "jackknife_area"
				 : strcmp(f[0], "crime_event_ratio") == 0 && strcmp(f[2], "-1") != 0
					 ? "jackknife_area"
					 : "none";
		const ae_row *row = ae_table_find(r.t, f[0], f[1], f[2], meth);
		if (!row)
			fail_msg("no row %s %s %s %s", f[0], f[1], f[2], meth);
		expect_num(row->est, num(f[3]), "estimate", line);
		expect_num(row->lo, num(f[4]), "ci_low", line);
		expect_num(row->hi, num(f[5]), "ci_high", line);
		expect_num(row->num, num(f[6]), "numerator", line);
		expect_num(row->den, num(f[7]), "denominator", line);
		rows++;
	}
	free(text);
	assert_int_equal(rows, 3 + 3 + 19 + 3); /* ratio and MDE by model, 19 event times, pre-trend by model */
	/* the panel: every type, area and month, zeros included */
	text = slurp_file(DIR "expected_panel.csv", &n);
	size_t cells = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "type,", 5) == 0)
			continue;
		char copy[256], *f[4];
		snprintf(copy, sizeof copy, "%s", line);
		assert_int_equal(split(copy, f, 4), 4);
		size_t m = 0, i = 0, k = 0;
		while (m < e->nmodels && strcmp(e->model[m].type, f[0]) != 0)
			m++;
		while (i < e->nareas && strcmp(e->area[i], f[1]) != 0)
			i++;
		while (k < e->nperiods && strcmp(e->period[k], f[2]) != 0)
			k++;
		if (m == e->nmodels || i == e->nareas || k == e->nperiods)
			fail_msg("panel cell %s not in the run", line);
		const double *y = m ? e->ytype[m - 1] : e->y;
		if (y[i * e->nperiods + k] != num(f[3]))
			fail_msg("panel %s: the run has %g", line, y[i * e->nperiods + k]);
		cells++;
	}
	free(text);
	assert_int_equal(cells, e->nmodels * e->nareas * e->nperiods);
	/* the areas' roles */
	text = slurp_file(DIR "expected_areas.csv", &n);
	size_t areas = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "area,", 5) == 0)
			continue;
		char copy[256], *f[4];
		snprintf(copy, sizeof copy, "%s", line);
		assert_int_equal(split(copy, f, 4), 4);
		size_t i = 0;
		while (i < e->nareas && strcmp(e->area[i], f[0]) != 0)
			i++;
		assert_true(i < e->nareas);
		assert_string_equal(ae_effect_role_names[e->role[i]], f[3]);
		assert_string_equal(e->first[i] >= 0 ? e->period[e->first[i]] : "", f[2]);
		areas++;
	}
	free(text);
	assert_int_equal(areas, e->nareas);
	assert_int_equal(e->nrole[ER_TREATED], 3);
	assert_int_equal(e->nrole[ER_CONTROL], 5);
	assert_int_equal(e->ncohorts, 2);
	assert_string_equal(e->source, "treatment table");
	run_free(&r);
}

/* p = (k + 1) / (P + 1), k the permutations with |ATT| at least the observed
 * one, recounted here from the permutation ATTs the facts hold. */
static void test_randomization_arithmetic(void **state)
{
	(void)state;
	run r;
	run_study(&r, DIR "study.ini");
	const ae_effect_facts *e = facts(&r);
	for (size_t m = 0; m < e->nmodels; m++) {
		const ae_effect_model *md = &e->model[m];
		assert_int_equal(md->nperm, 199);
		size_t k = 0;
		for (size_t q = 0; q < md->nperm; q++)
			k += !isfinite(md->perm_att[q]) || fabs(md->perm_att[q]) >= fabs(md->att) * (1 - 1e-12);
		const ae_row *row = ae_table_find(r.t, "crime_effect_p", m ? "type" : "all", md->type, "none");
		assert_non_null(row);
		assert_double_near(row->num, (double)k, 0);
		assert_double_near(row->den, 199, 0);
		assert_double_near(row->est, (double)(k + 1) / 200, 1e-12);
		const ae_row *ratio =
			ae_table_find(r.t, "crime_effect_ratio", m ? "type" : "all", md->type, "jackknife_area");
		assert_double_near(log(ratio->est), md->att, 1e-12);
	}
	/* the same seed, the same permutations */
	run again;
	run_study(&again, DIR "study.ini");
	assert_memory_equal(facts(&again)->model[0].perm_att, e->model[0].perm_att, 199 * sizeof(double));
	run_free(&again);
	run_free(&r);
}

/* A degenerate panel finishes, keeps its rows, and says why in a sentence. */
static void expect_said(const char *study, const char *ratio_state, const char *needle)
{
	run r;
	run_study(&r, study);
	const ae_effect_facts *e = facts(&r);
	const ae_effect_model *m = &e->model[0];
	const ae_row *row = ae_table_find(r.t, "crime_effect_ratio", "all", "all", "jackknife_area");
	assert_non_null(row);
	const char *said = strcmp(ratio_state, "none") == 0        ? m->why_not
			 : strcmp(ratio_state, "no interval") == 0 ? m->interval_why_not
								   : m->pretrend_why_not;
	if (!said || !strstr(said, needle))
		fail_msg("%s: expected a sentence with '%s', got '%s'", study, needle, said ? said : "(none)");
	if (strcmp(ratio_state, "none") == 0)
		assert_true(isnan(row->est));
	else
		assert_true(row->est > 0 && isnan(row->lo) == (strcmp(ratio_state, "no interval") == 0));
	/* every row still there */
	assert_non_null(ae_table_find(r.t, "crime_pretrend_p", "type", "robbery", "none"));
	assert_non_null(ae_table_find(r.t, "crime_event_ratio", "event_time", "-1", "none"));
	run_free(&r);
}

static void test_degenerate_panels(void **state)
{
	(void)state;
	expect_said(DIR "no-control.ini", "none", "no control areas");
	expect_said(DIR "one-control.ini", "no interval", "leaving out area A04");
	expect_said(DIR "one-treated.ini", "no interval", "only one treated area");
	expect_said(DIR "no-treatment.ini", "none", "no treatment dates");
	/* an event window longer than the panel: the event times no area reaches have no ratio */
	run r;
	run_study(&r, DIR "long-window.ini");
	const ae_row *far = ae_table_find(r.t, "crime_event_ratio", "event_time", "-40", "jackknife_area");
	assert_non_null(far);
	assert_true(isnan(far->est));
	/* the pre-trend test takes the pre-period ratios the panel has */
	const ae_row *pre = ae_table_find(r.t, "crime_pretrend_p", "all", "all", "none");
	assert_true(pre->est > 0 && pre->est <= 1 && pre->num >= 1 && pre->den == 2);
	run_free(&r);
}

/* The treated area has no incident after its first camera: observed 0 against
 * its expected count, a ratio of 0 with no interval or test, so no estimate. */
static void test_no_incident_after_the_cameras(void **state)
{
	(void)state;
	char dir[] = "/tmp/ae-test-XXXXXX", path[600], line[128];
	assert_non_null(mkdtemp(dir));
	ae_buf b = {0};
	ae_buf_puts(&b, "incident_id,timestamp,neighborhood\n");
	int n = 0;
	for (int m = 1; m <= 36; m++)
		for (int a = 0; a < 3; a++)
			for (int k = 0; k < 3; k++) {
				if (a == 0 && m > 12) /* area A: none after 2021 */
					continue;
				snprintf(line, sizeof line, "I%d,%04d-%02d-%02d,%c\n", ++n, 2021 + (m - 1) / 12,
					 (m - 1) % 12 + 1, 5 + k, 'A' + a);
				ae_buf_puts(&b, line);
			}
	ae_buf_addc(&b, '\0');
	snprintf(path, sizeof path, "%s/incidents.csv", dir);
	write_file(path, b.data);
	ae_buf_release(&b);
	snprintf(path, sizeof path, "%s/treatment.csv", dir);
	write_file(path, "neighborhood,start\nA,2022-06-01\n");
	snprintf(path, sizeof path, "%s/study.ini", dir);
	write_file(path, "[study]\ntitle = t\nstart = 2023-01-01\nend = 2023-12-31\ntimezone = America/Chicago\n"
			 "seed = 1\n[incidents]\npath = incidents.csv\n[treatment]\npath = treatment.csv\n"
			 "[effect]\nstart = 2021-01-01\nend = 2023-12-31\npermutations = 19\n");
	run r;
	run_study(&r, path);
	const ae_effect_model *m = &facts(&r)->model[0];
	if (!m->why_not || !strstr(m->why_not, "no incident at all after their first camera"))
		fail_msg("expected the sentence, got '%s'", m->why_not ? m->why_not : "(none)");
	const ae_row *ratio = ae_table_find(r.t, "crime_effect_ratio", "all", "all", "jackknife_area");
	assert_true(isnan(ratio->est));
	run_free(&r);
	rm_tree(dir);
}

static void test_cameras_give_the_same_dates(void **state)
{
	(void)state;
	run a, b;
	run_study(&a, DIR "study.ini");
	run_study(&b, DIR "cameras.ini");
	assert_string_equal(facts(&b)->source, "cameras table");
	const ae_effect_facts *ea = facts(&a), *eb = facts(&b);
	assert_int_equal(ea->nareas, eb->nareas);
	for (size_t i = 0; i < ea->nareas; i++) {
		assert_int_equal(ea->role[i], eb->role[i]);
		assert_int_equal(ea->first[i], eb->first[i]);
	}
	const ae_row *ra = ae_table_find(a.t, "crime_effect_ratio", "all", "all", "jackknife_area");
	const ae_row *rb = ae_table_find(b.t, "crime_effect_ratio", "all", "all", "jackknife_area");
	assert_double_near(ra->est, rb->est, 0);
	assert_double_near(ra->lo, rb->lo, 0);
	run_free(&a);
	run_free(&b);
}

static void test_iso_weeks(void **state)
{
	(void)state;
	run r;
	run_study(&r, DIR "weekly.ini");
	const ae_effect_facts *e = facts(&r);
	assert_string_equal(e->unit, "week");
	/* 2021-01-01 was a Friday: ISO week 53 of 2020; 2023-12-31 a Sunday: 2023-W52 */
	assert_string_equal(e->period[0], "2020-W53");
	assert_string_equal(e->period[1], "2021-W01");
	assert_string_equal(e->period[e->nperiods - 1], "2023-W52");
	assert_int_equal(e->nperiods, 157);
	double total = 0;
	for (size_t c = 0; c < e->nareas * e->nperiods; c++)
		total += e->y[c];
	const ae_row *all = ae_table_find(r.t, "incidents", "all", "all", "none");
	assert_double_near(total, all->est, 0);
	run_free(&r);
}

/* A study file with [effect] EXTRA; the error message must hold needle. */
static void expect_study_error(const char *extra, const char *needle)
{
	run r;
	char ini[2048];
	snprintf(ini, sizeof ini,
		 "[study]\ntitle = t\nstart = 2023-01-01\nend = 2023-12-31\ntimezone = America/Chicago\nseed = 1\n"
		 "[incidents]\npath = %s/" DIR "incidents.csv\n[effect]\n%s\n",
		 getenv("PWD") ? getenv("PWD") : ".", extra);
	memset(&r, 0, sizeof r);
	strcpy(r.dir, "/tmp/ae-test-XXXXXX");
	assert_non_null(mkdtemp(r.dir));
	snprintf(r.study, sizeof r.study, "%s/study.ini", r.dir);
	write_file(r.study, ini);
	run_options(&r.o, r.study);
	int rc = run_go(&r);
	if (!rc || !strstr(r.err.msg, needle))
		fail_msg("[effect] %s: expected an error with '%s', got %d '%s'", extra, needle, rc, r.err.msg);
	run_free(&r);
}

static void test_effect_keys_refused(void **state)
{
	(void)state;
	expect_study_error("unit = day", "[effect] unit: 'day' is not month or week");
	expect_study_error("window = 12", "is not two whole numbers of periods");
	expect_study_error("window = 0, 24", "is not two whole numbers of periods");
	expect_study_error("start = 2023-05-01\nend = 2023-01-01", "[effect] end 2023-01-01 is before start 2023-05-01");
	expect_study_error("permutations = -1", "permutations: '-1' must be a whole number from 0 to 100000");
	expect_study_error("start = 2023-13-01", "start: '2023-13-01' is not a date");
	expect_study_error("colour = red", "unknown key 'colour' in [effect]");
}

/* The treatment table's rejects: each reason with its column, and the count adds up. */
static void test_treatment_rejects(void **state)
{
	(void)state;
	run r;
	char ini[1024];
	memset(&r, 0, sizeof r);
	strcpy(r.dir, "/tmp/ae-test-XXXXXX");
	assert_non_null(mkdtemp(r.dir));
	char path[256];
	snprintf(path, sizeof path, "%s/treatment.csv", r.dir);
	write_file(path, "neighborhood,start,end\n"
			 "A01,2022-03-10,\n"           /* 2 accepted */
			 ",2022-03-01,\n"              /* 3 missing area */
			 "A02,,\n"                     /* 4 missing start */
			 "A03,2022-02-30,\n"           /* 5 bad date */
			 "A03,2022-09-30,2022-01-01\n" /* 6 end before start */
			 "A05,2024-02-01\n"            /* 7 field count */
			 "A01,2022-01-01,\n");         /* 8 accepted: A01's earliest start */
	snprintf(ini, sizeof ini,
		 "[study]\ntitle = t\nstart = 2023-01-01\nend = 2023-12-31\ntimezone = America/Chicago\nseed = 1\n"
		 "max_reject_share = 1\n[incidents]\npath = %s/" DIR "incidents.csv\n[treatment]\npath = treatment.csv\n"
		 "[effect]\nstart = 2021-01-01\nend = 2023-12-31\npermutations = 0\n",
		 getenv("PWD") ? getenv("PWD") : ".");
	snprintf(r.study, sizeof r.study, "%s/study.ini", r.dir);
	write_file(r.study, ini);
	run_options(&r.o, r.study);
	if (run_go(&r))
		fail_msg("%s", r.err.msg);
	assert_accounted(&r);
	const ae_tablecount *c = &r.acc.tables[TB_TREATMENT];
	assert_int_equal(c->read, 7);
	assert_int_equal(c->accepted, 2);
	assert_int_equal(c->rejected, 5);
	assert_int_equal(c->by_reason[RJ_MISSING], 2);
	assert_int_equal(c->by_reason[RJ_BAD_TIMESTAMP], 1);
	assert_int_equal(c->by_reason[RJ_OUT_OF_RANGE], 1);
	assert_int_equal(c->by_reason[RJ_FIELD_COUNT], 1);
	const ae_effect_facts *e = facts(&r);
	for (size_t i = 0; i < e->nareas; i++)
		if (strcmp(e->area[i], "A01") == 0)
			assert_string_equal(e->period[e->first[i]], "2022-01");
	/* no permutations asked: no p-value, said by empty numbers */
	const ae_row *p = ae_table_find(r.t, "crime_effect_p", "all", "all", "none");
	assert_true(isnan(p->est) && isnan(p->den));
	run_free(&r);
}

/* Planted effects recovered: generated cities (build/gen-crime: 60 areas, 20
 * treated in 3 cohorts, overdispersed monthly counts 2021-2025) with a planted
 * ratio of 0.85 and a twin with none. Over these seeds every interval holds
 * its truth, the estimates average within 2 % of it, and the randomization
 * rejects the planted effect and not its twin. (make coverage-effect runs
 * hundreds of cities; this is its fixed, quick corner.) */
static void test_planted_effects_recovered(void **state)
{
	(void)state;
	double sum_log = 0;
	int n = 0;
	for (int seed = 1; seed <= 4; seed++) {
		char dir[] = "/tmp/ae-test-XXXXXX", cmd[512], path[600], ini[2048];
		assert_non_null(mkdtemp(dir));
		snprintf(cmd, sizeof cmd,
			 "build/gen-crime --out %s --seed %d --areas 60 --treated 20 --cohorts 3 --ratio 0.85 --null "
			 ">/dev/null",
			 dir, seed);
		assert_int_equal(system(cmd), 0);
		for (int null = 0; null <= 1; null++) {
			snprintf(ini, sizeof ini,
				 "[study]\ntitle = t\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = America/Chicago\n"
				 "seed = %d\n[incidents]\npath = %s\ncolumn.incident_id = Report Number\n"
				 "column.timestamp = Offense Start DateTime\ntimestamp_format = %%m/%%d/%%Y %%I:%%M:%%S %%p\n"
				 "column.type = Offense Parent Group\ncolumn.neighborhood = MCPP\ncolumn.lon = Longitude\n"
				 "column.lat = Latitude\nmissing = REDACTED, UNKNOWN\n[treatment]\npath = treatment.csv\n"
				 "[effect]\nstart = 2021-01-01\nend = 2025-12-31\npermutations = 199\n",
				 seed, null ? "incidents_null.csv" : "incidents.csv");
			snprintf(path, sizeof path, "%s/study.ini", dir);
			write_file(path, ini);
			run r;
			run_study(&r, path);
			const ae_row *ratio = ae_table_find(r.t, "crime_effect_ratio", "all", "all", "jackknife_area");
			const ae_row *p = ae_table_find(r.t, "crime_effect_p", "all", "all", "none");
			double truth = null ? 1 : 0.85;
			print_message("seed %d %s: ratio %.3f (%.3f-%.3f), p %.3f\n", seed, null ? "none" : "0.85",
				      ratio->est, ratio->lo, ratio->hi, p->est);
			if (!(ratio->lo <= truth && truth <= ratio->hi))
				fail_msg("seed %d: the interval %g-%g misses %g", seed, ratio->lo, ratio->hi, truth);
			if (null)
				assert_true(p->est >= 0.05);
			else {
				assert_true(p->est < 0.05);
				sum_log += log(ratio->est);
				n++;
			}
			run_free(&r);
		}
		rm_tree(dir);
	}
	assert_double_near(exp(sum_log / n), 0.85, 0.85 * 0.02);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tiny_matches_reference),
		cmocka_unit_test(test_randomization_arithmetic),
		cmocka_unit_test(test_degenerate_panels),
		cmocka_unit_test(test_cameras_give_the_same_dates),
		cmocka_unit_test(test_iso_weeks),
		cmocka_unit_test(test_effect_keys_refused),
		cmocka_unit_test(test_treatment_rejects),
		cmocka_unit_test(test_planted_effects_recovered),
		cmocka_unit_test(test_no_incident_after_the_cameras),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
