/* vcells.c — see vcells.h. An entry is one uint32: the cell + 1 in the low
 * AE_VC_CELL_BITS bits (0: empty), the count (1..COUNT_MAX) above.
 *
 * Most reads are of a cell new to the vehicle, and proving a cell absent
 * means walking the chain, a cache miss per chunk. Read logs mostly come in
 * time order, so the record keeps (in vc_month, until ae_agg_finish) the
 * latest month + 1 it was read in (bits 0-15) and how many cells of that
 * month are in the chain (bits 16-24, VM_SEEN_ALL: too many to count): a
 * cell of a later month cannot be in the chain, and one of that month is
 * found, or proved absent, once that many of its month have been passed.
 * Out-of-order reads only cost the whole walk. Bits 25-31 count the chain's
 * chunks, so adding one needs no walk either. */
#include "vcells.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

#define MASK ((1u << AE_VC_CELL_BITS) - 1)
#define VM_MONTH(x) ((x)&0xffffu)
#define VM_NOW(x) (((x) >> 16) & 0x1ffu)
#define VM_NOW1 (1u << 16)
#define VM_SEEN_ALL 0x1ffu
#define VM_CHUNKS(x) ((x) >> 25)
#define VM_CHUNK1 (1u << 25)
#define ONE (1u << AE_VC_CELL_BITS)
#define COUNT_MAX (UINT32_MAX >> AE_VC_CELL_BITS)
#define FULL (COUNT_MAX << AE_VC_CELL_BITS) /* entries at or above: no room */
#define INL (AE_VC_SLOTS - 1)               /* slot INL: the chain head or HASHED */
#define HASHED 0x80000000u
#define CHUNK 8       /* 7 entries + the next chunk */
#define CHAIN_MAX 16u /* chunks; a vehicle past this moves to the hash */

struct ae_vcells {
	/* cells: (camera, area, month) -> index */
	uint64_t *ckeys; /* key + 1, 0 empty */
	uint32_t *cslot; /* cell index of the key */
	uint32_t cslots, ncells, capcells;
	uint32_t *cam, *hood, *month;
	/* the chunk arena; chunk 0 is never used, so 0 can mean "none" */
	uint32_t *ck;
	uint64_t nck, capck;
	uint32_t free_ck;
	/* (vehicle, cell) -> count, for vehicles past CHAIN_MAX */
	uint64_t *hkeys; /* (vehicle << AE_VC_CELL_BITS | cell) + 1, 0 empty */
	uint32_t *hcount;
	uint64_t hslots, hn;
	int full; /* a cell was refused */
	/* per camera, its last cell: reads come in time order and a camera
	 * mostly stays in one area, so this answers most look-ups */
	struct memo {
		uint32_t hood, month, cell;
	} * memo;
	uint32_t nmemo;
};

ae_vcells *ae_vcells_new(void)
{
	ae_vcells *vc = ae_calloc(1, sizeof *vc);
	vc->cslots = 1024;
	vc->ckeys = ae_calloc(vc->cslots, sizeof *vc->ckeys);
	vc->cslot = ae_calloc(vc->cslots, sizeof *vc->cslot);
	vc->nck = 1;
	return vc;
}

void ae_vcells_free(ae_vcells *vc)
{
	if (!vc)
		return;
	free(vc->ckeys);
	free(vc->cslot);
	free(vc->cam);
	free(vc->hood);
	free(vc->month);
	free(vc->memo);
	if (vc->ck)
		ae_big_free(vc->ck, vc->capck * CHUNK * sizeof *vc->ck);
	if (vc->hkeys) {
		ae_big_free(vc->hkeys, vc->hslots * sizeof *vc->hkeys);
		ae_big_free(vc->hcount, vc->hslots * sizeof *vc->hcount);
	}
	free(vc);
}

static uint64_t mix(uint64_t k) { return (k * 0x9e3779b97f4a7c15ull) ^ (k >> 29); }

static uint32_t cell_probe(const ae_vcells *vc, uint64_t key)
{
	uint32_t m = vc->cslots - 1, i = (uint32_t)(mix(key) >> 20) & m;
	while (vc->ckeys[i] && vc->ckeys[i] != key)
		i = (i + 1) & m;
	return i;
}

