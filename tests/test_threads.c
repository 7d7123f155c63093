/* test_threads.c — the read log parsed in two threads (ae_run_options
 * threads 2, split_min 0: any plain read log is split; ae_csv_split) gives
 * exactly what one thread gives.
 *
 * What the tests show:
 * - every study of the corpus (hand-made, samples, the hostile cases that run
 *   to the end, and the sample city with its read log unpacked to a plain
 *   file, so that it is really split) gives, with one thread and with two
 *   threads split at any size, the same aggregate — table counts and counts
 *   per reason, every reject, every vehicle, camera and area in index order
 *   with its counts, the month, day and day x area counts, every hit's link —
 *   and the same metrics rows, bit for bit; every plain read log is really
 *   split (csvin says where, and the second thread reads the file: pread is
 *   wrapped below to see it), the gzip and header-only ones are not;
 * - a study crafted so the split falls between records, with a read id in
 *   both halves, a hit linked by plate + camera + time to a second-half read,
 *   a vehicle read in both halves, a camera and an area seen only in the
 *   second half, a reject in the second half and a quote left open at the end
 *   of the file: the facts a merge could get wrong hold (first read of a
 *   repeated id wins, vehicles counted once, true physical lines);
 * - csvin on its own: records handed to the two users, their lines moved by
 *   ae_csv_split_lines, are the one-thread records, at the first line start
 *   after the middle byte (also without a final newline, and with a quote
 *   left open at the end); the split is given up (-1, every record to the
 *   first user) when a quoted field or an unfinished header spans the split
 *   point — a one-line header longer than half the file is finished there, so
 *   the split is made right after it; no split for gzip or files smaller than
 *   min_bytes (a file of exactly min_bytes is split);
 * - the command line: -j 1 and -j 2 (ALPR_EVAL_SPLIT_MIN=0) write the same
 *   report files byte for byte; -j 3 and a -j without a value exit 2; SIGINT
 *   and SIGTERM stop a two-thread run at once, leaving nothing behind.
 * Temporary files live in a mkdtemp() folder under /tmp, removed at the end.
 * Runs from the repository root (needs build/alpr-eval-san for the CLI test). */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "testutil.h"
#include "csvin.h"
#include "hashtab.h"
#include <dirent.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <gsl/gsl_errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#define BIN "build/alpr-eval-san"

static char tmp[64];       /* this binary's temporary folder */
static char sc_study[256]; /* the sample city, its read log a plain file */
static char sc_reads[256];

/* ---------------------------------------------------------------- helpers */

/* The second part of a split read log reads the file with pread in its own
 * thread. pread is wrapped here to count calls from any thread but the one
 * running the tests, so an in-process run shows its second thread ran. */
typedef ssize_t (*pread_fn)(int, void *, size_t, off_t);
static pread_fn real_pread;
static pthread_t test_thread;
static atomic_long other_thread_preads;

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	if (!real_pread)
		real_pread = (pread_fn)dlsym(RTLD_NEXT, "pread");
	if (!pthread_equal(pthread_self(), test_thread))
		atomic_fetch_add(&other_thread_preads, 1);
	return real_pread(fd, buf, n, off);
}

static int sh(const char *cmd)
{
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The sample-city study with absolute paths, its read log unpacked by zcat. */
static int group_setup(void **state)
{
	(void)state;
	test_thread = pthread_self();
	real_pread = (pread_fn)dlsym(RTLD_NEXT, "pread");
	if (!real_pread)
		return -1;
	strcpy(tmp, "/tmp/ae-threads-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	char cwd[1024], cmd[1024];
	if (!getcwd(cwd, sizeof cwd))
		return -1;
	snprintf(sc_reads, sizeof sc_reads, "%s/sc-reads.csv", tmp);
	snprintf(cmd, sizeof cmd, "zcat data-samples/sample-city/reads.csv.gz > '%s'", sc_reads);
	if (sh(cmd) != 0)
		return -1;
	size_t n;
	char *ini = slurp_file("analysis/sample-city.ini", &n);
	if (!ini)
		return -1;
	snprintf(sc_study, sizeof sc_study, "%s/sc-study.ini", tmp);
	FILE *f = fopen(sc_study, "w");
	if (!f)
		return -1;
	int reads_seen = 0, paths = 0;
	for (char *line = strtok(ini, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "path = ", 7) == 0 && strstr(line, "reads.csv.gz")) {
			fprintf(f, "path = %s\n", sc_reads);
			reads_seen = 1;
		} else if (strncmp(line, "path = ../", 10) == 0) {
			fprintf(f, "path = %s/%s\n", cwd, line + 10);
			paths++;
		} else if (strncmp(line, "boundaries = ../", 16) == 0) {
			fprintf(f, "boundaries = %s/%s\n", cwd, line + 16);
			paths++;
		} else {
			fprintf(f, "%s\n", line);
		}
	}
	fclose(f);
	free(ini);
	return reads_seen && paths == 7
		     ? 0
		     : -1; /* hits, outcomes, cameras, neighborhoods, searches, sharing, boundaries */
}

static int group_teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	return sh(cmd) == 0 ? 0 : -1;
}

/* Bit-identical doubles, any NaN equal to any NaN. */
static int same_bits(double x, double y) { return (isnan(x) && isnan(y)) || memcmp(&x, &y, sizeof x) == 0; }

/* The study run with 1 or 2 threads, a read log of any size split. */
static void run_threads(run *r, const char *study, int threads)
{
	ae_run_options o;
	run_options(&o, study);
	o.threads = threads;
	o.split_min = 0;
	if (run_with(r, &o))
		fail_msg("%s (%d threads): %s", study, threads, r->err.msg);
}

#define DIFF(...) fail_msg(__VA_ARGS__)

/* Everything the read log feeds, and every metrics row. same_files: the
 * inputs are the same files (bytes and SHA-256 compared too). */
