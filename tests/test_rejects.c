/* test_rejects.c — one case per reject reason: the record is rejected with
 * that reason, at its physical line and column, and every table still adds
 * up (accepted + rejected + out of period = read). Expected lines are
 * counted by hand from the CSV text in each case (header = line 1). */
#include "testutil.h"
#include <gsl/gsl_errno.h>

#define RH "read_id,timestamp,camera_id,plate,plate_state,lat,lon,confidence\n"
#define OK1 "r1,2025-05-01T12:00:00Z,C1,ABC123,TX,30.1,-97.7,0.9\n"

static void expect_one(run *s, int table, long line, int col, int reason)
{
	assert_int_equal(s->rc, AE_OK);
	assert_accounted(s);
	assert_int_equal(s->a->nrejects, 1);
	const ae_reject *r = &s->a->rejects[0];
	assert_int_equal(r->table, table);
	assert_int_equal(r->line, line);
	assert_int_equal(r->col, col);
	assert_int_equal(r->reason, reason);
}

static void test_field_count(void **st)
{
	(void)st;
	run s;
	run_small(&s, NULL, RH OK1 "r2,2025-05-01T12:00:00Z,C1,ABC123,TX,30.1\n", NULL, NULL, NULL, NULL);
	expect_one(&s, TB_READS, 3, -1, RJ_FIELD_COUNT);
	run_free(&s);
}

static void test_missing_required(void **st)
{
	(void)st;
	run s;
	run_small(&s, NULL, RH OK1 "r2,2025-05-01T12:00:00Z,NA,ABC123,TX,,,\n", NULL, NULL, NULL, NULL);
	expect_one(&s, TB_READS, 3, RC_CAMERA, RJ_MISSING);
	run_free(&s);
}

static void test_bad_timestamp(void **st)
{
	(void)st;
	run s;
	run_small(&s, NULL, RH OK1 "r2,2025-02-30T12:00:00Z,C1,ABC123,TX,,,\n", NULL, NULL, NULL, NULL);
	expect_one(&s, TB_READS, 3, RC_TIMESTAMP, RJ_BAD_TIMESTAMP);
	run_free(&s);
}

static void test_dst_gap(void **st)
{
	(void)st;
	run s;
	/* 2025-03-09 02:30 does not exist in America/Chicago (clocks go 02:00 -> 03:00). */
	run_small(&s, NULL, RH OK1 "r2,2025-03-09 02:30:00,C1,ABC123,TX,,,\n", NULL, NULL, NULL, NULL);
	expect_one(&s, TB_READS, 3, RC_TIMESTAMP, RJ_DST_GAP);
	run_free(&s);
}

static void test_empty_plate(void **st)
{
	(void)st;
	run s;
	run_small(&s, NULL, RH OK1 "r2,2025-05-01T12:00:00Z,C1, - ,TX,,,\n", NULL, NULL, NULL, NULL);
	expect_one(&s, TB_READS, 3, RC_PLATE, RJ_BAD_PLATE);
	run_free(&s);
}

static void test_bad_number(void **st)
{
	(void)st;
	run s;
	run_small(&s, NULL, RH OK1 "r2,2025-05-01T12:00:00Z,C1,ABC123,TX,30.1x,-97.7,\n", NULL, NULL, NULL, NULL);
	expect_one(&s, TB_READS, 3, RC_LAT, RJ_BAD_NUMBER);
	run_free(&s);
}

static void test_out_of_range(void **st)
{
	(void)st;
	run s;
	run_small(&s, NULL, RH OK1 "r2,2025-05-01T12:00:00Z,C1,ABC123,TX,30.1,-97.7,1.5\n", NULL, NULL, NULL, NULL);
	expect_one(&s, TB_READS, 3, RC_CONF, RJ_OUT_OF_RANGE);
	run_free(&s);
}

