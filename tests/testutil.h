/* testutil.h — the one helper header of the cmocka tests:
 * - float checks that print both values and the tolerance when they fail
 *   (cmocka 1.1.5 has no assert_double_equal): assert_close (relative, with
 *   an absolute floor near zero), assert_double_near (absolute),
 *   assert_double_cmp (an ordering such as lo <= hi);
 * - files: slurp_file, write_file, rm_tree;
 * - runs of a study in-process, always through ae_run (run.h): a committed
 *   study file (run_study, run_with), or a small study written into a fresh
 *   temporary folder (run_small, or study_write then run_go); the run's
 *   study, aggregate, metrics table, handover and accounting as fields of
 *   the helper's struct; assert_accounted; the hostile cases that run to the
 *   end (hostile_runnable); run_free. */
#ifndef AE_TESTUTIL_H
#define AE_TESTUTIL_H
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include "run.h"
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static inline int ae_close(double a, double b, double rel)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return fabs(a - b) <= rel * fmax(fabs(a), fabs(b)) || fabs(a - b) <= 1e-15;
}

#define assert_close(a, b, rel) \
	do { \
		double a_ = (a), b_ = (b); \
		if (!ae_close(a_, b_, (rel))) \
			fail_msg("%s = %.17g, expected %.17g (rel %.3g)", #a, a_, b_, (double)(rel)); \
	} while (0)

/* |a - b| <= tol (absolute); NaN is never near anything. */
#define assert_double_near(a, b, tol) \
	do { \
		double a_ = (a), b_ = (b), t_ = (tol); \
		if (!(fabs(a_ - b_) <= t_)) \
			fail_msg("%s = %.17g, expected %.17g (tolerance %.3g, off by %.3g)", #a, a_, b_, t_, \
				 fabs(a_ - b_)); \
	} while (0)

/* a op b for an ordering op (<, <=, >, >=), both values printed when not. */
#define assert_double_cmp(a, op, b) \
	do { \
		double a_ = (a), b_ = (b); \
		if (!(a_ op b_)) \
			fail_msg("%s %s %s does not hold: %.17g vs %.17g", #a, #op, #b, a_, b_); \
	} while (0)

/* A whole file as a string (NULL if it cannot be read); *n its length. */
static inline char *slurp_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)len + 1);
	size_t got = fread(b, 1, (size_t)len, f);
	b[got] = '\0';
	if (n)
		*n = got;
	fclose(f);
	return b;
}

/* A shell command, its stdout and stderr to DIR/stdout.txt and DIR/stderr.txt;
 * err (when given) gets the stderr. Its exit status, or -1. */
