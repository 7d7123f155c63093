/* aggregate.c — see aggregate.h. */
#include "aggregate.h"
#include <limits.h>
#include "util.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

const char *const ae_reason_names[RJ_COUNT] = {
	"wrong number of fields",
	"missing value",
	"not a valid timestamp",
	"local time inside a daylight-saving gap",
	"plate empty after normalisation",
	"not a number",
	"value out of range",
	"unknown value",
	"duplicate id",
	"links to no read",
	"unterminated quoted field at end of file",
	"contains a NUL byte",
	"not valid UTF-8",
};

const char *const ae_reason_codes[RJ_COUNT] = {
	"field_count",        "missing_value", "bad_timestamp", "dst_gap",      "empty_plate",
	"bad_number",         "out_of_range",  "unknown_value", "duplicate_id", "no_read",
	"unterminated_quote", "nul_byte",      "bad_utf8",
};

static int64_t month_key(long day)
{
	int y, m, d;
	ae_civil_from_days(day, &y, &m, &d);
	return (int64_t)y * 12 + (m - 1);
}

void ae_agg_init(ae_agg *a, long start_day, long end_day)
{
	memset(a, 0, sizeof *a);
	a->start_month = month_key(start_day);
	a->nmonths = (uint32_t)(month_key(end_day) - a->start_month + 1);
	a->ndays = (uint32_t)(end_day - start_day + 1);
	a->month_reads = ae_calloc(a->nmonths, sizeof *a->month_reads);
	a->day_reads = ae_calloc(a->ndays, sizeof *a->day_reads);
	a->nage = a->ndays + 3;
	a->read_age = ae_calloc(a->nage, sizeof *a->read_age);
	a->read_first = INT64_MAX;
	a->read_last = INT64_MIN;
	a->cameras = ae_strtab_new();
	a->hoods = ae_strtab_new();
	a->vehicles = ae_vtab_new();
	a->vc = ae_vcells_new();
	a->hit_ids = ae_strtab_new();
	a->read_links = ae_strtab_new();
	a->search_ids = ae_strtab_new();
	a->search_types = ae_strtab_new();
	a->search_orgs = ae_strtab_new();
	a->share_orgs = ae_strtab_new();
	a->share_keys = ae_strtab_new();
	a->incident_ids = ae_strtab_new();
	a->incident_areas = ae_strtab_new();
	a->incident_types = ae_strtab_new();
	ae_agg_incident_window(a, start_day, end_day);
	a->treat_areas = ae_strtab_new();
	a->unknown_hood = ae_agg_hood(a, "unknown", 7);
}

void ae_agg_incident_window(ae_agg *a, long first_day, long last_day)
{
	a->incident_first_day = first_day;
	a->incident_last_day = last_day;
	a->incident_start_month = month_key(first_day);
	a->incident_nmonths = (uint32_t)(month_key(last_day) - a->incident_start_month + 1);
	free(a->incident_month);
	a->incident_month = ae_calloc(a->incident_nmonths, sizeof *a->incident_month);
}

uint32_t ae_agg_incident_month(const ae_agg *a, long day)
{
	return (uint32_t)(month_key(day) - a->incident_start_month);
}

void ae_agg_treat(ae_agg *a, int source, const char *area, size_t n, long start, long end)
{
	if (source == TS_TABLE && a->treat_source == TS_CAMERAS) { /* the table replaces the cameras' dates */
		ae_strtab_free(a->treat_areas);
		a->treat_areas = ae_strtab_new();
	}
	if (source > a->treat_source)
		a->treat_source = source;
	int added;
	uint32_t id = ae_strtab_intern(a->treat_areas, area, n, &added);
	if (added) {
		a->treat_start = ae_realloc(a->treat_start, ae_strtab_count(a->treat_areas) * sizeof *a->treat_start);
		a->treat_end = ae_realloc(a->treat_end, ae_strtab_count(a->treat_areas) * sizeof *a->treat_end);
		a->treat_start[id] = LONG_MAX;
		a->treat_end[id] = LONG_MIN;
	}
	if (start < a->treat_start[id])
		a->treat_start[id] = start;
	if (end > a->treat_end[id])
		a->treat_end[id] = end;
}

