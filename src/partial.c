/* partial.c — see partial.h. The file, all integers little-endian:
 *   "ALPRPART"  u32 format  u32 0  u64 file length
 *   sections, each: u32 tag, u64 payload length, payload
 *     HEAD  tool version, study fingerprint, plate key identity, period, sizes
 *     SHRD  the shard's read log: path, bytes, lines, SHA-256, header spelling
 *     CNTS  read log counts; per month, day, age bucket, day x listed area
 *     CAMS  camera names and reads;  HOOD  area names and reads
 *     CELL  (camera, area, month) of each cell
 *     VEHS  per vehicle: keyed plate hash, reads, newest, (cell, reads) pairs
 *     LINK  the hits its reads link, and how;  REJS  the read log's rejects
 *   64 hex digits: the SHA-256 of every byte before them.
 * Strings are u32 length + bytes (0xffffffff: none). Indexes are the
 * partial's own: the merge maps names and keys onto the aggregate's, in the
 * partial's order, so indexes come out as one pass over the shards would give. */
#include "partial.h"
#include "sha256.h"
#include <errno.h>
#include <zlib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char magic[8] = {'A', 'L', 'P', 'R', 'P', 'A', 'R', 'T'};
#define HEADER_BYTES 24
#define TRAILER_BYTES 64
#define NO_STR UINT32_MAX

enum { T_HEAD, T_SHRD, T_CNTS, T_CAMS, T_HOOD, T_CELL, T_VEHS, T_LINK, T_REJS, T_COUNT };
static const char tags[T_COUNT][5] = {"HEAD", "SHRD", "CNTS", "CAMS", "HOOD", "CELL", "VEHS", "LINK", "REJS"};

/* ---------------- writing ---------------- */
static void w_u8(ae_buf *b, uint8_t v) { ae_buf_add(b, &v, 1); }
static void w_u32(ae_buf *b, uint32_t v)
{
	uint8_t x[4];
	for (int i = 0; i < 4; i++)
		x[i] = (uint8_t)(v >> (8 * i));
	ae_buf_add(b, x, 4);
}
static void w_u64(ae_buf *b, uint64_t v)
{
	uint8_t x[8];
	for (int i = 0; i < 8; i++)
		x[i] = (uint8_t)(v >> (8 * i));
	ae_buf_add(b, x, 8);
}
static void w_i64(ae_buf *b, int64_t v) { w_u64(b, (uint64_t)v); }
static void w_str(ae_buf *b, const char *s)
{
	if (!s) {
		w_u32(b, NO_STR);
		return;
	}
	size_t n = strlen(s);
	w_u32(b, (uint32_t)n);
	ae_buf_add(b, s, n);
}
static void put_u64_at(ae_buf *b, size_t off, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		b->data[off + (size_t)i] = (char)(uint8_t)(v >> (8 * i));
}
/* A section's tag and a length filled in by section_end. */
static size_t section_begin(ae_buf *b, int tag)
{
	ae_buf_add(b, tags[tag], 4);
	w_u64(b, 0);
	return b->len;
}
static void section_end(ae_buf *b, size_t start) { put_u64_at(b, start - 8, (uint64_t)(b->len - start)); }

/* ---------------- the fingerprint ---------------- */
static void fp_input(ae_buf *b, const ae_input *in)
{
	w_u32(b, (uint32_t)in->present);
	w_u8(b, (uint8_t)in->delimiter);
	w_str(b, in->timestamp_format);
	w_str(b, in->timezone);
	w_str(b, in->window_separator);
	for (int c = 0; c < AE_MAX_COLS; c++)
		w_str(b, in->column[c]);
	w_u32(b, (uint32_t)in->npop);
	for (int g = 0; g < in->npop; g++) {
		w_str(b, in->pop_group[g]);
		w_str(b, in->pop_column[g]);
	}
	w_u64(b, in->nmaps);
	for (size_t m = 0; m < in->nmaps; m++) {
		w_u32(b, (uint32_t)in->maps[m].col);
		w_u32(b, (uint32_t)in->maps[m].value);
		w_str(b, in->maps[m].label);
		w_str(b, in->maps[m].name);
	}
	w_u64(b, in->nmissing);
	for (size_t m = 0; m < in->nmissing; m++)
		w_str(b, in->missing[m]);
}

void ae_partial_fingerprint(const ae_study *st, const ae_agg *a, uint8_t out[32])
{
	/* the tables ingest reads before the read log, then the read log's reading (not its path) */
	static const int linked[] = {TB_HOODS, TB_CAMERAS, TB_HITS, TB_OUTCOMES, TB_READS};
	ae_buf b;
	ae_buf_init(&b);
	ae_buf_puts(&b, "alpr-eval partial fingerprint 1\n");
	w_i64(&b, st->start_day);
	w_i64(&b, st->end_day);
	w_str(&b, st->timezone);
	for (size_t i = 0; i < sizeof linked / sizeof linked[0]; i++) {
		int t = linked[i];
		fp_input(&b, &st->input[t]);
		if (t != TB_READS)
			w_str(&b, a->tables[t].present ? a->tables[t].sha256 : "");
	}
	w_u32(&b, (uint32_t)a->geo_hash.present);
	w_str(&b, a->geo_hash.present ? a->geo_hash.sha256 : "");
	w_str(&b, st->boundaries_property);
	char hex[65] = "";
	ae_sha256 *h = ae_sha256_new();
	if (h) {
		ae_sha256_update(h, b.data, b.len);
		ae_sha256_final(h, hex);
		ae_sha256_free(h);
	}
	ae_buf_release(&b);
	for (int i = 0; i < 32; i++) {
		unsigned v = 0;
		sscanf(hex + 2 * i, "%2x", &v);
		out[i] = (uint8_t)v;
	}
}

