/* effect_brief.c — see effect_brief.h. The rows are METRICS.md's ("Crime
 * effect"): crime_effect_ratio (estimate exp(ATT); numerator the treated
 * areas, denominator the areas in the panel), crime_effect_p (numerator the
 * reassignments at least as far from 1, denominator those run),
 * crime_effect_mde (a share), crime_pretrend_p, each at all and per type.
 * The ratio is printed as a share of the expected incidents (0.85 as
 * "85 %"), so the figure is the row's estimate itself and the reader sees
 * "of what was expected"; the words around it (lower, higher, whether the
 * interval holds no change) carry no number of their own. Counts that are
 * not estimates (treated areas, reassignments) are the cited row's
 * numerator and denominator; counts of areas left out come from the facts,
 * as crime_areas.csv lists them. */
#include "effect_brief.h"
#include "brief.h"
#include "effect.h"
#include "metric_list.h"
#include "schema.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The published evaluations, for the committee to set this city's estimate
 * beside. Sources, checked against the publishers' and indexes' pages:
 * NCJRS abstract 237291 (Lum et al. 2011); Criminal Justice Review 37(1),
 * doi:10.1177/0734016811425858 (Taylor et al. 2012); Springer,
 * doi:10.1007/s11292-012-9170-z (Koper et al. 2013); OJP library and
 * doi:10.1007/s11292-021-09473-y (Koper et al. 2022); Police Quarterly 22(3),
 * doi:10.1177/1098611119828039 (Koper & Lum 2019); crimesolutions.ojp.gov,
 * "License Plate Recognition Technology as a Crime Deterrent"; 404 Media,
 * "Let's Talk About the Flock Study That Says It Solves Crime". No figure of
 * theirs is repeated here beyond the designs' sizes the abstracts give. */
static const char *const studies[][3] = {
	{"Lum, Hibdon, Cave, Koper & Merola (2011), \"License plate reader (LPR) police patrols in crime hot spots: an "
	 "experimental evaluation in two adjacent jurisdictions\", Journal of Experimental Criminology 7(4), 321-345",
	 "Randomized: 30 crime hot spots in two adjacent jurisdictions, 15 patrolled with LPRs",
	 "No deterrent effect of the LPR patrols on crime or auto crime in the hot spots"},
	{"Taylor, Koper & Woods (2012), \"Combating vehicle theft in Arizona: a randomized experiment with license "
	 "plate recognition technology\", Criminal Justice Review 37(1), 24-50",
	 "Randomized, Mesa, Arizona: an auto-theft unit on high-risk routes with LPRs, with manual plate checks, or "
	 "normal patrol",
	 "LPRs: more plates checked, more hits, arrests and recoveries of stolen cars; auto theft fell after the "
	 "manual checks, not after the LPR patrols; no displacement found"},
	{"Koper, Taylor & Woods (2013), \"A randomized test of initial and residual deterrence from directed patrols "
	 "and use of license plate readers at crime hot spots\", Journal of Experimental Criminology 9(2), 213-244",
	 "Randomized, Mesa, Arizona: short LPR operations at hot-spot road segments",
	 "Fewer calls about drug offences where LPRs were used, lasting some weeks; no such fall for other offences; "
	 "some displacement"},
	{"Koper & Lum (2019), \"The impacts of large-scale license plate reader deployment on criminal "
	 "investigations\", Police Quarterly 22(3), 305-329",
	 "A fixed network of nearly 100 LPRs in one large city; case closures before and after",
	 "Clearances of auto theft and robbery rose, but the change was not statistically significant once other "
	 "factors were accounted for"},
	{"Koper, Lum, Wu, Johnson & Stoltz (2022), \"Do license plate readers enhance the initial and residual "
	 "deterrent effects of police patrol? A quasi-randomized test\", Journal of Experimental Criminology 18(4), "
	 "725-746",
	 "Quasi-randomized: crime hot spots in a large suburban jurisdiction patrolled with or without LPRs",
	 "More stolen cars recovered, not more arrests; no deterrence while officers were there or after they "
	 "left"},
	{"CrimeSolutions (National Institute of Justice), \"License Plate Recognition Technology as a Crime "
	 "Deterrent\"",
	 "A rating of the evidence, which includes at least one randomized trial",
	 "Rated \"No Effects\": no statistically significant effect on general crime, auto-related crime, "
	 "vehicle-theft calls or auto theft"},
	{"Studies commissioned or written by vendors (for example Flock Safety's own study of the crime its cameras "
	 "help solve, reported by 404 Media)",
	 "Written by the vendor's staff, with the vendor choosing the data",
	 "Criticised for their design: an academic who oversaw the Flock study said he would have done it much "
	 "differently, and that police data were too varied and incomplete for meaningful statistical analysis"},
};

