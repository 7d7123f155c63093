/* compare.c — see compare.h. Both studies run as `run` runs them (ingest,
 * the reject check, every analysis, min_cell), in one read-log thread each:
 * the paired interval reads each vehicle's cells (compare_pair.h), which a
 * second thread would leave in a second part. */
#define _GNU_SOURCE
#include "compare.h"
#include "compare_ci.h"
#include "compare_pair.h"
#include "compare_report.h"
#include "manifest.h"
#include "metric_list.h"
#include "output.h"
#include "run.h"
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void ae_compare_options_init(ae_compare_options *o)
{
	memset(o, 0, sizeof *o);
	o->split_min = 32u << 20;
}

/* Two paths naming one folder or file: the same text (trailing '/' aside),
 * or the same real path when both exist. */
static int same_path(const char *x, const char *y)
{
	size_t n = strlen(x), m = strlen(y);
	while (n > 1 && x[n - 1] == '/')
		n--;
	while (m > 1 && y[m - 1] == '/')
		m--;
	if (n == m && strncmp(x, y, n) == 0)
		return 1;
	char *rx = realpath(x, NULL), *ry = realpath(y, NULL);
	int same = rx && ry && strcmp(rx, ry) == 0;
	free(rx);
	free(ry);
	return same;
}

static int open_side(const ae_compare_options *o, int s, ae_run **r, ae_error *err)
{
	ae_run_options ro;
	ae_run_options_init(&ro);
	ro.study = o->study[s];
	ro.period = o->period[s];
	ro.threads = 1;
	ro.split_min = o->split_min;
	ro.progress = o->progress;
	ro.gnuplot = o->gnuplot;
	return ae_run_new(r, &ro, err);
}

static int analyse_side(ae_run *r, ae_error *err)
{
	int rc = ae_run_ingest(r, err);
	if (!rc)
		rc = ae_run_check_rejects(r, err);
	return rc ? rc : ae_run_analyse(r, err);
}

/* The default folder: compare-NAMEA-NAMEB beside A's report, or for two
 * periods of one study its output plus -P1-vs-P2 (the labels of --period). */
static int default_output(const ae_compare_options *o, ae_run *const r[2], char **out, ae_error *err)
{
	const ae_study *a = ae_run_study(r[0]), *b = ae_run_study(r[1]);
	ae_buf p;
	ae_buf_init(&p);
	if (o->period[0]) {
		char la[64], lb[64];
		long s, e;
		if (ae_period_parse(o->period[0], &s, &e, la, sizeof la, err) ||
		    ae_period_parse(o->period[1], &s, &e, lb, sizeof lb, err)) {
			ae_buf_release(&p);
			return AE_EUSAGE;
		}
		/* the study's output carries "-LABEL" (study.h): the base is before it */
		size_t n = strlen(a->output), k = strlen(la);
		if (n > k + 1 && strcmp(a->output + n - k, la) == 0 && a->output[n - k - 1] == '-')
			n -= k + 1;
		ae_buf_printf(&p, "%.*s-%s-vs-%s", (int)n, a->output, la, lb);
	} else {
		const char *slash = strrchr(a->output, '/');
		int dl = slash ? (int)(slash - a->output) + 1 : 0;
		ae_buf_printf(&p, "%.*scompare-%s-%s", dl, a->output, a->name, b->name);
	}
	*out = ae_strdup(p.data);
	ae_buf_release(&p);
	return AE_OK;
}

/* ---------------- the changes ---------------- */

static int suppressed(const ae_row *r) { return strcmp(r->method, "suppressed") == 0; }

/* B's row for A's: the same metric, dimension, group and method; a
 * suppressed row (its method lost) pairs by its place among the rows of
 * its metric, dimension and group. */
