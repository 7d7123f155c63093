/* incidents.c — see incidents.h. Counts of incidents are not counts of
 * people or vehicles: exact (method none), never suppressed. Rows: all;
 * every area an incident could fall in (listed areas, boundary features,
 * areas the rows name), zeros included, by name with `unknown` last and
 * only when it holds one; every month of the window, zeros included; every
 * type a row or a value.type label names, by name. */
#include "incidents.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void count_row(ae_table *t, const char *dim, const char *g, double n)
{
	ae_row *r = ae_table_add(t, AE_M(incidents), dim, g, "none");
	r->est = n;
}

/* The names of a table in byte order, `last` after the rest and left out when it counts 0. */
static void named_rows(ae_table *t, const char *dim, const ae_strtab *tab, const uint64_t *n, uint32_t last)
{
	uint32_t k = ae_strtab_count(tab), m = 0;
	uint32_t *ids = ae_malloc((k ? k : 1) * sizeof *ids);
	const char **names = ae_malloc((k ? k : 1) * sizeof *names);
	for (uint32_t i = 0; i < k; i++) {
		if (i == last && !n[i])
			continue;
		ids[m] = i;
		names[m++] = ae_strtab_name(tab, i);
	}
	ae_sort_named(ids, names, m, last);
	for (uint32_t i = 0; i < m; i++)
		count_row(t, dim, ae_strtab_name(tab, ids[i]), (double)n[ids[i]]);
	free(ids);
	free(names);
}

int ae_incidents_build(const ae_study *st, const ae_agg *a, ae_table *t, ae_handover *h, ae_error *err)
{
	(void)st;
	(void)h;
	(void)err;
	count_row(t, "all", "all", (double)a->incidents);
	uint32_t unknown = ae_strtab_find(a->incident_areas, "unknown", 7);
	named_rows(t, "neighborhood", a->incident_areas, a->incident_area_n, unknown);
	for (uint32_t m = 0; m < a->nmonths; m++) {
		char g[16];
		int64_t k = a->start_month + m;
		snprintf(g, sizeof g, "%04d-%02d", (int)(k / 12), (int)(k % 12) + 1);
		count_row(t, "month", g, (double)a->incident_month[m]);
	}
	named_rows(t, "type", a->incident_types, a->incident_type_n, UINT32_MAX);
	return AE_OK;
}