static void compare_runs(const char *what, run *x, run *y, int same_files)
{
	const ae_agg *a = x->a, *b = y->a;
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *p = &a->tables[t], *q = &b->tables[t];
		if (p->present != q->present || p->read != q->read || p->accepted != q->accepted ||
		    p->rejected != q->rejected || p->out_of_period != q->out_of_period)
			DIFF("%s: table %d counts differ (read %llu/%llu accepted %llu/%llu rejected %llu/%llu)", what,
			     t, (unsigned long long)p->read, (unsigned long long)q->read,
			     (unsigned long long)p->accepted, (unsigned long long)q->accepted,
			     (unsigned long long)p->rejected, (unsigned long long)q->rejected);
		for (int k = 0; k < RJ_COUNT; k++)
			if (p->by_reason[k] != q->by_reason[k])
				DIFF("%s: table %d reason %s: %llu vs %llu", what, t, ae_reason_codes[k],
				     (unsigned long long)p->by_reason[k], (unsigned long long)q->by_reason[k]);
		if (same_files && (p->bytes != q->bytes || strcmp(p->sha256, q->sha256)))
			DIFF("%s: table %d bytes or SHA-256 differ", what, t);
		if ((p->colnames == NULL) != (q->colnames == NULL))
			DIFF("%s: table %d column names differ", what, t);
		for (int c = 0; p->colnames && c < AE_MAX_COLS; c++)
			if ((p->colnames[c] == NULL) != (q->colnames[c] == NULL) ||
			    (p->colnames[c] && strcmp(p->colnames[c], q->colnames[c])))
				DIFF("%s: table %d column %d name differs", what, t, c);
	}
	if (a->nrejects != b->nrejects)
		DIFF("%s: %zu rejects vs %zu", what, a->nrejects, b->nrejects);
	for (size_t i = 0; i < a->nrejects; i++) {
		const ae_reject *p = &a->rejects[i], *q = &b->rejects[i];
		if (p->table != q->table || p->line != q->line || p->col != q->col || p->reason != q->reason ||
		    (p->detail == NULL) != (q->detail == NULL) || (p->detail && strcmp(p->detail, q->detail)))
			DIFF("%s: reject %zu differs: table %d line %ld col %d %s vs table %d line %ld col %d %s", what,
			     i, p->table, p->line, p->col, ae_reason_codes[p->reason], q->table, q->line, q->col,
			     ae_reason_codes[q->reason]);
	}

	uint32_t nv = ae_vtab_count(a->vehicles);
	if (nv != ae_vtab_count(b->vehicles))
		DIFF("%s: %u vehicles vs %u", what, nv, ae_vtab_count(b->vehicles));
	for (uint32_t i = 0; i < nv; i++) {
		const ae_vehicle *p = ae_vtab_at(a->vehicles, i), *q = ae_vtab_at(b->vehicles, i);
		if (p->k0 != q->k0 || p->k1 != q->k1 || p->reads != q->reads || p->hits != q->hits ||
		    p->newest != q->newest || p->cameras != q->cameras)
			DIFF("%s: vehicle %u differs (reads %u/%u hits %u/%u newest %u/%u cameras %u/%u)", what, i,
			     p->reads, q->reads, p->hits, q->hits, p->newest, q->newest, p->cameras, q->cameras);
	}
	/* the retention figures: reads and vehicles per age bucket, the log's ends, outcome times */
	if (a->period_end != b->period_end || a->nage != b->nage || a->read_first != b->read_first ||
	    a->read_last != b->read_last)
		DIFF("%s: period end, age buckets or the read log's first or last read differ", what);
	for (uint32_t i = 0; i < a->nage; i++)
		if (a->read_age[i] != b->read_age[i] || a->held[i] != b->held[i] || a->quiet[i] != b->quiet[i])
			DIFF("%s: age bucket %u: reads %llu/%llu vehicles %llu/%llu quiet %llu/%llu", what, i,
			     (unsigned long long)a->read_age[i], (unsigned long long)b->read_age[i],
			     (unsigned long long)a->held[i], (unsigned long long)b->held[i],
			     (unsigned long long)a->quiet[i], (unsigned long long)b->quiet[i]);
	if (a->noutcome_times != b->noutcome_times)
		DIFF("%s: %zu outcome times vs %zu", what, a->noutcome_times, b->noutcome_times);
	for (size_t i = 0; i < a->noutcome_times; i++)
		if (a->outcome_times[i].t != b->outcome_times[i].t || a->outcome_times[i].hit != b->outcome_times[i].hit)
			DIFF("%s: outcome time %zu differs", what, i);
	if (a->nvplaces != b->nvplaces ||
	    (a->nvplaces && memcmp(a->vplaces, b->vplaces, a->nvplaces * sizeof *a->vplaces)))
		DIFF("%s: the hit vehicles' reads per place differ", what);
	for (uint32_t i = 0; i < a->nmonths; i++)
		if (a->month_distinct[i] != b->month_distinct[i] || a->month_m[i].s2 != b->month_m[i].s2 ||
		    a->month_m[i].s4 != b->month_m[i].s4)
			DIFF("%s: month %u's vehicles differ", what, i);

	uint32_t nc = ae_strtab_count(a->cameras);
	if (nc != ae_strtab_count(b->cameras))
		DIFF("%s: %u cameras vs %u", what, nc, ae_strtab_count(b->cameras));
	for (uint32_t i = 0; i < nc; i++) {
		if (strcmp(ae_strtab_name(a->cameras, i), ae_strtab_name(b->cameras, i)))
			DIFF("%s: camera %u is %s vs %s", what, i, ae_strtab_name(a->cameras, i),
			     ae_strtab_name(b->cameras, i));
		if (a->cam[i].reads != b->cam[i].reads || a->cam[i].distinct != b->cam[i].distinct ||
		    a->cam_m[i].s2 != b->cam_m[i].s2 || a->cam_m[i].s4 != b->cam_m[i].s4)
			DIFF("%s: camera %s: reads %llu/%llu distinct %llu/%llu", what, ae_strtab_name(a->cameras, i),
			     (unsigned long long)a->cam[i].reads, (unsigned long long)b->cam[i].reads,
			     (unsigned long long)a->cam[i].distinct, (unsigned long long)b->cam[i].distinct);
		if (a->camera_hood[i] != b->camera_hood[i] || !same_bits(a->camera_lat[i], b->camera_lat[i]) ||
		    !same_bits(a->camera_lon[i], b->camera_lon[i]))
			DIFF("%s: camera %s: area %u/%u, lat %.17g/%.17g, lon %.17g/%.17g", what,
			     ae_strtab_name(a->cameras, i), a->camera_hood[i], b->camera_hood[i], a->camera_lat[i],
			     b->camera_lat[i], a->camera_lon[i], b->camera_lon[i]);
	}
	uint32_t nh = ae_strtab_count(a->hoods);
	if (nh != ae_strtab_count(b->hoods) || a->unknown_hood != b->unknown_hood)
		DIFF("%s: %u areas vs %u", what, nh, ae_strtab_count(b->hoods));
	for (uint32_t i = 0; i < nh; i++) {
		if (strcmp(ae_strtab_name(a->hoods, i), ae_strtab_name(b->hoods, i)))
			DIFF("%s: area %u is %s vs %s", what, i, ae_strtab_name(a->hoods, i),
			     ae_strtab_name(b->hoods, i));
		if (a->hood[i].reads != b->hood[i].reads || a->hood[i].distinct != b->hood[i].distinct ||
		    a->hood_m[i].s2 != b->hood_m[i].s2 || a->hood_m[i].s4 != b->hood_m[i].s4 ||
		    a->hood_listed[i] != b->hood_listed[i])
			DIFF("%s: area %s: reads %llu/%llu distinct %llu/%llu", what, ae_strtab_name(a->hoods, i),
			     (unsigned long long)a->hood[i].reads, (unsigned long long)b->hood[i].reads,
			     (unsigned long long)a->hood[i].distinct, (unsigned long long)b->hood[i].distinct);
	}

	if (a->nmonths != b->nmonths || a->ndays != b->ndays || a->nlisted != b->nlisted)
		DIFF("%s: period or listed areas differ", what);
	for (uint32_t i = 0; i < a->nmonths; i++)
		if (a->month_reads[i] != b->month_reads[i])
			DIFF("%s: month %u: %llu vs %llu reads", what, i, (unsigned long long)a->month_reads[i],
			     (unsigned long long)b->month_reads[i]);
	for (uint32_t i = 0; i < a->ndays; i++)
		if (a->day_reads[i] != b->day_reads[i])
			DIFF("%s: day %u: %llu vs %llu reads", what, i, (unsigned long long)a->day_reads[i],
			     (unsigned long long)b->day_reads[i]);
	for (size_t i = 0; i < (size_t)a->ndays * a->nlisted; i++)
		if (a->day_hood[i] != b->day_hood[i])
			DIFF("%s: day x area cell %zu: %llu vs %llu", what, i, (unsigned long long)a->day_hood[i],
			     (unsigned long long)b->day_hood[i]);
	if (a->unassigned != b->unassigned || a->reads != b->reads)
		DIFF("%s: unassigned %llu/%llu, reads %llu/%llu", what, (unsigned long long)a->unassigned,
		     (unsigned long long)b->unassigned, (unsigned long long)a->reads, (unsigned long long)b->reads);

	if (a->nhits != b->nhits)
		DIFF("%s: %u hits vs %u", what, a->nhits, b->nhits);
	for (uint32_t i = 0; i < a->nhits; i++) {
		const ae_hit *p = &a->hits[i], *q = &b->hits[i];
		if (p->line != q->line || p->hotlist != q->hotlist || p->disposition != q->disposition ||
		    p->linked != q->linked || p->by_plate != q->by_plate || p->camera != q->camera ||
		    p->hood != q->hood || p->month != q->month || p->vehicle != q->vehicle ||
		    p->outcomes != q->outcomes || (p->linked && p->read_t != q->read_t))
			DIFF("%s: hit %u (line %ld) differs: linked %d/%d camera %u/%u hood %u/%u month %u/%u "
			     "vehicle %u/%u",
			     what, i, p->line, p->linked, q->linked, p->camera, q->camera, p->hood, q->hood, p->month,
			     q->month, p->vehicle, q->vehicle);
	}
	if (a->outcomes_total != b->outcomes_total)
		DIFF("%s: outcomes differ", what);

	if (x->t->n != y->t->n)
		DIFF("%s: %zu metrics rows vs %zu", what, x->t->n, y->t->n);
	for (size_t i = 0; i < x->t->n; i++) {
		const ae_row *p = &x->t->rows[i], *q = &y->t->rows[i];
		if (strcmp(p->metric, q->metric) || strcmp(p->dimension, q->dimension) || strcmp(p->group, q->group) ||
		    strcmp(p->method, q->method) || !same_bits(p->est, q->est) || !same_bits(p->lo, q->lo) ||
		    !same_bits(p->hi, q->hi) || !same_bits(p->num, q->num) || !same_bits(p->den, q->den))
			DIFF("%s: metrics row %zu (%s,%s,%s,%s) differs: est lo hi num den %.17g %.17g %.17g %.17g %.17g "
			     "vs %.17g %.17g %.17g %.17g %.17g",
			     what, i, p->metric, p->dimension, p->group, p->method, p->est, p->lo, p->hi, p->num,
			     p->den, q->est, q->lo, q->hi, q->num, q->den);
	}
}

