/* study.h — the study file (INI): one reproducible analysis.
 * ae_study is a plain struct; ae_study_load fills it and owns every string
 * in it until ae_study_release. Input paths are resolved against the study
 * file's folder; the output folder against the current directory. */
#ifndef AE_STUDY_H
#define AE_STUDY_H
#include "accounting.h"
#include "schema.h"
#include "util.h"

enum ae_ci_method { CI_WILSON, CI_CLOPPER_PEARSON, CI_JEFFREYS, CI_COUNT };

typedef struct ae_valuemap {
	int col;     /* canonical column */
	int value;   /* index in that column's value list; -1 for a free-text column */
	char *label; /* exact label in the file */
	char *name;  /* free-text column (incidents' type): the name it maps to; else NULL */
} ae_valuemap;

typedef struct ae_input {
	int present;
	char *path_given; /* as written in the study file */
	char *path;       /* resolved */
	char delimiter;
	char *timestamp_format;    /* NULL: ISO 8601 */
	char *timezone;            /* zone of the table's naive times; NULL: the study's (searches only) */
	char *window_separator;    /* searches: splits the window column; NULL: a newline */
	char *column[AE_MAX_COLS]; /* header name per canonical column; NULL: its own name */
	/* neighborhoods: column.pop_<group> = HEADER, in the study's order; the
	 * group lower case, without "pop_" */
	char *pop_group[AE_MAX_GROUPS], *pop_column[AE_MAX_GROUPS];
	int npop;
	ae_valuemap *maps;
	size_t nmaps;
	char **missing; /* extra missing-value tokens */
	size_t nmissing;
} ae_input;

typedef struct ae_study {
	char *file, *dir, *name;
	char *title;
	char *start_s, *end_s;
	char *period;            /* the --period that replaced the file's start and end; NULL: none */
	long start_day, end_day; /* local dates, days since 1970-01-01, inclusive */
	char *timezone;
	unsigned long long seed;
	double confidence;
	int ci_method;
	char *output;
	unsigned fp_mask;          /* bit per ae_disposition counted as false positive */
	unsigned enforcement_mask; /* bit per ae_outcome counted by enforcement_yield */
	long min_cell;
	double cost;
	int has_cost;
	char *currency; /* of cost, in words for the briefing; NULL: not given */
	double max_reject_share;
	char *plate_key_file;
	char *organization_rules; /* the rules file, joined to the study's folder; NULL: the built-in copy */
	long tracked_cameras;     /* k of tracked_plates_share */
	double small_population;  /* neighbourhoods below it are flagged */
	long bootstrap_replicates;
	char *boundaries, *boundaries_given, *boundaries_property; /* [neighborhoods] */
	char **flag_terms; /* searches: reasons naming any of these are flagged */
	size_t nflag_terms;
	char **vague_reasons, **generic_reasons; /* searches: words added to the two reason lists */
	size_t nvague_reasons, ngeneric_reasons;
	char *agency_state;  /* the agency's own state, "" or NULL when not given */
	char *after_hours;   /* "HH:MM-HH:MM", local */
	char *agency;        /* the agency as a sharing edge list's source names it; NULL when not given */
	char *law;           /* "ca_sb34" or "none" (set after loading) */
	long retention_days; /* 0: not given */
	char **retention_alternatives;
	size_t nretention_alternatives;
	/* [effect]: the crime-effect model (doc/study-file.md); effect_present 0 without the section */
	int effect_present;
	char *effect_start_s, *effect_end_s;   /* NULL: the study's start and end */
	long effect_start_day, effect_end_day; /* local days, inclusive (the study's when not given) */
	char *effect_unit;                     /* "month" or "week" */
	char **effect_types;                   /* offence types modelled alone; NULL: none */
	size_t neffect_types;
	char *effect_window;          /* "PRE, POST" as given */
	long effect_pre, effect_post; /* event-study periods before and after */
	long effect_permutations;     /* randomization-inference permutations (0: none) */
	ae_input input[TB_COUNT];
	ae_filehash file_hash; /* the study file as loaded */
} ae_study;

/* The [study] keys, one list: parsing, defaults, validation, the manifest
 * and the briefing's provenance all read it. */
enum ae_param_kind {
	P_TEXT,         /* char * */
	P_PATH,         /* char *, resolved against the study file's folder */
	P_DATE,         /* char * at off, local day (long) at off2 */
	P_U64,          /* unsigned long long */
	P_LONG,         /* long in [lo, hi] */
	P_REAL,         /* double in [lo, hi], finite; int flag at off2 set when given */
	P_REAL_OPEN,    /* double in (lo, hi) */
	P_CI,           /* enum ae_ci_method */
	P_DISPOSITIONS, /* fp_mask: a list of dispositions */
	P_OUTCOMES,     /* unsigned mask: a list of outcome types */
	P_TERMS         /* char ** at off, size_t count at off2: a list of terms */
};
typedef struct ae_param {
	const char *key;
	int kind;
	size_t off, off2; /* fields of ae_study */
	int required;
	const char *dflt; /* as the study file would give it; NULL: none (or computed) */
	double lo, hi;
	const char *bad;     /* the error: "KEY: 'VALUE' <bad>" */
	const char *help;    /* what it is, for people */
	const char *section; /* the study file's section: NULL for [study], else e.g. "effect" */
} ae_param;
extern const ae_param ae_study_params[];
extern const size_t ae_nstudy_params;
/* The key's value as text ("" when not set), as the manifest and the briefing show it. */
/* The key as the manifest names it: "key" for [study], "section.key" otherwise; buf of 64 bytes. */
const char *ae_study_param_name(const ae_param *p, char *buf);
void ae_study_param_text(const ae_study *st, const ae_param *p, char *buf, size_t n);

int ae_study_load(const char *file, ae_study *st, ae_error *err);
/* As ae_study_load, with the period given instead of the file's start and end
 * (`--period`; NULL: the file's): YYYY, YYYY-MM, YYYY-Qn or START..END (dates
 * YYYY-MM-DD). [effect]'s start and end follow it unless the file gives them.
 * The study's output folder gets "-LABEL" (ae_period_parse's) unless output_given. */
int ae_study_load_period(const char *file, const char *period, int output_given, ae_study *st, ae_error *err);
/* Parses a period as above into local days (inclusive) and a label for file
 * names (the period as given, START..END as START_END); label holds n >= 32. */
int ae_period_parse(const char *spec, long *start, long *end, char *label, size_t n, ae_error *err);
void ae_study_release(ae_study *st);
const char *ae_ci_method_name(int m);
/* The day counts of the days dimension (doc/metrics.md, "Governance"):
 * retention_alternatives (the first 63), then retention_days when set,
 * ascending, each once; *n of them into d, which holds AE_STUDY_MAX_DAYS.
 * An error names the alternative that is not a whole number of days. */
#define AE_STUDY_MAX_DAYS 64
int ae_study_days(const ae_study *st, long *d, size_t *n, ae_error *err);
#endif