static uint32_t cell_find(ae_vcells *vc, uint32_t camera, uint32_t hood, uint32_t month);

uint32_t ae_vcells_cell(ae_vcells *vc, uint32_t camera, uint32_t hood, uint32_t month)
{
	if (camera >= vc->nmemo) {
		uint32_t n = vc->nmemo ? vc->nmemo : 64;
		while (n <= camera)
			n *= 2;
		vc->memo = ae_realloc(vc->memo, n * sizeof *vc->memo);
		memset(vc->memo + vc->nmemo, 0xff, (n - vc->nmemo) * sizeof *vc->memo);
		vc->nmemo = n;
	}
	struct memo *m = &vc->memo[camera];
	if (m->hood == hood && m->month == month)
		return m->cell;
	if (month >= 0xfffeu) { /* a record keeps month + 1 in 16 bits: 5,000 years */
		vc->full = 1;
		return UINT32_MAX;
	}
	uint32_t c = cell_find(vc, camera, hood, month);
	if (c != UINT32_MAX) {
		m->hood = hood;
		m->month = month;
		m->cell = c;
	}
	return c;
}

static uint32_t cell_find(ae_vcells *vc, uint32_t camera, uint32_t hood, uint32_t month)
{
	/* cameras and areas are under 2^20 (ingest checks), months under 2^23 */
	uint64_t key = ((uint64_t)camera | (uint64_t)hood << 20 | (uint64_t)month << 40) + 1;
	uint32_t i = cell_probe(vc, key);
	if (vc->ckeys[i])
		return vc->cslot[i];
	if (vc->ncells >= AE_VC_MAX_CELLS) {
		vc->full = 1;
		return UINT32_MAX;
	}
	if (vc->ncells == vc->capcells) {
		vc->capcells = vc->capcells ? vc->capcells * 2 : 256;
		vc->cam = ae_realloc(vc->cam, vc->capcells * sizeof *vc->cam);
		vc->hood = ae_realloc(vc->hood, vc->capcells * sizeof *vc->hood);
		vc->month = ae_realloc(vc->month, vc->capcells * sizeof *vc->month);
	}
	uint32_t c = vc->ncells++;
	vc->cam[c] = camera;
	vc->hood[c] = hood;
	vc->month[c] = month;
	vc->ckeys[i] = key;
	vc->cslot[i] = c;
	if (vc->ncells * 2 > vc->cslots) {
		uint64_t *ok = vc->ckeys;
		uint32_t *os = vc->cslot, on = vc->cslots;
		vc->cslots *= 2;
		vc->ckeys = ae_calloc(vc->cslots, sizeof *vc->ckeys);
		vc->cslot = ae_calloc(vc->cslots, sizeof *vc->cslot);
		for (uint32_t j = 0; j < on; j++)
			if (ok[j]) {
				uint32_t at = cell_probe(vc, ok[j]);
				vc->ckeys[at] = ok[j];
				vc->cslot[at] = os[j];
			}
		free(ok);
		free(os);
	}
	return c;
}

uint32_t ae_vcells_ncells(const ae_vcells *vc) { return vc->ncells; }

int ae_vcells_full(const ae_vcells *vc) { return vc->full; }

void ae_vcells_usage(const ae_vcells *vc, uint64_t *chunks, uint64_t *hashed)
{
	uint64_t f = 0;
	for (uint32_t c = vc->free_ck; c; c = vc->ck[(uint64_t)c * CHUNK + CHUNK - 1])
		f++;
	*chunks = vc->nck - 1 - f;
	*hashed = vc->hn;
}

void ae_vcells_cell_of(const ae_vcells *vc, uint32_t cell, uint32_t *camera, uint32_t *hood, uint32_t *month)
{
	*camera = vc->cam[cell];
	*hood = vc->hood[cell];
	*month = vc->month[cell];
}

/* ---------------- the hash of heavy vehicles ---------------- */
static uint64_t hash_probe(const ae_vcells *vc, uint64_t key)
{
	uint64_t m = vc->hslots - 1, i = mix(key) & m;
	while (vc->hkeys[i] && vc->hkeys[i] != key)
		i = (i + 1) & m;
	return i;
}

