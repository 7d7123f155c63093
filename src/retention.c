/* retention.c — see retention.h. Every figure is exact (method none): the
 * read log is the whole record. A read is within d days of the end when its
 * age (period end - its time) is at most d x 86400 s; an outcome's read is
 * older than d days when the outcome came more than d x 86400 s after it. */
#include "retention.h"
#include <stdlib.h>

static void share_row(ae_table *t, const char *m, const char *g, double num, double den)
{
	ae_row *r = ae_table_add(t, m, "days", g, "none");
	r->num = num;
	r->den = den;
	r->est = den > 0 ? num / den : NAN;
}

/* Sum of v[0 .. d], d capped at the last bucket. */
static uint64_t upto(const uint64_t *v, uint32_t n, long d)
{
	uint64_t s = 0;
	for (uint32_t b = 0; v && b < n && (long)b <= d; b++)
		s += v[b];
	return s;
}

int ae_retention_build(const ae_study *st, const ae_agg *a, ae_table *t, ae_handover *h, ae_error *err)
{
	(void)h;
	long days[AE_STUDY_MAX_DAYS];
	size_t ndays;
	int rc = ae_study_days(st, days, &ndays, err);
	if (rc)
		return rc;
	char g[24];
	for (size_t k = 0; k < ndays; k++) {
		snprintf(g, sizeof g, "%ld", days[k]);
		ae_row *r = ae_table_add(t, AE_M(reads_held_at_end), "days", g, "none");
		r->est = (double)upto(a->read_age, a->nage, days[k]);
	}
	/* the estimate is the vehicles held; numerator those of them with no
	 * in-period alert, denominator the estimate again */
	for (size_t k = 0; k < ndays; k++) {
		snprintf(g, sizeof g, "%ld", days[k]);
		ae_row *r = ae_table_add(t, AE_M(vehicles_held_at_end), "days", g, "none");
		r->est = r->den = (double)upto(a->held, a->nage, days[k]);
		r->num = (double)upto(a->quiet, a->nage, days[k]);
	}

	/* outcomes with a timestamp whose hit is an accepted alert (its read in
	 * the period): only when the study has hits and outcomes */
	if (st->input[TB_HITS].present && st->input[TB_OUTCOMES].present) {
		size_t n = a->noutcome_times, m = 0;
		int64_t *age = ae_malloc((n ? n : 1) * sizeof *age);
		double *x = ae_malloc((n ? n : 1) * sizeof *x);
		for (size_t i = 0; i < n; i++) {
			const ae_hit *hit = &a->hits[a->outcome_times[i].hit];
			if (hit->linked != 1)
				continue;
			age[m] = a->outcome_times[i].t - hit->read_t;
			x[m] = (double)age[m] / 86400.0;
			m++;
		}
		ae_table_quantiles(t, AE_M(outcome_read_age_days), x, m);
		for (size_t k = 0; k < ndays; k++) {
			double older = 0;
			for (size_t i = 0; i < m; i++)
				older += age[i] > (int64_t)days[k] * 86400;
			snprintf(g, sizeof g, "%ld", days[k]);
			share_row(t, AE_M(outcomes_needing_older_reads), g, older, (double)m);
		}
		free(age);
		free(x);
	}

	ae_row *r = ae_table_add(t, AE_M(read_log_span_days), "all", "all", "none");
	r->est = a->read_first <= a->read_last ? (double)(a->read_last - a->read_first) / 86400.0 : NAN;
	return AE_OK;
}
