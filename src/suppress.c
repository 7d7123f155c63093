/* suppress.c — see suppress.h. The reader it guards against sees only what
 * is published: metrics.csv (every row), manifest.json (the outcomes
 * table's accepted count, distinct_vehicles) and the briefing (the same
 * numbers). Its knowledge of a hidden cell is an interval [lb, ub], made
 * from the relations that hold by definition and tightened until nothing
 * moves; an interval of one value is a recovered cell. */
#include "suppress.h"
#include "exposure.h"
#include "hashtab.h"
#include "schema.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* F_RPV: vehicles in a reads-per-vehicle bin; F_READ20: those read 20 times
 * or more; F_BINREADS: the reads of a bin's vehicles (not a count of vehicles,
 * but it bounds one: a bin's vehicles times its edges) */
enum {
	F_PLATES,
	F_TRACKED,
	F_ONCE,
	F_OUTCOMES,
	F_LINKED,
	F_YIELD,
	F_ENFORCE,
	F_USERS,
	F_HELD,
	F_QUIET,
	F_READ20,
	F_RPV,
	F_BINREADS
};
enum { P_EST, P_NUM, P_DEN, P_NONE }; /* P_NONE: the row goes with the cell but shows no part of it */
#define NONE SIZE_MAX
#define MAXCARRY 2 /* cells one row carries at most */
#define SWEEPS 100 /* bound propagation stops here even if still moving (its bounds stay sound) */

/* The cells a metric's rows carry, by column. at_all: the cell at (all,
 * all) whatever the row's group (the vehicle shares divide by every vehicle). */
typedef struct carry {
	int metric, part, fam, at_all;
} carry;

static const carry carries[] = {
	{AE_METRIC_distinct_plates, P_EST, F_PLATES, 0},
	{AE_METRIC_tracked_plates_share, P_NUM, F_TRACKED, 0},
	{AE_METRIC_tracked_plates_share, P_DEN, F_PLATES, 1},
	{AE_METRIC_plates_seen_once_share, P_NUM, F_ONCE, 0},
	{AE_METRIC_plates_seen_once_share, P_DEN, F_PLATES, 1},
	{AE_METRIC_vehicles_read_20_plus_share, P_NUM, F_READ20, 0},
	{AE_METRIC_vehicles_read_20_plus_share, P_DEN, F_PLATES, 1},
	{AE_METRIC_reads_per_vehicle_share, P_NUM, F_RPV, 0},
	{AE_METRIC_reads_per_vehicle_share, P_DEN, F_PLATES, 1},
	/* a bin's reads go with its vehicles: with them, the reads of one vehicle read 100+ times would show */
	{AE_METRIC_reads_per_vehicle_read_share, P_NUM, F_BINREADS, 0},
	{AE_METRIC_reads_per_vehicle_read_share, P_NONE, F_RPV, 0},
	{AE_METRIC_outcomes, P_EST, F_OUTCOMES, 0},
	{AE_METRIC_outcomes_linked, P_EST, F_LINKED, 0},
	{AE_METRIC_outcomes_per_million_reads, P_NUM, F_OUTCOMES, 0},
	{AE_METRIC_reads_per_outcome, P_DEN, F_OUTCOMES, 0},
	{AE_METRIC_cost_per_outcome, P_DEN, F_OUTCOMES, 0},
	{AE_METRIC_outcome_yield, P_NUM, F_YIELD, 0},
	{AE_METRIC_enforcement_yield, P_NUM, F_ENFORCE, 0},
	{AE_METRIC_search_users, P_EST, F_USERS, 0},
	{AE_METRIC_searches_per_user, P_DEN, F_USERS, 1},
	/* vehicles held at the end: the estimate (the denominator is the same
	 * count) and the numerator, those with no alert */
	{AE_METRIC_vehicles_held_at_end, P_EST, F_HELD, 0},
	{AE_METRIC_vehicles_held_at_end, P_NUM, F_QUIET, 0},
};
#define NCARRIES (sizeof carries / sizeof carries[0])