static int usable(const ae_row *r) { return r && strcmp(r->method, "suppressed") && isfinite(r->est); }

static void not_answered(brief *b, const char *why)
{
	ae_doc_para(&b->d);
	ae_doc_put(&b->d, "Not answered: ");
	ae_doc_put(&b->d, why);
	ae_doc_para_end(&b->d);
}

static const ae_effect_facts *facts(const brief *b) { return b->h->effect; }

/* p below the study's level (1 - confidence, which 1 - 0.95 gives as 0.05000000000000004) */
static int below_level(const brief *b, double p)
{
	double alpha = 1 - b->st->confidence;
	return b->st->confidence > 0 && p < alpha - 1e-9;
}

static const char *unit_word(const brief *b, int plural)
{
	const ae_effect_facts *f = facts(b);
	int week = f && f->unit && strcmp(f->unit, "week") == 0;
	return week ? (plural ? "weeks" : "week") : (plural ? "months" : "month");
}

/* "lower than expected" and whether the interval holds no change, in words */
static void direction_words(brief *b, const ae_row *r)
{
	ae_doc *d = &b->d;
	if (r->est < 1)
		ae_doc_put(d, ": fewer incidents than expected");
	else if (r->est > 1)
		ae_doc_put(d, ": more incidents than expected");
	else
		ae_doc_put(d, ": as many incidents as expected");
	if (isfinite(r->lo) && isfinite(r->hi)) {
		if (r->lo <= 1 && r->hi >= 1)
			ae_doc_put(d,
				   ", but the interval also holds no change at all, so the data cannot tell this from "
				   "chance");
		else if (r->hi < 1)
			ae_doc_put(d, ", and the whole interval lies below no change");
		else
			ae_doc_put(d, ", and the whole interval lies above no change");
	}
}

void ae_effect_summary(brief *b)
{
	const ae_effect_facts *f = facts(b);
	if (!f || !f->source || !f->nmodels || f->model[0].why_not)
		return;
	const ae_row *r = brief_find(b, AE_M(crime_effect_ratio), "all", "all", NULL);
	if (!usable(r))
		return;
	ae_doc *d = &b->d;
	ae_doc_para(d);
	ae_doc_put(d, "Did crime change where the cameras went up? After their first camera, the areas with cameras "
		      "had ");
	brief_figure(b, r, FIG_PCT);
	ae_doc_put(d, " of the incidents expected there without cameras");
	direction_words(b, r);
	ae_doc_put(d, ".");
	const ae_row *p = brief_find(b, AE_M(crime_effect_p), "all", "all", NULL);
	if (usable(p))
		brief_sentence(b, " The randomization p-value is ", p, FIG_RATIO, ".");
	const ae_row *m = brief_find(b, AE_M(crime_effect_mde), "all", "all", NULL);
	if (usable(m))
		brief_sentence(b, " The data could not have detected a fall smaller than ", m, FIG_PCT, ".");
	ae_doc_put(d, " This is a comparison of areas, not a randomized trial: the section on crime says what it "
		      "can and cannot show.");
	ae_doc_para_end(d);
}

/* Which study input is missing for the model, in the order a reader fixes them; 1 when one is. */
static int inputs_missing(brief *b)
{
	const ae_effect_facts *f = facts(b);
	if (!b->st->input[TB_INCIDENTS].present) {
		not_answered(b,
			     "whether reported crime changed where cameras went up. The study has no incidents "
			     "(the [incidents] input): a city's open crime export answers it (doc/inputs.md maps "
			     "the Seattle, Chicago and Los Angeles exports), with the date each area got its cameras "
			     "(a [treatment] table, or the cameras table's installed dates) and an [effect] section.");
		return 1;
	}
	if (!b->st->effect_present) {
		not_answered(b, "whether reported crime changed where cameras went up. The study has incidents but no "
				"[effect] section, which sets the window, the unit (month or week) and the offence "
				"types to model; adding one answers it.");
		return 1;
	}
	if (!f) {
		not_answered(b, "whether reported crime changed where cameras went up: the run handed over no "
				"crime-effect model.");
		return 1;
	}
	if (!f->source) {
		not_answered(b, "whether reported crime changed where cameras went up. The study gives no date at "
				"which any area got cameras: it has no [treatment] table, and no camera in the cameras "
				"table has an installed date. A treatment table (neighborhood, start) answers it.");
		return 1;
	}
	return 0;
}