typedef struct counter {
	long n;
} counter;

static int count_rec(void *u, const ae_record *r)
{
	(void)r;
	((counter *)u)->n++;
	return 0;
}

/* The study's read log through csvin in two parts: ae_csv_split_lines, and
 * the records each part got. */
static long study_split(const char *study, counter *c1, counter *c2)
{
	ae_run_options o;
	run_options(&o, study);
	ae_run *r = NULL;
	ae_error err = {0, ""};
	if (ae_run_new(&r, &o, &err))
		fail_msg("%s", err.msg);
	ae_csv *c = NULL;
	if (ae_csv_open(&c, &ae_run_study(r)->input[TB_READS], TB_READS, &err))
		fail_msg("%s", err.msg);
	c1->n = c2->n = 0;
	ae_csv_split(c, c2, 0);
	if (ae_csv_each(c, count_rec, c1, &err))
		fail_msg("%s", err.msg);
	long sl = ae_csv_split_lines(c);
	ae_csv_free(c);
	ae_run_free(r);
	return sl;
}

/* A study run with one thread, then with two split at any size: the same
 * results. split: its read log is split (csvin says so, and the two-thread
 * run's second thread read the file), or not (a gzip or header-only log). */
static void one_vs_two(const char *study, int split)
{
	counter c1, c2;
	long sl = study_split(study, &c1, &c2);
	if (split ? sl <= 0 : sl != -1)
		fail_msg("%s: split after %ld lines (%ld + %ld records), expected %s", study, sl, c1.n, c2.n,
			 split ? "a split" : "none");
	run x, y;
	long before = atomic_load(&other_thread_preads);
	run_threads(&x, study, 1);
	if (atomic_load(&other_thread_preads) != before)
		fail_msg("%s: one thread, yet a second part read the file", study);
	run_threads(&y, study, 2);
	if (split && atomic_load(&other_thread_preads) == before)
		fail_msg("%s: two threads, yet no second part read the file", study);
	compare_runs(study, &x, &y, 1);
	if (split && c1.n + c2.n + (y.a->tables[TB_READS].by_reason[RJ_UNTERMINATED] ? 1 : 0) !=
			     (long)y.a->tables[TB_READS].read)
		fail_msg("%s: %ld + %ld records in the two parts, %llu read", study, c1.n, c2.n,
			 (unsigned long long)y.a->tables[TB_READS].read);
	run_free(&x);
	run_free(&y);
}

/* ---- csvin level: the records each user gets ---- */

typedef struct recs {
	size_t n, cap;
	long *line;
	char **id;   /* read_id, "" when missing */
	char **text; /* field count and every canonical field */
} recs;

