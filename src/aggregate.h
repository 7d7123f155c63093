/* aggregate.h — what one pass over a study's inputs collects: counts per
 * camera, neighbourhood, month and day; the vehicle table; hits and
 * outcomes with what they link to; and every reject.
 * ae_agg is a plain struct owned by the caller: ae_agg_init / ae_agg_release.
 * Memory grows with vehicles, cameras, hits and outcomes, never with reads. */
#ifndef AE_AGGREGATE_H
#define AE_AGGREGATE_H
#include "accounting.h"
#include "geo.h"
#include "hashtab.h"
#include "schema.h"
#include "vcells.h"
#include <stdint.h>

#define AE_NO_LINK UINT32_MAX
/* at most 2^20 cameras and 2^20 areas (they share a cell key in vcells.c) */
#define AE_PLACE_BITS 20

typedef struct ae_place {
	uint64_t reads;
	uint64_t distinct; /* distinct vehicles read here */
} ae_place;

/* Over the vehicles read in a place (or month): sums of n^2 and n^4, n the
 * vehicle's reads there, for the clustered variance. Whole numbers in 128
 * bits (n < 2^32): exact, so one or two threads add them up alike. */
__extension__ typedef unsigned __int128 ae_u128;
typedef struct ae_moments {
	ae_u128 s2, s4;
} ae_moments;

/* Reads of a vehicle with in-period hits, in one place of a kind. */
enum { AE_AT_CAMERA, AE_AT_HOOD, AE_AT_MONTH };
typedef struct ae_vplace {
	uint32_t vehicle, place;
	uint32_t kind;
	uint32_t reads;
} ae_vplace;

typedef struct ae_hit {
	long line;
	uint8_t hotlist, disposition;
	uint8_t linked;   /* 0 none, 1 in-period read, 2 out-of-period read */
	uint8_t by_plate; /* links by plate + camera + instant */
	uint32_t camera, hood, month, vehicle;
	uint32_t day;                   /* local day of the period (0: its first) of the read */
	int64_t instant;                /* by_plate: instant of the hit */
	uint64_t plate_k0, plate_k1;    /* by_plate: keyed hash of the normalised plate */
	uint32_t next;                  /* next hit with the same link key */
	int64_t read_t;                 /* linked: the time of its read */
	uint32_t outcomes;              /* in-scope outcomes linked to it */
	uint16_t outcomes_of[OT_COUNT]; /* the same by outcome type (saturating) */
} ae_hit;

/* What a read gives the hit it links: set on the hit by ae_agg_link. */
typedef struct ae_readlink {
	int64_t t; /* the read's time (UTC seconds) */
	uint32_t camera, hood, month, vehicle;
	uint32_t day;   /* local day of the period, 0: its first */
	uint8_t linked; /* 1 in-period read, 2 out-of-period read */
} ae_readlink;
typedef struct ae_linkev {
	uint32_t hit;
	ae_readlink l;
} ae_linkev;

/* One accepted in-period search of the audit log: what the governance
 * metrics need, no text. user and query are keyed hashes (never the text);
 * the reason is only its class and whether it names a flag term. */
#define AE_NO_TIME INT64_MIN
typedef struct ae_search {
	int64_t t;            /* when it was run (UTC seconds) */
	int64_t wstart, wend; /* the window asked for; AE_NO_TIME when not given; wend clipped to t */
	uint64_t user[2], query[2];
	uint32_t org;              /* index in search_orgs, or AE_NO_LINK */
	uint32_t type;             /* index in search_types, or AE_NO_LINK */
	int32_t networks, devices; /* -1 when not given */
	uint32_t month;            /* local month index of the period */
	uint16_t local_minute;     /* local time of day (0..1439) */
	uint8_t reason_class;      /* ae_reason_class (gov_classify.h) */
	uint8_t flagged;           /* the reason matches a flag term */
	uint8_t has;               /* bit per AE_SH_* field given */
} ae_search;
enum { AE_SH_USER = 1, AE_SH_QUERY = 2, AE_SH_ORG = 4, AE_SH_REASON = 8, AE_SH_CASE = 16 };