static void test_unknown_value(void **st)
{
	(void)st;
	run s;
	run_small(&s, NULL, RH OK1, "hit_id,read_id,hotlist,disposition\nh1,r1,stolen_bicycle,confirmed\n", NULL, NULL,
		  NULL);
	expect_one(&s, TB_HITS, 2, HC_HOTLIST, RJ_UNKNOWN_VALUE);
	assert_string_equal(s.a->rejects[0].detail, "'stolen_bicycle'");
	run_free(&s);
}

static void test_duplicate_id(void **st)
{
	(void)st;
	run s;
	run_small(&s, NULL, RH OK1, "hit_id,read_id,hotlist,disposition\nh1,r1,manual,confirmed\nh1,r1,manual,misread\n",
		  NULL, NULL, NULL);
	expect_one(&s, TB_HITS, 3, HC_HIT_ID, RJ_DUPLICATE_ID);
	run_free(&s);
}

static void test_no_read(void **st)
{
	(void)st;
	run s;
	run_small(&s, NULL, RH OK1,
		  "hit_id,read_id,hotlist,disposition\nh1,r1,manual,confirmed\nh2,r9,manual,confirmed\n", NULL, NULL,
		  NULL);
	expect_one(&s, TB_HITS, 3, HC_READ_ID, RJ_NO_READ);
	run_free(&s);
}

static void test_unterminated_quote(void **st)
{
	(void)st;
	run s;
	run_small(&s, NULL, RH OK1 "r2,2025-05-01T12:00:00Z,C1,\"ABC123,TX,,,\n", NULL, NULL, NULL, NULL);
	expect_one(&s, TB_READS, 3, -1, RJ_UNTERMINATED);
	assert_int_equal(s.a->tables[TB_READS].read, 2);
	run_free(&s);
}

static void test_hit_of_rejected_read_is_rejected(void **st)
{
	(void)st;
	run s;
	/* METRICS.md rule 9: a hit whose read_id matches no ACCEPTED read is rejected. */
	run_small(&s, NULL, RH OK1 "r2,bad,C1,ABC123,TX,,,\n",
		  "hit_id,read_id,hotlist,disposition\nh1,r2,manual,confirmed\n", NULL, NULL, NULL);
	assert_int_equal(s.a->nrejects, 2);
	assert_int_equal(s.a->tables[TB_HITS].rejected, 1);
	assert_int_equal(s.a->rejects[1].reason, RJ_NO_READ);
	assert_accounted(&s);
	run_free(&s);
}

static void test_out_of_period_counts(void **st)
{
	(void)st;
	run s;
	/* 2025-01-01T03:00Z is 2024-12-31 21:00 in Chicago: out of the 2025 period. */
	run_small(&s, NULL, RH OK1 "r2,2025-01-01T03:00:00Z,C1,ABC123,TX,,,\n",
		  "hit_id,read_id,hotlist,disposition\nh1,r2,manual,confirmed\n",
		  "outcome_id,hit_id,timestamp,type\no1,h1,2026-01-02T12:00:00Z,arrest\no2,,,warning\n", NULL, NULL);
	assert_int_equal(s.rc, AE_OK);
	assert_int_equal(s.a->nrejects, 0);
	assert_int_equal(s.a->tables[TB_READS].out_of_period, 1);
	assert_int_equal(s.a->tables[TB_HITS].out_of_period, 1);
	assert_int_equal(s.a->tables[TB_OUTCOMES].out_of_period, 1);
	assert_int_equal(s.a->tables[TB_OUTCOMES].accepted, 1); /* no timestamp: kept */
	assert_int_equal(s.a->reads, 1);
	assert_accounted(&s);
	run_free(&s);
}

static void test_header_missing_required_column(void **st)
{
	(void)st;
	run s;
	run_small(&s, NULL, "read_id,timestamp,plate\nr1,2025-05-01T12:00:00Z,ABC\n", NULL, NULL, NULL, NULL);
	assert_int_equal(s.rc, AE_EDATA);
	assert_non_null(strstr(s.err.msg, "camera_id"));
	assert_non_null(strstr(s.err.msg, ":1:"));
	run_free(&s);
}

