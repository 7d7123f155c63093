/* test_peers.c — the peers table (peers.h): the compiled-in copy is
 * analysis/peers.csv byte for byte and parses; each hit ratio with counts is
 * its numerator over its denominator; a malformed table is refused with its
 * line and field. The section itself is checked in test_briefing.c. */
#include "testutil.h"
#include "peers.h"

static void test_builtin_is_the_file(void **state)
{
	(void)state;
	size_t n;
	char *text = slurp_file(AE_PEERS_DEFAULT, &n);
	assert_non_null(text);
	assert_int_equal(ae_peers_text_len, n);
	assert_memory_equal(ae_peers_text, text, n);
	ae_peers *p;
	ae_error err = {0};
	if (ae_peers_load_builtin(&p, &err))
		fail_msg("%s", err.msg);
	size_t hits = 0, days = 0;
	for (size_t i = 0; i < ae_peers_count(p); i++) {
		const ae_peer *e = ae_peers_get(p, i);
		assert_true(*e->url && *e->source);
		hits += e->metric == PEER_HIT_RATIO;
		days += e->metric == PEER_RETENTION_DAYS;
		if (!isnan(e->numerator))
			assert_close(e->value, e->numerator / e->denominator, 1e-12);
	}
	assert_true(hits >= 3 && days >= 1);
	/* Irvine PD 2016, the figure METRICS.md quotes */
	const ae_peer *irv = ae_peers_get(p, 0);
	assert_string_equal(irv->agency, "Irvine Police Department");
	assert_close(irv->numerator, 210, 0);
	assert_close(irv->denominator, 489286, 0);
	ae_peers_free(p);
	free(text);
}

/* A malformed peers table is refused with its line and field. */
static void test_peers_table_errors(void **state)
{
	(void)state;
	static const char *const head = "agency,state,period,metric,numerator,denominator,value,source,url,note\n";
	static const struct {
		const char *body, *msg;
	} cases[] = {
		{"A,CA,2016,hit_rate,,,0.1,S,,\n",
		 "t.csv line 2: field metric: 'hit_rate', expected hit_ratio or retention_days"},
		{"A,CA,2016,hit_ratio,1,10,0.2,S,,\n", "t.csv line 2: field value: 0.2 is not numerator / denominator"},
		{"A,CA,2016,hit_ratio,1,,0.1,S,,\n", "t.csv line 2: numerator and denominator: give both or neither"},
		{"A,CA,2016,retention_days,,,x,S,,\n", "t.csv line 2: field value: 'x' is not a number"},
		{"A,CA,2016,retention_days,,,30,,,\n", "t.csv line 2: field source is empty"},
		{"A,CA,2016,retention_days,,,30,S,\n", "t.csv line 2: 9 fields, expected 10"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[512];
		snprintf(buf, sizeof buf, "%s%s", head, cases[i].body);
		ae_peers *p = NULL;
		ae_error err = {0};
		assert_int_not_equal(ae_peers_parse((const unsigned char *)buf, strlen(buf), "t.csv", &p, &err), 0);
		assert_null(p);
		if (strncmp(err.msg, cases[i].msg, strlen(cases[i].msg)) != 0)
			fail_msg("case %zu: '%s', expected '%s...'", i, err.msg, cases[i].msg);
	}
	ae_peers *p = NULL;
	ae_error err = {0};
	const char *bad = "agency,state\n";
	assert_int_not_equal(ae_peers_parse((const unsigned char *)bad, strlen(bad), "t.csv", &p, &err), 0);
	assert_non_null(strstr(err.msg, "t.csv line 1: 2 fields, expected 10"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_is_the_file),
		cmocka_unit_test(test_peers_table_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