/* ---------------- the vehicles' cells ---------------- */
typedef struct cellcount {
	uint32_t cell, count;
} cellcount;

static int cellcount_cmp(const void *x, const void *y)
{
	const cellcount *p = x, *q = y;
	return p->cell < q->cell ? -1 : p->cell > q->cell;
}

/* Every vehicle's cells, the second thread's part (ae_agg_merge) mapped
 * into the first's, sorted and summed: the same bytes from one thread or two. */
static void write_vehicles(ae_buf *b, const ae_agg *a)
{
	ae_vtab *vt = (ae_vtab *)a->vehicles;
	uint32_t nv = ae_vtab_count(vt);
	ae_vcells_reader *own = ae_vcells_reader_new(a->vc, vt);
	ae_vcells_reader *part = a->part_vc ? ae_vcells_reader_new(a->part_vc, a->part_vehicles) : NULL;
	uint32_t *cells = NULL, *counts = NULL, n, cap = 0;
	cellcount *cc = NULL;
	size_t ccap = 0;
	w_u32(b, nv);
	for (uint32_t vi = 0; vi < nv; vi++) {
		const ae_vehicle *v = ae_vtab_at(vt, vi);
		n = 0;
		ae_vcells_reader_get(own, vi, &cells, &counts, &n, &cap);
		if (part && a->part_of[vi]) {
			uint32_t from = n;
			ae_vcells_reader_get(part, a->part_of[vi] - 1, &cells, &counts, &n, &cap);
			for (uint32_t j = from; j < n; j++)
				cells[j] = a->part_cell[cells[j]];
		}
		if (n > ccap) {
			ccap = n;
			cc = ae_realloc(cc, ccap * sizeof *cc);
		}
		for (uint32_t j = 0; j < n; j++)
			cc[j] = (cellcount){cells[j], counts[j]};
		qsort(cc, n, sizeof *cc, cellcount_cmp);
		uint32_t m = 0;
		for (uint32_t j = 0; j < n; j++)
			if (m && cc[m - 1].cell == cc[j].cell)
				cc[m - 1].count += cc[j].count;
			else
				cc[m++] = cc[j];
		w_u64(b, v->k0);
		w_u64(b, v->k1);
		w_u32(b, v->reads);
		w_u32(b, v->newest);
		w_u32(b, m);
		for (uint32_t j = 0; j < m; j++) {
			w_u32(b, cc[j].cell);
			w_u32(b, cc[j].count);
		}
	}
	free(cells);
	free(counts);
	free(cc);
	ae_vcells_reader_free(own);
	ae_vcells_reader_free(part);
}

static void write_body(ae_buf *b, const ae_study *st, const ae_agg *a)
{
	const ae_tablecount *tc = &a->tables[TB_READS];
	size_t s = section_begin(b, T_HEAD);
	w_str(b, AE_VERSION);
	uint8_t fp[32];
	ae_partial_fingerprint(st, a, fp);
	ae_buf_add(b, fp, 32);
	ae_buf_add(b, a->key_id, 32);
	w_i64(b, st->start_day);
	w_i64(b, st->end_day);
	w_str(b, st->timezone);
	w_u32(b, a->nhits);
	w_u32(b, a->nmonths);
	w_u32(b, a->ndays);
	w_u32(b, a->nage);
	w_u32(b, a->nlisted);
	section_end(b, s);

	s = section_begin(b, T_SHRD);
	w_str(b, st->input[TB_READS].path_given);
	w_u64(b, tc->bytes);
	w_i64(b, tc->lines);
	w_str(b, tc->sha256);
	w_u32(b, AE_MAX_COLS);
	for (int c = 0; c < AE_MAX_COLS; c++)
		w_str(b, tc->colnames ? tc->colnames[c] : NULL);
	section_end(b, s);

	s = section_begin(b, T_CNTS);
	w_u64(b, tc->read);
	w_u64(b, tc->accepted);
	w_u64(b, tc->out_of_period);
	w_u64(b, a->reads);
	w_u64(b, a->unassigned);
	w_i64(b, a->read_first);
	w_i64(b, a->read_last);
	for (uint32_t i = 0; i < a->nmonths; i++)
		w_u64(b, a->month_reads[i]);
	for (uint32_t i = 0; i < a->ndays; i++)
		w_u64(b, a->day_reads[i]);
	for (uint32_t i = 0; i < a->nage; i++)
		w_u64(b, a->read_age[i]);
	for (size_t i = 0; i < (size_t)a->ndays * a->nlisted; i++)
		w_u64(b, a->day_hood[i]);
	section_end(b, s);

	s = section_begin(b, T_CAMS);
	uint32_t n = ae_strtab_count(a->cameras);
	w_u32(b, n);
	for (uint32_t i = 0; i < n; i++) {
		w_str(b, ae_strtab_name(a->cameras, i));
		w_u64(b, a->cam[i].reads);
	}
	section_end(b, s);

	s = section_begin(b, T_HOOD);
	n = ae_strtab_count(a->hoods);
	w_u32(b, n);
	for (uint32_t i = 0; i < n; i++) {
		w_str(b, ae_strtab_name(a->hoods, i));
		w_u64(b, a->hood[i].reads);
	}
	section_end(b, s);

	s = section_begin(b, T_CELL);
	n = ae_vcells_ncells(a->vc);
	w_u32(b, n);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t c, h, m;
		ae_vcells_cell_of(a->vc, i, &c, &h, &m);
		w_u32(b, c);
		w_u32(b, h);
		w_u32(b, m);
	}
	section_end(b, s);

	s = section_begin(b, T_VEHS);
	write_vehicles(b, a);
	section_end(b, s);

	/* the hits as its reads left them (not yet settled): linked ones only */
	s = section_begin(b, T_LINK);
	n = 0;
	for (uint32_t i = 0; i < a->nhits; i++)
		n += a->hits[i].linked != 0;
	w_u32(b, n);
	for (uint32_t i = 0; i < a->nhits; i++) {
		const ae_hit *h = &a->hits[i];
		if (!h->linked)
			continue;
		w_u32(b, i);
		w_u8(b, h->linked);
		w_i64(b, h->read_t);
		w_u32(b, h->camera);
		w_u32(b, h->hood);
		w_u32(b, h->month);
		w_u32(b, h->vehicle);
	}
	section_end(b, s);

	s = section_begin(b, T_REJS);
	n = 0;
	for (size_t i = 0; i < a->nrejects; i++)
		n += a->rejects[i].table == TB_READS;
	w_u32(b, n);
	for (size_t i = 0; i < a->nrejects; i++) {
		const ae_reject *r = &a->rejects[i];
		if (r->table != TB_READS)
			continue;
		w_i64(b, r->line);
		w_u32(b, (uint32_t)(int32_t)r->col);
		w_u8(b, r->reason);
		w_str(b, r->detail);
	}
	section_end(b, s);
}