void ae_agg_release(ae_agg *a)
{
	if (!a)
		return;
	free(a->part_linked);
	free(a->part_links);
	for (size_t i = 0; i < a->nshards; i++) {
		free(a->shards[i].path);
		free(a->shards[i].partial);
	}
	free(a->shards);
	for (size_t i = 0; i < a->nrejects; i++)
		free(a->rejects[i].detail);
	free(a->rejects);
	for (int t = 0; t < TB_COUNT; t++) {
		if (a->tables[t].colnames)
			for (int c = 0; c < AE_MAX_COLS; c++)
				free(a->tables[t].colnames[c]);
		free(a->tables[t].colnames);
	}
	ae_strtab_free(a->cameras);
	free(a->searches);
	ae_strtab_free(a->search_ids);
	ae_strtab_free(a->search_types);
	ae_strtab_free(a->search_orgs);
	free(a->shares);
	ae_strtab_free(a->share_orgs);
	ae_strtab_free(a->share_keys);
	ae_strtab_free(a->incident_ids);
	free(a->incident_in);
	free(a->incident_month);
	ae_strtab_free(a->incident_areas);
	free(a->incident_area_n);
	ae_strtab_free(a->incident_types);
	free(a->incident_type_n);
	free(a->incident_rec);
	ae_strtab_free(a->treat_areas);
	free(a->treat_start);
	free(a->treat_end);
	free(a->camera_hood);
	free(a->camera_lat);
	free(a->camera_lon);
	free(a->cam);
	ae_strtab_free(a->hoods);
	free(a->hood);
	free(a->month_reads);
	free(a->day_reads);
	free(a->read_age);
	free(a->held);
	free(a->quiet);
	free(a->outcome_times);
	ae_vtab_free(a->vehicles);
	ae_vcells_free(a->vc);
	ae_vtab_free(a->part_vehicles);
	ae_vcells_free(a->part_vc);
	free(a->part_of);
	free(a->part_cell);
	free(a->cam_m);
	free(a->hood_m);
	free(a->month_m);
	free(a->month_distinct);
	free(a->vplaces);
	free(a->hits);
	ae_strtab_free(a->hit_ids);
	free(a->hit_by_id);
	ae_strtab_free(a->read_links);
	free(a->read_link_head);
	free(a->read_link_bits);
	free(a->plate_keys);
	free(a->plate_heads);
	free(a->listed);
	free(a->hood_listed);
	free(a->pop);
	free(a->area);
	free(a->vmt);
	for (int g = 0; g < a->ngroups; g++)
		free(a->groups[g]);
	free(a->groups);
	free(a->gpop);
	free(a->day_hood);
	ae_geo_free(a->geo);
	free(a->geo_hood);
	memset(a, 0, sizeof *a);
}

void ae_agg_reject(ae_agg *a, int table, long line, int col, int reason, const char *detail)
{
	if (a->nrejects == a->caprejects) {
		a->caprejects = a->caprejects ? a->caprejects * 2 : 64;
		a->rejects = ae_realloc(a->rejects, a->caprejects * sizeof *a->rejects);
	}
	ae_reject *r = &a->rejects[a->nrejects++];
	r->table = (uint8_t)table;
	r->reason = (uint8_t)reason;
	r->col = (int16_t)col;
	r->line = line;
	r->detail = detail ? ae_strdup(detail) : NULL;
	a->tables[table].rejected++;
	a->tables[table].by_reason[reason]++;
}

static int reject_cmp(const void *x, const void *y)
{
	const ae_reject *a = x, *b = y;
	if (a->table != b->table)
		return a->table < b->table ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return 0;
}

void ae_agg_sort_rejects(ae_agg *a)
{
	/* Lines are unique within a table, so the order is total. */
	if (a->nrejects)
		qsort(a->rejects, a->nrejects, sizeof *a->rejects, reject_cmp);
}

static void grow_places(ae_place **p, size_t *cap, uint32_t need)
{
	if (need < *cap)
		return;
	size_t nc = *cap ? *cap : 16;
	while (nc <= need)
		nc *= 2;
	*p = ae_realloc(*p, nc * sizeof **p);
	memset(*p + *cap, 0, (nc - *cap) * sizeof **p);
	*cap = nc;
}

