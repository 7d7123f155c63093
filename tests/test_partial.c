/* test_partial.c — partial aggregates and their merge (partial.h): the
 * report of `merge` over the partials of a read log's shards is the report
 * of one run over the shards concatenated (one header, records in the order
 * given), and every bad partial is refused before anything is merged.
 *
 * What the tests show:
 * - the sample city's read log cut into its 12 months (shards whose
 *   concatenation is the unpacked year's log, byte for byte): 12 partials,
 *   merged, give metrics.csv and rejects.csv text identical to one run over
 *   the year, and the same accounting (counts per table and reason, vehicles,
 *   cameras); the manifest lists the 12 shards with their first lines;
 * - a partial made in two threads (split at any size) is the same file, byte
 *   for byte, as one made in one thread; the merge in two threads writes the
 *   same metrics; no plate of the shard (as written, or normalised) appears
 *   in its partial;
 * - a small study whose facts a merge could get wrong: a read id in both
 *   shards (the first shard's out-of-period read links the hit, as in one
 *   pass), a vehicle in both shards (counted once), a camera only in the
 *   second, a reject in the second at its line in the concatenation (counted
 *   by hand); and the same report as one run over the concatenation;
 * - the refusals, one test each, with the file named and the fix said: not a
 *   partial, another format version, another tool version, truncated,
 *   corrupt (checksum), another period, another study (time zone), another
 *   plate key, the same shard twice, another header spelling; no partials;
 * - a crafted partial (any byte changed, the checksum made to match) is
 *   refused or merged, never a crash, a hang or a sanitizer report;
 * - the command line: partial and merge write what run writes (every file but
 *   the manifest and the briefing's provenance line), a refused merge exits 2
 *   and writes nothing.
 * Temporary files live in a mkdtemp() folder under /tmp, removed at the end.
 * Runs from the repository root (needs build/alpr-eval-san for the CLI test). */
#include "testutil.h"
#include "hashtab.h"
#include <jansson.h>
#include "manifest.h"
#include "sha256.h"
#include "table.h"
#include <sys/wait.h>
#include <zlib.h>

#define BIN "build/alpr-eval-san"

static char tmp[64];       /* this binary's temporary folder */
static char sc_study[256]; /* the sample city, its read log the concatenated shards */
static char sc_shard[12][256];
static char sc_part[12][256]; /* their partials, made once */

/* ---------------------------------------------------------------- helpers */

static int sh(const char *cmd)
{
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int make_partial(const char *study, const char *reads, const char *out, int threads, ae_error *err)
{
	ae_run_options o;
	run_options(&o, study);
	o.reads = reads;
	o.threads = threads;
	o.split_min = 0; /* any plain shard is split between two threads */
	ae_run *r;
	int rc = ae_run_new(&r, &o, err);
	if (!rc)
		rc = ae_run_partial(r, out, err);
	ae_run_free(r);
	return rc;
}

/* metrics.csv and rejects.csv as text, and the accounting's counts. */
typedef struct texts {
	char *metrics, *rejects;
	ae_tablecount tables[TB_COUNT];
	uint64_t vehicles, cameras;
	size_t nshards;
	long first_line[12];
} texts;

static void texts_free(texts *x)
{
	free(x->metrics);
	free(x->rejects);
	memset(x, 0, sizeof *x);
}

/* One run over the study's read log (partials NULL), or the merge of partials. */
static int report(const char *study, const char *const *partials, size_t n, int threads, texts *x, ae_error *err)
{
	memset(x, 0, sizeof *x);
	ae_run_options o;
	run_options(&o, study);
	o.threads = threads;
	o.split_min = 0;
	ae_run *r;
	int rc = ae_run_new(&r, &o, err);
	if (!rc)
		rc = partials ? ae_run_merge(r, partials, n, err) : ae_run_ingest(r, err);
	if (!rc)
		rc = ae_run_analyse(r, err);
	if (!rc) {
		ae_accounting acc = ae_run_accounting(r);
		size_t len;
		FILE *f = open_memstream(&x->metrics, &len);
		ae_table_write_csv(ae_run_table(r), f);
		fclose(f);
		f = open_memstream(&x->rejects, &len);
		ae_rejects_write(ae_run_study(r), &acc, f);
		fclose(f);
		for (int t = 0; t < TB_COUNT; t++) {
			x->tables[t] = acc.tables[t];
			x->tables[t].colnames = NULL;
		}
		x->vehicles = acc.vehicles;
		x->cameras = acc.cameras;
		x->nshards = acc.nshards;
		for (size_t i = 0; i < acc.nshards && i < 12; i++)
			x->first_line[i] = acc.shards[i].first_line;
	}
	ae_run_free(r);
	return rc;
}

static void assert_same_report(const texts *a, const texts *b)
{
	assert_non_null(a->metrics);
	assert_non_null(b->metrics);
	assert_string_equal(a->metrics, b->metrics);
	assert_string_equal(a->rejects, b->rejects);
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *p = &a->tables[t], *q = &b->tables[t];
		assert_int_equal(p->present, q->present);
		assert_int_equal(p->read, q->read);
		assert_int_equal(p->accepted, q->accepted);
		assert_int_equal(p->rejected, q->rejected);
		assert_int_equal(p->out_of_period, q->out_of_period);
		for (int k = 0; k < RJ_COUNT; k++)
			assert_int_equal(p->by_reason[k], q->by_reason[k]);
	}
	assert_int_equal(a->vehicles, b->vehicles);
	assert_int_equal(a->cameras, b->cameras);
}