static int take(void *u, const ae_record *r)
{
	recs *l = u;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->line = realloc(l->line, l->cap * sizeof *l->line);
		l->id = realloc(l->id, l->cap * sizeof *l->id);
		l->text = realloc(l->text, l->cap * sizeof *l->text);
	}
	size_t need = 32;
	for (int c = 0; c < AE_MAX_COLS; c++)
		need += r->field[c] ? r->len[c] + 16 : 0;
	char *s = malloc(need);
	size_t k = (size_t)snprintf(s, need, "%d/%d|", r->nfields, r->header_fields);
	for (int c = 0; c < AE_MAX_COLS; c++)
		if (r->field[c])
			k += (size_t)snprintf(s + k, need - k, "%d=%.*s|", c, (int)r->len[c], r->field[c]);
	l->line[l->n] = r->line;
	l->id[l->n] = r->field[RC_READ_ID] ? strndup(r->field[RC_READ_ID], r->len[RC_READ_ID]) : strdup("");
	l->text[l->n++] = s;
	return 0;
}

static void recs_free(recs *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->id[i]);
		free(l->text[i]);
	}
	free(l->line);
	free(l->id);
	free(l->text);
	memset(l, 0, sizeof *l);
}

typedef struct readout {
	recs u1, u2;
	long split_lines; /* ae_csv_split_lines; -2 when no split was asked */
	long unterminated;
	uint64_t bytes;
	char sha[65];
} readout;

/* Reads a file as a read log; split: ask for two parts from min_bytes on. */
static void read_log(const char *path, int split, uint64_t min_bytes, readout *o)
{
	memset(o, 0, sizeof *o);
	ae_input in;
	memset(&in, 0, sizeof in);
	in.present = 1;
	in.path = in.path_given = (char *)path;
	in.delimiter = ',';
	ae_csv *c = NULL;
	ae_error err = {0, ""};
	if (ae_csv_open(&c, &in, TB_READS, &err))
		fail_msg("%s", err.msg);
	if (split)
		ae_csv_split(c, &o->u2, min_bytes);
	int rc = ae_csv_each(c, take, &o->u1, &err);
	if (rc)
		fail_msg("%s: ae_csv_each: %d %s", path, rc, err.msg);
	o->split_lines = split ? ae_csv_split_lines(c) : -2;
	o->unterminated = ae_csv_unterminated_line(c);
	o->bytes = ae_csv_bytes(c);
	snprintf(o->sha, sizeof o->sha, "%s", ae_csv_sha256(c));
	ae_csv_free(c);
}

static void readout_free(readout *o)
{
	recs_free(&o->u1);
	recs_free(&o->u2);
}

/* The two users' records, the second's lines moved down, are the one-thread
 * records. When the split is given up (-1) the first user alone has them all:
 * what the second part may have parsed meanwhile (it starts before the first
 * part reaches the split point) is not used, so it is not looked at. */
static void assert_same_records(const char *what, const readout *one, const readout *two)
{
	const recs *l = &one->u1, *a = &two->u1, *b = &two->u2;
	long off = two->split_lines;
	static const recs none;
	if (off < 0)
		b = &none;
	if (a->n + b->n != l->n)
		fail_msg("%s: %zu + %zu records, one thread %zu", what, a->n, b->n, l->n);
	for (size_t i = 0; i < l->n; i++) {
		const recs *s = i < a->n ? a : b;
		size_t j = i < a->n ? i : i - a->n;
		long line = s->line[j] + (s == b ? off : 0);
		if (line != l->line[i] || strcmp(s->text[j], l->text[i]))
			fail_msg("%s: record %zu: line %ld '%s', one thread line %ld '%s'", what, i, line, s->text[j],
				 l->line[i], l->text[i]);
	}
	if (one->unterminated != two->unterminated)
		fail_msg("%s: unterminated quote at line %ld vs %ld", what, one->unterminated, two->unterminated);
	if (one->bytes != two->bytes || strcmp(one->sha, two->sha))
		fail_msg("%s: bytes or SHA-256 differ", what);
}

/* Physical line where the record with this read id starts (the id begins a line). */
static long line_of_id(const char *text, const char *id)
{
	char pat[64];
	snprintf(pat, sizeof pat, "\n%s,", id);
	const char *p = strstr(text, pat);
	if (!p)
		fail_msg("no record %s", id);
	long line = 2;
	for (const char *q = text; q < p; q++)
		line += *q == '\n';
	return line;
}

/* Each record's line is the physical line its id starts on. */
static void assert_true_lines(const char *text, const recs *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->line[i] != line_of_id(text, l->id[i]))
			fail_msg("record %s at line %ld, its text starts on line %ld", l->id[i], l->line[i],
				 line_of_id(text, l->id[i]));
}

/* The split the contract describes: the first line start after the middle
 * byte (0 when there is none before the end). */
static size_t split_point(const char *s, size_t n)
{
	for (size_t i = n / 2; i < n; i++)
		if (s[i] == '\n')
			return i + 1 < n ? i + 1 : 0;
	return 0;
}

static long lines_before(const char *s, size_t at)
{
	long n = 0;
	for (size_t i = 0; i < at; i++)
		n += s[i] == '\n';
	return n;
}

static void tmp_path(char *out, size_t n, const char *name) { snprintf(out, n, "%s/%s", tmp, name); }

/* ---------------------------------------------------------------- 1. the corpus */

static void test_corpus_studies(void **state)
{
	(void)state;
	static const char *const studies[] = {"tests/data/tiny/study.ini", "tests/data/tiny-exposure/study.ini",
					      "analysis/census-tracts.ini", "analysis/other-agency.ini"};
	for (size_t i = 0; i < sizeof studies / sizeof studies[0]; i++)
		one_vs_two(studies[i], 1);
}

static void test_hostile_cases(void **state)
{
	(void)state;
	const char *const *cases = hostile_runnable;
	for (size_t i = 0; i < N_HOSTILE_RUNNABLE; i++) {
		char p[128];
		snprintf(p, sizeof p, "tests/hostile/%s/study.ini", cases[i]);
		/* not split: a gzip log; a header alone (no line start after the middle) */
		one_vs_two(p, strcmp(cases[i], "concatenated_gzip") && strcmp(cases[i], "header_only"));
	}
}

static void test_sample_city_plain_copy(void **state)
{
	(void)state;
	/* the copy is really split in two, and both parts have records */
	counter c1, c2;
	long sl = study_split(sc_study, &c1, &c2);
	assert_true(sl > 1);
	assert_true(c1.n > 1000);
	assert_true(c2.n > 1000);

	run x, y, z;
	run_threads(&x, sc_study, 1);
	long before = atomic_load(&other_thread_preads);
	run_threads(&y, sc_study, 2);
	assert_true(atomic_load(&other_thread_preads) > before); /* the second part ran */
	compare_runs("sample city (plain copy)", &x, &y, 1);
	assert_int_equal(c1.n + c2.n, x.a->tables[TB_READS].read);
	/* the copy is the committed study: the gzip read log gives the same figures */
	run_threads(&z, "analysis/sample-city.ini", 1);
	compare_runs("sample city (gzip vs plain copy)", &z, &x, 0);
	assert_true(x.a->reads > 100000);
	run_free(&x);
	run_free(&y);
	run_free(&z);
}

