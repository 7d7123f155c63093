/* study.h — the study file (INI): one reproducible analysis.
 * ae_study is a plain struct; ae_study_load fills it and owns every string
 * in it until ae_study_release. Input paths are resolved against the study
 * file's folder; the output folder against the current directory. */
#ifndef AE_STUDY_H
#define AE_STUDY_H
#include "accounting.h"
#include "schema.h"
#include "util.h"

enum ae_ci_method { CI_WILSON, CI_CLOPPER_PEARSON, CI_JEFFREYS };

typedef struct ae_valuemap {
	int col;        /* canonical column */
	int value;      /* index in that column's value list */
	char *label;    /* exact label in the file */
} ae_valuemap;

typedef struct ae_input {
	int present;
	char *path_given;          /* as written in the study file */
	char *path;                /* resolved */
	char delimiter;
	char *timestamp_format;    /* NULL: ISO 8601 */
	char *column[AE_MAX_COLS]; /* header name per canonical column; NULL: its own name */
	ae_valuemap *maps;
	size_t nmaps;
	char **missing;            /* extra missing-value tokens */
	size_t nmissing;
} ae_input;

typedef struct ae_study {
	char *file, *dir, *name;
	char *title;
	char *start_s, *end_s;
	long start_day, end_day;   /* local dates, days since 1970-01-01, inclusive */
	char *timezone;
	unsigned long long seed;
	double confidence;
	int ci_method;
	char *output;
	unsigned fp_mask;          /* bit per ae_disposition counted as false positive */
	long min_cell;
	double cost;
	int has_cost;
	double max_reject_share;
	char *plate_key_file;
	long tracked_cameras;      /* k of tracked_plates_share */
	double small_population;   /* neighbourhoods below it are flagged */
	long bootstrap_replicates;
	char *boundaries, *boundaries_given, *boundaries_property;   /* [neighborhoods] */
	ae_input input[TB_COUNT];
	ae_filehash file_hash;      /* the study file as loaded */
} ae_study;

int ae_study_load(const char *file, ae_study *st, ae_error *err);
void ae_study_release(ae_study *st);
const char *ae_ci_method_name(int m);
#endif
