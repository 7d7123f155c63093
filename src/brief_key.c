/* brief_key.c — the briefing's first page: key findings in plain words, then
 * what the briefing does not cover and why. A committee member reads this
 * and stops; everything after it is the detail behind it.
 *
 * Each number here is a row of the metrics table, like every other figure:
 * the span carries the row's line and the form it was put in (data-form:
 * count, percent, one-in, ratio), so a test can recompute the words from
 * metrics.csv alone. Figures keep two significant digits: a committee cannot
 * use a third, and the intervals are wider than it. */
#include "brief.h"
#include "labels.h"
#include "metric_list.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

enum key_form { KEY_COUNT, KEY_PERCENT, KEY_ONE_IN, KEY_RATIO };
static const char *const form_name[] = {"count", "percent", "one-in", "ratio"};

void brief_sig2(char *out, size_t n, double v)
{
	if (!(v > 0) || !isfinite(v)) {
		ae_num_fixed(out, n, v, 0, 1);
		return;
	}
	int p = (int)floor(log10(v));
	if (p >= 2) {
		double unit = pow(10, p - 1);
		ae_num_fixed(out, n, round(v / unit) * unit, 0, 1);
	} else {
		ae_num_fixed(out, n, v, 1 - p, 1);
	}
}

/* A row the key findings can state: there, not suppressed, a finite estimate. */
static int usable(const ae_row *r) { return r && strcmp(r->method, "suppressed") != 0 && isfinite(r->est); }

static int has_range(const ae_row *r)
{
	return strcmp(r->method, "none") != 0 && isfinite(r->lo) && isfinite(r->hi) && r->hi > r->lo;
}

/* One value in a form: "150,000", "21 %", "1 in 280", "1.5 times". */
static void form_text(char *out, size_t n, double v, int form)
{
	char s[48];
	switch (form) {
	case KEY_PERCENT:
		brief_sig2(s, sizeof s, v * 100);
		snprintf(out, n, "%s %%", s);
		break;
	case KEY_ONE_IN:
		brief_sig2(s, sizeof s, 1 / v);
		snprintf(out, n, "1 in %s", s);
		break;
	case KEY_RATIO:
		brief_sig2(s, sizeof s, v);
		snprintf(out, n, "%s times", s);
		break;
	default: /* a count under 100 is exact: "8 federal agencies", not "8.0" */
		if (v < 100)
			ae_num_fixed(s, sizeof s, v, 0, 1);
		else
			brief_sig2(s, sizeof s, v);
		snprintf(out, n, "%s", s);
	}
}

typedef struct keyctx {
	brief *b;
	int explained;      /* the sentence on what a range means is written once, after the first range */
	const char *method; /* the first range's method: what that sentence says it allows for */
} keyctx;

/* The row's figure in a form, marked with its line and form, then its
 * citation. With range, the interval in words: "(between 1 in 670 and 1 in
 * 110)"; a one-in range runs from the low rate's "1 in" to the high one's. */
static void key_fig_unit(keyctx *k, const ae_row *r, int form, int range, const char *unit)
{
	brief *b = k->b;
	char e[80], lo[80], hi[80];
	form_text(e, sizeof e, r->est, form);
	ae_buf_printf(&b->d.html, "<span class=\"fig\" data-line=\"%zu\" data-form=\"%s\">", brief_line(b, r),
		      form_name[form]);
	ae_doc_put(&b->d, e);
	if (unit)
		ae_doc_put(&b->d, unit);
	int ranged = range && has_range(r) && !(form == KEY_ONE_IN && !(r->est > 0));
	if (ranged) {
		if (form == KEY_ONE_IN && !(r->lo > 0)) {
			form_text(hi, sizeof hi, r->hi, form);
			ae_doc_putf(&b->d, " (at most %s)", hi);
		} else {
			form_text(lo, sizeof lo, r->lo, form);
			form_text(hi, sizeof hi, r->hi, form);
			ae_doc_putf(&b->d, " (between %s and %s)", lo, hi);
		}
	}
	ae_doc_raw(&b->d, "</span>", " ");
	brief_cite(b, r);
	if (ranged && !k->explained) {
		k->explained = 1; /* explained at the end of this finding */
		k->method = r->method;
	}
}