/* ---------------------------------------------------------------- 2. a crafted split */

/* Second half of the read log: a read id also in the first half, a read of a
 * first-half vehicle on a camera and in an area seen nowhere before (then
 * another such camera and area), a quoted
 * note over two lines, a bad timestamp, the read a hit names by plate, an
 * out-of-period read a hit names, and a quote left open to the end. */
static const char crafted_b[] =
	"RDUP,2025-05-01T10:00:00Z,CAM-B,EEE555,IL,,same id as a first-half read\n"
	"R07,2025-05-02T10:00:00Z,CAM-NEW,AAA111,IL,Newtown,first-half vehicle; new camera and area\n"
	"R13,2025-05-02T11:00:00Z,CAM-NEW2,KKK111,IL,Oldtown,another new camera and area\n"
	"R08,2025-05-03T10:15:00Z,CAM-C,FFF666,IL,,\"a quoted\nnote\"\n"
	"R09,not-a-time,CAM-A,GGG777,IL,,rejected\n"
	"R10,2025-05-04T10:00:00Z,CAM-B,HHH888,IL,,the read hit H2 names by plate\n"
	"R11,2025-12-15T10:00:00Z,CAM-A,III999,IL,,out of period\n"
	"R12,2025-05-05T10:00:00Z,CAM-A,\"JJJ000\nnever closed\n";

static const char crafted_hits[] =
	"hit_id,read_id,timestamp,camera_id,plate,hotlist,disposition\n"
	"H1,RDUP,,,,stolen_vehicle,confirmed\n"
	"H2,,2025-05-04T10:00:00Z,CAM-B,hhh-888,stolen_plate,misread\n"
	"H3,R07,,,,stolen_vehicle,confirmed\n"
	"H4,R11,,,,stolen_vehicle,confirmed\n"
	"H5,R01,,,,stolen_vehicle,not_actionable\n"
	"H6,RNONE,,,,stolen_vehicle,confirmed\n";

static uint32_t cam_index(const ae_agg *a, const char *name)
{
	uint32_t i = ae_strtab_find(a->cameras, name, strlen(name));
	if (i == UINT32_MAX)
		fail_msg("no camera %s", name);
	return i;
}

static uint32_t hood_index(const ae_agg *a, const char *name)
{
	uint32_t i = ae_strtab_find(a->hoods, name, strlen(name));
	if (i == UINT32_MAX)
		fail_msg("no area %s", name);
	return i;
}

static const ae_reject *find_reject(const ae_agg *a, int table, int reason)
{
	const ae_reject *found = NULL;
	for (size_t i = 0; i < a->nrejects; i++)
		if (a->rejects[i].table == table && a->rejects[i].reason == reason) {
			if (found)
				fail_msg("two %s rejects in table %d", ae_reason_codes[reason], table);
			found = &a->rejects[i];
		}
	if (!found)
		fail_msg("no %s reject in table %d", ae_reason_codes[reason], table);
	return found;
}

/* The facts a merge could get wrong, on one run. */
static void check_crafted(const char *what, const run *r, const char *reads)
{
	const ae_agg *a = r->a;
	const ae_tablecount *tc = &a->tables[TB_READS];
	/* 12 records + the one cut off: 10 in period, R11 out of it, R09 and R12 rejected */
	if (tc->read != 13 || tc->accepted != 10 || tc->out_of_period != 1 || tc->rejected != 2)
		fail_msg("%s: reads %llu accepted %llu out %llu rejected %llu", what, (unsigned long long)tc->read,
			 (unsigned long long)tc->accepted, (unsigned long long)tc->out_of_period,
			 (unsigned long long)tc->rejected);
	assert_int_equal(a->nhits, 6);
	const ae_hit *h1 = &a->hits[0], *h2 = &a->hits[1], *h3 = &a->hits[2], *h4 = &a->hits[3], *h5 = &a->hits[4],
		     *h6 = &a->hits[5];
	uint32_t cam_a = cam_index(a, "CAM-A"), cam_b = cam_index(a, "CAM-B"), cam_new = cam_index(a, "CAM-NEW");

	/* a repeated read id: the hit links the first read (first half, CAM-A, Northside) */
	assert_int_equal(h1->linked, 1);
	if (h1->camera != cam_a)
		fail_msg("%s: H1 links the read on %s, expected the first-half read on CAM-A", what,
			 h1->camera < ae_strtab_count(a->cameras) ? ae_strtab_name(a->cameras, h1->camera) : "?");
	assert_int_equal(h1->hood, hood_index(a, "Northside"));
	assert_int_equal(ae_vtab_at(a->vehicles, h1->vehicle)->hits, 1);

	/* linked by plate + camera + time to a read only in the second half */
	assert_int_equal(h2->by_plate, 1);
	assert_int_equal(h2->linked, 1);
	assert_int_equal(h2->camera, cam_b);
	assert_int_equal(h2->hood, hood_index(a, "Riverside"));
	const ae_vehicle *v2 = ae_vtab_at(a->vehicles, h2->vehicle);
	assert_int_equal(v2->reads, 1);
	assert_int_equal(v2->hits, 1);
	assert_int_equal(v2->newest, a->nage - ae_agg_age_bucket(a, 1746352800)); /* R10, 2025-05-04T10:00:00Z */
	assert_int_equal(h2->read_t, 1746352800);

	/* a first-half vehicle read again in the second half, on a camera and in an
	 * area only the second half names: one vehicle, three reads, three cameras */
	assert_int_equal(h3->linked, 1);
	assert_int_equal(h5->linked, 1);
	assert_int_equal(h3->camera, cam_new);
	assert_int_equal(h3->hood, hood_index(a, "Newtown"));
	assert_int_equal(h3->vehicle, h5->vehicle);
	const ae_vehicle *v = ae_vtab_at(a->vehicles, h3->vehicle);
	assert_int_equal(v->reads, 3);
	assert_int_equal(v->cameras, 3);
	assert_int_equal(v->hits, 2);
	/* its newest read is the second half's R07 (2025-05-02T10:00:00Z) */
	assert_int_equal(v->newest, a->nage - ae_agg_age_bucket(a, 1746180000));
	assert_int_equal(h3->read_t, 1746180000);
	/* AAA111/IL BBB222/IL CCC333/IL DDD444/WI | EEE555/IL FFF666/IL HHH888/IL KKK111/IL
	 * (AAA111/IL again) */
	assert_int_equal(ae_vtab_count(a->vehicles), 8);
	assert_int_equal(a->reads, 10);
	/* names new in the read log follow the known ones in file order: CAM-X1
	 * (first half), then CAM-NEW and CAM-NEW2, Newtown and Oldtown (second half) */
	uint32_t nc = ae_strtab_count(a->cameras), nh = ae_strtab_count(a->hoods);
	assert_int_equal(nc, 6);
	assert_int_equal(cam_index(a, "CAM-X1"), nc - 3);
	assert_int_equal(cam_new, nc - 2);
	assert_int_equal(cam_index(a, "CAM-NEW2"), nc - 1);
	assert_int_equal(a->cam[cam_new].reads, 1);
	assert_int_equal(a->cam[cam_new].distinct, 1);
	uint32_t newtown = hood_index(a, "Newtown");
	assert_int_equal(newtown, nh - 2);
	assert_int_equal(hood_index(a, "Oldtown"), nh - 1);
	assert_int_equal(a->hood[newtown].reads, 1);
	assert_int_equal(a->hood[newtown].distinct, 1);
	/* CAM-A: R01 and the first RDUP in period (R09 rejected, R11 out of period, R12 cut off) */
	assert_int_equal(a->cam[cam_a].reads, 2);

	/* an out-of-period read in the second half; a read id found nowhere */
	assert_int_equal(h4->linked, 2);
	assert_int_equal(h6->linked, 0);
	assert_int_equal(find_reject(a, TB_HITS, RJ_NO_READ)->line, 7);

	/* the second half's reject and the open quote, at their physical lines */
	const ae_reject *bad = find_reject(a, TB_READS, RJ_BAD_TIMESTAMP);
	assert_int_equal(bad->line, line_of_id(reads, "R09"));
	assert_int_equal(bad->col, RC_TIMESTAMP);
	const ae_reject *open = find_reject(a, TB_READS, RJ_UNTERMINATED);
	assert_int_equal(open->line, line_of_id(reads, "R12"));
}

