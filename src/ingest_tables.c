/* ingest_tables.c — the tables read after the read log: the search audit
 * log, the sharing list, the treatment schedule and the incidents (see
 * ingest_tables.h). */
#include "ingest_tables.h"
#include "ingest_reads.h"
#include "gov_classify.h"
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------- searches ---------------- */

/* A time of the searches table (its format, its zone) from n bytes at f; 0, or
 * the AE_TIME_* result. */
static int search_time(ctx *x, const char *f, size_t n, int64_t *t)
{
	return ae_time_parse(x->tz, x->st->input[TB_SEARCHES].timestamp_format, f, n, t);
}

static int time_reject(ctx *x, const ae_record *r, int col, int rc)
{
	return ing_reject(x, r, col, rc == AE_TIME_GAP ? RJ_DST_GAP : RJ_BAD_TIMESTAMP, NULL);
}

/* Both ends of the window from one cell: "START<sep>END", either end may be
 * empty. 0, or -1 when rejected. */
static int split_window(ctx *x, const ae_record *r, ae_search *s)
{
	const char *sep = x->st->input[TB_SEARCHES].window_separator;
	size_t sl = sep ? strlen(sep) : 1, n = r->len[SC_WINDOW];
	const char *f = r->field[SC_WINDOW], *at = NULL;
	for (size_t i = 0; !at && i + sl <= n; i++)
		if (sep ? memcmp(f + i, sep, sl) == 0 : f[i] == '\n')
			at = f + i;
	if (!at) {
		ing_reject(x, r, SC_WINDOW, RJ_BAD_TIMESTAMP, "no separator between the window's two ends");
		return -1;
	}
	const char *part[2] = {f, at + sl};
	size_t len[2] = {(size_t)(at - f), n - (size_t)(at + sl - f)};
	int64_t *dst[2] = {&s->wstart, &s->wend};
	for (int k = 0; k < 2; k++) {
		const char *p = ae_trim(part[k], &len[k]);
		if (!len[k] || (*dst[k] != AE_NO_TIME))
			continue; /* an empty end, or one given in its own column */
		int rc = search_time(x, p, len[k], dst[k]);
		if (rc) {
			time_reject(x, r, SC_WINDOW, rc);
			return -1;
		}
	}
	return 0;
}

/* A count of networks or devices: a whole number >= 0, or -1 when missing. */
static int search_count(ctx *x, const ae_record *r, int col, int32_t *out)
{
	double v;
	*out = -1;
	if (ing_get_number(x, r, col, 0, 2e9, &v))
		return -1;
	if (isnan(v))
		return 0;
	if (v != floor(v)) {
		ing_reject(x, r, col, RJ_BAD_NUMBER, "not a whole number");
		return -1;
	}
	*out = (int32_t)v;
	return 0;
}

/* A keyed hash of a field (user names as given, queries normalised like plates). */
static void hash_field(const ctx *x, const ae_record *r, int col, int plate, uint64_t out[2])
{
	char buf[512];
	size_t n = r->len[col] > sizeof buf ? sizeof buf : r->len[col];
	if (plate)
		n = ae_plate_normalise(r->field[col], n, buf);
	else
		memcpy(buf, r->field[col], n);
	ing_keyed_hash(x, (const unsigned char *)buf, n, &out[0], &out[1]);
	sodium_memzero(buf, sizeof buf);
}

