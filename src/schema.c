/* schema.c — see schema.h. */
#include "schema.h"
#include "util.h"
#include <string.h>

const char *const ae_hotlist_names[] = {"stolen_vehicle", "stolen_plate", "wanted_person",
					"missing_person", "amber_alert",  "registration",
					"manual",         "other",        NULL};
const char *const ae_disposition_names[] = {"confirmed",      "misread",    "wrong_state", "stale_entry",
					    "not_actionable", "unverified", NULL};
const char *const ae_outcome_names[] = {"arrest", "vehicle_recovered", "citation", "warning", "no_action", "other",
					NULL};
const char *const ae_kind_names[] = {"fixed", "mobile", NULL};
const char *const ae_share_kind_names[] = {"detections", "hotlists", NULL};

static const ae_colspec reads_cols[RC_COUNT] = {
	{"timestamp", 1, NULL},   {"camera_id", 1, NULL},    {"plate", 1, NULL},
	{"plate_state", 0, NULL}, {"read_id", 0, NULL},      {"lat", 0, NULL},
	{"lon", 0, NULL},         {"neighborhood", 0, NULL}, {"confidence", 0, NULL},
};
static const ae_colspec hits_cols[HC_COUNT] = {
	{"hit_id", 1, NULL},
	{"read_id", 0, NULL},
	{"timestamp", 0, NULL},
	{"camera_id", 0, NULL},
	{"plate", 0, NULL},
	{"hotlist", 1, ae_hotlist_names},
	{"disposition", 1, ae_disposition_names},
};
static const ae_colspec outcomes_cols[OC_COUNT] = {
	{"outcome_id", 1, NULL},       {"hit_id", 0, NULL},       {"timestamp", 0, NULL},
	{"type", 1, ae_outcome_names}, {"neighborhood", 0, NULL},
};
static const ae_colspec cameras_cols[CC_COUNT] = {
	{"camera_id", 1, NULL},     {"lat", 0, NULL},       {"lon", 0, NULL},     {"neighborhood", 0, NULL},
	{"kind", 0, ae_kind_names}, {"installed", 0, NULL}, {"removed", 0, NULL},
};

static const ae_colspec hoods_cols[NC_COUNT] = {
	{"neighborhood", 1, NULL},
	{"population", 0, NULL},
	{"area_km2", 0, NULL},
	{"daily_vmt", 0, NULL},
};

static const ae_colspec searches_cols[SC_COUNT] = {
	{"search_id", 1, NULL},
	{"timestamp", 1, NULL},
	{"user", 0, NULL},
	{"organization", 0, NULL},
	{"reason", 0, NULL},
	{"case_number", 0, NULL},
	{"window_start", 0, NULL},
	{"window_end", 0, NULL},
	{"window", 0, NULL},
	{"search_type", 0, NULL},
	{"networks_searched", 0, NULL},
	{"devices_searched", 0, NULL},
	{"query", 0, NULL},
};

static const ae_colspec sharing_cols[SH_COUNT] = {
	{"organization", 1, NULL},        {"outbound", 0, NULL}, {"inbound", 0, NULL}, {"source", 0, NULL},
	{"kind", 0, ae_share_kind_names}, {"state", 0, NULL},
};

static const ae_colspec incidents_cols[IC_COUNT] = {
	{"incident_id", 1, NULL},  {"timestamp", 1, NULL}, {"type", 0, NULL},
	{"neighborhood", 0, NULL}, {"lat", 0, NULL},       {"lon", 0, NULL},
};

static const ae_colspec treatment_cols[TC_COUNT] = {
	{"neighborhood", 1, NULL},
	{"start", 1, NULL},
	{"end", 0, NULL},
};

const ae_tablespec ae_tables[TB_COUNT] = {
	{"reads", RC_COUNT, reads_cols},         {"hits", HC_COUNT, hits_cols},
	{"outcomes", OC_COUNT, outcomes_cols},   {"cameras", CC_COUNT, cameras_cols},
	{"neighborhoods", NC_COUNT, hoods_cols}, {"searches", SC_COUNT, searches_cols},
	{"sharing", SH_COUNT, sharing_cols},     {"incidents", IC_COUNT, incidents_cols},
	{"treatment", TC_COUNT, treatment_cols},
};

int ae_schema_table(const char *name)
{
	for (int t = 0; t < TB_COUNT; t++)
		if (strcmp(ae_tables[t].name, name) == 0)
			return t;
	return -1;
}

int ae_schema_col(int table, const char *name)
{
	for (int c = 0; c < ae_tables[table].ncols; c++)
		if (ae_strieq(ae_tables[table].cols[c].name, name))
			return c;
	return -1;
}

int ae_schema_value(const char *const *values, const char *s, size_t len)
{
	for (int i = 0; values[i]; i++)
		if (ae_strnieq(s, len, values[i]))
			return i;
	return -1;
}
