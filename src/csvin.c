/* csvin.c — see csvin.h. */
#include "csvin.h"
#include "sha256.h"
#include "progress.h"
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <csv.h>
#include <zlib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ctype.h>
#include <time.h>

#define RAW_CHUNK (1u << 20)
#define MAX_FIELDS 4096
#define NBUF 4

struct ae_csv {
	const ae_input *in;
	int table;
	int fd;
	int gz; /* input is gzip */
	z_stream zs;
	int zs_open;
	int fast_path;  /* plain records skip libcsv (ae_csv_fast_path) */
	ae_sha256 *sha; /* OpenSSL: SHA-NI where the CPU has it (5x libsodium here) */
	char sha_hex[65];
	uint64_t raw_bytes;
	unsigned char *raw, *text; /* raw chunk and inflated chunk */
	ae_buf carry;              /* a partial line between chunks */

	struct csv_parser p;
	long line; /* physical line being fed */
	long rec_line;
	int header_done;
	int nheader;
	char **header;           /* header names as in the file */
	int map[MAX_FIELDS];     /* field index -> canonical column, or -1 */
	int colpos[AE_MAX_COLS]; /* canonical column -> field index, or -1 */
	int ngroups;
	char *groups[AE_MAX_GROUPS];
	int nfield;   /* fields seen in the current record */
	ae_buf arena; /* field bytes of the current record */
	size_t off[AE_MAX_COLS], flen[AE_MAX_COLS];
	const char *fptr[AE_MAX_COLS]; /* fast path: the field in the line itself (no copy) */
	int have[AE_MAX_COLS];
	int no_nul; /* the current record was seen to hold no NUL byte */
	ae_record_fn fn;
	void *user;
	int stop; /* nonzero: callback or header asked to stop */
	ae_error *err;
	long unterminated;
	int bom_checked;
	ae_progress progress;
	_Atomic uint64_t records;

	/* The reader thread: reads, hashes and inflates while this thread parses.
	 * NBUF text chunks go round between them under mu. */
	pthread_t reader;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	unsigned char *buf[NBUF];
	size_t len[NBUF];
	int head, count;    /* filled chunks: buf[head], ... (count of them) */
	int done;           /* reader finished */
	_Atomic int cancel; /* the parser wants the reader to stop (read outside mu too) */
	int rstatus;        /* the reader's ae_status */
	char rmsg[512];

	/* Two parts (ae_csv_split): this parser takes the bytes before split_at,
	 * part2 (its own thread, reading with pread) those from split_at on. */
	ae_csv *part2; /* the second part, or NULL */
	ae_csv *part1; /* in the second part: the first */
	void *user2;
	uint64_t split_min, split_at;
	int split;         /* SPLIT_* */
	uint64_t text_off; /* raw bytes handed to feed_text so far */
	int header_ready;  /* under mu: the second part may start */
	pthread_t part2_thread;
	long split_lines;        /* physical lines before split_at */
	int hash_only;           /* split: the reader thread only hashes; each part preads */
	_Atomic uint64_t parsed; /* second part: its bytes parsed so far (for progress) */
	int part2_done;          /* under mu */
	int pstatus;             /* the first part's own read error (split) */
	char pmsg[512];
};

enum { SPLIT_NONE, SPLIT_PENDING, SPLIT_USED, SPLIT_REFUSED };

static const struct {
	const char *s;
	size_t n;
} missing_tokens[] = {{"NA", 2}, {"N/A", 3}, {"n/a", 3}, {"NULL", 4}, {"Not Provided", 12}};

int ae_csv_open(ae_csv **out, const ae_input *in, int table, ae_error *err)
{
	*out = NULL;
	int fd = strcmp(in->path, "-") == 0 ? dup(0) : open(in->path, O_RDONLY);
	if (fd < 0)
		return ae_fail(err, AE_EIO, "%s: cannot open: %s", in->path, strerror(errno));
	ae_csv *c = ae_calloc(1, sizeof *c);
	c->in = in;
	c->table = table;
	c->fd = fd;
	c->raw = ae_malloc(RAW_CHUNK);
	for (int i = 0; i < NBUF; i++)
		c->buf[i] = ae_malloc(RAW_CHUNK);
	c->sha = ae_sha256_new();
	c->fast_path = 1;
	ae_buf_init(&c->carry);
	ae_buf_init(&c->arena);
	for (int i = 0; i < AE_MAX_COLS; i++)
		c->colpos[i] = -1;
	if (csv_init(&c->p, 0) != 0) {
		ae_csv_free(c);
		return ae_fail(err, AE_EIO, "%s: cannot start the CSV parser", in->path);
	}
	csv_set_delim(&c->p, (unsigned char)in->delimiter);
	if (!c->sha) {
		ae_csv_free(c);
		return ae_fail(err, AE_EIO, "%s: cannot start SHA-256", in->path);
	}
	*out = c;
	return AE_OK;
}