uint32_t ae_agg_camera(ae_agg *a, const char *s, size_t n)
{
	int added;
	uint32_t id = ae_strtab_intern(a->cameras, s, n, &added);
	if (added) {
		grow_places(&a->cam, &a->cam_cap, id);
		if (id >= a->camera_hood_cap) {
			size_t nc = a->camera_hood_cap ? a->camera_hood_cap * 2 : 16;
			a->camera_hood = ae_realloc(a->camera_hood, nc * sizeof *a->camera_hood);
			a->camera_lat = ae_realloc(a->camera_lat, nc * sizeof *a->camera_lat);
			a->camera_lon = ae_realloc(a->camera_lon, nc * sizeof *a->camera_lon);
			for (size_t i = a->camera_hood_cap; i < nc; i++) {
				a->camera_hood[i] = AE_NO_LINK;
				a->camera_lat[i] = a->camera_lon[i] = NAN;
			}
			a->camera_hood_cap = nc;
		}
	}
	return id;
}

uint32_t ae_agg_hood(ae_agg *a, const char *s, size_t n)
{
	int added;
	uint32_t id = ae_strtab_intern(a->hoods, s, n, &added);
	if (added) {
		size_t old = a->hood_cap;
		grow_places(&a->hood, &a->hood_cap, id);
		if (a->hood_cap != old) {
			a->hood_listed = ae_realloc(a->hood_listed, a->hood_cap * sizeof *a->hood_listed);
			for (size_t i = old; i < a->hood_cap; i++)
				a->hood_listed[i] = -1;
		}
	}
	return id;
}

uint32_t ae_agg_month_of_day(const ae_agg *a, long day) { return (uint32_t)(month_key(day) - a->start_month); }

void ae_agg_fork(ae_agg *b, const ae_agg *a)
{
	memset(b, 0, sizeof *b);
	b->start_month = a->start_month;
	b->nmonths = a->nmonths;
	b->ndays = a->ndays;
	b->month_reads = ae_calloc(b->nmonths, sizeof *b->month_reads);
	b->day_reads = ae_calloc(b->ndays, sizeof *b->day_reads);
	b->period_end = a->period_end;
	b->nage = a->nage;
	b->read_age = ae_calloc(b->nage, sizeof *b->read_age);
	b->read_first = INT64_MAX;
	b->read_last = INT64_MIN;
	b->cameras = ae_strtab_clone(a->cameras);
	b->camera_hood_cap = a->camera_hood_cap;
	b->camera_hood = ae_memdup(a->camera_hood, b->camera_hood_cap * sizeof *b->camera_hood);
	b->camera_lat = ae_memdup(a->camera_lat, b->camera_hood_cap * sizeof *b->camera_lat);
	b->camera_lon = ae_memdup(a->camera_lon, b->camera_hood_cap * sizeof *b->camera_lon);
	b->cam_cap = a->cam_cap;
	b->cam = ae_calloc(b->cam_cap, sizeof *b->cam);
	b->hoods = ae_strtab_clone(a->hoods);
	b->unknown_hood = a->unknown_hood;
	b->hood_cap = a->hood_cap;
	b->hood = ae_calloc(b->hood_cap, sizeof *b->hood);
	b->hood_listed = ae_memdup(a->hood_listed, b->hood_cap * sizeof *b->hood_listed);
	b->vehicles = ae_vtab_new();
	b->vc = ae_vcells_new();
	b->nlisted = a->nlisted;
	b->day_hood = ae_calloc((size_t)b->ndays * (b->nlisted ? b->nlisted : 1), sizeof *b->day_hood);
	b->part_linked = ae_calloc(a->nhits ? a->nhits : 1, 1);
	/* shared, read-only */
	b->hits = a->hits;
	b->nhits = a->nhits;
	b->read_links = a->read_links;
	b->read_link_head = a->read_link_head;
	b->read_link_bits = a->read_link_bits;
	b->read_link_mask = a->read_link_mask;
	b->nplate_links = a->nplate_links;
	b->plate_keys = a->plate_keys;
	b->plate_heads = a->plate_heads;
	b->plate_slots = a->plate_slots;
	b->listed = a->listed;
	b->geo = a->geo;
	b->geo_hood = a->geo_hood;
}

void ae_agg_unfork(ae_agg *b)
{
	b->hits = NULL;
	b->read_links = NULL;
	b->read_link_head = NULL;
	b->read_link_bits = NULL;
	b->plate_keys = NULL;
	b->plate_heads = NULL;
	b->listed = NULL;
	b->geo = NULL;
	b->geo_hood = NULL;
	ae_agg_release(b);
}

void ae_agg_remap_release(ae_agg_remap *m)
{
	free(m->vehicle);
	free(m->camera);
	free(m->hood);
	memset(m, 0, sizeof *m);
}

