/* suppress.h — the small-count rule over the whole metrics table
 * (doc/metrics.md, section 6). It runs once, after every analysis has built
 * its rows and before anything is written, so metrics.csv, metrics.json,
 * the charts, the briefing and manifest.json all see the same suppressed
 * rows.
 *
 * A "cell" is one count of vehicles or outcomes, wherever a row carries it:
 * distinct_plates; the numerators (and the shared denominator) of
 * tracked_plates_share and plates_seen_once_share; outcomes of a type, which
 * outcomes_per_million_reads, reads_per_outcome and cost_per_outcome carry
 * too; outcomes_linked; the numerators of outcome_yield and
 * enforcement_yield (alerts with an outcome), by any method; search_users;
 * vehicles_held_at_end (its estimate, which its denominator repeats, and its
 * numerator, those held with no alert). Hiding a cell
 * suppresses every row that carries it.
 *
 * 1. A cell in (0, min_cell) is hidden; so is a yield numerator whose
 *    denominator (alerts) is in (0, min_cell), even at 0; a type's
 *    outcomes_linked goes with its outcomes count, even at 0.
 * 2. A reader then works out what the published cells, the published totals
 *    and the orderings that hold by definition say about each hidden cell
 *    (bounds propagated over the relations). Where that pins a hidden cell
 *    to one value, the smallest non-zero published cell that shares a
 *    relation with it and unpins it is hidden too, until none is pinned. */
#ifndef AE_SUPPRESS_H
#define AE_SUPPRESS_H
#include "accounting.h"
#include "study.h"
#include "table.h"
#include "util.h"
#include <stddef.h>

typedef struct ae_suppress_opts {
	long min_cell;             /* 0: off, the table is left as it is */
	double outcomes_total;     /* the outcomes table's accepted count (manifest.json, the briefing); NAN: none */
	unsigned enforcement_mask; /* bit per outcome type that enforcement_yield counts */
	long tracked_cameras;      /* k of tracked_plates_share */
} ae_suppress_opts;

typedef struct ae_suppress_result {
	size_t rows;    /* rows this pass suppressed (those suppressed before it not counted) */
	size_t exposed; /* hidden cells still pinned by a published count that is not one of vehicles
			   * or outcomes (a place with one read has one vehicle): see doc/metrics.md */
} ae_suppress_result;

/* Suppresses rows of t in place; res may be NULL. */
void ae_suppress_table(ae_table *t, const ae_suppress_opts *o, ae_suppress_result *res);
/* The run's call: the options from the study and the accounting. */
int ae_suppress(const ae_study *st, const ae_accounting *acc, ae_table *t, ae_error *err);
#endif