static void test_vendor_labels_and_plate_link(void **st)
{
	(void)st;
	run s;
	/* A Genetec-style export: labels mapped in the study; a hit without read_id
	 * links by normalised plate + camera + instant (the same instant written
	 * with an offset: 07:00-05:00 = 12:00Z). */
	run_small(&s,
		  "[hits]\npath = hits.csv\ncolumn.hotlist = Alert Type\ncolumn.disposition = Result\n"
		  "value.hotlist.stolen_vehicle = STOLEN VEH\nvalue.disposition.confirmed = Accepted\n"
		  "value.disposition.misread = Rejected\n",
		  RH OK1 "r2,2025-05-01T13:00:00Z,C1,xyz-9,,,,\n",
		  "hit_id,read_id,timestamp,camera_id,plate,Alert Type,Result\n"
		  "h1,,2025-05-01T07:00:00-05:00,C1,abc 123,STOLEN VEH,Accepted\n"
		  "h2,r2,,,,Stolen_Vehicle,Rejected\n",
		  NULL, NULL, NULL);
	assert_int_equal(s.rc, AE_OK);
	assert_int_equal(s.a->nrejects, 0);
	assert_int_equal(s.a->tables[TB_HITS].accepted, 2);
	assert_int_equal(s.a->hits[0].linked, 1);
	assert_int_equal(s.a->hits[0].disposition, DP_CONFIRMED);
	assert_int_equal(s.a->hits[1].disposition, DP_MISREAD);
	assert_int_equal(s.a->hits[1].hotlist, HL_STOLEN_VEHICLE);
	/* ABC123/TX and XYZ9/(none): two vehicles. */
	assert_int_equal(ae_vtab_count(s.a->vehicles), 2);
	run_free(&s);
}

/* ---------------- searches (the audit log) ---------------- */
#define SH "search_id,timestamp,user,reason,window_start,window_end,window,search_type,networks_searched\n"
#define SOK "s1,2025-05-01T12:00:00Z,u1,stolen car,2025-04-01T00:00:00Z,,,lookup,2\n"

/* A study of the searches table alone (no read log), keys for [searches] in extra. */
static void run_searches(run *s, const char *extra, const char *csv)
{
	char sec[512];
	snprintf(sec, sizeof sec, "[searches]\npath = searches.csv\n%s", extra ? extra : "");
	study_write(s, sec, NULL, NULL, NULL, NULL, NULL);
	char path[256];
	snprintf(path, sizeof path, "%s/searches.csv", s->dir);
	write_file(path, csv);
	run_go(s);
}

static void expect_search_reject(const char *extra, const char *bad, int col, int reason)
{
	char csv[1024];
	snprintf(csv, sizeof csv, SH SOK "%s", bad);
	run s;
	run_searches(&s, extra, csv);
	expect_one(&s, TB_SEARCHES, 3, col, reason);
	assert_int_equal(s.acc.tables[TB_SEARCHES].read, 2);
	assert_int_equal(s.acc.tables[TB_SEARCHES].accepted, 1);
	run_free(&s);
}

