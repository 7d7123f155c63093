/* governance.c — see governance.h. Every share is exact (method none): the
 * audit log is the whole record. Quantiles are type 7 (linear between order
 * statistics, numpy's default). */
#include "governance.h"
#include "brief.h"
#include "aggregate.h"
#include "gov_classify.h"
#include <stdlib.h>
#include <string.h>

static void count_row(ae_table *t, const char *m, const char *dim, const char *g, double n)
{
	ae_row *r = ae_table_add(t, m, dim, g, "none");
	r->est = n;
}

static void share_row(ae_table *t, const char *m, const char *dim, const char *g, double num, double den)
{
	ae_row *r = ae_table_add(t, m, dim, g, "none");
	r->num = num;
	r->den = den;
	r->est = den > 0 ? num / den : NAN;
}

/* A user or a (user, query) pair and its searches. */
typedef struct key_stat {
	uint64_t k[4];
	size_t n;
	int64_t first, last;
	int with_case;
} key_stat;

static int cmp_key(const void *a, const void *b)
{
	const key_stat *x = a, *y = b;
	for (int i = 0; i < 4; i++)
		if (x->k[i] != y->k[i])
			return x->k[i] < y->k[i] ? -1 : 1;
	return 0;
}

static int cmp_n_desc(const void *a, const void *b)
{
	size_t x = ((const key_stat *)a)->n, y = ((const key_stat *)b)->n;
	return (x < y) - (x > y);
}

/* Sorts keys and folds equal ones; returns the number of distinct keys. */
static size_t fold(key_stat *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_key);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k && cmp_key(&v[k - 1], &v[i]) == 0) {
			key_stat *d = &v[k - 1];
			d->n += v[i].n;
			d->first = v[i].first < d->first ? v[i].first : d->first;
			d->last = v[i].last > d->last ? v[i].last : d->last;
			d->with_case |= v[i].with_case;
		} else {
			v[k++] = v[i];
		}
	}
	return k;
}

/* "HH:MM-HH:MM" into minutes of the day; -1 when not that form. */
static int parse_hours(const char *s, int *from, int *to)
{
	int h1, m1, h2, m2, used = 0;
	if (!s || sscanf(s, " %2d:%2d - %2d:%2d %n", &h1, &m1, &h2, &m2, &used) != 4 || s[used] || h1 > 24 || h2 > 24 ||
	    m1 > 59 || m2 > 59 || h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0)
		return -1;
	*from = h1 * 60 + m1;
	*to = h2 * 60 + m2;
	return *from > 1440 || *to > 1440 ? -1 : 0;
}