void ae_csv_free(ae_csv *c)
{
	if (!c)
		return;
	if (c->fd >= 0)
		close(c->fd);
	if (c->zs_open)
		inflateEnd(&c->zs);
	ae_csv_free(c->part2);
	csv_free(&c->p);
	ae_sha256_free(c->sha);
	free(c->raw);
	for (int i = 0; i < NBUF; i++)
		free(c->buf[i]);
	ae_buf_release(&c->carry);
	ae_buf_release(&c->arena);
	for (int i = 0; c->header && i < c->nheader; i++)
		free(c->header[i]);
	free(c->header);
	for (int g = 0; g < c->ngroups; g++)
		free(c->groups[g]);
	free(c);
}

const char *ae_csv_path(const ae_csv *c) { return c->in->path; }
uint64_t ae_csv_bytes(const ae_csv *c) { return c->raw_bytes; }

void ae_csv_progress(ae_csv *c, int on, const char *label)
{
	struct stat sb;
	uint64_t total = fstat(c->fd, &sb) == 0 && S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0;
	ae_progress_init(&c->progress, on, label, total);
}
const char *ae_csv_sha256(const ae_csv *c) { return c->sha_hex; }
long ae_csv_unterminated_line(const ae_csv *c)
{
	if (c->split == SPLIT_USED)
		return c->part2->unterminated ? c->part2->unterminated + c->split_lines : 0;
	return c->unterminated;
}

void ae_csv_split(ae_csv *c, void *user2, uint64_t min_bytes)
{
	c->user2 = user2;
	c->split_min = min_bytes;
}

long ae_csv_lines(const ae_csv *c) { return c->split == SPLIT_USED ? c->split_lines + c->part2->line : c->line; }
long ae_csv_split_lines(const ae_csv *c) { return c->split == SPLIT_USED ? c->split_lines : -1; }
int ae_csv_has_col(const ae_csv *c, int col) { return c->colpos[col] >= 0; }
int ae_csv_ngroups(const ae_csv *c) { return c->ngroups; }
const char *ae_csv_group(const ae_csv *c, int g) { return c->groups[g]; }

const char *ae_csv_colname(const ae_csv *c, int col)
{
	if (c->colpos[col] >= 0)
		return c->header[c->colpos[col]];
	if (col >= ae_tables[c->table].ncols)
		return "";
	return c->in->column[col] ? c->in->column[col] : ae_tables[c->table].cols[col].name;
}

int ae_csv_category(const ae_csv *c, int col, const char *s, size_t len)
{
	for (size_t i = 0; i < c->in->nmaps; i++) {
		const ae_valuemap *m = &c->in->maps[i];
		if (m->col == col && strlen(m->label) == len && memcmp(m->label, s, len) == 0)
			return m->value;
	}
	return ae_schema_value(ae_tables[c->table].cols[col].values, s, len);
}

static int is_missing(const ae_csv *c, const char *s, size_t n)
{
	if (n == 0)
		return 1;
	/* the built-in tokens all start with N or n: most fields are none of these */
	if (!c->in->nmissing && s[0] != 'N' && s[0] != 'n')
		return 0;
	for (size_t i = 0; i < sizeof missing_tokens / sizeof missing_tokens[0]; i++)
		if (missing_tokens[i].n == n && memcmp(missing_tokens[i].s, s, n) == 0)
			return 1;
	for (size_t i = 0; i < c->in->nmissing; i++)
		if (strlen(c->in->missing[i]) == n && memcmp(c->in->missing[i], s, n) == 0)
			return 1;
	return 0;
}

