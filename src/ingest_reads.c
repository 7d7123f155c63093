/* ingest_reads.c — see ingest_reads.h. Per read: no allocation, one keyed
 * hash of the plate, one lookup per table a field needs. */
#include "ingest_reads.h"
#include "sha256.h"
#include "csvin.h"
#include "gov_classify.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <limits.h>

static int derive_key(ctx *x, ae_error *err)
{
	unsigned char msg[4096 + 32];
	size_t n;
	if (x->st->plate_key_file) {
		FILE *f = fopen(x->st->plate_key_file, "rb");
		if (!f)
			return ae_fail(err, AE_EIO, "%s: cannot open plate key file", x->st->plate_key_file);
		n = fread(msg, 1, 4096, f);
		fclose(f);
		if (n < 16)
			return ae_fail(err, AE_EUSAGE, "%s: a plate key file needs at least 16 bytes",
				       x->st->plate_key_file);
	} else {
		n = (size_t)snprintf((char *)msg, sizeof msg, "alpr-eval plate key/%llu", x->st->seed);
	}
	crypto_generichash(x->key, sizeof x->key, msg, n, NULL, 0);
	sodium_memzero(msg, sizeof msg);
	/* which key, for partials: a hash keyed by it, which says nothing of it */
	static const char label[] = "alpr-eval plate key identity";
	crypto_generichash(x->a->key_id, sizeof x->a->key_id, (const unsigned char *)label, sizeof label - 1, x->key,
			   sizeof x->key);
	return AE_OK;
}

/* ---------------- cameras ---------------- */
static int on_camera(void *u, const ae_record *r)
{
	ctx *x = u;
	static const int req[] = {CC_CAMERA};
	x->a->tables[TB_CAMERAS].read++;
	if (ing_rejected_shape(x, r, req, 1))
		return 0;
	int added;
	ae_strtab_intern(x->camera_ids, r->field[CC_CAMERA], r->len[CC_CAMERA], &added);
	if (!added)
		return ing_reject(x, r, CC_CAMERA, RJ_DUPLICATE_ID, NULL);
	double lat, lon;
	if (ing_get_number(x, r, CC_LAT, -90, 90, &lat) || ing_get_number(x, r, CC_LON, -180, 180, &lon))
		return 0;
	if (r->field[CC_KIND] && ing_category(x, r, CC_KIND) < 0)
		return 0;
	long day[2] = {LONG_MAX, LONG_MIN};
	for (int c = CC_INSTALLED; c <= CC_REMOVED; c++)
		if (r->field[c] && ae_parse_date(r->field[c], r->len[c], &day[c - CC_INSTALLED]))
			return ing_reject(x, r, c, RJ_BAD_TIMESTAMP, NULL);
	uint32_t cam = ae_agg_camera(x->a, r->field[CC_CAMERA], r->len[CC_CAMERA]);
	x->a->camera_lat[cam] = lat;
	x->a->camera_lon[cam] = lon;
	if (r->field[CC_HOOD])
		x->a->camera_hood[cam] = ae_agg_hood(x->a, r->field[CC_HOOD], r->len[CC_HOOD]);
	else
		x->a->camera_hood[cam] = ing_locate(x->a, lon, lat);
	/* an area is treated from its first camera (the crime effect), unless a treatment table says */
	if (day[0] != LONG_MAX && x->a->camera_hood[cam] != AE_NO_LINK) {
		const char *name = ae_strtab_name(x->a->hoods, x->a->camera_hood[cam]);
		ae_agg_treat(x->a, TS_CAMERAS, name, strlen(name), day[0], day[1]);
	}
	x->a->tables[TB_CAMERAS].accepted++;
	return 0;
}

