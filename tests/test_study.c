/* test_study.c — the study file (INI) loader: every key and section, the
 * defaults, path resolution, and each error path (status AE_EUSAGE and a
 * message naming the file, the line and the offending key or section).
 *
 * Expected values come from the study texts written here: a line number is
 * found by locating the offending text in the fixture (line_of), dates are
 * `$(( $(date -u -d YYYY-MM-DD +%s) / 86400 ))` run on this machine, and
 * everything else is the value written in the fixture.
 * Files live in a mkdtemp() folder under /tmp, removed at the end. */
#include "testutil.h"
#include "study.h"
#include "schema.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[256];

static int group_setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/ae_study_XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	rm_tree(tmpdir);
	return 0;
}

/* 1-based line of the first occurrence of needle in text. */
static int line_of(const char *text, const char *needle)
{
	const char *at = strstr(text, needle);
	assert_non_null(at);
	int line = 1;
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

/* Writes tmpdir/name and loads it; path receives the file's path. */
static int load(const char *name, const char *text, ae_study *st, ae_error *err, char *path, size_t pathsz)
{
	snprintf(path, pathsz, "%s/%s", tmpdir, name);
	write_file(path, text);
	memset(err, 0, sizeof *err);
	return ae_study_load(path, st, err);
}

/* A study that must fail: AE_EUSAGE, message holds "file:line:" (line > 0)
 * or just the file (line 0), and every one of the NULL-terminated words. */
static void expect_error(const char *text, int line, ...)
{
	ae_study st;
	ae_error err;
	char path[512];
	int rc = load("bad.ini", text, &st, &err, path, sizeof path);
	char want[600];
	if (line > 0)
		snprintf(want, sizeof want, "%s:%d:", path, line);
	else
		snprintf(want, sizeof want, "%s", path);
	int ok = rc == AE_EUSAGE && err.status == AE_EUSAGE && strstr(err.msg, want) != NULL;
	const char *missing_word = NULL;
	va_list ap;
	va_start(ap, line);
	for (const char *w; (w = va_arg(ap, const char *)) != NULL;)
		if (!strstr(err.msg, w) && !missing_word)
			missing_word = w;
	va_end(ap);
	ae_study_release(&st);
	if (!ok || missing_word)
		fail_msg("rc %d (status %d), message \"%s\": expected AE_EUSAGE with \"%s\"%s%s%s", rc, err.status,
			 err.msg, want, missing_word ? " and \"" : "", missing_word ? missing_word : "",
			 missing_word ? "\"" : "");
}

#define HEAD \
	"[study]\n" \
	"start = 2025-03-01\n" \
	"end = 2025-11-30\n" \
	"timezone = America/Chicago\n" \
	"seed = 7\n"
#define READS "[reads]\npath = reads.csv\n"

/* ---------------------------------------------------------------- a full study */

static const char full_study[] =
	"; a comment line\n"
	"# another comment\n"
	"[study]\n"
	"title = Sample City ALPR audit\n"
	"start = 2025-03-01\n"
	"end = 2025-11-30\n"
	"timezone = America/Chicago\n"
	"seed = 12345678901234\n"
	"confidence = 0.9\n"
	"ci_method = jeffreys\n"
	"output = out/sample\n"
	"false_positive = misread, stale_entry\n"
	"min_cell = 5\n"
	"cost = 125000.5\n"
	"max_reject_share = 0.05\n"
	"plate_key_file = keys/plate.key\n"
	"\n"
	"[reads]\n"
	"path = data/reads.csv.gz\n"
	"delimiter = tab\n"
	"timestamp_format = %m/%d/%Y %H:%M:%S\n"
	"missing = -, unknown,  ?? \n"
	"column.timestamp = Read Time\n"
	"column.camera_id = Camera\n"
	"column.plate = Plate Number\n"
	"column.plate_state = State\n"
	"column.read_id = Read ID\n"
	"column.lat = Latitude\n"
	"column.lon = Longitude\n"
	"column.neighborhood = Area\n"
	"column.confidence = OCR\n"
	"\n"
	"[hits]\n"
	"path = /abs/hits.csv\n"
	"delimiter = pipe\n"
	"column.hit_id = Alert ID\n"
	"value.hotlist.stolen_vehicle = Stolen Vehicle\n"
	"value.hotlist.wanted_person = Wanted\n"
	"value.disposition.confirmed = Accepted\n"
	"value.disposition.misread = Rejected\n"
	"value.disposition.not_actionable = Not enforced\n"
	"\n"
	"[outcomes]\n"
	"path = outcomes.csv\n"
	"delimiter = semicolon\n"
	"value.type.vehicle_recovered = Recovered\n"
	"\n"
	"[cameras]\n"
	"path = ../cameras.csv\n"
	"delimiter = :\n"
	"value.kind.mobile = Vehicle-mounted\n";

static int find_map(const ae_input *in, int col, int value, const char *label)
{
	for (size_t i = 0; i < in->nmaps; i++)
		if (in->maps[i].col == col && in->maps[i].value == value && strcmp(in->maps[i].label, label) == 0)
			return 1;
	return 0;
}

static void test_full_study(void **state)
{
	(void)state;
	ae_study st;
	ae_error err;
	char path[512], want[600];
	int rc = load("full.ini", full_study, &st, &err, path, sizeof path);
	if (rc != AE_OK)
		fail_msg("load failed: %d %s", rc, err.msg);

	assert_string_equal(st.file, path);
	assert_string_equal(st.dir, tmpdir);
	assert_string_equal(st.name, "full");
	assert_string_equal(st.title, "Sample City ALPR audit");
	assert_string_equal(st.start_s, "2025-03-01");
	assert_string_equal(st.end_s, "2025-11-30");
	/* date -u -d 2025-03-01 +%s / 86400 = 20148; 2025-11-30 -> 20422 */
	assert_int_equal(st.start_day, 20148);
	assert_int_equal(st.end_day, 20422);
	assert_string_equal(st.timezone, "America/Chicago");
	assert_true(st.seed == 12345678901234ULL);
	assert_close(st.confidence, 0.9, 0);
	assert_int_equal(st.ci_method, CI_JEFFREYS);
	assert_string_equal(ae_ci_method_name(st.ci_method), "jeffreys");
	assert_string_equal(st.output, "out/sample"); /* relative to the current directory */
	assert_int_equal(st.fp_mask, (1u << DP_MISREAD) | (1u << DP_STALE_ENTRY));
	assert_int_equal(st.min_cell, 5);
	assert_int_equal(st.has_cost, 1);
	assert_close(st.cost, 125000.5, 0);
	assert_close(st.max_reject_share, 0.05, 0);
	snprintf(want, sizeof want, "%s/keys/plate.key", tmpdir);
	assert_string_equal(st.plate_key_file, want);

	/* [reads] */
	const ae_input *r = &st.input[TB_READS];
	assert_true(r->present);
	assert_string_equal(r->path_given, "data/reads.csv.gz");
	snprintf(want, sizeof want, "%s/data/reads.csv.gz", tmpdir);
	assert_string_equal(r->path, want);
	assert_int_equal(r->delimiter, '\t');
	assert_string_equal(r->timestamp_format, "%m/%d/%Y %H:%M:%S");
	static const char *const rcols[RC_COUNT] = {"Read Time", "Camera",    "Plate Number", "State", "Read ID",
						    "Latitude",  "Longitude", "Area",         "OCR"};
	for (int c = 0; c < RC_COUNT; c++) {
		assert_non_null(r->column[c]);
		assert_string_equal(r->column[c], rcols[c]);
	}
	assert_int_equal(r->nmissing, 3);
	assert_string_equal(r->missing[0], "-");
	assert_string_equal(r->missing[1], "unknown");
	assert_string_equal(r->missing[2], "??");
	assert_int_equal(r->nmaps, 0);

	/* [hits] */
	const ae_input *h = &st.input[TB_HITS];
	assert_true(h->present);
	assert_string_equal(h->path, "/abs/hits.csv"); /* absolute: as given */
	assert_string_equal(h->path_given, "/abs/hits.csv");
	assert_int_equal(h->delimiter, '|');
	assert_null(h->timestamp_format);
	assert_string_equal(h->column[HC_HIT_ID], "Alert ID");
	for (int c = 1; c < HC_COUNT; c++)
		assert_null(h->column[c]);
	assert_int_equal(h->nmaps, 5);
	assert_true(find_map(h, HC_HOTLIST, HL_STOLEN_VEHICLE, "Stolen Vehicle"));
	assert_true(find_map(h, HC_HOTLIST, HL_WANTED_PERSON, "Wanted"));
	assert_true(find_map(h, HC_DISPOSITION, DP_CONFIRMED, "Accepted"));
	assert_true(find_map(h, HC_DISPOSITION, DP_MISREAD, "Rejected"));
	assert_true(find_map(h, HC_DISPOSITION, DP_NOT_ACTIONABLE, "Not enforced"));

	/* [outcomes] */
	const ae_input *o = &st.input[TB_OUTCOMES];
	assert_true(o->present);
	snprintf(want, sizeof want, "%s/outcomes.csv", tmpdir);
	assert_string_equal(o->path, want);
	assert_int_equal(o->delimiter, ';');
	assert_int_equal(o->nmaps, 1);
	assert_true(find_map(o, OC_TYPE, OT_VEHICLE_RECOVERED, "Recovered"));

	/* [cameras] */
	const ae_input *cm = &st.input[TB_CAMERAS];
	assert_true(cm->present);
	snprintf(want, sizeof want, "%s/../cameras.csv", tmpdir);
	assert_string_equal(cm->path, want);
	assert_int_equal(cm->delimiter, ':');
	assert_int_equal(cm->nmaps, 1);
	assert_true(find_map(cm, CC_KIND, CK_MOBILE, "Vehicle-mounted"));
	ae_study_release(&st);
}

static void test_defaults(void **state)
{
	(void)state;
	ae_study st;
	ae_error err;
	char path[512], want[600];
	int rc = load("minimal.ini", HEAD READS, &st, &err, path, sizeof path);
	if (rc != AE_OK)
		fail_msg("load failed: %d %s", rc, err.msg);
	assert_string_equal(st.name, "minimal");
	assert_string_equal(st.title, "minimal"); /* no title: the study's name */
	assert_close(st.confidence, 0.95, 0);     /* METRICS.md: 95 % unless set */
	assert_int_equal(st.ci_method, CI_WILSON);
	assert_string_equal(ae_ci_method_name(st.ci_method), "wilson");
	assert_string_equal(st.output, "reports/minimal"); /* DATA.md: reports/NAME/ */
	/* DATA.md: false positive = misread, wrong_state, stale_entry */
	assert_int_equal(st.fp_mask, (1u << DP_MISREAD) | (1u << DP_WRONG_STATE) | (1u << DP_STALE_ENTRY));
	assert_close(st.max_reject_share, 0.01, 0);
	assert_int_equal(st.has_cost, 0);
	assert_null(st.plate_key_file);
	assert_true(st.seed == 7);
	for (int t = 0; t < TB_COUNT; t++)
		assert_int_equal(st.input[t].delimiter, ',');
	const ae_input *r = &st.input[TB_READS];
	assert_true(r->present);
	snprintf(want, sizeof want, "%s/reads.csv", tmpdir);
	assert_string_equal(r->path, want);
	assert_string_equal(r->path_given, "reads.csv");
	assert_null(r->timestamp_format);
	for (int c = 0; c < AE_MAX_COLS; c++)
		assert_null(r->column[c]);
	assert_int_equal(r->nmaps, 0);
	assert_int_equal(r->nmissing, 0);
	assert_false(st.input[TB_HITS].present);
	assert_false(st.input[TB_OUTCOMES].present);
	assert_false(st.input[TB_CAMERAS].present);
	ae_study_release(&st);
	/* the other interval names */
	assert_string_equal(ae_ci_method_name(CI_CLOPPER_PEARSON), "clopper_pearson");
}

static void test_delimiter_names_and_characters(void **state)
{
	(void)state;
	static const struct {
		const char *v;
		char c;
	} ok[] = {
		{"comma", ','}, {"tab", '\t'}, {"pipe", '|'}, {"semicolon", ';'}, {"TAB", '\t'}, {"Pipe", '|'},
		{",", ','},     {"|", '|'},    {":", ':'},    {"^", '^'},         {"#", '#'},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char text[512];
		snprintf(text, sizeof text, HEAD READS "delimiter = %s\n", ok[i].v);
		ae_study st;
		ae_error err;
		char path[512];
		int rc = load("delim.ini", text, &st, &err, path, sizeof path);
		if (rc != AE_OK)
			fail_msg("delimiter '%s': %d %s", ok[i].v, rc, err.msg);
		if (st.input[TB_READS].delimiter != ok[i].c)
			fail_msg("delimiter '%s' gave 0x%02x", ok[i].v, (unsigned char)st.input[TB_READS].delimiter);
		ae_study_release(&st);
	}
	/* bad delimiters: two characters, a quote, an unknown name, and ';' (an INI comment: empty) */
	const char *t1 = HEAD READS "delimiter = ab\n";
	expect_error(t1, line_of(t1, "delimiter = ab"), "delimiter", "[reads]", NULL);
	const char *t2 = HEAD READS "delimiter = \"\n";
	expect_error(t2, line_of(t2, "delimiter = \""), "delimiter", "[reads]", NULL);
	const char *t3 = HEAD READS "delimiter = colon\n";
	expect_error(t3, line_of(t3, "delimiter = colon"), "delimiter", "colon", NULL);
	const char *t4 = HEAD READS "delimiter = ;\n";
	expect_error(t4, line_of(t4, "delimiter = ;"), "delimiter is empty in [reads]", "';' starts a comment",
		     "write delimiter = semicolon", NULL);
	/* an empty value says the same fix; a ';' with no space before it is not a comment */
	const char *t5 = HEAD READS "delimiter =\n";
	expect_error(t5, line_of(t5, "delimiter ="), "delimiter is empty", "delimiter = semicolon", NULL);
	const char *t6 = HEAD READS "delimiter =;\n";
	ae_study st;
	ae_error err;
	char path[512];
	assert_int_equal(load("delim.ini", t6, &st, &err, path, sizeof path), AE_OK);
	assert_int_equal(st.input[TB_READS].delimiter, ';');
	ae_study_release(&st);
}

static void test_missing_tokens_and_empty_format(void **state)
{
	(void)state;
	ae_study st;
	ae_error err;
	char path[512];
	const char *text = HEAD READS "missing = none,,  -- , unknown value\ntimestamp_format =\n";
	int rc = load("miss.ini", text, &st, &err, path, sizeof path);
	if (rc != AE_OK)
		fail_msg("load failed: %d %s", rc, err.msg);
	const ae_input *r = &st.input[TB_READS];
	assert_int_equal(r->nmissing, 3); /* the empty item between ",," is skipped */
	assert_string_equal(r->missing[0], "none");
	assert_string_equal(r->missing[1], "--");
	assert_string_equal(r->missing[2], "unknown value");
	assert_null(r->timestamp_format); /* empty: ISO 8601 */
	ae_study_release(&st);
}

/* ---------------------------------------------------------------- paths */

static void test_paths_relative_to_study_folder(void **state)
{
	(void)state;
	char sub[512], path[600], want[700];
	snprintf(sub, sizeof sub, "%s/analysis", tmpdir);
	mkdir(sub, 0700);
	snprintf(path, sizeof path, "%s/city.ini", sub);
	write_file(path, HEAD "plate_key_file = ../secrets/key\n"
			      "[reads]\npath = ../data/reads.csv\n"
			      "[hits]\npath = /srv/hits.csv\n"
			      "[outcomes]\npath = outcomes/o.csv\n");
	ae_study st;
	ae_error err;
	memset(&err, 0, sizeof err);
	int rc = ae_study_load(path, &st, &err);
	if (rc != AE_OK)
		fail_msg("load failed: %d %s", rc, err.msg);
	assert_string_equal(st.dir, sub);
	assert_string_equal(st.name, "city");
	assert_string_equal(st.output, "reports/city");
	snprintf(want, sizeof want, "%s/../data/reads.csv", sub);
	assert_string_equal(st.input[TB_READS].path, want);
	assert_string_equal(st.input[TB_READS].path_given, "../data/reads.csv");
	assert_string_equal(st.input[TB_HITS].path, "/srv/hits.csv");
	snprintf(want, sizeof want, "%s/outcomes/o.csv", sub);
	assert_string_equal(st.input[TB_OUTCOMES].path, want);
	snprintf(want, sizeof want, "%s/../secrets/key", sub);
	assert_string_equal(st.plate_key_file, want);
	ae_study_release(&st);

	/* A study given by a relative path: inputs are relative to its folder as given. */
	char cwd[1024];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(tmpdir), 0);
	rc = ae_study_load("analysis/city.ini", &st, &err);
	int rc2 = -1;
	ae_study st2;
	memset(&st2, 0, sizeof st2);
	if (rc == AE_OK) {
		/* and one in the current folder */
		write_file("here.ini", HEAD READS);
		rc2 = ae_study_load("here.ini", &st2, &err);
	}
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(rc, AE_OK);
	assert_string_equal(st.dir, "analysis");
	assert_string_equal(st.input[TB_READS].path, "analysis/../data/reads.csv");
	assert_string_equal(st.input[TB_OUTCOMES].path, "analysis/outcomes/o.csv");
	ae_study_release(&st);
	assert_int_equal(rc2, AE_OK);
	assert_string_equal(st2.name, "here");
	/* "./reads.csv" or "reads.csv": either opens the same file; check it resolves there */
	const char *p = st2.input[TB_READS].path;
	assert_true(strcmp(p, "./reads.csv") == 0 || strcmp(p, "reads.csv") == 0);
	ae_study_release(&st2);
}

