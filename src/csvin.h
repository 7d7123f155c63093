/* csvin.h — one input table, streamed: raw bytes (hashed with SHA-256 as
 * they pass), inflated when gzip, split into physical lines, parsed by
 * libcsv, mapped onto the canonical columns of schema.h. A big plain file
 * may be parsed in two parts by two threads (ae_csv_split).
 * ae_csv is an opaque handle owned by the caller (ae_csv_free). The record
 * given to the callback, and every pointer in it, lives only during the call. */
#ifndef AE_CSVIN_H
#define AE_CSVIN_H
#include "schema.h"
#include "study.h"
#include <stdint.h>

typedef struct ae_record {
	long line;                      /* physical line where the record starts */
	int nfields;                    /* fields in the record */
	int header_fields;              /* fields in the header */
	int no_nul;                     /* 1: no field holds a NUL byte (0: not known) */
	const char *field[AE_MAX_COLS]; /* trimmed value; NULL if missing or no such column */
	size_t len[AE_MAX_COLS];
} ae_record;

typedef struct ae_csv ae_csv;

/* Callback per data record: return 0 to go on, nonzero to stop (that value is returned). */
typedef int (*ae_record_fn)(void *user, const ae_record *rec);

int ae_csv_open(ae_csv **out, const ae_input *in, int table, ae_error *err);
/* Plain records (no quotes) skip libcsv's state machine; on by default.
 * Tests turn it off to show both paths give the same records. */
void ae_csv_fast_path(ae_csv *c, int on);
/* Shows progress on a terminal while reading (see progress.h); off unless called. */
void ae_csv_progress(ae_csv *c, int on, const char *label);
/* Reads the header, then every record. Header problems (a required or a
 * mapped column not found, a duplicate column) and I/O errors return an
 * ae_status with err set. */
int ae_csv_each(ae_csv *c, ae_record_fn fn, void *user, ae_error *err);
void ae_csv_free(ae_csv *c);

/* The column's name as the file spells it (for messages). */
const char *ae_csv_colname(const ae_csv *c, int col);
/* The path as the study gives it (for messages and the manifest). */
const char *ae_csv_path(const ae_csv *c);
int ae_csv_has_col(const ae_csv *c, int col);
/* neighborhoods: the pop_<group> columns, in header order; their records'
 * values are at field[NC_COUNT + g]. Names are lower case, without "pop_". */
int ae_csv_ngroups(const ae_csv *c);
const char *ae_csv_group(const ae_csv *c, int g);
/* Categorical value: study label (exact), else canonical (case-insensitive); -1 if neither. */
int ae_csv_category(const ae_csv *c, int col, const char *s, size_t len);

/* After ae_csv_each: raw bytes read, and their SHA-256 as 64 hex digits. */
uint64_t ae_csv_bytes(const ae_csv *c);
const char *ae_csv_sha256(const ae_csv *c);
/* After ae_csv_each: physical lines read, the header's included. */
long ae_csv_lines(const ae_csv *c);
/* Records that ended inside an unterminated quote at end of file, if any: its line. */
long ae_csv_unterminated_line(const ae_csv *c);

/* Two threads: records from about the middle of the file on go to
 * fn(user2, ...) in a second thread, with lines counted from there (add
 * ae_csv_split_lines). Only a plain (not gzip) regular file of at least
 * min_bytes is split, at the first line start after its middle; when the
 * first part finds that line start inside a quoted field or the header, the
 * split is given up and every record goes to user (the second part starts
 * before that is known, so user2 may have had records: they are to be
 * dropped). The callback must be safe to run in two threads at once, one
 * user each. Before ae_csv_each. */
void ae_csv_split(ae_csv *c, void *user2, uint64_t min_bytes);
/* After ae_csv_each: physical lines before the second part, or -1 when the
 * second part's records were not used (not split, or the split given up). */
long ae_csv_split_lines(const ae_csv *c);
#endif
