/* test_retention.c — the retention what-ifs on small hand-made studies, every
 * expected value worked out by hand in the comments: reads and vehicles held
 * at the period's end (a read exactly d days old is held), the vehicles with
 * no alert among them, the ages of the reads behind outcomes (outcomes with
 * no timestamp, no hit, an unknown hit or a hit of an out-of-period read left
 * out; an outcome exactly d days after its read does not need an older one),
 * the read log's span over reads in and out of the period, a study with reads
 * only, one whose outcomes link nothing, and the small-count rule. The tiny
 * study against an independent reference is in test_e2e.c. */
#include "testutil.h"

/* STUDY_HEAD: 2025 in America/Chicago, so the period ends at
 * 2026-01-01T00:00 CST = 2026-01-01T06:00:00Z. Days 1, 7, 30, 365. */
#define KEYS "retention_alternatives = 1, 7, 30\nretention_days = 365\n"

#define RH "read_id,timestamp,camera_id,plate,plate_state\n"
static const char READS[] = RH
	/* age 86400 s: exactly 1 day, held by a 1-day policy */
	"R1,2025-12-31T06:00:00Z,C1,AAA,IL\n"
	/* age 86401 s: held from 7 days */
	"R2,2025-12-31T05:59:59Z,C1,BBB,IL\n"
	/* AAA again, 12 days old */
	"R3,2025-12-20T06:00:00Z,C2,AAA,IL\n"
	/* exactly 7 days */
	"R4,2025-12-25T06:00:00Z,C2,CCC,IL\n"
	/* 213.75 days */
	"R5,2025-06-01T12:00:00Z,C1,DDD,IL\n"
	/* local 2026-01-01 00:00: out of period, the log's last read */
	"R6,2026-01-01T06:00:00Z,C1,EEE,IL\n"
	/* local 2024-12-31 06:00: out of period, the log's first read */
	"R7,2024-12-31T12:00:00Z,C1,FFF,IL\n"
	/* rejected: neither in the figures nor in the span */
	"R8,not a time,C1,GGG,IL\n";

#define HH "hit_id,read_id,timestamp,camera_id,plate,hotlist,disposition\n"
static const char HITS[] = HH
	"H1,R3,,,,stolen_vehicle,confirmed\n"
	"H2,R5,,,,stolen_vehicle,misread\n"
	"H3,R6,,,,stolen_vehicle,confirmed\n";

#define OH "outcome_id,hit_id,timestamp,type\n"
static const char OUTCOMES[] = OH
	/* 1 day exactly after R3: not older than 1 day */
	"O1,H1,2025-12-21T06:00:00Z,arrest\n"
	/* 8 days after R5 */
	"O2,H2,2025-06-09T12:00:00Z,arrest\n"
	/* no timestamp; no hit; an unknown hit; a hit of an out-of-period read: left out */
	"O3,H1,,arrest\n"
	"O4,,2025-07-01T12:00:00Z,arrest\n"
	"O5,H9,2025-07-01T12:00:00Z,arrest\n"
	"O6,H3,2025-12-31T12:00:00Z,arrest\n";

static const ae_row *row(const run *s, const char *m, const char *d, const char *g)
{
	const ae_row *r = ae_table_find(s->t, m, d, g, NULL);
	if (!r)
		fail_msg("no row %s,%s,%s", m, d, g);
	return r;
}

static void held(const run *s, const char *g, double reads, double vehicles, double quiet)
{
	assert_close(row(s, "reads_held_at_end", "days", g)->est, reads, 0);
	const ae_row *v = row(s, "vehicles_held_at_end", "days", g);
	assert_string_equal(v->method, "none");
	assert_close(v->est, vehicles, 0);
	assert_close(v->den, vehicles, 0);
	assert_close(v->num, quiet, 0);
}

static void test_held_ages_span(void **st)
{
	(void)st;
	run s;
	run_small(&s, KEYS, READS, HITS, OUTCOMES, NULL, NULL);
	assert_int_equal(s.rc, AE_OK);
	assert_accounted(&s);
	/* reads: d1 R1; d7 + R2, R4; d30 + R3; d365 + R5.
	 * vehicles by their newest read: AAA (R1, 1 day), BBB (2 days), CCC (7), DDD (214);
	 * alerts: AAA (H1 on R3) and DDD (H2 on R5) */
	held(&s, "1", 1, 1, 0);
	held(&s, "7", 3, 3, 2);
	held(&s, "30", 4, 3, 2);
	held(&s, "365", 5, 4, 2);
	assert_null(ae_table_find(s.t, "reads_held_at_end", "days", "90", NULL));
	/* ages 1 and 8 days; type 7: p50 4.5, p90 1 + 0.9 x 7, p95 1 + 0.95 x 7 */
	const char *q[] = {"p50", "p90", "p95", "max"};
	double want[] = {4.5, 7.3, 7.65, 8};
	for (int i = 0; i < 4; i++) {
		const ae_row *r = row(&s, "outcome_read_age_days", "quantile", q[i]);
		assert_close(r->est, want[i], 1e-12);
		assert_close(r->den, 2, 0);
	}
	/* older than d days: O2 (8 days) for 1 and 7; O1 (exactly 1 day) never */
	const char *g[] = {"1", "7", "30", "365"};
	double older[] = {1, 1, 0, 0};
	for (int i = 0; i < 4; i++) {
		const ae_row *r = row(&s, "outcomes_needing_older_reads", "days", g[i]);
		assert_close(r->num, older[i], 0);
		assert_close(r->den, 2, 0);
		assert_close(r->est, older[i] / 2, 0);
	}
	/* R7 (2024-12-31T12:00Z) to R6 (2026-01-01T06:00Z): 365 days and 18 hours */
	assert_close(row(&s, "read_log_span_days", "all", "all")->est, 365.75, 1e-12);
	run_free(&s);
}