typedef struct cell {
	int fam;
	const char *dim, *group; /* borrowed from the table's rows */
	double v;                /* its value where a row published it before this pass; NAN: none did */
	double cap;              /* a published count of another kind that bounds it (alerts, reads); INFINITY: none */
	double floor;            /* the least it can be from a published count of another kind (0: none) */
	size_t partner;          /* the cell whose being shown says a hidden one is not 0 (NONE: none) */
	int shown;               /* some row not suppressed carries it */
	int given_up;            /* pinned, and hiding one more cell does not unpin it */
	double lb, ub;           /* what a reader can tell while it is hidden */
} cell;

/* sum of coef x cell over terms[first .. first+n) is = c (eq) or <= c */
typedef struct term {
	size_t cell;
	double coef;
} term;
typedef struct rel {
	size_t first, n;
	int eq;
	double c;
} rel;

typedef struct sp {
	ae_table *t;
	const ae_suppress_opts *o;
	ae_strtab *keys; /* "fam dim group" -> cell index (interned in creation order) */
	cell *cells;
	size_t ncells, capc;
	size_t *rowcell;    /* MAXCARRY per row */
	unsigned char *sup; /* per row: suppressed (before this pass, or by it) */
	term *terms;
	size_t nterms, capt;
	rel *rels;
	size_t nrels, capr;
} sp;

/* ---------------- cells ---------------- */
static void cell_key(ae_buf *k, int fam, const char *dim, const char *group)
{
	k->len = 0;
	ae_buf_printf(k, "%d\x1f%s\x1f%s", fam, dim, group);
}

static size_t cell_find(const sp *s, int fam, const char *dim, const char *group)
{
	ae_buf k;
	ae_buf_init(&k);
	cell_key(&k, fam, dim, group);
	uint32_t id = ae_strtab_find(s->keys, k.data, k.len);
	ae_buf_release(&k);
	return id == UINT32_MAX ? NONE : id;
}

static size_t cell_get(sp *s, int fam, const char *dim, const char *group)
{
	ae_buf k;
	ae_buf_init(&k);
	cell_key(&k, fam, dim, group);
	int added;
	size_t id = ae_strtab_intern(s->keys, k.data, k.len, &added);
	ae_buf_release(&k);
	if (!added)
		return id;
	if (s->ncells == s->capc) {
		s->capc = s->capc ? 2 * s->capc : 64;
		s->cells = ae_realloc(s->cells, s->capc * sizeof *s->cells);
	}
	cell *c = &s->cells[s->ncells++];
	memset(c, 0, sizeof *c);
	c->fam = fam;
	c->dim = dim;
	c->group = group;
	c->v = NAN;
	c->cap = INFINITY;
	c->partner = NONE;
	return id;
}

static double part_of(const ae_row *r, int part)
{
	return part == P_EST ? r->est : part == P_NUM ? r->num : part == P_DEN ? r->den : NAN;
}

/* Every row's cells, and the values the rows not yet suppressed publish. */
static void collect(sp *s)
{
	ae_table *t = s->t;
	for (size_t i = 0; i < t->n; i++) {
		ae_row *r = &t->rows[i];
		s->sup[i] = strcmp(r->method, "suppressed") == 0;
		size_t k = 0;
		for (size_t j = 0; j < NCARRIES && k < MAXCARRY; j++) {
			const carry *c = &carries[j];
			if (strcmp(r->metric, ae_metric_defs[c->metric].name) != 0)
				continue;
			size_t id = c->at_all ? cell_get(s, c->fam, "all", "all")
					      : cell_get(s, c->fam, r->dimension, r->group);
			s->rowcell[i * MAXCARRY + k++] = id;
			double v = part_of(r, c->part);
			if (!s->sup[i] && !isnan(v))
				s->cells[id].v = v;
		}
	}
}

static void lower_cap(sp *s, size_t id, double v)
{
	if (id != NONE && !isnan(v) && v < s->cells[id].cap)
		s->cells[id].cap = v;
}

/* Published counts of other kinds that bound a cell: a place's reads bound
 * its vehicles; a group's alerts bound its alerts with an outcome. */