static void test_search_rejects(void **st)
{
	(void)st;
	expect_search_reject(NULL, "s2,2025-05-01T12:00:00Z,u1\n", -1, RJ_FIELD_COUNT);
	expect_search_reject(NULL, "NA,2025-05-01T12:00:00Z,u1,,,,,,\n", SC_SEARCH_ID, RJ_MISSING);
	expect_search_reject(NULL, "s2,,u1,,,,,,\n", SC_TIMESTAMP, RJ_MISSING);
	expect_search_reject(NULL, "s2,2025-05-32T12:00:00Z,u1,,,,,,\n", SC_TIMESTAMP, RJ_BAD_TIMESTAMP);
	expect_search_reject(NULL, "s2,2025-03-09 02:30:00,u1,,,,,,\n", SC_TIMESTAMP, RJ_DST_GAP);
	expect_search_reject(NULL, "s2,2025-05-01T12:00:00Z,u1,,yesterday,,,,\n", SC_WINDOW_START, RJ_BAD_TIMESTAMP);
	expect_search_reject(NULL, "s2,2025-05-01T12:00:00Z,u1,,,2025-13-01,,,\n", SC_WINDOW_END, RJ_BAD_TIMESTAMP);
	expect_search_reject(NULL, "s2,2025-05-01T12:00:00Z,u1,,,,2025-04-01 2025-04-02,,\n", SC_WINDOW,
			     RJ_BAD_TIMESTAMP);
	expect_search_reject(NULL, "s2,2025-05-01T12:00:00Z,u1,,,,\"2025-04-01\nnot a time\",,\n", SC_WINDOW,
			     RJ_BAD_TIMESTAMP);
	expect_search_reject(NULL, "s2,2025-05-01T12:00:00Z,u1,,2025-05-02T00:00:00Z,,,,\n", SC_WINDOW_START,
			     RJ_OUT_OF_RANGE);
	expect_search_reject(NULL, "s2,2025-05-01T12:00:00Z,u1,,,,,,two\n", SC_NETWORKS, RJ_BAD_NUMBER);
	expect_search_reject(NULL, "s2,2025-05-01T12:00:00Z,u1,,,,,,1.5\n", SC_NETWORKS, RJ_BAD_NUMBER);
	expect_search_reject(NULL, "s2,2025-05-01T12:00:00Z,u1,,,,,,-1\n", SC_NETWORKS, RJ_OUT_OF_RANGE);
	expect_search_reject(NULL, "s1,2025-05-01T12:00:00Z,u2,,,,,,\n", SC_SEARCH_ID, RJ_DUPLICATE_ID);
	expect_search_reject(NULL, "s2,2025-05-01T12:00:00Z,u1,,,,,\xff\xfe,\n", SC_TYPE, RJ_BAD_UTF8);
	expect_search_reject(NULL, "s2,2025-05-01T12:00:00Z,\"u1,,,,,,\n", -1, RJ_UNTERMINATED);
	/* the table's own separator */
	expect_search_reject("window_separator = ~\n", "s2,2025-05-01T12:00:00Z,u1,,,,\"2025-04-01\n2025-04-02\",,\n",
			     SC_WINDOW, RJ_BAD_TIMESTAMP);
	run s;
	run_searches(&s, "window_separator = ~\n", SH "s2,2025-05-01T12:00:00Z,u1,,,,2025-04-01 ~ 2025-04-02,,\n");
	assert_int_equal(s.rc, AE_OK);
	assert_int_equal(s.acc.tables[TB_SEARCHES].accepted, 1);
	assert_true(s.a->searches[0].wend - s.a->searches[0].wstart == 86400);
	run_free(&s);
}

/* A NUL byte inside a field (write_file stops at a NUL: written by hand). */
static void test_search_nul(void **st)
{
	(void)st;
	run s;
	run_searches(&s, NULL, SH SOK);
	char path[256];
	snprintf(path, sizeof path, "%s/searches.csv", s.dir);
	FILE *f = fopen(path, "ab");
	static const char bad[] = "s2,2025-05-01T12:00:00Z,u\0x,,,,,,\n";
	fwrite(bad, 1, sizeof bad - 1, f);
	fclose(f);
	run_go(&s);
	expect_one(&s, TB_SEARCHES, 3, SC_USER, RJ_NUL_BYTE);
	run_free(&s);
}

/* Out of period by the search time, in the study's zone; a table zone and a
 * Flock-style format; the window split on a newline and clipped. */