static inline int sh_in(const char *dir, const char *cmd, char *err, size_t errn)
{
	size_t n = strlen(cmd) + 2 * strlen(dir) + 64;
	char *full = malloc(n);
	snprintf(full, n, "{ %s ; } 2>%s/stderr.txt >%s/stdout.txt", cmd, dir, dir);
	int st = system(full);
	free(full);
	if (err) {
		char p[512];
		snprintf(p, sizeof p, "%s/stderr.txt", dir);
		char *e = slurp_file(p, NULL);
		snprintf(err, errn, "%s", e ? e : "");
		free(e);
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Writes text to a file. */
static inline void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}
/* Removes a file or a folder with everything in it (temporary test folders). */
static inline void rm_tree(const char *path)
{
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return;
	if (S_ISDIR(sb.st_mode)) {
		DIR *d = opendir(path);
		if (d) {
			struct dirent *e;
			while ((e = readdir(d)) != NULL) {
				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				char sub[4096];
				if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) < (int)sizeof sub)
					rm_tree(sub);
			}
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* ------------------------------------------------------------------ runs */

/* One run of a study through ae_run. The pointers are the run's read-only
 * views (run.h) and live until run_free: st from the start, a and acc once
 * ingest ran (also when it failed), t and h once analyse ran. */
typedef struct run {
	ae_run *run;      /* NULL when the study did not load */
	ae_run_options o; /* what it runs with; o.study is study[] */
	char study[512];  /* the study file */
	char dir[64];     /* a written study's temporary folder; "" for a committed study */
	int rc;           /* AE_OK, or the status of the first step that failed */
	ae_error err;     /* and its message */
	const ae_study *st;
	const ae_agg *a;
	const ae_table *t;
	const ae_handover *h;
	ae_accounting acc;
} run;

/* The tests' options: ae_run_options_init, then one thread (the two-thread
 * tests ask for two) and no PDF. */
static inline void run_options(ae_run_options *o, const char *study)
{
	ae_run_options_init(o);
	o->study = study;
	o->threads = 1;
	o->chromium = "none";
}

/* (Re)runs r->o from scratch: ae_run_new, ae_run_ingest, ae_run_analyse,
 * stopping at the first step that fails (r->rc and r->err). */
static inline int run_go(run *r)
{
	ae_run_free(r->run);
	r->run = NULL;
	r->st = NULL;
	r->a = NULL;
	r->t = NULL;
	r->h = NULL;
	memset(&r->acc, 0, sizeof r->acc);
	memset(&r->err, 0, sizeof r->err);
	r->o.study = r->study;
	r->rc = ae_run_new(&r->run, &r->o, &r->err);
	if (r->rc) {
		ae_run_free(r->run);
		r->run = NULL;
		return r->rc;
	}
	r->st = ae_run_study(r->run);
	r->rc = ae_run_ingest(r->run, &r->err);
	r->a = ae_run_agg(r->run);
	r->acc = ae_run_accounting(r->run);
	if (r->rc)
		return r->rc;
	r->rc = ae_run_analyse(r->run, &r->err);
	r->t = ae_run_table(r->run);
	r->h = ae_run_handover(r->run);
	return r->rc;
}

/* The study o->study names, with options o; r->rc says how it went. */
static inline int run_with(run *r, const ae_run_options *o)
{
	memset(r, 0, sizeof *r);
	r->o = *o;
	if (snprintf(r->study, sizeof r->study, "%s", o->study) >= (int)sizeof r->study)
		fail_msg("study path too long: %s", o->study);
	return run_go(r);
}

/* A committed study file to the metrics table; any error fails the test. */
static inline void run_study(run *r, const char *path)
{
	ae_run_options o;
	run_options(&o, path);
	if (run_with(r, &o))
		fail_msg("%s: %s", path, r->err.msg);
}

static const char *const STUDY_HEAD =
	"[study]\ntitle = t\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = America/Chicago\n"
	"seed = 1\nmax_reject_share = 1\n";

/* Writes a small study into a fresh temporary folder (r->dir) and sets r->o
 * to run it (run_options); runs nothing. extra: more [study] keys or
 * sections (starting with "[study]": it replaces STUDY_HEAD; a section
 * [TABLE] given in it names that table's path itself); the tables as CSV
 * text, NULL when absent. */
static inline void study_write(run *r, const char *extra, const char *reads, const char *hits, const char *outcomes,
			       const char *cameras, const char *hoods)
{
	memset(r, 0, sizeof *r);
	strcpy(r->dir, "/tmp/ae-test-XXXXXX");
	assert_non_null(mkdtemp(r->dir));
	char path[256], ini[8192];
	int own_head = extra && strncmp(extra, "[study]", 7) == 0;
	snprintf(ini, sizeof ini, "%s%s\n", own_head ? "" : STUDY_HEAD, extra ? extra : "");
	const char *texts[5] = {reads, hits, outcomes, cameras, hoods};
	const char *names[5] = {"reads", "hits", "outcomes", "cameras", "neighborhoods"};
	for (int i = 0; i < 5; i++) {
		if (!texts[i])
			continue;
		snprintf(path, sizeof path, "%s/%s.csv", r->dir, names[i]);
		write_file(path, texts[i]);
		char sec[128];
		snprintf(sec, sizeof sec, "[%s]", names[i]);
		if (!extra || !strstr(extra, sec)) {
			snprintf(sec, sizeof sec, "[%s]\npath = %s.csv\n", names[i], names[i]);
			strncat(ini, sec, sizeof ini - strlen(ini) - 1);
		}
	}
	snprintf(r->study, sizeof r->study, "%s/study.ini", r->dir);
	write_file(r->study, ini);
	run_options(&r->o, r->study);
}

/* study_write, then run_go; the study must load (else the test fails),
 * r->rc and r->err say how ingest and analyse went. */
static inline void run_small(run *r, const char *extra, const char *reads, const char *hits, const char *outcomes,
			     const char *cameras, const char *hoods)
{
	study_write(r, extra, reads, hits, outcomes, cameras, hoods);
	if (run_go(r) && !r->run)
		fail_msg("study: %s", r->err.msg);
}

/* Frees the run and removes a written study's folder. */
static inline void run_free(run *r)
{
	ae_run_free(r->run);
	r->run = NULL;
	if (r->dir[0])
		rm_tree(r->dir);
	r->dir[0] = '\0';
}

/* Every table: accepted + rejected + out of period = read. */
static inline void assert_accounted(const run *r)
{
	assert_non_null(r->a);
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *c = &r->acc.tables[t];
		if (c->accepted + c->rejected + c->out_of_period != c->read)
			fail_msg("table %d: %llu + %llu + %llu != %llu", t, (unsigned long long)c->accepted,
				 (unsigned long long)c->rejected, (unsigned long long)c->out_of_period,
				 (unsigned long long)c->read);
	}
}

/* The hostile cases that run to the end (the others stop before any record). */
static const char *const hostile_runnable[] =
	{"nul_byte",    "invalid_utf8",    "big_field",      "unterminated_quote", "concatenated_gzip",
	 "bom_crlf",    "ragged_rows",     "duplicate_ids",  "impossible_dates",   "dst_gap_overlap",
	 "coordinates", "population_zero", "integer_limits", "header_only"};
#define N_HOSTILE_RUNNABLE (sizeof hostile_runnable / sizeof hostile_runnable[0])
#endif