/* One accepted row of the sharing table that is this agency's (its source,
 * when the table has one, is the study's agency): an organization, which
 * way the data goes, and the state column as given. */
typedef struct ae_share {
	long line;
	uint32_t org;     /* index in share_orgs */
	uint8_t kind;     /* ae_share_kind */
	uint8_t outbound; /* this agency's data goes to it */
	uint8_t inbound;  /* it shares its data with this agency */
	char state[32];   /* the state column (trimmed, cut at 31 bytes), "" when not given */
} ae_share;

/* An in-scope outcome with a timestamp, linked to a hit: the retention
 * what-ifs' outcome_read_age_days (retention.h). */
typedef struct ae_outcome_time {
	int64_t t;
	uint32_t hit;
} ae_outcome_time;

/* One incident of the window: its area (an incident_areas id), local day and
 * type (an incident_types id, UINT32_MAX when none). */
typedef struct ae_incident {
	uint32_t area, type;
	int32_t day;
} ae_incident;

typedef struct ae_agg {
	uint8_t key_id[32]; /* the plate key's identity: a hash keyed by it (set by ingest) */
	ae_shard *shards;   /* a read log merged from partials: its shards (partial.h) */
	size_t nshards;
	int64_t start_month; /* year*12 + month-1 of the first study month */
	uint32_t nmonths, ndays;
	ae_tablecount tables[TB_COUNT];
	ae_reject *rejects;
	size_t nrejects, caprejects;

	ae_strtab *cameras;              /* camera ids, from the cameras table and the reads */
	uint32_t *camera_hood;           /* neighbourhood of a camera (index), or AE_NO_LINK */
	double *camera_lat, *camera_lon; /* from the cameras table; NAN when unknown */
	size_t camera_hood_cap;
	ae_place *cam; /* per camera */
	size_t cam_cap;
	ae_strtab *hoods; /* neighbourhood names; "unknown" among them */
	uint32_t unknown_hood;
	ae_place *hood;
	size_t hood_cap;
	uint64_t *month_reads; /* per month */
	uint64_t *day_reads;   /* per day of the period */

	/* Retention (retention.h). A read's age is period_end - its time; its age
	 * bucket is ceil(age / 86400 s), 0 when the age is not positive, nage - 1
	 * at most: a read is within d days of the end (age <= d x 86400 s) exactly
	 * when its bucket is at most d, so counts per bucket answer every d. */
	int64_t period_end;            /* the first instant after the period's last local day (set by ingest) */
	uint32_t nage;                 /* ndays + 3 buckets: every in-period read's age fits */
	uint64_t *read_age;            /* in-period reads per age bucket */
	uint64_t *held, *quiet;        /* after ae_agg_finish: vehicles per age bucket of their newest
				   in-period read; quiet: those with no in-period hit */
	int64_t read_first, read_last; /* accepted reads, in or out of period (no such read: first > last) */

	ae_vtab *vehicles;
	ae_vcells *vc;  /* reads of each vehicle in each (camera, area, month) cell */
	uint64_t reads; /* accepted in-period */
	/* after ae_agg_merge: the second part's vehicles and cells, read beside
	 * vc by ae_agg_finish instead of being copied in */
	ae_vtab *part_vehicles;
	ae_vcells *part_vc;
	uint32_t *part_of;   /* vehicle -> its index + 1 in part_vehicles, or 0 */
	uint32_t *part_cell; /* part_vc's cell -> vc's cell */

	ae_hit *hits;
	uint32_t nhits, caphits;
	ae_strtab *hit_ids;
	uint32_t *hit_by_id;      /* hit_ids index -> hit index */
	ae_strtab *read_links;    /* read ids that hits name */
	uint32_t *read_link_head; /* read_links index -> first hit */
	uint64_t *read_link_bits; /* a one-hash filter of read_links: most reads name no hit */
	uint64_t read_link_mask;  /* bits - 1 */
	uint32_t nplate_links;
	uint64_t *plate_keys; /* open-addressed (camera, instant) keys -> head hit */
	uint32_t *plate_heads;
	uint64_t plate_slots;

	/* A forked part (ae_agg_fork) does not touch the shared hits: it notes
	 * the first read of its part linking each one, for ae_agg_merge. */
	uint8_t *part_linked; /* per hit, or NULL when not a part */
	ae_linkev *part_links;
	size_t npart_links, cappart_links;

	/* set by ae_agg_finish, from vc */
	ae_moments *cam_m, *hood_m, *month_m, all_m; /* all_m: n = all the vehicle's reads */
	uint64_t *month_distinct;                    /* distinct vehicles per month */
	ae_vplace *vplaces;                          /* sorted by vehicle, kind, place */
	size_t nvplaces;

	uint64_t outcomes_by_type[OT_COUNT];
	uint64_t outcomes_total;
	ae_outcome_time *outcome_times; /* in-scope outcomes with a timestamp and a known hit_id, in file order */
	size_t noutcome_times, capoutcome_times;

	/* the neighborhoods table: "listed" areas, in table order */
	uint32_t nlisted, caplisted;
	uint32_t *listed;         /* listed index -> neighbourhood id */
	int32_t *hood_listed;     /* neighbourhood id -> listed index, or -1 */
	double *pop, *area, *vmt; /* per listed area; NAN when missing */
	int ngroups;
	char **groups;        /* pop_<group> names */
	double *gpop;         /* nlisted x ngroups; NAN when missing */
	uint64_t *day_hood;   /* ndays x nlisted: reads per local day and listed area */
	uint64_t unassigned;  /* accepted in-period reads in no listed area */
	ae_geo *geo;          /* boundaries, or NULL */
	ae_filehash geo_hash; /* the boundaries file as loaded */
	uint32_t *geo_hood;   /* feature -> neighbourhood id */

	/* the searches table (audit log): accepted in-period searches, in file order */
	ae_search *searches;
	size_t nsearches, capsearches;
	ae_strtab *search_ids;   /* every search id seen (duplicates are rejected) */
	ae_strtab *search_types; /* search_type values as given (trimmed) */
	ae_strtab *search_orgs;  /* organization names as given (trimmed) */

	/* the sharing table: this agency's accepted rows, in file order */
	ae_share *shares;
	size_t nshares, capshares;
	ae_strtab *share_orgs; /* organization names as given (trimmed) */
	ae_strtab *share_keys; /* kind + organization of every row kept (a repeat is rejected) */

	/* the incidents table: each incident (the first kept row of an id) counted once */
	ae_strtab *incident_ids;   /* ids of kept rows (accepted or out of period) */
	uint8_t *incident_in;      /* per id: 1 its first row fell in the period, 0 not */
	size_t incident_cap;       /* of incident_in */
	uint64_t incidents;        /* incidents in the period */
	uint64_t incident_repeats; /* later rows of an in-period incident's id: accepted, not counted */
	uint64_t *incident_month;  /* per month of the period */
	ae_strtab *incident_areas; /* listed areas, boundary features, areas the rows name; "unknown" */
	uint64_t *incident_area_n; /* per area */
	ae_strtab *incident_types; /* types after the study's value.type labels, then as given */
	uint64_t *incident_type_n; /* per type */
	/* the incidents' window: the [effect] window, else the study period (ae_agg_incident_window) */
	long incident_first_day, incident_last_day;
	int64_t incident_start_month; /* year*12 + month-1 */
	uint32_t incident_nmonths;
	ae_incident *incident_rec; /* each incident of the window, in file order: the crime-effect panel's */
	size_t incident_nrec, incident_rec_cap;
	/* when each area got cameras, by area name: the treatment table's earliest start, else its
	 * cameras' earliest installed date; LONG_MAX when none. End: the latest given, LONG_MIN none. */
	ae_strtab *treat_areas;
	long *treat_start, *treat_end;
	int treat_source; /* enum ae_treat_source */
} ae_agg;