int ae_partial_write(const char *file, const ae_study *st, const ae_agg *a, ae_error *err)
{
	ae_buf b;
	ae_buf_init(&b);
	ae_buf_add(&b, magic, sizeof magic);
	w_u32(&b, AE_PARTIAL_FORMAT);
	w_u32(&b, 0);
	w_u64(&b, 0); /* the length, once known */
	write_body(&b, st, a);
	put_u64_at(&b, 16, (uint64_t)(b.len + TRAILER_BYTES));
	char hex[65];
	ae_sha256 *h = ae_sha256_new();
	int bad = !h;
	if (h) {
		ae_sha256_update(h, b.data, b.len);
		bad = ae_sha256_final(h, hex) != 0;
		ae_sha256_free(h);
	}
	if (bad) {
		ae_buf_release(&b);
		return ae_fail(err, AE_EIO, "%s: cannot compute a SHA-256 (libcrypto)", file);
	}
	ae_buf_add(&b, hex, TRAILER_BYTES);
	/* whole or not at all: a reader never sees half a partial under its name */
	size_t tn = strlen(file) + 8;
	char *tmp = ae_malloc(tn);
	snprintf(tmp, tn, "%s.tmp", file);
	FILE *f = fopen(tmp, "wb");
	int rc = AE_OK;
	if (!f)
		rc = ae_fail(err, AE_EIO, "%s: cannot create (%s)", tmp, strerror(errno));
	else {
		int w = fwrite(b.data, 1, b.len, f) != b.len;
		w |= fclose(f) != 0;
		if (w)
			rc = ae_fail(err, AE_EIO, "%s: write failed (disk full?)", tmp);
		else if (rename(tmp, file) != 0)
			rc = ae_fail(err, AE_EIO, "%s: cannot rename into place (%s)", file, strerror(errno));
		if (rc)
			remove(tmp);
	}
	free(tmp);
	ae_buf_release(&b);
	return rc;
}

/* ---------------- reading ---------------- */
typedef struct rd {
	const uint8_t *p;
	size_t n, off, end; /* end: of the current section */
	int bad;
} rd;

static int need(rd *r, size_t k)
{
	if (r->bad || k > r->end - r->off) {
		r->bad = 1;
		return 0;
	}
	return 1;
}
static uint8_t r_u8(rd *r) { return need(r, 1) ? r->p[r->off++] : 0; }
static uint32_t r_u32(rd *r)
{
	if (!need(r, 4))
		return 0;
	uint32_t v = 0;
	for (int i = 0; i < 4; i++)
		v |= (uint32_t)r->p[r->off + (size_t)i] << (8 * i);
	r->off += 4;
	return v;
}
static uint64_t r_u64(rd *r)
{
	if (!need(r, 8))
		return 0;
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)r->p[r->off + (size_t)i] << (8 * i);
	r->off += 8;
	return v;
}
static int64_t r_i64(rd *r) { return (int64_t)r_u64(r); }
/* A malloc'd copy, or NULL for none (or when bad). */
static char *r_str(rd *r)
{
	uint32_t n = r_u32(r);
	if (n == NO_STR || !need(r, n))
		return NULL;
	char *s = ae_malloc((size_t)n + 1);
	memcpy(s, r->p + r->off, n);
	s[n] = '\0';
	r->off += n;
	if (memchr(s, '\0', n))
		r->bad = 1;
	return s;
}
static void r_bytes(rd *r, void *out, size_t n)
{
	if (need(r, n)) {
		memcpy(out, r->p + r->off, n);
		r->off += n;
	} else
		memset(out, 0, n);
}
/* Into section tag: 0 when it is not the one expected. */
static int section(rd *r, int tag)
{
	r->end = r->n - TRAILER_BYTES;
	if (!need(r, 12) || memcmp(r->p + r->off, tags[tag], 4) != 0) {
		r->bad = 1;
		return 0;
	}
	r->off += 4;
	uint64_t len = r_u64(r);
	if (len > r->end - r->off) {
		r->bad = 1;
		return 0;
	}
	r->end = r->off + (size_t)len;
	return 1;
}
static void section_done(rd *r)
{
	if (r->off != r->end)
		r->bad = 1;
}