static void put_count(brief *b, double v)
{
	char s[64];
	ae_num_count(s, sizeof s, v);
	ae_doc_put(&b->d, s);
}

/* A reason as a sentence's end: its full stop added when it has none. */
static void put_sentence(brief *b, const char *s)
{
	ae_doc_put(&b->d, s);
	size_t n = strlen(s);
	if (n && s[n - 1] != '.')
		ae_doc_put(&b->d, ".");
}

static void estimate(brief *b)
{
	ae_doc *d = &b->d;
	const ae_effect_facts *f = facts(b);
	const ae_effect_model *m0 = &f->model[0];
	const ae_row *r = brief_find(b, AE_M(crime_effect_ratio), "all", "all", NULL);
	ae_doc_para(d);
	ae_doc_putf(d, "The comparison: incidents per area and %s, from %s to %s, in the areas that got cameras, ",
		    unit_word(b, 0), f->nperiods ? f->period[0] : "", f->nperiods ? f->period[f->nperiods - 1] : "");
	ae_doc_putf(d, "before and after their first camera (dates from the %s), against the areas that did not. ",
		    f->source);
	if (r && isfinite(r->num) && isfinite(r->den)) {
		put_count(b, r->num);
		ae_doc_put(d, " of the ");
		put_count(b, r->den);
		ae_doc_put(d, " areas in the comparison got cameras inside the window ");
		brief_cite(b, r);
		ae_doc_put(d, ". ");
	}
	if (m0->why_not) {
		ae_doc_put(d, "There is no estimate for all incidents: ");
		put_sentence(b, m0->why_not);
		ae_doc_para_end(d);
		return;
	}
	if (usable(r)) {
		ae_doc_put(d, "After their first camera, the areas with cameras had ");
		brief_figure(b, r, FIG_PCT);
		ae_doc_put(d, " of the incidents expected there had they followed the areas without cameras");
		direction_words(b, r);
		ae_doc_put(d, ".");
	}
	ae_doc_para_end(d);

	ae_doc_para(d);
	const ae_row *p = brief_find(b, AE_M(crime_effect_p), "all", "all", NULL);
	if (usable(p)) {
		ae_doc_put(d, "Could chance alone give a change this large? The installation dates were handed out "
			      "again at random among the areas ");
		put_count(b, p->den);
		ae_doc_put(d, " times; ");
		put_count(b, p->num);
		ae_doc_put(d, " of them gave a change at least as large, either way. The randomization p-value is ");
		brief_figure(b, p, FIG_RATIO);
		ae_doc_put(d, below_level(b, p->est)
				      ? ": a change this large rarely comes by chance. "
				      : ": chance alone gives a change this large often enough that it could "
					"well explain it. ");
	}
	if (m0->interval_why_not) {
		ae_doc_put(d, "The ratio has no interval: ");
		put_sentence(b, m0->interval_why_not);
		ae_doc_put(d, " The randomization p-value is the test to quote. ");
	}
	ae_doc_put(d, "How many areas got cameras matters: with few of them, the usual intervals come out far too "
		      "narrow, and even this one (which leaves out one area at a time) can mislead, so when they are "
		      "few the randomization p-value is the test to quote beside the interval");
	if (r && isfinite(r->num) && r->num < 10) /* doc/metrics.md: "say under 10" */
		ae_doc_put(d, ", as here");
	ae_doc_put(d, ".");
	const ae_row *mde = brief_find(b, AE_M(crime_effect_mde), "all", "all", NULL);
	if (usable(mde)) {
		brief_sentence(b, " The data could not have detected a change smaller than ", mde, FIG_PCT,
			       ": a smaller fall in incidents would most likely have gone unseen (the figure is the fall "
			       "this comparison would have found four times in five), so finding no change does not "
			       "show that the cameras had none.");
	}
	ae_doc_para_end(d);

	ae_doc_para(d);
	const ae_row *pt = brief_find(b, AE_M(crime_pretrend_p), "all", "all", NULL);
	ae_doc_put(d, "Did the areas with cameras move like the others before their cameras came? The comparison "
		      "rests on it. ");
	if (m0->pretrend_why_not) {
		ae_doc_put(d, "The check could not be made: ");
		put_sentence(b, m0->pretrend_why_not);
	} else if (usable(pt)) {
		brief_sentence(b,
			       "The test that they did (the ratios before the first camera equal to 1 on average) gives p = ",
			       pt, FIG_RATIO, "");
		if (below_level(b, pt->est))
			ae_doc_put(d, ": they did not. The areas with cameras were already moving differently before "
				      "the cameras, and the estimate above may reflect that rather than the cameras.");
		else
			ae_doc_put(d, ": no sign that they moved differently. This does not prove they would have kept "
				      "moving alike.");
	} else {
		ae_doc_put(d, "The check has no p-value in metrics.csv.");
	}
	ae_doc_para_end(d);
}

