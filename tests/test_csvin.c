/* test_csvin.c — one input table, streamed: header mapping, RFC 4180
 * quoting, physical line numbers, missing-value tokens, delimiters, gzip,
 * SHA-256 and byte counts.
 *
 * Expected values come from the fixture texts written here (DATA.md's rules
 * applied by hand: which line a record starts on, which fields are missing),
 * from libsodium's crypto_hash_sha256 over the file bytes read back by the
 * test, from stat() sizes, and one constant from `sha256sum` run on this
 * machine (noted where used). Files live in a mkdtemp() folder under /tmp. */
#include "testutil.h"
#include "csvin.h"
#include "schema.h"
#include "study.h"
#include <dirent.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static char tmpdir[256];

static int group_setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/ae_csvin_XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	rm_tree(tmpdir);
	return 0;
}

/* ---------------------------------------------------------------- helpers */

#define MAXREC 64

typedef struct rec {
	long line;
	int nfields, header_fields;
	int present[AE_MAX_COLS];
	char field[AE_MAX_COLS][128];
} rec;

typedef struct result {
	int rc;
	ae_error err;
	int n; /* records seen (all of them, even past MAXREC) */
	long last_line;
	rec r[MAXREC];
	char sha[65];
	uint64_t bytes;
	long unterminated;
	int has_col[AE_MAX_COLS];
	char colname[AE_MAX_COLS][64];
	int stop_after; /* callback returns 99 after this many records (0: never) */
} result;

static int collect(void *user, const ae_record *x)
{
	result *res = user;
	if (res->n < MAXREC) {
		rec *r = &res->r[res->n];
		r->line = x->line;
		r->nfields = x->nfields;
		r->header_fields = x->header_fields;
		for (int c = 0; c < AE_MAX_COLS; c++) {
			r->present[c] = x->field[c] != NULL;
			r->field[c][0] = '\0';
			if (x->field[c]) {
				size_t n = x->len[c] < sizeof r->field[c] - 1 ? x->len[c] : sizeof r->field[c] - 1;
				memcpy(r->field[c], x->field[c], n);
				r->field[c][n] = '\0';
			}
		}
	}
	res->n++;
	res->last_line = x->line;
	if (res->stop_after && res->n >= res->stop_after)
		return 99;
	return 0;
}

static void path_of(char *out, size_t n, const char *name) { snprintf(out, n, "%s/%s", tmpdir, name); }

static void input_init(ae_input *in, char *path)
{
	memset(in, 0, sizeof *in);
	in->present = 1;
	in->path = path;
	in->path_given = path;
	in->delimiter = ',';
}

/* Opens, reads every record, and keeps what the handle says afterwards. */
static void run_input(const ae_input *in, int table, result *res)
{
	int stop_after = res->stop_after;
	memset(res, 0, sizeof *res);
	res->stop_after = stop_after;
	ae_csv *c = NULL;
	res->rc = ae_csv_open(&c, in, table, &res->err);
	if (res->rc)
		return;
	res->rc = ae_csv_each(c, collect, res, &res->err);
	snprintf(res->sha, sizeof res->sha, "%s", ae_csv_sha256(c));
	res->bytes = ae_csv_bytes(c);
	res->unterminated = ae_csv_unterminated_line(c);
	for (int col = 0; col < ae_tables[table].ncols; col++) {
		res->has_col[col] = ae_csv_has_col(c, col);
		snprintf(res->colname[col], sizeof res->colname[col], "%s", ae_csv_colname(c, col));
	}
	ae_csv_free(c);
}

/* Writes text to name and reads it as the given table with default settings. */
static result *run_text(const char *name, const char *text, int table)
{
	static result res;
	static char path[512];
	path_of(path, sizeof path, name);
	write_file(path, text);
	ae_input in;
	input_init(&in, path);
	res.stop_after = 0;
	run_input(&in, table, &res);
	return &res;
}

#define ASSERT_OK(res) \
	do { \
		if ((res)->rc != AE_OK) \
			fail_msg("ae_csv_each: %d %s", (res)->rc, (res)->err.msg); \
	} while (0)

#define ASSERT_FIELD(res, i, col, s) \
	do { \
		const rec *r_ = &(res)->r[(i)]; \
		if (!r_->present[(col)]) \
			fail_msg("record %d column %d is missing, expected '%s'", (i), (col), (s)); \
		if (strcmp(r_->field[(col)], (s)) != 0) \
			fail_msg("record %d column %d is '%s', expected '%s'", (i), (col), r_->field[(col)], (s)); \
	} while (0)

#define ASSERT_MISSING(res, i, col) \
	do { \
		const rec *r_ = &(res)->r[(i)]; \
		if (r_->present[(col)]) \
			fail_msg("record %d column %d is '%s', expected missing", (i), (col), r_->field[(col)]); \
	} while (0)

/* SHA-256 (hex) and size of a file's bytes, computed here with libsodium. */
static void file_sha256(const char *path, char hex[65], uint64_t *size)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	unsigned char buf[65536];
	size_t n;
	*size = 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		crypto_hash_sha256_update(&st, buf, n);
		*size += n;
	}
	fclose(f);
	unsigned char dig[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&st, dig);
	sodium_bin2hex(hex, 65, dig, sizeof dig);
}

static void write_gz(const char *path, const char *mode, const char *text, size_t len)
{
	gzFile g = gzopen(path, mode);
	assert_non_null(g);
	assert_int_equal(gzwrite(g, text, (unsigned)len), (int)len);
	assert_int_equal(gzclose(g), Z_OK);
}

/* ---------------------------------------------------------------- header mapping */