static const ae_row *match(const ae_table *ta, const ae_table *tb, const ae_row *ra)
{
	if (!suppressed(ra)) {
		const ae_row *rb = ae_table_find(tb, ra->metric, ra->dimension, ra->group, ra->method);
		if (rb)
			return rb;
	}
	size_t k = 0;
	for (const ae_row *x = ta->rows; x < ra; x++)
		k += strcmp(x->metric, ra->metric) == 0 && strcmp(x->dimension, ra->dimension) == 0 &&
		     strcmp(x->group, ra->group) == 0;
	for (size_t i = 0; i < tb->n; i++) {
		const ae_row *y = &tb->rows[i];
		if (strcmp(y->metric, ra->metric) || strcmp(y->dimension, ra->dimension) || strcmp(y->group, ra->group))
			continue;
		if (k-- == 0)
			return suppressed(ra) || suppressed(y) ? y : NULL;
	}
	return NULL;
}

static int is_binomial(const char *m)
{
	return strcmp(m, "wilson") == 0 || strcmp(m, "clopper_pearson") == 0 || strcmp(m, "jeffreys") == 0;
}

/* A count of events that add up over time (reads, alerts, outcomes,
 * searches): no interval, no numerator or denominator, a whole number. Not
 * distinct counts (vehicles, users, recipients), holdings at the end, or
 * quantiles: they do not grow with the days, nor are they Poisson counts,
 * so their change is a plain difference without an interval. */
static int is_count(const ae_row *r)
{
	static const int events[] = {AE_METRIC_reads, AE_METRIC_hits, AE_METRIC_outcomes, AE_METRIC_outcomes_linked,
				     AE_METRIC_searches};
	int event = 0;
	for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
		event |= strcmp(r->metric, ae_metric_defs[events[i]].name) == 0;
	return event && strcmp(r->method, "none") == 0 && isnan(r->num) && isnan(r->den) && isfinite(r->est) &&
	       r->est >= 0 && r->est == floor(r->est);
}

static double days_of(const ae_study *st) { return (double)(st->end_day - st->start_day + 1); }

/* The ratio of two figures resting on Poisson counts xa and xb: k xb / xa
 * (a rate: k the ratio of the exposures, A's over B's) or k xa / xb (an
 * inverse: reads or cost per outcome); the exact interval of xb / xa
 * carried over. The change itself is b / a of the estimates. */
static void poisson_ratio(ae_change *c, double xa, double xb, double k, int inverse, double conf, const char *method)
{
	c->kind = "ratio";
	c->change = c->a != 0 && isfinite(c->a) ? c->b / c->a : NAN;
	double lo, hi;
	if (!isfinite(c->change) || !isfinite(k) || !(k > 0) || ae_poisson_ratio_exact(xa, xb, conf, &lo, &hi))
		return;
	if (inverse) {
		if (!(lo > 0))
			return; /* xb = 0: no finite upper limit (and no estimate) */
		double l2 = k / hi;
		hi = k / lo;
		lo = l2;
	} else {
		lo *= k;
		hi *= k;
	}
	c->lo = lo;
	c->hi = hi;
	c->method = method;
}