static void test_name_without_ini_suffix(void **state)
{
	(void)state;
	ae_study st;
	ae_error err;
	char path[512];
	int rc = load("plainname", HEAD READS, &st, &err, path, sizeof path);
	assert_int_equal(rc, AE_OK);
	assert_string_equal(st.name, "plainname");
	assert_string_equal(st.output, "reports/plainname");
	ae_study_release(&st);
}

static void test_missing_study_file(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/does-not-exist.ini", tmpdir);
	ae_study st;
	ae_error err;
	memset(&err, 0, sizeof err);
	assert_int_equal(ae_study_load(path, &st, &err), AE_EUSAGE);
	assert_int_equal(err.status, AE_EUSAGE);
	assert_non_null(strstr(err.msg, path));
	ae_study_release(&st);
}

/* ---------------------------------------------------------------- error paths */

static void test_unknown_section(void **state)
{
	(void)state;
	/* the line of the section header itself */
	const char *t = HEAD READS "[rejects]\npath = r.csv\n";
	expect_error(t, line_of(t, "[rejects]"), "rejects", NULL);
	const char *t2 = "[Study]\nstart = 2025-03-01\n" READS;
	expect_error(t2, line_of(t2, "[Study]"), "Study", NULL);
}

static void test_unknown_key(void **state)
{
	(void)state;
	const char *t = HEAD "colour = red\n" READS;
	expect_error(t, line_of(t, "colour"), "colour", "[study]", NULL);
	const char *t2 = HEAD READS "compression = gzip\n";
	expect_error(t2, line_of(t2, "compression"), "compression", "[reads]", NULL);
	/* keys are case-sensitive: Start is not start */
	const char *t3 = HEAD "Start = 2025-03-01\n" READS;
	expect_error(t3, line_of(t3, "Start ="), "Start", "[study]", NULL);
}