void ae_agg_merge(ae_agg *a, ae_agg *b, long line_offset, ae_agg_remap *m)
{
	uint32_t nc = ae_strtab_count(b->cameras), nh = ae_strtab_count(b->hoods);
	uint32_t nv = ae_vtab_count(b->vehicles);
	m->camera = ae_malloc((nc ? nc : 1) * sizeof *m->camera);
	m->hood = ae_malloc((nh ? nh : 1) * sizeof *m->hood);
	m->vehicle = ae_malloc((nv ? nv : 1) * sizeof *m->vehicle);
	for (uint32_t i = 0; i < nc; i++) {
		const char *s = ae_strtab_name(b->cameras, i);
		uint32_t c = m->camera[i] = ae_agg_camera(a, s, strlen(s));
		a->cam[c].reads += b->cam[i].reads;
	}
	for (uint32_t i = 0; i < nh; i++) {
		const char *s = ae_strtab_name(b->hoods, i);
		uint32_t h = m->hood[i] = ae_agg_hood(a, s, strlen(s));
		a->hood[h].reads += b->hood[i].reads;
	}
	/* in b's order, so new vehicles are numbered as one thread would; the slot
	 * 16 vehicles ahead and the record 8 ahead are prefetched */
	for (uint32_t i = 0; i < nv; i++) {
		if (i + 16 < nv)
			ae_vtab_prefetch(a->vehicles, ae_vtab_at(b->vehicles, i + 16)->k0);
		if (i + 8 < nv) {
			const ae_vehicle *w = ae_vtab_at(b->vehicles, i + 8);
			ae_vtab_prefetch_record(a->vehicles, w->k0, w->k1);
		}
		const ae_vehicle *bv = ae_vtab_at(b->vehicles, i);
		uint32_t v = m->vehicle[i] = ae_vtab_get(a->vehicles, bv->k0, bv->k1);
		ae_vehicle *av = ae_vtab_at(a->vehicles, v);
		av->reads += bv->reads;
		if (bv->newest > av->newest)
			av->newest = bv->newest;
	}
	/* b's cells are a's cells of the remapped camera and area (a refused
	 * one leaves a's vcells full, and ingest fails the run) */
	uint32_t ncl = ae_vcells_ncells(b->vc);
	a->part_cell = ae_malloc((ncl ? ncl : 1) * sizeof *a->part_cell);
	for (uint32_t i = 0; i < ncl; i++) {
		uint32_t c, h, mo;
		ae_vcells_cell_of(b->vc, i, &c, &h, &mo);
		a->part_cell[i] = ae_vcells_cell(a->vc, m->camera[c], m->hood[h], mo);
	}
	uint32_t na = ae_vtab_count(a->vehicles);
	a->part_of = ae_calloc(na ? na : 1, sizeof *a->part_of);
	for (uint32_t i = 0; i < nv; i++)
		a->part_of[m->vehicle[i]] = i + 1;
	a->part_vehicles = b->vehicles;
	a->part_vc = b->vc;
	b->vehicles = NULL;
	b->vc = NULL;

	for (uint32_t i = 0; i < a->nmonths; i++)
		a->month_reads[i] += b->month_reads[i];
	for (uint32_t i = 0; i < a->ndays; i++)
		a->day_reads[i] += b->day_reads[i];
	for (uint32_t i = 0; i < a->nage; i++)
		a->read_age[i] += b->read_age[i];
	if (b->read_first < a->read_first)
		a->read_first = b->read_first;
	if (b->read_last > a->read_last)
		a->read_last = b->read_last;
	size_t ndh = (size_t)a->ndays * a->nlisted;
	for (size_t i = 0; i < ndh; i++)
		a->day_hood[i] += b->day_hood[i];
	a->unassigned += b->unassigned;
	a->reads += b->reads;

	ae_tablecount *t = &a->tables[TB_READS];
	const ae_tablecount *u = &b->tables[TB_READS];
	t->read += u->read;
	t->accepted += u->accepted;
	t->out_of_period += u->out_of_period;
	for (size_t i = 0; i < b->nrejects; i++) {
		const ae_reject *r = &b->rejects[i];
		ae_agg_reject(a, r->table, r->line + line_offset, r->col, r->reason, r->detail);
	}
	for (size_t i = 0; i < b->npart_links; i++) {
		const ae_linkev *e = &b->part_links[i];
		if (ae_agg_hit_linked(a, e->hit))
			continue;
		ae_readlink l = e->l;
		l.camera = m->camera[l.camera];
		if (l.hood != AE_NO_LINK)
			l.hood = m->hood[l.hood];
		if (l.vehicle != AE_NO_LINK)
			l.vehicle = m->vehicle[l.vehicle];
		ae_agg_link(a, e->hit, &l);
	}
}