static int on_search(void *u, const ae_record *r)
{
	ctx *x = u;
	ae_agg *a = x->a;
	static const int req[] = {SC_SEARCH_ID, SC_TIMESTAMP};
	a->tables[TB_SEARCHES].read++;
	if (ing_rejected_shape(x, r, req, 2))
		return 0;
	ae_search s;
	memset(&s, 0, sizeof s);
	s.org = s.type = AE_NO_LINK;
	s.wstart = s.wend = AE_NO_TIME;
	int rc = search_time(x, r->field[SC_TIMESTAMP], r->len[SC_TIMESTAMP], &s.t);
	if (rc)
		return time_reject(x, r, SC_TIMESTAMP, rc);
	int64_t *ends[2] = {&s.wstart, &s.wend};
	for (int k = 0; k < 2; k++) {
		int col = k ? SC_WINDOW_END : SC_WINDOW_START;
		if (r->field[col] && (rc = search_time(x, r->field[col], r->len[col], ends[k])) != 0)
			return time_reject(x, r, col, rc);
	}
	if (r->field[SC_WINDOW] && (s.wstart == AE_NO_TIME || s.wend == AE_NO_TIME) && split_window(x, r, &s))
		return 0;
	if (search_count(x, r, SC_NETWORKS, &s.networks) || search_count(x, r, SC_DEVICES, &s.devices))
		return 0;
	if (s.wend != AE_NO_TIME && s.wend > s.t)
		s.wend = s.t; /* a window end later than the search is clipped to it */
	if (s.wstart != AE_NO_TIME && s.wstart > (s.wend != AE_NO_TIME ? s.wend : s.t)) {
		int col = r->field[SC_WINDOW_START] ? SC_WINDOW_START : SC_WINDOW;
		return ing_reject(x, r, col, RJ_OUT_OF_RANGE, "the window starts after its end or after the search");
	}
	int added;
	ae_strtab_intern(a->search_ids, r->field[SC_SEARCH_ID], r->len[SC_SEARCH_ID], &added);
	if (!added)
		return ing_reject(x, r, SC_SEARCH_ID, RJ_DUPLICATE_ID, NULL);
	if (r->field[SC_USER]) {
		hash_field(x, r, SC_USER, 0, s.user);
		s.has |= AE_SH_USER;
	}
	if (r->field[SC_QUERY]) {
		hash_field(x, r, SC_QUERY, 1, s.query);
		s.has |= AE_SH_QUERY;
	}
	if (r->field[SC_ORG]) {
		s.org = ae_strtab_intern(a->search_orgs, r->field[SC_ORG], r->len[SC_ORG], &added);
		s.has |= AE_SH_ORG;
	}
	if (r->field[SC_TYPE])
		s.type = ae_strtab_intern(a->search_types, r->field[SC_TYPE], r->len[SC_TYPE], &added);
	if (r->field[SC_CASE])
		s.has |= AE_SH_CASE;
	/* the reason text goes no further than its class and flag */
	s.reason_class =
		(uint8_t)ae_reason_class_with(r->field[SC_REASON], r->field[SC_REASON] ? r->len[SC_REASON] : 0,
					      (const char *const *)x->st->vague_reasons, x->st->nvague_reasons,
					      (const char *const *)x->st->generic_reasons, x->st->ngeneric_reasons);
	if (r->field[SC_REASON]) {
		s.has |= AE_SH_REASON;
		s.flagged = (uint8_t)ae_reason_flagged(r->field[SC_REASON], r->len[SC_REASON],
						       (const char *const *)x->st->flag_terms, x->st->nflag_terms);
	}
	if (a->nsearches == a->capsearches) {
		a->capsearches = a->capsearches ? a->capsearches * 2 : 256;
		a->searches = ae_realloc(a->searches, a->capsearches * sizeof *a->searches);
	}
	a->searches[a->nsearches++] = s;
	return 0;
}

/* After the table (its times read in its own zone): in or out of the period,
 * month and time of day, all in the study's zone. */
static void settle_searches(ae_agg *a, const ae_study *st, ae_tz *tz)
{
	ae_tablecount *tc = &a->tables[TB_SEARCHES];
	size_t k = 0;
	for (size_t i = 0; i < a->nsearches; i++) {
		ae_search s = a->searches[i];
		long off = ae_tz_offset(tz, s.t);
		long day = ae_local_day(tz, s.t);
		if (day < st->start_day || day > st->end_day) {
			tc->out_of_period++;
			continue;
		}
		tc->accepted++;
		s.month = ae_agg_month_of_day(a, day);
		int64_t sec = (s.t + off) - (int64_t)day * 86400;
		s.local_minute = (uint16_t)(sec / 60);
		a->searches[k++] = s;
	}
	a->nsearches = k;
}

/* The searches table, its naive times in the table's own zone when it names
 * one: the process zone is switched for the table's pass and back after it
 * (no other thread reads times meanwhile). */