static void key_fig(keyctx *k, const ae_row *r, int form, int range) { key_fig_unit(k, r, form, range, NULL); }

/* Opens a finding with its subject in bold, for a reader who scans. */
static void finding(keyctx *k, const char *subject)
{
	ae_doc_item(&k->b->d);
	ae_doc_raw(&k->b->d, "<strong>", "**");
	ae_doc_put(&k->b->d, subject);
	ae_doc_raw(&k->b->d, "</strong> ", "** ");
}

/* Ends a finding; after the first one with a range, one sentence on what a range means. */
static void finding_end(keyctx *k)
{
	if (k->explained == 1) {
		k->explained = 2;
		const char *m = k->method, *why;
		if (strcmp(m, "cluster_plate") == 0)
			why = "allowing for the same car being read, and raising alerts, again and again";
		else if (strstr(m, "days"))
			why = "allowing for counts that swing from day to day";
		else if (strstr(m, "area"))
			why = "allowing for how much areas differ from one another";
		else
			why = "counting each record as independent";
		ae_doc_putf(&k->b->d,
			    " A range in brackets is a %s %% interval: the values the records are consistent with, %s.",
			    k->b->conf, why);
	}
	ae_doc_item_end(&k->b->d);
}

/* "about " when the two digits shown are not the whole count. */
static void about(keyctx *k, const ae_row *r)
{
	char s[64], x[64];
	brief_sig2(s, sizeof s, r->est);
	ae_num_fixed(x, sizeof x, r->est, 0, 1);
	if (strcmp(s, x) != 0)
		ae_doc_put(&k->b->d, "about ");
}

/* A table code in the words the charts use for it (labels.c). */
static void put_label(brief *b, const char *dim, const char *code)
{
	char w[128];
	ae_doc_put(&b->d, ae_label_plain(dim, code, w, sizeof w));
}

static const ae_row *clustered(const brief *b, const char *m, const char *dim, const char *g)
{
	const ae_row *r = brief_find(b, m, dim, g, "cluster_plate");
	return r ? r : brief_find(b, m, dim, g, NULL);
}

static int key_reads(keyctx *k)
{
	brief *b = k->b;
	const ae_row *reads = brief_find(b, AE_M(reads), "all", "all", NULL);
	const ae_row *veh = brief_find(b, AE_M(distinct_plates), "all", "all", NULL);
	if (!usable(reads))
		return 0;
	finding(k, "Reads and alerts.");
	ae_doc_put(&b->d, "The cameras read plates ");
	about(k, reads);
	key_fig(k, reads, KEY_COUNT, 0);
	ae_doc_put(&b->d, " times");
	if (usable(veh)) {
		ae_doc_put(&b->d, ", of ");
		about(k, veh);
		key_fig(k, veh, KEY_COUNT, 0);
		ae_doc_put(&b->d, " different vehicles");
	}
	ae_doc_put(&b->d, ".");
	const ae_row *rate = clustered(b, AE_M(hit_rate), "all", "all");
	const ae_row *hits = brief_find(b, AE_M(hits), "all", "all", NULL);
	if (b->hits && usable(rate) && rate->est > 0) {
		ae_doc_put(&b->d, " About ");
		key_fig_unit(k, rate, KEY_ONE_IN, 1, " reads");
		ae_doc_put(&b->d, " raised an alert");
		if (usable(hits)) {
			ae_doc_put(&b->d, ", ");
			about(k, hits);
			key_fig(k, hits, KEY_COUNT, 0);
			ae_doc_put(&b->d, " alerts in all");
		}
		ae_doc_put(&b->d, "; the other reads raised no alert.");
	}
	finding_end(k);
	return 1;
}