static void test_crafted_split_study(void **state)
{
	(void)state;
	char dir[256], path[512];
	tmp_path(dir, sizeof dir, "crafted");
	assert_int_equal(mkdir(dir, 0700), 0);

	/* the first half ends with a long line: padded until the split (the first
	 * line start after the middle byte) is exactly where the second half begins */
	static const char a_head[] =
		"read_id,timestamp,camera_id,plate,plate_state,neighborhood,note\n"
		"R01,2025-04-01T10:00:00Z,CAM-A,aaa-111,IL,,plate normalised to AAA111\n"
		"RDUP,2025-04-02T10:00:00Z,CAM-A,BBB222,IL,,first read with this id\n"
		"R03,2025-04-03T10:00:00Z,CAM-B,CCC333,IL,,\"a note\nover two lines\"\n"
		"R04,2025-04-04T10:00:00Z,CAM-C,AAA111,il,,\n"
		"R05,2025-04-05T10:00:00Z,CAM-X1,DDD444,WI,,camera seen first here; padded ";
	size_t nb = strlen(crafted_b), na = 0;
	char *reads = NULL;
	for (size_t pad = 0; pad < 4096 && !reads; pad++) {
		size_t n = strlen(a_head) + pad + 1;
		char *s = malloc(n + nb + 1);
		memcpy(s, a_head, strlen(a_head));
		memset(s + strlen(a_head), 'x', pad);
		s[n - 1] = '\n';
		memcpy(s + n, crafted_b, nb + 1);
		if (split_point(s, n + nb) == n) {
			reads = s;
			na = n;
		} else {
			free(s);
		}
	}
	assert_non_null(reads);

	snprintf(path, sizeof path, "%s/reads.csv", dir);
	write_file(path, reads);
	snprintf(path, sizeof path, "%s/hits.csv", dir);
	write_file(path, crafted_hits);
	snprintf(path, sizeof path, "%s/cameras.csv", dir);
	write_file(path, "camera_id,neighborhood,kind\nCAM-A,Northside,fixed\nCAM-B,Riverside,fixed\n"
			 "CAM-C,Northside,fixed\n");
	snprintf(path, sizeof path, "%s/study.ini", dir);
	write_file(path, "[study]\ntitle = Crafted split\nstart = 2025-03-01\nend = 2025-11-30\n"
			 "timezone = America/Chicago\nseed = 7\nmax_reject_share = 1\n"
			 "[reads]\npath = reads.csv\n[hits]\npath = hits.csv\n[cameras]\npath = cameras.csv\n");

	/* csvin splits where designed: the first half's lines, the second half's records */
	counter c1, c2;
	long sl = study_split(path, &c1, &c2);
	assert_int_equal(sl, lines_before(reads, na));
	assert_int_equal(c1.n, 5);
	assert_int_equal(c2.n, 7); /* R12 is cut off inside its quote: handed to no one */

	run x, y;
	run_threads(&x, path, 1);
	long before = atomic_load(&other_thread_preads);
	run_threads(&y, path, 2);
	assert_true(atomic_load(&other_thread_preads) > before); /* the second part ran */
	compare_runs("crafted split", &x, &y, 1);
	check_crafted("two threads", &y, reads);
	check_crafted("one thread", &x, reads);
	run_free(&x);
	run_free(&y);
	free(reads);
}

/* ---------------------------------------------------------------- 3. csvin */

/* A read log of n records: quoted fields with commas and doubled quotes, one
 * CRLF line, and a note over two lines at records q1 and q2. */
static char *make_log(int n, int q1, int q2)
{
	ae_buf b;
	ae_buf_init(&b);
	ae_buf_puts(&b, "read_id,timestamp,camera_id,plate,plate_state,note\n");
	for (int i = 1; i <= n; i++) {
		ae_buf_printf(&b, "R%03d,2025-04-%02dT10:%02d:00Z,CAM-%c,P%05d,%s,", i, 1 + i % 28, i % 60, 'A' + i % 5,
			      i * 7, i % 9 ? "IL" : "");
		if (i == q1 || i == q2)
			ae_buf_puts(&b, "\"over\ntwo lines\"\n");
		else if (i % 7 == 0)
			ae_buf_puts(&b, "\"a, b\"\n");
		else if (i % 11 == 0)
			ae_buf_puts(&b, "\"say \"\"hi\"\"\"\n");
		else if (i == n / 3)
			ae_buf_puts(&b, "crlf\r\n");
		else
			ae_buf_printf(&b, "note %d\n", i);
	}
	ae_buf_addc(&b, '\0');
	return b.data;
}

