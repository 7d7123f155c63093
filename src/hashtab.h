/* hashtab.h — the in-memory tables a study pass fills: interned strings
 * (cameras, neighbourhoods, ids), vehicles keyed by their 128-bit keyed
 * plate hash.
 * Every table is an opaque handle that owns its memory: *_new / *_free.
 * Indexes handed out are dense and stable (0, 1, 2, ...). */
#ifndef AE_HASHTAB_H
#define AE_HASHTAB_H
#include <stddef.h>
#include <stdint.h>

typedef struct ae_strtab ae_strtab;
ae_strtab *ae_strtab_new(void);
void ae_strtab_free(ae_strtab *t);
/* Index of the string, adding it when new; *added (if given) says which. */
uint32_t ae_strtab_intern(ae_strtab *t, const char *s, size_t n, int *added);
/* Index or UINT32_MAX. */
uint32_t ae_strtab_find(const ae_strtab *t, const char *s, size_t n);
/* The same, given the string's ae_strtab_hash. */
uint32_t ae_strtab_find_hashed(const ae_strtab *t, const char *s, size_t n, uint64_t h);
uint64_t ae_strtab_hash(const char *s, size_t n);
const char *ae_strtab_name(const ae_strtab *t, uint32_t i);
uint32_t ae_strtab_len(const ae_strtab *t, uint32_t i);
/* A copy with the same indexes (a second thread's starting point). */
ae_strtab *ae_strtab_clone(const ae_strtab *t);
uint32_t ae_strtab_count(const ae_strtab *t);

#define AE_VC_SLOTS 8
typedef struct ae_vehicle {
	uint64_t k0, k1; /* keyed hash of plate + state: never the plate itself */
	uint32_t reads;  /* accepted in-period reads */
	uint32_t hits;   /* in-period hits linked to its reads */
	uint32_t newest; /* its newest in-period read: ae_agg's nage - that read's age bucket (aggregate.h) */
	union {
		uint32_t cameras;  /* distinct cameras that read it (set by ae_agg_finish) */
		uint32_t vc_month; /* during the read pass, vcells.c's: see vcells.c */
	};
	/* its most recent cells and their read counts, then where the others
	 * are: owned by vcells.c (vcells.h) */
	uint32_t cell[AE_VC_SLOTS];
} ae_vehicle; /* 64 bytes: one cache line */

typedef struct ae_vtab ae_vtab;
ae_vtab *ae_vtab_new(void);
void ae_vtab_free(ae_vtab *t);
uint32_t ae_vtab_get(ae_vtab *t, uint64_t k0, uint64_t k1);
ae_vehicle *ae_vtab_at(ae_vtab *t, uint32_t i);
/* Hints only, for a look-up to come: the key's slot; then (once the slot is
 * cached) the vehicle's record, whose likely index + 1 it returns (0: none). */
void ae_vtab_prefetch(const ae_vtab *t, uint64_t k0);
uint32_t ae_vtab_prefetch_record(const ae_vtab *t, uint64_t k0, uint64_t k1);
uint32_t ae_vtab_count(const ae_vtab *t);
size_t ae_vtab_bytes(const ae_vtab *t);

#endif