static void test_unknown_column_mapping(void **state)
{
	(void)state;
	const char *t = HEAD READS "column.platenum = Plate\n";
	expect_error(t, line_of(t, "column.platenum"), "platenum", "[reads]", NULL);
	/* hotlist is a hits column, not a reads column */
	const char *t2 = HEAD READS "column.hotlist = List\n";
	expect_error(t2, line_of(t2, "column.hotlist"), "hotlist", "[reads]", NULL);
	/* a mapping with no header name */
	const char *t3 = HEAD READS "column.plate =\n";
	expect_error(t3, line_of(t3, "column.plate"), "column.plate", "[reads]", NULL);
}

/* column.pop_<group> = HEADER in [neighborhoods]: kept, group in lower
 * case; refused elsewhere, twice, or empty. */
static void test_pop_column_mapping(void **state)
{
	(void)state;
	const char *text = HEAD READS "[neighborhoods]\npath = acs.csv\ncolumn.neighborhood = NAME\n"
				      "column.pop_Black = B02001_003E\ncolumn.pop_hispanic = B03003_003E\n";
	ae_study st;
	ae_error err;
	char path[512];
	if (load("pop.ini", text, &st, &err, path, sizeof path))
		fail_msg("%s", err.msg);
	const ae_input *in = &st.input[TB_HOODS];
	assert_int_equal(in->npop, 2);
	assert_string_equal(in->pop_group[0], "black");
	assert_string_equal(in->pop_column[0], "B02001_003E");
	assert_string_equal(in->pop_group[1], "hispanic");
	assert_string_equal(in->pop_column[1], "B03003_003E");
	ae_study_release(&st);
	const char *t = HEAD READS "column.pop_black = blackE\n";
	expect_error(t, line_of(t, "column.pop_black"), "unknown column 'pop_black' in [reads]", NULL);
	t = HEAD READS "[neighborhoods]\npath = n.csv\ncolumn.pop_black = a\ncolumn.pop_BLACK = b\n";
	expect_error(t, line_of(t, "column.pop_BLACK"), "key 'column.pop_BLACK' given twice in [neighborhoods]", NULL);
	t = HEAD READS "[neighborhoods]\npath = n.csv\ncolumn.pop_black =\n";
	expect_error(t, line_of(t, "column.pop_black"), "key 'column.pop_black' in [neighborhoods] has no value", NULL);
	/* pop_ alone names no group: an unknown column as before */
	t = HEAD READS "[neighborhoods]\npath = n.csv\ncolumn.pop_ = x\n";
	expect_error(t, line_of(t, "column.pop_"), "unknown column 'pop_' in [neighborhoods]", NULL);
}