static void hash_add(ae_vcells *vc, uint32_t vi, uint32_t cell, uint32_t n)
{
	if ((vc->hn + 1) * 10 > vc->hslots * 7) {
		uint64_t *ok = vc->hkeys, on = vc->hslots;
		uint32_t *oc = vc->hcount;
		vc->hslots = on ? on * 2 : 1u << 12;
		vc->hkeys = ae_big_calloc(vc->hslots * sizeof *vc->hkeys);
		vc->hcount = ae_big_calloc(vc->hslots * sizeof *vc->hcount);
		for (uint64_t j = 0; j < on; j++)
			if (ok[j]) {
				uint64_t at = hash_probe(vc, ok[j]);
				vc->hkeys[at] = ok[j];
				vc->hcount[at] = oc[j];
			}
		if (ok) {
			ae_big_free(ok, on * sizeof *ok);
			ae_big_free(oc, on * sizeof *oc);
		}
	}
	uint64_t key = ((uint64_t)vi << AE_VC_CELL_BITS | cell) + 1, at = hash_probe(vc, key);
	if (!vc->hkeys[at]) {
		vc->hkeys[at] = key;
		vc->hn++;
	}
	vc->hcount[at] += n;
}

/* ---------------- chains ---------------- */
static uint32_t chunk_new(ae_vcells *vc)
{
	uint32_t c = vc->free_ck;
	if (c) {
		vc->free_ck = vc->ck[(uint64_t)c * CHUNK + CHUNK - 1];
	} else {
		if (vc->nck >= vc->capck) {
			uint64_t n = vc->capck ? vc->capck * 2 : 1u << 14;
			vc->ck = ae_big_realloc(vc->ck, vc->capck * CHUNK * sizeof *vc->ck, n * CHUNK * sizeof *vc->ck);
			vc->capck = n;
		}
		c = (uint32_t)vc->nck++;
	}
	memset(vc->ck + (uint64_t)c * CHUNK, 0, CHUNK * sizeof *vc->ck);
	return c;
}

/* The vehicle's chain into the hash (it has grown past CHAIN_MAX chunks). */
static void chain_to_hash(ae_vcells *vc, uint32_t vi, ae_vehicle *v)
{
	uint32_t *s = v->cell;
	for (uint32_t c = s[INL], next; c; c = next) {
		uint32_t *k = vc->ck + (uint64_t)c * CHUNK;
		for (int j = 0; j < CHUNK - 1; j++)
			if (k[j])
				hash_add(vc, vi, (k[j] & MASK) - 1, k[j] >> AE_VC_CELL_BITS);
		next = k[CHUNK - 1];
		k[CHUNK - 1] = vc->free_ck;
		vc->free_ck = c;
	}
	s[INL] = HASHED;
	v->vc_month &= VM_NOW1 - 1;
}

/* An entry moves out of the record: into the head chunk's free slot, a new
 * head chunk, or (past CHAIN_MAX chunks) the hash. */
static void chain_push(ae_vcells *vc, uint32_t vi, ae_vehicle *v, uint32_t e)
{
	uint32_t *s = v->cell, head = s[INL];
	if (head) {
		uint32_t *k = vc->ck + (uint64_t)head * CHUNK;
		for (int j = 0; j < CHUNK - 1; j++)
			if (!k[j]) {
				k[j] = e;
				return;
			}
	}
	if (VM_CHUNKS(v->vc_month) >= CHAIN_MAX) {
		chain_to_hash(vc, vi, v);
		hash_add(vc, vi, (e & MASK) - 1, e >> AE_VC_CELL_BITS);
		return;
	}
	uint32_t c = chunk_new(vc);
	uint32_t *k = vc->ck + (uint64_t)c * CHUNK;
	k[0] = e;
	k[CHUNK - 1] = head;
	s[INL] = c;
	v->vc_month += VM_CHUNK1;
}

/* An entry of the latest month goes into or out of the chain: the count
 * follows (once too many to count, it stays so until the month ends). */
static void vc_now_in(const ae_vcells *vc, ae_vehicle *v, uint32_t e)
{
	if (vc->month[(e & MASK) - 1] + 1 == VM_MONTH(v->vc_month) && VM_NOW(v->vc_month) != VM_SEEN_ALL)
		v->vc_month += VM_NOW1;
}