static void test_header_case_insensitive(void **state)
{
	(void)state;
	result *res = run_text("case.csv",
			       "TimeStamp,CAMERA_ID,Plate,Extra Column,PLATE_state\n"
			       "2025-03-01T10:00:00Z,cam1,ABC123,ignored,IL\n",
			       TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 1);
	assert_int_equal(res->r[0].line, 2);
	assert_int_equal(res->r[0].nfields, 5);
	assert_int_equal(res->r[0].header_fields, 5);
	ASSERT_FIELD(res, 0, RC_TIMESTAMP, "2025-03-01T10:00:00Z");
	ASSERT_FIELD(res, 0, RC_CAMERA, "cam1");
	ASSERT_FIELD(res, 0, RC_PLATE, "ABC123");
	ASSERT_FIELD(res, 0, RC_STATE, "IL");
	ASSERT_MISSING(res, 0, RC_READ_ID); /* no such column */
	assert_true(res->has_col[RC_PLATE]);
	assert_false(res->has_col[RC_READ_ID]);
	assert_string_equal(res->colname[RC_PLATE], "Plate"); /* as the file spells it */
	assert_string_equal(res->colname[RC_STATE], "PLATE_state");
	assert_string_equal(res->colname[RC_READ_ID], "read_id"); /* absent: canonical name */
}

static void test_header_column_mapping(void **state)
{
	(void)state;
	char path[512];
	path_of(path, sizeof path, "mapped.csv");
	/* "plate" also exists, but column.plate points elsewhere */
	write_file(path, "\"Read Time\",Unit,plate,\"PLATE NUMBER\",Reg State\n"
			 "2025-03-01 10:00,U7,WRONG,XYZ789,WI\n");
	ae_input in;
	input_init(&in, path);
	char ts[] = "read time", cam[] = "unit", plate[] = "Plate Number", st[] = "reg state";
	in.column[RC_TIMESTAMP] = ts;
	in.column[RC_CAMERA] = cam;
	in.column[RC_PLATE] = plate;
	in.column[RC_STATE] = st;
	result res;
	res.stop_after = 0;
	run_input(&in, TB_READS, &res);
	ASSERT_OK(&res);
	assert_int_equal(res.n, 1);
	ASSERT_FIELD(&res, 0, RC_TIMESTAMP, "2025-03-01 10:00");
	ASSERT_FIELD(&res, 0, RC_CAMERA, "U7");
	ASSERT_FIELD(&res, 0, RC_PLATE, "XYZ789");
	ASSERT_FIELD(&res, 0, RC_STATE, "WI");
	assert_string_equal(res.colname[RC_PLATE], "PLATE NUMBER");
	assert_string_equal(res.colname[RC_TIMESTAMP], "Read Time");
}

static void test_required_column_missing(void **state)
{
	(void)state;
	result *res = run_text("noplate.csv", "timestamp,camera_id,state\nt,c,IL\n", TB_READS);
	/* README, exit codes: a header lacking a required or mapped column is 1 (AE_EDATA) */
	assert_int_equal(res->rc, AE_EDATA);
	assert_int_equal(res->rc, res->err.status);
	assert_int_equal(res->n, 0);
	assert_non_null(strstr(res->err.msg, "noplate.csv"));
	assert_non_null(strstr(res->err.msg, "'plate'"));
	/* hits: hotlist and disposition are required */
	res = run_text("hits_nodisp.csv", "hit_id,hotlist\nh1,other\n", TB_HITS);
	assert_int_equal(res->rc, AE_EDATA);
	assert_non_null(strstr(res->err.msg, "disposition"));
}

static void test_mapped_optional_column_missing(void **state)
{
	(void)state;
	char path[512];
	path_of(path, sizeof path, "nostate.csv");
	write_file(path, "timestamp,camera_id,plate,plate_state\nt,c,P,IL\n");
	ae_input in;
	input_init(&in, path);
	char st[] = "Registration State";
	in.column[RC_STATE] = st; /* mapped: must be there, even though plate_state is optional */
	result res;
	res.stop_after = 0;
	run_input(&in, TB_READS, &res);
	assert_int_equal(res.rc, AE_EDATA); /* README: a mapped column missing is exit 1 */
	assert_int_equal(res.rc, res.err.status);
	assert_int_equal(res.n, 0);
	assert_non_null(strstr(res.err.msg, "nostate.csv"));
	assert_non_null(strstr(res.err.msg, "Registration State"));
}

static void test_duplicate_header(void **state)
{
	(void)state;
	result *res = run_text("dup.csv", "timestamp,camera_id,plate,Plate\nt,c,P1,P2\n", TB_READS);
	assert_int_not_equal(res->rc, AE_OK); /* README names no exit code for this one */
	assert_int_equal(res->rc, res->err.status);
	assert_int_equal(res->n, 0);
	assert_non_null(strstr(res->err.msg, "dup.csv"));
	assert_non_null(strstr(res->err.msg, "plate"));
	res = run_text("dup2.csv", "timestamp,camera_id,plate,read_id,READ_ID\nt,c,P,1,2\n", TB_READS);
	assert_int_not_equal(res->rc, AE_OK);
	assert_non_null(strstr(res->err.msg, "read_id"));
}

/* Two canonical columns on one header column: both mapped there is refused;
 * an optional column's own name gives way to a mapping; a required one's
 * does not. */
