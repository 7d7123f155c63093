/* hashtab.c — open addressing with linear probing, tables doubled at 1/2 load. */
#include "hashtab.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

/* ---- interned strings ---- */
struct ae_strtab {
	char **names;
	uint32_t *lens;
	uint64_t *hashes;
	uint32_t n, cap;
	uint64_t *slots; /* top 32 bits of the hash, index + 1 below; 0 = empty */
	uint32_t nslots;
};

ae_strtab *ae_strtab_new(void)
{
	ae_strtab *t = ae_calloc(1, sizeof *t);
	t->nslots = 64;
	t->slots = ae_calloc(t->nslots, sizeof *t->slots);
	return t;
}

void ae_strtab_free(ae_strtab *t)
{
	if (!t)
		return;
	for (uint32_t i = 0; i < t->n; i++)
		free(t->names[i]);
	free(t->names);
	free(t->lens);
	free(t->hashes);
	free(t->slots);
	free(t);
}

/* The hash's top half in the slot settles most probes without the names. */
static uint32_t str_probe(const ae_strtab *t, const char *s, size_t n, uint64_t h)
{
	uint32_t mask = t->nslots - 1, i = (uint32_t)h & mask;
	for (;; i = (i + 1) & mask) {
		uint64_t e = t->slots[i];
		if (!e)
			return i;
		if ((e >> 32) != (h >> 32))
			continue;
		uint32_t v = (uint32_t)e - 1;
		if (t->hashes[v] == h && t->lens[v] == n && memcmp(t->names[v], s, n) == 0)
			return i;
	}
}

static uint64_t slot_of(uint64_t h, uint32_t id) { return ((h >> 32) << 32) | (uint64_t)(id + 1); }

uint64_t ae_strtab_hash(const char *s, size_t n) { return ae_hash64(s, n, 0); }

uint32_t ae_strtab_find_hashed(const ae_strtab *t, const char *s, size_t n, uint64_t h)
{
	uint64_t e = t->slots[str_probe(t, s, n, h)];
	return e ? (uint32_t)e - 1 : UINT32_MAX;
}

uint32_t ae_strtab_find(const ae_strtab *t, const char *s, size_t n)
{
	return ae_strtab_find_hashed(t, s, n, ae_hash64(s, n, 0));
}

uint32_t ae_strtab_intern(ae_strtab *t, const char *s, size_t n, int *added)
{
	uint64_t h = ae_hash64(s, n, 0);
	uint32_t at = str_probe(t, s, n, h);
	if (added)
		*added = !t->slots[at];
	if (t->slots[at])
		return (uint32_t)t->slots[at] - 1;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->names = ae_realloc(t->names, t->cap * sizeof *t->names);
		t->lens = ae_realloc(t->lens, t->cap * sizeof *t->lens);
		t->hashes = ae_realloc(t->hashes, t->cap * sizeof *t->hashes);
	}
	uint32_t id = t->n++;
	t->names[id] = ae_strndup(s, n);
	t->lens[id] = (uint32_t)n;
	t->hashes[id] = h;
	t->slots[at] = slot_of(h, id);
	if (t->n * 2 > t->nslots) {
		free(t->slots);
		t->nslots *= 2;
		t->slots = ae_calloc(t->nslots, sizeof *t->slots);
		for (uint32_t i = 0; i < t->n; i++)
			t->slots[str_probe(t, t->names[i], t->lens[i], t->hashes[i])] = slot_of(t->hashes[i], i);
	}
	return id;
}

const char *ae_strtab_name(const ae_strtab *t, uint32_t i) { return t->names[i]; }
uint32_t ae_strtab_len(const ae_strtab *t, uint32_t i) { return t->lens[i]; }