/* The same with two parser threads over a split read log: the same rows. */
static void test_two_threads(void **st)
{
	(void)st;
	run a, b;
	run_small(&a, KEYS, READS, HITS, OUTCOMES, NULL, NULL);
	study_write(&b, KEYS, READS, HITS, OUTCOMES, NULL, NULL);
	b.o.threads = 2;
	b.o.split_min = 0;
	run_go(&b);
	assert_int_equal(b.rc, AE_OK);
	assert_int_equal(a.t->n, b.t->n);
	for (size_t i = 0; i < a.t->n; i++) {
		const ae_row *x = &a.t->rows[i], *y = &b.t->rows[i];
		assert_string_equal(x->metric, y->metric);
		assert_string_equal(x->group, y->group);
		assert_true(ae_close(x->est, y->est, 0) && ae_close(x->num, y->num, 0) && ae_close(x->den, y->den, 0));
	}
	run_free(&a);
	run_free(&b);
}

/* Reads only: every vehicle held has no alert; no outcome rows at all. */
static void test_reads_only(void **st)
{
	(void)st;
	run s;
	run_small(&s, KEYS, READS, NULL, NULL, NULL, NULL);
	assert_int_equal(s.rc, AE_OK);
	held(&s, "7", 3, 3, 3);
	held(&s, "365", 5, 4, 4);
	assert_null(ae_table_find(s.t, "outcome_read_age_days", "quantile", "p50", NULL));
	assert_null(ae_table_find(s.t, "outcomes_needing_older_reads", "days", "1", NULL));
	assert_close(row(&s, "read_log_span_days", "all", "all")->est, 365.75, 1e-12);
	run_free(&s);
}

/* Outcomes that link no alert's read (and an empty read log): the outcome
 * rows are there but empty, with denominator 0; the span is empty. */
static void test_nothing_linked(void **st)
{
	(void)st;
	run s;
	run_small(&s, KEYS, RH, HH "H1,R1,,,,stolen_vehicle,confirmed\n", OH "O1,H1,2025-06-01T12:00:00Z,arrest\n",
		  NULL, NULL);
	assert_int_equal(s.rc, AE_OK);
	held(&s, "365", 0, 0, 0);
	const ae_row *q = row(&s, "outcome_read_age_days", "quantile", "max");
	assert_true(isnan(q->est));
	assert_close(q->den, 0, 0);
	const ae_row *o = row(&s, "outcomes_needing_older_reads", "days", "30");
	assert_true(isnan(o->est));
	assert_close(o->num, 0, 0);
	assert_close(o->den, 0, 0);
	assert_true(isnan(row(&s, "read_log_span_days", "all", "all")->est));
	run_free(&s);
}

/* min_cell 2: one vehicle held at 1 day is a small count, its row goes;
 * the others (3 and 4 vehicles, 2 of them with no alert) stay. */
static void test_small_counts(void **st)
{
	(void)st;
	run s;
	run_small(&s, KEYS "min_cell = 2\n", READS, HITS, OUTCOMES, NULL, NULL);
	assert_int_equal(s.rc, AE_OK);
	assert_string_equal(row(&s, "vehicles_held_at_end", "days", "1")->method, "suppressed");
	assert_true(isnan(row(&s, "vehicles_held_at_end", "days", "1")->est));
	assert_string_equal(row(&s, "vehicles_held_at_end", "days", "365")->method, "none");
	assert_close(row(&s, "vehicles_held_at_end", "days", "365")->est, 4, 0);
	run_free(&s);
}

/* A period ending where local midnight does not exist: America/Santiago
 * springs from 00:00 to 01:00 on 2025-09-07, so the period ending 2025-09-06
 * ends at 2025-09-07T04:00:00Z (00:00 at -04, the instant the gap starts). */
static void test_end_in_a_gap(void **st)
{
	(void)st;
	run s;
	run_small(&s,
		  "[study]\ntitle = t\nstart = 2025-09-01\nend = 2025-09-06\ntimezone = America/Santiago\nseed = 1\n"
		  "retention_alternatives = 0, 1\n",
		  RH "A,2025-09-07T03:59:59Z,C1,AAA,IL\n"  /* 23:59:59 -04: 1 s before the end */
		     "B,2025-09-06T04:00:00Z,C1,BBB,IL\n"  /* 00:00 -04 on the 6th: exactly 1 day */
		     "C,2025-09-06T03:59:59Z,C1,CCC,IL\n"  /* 1 day and 1 s */
		     "D,2025-09-07T04:00:00Z,C1,DDD,IL\n", /* 01:00 -03 on the 7th: out of period */
		  NULL, NULL, NULL, NULL);
	assert_int_equal(s.rc, AE_OK);
	held(&s, "0", 0, 0, 0);
	held(&s, "1", 2, 2, 2);
	assert_close(row(&s, "reads", "all", "all")->est, 3, 0);
	/* C to D: 1 day and 1 s */
	assert_close(row(&s, "read_log_span_days", "all", "all")->est, 1 + 1 / 86400.0, 1e-12);
	run_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_held_ages_span), cmocka_unit_test(test_two_threads),
		cmocka_unit_test(test_reads_only),     cmocka_unit_test(test_nothing_linked),
		cmocka_unit_test(test_small_counts),   cmocka_unit_test(test_end_in_a_gap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