/* A census export as it comes (ACS codes for headers), mapped in the study
 * file: its group is read, and exposure is computed for it. */
static void test_acs_neighbourhoods_run(void **state)
{
	(void)state;
	run r;
	run_small(&r,
		  "[neighborhoods]\npath = neighborhoods.csv\ncolumn.neighborhood = NAME\n"
		  "column.population = B01003_001E\ncolumn.pop_black = B02001_003E\n",
		  "timestamp,camera_id,plate,neighborhood\n2025-03-02T10:00:00Z,C1,AB1,Harbor\n"
		  "2025-03-02T11:00:00Z,C1,AB2,Harbor\n2025-03-02T12:00:00Z,C2,AB3,Westwood\n",
		  NULL, NULL, NULL, "NAME,B01003_001E,B02001_003E\nHarbor,5200,1900\nWestwood,3000,300\n");
	if (r.rc)
		fail_msg("%s", r.err.msg);
	assert_int_equal(r.a->ngroups, 1);
	assert_string_equal(r.a->groups[0], "black");
	int found = 0;
	for (size_t i = 0; i < r.t->n; i++) {
		const ae_row *w = &r.t->rows[i];
		found += strcmp(w->metric, "disparity_ratio") == 0 && strcmp(w->dimension, "group") == 0 &&
			 strcmp(w->group, "black") == 0;
	}
	assert_int_equal(found, 1);
	run_free(&r);
}

