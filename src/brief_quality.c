/* brief_quality.c — the data-quality section: every input's records read,
 * accepted, rejected (by reason) and out of period, from the accounting;
 * the gaps (unassigned reads, unlisted areas, unverified alerts) and the
 * thresholds (small areas, suppressed rows). */
#include "brief.h"
#include "manifest.h"
#include <math.h>
#include <string.h>


/* The vehicle-clustered rates whose events come from few vehicles, by metric
 * and dimension: no interval from the data alone covers well there. */
static void few_vehicles(brief *b)
{
	ae_doc *d = &b->d;
	size_t all = 0, few = 0;
	for (size_t i = 0; i < b->t->n; i++) {
		const ae_row *r = &b->t->rows[i];
		if (strcmp(r->method, "cluster_plate") || isnan(r->est))
			continue;
		all++;
		few += AE_FEW(r);
	}
	if (!all)
		return;
	ae_doc_item(d);
	ae_doc_putf(d,
		    "Rates with vehicle-clustered intervals (cluster_plate rows) whose events come from fewer than %d "
		    "vehicles, or (for rates over reads) whose repeated events (a vehicle's second and later) come from "
		    "fewer than %d: %zu "
		    "of %zu",
		    AE_FEW_VEHICLES, AE_FEW_VEHICLES, few, all);
	const char *m = NULL, *dim = NULL;
	size_t k = 0, n = 0, tot = 0;
	for (size_t i = 0; i <= b->t->n; i++) {
		const ae_row *r = i < b->t->n ? &b->t->rows[i] : NULL;
		if (r && (strcmp(r->method, "cluster_plate") || isnan(r->est)))
			continue;
		if (!r || !m || strcmp(r->metric, m) || strcmp(r->dimension, dim)) {
			if (m && n)
				ae_doc_putf(d, "%s%s %s%s %zu of %zu", k++ ? "; " : " (", m,
					    strcmp(dim, "all") ? "by " : "", strcmp(dim, "all") ? dim : "overall", n,
					    tot);
			if (!r)
				break;
			m = r->metric;
			dim = r->dimension;
			n = tot = 0;
		}
		tot++;
		n += AE_FEW(r);
	}
	ae_doc_put(d, k ? "). " : ". ");
	ae_doc_put(d,
		   "They are marked in the charts and in the summary: with so few vehicles even the clustered interval "
		   "may be too narrow, so read them as indications, not findings.");
	ae_doc_item_end(d);
}

/* The unknown labels of table t (the first few, each once) with the
 * study-file line that maps each: the fix, beside the count. */
static void unknown_labels(brief *b, int t)
{
	ae_doc *d = &b->d;
	const ae_accounting *acc = &b->h->acc;
	const ae_reject *seen[3];
	size_t nseen = 0, more = 0;
	char map[320];
	for (size_t i = 0; i < acc->nrejects; i++) {
		const ae_reject *r = &acc->rejects[i];
		if (r->table != t || !ae_reject_mapping(r, map, sizeof map))
			continue;
		size_t k = 0;
		while (k < nseen && !(seen[k]->col == r->col && strcmp(seen[k]->detail, r->detail) == 0))
			k++;
		if (k < nseen)
			continue;
		if (nseen == 3) {
			more++; /* may count a label twice: said as "more", not as a number of labels */
			continue;
		}
		seen[nseen++] = r;
		ae_doc_putf(d, "%s %s in column %s: map it in [%s] with ", nseen == 1 ? ". Unknown label" : ";",
			    r->detail, ae_tables[t].cols[r->col].name, ae_tables[t].name);
		ae_doc_code(d, map);
	}
	if (nseen)
		ae_doc_put(d, more ? "; and more (rejects.csv lists each)." : ".");
}

/* Reads in the area "unknown" (no area of their own, no polygon, no camera
 * area) over the accepted reads: past this share, Data quality flags it. */
#define UNKNOWN_FLAG 0.05

static void unknown_area(brief *b)
{
	ae_doc *d = &b->d;
	const ae_row *un = brief_find(b, AE_M(reads), "neighborhood", "unknown", NULL);
	const ae_row *all = brief_find(b, AE_M(reads), "all", "all", NULL);
	if (!un || !all || !(all->est > 0) || !(un->est > UNKNOWN_FLAG * all->est))
		return;
	char pct[64];
	double share = un->est / all->est;
	ae_num_figure(pct, sizeof pct, share, FIG_PCT, ae_num_decimals(FIG_PCT, share));
	ae_doc_item(d);
	ae_doc_raw(d, "<strong>", "**");
	ae_doc_putf(d, "%s of the reads are in no area (\xe2\x80\x9cunknown\xe2\x80\x9d), more than %g %%", pct,
		    UNKNOWN_FLAG * 100);
	ae_doc_raw(d, "</strong>", "**");
	ae_doc_put(d, ": ");
	brief_figure(b, un, FIG_COUNT);
	ae_doc_put(d, " of ");
	brief_figure(b, all, FIG_COUNT);
	ae_doc_put(d, ". No area figure counts them, so the areas where they were taken look less read than they "
		      "are. To place them: map the read log's area column (");
	ae_doc_code(d, "column.neighborhood");
	ae_doc_put(d, " in [reads]), give the neighbourhoods table boundaries (");
	ae_doc_code(d, "boundaries");
	ae_doc_put(d, " in [neighborhoods]) so that reads with coordinates fall in an area, or give every camera a "
		      "neighbourhood in the cameras table.");
	ae_doc_item_end(d);
}

