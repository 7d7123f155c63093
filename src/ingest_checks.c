/* ingest_checks.c — see ingest_checks.h. */
#include "ingest_checks.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

size_t ae_plate_normalise(const char *s, size_t n, char *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		out[k++] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
	}
	return k;
}

void ing_keyed_hash(const ctx *x, const unsigned char *p, size_t n, uint64_t *k0, uint64_t *k1)
{
	unsigned char h[crypto_shorthash_siphashx24_BYTES];
	crypto_shorthash_siphashx24(h, p, n, x->key);
	memcpy(k0, h, 8);
	memcpy(k1, h + 8, 8);
}


int ing_reject(ctx *x, const ae_record *r, int col, int reason, const char *detail)
{
	ae_agg_reject(x->a, x->table, r->line, col, reason, detail);
	return 0;
}

/* Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF). */
static int utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t k = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : 0;
		if (!k || c > 0xF4 || i + k >= n) /* a lead byte needs its k continuation bytes */
			return 0;
		for (size_t j = 1; j <= k; j++)
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
		if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) ||
		    (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F))
			return 0;
		i += k + 1;
	}
	return 1;
}

/* Names that reach the outputs (cameras, areas) must be text: no NUL, valid UTF-8. */
static const int text_cols[TB_COUNT][3] = {
	[TB_READS] = {RC_CAMERA, RC_HOOD, -1},
	[TB_HITS] = {HC_CAMERA, -1, -1},
	[TB_OUTCOMES] = {-1, -1, -1},
	[TB_CAMERAS] = {CC_CAMERA, CC_HOOD, -1},
	[TB_HOODS] = {NC_HOOD, -1, -1},
	[TB_SEARCHES] = {SC_TYPE, -1, -1},
	[TB_SHARING] = {SH_ORG, SH_SOURCE, SH_STATE},
	[TB_INCIDENTS] = {IC_TYPE, IC_HOOD, -1},
	[TB_TREATMENT] = {TC_HOOD, -1, -1},
};

/* Common checks: field count, NUL bytes, text, required values. 1 = rejected. */
int ing_rejected_shape(ctx *x, const ae_record *r, const int *req, int nreq)
{
	if (r->nfields != r->header_fields) {
		char d[64];
		snprintf(d, sizeof d, "%d fields, the header has %d", r->nfields, r->header_fields);
		ing_reject(x, r, -1, RJ_FIELD_COUNT, d);
		return 1;
	}
	for (int c = 0; !r->no_nul && c < AE_MAX_COLS; c++)
		if (r->field[c] && memchr(r->field[c], '\0', r->len[c])) {
			ing_reject(x, r, c, RJ_NUL_BYTE, NULL);
			return 1;
		}
	for (int k = 0; k < 3 && text_cols[x->table][k] >= 0; k++) {
		int c = text_cols[x->table][k];
		if (r->field[c] && !utf8_ok((const unsigned char *)r->field[c], r->len[c])) {
			ing_reject(x, r, c, RJ_BAD_UTF8, NULL);
			return 1;
		}
	}
	for (int i = 0; i < nreq; i++)
		if (!r->field[req[i]]) {
			ing_reject(x, r, req[i], RJ_MISSING, NULL);
			return 1;
		}
	return 0;
}

int ing_parse_time(ctx *x, const ae_record *r, int col, int64_t *t)
{
	int rc = ae_time_parse(x->tz, x->st->input[x->table].timestamp_format, r->field[col], r->len[col], t);
	if (rc == AE_TIME_OK)
		return 0;
	ing_reject(x, r, col, rc == AE_TIME_GAP ? RJ_DST_GAP : RJ_BAD_TIMESTAMP, NULL);
	return -1;
}

int ing_in_period(const ctx *x, long day) { return day >= x->st->start_day && day <= x->st->end_day; }

/* An optional number within [lo, hi]; 0 ok (or missing), -1 rejected. */
int ing_check_number(ctx *x, const ae_record *r, int col, double lo, double hi)
{
	double v;
	if (!r->field[col])
		return 0;
	if (ae_parse_double(r->field[col], r->len[col], &v)) {
		ing_reject(x, r, col, RJ_BAD_NUMBER, NULL);
		return -1;
	}
	if (!(v >= lo && v <= hi)) {
		ing_reject(x, r, col, RJ_OUT_OF_RANGE, NULL);
		return -1;
	}
	return 0;
}

/* An optional number within [lo, hi] into *v (NAN when missing); -1 rejected. */
int ing_get_number(ctx *x, const ae_record *r, int col, double lo, double hi, double *v)
{
	*v = NAN;
	if (!r->field[col])
		return 0;
	if (ae_parse_double(r->field[col], r->len[col], v)) {
		ing_reject(x, r, col, RJ_BAD_NUMBER, NULL);
		return -1;
	}
	if (!(*v >= lo && *v <= hi)) {
		ing_reject(x, r, col, RJ_OUT_OF_RANGE, NULL);
		return -1;
	}
	return 0;
}

/* The listed area holding a point, by the boundaries; AE_NO_LINK if none. */
uint32_t ing_locate(const ae_agg *a, double lon, double lat)
{
	if (!a->geo || isnan(lon) || isnan(lat))
		return AE_NO_LINK;
	int f = ae_geo_locate(a->geo, lon, lat);
	return f < 0 ? AE_NO_LINK : a->geo_hood[f];
}

/* A category; -1 when missing or unknown (rejected). */
int ing_category(ctx *x, const ae_record *r, int col)
{
	if (!r->field[col]) {
		ing_reject(x, r, col, RJ_MISSING, NULL);
		return -1;
	}
	int v = ae_csv_category(x->csv, col, r->field[col], r->len[col]);
	if (v < 0) {
		char d[80];
		size_t n = r->len[col] > 60 ? 60 : r->len[col];
		snprintf(d, sizeof d, "'%.*s'", (int)n, r->field[col]);
		ing_reject(x, r, col, RJ_UNKNOWN_VALUE, d);
	}
	return v;
}