static void test_two_columns_on_one_header(void **state)
{
	(void)state;
	char path[512];
	path_of(path, sizeof path, "twice.csv");
	write_file(path, "timestamp,unit,plate,neighborhood\n2025-03-01T10:00:00Z,U7,XYZ789,Harbor\n");
	char unit[] = "unit", hood[] = "neighborhood", plate[] = "plate";
	ae_input in;
	input_init(&in, path);
	in.column[RC_CAMERA] = unit;
	in.column[RC_PLATE] = unit;
	result res;
	res.stop_after = 0;
	run_input(&in, TB_READS, &res);
	assert_int_not_equal(res.rc, AE_OK);
	assert_non_null(strstr(res.err.msg, "twice.csv:1: column 'unit' is mapped to both camera_id and plate"));

	input_init(&in, path); /* camera_id from the neighborhood column: no neighbourhood then */
	in.column[RC_CAMERA] = hood;
	run_input(&in, TB_READS, &res);
	ASSERT_OK(&res);
	ASSERT_FIELD(&res, 0, RC_CAMERA, "Harbor");
	ASSERT_MISSING(&res, 0, RC_HOOD);

	input_init(&in, path); /* the required plate keeps its own column */
	in.column[RC_CAMERA] = plate;
	run_input(&in, TB_READS, &res);
	assert_int_not_equal(res.rc, AE_OK);
	assert_non_null(strstr(res.err.msg, "column 'plate' is both"));
}

/* ---------------------------------------------------------------- bytes and lines */

/* Groups of the neighbourhoods table read by the handle, with one record's values. */
typedef struct groups {
	int rc, n;
	ae_error err;
	ae_csv *c;
	char name[4][32], value[4][32];
} groups;

static int collect_groups(void *user, const ae_record *x)
{
	groups *g = user;
	g->n = ae_csv_ngroups(g->c); /* known once the header is read */
	for (int k = 0; k < g->n && k < 4; k++) {
		snprintf(g->name[k], sizeof g->name[k], "%s", ae_csv_group(g->c, k));
		snprintf(g->value[k], sizeof g->value[k], "%.*s", (int)x->len[NC_COUNT + k],
			 x->field[NC_COUNT + k] ? x->field[NC_COUNT + k] : "");
	}
	return 0;
}

static void read_groups(const ae_input *in, groups *g)
{
	memset(g, 0, sizeof *g);
	g->rc = ae_csv_open(&g->c, in, TB_HOODS, &g->err);
	if (!g->rc)
		g->rc = ae_csv_each(g->c, collect_groups, g, &g->err);
	ae_csv_free(g->c);
}

/* column.pop_<group> = HEADER: an ACS-shaped table (codes for headers) gives
 * its groups; an unmapped pop_ header still counts; a mapped group beats a
 * header of the same name; a mapped header must be there and be free. */
static void test_pop_columns_mapped(void **state)
{
	(void)state;
	char path[512];
	path_of(path, sizeof path, "acs.csv");
	write_file(path, "NAME,B01003_001E,B02001_003E,pop_Asian,pop_black,B03003_003E\n"
			 "Harbor,5200,1900,300,7,800\n");
	ae_input in;
	input_init(&in, path);
	char name[] = "NAME", total[] = "B01003_001E", black[] = "b02001_003e", hisp[] = "B03003_003E";
	char gb[] = "black", gh[] = "hispanic";
	in.column[NC_HOOD] = name;
	in.column[NC_POP] = total;
	in.pop_group[0] = gb;
	in.pop_column[0] = black;
	in.pop_group[1] = gh;
	in.pop_column[1] = hisp;
	in.npop = 2;
	groups g;
	read_groups(&in, &g);
	if (g.rc)
		fail_msg("%s", g.err.msg);
	/* header order; pop_black gives way to the mapped black */
	assert_int_equal(g.n, 3);
	assert_string_equal(g.name[0], "black");
	assert_string_equal(g.value[0], "1900");
	assert_string_equal(g.name[1], "asian");
	assert_string_equal(g.value[1], "300");
	assert_string_equal(g.name[2], "hispanic");
	assert_string_equal(g.value[2], "800");

	in.pop_column[1] = total; /* the population's header */
	read_groups(&in, &g);
	assert_int_equal(g.rc, AE_EDATA);
	assert_non_null(strstr(
		g.err.msg,
		"acs.csv:1: column 'B01003_001E' (mapped to pop_hispanic) is already population; map each to a column of its own"));
	in.pop_column[1] = black; /* two groups on one header */
	read_groups(&in, &g);
	assert_int_equal(g.rc, AE_EDATA);
	assert_non_null(
		strstr(g.err.msg, "column 'b02001_003e' (mapped to pop_hispanic) is already pop_black; map each"));
	char none[] = "B02001_005E";
	in.pop_column[1] = none;
	read_groups(&in, &g);
	assert_int_equal(g.rc, AE_EDATA);
	assert_non_null(
		strstr(g.err.msg, "acs.csv:1: column 'B02001_005E' (mapped to pop_hispanic) not found in the header"));
}

static void test_utf8_bom_skipped(void **state)
{
	(void)state;
	result *res = run_text("bom.csv", "\xEF\xBB\xBFtimestamp,camera_id,plate\nt1,c1,P1\n", TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 1);
	assert_int_equal(res->r[0].line, 2);
	ASSERT_FIELD(res, 0, RC_TIMESTAMP, "t1");
	assert_string_equal(res->colname[RC_TIMESTAMP], "timestamp");
}

/* Excel's "CSV UTF-8" and R's write.csv(fileEncoding = "UTF-8-BOM") put the
 * mark before a quoted first name. */
static void test_utf8_bom_before_quoted_header(void **state)
{
	(void)state;
	result *res = run_text("bomq.csv", "\xEF\xBB\xBF\"timestamp\",\"camera_id\",\"plate\"\n\"t1\",\"c1\",\"P1\"\n",
			       TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 1);
	ASSERT_FIELD(res, 0, RC_TIMESTAMP, "t1");
}