void brief_quality(brief *b)
{
	ae_doc *d = &b->d;
	const ae_tablecount *tables = b->h->acc.tables;
	const ae_study *st = b->st;
	char c[5][64];
	ae_doc_section_open(d, "quality", "Data quality");
	ae_doc_para(d);
	ae_doc_put(d, "Every input record is accepted, rejected with a reason, or counted as outside the study period; "
		      "the counts add up. Every rejected record is listed in rejects.csv with its file, line, column "
		      "and reason.");
	ae_doc_para_end(d);
	static const char *const heads[] = {"Input", "Path", "Records read", "Accepted", "Rejected", "Out of period"};
	ae_doc_table_open(d, "llrrrr", heads);
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *tc = &tables[t];
		if (!tc->present)
			continue;
		brief_input_cells(b, t);
		ae_num_count(c[0], 64, (double)tc->read);
		ae_num_count(c[1], 64, (double)tc->accepted);
		ae_num_count(c[2], 64, (double)tc->rejected);
		ae_num_count(c[3], 64, (double)tc->out_of_period);
		for (int k = 0; k < 4; k++)
			ae_doc_cell_text(d, c[k]);
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);

	ae_doc_h3(d, "Rejects by reason");
	int any = 0;
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *tc = &tables[t];
		if (!tc->present || !tc->rejected)
			continue;
		if (!any++)
			ae_doc_list(d);
		ae_doc_item(d);
		ae_doc_put(d, ae_tables[t].name);
		ae_doc_put(d, ": ");
		int k = 0;
		for (int r = 0; r < RJ_COUNT; r++) {
			if (!tc->by_reason[r])
				continue;
			ae_num_count(c[0], 64, (double)tc->by_reason[r]);
			ae_doc_putf(d, "%s%s %s", k++ ? "; " : "", ae_reason_names[r], c[0]);
		}
		if (tc->by_reason[RJ_UNKNOWN_VALUE])
			unknown_labels(b, t);
		ae_doc_item_end(d);
	}
	if (any)
		ae_doc_list_end(d);
	else {
		ae_doc_para(d);
		ae_doc_put(d, "No record was rejected.");
		ae_doc_para_end(d);
	}

	ae_doc_h3(d, "Gaps and thresholds");
	ae_doc_list(d);
	unknown_area(b);
	if (b->hoods) {
		const ae_row *un = brief_find(b, AE_M(unassigned_reads), "all", "all", NULL);
		if (un) {
			ae_doc_item(d);
			ae_doc_put(d, "Reads in no listed area: ");
			brief_figure(b, un, FIG_COUNT);
			if (un->den > 0) {
				double share = un->num / un->den;
				ae_num_figure(c[0], 64, share, FIG_PCT, ae_num_decimals(FIG_PCT, share));
				ae_doc_putf(d, ", %s of all reads (numerator over denominator of that row).", c[0]);
			}
			ae_doc_item_end(d);
		}
		/* areas the reads name that the neighbourhoods table does not list */
		for (size_t i = 0; i < b->t->n; i++) {
			const ae_row *r = &b->t->rows[i];
			if (strcmp(r->metric, AE_M(reads)) != 0 || strcmp(r->dimension, "neighborhood") != 0)
				continue;
			if (ae_strtab_find(b->listed, r->group, strlen(r->group)) != UINT32_MAX)
				continue;
			ae_doc_item(d);
			ae_doc_put(d, "Reads in ");
			ae_doc_put(d, r->group);
			ae_doc_put(d, ", which the neighbourhoods table does not list: ");
			brief_figure(b, r, FIG_COUNT);
			ae_doc_item_end(d);
		}
	}
	if (b->hits) {
		const ae_row *uh = brief_find(b, AE_M(hits), "disposition", "unverified", NULL);
		const ae_row *us = brief_find(b, AE_M(disposition_share), "disposition", "unverified", NULL);
		ae_doc_item(d);
		if (uh) {
			ae_doc_put(d, "Alerts never verified: ");
			brief_figure(b, uh, FIG_COUNT);
			if (us) {
				ae_doc_put(d, ", a share of ");
				brief_figure(b, us, FIG_PCT);
			}
		} else {
			ae_doc_put(d, "Alerts never verified: none.");
		}
		ae_doc_item_end(d);
	}
	if (b->hoods) {
		char thr[64];
		ae_num_count(thr, sizeof thr, st->small_population);
		ae_doc_item(d);
		ae_doc_putf(d, "Areas under the small-population threshold (%s residents): ", thr);
		int k = 0;
		for (uint32_t n = 0; n < b->ar->n; n++) {
			if (!brief_is_small(b, n))
				continue;
			ae_doc_put(d, k++ ? "; " : "");
			ae_doc_put(d, brief_area_name(b, n));
			if (isnan(b->ar->population[n]))
				ae_doc_put(d, " (population unknown)");
			else {
				ae_num_count(c[0], 64, b->ar->population[n]);
				ae_doc_putf(d, " (%s residents)", c[0]);
			}
		}
		ae_doc_put(d, k ? "." : "none.");
		ae_doc_item_end(d);
	}
	few_vehicles(b);
	size_t sup = 0;
	for (size_t i = 0; i < b->t->n; i++)
		sup += strcmp(b->t->rows[i].method, "suppressed") == 0;
	ae_doc_item(d);
	if (st->min_cell > 0) {
		ae_num_count(c[0], 64, (double)sup);
		ae_num_count(c[1], 64, (double)st->min_cell);
		ae_doc_putf(d,
			    "Rows of metrics.csv suppressed because they count fewer than %s vehicles or outcomes, "
			    "are made from such a count, or are held back so that such a count cannot be worked out "
			    "from the published figures and totals: %s.",
			    c[1], c[0]);
	} else {
		ae_doc_put(d, "Small counts are not suppressed in this study (min_cell = 0).");
	}
	ae_doc_item_end(d);
	ae_doc_list_end(d);
	ae_doc_section_close(d);
}
