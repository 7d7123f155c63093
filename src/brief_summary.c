/* brief_summary.c — the briefing's summary: reads and vehicles, alerts and
 * how many were wrong, what alerts led to, and who is read where. Every
 * number is a row of the metrics table, cited by its line. */
#include "brief.h"
#include <math.h>
#include <stdio.h>

static const char *ci_name(int m)
{
	return m == CI_CLOPPER_PEARSON ? "Clopper" EN_DASH "Pearson" : m == CI_JEFFREYS ? "Jeffreys" : "Wilson";
}

static const char *outcome_words(int o)
{
	static const char *const w[OT_COUNT] = {"arrest", "vehicle recovered", "citation", "warning",
		"no action", "other"};
	return o >= 0 && o < OT_COUNT ? w[o] : "";
}

static void summary_reads(brief *b)
{
	ae_doc *d = &b->d;
	const ae_row *reads = brief_find(b, "reads", "all", "all", NULL);
	const ae_row *veh = brief_find(b, "distinct_plates", "all", "all", NULL);
	ae_doc_para(d);
	ae_doc_put(d, "The cameras made ");
	if (reads) {
		brief_value(b, reads, FIG_COUNT);
		ae_doc_put(d, " reads in the study period ");
		brief_cite(b, reads);
	} else {
		ae_doc_put(d, "no reads in the study period");
	}
	if (veh) {
		ae_doc_put(d, ", of ");
		brief_value(b, veh, FIG_COUNT);
		ae_doc_put(d, " distinct vehicles ");
		brief_cite(b, veh);
	}
	ae_doc_put(d, ".");
	ae_doc_para_end(d);
}

static void summary_alerts(brief *b)
{
	ae_doc *d = &b->d;
	if (!b->hits) {
		ae_doc_para(d);
		ae_doc_put(d, "No alert (hits) data was supplied, so no alert figures are given: nothing is said here "
		              "about hit rates, wrong alerts or what alerts led to.");
		ae_doc_para_end(d);
		return;
	}
	const char *bin = ae_ci_method_name(b->st->ci_method);
	const ae_row *nh = brief_find(b, "non_hit_share", "all", "all", NULL);
	const ae_row *hits = brief_find(b, "hits", "all", "all", NULL);
	const ae_row *hrc = brief_find(b, "hit_rate", "all", "all", "cluster_plate");
	const ae_row *hrb = brief_find(b, "hit_rate", "all", "all", bin);
	ae_doc_para(d);
	if (nh) {
		ae_doc_put(d, "The share of reads that were of vehicles on no hotlist is ");
		brief_figure(b, nh, FIG_PCT);
		ae_doc_put(d, ". ");
	}
	if (hits) {
		ae_doc_put(d, "The cameras raised ");
		brief_value(b, hits, FIG_COUNT);
		ae_doc_put(d, " alerts (" "\xe2\x80\x9c" "hits" "\xe2\x80\x9d" ") ");
		brief_cite(b, hits);
		ae_doc_put(d, ".");
	}
	ae_doc_para_end(d);
	if (hrc) {
		ae_doc_para(d);
		ae_doc_put(d, "The hit rate " EM_DASH " alerts per read " EM_DASH " is ");
		brief_figure(b, hrc, FIG_PCT);
		ae_doc_put(d, ". This interval counts each vehicle as one cluster, because the same car is read again "
		              "and again and its alerts come together.");
		if (hrb) {
			ae_doc_putf(d, " The plain %s row of the table, ", ci_name(b->st->ci_method));
			brief_figure(b, hrb, FIG_PCT);
			ae_doc_put(d, ", treats every read as independent and so understates the uncertainty; "
			              "quote the first.");
		}
		ae_doc_para_end(d);
	}

	const ae_row *fp = brief_find(b, "false_positive_rate", "all", "all", NULL);
	const ae_row *uv = brief_find(b, "disposition_share", "disposition", "unverified", NULL);
	ae_doc_para(d);
	if (fp) {
		ae_doc_put(d, "The share of alerts that were wrong, among alerts whose verification result was "
		              "recorded, is ");
		brief_figure(b, fp, FIG_PCT);
		ae_doc_put(d, "; an alert counts as wrong when ");
		brief_fp_set_words(b);
		ae_doc_put(d, ". ");
	}
	if (uv) {
		ae_doc_put(d, "The share of all alerts that were never verified is ");
		brief_figure(b, uv, FIG_PCT);
		ae_doc_put(d, ": whether they were right is unknown, and they are not counted as correct.");
	} else if (hits && hits->est > 0) {
		ae_doc_put(d, "Every alert has a recorded verification result.");
	}
	ae_doc_para_end(d);
}