static void test_crlf(void **state)
{
	(void)state;
	result *res = run_text("crlf.csv",
			       "timestamp,camera_id,plate\r\nt1,c1,P1\r\nt2,c2,P2\r\n\r\nt3,c3,\"P\r\n3\"\r\nt4,c4,P4",
			       TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 4);
	long want_lines[] = {2, 3, 5, 7}; /* line 4 is blank; record 3 spans lines 5-6 */
	for (int i = 0; i < 4; i++)
		assert_int_equal(res->r[i].line, want_lines[i]);
	ASSERT_FIELD(res, 0, RC_PLATE, "P1"); /* no '\r' left */
	ASSERT_FIELD(res, 1, RC_PLATE, "P2");
	ASSERT_FIELD(res, 2, RC_PLATE, "P\r\n3");
	ASSERT_FIELD(res, 3, RC_PLATE, "P4");
	assert_int_equal(res->r[0].nfields, 3);
}

static void test_quoted_newline_line_numbers(void **state)
{
	(void)state;
	const char *text =
		"timestamp,camera_id,plate\n" /* 1 */
		"t1,\"cam\n"                  /* 2: record starts */
		"era\",P1\n"                  /* 3 */
		"t2,c2,P2\n"                  /* 4 */
		"t3,c3,\"multi\n"             /* 5: record starts */
		"\n"                          /* 6: blank inside quotes is data */
		"line\"\n"                    /* 7 */
		"t4,c4,P4\n";                 /* 8 */
	result *res = run_text("qnl.csv", text, TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 4);
	assert_int_equal(res->r[0].line, 2);
	ASSERT_FIELD(res, 0, RC_CAMERA, "cam\nera");
	assert_int_equal(res->r[1].line, 4);
	ASSERT_FIELD(res, 1, RC_PLATE, "P2");
	assert_int_equal(res->r[2].line, 5);
	ASSERT_FIELD(res, 2, RC_PLATE, "multi\n\nline");
	assert_int_equal(res->r[3].line, 8);
	assert_int_equal(res->unterminated, 0);
}

static void test_quoted_delimiter_and_doubled_quotes(void **state)
{
	(void)state;
	result *res = run_text("quotes.csv",
			       "timestamp,camera_id,plate\n"
			       "\"t,1\",\"Cam \"\"North\"\"\",\"\"\"\"\n"
			       "t2,\"\",\"a\"\"b,c\"\n",
			       TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 2);
	ASSERT_FIELD(res, 0, RC_TIMESTAMP, "t,1");
	ASSERT_FIELD(res, 0, RC_CAMERA, "Cam \"North\"");
	ASSERT_FIELD(res, 0, RC_PLATE, "\"");
	assert_int_equal(res->r[0].nfields, 3);
	ASSERT_MISSING(res, 1, RC_CAMERA); /* "" is empty: missing */
	ASSERT_FIELD(res, 1, RC_PLATE, "a\"b,c");
}

static void test_missing_value_tokens(void **state)
{
	(void)state;
	char path[512];
	path_of(path, sizeof path, "missing.csv");
	/* plate column holds each candidate; DATA.md: empty, NA, N/A, n/a, NULL,
	 * Not Provided are missing; METRICS.md rule 7: tokens match after trimming */
	write_file(path,
		   "timestamp,camera_id,plate\n"
		   "t,c,\n"             /* 0 missing */
		   "t,c,NA\n"           /* 1 missing */
		   "t,c,N/A\n"          /* 2 missing */
		   "t,c,n/a\n"          /* 3 missing */
		   "t,c,NULL\n"         /* 4 missing */
		   "t,c,Not Provided\n" /* 5 missing */
		   "t,c,  NA  \n"       /* 6 missing after trimming */
		   "t,c,\" N/A \"\n"    /* 7 missing: quoted, trimmed */
		   "t,c,   \n"          /* 8 missing: blanks only */
		   "t,c,-\n"            /* 9 missing: study token */
		   "t,c,unknown\n"      /* 10 missing: study token */
		   "t,c,NAN\n"          /* 11 a value */
		   "t,c,0\n"            /* 12 a value: never zero for missing */
		   "t,c,Not\n"          /* 13 a value */
		   "t,c,--\n");         /* 14 a value */
	ae_input in;
	input_init(&in, path);
	char t1[] = "-", t2[] = "unknown";
	char *extra[] = {t1, t2};
	in.missing = extra;
	in.nmissing = 2;
	result res;
	res.stop_after = 0;
	run_input(&in, TB_READS, &res);
	ASSERT_OK(&res);
	assert_int_equal(res.n, 15);
	for (int i = 0; i <= 10; i++)
		ASSERT_MISSING(&res, i, RC_PLATE);
	ASSERT_FIELD(&res, 11, RC_PLATE, "NAN");
	ASSERT_FIELD(&res, 12, RC_PLATE, "0");
	ASSERT_FIELD(&res, 13, RC_PLATE, "Not");
	ASSERT_FIELD(&res, 14, RC_PLATE, "--");
	for (int i = 0; i < 15; i++) {
		ASSERT_FIELD(&res, i, RC_CAMERA, "c");
		assert_int_equal(res.r[i].line, i + 2);
		assert_int_equal(res.r[i].nfields, 3);
	}
	/* without the study's tokens, '-' and 'unknown' are values */
	in.missing = NULL;
	in.nmissing = 0;
	run_input(&in, TB_READS, &res);
	ASSERT_OK(&res);
	ASSERT_FIELD(&res, 9, RC_PLATE, "-");
	ASSERT_FIELD(&res, 10, RC_PLATE, "unknown");
}

static void test_fields_trimmed(void **state)
{
	(void)state;
	result *res = run_text("trim.csv",
			       "  timestamp , camera_id\t,\tplate  \n"
			       "  t1  ,\t c1 \t, \" P 1 \" \n",
			       TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 1);
	ASSERT_FIELD(res, 0, RC_TIMESTAMP, "t1");
	ASSERT_FIELD(res, 0, RC_CAMERA, "c1");
	ASSERT_FIELD(res, 0, RC_PLATE, "P 1");
}