static void vc_now_out(const ae_vcells *vc, ae_vehicle *v, uint32_t e)
{
	uint32_t n = VM_NOW(v->vc_month);
	if (vc->month[(e & MASK) - 1] + 1 == VM_MONTH(v->vc_month) && n != VM_SEEN_ALL && n > 0)
		v->vc_month -= VM_NOW1;
}

/* Up to n reads of vehicle vi in cell, as n calls of one read would add
 * them: returns how many went in (all of them, unless the entry they went
 * to filled up). */
static uint32_t add_upto(ae_vcells *vc, uint32_t vi, ae_vehicle *v, uint32_t cell, uint32_t n)
{
	uint32_t *s = v->cell, want = cell + 1;
	/* most recent first: a found or new cell moves to the front */
	for (int i = 0; i < INL; i++) {
		uint32_t e = s[i];
		if (!e || ((e & MASK) == want && e < FULL)) {
			uint32_t k = e ? COUNT_MAX - (e >> AE_VC_CELL_BITS) : COUNT_MAX;
			k = n < k ? n : k;
			memmove(s + 1, s, (size_t)i * sizeof *s);
			s[0] = e ? e + k * ONE : want | k * ONE;
			return k;
		}
	}
	if (s[INL] & HASHED) {
		hash_add(vc, vi, cell, n);
		return n;
	}
	uint32_t mo = vc->month[cell] + 1, latest = VM_MONTH(v->vc_month);
	if (mo > latest) /* a new month: none of its cells is in the chain */
		v->vc_month = (v->vc_month & ~(VM_CHUNK1 - 1)) | mo;
	uint32_t now = VM_NOW(v->vc_month), left = mo == latest ? now : VM_SEEN_ALL;
	if (mo > latest)
		left = 0;
	for (uint32_t c = left ? s[INL] : 0; c && left; c = vc->ck[(uint64_t)c * CHUNK + CHUNK - 1]) {
		uint32_t *k = vc->ck + (uint64_t)c * CHUNK;
		for (int j = 0; j < CHUNK - 1; j++) {
			if ((k[j] & MASK) == want && k[j] < FULL) {
				uint32_t room = COUNT_MAX - (k[j] >> AE_VC_CELL_BITS), t = n < room ? n : room;
				uint32_t e = k[j] + t * ONE;
				vc_now_out(vc, v, e);
				vc_now_in(vc, v, s[INL - 1]);
				k[j] = s[INL - 1];
				memmove(s + 1, s, (INL - 1) * sizeof *s);
				s[0] = e;
				return t;
			}
			/* past every cell of this month in the chain: it is not there */
			if (left != VM_SEEN_ALL && k[j] && vc->month[(k[j] & MASK) - 1] + 1 == mo && !--left)
				break;
		}
	}
	uint32_t out = s[INL - 1], t = n < COUNT_MAX ? n : COUNT_MAX;
	memmove(s + 1, s, (INL - 1) * sizeof *s);
	s[0] = want | t * ONE;
	vc_now_in(vc, v, out);
	chain_push(vc, vi, v, out);
	return t;
}

void ae_vcells_add(ae_vcells *vc, uint32_t vi, ae_vehicle *v, uint32_t cell) { add_upto(vc, vi, v, cell, 1); }

/* After one read the cell's entry is s[0], and the next reads only raise its
 * count until it is full: so k reads go in at once, and a full entry takes
 * the same path the next single read would. */
void ae_vcells_add_n(ae_vcells *vc, uint32_t vi, ae_vehicle *v, uint32_t cell, uint32_t n)
{
	while (n)
		n -= add_upto(vc, vi, v, cell, n);
}

void ae_vcells_prefetch(const ae_vcells *vc, const ae_vehicle *v)
{
	uint32_t h = v->cell[INL];
	if (h && !(h & HASHED))
		__builtin_prefetch(vc->ck + (uint64_t)h * CHUNK);
}

/* ---------------- walking every vehicle's cells ---------------- */
typedef struct hent {
	uint64_t key;
	uint32_t count;
} hent;

static int hent_cmp(const void *x, const void *y)
{
	uint64_t a = ((const hent *)x)->key, b = ((const hent *)y)->key;
	return a < b ? -1 : a > b;
}