int ae_agg_hit_linked(const ae_agg *a, uint32_t i) { return a->part_linked ? a->part_linked[i] : a->hits[i].linked; }

void ae_agg_link(ae_agg *a, uint32_t i, const ae_readlink *l)
{
	if (a->part_linked) {
		a->part_linked[i] = l->linked;
		if (a->npart_links == a->cappart_links) {
			a->cappart_links = a->cappart_links ? a->cappart_links * 2 : 64;
			a->part_links = ae_realloc(a->part_links, a->cappart_links * sizeof *a->part_links);
		}
		a->part_links[a->npart_links].hit = i;
		a->part_links[a->npart_links++].l = *l;
		return;
	}
	ae_hit *h = &a->hits[i];
	h->linked = l->linked;
	h->camera = l->camera;
	h->hood = l->hood;
	h->month = l->month;
	h->day = l->day;
	h->vehicle = l->vehicle;
	h->read_t = l->t;
	if (l->linked == 1)
		ae_vtab_at(a->vehicles, l->vehicle)->hits++;
}

void ae_agg_accounting(const ae_agg *a, const ae_filehash *study, ae_accounting *out)
{
	memset(out, 0, sizeof *out);
	out->tables = a->tables;
	out->rejects = a->rejects;
	out->nrejects = a->nrejects;
	if (study)
		out->study = *study;
	out->boundaries = a->geo_hash;
	out->vehicles = a->vehicles ? ae_vtab_count(a->vehicles) : 0;
	out->cameras = a->cameras ? ae_strtab_count(a->cameras) : 0;
	out->shards = a->shards;
	out->nshards = a->nshards;
}

/* ---------------- after the read log ---------------- */
/* One thread's share of the vehicles: its own sums, added up afterwards (all
 * whole numbers below 2^64, so the order of addition does not matter and one
 * or two threads give the same figures). */
typedef struct finish {
	ae_agg *a;
	uint32_t from, to;
	uint32_t n[3];    /* places of each kind */
	uint64_t *acc[3]; /* per place: the vehicle's reads there */
	uint32_t *touched[3], nt[3];
	ae_moments *mom[3];
	uint64_t *distinct[3];
	ae_moments all;
	uint64_t *held, *quiet; /* per age bucket (aggregate.h) */
	ae_vplace *vp;
	size_t nvp, capvp;
	const ae_vcells_reader *own, *part; /* the cells; the second part's, if any */
	uint32_t *pcells, *pcounts, pn, pcap;
} finish;

static void finish_cells(finish *f, const uint32_t *cells, const uint32_t *counts, uint32_t n, const uint32_t *map)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t p[3], c = map ? map[cells[i]] : cells[i];
		if (c == UINT32_MAX) /* refused at the merge: the run fails */
			continue;
		ae_vcells_cell_of(f->a->vc, c, &p[0], &p[1], &p[2]);
		for (int k = 0; k < 3; k++) {
			if (!f->acc[k][p[k]])
				f->touched[k][f->nt[k]++] = p[k];
			f->acc[k][p[k]] += counts[i];
		}
	}
}