static void expect_refusal(int rc, const ae_error *err, const char *file, const char *phrase)
{
	if (rc != AE_EUSAGE)
		fail_msg("rc %d (%s), expected a refusal (2) saying '%s'", rc, err->msg, phrase);
	if (!strstr(err->msg, file) || !strstr(err->msg, phrase))
		fail_msg("message '%s' does not name %s and say '%s'", err->msg, file, phrase);
}

/* A copy of a file with its bytes changed by fn. */
static void copy_with(const char *from, const char *to, void (*fn)(char *b, size_t *n))
{
	size_t n;
	char *b = slurp_file(from, &n);
	assert_non_null(b);
	fn(b, &n);
	FILE *f = fopen(to, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, n, f), n);
	fclose(f);
	free(b);
}

/* The trailer again: the SHA-256 of everything before it (a consistent file). */
static void reseal(char *b, size_t n)
{
	ae_sha256 *h = ae_sha256_new();
	ae_sha256_update(h, b, n - 64);
	char hex[65];
	assert_int_equal(ae_sha256_final(h, hex), 0);
	ae_sha256_free(h);
	memcpy(b + n - 64, hex, 64);
}

/* ---------------------------------------------------------------- the sample city in 12 months */

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ae-partial-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	char cwd[1024];
	if (!getcwd(cwd, sizeof cwd))
		return -1;
	/* the year's log, unpacked; each record to the month of its timestamp
	 * (UTC, as written), a record without one to the month before it */
	gzFile gz = gzopen("data-samples/sample-city/reads.csv.gz", "rb");
	if (!gz)
		return -1;
	char path[512], line[4096], header[4096] = "";
	snprintf(path, sizeof path, "%s/year.csv", tmp);
	FILE *year = fopen(path, "wb");
	FILE *out[12];
	for (int m = 0; m < 12; m++) {
		snprintf(sc_shard[m], sizeof sc_shard[m], "%s/reads-2025-%02d.csv", tmp, m + 1);
		snprintf(sc_part[m], sizeof sc_part[m], "%s/reads-2025-%02d.part", tmp, m + 1);
		out[m] = fopen(sc_shard[m], "wb");
	}
	int cur = 0;
	while (gzgets(gz, line, sizeof line)) {
		fputs(line, year);
		if (!header[0]) {
			snprintf(header, sizeof header, "%s", line);
			for (int m = 0; m < 12; m++)
				fputs(header, out[m]);
			continue;
		}
		const char *ts = strchr(line, ',');
		int y, mo;
		if (ts && sscanf(ts + 1, "%4d-%2d", &y, &mo) == 2) {
			int k = y < 2025 ? 0 : y > 2025 ? 11 : mo >= 1 && mo <= 12 ? mo - 1 : cur;
			if (k > cur)
				cur = k;
		}
		fputs(line, out[cur]);
	}
	gzclose(gz);
	fclose(year);
	for (int m = 0; m < 12; m++)
		fclose(out[m]);
	/* the study: the sample city's, its read log the shards concatenated */
	snprintf(path, sizeof path, "%s/cat.csv", tmp);
	FILE *cat = fopen(path, "wb");
	for (int m = 0; m < 12; m++) {
		FILE *f = fopen(sc_shard[m], "rb");
		int first = 1;
		while (fgets(line, sizeof line, f)) {
			if (!first || m == 0)
				fputs(line, cat);
			first = 0;
		}
		fclose(f);
	}
	fclose(cat);
	size_t n;
	char *ini = slurp_file("analysis/sample-city.ini", &n);
	if (!ini)
		return -1;
	snprintf(sc_study, sizeof sc_study, "%s/study.ini", tmp);
	FILE *f = fopen(sc_study, "wb");
	for (char *s = strtok(ini, "\n"); s; s = strtok(NULL, "\n")) {
		if (strstr(s, "reads.csv.gz"))
			fprintf(f, "path = %s/cat.csv\n", tmp);
		else if (strncmp(s, "path = ../", 10) == 0 || strncmp(s, "boundaries = ../", 16) == 0)
			fprintf(f, "%.*s%s/%s\n", (int)(strchr(s, '.') - s), s, cwd, s + (strchr(s, '.') - s) + 3);
		else
			fprintf(f, "%s\n", s);
	}
	fclose(f);
	free(ini);
	for (int m = 0; m < 12; m++) {
		ae_error err = {0, ""};
		if (make_partial(sc_study, sc_shard[m], sc_part[m], 1, &err)) {
			fprintf(stderr, "partial %d: %s\n", m + 1, err.msg);
			return -1;
		}
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rm_tree(tmp);
	return 0;
}