/* ---------------- neighbourhoods ---------------- */
/* The pop_<group> columns, once the header is known. */
static void take_groups(ctx *x)
{
	ae_agg *a = x->a;
	if (a->groups)
		return;
	a->ngroups = ae_csv_ngroups(x->csv);
	a->groups = ae_calloc((size_t)(a->ngroups ? a->ngroups : 1), sizeof *a->groups);
	for (int k = 0; k < a->ngroups; k++)
		a->groups[k] = ae_strdup(ae_csv_group(x->csv, k));
}

static int on_hood(void *u, const ae_record *r)
{
	ctx *x = u;
	ae_agg *a = x->a;
	take_groups(x);
	static const int req[] = {NC_HOOD};
	a->tables[TB_HOODS].read++;
	if (ing_rejected_shape(x, r, req, 1))
		return 0;
	uint32_t id = ae_agg_hood(a, r->field[NC_HOOD], r->len[NC_HOOD]);
	if (a->hood_listed[id] >= 0)
		return ing_reject(x, r, NC_HOOD, RJ_DUPLICATE_ID, NULL);
	double pop, area, vmt, g[AE_MAX_GROUPS];
	if (ing_get_number(x, r, NC_POP, 0, 1e10, &pop) || ing_get_number(x, r, NC_AREA, 0, 1e7, &area) ||
	    ing_get_number(x, r, NC_VMT, 0, 1e13, &vmt))
		return 0;
	for (int k = 0; k < a->ngroups; k++)
		if (ing_get_number(x, r, NC_COUNT + k, 0, 1e10, &g[k]))
			return 0;
	if (a->nlisted == a->caplisted) {
		a->caplisted = a->caplisted ? a->caplisted * 2 : 64;
		a->listed = ae_realloc(a->listed, a->caplisted * sizeof *a->listed);
		a->pop = ae_realloc(a->pop, a->caplisted * sizeof *a->pop);
		a->area = ae_realloc(a->area, a->caplisted * sizeof *a->area);
		a->vmt = ae_realloc(a->vmt, a->caplisted * sizeof *a->vmt);
		a->gpop = ae_realloc(a->gpop, a->caplisted * (size_t)(a->ngroups ? a->ngroups : 1) * sizeof *a->gpop);
	}
	uint32_t li = a->nlisted++;
	a->listed[li] = id;
	a->hood_listed[id] = (int32_t)li;
	a->pop[li] = pop;
	a->area[li] = area;
	a->vmt[li] = vmt;
	for (int k = 0; k < a->ngroups; k++)
		a->gpop[(size_t)li * (size_t)a->ngroups + (size_t)k] = g[k];
	a->tables[TB_HOODS].accepted++;
	return 0;
}

static int load_boundaries(ctx *x, ae_error *err)
{
	ae_agg *a = x->a;
	if (!x->st->boundaries)
		return AE_OK;
	int rc = ae_geo_load(&a->geo, x->st->boundaries, x->st->boundaries_property, err);
	if (!rc)
		rc = ae_sha256_file(x->st->boundaries, &a->geo_hash, err);
	if (rc)
		return rc;
	int n = ae_geo_count(a->geo);
	a->geo_hood = ae_malloc((size_t)n * sizeof *a->geo_hood);
	for (int f = 0; f < n; f++) {
		const char *name = ae_geo_name(a->geo, f);
		a->geo_hood[f] = ae_agg_hood(a, name, strlen(name));
	}
	return AE_OK;
}

/* ---------------- hits ---------------- */
static uint64_t plate_link_key(uint32_t camera, int64_t instant)
{
	return ((uint64_t)camera << 40) ^ (uint64_t)(instant + ((int64_t)1 << 39));
}

static uint32_t *plate_slot(ae_agg *a, uint64_t key)
{
	uint64_t mask = a->plate_slots - 1, i = ae_mix64(key) & mask;
	for (;; i = (i + 1) & mask)
		if (a->plate_keys[i] == key + 1 || !a->plate_keys[i]) {
			a->plate_keys[i] = key + 1;
			return &a->plate_heads[i];
		}
}

