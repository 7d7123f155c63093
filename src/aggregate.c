/* aggregate.c — see aggregate.h. */
#include "aggregate.h"
#include "util.h"
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
	"field_count", "missing_value", "bad_timestamp", "dst_gap", "empty_plate", "bad_number",
	"out_of_range", "unknown_value", "duplicate_id", "no_read", "unterminated_quote",
	"nul_byte", "bad_utf8",
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
	a->cameras = ae_strtab_new();
	a->hoods = ae_strtab_new();
	a->vehicles = ae_vtab_new();
	a->veh_cam = ae_set64_new();
	a->veh_hood = ae_set64_new();
	a->hit_ids = ae_strtab_new();
	a->read_links = ae_strtab_new();
	a->unknown_hood = ae_agg_hood(a, "unknown", 7);
}

void ae_agg_release(ae_agg *a)
{
	if (!a)
		return;
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
	free(a->camera_hood);
	free(a->camera_lat);
	free(a->camera_lon);
	free(a->cam);
	ae_strtab_free(a->hoods);
	free(a->hood);
	free(a->month_reads);
	free(a->day_reads);
	ae_vtab_free(a->vehicles);
	ae_set64_free(a->veh_cam);
	ae_set64_free(a->veh_hood);
	free(a->hits);
	ae_strtab_free(a->hit_ids);
	free(a->hit_by_id);
	ae_strtab_free(a->read_links);
	free(a->read_link_head);
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

uint32_t ae_agg_month_of_day(const ae_agg *a, long day)
{
	return (uint32_t)(month_key(day) - a->start_month);
}