static void test_shards_are_the_year(void **state)
{
	(void)state;
	char a[512], b[512];
	snprintf(a, sizeof a, "%s/year.csv", tmp);
	snprintf(b, sizeof b, "%s/cat.csv", tmp);
	size_t na, nb;
	char *x = slurp_file(a, &na), *y = slurp_file(b, &nb);
	assert_non_null(x);
	assert_non_null(y);
	assert_true(na > 1000000);
	assert_int_equal(na, nb);
	assert_memory_equal(x, y, na);
	free(x);
	free(y);
	/* every month has records */
	for (int m = 0; m < 12; m++) {
		size_t n;
		char *s = slurp_file(sc_shard[m], &n);
		assert_true(n > 100000);
		free(s);
	}
}

static void test_months_merge_as_one_run(void **state)
{
	(void)state;
	texts one, merged;
	ae_error err = {0, ""};
	if (report(sc_study, NULL, 0, 1, &one, &err))
		fail_msg("one run: %s", err.msg);
	const char *files[12];
	for (int m = 0; m < 12; m++)
		files[m] = sc_part[m];
	if (report(sc_study, files, 12, 1, &merged, &err))
		fail_msg("merge: %s", err.msg);
	assert_same_report(&one, &merged);
	assert_true(one.tables[TB_READS].read == 150000);
	assert_true(one.tables[TB_READS].rejected > 0); /* the rejects' lines are compared too */
	/* the study's read log is there and is the shards': the merge read it as one run does */
	assert_int_equal(merged.nshards, 0);
	assert_int_equal(merged.tables[TB_READS].bytes, one.tables[TB_READS].bytes);
	assert_int_equal(merged.tables[TB_READS].lines, one.tables[TB_READS].lines);
	assert_string_equal(merged.tables[TB_READS].sha256, one.tables[TB_READS].sha256);
	texts_free(&merged);
	/* without it (a federated merge) the shards stand: their first lines in the merged log
	 * are 2, then each shard's records after */
	char cat[512], away[512];
	snprintf(cat, sizeof cat, "%s/cat.csv", tmp);
	snprintf(away, sizeof away, "%s/cat.away", tmp);
	assert_int_equal(rename(cat, away), 0);
	int mrc = report(sc_study, files, 12, 1, &merged, &err);
	assert_int_equal(rename(away, cat), 0);
	if (mrc)
		fail_msg("merge without the study's read log: %s", err.msg);
	assert_same_report(&one, &merged);
	assert_string_not_equal(merged.tables[TB_READS].sha256, one.tables[TB_READS].sha256);
	assert_int_equal(merged.nshards, 12);
	long line = 2;
	for (int m = 0; m < 12; m++) {
		assert_int_equal(merged.first_line[m], line);
		size_t n;
		char *s = slurp_file(sc_shard[m], &n);
		for (size_t i = 0; i < n; i++)
			line += s[i] == '\n';
		line -= 1; /* its header */
		free(s);
	}
	texts_free(&one);
	texts_free(&merged);
}

/* The whole report folder through the command line: one run over the sample city's year and the
 * merge of its 12 monthly partials, the year's file at hand: every file the same, byte for byte,
 * the manifest but for its output line (PDFs off: they print report.html, compared here). */
static void test_sample_folder_is_one_run(void **state)
{
	(void)state;
	char cwd[512], cmd[8192];
	assert_non_null(getcwd(cwd, sizeof cwd));
	int k = snprintf(cmd, sizeof cmd,
			 "cd %s && export ALPR_EVAL_CHROMIUM=none && %s/" BIN
			 " -q run study.ini -o one >/dev/null && %s/" BIN " -q merge study.ini",
			 tmp, cwd, cwd);
	for (int m = 0; m < 12; m++)
		k += snprintf(cmd + k, sizeof cmd - (size_t)k, " %s", sc_part[m]);
	snprintf(cmd + k, sizeof cmd - (size_t)k,
		 " -o merged >/dev/null && diff -r -x manifest.json one merged && "
		 "grep -v '^  \"output\": ' one/manifest.json >one.m && "
		 "grep -v '^  \"output\": ' merged/manifest.json >merged.m && cmp one.m merged.m && "
		 "[ $(ls one | wc -l) -gt 20 ] && ! grep -q '\"shards\"' merged/manifest.json");
	assert_int_equal(sh(cmd), 0);
}