/* The two hotlists with the most alerts, then how many alerts were wrong. */
static int key_wrong(keyctx *k)
{
	brief *b = k->b;
	if (!b->hits)
		return 0;
	const ae_row *top[2] = {NULL, NULL};
	for (size_t i = 0; i < b->t->n; i++) {
		const ae_row *r = &b->t->rows[i];
		if (strcmp(r->metric, AE_M(hits)) || strcmp(r->dimension, "hotlist") || !usable(r) || !(r->est > 0))
			continue;
		if (!top[0] || r->est > top[0]->est) {
			top[1] = top[0];
			top[0] = r;
		} else if (!top[1] || r->est > top[1]->est) {
			top[1] = r;
		}
	}
	const ae_row *fp = clustered(b, AE_M(false_positive_rate), "all", "all");
	const ae_row *unv = clustered(b, AE_M(disposition_share), "disposition", "unverified");
	if (!top[0] && !usable(fp))
		return 0;
	finding(k, "Wrong alerts.");
	if (top[0]) {
		ae_doc_put(&b->d, "The most alerts came from the ");
		put_label(b, "hotlist", top[0]->group);
		ae_doc_put(&b->d, " hotlist (");
		about(k, top[0]);
		key_fig(k, top[0], KEY_COUNT, 0);
		ae_doc_put(&b->d, ")");
		if (top[1]) {
			ae_doc_put(&b->d, ", then ");
			put_label(b, "hotlist", top[1]->group);
			ae_doc_put(&b->d, " (");
			about(k, top[1]);
			key_fig(k, top[1], KEY_COUNT, 0);
			ae_doc_put(&b->d, ")");
		}
		ae_doc_put(&b->d, ". ");
	}
	if (usable(fp)) {
		ae_doc_put(&b->d, "Of the alerts whose check was recorded, ");
		key_fig(k, fp, KEY_PERCENT, 1);
		ae_doc_put(&b->d, " were wrong: ");
		brief_fp_set_words(b);
		ae_doc_put(&b->d, ".");
	}
	if (usable(unv)) {
		ae_doc_put(&b->d, " Another ");
		key_fig(k, unv, KEY_PERCENT, 1);
		ae_doc_put(&b->d, " of all alerts were never checked, so whether they were right is unknown.");
	}
	finding_end(k);
	return 1;
}

static int key_outcomes(keyctx *k)
{
	brief *b = k->b;
	const ae_row *enf = clustered(b, AE_M(enforcement_yield), "all", "all");
	const ae_row *any = clustered(b, AE_M(outcome_yield), "all", "all");
	if (!b->hits || !b->outcomes || !usable(enf))
		return 0;
	finding(k, "What alerts led to.");
	key_fig(k, enf, KEY_PERCENT, 1);
	ae_doc_put(&b->d, " of alerts led to an enforcement outcome (");
	for (int o = 0, n = 0; o < OT_COUNT; o++)
		if (b->st->enforcement_mask >> o & 1) {
			ae_doc_put(&b->d, n++ ? " or " : "");
			put_label(b, "outcome", ae_outcome_names[o]);
		}
	ae_doc_put(&b->d, ")");
	if (usable(any)) {
		ae_doc_put(&b->d, "; ");
		key_fig(k, any, KEY_PERCENT, 1);
		ae_doc_put(&b->d, " were linked to any recorded outcome, warnings and \"no action\" included");
	}
	ae_doc_put(&b->d, ".");
	finding_end(k);
	return 1;
}

static int key_tracking(keyctx *k)
{
	brief *b = k->b;
	const ae_row *tr = brief_find(b, AE_M(tracked_plates_share), "all", "all", NULL);
	const ae_row *once = brief_find(b, AE_M(plates_seen_once_share), "all", "all", NULL);
	if (!usable(tr))
		return 0;
	finding(k, "Tracking.");
	key_fig(k, tr, KEY_PERCENT, 0);
	ae_doc_putf(&b->d, " of vehicles were read by %ld or more different cameras", b->st->tracked_cameras);
	if (usable(once)) {
		ae_doc_put(&b->d, "; ");
		key_fig(k, once, KEY_PERCENT, 0);
		ae_doc_put(&b->d, " were read only once");
	}
	ae_doc_put(&b->d, ".");
	finding_end(k);
	return 1;
}