static const uint32_t *plate_find(const ae_agg *a, uint64_t key)
{
	uint64_t mask = a->plate_slots - 1, i = ae_mix64(key) & mask;
	for (;; i = (i + 1) & mask) {
		if (!a->plate_keys[i])
			return NULL;
		if (a->plate_keys[i] == key + 1)
			return &a->plate_heads[i];
	}
}

/* The first instant whose local day is after day: its local midnight; when
 * that midnight falls in a gap, the wall time read with the offset before
 * the change (the instant the gap starts, as Python's zoneinfo does with fold 0). */
static int64_t period_end(ae_tz *tz, long day)
{
	int y, m, d;
	ae_civil_from_days(day + 1, &y, &m, &d);
	int64_t u;
	if (ae_local_to_utc(tz, y, m, d, 0, 0, 0, &u) == AE_TIME_OK)
		return u;
	int64_t w = (int64_t)(day + 1) * 86400;
	return w - ae_tz_offset(tz, w - 86400);
}

static int on_hit(void *u, const ae_record *r)
{
	ctx *x = u;
	ae_agg *a = x->a;
	static const int req[] = {HC_HIT_ID};
	a->tables[TB_HITS].read++;
	if (ing_rejected_shape(x, r, req, 1))
		return 0;
	int hl = ing_category(x, r, HC_HOTLIST);
	if (hl < 0)
		return 0;
	int dp = ing_category(x, r, HC_DISPOSITION);
	if (dp < 0)
		return 0;
	ae_hit h;
	memset(&h, 0, sizeof h);
	h.line = r->line;
	h.hotlist = (uint8_t)hl;
	h.disposition = (uint8_t)dp;
	h.camera = h.hood = h.month = h.day = h.vehicle = AE_NO_LINK;
	h.next = AE_NO_LINK;
	if (!r->field[HC_READ_ID]) {
		static const int need[] = {HC_TIMESTAMP, HC_CAMERA, HC_PLATE};
		for (int i = 0; i < 3; i++)
			if (!r->field[need[i]])
				return ing_reject(x, r, need[i], RJ_MISSING, NULL);
		if (ing_parse_time(x, r, HC_TIMESTAMP, &h.instant))
			return 0;
		char plate[MAX_PLATE];
		size_t pn = ae_plate_normalise(r->field[HC_PLATE],
					       r->len[HC_PLATE] > MAX_PLATE ? MAX_PLATE : r->len[HC_PLATE], plate);
		if (!pn)
			return ing_reject(x, r, HC_PLATE, RJ_BAD_PLATE, NULL);
		ing_keyed_hash(x, (unsigned char *)plate, pn, &h.plate_k0, &h.plate_k1);
		sodium_memzero(plate, sizeof plate);
		h.by_plate = 1;
		h.camera = ae_agg_camera(a, r->field[HC_CAMERA], r->len[HC_CAMERA]);
	}
	int added;
	uint32_t idn = ae_strtab_intern(a->hit_ids, r->field[HC_HIT_ID], r->len[HC_HIT_ID], &added);
	if (!added)
		return ing_reject(x, r, HC_HIT_ID, RJ_DUPLICATE_ID, NULL);
	if (a->nhits == a->caphits) {
		a->caphits = a->caphits ? a->caphits * 2 : 256;
		a->hits = ae_realloc(a->hits, a->caphits * sizeof *a->hits);
		a->hit_by_id = ae_realloc(a->hit_by_id, a->caphits * sizeof *a->hit_by_id);
	}
	uint32_t hi = a->nhits++;
	a->hit_by_id[idn] = hi;
	if (!h.by_plate) {
		uint32_t rl = ae_strtab_intern(a->read_links, r->field[HC_READ_ID], r->len[HC_READ_ID], &added);
		if (added) {
			a->read_link_head = ae_realloc(a->read_link_head,
						       ae_strtab_count(a->read_links) * sizeof *a->read_link_head);
			a->read_link_head[rl] = AE_NO_LINK;
		}
		/* Append, so a read's hits link in file order. */
		uint32_t *p = &a->read_link_head[rl];
		while (*p != AE_NO_LINK)
			p = &a->hits[*p].next;
		*p = hi;
	} else {
		a->nplate_links++;
	}
	a->hits[hi] = h;
	return 0;
}