static void caps(sp *s)
{
	const ae_table *t = s->t;
	for (size_t i = 0; i < t->n; i++) {
		const ae_row *r = &t->rows[i];
		if (s->sup[i])
			continue;
		if (strcmp(r->metric, AE_M(reads)) == 0)
			lower_cap(s, cell_find(s, F_PLATES, r->dimension, r->group), r->est);
		if (strcmp(r->metric, AE_M(reads_held_at_end)) == 0) { /* each vehicle held has a read held */
			size_t id = cell_find(s, F_HELD, r->dimension, r->group);
			lower_cap(s, id, r->est);
			if (id != NONE && r->est > 0)
				s->cells[id].floor = 1;
		}
		if (strcmp(r->metric, AE_M(hits)) == 0) {
			lower_cap(s, cell_find(s, F_YIELD, r->dimension, r->group), r->est);
			lower_cap(s, cell_find(s, F_ENFORCE, r->dimension, r->group), r->est);
		}
		for (size_t k = 0; k < MAXCARRY; k++) { /* a yield row's denominator: its alerts */
			size_t id = s->rowcell[i * MAXCARRY + k];
			if (id != NONE && (s->cells[id].fam == F_YIELD || s->cells[id].fam == F_ENFORCE))
				lower_cap(s, id, r->den);
		}
	}
}

/* Which cells rows not suppressed still show. */
static void refresh(sp *s)
{
	for (size_t c = 0; c < s->ncells; c++)
		s->cells[c].shown = 0;
	for (size_t i = 0; i < s->t->n; i++)
		for (size_t k = 0; k < MAXCARRY && !s->sup[i]; k++) {
			size_t id = s->rowcell[i * MAXCARRY + k];
			if (id != NONE && !isnan(s->cells[id].v))
				s->cells[id].shown = 1;
		}
}

/* Suppresses every row that carries the cell (refresh afterwards). */
static void hide_rows(sp *s, size_t id)
{
	for (size_t i = 0; i < s->t->n; i++)
		for (size_t k = 0; k < MAXCARRY; k++)
			if (s->rowcell[i * MAXCARRY + k] == id)
				s->sup[i] = 1;
}

/* outcomes_linked never says more than outcomes (doc/metrics.md, section 3):
 * a type's linked count goes with its outcomes count, 0 included. */
static void follow(sp *s)
{
	int any = 0;
	for (size_t i = 0; i < s->ncells; i++) {
		const cell *c = &s->cells[i];
		if (c->fam == F_LINKED && c->partner != NONE && !s->cells[c->partner].shown && c->shown) {
			hide_rows(s, i);
			any = 1;
		}
	}
	if (any)
		refresh(s);
}

static void hide(sp *s, size_t id)
{
	hide_rows(s, id);
	refresh(s);
	follow(s);
}

/* ---------------- relations ---------------- */
static void rel_open(sp *s, int eq, double c)
{
	if (s->nrels == s->capr) {
		s->capr = s->capr ? 2 * s->capr : 64;
		s->rels = ae_realloc(s->rels, s->capr * sizeof *s->rels);
	}
	s->rels[s->nrels++] = (rel){s->nterms, 0, eq, c};
}

static void rel_term(sp *s, size_t id, double coef)
{
	if (id == NONE)
		return;
	if (s->nterms == s->capt) {
		s->capt = s->capt ? 2 * s->capt : 256;
		s->terms = ae_realloc(s->terms, s->capt * sizeof *s->terms);
	}
	s->terms[s->nterms++] = (term){id, coef};
	s->rels[s->nrels - 1].n++;
}

/* a <= b, when both cells exist. */
static void rel_le(sp *s, size_t a, size_t b)
{
	if (a == NONE || b == NONE)
		return;
	rel_open(s, 0, 0);
	rel_term(s, a, 1);
	rel_term(s, b, -1);
}

/* Whether cell i is the first of its family and dimension (one relation per dimension). */
static int first_of_dim(const sp *s, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (s->cells[j].fam == s->cells[i].fam && strcmp(s->cells[j].dim, s->cells[i].dim) == 0)
			return 0;
	return 1;
}

/* sign x (the cells of fam in dim) added to the open relation. */
static void rel_dim(sp *s, int fam, const char *dim, double sign)
{
	for (size_t j = 0; j < s->ncells; j++)
		if (s->cells[j].fam == fam && strcmp(s->cells[j].dim, dim) == 0)
			rel_term(s, j, sign);
}