/* The most-read area (not a small one) and the group whose average member
 * lives in the most-read areas: place-based, as the reads are counted where
 * the cameras are. */
static int key_where(keyctx *k)
{
	brief *b = k->b;
	if (!b->hoods)
		return 0;
	const ae_row *area = NULL, *grp = NULL;
	for (uint32_t n = 0; b->ar && n < b->ar->n; n++) {
		if (brief_is_small(b, n))
			continue;
		const ae_row *r = brief_find(b, AE_M(exposure_ratio), "neighborhood", brief_area_name(b, n), NULL);
		if (usable(r) && (!area || r->est > area->est))
			area = r;
	}
	for (size_t i = 0; i < b->t->n; i++) {
		const ae_row *r = &b->t->rows[i];
		if (!strcmp(r->metric, AE_M(disparity_ratio)) && !strcmp(r->dimension, "group") && usable(r) &&
		    (!grp || r->est > grp->est))
			grp = r;
	}
	if (!area && !grp)
		return 0;
	finding(k, "Where reads fall.");
	ae_doc_put(&b->d, "Unevenly.");
	if (area && area->est > 1) {
		ae_doc_put(&b->d, " ");
		ae_doc_put(&b->d, area->group);
		ae_doc_put(&b->d, "'s share of the reads is ");
		key_fig(k, area, KEY_RATIO, 0);
		ae_doc_put(&b->d, " its share of the city's residents.");
	}
	if (grp && grp->est > 1) {
		ae_doc_put(&b->d, " The average ");
		put_label(b, "group", grp->group);
		ae_doc_put(&b->d, " resident lives in an area read ");
		key_fig(k, grp, KEY_RATIO, 0);
		ae_doc_put(&b->d, " as much as the average resident's. Reads are counted where cameras are, not "
				  "where people live or drive, so this describes places, not people.");
	}
	finding_end(k);
	return 1;
}

static int key_crime(keyctx *k)
{
	brief *b = k->b;
	const ae_row *r = brief_find(b, AE_M(crime_effect_ratio), "all", "all", NULL);
	if (!usable(r))
		return 0;
	finding(k, "Crime.");
	ae_doc_put(&b->d, "After their first camera, the areas with cameras had ");
	key_fig(k, r, KEY_PERCENT, 1);
	ae_doc_put(&b->d, " of the reported incidents expected there without cameras. This compares areas; it is "
			  "not a trial, and the section on crime says what it cannot show.");
	finding_end(k);
	return 1;
}

static int key_oversight(keyctx *k)
{
	brief *b = k->b;
	const ae_row *s = brief_find(b, AE_M(searches), "all", "all", NULL);
	const ae_row *nocase = brief_find(b, AE_M(searches_without_case_share), "all", "all", NULL);
	const ae_row *out = brief_find(b, AE_M(sharing_organizations), "direction", "outbound", NULL);
	const ae_row *fed = brief_find(b, AE_M(sharing_organizations), "direction_class", "outbound:federal", NULL);
	int srch = usable(s) && usable(nocase), shr = usable(out);
	if (!srch && !shr)
		return 0;
	finding(k, "Searches and sharing.");
	if (srch) {
		ae_doc_put(&b->d, "Of ");
		about(k, s);
		key_fig(k, s, KEY_COUNT, 0);
		ae_doc_put(&b->d, " searches of the stored reads, ");
		key_fig(k, nocase, KEY_PERCENT, 0);
		ae_doc_put(&b->d, " gave no case number.");
	}
	if (shr) {
		ae_doc_put(&b->d, srch ? " " : "");
		key_fig(k, out, KEY_COUNT, 0);
		ae_doc_put(&b->d, " organizations receive this agency's detections");
		if (usable(fed)) {
			ae_doc_put(&b->d, ", ");
			key_fig(k, fed, KEY_COUNT, 0);
			ae_doc_put(&b->d, " of them federal agencies (active ones)");
		}
		ae_doc_put(&b->d, ".");
	}
	finding_end(k);
	return 1;
}