/* 32 bits or more per read id that hits name (about 3 % false positives), a power of two. */
static void index_read_links(ae_agg *a)
{
	uint32_t n = ae_strtab_count(a->read_links);
	if (!n)
		return;
	uint64_t bits = 1u << 16;
	while (bits < (uint64_t)n * 32)
		bits *= 2;
	a->read_link_mask = bits - 1;
	a->read_link_bits = ae_calloc(bits / 64, sizeof *a->read_link_bits);
	for (uint32_t i = 0; i < n; i++) {
		uint64_t h = ae_strtab_hash(ae_strtab_name(a->read_links, i), ae_strtab_len(a->read_links, i));
		uint64_t b = (h >> 24) & a->read_link_mask;
		a->read_link_bits[b / 64] |= 1ull << (b % 64);
	}
}

static void index_plate_links(ae_agg *a)
{
	if (!a->nplate_links)
		return;
	a->plate_slots = 16;
	while (a->plate_slots < (uint64_t)a->nplate_links * 2)
		a->plate_slots *= 2;
	a->plate_keys = ae_calloc(a->plate_slots, sizeof *a->plate_keys);
	a->plate_heads = ae_calloc(a->plate_slots, sizeof *a->plate_heads);
	for (uint64_t i = 0; i < a->plate_slots; i++)
		a->plate_heads[i] = AE_NO_LINK;
	for (uint32_t i = 0; i < a->nhits; i++) {
		ae_hit *h = &a->hits[i];
		if (!h->by_plate)
			continue;
		uint32_t *p = plate_slot(a, plate_link_key(h->camera, h->instant));
		while (*p != AE_NO_LINK)
			p = &a->hits[*p].next;
		*p = i;
	}
}

/* ---------------- outcomes ---------------- */
static int on_outcome(void *u, const ae_record *r)
{
	ctx *x = u;
	ae_agg *a = x->a;
	static const int req[] = {OC_OUTCOME_ID};
	a->tables[TB_OUTCOMES].read++;
	if (ing_rejected_shape(x, r, req, 1))
		return 0;
	int type = ing_category(x, r, OC_TYPE);
	if (type < 0)
		return 0;
	int64_t t;
	if (r->field[OC_TIMESTAMP] && ing_parse_time(x, r, OC_TIMESTAMP, &t))
		return 0;
	int added;
	ae_strtab_intern(x->outcome_ids, r->field[OC_OUTCOME_ID], r->len[OC_OUTCOME_ID], &added);
	if (!added)
		return ing_reject(x, r, OC_OUTCOME_ID, RJ_DUPLICATE_ID, NULL);
	if (r->field[OC_TIMESTAMP] && !ing_in_period(x, ae_local_day(x->tz, t))) {
		a->tables[TB_OUTCOMES].out_of_period++;
		return 0;
	}
	a->tables[TB_OUTCOMES].accepted++;
	a->outcomes_by_type[type]++;
	a->outcomes_total++;
	if (r->field[OC_HIT_ID]) {
		uint32_t id = ae_strtab_find(a->hit_ids, r->field[OC_HIT_ID], r->len[OC_HIT_ID]);
		if (id != UINT32_MAX) {
			if (r->field[OC_TIMESTAMP]) { /* its read is not known yet: the reads come later */
				if (a->noutcome_times == a->capoutcome_times) {
					a->capoutcome_times = a->capoutcome_times ? 2 * a->capoutcome_times : 64;
					a->outcome_times = ae_realloc(a->outcome_times,
								      a->capoutcome_times * sizeof *a->outcome_times);
				}
				a->outcome_times[a->noutcome_times++] = (ae_outcome_time){t, a->hit_by_id[id]};
			}
			ae_hit *h = &a->hits[a->hit_by_id[id]];
			h->outcomes++;
			if (h->outcomes_of[type] < UINT16_MAX)
				h->outcomes_of[type]++;
		}
	}
	return 0;
}