/* Everything but the paired interval, which needs both aggregates. */
static void change_of(ae_change *c, const ae_row *ra, const ae_row *rb, const ae_study *sa, const ae_study *sb,
		      double conf)
{
	c->metric = ra->metric;
	c->dimension = ra->dimension;
	c->group = ra->group;
	c->row_method = suppressed(ra) ? rb->method : ra->method;
	c->a = ra->est;
	c->b = rb->est;
	c->a_lo = ra->lo;
	c->a_hi = ra->hi;
	c->b_lo = rb->lo;
	c->b_hi = rb->hi;
	c->change = c->lo = c->hi = NAN;
	c->kind = "difference";
	c->method = "none";
	const char *m = c->row_method;
	int ratio = strcmp(m, "poisson_exact") == 0 || is_count(suppressed(ra) ? rb : ra) ||
		    (strcmp(m, "cluster_plate") == 0 && !ae_pair_metric(c->metric)) ||
		    ((strcmp(m, "quasi_poisson_days") == 0 || strcmp(m, "bootstrap_days") == 0) &&
		     strcmp(c->metric, AE_M(gini_reads_per_capita)) != 0);
	if (suppressed(ra) || suppressed(rb)) {
		c->kind = ratio ? "ratio" : "difference";
		c->method = "suppressed";
		return;
	}
	if (is_binomial(m)) {
		c->change = c->b - c->a;
		static char name[3][32];
		int k = m[0] == 'w' ? 0 : m[0] == 'c' ? 1 : 2;
		snprintf(name[k], sizeof name[k], "newcombe_%s", m);
		if (!ae_mover_diff(ra->est, ra->lo, ra->hi, rb->est, rb->lo, rb->hi, 0, &c->lo, &c->hi))
			c->method = name[k];
	} else if (strcmp(m, "poisson_exact") == 0) {
		/* outcomes_per_million_reads: x / reads (numerator x); reads and cost per outcome: top / x */
		if (strcmp(c->metric, AE_M(outcomes_per_million_reads)) == 0)
			poisson_ratio(c, ra->num, rb->num, ra->den / rb->den, 0, conf, "poisson_ratio_exact");
		else
			poisson_ratio(c, ra->den, rb->den, rb->num / ra->num, 1, conf, "poisson_ratio_exact");
	} else if (is_count(ra) && is_count(rb)) {
		/* counts over periods of different lengths: per day */
		double da = days_of(sa), db = days_of(sb);
		poisson_ratio(c, ra->est, rb->est, da / db, 0, conf, "poisson_ratio_exact_per_day");
		c->change = ra->est > 0 ? (rb->est / db) / (ra->est / da) : NAN;
	} else if (strcmp(m, "quasi_poisson_days") == 0 || strcmp(m, "bootstrap_days") == 0) {
		if (ratio) {
			c->kind = "ratio";
			c->change = c->a != 0 ? c->b / c->a : NAN;
			if (!ae_log_ratio_days(ra->est, ra->lo, ra->hi, rb->est, rb->lo, rb->hi, conf, &c->lo, &c->hi))
				c->method = "normal_log_days";
		} else {
			c->change = c->b - c->a;
			if (!ae_diff_days(ra->est, ra->lo, ra->hi, rb->est, rb->lo, rb->hi, conf, &c->lo, &c->hi))
				c->method = "normal_days";
		}
	} else if (ratio) {
		c->kind = "ratio";
		c->change = c->a != 0 ? c->b / c->a : NAN;
	} else {
		c->change = c->b - c->a;
	}
}

/* The cluster_plate rows of the paired metrics: MOVER on each side's own
 * limits with the vehicles' correlation. */
static void paired(ae_changes *ch, const ae_row *const *ra, const ae_row *const *rb, ae_run *const r[2])
{
	ae_pair_row *pr = ae_calloc(ch->n + 1, sizeof *pr);
	size_t *at = ae_calloc(ch->n + 1, sizeof *at), np = 0;
	for (size_t i = 0; i < ch->n; i++) {
		ae_change *c = &ch->v[i];
		if (strcmp(c->row_method, "cluster_plate") || !ae_pair_metric(c->metric) || suppressed(ra[i]) ||
		    suppressed(rb[i]))
			continue;
		c->change = c->b - c->a;
		if (!isfinite(ra[i]->lo) || !isfinite(ra[i]->hi) || !isfinite(rb[i]->lo) || !isfinite(rb[i]->hi) ||
		    !(ra[i]->den > 0) || !(rb[i]->den > 0))
			continue; /* a side with no interval: the change has none */
		pr[np] = (ae_pair_row){c->metric,
				       c->dimension,
				       c->group,
				       {ra[i]->num, rb[i]->num},
				       {ra[i]->den, rb[i]->den},
				       0,
				       0,
				       0};
		at[np++] = i;
	}
	const ae_study *st[2] = {ae_run_study(r[0]), ae_run_study(r[1])};
	const ae_agg *ag[2] = {ae_run_agg(r[0]), ae_run_agg(r[1])};
	if (np)
		ae_pair_sums(st, ag, pr, np);
	for (size_t k = 0; k < np; k++) {
		ae_change *c = &ch->v[at[k]];
		const ae_row *a = ra[at[k]], *b = rb[at[k]];
		if (!ae_mover_diff(a->est, a->lo, a->hi, b->est, b->lo, b->hi, ae_pair_r(&pr[k]), &c->lo, &c->hi))
			c->method = "cluster_plate_mover";
	}
	free(pr);
	free(at);
}