/* Sums to a published total: each dimension of alerts with an outcome sums
 * to its `all` cell (every alert has one hotlist, camera, area, month);
 * outcome types sum to the outcomes table's accepted count. */
static void sums(sp *s)
{
	static const int yields[] = {F_YIELD, F_ENFORCE};
	for (int y = 0; y < 2; y++) {
		size_t all = cell_find(s, yields[y], "all", "all");
		for (size_t i = 0; all != NONE && i < s->ncells; i++) {
			const cell *c = &s->cells[i];
			if (c->fam != yields[y] || strcmp(c->dim, "all") == 0 || !first_of_dim(s, i))
				continue;
			rel_open(s, 1, 0);
			rel_dim(s, yields[y], c->dim, 1);
			rel_term(s, all, -1);
		}
	}
	for (size_t i = 0; !isnan(s->o->outcomes_total) && i < s->ncells; i++)
		if (s->cells[i].fam == F_OUTCOMES && first_of_dim(s, i)) {
			rel_open(s, 1, s->o->outcomes_total);
			rel_dim(s, F_OUTCOMES, s->cells[i].dim, 1);
		}
}

/* Whether an outcome type (by name) is one enforcement_yield counts. */
static int enforcement_type(const sp *s, const char *name)
{
	for (int o = 0; o < OT_COUNT; o++)
		if (strcmp(ae_outcome_names[o], name) == 0)
			return (s->o->enforcement_mask >> o) & 1;
	return 0;
}

/* Alerts with an (enforcement) outcome at all are at most the linked
 * outcomes (of those types): each such alert has at least one. */
static void yield_le_linked(sp *s, int fam, int enforcement)
{
	size_t all = cell_find(s, fam, "all", "all");
	if (all == NONE)
		return;
	rel_open(s, 0, 0);
	rel_term(s, all, 1);
	for (size_t j = 0; j < s->ncells; j++) {
		const cell *c = &s->cells[j];
		if (c->fam == F_LINKED && strcmp(c->dim, "outcome") == 0 &&
		    (!enforcement || enforcement_type(s, c->group)))
			rel_term(s, j, -1);
	}
}

/* Vehicles held at the end: those with no alert among them; all of them
 * among the vehicles; more held, more with no alert and more with one the
 * longer the policy (cells in row order, d ascending); every vehicle when
 * every read is held (reads_held_at_end equals reads). */
static void held_orders(sp *s, size_t pall)
{
	size_t prev = NONE, prevq = NONE;
	for (size_t i = 0; i < s->ncells; i++) {
		if (s->cells[i].fam != F_HELD)
			continue;
		size_t q = cell_find(s, F_QUIET, s->cells[i].dim, s->cells[i].group);
		rel_le(s, q, i);
		rel_le(s, i, pall);
		rel_le(s, prev, i);
		rel_le(s, prevq, q);
		if (prev != NONE && prevq != NONE && q != NONE) { /* held - quiet: those with an alert */
			rel_open(s, 0, 0);
			rel_term(s, prev, 1);
			rel_term(s, prevq, -1);
			rel_term(s, i, -1);
			rel_term(s, q, 1);
		}
		prev = i;
		prevq = q;
	}
	const ae_row *all = ae_table_find(s->t, AE_M(reads), "all", "all", "none");
	for (size_t i = 0; all && pall != NONE && i < s->t->n; i++) {
		const ae_row *r = &s->t->rows[i];
		if (strcmp(r->metric, AE_M(reads_held_at_end)) != 0 || isnan(r->est) || r->est != all->est)
			continue;
		size_t id = cell_find(s, F_HELD, r->dimension, r->group);
		if (id != NONE) {
			rel_open(s, 1, 0);
			rel_term(s, id, 1);
			rel_term(s, pall, -1);
		}
	}
}

/* The reads-per-vehicle bins: their vehicles sum to all vehicles, the top
 * two to those read 20 times or more, the first is the vehicles read once;
 * their reads sum to all reads, and lie between a bin's vehicles times its
 * lower and upper edge (bin 1: equal). */
