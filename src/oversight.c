/* oversight.c — see oversight.h. The section answers, in order, the three
 * questions a committee's letter asks of a surveillance system's records —
 * who gets the data, who searched it and why, how long it is kept — from
 * whatever inputs the study has, and says for each input it lacks what that
 * leaves unanswered and which record would answer it. It reads only the
 * metrics table and the sharing handover. */
#include "oversight.h"
#include "brief.h"
#include "gov_classify.h"
#include "metric_list.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One "label: figure [cite]" item of a list; nothing when the row is absent. */
static void item(brief *b, const char *label, const ae_row *r, int kind, const char *tail)
{
	if (!r)
		return;
	ae_doc_item(&b->d);
	ae_doc_put(&b->d, label);
	brief_figure(b, r, kind);
	if (tail)
		ae_doc_put(&b->d, tail);
	ae_doc_item_end(&b->d);
}

/* A question the study's inputs cannot answer, and the record that would. */
static void not_answered(brief *b, const char *why)
{
	ae_doc_para(&b->d);
	ae_doc_put(&b->d, "Not answered: ");
	ae_doc_put(&b->d, why);
	ae_doc_para_end(&b->d);
}

/* The active outbound recipients of one kind, by name: agencies, not people. */
static size_t name_recipients(brief *b, int immigration)
{
	const ae_sharelist *l = b->h->sharing;
	size_t n = 0;
	for (size_t i = 0; l && i < l->n; i++) {
		const ae_shareorg *o = &l->org[i];
		if (!o->outbound || o->inactive || o->cls != ORG_FEDERAL || o->immigration != immigration)
			continue;
		ae_doc_put(&b->d, n++ ? "; " : "");
		ae_doc_put(&b->d, o->name);
	}
	return n;
}

static void who_receives(brief *b)
{
	ae_doc *d = &b->d;
	const char *M = AE_M(sharing_organizations);
	ae_doc_h3(d, "Who receives this agency's data");
	if (!b->st->input[TB_SHARING].present) {
		not_answered(b, "the study has no sharing list (the [sharing] input). The vendor's share-settings "
				"export (in Flock, the organizations this agency shares with and receives from; in "
				"Vigilant LEARN, the agency sharing report) answers it.");
		return;
	}
	ae_doc_list(d);
	item(b, "Organizations that receive this agency's detections (inactive ones included): ",
	     brief_find(b, M, "direction", "outbound", NULL), FIG_COUNT, NULL);
	item(b, "Active recipients that are federal agencies: ",
	     brief_find(b, M, "direction_class", "outbound:federal", NULL), FIG_COUNT, NULL);
	item(b, "Active recipients that are immigration agencies: ",
	     brief_find(b, M, "direction_class", "outbound:immigration", NULL), FIG_COUNT, NULL);
	item(b, "Active recipients that are agencies of another state: ",
	     brief_find(b, M, "direction_class", "outbound:out_of_state", NULL), FIG_COUNT, NULL);
	item(b, "Active recipients that are not public agencies: ",
	     brief_find(b, M, "direction_class", "outbound:private", NULL), FIG_COUNT, NULL);
	item(b, "Organizations whose detections this agency receives (inactive ones included): ",
	     brief_find(b, M, "direction", "inbound", NULL), FIG_COUNT, NULL);
	ae_doc_list_end(d);
	ae_doc_para(d);
	ae_doc_put(d, "Federal recipients by name: ");
	if (!name_recipients(b, 0))
		ae_doc_put(d, "none");
	ae_doc_put(d, ". Immigration agencies by name: ");
	if (!name_recipients(b, 1))
		ae_doc_put(d, "none");
	ae_doc_put(d, ". ");
	const ae_row *p = brief_find(b, AE_M(sharing_prohibited), "all", "all", NULL);
	if (p)
		brief_sentence(b,
			       "California law (Civil Code 1798.90.55(b); Attorney General bulletin 2023-DLE-06) allows "
			       "sharing only with California public agencies; the active recipients it rules out number ",
			       p, FIG_COUNT, ". ");
	else
		ae_doc_put(d, "No sharing law is applied (the study's law is none), so no recipient is called "
			      "prohibited. ");
	ae_doc_put(d, "The report's sharing.csv lists every organization with its class and the line of the "
		      "rules file that classified it, so each can be checked by hand.");
	ae_doc_para_end(d);
}