static void test_ragged_rows(void **state)
{
	(void)state;
	result *res = run_text("ragged.csv",
			       "timestamp,camera_id,plate\n"
			       "t1,c1\n"
			       "t2,c2,P2,extra,more\n"
			       "t3,c3,P3\n",
			       TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 3);
	assert_int_equal(res->r[0].nfields, 2);
	assert_int_equal(res->r[0].header_fields, 3);
	ASSERT_FIELD(res, 0, RC_CAMERA, "c1");
	ASSERT_MISSING(res, 0, RC_PLATE);
	assert_int_equal(res->r[1].nfields, 5);
	assert_int_equal(res->r[1].header_fields, 3);
	ASSERT_FIELD(res, 1, RC_PLATE, "P2");
	assert_int_equal(res->r[2].nfields, 3);
	ASSERT_FIELD(res, 2, RC_PLATE, "P3");
	/* a short row must not leak the previous row's value */
	res = run_text("ragged2.csv", "timestamp,camera_id,plate\nt1,c1,P1\nt2\n", TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 2);
	assert_int_equal(res->r[1].nfields, 1);
	ASSERT_MISSING(res, 1, RC_PLATE);
	ASSERT_MISSING(res, 1, RC_CAMERA);
}

static void test_blank_lines_counted(void **state)
{
	(void)state;
	const char *text =
		"\n"                          /* 1 */
		"timestamp,camera_id,plate\n" /* 2: header after a blank line */
		"t1,c1,P1\n"                  /* 3 */
		"\n"                          /* 4 */
		"\n"                          /* 5 */
		"t2,c2,P2\n"                  /* 6 */
		"   \n"                       /* 7: blanks only */
		"\r\n"                        /* 8 */
		"t3,c3,P3";                   /* 9: no final newline */
	result *res = run_text("blank.csv", text, TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 3);
	assert_int_equal(res->r[0].line, 3);
	assert_int_equal(res->r[1].line, 6);
	assert_int_equal(res->r[2].line, 9);
	ASSERT_FIELD(res, 2, RC_PLATE, "P3");
}

static void test_other_delimiters(void **state)
{
	(void)state;
	static const struct {
		char d;
		const char *text;
	} cases[] = {
		{'\t', "timestamp\tcamera_id\tplate\nt,1\tc 1\t\"P\t1\"\n"},
		{';', "timestamp;camera_id;plate\nt,1;c 1;\"P;1\"\n"},
		{'|', "timestamp|camera_id|plate\nt,1|c 1|\"P|1\"\n"},
	};
	for (size_t i = 0; i < 3; i++) {
		char path[512];
		path_of(path, sizeof path, "delim.csv");
		write_file(path, cases[i].text);
		ae_input in;
		input_init(&in, path);
		in.delimiter = cases[i].d;
		result res;
		res.stop_after = 0;
		run_input(&in, TB_READS, &res);
		ASSERT_OK(&res);
		assert_int_equal(res.n, 1);
		assert_int_equal(res.r[0].nfields, 3);
		ASSERT_FIELD(&res, 0, RC_TIMESTAMP, "t,1"); /* a comma is data here */
		ASSERT_FIELD(&res, 0, RC_CAMERA, "c 1");
		char want[8] = {'P', cases[i].d, '1', 0};
		ASSERT_FIELD(&res, 0, RC_PLATE, want);
	}
	/* a tab-delimited file with an empty field between tabs */
	result *res = run_text("tab_empty.csv", "timestamp\tcamera_id\tplate\nt\t\tP\n", TB_READS);
	/* read with ',' it is one column: the required ones are missing */
	assert_int_not_equal(res->rc, AE_OK);
	char path[512];
	path_of(path, sizeof path, "tab_empty.csv");
	ae_input in;
	input_init(&in, path);
	in.delimiter = '\t';
	result r2;
	r2.stop_after = 0;
	run_input(&in, TB_READS, &r2);
	ASSERT_OK(&r2);
	assert_int_equal(r2.r[0].nfields, 3);
	ASSERT_MISSING(&r2, 0, RC_CAMERA);
	ASSERT_FIELD(&r2, 0, RC_PLATE, "P");
}

/* ---------------------------------------------------------------- gzip */

static const char gz_text[] =
	"timestamp,camera_id,plate\n"
	"t1,c1,P1\n"
	"t2,\"c\n2\",P2\n"
	"\n"
	"t3,c3,P3\n";

static void check_gz_text_records(const result *res)
{
	ASSERT_OK(res);
	assert_int_equal(res->n, 3);
	assert_int_equal(res->r[0].line, 2);
	assert_int_equal(res->r[1].line, 3);
	ASSERT_FIELD(res, 1, RC_CAMERA, "c\n2");
	assert_int_equal(res->r[2].line, 6);
	ASSERT_FIELD(res, 2, RC_PLATE, "P3");
}

static void test_gzip_input(void **state)
{
	(void)state;
	char path[512], hex[65];
	uint64_t size;
	path_of(path, sizeof path, "reads.csv.gz");
	write_gz(path, "wb", gz_text, strlen(gz_text));
	ae_input in;
	input_init(&in, path);
	result res;
	res.stop_after = 0;
	run_input(&in, TB_READS, &res);
	check_gz_text_records(&res);
	/* the hash and size are of the raw (compressed) bytes */
	file_sha256(path, hex, &size);
	assert_string_equal(res.sha, hex);
	assert_true(res.bytes == size);
	assert_true(size != strlen(gz_text));
}