static void test_threads_same_partial(void **state)
{
	(void)state;
	ae_error err = {0, ""};
	char two[512];
	for (int m = 0; m < 12; m += 5) {
		snprintf(two, sizeof two, "%s/two-%02d.part", tmp, m + 1);
		if (make_partial(sc_study, sc_shard[m], two, 2, &err))
			fail_msg("%s", err.msg);
		size_t na, nb;
		char *a = slurp_file(sc_part[m], &na), *b = slurp_file(two, &nb);
		assert_int_equal(na, nb);
		assert_memory_equal(a, b, na);
		free(a);
		free(b);
		unlink(two);
	}
	const char *files[12];
	for (int m = 0; m < 12; m++)
		files[m] = sc_part[m];
	texts one, two_t;
	if (report(sc_study, files, 12, 1, &one, &err) || report(sc_study, files, 12, 2, &two_t, &err))
		fail_msg("%s", err.msg);
	assert_same_report(&one, &two_t);
	texts_free(&one);
	texts_free(&two_t);
}

static void upper_plate(const char *s, size_t n, char *out, size_t *on)
{
	*on = 0;
	for (size_t i = 0; i < n && *on < 63; i++) {
		char c = s[i];
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		out[(*on)++] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
	}
}

static void test_no_plate_in_partial(void **state)
{
	(void)state;
	for (int m = 0; m < 12; m += 11) {
		/* the plates of the shard (4th field), as written and normalised */
		ae_strtab *plates = ae_strtab_new();
		FILE *f = fopen(sc_shard[m], "rb");
		char line[4096];
		int first = 1;
		while (fgets(line, sizeof line, f)) {
			if (first) {
				first = 0;
				continue;
			}
			char *p = line;
			for (int k = 0; k < 3 && p; k++)
				p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL;
			if (!p)
				continue;
			size_t n = strcspn(p, ",\n"), un;
			char up[64];
			upper_plate(p, n, up, &un);
			if (un >= 4)
				ae_strtab_intern(plates, up, un, NULL);
		}
		fclose(f);
		assert_true(ae_strtab_count(plates) > 1000);
		/* every run of letters and digits in the partial, upper-cased */
		size_t n;
		char *b = slurp_file(sc_part[m], &n);
		size_t found = 0, runs = 0;
		for (size_t i = 0; i < n;) {
			size_t j = i;
			while (j < n && ((b[j] >= 'A' && b[j] <= 'Z') || (b[j] >= 'a' && b[j] <= 'z') ||
					 (b[j] >= '0' && b[j] <= '9')))
				j++;
			if (j - i >= 4) {
				char up[64];
				size_t un;
				upper_plate(b + i, j - i < 63 ? j - i : 63, up, &un);
				runs++;
				if (ae_strtab_find(plates, up, un) != UINT32_MAX)
					found++;
			}
			i = j > i ? j : i + 1;
		}
		assert_true(runs > 10); /* the scan saw text: names, hashes */
		assert_int_equal(found, 0);
		free(b);
		ae_strtab_free(plates);
	}
}

/* ---------------------------------------------------------------- a small study by hand */

static const char *const SHARD_A =
	"read_id,timestamp,camera_id,plate\n"
	"R1,2025-01-05T10:00:00Z,C1,AAA111\n"
	"R9,2024-12-31T12:00:00Z,C1,BBB222\n" /* 06:00 local: out of period */
	"R2,2025-02-01T10:00:00Z,C2,AAA111\n";
static const char *const SHARD_B =
	"read_id,timestamp,camera_id,plate\n"
	"R3,2025-03-01T10:00:00Z,C3,AAA111\n"
	"R9,2025-03-02T10:00:00Z,C1,BBB222\n"
	"R4,not-a-time,C1,CCC333\n"
	"R5,2025-04-01T10:00:00Z,C1,DDD444\n";
static const char *const HITS = "hit_id,read_id,timestamp,camera_id,plate,hotlist,disposition\n"
				"H1,R9,,,,stolen_plate,unverified\n"
				"H2,R5,,,,stolen_plate,unverified\n";

/* A small study (r->dir) whose read log is the two shards concatenated, the
 * shards beside it, and their partials; extra: more [study] keys. */
static void small_study(run *r, const char *extra, char a[256], char b[256], char pa[256], char pb[256])
{
	char cat[1024];
	snprintf(cat, sizeof cat, "%s%s", SHARD_A, strchr(SHARD_B, '\n') + 1);
	study_write(r, extra, cat, HITS, NULL, NULL, NULL);
	snprintf(a, 256, "%s/a.csv", r->dir);
	snprintf(b, 256, "%s/b.csv", r->dir);
	snprintf(pa, 256, "%s/a.part", r->dir);
	snprintf(pb, 256, "%s/b.part", r->dir);
	write_file(a, SHARD_A);
	write_file(b, SHARD_B);
	ae_error err = {0, ""};
	if (make_partial(r->study, a, pa, 1, &err) || make_partial(r->study, b, pb, 1, &err))
		fail_msg("%s", err.msg);
}

