/* runstudy.h — test helper: a committed study file run in-process, from the
 * study to the metrics table. */
#ifndef AE_RUNSTUDY_H
#define AE_RUNSTUDY_H
#include "testutil.h"
#include "aggregate.h"
#include "ingest.h"
#include "metrics.h"
#include "study.h"
#include "table.h"
#include "timeparse.h"
#include <string.h>

typedef struct run {
	ae_study st;
	ae_tz *tz;
	ae_agg a;
	ae_table t;
} run;

static inline void run_study(run *r, const char *path)
{
	ae_error err = {0, ""};
	memset(r, 0, sizeof *r);
	if (ae_study_load(path, &r->st, &err))
		fail_msg("%s", err.msg);
	r->tz = ae_tz_new(r->st.timezone);
	assert_non_null(r->tz);
	ae_agg_init(&r->a, r->st.start_day, r->st.end_day);
	if (ae_ingest(&r->st, r->tz, &r->a, &err))
		fail_msg("%s", err.msg);
	ae_table_init(&r->t);
	ae_metrics_build(&r->st, &r->a, &r->t);
}

/* The hostile cases that run to the end (the others stop before any record). */
static const char *const hostile_runnable[] = {"nul_byte", "invalid_utf8", "big_field", "unterminated_quote",
	"concatenated_gzip", "bom_crlf", "ragged_rows", "duplicate_ids", "impossible_dates", "dst_gap_overlap",
	"coordinates", "population_zero", "integer_limits", "header_only"};
#define N_HOSTILE_RUNNABLE (sizeof hostile_runnable / sizeof hostile_runnable[0])

static inline void run_free(run *r)
{
	ae_table_release(&r->t);
	ae_agg_release(&r->a);
	ae_tz_free(r->tz);
	ae_study_release(&r->st);
}
#endif