/* A field of a plain record, in place: the line outlives the record. */
static void plain_field(ae_csv *c, const char *s, size_t len)
{
	int i = c->nfield++;
	if (i >= MAX_FIELDS || c->map[i] < 0)
		return;
	int col = c->map[i];
	size_t n = len;
	const char *t = ae_trim(s, &n);
	c->have[col] = !is_missing(c, t, n);
	c->fptr[col] = t;
	c->flen[col] = n;
}

static void on_field(void *s, size_t len, void *data)
{
	ae_csv *c = data;
	if (c->stop)
		return;
	int i = c->nfield++;
	if (!c->header_done) {
		if (i < MAX_FIELDS) {
			size_t n = len;
			const char *t = ae_trim(s ? s : "", &n);
			c->header = ae_realloc(c->header, (size_t)(i + 1) * sizeof *c->header);
			c->header[i] = ae_strndup(t, n);
			c->nheader = i + 1;
		}
		return;
	}
	if (i >= MAX_FIELDS || c->map[i] < 0)
		return;
	int col = c->map[i];
	size_t n = len;
	const char *t = ae_trim(s ? s : "", &n);
	c->have[col] = !is_missing(c, t, n);
	c->fptr[col] = NULL;
	c->off[col] = c->arena.len;
	c->flen[col] = n;
	ae_buf_add(&c->arena, t, n);
}

static int map_groups(ae_csv *c);

static int map_header(ae_csv *c)
{
	const ae_tablespec *ts = &ae_tables[c->table];
	for (int i = 0; i < MAX_FIELDS; i++)
		c->map[i] = -1;
	for (int col = 0; col < ts->ncols; col++) {
		const char *want = c->in->column[col] ? c->in->column[col] : ts->cols[col].name;
		int at = -1;
		for (int i = 0; i < c->nheader; i++) {
			if (!ae_strieq(c->header[i], want))
				continue;
			if (at >= 0)
				return ae_fail(c->err, AE_EDATA, "%s:%ld: column '%s' appears twice in the header",
					       c->in->path, c->rec_line, want);
			at = i;
		}
		if (at < 0 && (ts->cols[col].required || c->in->column[col])) {
			if (c->in->column[col])
				return ae_fail(c->err, AE_EDATA,
					       "%s:%ld: column '%s' (mapped to %s) not found in the header",
					       c->in->path, c->rec_line, want, ts->cols[col].name);
			return ae_fail(c->err, AE_EDATA, "%s:%ld: required column '%s' not found in the header",
				       c->in->path, c->rec_line, want);
		}
		if (at >= 0 && c->map[at] >= 0) { /* one field cannot be two things */
			int prev = c->map[at];
			if (c->in->column[col] && c->in->column[prev])
				return ae_fail(c->err, AE_EDATA,
					       "%s:%ld: column '%s' is mapped to both %s and %s; map each to a column of "
					       "its own",
					       c->in->path, c->rec_line, want, ts->cols[prev].name, ts->cols[col].name);
			/* a name the study mapped beats a canonical column's own name */
			if (!c->in->column[col] && !ts->cols[col].required)
				at = -1;
			else if (!c->in->column[prev] && !ts->cols[prev].required)
				c->colpos[prev] = -1;
			else
				return ae_fail(c->err, AE_EDATA,
					       "%s:%ld: column '%s' is both %s and %s; map one of them to another column",
					       c->in->path, c->rec_line, want, ts->cols[prev].name, ts->cols[col].name);
		}
		c->colpos[col] = at;
		if (at >= 0)
			c->map[at] = col;
	}
	return c->table == TB_HOODS ? map_groups(c) : AE_OK;
}

/* The pop_<group> columns, in header order: a header the study maps to a
 * group (column.pop_<group> = HEADER; it must be there, once, and be no
 * other column), or one named pop_<group> whose group is not mapped. */