/* A row of the metric that is not suppressed, or NULL. */
static const ae_row *published(const ae_table *t, const char *metric)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->rows[i].metric, metric) == 0 && !suppressed(&t->rows[i]))
			return &t->rows[i];
	return NULL;
}

static void build_changes(ae_changes *ch, ae_run *const r[2])
{
	const ae_table *ta = ae_run_table(r[0]), *tb = ae_run_table(r[1]);
	ch->v = ae_calloc(ta->n + 1, sizeof *ch->v);
	const ae_row **ra = ae_calloc(ta->n + 1, sizeof *ra), **rb = ae_calloc(ta->n + 1, sizeof *rb);
	for (size_t i = 0; i < ta->n; i++) {
		const ae_row *y = match(ta, tb, &ta->rows[i]);
		if (!y)
			continue;
		ra[ch->n] = &ta->rows[i];
		rb[ch->n] = y;
		ae_change *c = &ch->v[ch->n++];
		change_of(c, &ta->rows[i], y, ch->st[0], ch->st[1], ch->confidence);
		if (suppressed(&ta->rows[i]) && suppressed(y)) {
			/* both hidden: the kind of the metric's published rows (a count's is a ratio) */
			const ae_row *pub = published(ta, c->metric);
			pub = pub ? pub : published(tb, c->metric);
			const ae_metric_def *def = ae_metric_find(c->metric);
			if (pub) {
				ae_change k;
				change_of(&k, pub, pub, ch->st[0], ch->st[1], ch->confidence);
				c->kind = k.kind;
			} else if (def && strstr(def->intervals, "poisson_exact")) {
				c->kind = "ratio";
			}
		}
	}
	paired(ch, ra, rb, r);
	free(ra);
	free(rb);
}

static int write_changes(const ae_changes *ch, FILE *f)
{
	fputs("metric,dimension,group,row_method,estimate_a,estimate_b,change,ci_low,ci_high,kind,method\n", f);
	char b[5][40];
	for (size_t i = 0; i < ch->n; i++) {
		const ae_change *c = &ch->v[i];
		fprintf(f, "%s,%s,", c->metric, c->dimension);
		ae_csv_field(f, c->group);
		fprintf(f, ",%s,%s,%s,%s,%s,%s,%s,%s\n", c->row_method, ae_table_num(c->a, b[0]),
			ae_table_num(c->b, b[1]), ae_table_num(c->change, b[2]), ae_table_num(c->lo, b[3]),
			ae_table_num(c->hi, b[4]), c->kind, c->method);
	}
	return ferror(f) ? -1 : 0;
}

/* Each study's manifest as run writes it (inputs with their SHA-256), and
 * the folder's outputs, under one root. */
static int write_manifest(ae_run *const r[2], ae_outdir *od, FILE *f)
{
	json_t *root = json_object(), *side[2] = {NULL, NULL}, *outs = NULL;
	json_object_set_new(root, "tool", json_string("alpr-eval"));
	json_object_set_new(root, "version", json_string(AE_VERSION));
	json_object_set_new(root, "command", json_string("compare"));
	int rc = 0;
	for (int s = 0; s < 2 && !rc; s++) {
		char *buf = NULL;
		size_t n = 0;
		FILE *m = open_memstream(&buf, &n);
		ae_accounting acc = ae_run_accounting(r[s]);
		/* run's manifest of side A, listing this folder: its "outputs" are ours */
		rc = !m || ae_manifest_write(ae_run_study(r[s]), &acc, ae_run_table(r[s]),
					     s == 0 ? ae_outdir_path(od) : NULL, m);
		if (m)
			fclose(m);
		side[s] = rc ? NULL : json_loads(buf, 0, NULL);
		free(buf);
		rc = rc || !side[s];
	}
	if (!rc) {
		outs = json_incref(json_object_get(side[0], "outputs"));
		json_object_del(side[0], "outputs");
		json_object_set(root, "a", side[0]);
		json_object_set(root, "b", side[1]);
		json_object_set(root, "outputs", outs ? outs : json_array());
		rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) != 0;
		fputc('\n', f);
	}
	json_decref(outs);
	json_decref(side[0]);
	json_decref(side[1]);
	json_decref(root);
	return rc || ferror(f) ? -1 : 0;
}

