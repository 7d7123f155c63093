/* progress.h — a progress line on standard error for the read log, only on
 * a terminal: bytes (and rows, rate, time left when the size is known),
 * redrawn at most five times a second, wiped when done.
 * ae_progress is a plain struct owned by the caller. */
#ifndef AE_PROGRESS_H
#define AE_PROGRESS_H
#include <stdint.h>

typedef struct ae_progress {
	int on;
	uint64_t total;     /* bytes of the file, 0 when unknown (a pipe) */
	double start, last; /* seconds, monotonic */
	const char *label;
} ae_progress;

/* on: the caller's choice (not --quiet); it is also off when stderr is no terminal. */
void ae_progress_init(ae_progress *p, int on, const char *label, uint64_t total);
void ae_progress_update(ae_progress *p, uint64_t bytes, uint64_t rows);
void ae_progress_done(ae_progress *p);
#endif