static void test_gzip_concatenated_members(void **state)
{
	(void)state;
	char path[512];
	path_of(path, sizeof path, "two.csv.gz");
	/* the member boundary falls inside a record, and inside a quoted field */
	size_t cut = (size_t)(strstr(gz_text, "\"c\n") - gz_text) + 2;
	write_gz(path, "wb", gz_text, cut);
	write_gz(path, "ab", gz_text + cut, strlen(gz_text) - cut);
	ae_input in;
	input_init(&in, path);
	result res;
	res.stop_after = 0;
	run_input(&in, TB_READS, &res);
	check_gz_text_records(&res);
	/* three members, one of them empty */
	write_gz(path, "wb", gz_text, 10);
	write_gz(path, "ab", "", 0);
	write_gz(path, "ab", gz_text + 10, strlen(gz_text) - 10);
	run_input(&in, TB_READS, &res);
	check_gz_text_records(&res);
}

static void test_gzip_truncated(void **state)
{
	(void)state;
	/* a member big enough to be cut in the middle of its deflate data */
	ae_buf b;
	ae_buf_init(&b);
	ae_buf_printf(&b, "timestamp,camera_id,plate\n");
	for (int i = 0; i < 20000; i++)
		ae_buf_printf(&b, "2025-03-01T%02d:%02d:%02dZ,cam%d,P%07d\n", i % 24, i % 60, (i * 7) % 60, i % 13,
			      i * 7919 % 1000003);
	char path[512], cutpath[512];
	path_of(path, sizeof path, "full.csv.gz");
	path_of(cutpath, sizeof cutpath, "cut.csv.gz");
	write_gz(path, "wb", b.data, b.len);
	ae_buf_release(&b);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static unsigned char bytes[1 << 20];
	size_t n = fread(bytes, 1, sizeof bytes, f);
	fclose(f);
	assert_true(n > 1000 && n < sizeof bytes);

	size_t cuts[] = {n / 2, n - 4 /* ISIZE gone */, n - 8 /* whole trailer gone */, 20};
	for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++) {
		f = fopen(cutpath, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(bytes, 1, cuts[k], f), cuts[k]);
		fclose(f);
		ae_input in;
		input_init(&in, cutpath);
		result res;
		res.stop_after = 0;
		run_input(&in, TB_READS, &res);
		if (res.rc != AE_EIO)
			fail_msg("gzip cut to %zu of %zu bytes: rc %d (%s), expected AE_EIO", cuts[k], n, res.rc,
				 res.err.msg);
		assert_int_equal(res.err.status, AE_EIO);
		assert_non_null(strstr(res.err.msg, "cut.csv.gz"));
	}
	/* corrupt deflate data (not just short) is an I/O error too */
	for (size_t i = 100; i < 300; i++)
		bytes[i] ^= 0x5a;
	f = fopen(cutpath, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	fclose(f);
	ae_input in;
	input_init(&in, cutpath);
	result res;
	res.stop_after = 0;
	run_input(&in, TB_READS, &res);
	assert_int_equal(res.rc, AE_EIO);
}

/* Inputs bigger than the 1 MiB read and inflate chunks: lines cross chunk
 * boundaries; every record and its line must come through. */
static void test_large_plain_and_gzip(void **state)
{
	(void)state;
	ae_buf b;
	ae_buf_init(&b);
	ae_buf_printf(&b, "timestamp,camera_id,plate\n");
	const int N = 120000; /* about 4 MiB of text */
	for (int i = 0; i < N; i++)
		ae_buf_printf(&b, "2025-03-01T00:00:00Z,camera-%05d,\"PLATE %09d\"\n", i % 1000, i);
	char path[512], gzpath[512];
	path_of(path, sizeof path, "large.csv");
	path_of(gzpath, sizeof gzpath, "large.csv.gz");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b.data, 1, b.len, f), b.len);
	fclose(f);
	write_gz(gzpath, "wb", b.data, b.len);
	assert_true(b.len > 3u * (1u << 20));
	const char *paths[] = {path, gzpath};
	for (int k = 0; k < 2; k++) {
		ae_input in;
		input_init(&in, (char *)paths[k]);
		result res;
		res.stop_after = 0;
		run_input(&in, TB_READS, &res);
		ASSERT_OK(&res);
		assert_int_equal(res.n, N);
		assert_int_equal(res.last_line, N + 1);
		ASSERT_FIELD(&res, 63, RC_PLATE, "PLATE 000000063");
		char hex[65];
		uint64_t size;
		file_sha256(paths[k], hex, &size);
		assert_string_equal(res.sha, hex);
		assert_true(res.bytes == size);
	}
	/* Highly compressible: one member inflating to far more than a chunk. */
	ae_buf_release(&b);
	ae_buf_init(&b);
	ae_buf_printf(&b, "timestamp,camera_id,plate\n");
	for (int i = 0; i < 300000; i++)
		ae_buf_printf(&b, "t,c,P\n");
	write_gz(gzpath, "wb", b.data, b.len);
	ae_buf_release(&b);
	ae_input in;
	input_init(&in, gzpath);
	result res;
	res.stop_after = 0;
	run_input(&in, TB_READS, &res);
	ASSERT_OK(&res);
	assert_int_equal(res.n, 300000);
	assert_int_equal(res.last_line, 300001);
}

/* ---------------------------------------------------------------- ends of files */