static void who_searched(brief *b)
{
	ae_doc *d = &b->d;
	const char *S = AE_M(searches);
	ae_doc_h3(d, "Who searched the data, and why");
	if (!b->st->input[TB_SEARCHES].present) {
		not_answered(b,
			     "the study has no search audit log (the [searches] input). Without it nobody can say "
			     "who looked up which vehicles or why; California's Civil Code 1798.90.52(a) requires the "
			     "agency to keep that log. The vendor exports it (in Flock, the organization and network "
			     "audits; in Vigilant LEARN, the audit report).");
		return;
	}
	ae_doc_list(d);
	item(b, "Searches in the period: ", brief_find(b, S, "all", "all", NULL), FIG_COUNT, NULL);
	item(b, "of them by federal agencies: ", brief_find(b, S, "organization_class", "federal", NULL), FIG_COUNT,
	     NULL);
	item(b, "by agencies of another state: ", brief_find(b, S, "organization_class", "out_of_state", NULL),
	     FIG_COUNT, NULL);
	item(b, "Share whose reason names immigration enforcement: ",
	     brief_find(b, AE_M(searches_flagged_share), "all", "all", NULL), FIG_PCT, NULL);
	item(b, "Share with no case number: ", brief_find(b, AE_M(searches_without_case_share), "all", "all", NULL),
	     FIG_PCT, NULL);
	item(b, "Share with a blank reason: ", brief_find(b, AE_M(search_reason_share), "reason_class", "blank", NULL),
	     FIG_PCT, NULL);
	item(b, "Share with a vague reason: ", brief_find(b, AE_M(search_reason_share), "reason_class", "vague", NULL),
	     FIG_PCT, NULL);
	item(b, "Share run in the small hours (the study's after_hours window): ",
	     brief_find(b, AE_M(searches_after_hours_share), "all", "all", NULL), FIG_PCT, NULL);
	item(b, "Users who searched: ", brief_find(b, AE_M(search_users), "all", "all", NULL), FIG_COUNT, NULL);
	item(b,
	     "Pairs of one user and one plate searched three or more times over two weeks or more, never with a "
	     "case number: ",
	     brief_find(b, AE_M(repeat_target_pairs), "all", "all", NULL), FIG_COUNT, NULL);
	ae_doc_list_end(d);

	/* what Civil Code 1798.90.52(a) asks the log to hold, field by field */
	ae_doc_para(d);
	ae_doc_put(d, "Does the log hold what the law asks of it? The share of searches that record each field "
		      "California's Civil Code 1798.90.52(a) requires:");
	ae_doc_para_end(d);
	static const char *const heads[] = {"Field", "Share of searches that record it", "Row in metrics.csv"};
	static const char *const fields[][2] = {{"timestamp", "Time of the search"},
						{"query", "Data queried (the plate)"},
						{"user", "User"},
						{"organization", "Organization"},
						{"reason", "Purpose (reason)"}};
	ae_doc_table_open(d, "lrl", heads);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		brief_table_line(b, fields[i][1],
				 brief_find(b, AE_M(access_log_complete_share), "field", fields[i][0], NULL), FIG_PCT,
				 "not computed");
	ae_doc_table_close(d);
}

/* One cell of the retention table: the row's figure and citation, or a dash. */
static void ret_cell(brief *b, const ae_row *r, int kind)
{
	ae_doc_cell(&b->d);
	if (r)
		brief_figure(b, r, kind);
	else
		ae_doc_put(&b->d, EM_DASH);
	ae_doc_cell_end(&b->d);
}

/* The day counts the rows carry, in table order (retention_alternatives and
 * retention_days, as the analyses wrote them). */
static size_t day_groups(brief *b, const char *metric, const char **g, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < b->t->n && n < max; i++) {
		const ae_row *r = &b->t->rows[i];
		if (strcmp(r->metric, metric) == 0 && strcmp(r->dimension, "days") == 0)
			g[n++] = r->group;
	}
	return n;
}