/* One partial file, checked whole: what it says about itself. */
typedef struct part {
	const char *file;
	uint8_t *data;
	size_t n;
	rd r; /* positioned after SHRD */
	char *version, *tz, *path, *sha;
	uint8_t fp[32], key[32];
	int64_t start_day, end_day;
	uint32_t nhits, nmonths, ndays, nage, nlisted;
	uint64_t bytes;
	long lines;
	char *colnames[AE_MAX_COLS];
} part;

static void part_free(part *p)
{
	free(p->data);
	free(p->version);
	free(p->tz);
	free(p->path);
	free(p->sha);
	for (int c = 0; c < AE_MAX_COLS; c++)
		free(p->colnames[c]);
	memset(p, 0, sizeof *p);
}

static int corrupt(const char *file, ae_error *err, const char *what)
{
	return ae_fail(err, AE_EUSAGE, "%s: corrupt partial (%s): make it again with alpr-eval partial", file, what);
}

/* Reads the file and checks, in this order: a partial at all, its format
 * version, its length, its checksum, then the tool version. */
static int part_open(part *p, const char *file, ae_error *err)
{
	memset(p, 0, sizeof *p);
	p->file = file;
	FILE *f = fopen(file, "rb");
	if (!f)
		return ae_fail(err, AE_EIO, "%s: cannot open partial (%s)", file, strerror(errno));
	ae_buf b;
	ae_buf_init(&b);
	char chunk[1 << 16];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		ae_buf_add(&b, chunk, k);
	int rerr = ferror(f);
	fclose(f);
	p->data = (uint8_t *)b.data;
	p->n = b.len;
	if (rerr)
		return ae_fail(err, AE_EIO, "%s: read error", file);
	size_t head = p->n < sizeof magic ? p->n : sizeof magic;
	if (p->n < HEADER_BYTES && head && memcmp(p->data, magic, head) == 0)
		return ae_fail(err, AE_EUSAGE,
			       "%s: truncated partial (%zu bytes, not even its header): copy it again, or make it "
			       "again with alpr-eval partial",
			       file, p->n);
	if (p->n < HEADER_BYTES || memcmp(p->data, magic, sizeof magic) != 0)
		return ae_fail(err, AE_EUSAGE,
			       "%s: not an alpr-eval partial (make one with alpr-eval partial STUDY -o FILE)", file);
	rd r = {p->data, p->n, 8, p->n, 0};
	uint32_t format = r_u32(&r);
	r_u32(&r);
	uint64_t len = r_u64(&r);
	if (format != AE_PARTIAL_FORMAT)
		return ae_fail(err, AE_EUSAGE,
			       "%s: partial format version %u; this alpr-eval (%s) reads version %d: make the partial "
			       "again with this alpr-eval",
			       file, format, AE_VERSION, AE_PARTIAL_FORMAT);
	if (p->n < len)
		return ae_fail(err, AE_EUSAGE,
			       "%s: truncated partial (%zu of %llu bytes): copy it again, or make it again with "
			       "alpr-eval partial",
			       file, p->n, (unsigned long long)len);
	if (p->n > len || len < HEADER_BYTES + TRAILER_BYTES)
		return corrupt(file, err, "its length does not match its header");
	char hex[65];
	ae_sha256 *h = ae_sha256_new();
	if (!h)
		return ae_fail(err, AE_EIO, "%s: cannot compute a SHA-256 (libcrypto)", file);
	ae_sha256_update(h, p->data, p->n - TRAILER_BYTES);
	int hb = ae_sha256_final(h, hex);
	ae_sha256_free(h);
	if (hb || memcmp(hex, p->data + p->n - TRAILER_BYTES, TRAILER_BYTES) != 0)
		return corrupt(file, err, "its SHA-256 does not match its content");

	p->r = (rd){p->data, p->n, HEADER_BYTES, 0, 0};
	rd *q = &p->r;
	if (section(q, T_HEAD)) {
		p->version = r_str(q);
		r_bytes(q, p->fp, 32);
		r_bytes(q, p->key, 32);
		p->start_day = r_i64(q);
		p->end_day = r_i64(q);
		p->tz = r_str(q);
		p->nhits = r_u32(q);
		p->nmonths = r_u32(q);
		p->ndays = r_u32(q);
		p->nage = r_u32(q);
		p->nlisted = r_u32(q);
		section_done(q);
	}
	if (!q->bad && (!p->version || strcmp(p->version, AE_VERSION) != 0))
		return ae_fail(err, AE_EUSAGE,
			       "%s: made by alpr-eval %s; this is alpr-eval %s: make the partial again with this version",
			       file, p->version ? p->version : "(unknown)", AE_VERSION);
	if (section(q, T_SHRD)) {
		p->path = r_str(q);
		p->bytes = r_u64(q);
		p->lines = (long)r_i64(q);
		p->sha = r_str(q);
		uint32_t nc = r_u32(q);
		if (nc != AE_MAX_COLS)
			q->bad = 1;
		for (int c = 0; c < AE_MAX_COLS && !q->bad; c++)
			p->colnames[c] = r_str(q);
		section_done(q);
	}
	if (q->bad || !p->path || !p->sha || !p->tz || p->lines < 1)
		return corrupt(file, err, "its header does not parse");
	return AE_OK;
}