static void test_value_mapping_errors(void **state)
{
	(void)state;
	const char *h = HEAD READS "[hits]\npath = hits.csv\n";
	char t[1024];
	/* unknown column */
	snprintf(t, sizeof t, "%svalue.colour.red = R\n", h);
	expect_error(t, line_of(t, "value.colour"), "value.colour.red", "[hits]", NULL);
	/* a free-text column has no values */
	snprintf(t, sizeof t, "%svalue.hit_id.x = X\n", h);
	expect_error(t, line_of(t, "value.hit_id"), "value.hit_id.x", "[hits]", NULL);
	/* unknown canonical value */
	snprintf(t, sizeof t, "%svalue.disposition.maybe = Perhaps\n", h);
	expect_error(t, line_of(t, "value.disposition.maybe"), "value.disposition.maybe", "[hits]", NULL);
	/* a value of another column */
	snprintf(t, sizeof t, "%svalue.hotlist.confirmed = Yes\n", h);
	expect_error(t, line_of(t, "value.hotlist.confirmed"), "value.hotlist.confirmed", NULL);
	/* no value part */
	snprintf(t, sizeof t, "%svalue.hotlist = Stolen\n", h);
	expect_error(t, line_of(t, "value.hotlist ="), "value.hotlist", "[hits]", NULL);
	/* empty label */
	snprintf(t, sizeof t, "%svalue.hotlist.other =\n", h);
	expect_error(t, line_of(t, "value.hotlist.other"), "value.hotlist.other", NULL);
	/* reads have no categorical columns */
	const char *t2 = HEAD READS "value.plate.x = y\n";
	expect_error(t2, line_of(t2, "value.plate"), "value.plate.x", "[reads]", NULL);
}