static void rpv_orders(sp *s, size_t pall)
{
	size_t v[AE_RPV_BINS], r[AE_RPV_BINS];
	for (int k = 0; k < AE_RPV_BINS; k++) {
		v[k] = cell_find(s, F_RPV, "reads_per_vehicle", ae_rpv_names[k]);
		r[k] = cell_find(s, F_BINREADS, "reads_per_vehicle", ae_rpv_names[k]);
	}
	if (pall != NONE && v[0] != NONE) {
		rel_open(s, 1, 0);
		for (int k = 0; k < AE_RPV_BINS; k++)
			rel_term(s, v[k], 1);
		rel_term(s, pall, -1);
	}
	size_t often = cell_find(s, F_READ20, "all", "all"), once = cell_find(s, F_ONCE, "all", "all");
	if (often != NONE && v[3] != NONE && v[4] != NONE) {
		rel_open(s, 1, 0);
		rel_term(s, often, 1);
		rel_term(s, v[3], -1);
		rel_term(s, v[4], -1);
	}
	if (once != NONE && v[0] != NONE) {
		rel_open(s, 1, 0);
		rel_term(s, once, 1);
		rel_term(s, v[0], -1);
	}
	const ae_row *all = ae_table_find(s->t, AE_M(reads), "all", "all", "none");
	if (all && !isnan(all->est) && r[0] != NONE) {
		rel_open(s, 1, all->est);
		for (int k = 0; k < AE_RPV_BINS; k++)
			rel_term(s, r[k], 1);
	}
	for (int k = 0; k < AE_RPV_BINS; k++) {
		if (v[k] == NONE || r[k] == NONE)
			continue;
		rel_open(s, 0, 0); /* lo x vehicles <= reads */
		rel_term(s, v[k], (double)ae_rpv_lo[k]);
		rel_term(s, r[k], -1);
		if (k + 1 < AE_RPV_BINS) { /* reads <= (next lo - 1) x vehicles */
			rel_open(s, 0, 0);
			rel_term(s, r[k], 1);
			rel_term(s, v[k], -(double)(ae_rpv_lo[k + 1] - 1));
		}
	}
}

/* Orderings that hold by definition, and the partner cells of lower_bound. */
static void orders(sp *s)
{
	size_t pall = cell_find(s, F_PLATES, "all", "all");
	for (size_t i = 0; i < s->ncells; i++) {
		cell *c = &s->cells[i];
		if (c->fam == F_LINKED) /* outcomes of a type linked to an alert: some of that type's */
			rel_le(s, i, c->partner = cell_find(s, F_OUTCOMES, c->dim, c->group));
		if (c->fam == F_ENFORCE) /* an alert with an enforcement outcome has an outcome */
			rel_le(s, i, cell_find(s, F_YIELD, c->dim, c->group));
		if (c->fam == F_TRACKED || c->fam == F_ONCE || c->fam == F_READ20 || c->fam == F_RPV)
			rel_le(s, i, c->partner = pall);
		if (c->fam == F_PLATES && strcmp(c->dim, "all") != 0) {
			rel_le(s, i, pall);
			if (pall != NONE && first_of_dim(s, i)) { /* every vehicle was read somewhere */
				rel_open(s, 0, 0);
				rel_term(s, pall, 1);
				rel_dim(s, F_PLATES, c->dim, -1);
			}
		}
	}
	held_orders(s, pall);
	rpv_orders(s, pall);
	size_t tr = cell_find(s, F_TRACKED, "all", "all"), once = cell_find(s, F_ONCE, "all", "all");
	if (s->o->tracked_cameras >= 2 && tr != NONE && once != NONE && pall != NONE) {
		/* read once is one camera: never tracked */
		rel_open(s, 0, 0);
		rel_term(s, tr, 1);
		rel_term(s, once, 1);
		rel_term(s, pall, -1);
	}
	yield_le_linked(s, F_YIELD, 0);
	yield_le_linked(s, F_ENFORCE, 1);
}

/* ---------------- what a reader can tell ---------------- */
/* The least a hidden cell can be. Places and outcome types have rows only
 * when there is something; elsewhere 0 is published, so a hidden cell is
 * not 0 unless the rule hides zeros there too (a share of fewer than
 * min_cell alerts; a linked count or a vehicle share whose base is hidden). */