static void how_long(brief *b)
{
	ae_doc *d = &b->d;
	ae_doc_h3(d, "How long reads are kept, and what a shorter policy would cost");
	ae_doc_para(d);
	if (b->st->retention_days > 0)
		ae_doc_putf(d, "The study gives the agency's retention policy as %ld days. ", b->st->retention_days);
	else
		ae_doc_put(d, "The study does not give the agency's retention policy (retention_days), so the "
			      "figures below are not compared with one. ");
	const ae_row *span = brief_find(b, AE_M(read_log_span_days), "all", "all", NULL);
	if (!b->st->input[TB_READS].present) {
		ae_doc_put(d, "What reads are kept, and what a shorter policy would hold or lose, is not answered: the "
			      "study has no read log. The table gives what the audit log can: the share of searches, "
			      "among those that record the period they asked for, that reached further back than each "
			      "retention length.");
	} else {
		if (span) {
			brief_sentence(b, "The read log supplied runs over ", span, FIG_COUNT,
				       " days from its first read to its last, every record counted, in the period or not");
			if (b->st->retention_days > 0 && !isnan(span->est) && span->est > (double)b->st->retention_days)
				ae_doc_putf(d,
					    ": longer than the %ld-day policy. If the log was exported at one time, it "
					    "held reads older than the policy allows",
					    b->st->retention_days);
			ae_doc_put(d, ". ");
		}
		ae_doc_put(d, "For each retention length, the table gives what such a policy would have held on the "
			      "period's last day, and what it would have cost: the outcomes whose read was older than "
			      "that when the outcome came, and the searches that asked further back.");
	}
	ae_doc_para_end(d);

	const char *g[64];
	size_t n = day_groups(b, AE_M(reads_held_at_end), g, 64);
	if (!n)
		n = day_groups(b, AE_M(searches_lookback_over), g, 64);
	if (!n)
		return;
	static const char *const heads[] = {"Kept for (days)", "Reads held", "Vehicles held",
					    "Outcomes that needed older reads", "Searches reaching further back"};
	ae_doc_table_open(d, "rrrrr", heads);
	for (size_t i = 0; i < n; i++) {
		ae_doc_row_open(d);
		char label[80];
		snprintf(label, sizeof label, "%s%s", g[i],
			 b->st->retention_days > 0 && strtol(g[i], NULL, 10) == b->st->retention_days
				 ? " (policy)"
				 : "");
		ae_doc_cell_text(d, label);
		ret_cell(b, brief_find(b, AE_M(reads_held_at_end), "days", g[i], NULL), FIG_COUNT);
		ret_cell(b, brief_find(b, AE_M(vehicles_held_at_end), "days", g[i], NULL), FIG_COUNT);
		ret_cell(b, brief_find(b, AE_M(outcomes_needing_older_reads), "days", g[i], NULL), FIG_PCT);
		ret_cell(b, brief_find(b, AE_M(searches_lookback_over), "days", g[i], NULL), FIG_PCT);
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);
	const ae_row *age = brief_find(b, AE_M(outcome_read_age_days), "quantile", "p90", NULL);
	if (age) {
		ae_doc_para(d);
		brief_sentence(b, "Nine in ten outcomes linked to an alert came within ", age, FIG_RATIO,
			       " days of the read that raised it.");
		ae_doc_para_end(d);
	}
}

static void cannot_show(brief *b)
{
	ae_doc *d = &b->d;
	ae_doc_h3(d, "What these records cannot show");
	static const char *const limits[] =
		{"A search's requested period is not proof that reads that old were returned: the system returns "
		 "only what it still holds.",
		 "A search across a network reaches other agencies' cameras, which are bound by those agencies' "
		 "retention, not this one's.",
		 "The audit log records searches made in this agency's system; searches of its data from another "
		 "agency's account appear only in a network audit, and only if the vendor exports it.",
		 "A reason that reads as substantive was typed by the officer; nothing here checks it against a case.",
		 "The sharing list is the settings on the day it was exported, not who received data before.",
		 "An organization's class comes from its name, by the rules file the report's sharing.csv cites; "
		 "names the rules do not place are \"unknown\".",
		 "The read log shows what the export held, not whether older reads were deleted from the vendor's "
		 "systems or from copies."};
	ae_doc_list(d);
	for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
		ae_doc_item(d);
		ae_doc_put(d, limits[i]);
		ae_doc_item_end(d);
	}
	ae_doc_list_end(d);
}

void ae_oversight_section(brief *b)
{
	who_receives(b);
	who_searched(b);
	how_long(b);
	cannot_show(b);
}
