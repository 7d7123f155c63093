/* depend.h — make rules for a report (`alpr-eval depend`, `make reports`).
 * For a study file, or a report's manifest.json (which names its study file
 * and the --period it was run with), writes to out:
 *   TARGET: STUDY INPUT...        the study file and every file it reads
 *   TARGET: AE_STUDY := STUDY     for the Makefile's recipe
 *   TARGET: AE_PERIOD := PERIOD   ("" when none)
 *   AE_REPORTS += TARGET
 * TARGET is the manifest given, or OUTPUT/manifest.json of the study's
 * output. Paths are written as make reads them (spaces escaped, $ doubled). */
#ifndef AE_DEPEND_H
#define AE_DEPEND_H
#include "util.h"
#include <stdio.h>

int ae_depend_write(FILE *out, const char *arg, ae_error *err);
#endif