int ing_run_searches(ctx *x, ae_error *err)
{
	const ae_input *in = &x->st->input[TB_SEARCHES];
	if (!in->present)
		return AE_OK;
	ae_tz *study_tz = x->tz, *ttz = NULL;
	if (in->timezone) {
		ttz = ae_tz_new(in->timezone);
		if (!ttz) {
			ae_tz_free(ae_tz_new(x->st->timezone));
			return ae_fail(err, AE_EUSAGE, "%s: [searches] timezone '%s' is not a known IANA time zone",
				       x->st->file, in->timezone);
		}
		x->tz = ttz;
	}
	int rc = ing_run_table(x, TB_SEARCHES, on_search, err);
	if (ttz) {
		ae_tz_free(ttz);
		ae_tz_free(ae_tz_new(x->st->timezone));
		x->tz = study_tz;
	}
	if (!rc)
		settle_searches(x->a, x->st, x->tz);
	return rc;
}

/* ---------------- sharing ---------------- */
/* A yes of the outbound or inbound column: given, and not no, false or 0. */
static int yes(const ae_record *r, int col)
{
	if (!r->field[col])
		return 0;
	size_t n = r->len[col];
	const char *f = ae_trim(r->field[col], &n);
	return n && !ae_strnieq(f, n, "no") && !ae_strnieq(f, n, "false") && !ae_strnieq(f, n, "0");
}

static int on_share(void *u, const ae_record *r)
{
	ctx *x = u;
	ae_agg *a = x->a;
	static const int req[] = {SH_ORG};
	ae_tablecount *tc = &a->tables[TB_SHARING];
	tc->read++;
	if (ing_rejected_shape(x, r, req, 1))
		return 0;
	int kind = SK_DETECTIONS;
	if (r->field[SH_KIND] && (kind = ing_category(x, r, SH_KIND)) < 0)
		return 0;
	if (ae_csv_has_col(x->csv, SH_SOURCE)) {
		const char *ag = x->st->agency;
		if (!ag) {
			x->failed = 1;
			return ae_fail(x->err, AE_EUSAGE,
				       "%s: the [sharing] table has a source column: the study needs 'agency'",
				       x->st->file);
		}
		size_t n = r->field[SH_SOURCE] ? r->len[SH_SOURCE] : 0;
		const char *f = n ? ae_trim(r->field[SH_SOURCE], &n) : "";
		if (n != strlen(ag) || memcmp(f, ag, n) != 0) {
			tc->out_of_period++; /* another agency's row of an edge list: out of scope */
			return 0;
		}
	}
	ae_share sh;
	memset(&sh, 0, sizeof sh);
	sh.line = r->line;
	sh.kind = (uint8_t)kind;
	size_t n = r->len[SH_ORG];
	const char *org = ae_trim(r->field[SH_ORG], &n);
	/* the key of a row: its kind, then the organization */
	char *key = ae_malloc(n + 2);
	key[0] = (char)('0' + kind);
	memcpy(key + 1, org, n);
	int added;
	ae_strtab_intern(a->share_keys, key, n + 1, &added);
	free(key);
	if (!added)
		return ing_reject(x, r, SH_ORG, RJ_DUPLICATE_ID, "the organization is listed twice (same kind)");
	sh.org = ae_strtab_intern(a->share_orgs, org, n, &added);
	int has_dir = ae_csv_has_col(x->csv, SH_OUTBOUND) || ae_csv_has_col(x->csv, SH_INBOUND);
	sh.outbound = (uint8_t)(has_dir ? yes(r, SH_OUTBOUND) : 1); /* a plain list: every one a recipient */
	sh.inbound = (uint8_t)yes(r, SH_INBOUND);
	if (r->field[SH_STATE]) {
		size_t sn = r->len[SH_STATE];
		const char *sf = ae_trim(r->field[SH_STATE], &sn);
		if (sn > sizeof sh.state - 1)
			sn = sizeof sh.state - 1;
		memcpy(sh.state, sf, sn);
	}
	if (a->nshares == a->capshares) {
		a->capshares = a->capshares ? a->capshares * 2 : 64;
		a->shares = ae_realloc(a->shares, a->capshares * sizeof *a->shares);
	}
	a->shares[a->nshares++] = sh;
	tc->accepted++;
	return 0;
}