ae_strtab *ae_strtab_clone(const ae_strtab *t)
{
	ae_strtab *c = ae_calloc(1, sizeof *c);
	*c = *t;
	c->names = ae_malloc((c->cap ? c->cap : 1) * sizeof *c->names);
	for (uint32_t i = 0; i < t->n; i++)
		c->names[i] = ae_strndup(t->names[i], t->lens[i]);
	c->lens = ae_memdup(t->lens, (size_t)c->cap * sizeof *c->lens);
	c->hashes = ae_memdup(t->hashes, (size_t)c->cap * sizeof *c->hashes);
	c->slots = ae_memdup(t->slots, (size_t)c->nslots * sizeof *c->slots);
	return c;
}
uint32_t ae_strtab_count(const ae_strtab *t) { return t->n; }

/* ---- vehicles ---- */
_Static_assert(sizeof(ae_vehicle) == 64, "a vehicle is one cache line");
/* A slot holds the vehicle's index + 1 in its low 32 bits and the top 32
 * bits of k1 above: most probes are settled without touching the vehicle. */
struct ae_vtab {
	ae_vehicle *v;
	uint32_t n, cap;
	uint64_t *slots;
	uint64_t nslots;
};

ae_vtab *ae_vtab_new(void)
{
	ae_vtab *t = ae_calloc(1, sizeof *t);
	t->nslots = 1024;
	t->slots = ae_big_calloc(t->nslots * sizeof *t->slots);
	return t;
}

void ae_vtab_free(ae_vtab *t)
{
	if (!t)
		return;
	ae_big_free(t->v, (size_t)t->cap * sizeof *t->v);
	ae_big_free(t->slots, t->nslots * sizeof *t->slots);
	free(t);
}

static uint64_t veh_probe(const ae_vtab *t, uint64_t k0, uint64_t k1)
{
	uint64_t mask = t->nslots - 1, i = k0 & mask, fp = k1 >> 32;
	for (;; i = (i + 1) & mask) {
		uint64_t s = t->slots[i];
		if (!s)
			return i;
		uint32_t id = (uint32_t)s;
		if ((s >> 32) == fp && t->v[id - 1].k0 == k0 && t->v[id - 1].k1 == k1)
			return i;
	}
}

uint32_t ae_vtab_get(ae_vtab *t, uint64_t k0, uint64_t k1)
{
	uint64_t at = veh_probe(t, k0, k1);
	if (t->slots[at])
		return (uint32_t)t->slots[at] - 1;
	if (t->n == t->cap) {
		size_t old = (size_t)t->cap * sizeof *t->v;
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->v = ae_big_realloc(t->v, old, (size_t)t->cap * sizeof *t->v);
	}
	uint32_t id = t->n++;
	memset(&t->v[id], 0, sizeof t->v[id]);
	t->v[id].k0 = k0;
	t->v[id].k1 = k1;
	t->slots[at] = ((k1 >> 32) << 32) | (uint64_t)(id + 1);
	if ((uint64_t)t->n * 2 > t->nslots) {
		ae_big_free(t->slots, t->nslots * sizeof *t->slots);
		t->nslots *= 2;
		t->slots = ae_big_calloc(t->nslots * sizeof *t->slots);
		for (uint32_t i = 0; i < t->n; i++)
			t->slots[veh_probe(t, t->v[i].k0, t->v[i].k1)] = ((t->v[i].k1 >> 32) << 32) | (uint64_t)(i + 1);
	}
	return id;
}

ae_vehicle *ae_vtab_at(ae_vtab *t, uint32_t i) { return &t->v[i]; }

void ae_vtab_prefetch(const ae_vtab *t, uint64_t k0) { __builtin_prefetch(&t->slots[k0 & (t->nslots - 1)]); }

uint32_t ae_vtab_prefetch_record(const ae_vtab *t, uint64_t k0, uint64_t k1)
{
	uint64_t s = t->slots[k0 & (t->nslots - 1)];
	if (!s || (s >> 32) != (k1 >> 32))
		return 0;
	__builtin_prefetch(&t->v[(uint32_t)s - 1]);
	return (uint32_t)s;
}
uint32_t ae_vtab_count(const ae_vtab *t) { return t->n; }
size_t ae_vtab_bytes(const ae_vtab *t) { return (size_t)t->cap * sizeof *t->v + t->nslots * sizeof *t->slots; }
