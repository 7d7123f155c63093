/* test_incidents.c — the [incidents] table and the `incidents` counts on the
 * two hand-made exports of tests/data/tiny-incidents (Seattle and Chicago
 * shapes): every count checked by hand below, then against the independent
 * reference tests/reference/incidents_ref.py (which reads the CSVs itself);
 * the same file gzipped gives the same rows. */
#include "testutil.h"
#include <zlib.h>

#define DIR "tests/data/tiny-incidents/"
#define PY "/usr/bin/python3"

static double count_of(const run *r, const char *dim, const char *group)
{
	const ae_row *row = ae_table_find(r->t, "incidents", dim, group, "none");
	if (!row)
		fail_msg("no incidents row %s / %s", dim, group);
	return row->est;
}

static size_t nrows(const run *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->t->n; i++)
		n += strcmp(r->t->rows[i].metric, "incidents") == 0;
	return n;
}

static void expect_accounting(const run *r, int read, int acc, int rej, int out, int rep)
{
	const ae_tablecount *c = &r->acc.tables[TB_INCIDENTS];
	assert_accounted(r);
	assert_int_equal(c->read, read);
	assert_int_equal(c->accepted, acc);
	assert_int_equal(c->rejected, rej);
	assert_int_equal(c->out_of_period, out);
	assert_int_equal(c->repeated, rep);
}

/* seattle.csv, period 2024-01-01..03-31 in America/Los_Angeles (header = line 1):
 *  2 2024-000101 01-03 LARCENY-THEFT, CAPITOL HILL       incident: Jan, CAPITOL HILL, theft
 *  3 2024-000101 (second offence)                      repeat: accepted, not counted
 *  4 2024-000101 (third offence)                       repeat
 *  5 2024-000102 2024-02-14 (a date alone) ASSAULT, DOWNTOWN COMMERCIAL    Feb
 *  6 2024-000103 2023-12-31 23:30                      out of period
 *  7 2024-000104 03-31 23:59 MOTOR VEHICLE THEFT, MCPP UNKNOWN (missing), 0,0: Mar, area unknown
 *  8 2024-02-30                                        rejected: bad timestamp
 *  9 2024-03-10 02:15 (spring-forward gap)             rejected: dst gap
 * 10 Longitude -200                                    rejected: out of range
 * 11 2024-000108 01-20 LARCENY-THEFT, BALLARD NORTH, REDACTED coordinates: Jan, theft
 * 12 8 fields of 17                                    rejected: field count
 * 13 2024-04-01 00:00                                  out of period
 * 14 2024-000110 03-05 "Larceny-Theft" (no exact label: kept as given), CAPITOL HILL: Mar
 * 15 2024-000102 again, dated 03-01                    repeat of line 5 (stays in Feb)
 * 16 no timestamp                                      rejected: missing
 * read 15 = accepted 8 (5 incidents + 3 repeats) + rejected 5 + out of period 2. */
static void test_seattle_by_hand(void **st)
{
	(void)st;
	run r;
	run_study(&r, DIR "seattle.ini");
	expect_accounting(&r, 15, 8, 5, 2, 3);
	assert_double_near(count_of(&r, "all", "all"), 5, 0);
	assert_double_near(count_of(&r, "neighborhood", "CAPITOL HILL"), 2, 0);
	assert_double_near(count_of(&r, "neighborhood", "DOWNTOWN COMMERCIAL"), 1, 0);
	assert_double_near(count_of(&r, "neighborhood", "BALLARD NORTH"), 1, 0);
	assert_double_near(count_of(&r, "neighborhood", "unknown"), 1, 0);
	assert_double_near(count_of(&r, "month", "2024-01"), 2, 0);
	assert_double_near(count_of(&r, "month", "2024-02"), 1, 0);
	assert_double_near(count_of(&r, "month", "2024-03"), 2, 0);
	assert_double_near(count_of(&r, "type", "theft"), 2, 0);
	assert_double_near(count_of(&r, "type", "burglary"), 0, 0); /* mapped, its one row rejected */
	assert_double_near(count_of(&r, "type", "ASSAULT OFFENSES"), 1, 0);
	assert_double_near(count_of(&r, "type", "MOTOR VEHICLE THEFT"), 1, 0);
	assert_double_near(count_of(&r, "type", "Larceny-Theft"), 1, 0);
	assert_int_equal(nrows(&r), 1 + 4 + 3 + 5);
	/* incidents alone: no read log, so no read figure */
	assert_null(ae_table_find(r.t, "reads", "all", "all", NULL));
	long lines[] = {8, 9, 10, 12, 16};
	int reasons[] = {RJ_BAD_TIMESTAMP, RJ_DST_GAP, RJ_OUT_OF_RANGE, RJ_FIELD_COUNT, RJ_MISSING};
	assert_int_equal(r.acc.nrejects, 5);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(r.acc.rejects[i].line, lines[i]);
		assert_int_equal(r.acc.rejects[i].reason, reasons[i]);
	}
	run_free(&r);
}