static void test_key_given_twice(void **state)
{
	(void)state;
	const char *t = HEAD "title = A\ntitle = B\n" READS;
	expect_error(t, line_of(t, "title = B"), "title", "twice", NULL);
	const char *t2 = HEAD READS "path = other.csv\n";
	expect_error(t2, line_of(t2, "path = other.csv"), "path", "[reads]", NULL);
	const char *t3 = HEAD READS "column.plate = P\ncolumn.plate = Q\n";
	expect_error(t3, line_of(t3, "column.plate = Q"), "column.plate", "[reads]", NULL);
	/* the same section opened twice repeats its keys */
	const char *t4 = HEAD READS "[study]\nseed = 8\n";
	expect_error(t4, line_of(t4, "seed = 8"), "seed", "[study]", NULL);
	const char *t5 = HEAD READS "delimiter = tab\ndelimiter = pipe\n";
	expect_error(t5, line_of(t5, "delimiter = pipe"), "delimiter", "[reads]", NULL);
}

/* The loader is strict about repeated keys; a value.X.Y key is a key like any other. */
/* Repeating a value.X.Y key maps one more label onto the same canonical
 * value (an export may spell one outcome two ways): both labels are kept. */
static void test_value_mapping_given_twice(void **state)
{
	(void)state;
	const char *t = HEAD READS "[hits]\npath = h.csv\nvalue.disposition.confirmed = Accepted\n"
				   "value.disposition.confirmed = OK\n";
	ae_study st;
	ae_error err;
	char path[512];
	assert_int_equal(load("twice.ini", t, &st, &err, path, sizeof path), AE_OK);
	const ae_input *in = &st.input[TB_HITS];
	assert_int_equal(in->nmaps, 2);
	assert_string_equal(in->maps[0].label, "Accepted");
	assert_string_equal(in->maps[1].label, "OK");
	assert_int_equal(in->maps[0].value, DP_CONFIRMED);
	assert_int_equal(in->maps[1].value, DP_CONFIRMED);
	ae_study_release(&st);
}

static void test_bad_dates(void **state)
{
	(void)state;
	const char *t = "[study]\nstart = 2025-02-30\nend = 2025-11-30\ntimezone = UTC\nseed = 1\n" READS;
	expect_error(t, line_of(t, "2025-02-30"), "start", "2025-02-30", NULL);
	const char *t2 = "[study]\nstart = 2025-03-01\nend = 2025/11/30\ntimezone = UTC\nseed = 1\n" READS;
	expect_error(t2, line_of(t2, "2025/11/30"), "end", "2025/11/30", NULL);
	const char *t3 = "[study]\nstart = 2025-3-1\nend = 2025-11-30\ntimezone = UTC\nseed = 1\n" READS;
	expect_error(t3, line_of(t3, "2025-3-1"), "start", NULL);
	/* a leap day is a date (2024), not in 2025 */
	const char *t4 = "[study]\nstart = 2024-02-29\nend = 2025-02-29\ntimezone = UTC\nseed = 1\n" READS;
	expect_error(t4, line_of(t4, "2025-02-29"), "end", "2025-02-29", NULL);
}

static void test_end_before_start(void **state)
{
	(void)state;
	const char *t = "[study]\nstart = 2025-11-30\nend = 2025-03-01\ntimezone = UTC\nseed = 1\n" READS;
	/* the brief: a message naming the file and the line (the line of end) */
	expect_error(t, line_of(t, "end = "), "end", "start", NULL);
}

static void test_end_equal_start_is_fine(void **state)
{
	(void)state;
	ae_study st;
	ae_error err;
	char path[512];
	int rc = load("oneday.ini", "[study]\nstart = 2025-03-01\nend = 2025-03-01\ntimezone = UTC\nseed = 0\n" READS,
		      &st, &err, path, sizeof path);
	assert_int_equal(rc, AE_OK);
	assert_int_equal(st.start_day, 20148); /* date -u -d 2025-03-01 +%s / 86400 */
	assert_int_equal(st.end_day, 20148);
	ae_study_release(&st);
}