static int map_groups(ae_csv *c)
{
	const ae_input *in = c->in;
	int group_of[MAX_FIELDS]; /* field -> the study's group k, or -1 */
	for (int i = 0; i < MAX_FIELDS; i++)
		group_of[i] = -1;
	for (int k = 0; k < in->npop; k++) {
		int at = -1, n = 0;
		for (int i = 0; i < c->nheader && i < MAX_FIELDS; i++)
			if (ae_strieq(c->header[i], in->pop_column[k]))
				at = i, n++;
		int other = n == 1 ? c->map[at] : -1, og = n == 1 ? group_of[at] : -1;
		if (n != 1 || other >= 0 || og >= 0)
			return ae_fail(c->err, AE_EDATA, "%s:%ld: column '%s' (mapped to pop_%s) %s%s%s%s", in->path,
				       c->rec_line, in->pop_column[k], in->pop_group[k],
				       n == 0  ? "not found in the header"
				       : n > 1 ? "appears twice in the header"
					       : "is already ",
				       og >= 0 ? "pop_" : "",
				       n != 1       ? ""
				       : other >= 0 ? ae_tables[c->table].cols[other].name
						    : in->pop_group[og],
				       n != 1 ? "" : "; map each to a column of its own");
		group_of[at] = k;
	}
	for (int i = 0; i < c->nheader && i < MAX_FIELDS; i++) {
		const char *h = c->header[i];
		if (group_of[i] < 0 && (c->map[i] >= 0 || strlen(h) <= 4 || !ae_strnieq(h, 4, "pop_")))
			continue;
		char *g = ae_strdup(group_of[i] >= 0 ? in->pop_group[group_of[i]] : h + 4);
		for (char *p = g; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		int k = 0; /* pop_<group> gives way to the study's mapping of that group */
		while (group_of[i] < 0 && k < in->npop && strcmp(in->pop_group[k], g) != 0)
			k++;
		int dup = group_of[i] < 0 && k < in->npop;
		for (k = 0; !dup && k < c->ngroups; k++)
			if (strcmp(c->groups[k], g) == 0) {
				free(g);
				return ae_fail(c->err, AE_EDATA, "%s:%ld: column '%s' appears twice in the header",
					       in->path, c->rec_line, h);
			}
		if (dup || c->ngroups == AE_MAX_GROUPS) {
			free(g);
			if (dup)
				continue;
			return ae_fail(c->err, AE_EDATA, "%s:%ld: more than %d pop_<group> columns", in->path,
				       c->rec_line, AE_MAX_GROUPS);
		}
		c->colpos[NC_COUNT + c->ngroups] = i;
		c->map[i] = NC_COUNT + c->ngroups;
		c->groups[c->ngroups++] = g;
	}
	return AE_OK;
}

static void on_record(int term, void *data)
{
	ae_csv *c = data;
	(void)term;
	if (c->stop)
		return;
	if (!c->header_done) {
		c->header_done = 1;
		c->nfield = 0;
		int rc = map_header(c);
		if (rc)
			c->stop = rc;
		if (c->part2 && !rc) {
			pthread_mutex_lock(&c->mu);
			c->header_ready = 1;
			pthread_cond_broadcast(&c->cv);
			pthread_mutex_unlock(&c->mu);
		}
		return;
	}
	ae_record r;
	r.line = c->rec_line;
	r.nfields = c->nfield;
	r.header_fields = c->nheader;
	r.no_nul = c->no_nul;
	c->no_nul = 0;
	for (int col = 0; col < AE_MAX_COLS; col++) {
		if (c->colpos[col] >= 0 && c->colpos[col] < c->nfield && c->have[col]) {
			r.field[col] = c->fptr[col] ? c->fptr[col] : c->arena.data + c->off[col];
			r.len[col] = c->flen[col];
		} else {
			r.field[col] = NULL;
			r.len[col] = 0;
		}
		c->have[col] = 0;
	}
	c->nfield = 0;
	atomic_store_explicit(&c->records, c->records + 1, memory_order_relaxed);
	int rc = c->fn(c->user, &r);
	c->arena.len = 0;
	if (rc)
		c->stop = rc;
}

/* Feeds text to libcsv a physical line at a time, so each record knows its line. */
void ae_csv_fast_path(ae_csv *c, int on) { c->fast_path = on; }

/* A plain record — no quote anywhere, no carriage return but a final one —
 * needs no state machine: split it at the delimiters in one pass and hand
 * the fields over, in place, as libcsv would. Anything else goes to libcsv,
 * the parser of record. */
static int feed_plain(ae_csv *c, const char *s, size_t n)
{
	size_t m = n;
	if (m && s[m - 1] == '\n')
		m--;
	if (m && s[m - 1] == '\r')
		m--;
	unsigned char d = (unsigned char)c->in->delimiter;
	if (d == ' ' || d == '\t' || d <= '"')
		return 0; /* libcsv's trimming of blanks meets the delimiter: leave it to libcsv */
	size_t k = 0;
	while (k < m && (s[k] == ' ' || s[k] == '\t'))
		k++;
	if (k == m)
		return 1; /* blanks only: libcsv sees no record either */
	const unsigned char *p = (const unsigned char *)s, *end = p + m, *f = p;
	int nul = 0;
	for (; p < end; p++) {
		unsigned ch = *p;
		if (ch > '"' && ch != d)
			continue;
		if (ch == d) {
			plain_field(c, (const char *)f, (size_t)(p - f));
			f = p + 1;
		} else if (ch == '"' || ch == '\r') {
			/* not plain after all: forget the fields so far */
			for (int col = 0; col < AE_MAX_COLS; col++)
				c->have[col] = 0;
			c->nfield = 0;
			return 0;
		} else if (ch == '\0') {
			nul = 1;
		}
	}
	plain_field(c, (const char *)f, (size_t)(end - f));
	c->no_nul = !nul;
	on_record('\n', c);
	return 1;
}

static void feed_line(ae_csv *c, const char *s, size_t n)
{
	c->line++;
	if (c->p.pstate == 0) { /* ROW_NOT_BEGUN: a record starts on this line */
		c->rec_line = c->line;
		if (c->fast_path && c->header_done && feed_plain(c, s, n))
			return;
	}
	csv_parse(&c->p, s, n, on_field, on_record, c);
}

static void feed_text(ae_csv *c, const char *s, size_t n)
{
	/* A UTF-8 byte-order mark is not part of the first header name; it must go
	 * before libcsv sees it, or a quoted first name keeps its quotes. */
	if (!c->bom_checked && n) {
		if (c->carry.len + n < 3) {
			ae_buf_add(&c->carry, s, n);
			return;
		}
		c->bom_checked = 1;
		if (c->carry.len) {
			ae_buf_add(&c->carry, s, n);
			size_t k = c->carry.len;
			char *tmp = ae_strndup(c->carry.data, k);
			c->carry.len = 0;
			feed_text(c, tmp, k);
			free(tmp);
			return;
		}
		if (memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
	}
	while (n && !c->stop) {
		const char *nl = memchr(s, '\n', n);
		if (!nl) {
			ae_buf_add(&c->carry, s, n);
			return;
		}
		size_t k = (size_t)(nl - s) + 1;
		if (c->carry.len) {
			ae_buf_add(&c->carry, s, k);
			feed_line(c, c->carry.data, c->carry.len);
			c->carry.len = 0;
		} else {
			feed_line(c, s, k);
		}
		s += k;
		n -= k;
	}
}

/* End of the text: a last line without a newline, a quote left open. */
static void finish_text(ae_csv *c)
{
	if (c->carry.len) {
		feed_line(c, c->carry.data, c->carry.len);
		c->carry.len = 0;
	}
	/* A quote still open at the end: the record is cut off. libcsv would hand
	 * it over as if whole, so it is dropped here and reported by the caller. */
	if (!c->stop && c->p.pstate == 2 && c->p.quoted) { /* FIELD_BEGUN inside quotes */
		c->unterminated = c->rec_line;
		csv_fini(&c->p, NULL, NULL, c);
	} else if (!c->stop) {
		csv_fini(&c->p, on_field, on_record, c);
	}
}

/* ---- the second part ---- */

static int reader_fail(ae_csv *c, int status, const char *fmt, const char *a, const char *b);

static void part2_cancel(ae_csv *c)
{
	pthread_mutex_lock(&c->mu);
	c->part2->cancel = 1;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

/* The split is a guess made from the middle of the file: the first line
 * start after it. It holds when the first part, having parsed everything
 * before it, is between records there (not inside quotes, header done). */
static void split_decide(ae_csv *c)
{
	int ok = !c->stop && c->header_done && !c->carry.len && c->p.pstate == 0;
	c->split = ok ? SPLIT_USED : SPLIT_REFUSED;
	c->split_lines = c->line;
	if (!ok)
		part2_cancel(c);
}

/* Hands a text chunk to the first part: up to the split, or all of it when not split. */
static void feed_chunk(ae_csv *c, const char *s, size_t n)
{
	if (c->split == SPLIT_PENDING && c->text_off + n >= c->split_at) {
		size_t k = (size_t)(c->split_at - c->text_off);
		feed_text(c, s, k);
		split_decide(c);
		s += k;
		n -= k;
		c->text_off += k;
	}
	if (c->split != SPLIT_USED)
		feed_text(c, s, n);
	c->text_off += n;
}

static void part2_run(ae_csv *b)
{
	ae_csv *a = b->part1;
	pthread_mutex_lock(&a->mu);
	while (!a->header_ready && !b->cancel)
		pthread_cond_wait(&a->cv, &a->mu);
	pthread_mutex_unlock(&a->mu);
	if (b->cancel)
		return;
	/* the header is done and no longer changes */
	b->nheader = a->nheader;
	memcpy(b->map, a->map, sizeof b->map);
	memcpy(b->colpos, a->colpos, sizeof b->colpos);
	b->header_done = 1;
	b->bom_checked = 1;
	for (uint64_t off = a->split_at;;) {
		if (b->cancel || b->stop || ae_stop_signal)
			return;
		ssize_t n = pread(a->fd, b->raw, RAW_CHUNK, (off_t)off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			b->rstatus = reader_fail(b, AE_EIO, "%s: read error: %s", a->in->path, strerror(errno));
			return;
		}
		if (n == 0)
			break;
		off += (uint64_t)n;
		feed_text(b, (const char *)b->raw, (size_t)n);
		atomic_store_explicit(&b->parsed, off - a->split_at, memory_order_relaxed);
	}
	if (!b->cancel && !ae_stop_signal)
		finish_text(b);
}

static void *part2_main(void *arg)
{
	ae_csv *b = arg, *a = b->part1;
	part2_run(b);
	pthread_mutex_lock(&a->mu);
	a->part2_done = 1;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

/* Both parts' bytes and records so far, on the progress line. */
static void split_progress(ae_csv *c)
{
	int two = c->split != SPLIT_REFUSED; /* a given-up second part counts for nothing */
	ae_progress_update(&c->progress,
			   c->text_off + (two ? atomic_load_explicit(&c->part2->parsed, memory_order_relaxed) : 0),
			   atomic_load_explicit(&c->records, memory_order_relaxed) +
				   (two ? atomic_load_explicit(&c->part2->records, memory_order_relaxed) : 0));
}

/* A plain regular file big enough: the first line start after the middle. */
static void plan_split(ae_csv *c)
{
	struct stat sb;
	unsigned char m[2], buf[1 << 16];
	if (!c->user2 || strcmp(c->in->path, "-") == 0 || fstat(c->fd, &sb) || !S_ISREG(sb.st_mode) || sb.st_size < 4 ||
	    (uint64_t)sb.st_size < c->split_min)
		return;
	if (pread(c->fd, m, 2, 0) != 2 || (m[0] == 0x1f && m[1] == 0x8b))
		return;
	uint64_t size = (uint64_t)sb.st_size, at = 0;
	for (uint64_t off = size / 2; off < size && !at;) {
		ssize_t n = pread(c->fd, buf, sizeof buf, (off_t)off);
		if (n <= 0)
			return;
		unsigned char *nl = memchr(buf, '\n', (size_t)n);
		if (nl)
			at = off + (uint64_t)(nl - buf) + 1;
		off += (uint64_t)n;
	}
	if (!at || at >= size)
		return;
	ae_csv *b = ae_calloc(1, sizeof *b);
	b->in = c->in;
	b->table = c->table;
	b->fast_path = c->fast_path;
	b->fd = -1;
	b->raw = ae_malloc(RAW_CHUNK);
	ae_buf_init(&b->carry);
	ae_buf_init(&b->arena);
	if (csv_init(&b->p, 0) != 0) {
		ae_csv_free(b);
		return;
	}
	csv_set_delim(&b->p, (unsigned char)c->in->delimiter);
	b->fn = c->fn;
	b->user = c->user2;
	b->part1 = c;
	c->part2 = b;
	c->split_at = at;
	c->split = SPLIT_PENDING;
}

/* ---- the reader thread ---- */

/* Waits for a free chunk; NULL when the parser has stopped. */
static unsigned char *free_chunk(ae_csv *c, int *slot)
{
	pthread_mutex_lock(&c->mu);
	while (c->count == NBUF && !c->cancel)
		pthread_cond_wait(&c->cv, &c->mu);
	unsigned char *b = NULL;
	if (!c->cancel) {
		*slot = (c->head + c->count) % NBUF;
		b = c->buf[*slot];
	}
	pthread_mutex_unlock(&c->mu);
	return b;
}

static void push_chunk(ae_csv *c, size_t n)
{
	pthread_mutex_lock(&c->mu);
	c->len[(c->head + c->count) % NBUF] = n;
	c->count++;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

static int reader_fail(ae_csv *c, int status, const char *fmt, const char *a, const char *b)
{
	snprintf(c->rmsg, sizeof c->rmsg, fmt, a, b);
	return status;
}

/* Inflates one raw chunk into text chunks; an ae_status. */
static int inflate_raw(ae_csv *c, size_t n)
{
	c->zs.next_in = c->raw;
	c->zs.avail_in = (uInt)n;
	while (c->zs.avail_in) {
		int slot;
		unsigned char *out = free_chunk(c, &slot);
		if (!out)
			return AE_OK;
		c->zs.next_out = out;
		c->zs.avail_out = RAW_CHUNK;
		int zr = inflate(&c->zs, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
			return reader_fail(c, AE_EIO, "%s: corrupt gzip data (%s)", c->in->path,
					   c->zs.msg ? c->zs.msg : "inflate failed");
		size_t got = RAW_CHUNK - c->zs.avail_out;
		if (got)
			push_chunk(c, got);
		if (zr == Z_STREAM_END)
			inflateReset(&c->zs); /* concatenated gzip members continue the stream */
		else if (zr == Z_BUF_ERROR && !got)
			break;
	}
	return AE_OK;
}

static int read_all(ae_csv *c)
{
	for (int first = 1;; first = 0) {
		if (ae_stop_signal || c->cancel)
			return AE_OK;
		ssize_t n = read(c->fd, c->raw, RAW_CHUNK);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return reader_fail(c, AE_EIO, "%s: read error: %s", c->in->path, strerror(errno));
		}
		if (n == 0)
			break;
		ae_sha256_update(c->sha, c->raw, (size_t)n);
		c->raw_bytes += (uint64_t)n;
		if (!c->hash_only)
			ae_progress_update(&c->progress, c->raw_bytes,
					   atomic_load_explicit(&c->records, memory_order_relaxed));
		if (c->hash_only)
			continue; /* progress is the parts' (the hash runs well ahead of them) */
		if (first && n >= 2 && c->raw[0] == 0x1f && c->raw[1] == 0x8b) {
			c->gz = 1;
			memset(&c->zs, 0, sizeof c->zs);
			if (inflateInit2(&c->zs, 15 + 16) != Z_OK)
				return reader_fail(c, AE_EIO, "%s: cannot start gzip%s", c->in->path, "");
			c->zs_open = 1;
		}
		if (c->gz) {
			int rc = inflate_raw(c, (size_t)n);
			if (rc)
				return rc;
			continue;
		}
		int slot;
		unsigned char *out = free_chunk(c, &slot);
		if (!out)
			return AE_OK;
		memcpy(out, c->raw, (size_t)n);
		push_chunk(c, (size_t)n);
	}
	/* After a member's end the stream is reset; counts left over mean a cut-off member. */
	if (c->gz && (c->zs.total_in > 0 || c->zs.total_out > 0))
		return reader_fail(c, AE_EIO, "%s: gzip stream is truncated%s", c->in->path, "");
	return AE_OK;
}

static void *reader_main(void *arg)
{
	ae_csv *c = arg;
	/* This thread takes SIGINT/SIGTERM while the parser runs: a read blocked
	 * on a pipe is then interrupted and the run can stop. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	int rc = read_all(c);
	pthread_mutex_lock(&c->mu);
	c->rstatus = rc;
	c->done = 1;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

/* Split: the first part reads its own bytes (pread), up to the split, or on
 * to the end when the split is given up; the reader thread only hashes. */
static void parse_first_part(ae_csv *c)
{
	unsigned char *buf = c->buf[0]; /* the reader passes no chunks here */
	for (uint64_t off = 0; !c->stop && !ae_stop_signal && c->split != SPLIT_USED;) {
		ssize_t n = pread(c->fd, buf, RAW_CHUNK, (off_t)off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			snprintf(c->pmsg, sizeof c->pmsg, "%s: read error: %s", c->in->path, strerror(errno));
			c->pstatus = AE_EIO;
			break;
		}
		if (n == 0)
			break;
		feed_chunk(c, (const char *)buf, (size_t)n);
		off += (uint64_t)n;
		if (c->part2)
			split_progress(c);
	}
	if (c->stop || ae_stop_signal || c->pstatus) {
		pthread_mutex_lock(&c->mu);
		c->cancel = 1;
		pthread_mutex_unlock(&c->mu);
		return;
	}
	/* the second part may still be going: keep the progress line moving meanwhile */
	pthread_mutex_lock(&c->mu);
	while (c->part2 && c->split == SPLIT_USED && !c->part2_done && !ae_stop_signal) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 200000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&c->cv, &c->mu, &ts);
		pthread_mutex_unlock(&c->mu);
		split_progress(c);
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
}

/* No split: the reader thread reads, hashes and inflates; chunks come here. */
static void parse_chunks(ae_csv *c)
{
	for (;;) {
		pthread_mutex_lock(&c->mu);
		while (!c->count && !c->done)
			pthread_cond_wait(&c->cv, &c->mu);
		if (!c->count) { /* done, and nothing left */
			pthread_mutex_unlock(&c->mu);
			break;
		}
		int slot = c->head;
		size_t n = c->len[slot];
		pthread_mutex_unlock(&c->mu);
		if (!c->stop && !ae_stop_signal)
			feed_chunk(c, (const char *)c->buf[slot], n);
		pthread_mutex_lock(&c->mu);
		c->head = (c->head + 1) % NBUF;
		c->count--;
		if (c->stop || ae_stop_signal)
			c->cancel = 1;
		pthread_cond_broadcast(&c->cv);
		pthread_mutex_unlock(&c->mu);
	}
}

int ae_csv_each(ae_csv *c, ae_record_fn fn, void *user, ae_error *err)
{
	c->fn = fn;
	c->user = user;
	c->err = err;
	int rc = AE_OK;
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	plan_split(c);
	c->hash_only = c->split == SPLIT_PENDING;
	if (pthread_create(&c->reader, NULL, reader_main, c) != 0) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return ae_fail(err, AE_EIO, "%s: cannot start the reader thread", c->in->path);
	}
	if (c->part2 && pthread_create(&c->part2_thread, NULL, part2_main, c->part2) != 0) {
		ae_csv_free(c->part2); /* the first part reads on to the end then */
		c->part2 = NULL;
		c->split = SPLIT_REFUSED;
	}
	if (c->hash_only) {
		/* no pipe to wake from here: this thread may take the signals too (the
		 * reader can be done long before the parts are) */
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		parse_first_part(c);
	} else {
		parse_chunks(c);
	}
	pthread_join(c->reader, NULL);
	if (c->part2) {
		if (c->split != SPLIT_USED || c->stop || ae_stop_signal)
			part2_cancel(c);
		pthread_join(c->part2_thread, NULL);
	}
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if ((rc = ae_check_stop(err)))
		return rc;
	if (c->rstatus && !c->stop)
		return ae_fail(err, c->rstatus, "%s", c->rmsg);
	if (c->pstatus && !c->stop)
		return ae_fail(err, c->pstatus, "%s", c->pmsg);
	ae_progress_done(&c->progress);
	if (ae_sha256_final(c->sha, c->sha_hex) != 0)
		return ae_fail(err, AE_EIO, "%s: SHA-256 failed", c->in->path);
	if (c->stop)
		return c->stop;
	finish_text(c);
	if (c->stop)
		return c->stop;
	if (!c->header_done)
		return ae_fail(err, AE_EDATA, "%s: the file is empty (no header row)", c->in->path);
	if (c->split == SPLIT_USED) {
		if (c->part2->rstatus)
			return ae_fail(err, c->part2->rstatus, "%s", c->part2->rmsg);
		if (c->part2->stop)
			return c->part2->stop;
	}
	return AE_OK;
}
