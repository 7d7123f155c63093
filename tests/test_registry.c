/* test_registry.c — the three lists the pipeline is driven by: the study
 * parameters (every key reaches manifest.json), the metrics (every row of
 * metrics.csv names a listed metric), and the analyses (each registered
 * once, each one's rows in METRICS.md's order). Runs through ae_run. */
#include "testutil.h"
#include "analysis.h"
#include "metric_list.h"
#include "run.h"
#include <jansson.h>

#define OUT "build/test-registry-out"

/* A study that sets every [study] key, with every input and boundaries. */
static void write_full_study(const char *dir)
{
	char path[512], ini[8192];
	snprintf(path, sizeof path,
		 "mkdir -p %s && cp tests/data/tiny-exposure/*.csv tests/data/tiny-exposure/boundaries.geojson "
		 "analysis/organization-rules.txt %s/",
		 dir, dir);
	assert_int_equal(system(path), 0);
	snprintf(path, sizeof path, "%s/key.bin", dir);
	write_file(path, "0123456789abcdef0123456789abcdef");
	snprintf(ini, sizeof ini,
		 "[study]\ntitle = Every key\nstart = 2025-03-05\nend = 2025-03-14\ntimezone = America/Chicago\n"
		 "seed = 7\nconfidence = 0.9\nci_method = jeffreys\noutput = %s\nfalse_positive = misread\n"
		 "min_cell = 3\ncost = 1000\ncurrency = euros\nmax_reject_share = 1\nplate_key_file = key.bin\ntracked_cameras = 2\n"
		 "small_population = 50\nbootstrap_replicates = 200\nagency_state = TX\nafter_hours = 22:00-02:00\n"
		 "retention_days = 30\nretention_alternatives = 7, 90\nflag_terms = ICE, deport*\nagency = Every PD\n"
		 "law = ca_sb34\norganization_rules = organization-rules.txt\n"
		 "[reads]\npath = reads.csv\nmissing = ?\n[hits]\npath = hits.csv\n[cameras]\npath = cameras.csv\n"
		 "[neighborhoods]\npath = neighborhoods.csv\ncolumn.neighborhood = name\ncolumn.population = total_pop\n"
		 "boundaries = boundaries.geojson\nboundaries_property = nbhd\n",
		 OUT);
	snprintf(path, sizeof path, "%s/study.ini", dir);
	write_file(path, ini);
}

/* The study run to the end: the report folder written (to output, when not NULL). */
static ae_run *run_to_end(const char *study, const char *output)
{
	ae_run_options o;
	ae_run_options_init(&o);
	o.study = study;
	o.output = output;
	o.chromium = "none";
	ae_run *r;
	ae_error err = {0, ""};
	int rc = ae_run_new(&r, &o, &err);
	if (!rc)
		rc = ae_run_ingest(r, &err);
	if (!rc)
		rc = ae_run_analyse(r, &err);
	if (!rc)
		rc = ae_run_write(r, NULL, 0, &err);
	if (rc)
		fail_msg("%s: %s", study, err.msg);
	return r;
}