enum ae_treat_source { TS_NONE, TS_CAMERAS, TS_TABLE };

void ae_agg_init(ae_agg *a, long start_day, long end_day);
/* Sets the incidents' window (local days, inclusive) and sizes its months. */
void ae_agg_incident_window(ae_agg *a, long first_day, long last_day);
/* The window's month of a local day in it. */
uint32_t ae_agg_incident_month(const ae_agg *a, long day);
/* Records an area's treatment start (and end, LONG_MIN none) from source;
 * a table's dates replace the cameras' ones; the earliest start is kept. */
void ae_agg_treat(ae_agg *a, int source, const char *area, size_t n, long start, long end);
void ae_agg_release(ae_agg *a);

/* A read-only view of the pass's accounting (rejects sorted first); the
 * study gives its own file's hash. */
void ae_agg_accounting(const ae_agg *a, const ae_filehash *study, ae_accounting *out);

void ae_agg_reject(ae_agg *a, int table, long line, int col, int reason, const char *detail);
/* Sorts rejects by table, then line, for the rejects file. */
void ae_agg_sort_rejects(ae_agg *a);

uint32_t ae_agg_camera(ae_agg *a, const char *s, size_t n);
uint32_t ae_agg_hood(ae_agg *a, const char *s, size_t n);
/* After the read log: distinct vehicles per place and month, each vehicle's
 * cameras, the moments and the hit vehicles' reads per place, from vc; in
 * two threads when threads > 1 (the same figures either way). */