static void summary_outcomes(brief *b)
{
	ae_doc *d = &b->d;
	if (!b->hits) {
		if (b->outcomes) {
			ae_doc_para(d);
			ae_doc_put(d, "Outcome data was supplied but, without alert data, no outcome figures are "
			              "computed.");
			ae_doc_para_end(d);
		}
		return;
	}
	ae_doc_para(d);
	if (!b->outcomes) {
		ae_doc_put(d, "No outcome data was supplied, so nothing is said about what alerts led to beyond "
		              "whether they were confirmed. ");
	} else {
		const ae_row *y = brief_find(b, "outcome_yield", "all", "all", NULL);
		if (y) {
			ae_doc_put(d, "The share of alerts linked to at least one recorded outcome is ");
			brief_figure(b, y, FIG_PCT);
			ae_doc_put(d, ". ");
		}
		int any = 0;
		for (int o = 0; o < OT_COUNT; o++) {
			const ae_row *r = brief_find(b, "outcomes", "outcome", ae_outcome_names[o], NULL);
			if (!r)
				continue;
			ae_doc_put(d, any ? "; " : "Recorded outcomes by type: ");
			ae_doc_put(d, outcome_words(o));
			ae_doc_put(d, " ");
			brief_figure(b, r, FIG_COUNT);
			any = 1;
		}
		ae_doc_put(d, any ? ". " : "No outcome of any type was recorded in the study period. ");
		const ae_row *rpo = brief_find(b, "reads_per_outcome", "outcome", "arrest", NULL);
		if (rpo) {
			ae_doc_put(d, "The number of reads per arrest is ");
			brief_figure(b, rpo, FIG_RATE);
			ae_doc_put(d, ". ");
		}
		const ae_row *cpo = brief_find(b, "cost_per_outcome", "outcome", "arrest", NULL);
		if (cpo) {
			ae_doc_put(d, "The programme cost per arrest, from the cost the study gives, is ");
			brief_figure(b, cpo, FIG_RATE);
			ae_doc_put(d, ". ");
		}
	}
	const ae_row *cpm = brief_find(b, "confirmed_per_million_reads", "all", "all", NULL);
	if (cpm) {
		ae_doc_put(d, "The number of confirmed alerts per million reads is ");
		brief_figure(b, cpm, FIG_RATE);
		ae_doc_put(d, ".");
	}
	ae_doc_para_end(d);
}

