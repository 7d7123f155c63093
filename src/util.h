/* util.h — small shared helpers: exit codes, error messages, growable
 * buffers, string helpers and a fast non-cryptographic hash.
 * Ownership: ae_buf owns its bytes; ae_buf_release frees them. */
#ifndef AE_UTIL_H
#define AE_UTIL_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define AE_VERSION "0.1.0"

/* Exit codes, documented in the README. Modules return these; only main exits. */
enum ae_status {
	AE_OK = 0,
	AE_EDATA = 1,  /* rejects over the study's threshold */
	AE_EUSAGE = 2, /* usage or study-file error */
	AE_EIO = 3,    /* I/O error */
	AE_ESIGNAL = 4 /* interrupted by SIGINT or SIGTERM; main exits 128 + the signal */
};


/* One message a failing call leaves for main to print. */
typedef struct ae_error {
	int status;
	char msg[768];
} ae_error;

int ae_fail(ae_error *e, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Set (to the signal number) by main's SIGINT/SIGTERM handler; long loops
 * check it and stop with AE_ESIGNAL, so nothing half-written is left. */
#include <signal.h>
extern volatile sig_atomic_t ae_stop_signal;
int ae_check_stop(ae_error *e);

typedef struct ae_buf {
	char *data;
	size_t len, cap;
} ae_buf;

void ae_buf_init(ae_buf *b);
void ae_buf_release(ae_buf *b);
void ae_buf_reserve(ae_buf *b, size_t need);
void ae_buf_add(ae_buf *b, const void *p, size_t n);
void ae_buf_addc(ae_buf *b, char c);
void ae_buf_puts(ae_buf *b, const char *s);
void ae_buf_printf(ae_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Allocation that never returns NULL: out of memory ends the process with
 * a message (there is no sound way to go on). */
void *ae_malloc(size_t n);
void *ae_calloc(size_t n, size_t m);
void *ae_realloc(void *p, size_t n);
char *ae_strdup(const char *s);
/* A malloc'd copy of n bytes (p may be NULL when n is 0). */
void *ae_memdup(const void *p, size_t n);
/* Zeroed memory for the big hash tables, asking the kernel for huge pages
 * (fewer TLB misses on random probes). Free with the same size. */
void *ae_big_calloc(size_t bytes);
void *ae_big_realloc(void *p, size_t old_bytes, size_t new_bytes);
void ae_big_free(void *p, size_t bytes);
char *ae_strndup(const char *s, size_t n);

/* Writes a CSV field, quoted per RFC 4180 when it holds a comma, quote or newline. */
void ae_csv_field(FILE *f, const char *s);

/* Trim ASCII blanks in place: returns the new start, *len updated. */
const char *ae_trim(const char *s, size_t *len);
int ae_strieq(const char *a, const char *b);
int ae_strnieq(const char *a, size_t alen, const char *b);

/* Parses a whole string as a number; 0 on success. No locale. */
int ae_parse_double(const char *s, size_t len, double *out);
int ae_parse_int64(const char *s, size_t len, long long *out);

/* 64-bit hash of bytes (wyhash-style mixing); for in-memory tables only. */
uint64_t ae_hash64(const void *p, size_t n, uint64_t seed);
static inline uint64_t ae_mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb64e0d5b5ec3ULL;
	x ^= x >> 33;
	return x;
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
long ae_days_from_civil(long y, unsigned m, unsigned d);
void ae_civil_from_days(long z, int *y, int *m, int *d);
int ae_parse_date(const char *s, size_t len, long *days);
/* The Monday of a day's ISO week, and the week's label `YYYY-Www` (the
 * year of its Thursday) into buf (n >= 16). */
long ae_monday(long day);
void ae_iso_week_label(long monday, char *buf, size_t n);

/* Joins dir and a relative path; absolute paths are returned as they are. */
char *ae_path_join(const char *dir, const char *rel);
/* Sorts ids[0..n) by the parallel names[0..n) in byte order (ties by id),
 * `last` (an id, or UINT32_MAX for none) after every other; both arrays are
 * permuted together. Comparators need no file-scope state this way. */
void ae_sort_named(uint32_t *ids, const char **names, size_t n, uint32_t last);
#endif