static void test_empty_file(void **state)
{
	(void)state;
	result *res = run_text("empty.csv", "", TB_READS);
	assert_int_equal(res->rc, AE_EDATA); /* README, exit codes: a file is empty -> 1 */
	assert_int_equal(res->rc, res->err.status);
	assert_non_null(strstr(res->err.msg, "empty.csv"));
	assert_int_equal(res->n, 0);
	/* sha256sum of an empty file: e3b0c442...b855 (`printf '' | sha256sum`) */
	assert_string_equal(res->sha, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_true(res->bytes == 0);
	/* only blank lines: no header either */
	res = run_text("blankonly.csv", "\n\n  \n", TB_READS);
	assert_int_equal(res->rc, AE_EDATA);
	/* an empty gzip member: no header */
	char path[512];
	path_of(path, sizeof path, "empty.csv.gz");
	write_gz(path, "wb", "", 0);
	ae_input in;
	input_init(&in, path);
	result r2;
	r2.stop_after = 0;
	run_input(&in, TB_READS, &r2);
	assert_int_equal(r2.rc, AE_EDATA);
}

static void test_header_only(void **state)
{
	(void)state;
	result *res = run_text("header.csv", "timestamp,camera_id,plate\n", TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 0);
	res = run_text("header_nonl.csv", "timestamp,camera_id,plate", TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 0);
	assert_true(res->has_col[RC_PLATE]);
	res = run_text("header_blank.csv", "timestamp,camera_id,plate\r\n\r\n\n", TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 0);
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	const char *text = "timestamp,camera_id,plate\n" /* 1 */
			   "t1,c1,P1\n"                  /* 2 */
			   "t2,\"c2,P2\n"                /* 3: the quote never closes */
			   "t3,c3,P3\n";                 /* 4: swallowed */
	result *res = run_text("unterminated.csv", text, TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 1);
	assert_int_equal(res->r[0].line, 2);
	assert_int_equal(res->unterminated, 3);
	/* at the very last line, without a final newline */
	res = run_text("unterminated2.csv", "timestamp,camera_id,plate\nt1,c1,P1\n\nt2,c2,\"P2", TB_READS);
	ASSERT_OK(res);
	assert_int_equal(res->n, 1);
	assert_int_equal(res->unterminated, 4);
}

/* A last record whose final field is quoted and closed, with no newline after
 * it, is whole: delivered, and not reported as unterminated. */
static void test_last_quoted_field_without_newline(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"timestamp,camera_id,plate\nt1,c1,\"P1\"",
		"\"timestamp\",\"camera_id\",\"plate\"\n\"t1\",\"c1\",\"P1\"",
		"timestamp,camera_id,plate\r\nt1,c1,\"P\n1\"",
	};
	static const char *const plate[] = {"P1", "P1", "P\n1"};
	for (int i = 0; i < 3; i++) {
		result *res = run_text("terminated.csv", texts[i], TB_READS);
		ASSERT_OK(res);
		if (res->n != 1 || res->unterminated != 0)
			fail_msg("case %d: %d records (expected 1), unterminated line %ld (expected 0)", i, res->n,
				 res->unterminated);
		assert_int_equal(res->r[0].line, 2);
		ASSERT_FIELD(res, 0, RC_PLATE, plate[i]);
	}
}

static void test_open_missing_file(void **state)
{
	(void)state;
	char path[512];
	path_of(path, sizeof path, "no-such-file.csv");
	ae_input in;
	input_init(&in, path);
	ae_csv *c = (ae_csv *)&in; /* must be reset to NULL */
	ae_error err;
	memset(&err, 0, sizeof err);
	assert_int_equal(ae_csv_open(&c, &in, TB_READS, &err), AE_EIO);
	assert_null(c);
	assert_int_equal(err.status, AE_EIO);
	assert_non_null(strstr(err.msg, "no-such-file.csv"));
}

/* ---------------------------------------------------------------- categories */

static void test_category_labels_and_canonical(void **state)
{
	(void)state;
	char path[512];
	path_of(path, sizeof path, "hits.csv");
	write_file(path, "hit_id,hotlist,disposition\nh1,Stolen,Accepted\n");
	ae_input in;
	input_init(&in, path);
	char l1[] = "Accepted", l2[] = "Rejected", l3[] = "Stolen", l4[] = "other";
	ae_valuemap maps[] = {
		{HC_DISPOSITION, DP_CONFIRMED, l1, NULL},
		{HC_DISPOSITION, DP_MISREAD, l2, NULL},
		{HC_HOTLIST, HL_STOLEN_VEHICLE, l3, NULL},
		{HC_HOTLIST, HL_MANUAL, l4, NULL}, /* a label that is also a canonical value */
	};
	in.maps = maps;
	in.nmaps = 4;
	ae_csv *c = NULL;
	ae_error err;
	assert_int_equal(ae_csv_open(&c, &in, TB_HITS, &err), AE_OK);
#define CAT(col, s) ae_csv_category(c, (col), (s), strlen(s))
	/* study labels: exact */
	assert_int_equal(CAT(HC_DISPOSITION, "Accepted"), DP_CONFIRMED);
	assert_int_equal(CAT(HC_DISPOSITION, "Rejected"), DP_MISREAD);
	assert_int_equal(CAT(HC_HOTLIST, "Stolen"), HL_STOLEN_VEHICLE);
	assert_int_equal(CAT(HC_DISPOSITION, "accepted"), -1);
	assert_int_equal(CAT(HC_DISPOSITION, "ACCEPTED"), -1);
	assert_int_equal(CAT(HC_DISPOSITION, "Accepted "), -1);
	assert_int_equal(CAT(HC_DISPOSITION, "Accept"), -1);
	/* a label belongs to its column only */
	assert_int_equal(CAT(HC_HOTLIST, "Accepted"), -1);
	assert_int_equal(CAT(HC_DISPOSITION, "Stolen"), -1);
	/* the label wins over the canonical value of the same spelling */
	assert_int_equal(CAT(HC_HOTLIST, "other"), HL_MANUAL);
	/* canonical values: case-insensitive */
	assert_int_equal(CAT(HC_DISPOSITION, "confirmed"), DP_CONFIRMED);
	assert_int_equal(CAT(HC_DISPOSITION, "CONFIRMED"), DP_CONFIRMED);
	assert_int_equal(CAT(HC_DISPOSITION, "Wrong_State"), DP_WRONG_STATE);
	assert_int_equal(CAT(HC_DISPOSITION, "unverified"), DP_UNVERIFIED);
	assert_int_equal(CAT(HC_HOTLIST, "AMBER_ALERT"), HL_AMBER_ALERT);
	assert_int_equal(CAT(HC_HOTLIST, "Other"), HL_OTHER); /* not the exact label */
	assert_int_equal(CAT(HC_HOTLIST, "registration"), HL_REGISTRATION);
	/* neither */
	assert_int_equal(CAT(HC_DISPOSITION, "maybe"), -1);
	assert_int_equal(CAT(HC_DISPOSITION, "confirm"), -1);
	assert_int_equal(CAT(HC_DISPOSITION, "confirmedx"), -1);
	assert_int_equal(CAT(HC_DISPOSITION, ""), -1);
	/* length is honoured: "misread" out of "misreading" */
	assert_int_equal(ae_csv_category(c, HC_DISPOSITION, "misreading", 7), DP_MISREAD);
#undef CAT
	ae_csv_free(c);

	/* outcome types and camera kinds without any labels */
	path_of(path, sizeof path, "outcomes.csv");
	write_file(path, "outcome_id,type\no1,arrest\n");
	input_init(&in, path);
	assert_int_equal(ae_csv_open(&c, &in, TB_OUTCOMES, &err), AE_OK);
	assert_int_equal(ae_csv_category(c, OC_TYPE, "Vehicle_Recovered", 17), OT_VEHICLE_RECOVERED);
	assert_int_equal(ae_csv_category(c, OC_TYPE, "no_action", 9), OT_NO_ACTION);
	ae_csv_free(c);
	path_of(path, sizeof path, "cameras.csv");
	write_file(path, "camera_id,kind\nc1,fixed\n");
	input_init(&in, path);
	assert_int_equal(ae_csv_open(&c, &in, TB_CAMERAS, &err), AE_OK);
	assert_int_equal(ae_csv_category(c, CC_KIND, "MOBILE", 6), CK_MOBILE);
	assert_int_equal(ae_csv_category(c, CC_KIND, "fixed", 5), CK_FIXED);
	assert_int_equal(ae_csv_category(c, CC_KIND, "portable", 8), -1);
	ae_csv_free(c);
}