static void test_manifest_carries_every_study_key_and_input_hash(void **state)
{
	(void)state;
	const char *dir = "build/test-registry-study";
	rm_tree(dir);
	rm_tree(OUT);
	write_full_study(dir);
	ae_run *r = run_to_end("build/test-registry-study/study.ini", NULL);
	json_error_t je;
	json_t *m = json_load_file(OUT "/manifest.json", 0, &je);
	assert_non_null(m);
	json_t *st = json_object_get(m, "study");
	assert_non_null(st);
	for (size_t k = 0; k < ae_nstudy_params; k++) {
		char name[64];
		const char *key = ae_study_param_name(&ae_study_params[k], name);
		json_t *v = json_object_get(st, key);
		if (!v || json_is_null(v))
			fail_msg("manifest.json study lacks '%s'", key);
	}
	assert_string_equal(json_string_value(json_object_get(st, "sha256")), ae_run_study(r)->file_hash.sha256);
	assert_int_equal(strlen(json_string_value(json_object_get(st, "sha256"))), 64);
	/* every input the study names, the boundaries included, with its bytes and SHA-256 */
	const char *want[] = {"reads", "hits", "cameras", "neighborhoods", "boundaries"};
	json_t *ins = json_object_get(m, "inputs");
	for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
		int found = 0;
		for (size_t i = 0; i < json_array_size(ins); i++) {
			json_t *o = json_array_get(ins, i);
			if (strcmp(json_string_value(json_object_get(o, "table")), want[w]) != 0)
				continue;
			found = 1;
			const char *sha = json_string_value(json_object_get(o, "sha256"));
			if (!sha || strlen(sha) != 64)
				fail_msg("input %s has no SHA-256", want[w]);
			assert_true(json_integer_value(json_object_get(o, "bytes")) > 0);
		}
		if (!found)
			fail_msg("manifest.json has no input '%s'", want[w]);
	}
	/* the boundaries' hash is the file's */
	char cmd[512];
	snprintf(cmd, sizeof cmd, "sha256sum %s/boundaries.geojson | cut -c1-64 > build/test-registry-sha", dir);
	assert_int_equal(system(cmd), 0);
	char *sha = slurp_file("build/test-registry-sha", NULL);
	sha[64] = '\0';
	assert_string_equal(sha, ae_run_handover(r)->acc.boundaries.sha256);
	free(sha);
	json_decref(m);
	ae_run_free(r);
	rm_tree(dir);
	rm_tree(OUT);
}

/* Runs a study to its table and marks the metrics it has rows of; ordered:
 * the rows must also stand in the list's order. */
static void mark_rows(const char *study, int *seen, int ordered)
{
	ae_run_options o;
	ae_run_options_init(&o);
	o.study = study;
	ae_run *r;
	ae_error err = {0, ""};
	assert_int_equal(ae_run_new(&r, &o, &err), 0);
	assert_int_equal(ae_run_ingest(r, &err), 0);
	assert_int_equal(ae_run_analyse(r, &err), 0);
	const ae_table *t = ae_run_table(r);
	int last = -1;
	for (size_t i = 0; i < t->n; i++) {
		int id = (int)(ae_metric_find(t->rows[i].metric) - ae_metric_defs);
		if (ordered)
			assert_true(id >= last);
		last = id;
		seen[id] = 1;
	}
	ae_run_free(r);
}

static void test_every_row_names_a_listed_metric_in_list_order(void **state)
{
	(void)state;
	rm_tree(OUT);
	ae_run_options o;
	ae_run_options_init(&o);
	o.study = "analysis/sample-city.ini";
	ae_run *r;
	ae_error err = {0, ""};
	assert_int_equal(ae_run_new(&r, &o, &err), 0);
	assert_int_equal(ae_run_ingest(r, &err), 0);
	assert_int_equal(ae_run_analyse(r, &err), 0);
	const ae_table *t = ae_run_table(r);
	assert_true(t->n > 100);
	int last = -1, seen[AE_METRIC_COUNT] = {0};
	for (size_t i = 0; i < t->n; i++) {
		const ae_metric_def *d = ae_metric_find(t->rows[i].metric);
		if (!d)
			fail_msg("row %zu: metric '%s' is not in metric_list.h", i, t->rows[i].metric);
		int id = (int)(d - ae_metric_defs);
		if (id < last)
			fail_msg("row %zu: %s after %s: not in the list's order", i, d->name, ae_metric_defs[last].name);
		last = id;
		seen[id] = 1;
	}
	/* the sample study has every input but an audit log and incidents: every
	 * listed metric but the governance and crime-effect ones has rows */
	for (int m = 0; m < AE_METRIC_COUNT; m++)
		if (!seen[m] && strcmp(ae_metric_defs[m].table, AE_GOVERNANCE) != 0 &&
		    strcmp(ae_metric_defs[m].table, AE_CRIME) != 0)
			fail_msg("no row of %s in the sample study", ae_metric_defs[m].name);
	ae_run_free(r);
	/* the governance metrics: from the tiny audit log; sharing_prohibited:
	 * from the tiny edge list (a California agency); the crime-effect
	 * counts: from the tiny incidents; the crime-effect model: from the tiny
	 * effect study (rows in list order too) */
	mark_rows("tests/data/tiny-searches/study.ini", seen, 0);
	mark_rows("tests/data/tiny-sharing/study.ini", seen, 0);
	mark_rows("tests/data/tiny-incidents/chicago.ini", seen, 1);
	mark_rows("tests/data/tiny-effect/study.ini", seen, 1);
	for (int m = 0; m < AE_METRIC_COUNT; m++)
		if (!seen[m])
			fail_msg("no row of %s in the sample study, the tiny audit log, the tiny edge list, the tiny "
				 "incidents or the tiny effect study",
				 ae_metric_defs[m].name);
}