int ing_run_sharing(ctx *x, ae_error *err) { return ing_run_table(x, TB_SHARING, on_share, err); }

/* ---------------- incidents ---------------- */
/* An area or type name's index, its counter grown with the table. */
static uint32_t incident_name(ae_strtab *tab, uint64_t **n, const char *s, size_t len)
{
	int added;
	uint32_t id = ae_strtab_intern(tab, s, len, &added);
	if (added) {
		*n = ae_realloc(*n, ae_strtab_count(tab) * sizeof **n);
		(*n)[id] = 0;
	}
	return id;
}

/* The type as the study names it: a value.type label (exact), else as given (trimmed). */
static uint32_t incident_type(ctx *x, const ae_record *r)
{
	ae_agg *a = x->a;
	const ae_input *in = &x->st->input[TB_INCIDENTS];
	for (size_t i = 0; i < in->nmaps; i++)
		if (in->maps[i].col == IC_TYPE && strlen(in->maps[i].label) == r->len[IC_TYPE] &&
		    memcmp(in->maps[i].label, r->field[IC_TYPE], r->len[IC_TYPE]) == 0)
			return incident_name(a->incident_types, &a->incident_type_n, in->maps[i].name,
					     strlen(in->maps[i].name));
	size_t n = r->len[IC_TYPE];
	const char *f = ae_trim(r->field[IC_TYPE], &n);
	return incident_name(a->incident_types, &a->incident_type_n, f, n);
}

static int on_incident(void *u, const ae_record *r)
{
	ctx *x = u;
	ae_agg *a = x->a;
	static const int req[] = {IC_INCIDENT_ID, IC_TIMESTAMP};
	ae_tablecount *tc = &a->tables[TB_INCIDENTS];
	tc->read++;
	if (ing_rejected_shape(x, r, req, 2))
		return 0;
	int64_t t;
	if (ing_parse_time(x, r, IC_TIMESTAMP, &t))
		return 0;
	double lat, lon;
	if (ing_get_number(x, r, IC_LAT, -90, 90, &lat) || ing_get_number(x, r, IC_LON, -180, 180, &lon))
		return 0;
	/* a checked row: its id decides. A repeat (one incident, several offences) takes its first row's place. */
	int added;
	uint32_t id = ae_strtab_intern(a->incident_ids, r->field[IC_INCIDENT_ID], r->len[IC_INCIDENT_ID], &added);
	if (!added) {
		if (a->incident_in[id]) {
			tc->accepted++;
			tc->repeated++;
			a->incident_repeats++;
		} else {
			tc->out_of_period++;
		}
		return 0;
	}
	if (id >= a->incident_cap) {
		a->incident_cap = a->incident_cap ? 2 * a->incident_cap : 1024;
		a->incident_in = ae_realloc(a->incident_in, a->incident_cap);
	}
	long day = ae_local_day(x->tz, t);
	a->incident_in[id] = (uint8_t)(day >= a->incident_first_day && day <= a->incident_last_day);
	if (!a->incident_in[id]) {
		tc->out_of_period++;
		return 0;
	}
	tc->accepted++;
	a->incidents++;
	a->incident_month[ae_agg_incident_month(a, day)]++;
	/* its area: the row's own, else its point's polygon (0,0 is no point), else unknown */
	uint32_t area;
	if (r->field[IC_HOOD]) {
		size_t n = r->len[IC_HOOD];
		const char *f = ae_trim(r->field[IC_HOOD], &n);
		area = incident_name(a->incident_areas, &a->incident_area_n, f, n);
	} else {
		uint32_t h = lat == 0 && lon == 0 ? AE_NO_LINK : ing_locate(a, lon, lat);
		const char *name = ae_strtab_name(a->hoods, h == AE_NO_LINK ? a->unknown_hood : h);
		area = incident_name(a->incident_areas, &a->incident_area_n, name, strlen(name));
	}
	a->incident_area_n[area]++;
	uint32_t type = UINT32_MAX;
	if (r->field[IC_TYPE]) {
		type = incident_type(x, r); /* it may move the counters */
		a->incident_type_n[type]++;
	}
	if (a->incident_nrec == a->incident_rec_cap) {
		a->incident_rec_cap = a->incident_rec_cap ? 2 * a->incident_rec_cap : 4096;
		a->incident_rec = ae_realloc(a->incident_rec, a->incident_rec_cap * sizeof *a->incident_rec);
	}
	a->incident_rec[a->incident_nrec++] = (ae_incident){area, type, (int32_t)day};
	return 0;
}