static void test_bad_ci_method(void **state)
{
	(void)state;
	const char *t = HEAD "ci_method = agresti_coull\n" READS;
	expect_error(t, line_of(t, "ci_method"), "ci_method", "agresti_coull", NULL);
	const char *t2 = HEAD "ci_method = Wilson\n" READS;
	expect_error(t2, line_of(t2, "ci_method"), "ci_method", NULL);
	/* the accepted ones */
	static const struct {
		const char *v;
		int m;
	} ok[] = {{"wilson", CI_WILSON}, {"clopper_pearson", CI_CLOPPER_PEARSON}, {"jeffreys", CI_JEFFREYS}};
	for (size_t i = 0; i < 3; i++) {
		char text[512];
		snprintf(text, sizeof text, HEAD "ci_method = %s\n" READS, ok[i].v);
		ae_study st;
		ae_error err;
		char path[512];
		assert_int_equal(load("ci.ini", text, &st, &err, path, sizeof path), AE_OK);
		assert_int_equal(st.ci_method, ok[i].m);
		assert_string_equal(ae_ci_method_name(st.ci_method), ok[i].v);
		ae_study_release(&st);
	}
}

static void test_confidence_out_of_range(void **state)
{
	(void)state;
	static const char *const bad[] = {"0", "1", "1.5", "-0.1", "95", "abc", "0.95x", "nan", ""};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char t[512];
		snprintf(t, sizeof t, HEAD "confidence = %s\n" READS, bad[i]);
		expect_error(t, line_of(t, "confidence"), "confidence", NULL);
	}
	ae_study st;
	ae_error err;
	char path[512];
	assert_int_equal(load("conf.ini", HEAD "confidence = 0.999\n" READS, &st, &err, path, sizeof path), AE_OK);
	assert_close(st.confidence, 0.999, 0);
	ae_study_release(&st);
}

static void test_bad_false_positive(void **state)
{
	(void)state;
	const char *t = HEAD "false_positive = misread, bogus\n" READS;
	expect_error(t, line_of(t, "false_positive"), "false_positive", "bogus", NULL);
	/* items are separated by commas only */
	const char *t2 = HEAD "false_positive = misread;wrong_state\n" READS;
	expect_error(t2, line_of(t2, "false_positive"), "false_positive", NULL);
	ae_study st;
	ae_error err;
	char path[512];
	/* an empty list: no disposition counts as a false positive */
	assert_int_equal(load("fp.ini", HEAD "false_positive =\n" READS, &st, &err, path, sizeof path), AE_OK);
	assert_int_equal(st.fp_mask, 0);
	ae_study_release(&st);
	/* canonical values match case-insensitively; all six are allowed */
	const char *t3 = HEAD "false_positive = Misread,WRONG_STATE , unverified,confirmed,"
			      "stale_entry,not_actionable\n" READS;
	assert_int_equal(load("fp.ini", t3, &st, &err, path, sizeof path), AE_OK);
	assert_int_equal(st.fp_mask, (1u << DP_COUNT) - 1);
	ae_study_release(&st);
}