static void test_small_by_hand(void **state)
{
	(void)state;
	run r;
	char a[256], b[256], pa[256], pb[256];
	small_study(&r, NULL, a, b, pa, pb);
	const char *files[2] = {pa, pb};
	texts one, merged;
	ae_error err = {0, ""};
	if (report(r.study, NULL, 0, 1, &one, &err) || report(r.study, files, 2, 1, &merged, &err))
		fail_msg("%s", err.msg);
	assert_same_report(&one, &merged);
	/* by hand: 7 records, R4 rejected, the first R9 out of period */
	const ae_tablecount *rd = &merged.tables[TB_READS], *ht = &merged.tables[TB_HITS];
	assert_int_equal(rd->read, 7);
	assert_int_equal(rd->rejected, 1);
	assert_int_equal(rd->by_reason[RJ_BAD_TIMESTAMP], 1);
	assert_int_equal(rd->out_of_period, 1);
	assert_int_equal(rd->accepted, 5);
	/* H1 names R9: its first read (shard A, out of period) links it, as in one pass */
	assert_int_equal(ht->out_of_period, 1);
	assert_int_equal(ht->accepted, 1);
	/* AAA111 (both shards), BBB222, DDD444; cameras C1, C2 and C3 (only in B) */
	assert_int_equal(merged.vehicles, 3);
	assert_int_equal(merged.cameras, 3);
	/* R4: line 4 of shard B, the 3 records of A before it: line 7 */
	assert_non_null(strstr(merged.rejects, ",7,"));
	/* the study's read log is A then B: checked, it is the one read (test_cli: the shards'
	 * first lines when it is not there) */
	assert_int_equal(merged.nshards, 0);
	texts_free(&one);
	texts_free(&merged);
	/* the other order is another log: B's R9 then links H1 in period */
	const char *rev[2] = {pb, pa};
	if (report(r.study, rev, 2, 1, &merged, &err))
		fail_msg("%s", err.msg);
	/* and not the study's read log, so the shards stand */
	assert_int_equal(merged.nshards, 2);
	assert_int_equal(merged.tables[TB_HITS].accepted, 2);
	assert_int_equal(merged.tables[TB_HITS].out_of_period, 0);
	texts_free(&merged);
	run_free(&r);
}

/* ---------------------------------------------------------------- refusals */

static void refused(run *r, const char *const *files, size_t n, const char *file, const char *phrase)
{
	texts x;
	ae_error err = {0, ""};
	int rc = report(r->study, files, n, 1, &x, &err);
	texts_free(&x);
	expect_refusal(rc, &err, file, phrase);
}

static void test_refuse_not_a_partial(void **state)
{
	(void)state;
	run r;
	char a[256], b[256], pa[256], pb[256];
	small_study(&r, NULL, a, b, pa, pb);
	const char *files[2] = {pa, b}; /* the shard itself, not its partial */
	refused(&r, files, 2, b, "not an alpr-eval partial");
	char empty[300];
	snprintf(empty, sizeof empty, "%s/empty.part", r.dir);
	write_file(empty, "");
	files[1] = empty;
	refused(&r, files, 2, empty, "not an alpr-eval partial");
	refused(&r, files, 0, "", "at least one partial");
	run_free(&r);
}

static void set_format_99(char *b, size_t *n)
{
	(void)n;
	b[8] = 99;
}

static void test_refuse_format_version(void **state)
{
	(void)state;
	run r;
	char a[256], b[256], pa[256], pb[256], bad[300];
	small_study(&r, NULL, a, b, pa, pb);
	snprintf(bad, sizeof bad, "%s/v99.part", r.dir);
	copy_with(pb, bad, set_format_99);
	const char *files[2] = {pa, bad};
	refused(&r, files, 2, bad, "partial format version 99");
	run_free(&r);
}

static void set_tool_version(char *b, size_t *n)
{
	/* HEAD's first field, the version string, after the 24-byte header and the section's 12 */
	size_t at = 24 + 12 + 4;
	assert_int_equal(b[at - 4], (char)strlen(AE_VERSION));
	assert_memory_equal(b + at, AE_VERSION, strlen(AE_VERSION));
	b[at] = b[at] == '9' ? '8' : '9';
	reseal(b, *n);
}

static void test_refuse_tool_version(void **state)
{
	(void)state;
	run r;
	char a[256], b[256], pa[256], pb[256], bad[300];
	small_study(&r, NULL, a, b, pa, pb);
	snprintf(bad, sizeof bad, "%s/tool.part", r.dir);
	copy_with(pb, bad, set_tool_version);
	const char *files[2] = {pa, bad};
	refused(&r, files, 2, bad, "this is alpr-eval " AE_VERSION);
	run_free(&r);
}

static void cut_end(char *b, size_t *n)
{
	(void)b;
	*n -= 100;
}
static void cut_to_header(char *b, size_t *n)
{
	(void)b;
	*n = 30;
}