/* chicago.csv, period 2024-01-01..03-31 in America/Chicago, one incident per
 * Case Number, areas by the polygons of boundaries.geojson (Ashdale is a
 * square with a hole; Elm Flats is listed but has no polygon):
 *  2 JH100001 01/05 11:30 PM THEFT (41.905,-87.695) Ashdale     Jan
 *  3 JH100002 01/31 11:59 PM BATTERY Bayview                    Jan
 *  4 JH100002 02/01 THEFT                                        repeat
 *  5 JH100003 02/10 MOTOR VEHICLE THEFT at 0,0 (no point)        Feb, unknown, vehicle_theft
 *  6 JH100004 02/29 THEFT Cedar Park                             Feb
 *  7 JH100005 13/01/2024                                         rejected: bad timestamp
 *  8 JH100006 12/31/2023 11:00 PM                                out of period
 *  9 JH100006 01/01/2024 (its first row was out of period)       out of period
 * 10 JH100007 03/15 BATTERY (41.92,-87.68), in Ashdale's hole    Mar, unknown
 * 11 JH100008 03/31 11:59:59 PM MOTOR VEHICLE THEFT Dunmore     Mar, vehicle_theft
 * 12 JH100009 04/01 12:00 AM                                     out of period
 * 13 JH100010 03/10 02:30 AM (spring-forward gap)                rejected: dst gap
 * 14 JH100011 Latitude "abc"                                     rejected: bad number
 * 15 JH100012 03/03, no type, no coordinates                     Mar, unknown, no type row
 * 16 JH100005 01/20 THEFT Ashdale (its earlier row was rejected: this one is the incident) Jan
 * 17 no Case Number                                              rejected: missing
 * read 16 = accepted 9 (8 + 1 repeat) + rejected 4 + out of period 3. */
static void test_chicago_by_hand(void **st)
{
	(void)st;
	run r;
	run_study(&r, DIR "chicago.ini");
	expect_accounting(&r, 16, 9, 4, 3, 1);
	assert_double_near(count_of(&r, "all", "all"), 8, 0);
	assert_double_near(count_of(&r, "neighborhood", "Ashdale"), 2, 0);
	assert_double_near(count_of(&r, "neighborhood", "Bayview"), 1, 0);
	assert_double_near(count_of(&r, "neighborhood", "Cedar Park"), 1, 0);
	assert_double_near(count_of(&r, "neighborhood", "Dunmore"), 1, 0);
	assert_double_near(count_of(&r, "neighborhood", "Elm Flats"), 0, 0);
	assert_double_near(count_of(&r, "neighborhood", "unknown"), 3, 0);
	assert_double_near(count_of(&r, "month", "2024-01"), 3, 0);
	assert_double_near(count_of(&r, "month", "2024-02"), 2, 0);
	assert_double_near(count_of(&r, "month", "2024-03"), 3, 0);
	assert_double_near(count_of(&r, "type", "THEFT"), 3, 0);
	assert_double_near(count_of(&r, "type", "BATTERY"), 2, 0);
	assert_double_near(count_of(&r, "type", "vehicle_theft"), 2, 0);
	assert_null(ae_table_find(r.t, "incidents", "type", "MOTOR VEHICLE THEFT", NULL));
	assert_null(ae_table_find(r.t, "incidents", "type", "ASSAULT", NULL)); /* its row was rejected */
	assert_int_equal(nrows(&r), 1 + 6 + 3 + 3);
	run_free(&r);
}