/* ---------------- reads ---------------- */
/* The hits this read may link: looked up while its fields are at hand. */
static void link_heads(ctx *x, const ae_record *r, pending *p, int64_t instant, const char *plate, size_t pn)
{
	ae_agg *a = x->a;
	p->rl_head = p->pl_head = AE_NO_LINK;
	if (r->field[RC_READ_ID] && a->read_link_bits) {
		uint64_t h = ae_strtab_hash(r->field[RC_READ_ID], r->len[RC_READ_ID]);
		uint64_t b = (h >> 24) & a->read_link_mask;
		if (a->read_link_bits[b / 64] >> (b % 64) & 1) {
			uint32_t id = ae_strtab_find_hashed(a->read_links, r->field[RC_READ_ID], r->len[RC_READ_ID], h);
			if (id != UINT32_MAX)
				p->rl_head = a->read_link_head[id];
		}
	}
	if (a->nplate_links) {
		const uint32_t *head = plate_find(a, plate_link_key(p->l.camera, instant));
		if (head && *head != AE_NO_LINK) {
			p->pl_head = *head;
			ing_keyed_hash(x, (const unsigned char *)plate, pn, &p->pk0, &p->pk1);
		}
	}
}

static void link_pending(ctx *x, const pending *p)
{
	ae_agg *a = x->a;
	for (uint32_t i = p->rl_head; i != AE_NO_LINK; i = a->hits[i].next)
		if (!ae_agg_hit_linked(x->a, i)) /* a repeated read_id links only its first read */
			ae_agg_link(x->a, i, &p->l);
	for (uint32_t i = p->pl_head; i != AE_NO_LINK; i = a->hits[i].next) {
		const ae_hit *h = &a->hits[i];
		if (!ae_agg_hit_linked(x->a, i) && h->plate_k0 == p->pk0 && h->plate_k1 == p->pk1)
			ae_agg_link(x->a, i, &p->l);
	}
}

/* Stage Q_APPLY: the vehicle, its places and counts, the hits. */
static void apply_vehicle(ctx *x, pending *p)
{
	ae_agg *a = x->a;
	if (p->l.linked == 1) {
		uint32_t vi = p->l.vehicle = ae_vtab_get(a->vehicles, p->k0, p->k1);
		ae_vehicle *v = ae_vtab_at(a->vehicles, vi);
		v->reads++;
		if (p->newest > v->newest) /* the record is at hand: a compare, no other memory */
			v->newest = p->newest;
		ae_vcells_add(a->vc, vi, v, p->cell);
	}
	link_pending(x, p);
}

static void queue_stage(ctx *x, int stage)
{
	pending *p = &x->q[x->qdone[stage]++ % QLEN];
	ae_vtab *t = x->a->vehicles;
	if (stage == 0) {
		p->hint = p->l.linked == 1 ? ae_vtab_prefetch_record(t, p->k0, p->k1) : 0;
	} else if (stage == 1) {
		/* a hint is only a hint: the record may since have moved, or be another's */
		if (p->hint && p->hint <= ae_vtab_count(t)) {
			const ae_vehicle *v = ae_vtab_at(t, p->hint - 1);
			if (v->k0 == p->k0 && v->k1 == p->k1)
				ae_vcells_prefetch(x->a->vc, v);
		}
	} else {
		apply_vehicle(x, p);
	}
}

static void queue_push(ctx *x, const pending *p)
{
	static const unsigned lag[QSTAGES] = {Q_VEHICLE, Q_PLACES, Q_APPLY};
	/* the slot the new read takes is free once the oldest read is through */
	for (int st = QSTAGES - 1; st >= 0; st--)
		if (x->qn - x->qdone[st] >= lag[st])
			queue_stage(x, st);
	x->q[x->qn++ % QLEN] = *p;
	if (p->l.linked == 1)
		ae_vtab_prefetch(x->a->vehicles, p->k0);
}