static int write_file(ae_outdir *od, const char *name, int (*fn)(const void *, void *), const void *x, ae_error *err)
{
	FILE *f = ae_outdir_open(od, name, err);
	if (!f)
		return AE_EIO;
	int w = fn(x, f);
	int c = ae_outdir_close(od, f, name, err);
	if (w && !c)
		c = ae_fail(err, AE_EIO, "%s: write failed", name);
	return c;
}

static int changes_fn(const void *x, void *f) { return write_changes(x, f); }
static int manifest_fn(const void *x, void *f)
{
	const struct {
		ae_run *const *r;
		ae_outdir *od;
	} *m = x;
	return write_manifest(m->r, m->od, f);
}

/* ---------------- the command ---------------- */

static int refuse_early(const ae_compare_options *o, ae_run *const r[2], ae_error *err)
{
	const ae_study *a = ae_run_study(r[0]), *b = ae_run_study(r[1]);
	if (same_path(a->file, b->file) && a->start_day == b->start_day && a->end_day == b->end_day)
		return ae_fail(err, AE_EUSAGE,
			       "%s: a study compared with itself (the same file and period): give two studies, or "
			       "two periods with --period P1 --period P2",
			       a->file);
	if (a->confidence != b->confidence)
		return ae_fail(err, AE_EUSAGE,
			       "%s and %s: different confidence levels (%g and %g): set one confidence in both study "
			       "files",
			       a->file, b->file, a->confidence, b->confidence);
	(void)o;
	return AE_OK;
}

int ae_compare_run(const ae_compare_options *o, char **out, ae_error *err)
{
	*out = NULL;
	ae_run *r[2] = {NULL, NULL};
	int rc = open_side(o, 0, &r[0], err);
	if (!rc)
		rc = open_side(o, 1, &r[1], err);
	if (!rc)
		rc = refuse_early(o, r, err);
	char *dir = NULL;
	if (!rc && o->output)
		dir = ae_strdup(o->output);
	else if (!rc)
		rc = default_output(o, r, &dir, err);
	for (int s = 0; !rc && s < 2; s++)
		if (same_path(dir, ae_run_study(r[s])->output))
			rc = ae_fail(err, AE_EUSAGE,
				     "%s is %s's own report folder: give the comparison another folder with -o DIR",
				     dir, ae_run_study(r[s])->file);
	for (int s = 0; !rc && s < 2; s++)
		rc = analyse_side(r[s], err);
	if (!rc && memcmp(ae_run_agg(r[0])->key_id, ae_run_agg(r[1])->key_id, sizeof ae_run_agg(r[0])->key_id))
		rc = ae_fail(err, AE_EUSAGE,
			     "%s and %s hash plates with different keys: the paired interval matches vehicles by "
			     "keyed plate hash, so both need one plate_key_file (or the same seed without one)",
			     ae_run_study(r[0])->file, ae_run_study(r[1])->file);
	ae_changes ch;
	memset(&ch, 0, sizeof ch);
	ae_outdir *od = NULL;
	if (!rc) {
		ch.st[0] = ae_run_study(r[0]);
		ch.st[1] = ae_run_study(r[1]);
		ch.confidence = ch.st[0]->confidence;
		build_changes(&ch, r);
		rc = ae_outdir_begin(&od, dir, err);
	}
	if (!rc)
		rc = write_file(od, "changes.csv", changes_fn, &ch, err);
	if (!rc)
		rc = ae_compare_report(&ch, od, o->gnuplot, err);
	if (!rc)
		rc = ae_check_stop(err);
	struct {
		ae_run *const *r;
		ae_outdir *od;
	} m = {r, od};
	if (!rc)
		rc = write_file(od, "manifest.json", manifest_fn, &m, err);
	if (!rc)
		rc = ae_outdir_commit(od, err);
	ae_outdir_free(od);
	free(ch.v);
	ae_run_free(r[0]);
	ae_run_free(r[1]);
	if (!rc)
		*out = dir;
	else
		free(dir);
	return rc;
}