static void cut_in_header(char *b, size_t *n)
{
	(void)b;
	*n = 12;
}

static void test_refuse_truncated(void **state)
{
	(void)state;
	run r;
	char a[256], b[256], pa[256], pb[256], bad[300];
	small_study(&r, NULL, a, b, pa, pb);
	snprintf(bad, sizeof bad, "%s/cut.part", r.dir);
	const char *files[2] = {pa, bad};
	copy_with(pb, bad, cut_end);
	refused(&r, files, 2, bad, "truncated partial");
	copy_with(pb, bad, cut_to_header);
	refused(&r, files, 2, bad, "truncated partial");
	copy_with(pb, bad, cut_in_header);
	refused(&r, files, 2, bad, "truncated partial (12 bytes");
	run_free(&r);
}

static void flip_middle(char *b, size_t *n) { b[*n / 2] ^= 0x10; }

static void test_refuse_corrupt(void **state)
{
	(void)state;
	run r;
	char a[256], b[256], pa[256], pb[256], bad[300];
	small_study(&r, NULL, a, b, pa, pb);
	snprintf(bad, sizeof bad, "%s/flip.part", r.dir);
	copy_with(pb, bad, flip_middle);
	const char *files[2] = {pa, bad};
	refused(&r, files, 2, bad, "SHA-256 does not match");
	run_free(&r);
}

/* A partial of shard B made with another study (the same folder, keys changed). */
static void other_study_partial(run *r, const char *b, const char *extra, char *out, size_t n)
{
	char ini[400], study[400];
	snprintf(study, sizeof study, "%s/other.ini", r->dir);
	snprintf(ini, sizeof ini, "%s[reads]\npath = reads.csv\n[hits]\npath = hits.csv\n", extra);
	write_file(study, ini);
	snprintf(out, n, "%s/other.part", r->dir);
	ae_error err = {0, ""};
	if (make_partial(study, b, out, 1, &err))
		fail_msg("%s", err.msg);
}

static void test_refuse_other_period(void **state)
{
	(void)state;
	run r;
	char a[256], b[256], pa[256], pb[256], other[300];
	small_study(&r, NULL, a, b, pa, pb);
	other_study_partial(&r, b,
			    "[study]\ntitle = t\nstart = 2025-01-01\nend = 2025-06-30\ntimezone = America/Chicago\n"
			    "seed = 1\nmax_reject_share = 1\n",
			    other, sizeof other);
	const char *files[2] = {pa, other};
	refused(&r, files, 2, other, "made for the period 2025-01-01..2025-06-30");
	run_free(&r);
}

static void test_refuse_other_study(void **state)
{
	(void)state;
	run r;
	char a[256], b[256], pa[256], pb[256], other[300];
	small_study(&r, NULL, a, b, pa, pb);
	other_study_partial(&r, b,
			    "[study]\ntitle = t\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = America/New_York\n"
			    "seed = 1\nmax_reject_share = 1\n",
			    other, sizeof other);
	const char *files[2] = {pa, other};
	refused(&r, files, 2, other, "made from a different study");
	run_free(&r);
}

static void test_refuse_other_key(void **state)
{
	(void)state;
	run r;
	char a[256], b[256], pa[256], pb[256], other[300];
	small_study(&r, NULL, a, b, pa, pb);
	other_study_partial(&r, b,
			    "[study]\ntitle = t\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = America/Chicago\n"
			    "seed = 2\nmax_reject_share = 1\n",
			    other, sizeof other);
	const char *files[2] = {pa, other};
	refused(&r, files, 2, other, "different plate key");
	run_free(&r);
}

static void test_refuse_same_shard_twice(void **state)
{
	(void)state;
	run r;
	char a[256], b[256], pa[256], pb[256];
	small_study(&r, NULL, a, b, pa, pb);
	const char *files[3] = {pa, pb, pa};
	refused(&r, files, 3, pa, "is the same as");
	run_free(&r);
}

static void test_refuse_other_header(void **state)
{
	(void)state;
	run r;
	char a[256], b[256], pa[256], pb[256], c[300], pc[300];
	small_study(&r, NULL, a, b, pa, pb);
	snprintf(c, sizeof c, "%s/c.csv", r.dir);
	snprintf(pc, sizeof pc, "%s/c.part", r.dir);
	write_file(c, "read_id,timestamp,camera_id,PLATE\nR7,2025-05-01T10:00:00Z,C1,EEE555\n");
	ae_error err = {0, ""};
	if (make_partial(r.study, c, pc, 1, &err))
		fail_msg("%s", err.msg);
	const char *files[2] = {pa, pc};
	refused(&r, files, 2, pc, "header (PLATE) differs");
	run_free(&r);
}

/* Any byte of a partial changed and the checksum made to match (a crafted
 * file): refused as corrupt, or merged, never a crash or a hang. */
