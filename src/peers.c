/* peers.c — see peers.h. The file is parsed with libcsv (its sources and
 * notes hold commas and quotes); the section quotes each peer with its
 * source and places the city's cited rows among them, saying first that the
 * definitions differ, so that a committee reads an order of magnitude, not
 * a ranking. */
#include "peers.h"
#include "brief.h"
#include "metric_list.h"
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCOL 10
static const char *const cols[NCOL] = {"agency",      "state", "period", "metric", "numerator",
				       "denominator", "value", "source", "url",    "note"};

struct ae_peers {
	ae_peer *v;
	size_t n, cap;
	char **strs; /* every field string, owned */
	size_t nstrs, capstrs;
};

/* The parser's state between libcsv's callbacks. */
typedef struct {
	ae_peers *p;
	const char *name;
	char *f[NCOL + 1];
	int nf;
	long line;
	ae_error *err;
	int failed, nomem;
} pstate;

static void field_cb(void *s, size_t len, void *data)
{
	pstate *ps = data;
	if (ps->failed || ps->nomem)
		return;
	if (ps->nf > NCOL) {
		ps->nf++;
		return;
	}
	char *c = malloc(len + 1);
	if (!c) {
		ps->nomem = 1;
		return;
	}
	memcpy(c, s, len);
	c[len] = 0;
	ps->f[ps->nf++] = c;
}

static void drop_fields(pstate *ps)
{
	for (int i = 0; i < ps->nf && i <= NCOL; i++)
		free(ps->f[i]);
	ps->nf = 0;
}

static int keep(ae_peers *p, char *s)
{
	if (p->nstrs == p->capstrs) {
		size_t cap = p->capstrs ? 2 * p->capstrs : 64;
		char **v = realloc(p->strs, cap * sizeof *v);
		if (!v)
			return -1;
		p->strs = v;
		p->capstrs = cap;
	}
	p->strs[p->nstrs++] = s;
	return 0;
}

/* A number field: empty gives NAN when allowed. */
static int number(pstate *ps, int col, int may_be_empty, double *out)
{
	const char *s = ps->f[col];
	if (!*s && may_be_empty) {
		*out = NAN;
		return 0;
	}
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(v) || v < 0) {
		ae_fail(ps->err, AE_EUSAGE, "%s line %ld: field %s: '%s' is not a number of zero or more", ps->name,
			ps->line, cols[col], s);
		return -1;
	}
	*out = v;
	return 0;
}

static int record(pstate *ps)
{
	if (ps->nf != NCOL)
		return ae_fail(ps->err, AE_EUSAGE, "%s line %ld: %d fields, expected %d (%s, ...)", ps->name, ps->line,
			       ps->nf, NCOL, cols[0]);
	if (ps->line == 1) { /* the header */
		for (int i = 0; i < NCOL; i++)
			if (strcmp(ps->f[i], cols[i]) != 0)
				return ae_fail(ps->err, AE_EUSAGE, "%s line 1: column %d is '%s', expected '%s'",
					       ps->name, i + 1, ps->f[i], cols[i]);
		drop_fields(ps);
		return 0;
	}
	ae_peer e = {0};
	e.line = ps->line;
	if (strcmp(ps->f[3], "hit_ratio") == 0)
		e.metric = PEER_HIT_RATIO;
	else if (strcmp(ps->f[3], "retention_days") == 0)
		e.metric = PEER_RETENTION_DAYS;
	else
		return ae_fail(ps->err, AE_EUSAGE,
			       "%s line %ld: field metric: '%s', expected hit_ratio or retention_days", ps->name,
			       ps->line, ps->f[3]);
	for (int i = 0; i < NCOL; i += 7) /* agency and source */
		if (!*ps->f[i])
			return ae_fail(ps->err, AE_EUSAGE, "%s line %ld: field %s is empty", ps->name, ps->line,
				       cols[i]);
	if (number(ps, 4, 1, &e.numerator) || number(ps, 5, 1, &e.denominator) || number(ps, 6, 0, &e.value))
		return -1;
	if (isnan(e.numerator) != isnan(e.denominator))
		return ae_fail(ps->err, AE_EUSAGE, "%s line %ld: numerator and denominator: give both or neither",
			       ps->name, ps->line);
	if (e.metric == PEER_HIT_RATIO &&
	    (e.value > 1 ||
	     (!isnan(e.numerator) &&
	      (e.denominator <= 0 || fabs(e.numerator / e.denominator - e.value) > 1e-9 * fmax(e.value, 1e-12)))))
		return ae_fail(ps->err, AE_EUSAGE,
			       "%s line %ld: field value: %s is not numerator / denominator (a share of 1 or less)",
			       ps->name, ps->line, ps->f[6]);
	const char **dst[] = {&e.agency, &e.state, &e.period, NULL, NULL, NULL, NULL, &e.source, &e.url, &e.note};
	for (int i = 0; i < NCOL; i++) {
		if (keep(ps->p, ps->f[i])) {
			ps->nomem = 1;
			return -1;
		}
		if (dst[i])
			*dst[i] = ps->f[i];
		ps->f[i] = NULL;
	}
	ps->nf = 0;
	ae_peers *p = ps->p;
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 16;
		ae_peer *v = realloc(p->v, cap * sizeof *v);
		if (!v) {
			ps->nomem = 1;
			return -1;
		}
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n++] = e;
	return 0;
}

