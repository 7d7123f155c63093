/* manifest.h — the accounting of a run: manifest.json (tool, study,
 * inputs with sizes, hashes and record counts), rejects.csv, and the
 * messages about rejects on stderr. Reads the study and the run's accounting (never the aggregate). */
#ifndef AE_MANIFEST_H
#define AE_MANIFEST_H
#include "accounting.h"
#include "study.h"
#include "table.h"
#include <stdio.h>

/* mt: the metrics table, already through the small-count rule (suppress.h):
 * distinct_vehicles is null when its row, distinct_plates at all, is suppressed.
 * dir: the report folder, written but for the manifest; "outputs" lists each
 * of its files (name order, manifest.json and hidden files left out) with
 * bytes and SHA-256. NULL: no "outputs". */
int ae_manifest_write(const ae_study *st, const ae_accounting *a, const ae_table *mt, const char *dir, FILE *f);
int ae_rejects_write(const ae_study *st, const ae_accounting *a, FILE *f);
/* The first `first` rejects as one line each, then a count line per table. */
void ae_rejects_report(const ae_study *st, const ae_accounting *a, size_t first, FILE *f);
/* For an unknown categorical label: the study-file line that maps it,
 * "value.COLUMN.<one of V1, V2, ...> = LABEL", into buf; 1 if written, 0
 * when r is no such reject. Goes in the section of the reject's table. */
int ae_reject_mapping(const ae_reject *r, char *buf, size_t n);
/* The table whose reject share is over the study's limit, or -1. */
int ae_rejects_over(const ae_study *st, const ae_accounting *a);
#endif