static void test_crafted_bytes(void **state)
{
	(void)state;
	run r;
	char a[256], b[256], pa[256], pb[256], bad[300];
	small_study(&r, NULL, a, b, pa, pb);
	snprintf(bad, sizeof bad, "%s/crafted.part", r.dir);
	size_t n;
	char *orig = slurp_file(pb, &n);
	assert_non_null(orig);
	int refusals = 0, tried = 0;
	/* every 4th byte, set to 0xff or with its low bit flipped in turn */
	for (size_t at = 24; at + 64 < n; at += 4) {
		char *c = malloc(n);
		memcpy(c, orig, n);
		c[at] = (char)((at / 4) % 2 ? 0xff : (uint8_t)c[at] ^ 0x01);
		reseal(c, n);
		FILE *f = fopen(bad, "wb");
		fwrite(c, 1, n, f);
		fclose(f);
		free(c);
		const char *files[2] = {pa, bad};
		texts x;
		ae_error err = {0, ""};
		int rc = report(r.study, files, 2, 1, &x, &err);
		texts_free(&x);
		if (rc != AE_OK && rc != AE_EUSAGE && rc != AE_EDATA)
			fail_msg("byte %zu: rc %d: %s", at, rc, err.msg);
		refusals += rc != AE_OK;
		tried++;
	}
	/* both happen: a changed count merges, a changed index or tag is refused */
	assert_true(tried > 50);
	assert_true(refusals > 0);
	assert_true(refusals < tried);
	free(orig);
	run_free(&r);
}

/* ---------------------------------------------------------------- the command line */

