/* vcells.h — how often each vehicle was read in each cell (a camera, an area
 * and a month together): the counts behind distinct vehicles per place and
 * the vehicle-clustered variance (doc/metrics.md, "Clustered intervals").
 *
 * A vehicle's most recently used cells sit in its own record (ae_vehicle.cell,
 * so the common read touches no other memory); older ones go to chunks of an
 * arena; a vehicle with very many cells keeps the rest in a hash, so one
 * placeholder plate read everywhere cannot make a read cost its whole list.
 * A cell may appear more than once for a vehicle (a saturated count): readers
 * sum them. Memory grows with distinct (vehicle, cell) pairs,
 * never with reads.
 *
 * ae_vcells is an opaque handle owned by the aggregate: ae_vcells_new /
 * ae_vcells_free. The vehicle records stay in the caller's ae_vtab. */
#ifndef AE_VCELLS_H
#define AE_VCELLS_H
#include "hashtab.h"
#include <stdint.h>

#define AE_VC_CELL_BITS 22
#define AE_VC_MAX_CELLS ((1u << AE_VC_CELL_BITS) - 1)

typedef struct ae_vcells ae_vcells;
ae_vcells *ae_vcells_new(void);
void ae_vcells_free(ae_vcells *vc);

/* The cell of (camera, area, month), added when new; UINT32_MAX when there
 * would be more than AE_VC_MAX_CELLS. */
uint32_t ae_vcells_cell(ae_vcells *vc, uint32_t camera, uint32_t hood, uint32_t month);
uint32_t ae_vcells_ncells(const ae_vcells *vc);
/* 1 once a cell has been refused (ae_vcells_cell or a merge). */
int ae_vcells_full(const ae_vcells *vc);
void ae_vcells_cell_of(const ae_vcells *vc, uint32_t cell, uint32_t *camera, uint32_t *hood, uint32_t *month);

/* What the older cells take: chunks in use, (vehicle, cell) pairs in the hash. */
void ae_vcells_usage(const ae_vcells *vc, uint64_t *chunks, uint64_t *hashed);

/* One more read of vehicle vi (its record v) in cell. */
void ae_vcells_add(ae_vcells *vc, uint32_t vi, ae_vehicle *v, uint32_t cell);
/* n more reads at once: the same state as n calls of ae_vcells_add (the
 * merge adds a partial's counts so), in time that does not grow with n. */
void ae_vcells_add_n(ae_vcells *vc, uint32_t vi, ae_vehicle *v, uint32_t cell, uint32_t n);
/* A hint, for an ae_vcells_add or a read to come: the vehicle's older cells. */
void ae_vcells_prefetch(const ae_vcells *vc, const ae_vehicle *v);

/* 1, with the cell and its count, when the vehicle's only cell is in its
 * record (no chunk, no hash): most vehicles, read once or always in one place. */
int ae_vcells_single(const ae_vehicle *v, uint32_t *cell, uint32_t *count);

/* Random access to a vehicle's cells (ae_agg_finish reads a second part's
 * beside the first's): the hash sorted once. Owned by the caller; vc and vt
 * must outlive it. */
typedef struct ae_vcells_reader ae_vcells_reader;
ae_vcells_reader *ae_vcells_reader_new(const ae_vcells *vc, const ae_vtab *vt);
void ae_vcells_reader_free(ae_vcells_reader *r);
/* Vehicle vi's cells and counts appended to *cells and *counts (*n in use,
 * *cap allocated, both grown as needed). Several threads may call it at once
 * with their own arrays. */
void ae_vcells_reader_get(const ae_vcells_reader *r, uint32_t vi, uint32_t **cells, uint32_t **counts, uint32_t *n,
			  uint32_t *cap);

/* Calls fn for every vehicle in index order with its cells and counts
 * (n pairs; a cell may repeat). The arrays are valid during the call only. */
typedef void ae_vcells_fn(void *user, uint32_t vi, const uint32_t *cells, const uint32_t *counts, uint32_t n);
void ae_vcells_each(const ae_vcells *vc, const ae_vtab *vt, ae_vcells_fn *fn, void *user);
#endif