/* At most six findings: the list stops there, in this order of what a
 * committee asks first. */
static int (*const findings[])(keyctx *) = {key_reads,    key_wrong, key_outcomes, key_crime,
					    key_tracking, key_where, key_oversight};

/* One line of "not covered": what is missing, then what would answer it. */
static void missing(brief *b, const char *what, const char *why)
{
	ae_doc_item(&b->d);
	ae_doc_raw(&b->d, "<strong>", "**");
	ae_doc_put(&b->d, what);
	ae_doc_raw(&b->d, "</strong>", "**");
	ae_doc_put(&b->d, ": ");
	ae_doc_put(&b->d, why);
	ae_doc_item_end(&b->d);
}

static void not_covered(brief *b)
{
	const ae_study *st = b->st;
	ae_doc_h3(&b->d, "What this briefing does not cover, and why");
	ae_doc_list(&b->d);
	if (!st->input[TB_READS].present)
		missing(b, "How many plates were read, and the alert rate",
			"the study has no read log (the [reads] input): the vendor's detection export answers it.");
	if (!st->input[TB_HITS].present)
		missing(b, "Alerts and how many were wrong",
			"no alerts file (the [hits] input): the vendor's hit or alert report with what checking "
			"found answers it.");
	if (!st->input[TB_OUTCOMES].present)
		missing(b, "What alerts led to",
			"no outcomes file (the [outcomes] input): arrests, recoveries and citations linked to alerts "
			"answer it.");
	if (!b->hoods)
		missing(b, "Who is read where",
			"no neighbourhoods table with residents (the [neighborhoods] input), or no read log to count "
			"in it.");
	if (!st->input[TB_SEARCHES].present)
		missing(b, "Who searched the stored reads, and why",
			"no search audit log (the [searches] input): Flock's and Vigilant's audit exports answer it.");
	if (!st->input[TB_SHARING].present)
		missing(b, "Who receives this agency's data",
			"no sharing list (the [sharing] input): the vendor's share-settings export answers it.");
	if (!st->input[TB_INCIDENTS].present || !st->effect_present)
		missing(b, "Whether crime changed where cameras went up",
			"no incident file with an [effect] section: the city's open crime export and the dates "
			"areas got cameras answer it.");
	if (st->retention_days <= 0)
		missing(b, "What the retention policy keeps",
			"the study gives no retention_days: the agency's policy or the vendor's setting answers it.");
	if (!st->has_cost && st->input[TB_OUTCOMES].present)
		missing(b, "Cost per outcome", "the study gives no programme cost (cost).");
	missing(b, "Stops, harm and court results",
		b->hits ? "no input records whether a stop after an alert was lawful, who was stopped at gunpoint, or "
			  "what came of an arrest in court; the wrong-alert share above is the nearest measure."
			: "no input records whether a stop after an alert was lawful, who was stopped at gunpoint, or "
			  "what came of an arrest in court.");
	ae_doc_list_end(&b->d);
}

void brief_key_findings(brief *b)
{
	keyctx k = {b, 0, NULL};
	ae_doc_raw(&b->d, "<section id=\"key-findings\" class=\"key\">\n<h2>", "## ");
	ae_doc_put(&b->d, "Key findings");
	ae_doc_raw(&b->d, "</h2>\n", "\n\n");
	ae_doc_list(&b->d);
	int n = 0;
	for (size_t i = 0; i < sizeof findings / sizeof findings[0] && n < 6; i++)
		n += findings[i](&k);
	ae_doc_list_end(&b->d);
	if (!n) {
		ae_doc_para(&b->d);
		ae_doc_put(&b->d, "The study's inputs give no finding to state here; the sections below say why.");
		ae_doc_para_end(&b->d);
	}
	not_covered(b);
	ae_doc_section_close(&b->d);
}