static void day_text(long day, char *buf, size_t n)
{
	int y, m, d;
	ae_civil_from_days(day, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
}

/* The partial fits this study and this aggregate (and not the shard before it). */
static int part_check(const part *p, const ae_study *st, const ae_agg *a, const uint8_t fp[32], const part *first,
		      ae_error *err)
{
	if (p->start_day != st->start_day || p->end_day != st->end_day) {
		char s0[16], e0[16], s1[16], e1[16];
		day_text(p->start_day, s0, sizeof s0);
		day_text(p->end_day, e0, sizeof e0);
		day_text(st->start_day, s1, sizeof s1);
		day_text(st->end_day, e1, sizeof e1);
		return ae_fail(err, AE_EUSAGE,
			       "%s: made for the period %s..%s, but %s's is %s..%s: make every partial with the "
			       "study it is merged into (a shard is a part of the read log, not of the period)",
			       p->file, s0, e0, st->file, s1, e1);
	}
	if (memcmp(p->fp, fp, 32) != 0)
		return ae_fail(err, AE_EUSAGE,
			       "%s: made from a different study than %s (the time zone, the read log's columns, "
			       "formats or labels, or the areas, boundaries, cameras, hits or outcomes differ): make "
			       "it again with %s",
			       p->file, st->file, st->file);
	if (memcmp(p->key, a->key_id, 32) != 0)
		return ae_fail(err, AE_EUSAGE,
			       "%s: made with a different plate key than %s: partials are merged only when made with "
			       "the same plate_key_file (or the same seed)",
			       p->file, st->file);
	if (p->nhits != a->nhits || p->nmonths != a->nmonths || p->ndays != a->ndays || p->nage != a->nage ||
	    p->nlisted != a->nlisted)
		return corrupt(p->file, err, "its sizes do not match the study's");
	if (first && first != p)
		for (int c = 0; c < AE_MAX_COLS; c++) {
			const char *x = first->colnames[c], *y = p->colnames[c];
			if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
				return ae_fail(err, AE_EUSAGE,
					       "%s: its read log's header (%s) differs from the first shard's (%s): "
					       "give every shard the same header",
					       p->file, y ? y : "a column missing", x ? x : "a column missing");
		}
	return AE_OK;
}

/* A time a timestamp could give (years 0 to 9999, with room): later
 * arithmetic on read times cannot overflow. */
static int sane_time(int64_t t) { return t > -((int64_t)1 << 40) && t < ((int64_t)1 << 40); }

static int too_many(const part *p, const char *what, unsigned limit, ae_error *err)
{
	return ae_fail(err, AE_EDATA, "%s: the merged read log has more than %u %s", p->file, limit, what);
}

/* Most vehicles' look-ups miss the cache (the table is far bigger than it),
 * so, as in the read pass, the slot of the vehicle AHEAD records on and the
 * record of the one AHEAD/2 on are prefetched: their keys read straight from
 * the bytes, a hint only (it stops where the bytes do not parse). */
#define AHEAD 16
typedef struct ahead {
	const uint8_t *p;
	size_t off, end;
	uint32_t scanned, n;
	uint64_t k0[AHEAD], k1[AHEAD];
	uint32_t hint[AHEAD]; /* the record's likely index + 1 (0: none) */
} ahead;

static uint64_t le(const uint8_t *p, int bytes)
{
	uint64_t v = 0;
	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static void ahead_step(ahead *la, ae_vtab *t, const ae_vcells *vc, uint32_t i)
{
	while (la->scanned < la->n && la->scanned < i + AHEAD && la->end - la->off >= 28) {
		const uint8_t *b = la->p + la->off;
		uint64_t cells = le(b + 24, 4);
		if (cells > (la->end - la->off - 28) / 8) {
			la->n = la->scanned; /* does not parse: the real read says so */
			break;
		}
		la->k0[la->scanned % AHEAD] = le(b, 8);
		la->k1[la->scanned % AHEAD] = le(b + 8, 8);
		ae_vtab_prefetch(t, la->k0[la->scanned % AHEAD]);
		la->off += 28 + 8 * (size_t)cells;
		la->scanned++;
	}
	uint32_t j = i + AHEAD / 2;
	if (j < la->scanned)
		la->hint[j % AHEAD] = ae_vtab_prefetch_record(t, la->k0[j % AHEAD], la->k1[j % AHEAD]);
	/* and, the record cached by now, its older cells */
	j = i + AHEAD / 4;
	if (j < la->scanned && la->hint[j % AHEAD] && la->hint[j % AHEAD] <= ae_vtab_count(t))
		ae_vcells_prefetch(vc, ae_vtab_at(t, la->hint[j % AHEAD] - 1));
}

/* The partial's read log into a, as if its records followed those merged so
 * far (lines moved down by line_offset). */
static int part_apply(part *p, ae_agg *a, long line_offset, ae_error *err)
{
	rd *q = &p->r;
	ae_tablecount *tc = &a->tables[TB_READS];
	uint32_t *cmap = NULL, *hmap = NULL, *cellmap = NULL, *vmap = NULL;
	int rc = AE_OK;
	if (section(q, T_CNTS)) {
		tc->read += r_u64(q);
		tc->accepted += r_u64(q);
		tc->out_of_period += r_u64(q);
		a->reads += r_u64(q);
		a->unassigned += r_u64(q);
		int64_t first = r_i64(q), last = r_i64(q);
		if ((first != INT64_MAX && !sane_time(first)) || (last != INT64_MIN && !sane_time(last)))
			q->bad = 1;
		if (first < a->read_first)
			a->read_first = first;
		if (last > a->read_last)
			a->read_last = last;
		for (uint32_t i = 0; i < a->nmonths; i++)
			a->month_reads[i] += r_u64(q);
		for (uint32_t i = 0; i < a->ndays; i++)
			a->day_reads[i] += r_u64(q);
		for (uint32_t i = 0; i < a->nage; i++)
			a->read_age[i] += r_u64(q);
		for (size_t i = 0; i < (size_t)a->ndays * a->nlisted; i++)
			a->day_hood[i] += r_u64(q);
		section_done(q);
	}
	uint32_t nc = 0, nh = 0, ncl = 0, nv = 0;
	if (section(q, T_CAMS)) {
		nc = r_u32(q);
		if (nc > q->end - q->off)
			q->bad = 1;
		cmap = ae_malloc(((size_t)(q->bad ? 0 : nc) + 1) * sizeof *cmap);
		for (uint32_t i = 0; i < nc && !q->bad; i++) {
			char *s = r_str(q);
			uint64_t reads = r_u64(q);
			if (!s) {
				q->bad = 1;
				break;
			}
			uint32_t c = cmap[i] = ae_agg_camera(a, s, strlen(s));
			a->cam[c].reads += reads;
			free(s);
		}
		section_done(q);
	}
	if (!q->bad && ae_strtab_count(a->cameras) > (1u << AE_PLACE_BITS)) {
		rc = too_many(p, "cameras", 1u << AE_PLACE_BITS, err);
		goto out;
	}
	if (section(q, T_HOOD)) {
		nh = r_u32(q);
		if (nh > q->end - q->off)
			q->bad = 1;
		hmap = ae_malloc(((size_t)(q->bad ? 0 : nh) + 1) * sizeof *hmap);
		for (uint32_t i = 0; i < nh && !q->bad; i++) {
			char *s = r_str(q);
			uint64_t reads = r_u64(q);
			if (!s) {
				q->bad = 1;
				break;
			}
			uint32_t h = hmap[i] = ae_agg_hood(a, s, strlen(s));
			a->hood[h].reads += reads;
			free(s);
		}
		section_done(q);
	}
	if (!q->bad && ae_strtab_count(a->hoods) > (1u << AE_PLACE_BITS)) {
		rc = too_many(p, "neighbourhoods", 1u << AE_PLACE_BITS, err);
		goto out;
	}
	if (section(q, T_CELL)) {
		ncl = r_u32(q);
		if (ncl > (q->end - q->off) / 12)
			q->bad = 1;
		cellmap = ae_malloc(((size_t)(q->bad ? 0 : ncl) + 1) * sizeof *cellmap);
		for (uint32_t i = 0; i < ncl && !q->bad; i++) {
			uint32_t c = r_u32(q), h = r_u32(q), m = r_u32(q);
			if (c >= nc || h >= nh || m >= a->nmonths) {
				q->bad = 1;
				break;
			}
			if ((cellmap[i] = ae_vcells_cell(a->vc, cmap[c], hmap[h], m)) == UINT32_MAX) {
				rc = too_many(p, "camera x area x month combinations", AE_VC_MAX_CELLS, err);
				goto out;
			}
		}
		section_done(q);
	}
	if (section(q, T_VEHS)) {
		nv = r_u32(q);
		if (nv > (q->end - q->off) / 28)
			q->bad = 1;
		vmap = ae_malloc(((size_t)(q->bad ? 0 : nv) + 1) * sizeof *vmap);
		ahead la = {q->p, q->off, q->end, 0, nv, {0}, {0}, {0}};
		for (uint32_t i = 0; i < nv && !q->bad; i++) {
			ahead_step(&la, a->vehicles, a->vc, i);
			uint64_t k0 = r_u64(q), k1 = r_u64(q);
			uint32_t reads = r_u32(q), newest = r_u32(q), n = r_u32(q);
			if (newest > a->nage) { /* an age bucket: ae_agg_finish indexes by it */
				q->bad = 1;
				break;
			}
			uint32_t vi = vmap[i] = ae_vtab_get(a->vehicles, k0, k1);
			ae_vehicle *v = ae_vtab_at(a->vehicles, vi);
			v->reads += reads;
			if (newest > v->newest)
				v->newest = newest;
			uint64_t sum = 0;
			for (uint32_t j = 0; j < n && !q->bad; j++) {
				uint32_t cell = r_u32(q), count = r_u32(q);
				sum += count;
				if (cell >= ncl || sum > reads) { /* before any loop over count */
					q->bad = 1;
					break;
				}
				/* all at once: the state count single reads would leave */
				ae_vcells_add_n(a->vc, vi, v, cellmap[cell], count);
			}
			if (sum != reads)
				q->bad = 1;
		}
		section_done(q);
	}
	if (section(q, T_LINK)) {
		uint32_t n = r_u32(q);
		for (uint32_t i = 0; i < n && !q->bad; i++) {
			uint32_t hit = r_u32(q);
			ae_readlink l;
			l.linked = r_u8(q);
			l.t = r_i64(q);
			l.camera = r_u32(q);
			l.hood = r_u32(q);
			l.month = r_u32(q);
			l.vehicle = r_u32(q);
			int in = l.linked == 1;
			if (q->bad || hit >= a->nhits || !sane_time(l.t) || (l.linked != 1 && l.linked != 2) ||
			    l.camera >= nc || (in && (l.hood >= nh || l.vehicle >= nv || l.month >= a->nmonths))) {
				q->bad = 1;
				break;
			}
			/* the first read of the merged log wins, as in one pass */
			if (ae_agg_hit_linked(a, hit))
				continue;
			l.camera = cmap[l.camera];
			if (in) {
				l.hood = hmap[l.hood];
				l.vehicle = vmap[l.vehicle];
			}
			ae_agg_link(a, hit, &l);
		}
		section_done(q);
	}
	if (section(q, T_REJS)) {
		uint32_t n = r_u32(q);
		for (uint32_t i = 0; i < n && !q->bad; i++) {
			long line = (long)r_i64(q);
			int col = (int)(int32_t)r_u32(q);
			int reason = r_u8(q);
			char *detail = r_str(q);
			if (!q->bad && line >= 1 && line <= p->lines && col >= -1 && col < AE_MAX_COLS &&
			    reason < RJ_COUNT)
				ae_agg_reject(a, TB_READS, line + line_offset, col, reason, detail);
			else
				q->bad = 1;
			free(detail);
		}
		section_done(q);
	}
	if (!q->bad && q->off != q->n - TRAILER_BYTES)
		q->bad = 1;
	if (q->bad)
		rc = corrupt(p->file, err, "a section does not parse");
out:
	free(cmap);
	free(hmap);
	free(cellmap);
	free(vmap);
	return rc;
}

/* Is the study's read log, where it is present, exactly the shards one after
 * the other under one header (as cut by head/tail, split or shard.sh)? Each
 * shard's SHA-256 is remade from the log's bytes: the first shard's are the
 * log's first bytes, a later one's the log's header and its next bytes. When
 * every one matches and the log ends with the last, the merge has read that
 * log: its bytes, SHA-256 and lines are the log's, the shard list goes (the
 * report is one run's, byte for byte). Otherwise (no such file, gzip shards,
 * other bytes) nothing changes. Reads the log once (a gzip one twice: its text, its bytes), without
 * parsing it. */
static int whole_log(const ae_study *st, ae_agg *a, int *same, ae_error *err)
{
	*same = 0;
	struct stat sb; /* a regular file only: a named pipe would wait for a writer */
	if (stat(st->input[TB_READS].path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return AE_OK;
	gzFile f = gzopen(st->input[TB_READS].path, "rb");
	if (!f)
		return AE_OK; /* a federated merge has no one file: the shards stand */
	/* a gzip log: the shards are checked against its text, its own bytes
	 * and SHA-256 are the compressed file's, as one run reports them */
	int plain = gzdirect(f);
	enum { CHUNK = 1 << 20 };
	char *buf = ae_malloc(CHUNK);
	char *hdr = NULL;
	size_t hlen = 0, hcap = 0, cur = 0;
	uint64_t left = a->shards[0].bytes, total = 0;
	int ok = 1, in_header = 1, rc = AE_OK;
	ae_sha256 *whole = ae_sha256_new(), *sh = ae_sha256_new();
	if (!whole || !sh)
		rc = ae_fail(err, AE_EIO, "cannot compute a SHA-256 (libcrypto)");
	int n;
	while (!rc && ok && (n = gzread(f, buf, CHUNK)) > 0) {
		size_t got = (size_t)n;
		if (plain)
			ae_sha256_update(whole, buf, got);
		total += got;
		for (size_t off = 0; ok && off < got;) {
			if (in_header) { /* the log's header line, kept for the later shards */
				const char *nl = memchr(buf + off, '\n', got - off);
				size_t k = nl ? (size_t)(nl - (buf + off)) + 1 : got - off;
				if (hlen + k > hcap)
					hdr = ae_realloc(hdr, hcap = 2 * (hlen + k));
				memcpy(hdr + hlen, buf + off, k);
				hlen += k;
				in_header = !nl;
			}
			if (cur == a->nshards) {
				ok = 0; /* bytes after the last shard */
				break;
			}
			size_t k = left < got - off ? (size_t)left : got - off;
			ae_sha256_update(sh, buf + off, k);
			off += k;
			left -= k;
			if (left == 0) {
				char hex[65];
				if (ae_sha256_final(sh, hex) || strcmp(hex, a->shards[cur].sha256) != 0 || in_header) {
					ok = 0;
					break;
				}
				ae_sha256_free(sh);
				sh = ae_sha256_new();
				if (!sh) {
					rc = ae_fail(err, AE_EIO, "cannot compute a SHA-256 (libcrypto)");
					break;
				}
				if (++cur < a->nshards) {
					if (a->shards[cur].bytes < hlen) {
						ok = 0;
						break;
					}
					ae_sha256_update(sh, hdr, hlen);
					left = a->shards[cur].bytes - hlen;
				}
			}
		}
		if (!rc)
			rc = ae_check_stop(err);
	}
	if (!rc && n < 0)
		ok = 0; /* unreadable or a broken gzip stream now: the shards stand */
	ae_tablecount *tc = &a->tables[TB_READS];
	if (!rc && ok && cur == a->nshards) {
		ae_filehash fh;
		ae_error ignored;
		if (!plain && !ae_sha256_file(st->input[TB_READS].path, &fh, &ignored)) {
			memcpy(tc->sha256, fh.sha256, sizeof tc->sha256);
			tc->bytes = fh.bytes;
			*same = 1;
		} else if (plain && !ae_sha256_final(whole, tc->sha256)) {
			tc->bytes = total;
			*same = 1;
		}
	}
	ae_sha256_free(whole);
	ae_sha256_free(sh);
	free(hdr);
	free(buf);
	gzclose(f);
	return rc;
}

int ae_partial_merge_reads(void *user, const ae_study *st, ae_agg *a, ae_error *err)
{
	const ae_partial_set *set = user;
	if (!set->n)
		return ae_fail(err, AE_EUSAGE, "merge needs at least one partial (alpr-eval merge STUDY PARTIAL...)");
	uint8_t fp[32];
	ae_partial_fingerprint(st, a, fp);
	/* every partial checked before any is merged: a refusal merges nothing */
	part first;
	memset(&first, 0, sizeof first);
	a->shards = ae_calloc(set->n, sizeof *a->shards);
	int rc = AE_OK;
	long line = 1; /* the merged read log's lines so far: one header */
	for (size_t i = 0; i < set->n && !rc; i++) {
		part p;
		rc = part_open(&p, set->files[i], err);
		if (!rc)
			rc = part_check(&p, st, a, fp, i ? &first : NULL, err);
		for (size_t j = 0; j < i && !rc; j++)
			if (strcmp(a->shards[j].sha256, p.sha) == 0)
				rc = ae_fail(err, AE_EUSAGE,
					     "%s: its read log (%s) is the same as %s's: give each shard once", p.file,
					     p.path, set->files[j]);
		if (!rc) {
			ae_shard *s = &a->shards[a->nshards++];
			s->path = ae_strdup(p.path);
			s->partial = ae_strdup(set->files[i]);
			s->bytes = p.bytes;
			s->lines = p.lines;
			s->first_line = line + 1;
			snprintf(s->sha256, sizeof s->sha256, "%s", p.sha);
			line += p.lines - 1;
		}
		if (!rc && i == 0) {
			first = p;
			free(first.data); /* only its header is kept */
			first.data = NULL;
		} else
			part_free(&p);
	}
	/* then each read again, checked again, and merged in order */
	long offset = 0;
	for (size_t i = 0; i < set->n && !rc; i++) {
		part p;
		rc = part_open(&p, set->files[i], err);
		if (!rc)
			rc = part_check(&p, st, a, fp, &first, err);
		if (!rc && strcmp(p.sha, a->shards[i].sha256) != 0)
			rc = ae_fail(err, AE_EUSAGE, "%s: changed during the merge", p.file);
		uint64_t before = a->tables[TB_READS].read;
		if (!rc)
			rc = part_apply(&p, a, offset, err);
		if (!rc)
			a->shards[i].records = a->tables[TB_READS].read - before;
		offset += p.lines - 1;
		part_free(&p);
		if (!rc)
			rc = ae_check_stop(err);
	}
	if (!rc) {
		/* the merged read log: its shards' bytes and lines; its SHA-256 is that
		 * of the shards' SHA-256 lines (doc/partials.md) */
		ae_tablecount *tc = &a->tables[TB_READS];
		tc->bytes = 0;
		ae_sha256 *h = ae_sha256_new();
		for (size_t i = 0; i < a->nshards; i++) {
			tc->bytes += a->shards[i].bytes;
			if (h) {
				ae_sha256_update(h, a->shards[i].sha256, 64);
				ae_sha256_update(h, "\n", 1);
			}
		}
		if (!h || ae_sha256_final(h, tc->sha256))
			rc = ae_fail(err, AE_EIO, "cannot compute a SHA-256 (libcrypto)");
		ae_sha256_free(h);
		tc->lines = line;
		tc->colnames = ae_calloc(AE_MAX_COLS, sizeof *tc->colnames);
		for (int c = 0; c < AE_MAX_COLS; c++)
			tc->colnames[c] = first.colnames[c] ? ae_strdup(first.colnames[c]) : NULL;
	}
	int same = 0;
	if (!rc)
		rc = whole_log(st, a, &same, err);
	if (same) { /* the one log was read: no shard list, as in one run */
		for (size_t i = 0; i < a->nshards; i++) {
			free(a->shards[i].path);
			free(a->shards[i].partial);
		}
		a->nshards = 0;
	}
	part_free(&first);
	return rc;
}
