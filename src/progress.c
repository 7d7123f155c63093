/* progress.c — see progress.h. */
#define _GNU_SOURCE
#include "progress.h"
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void ae_progress_init(ae_progress *p, int on, const char *label, uint64_t total)
{
	p->on = on && isatty(2);
	p->total = total;
	p->start = p->last = now();
	p->label = label;
}

void ae_progress_update(ae_progress *p, uint64_t bytes, uint64_t rows)
{
	if (!p->on)
		return;
	double t = now();
	if (t - p->last < 0.2)
		return;
	p->last = t;
	double el = t - p->start, mb = (double)bytes / 1e6, rate = el > 0 ? mb / el : 0;
	if (p->total) {
		double f = (double)bytes / (double)p->total;
		double left = f > 0 ? el / f - el : 0;
		fprintf(stderr, "\r\033[Kalpr-eval: %s %3.0f %% %.0f of %.0f MB, %.1fM rows, %.0f MB/s, %.0f s left",
			p->label, f * 100, mb, (double)p->total / 1e6, (double)rows / 1e6, rate, left);
	} else {
		fprintf(stderr, "\r\033[Kalpr-eval: %s %.0f MB, %.1fM rows, %.0f MB/s", p->label, mb,
			(double)rows / 1e6, rate);
	}
}

void ae_progress_done(ae_progress *p)
{
	if (p->on)
		fputs("\r\033[K", stderr);
	p->on = 0;
}