static void test_other_bad_values(void **state)
{
	(void)state;
	struct {
		const char *line, *word;
	} bad[] = {
		{"seed = -1", "seed"},
		{"seed = abc", "seed"},
		{"seed = 99999999999999999999999", "seed"},
		{"seed = 12x", "seed"},
		{"min_cell = -1", "min_cell"},
		{"min_cell = 2.5", "min_cell"},
		{"cost = -1", "cost"},
		{"cost = nan", "cost"},
		{"cost = inf", "cost"},
		{"cost = 1e", "cost"},
		{"max_reject_share = 1.5", "max_reject_share"},
		{"max_reject_share = -0.1", "max_reject_share"},
		{"max_reject_share = x", "max_reject_share"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char t[512];
		snprintf(t, sizeof t, HEAD "%s\n" READS, bad[i].line);
		expect_error(t, line_of(t, bad[i].line), bad[i].word, NULL);
	}
}

static void test_not_an_ini_line(void **state)
{
	(void)state;
	const char *t = HEAD "this line has no equals sign\n" READS;
	expect_error(t, line_of(t, "this line"), NULL);
}

static void test_missing_required_study_keys(void **state)
{
	(void)state;
	/* no line applies: the message names the file and the key */
	expect_error("[study]\nend = 2025-11-30\ntimezone = UTC\nseed = 1\n" READS, 0, "start", NULL);
	expect_error("[study]\nstart = 2025-03-01\ntimezone = UTC\nseed = 1\n" READS, 0, "end", NULL);
	expect_error("[study]\nstart = 2025-03-01\nend = 2025-11-30\nseed = 1\n" READS, 0, "timezone", NULL);
	expect_error("[study]\nstart = 2025-03-01\nend = 2025-11-30\ntimezone = UTC\n" READS, 0, "seed", NULL);
	expect_error("", 0, "start", NULL);
}

static void test_missing_reads_section(void **state)
{
	(void)state;
	expect_error(HEAD "[hits]\npath = hits.csv\n", 0, "reads", NULL);
	expect_error(HEAD, 0, "reads", NULL);
}

static void test_section_without_path(void **state)
{
	(void)state;
	expect_error(HEAD READS "[hits]\ndelimiter = tab\n", 0, "[hits]", "path", NULL);
	expect_error(HEAD "[reads]\ncolumn.plate = Plate\n", 0, "[reads]", "path", NULL);
	expect_error(HEAD READS "[cameras]\nmissing = -\n", 0, "[cameras]", "path", NULL);
	const char *t = HEAD "[reads]\npath =\n";
	expect_error(t, line_of(t, "path ="), "path", "[reads]", NULL);
}

/* An unknown section is an error even when it holds no keys (study.c: "strict:
 * an unknown section ... is an error naming it and its line"). */
static void test_empty_unknown_section(void **state)
{
	(void)state;
	const char *t = HEAD READS "[rejects]\n";
	expect_error(t, line_of(t, "[rejects]"), "rejects", NULL);
}

/* With two mistakes, the message must describe the line it names. */
static void test_first_error_message_matches_its_line(void **state)
{
	(void)state;
	const char *t = HEAD "colour = red\nflavour = sweet\n" READS;
	expect_error(t, line_of(t, "colour"), "colour", NULL);
	const char *t2 = HEAD "no equals sign here\nflavour = sweet\n" READS;
	ae_study st;
	ae_error err;
	char path[512], want[600];
	int rc = load("two.ini", t2, &st, &err, path, sizeof path);
	ae_study_release(&st);
	snprintf(want, sizeof want, "%s:%d:", path, line_of(t2, "no equals"));
	assert_int_equal(rc, AE_EUSAGE);
	assert_non_null(strstr(err.msg, want));
	if (strstr(err.msg, "flavour"))
		fail_msg("message \"%s\" names line %d but describes the 'flavour' key of line %d", err.msg,
			 line_of(t2, "no equals"), line_of(t2, "flavour"));
}

/* A long value (a long title, a deep relative path) is read whole, or refused
 * with a message naming its line; never cut silently, never blamed on another line. */
static void check_long_value(const char *text, const char *key_at, const char *title, const char *rel)
{
	ae_study st;
	ae_error err;
	char path[512], want[600];
	int rc = load("long.ini", text, &st, &err, path, sizeof path);
	if (rc == AE_OK) {
		int title_ok = !title || strcmp(st.title, title) == 0;
		int path_ok = !rel || strcmp(st.input[TB_READS].path_given, rel) == 0;
		size_t tl = strlen(st.title), pl = strlen(st.input[TB_READS].path_given);
		ae_study_release(&st);
		if (!title_ok || !path_ok)
			fail_msg("values cut silently: title %zu chars, path %zu chars", tl, pl);
		return;
	}
	ae_study_release(&st);
	snprintf(want, sizeof want, "%s:%d:", path, line_of(text, key_at));
	if (rc != AE_EUSAGE || !strstr(err.msg, want))
		fail_msg("a %zu-character line refused with \"%s\" (rc %d); expected \"%s\"",
			 strlen(title ? title : rel), err.msg, rc, want);
}

static void test_long_values_are_not_truncated(void **state)
{
	(void)state;
	char title[400], text[2048];
	memset(title, 'T', 300);
	title[300] = '\0';
	snprintf(text, sizeof text, HEAD "title = %s\n" READS, title);
	check_long_value(text, "title =", title, NULL);

	char rel[400];
	snprintf(rel, sizeof rel, "%s/%s/%s/reads.csv",
		 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		 "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
		 "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc");
	snprintf(text, sizeof text, HEAD "[reads]\npath = %s\n", rel);
	check_long_value(text, "path =", NULL, rel);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_study),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_delimiter_names_and_characters),
		cmocka_unit_test(test_missing_tokens_and_empty_format),
		cmocka_unit_test(test_paths_relative_to_study_folder),
		cmocka_unit_test(test_name_without_ini_suffix),
		cmocka_unit_test(test_missing_study_file),
		cmocka_unit_test(test_unknown_section),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_unknown_column_mapping),
		cmocka_unit_test(test_pop_column_mapping),
		cmocka_unit_test(test_acs_neighbourhoods_run),
		cmocka_unit_test(test_value_mapping_errors),
		cmocka_unit_test(test_key_given_twice),
		cmocka_unit_test(test_value_mapping_given_twice),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_end_before_start),
		cmocka_unit_test(test_end_equal_start_is_fine),
		cmocka_unit_test(test_bad_ci_method),
		cmocka_unit_test(test_confidence_out_of_range),
		cmocka_unit_test(test_bad_false_positive),
		cmocka_unit_test(test_other_bad_values),
		cmocka_unit_test(test_not_an_ini_line),
		cmocka_unit_test(test_missing_required_study_keys),
		cmocka_unit_test(test_missing_reads_section),
		cmocka_unit_test(test_section_without_path),
		cmocka_unit_test(test_empty_unknown_section),
		cmocka_unit_test(test_first_error_message_matches_its_line),
		cmocka_unit_test(test_long_values_are_not_truncated),
	};
	return cmocka_run_group_tests_name("study", tests, group_setup, group_teardown);
}
