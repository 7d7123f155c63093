/* ingest_checks.h — inside the ingest pass only: the pass's context and the
 * record checks every table's reader shares. The pass (ingest.c) reads the
 * read log and the tables it links to (ingest_reads.c), then the tables read
 * after it (ingest_tables.c). Nothing here is part of the engine's interface
 * (ingest.h). The context is the caller's; nothing here keeps state. */
#ifndef AE_INGEST_CHECKS_H
#define AE_INGEST_CHECKS_H
#include "aggregate.h"
#include "study.h"
#include "timeparse.h"
#include "csvin.h"
#include <sodium.h>
#include <stdint.h>

#define MAX_PLATE 64


/* A read waits in a short queue between its parsing and the vehicle-table
 * work: its vehicle's slot and record are prefetched meanwhile, as the table
 * is far bigger than the caches. Reads leave the queue in file order, so
 * vehicles are numbered and hits linked as without it. */
typedef struct pending {
	uint64_t k0, k1;   /* the vehicle's key (in period) */
	uint64_t pk0, pk1; /* keyed hash of the plate, when pl_head is set */
	uint32_t rl_head;  /* first hit naming this read's id, or AE_NO_LINK */
	uint32_t pl_head;  /* first hit at this camera and instant, or AE_NO_LINK */
	uint32_t hint;     /* the vehicle's index + 1 if seen at the prefetch, else 0 */
	uint32_t cell;     /* in period: the (camera, area, month) cell */
	uint32_t newest;   /* in period: nage - its age bucket, for the vehicle's newest read */
	ae_readlink l;     /* vehicle set when the read leaves the queue */
} pending;

#define QLEN 32     /* a power of two, >= Q_APPLY */
#define Q_VEHICLE 8 /* after 8 more reads: prefetch the vehicle record */
#define Q_PLACES 16 /* after 16: prefetch its older cells, if any */
#define Q_APPLY 24  /* after 24: the vehicle, its places and counts, hit links */
#define QSTAGES 3

typedef struct ctx {
	const ae_study *st;
	ae_tz *tz;
	int threads, progress, fast_path; /* ae_ingest_opts (ingest.h) */
	uint64_t split_min;
	ae_agg *a;
	ae_csv *csv;
	int table;
	unsigned char key[crypto_shorthash_siphashx24_KEYBYTES];
	ae_strtab *outcome_ids, *camera_ids;
	ae_error *err;
	struct camslot {       /* recent camera ids (a direct-mapped cache): most */
		char name[27]; /* reads need no hash of the id and no table probe */
		uint8_t len;   /* 0: empty */
		uint32_t id;
	} camcache[2048];
	int failed;           /* the callback stopped the pass (err set) */
	int stop_after_reads; /* ae_ingest_opts */
	int (*reads_from)(void *user, const ae_study *st, ae_agg *a, ae_error *err);
	void *reads_user;
	pending q[QLEN];
	uint64_t qn;             /* reads queued so far */
	uint64_t qdone[QSTAGES]; /* reads past each later stage */
} ctx;

/* Upper case, no spaces, tabs or dashes; returns the new length (<= n). */
size_t ae_plate_normalise(const char *s, size_t n, char *out);

/* The checks. Each that rejects writes the reject and returns
 * nonzero; the reader then drops the record. */
void ing_keyed_hash(const ctx *x, const unsigned char *p, size_t n, uint64_t *k0, uint64_t *k1);
int ing_reject(ctx *x, const ae_record *r, int col, int reason, const char *detail); /* returns 0 */
/* Field count, NUL bytes, text columns, required values. 1 = rejected. */
int ing_rejected_shape(ctx *x, const ae_record *r, const int *req, int nreq);
/* The column's time by the table's format, in the study's zone; -1 rejected. */
int ing_parse_time(ctx *x, const ae_record *r, int col, int64_t *t);
/* A local day within the study period. */
int ing_in_period(const ctx *x, long day);
/* An optional number within [lo, hi]; 0 ok (or missing), -1 rejected. */
int ing_check_number(ctx *x, const ae_record *r, int col, double lo, double hi);
/* The same into *v (NAN when missing). */
int ing_get_number(ctx *x, const ae_record *r, int col, double lo, double hi, double *v);
/* The listed area holding a point, by the boundaries; AE_NO_LINK if none. */
uint32_t ing_locate(const ae_agg *a, double lon, double lat);
/* A category; -1 when missing or unknown (rejected). */
int ing_category(ctx *x, const ae_record *r, int col);

#endif
