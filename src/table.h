/* table.h — the tidy metrics table of doc/metrics.md and its two renderings,
 * metrics.csv and metrics.json. ae_table owns its rows and their group
 * strings (ae_table_release); metric, dimension and method are static. */
#ifndef AE_TABLE_H
#define AE_TABLE_H
#include "metric_list.h"
#include <math.h>
#include <stddef.h>
#include <stdio.h>

typedef struct ae_row {
	const char *metric, *dimension;
	char *group;
	double est, lo, hi; /* NAN: empty */
	double num, den;    /* NAN: empty */
	const char *method;
	/* cluster_plate rows: the vehicles whose events make the estimate, so the
	 * briefing can flag rates resting on few; NAN otherwise. Not in metrics.csv. */
	double vehicles;
	double repeat; /* of those, the vehicles with two or more events */
} ae_row;
/* A rate whose events come from fewer vehicles than this, or a rate over
 * reads whose repeated events (a vehicle's second and later) do, is flagged: no interval from the
 * data alone covers well there (doc/metrics.md). The second count matters
 * where many vehicles raise one alert each and a few listed ones raise the
 * rest: measured, a hotlist's rate resting on fewer than 30 repeating
 * vehicles held the planted value 82 % of the time, on more 98 %. */
#define AE_FEW_VEHICLES 30
#define AE_FEW(r) (!isnan((r)->vehicles) && ((r)->vehicles < AE_FEW_VEHICLES || (r)->repeat < AE_FEW_VEHICLES))

typedef struct ae_table {
	ae_row *rows;
	size_t n, cap;
} ae_table;

void ae_table_init(ae_table *t);
void ae_table_release(ae_table *t);
ae_row *ae_table_add(ae_table *t, const char *metric, const char *dimension, const char *group, const char *method);
/* Finds a row; NULL if none (for tests and the briefing). */
const ae_row *ae_table_find(const ae_table *t, const char *metric, const char *dimension, const char *group,
			    const char *method);

/* The quantile dimension's rows of metric m (groups p50, p90, p95, max) over
 * n values, sorted here in place: type 7 (linear between order statistics,
 * numpy's default), method none, denominator n; est empty when n is 0. */
void ae_table_quantiles(ae_table *t, const char *m, double *x, size_t n);

/* 0 on success, -1 on a write error. */
int ae_table_write_csv(const ae_table *t, FILE *f);
/* notes: a jansson object added as "notes" (its reference is taken), or NULL. */
struct json_t;
int ae_table_write_json(const ae_table *t, const char *title, struct json_t *notes, FILE *f);
/* A number as metrics.csv prints it ("" when NAN); buf of 40 bytes. */
const char *ae_table_num(double v, char *buf);
#endif