/* Every queued read through every stage, in order (end of the part). */
static void queue_flush(ctx *x)
{
	for (int st = 0; st < QSTAGES; st++)
		while (x->qdone[st] < x->qn)
			queue_stage(x, st);
}

static int too_many(ctx *x, const char *what)
{
	x->failed = 1;
	return ae_fail(x->err, AE_EDATA, "%s: more than %u %s", x->st->input[TB_READS].path_given, 1u << AE_PLACE_BITS,
		       what);
}

static int too_many_cells(ctx *x)
{
	x->failed = 1;
	return ae_fail(x->err, AE_EDATA, "%s: more than %u camera x area x month combinations",
		       x->st->input[TB_READS].path_given, AE_VC_MAX_CELLS);
}

static int on_read(void *u, const ae_record *r)
{
	ctx *x = u;
	ae_agg *a = x->a;
	ae_tablecount *tc = &a->tables[TB_READS];
	static const int req[] = {RC_TIMESTAMP, RC_CAMERA, RC_PLATE};
	tc->read++;
	if (ing_rejected_shape(x, r, req, 3))
		return 0;
	int64_t t;
	if (ing_parse_time(x, r, RC_TIMESTAMP, &t))
		return 0;
	char plate[MAX_PLATE + 8];
	size_t pn = ae_plate_normalise(r->field[RC_PLATE], r->len[RC_PLATE] > MAX_PLATE ? MAX_PLATE : r->len[RC_PLATE],
				       plate);
	if (!pn)
		return ing_reject(x, r, RC_PLATE, RJ_BAD_PLATE, NULL);
	double lat, lon;
	if (ing_get_number(x, r, RC_LAT, -90, 90, &lat) || ing_get_number(x, r, RC_LON, -180, 180, &lon) ||
	    ing_check_number(x, r, RC_CONF, 0, 1))
		return 0;
	ae_readlink l;
	size_t cn = r->len[RC_CAMERA];
	const char *cs = r->field[RC_CAMERA];
	struct camslot *cc = NULL;
	if (cn >= 1 && cn <= sizeof cc->name) {
		uint64_t head = 0, tail = 0;
		memcpy(&head, cs, cn < 8 ? cn : 8);
		memcpy(&tail, cs + cn - (cn < 8 ? cn : 8), cn < 8 ? cn : 8);
		cc = &x->camcache[((head ^ (tail * 0x9e3779b97f4a7c15ull) ^ cn) * 0xff51afd7ed558ccdull) >> 53];
	}
	if (cc && cc->len == cn && memcmp(cc->name, cs, cn) == 0) {
		l.camera = cc->id;
	} else {
		l.camera = ae_agg_camera(a, cs, cn);
		if (cc) {
			memcpy(cc->name, cs, cn);
			cc->len = (uint8_t)cn;
			cc->id = l.camera;
		}
	}
	if (l.camera >= (1u << AE_PLACE_BITS))
		return too_many(x, "cameras");
	long day = ae_local_day(x->tz, t);
	pending p;
	l.t = t;
	if (t < a->read_first)
		a->read_first = t;
	if (t > a->read_last)
		a->read_last = t;
	if (!ing_in_period(x, day)) {
		tc->out_of_period++;
		l.linked = 2;
		l.hood = l.month = l.day = l.vehicle = AE_NO_LINK;
		p.l = l;
		link_heads(x, r, &p, t, plate, pn);
		if (p.rl_head != AE_NO_LINK || p.pl_head != AE_NO_LINK)
			queue_push(x, &p);
		sodium_memzero(plate, sizeof plate);
		return 0;
	}
	tc->accepted++;
	a->reads++;
	l.linked = 1;
	/* doc/inputs.md's order: the read's own area, its point's polygon, its camera's area. */
	if (r->field[RC_HOOD]) {
		l.hood = ae_agg_hood(a, r->field[RC_HOOD], r->len[RC_HOOD]);
		if (l.hood >= (1u << AE_PLACE_BITS))
			return too_many(x, "neighbourhoods");
	} else if ((l.hood = ing_locate(a, lon, lat)) == AE_NO_LINK)
		l.hood = a->camera_hood[l.camera] != AE_NO_LINK ? a->camera_hood[l.camera] : a->unknown_hood;
	l.month = ae_agg_month_of_day(a, day);
	l.day = (uint32_t)(day - x->st->start_day);
	if ((p.cell = ae_vcells_cell(a->vc, l.camera, l.hood, l.month)) == UINT32_MAX)
		return too_many_cells(x);
	int32_t li = a->hood_listed[l.hood];
	if (li >= 0)
		a->day_hood[(size_t)(day - x->st->start_day) * a->nlisted + (size_t)li]++;
	else
		a->unassigned++;

	/* The vehicle: keyed hash of plate + state; the plate goes no further. */
	size_t vn = pn;
	if (r->field[RC_STATE]) {
		plate[vn++] = '\x1f';
		size_t sn = r->len[RC_STATE] > 7 ? 7 : r->len[RC_STATE];
		for (size_t i = 0; i < sn; i++) {
			char c = r->field[RC_STATE][i];
			plate[vn++] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
		}
	}
	ing_keyed_hash(x, (unsigned char *)plate, vn, &p.k0, &p.k1);
	a->cam[l.camera].reads++;
	a->hood[l.hood].reads++;
	a->month_reads[l.month]++;
	a->day_reads[day - x->st->start_day]++;
	uint32_t age = ae_agg_age_bucket(a, t);
	a->read_age[age]++;
	p.newest = a->nage - age;
	l.vehicle = AE_NO_LINK;
	p.l = l;
	link_heads(x, r, &p, t, plate, pn);
	queue_push(x, &p);
	sodium_memzero(plate, sizeof plate);
	return 0;
}

