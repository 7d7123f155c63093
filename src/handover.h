/* handover.h — what the analyses hand the report layer beside the metrics
 * table: the run's accounting and the facts about listed areas that the
 * briefing and the map need. The report layer (charts, briefing, manifest)
 * reads this and the table, never the aggregate. Every pointer is borrowed
 * from the run that filled it and lives as long as that run. */
#ifndef AE_HANDOVER_H
#define AE_HANDOVER_H
#include "accounting.h"
#include "geo.h"
#include "study.h"
#include "table.h"
#include <stdint.h>

/* The neighborhoods table as the exposure analysis saw it. */
typedef struct ae_areas {
	uint32_t n;               /* listed areas, in the table's order */
	const char *const *name;  /* n names */
	const double *population; /* n; NAN when missing */
	int ngroups;
	const char *const *groups; /* pop_<group> names, without "pop_" */
	const ae_geo *geo;         /* the boundaries, or NULL */
	size_t ncameras;           /* cameras with a position and at least one read */
	const double *camera_lon, *camera_lat;
} ae_areas;

/* The sharing table as the sharing analysis classified it: one entry per
 * accepted row of the agency, in file order (names borrowed from the run). */
typedef struct ae_shareorg {
	const char *name;
	int kind;              /* ae_share_kind */
	int outbound, inbound; /* 1 / 0 */
	char state[3];         /* the organization's state, "" when none found */
	int cls;               /* ae_org_class */
	int immigration, inactive;
	int rule_line; /* the rules file's line that decided, 0: the state logic or no rule */
} ae_shareorg;
typedef struct ae_sharelist {
	size_t n;
	ae_shareorg *org;
	const char *rules; /* the rules file, as named */
} ae_sharelist;

struct json_t;
typedef struct ae_handover {
	const ae_study *st;
	const ae_table *t;
	ae_accounting acc;
	const ae_areas *areas;          /* NULL without a neighborhoods table */
	struct json_t *notes;           /* metrics.json "notes", or NULL; owned by the run */
	ae_sharelist *sharing;          /* NULL without a sharing table; freed by ae_sharing_release */
	struct ae_effect_facts *effect; /* NULL without a crime-effect model; freed by ae_effect_release */
} ae_handover;
#endif