static void finish_vehicle(finish *f, uint32_t vi)
{
	ae_agg *a = f->a;
	ae_vehicle *v = ae_vtab_at(a->vehicles, vi);
	uint32_t one[2];
	if (ae_vcells_single(v, &one[0], &one[1])) /* most vehicles: one cell, nothing elsewhere */
		finish_cells(f, &one[0], &one[1], 1, NULL);
	else {
		f->pn = 0;
		ae_vcells_reader_get(f->own, vi, &f->pcells, &f->pcounts, &f->pn, &f->pcap);
		finish_cells(f, f->pcells, f->pcounts, f->pn, NULL);
	}
	if (f->part && a->part_of[vi]) {
		f->pn = 0;
		ae_vcells_reader_get(f->part, a->part_of[vi] - 1, &f->pcells, &f->pcounts, &f->pn, &f->pcap);
		finish_cells(f, f->pcells, f->pcounts, f->pn, a->part_cell);
	}
	for (int k = 0; k < 3; k++) {
		for (uint32_t j = 0; j < f->nt[k]; j++) {
			uint32_t q = f->touched[k][j];
			ae_u128 x = f->acc[k][q], x2 = x * x;
			f->mom[k][q].s2 += x2;
			f->mom[k][q].s4 += x2 * x2;
			f->distinct[k][q]++;
			if (v->hits) {
				if (f->nvp == f->capvp) {
					f->capvp = f->capvp ? f->capvp * 2 : 256;
					f->vp = ae_realloc(f->vp, f->capvp * sizeof *f->vp);
				}
				ae_vplace *w = &f->vp[f->nvp++];
				w->vehicle = vi;
				w->kind = (uint32_t)k;
				w->place = q;
				w->reads = (uint32_t)f->acc[k][q];
			}
			f->acc[k][q] = 0;
		}
		if (k == AE_AT_CAMERA)
			v->cameras = f->nt[k];
		f->nt[k] = 0;
	}
	if (v->newest) {
		uint32_t b = a->nage - v->newest;
		f->held[b]++;
		f->quiet[b] += !v->hits;
	}
	ae_u128 r = v->reads, r2 = r * r;
	f->all.s2 += r2;
	f->all.s4 += r2 * r2;
}

#define AHEAD 8 /* vehicles: their older cells are fetched this far ahead */

static void *finish_part(void *user)
{
	finish *f = user;
	ae_agg *a = f->a;
	for (uint32_t vi = f->from; vi < f->to; vi++) {
		/* the records come in order; the chunks and the other part's
		 * record they point to do not: ask for them early */
		if (vi + AHEAD < f->to) {
			ae_vcells_prefetch(a->vc, ae_vtab_at(a->vehicles, vi + AHEAD));
			if (f->part && a->part_of[vi + AHEAD])
				__builtin_prefetch(ae_vtab_at(a->part_vehicles, a->part_of[vi + AHEAD] - 1));
		}
		if (f->part && vi + AHEAD / 2 < f->to && a->part_of[vi + AHEAD / 2])
			ae_vcells_prefetch(a->part_vc, ae_vtab_at(a->part_vehicles, a->part_of[vi + AHEAD / 2] - 1));
		finish_vehicle(f, vi);
	}
	return NULL;
}

static void finish_init(finish *f, ae_agg *a, uint32_t from, uint32_t to)
{
	memset(f, 0, sizeof *f);
	f->a = a;
	f->from = from;
	f->to = to;
	f->n[0] = ae_strtab_count(a->cameras);
	f->n[1] = ae_strtab_count(a->hoods);
	f->n[2] = a->nmonths;
	f->held = ae_calloc(a->nage ? a->nage : 1, sizeof *f->held);
	f->quiet = ae_calloc(a->nage ? a->nage : 1, sizeof *f->quiet);
	for (int k = 0; k < 3; k++) {
		size_t m = f->n[k] ? f->n[k] : 1;
		f->acc[k] = ae_calloc(m, sizeof *f->acc[k]);
		f->touched[k] = ae_malloc(m * sizeof *f->touched[k]);
		f->mom[k] = ae_calloc(m, sizeof *f->mom[k]);
		f->distinct[k] = ae_calloc(m, sizeof *f->distinct[k]);
	}
}

static void finish_release(finish *f)
{
	for (int k = 0; k < 3; k++) {
		free(f->acc[k]);
		free(f->touched[k]);
		free(f->mom[k]);
		free(f->distinct[k]);
	}
	free(f->held);
	free(f->quiet);
	free(f->vp);
	free(f->pcells);
	free(f->pcounts);
}

static int vplace_cmp(const void *x, const void *y)
{
	const ae_vplace *p = x, *q = y;
	if (p->vehicle != q->vehicle)
		return p->vehicle < q->vehicle ? -1 : 1;
	if (p->kind != q->kind)
		return p->kind < q->kind ? -1 : 1;
	return p->place < q->place ? -1 : p->place > q->place;
}

/* Where to split the vehicles so both threads get about half the work:
 * vehicles first seen early have more reads (and cells) than late ones, so
 * half the vehicles is not half the work. Every 64th record is enough. */