static double lower_bound(const sp *s, const cell *c)
{
	switch (c->fam) {
	case F_PLATES:
	case F_OUTCOMES: return 1;
	case F_YIELD:
	case F_ENFORCE: return c->cap >= (double)s->o->min_cell ? 1 : 0;
	default: return c->partner != NONE && s->cells[c->partner].shown ? 1 : c->floor;
	}
}

/* Running sums of a relation's least and greatest value, infinities counted apart. */
typedef struct span {
	double lo, hi;
	int lo_inf, hi_inf;
} span;

static void term_span(const sp *s, const term *t, double *lo, double *hi)
{
	const cell *c = &s->cells[t->cell];
	*lo = t->coef > 0 ? t->coef * c->lb : t->coef * c->ub;
	*hi = t->coef > 0 ? t->coef * c->ub : t->coef * c->lb;
}

static span rel_span(const sp *s, const rel *r)
{
	span a = {0, 0, 0, 0};
	for (size_t k = 0; k < r->n; k++) {
		double lo, hi;
		term_span(s, &s->terms[r->first + k], &lo, &hi);
		if (isinf(lo) != 0)
			a.lo_inf++;
		else
			a.lo += lo;
		if (isinf(hi) != 0)
			a.hi_inf++;
		else
			a.hi += hi;
	}
	return a;
}

/* Tightens each hidden member of r from the others; 1 if a bound moved. */
static int tighten(sp *s, const rel *r)
{
	span a = rel_span(s, r);
	int moved = 0;
	for (size_t k = 0; k < r->n; k++) {
		const term *t = &s->terms[r->first + k];
		cell *c = &s->cells[t->cell];
		if (c->shown)
			continue;
		double lo, hi;
		term_span(s, t, &lo, &hi);
		int lo_inf = isinf(lo) != 0, hi_inf = isinf(hi) != 0; /* glibc's isinf says -1 for -inf */
		double rest_lo = a.lo_inf > lo_inf ? -INFINITY : lo_inf ? a.lo : a.lo - lo;
		double rest_hi = a.hi_inf > hi_inf ? INFINITY : hi_inf ? a.hi : a.hi - hi;
		/* coef x <= c - rest_lo; for an equation also coef x >= c - rest_hi */
		double up = (r->c - rest_lo) / t->coef, down = r->eq ? (r->c - rest_hi) / t->coef : -INFINITY;
		if (t->coef < 0) {
			double x = up;
			up = r->eq ? down : INFINITY;
			down = x;
		}
		up = floor(up + 1e-9);
		down = ceil(down - 1e-9);
		if (up < c->ub) {
			c->ub = up;
			moved = 1;
		}
		if (down > c->lb) {
			c->lb = down;
			moved = 1;
		}
	}
	return moved;
}

static void propagate(sp *s)
{
	for (size_t i = 0; i < s->ncells; i++) {
		cell *c = &s->cells[i];
		c->lb = c->shown ? c->v : lower_bound(s, c);
		c->ub = c->shown ? c->v : c->cap;
	}
	for (int n = 0; n < SWEEPS; n++) {
		int moved = 0;
		for (size_t r = 0; r < s->nrels; r++)
			moved |= tighten(s, &s->rels[r]);
		if (!moved)
			break;
	}
}

static int pinned(const sp *s, size_t i)
{
	const cell *c = &s->cells[i];
	return !c->shown && !c->given_up && c->lb >= c->ub;
}

/* ---------------- the pass ---------------- */
/* The first rule: counts in (0, min_cell), and shares of fewer than min_cell alerts. */
static void primary(sp *s)
{
	double m = (double)s->o->min_cell;
	for (size_t i = 0; i < s->ncells; i++) {
		const cell *c = &s->cells[i];
		int yield = c->fam == F_YIELD || c->fam == F_ENFORCE;
		if (c->shown && ((c->v > 0 && c->v < m) || (yield && c->cap > 0 && c->cap < m)))
			hide_rows(s, i);
	}
	refresh(s);
	follow(s);
}

