/* accounting.h — what a run did with each input: records read, accepted,
 * rejected (with the reason) or out of period, and the bytes and SHA-256 of
 * every file it read. Plain data: ingest fills it, the manifest and the
 * briefing read it (through ae_accounting, never the aggregate). */
#ifndef AE_ACCOUNTING_H
#define AE_ACCOUNTING_H
#include "schema.h"
#include <stddef.h>
#include <stdint.h>

/* Why a record was rejected; texts in aggregate.c. */
enum ae_reason {
	RJ_FIELD_COUNT,
	RJ_MISSING,
	RJ_BAD_TIMESTAMP,
	RJ_DST_GAP,
	RJ_BAD_PLATE,
	RJ_BAD_NUMBER,
	RJ_OUT_OF_RANGE,
	RJ_UNKNOWN_VALUE,
	RJ_DUPLICATE_ID,
	RJ_NO_READ,
	RJ_UNTERMINATED,
	RJ_NUL_BYTE,
	RJ_BAD_UTF8,
	RJ_COUNT
};
extern const char *const ae_reason_names[RJ_COUNT]; /* for people */
extern const char *const ae_reason_codes[RJ_COUNT]; /* for the manifest */

typedef struct ae_reject {
	uint8_t table;
	uint8_t reason;
	int16_t col; /* canonical column, or -1 for the whole record */
	long line;
	char *detail; /* optional: an unknown label, field counts (never a plate) */
} ae_reject;

typedef struct ae_tablecount {
	int present;
	uint64_t read, accepted, rejected, out_of_period;
	uint64_t repeated; /* incidents: accepted rows repeating an in-period incident's id (counted once) */
	uint64_t by_reason[RJ_COUNT];
	uint64_t bytes;
	long lines; /* physical lines, the header's included */
	char sha256[65];
	char **colnames; /* header spelling per canonical column (for rejects) */
} ae_tablecount;

/* A file read whole outside the table pass (the study file, the boundaries). */
typedef struct ae_filehash {
	int present;
	uint64_t bytes;
	char sha256[65];
} ae_filehash;

/* A read log merged from partials (partial.h): one shard of it. */
typedef struct ae_shard {
	char *path;       /* the shard's read log as its partial names it */
	char *partial;    /* the partial file, as given to the merge */
	uint64_t bytes;   /* of the shard's read log */
	long lines;       /* its physical lines, the header's included */
	long first_line;  /* where its first record's line falls in the merged read log */
	uint64_t records; /* records read */
	char sha256[65];  /* of the shard's read log */
} ae_shard;

/* A read-only view of a finished pass; the pointers belong to the aggregate
 * it was taken from and live as long as it does. */
typedef struct ae_accounting {
	const ae_tablecount *tables; /* TB_COUNT */
	const ae_reject *rejects;    /* sorted by table, then line */
	size_t nrejects;
	ae_filehash study, boundaries;
	uint64_t vehicles, cameras; /* distinct, accepted in period */
	const ae_shard *shards;     /* a merged read log's shards, or NULL */
	size_t nshards;
} ae_accounting;
#endif