static void record_cb(int c, void *data)
{
	(void)c;
	pstate *ps = data;
	ps->line++;
	if (ps->failed || ps->nomem)
		return;
	if (record(ps) && !ps->nomem)
		ps->failed = 1;
	drop_fields(ps);
}

int ae_peers_parse(const unsigned char *text, size_t len, const char *name, ae_peers **out, ae_error *err)
{
	*out = NULL;
	ae_peers *p = calloc(1, sizeof *p);
	struct csv_parser cp;
	if (!p || csv_init(&cp, CSV_STRICT) != 0) {
		free(p);
		return ae_fail(err, AE_EIO, "%s: out of memory", name);
	}
	pstate ps = {.p = p, .name = name, .err = err};
	int bad = csv_parse(&cp, text, len, field_cb, record_cb, &ps) != len;
	if (!bad && csv_fini(&cp, field_cb, record_cb, &ps) != 0)
		bad = 1;
	if (bad && !ps.failed)
		ae_fail(err, AE_EUSAGE, "%s line %ld: %s", name, ps.line + 1, csv_strerror(csv_error(&cp)));
	csv_free(&cp);
	drop_fields(&ps);
	if (ps.nomem && !ps.failed)
		ae_fail(err, AE_EIO, "%s: out of memory", name);
	if (bad || ps.failed || ps.nomem) {
		ae_peers_free(p);
		return err->status ? err->status : AE_EUSAGE;
	}
	*out = p;
	return 0;
}

int ae_peers_load_builtin(ae_peers **out, ae_error *err)
{
	return ae_peers_parse(ae_peers_text, ae_peers_text_len, AE_PEERS_BUILTIN, out, err);
}

size_t ae_peers_count(const ae_peers *p) { return p ? p->n : 0; }
const ae_peer *ae_peers_get(const ae_peers *p, size_t i) { return p && i < p->n ? &p->v[i] : NULL; }

void ae_peers_free(ae_peers *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nstrs; i++)
		free(p->strs[i]);
	free(p->strs);
	free(p->v);
	free(p);
}

const char *ae_peers_url_shown(const char *url)
{
	if (strncmp(url, "https://", 8) == 0)
		return url + 8;
	if (strncmp(url, "http://", 7) == 0)
		return url + 7;
	return url;
}

/* The source cell: who published it, where, and what it counts. */
static void source_cell(ae_doc *d, const ae_peer *e)
{
	ae_doc_cell(d);
	ae_doc_put(d, e->source);
	if (*e->url) {
		ae_doc_put(d, ", ");
		ae_doc_put(d, ae_peers_url_shown(e->url));
	}
	if (*e->note) {
		ae_doc_put(d, ". ");
		ae_doc_put(d, e->note);
	}
	ae_doc_cell_end(d);
}

static void peer_cells(ae_doc *d, const ae_peer *e)
{
	char who[512];
	if (*e->state)
		snprintf(who, sizeof who, "%s (%s)", e->agency, e->state);
	else
		snprintf(who, sizeof who, "%s", e->agency);
	ae_doc_cell_text(d, who);
	ae_doc_cell_text(d, e->period);
}

