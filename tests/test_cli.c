/* test_cli.c — the command line as a user meets it: exit codes, one-line
 * errors, byte-identical reruns, no partial report folder, and no plate
 * text anywhere in what the tool writes or says. Runs the sanitizer build
 * (build/alpr-eval-san) from the repository root. */
#define _GNU_SOURCE
#include "testutil.h"
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIN "build/alpr-eval-san"
static char tmp[64];

/* Runs a shell command; returns its exit status; captures stderr into err. */
static int sh(const char *cmd, char *err, size_t errn)
{
	char full[2048];
	snprintf(full, sizeof full, "%s 2>%s/stderr.txt >%s/stdout.txt", cmd, tmp, tmp);
	int st = system(full);
	if (err) {
		char p[128];
		snprintf(p, sizeof p, "%s/stderr.txt", tmp);
		FILE *f = fopen(p, "r");
		size_t n = f ? fread(err, 1, errn - 1, f) : 0;
		err[n] = '\0';
		if (f)
			fclose(f);
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#define EM "\xe2\x80\x94"

static char *slurp(const char *path, size_t *n) { return slurp_file(path, n); }

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ae-cli-XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[256];
	snprintf(cmd, sizeof cmd, "chmod -R u+w %s; rm -rf %s", tmp, tmp);
	return system(cmd) == 0 ? 0 : -1;
}

/* The tiny study, with its output redirected into tmp. */
static void tiny_study(const char *name, const char *out, const char *extra)
{
	char path[256], text[2048];
	snprintf(path, sizeof path, "%s/%s", tmp, name);
	snprintf(text, sizeof text,
		 "[study]\ntitle = Tiny study\nstart = 2025-03-01\nend = 2025-11-30\n"
		 "timezone = America/Chicago\nseed = 7\ncost = 1000\nmax_reject_share = 0.5\n"
		 "output = %s\n%s\n[reads]\npath = %s/tests/data/tiny/reads.csv\n"
		 "[hits]\npath = %s/tests/data/tiny/hits.csv\n[outcomes]\npath = %s/tests/data/tiny/outcomes.csv\n"
		 "[cameras]\npath = %s/tests/data/tiny/cameras.csv\n",
		 out, extra ? extra : "", getenv("PWD"), getenv("PWD"), getenv("PWD"), getenv("PWD"));
	write_file(path, text);
}

static void test_help_version_usage(void **state)
{
	(void)state;
	char err[4096];
	assert_int_equal(sh(BIN " --help", err, sizeof err), 0);
	/* every file a report folder can hold is described */
	char p[256];
	snprintf(p, sizeof p, "%s/stdout.txt", tmp);
	size_t n;
	char *help = slurp(p, &n);
	static const char *const outputs[] = {"metrics.csv ",    "metrics.json ",  "rejects.csv ", "manifest.json ",
					      "report.html ",    "report.md ",     "report.pdf ",  "chart-NAME.svg",
					      "chart-NAME.gp",   "chart-NAME.dat", "sharing.csv ", "crime_panel.csv ",
					      "crime_areas.csv "};
	for (size_t i = 0; i < sizeof outputs / sizeof outputs[0]; i++)
		if (!strstr(help, outputs[i]))
			fail_msg("--help does not describe %s", outputs[i]);
	free(help);
	/* and so does README's outputs table, each in a row of its own (.md beside .html) */
	char *readme = slurp("README.md", &n);
	char *table = strstr(readme, "## Outputs (the report folder)\n");
	assert_non_null(table);
	char *end = strstr(table + 3, "\n## ");
	if (end)
		*end = '\0';
	static const char *const rows[] =
		{"| `metrics.csv` |",
		 "| `metrics.json` |",
		 "| `rejects.csv` |",
		 "| `manifest.json` |",
		 "| `report.html`, `report.md` |",
		 "| `report.pdf` |",
		 "| `chart-NAME.svg`, `.png`, `.gp`, `.dat` |",
		 "| `sharing.csv` |",
		 "| `crime_panel.csv` |",
		 "| `crime_areas.csv` |"};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (!strstr(table, rows[i]))
			fail_msg("README's outputs table has no row %s", rows[i]);
	free(readme);
	assert_int_equal(sh(BIN " --version", err, sizeof err), 0);
	assert_int_equal(sh(BIN " version", err, sizeof err), 0);
	assert_int_equal(sh(BIN, err, sizeof err), 2);
	assert_int_equal(sh(BIN " frobnicate x.ini", err, sizeof err), 2);
	assert_non_null(strstr(err, "unknown command"));
	assert_int_equal(sh(BIN " run", err, sizeof err), 2);
	assert_int_equal(sh(BIN " run --bogus x.ini", err, sizeof err), 2);
}

static void test_study_errors_exit_2(void **state)
{
	(void)state;
	char err[4096], p[256], cmd[512];
	snprintf(p, sizeof p, "%s/bad.ini", tmp);
	write_file(p,
		   "[study]\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = UTC\nseed = 1\nbogus = 3\n[reads]\npath = r.csv\n");
	snprintf(cmd, sizeof cmd, BIN " run %s", p);
	assert_int_equal(sh(cmd, err, sizeof err), 2);
	/* one line naming the file, the line and the key */
	assert_non_null(strstr(err, "bad.ini:6: unknown key 'bogus'"));
	assert_int_equal((int)(strchr(err, '\n') - err) + 1, (int)strlen(err));
	write_file(p,
		   "[study]\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = Mars/Olympus\nseed = 1\n[reads]\npath = r.csv\n");
	assert_int_equal(sh(cmd, err, sizeof err), 2);
	assert_non_null(strstr(err, "Mars/Olympus"));
	snprintf(cmd, sizeof cmd, BIN " run %s/does-not-exist.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 2);
}

static void test_missing_input_exit_3(void **state)
{
	(void)state;
	char err[4096], p[256], cmd[512];
	snprintf(p, sizeof p, "%s/noinput.ini", tmp);
	write_file(p,
		   "[study]\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = UTC\nseed = 1\n[reads]\npath = nope.csv\n");
	snprintf(cmd, sizeof cmd, BIN " run %s", p);
	assert_int_equal(sh(cmd, err, sizeof err), 3);
	assert_non_null(strstr(err, "nope.csv: cannot open"));
}

/* A study of the search audit log alone (no read log) exits 0 with the whole report. */
static void test_searches_alone_exit_0(void **state)
{
	(void)state;
	char err[4096], cmd[512], p[256];
	snprintf(cmd, sizeof cmd,
		 "ALPR_EVAL_CHROMIUM=none " BIN " -q run --output %s/alone tests/data/tiny-searches/alone.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 0);
	static const char *const files[] = {"metrics.csv",   "metrics.json", "rejects.csv",
					    "manifest.json", "report.md",    "report.html"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(p, sizeof p, "%s/alone/%s", tmp, files[i]);
		if (access(p, R_OK) != 0)
			fail_msg("%s not written", p);
	}
	/* Audits, sharing and retention says what the missing inputs leave unanswered */
	snprintf(p, sizeof p, "%s/alone/report.md", tmp);
	size_t n;
	char *md = slurp(p, &n);
	assert_non_null(strstr(md, "## Audits, sharing and retention"));
	assert_non_null(strstr(md, "Not answered: the study has no sharing list"));
	assert_non_null(strstr(md, "is not answered: the study has no read log"));
	assert_non_null(strstr(md, "| 60 (policy) | " EM " | " EM " | " EM " | 23.08 % `[metrics.csv line "));
	free(md);
}

static void test_reject_threshold_exit_1_writes_nothing(void **state)
{
	(void)state;
	char err[8192], cmd[512], out[256];
	snprintf(out, sizeof out, "%s/strict-out", tmp);
	tiny_study("strict.ini", out, NULL);
	/* max_reject_share given twice would be an error: rewrite the study instead */
	char p[256];
	snprintf(p, sizeof p, "sed -i 's/max_reject_share = 0.5/max_reject_share = 0.01/' %s/strict.ini", tmp);
	assert_int_equal(system(p), 0);
	snprintf(cmd, sizeof cmd, BIN " run %s/strict.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 1);
	assert_non_null(strstr(err, "over max_reject_share"));
	assert_non_null(strstr(err, "reads.csv:5: column 'timestamp'"));
	struct stat sb;
	assert_int_not_equal(stat(out, &sb), 0);
	/* validate lists every reject on stdout and writes nothing */
	snprintf(cmd, sizeof cmd, BIN " validate %s/strict.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 1);
	snprintf(p, sizeof p, "%s/stdout.txt", tmp);
	size_t n;
	char *listed = slurp(p, &n);
	assert_non_null(strstr(listed, "file,line,column,reason\n"));
	assert_non_null(strstr(listed, "hits.csv,15,disposition,\"unknown value: 'maybe'; map it in [hits] with "
				       "value.disposition.<one of confirmed, misread, wrong_state, stale_entry, "
				       "not_actionable, unverified> = maybe\""));
	free(listed);
	assert_int_not_equal(stat(out, &sb), 0);
}

/* An unknown label that stops the run: the error names the study-file line
 * that maps it, and with that line the run goes through. */
static void test_unknown_label_error_names_the_fix(void **state)
{
	(void)state;
	char err[8192], cmd[768], p[256];
	snprintf(p, sizeof p, "%s/labels-reads.csv", tmp);
	write_file(p, "read_id,timestamp,camera_id,plate\nR1,2025-03-02T10:00:00Z,C1,AB1\n"
		      "R2,2025-03-02T11:00:00Z,C1,AB2\nR3,2025-03-02T12:00:00Z,C2,AB3\n");
	snprintf(p, sizeof p, "%s/labels-hits.csv", tmp);
	write_file(p, "hit_id,read_id,hotlist,Status\nH1,R1,stolen_vehicle,confirmed\nH2,R2,stolen_vehicle,Rejected\n"
		      "H3,R3,registration,Rejected\n");
	for (int mapped = 0; mapped < 2; mapped++) {
		snprintf(p, sizeof p, "%s/labels.ini", tmp);
		char text[1024];
		snprintf(text, sizeof text,
			 "[study]\nstart = 2025-03-01\nend = 2025-03-31\ntimezone = America/Chicago\nseed = 7\n"
			 "output = %s/labels-out\n[reads]\npath = labels-reads.csv\n[hits]\npath = labels-hits.csv\n"
			 "column.disposition = Status\n%s",
			 tmp, mapped ? "value.disposition.misread = Rejected\n" : "");
		write_file(p, text);
		snprintf(cmd, sizeof cmd, "ALPR_EVAL_CHROMIUM=none " BIN " run %s", p);
		int rc = sh(cmd, err, sizeof err);
		if (mapped) {
			if (rc != 0)
				fail_msg("mapped: exit %d: %s", rc, err);
			break;
		}
		assert_int_equal(rc, 1);
		/* the last line of stderr is the error */
		const char *want =
			"labels-hits.csv: 2 of 3 records rejected, over max_reject_share 0.01; 2 unknown "
			"labels, the first 'Rejected': map it in [hits] with value.disposition.<one of confirmed, "
			"misread, wrong_state, stale_entry, not_actionable, unverified> = Rejected; nothing "
			"written";
		if (!strstr(err, want))
			fail_msg("stderr lacks \"%s\":\n%s", want, err);
		/* the reject lines before it say the same, with the header's spelling of the column */
		assert_non_null(strstr(err, "labels-hits.csv:3: column 'Status': unknown value: 'Rejected'; map it in "
					    "[hits] with value.disposition.<one of "));
	}
}

static void test_reruns_byte_identical(void **state)
{
	(void)state;
	char err[8192], cmd[512], a[256], b[256];
	snprintf(a, sizeof a, "%s/out-a", tmp);
	snprintf(b, sizeof b, "%s/out-b", tmp);
	tiny_study("a.ini", a, NULL);
	snprintf(cmd, sizeof cmd, BIN " run %s/a.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 0);
	/* the same study file, run again into another folder (output differs only there) */
	char mv[1200];
	snprintf(mv, sizeof mv, "mv %s %s && " BIN " -q run %s/a.ini", a, b, tmp);
	assert_int_equal(sh(mv, err, sizeof err), 0);
	assert_string_equal(err, ""); /* --quiet: nothing on stderr */
	static const char *const files[] = {"metrics.csv", "metrics.json", "rejects.csv", "manifest.json"};
	for (int i = 0; i < 4; i++) {
		char pa[300], pb[300];
		snprintf(pa, sizeof pa, "%s/%s", a, files[i]);
		snprintf(pb, sizeof pb, "%s/%s", b, files[i]);
		size_t na, nb;
		char *x = slurp(pa, &na), *y = slurp(pb, &nb);
		assert_non_null(x);
		assert_non_null(y);
		assert_int_equal(na, nb);
		assert_memory_equal(x, y, na);
		free(x);
		free(y);
	}
}

static void test_unwritable_output_keeps_previous(void **state)
{
	(void)state;
	char err[8192], cmd[1024], out[256], parent[256];
	snprintf(parent, sizeof parent, "%s/ro", tmp);
	snprintf(out, sizeof out, "%s/ro/report", tmp);
	tiny_study("ro.ini", out, NULL);
	snprintf(cmd, sizeof cmd, BIN " -q run %s/ro.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 0);
	/* A write that fails part-way (file-size limit, as on a full disk): exit 3,
	 * no temporary folder left, the previous report intact. Works as root too. */
	snprintf(cmd, sizeof cmd, "ulimit -f 2; " BIN " -q run %s/ro.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 3);
	assert_non_null(strstr(err, "write failed"));
	char p0[300];
	snprintf(p0, sizeof p0, "%s/metrics.csv", out);
	size_t n0;
	char *prev = slurp(p0, &n0);
	assert_non_null(prev);
	assert_true(n0 > 2048);
	free(prev);
	snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 1", parent);
	assert_int_equal(system(cmd), 0);
	if (geteuid() == 0)
		return; /* root ignores permissions */
	snprintf(cmd, sizeof cmd, "chmod a-w %s", parent);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof cmd, BIN " -q run %s/ro.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 3);
	char p[300];
	snprintf(p, sizeof p, "%s/metrics.csv", out);
	struct stat sb;
	assert_int_equal(stat(p, &sb), 0); /* the previous report is intact */
}

static void test_no_partial_folder_left(void **state)
{
	(void)state;
	char err[8192], cmd[512], out[256];
	snprintf(out, sizeof out, "%s/clean/report", tmp);
	tiny_study("clean.ini", out, NULL);
	snprintf(cmd, sizeof cmd, BIN " -q run %s/clean.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 0);
	assert_int_equal(sh(cmd, err, sizeof err), 0); /* replaces the previous one */
	char d[300];
	snprintf(d, sizeof d, "%s/clean", tmp);
	DIR *dir = opendir(d);
	assert_non_null(dir);
	struct dirent *e;
	int entries = 0;
	while ((e = readdir(dir)))
		if (e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")))
			entries++;
	closedir(dir);
	assert_int_equal(entries, 1); /* only "report": no .tmp or .old folder */
}

static void test_failed_chart_leaves_previous_report(void **state)
{
	(void)state;
	char err[8192], cmd[1024], out[256], parent[256];
	snprintf(parent, sizeof parent, "%s/charts", tmp);
	snprintf(out, sizeof out, "%s/charts/report", tmp);
	tiny_study("charts.ini", out, NULL);
	snprintf(cmd, sizeof cmd, BIN " -q run %s/charts.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 0);
	/* gnuplot missing: one line naming it, exit 3, nothing half-written */
	snprintf(cmd, sizeof cmd, "ALPR_EVAL_GNUPLOT=/nonexistent/gnuplot " BIN " -q run %s/charts.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 3);
	assert_non_null(strstr(err, "gnuplot is needed for the charts but was not found"));
	snprintf(cmd, sizeof cmd,
		 "test $(ls -A %s | wc -l) -eq 1 && test -s %s/metrics.csv && test -s %s/chart-funnel.svg", parent, out,
		 out);
	assert_int_equal(system(cmd), 0);
}

/* The read log may be standard input (path = -) or a named pipe: a
 * generator or zcat streams into a study with no file on disk. Same figures
 * as the file itself; the manifest hashes the stream. */
static void test_read_log_from_a_pipe(void **state)
{
	(void)state;
	char err[8192], cmd[2048];
	const char *pwd = getenv("PWD");
	snprintf(cmd, sizeof cmd,
		 "cd %s && mkdir -p pipe && cd pipe && "
		 "sed -e 's|^path = reads.csv|path = -|' -e 's|^path = \\(.*\\)\\.csv|path = %s/tests/data/tiny/\\1.csv|' %s/tests/data/tiny/study.ini > stdin.ini && "
		 "sed -e 's|^path = reads.csv|path = fifo|' -e 's|^path = \\([a-z]*\\)\\.csv|path = %s/tests/data/tiny/\\1.csv|' %s/tests/data/tiny/study.ini > fifo.ini && "
		 "printf 'output = %s/pipe/out-file\\n' > /dev/null && "
		 "cp %s/tests/data/tiny/study.ini file.ini && sed -i 's|^path = \\(.*\\)|path = %s/tests/data/tiny/\\1|' file.ini && "
		 "%s/" BIN " -q run file.ini && "
		 "%s/" BIN " -q run stdin.ini < %s/tests/data/tiny/reads.csv && "
		 "mkfifo fifo && (cat %s/tests/data/tiny/reads.csv > fifo &) && %s/" BIN " -q run fifo.ini && "
		 "cmp reports/file/metrics.csv reports/stdin/metrics.csv && cmp reports/file/metrics.csv reports/fifo/metrics.csv && "
		 "grep -q f673a5b773412bc60f3e2083eb0e082ab878467d74133f7f58f73c60bf264720 reports/stdin/manifest.json",
		 tmp, pwd, pwd, pwd, pwd, tmp, pwd, pwd, pwd, pwd, pwd, pwd, pwd);
	if (sh(cmd, err, sizeof err) != 0)
		fail_msg("%s", err);
}

/* SIGTERM or SIGINT in the middle of a run (while it waits on a read log
 * that is a pipe): a clear message, exit 128 + signal, no temporary folder
 * left, the previous report untouched (tests/interrupt_case.sh). */
static void interrupted(int sig, int want)
{
	char err[8192], cmd[1024];
	snprintf(cmd, sizeof cmd, "tests/interrupt_case.sh " BIN " %s/sig%d %d %d", tmp, sig, sig, want);
	if (sh(cmd, err, sizeof err) != 0)
		fail_msg("signal %d: %s", sig, err);
}

static void test_sigterm_and_sigint_leave_previous_report(void **state)
{
	(void)state;
	interrupted(15, 143);
	interrupted(2, 130);
}

/* Marked plates through every input and error path: never in an output or
 * a message (tests/leak_case.sh). */
static void test_marked_plates_never_leak(void **state)
{
	(void)state;
	char err[8192], cmd[512];
	snprintf(cmd, sizeof cmd, "tests/leak_case.sh " BIN " %s/leak-marker", tmp);
	if (sh(cmd, err, sizeof err) != 0)
		fail_msg("%s", err);
}

/* A committed sample briefing is what the tool makes now: every tracked file
 * of reports/NAME (PNGs aside: their pixels depend on the font rasteriser) is
 * compared with a fresh run of analysis/NAME.ini, byte for byte; manifest.json
 * without its "outputs" entries for PNGs and PDFs, for the same reason (a PDF
 * depends on the Chromium version, and is absent without one). */
static void committed_report_matches(const char *name, int min_files)
{
	char err[8192], cmd[256];
	if (sh("git rev-parse --is-inside-work-tree", err, sizeof err) != 0)
		fail_msg("not a git checkout: cannot read the committed briefing");
	snprintf(cmd, sizeof cmd, BIN " -q run analysis/%s.ini", name);
	assert_int_equal(sh(cmd, err, sizeof err), 0);
	char script[256], bash[300], text[2048];
	snprintf(script, sizeof script, "%s/compare.sh", tmp);
	snprintf(text, sizeof text,
		 "portable() { case $1 in */manifest.json) /usr/bin/python3 -c 'import json, sys\n"
		 "m = json.load(sys.stdin)\n"
		 "if \"outputs\" in m: m[\"outputs\"] = [o for o in m[\"outputs\"] if not "
		 "o[\"file\"].endswith((\".png\", \".pdf\"))]\n"
		 "json.dump(m, sys.stdout, indent=1)' ;; *) cat ;; esac; }\n"
		 "n=0\n"
		 "for f in $(git ls-files 'reports/%s/*' | grep -v '[.]png$'); do\n"
		 "  git show HEAD:$f | portable $f >%s/committed && portable $f <$f >%s/fresh &&"
		 " cmp -s %s/committed %s/fresh ||"
		 " { echo \"differs: $f\" >&2; exit 1; }\n"
		 "  n=$((n+1))\n"
		 "done\n"
		 "test $n -ge %d || { echo \"only $n committed files\" >&2; exit 1; }\n",
		 name, tmp, tmp, tmp, tmp, min_files);
	write_file(script, text);
	snprintf(bash, sizeof bash, "bash %s", script);
	int rc = sh(bash, err, sizeof err);
	if (rc)
		fail_msg("%s", err);
}

static void test_committed_sample_briefing_matches_a_fresh_run(void **state)
{
	(void)state;
	committed_report_matches("sample-city", 20);
	committed_report_matches("sample-city-crime", 15);
}

/* Every normalised plate of the tiny inputs, at least 4 characters long. */
static int plates(char out[][32], int max)
{
	FILE *f = fopen("tests/data/tiny/reads.csv", "r");
	assert_non_null(f);
	char line[1024];
	int n = 0;
	assert_non_null(fgets(line, sizeof line, f));
	while (fgets(line, sizeof line, f) && n < max) {
		/* reads.csv: read_id,timestamp,camera_id,plate,... */
		char *p = line;
		for (int k = 0; k < 3 && p; k++)
			p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL;
		if (!p)
			continue;
		char *q = strchr(p, ',');
		if (!q)
			continue;
		int k = 0;
		for (; p < q && k < 31; p++)
			if (*p != ' ' && *p != '-' && *p != '"')
				out[n][k++] = (char)toupper((unsigned char)*p);
		out[n][k] = '\0';
		if (k >= 4)
			n++;
	}
	fclose(f);
	return n;
}

static void test_no_plate_in_any_output(void **state)
{
	(void)state;
	char err[16384], cmd[512], out[256];
	snprintf(out, sizeof out, "%s/leak", tmp);
	tiny_study("leak.ini", out, NULL);
	snprintf(cmd, sizeof cmd, BIN " run %s/leak.ini", tmp);
	assert_int_equal(sh(cmd, err, sizeof err), 0);
	static char pl[256][32];
	int np = plates(pl, 256);
	assert_true(np >= 10);
	/* every file the run wrote (tables, manifest, charts, scripts, data, briefing), then stderr */
	DIR *d = opendir(out);
	assert_non_null(d);
	struct dirent *e;
	int nfiles = 0;
	for (;;) {
		char p[600];
		char *text;
		size_t n;
		const char *what;
		e = readdir(d);
		if (e) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(p, sizeof p, "%s/%s", out, e->d_name);
			text = slurp(p, &n);
			what = e->d_name;
			nfiles++;
		} else {
			text = strdup(err);
			what = "stderr";
		}
		assert_non_null(text);
		for (char *c = text; *c; c++)
			*c = (char)toupper((unsigned char)*c);
		for (int k = 0; k < np; k++)
			if (strstr(text, pl[k]))
				fail_msg("plate %s appears in %s", pl[k], what);
		free(text);
		if (!e)
			break;
	}
	closedir(d);
	assert_true(nfiles >= 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_version_usage),
		cmocka_unit_test(test_study_errors_exit_2),
		cmocka_unit_test(test_missing_input_exit_3),
		cmocka_unit_test(test_searches_alone_exit_0),
		cmocka_unit_test(test_reject_threshold_exit_1_writes_nothing),
		cmocka_unit_test(test_unknown_label_error_names_the_fix),
		cmocka_unit_test(test_reruns_byte_identical),
		cmocka_unit_test(test_unwritable_output_keeps_previous),
		cmocka_unit_test(test_no_partial_folder_left),
		cmocka_unit_test(test_failed_chart_leaves_previous_report),
		cmocka_unit_test(test_committed_sample_briefing_matches_a_fresh_run),
		cmocka_unit_test(test_read_log_from_a_pipe),
		cmocka_unit_test(test_sigterm_and_sigint_leave_previous_report),
		cmocka_unit_test(test_marked_plates_never_leak),
		cmocka_unit_test(test_no_plate_in_any_output),
	};
	return cmocka_run_group_tests_name("cli", tests, setup, teardown);
}