/* Which hit-rate interval the briefing tells the reader to quote follows
 * from the rows: the clustered one where it is wider (the sample city: a few
 * vehicles carry the alerts), the plain one where it is wider (the other
 * agency's export: alerts spread over many vehicles). */
static void test_which_interval_to_quote_follows_the_rows(void **state)
{
	(void)state;
	static const struct {
		const char *study, *says;
	} cases[] = {
		{"analysis/sample-city.ini", "so understates the uncertainty; quote the first."},
		{"analysis/other-agency.ini", "here it is the wider of the two, so quote it"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rm_tree(OUT);
		ae_run *r = run_to_end(cases[i].study, OUT);
		const ae_table *t = ae_run_table(r);
		const ae_row *c = ae_table_find(t, "hit_rate", "all", "all", "cluster_plate");
		const ae_row *w = ae_table_find(t, "hit_rate", "all", "all", "wilson");
		assert_non_null(c);
		assert_non_null(w);
		int clustered_wider = c->hi - c->lo >= w->hi - w->lo;
		assert_int_equal(clustered_wider, i == 0);
		char *md = slurp_file(OUT "/report.md", NULL);
		assert_non_null(md);
		if (!strstr(md, cases[i].says))
			fail_msg("%s: report.md does not say '%s'", cases[i].study, cases[i].says);
		free(md);
		ae_run_free(r);
	}
	rm_tree(OUT);
}

/* outcomes_linked never says more than outcomes: a type whose count is
 * suppressed has its linked count suppressed too, and linked <= all. */
static void test_outcomes_linked_follow_outcomes(void **state)
{
	(void)state;
	rm_tree(OUT);
	ae_run *r = run_to_end("analysis/sample-city.ini", OUT);
	const ae_table *t = ae_run_table(r);
	int suppressed = 0;
	for (int o = 0; o < OT_COUNT; o++) {
		const ae_row *all = ae_table_find(t, "outcomes", "outcome", ae_outcome_names[o], NULL);
		const ae_row *lk = ae_table_find(t, "outcomes_linked", "outcome", ae_outcome_names[o], NULL);
		if (!all) {
			assert_null(lk);
			continue;
		}
		assert_non_null(lk);
		if (strcmp(all->method, "suppressed") == 0) {
			assert_string_equal(lk->method, "suppressed");
			assert_true(isnan(lk->est));
			suppressed++;
		} else if (strcmp(lk->method, "none") == 0) {
			assert_double_cmp(lk->est, <=, all->est);
		}
	}
	assert_true(suppressed >= 1); /* the sample's "other" outcomes are under min_cell */
	const ae_row *ey = ae_table_find(t, "enforcement_yield", "all", "all", NULL);
	const ae_row *oy = ae_table_find(t, "outcome_yield", "all", "all", NULL);
	assert_non_null(ey);
	assert_double_cmp(ey->num, <=, oy->num);
	assert_double_near(ey->den, oy->den, 0);
	ae_run_free(r);
	rm_tree(OUT);
}

static void test_analyses_registered_once(void **state)
{
	(void)state;
	assert_true(ae_nanalyses >= 2);
	for (size_t i = 0; i < ae_nanalyses; i++) {
		/* an analysis builds rows, or is a report step over others' rows */
		assert_true(ae_analyses[i].build || ae_analyses[i].section);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(ae_analyses[i].name, ae_analyses[j].name);
	}
	assert_int_equal(AE_METRIC_COUNT, sizeof ae_metric_defs / sizeof ae_metric_defs[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_manifest_carries_every_study_key_and_input_hash),
		cmocka_unit_test(test_every_row_names_a_listed_metric_in_list_order),
		cmocka_unit_test(test_which_interval_to_quote_follows_the_rows),
		cmocka_unit_test(test_outcomes_linked_follow_outcomes),
		cmocka_unit_test(test_analyses_registered_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