static void test_search_period_and_zone(void **st)
{
	(void)st;
	run s;
	/* 2025-01-01 03:00 UTC is 2024-12-31 21:00 in Chicago: out of period. */
	run_searches(&s, "timestamp_format = %m/%d/%Y, %I:%M:%S %p UTC\ntimezone = UTC\n",
		     "search_id,timestamp,window\n"
		     "a,\"01/01/2025, 03:00:00 AM UTC\",\n"
		     "b,\"01/01/2025, 07:00:00 AM UTC\",\"12/01/2024, 12:00:00 AM UTC\n01/02/2025, 12:00:00 AM UTC\"\n"
		     "c,\"01/01/2026, 07:00:00 AM UTC\",\n");
	assert_int_equal(s.rc, AE_OK);
	assert_accounted(&s);
	const ae_tablecount *tc = &s.acc.tables[TB_SEARCHES];
	assert_int_equal(tc->read, 3);
	assert_int_equal(tc->accepted, 1);
	assert_int_equal(tc->out_of_period, 2);
	assert_int_equal(s.a->nsearches, 1);
	const ae_search *b = &s.a->searches[0];
	assert_true(b->t == 1735714800);       /* 2025-01-01T07:00:00Z */
	assert_true(b->wstart == 1733011200);  /* 2024-12-01T00:00:00Z */
	assert_true(b->wend == b->t);          /* clipped to the search */
	assert_int_equal(b->local_minute, 60); /* 01:00 in Chicago */
	run_free(&s);
	/* an unknown table zone stops the run */
	run_searches(&s, "timezone = Mars/Olympus\n", "search_id,timestamp\na,2025-05-01T12:00:00Z\n");
	assert_int_equal(s.rc, AE_EUSAGE);
	run_free(&s);
}

/* A study of the audit log alone writes its whole report (the read-based
 * analyses said not computed). */
static void test_searches_alone_writes_a_report(void **st)
{
	(void)st;
	run s;
	run_searches(&s, NULL, SH SOK);
	assert_int_equal(s.rc, AE_OK);
	char out[256], path[300];
	snprintf(out, sizeof out, "%s/out", s.dir);
	s.o.output = out;
	assert_int_equal(run_go(&s), AE_OK);
	ae_error err = {AE_OK, ""};
	assert_int_equal(ae_run_write(s.run, NULL, 0, &err), AE_OK);
	snprintf(path, sizeof path, "%s/report.md", out);
	char *md = slurp_file(path, NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "No read log was supplied"));
	assert_non_null(strstr(md, "are not computed"));
	free(md);
	snprintf(path, sizeof path, "%s/manifest.json", out);
	assert_int_equal(access(path, R_OK), 0);
	run_free(&s);
}

/* ---------------- sharing ---------------- */
#define SHH "organization,outbound,inbound,kind,state\n"
#define SHOK "Austin TX PD,yes,no,,TX\n"

/* A study of the sharing table alone; extra: more [study] keys. */
static void run_sharing(run *s, const char *extra, const char *csv)
{
	char sec[512];
	snprintf(sec, sizeof sec, "%s[sharing]\npath = sharing.csv\n", extra ? extra : "");
	study_write(s, sec, NULL, NULL, NULL, NULL, NULL);
	char path[256];
	snprintf(path, sizeof path, "%s/sharing.csv", s->dir);
	write_file(path, csv);
	run_go(s);
}

static void expect_share_reject(const char *bad, int col, int reason)
{
	char csv[1024];
	snprintf(csv, sizeof csv, SHH SHOK "%s", bad);
	run s;
	run_sharing(&s, NULL, csv);
	expect_one(&s, TB_SHARING, 3, col, reason);
	assert_int_equal(s.acc.tables[TB_SHARING].read, 2);
	assert_int_equal(s.acc.tables[TB_SHARING].accepted, 1);
	run_free(&s);
}

/* Every reason the sharing table can give: the rest of a row is never
 * checked (any outbound or inbound text is a yes or a no; a state column
 * that is no state is ignored by the classifier). */
