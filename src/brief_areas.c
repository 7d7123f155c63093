/* brief_areas.c — one part per area: the listed neighbourhoods in the
 * table's order with their residents, or, without a neighbourhoods table,
 * the areas the reads name. Small areas are flagged, not ranked. */
#include "brief.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static const ae_row *area_row(const brief *b, const char *metric, const char *name, const char *meth)
{
	return brief_find(b, metric, "neighborhood", name, meth);
}

/* One line of an area's table: the figure and its row, or a dash. */
static void area_line(brief *b, const char *label, const ae_row *r, int kind, const char *absent)
{
	ae_doc *d = &b->d;
	ae_doc_row_open(d);
	ae_doc_cell_text(d, label);
	ae_doc_cell(d);
	if (r)
		brief_value(b, r, kind);
	else
		ae_doc_put(d, absent);
	ae_doc_cell_end(d);
	ae_doc_cell(d);
	if (r)
		brief_cite(b, r);
	else
		ae_doc_put(d, EM_DASH);
	ae_doc_cell_end(d);
	ae_doc_row_end(d);
}

static void area_table(brief *b, const char *name, int listed, uint32_t n)
{
	static const char *const heads[] = {"Figure", "Value", "Row in metrics.csv"};
	const char *bin = ae_ci_method_name(b->st->ci_method);
	ae_doc *d = &b->d;
	ae_doc_table_open(d, "lrl", heads);
	if (listed) {
		char pop[64];
		if (isnan(b->ar->population[n]))
			snprintf(pop, sizeof pop, "unknown");
		else
			ae_num_count(pop, sizeof pop, b->ar->population[n]);
		ae_doc_row_open(d);
		ae_doc_cell_text(d, "Residents");
		ae_doc_cell_text(d, pop);
		ae_doc_cell_text(d, "neighbourhoods table");
		ae_doc_row_end(d);
	}
	area_line(b, "Reads", area_row(b, "reads", name, NULL), FIG_COUNT, "none in the period");
	area_line(b, "Distinct vehicles", area_row(b, "distinct_plates", name, NULL), FIG_COUNT, "none in the period");
	if (b->hits) {
		area_line(b, "Alerts (hits)", area_row(b, "hits", name, NULL), FIG_COUNT, "none in the period");
		area_line(b, "Hit rate", area_row(b, "hit_rate", name, bin), FIG_PCT, "no reads");
	}
	if (listed) {
		area_line(b, "Reads per thousand residents", area_row(b, "reads_per_1k_residents", name, NULL),
			  FIG_RATE, "not in the table");
		area_line(b, "Exposure ratio", area_row(b, "exposure_ratio", name, NULL), FIG_RATIO,
			  "not in the table");
	}
	ae_doc_table_close(d);
}

void brief_areas(brief *b)
{
	ae_doc *d = &b->d;
	ae_doc_section_open(d, "areas", "Areas");
	if (b->hoods) {
		char thr[64];
		ae_num_count(thr, sizeof thr, b->st->small_population);
		ae_doc_para(d);
		ae_doc_putf(d, "Each neighbourhood of the neighbourhoods table, in the table's order. Areas with "
			    "fewer than %s residents (the study's small-population threshold) are flagged: a few "
			    "reads move their rates a lot, so they are shown but must not be ranked.", thr);
		ae_doc_para_end(d);
		for (uint32_t n = 0; n < b->ar->n; n++) {
			const char *name = brief_area_name(b, n);
			ae_doc_raw(d, "<div class=\"area\">\n", NULL);   /* kept on one printed page */
			ae_doc_h3(d, name);
			if (brief_is_small(b, n)) {
				ae_doc_raw(d, "<p class=\"flag\">", "**");
				ae_doc_put(d, "Small population " EM_DASH " do not rank.");
				ae_doc_raw(d, "</p>\n", "**\n\n");
			}
			area_table(b, name, 1, n);
			ae_doc_raw(d, "</div>\n", NULL);
		}
		const ae_row *un = brief_find(b, "unassigned_reads", "all", "all", NULL);
		if (un) {
			ae_doc_para(d);
			ae_doc_put(d, "Reads in no listed area (not counted in any area above): ");
			brief_figure(b, un, FIG_COUNT);
			ae_doc_put(d, ".");
			ae_doc_para_end(d);
		}
		ae_doc_section_close(d);
		return;
	}
	/* no neighbourhoods table: the areas the reads carry, without population */
	int named = 0;
	for (size_t i = 0; i < b->t->n; i++) {
		const ae_row *r = &b->t->rows[i];
		if (strcmp(r->metric, "reads") == 0 && strcmp(r->dimension, "neighborhood") == 0 &&
		    strcmp(r->group, "unknown") != 0)
			named = 1;
	}
	ae_doc_para(d);
	if (!named) {
		ae_doc_put(d, "No neighbourhoods table was supplied and no read carries a neighbourhood, so there "
		              "is no per-area breakdown.");
		ae_doc_para_end(d);
		ae_doc_section_close(d);
		return;
	}
	ae_doc_put(d, "No neighbourhoods table was supplied: the areas below are those the reads and cameras name, "
	              "in the order of metrics.csv, without population, so there are no per-resident figures. "
	              "\xe2\x80\x9cunknown\xe2\x80\x9d holds reads with no area.");
	ae_doc_para_end(d);
	for (size_t i = 0; i < b->t->n; i++) {
		const ae_row *r = &b->t->rows[i];
		if (strcmp(r->metric, "reads") != 0 || strcmp(r->dimension, "neighborhood") != 0)
			continue;
		ae_doc_raw(d, "<div class=\"area\">\n", NULL);
		ae_doc_h3(d, r->group);
		area_table(b, r->group, 0, 0);
		ae_doc_raw(d, "</div>\n", NULL);
	}
	ae_doc_section_close(d);
}