static int in_window(int minute, int from, int to)
{
	return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

int ae_governance_build(const ae_study *st, const struct ae_agg *a, ae_table *t, ae_handover *h, ae_error *err)
{
	(void)h;
	const ae_search *s = a->searches;
	size_t n = a->nsearches;
	double N = (double)n;
	int from, to;
	if (parse_hours(st->after_hours, &from, &to))
		return ae_fail(err, AE_EUSAGE, "%s: after_hours: '%s' is not HH:MM-HH:MM", st->file,
			       st->after_hours ? st->after_hours : "");
	if (st->agency_state && *st->agency_state && !ae_state_code(st->agency_state, strlen(st->agency_state)))
		return ae_fail(err, AE_EUSAGE, "%s: agency_state: '%s' is not a state", st->file, st->agency_state);
	long days[AE_STUDY_MAX_DAYS];
	size_t ndays;
	int rc = ae_study_days(st, days, &ndays, err);
	if (rc)
		return rc;
	ae_orgrules *rules;
	char msg[256];
	if (ae_orgrules_load(st->organization_rules, &rules, msg, sizeof msg))
		return ae_fail(err, AE_EIO, "%s", msg);

	/* searches: all, month, search_type, reason_class, organization_class */
	count_row(t, AE_M(searches), "all", "all", N);
	double *per_month = ae_calloc(a->nmonths ? a->nmonths : 1, sizeof *per_month);
	uint32_t ntypes = ae_strtab_count(a->search_types), norgs = ae_strtab_count(a->search_orgs);
	double *per_type = ae_calloc((size_t)ntypes + 1, sizeof *per_type); /* last: no type given */
	int *org_class = ae_malloc(((size_t)norgs + 1) * sizeof *org_class);
	for (uint32_t o = 0; o < norgs; o++) {
		ae_orgclass oc;
		const char *name = ae_strtab_name(a->search_orgs, o);
		org_class[o] =
			ae_org_classify(rules, name, strlen(name), NULL, st->agency_state, &oc) ? ORG_UNKNOWN : oc.cls;
	}
	ae_orgrules_free(rules);
	double per_reason[RS_COUNT] = {0}, per_org[ORG_COUNT] = {0};
	double no_case = 0, flagged = 0, after = 0, with_window = 0, multi = 0, with_networks = 0;
	double present[5] = {0};
	double *lookback = ae_malloc((n ? n : 1) * sizeof *lookback), *window = ae_malloc((n ? n : 1) * sizeof *window);
	double *nets = ae_malloc((n ? n : 1) * sizeof *nets), *devs = ae_malloc((n ? n : 1) * sizeof *devs);
	size_t nlook = 0, nwin = 0, nnets = 0, ndevs = 0, nusers = 0, npairs = 0;
	key_stat *users = ae_malloc((n ? n : 1) * sizeof *users), *pairs = ae_malloc((n ? n : 1) * sizeof *pairs);
	for (size_t i = 0; i < n; i++) {
		const ae_search *x = &s[i];
		per_month[x->month]++;
		per_type[x->type == AE_NO_LINK ? ntypes : x->type]++;
		per_reason[x->reason_class]++;
		per_org[x->org == AE_NO_LINK ? ORG_UNKNOWN : org_class[x->org]]++;
		no_case += !(x->has & AE_SH_CASE) && x->reason_class != RS_CASE_NUMBER_ONLY;
		flagged += x->flagged;
		after += in_window(x->local_minute, from, to);
		if (x->wstart != AE_NO_TIME) {
			with_window++;
			lookback[nlook++] = (double)(x->t - x->wstart) / 86400.0;
			if (x->wend != AE_NO_TIME)
				window[nwin++] = (double)(x->wend - x->wstart) / 86400.0;
		}
		if (x->networks >= 0) {
			with_networks++;
			multi += x->networks > 1;
			nets[nnets++] = x->networks;
		}
		if (x->devices >= 0)
			devs[ndevs++] = x->devices;
		present[0]++;
		present[1] += (x->has & AE_SH_QUERY) != 0;
		present[2] += (x->has & AE_SH_USER) != 0;
		present[3] += (x->has & AE_SH_ORG) != 0;
		present[4] += (x->has & AE_SH_REASON) != 0;
		if (x->has & AE_SH_USER) {
			key_stat u = {{x->user[0], x->user[1], 0, 0}, 1, x->t, x->t, 0};
			users[nusers++] = u;
			if (x->has & AE_SH_QUERY) {
				key_stat p = {{x->user[0], x->user[1], x->query[0], x->query[1]},
					      1,
					      x->t,
					      x->t,
					      (x->has & AE_SH_CASE) != 0};
				pairs[npairs++] = p;
			}
		}
	}
	for (uint32_t m = 0; m < a->nmonths; m++) {
		int64_t k = a->start_month + m;
		char g[16];
		snprintf(g, sizeof g, "%04d-%02d", (int)(k / 12), (int)(k % 12) + 1);
		count_row(t, AE_M(searches), "month", g, per_month[m]);
	}
	/* search types in byte order of their names; searches with none last, as "unknown" */
	const char **names = ae_malloc(((size_t)ntypes + 1) * sizeof *names);
	for (uint32_t k = 0; k < ntypes; k++)
		names[k] = ae_strtab_name(a->search_types, k);
	qsort(names, ntypes, sizeof *names, cmp_str);
	uint32_t unk = ae_strtab_find(a->search_types, "unknown", 7); /* a type spelt "unknown" takes the rest */
	if (unk != UINT32_MAX) {
		per_type[unk] += per_type[ntypes];
		per_type[ntypes] = 0;
	}
	for (uint32_t k = 0; k < ntypes; k++)
		count_row(t, AE_M(searches), "search_type", names[k],
			  per_type[ae_strtab_find(a->search_types, names[k], strlen(names[k]))]);
	if (per_type[ntypes] > 0)
		count_row(t, AE_M(searches), "search_type", "unknown", per_type[ntypes]);
	free(names);
	for (int c = 0; c < RS_COUNT; c++)
		count_row(t, AE_M(searches), "reason_class", ae_reason_class_names[c], per_reason[c]);
	for (int c = 0; c < ORG_COUNT; c++)
		count_row(t, AE_M(searches), "organization_class", ae_org_class_names[c], per_org[c]);

	for (int c = 0; c < RS_COUNT; c++)
		share_row(t, AE_M(search_reason_share), "reason_class", ae_reason_class_names[c], per_reason[c], N);
	share_row(t, AE_M(searches_without_case_share), "all", "all", no_case, N);
	share_row(t, AE_M(searches_flagged_share), "all", "all", flagged, N);
	share_row(t, AE_M(searches_after_hours_share), "all", "all", after, N);

	/* users */
	nusers = fold(users, nusers);
	count_row(t, AE_M(search_users), "all", "all", (double)nusers);
	qsort(users, nusers, sizeof *users, cmp_n_desc);
	double top = 0;
	for (size_t i = 0; i < nusers && i < 10; i++)
		top += (double)users[i].n;
	share_row(t, AE_M(searches_top10_users_share), "all", "all", top, N);
	double *per_user = ae_malloc((nusers ? nusers : 1) * sizeof *per_user);
	for (size_t i = 0; i < nusers; i++)
		per_user[i] = (double)users[i].n;
	ae_table_quantiles(t, AE_M(searches_per_user), per_user, nusers);
	free(per_user);

	/* how far back */
	ae_table_quantiles(t, AE_M(search_lookback_days), lookback, nlook);
	for (size_t k = 0; k < ndays; k++) {
		double over = 0;
		for (size_t i = 0; i < nlook; i++)
			over += lookback[i] > (double)days[k];
		char g[24];
		snprintf(g, sizeof g, "%ld", days[k]);
		share_row(t, AE_M(searches_lookback_over), "days", g, over, with_window);
	}
	ae_table_quantiles(t, AE_M(search_window_days), window, nwin);
	share_row(t, AE_M(searches_multi_network_share), "all", "all", multi, with_networks);
	ae_table_quantiles(t, AE_M(search_networks), nets, nnets);
	ae_table_quantiles(t, AE_M(search_devices), devs, ndevs);

	static const char *const fields[] = {"timestamp", "query", "user", "organization", "reason"};
	for (int f = 0; f < 5; f++)
		share_row(t, AE_M(access_log_complete_share), "field", fields[f], present[f], N);

	/* (user, query) pairs: 3 or more searches over 14 days or more, no case number on any */
	npairs = fold(pairs, npairs);
	double repeat = 0;
	for (size_t i = 0; i < npairs; i++)
		repeat += pairs[i].n >= 3 && pairs[i].last - pairs[i].first >= 14 * 86400 && !pairs[i].with_case;
	count_row(t, AE_M(repeat_target_pairs), "all", "all", repeat);

	free(per_month);
	free(per_type);
	free(org_class);
	free(lookback);
	free(window);
	free(nets);
	free(devs);
	free(users);
	free(pairs);
	return AE_OK;
}

/* The audit log in a paragraph of the summary: how much searching, how
 * much of it gives no reason a reviewer could check, and how far back it
 * reached. Shares are exact (the log is the whole record), so no interval. */
void ae_governance_summary(brief *b)
{
	ae_doc *d = &b->d;
	const ae_row *n = brief_find(b, AE_M(searches), "all", "all", NULL);
	if (!n)
		return;
	ae_doc_para(d);
	brief_sentence(b, "The search audit log records ", n, FIG_COUNT,
		       " searches of the stored reads in the study period");
	brief_sentence(b, ", run by ", brief_find(b, AE_M(search_users), "all", "all", NULL), FIG_COUNT, " users");
	ae_doc_put(d, ". ");
	brief_sentence(b, "The share of searches with no case number, neither in its field nor as the whole reason, is ",
		       brief_find(b, AE_M(searches_without_case_share), "all", "all", NULL), FIG_PCT, "; ");
	brief_sentence(b, "the share whose stated reason was blank is ",
		       brief_find(b, AE_M(search_reason_share), "reason_class", "blank", NULL), FIG_PCT, ", ");
	brief_sentence(b, "vague (a word such as \"check\" or \"test\", or two characters or fewer) ",
		       brief_find(b, AE_M(search_reason_share), "reason_class", "vague", NULL), FIG_PCT, ", and ");
	brief_sentence(b, "the bare word \"investigation\" or the like ",
		       brief_find(b, AE_M(search_reason_share), "reason_class", "generic_investigation", NULL), FIG_PCT,
		       ". ");
	brief_sentence(b, "The share whose reason names immigration enforcement (the study's flag terms) is ",
		       brief_find(b, AE_M(searches_flagged_share), "all", "all", NULL), FIG_PCT, ". ");
	brief_sentence(b,
		       "Of the searches that record the period they asked for, the share reaching back more than a "
		       "month (thirty days) is ",
		       brief_find(b, AE_M(searches_lookback_over), "days", "30", NULL), FIG_PCT,
		       " (a requested period is not proof that reads that old were returned). ");
	brief_sentence(b, "The ten most active users ran a share of ",
		       brief_find(b, AE_M(searches_top10_users_share), "all", "all", NULL), FIG_PCT,
		       " of all searches.");
	ae_doc_para_end(d);
}
