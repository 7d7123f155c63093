/* brief_summary.c — the briefing's summary: reads and vehicles, then each
 * analysis's paragraphs (its `summary` in analysis.c: alerts and how many
 * were wrong, what alerts led to, who is read where). Every number is a row
 * of the metrics table, cited by its line. */
#include "brief.h"
#include "analysis.h"
#include <math.h>
#include <stdio.h>

static void summary_reads(brief *b)
{
	ae_doc *d = &b->d;
	const ae_row *reads = brief_find(b, AE_M(reads), "all", "all", NULL);
	const ae_row *veh = brief_find(b, AE_M(distinct_plates), "all", "all", NULL);
	ae_doc_para(d);
	if (!b->st->input[TB_READS].present) {
		ae_doc_put(d, "No read log was supplied, so the analyses that need one (");
		for (size_t i = 0, n = 0; i < ae_nanalyses; i++)
			if (!ae_analysis_runs(&ae_analyses[i], b->st) && ae_analyses[i].needs >> TB_READS & 1)
				ae_doc_putf(d, "%s%s", n++ ? ", " : "", ae_analyses[i].name);
		ae_doc_put(d, ") are not computed.");
		ae_doc_para_end(d);
		return;
	}
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

void brief_summary(brief *b)
{
	ae_doc_section_open(&b->d, "summary", "Summary");
	summary_reads(b);
	for (size_t i = 0; i < ae_nanalyses; i++) /* each analysis's paragraphs, in the table's order */
		if (ae_analyses[i].summary && ae_analysis_runs(&ae_analyses[i], b->st))
			ae_analyses[i].summary(b);
	ae_doc_section_close(&b->d);
}