/* Every row and count against the reference, in metrics.csv's order. */
static void check_reference(const char *study)
{
	run r;
	run_study(&r, study);
	char cmd[512], line[512];
	snprintf(cmd, sizeof cmd, PY " tests/reference/incidents_ref.py %s", study);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	const ae_tablecount *c = &r.acc.tables[TB_INCIDENTS];
	char want[128];
	snprintf(want, sizeof want, "counts,%llu,%llu,%llu,%llu,%llu\n", (unsigned long long)c->read,
		 (unsigned long long)c->accepted, (unsigned long long)c->rejected, (unsigned long long)c->out_of_period,
		 (unsigned long long)c->repeated);
	assert_non_null(fgets(line, sizeof line, p));
	assert_string_equal(line, want);
	size_t k = 0;
	for (size_t i = 0; i < r.t->n; i++) {
		const ae_row *row = &r.t->rows[i];
		if (strcmp(row->metric, "incidents") != 0)
			continue;
		snprintf(want, sizeof want, "incidents,%s,%s,%.0f\n", row->dimension, row->group, row->est);
		if (!fgets(line, sizeof line, p))
			fail_msg("%s: the reference ends before %s", study, want);
		assert_string_equal(line, want);
		k++;
	}
	assert_null(fgets(line, sizeof line, p));
	assert_int_equal(pclose(p), 0);
	assert_true(k > 0);
	run_free(&r);
}

static void test_reference(void **st)
{
	(void)st;
	check_reference(DIR "seattle.ini");
	check_reference(DIR "chicago.ini");
}

/* The Seattle file gzipped, read as a stream: the same rows. */
static void test_gzip(void **st)
{
	(void)st;
	run a, b;
	run_study(&a, DIR "seattle.ini");
	study_write(&b, NULL, NULL, NULL, NULL, NULL, NULL);
	char path[256];
	snprintf(path, sizeof path, "%s/seattle.csv.gz", b.dir);
	size_t n;
	char *text = slurp_file(DIR "seattle.csv", &n);
	gzFile gz = gzopen(path, "wb");
	assert_int_equal(gzwrite(gz, text, (unsigned)n), (int)n);
	gzclose(gz);
	free(text);
	char *ini = slurp_file(DIR "seattle.ini", NULL);
	char *p = strstr(ini, "path = seattle.csv");
	assert_non_null(p);
	snprintf(path, sizeof path, "%s/study.ini", b.dir);
	FILE *f = fopen(path, "w");
	fwrite(ini, 1, (size_t)(p - ini), f);
	fputs("path = seattle.csv.gz", f);
	fputs(p + strlen("path = seattle.csv"), f);
	fclose(f);
	free(ini);
	assert_int_equal(run_go(&b), AE_OK);
	assert_int_equal(nrows(&a), nrows(&b));
	for (size_t i = 0, j = 0; i < a.t->n; i++) {
		if (strcmp(a.t->rows[i].metric, "incidents") != 0)
			continue;
		while (strcmp(b.t->rows[j].metric, "incidents") != 0)
			j++;
		assert_string_equal(a.t->rows[i].group, b.t->rows[j].group);
		assert_double_near(a.t->rows[i].est, b.t->rows[j].est, 0);
		j++;
	}
	assert_int_equal(b.acc.tables[TB_INCIDENTS].repeated, 3);
	run_free(&a);
	run_free(&b);
}

/* value.type needs a name; the section needs a path. */
static void test_bad_keys(void **st)
{
	(void)st;
	run r;
	study_write(&r, "[incidents]\npath = i.csv\nvalue.type. = THEFT\n", NULL, NULL, NULL, NULL, NULL);
	assert_int_not_equal(run_go(&r), AE_OK);
	assert_non_null(strstr(r.err.msg, "names no type"));
	run_free(&r);
	study_write(&r, "[incidents]\ncolumn.type = Primary Type\n", NULL, NULL, NULL, NULL, NULL);
	assert_int_not_equal(run_go(&r), AE_OK);
	assert_non_null(strstr(r.err.msg, "[incidents] needs 'path'"));
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seattle_by_hand), cmocka_unit_test(test_chicago_by_hand),
		cmocka_unit_test(test_reference),       cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_bad_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