/* One cell: the row's figure and citation, or a dash. */
static void cell(brief *b, const ae_row *r, int kind)
{
	ae_doc_cell(&b->d);
	if (r)
		brief_figure(b, r, kind);
	else
		ae_doc_put(&b->d, EM_DASH);
	ae_doc_cell_end(&b->d);
}

static void per_type(brief *b)
{
	const ae_effect_facts *f = facts(b);
	if (f->nmodels < 2)
		return;
	ae_doc *d = &b->d;
	ae_doc_h3(d, "By offence type");
	ae_doc_para(d);
	ae_doc_put(d, "Each type modelled alone (all incidents first). The ratio is the incidents over those "
		      "expected: 1 is no change, below 1 fewer incidents. Few incidents of a type make its interval "
		      "wide.");
	ae_doc_para_end(d);
	static const char *const heads[] = {"Offence type", "Ratio to expected", "Randomization p-value",
					    "Smallest detectable fall", "Pre-trend test p-value"};
	ae_doc_table_open(d, "lrrrr", heads);
	for (size_t k = 0; k < f->nmodels; k++) {
		const ae_effect_model *m = &f->model[k];
		const char *dim = k ? "type" : "all", *g = k ? m->type : "all";
		ae_doc_row_open(d);
		ae_doc_cell_text(d, k ? m->type : "all incidents");
		if (m->why_not) {
			ae_doc_cell(d);
			ae_doc_put(d, "no estimate: ");
			ae_doc_put(d, m->why_not);
			ae_doc_cell_end(d);
			for (int j = 0; j < 3; j++)
				ae_doc_cell_text(d, EM_DASH);
			ae_doc_row_end(d);
			continue;
		}
		cell(b, brief_find(b, AE_M(crime_effect_ratio), dim, g, NULL), FIG_RATIO);
		cell(b, brief_find(b, AE_M(crime_effect_p), dim, g, NULL), FIG_RATIO);
		cell(b, brief_find(b, AE_M(crime_effect_mde), dim, g, NULL), FIG_PCT);
		cell(b, m->pretrend_why_not ? NULL : brief_find(b, AE_M(crime_pretrend_p), dim, g, NULL), FIG_RATIO);
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);
	/* a type whose areas moved apart before the cameras: its ratio is not to be read as the cameras' */
	size_t n = 0;
	for (size_t k = 1; k < f->nmodels; k++) {
		const ae_effect_model *m = &f->model[k];
		const ae_row *pt = brief_find(b, AE_M(crime_pretrend_p), "type", m->type, NULL);
		if (m->why_not || m->pretrend_why_not || !usable(pt) || !below_level(b, pt->est))
			continue;
		if (!n++) {
			ae_doc_para(d);
			ae_doc_put(d, "The pre-trend test fails for ");
		} else {
			ae_doc_put(d, ", ");
		}
		ae_doc_put(d, m->type);
	}
	if (n) {
		ae_doc_put(d,
			   ": before the cameras came, the areas with cameras already moved differently from the others "
			   "for this offence type, so its ratio may reflect that rather than the cameras.");
		ae_doc_para_end(d);
	}
}