static void put(uint32_t **cells, uint32_t **counts, uint32_t *n, uint32_t *cap, uint32_t cl, uint32_t ct)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*cells = ae_realloc(*cells, *cap * sizeof **cells);
		*counts = ae_realloc(*counts, *cap * sizeof **counts);
	}
	(*cells)[*n] = cl;
	(*counts)[(*n)++] = ct;
}

/* A vehicle's cells in its record and chain (not the hash). */
static void gather(const ae_vcells *vc, const uint32_t *s, uint32_t **cells, uint32_t **counts, uint32_t *n,
		   uint32_t *cap)
{
	for (int i = 0; i < INL && s[i]; i++)
		put(cells, counts, n, cap, (s[i] & MASK) - 1, s[i] >> AE_VC_CELL_BITS);
	if (s[INL] & HASHED)
		return;
	for (uint32_t c = s[INL]; c; c = vc->ck[(uint64_t)c * CHUNK + CHUNK - 1])
		for (int j = 0; j < CHUNK - 1; j++) {
			uint32_t e = vc->ck[(uint64_t)c * CHUNK + j];
			if (e)
				put(cells, counts, n, cap, (e & MASK) - 1, e >> AE_VC_CELL_BITS);
		}
}

/* The hash's entries in key (so vehicle) order. */
static hent *hash_sorted(const ae_vcells *vc, uint64_t *nh)
{
	hent *h = ae_malloc((vc->hn ? vc->hn : 1) * sizeof *h);
	uint64_t k = 0;
	for (uint64_t j = 0; j < vc->hslots; j++)
		if (vc->hkeys[j]) {
			h[k].key = vc->hkeys[j] - 1;
			h[k++].count = vc->hcount[j];
		}
	qsort(h, k, sizeof *h, hent_cmp);
	*nh = k;
	return h;
}

int ae_vcells_single(const ae_vehicle *v, uint32_t *cell, uint32_t *count)
{
	const uint32_t *s = v->cell;
	if (!s[0] || s[1] || s[INL])
		return 0;
	*cell = (s[0] & MASK) - 1;
	*count = s[0] >> AE_VC_CELL_BITS;
	return 1;
}

struct ae_vcells_reader {
	const ae_vcells *vc;
	const ae_vtab *vt;
	hent *h;
	uint64_t nh;
};

ae_vcells_reader *ae_vcells_reader_new(const ae_vcells *vc, const ae_vtab *vt)
{
	ae_vcells_reader *r = ae_calloc(1, sizeof *r);
	r->vc = vc;
	r->vt = vt;
	r->h = hash_sorted(vc, &r->nh);
	return r;
}

void ae_vcells_reader_free(ae_vcells_reader *r)
{
	if (!r)
		return;
	free(r->h);
	free(r);
}

void ae_vcells_reader_get(const ae_vcells_reader *r, uint32_t vi, uint32_t **cells, uint32_t **counts, uint32_t *n,
			  uint32_t *cap)
{
	const uint32_t *s = ae_vtab_at((ae_vtab *)r->vt, vi)->cell;
	gather(r->vc, s, cells, counts, n, cap);
	if (!(s[INL] & HASHED))
		return;
	/* the first entry of the vehicle, by bisection */
	uint64_t lo = 0, hi = r->nh, key = (uint64_t)vi << AE_VC_CELL_BITS;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (r->h[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < r->nh && (r->h[lo].key >> AE_VC_CELL_BITS) == vi; lo++)
		put(cells, counts, n, cap, (uint32_t)(r->h[lo].key & MASK), r->h[lo].count);
}

void ae_vcells_each(const ae_vcells *vc, const ae_vtab *vt, ae_vcells_fn *fn, void *user)
{
	ae_vcells_reader *r = ae_vcells_reader_new(vc, vt);
	uint32_t cap = 0, n, *cells = NULL, *counts = NULL, nv = ae_vtab_count(vt);
	for (uint32_t vi = 0; vi < nv; vi++) {
		n = 0;
		ae_vcells_reader_get(r, vi, &cells, &counts, &n, &cap);
		fn(user, vi, cells, counts, n);
	}
	free(cells);
	free(counts);
	ae_vcells_reader_free(r);
}