/* ---------------------------------------------------------------- hash and size */

static void test_sha256_and_bytes(void **state)
{
	(void)state;
	/* `printf 'timestamp,camera_id,plate\nt1,c1,P1\n' | sha256sum` on this machine
	 * -> 7128d8f6...7423; `wc -c` -> 35 */
	result *res = run_text("hash.csv", "timestamp,camera_id,plate\nt1,c1,P1\n", TB_READS);
	ASSERT_OK(res);
	assert_string_equal(res->sha, "7128d8f6406fc9749918ffbded4c3ad127ac12044e39a6700942567757017423");
	assert_true(res->bytes == 35);

	/* and for a file with a BOM, CRLF and quotes, against libsodium over its bytes */
	char path[512], hex[65];
	uint64_t size;
	res = run_text("hash2.csv", "\xEF\xBB\xBFtimestamp,camera_id,plate\r\n\"t\",\"c\r\n\",P\r\n", TB_READS);
	ASSERT_OK(res);
	path_of(path, sizeof path, "hash2.csv");
	file_sha256(path, hex, &size);
	assert_string_equal(res->sha, hex);
	assert_true(res->bytes == size);
}

/* The callback can stop the pass; its value is returned, and the hash is
 * still that of the whole file (csvin.c: the manifest's hash is the file's). */
static void test_callback_stop(void **state)
{
	(void)state;
	char path[512], hex[65];
	uint64_t size;
	path_of(path, sizeof path, "stop.csv");
	write_file(path, "timestamp,camera_id,plate\nt1,c1,P1\nt2,c2,P2\nt3,c3,P3\n");
	ae_input in;
	input_init(&in, path);
	result res;
	res.stop_after = 2;
	run_input(&in, TB_READS, &res);
	assert_int_equal(res.rc, 99);
	assert_int_equal(res.n, 2);
	file_sha256(path, hex, &size);
	assert_string_equal(res.sha, hex);
	assert_true(res.bytes == size);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_case_insensitive),
		cmocka_unit_test(test_header_column_mapping),
		cmocka_unit_test(test_required_column_missing),
		cmocka_unit_test(test_mapped_optional_column_missing),
		cmocka_unit_test(test_duplicate_header),
		cmocka_unit_test(test_two_columns_on_one_header),
		cmocka_unit_test(test_pop_columns_mapped),
		cmocka_unit_test(test_utf8_bom_skipped),
		cmocka_unit_test(test_utf8_bom_before_quoted_header),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_quoted_newline_line_numbers),
		cmocka_unit_test(test_quoted_delimiter_and_doubled_quotes),
		cmocka_unit_test(test_missing_value_tokens),
		cmocka_unit_test(test_fields_trimmed),
		cmocka_unit_test(test_ragged_rows),
		cmocka_unit_test(test_blank_lines_counted),
		cmocka_unit_test(test_other_delimiters),
		cmocka_unit_test(test_gzip_input),
		cmocka_unit_test(test_gzip_concatenated_members),
		cmocka_unit_test(test_gzip_truncated),
		cmocka_unit_test(test_large_plain_and_gzip),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_last_quoted_field_without_newline),
		cmocka_unit_test(test_open_missing_file),
		cmocka_unit_test(test_category_labels_and_canonical),
		cmocka_unit_test(test_sha256_and_bytes),
		cmocka_unit_test(test_callback_stop),
	};
	return cmocka_run_group_tests_name("csvin", tests, group_setup, group_teardown);
}