/* The chart's caption, or why it was not drawn ("" when said nowhere). */
static void chart_item(brief *b, const char *name, const char *label)
{
	ae_doc *d = &b->d;
	const ae_chartset *cs = b->ch;
	ae_doc_item(d);
	ae_doc_put(d, label);
	for (size_t i = 0; cs && i < cs->n; i++)
		if (strcmp(cs->charts[i].name, name) == 0) {
			ae_doc_put(d, " (\"");
			ae_doc_put(d, cs->charts[i].title);
			ae_doc_put(d, "\", under Charts): ");
			ae_doc_put(d, cs->charts[i].caption ? cs->charts[i].caption : "");
			ae_doc_item_end(d);
			return;
		}
	char key[64];
	snprintf(key, sizeof key, "%s: ", name);
	const char *m = cs && cs->missing ? strstr(cs->missing, key) : NULL;
	ae_doc_put(d, ": not drawn");
	if (m) {
		m += strlen(key);
		const char *e = strchr(m, '\n');
		char *why = ae_strndup(m, e ? (size_t)(e - m) : strlen(m));
		ae_doc_put(d, " (");
		ae_doc_put(d, why);
		ae_doc_put(d, ")");
		free(why);
	}
	ae_doc_put(d, ".");
	ae_doc_item_end(d);
}

static void charts(brief *b)
{
	ae_doc_h3(&b->d, "The charts");
	ae_doc_list(&b->d);
	chart_item(b, "crime-event", "The event study");
	chart_item(b, "crime-rates", "Incidents per area over time");
	chart_item(b, "crime-permutations", "The randomization distribution");
	ae_doc_list_end(&b->d);
}

/* The (cohort, period) cells left out of the ratio (unidentified), or kept with no incident, per model. */
static void cell_counts(brief *b, int unidentified)
{
	const ae_effect_facts *f = facts(b);
	ae_doc *d = &b->d;
	size_t n = 0;
	for (size_t k = 0; k < f->nmodels; k++) {
		const ae_effect_model *m = &f->model[k];
		size_t c = unidentified ? m->cells_unidentified : m->cells_dropped;
		if (!c)
			continue;
		if (!n++) {
			ae_doc_item(d);
			ae_doc_putf(d, "Groups of areas that got cameras in the same %s, in a period after it, ",
				    unit_word(b, 0));
			ae_doc_put(d, unidentified
					      ? "that cannot be estimated are left out of the ratio: the period has no "
						"incident in any area without cameras yet, or the group had none before "
						"its cameras. Left out: "
					      : "with no incident at all count as none against the incidents expected "
						"there: ");
		} else {
			ae_doc_put(d, "; ");
		}
		put_count(b, (double)c);
		ae_doc_put(d, " of ");
		put_count(b, (double)m->cells);
		ae_doc_put(d, " for ");
		ae_doc_put(d, k ? m->type : "all incidents");
	}
	if (n) {
		ae_doc_put(d, ".");
		ae_doc_item_end(d);
	}
}

/* The areas of one role, by name (area names are public), a few at most. */
static void name_areas(brief *b, int role)
{
	const ae_effect_facts *f = facts(b);
	size_t n = 0, max = 12;
	for (size_t i = 0; i < f->nareas; i++) {
		if (f->role[i] != role)
			continue;
		if (n < max) {
			ae_doc_put(&b->d, n ? ", " : ": ");
			ae_doc_put(&b->d, f->area[i]);
		}
		n++;
	}
	if (n > max) {
		ae_doc_put(&b->d, " and ");
		put_count(b, (double)(n - max));
		ae_doc_put(&b->d, " more");
	}
}

