/* table.c — see table.h. Numbers are printed with %.15g in the C locale:
 * 15 significant digits, the same bytes on every run. */
#include "table.h"
#include "util.h"
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const ae_metric_def ae_metric_defs[AE_METRIC_COUNT] = {
#define AE_METRIC_DEF(name, table, definition, intervals) {#name, table, definition, intervals},
	AE_METRIC_LIST(AE_METRIC_DEF)
#undef AE_METRIC_DEF
};

const ae_metric_def *ae_metric_find(const char *name)
{
	for (int m = 0; m < AE_METRIC_COUNT; m++)
		if (strcmp(ae_metric_defs[m].name, name) == 0)
			return &ae_metric_defs[m];
	return NULL;
}

void ae_table_init(ae_table *t) { memset(t, 0, sizeof *t); }

void ae_table_release(ae_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->rows[i].group);
	free(t->rows);
	memset(t, 0, sizeof *t);
}

ae_row *ae_table_add(ae_table *t, const char *metric, const char *dimension, const char *group, const char *method)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 128;
		t->rows = ae_realloc(t->rows, t->cap * sizeof *t->rows);
	}
	ae_row *r = &t->rows[t->n++];
	r->metric = metric;
	r->dimension = dimension;
	r->group = ae_strdup(group);
	r->est = r->lo = r->hi = r->num = r->den = r->vehicles = r->repeat = NAN;
	r->method = method;
	return r;
}

const ae_row *ae_table_find(const ae_table *t, const char *metric, const char *dimension, const char *group,
			    const char *method)
{
	for (size_t i = 0; i < t->n; i++) {
		const ae_row *r = &t->rows[i];
		if (strcmp(r->metric, metric) == 0 && strcmp(r->dimension, dimension) == 0 &&
		    strcmp(r->group, group) == 0 && (!method || strcmp(r->method, method) == 0))
			return r;
	}
	return NULL;
}

const char *ae_table_num(double v, char *buf)
{
	if (isnan(v)) {
		buf[0] = '\0';
		return buf;
	}
	if (v == 0)
		v = 0; /* no "-0" */
	snprintf(buf, 40, "%.15g", v);
	return buf;
}


int ae_table_write_csv(const ae_table *t, FILE *f)
{
	fputs("metric,dimension,group,estimate,ci_low,ci_high,numerator,denominator,method\n", f);
	char b[5][40];
	for (size_t i = 0; i < t->n; i++) {
		const ae_row *r = &t->rows[i];
		fprintf(f, "%s,%s,", r->metric, r->dimension);
		ae_csv_field(f, r->group);
		fprintf(f, ",%s,%s,%s,%s,%s,%s\n", ae_table_num(r->est, b[0]), ae_table_num(r->lo, b[1]),
			ae_table_num(r->hi, b[2]), ae_table_num(r->num, b[3]), ae_table_num(r->den, b[4]), r->method);
	}
	return ferror(f) ? -1 : 0;
}

/* jansson refuses invalid UTF-8; such a name (from a broken export) is shown escaped. */
static json_t *jstr(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	ae_buf b;
	ae_buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x80)
			ae_buf_addc(&b, (char)*p);
		else
			ae_buf_printf(&b, "\\x%02X", *p);
	}
	j = json_string(b.data ? b.data : "");
	ae_buf_release(&b);
	return j;
}

static json_t *jnum(double v) { return isnan(v) ? json_null() : json_real(v == 0 ? 0 : v); }

int ae_table_write_json(const ae_table *t, const char *title, json_t *notes, FILE *f)
{
	json_t *root = json_object();
	json_object_set_new(root, "title", jstr(title));
	json_t *cols = json_array();
	static const char *const names[] = {"metric",  "dimension", "group",       "estimate", "ci_low",
					    "ci_high", "numerator", "denominator", "method"};
	for (int i = 0; i < 9; i++)
		json_array_append_new(cols, json_string(names[i]));
	json_object_set_new(root, "columns", cols);
	json_t *rows = json_array();
	for (size_t i = 0; i < t->n; i++) {
		const ae_row *r = &t->rows[i];
		json_t *o = json_object();
		json_object_set_new(o, "metric", json_string(r->metric));
		json_object_set_new(o, "dimension", json_string(r->dimension));
		json_object_set_new(o, "group", jstr(r->group));
		json_object_set_new(o, "estimate", jnum(r->est));
		json_object_set_new(o, "ci_low", jnum(r->lo));
		json_object_set_new(o, "ci_high", jnum(r->hi));
		json_object_set_new(o, "numerator", jnum(r->num));
		json_object_set_new(o, "denominator", jnum(r->den));
		json_object_set_new(o, "method", json_string(r->method));
		/* a clustered rate resting on few vehicles: the briefing's flag, as a
		 * bound (the count itself is a count of vehicles, not published) */
		if (!isnan(r->vehicles) && strcmp(r->method, "suppressed") != 0)
			json_object_set_new(o, "few_vehicles", json_boolean(AE_FEW(r)));
		json_array_append_new(rows, o);
	}
	json_object_set_new(root, "rows", rows);
	if (notes)
		json_object_set_new(root, "notes", notes);
	int rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(root);
	fputc('\n', f);
	return rc || ferror(f) ? -1 : 0;
}

static const char *const quantile_names[] = {"p50", "p90", "p95", "max"};
static const double quantile_p[] = {0.5, 0.9, 0.95, 1.0};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Type 7: h = (n - 1) p, x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]). */
static double quantile(const double *x, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)h;
	if (lo + 1 >= n)
		return x[n - 1];
	return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

void ae_table_quantiles(ae_table *t, const char *m, double *x, size_t n)
{
	if (n)
		qsort(x, n, sizeof *x, cmp_double);
	for (int q = 0; q < 4; q++) {
		ae_row *r = ae_table_add(t, m, "quantile", quantile_names[q], "none");
		r->est = n ? quantile(x, n, quantile_p[q]) : NAN;
		r->den = (double)n;
	}
}