/* Smallest first, `all` cells last (the headline figure goes only when nothing else will do). */
static const sp *cand_sp;
static int cand_cmp(const void *x, const void *y)
{
	const cell *a = &cand_sp->cells[*(const size_t *)x], *b = &cand_sp->cells[*(const size_t *)y];
	int aa = strcmp(a->dim, "all") == 0, ba = strcmp(b->dim, "all") == 0;
	if (aa != ba)
		return aa - ba;
	if (a->v != b->v)
		return a->v < b->v ? -1 : 1;
	return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

/* Published non-zero cells sharing a relation with cell p, in the order to try them. */
static size_t candidates(const sp *s, size_t p, size_t *out, unsigned char *mark)
{
	size_t n = 0;
	memset(mark, 0, s->ncells);
	for (size_t r = 0; r < s->nrels; r++) {
		const rel *q = &s->rels[r];
		int has = 0;
		for (size_t k = 0; k < q->n && !has; k++)
			has = s->terms[q->first + k].cell == p;
		for (size_t k = 0; has && k < q->n; k++) {
			size_t id = s->terms[q->first + k].cell;
			if (!mark[id] && s->cells[id].shown && s->cells[id].v > 0)
				out[n++] = id;
			mark[id] = 1;
		}
	}
	cand_sp = s;
	qsort(out, n, sizeof *out, cand_cmp);
	return n;
}

/* Hides the first candidate that leaves cell p unpinned; 0 if none does. */
static int protect(sp *s, size_t p)
{
	size_t *cand = ae_malloc((s->ncells + 1) * sizeof *cand);
	unsigned char *mark = ae_malloc(s->ncells + 1), *save = ae_malloc(s->t->n + 1);
	size_t n = candidates(s, p, cand, mark);
	int ok = 0;
	for (size_t k = 0; k < n && !ok; k++) {
		memcpy(save, s->sup, s->t->n);
		hide(s, cand[k]);
		propagate(s);
		ok = !pinned(s, p);
		if (!ok) {
			memcpy(s->sup, save, s->t->n);
			refresh(s);
		}
	}
	free(cand);
	free(mark);
	free(save);
	return ok;
}

/* Writes the decisions into the table: method `suppressed`, no numbers. */
static size_t apply(sp *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->t->n; i++) {
		ae_row *r = &s->t->rows[i];
		if (!s->sup[i] || strcmp(r->method, "suppressed") == 0)
			continue;
		r->method = "suppressed";
		r->est = r->lo = r->hi = r->num = r->den = NAN;
		n++;
	}
	return n;
}

void ae_suppress_table(ae_table *t, const ae_suppress_opts *o, ae_suppress_result *res)
{
	ae_suppress_result out = {0, 0};
	if (o->min_cell <= 0 || !t->n) {
		if (res)
			*res = out;
		return;
	}
	sp s;
	memset(&s, 0, sizeof s);
	s.t = t;
	s.o = o;
	s.keys = ae_strtab_new();
	s.sup = ae_calloc(t->n, 1);
	s.rowcell = ae_malloc(t->n * MAXCARRY * sizeof *s.rowcell);
	for (size_t i = 0; i < t->n * MAXCARRY; i++)
		s.rowcell[i] = NONE;
	collect(&s);
	caps(&s);
	refresh(&s);
	sums(&s);
	orders(&s);
	primary(&s);
	for (;;) { /* each turn hides a row or gives a cell up: it ends */
		propagate(&s);
		size_t p = NONE;
		for (size_t i = 0; i < s.ncells && p == NONE; i++)
			if (pinned(&s, i))
				p = i;
		if (p == NONE)
			break;
		if (!protect(&s, p)) {
			s.cells[p].given_up = 1;
			out.exposed++;
		}
	}
	out.rows = apply(&s);
	ae_strtab_free(s.keys);
	free(s.cells);
	free(s.rowcell);
	free(s.sup);
	free(s.terms);
	free(s.rels);
	if (res)
		*res = out;
}

int ae_suppress(const ae_study *st, const ae_accounting *acc, ae_table *t, ae_error *err)
{
	(void)err; /* nothing here can fail: kept for the pipeline's shape */
	const ae_tablecount *oc = acc && acc->tables ? &acc->tables[TB_OUTCOMES] : NULL;
	ae_suppress_opts o = {st->min_cell, oc && oc->present ? (double)oc->accepted : NAN, st->enforcement_mask,
			      st->tracked_cameras};
	ae_suppress_table(t, &o, NULL);
	return AE_OK;
}