static void summary_exposure(brief *b)
{
	ae_doc *d = &b->d;
	const ae_areas *ar = b->ar;
	ae_doc_para(d);
	if (!b->hoods) {
		ae_doc_put(d, "No neighbourhoods table was supplied, so reads per resident, exposure ratios and "
		              "disparities between groups cannot be given.");
		ae_doc_para_end(d);
		return;
	}
	const ae_row *all = brief_find(b, "reads_per_1k_residents", "all", "all", NULL);
	if (all) {
		ae_doc_put(d, "Across the listed neighbourhoods, the number of reads per thousand residents is ");
		brief_figure(b, all, FIG_RATE);
		ae_doc_put(d, ". ");
	}
	/* the most-read area that is not too small to rank */
	const ae_row *top = NULL;
	uint32_t topn = 0;
	for (uint32_t n = 0; n < ar->n; n++) {
		const ae_row *r = brief_find(b, "reads_per_1k_residents", "neighborhood", brief_area_name(b, n), NULL);
		if (!r || brief_is_small(b, n) || isnan(r->est))
			continue;
		if (!top || r->est > top->est) {
			top = r;
			topn = n;
		}
	}
	if (top) {
		ae_doc_put(d, "Among areas not under the small-population threshold, ");
		ae_doc_put(d, brief_area_name(b, topn));
		ae_doc_put(d, " is read most: its reads per thousand residents are ");
		brief_figure(b, top, FIG_RATE);
		const ae_row *er = brief_find(b, "exposure_ratio", "neighborhood", brief_area_name(b, topn), NULL);
		if (er) {
			ae_doc_put(d, ", and its exposure ratio " EM_DASH " its share of reads over its share of "
			              "residents " EM_DASH " is ");
			brief_figure(b, er, FIG_RATIO);
		}
		ae_doc_put(d, ". ");
	} else {
		ae_doc_put(d, "No listed area with a known population is above the small-population threshold, so none "
		              "is ranked. ");
	}
	ae_doc_para_end(d);

	ae_doc_para(d);
	int any = 0;
	for (int g = 0; g < ar->ngroups; g++) {
		const ae_row *r = brief_find(b, "disparity_ratio", "group", ar->groups[g], NULL);
		if (!r)
			continue;
		ae_doc_put(d, any ? "; " : "How often residents of each group are read, compared with the average "
					   "resident (disparity ratio): ");
		ae_doc_put(d, ar->groups[g]);
		ae_doc_put(d, " ");
		brief_figure(b, r, FIG_RATIO);
		any = 1;
	}
	ae_doc_put(d, any ? ". " : "The neighbourhoods table has no population groups, so no disparity ratio is "
				   "given. ");
	const ae_row *gini = brief_find(b, "gini_reads_per_capita", "all", "all", NULL);
	if (gini) {
		ae_doc_put(d, "The Gini coefficient of reads per resident across areas is ");
		brief_figure(b, gini, FIG_RATIO);
		ae_doc_put(d, " (zero would mean the residents of every area are read equally often). ");
	}
	ae_doc_para_end(d);

	ae_doc_para(d);
	any = 0;
	for (uint32_t n = 0; n < ar->n; n++) {
		if (!brief_is_small(b, n))
			continue;
		ae_doc_put(d, any ? ", " : "Areas under the small-population threshold, whose rates are shown but "
					   "must not be ranked: ");
		ae_doc_put(d, brief_area_name(b, n));
		any = 1;
	}
	ae_doc_put(d, any ? ". " : "No listed area is under the small-population threshold. ");
	const ae_row *un = brief_find(b, "unassigned_reads", "all", "all", NULL);
	if (un) {
		char c[64], s[64], buf[192];
		ae_num_count(c, sizeof c, un->est);
		if (un->den > 0) {
			double share = un->num / un->den;
			ae_num_figure(s, sizeof s, share, FIG_PCT, ae_num_decimals(FIG_PCT, share));
			snprintf(buf, sizeof buf, "%s (%s of all reads)", c, s);
		} else {
			snprintf(buf, sizeof buf, "%s", c);
		}
		ae_doc_put(d, "The number of reads in no listed area, left out of these rates, is ");
		ae_buf_printf(&d->html, "<span class=\"fig\" data-line=\"%zu\">", brief_line(b, un));
		ae_doc_put(d, buf);
		ae_doc_raw(d, "</span>", NULL);
		ae_doc_put(d, " ");
		brief_cite(b, un);
		ae_doc_put(d, ".");
	}
	ae_doc_para_end(d);
}

void brief_summary(brief *b)
{
	ae_doc_section_open(&b->d, "summary", "Summary");
	summary_reads(b);
	summary_alerts(b);
	summary_outcomes(b);
	summary_exposure(b);
	ae_doc_section_close(&b->d);
}
