/* brief_methods.c — the methods section: what each metric of the table
 * measures, how its intervals are made, what counts as a wrong alert, and
 * what these data cannot say. */
#include "brief.h"
#include <stdio.h>
#include <string.h>

static const char *method_words(const brief *b, const char *m, char *buf, size_t n)
{
	if (strcmp(m, "wilson") == 0)
		return "Wilson score interval for a proportion; it treats every record as independent.";
	if (strcmp(m, "clopper_pearson") == 0)
		return "Clopper" EN_DASH "Pearson exact binomial interval; it treats every record as independent.";
	if (strcmp(m, "jeffreys") == 0)
		return "Jeffreys interval (a Beta(1/2, 1/2) prior); it treats every record as independent.";
	if (strcmp(m, "cluster_plate") == 0)
		return "Each vehicle is one cluster: a car read many times is not many independent chances. The "
		       "interval comes from how alerts spread across vehicles (a cluster-robust variance), on the "
		       "logit scale for shares and the log scale for rates, so it never goes below zero.";
	if (strcmp(m, "poisson_exact") == 0)
		return "Garwood's exact Poisson interval for the count of outcomes; reads per outcome and cost per "
		       "outcome turn it upside down. It treats every outcome as independent; the clustered interval "
		       "beside it does not.";
	if (strcmp(m, "quasi_poisson_days") == 0)
		return "A read log is a census, not a sample: the interval reflects how the daily counts vary, a "
		       "Poisson interval widened by the day-to-day over-dispersion over every day of the period, "
		       "days without reads included.";
	if (strcmp(m, "bootstrap_days") == 0) {
		snprintf(buf, n,
			 "The study's days are drawn again with replacement %ld times (seed %llu), the "
			 "figure recomputed each time, and the middle %s %% of the results kept.",
			 b->st->bootstrap_replicates, b->st->seed, b->conf);
		return buf;
	}
	if (strcmp(m, "none") == 0)
		return "A count: exact, no interval.";
	if (strcmp(m, "suppressed") == 0) {
		snprintf(buf, n,
			 "A count of vehicles or outcomes under %ld (the study's min_cell), a figure made "
			 "from one, or a count held back so that such a count cannot be worked out from the "
			 "other figures and totals, is not published.",
			 b->st->min_cell);
		return buf;
	}
	return "See METRICS.md.";
}

void brief_methods(brief *b)
{
	ae_doc *d = &b->d;
	const ae_table *t = b->t;
	ae_doc_section_open(d, "methods", "Methods");
	ae_doc_para(d);
	ae_doc_putf(d,
		    "Every figure in this briefing is a row of metrics.csv in this folder; the citation after it "
		    "gives the line (the header is line 1). Intervals are %s %% intervals.",
		    b->conf);
	ae_doc_para_end(d);

	/* a metric's rows are contiguous in the table (METRICS.md order), so
	 * each run of rows is one line here, with the methods its rows use */
	static const char *const heads[] = {"Metric", "What it measures", "Interval"};
	const char *all_methods[16];
	size_t nall = 0;
	ae_doc_table_open(d, "lll", heads);
	for (size_t i = 0, next; i < t->n; i = next) {
		const char *m = t->rows[i].metric;
		const char *used[8];
		size_t nused = 0;
		for (next = i; next < t->n && strcmp(t->rows[next].metric, m) == 0; next++) {
			const char *meth = t->rows[next].method;
			size_t k = 0;
			while (k < nused && strcmp(used[k], meth) != 0)
				k++;
			if (k == nused && nused < 8)
				used[nused++] = meth;
			k = 0;
			while (k < nall && strcmp(all_methods[k], meth) != 0)
				k++;
			if (k == nall && nall < 16)
				all_methods[nall++] = meth;
		}
		const ae_metric_def *def = ae_metric_find(m); /* the one list of metrics */
		const char *what = def ? def->definition : "See METRICS.md.";
		ae_doc_row_open(d);
		ae_doc_cell(d);
		ae_doc_code(d, m);
		ae_doc_cell_end(d);
		ae_doc_cell(d);
		ae_doc_put(d, what);
		if (strcmp(m, AE_M(tracked_plates_share)) == 0)
			ae_doc_putf(d, " Here k = %ld.", b->st->tracked_cameras);
		ae_doc_cell_end(d);
		ae_doc_cell(d);
		for (size_t k = 0; k < nused; k++) {
			ae_doc_put(d, k ? ", " : "");
			ae_doc_code(d, used[k]);
		}
		ae_doc_cell_end(d);
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);

	ae_doc_h3(d, "How the intervals are made");
	ae_doc_list(d);
	for (size_t k = 0; k < nall; k++) {
		char buf[512];
		ae_doc_item(d);
		ae_doc_code(d, all_methods[k]);
		ae_doc_put(d, ": ");
		ae_doc_put(d, method_words(b, all_methods[k], buf, sizeof buf));
		ae_doc_item_end(d);
	}
	ae_doc_list_end(d);

	ae_doc_h3(d, "Wrong alerts");
	ae_doc_para(d);
	ae_doc_put(d, "An alert counts as a false positive when ");
	brief_fp_set_words(b);
	ae_doc_put(d, " (the study's false-positive set:");
	int any = 0;
	for (int k = 0; k < DP_COUNT; k++)
		if ((b->st->fp_mask >> k) & 1) {
			ae_doc_put(d, any++ ? ", " : " ");
			ae_doc_code(d, ae_disposition_names[k]);
		}
	ae_doc_put(d, any ? "). " : " empty). ");
	ae_doc_put(d, "Alerts never verified are left out of the false-positive rate's denominator and reported as "
		      "their own share.");
	ae_doc_para_end(d);

	ae_doc_h3(d, "What these data cannot say");
	ae_doc_list(d);
	ae_doc_item(d);
	ae_doc_put(d, "A hit ratio is not a crime-reduction effect: it says how often reads matched a hotlist, not "
		      "whether the programme prevented or solved any crime.");
	ae_doc_item_end(d);
	ae_doc_item(d);
	ae_doc_put(d, "Outcomes linked to alerts do not show that the alert caused them: the stop, arrest or recovery "
		      "might have happened without it.");
	ae_doc_item_end(d);
	ae_doc_item(d);
	ae_doc_put(d, "Unverified alerts are unknown, not correct: nobody recorded whether they were right.");
	ae_doc_item_end(d);
	ae_doc_item(d);
	ae_doc_put(d, "Per-resident figures count where cameras read vehicles, not where the people in them live.");
	ae_doc_item_end(d);
	ae_doc_list_end(d);
	ae_doc_section_close(d);
}