static void hit_ratios(brief *b, const ae_peers *p)
{
	ae_doc *d = &b->d;
	ae_doc_h3(d, "Alerts per read");
	const ae_row *r = brief_find(b, AE_M(hit_rate), "all", "all", "cluster_plate");
	if (!r)
		r = brief_find(b, AE_M(hit_rate), "all", "all", NULL);
	size_t n = 0, below = 0, within = 0, above = 0;
	for (size_t i = 0; i < p->n; i++) {
		const ae_peer *e = &p->v[i];
		if (e->metric != PEER_HIT_RATIO)
			continue;
		n++;
		if (r && !isnan(r->lo) && !isnan(r->hi)) {
			below += e->value < r->lo;
			above += e->value > r->hi;
			within += e->value >= r->lo && e->value <= r->hi;
		}
	}
	ae_doc_para(d);
	if (r) {
		brief_sentence(b, "In this study ", r, FIG_PCT, " of reads raised an alert. ");
		if (n && below + within + above == n)
			ae_doc_putf(d,
				    "Of the %zu published figures below, %zu %s under the lower end of this interval, "
				    "%zu within it and %zu above its upper end.",
				    n, below, below == 1 ? "is" : "are", within, above);
	} else {
		ae_doc_put(d, "This study has no read log, so its alerts per read are not computed; the published "
			      "figures are listed for reference.");
	}
	ae_doc_para_end(d);
	if (!n)
		return;
	static const char *const heads[] = {"Agency", "Period", "Alerts per read", "Source"};
	ae_doc_table_open(d, "llrl", heads);
	for (size_t i = 0; i < p->n; i++) {
		const ae_peer *e = &p->v[i];
		if (e->metric != PEER_HIT_RATIO)
			continue;
		char v[64], num[64], den[64], cell[256];
		ae_num_figure(v, sizeof v, e->value, FIG_PCT, ae_num_decimals(FIG_PCT, e->value));
		if (!isnan(e->numerator)) {
			ae_num_count(num, sizeof num, e->numerator);
			ae_num_count(den, sizeof den, e->denominator);
			snprintf(cell, sizeof cell, "%s (%s of %s)", v, num, den);
		} else {
			snprintf(cell, sizeof cell, "%s", v);
		}
		ae_doc_row_open(d);
		peer_cells(d, e);
		ae_doc_cell_text(d, cell);
		source_cell(d, e);
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);
}

static void retention(brief *b, const ae_peers *p)
{
	ae_doc *d = &b->d;
	ae_doc_h3(d, "How long reads are kept");
	long pol = b->st->retention_days;
	size_t n = 0, shorter = 0, same = 0, longer = 0;
	for (size_t i = 0; i < p->n; i++) {
		const ae_peer *e = &p->v[i];
		if (e->metric != PEER_RETENTION_DAYS)
			continue;
		n++;
		shorter += e->value < (double)pol;
		same += e->value == (double)pol;
		longer += e->value > (double)pol;
	}
	ae_doc_para(d);
	if (pol > 0) {
		ae_doc_putf(d, "The study gives the agency's retention policy as %ld days", pol);
		if (n)
			ae_doc_putf(d,
				    ": of the %zu published policies below, %zu %s shorter, %zu the same and %zu longer",
				    n, shorter, shorter == 1 ? "is" : "are", same, longer);
		ae_doc_put(d, ". ");
		char g[32];
		snprintf(g, sizeof g, "%ld", pol);
		brief_sentence(b, "On the period's last day such a policy holds reads of ",
			       brief_find(b, AE_M(vehicles_held_at_end), "days", g, NULL), FIG_COUNT, " vehicles. ");
	} else {
		ae_doc_put(d, "The study does not give the agency's retention policy (retention_days), so it is not "
			      "placed among the published ones. ");
	}
	brief_sentence(b, "The read log supplied runs over ",
		       brief_find(b, AE_M(read_log_span_days), "all", "all", NULL), FIG_COUNT,
		       " days from its first read to its last. ");
	ae_doc_para_end(d);
	if (!n)
		return;
	static const char *const heads[] = {"Agency", "As of", "Retention", "Source"};
	ae_doc_table_open(d, "llrl", heads);
	for (size_t i = 0; i < p->n; i++) {
		const ae_peer *e = &p->v[i];
		if (e->metric != PEER_RETENTION_DAYS)
			continue;
		char v[64], cell[96];
		ae_num_count(v, sizeof v, e->value);
		snprintf(cell, sizeof cell, "%s days", v);
		ae_doc_row_open(d);
		peer_cells(d, e);
		ae_doc_cell_text(d, cell);
		source_cell(d, e);
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);
}

void ae_peers_section(brief *b)
{
	ae_doc *d = &b->d;
	ae_peers *p;
	ae_error err = {0};
	ae_doc_para(d);
	ae_doc_put(d,
		   "How does this city compare? The figures below were published by other agencies or by those "
		   "who obtained their records; they are quoted, with their sources, from the table " AE_PEERS_DEFAULT
		   " that ships with alpr-eval, and are not computed here. Definitions differ: some count reads, "
		   "others detections or plates scanned; a hit is usually an alert raised, not one an officer "
		   "verified; hotlists differ from place to place (in some, most entries are registration "
		   "problems). Read them as orders of magnitude, not as a ranking.");
	ae_doc_para_end(d);
	if (ae_peers_load_builtin(&p, &err)) { /* the shipped file is checked by the tests: a build fault */
		ae_doc_para(d);
		ae_doc_put(d, "The published figures could not be read: ");
		ae_doc_put(d, err.msg);
		ae_doc_para_end(d);
		return;
	}
	hit_ratios(b, p);
	retention(b, p);
	ae_peers_free(p);
}