/* One thread, then two from min_bytes on; the split must be the contract's. */
static void split_matches(const char *name, const char *text, int expect_split)
{
	char path[256];
	tmp_path(path, sizeof path, name);
	write_file(path, text);
	readout one, two;
	read_log(path, 0, 0, &one);
	read_log(path, 1, 0, &two);
	assert_true(one.u1.n > 0);
	assert_true_lines(text, &one.u1);
	assert_same_records(name, &one, &two);
	size_t n = strlen(text), at = split_point(text, n);
	if (expect_split) {
		assert_true(at > 0);
		if (two.split_lines != lines_before(text, at))
			fail_msg("%s: split after %ld lines, the first line start after the middle is line %ld", name,
				 two.split_lines, lines_before(text, at) + 1);
		assert_true(two.u1.n > 0);
		assert_true(two.u2.n > 0);
	} else {
		assert_int_equal(two.split_lines, -1);
		assert_int_equal(two.u1.n, one.u1.n);
	}
	readout_free(&one);
	readout_free(&two);
	unlink(path);
}

static void test_csvin_split_plain(void **state)
{
	(void)state;
	char *text = make_log(60, 3, 50);
	split_matches("plain.csv", text, 1);
	/* no newline at the end */
	text[strlen(text) - 1] = '\0';
	split_matches("no-final-newline.csv", text, 1);
	/* a quote left open at the end, in the second part: reported at its line */
	size_t n = strlen(text);
	char *open = malloc(n + 64);
	snprintf(open, n + 64, "%s\nR999,2025-04-01T10:00:00Z,CAM-A,\"P1\ncut off", text);
	char path[256];
	tmp_path(path, sizeof path, "open-quote.csv");
	write_file(path, open);
	readout one, two;
	read_log(path, 0, 0, &one);
	read_log(path, 1, 0, &two);
	assert_true(two.split_lines > 0);
	assert_same_records("open-quote.csv", &one, &two);
	assert_int_equal(two.unterminated, line_of_id(open, "R999"));
	readout_free(&one);
	readout_free(&two);
	unlink(path);
	free(open);
	free(text);
}

static void test_csvin_quote_spans_middle(void **state)
{
	(void)state;
	ae_buf b;
	ae_buf_init(&b);
	ae_buf_puts(&b, "read_id,timestamp,camera_id,plate,plate_state,note\n");
	for (int i = 1; i <= 5; i++)
		ae_buf_printf(&b, "R%03d,2025-04-01T10:00:00Z,CAM-A,P%d,IL,n\n", i, i);
	ae_buf_puts(&b, "R006,2025-04-01T10:00:00Z,CAM-A,P6,IL,\"");
	size_t open = b.len - 1;
	for (int i = 0; i < 40; i++)
		ae_buf_printf(&b, "line %d of a long note\n", i);
	ae_buf_puts(&b, "end\"\n");
	size_t close = b.len - 2;
	for (int i = 7; i <= 11; i++)
		ae_buf_printf(&b, "R%03d,2025-04-01T10:00:00Z,CAM-A,P%d,IL,n\n", i, i);
	ae_buf_addc(&b, '\0');
	/* the line start after the middle is inside the quoted field */
	size_t at = split_point(b.data, b.len - 1);
	assert_true(at > open && at < close);
	split_matches("quote-middle.csv", b.data, 0);
	ae_buf_release(&b);
}

static void test_csvin_long_header(void **state)
{
	(void)state;
	char text[4096], name[1024];
	memset(name, 'h', 600);
	name[600] = '\0';
	/* (c1) a one-line header longer than half the file: the first line start
	 * after the middle is the first record's, outside the header: split there,
	 * every record in the second part */
	snprintf(text, sizeof text,
		 "read_id,timestamp,camera_id,plate,%s\n"
		 "R1,2025-04-01T10:00:00Z,CAM-A,P1,x\nR2,2025-04-01T10:00:00Z,CAM-A,P2,x\n"
		 "R3,2025-04-01T10:00:00Z,CAM-A,P3,x\n",
		 name);
	assert_true(strchr(text, '\n') - text > (long)strlen(text) / 2);
	char path[256];
	tmp_path(path, sizeof path, "long-header.csv");
	write_file(path, text);
	readout one, two;
	read_log(path, 0, 0, &one);
	read_log(path, 1, 0, &two);
	assert_int_equal(one.u1.n, 3);
	assert_true_lines(text, &one.u1);
	assert_same_records("long-header.csv", &one, &two);
	assert_int_equal(two.split_lines, 1);
	assert_int_equal(two.u1.n, 0);
	assert_int_equal(two.u2.n, 3);
	readout_free(&one);
	readout_free(&two);
	/* (c2) a header not finished at the split point: a quoted name over many
	 * lines spans the middle */
	ae_buf b;
	ae_buf_init(&b);
	ae_buf_puts(&b, "read_id,timestamp,camera_id,plate,\"a name");
	for (int i = 0; i < 30; i++)
		ae_buf_puts(&b, "\nover lines");
	ae_buf_puts(&b, "\"\nR1,2025-04-01T10:00:00Z,CAM-A,P1,x\nR2,2025-04-01T10:00:00Z,CAM-A,P2,x\n");
	ae_buf_addc(&b, '\0');
	split_matches("multiline-header.csv", b.data, 0);
	ae_buf_release(&b);
	/* (c3) blank lines before the header: the line start after the middle is
	 * between lines, but the header has not come yet */
	ae_buf_init(&b);
	for (int i = 0; i < 200; i++)
		ae_buf_addc(&b, '\n');
	ae_buf_puts(&b, "read_id,timestamp,camera_id,plate\nR1,2025-04-01T10:00:00Z,CAM-A,P1\n"
			"R2,2025-04-01T10:00:00Z,CAM-A,P2\n");
	ae_buf_addc(&b, '\0');
	split_matches("blank-lines-first.csv", b.data, 0);
	ae_buf_release(&b);
}

static void test_csvin_gzip_not_split(void **state)
{
	(void)state;
	char *text = make_log(60, 3, 50);
	char plain[256], gz[256];
	tmp_path(plain, sizeof plain, "gz-plain.csv");
	tmp_path(gz, sizeof gz, "log.csv.gz");
	write_file(plain, text);
	/* stored, not compressed: the file holds the text's newlines, so only the
	 * gzip check keeps it whole */
	gzFile g = gzopen(gz, "wb0");
	assert_non_null(g);
	assert_int_equal(gzwrite(g, text, (unsigned)strlen(text)), (int)strlen(text));
	assert_int_equal(gzclose(g), Z_OK);
	readout one, two;
	read_log(plain, 0, 0, &one);
	read_log(gz, 1, 0, &two);
	assert_int_equal(two.split_lines, -1);
	assert_int_equal(two.u2.n, 0);
	assert_int_equal(two.u1.n, one.u1.n);
	for (size_t i = 0; i < one.u1.n; i++) {
		assert_int_equal(two.u1.line[i], one.u1.line[i]);
		assert_string_equal(two.u1.text[i], one.u1.text[i]);
	}
	readout_free(&one);
	readout_free(&two);
	unlink(plain);
	unlink(gz);
	free(text);
}