static void test_share_rejects(void **st)
{
	(void)st;
	expect_share_reject("Dallas TX PD,yes\n", -1, RJ_FIELD_COUNT);
	expect_share_reject("NA,yes,no,,TX\n", SH_ORG, RJ_MISSING);
	expect_share_reject(",yes,no,,TX\n", SH_ORG, RJ_MISSING);
	expect_share_reject("Dallas TX PD,yes,no,plates,TX\n", SH_KIND, RJ_UNKNOWN_VALUE);
	expect_share_reject(" Austin TX PD ,no,yes,detections,\n", SH_ORG, RJ_DUPLICATE_ID);
	expect_share_reject("Dallas \xff PD,yes,no,,TX\n", SH_ORG, RJ_BAD_UTF8);
	expect_share_reject("Dallas TX PD,yes,no,,\xc3\n", SH_STATE, RJ_BAD_UTF8);
	expect_share_reject("\"Dallas TX PD,yes,no,,TX\n", -1, RJ_UNTERMINATED);
	/* the same organization once per kind is no repeat */
	run s;
	run_sharing(&s, NULL, SHH SHOK "Austin TX PD,yes,no,hotlists,TX\n");
	assert_int_equal(s.rc, AE_OK);
	assert_accounted(&s);
	assert_int_equal(s.acc.tables[TB_SHARING].accepted, 2);
	run_free(&s);
	/* a NUL byte (written by hand: write_file stops at one) */
	run_sharing(&s, NULL, SHH SHOK);
	char path[256];
	snprintf(path, sizeof path, "%s/sharing.csv", s.dir);
	FILE *f = fopen(path, "ab");
	static const char bad[] = "Dallas\0 PD,yes,no,,TX\n";
	fwrite(bad, 1, sizeof bad - 1, f);
	fclose(f);
	run_go(&s);
	expect_one(&s, TB_SHARING, 3, SH_ORG, RJ_NUL_BYTE);
	run_free(&s);
}

/* An edge list: rows of other sources are out of scope (counted beside the
 * accepted ones); a source column without the study's agency stops the run. */
static void test_share_sources(void **st)
{
	(void)st;
	static const char csv[] = "source,organization\nMy PD,Austin TX PD\nOther PD,Dallas TX PD\n My PD ,Waco TX PD\n";
	run s;
	run_sharing(&s, "agency = My PD\n", csv);
	assert_int_equal(s.rc, AE_OK);
	assert_accounted(&s);
	assert_int_equal(s.acc.tables[TB_SHARING].accepted, 2);
	assert_int_equal(s.acc.tables[TB_SHARING].out_of_period, 1);
	assert_int_equal(s.a->nshares, 2);
	assert_int_equal(s.a->shares[1].outbound, 1); /* no direction columns: every one a recipient */
	assert_int_equal(s.a->shares[1].inbound, 0);
	run_free(&s);
	run_sharing(&s, NULL, csv);
	assert_int_equal(s.rc, AE_EUSAGE);
	assert_non_null(strstr(s.err.msg, "agency"));
	run_free(&s);
}

#define IH "incident_id,timestamp,type,neighborhood,lat,lon\n"
#define IOK "i1,2025-05-01 12:00,THEFT,Ashdale,41.9,-87.6\n"

/* A study of the incidents table alone. */
static void run_incidents(run *s, const char *csv)
{
	study_write(s, "[incidents]\npath = incidents.csv\n", NULL, NULL, NULL, NULL, NULL);
	char path[256];
	snprintf(path, sizeof path, "%s/incidents.csv", s->dir);
	write_file(path, csv);
	run_go(s);
}

static void expect_incident_reject(const char *bad, int col, int reason)
{
	char csv[1024];
	snprintf(csv, sizeof csv, IH IOK "%s", bad);
	run s;
	run_incidents(&s, csv);
	expect_one(&s, TB_INCIDENTS, 3, col, reason);
	assert_int_equal(s.acc.tables[TB_INCIDENTS].read, 2);
	assert_int_equal(s.acc.tables[TB_INCIDENTS].accepted, 1);
	run_free(&s);
}