/* The areas an incident may fall in, before the table (each gets a row, a
 * zero included): the listed areas, then the boundaries' features; and the
 * study's mapped type names. */
int ing_run_incidents(ctx *x, ae_error *err)
{
	ae_agg *a = x->a;
	const ae_input *in = &x->st->input[TB_INCIDENTS];
	if (!in->present)
		return AE_OK;
	for (uint32_t i = 0; i < a->nlisted; i++) {
		const char *name = ae_strtab_name(a->hoods, a->listed[i]);
		incident_name(a->incident_areas, &a->incident_area_n, name, strlen(name));
	}
	for (int f = 0; a->geo && f < ae_geo_count(a->geo); f++) {
		const char *name = ae_strtab_name(a->hoods, a->geo_hood[f]);
		incident_name(a->incident_areas, &a->incident_area_n, name, strlen(name));
	}
	for (uint32_t i = 0; i < ae_strtab_count(a->treat_areas); i++) { /* a treated area without incidents too */
		const char *name = ae_strtab_name(a->treat_areas, i);
		incident_name(a->incident_areas, &a->incident_area_n, name, strlen(name));
	}
	for (size_t i = 0; i < in->nmaps; i++)
		if (in->maps[i].col == IC_TYPE)
			incident_name(a->incident_types, &a->incident_type_n, in->maps[i].name,
				      strlen(in->maps[i].name));
	for (size_t i = 0; i < x->st->neffect_types; i++) /* the modelled types, each with a row */
		incident_name(a->incident_types, &a->incident_type_n, x->st->effect_types[i],
			      strlen(x->st->effect_types[i]));
	return ing_run_table(x, TB_INCIDENTS, on_incident, err);
}

/* ---------------- treatment ---------------- */
/* A date column of the treatment table: YYYY-MM-DD, else a time by the
 * table's format (its local day); -1 rejected. */
static int treat_day(ctx *x, const ae_record *r, int col, long *day)
{
	size_t n = r->len[col];
	const char *f = ae_trim(r->field[col], &n);
	if (!x->st->input[TB_TREATMENT].timestamp_format && !ae_parse_date(f, n, day))
		return 0;
	int64_t t;
	if (ing_parse_time(x, r, col, &t))
		return -1;
	*day = ae_local_day(x->tz, t);
	return 0;
}

static int on_treatment(void *u, const ae_record *r)
{
	ctx *x = u;
	static const int req[] = {TC_HOOD, TC_START};
	ae_tablecount *tc = &x->a->tables[TB_TREATMENT];
	tc->read++;
	if (ing_rejected_shape(x, r, req, 2))
		return 0;
	long start, end = LONG_MIN;
	if (treat_day(x, r, TC_START, &start) || (r->field[TC_END] && treat_day(x, r, TC_END, &end)))
		return 0;
	if (end != LONG_MIN && end < start)
		return ing_reject(x, r, TC_END, RJ_OUT_OF_RANGE, "before start");
	size_t n = r->len[TC_HOOD];
	const char *f = ae_trim(r->field[TC_HOOD], &n);
	ae_agg_treat(x->a, TS_TABLE, f, n, start, end);
	tc->accepted++; /* an area named again: its earliest start holds */
	return 0;
}

int ing_run_treatment(ctx *x, ae_error *err)
{
	const ae_study *st = x->st;
	/* the incidents' window: the model's, else the study period */
	if (st->effect_present)
		ae_agg_incident_window(x->a, st->effect_start_day, st->effect_end_day);
	return ing_run_table(x, TB_TREATMENT, on_treatment, err);
}
