/* vcells.h — how often each vehicle was read in each cell (a camera, an area
 * and a month together): the counts behind distinct vehicles per place and
 * the vehicle-clustered variance (doc/metrics.md, "Clustered intervals").
 *
 * A vehicle's most recently used cells sit in its own record (ae_vehicle.cell,
 * so the common read touches no other memory); older ones go to chunks of an
 * arena; a vehicle with very many cells keeps the rest in a hash, so one
 * placeholder plate read everywhere cannot make a read cost its whole list.
 * A cell may appear more than once for a vehicle (a saturated count, a merged
 * part): readers sum them. Memory grows with distinct (vehicle, cell) pairs,
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
/* A hint, for an ae_vcells_add to come: the vehicle's older cells. */
void ae_vcells_prefetch(const ae_vcells *vc, const ae_vehicle *v);

/* Every count of b's vehicles added to a: b's vehicle i is a's vehicle
 * vmap[i], b's cell c is a's cell cmap[c]. Reads are not added afterwards. */
void ae_vcells_merge(ae_vcells *a, ae_vtab *avt, const ae_vcells *b, const ae_vtab *bvt, const uint32_t *vmap,
		     const uint32_t *cmap);

/* Calls fn for every vehicle in index order with its cells and counts
 * (n pairs; a cell may repeat). The arrays are valid during the call only. */
typedef void ae_vcells_fn(void *user, uint32_t vi, const uint32_t *cells, const uint32_t *counts, uint32_t n);
void ae_vcells_each(const ae_vcells *vc, const ae_vtab *vt, ae_vcells_fn *fn, void *user);
/* The same for vehicles from <= vi < to only; calls on disjoint ranges may
 * run at once in different threads (nothing is written). */
void ae_vcells_each_range(const ae_vcells *vc, const ae_vtab *vt, uint32_t from, uint32_t to, ae_vcells_fn *fn,
			  void *user);
#endif