static void test_csvin_min_bytes(void **state)
{
	(void)state;
	char *text = make_log(40, 0, 0);
	size_t n = strlen(text);
	char path[256];
	tmp_path(path, sizeof path, "min-bytes.csv");
	write_file(path, text);
	readout one, two;
	read_log(path, 0, 0, &one);
	/* one byte short of min_bytes: not split */
	read_log(path, 1, n + 1, &two);
	assert_int_equal(two.split_lines, -1);
	assert_int_equal(two.u2.n, 0);
	assert_same_records("min_bytes = size + 1", &one, &two);
	readout_free(&two);
	/* exactly min_bytes ("at least"): split */
	read_log(path, 1, n, &two);
	assert_int_equal(two.split_lines, lines_before(text, split_point(text, n)));
	assert_true(two.u2.n > 0);
	assert_same_records("min_bytes = size", &one, &two);
	readout_free(&one);
	readout_free(&two);
	unlink(path);
	free(text);
}

/* ---------------------------------------------------------------- 4. the CLI */

/* manifest.json without its "output" line (the only one that names the folder). */
static void drop_output_line(char *s, size_t *n)
{
	char *k = strstr(s, "\"output\": ");
	if (!k) {
		fail_msg("manifest.json has no \"output\" line");
		return;
	}
	char *p = k, *e = k + strcspn(k, "\n");
	while (p > s && p[-1] != '\n')
		p--;
	if (*e)
		e++;
	memmove(p, e, (size_t)(s + *n - e) + 1);
	*n -= (size_t)(e - p);
}

/* Compares every file of x with y's (the PNGs too: same machine, same gnuplot); returns the files compared. */
static int compare_dirs(const char *x, const char *y)
{
	DIR *d = opendir(x);
	assert_non_null(d);
	int files = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char px[1024], py[1024];
		snprintf(px, sizeof px, "%s/%s", x, e->d_name);
		snprintf(py, sizeof py, "%s/%s", y, e->d_name);
		struct stat sx, sy;
		assert_int_equal(stat(px, &sx), 0);
		if (stat(py, &sy) != 0)
			fail_msg("%s has no %s", y, e->d_name);
		if (S_ISDIR(sx.st_mode)) {
			assert_true(S_ISDIR(sy.st_mode));
			files += compare_dirs(px, py);
			continue;
		}
		size_t nx, ny;
		char *bx = slurp_file(px, &nx), *by = slurp_file(py, &ny);
		assert_non_null(bx);
		assert_non_null(by);
		if (strcmp(e->d_name, "manifest.json") == 0) {
			drop_output_line(bx, &nx);
			drop_output_line(by, &ny);
		}
		if (nx != ny || memcmp(bx, by, nx))
			fail_msg("%s differs between -j 1 and -j 2 (%zu vs %zu bytes)", px, nx, ny);
		free(bx);
		free(by);
		files++;
	}
	closedir(d);
	return files;
}

static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char p[1024];
		struct stat sb;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		assert_int_equal(stat(p, &sb), 0);
		n += S_ISDIR(sb.st_mode) ? count_files(p) : 1;
	}
	closedir(d);
	return n;
}

static void test_cli_threads_same_report(void **state)
{
	(void)state;
	char o1[256], o2[256], cmd[1024], p[512];
	tmp_path(o1, sizeof o1, "cli-j1");
	tmp_path(o2, sizeof o2, "cli-j2");
	for (int j = 1; j <= 2; j++) {
		snprintf(cmd, sizeof cmd,
			 "ALPR_EVAL_CHROMIUM=none ALPR_EVAL_SPLIT_MIN=0 " BIN " -q -j %d run '%s' -o '%s' >/dev/null",
			 j, sc_study, j == 1 ? o1 : o2);
		assert_int_equal(sh(cmd), 0);
	}
	static const char *const must[] = {"metrics.csv", "metrics.json", "rejects.csv", "manifest.json"};
	for (size_t i = 0; i < sizeof must / sizeof must[0]; i++) {
		struct stat sb;
		snprintf(p, sizeof p, "%s/%s", o2, must[i]);
		assert_int_equal(stat(p, &sb), 0);
	}
	int n = compare_dirs(o1, o2);
	assert_true(n >= 4);
	assert_int_equal(count_files(o2), n); /* and -j 2 wrote nothing more */

	/* -j takes 1 or 2 only */
	char o3[256];
	tmp_path(o3, sizeof o3, "cli-j3");
	snprintf(cmd, sizeof cmd, BIN " -q -j 3 run '%s' -o '%s' >/dev/null 2>&1", sc_study, o3);
	assert_int_equal(sh(cmd), 2);
	snprintf(cmd, sizeof cmd, BIN " -q run '%s' -o '%s' -j >/dev/null 2>&1", sc_study, o3);
	assert_int_equal(sh(cmd), 2);
	snprintf(cmd, sizeof cmd, BIN " -q -j run '%s' -o '%s' >/dev/null 2>&1", sc_study, o3);
	assert_int_equal(sh(cmd), 2);
	struct stat sb;
	assert_int_not_equal(stat(o3, &sb), 0);
}

/* SIGINT / SIGTERM while two threads parse (and once the reader thread has
 * hashed the whole file): exit 128 + signal at once, nothing left behind
 * (tests/interrupt_split_case.sh; a 3-million-read generated city). */
static void test_cli_interrupt_two_threads(void **state)
{
	(void)state;
	static const int sigs[] = {SIGINT, SIGTERM};
	for (int i = 0; i < 2; i++) {
		char cmd[512];
		snprintf(cmd, sizeof cmd,
			 "tests/interrupt_split_case.sh build/alpr-eval-san build/gen-city %s/interrupt %d %d", tmp,
			 sigs[i], 128 + sigs[i]);
		int st = system(cmd);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			fail_msg("interrupt by signal %d during a two-thread run: see the message above", sigs[i]);
	}
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_studies),
		cmocka_unit_test(test_hostile_cases),
		cmocka_unit_test(test_sample_city_plain_copy),
		cmocka_unit_test(test_crafted_split_study),
		cmocka_unit_test(test_csvin_split_plain),
		cmocka_unit_test(test_csvin_quote_spans_middle),
		cmocka_unit_test(test_csvin_long_header),
		cmocka_unit_test(test_csvin_gzip_not_split),
		cmocka_unit_test(test_csvin_min_bytes),
		cmocka_unit_test(test_cli_threads_same_report),
		cmocka_unit_test(test_cli_interrupt_two_threads),
	};
	return cmocka_run_group_tests_name("threads", tests, group_setup, group_teardown);
}