/* ---------------- driver ---------------- */
/* The second part's figures and links into the first's. */
static int merge_part(ctx *x, const ctx *xb, long line_offset)
{
	ae_agg_remap m;
	ae_agg_merge(x->a, xb->a, line_offset, &m);
	ae_agg_remap_release(&m);
	if (ae_strtab_count(x->a->cameras) > (1u << AE_PLACE_BITS))
		return too_many(x, "cameras");
	if (ae_strtab_count(x->a->hoods) > (1u << AE_PLACE_BITS))
		return too_many(x, "neighbourhoods");
	if (ae_vcells_full(x->a->vc))
		return too_many_cells(x);
	return AE_OK;
}

int ing_run_table(ctx *x, int table, ae_record_fn fn, ae_error *err)
{
	const ae_input *in = &x->st->input[table];
	ae_tablecount *tc = &x->a->tables[table];
	if (!in->present)
		return AE_OK;
	tc->present = 1;
	int rc = ae_csv_open(&x->csv, in, table, err);
	if (rc)
		return rc;
	x->table = table;
	if (table == TB_READS)
		ae_csv_progress(x->csv, x->progress, "reading the read log:");
	ae_csv_fast_path(x->csv, x->fast_path);
	/* The read log in two parts, one thread each (see ae_csv_split). */
	int two = table == TB_READS && x->threads > 1;
	ctx xb;
	ae_agg b;
	ae_error errb = {AE_OK, ""};
	if (two) {
		xb = *x;
		xb.tz = ae_tz_clone(x->tz);
		xb.a = &b;
		xb.err = &errb;
		memset(xb.camcache, 0, sizeof xb.camcache); /* its own camera indexes */
		ae_agg_fork(&b, x->a);
		ae_csv_split(x->csv, &xb, x->split_min);
	}
	rc = ae_csv_each(x->csv, fn, x, err);
	long split_lines = two ? ae_csv_split_lines(x->csv) : -1;
	if (!rc) {
		queue_flush(x); /* the second part's thread is done: its queue is flushed here */
		if (split_lines >= 0)
			queue_flush(&xb);
	}
	if (rc && split_lines >= 0 && xb.failed && !x->failed)
		*err = errb;
	if (!rc && split_lines >= 0)
		rc = merge_part(x, &xb, split_lines);
	if (two) {
		ae_agg_unfork(&b);
		ae_tz_free(xb.tz);
		sodium_memzero(xb.key, sizeof xb.key);
	}
	if (!rc) {
		long ul = ae_csv_unterminated_line(x->csv);
		if (ul) {
			/* libcsv cannot hand over a record cut off inside quotes: count it here. */
			tc->read++;
			ae_agg_reject(x->a, table, ul, -1, RJ_UNTERMINATED, NULL);
		}
		if (table == TB_HOODS)
			take_groups(x);
		tc->bytes = ae_csv_bytes(x->csv);
		tc->lines = ae_csv_lines(x->csv);
		memcpy(tc->sha256, ae_csv_sha256(x->csv), 65);
		tc->colnames = ae_calloc(AE_MAX_COLS, sizeof *tc->colnames);
		for (int c = 0; c < AE_MAX_COLS; c++)
			tc->colnames[c] = ae_strdup(ae_csv_colname(x->csv, c));
	}
	ae_csv_free(x->csv);
	x->csv = NULL;
	return rc;
}