void ae_agg_finish(ae_agg *a, int threads);
/* Reads of vehicle vi at a place of a kind (AE_AT_*); only for vehicles
 * with in-period hits (0 for others), after ae_agg_finish. */
uint32_t ae_agg_vehicle_reads(const ae_agg *a, uint32_t vi, uint32_t kind, uint32_t place);
/* Hit i linked by a read (the first read in file order wins: callers check
 * ae_agg_hit_linked first). In a forked part the link is only noted. */
void ae_agg_link(ae_agg *a, uint32_t i, const ae_readlink *l);
int ae_agg_hit_linked(const ae_agg *a, uint32_t i);
/* The age bucket of an in-period read at time t (see period_end). */
static inline uint32_t ae_agg_age_bucket(const ae_agg *a, int64_t t)
{
	int64_t age = a->period_end - t;
	if (age <= 0)
		return 0;
	uint64_t b = ((uint64_t)age + 86399) / 86400;
	return b < a->nage ? (uint32_t)b : a->nage - 1;
}
/* Month index of a local day (days since 1970-01-01). */
uint32_t ae_agg_month_of_day(const ae_agg *a, long day);

/* Two threads over the read log. ae_agg_fork makes b the aggregate for the
 * second part: its own counters, vehicles and rejects, copies of a's camera
 * and area names, a's hits, listed areas and boundaries shared read-only (a
 * must outlive b and change none of them meanwhile). ae_agg_unfork releases b. */
void ae_agg_fork(ae_agg *b, const ae_agg *a);
void ae_agg_unfork(ae_agg *b);

/* Where b's indexes went in a; arrays owned by the caller (ae_agg_remap_release). */
typedef struct ae_agg_remap {
	uint32_t *vehicle, *camera, *hood;
} ae_agg_remap;
void ae_agg_remap_release(ae_agg_remap *m);
/* Adds b's read-log figures to a as if b's records followed a's in one file
 * (b's lines are moved down by line_offset): new cameras, areas and vehicles
 * are appended in b's order, so indexes are those one thread would give;
 * then b's noted links go to the hits a left unlinked. b's vehicles and
 * their cells move to a (part_*) for ae_agg_finish. */
void ae_agg_merge(ae_agg *a, ae_agg *b, long line_offset, ae_agg_remap *m);
#endif