/* Every reason the incidents table can give. A repeated id is no reject
 * (one incident, several offences); a type is free text (no unknown value). */
static void test_incident_rejects(void **st)
{
	(void)st;
	expect_incident_reject("i2,2025-05-01 12:00,THEFT\n", -1, RJ_FIELD_COUNT);
	expect_incident_reject("NA,2025-05-01 12:00,THEFT,Ashdale,,\n", IC_INCIDENT_ID, RJ_MISSING);
	expect_incident_reject("i2,,THEFT,Ashdale,,\n", IC_TIMESTAMP, RJ_MISSING);
	expect_incident_reject("i2,2025-05-32,THEFT,Ashdale,,\n", IC_TIMESTAMP, RJ_BAD_TIMESTAMP);
	expect_incident_reject("i2,2025-03-09 02:30,THEFT,Ashdale,,\n", IC_TIMESTAMP, RJ_DST_GAP);
	expect_incident_reject("i2,2025-05-01,THEFT,Ashdale,north,\n", IC_LAT, RJ_BAD_NUMBER);
	expect_incident_reject("i2,2025-05-01,THEFT,Ashdale,41.9,-187.6\n", IC_LON, RJ_OUT_OF_RANGE);
	expect_incident_reject("i2,2025-05-01,TH\xff,Ashdale,,\n", IC_TYPE, RJ_BAD_UTF8);
	expect_incident_reject("i2,2025-05-01,THEFT,Ash\xc3,,\n", IC_HOOD, RJ_BAD_UTF8);
	expect_incident_reject("\"i2,2025-05-01,THEFT,Ashdale,,\n", -1, RJ_UNTERMINATED);
	/* a repeated id: accepted, counted once; a date alone is local midnight */
	run s;
	run_incidents(&s, IH IOK "i1,2025-05-02,ASSAULT,Bayview,,\n");
	assert_int_equal(s.rc, AE_OK);
	assert_accounted(&s);
	assert_int_equal(s.a->nrejects, 0);
	assert_int_equal(s.acc.tables[TB_INCIDENTS].accepted, 2);
	assert_int_equal(s.acc.tables[TB_INCIDENTS].repeated, 1);
	assert_int_equal(s.a->incidents, 1);
	run_free(&s);
	/* a NUL byte (written by hand: write_file stops at one) */
	run_incidents(&s, IH IOK);
	char path[256];
	snprintf(path, sizeof path, "%s/incidents.csv", s.dir);
	FILE *f = fopen(path, "ab");
	static const char bad[] = "i2,2025-05-01,TH\0EFT,Ashdale,,\n";
	fwrite(bad, 1, sizeof bad - 1, f);
	fclose(f);
	run_go(&s);
	expect_one(&s, TB_INCIDENTS, 3, IC_TYPE, RJ_NUL_BYTE);
	run_free(&s);
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_count),
		cmocka_unit_test(test_missing_required),
		cmocka_unit_test(test_bad_timestamp),
		cmocka_unit_test(test_dst_gap),
		cmocka_unit_test(test_empty_plate),
		cmocka_unit_test(test_bad_number),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_unknown_value),
		cmocka_unit_test(test_duplicate_id),
		cmocka_unit_test(test_no_read),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_hit_of_rejected_read_is_rejected),
		cmocka_unit_test(test_out_of_period_counts),
		cmocka_unit_test(test_header_missing_required_column),
		cmocka_unit_test(test_vendor_labels_and_plate_link),
		cmocka_unit_test(test_search_rejects),
		cmocka_unit_test(test_search_nul),
		cmocka_unit_test(test_search_period_and_zone),
		cmocka_unit_test(test_searches_alone_writes_a_report),
		cmocka_unit_test(test_share_rejects),
		cmocka_unit_test(test_share_sources),
		cmocka_unit_test(test_incident_rejects),
	};
	return cmocka_run_group_tests_name("rejects", tests, NULL, NULL);
}