static void test_cli(void **state)
{
	(void)state;
	run r;
	char a[256], b[256], pa[256], pb[256], cmd[8192];
	small_study(&r, NULL, a, b, pa, pb);
	/* the binary by its absolute path */
	char cwd[512];
	assert_non_null(getcwd(cwd, sizeof cwd));
	snprintf(cmd, sizeof cmd,
		 "cd %s && export ALPR_EVAL_CHROMIUM=none && %s/" BIN " -q run study.ini -o one >/dev/null && "
		 "%s/" BIN " -q partial study.ini --reads a.csv -o ca.part >/dev/null && "
		 "ALPR_EVAL_SPLIT_MIN=0 %s/" BIN " -q partial -j 2 study.ini --reads b.csv -o cb.part >/dev/null && "
		 "%s/" BIN " -q merge study.ini ca.part cb.part -o merged >/dev/null",
		 r.dir, cwd, cwd, cwd, cwd);
	assert_int_equal(sh(cmd), 0);
	/* the study's read log (reads.csv) is a.csv then b.csv's records: every file alike, the
	 * manifest but for its output folder */
	snprintf(cmd, sizeof cmd,
		 "cd %s && diff -r -x manifest.json one merged >/dev/null && "
		 "diff one/manifest.json merged/manifest.json | grep '^[<>]' >d.txt; "
		 "grep -c . d.txt | grep -qx 2 && grep -c '^[<>]   \"output\": ' d.txt | grep -qx 2",
		 r.dir);
	assert_int_equal(sh(cmd), 0);
	/* reads.csv away (a federated merge) or other bytes (a record more): the merge lists the
	 * shards, and the briefings differ from one run's in the read log's row and the paragraph
	 * that says it is the shards' */
	/* a study whose read log is a named pipe: the merge does not open it (it would wait for a
	 * writer) and lists the shards */
	snprintf(cmd, sizeof cmd,
		 "cd %s && mkfifo pipe.csv && sed 's|^path = reads.csv$|path = pipe.csv|' study.ini >pipe.ini && "
		 "grep -q '^path = pipe.csv$' pipe.ini && timeout 60 %s/" BIN
		 " -q merge pipe.ini ca.part cb.part -o mpipe >/dev/null && grep -q '\"shards\"' mpipe/manifest.json",
		 r.dir, cwd);
	assert_int_equal(sh(cmd), 0);
	for (int k = 0; k < 2; k++) {
		snprintf(cmd, sizeof cmd,
			 "cd %s && %s && %s/" BIN " -q merge study.ini ca.part cb.part -o merged%d >/dev/null; "
			 "rc=$?; %s; exit $rc",
			 r.dir,
			 k ? "cp reads.csv keep.csv && tail -n 1 reads.csv >>reads.csv" : "mv reads.csv keep.csv", cwd,
			 k, "mv keep.csv reads.csv");
		assert_int_equal(sh(cmd), 0);
		snprintf(cmd, sizeof cmd,
			 "cd %s && diff -r -x manifest.json -x report.html -x report.md -x '*.pdf' one merged%d "
			 ">/dev/null && "
			 "diff one/report.md merged%d/report.md | grep '^[<>]' | grep -v '^> $' | "
			 "grep -v '^> The read log was merged from 2 partials' | grep -c '^[<>] | reads |' | grep -qx 2 && "
			 "diff one/report.md merged%d/report.md | grep '^[<>]' | grep -c -v '^> $' | grep -qx 3 && "
			 "diff one/report.html merged%d/report.html | grep '^[<>]' | "
			 "grep -v '^> <p>The read log was merged from 2 partials' | grep -c '^[<>] <tr><td>reads<' | "
			 "grep -qx 2 && "
			 "diff one/report.html merged%d/report.html | grep -c '^[<>]' | grep -qx 3 && "
			 "grep -q '\"shards\"' merged%d/manifest.json",
			 r.dir, k, k, k, k, k, k);
		assert_int_equal(sh(cmd), 0);
	}
	/* the manifest: the study's read log, its shards in order, its SHA-256 that of theirs */
	char mpath[512];
	snprintf(mpath, sizeof mpath, "%s/merged0/manifest.json", r.dir);
	json_error_t je;
	json_t *m = json_load_file(mpath, 0, &je);
	assert_non_null(m);
	json_t *ins = json_object_get(m, "inputs"), *reads = NULL;
	for (size_t i = 0; i < json_array_size(ins); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(ins, i), "table")), "reads") == 0)
			reads = json_array_get(ins, i);
	assert_non_null(reads);
	json_t *shards = json_object_get(reads, "shards");
	assert_int_equal(json_array_size(shards), 2);
	const char *names[2] = {"a.csv", "b.csv"};
	long first[2] = {2, 5}, recs[2] = {3, 4};
	ae_sha256 *h = ae_sha256_new();
	uint64_t bytes = 0;
	for (int i = 0; i < 2; i++) {
		json_t *o = json_array_get(shards, (size_t)i);
		assert_string_equal(json_string_value(json_object_get(o, "path")), names[i]);
		assert_int_equal(json_integer_value(json_object_get(o, "first_line")), first[i]);
		assert_int_equal(json_integer_value(json_object_get(o, "records_read")), recs[i]);
		ae_filehash fh;
		ae_error e2 = {0, ""};
		snprintf(mpath, sizeof mpath, "%s/%s", r.dir, names[i]);
		assert_int_equal(ae_sha256_file(mpath, &fh, &e2), 0);
		assert_string_equal(json_string_value(json_object_get(o, "sha256")), fh.sha256);
		ae_sha256_update(h, fh.sha256, 64);
		ae_sha256_update(h, "\n", 1);
		bytes += fh.bytes;
	}
	char hex[65];
	assert_int_equal(ae_sha256_final(h, hex), 0);
	ae_sha256_free(h);
	assert_string_equal(json_string_value(json_object_get(reads, "sha256")), hex);
	assert_int_equal(json_integer_value(json_object_get(reads, "bytes")), bytes);
	assert_int_equal(json_integer_value(json_object_get(reads, "records_read")), 7);
	json_decref(m);
	/* a refused merge: exit 2, a one-line message naming the file, nothing written */
	snprintf(cmd, sizeof cmd,
		 "cd %s && %s/" BIN " -q merge study.ini ca.part ca.part -o refused 2>err.txt; echo $? >rc.txt", r.dir,
		 cwd);
	sh(cmd);
	char path[512];
	snprintf(path, sizeof path, "%s/rc.txt", r.dir);
	char *rc = slurp_file(path, NULL);
	assert_string_equal(rc, "2\n");
	free(rc);
	snprintf(path, sizeof path, "%s/err.txt", r.dir);
	char *msg = slurp_file(path, NULL);
	assert_non_null(strstr(msg, "ca.part: its read log (a.csv) is the same as ca.part's"));
	assert_int_equal(strchr(msg, '\n') - msg + 1, (long)strlen(msg));
	free(msg);
	snprintf(path, sizeof path, "%s/refused", r.dir);
	struct stat sb;
	assert_int_not_equal(stat(path, &sb), 0);
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shards_are_the_year),
		cmocka_unit_test(test_months_merge_as_one_run),
		cmocka_unit_test(test_sample_folder_is_one_run),
		cmocka_unit_test(test_threads_same_partial),
		cmocka_unit_test(test_no_plate_in_partial),
		cmocka_unit_test(test_small_by_hand),
		cmocka_unit_test(test_refuse_not_a_partial),
		cmocka_unit_test(test_refuse_format_version),
		cmocka_unit_test(test_refuse_tool_version),
		cmocka_unit_test(test_refuse_truncated),
		cmocka_unit_test(test_refuse_corrupt),
		cmocka_unit_test(test_refuse_other_period),
		cmocka_unit_test(test_refuse_other_study),
		cmocka_unit_test(test_refuse_other_key),
		cmocka_unit_test(test_refuse_same_shard_twice),
		cmocka_unit_test(test_refuse_other_header),
		cmocka_unit_test(test_crafted_bytes),
		cmocka_unit_test(test_cli),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