static void limits(brief *b)
{
	ae_doc *d = &b->d;
	const ae_effect_facts *f = facts(b);
	ae_doc_h3(d, "What this comparison cannot show");
	ae_doc_list(d);
	static const char *const fixed[] = {
		"It is not a randomized trial. The areas that got cameras were chosen, perhaps because crime there was "
		"high or rising, and the model can only compare them with the areas that were not. The pre-trend test "
		"looks for a difference before the cameras came; it cannot rule out one that began with them for "
		"another reason (a new patrol plan, a closed business, a change in the neighbourhood).",
		"Displacement: crime pushed out of an area with cameras into a neighbouring one would show as a fall "
		"where the cameras are and a rise among the areas compared with them, and make a fall look larger "
		"than it is; crime prevented next door too would make it look smaller.",
		"Reporting: these are reported and recorded incidents, not crime. Cameras can change what is reported "
		"and recorded (more stolen cars found, more stops and arrests where the cameras are, a public that "
		"reports more or less), so a change in recorded incidents need not be a change in crime.",
	};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		ae_doc_item(d);
		ae_doc_put(d, fixed[i]);
		ae_doc_item_end(d);
	}
	ae_doc_item(d);
	ae_doc_putf(d,
		    "The window and the unit: incidents are counted per area and %s (local %s of the study's time "
		    "zone) from %s to %s. An effect that takes longer to appear, or fades before the window ends, "
		    "is not seen in full; areas are as the study's neighbourhoods draw them, and a change confined to "
		    "a few streets is diluted over the whole area.",
		    unit_word(b, 0), strcmp(unit_word(b, 0), "week") == 0 ? "ISO weeks" : "calendar months",
		    f->nperiods ? f->period[0] : "", f->nperiods ? f->period[f->nperiods - 1] : "");
	ae_doc_item_end(d);
	if (f->nrole[ER_LEFT_EARLY]) {
		ae_doc_item(d);
		ae_doc_put(d, "Areas left out because they got cameras in or before the window's first ");
		ae_doc_put(d, unit_word(b, 0));
		ae_doc_put(d, ", so there is nothing before to compare with (");
		put_count(b, (double)f->nrole[ER_LEFT_EARLY]);
		ae_doc_put(d, ")");
		name_areas(b, ER_LEFT_EARLY);
		ae_doc_put(d, ".");
		ae_doc_item_end(d);
	}
	if (f->nrole[ER_LEFT_NO_DATA]) {
		ae_doc_item(d);
		ae_doc_put(d, "Areas left out because they had no incident in the window, so the model can say "
			      "nothing about them (");
		put_count(b, (double)f->nrole[ER_LEFT_NO_DATA]);
		ae_doc_put(d, ")");
		name_areas(b, ER_LEFT_NO_DATA);
		ae_doc_put(d, ".");
		ae_doc_item_end(d);
	}
	if (f->nrole[ER_LEFT_UNKNOWN]) {
		ae_doc_item(d);
		ae_doc_put(d, "Incidents with no area (no area column value, and no position inside a boundary) are "
			      "left out: they cannot be placed with or without cameras.");
		ae_doc_item_end(d);
	}
	cell_counts(b, 1);
	cell_counts(b, 0);
	ae_doc_list_end(d);
	ae_doc_para(d);
	ae_doc_put(d, "The report's crime_areas.csv lists every area with its treatment start and its part in the "
		      "comparison, and crime_panel.csv every area's incidents in every period, so each count can be "
		      "checked by hand.");
	ae_doc_para_end(d);
}

static void literature(brief *b)
{
	ae_doc *d = &b->d;
	/* a literature table: on screen, not in the print (which points to it) */
	ae_doc_raw(d,
		   "<p class=\"print-only\">What published evaluations of plate readers found about crime is in "
		   "report.html.</p>\n<div class=\"detail\">\n",
		   NULL);
	ae_doc_h3(d, "What published evaluations found");
	ae_doc_para(d);
	ae_doc_put(d, "Most were randomized trials of LPRs on patrol in crime hot spots, not of fixed cameras "
		      "across a city; they set this city's estimate in context, they do not replace it.");
	ae_doc_para_end(d);
	static const char *const heads[] = {"Study", "Design", "Finding"};
	ae_doc_table_open(d, "lll", heads);
	for (size_t i = 0; i < sizeof studies / sizeof studies[0]; i++) {
		ae_doc_row_open(d);
		for (int j = 0; j < 3; j++)
			ae_doc_cell_text(d, studies[i][j]);
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);
	ae_doc_raw(d, "</div>\n", NULL);
}

void ae_effect_section(brief *b)
{
	if (!inputs_missing(b)) {
		estimate(b);
		per_type(b);
		charts(b);
		limits(b);
	}
	literature(b); /* what is known elsewhere, with or without this city's data */
}