static void settle_hits(ae_agg *a)
{
	ae_tablecount *tc = &a->tables[TB_HITS];
	for (uint32_t i = 0; i < a->nhits; i++) {
		ae_hit *h = &a->hits[i];
		if (h->linked == 1)
			tc->accepted++;
		else if (h->linked == 2)
			tc->out_of_period++;
		else
			ae_agg_reject(a, TB_HITS, h->line, h->by_plate ? HC_PLATE : HC_READ_ID, RJ_NO_READ, NULL);
	}
}

int ing_begin(ctx *x, ae_error *err)
{
	if (sodium_init() < 0)
		return ae_fail(err, AE_EIO, "cannot initialise libsodium");
	x->outcome_ids = ae_strtab_new();
	x->camera_ids = ae_strtab_new();
	x->a->period_end = period_end(x->tz, x->st->end_day);
	return derive_key(x, err);
}

void ing_end(ctx *x)
{
	ae_strtab_free(x->outcome_ids);
	ae_strtab_free(x->camera_ids);
	sodium_memzero(x->key, sizeof x->key);
	ae_agg_sort_rejects(x->a);
}

int ing_run_read_log(ctx *x, ae_error *err)
{
	ae_agg *a = x->a;
	int rc = ing_run_table(x, TB_HOODS, on_hood, err);
	if (!rc) {
		a->day_hood = ae_calloc((size_t)a->ndays * (a->nlisted ? a->nlisted : 1), sizeof *a->day_hood);
		rc = load_boundaries(x, err);
	}
	if (!rc)
		rc = ing_run_table(x, TB_CAMERAS, on_camera, err);
	if (!rc)
		rc = ing_run_table(x, TB_HITS, on_hit, err);
	if (!rc)
		index_plate_links(a);
	if (!rc)
		index_read_links(a);
	if (!rc)
		rc = ing_run_table(x, TB_OUTCOMES, on_outcome, err);
	if (!rc && x->reads_from) {
		x->a->tables[TB_READS].present = x->st->input[TB_READS].present;
		rc = x->reads_from(x->reads_user, x->st, a, err);
	} else if (!rc)
		rc = ing_run_table(x, TB_READS, on_read, err);
	if (!rc && !x->stop_after_reads) {
		settle_hits(a);
		ae_agg_finish(a, x->threads);
	}
	return rc;
}
