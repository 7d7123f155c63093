/* schema.h — the canonical input form of doc/inputs.md: tables, their columns,
 * and the categorical values a study may map vendor labels onto.
 * Everything here is static data; nothing is owned. */
#ifndef AE_SCHEMA_H
#define AE_SCHEMA_H
#include <stddef.h>

enum ae_tableid {
	TB_READS,
	TB_HITS,
	TB_OUTCOMES,
	TB_CAMERAS,
	TB_HOODS,
	TB_SEARCHES,
	TB_SHARING,
	TB_INCIDENTS,
	TB_TREATMENT,
	TB_COUNT
};

enum ae_col {
	/* reads */
	RC_TIMESTAMP,
	RC_CAMERA,
	RC_PLATE,
	RC_STATE,
	RC_READ_ID,
	RC_LAT,
	RC_LON,
	RC_HOOD,
	RC_CONF,
	RC_COUNT
};
enum { HC_HIT_ID, HC_READ_ID, HC_TIMESTAMP, HC_CAMERA, HC_PLATE, HC_HOTLIST, HC_DISPOSITION, HC_COUNT };
enum { OC_OUTCOME_ID, OC_HIT_ID, OC_TIMESTAMP, OC_TYPE, OC_HOOD, OC_COUNT };
enum { CC_CAMERA, CC_LAT, CC_LON, CC_HOOD, CC_KIND, CC_INSTALLED, CC_REMOVED, CC_COUNT };
/* neighborhoods: then one column per pop_<group> header, from NC_COUNT on */
enum { NC_HOOD, NC_POP, NC_AREA, NC_VMT, NC_COUNT };

/* searches (the audit log) */
enum {
	SC_SEARCH_ID,
	SC_TIMESTAMP,
	SC_USER,
	SC_ORG,
	SC_REASON,
	SC_CASE,
	SC_WINDOW_START,
	SC_WINDOW_END,
	SC_WINDOW,
	SC_TYPE,
	SC_NETWORKS,
	SC_DEVICES,
	SC_QUERY,
	SC_COUNT
};

/* sharing (who receives this agency's data, and whose it receives) */
enum { SH_ORG, SH_OUTBOUND, SH_INBOUND, SH_SOURCE, SH_KIND, SH_STATE, SH_COUNT };
enum ae_share_kind { SK_DETECTIONS, SK_HOTLISTS, SK_COUNT };

/* incidents (reported crime): type is free text, mapped by value.type.<name> labels or kept */
enum { IC_INCIDENT_ID, IC_TIMESTAMP, IC_TYPE, IC_HOOD, IC_LAT, IC_LON, IC_COUNT };
/* treatment (when each area got cameras): an area is treated from its earliest start */
enum { TC_HOOD, TC_START, TC_END, TC_COUNT };

#define AE_MAX_GROUPS 24
#define AE_MAX_COLS (NC_COUNT + AE_MAX_GROUPS)

/* Categorical value sets, in the fixed order rows are written. */
enum ae_hotlist {
	HL_STOLEN_VEHICLE,
	HL_STOLEN_PLATE,
	HL_WANTED_PERSON,
	HL_MISSING_PERSON,
	HL_AMBER_ALERT,
	HL_REGISTRATION,
	HL_MANUAL,
	HL_OTHER,
	HL_COUNT
};
enum ae_disposition {
	DP_CONFIRMED,
	DP_MISREAD,
	DP_WRONG_STATE,
	DP_STALE_ENTRY,
	DP_NOT_ACTIONABLE,
	DP_UNVERIFIED,
	DP_COUNT
};
enum ae_outcome_type { OT_ARREST, OT_VEHICLE_RECOVERED, OT_CITATION, OT_WARNING, OT_NO_ACTION, OT_OTHER, OT_COUNT };
enum ae_camera_kind { CK_FIXED, CK_MOBILE, CK_COUNT };

typedef struct ae_colspec {
	const char *name;
	int required;              /* the column must be in the header */
	const char *const *values; /* categorical values, NULL-terminated; NULL if free text */
} ae_colspec;

typedef struct ae_tablespec {
	const char *name; /* section name in the study file */
	int ncols;
	const ae_colspec *cols;
} ae_tablespec;

extern const ae_tablespec ae_tables[TB_COUNT];
extern const char *const ae_hotlist_names[];
extern const char *const ae_disposition_names[];
extern const char *const ae_outcome_names[];
extern const char *const ae_kind_names[];
extern const char *const ae_share_kind_names[];

/* Index of a column name in a table, or -1. Case-insensitive. */
int ae_schema_col(int table, const char *name);
/* Index of a canonical value (case-insensitive) in a NULL-terminated list, or -1. */
int ae_schema_value(const char *const *values, const char *s, size_t len);
int ae_schema_table(const char *name);
#endif