static uint32_t balanced_cut(const ae_agg *a, uint32_t nv)
{
	uint64_t total = 0, run = 0;
	for (uint32_t i = 0; i < nv; i += 64)
		total += ae_vtab_at(a->vehicles, i)->reads + 4u;
	for (uint32_t i = 0; i < nv; i += 64) {
		run += ae_vtab_at(a->vehicles, i)->reads + 4u;
		if (2 * run >= total)
			return i;
	}
	return nv / 2;
}

typedef struct reader_job {
	const ae_vcells *vc;
	const ae_vtab *vt;
	ae_vcells_reader *r;
} reader_job;

static void *reader_make(void *user)
{
	reader_job *j = user;
	j->r = ae_vcells_reader_new(j->vc, j->vt);
	return NULL;
}

void ae_agg_finish(ae_agg *a, int threads)
{
	uint32_t nv = ae_vtab_count(a->vehicles), cut = threads > 1 ? balanced_cut(a, nv) : nv;
	finish f[2];
	finish_init(&f[0], a, 0, cut);
	finish_init(&f[1], a, cut, nv);
	/* the two parts' hashes sorted at once */
	reader_job rj = {a->part_vc, a->part_vehicles, NULL};
	pthread_t rt;
	int rtwo = a->part_vc && threads > 1 && pthread_create(&rt, NULL, reader_make, &rj) == 0;
	ae_vcells_reader *own = ae_vcells_reader_new(a->vc, a->vehicles);
	if (rtwo)
		pthread_join(rt, NULL);
	else if (a->part_vc)
		reader_make(&rj);
	ae_vcells_reader *part = rj.r;
	f[0].own = f[1].own = own;
	f[0].part = f[1].part = part;
	pthread_t t;
	int two = cut < nv && pthread_create(&t, NULL, finish_part, &f[1]) == 0;
	finish_part(&f[0]);
	if (two)
		pthread_join(t, NULL);
	else
		finish_part(&f[1]);
	/* the two parts' sums; f[0]'s arrays become the aggregate's */
	for (int k = 0; k < 3; k++)
		for (uint32_t q = 0; q < f[0].n[k]; q++) {
			f[0].mom[k][q].s2 += f[1].mom[k][q].s2;
			f[0].mom[k][q].s4 += f[1].mom[k][q].s4;
			f[0].distinct[k][q] += f[1].distinct[k][q];
		}
	for (uint32_t q = 0; q < f[0].n[0]; q++)
		a->cam[q].distinct = f[0].distinct[0][q];
	for (uint32_t q = 0; q < f[0].n[1]; q++)
		a->hood[q].distinct = f[0].distinct[1][q];
	a->cam_m = f[0].mom[0];
	a->hood_m = f[0].mom[1];
	a->month_m = f[0].mom[2];
	a->month_distinct = f[0].distinct[2];
	f[0].mom[0] = f[0].mom[1] = f[0].mom[2] = NULL;
	f[0].distinct[2] = NULL;
	for (uint32_t q = 0; q < a->nage; q++) {
		f[0].held[q] += f[1].held[q];
		f[0].quiet[q] += f[1].quiet[q];
	}
	free(a->held);
	free(a->quiet);
	a->held = f[0].held;
	a->quiet = f[0].quiet;
	f[0].held = f[0].quiet = NULL;
	a->all_m.s2 = f[0].all.s2 + f[1].all.s2;
	a->all_m.s4 = f[0].all.s4 + f[1].all.s4;
	a->nvplaces = f[0].nvp + f[1].nvp;
	a->vplaces = ae_malloc((a->nvplaces ? a->nvplaces : 1) * sizeof *a->vplaces);
	if (f[0].nvp)
		memcpy(a->vplaces, f[0].vp, f[0].nvp * sizeof *a->vplaces);
	if (f[1].nvp)
		memcpy(a->vplaces + f[0].nvp, f[1].vp, f[1].nvp * sizeof *a->vplaces);
	if (a->nvplaces)
		qsort(a->vplaces, a->nvplaces, sizeof *a->vplaces, vplace_cmp);
	finish_release(&f[0]);
	finish_release(&f[1]);
	ae_vcells_reader_free(own);
	ae_vcells_reader_free(part);
}

uint32_t ae_agg_vehicle_reads(const ae_agg *a, uint32_t vi, uint32_t kind, uint32_t place)
{
	if (!a->nvplaces)
		return 0;
	ae_vplace key = {vi, place, kind, 0};
	const ae_vplace *w = bsearch(&key, a->vplaces, a->nvplaces, sizeof key, vplace_cmp);
	return w ? w->reads : 0;
}
