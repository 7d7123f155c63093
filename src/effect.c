/* effect.c — see effect.h. The panel is built here from the incidents of
 * the window; the fits are effect_fit's. Rows per model (all, then each of
 * the study's types): crime_effect_ratio, crime_effect_p, crime_effect_mde;
 * then crime_event_ratio (all only); then crime_pretrend_p per model. A
 * model that cannot be fitted keeps its rows with empty numbers, and says
 * why in metrics.json's notes and the facts. */
#include "effect.h"
#include "effect_fast.h"
#include "effect_event.h"
#include "effect_fit.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ae_effect_role_names[] =
	{"treated", "control", "left_out_treated_before_window", "left_out_no_incidents", "left_out_unknown_area",
	 NULL};

/* ---------------- periods ---------------- */
static long month_key(long day)
{
	int y, m, d;
	ae_civil_from_days(day, &y, &m, &d);
	return (long)y * 12 + (m - 1);
}

/* Monday of the ISO week holding a day (1970-01-01 was a Thursday). */
static long monday(long day) { return ae_monday(day); }

typedef struct periods {
	int week;
	long first_day, last_day;
	long base; /* month key or Monday of the first period */
	size_t n;
} periods;

static void periods_init(periods *p, const ae_study *st)
{
	p->week = strcmp(st->effect_unit, "week") == 0;
	p->first_day = st->effect_start_day;
	p->last_day = st->effect_end_day;
	p->base = p->week ? monday(p->first_day) : month_key(p->first_day);
	p->n = p->week ? (size_t)((monday(p->last_day) - p->base) / 7 + 1)
		       : (size_t)(month_key(p->last_day) - p->base + 1);
}

/* The period holding a local day, which may lie outside the window (negative, or n and more). */
static long period_of(const periods *p, long day)
{
	return p->week ? (monday(day) - p->base) / 7 : month_key(day) - p->base;
}

static char *period_label(const periods *p, size_t k)
{
	char buf[48];
	if (p->week) { /* ISO week: the year of its Thursday */
		ae_iso_week_label(p->base + 7 * (long)k, buf, sizeof buf);
	} else {
		long mk = p->base + (long)k;
		snprintf(buf, sizeof buf, "%04ld-%02ld", mk / 12, mk % 12 + 1);
	}
	return ae_strdup(buf);
}

/* ---------------- the panel ---------------- */
static void build_panel(const ae_study *st, const ae_agg *a, const periods *pd, ae_effect_facts *e)
{
	size_t G = ae_strtab_count(a->incident_areas), P = pd->n;
	e->unit = pd->week ? "week" : "month";
	e->source = a->treat_source == TS_TABLE   ? "treatment table"
		  : a->treat_source == TS_CAMERAS ? "cameras table"
						  : NULL;
	e->nperiods = P;
	e->period = ae_malloc(P * sizeof *e->period);
	for (size_t k = 0; k < P; k++)
		e->period[k] = period_label(pd, k);
	e->nareas = G;
	e->area = ae_malloc((G ? G : 1) * sizeof *e->area);
	e->role = ae_malloc((G ? G : 1) * sizeof *e->role);
	e->start_day = ae_malloc((G ? G : 1) * sizeof *e->start_day);
	e->first = ae_malloc((G ? G : 1) * sizeof *e->first);
	e->y = ae_calloc(G * P + 1, sizeof *e->y);
	e->nmodels = 1 + st->neffect_types;
	e->ytype = ae_calloc(e->nmodels, sizeof *e->ytype);
	uint32_t *type_model = ae_malloc((ae_strtab_count(a->incident_types) + 1) * sizeof *type_model);
	for (uint32_t k = 0; k < ae_strtab_count(a->incident_types); k++)
		type_model[k] = UINT32_MAX;
	for (size_t m = 0; m < st->neffect_types; m++) {
		e->ytype[m] = ae_calloc(G * P + 1, sizeof *e->ytype[m]);
		uint32_t id = ae_strtab_find(a->incident_types, st->effect_types[m], strlen(st->effect_types[m]));
		if (id != UINT32_MAX && type_model[id] == UINT32_MAX)
			type_model[id] = (uint32_t)m;
	}
	/* areas by name in byte order, "unknown" last, as the incidents rows list them */
	uint32_t *order = ae_malloc((G ? G : 1) * sizeof *order), *pos = ae_malloc((G ? G : 1) * sizeof *pos);
	const char **names = ae_malloc((G ? G : 1) * sizeof *names);
	for (uint32_t i = 0; i < G; i++) {
		order[i] = i;
		names[i] = ae_strtab_name(a->incident_areas, i);
	}
	ae_sort_named(order, names, (uint32_t)G, ae_strtab_find(a->incident_areas, "unknown", 7));
	for (uint32_t i = 0; i < G; i++)
		pos[order[i]] = i;
	free(names);
	for (size_t r = 0; r < a->incident_nrec; r++) {
		const ae_incident *in = &a->incident_rec[r];
		long k = period_of(pd, in->day);
		size_t c = (size_t)pos[in->area] * P + (size_t)k;
		e->y[c]++;
		if (in->type != UINT32_MAX && type_model[in->type] != UINT32_MAX)
			e->ytype[type_model[in->type]][c]++;
	}
	free(type_model);
	double *tot = ae_calloc(G + 1, sizeof *tot);
	for (size_t i = 0; i < G; i++)
		for (size_t k = 0; k < P; k++)
			tot[i] += e->y[i * P + k];
	for (uint32_t i = 0; i < G; i++) {
		const char *name = ae_strtab_name(a->incident_areas, order[i]);
		e->area[i] = ae_strdup(name);
		uint32_t t = ae_strtab_find(a->treat_areas, name, strlen(name));
		long sd = t == UINT32_MAX ? LONG_MAX : a->treat_start[t];
		e->start_day[i] = sd == LONG_MAX ? LONG_MIN : sd;
		e->first[i] = -1;
		int role;
		if (strcmp(name, "unknown") == 0 && t == UINT32_MAX)
			role = ER_LEFT_UNKNOWN;
		else if (sd == LONG_MAX || sd > pd->last_day)
			role = ER_CONTROL; /* never treated, or first after the window */
		else if (sd < pd->first_day || period_of(pd, sd) <= 0)
			role = ER_LEFT_EARLY;
		else {
			role = ER_TREATED;
			e->first[i] = (int)period_of(pd, sd);
		}
		if ((role == ER_TREATED || role == ER_CONTROL) && tot[i] == 0) {
			role = ER_LEFT_NO_DATA;
			e->first[i] = -1;
		}
		e->role[i] = role;
		e->nrole[role]++;
	}
	free(tot);
	free(order);
	free(pos);
	/* cohorts and the chart's mean rates */
	e->treated_before = ae_malloc((P ? P : 1) * sizeof(double));
	e->treated_after = ae_malloc((P ? P : 1) * sizeof(double));
	e->control = ae_malloc((P ? P : 1) * sizeof(double));
	for (size_t k = 0; k < P; k++) {
		double sb = 0, sa = 0, sc = 0;
		size_t nb = 0, na = 0, nc = 0;
		for (size_t i = 0; i < G; i++) {
			double v = e->y[i * P + k];
			if (e->role[i] == ER_CONTROL)
				sc += v, nc++;
			else if (e->role[i] == ER_TREATED && (long)k < e->first[i])
				sb += v, nb++;
			else if (e->role[i] == ER_TREATED)
				sa += v, na++;
		}
		e->treated_before[k] = nb ? sb / (double)nb : NAN;
		e->treated_after[k] = na ? sa / (double)na : NAN;
		e->control[k] = nc ? sc / (double)nc : NAN;
	}
	for (size_t k = 0; k < P; k++) {
		int seen = 0;
		for (size_t i = 0; i < G && !seen; i++)
			seen = e->role[i] == ER_TREATED && e->first[i] == (int)k;
		e->ncohorts += (size_t)seen;
	}
}

/* ---------------- the models ---------------- */
/* A design of at most one indicator per area-period (effect_fit.h). */
typedef struct design {
	int *cell; /* G*P, -1 none */
	size_t K;
} design;

/* The event design: relative period r = t - first in [-pre, post] (ends binned), -1 the reference. */
static void event_design(const ae_effect_facts *e, const unsigned char *in, long pre, long post, design *d)
{
	size_t G = e->nareas, P = e->nperiods;
	d->K = (size_t)(pre + post);
	d->cell = ae_malloc((G * P + 1) * sizeof *d->cell);
	for (size_t i = 0; i < G; i++)
		for (size_t t = 0; t < P; t++) {
			int c = -1;
			if (in[i] && e->first[i] >= 0) {
				long r = (long)t - e->first[i];
				r = r < -pre ? -pre : r > post ? post : r;
				if (r != -1)
					c = (int)(r < -1 ? r + pre : r + pre - 1);
			}
			d->cell[i * P + t] = c;
		}
}

typedef struct model_out {
	double ratio, lo, hi; /* NAN: none */
	double se;
	size_t treated, G; /* treated areas and areas in the fit */
	double p, k_extreme, nperm;
	double mde;
	double pre_p, pre_k, pre_df;
	size_t K_event;
	double *event_b, *event_lo, *event_hi; /* K_event each; NAN: not identified */
} model_out;

static void out_init(model_out *o)
{
	memset(o, 0, sizeof *o);
	o->ratio = o->lo = o->hi = o->se = o->p = o->k_extreme = o->nperm = o->mde = NAN;
	o->pre_p = o->pre_k = o->pre_df = NAN;
}

static void out_release(model_out *o)
{
	free(o->event_b);
	free(o->event_lo);
	free(o->event_hi);
}

/* A fit's error as a sentence for the facts and notes; the fits name an area
 * by its index ("jackknife without area N: ..."): here it gets its name. */
static char *reason_named(const ae_error *err, const ae_effect_facts *e)
{
	static const char pre[] = "jackknife without area ";
	const char *m = err->msg;
	char *end;
	if (e && strncmp(m, pre, sizeof pre - 1) == 0) {
		unsigned long i = strtoul(m + sizeof pre - 1, &end, 10);
		if (i < e->nareas && end[0] == ':') {
			size_t n = strlen(e->area[i]) + strlen(end) + 64;
			char *s = ae_malloc(n);
			snprintf(s, n, "leaving out area %s%s", e->area[i], end);
			return s;
		}
	}
	return ae_strdup(m);
}

/* The model of y over the panel's treated and control areas: the ratio and
 * its jackknife interval, the randomization p, the MDE; with event = 1 the
 * event study and its pre-trend test. */
static int estimate(const ae_study *st, const ae_effect_facts *e, const double *y, int event, model_out *o,
		    ae_effect_model *m, ae_error *err);

/* ---------------- rows ---------------- */
/* Metric by metric (the list's order), all and then each type within each. */
static void model_rows(ae_table *t, const ae_study *st, const model_out *out, int metric)
{
	for (size_t k = 0; k <= st->neffect_types; k++) {
		const char *dim = k ? "type" : "all", *g = k ? st->effect_types[k - 1] : "all";
		const model_out *o = &out[k];
		ae_row *r;
		if (metric == 0) {
			r = ae_table_add(t, AE_M(crime_effect_ratio), dim, g, "jackknife_area");
			r->est = o->ratio;
			r->lo = o->lo;
			r->hi = o->hi;
			if (o->G) {
				r->num = (double)o->treated;
				r->den = (double)o->G;
			}
		} else if (metric == 1) {
			r = ae_table_add(t, AE_M(crime_effect_p), dim, g, "none");
			r->est = o->p;
			r->num = o->k_extreme;
			r->den = o->nperm;
		} else if (metric == 2) {
			r = ae_table_add(t, AE_M(crime_effect_mde), dim, g, "none");
			r->est = o->mde;
		} else {
			r = ae_table_add(t, AE_M(crime_pretrend_p), dim, g, "none");
			r->est = o->pre_p;
			r->num = o->pre_k;
			r->den = o->pre_df;
		}
	}
}

static void event_rows(ae_table *t, const ae_study *st, const model_out *o)
{
	for (long rel = -st->effect_pre; rel <= st->effect_post; rel++) {
		char g[24];
		snprintf(g, sizeof g, "%ld", rel);
		if (rel == -1) { /* the reference */
			ae_row *r = ae_table_add(t, AE_M(crime_event_ratio), "event_time", g, "none");
			r->est = 1;
			continue;
		}
		size_t k = (size_t)(rel < -1 ? rel + st->effect_pre : rel + st->effect_pre - 1);
		ae_row *r = ae_table_add(t, AE_M(crime_event_ratio), "event_time", g, "jackknife_area");
		if (o->event_b && k < o->K_event) {
			r->est = o->event_b[k];
			r->lo = o->event_lo[k];
			r->hi = o->event_hi[k];
		}
	}
}

/* ---------------- notes ---------------- */
static void add_notes(ae_handover *h, const ae_effect_facts *e)
{
	if (!h->notes)
		h->notes = json_object();
	json_t *n = json_object();
	json_object_set_new(n, "unit", json_string(e->unit));
	json_object_set_new(n, "treatment_source", e->source ? json_string(e->source) : json_null());
	json_object_set_new(n, "periods", json_integer((json_int_t)e->nperiods));
	json_object_set_new(n, "cohorts", json_integer((json_int_t)e->ncohorts));
	json_t *roles = json_object();
	for (int r = 0; r < ER_COUNT; r++) {
		json_t *names = json_array();
		for (size_t i = 0; i < e->nareas; i++)
			if (e->role[i] == r)
				json_array_append_new(names, json_string(e->area[i]));
		json_object_set_new(roles, ae_effect_role_names[r], names);
	}
	json_object_set_new(n, "areas", roles);
	json_t *models = json_array();
	for (size_t k = 0; k < e->nmodels; k++) {
		const ae_effect_model *m = &e->model[k];
		json_t *o = json_object();
		json_object_set_new(o, "type", json_string(m->type));
		json_object_set_new(o, "not_fitted", m->why_not ? json_string(m->why_not) : json_null());
		json_object_set_new(o, "cells", json_integer((json_int_t)m->cells));
		json_object_set_new(o, "cells_without_incidents", json_integer((json_int_t)m->cells_dropped));
		json_object_set_new(o, "cells_not_identified", json_integer((json_int_t)m->cells_unidentified));
		json_object_set_new(o, "no_interval",
				    m->interval_why_not ? json_string(m->interval_why_not) : json_null());
		json_object_set_new(o, "pretrend_not_tested",
				    m->pretrend_why_not ? json_string(m->pretrend_why_not) : json_null());
		json_array_append_new(models, o);
	}
	json_object_set_new(n, "models", models);
	json_object_set_new(h->notes, "crime_effect", n);
}

/* ---------------- build ---------------- */
int ae_effect_build(const ae_study *st, const ae_agg *a, ae_table *t, ae_handover *h, ae_error *err)
{
	if (!st->input[TB_INCIDENTS].present || !st->effect_present)
		return AE_OK; /* the report says what is not answered */
	periods pd;
	periods_init(&pd, st);
	ae_effect_facts *e = ae_calloc(1, sizeof *e);
	h->effect = e;
	build_panel(st, a, &pd, e);
	e->model = ae_calloc(e->nmodels, sizeof *e->model);
	model_out *out = ae_calloc(e->nmodels, sizeof *out);
	int rc = AE_OK;
	for (size_t k = 0; !rc && k < e->nmodels; k++) {
		ae_effect_model *m = &e->model[k];
		m->type = k ? st->effect_types[k - 1] : "all";
		m->att = NAN;
		out_init(&out[k]);
		ae_error fe = {0};
		if (!e->source)
			m->why_not = ae_strdup(
				"the study gives no treatment dates: a [treatment] table, or cameras with "
				"an installed date and an area");
		else
			rc = estimate(st, e, k ? e->ytype[k - 1] : e->y, k == 0, &out[k], m, &fe);
		if (rc == AE_EDATA) { /* a panel that cannot give the estimate: said, not fatal */
			m->why_not = reason_named(&fe, e);
			rc = AE_OK;
		} else if (rc) {
			*err = fe;
		}
	}
	if (!rc) {
		for (int metric = 0; metric < 3; metric++)
			model_rows(t, st, out, metric);
		event_rows(t, st, &out[0]);
		model_rows(t, st, out, 3);
		add_notes(h, e);
	}
	for (size_t k = 0; k < e->nmodels; k++)
		out_release(&out[k]);
	free(out);
	return rc;
}

void ae_effect_release(ae_handover *h)
{
	ae_effect_facts *e = h->effect;
	if (!e)
		return;
	for (size_t k = 0; k < e->nperiods; k++)
		free(e->period[k]);
	free(e->period);
	for (size_t i = 0; i < e->nareas; i++)
		free(e->area[i]);
	free(e->area);
	free(e->role);
	free(e->start_day);
	free(e->first);
	free(e->y);
	free(e->treated_before);
	free(e->treated_after);
	free(e->control);
	for (size_t k = 0; k < e->nmodels; k++) {
		free(e->model ? e->model[k].perm_att : NULL);
		if (e->model) {
			free((char *)e->model[k].why_not);
			free((char *)e->model[k].pretrend_why_not);
			free((char *)e->model[k].interval_why_not);
		}
		if (k + 1 < e->nmodels)
			free(e->ytype[k]);
	}
	free(e->ytype);
	free(e->model);
	free(e);
	h->effect = NULL;
}

/* ---------------- the two files ---------------- */
int ae_effect_write_panel(const ae_effect_facts *e, FILE *f)
{
	fputs("type,area,period,incidents\n", f);
	for (size_t m = 0; m < e->nmodels; m++) {
		const double *y = m ? e->ytype[m - 1] : e->y;
		for (size_t i = 0; i < e->nareas; i++)
			for (size_t k = 0; k < e->nperiods; k++) {
				ae_csv_field(f, e->model[m].type);
				fputc(',', f);
				ae_csv_field(f, e->area[i]);
				fprintf(f, ",%s,%.0f\n", e->period[k], y[i * e->nperiods + k]);
			}
	}
	return ferror(f) ? -1 : 0;
}

int ae_effect_write_areas(const ae_effect_facts *e, FILE *f)
{
	fputs("area,treatment_start,first_period,role\n", f);
	for (size_t i = 0; i < e->nareas; i++) {
		ae_csv_field(f, e->area[i]);
		fputc(',', f);
		if (e->start_day[i] != LONG_MIN) {
			int y, m, d;
			ae_civil_from_days(e->start_day[i], &y, &m, &d);
			fprintf(f, "%04d-%02d-%02d", y, m, d);
		}
		fprintf(f, ",%s,%s\n", e->first[i] >= 0 ? e->period[e->first[i]] : "", ae_effect_role_names[e->role[i]]);
	}
	return ferror(f) ? -1 : 0;
}

/* The t quantile of the study's level with (treated areas - 1) degrees of
 * freedom, NAN below two. Why not G - 1, as METRICS.md writes it: the
 * leave-one-area-out variance rests mostly on the treated areas, and with
 * few of them t(G - 1) is too small (measured over 200 generated cities with
 * 5 of 80 areas treated: the interval held the planted ratio 90 % of the
 * time; the pre-trend Wald test with F(k, G - 1) rejected in every city
 * with no pre-trend planted, 43 % with 25 treated). */
static double t_treated(double conf, size_t treated)
{
	return treated < 2 ? NAN : gsl_cdf_tdist_Qinv((1 - conf) / 2, (double)(treated - 1));
}

/* The event study: the fit of the event design over areas `in`, its
 * jackknife and the pre-trend test. Fills o's event arrays (when want_rows)
 * and pre-trend figures; a panel that cannot give them says why in m. */
static int event_study(const ae_study *st, const ae_effect_facts *e, const double *y, const unsigned char *in,
		       int want_rows, model_out *o, ae_effect_model *m, ae_error *err)
{
	size_t G = e->nareas, P = e->nperiods;
	design d;
	event_design(e, in, st->effect_pre, st->effect_post, &d);
	unsigned char *reg = ae_calloc(d.K + 1, 1);
	for (size_t c = 0; c < G * P; c++) /* an event time with no area-period in the window is not fitted */
		if (d.cell[c] >= 0)
			reg[d.cell[c]] = 1;
	ae_effect_panel *p = NULL;
	ae_effect_fit *fit = NULL;
	ae_effect_coef_ci *cc = NULL;
	int rc = ae_effect_panel_new_cells(&p, G, P, d.K, y, d.cell, err);
	if (!rc) {
		unsigned char *empty = ae_malloc(d.K + 1);
		ae_effect_empty_cells(p, in, empty); /* no incidents: the coefficient runs to -inf */
		for (size_t k = 0; k < d.K; k++)
			reg[k] = reg[k] && !empty[k];
		free(empty);
		rc = ae_effect_fit_run(p, in, reg, NULL, &fit, err);
	}
	if (!rc)
		rc = ae_effect_jackknife_coef(p, fit, st->confidence, &cc, err);
	if (!rc) {
		if (want_rows) {
			o->K_event = d.K;
			o->event_b = ae_malloc((d.K + 1) * sizeof(double));
			o->event_lo = ae_malloc((d.K + 1) * sizeof(double));
			o->event_hi = ae_malloc((d.K + 1) * sizeof(double));
			double t = t_treated(st->confidence, o->treated);
			for (size_t k = 0; k < d.K; k++) {
				int ok = fit->reg_in[k] && isfinite(fit->b[k]);
				o->event_b[k] = ok ? exp(fit->b[k]) : NAN;
				o->event_lo[k] = ok ? exp(fit->b[k] - t * cc->se[k]) : NAN;
				o->event_hi[k] = ok ? exp(fit->b[k] + t * cc->se[k]) : NAN;
			}
		}
		/* The pre-trend test: the mean of the pre-period log ratios the fit has
		 * (r = -pre .. -2, those with a jackknife variance) against 0, t with
		 * treated - 1 degrees of freedom. Relative to period -1, a trend before
		 * the cameras moves them all one way. Not METRICS.md's Wald F on every
		 * coefficient: with the covariance estimated from few treated areas that
		 * test rejects far too often (see t_treated). */
		size_t *S = ae_malloc((size_t)st->effect_pre * sizeof *S), k = 0;
		for (size_t j = 0; j + 1 < (size_t)st->effect_pre; j++)
			if (fit->reg_in[j] && isfinite(cc->V[j * d.K + j]))
				S[k++] = j;
		double mean = 0, var = 0;
		for (size_t u = 0; u < k; u++) {
			mean += fit->b[S[u]] / (double)k;
			for (size_t v = 0; v < k; v++)
				var += cc->V[S[u] * d.K + S[v]] / ((double)k * (double)k);
		}
		free(S);
		if (!k)
			m->pretrend_why_not = ae_strdup("no period before the cameras has a ratio with a "
							"leave-one-area-out variance");
		else if (o->treated < 2)
			m->pretrend_why_not = ae_strdup("only one treated area: the pre-period ratios have no "
							"leave-one-area-out variance");
		else if (!(var > 0 && isfinite(var)))
			m->pretrend_why_not = ae_strdup("the pre-period ratios' variance is zero or not defined");
		else {
			double df = (double)o->treated - 1;
			o->pre_p = 2 * gsl_cdf_tdist_Q(fabs(mean) / sqrt(var), df);
			o->pre_k = (double)k;
			o->pre_df = df;
		}
	}
	if (rc == AE_EDATA) { /* the event study cannot be fitted: the ratio above stands, said */
		m->pretrend_why_not = reason_named(err, e);
		rc = AE_OK;
	}
	ae_effect_coef_ci_free(cc);
	ae_effect_fit_free(fit);
	ae_effect_panel_free(p);
	free(reg);
	free(d.cell);
	return rc;
}

static int estimate(const ae_study *st, const ae_effect_facts *e, const double *y, int event, model_out *o,
		    ae_effect_model *m, ae_error *err)
{
	size_t G = e->nareas, P = e->nperiods;
	unsigned char *in = ae_calloc(G + 1, 1);
	size_t ntreated = 0;
	for (size_t i = 0; i < G; i++) {
		in[i] = e->role[i] == ER_TREATED || e->role[i] == ER_CONTROL;
		ntreated += e->role[i] == ER_TREATED;
	}
	int rc = AE_OK;
	if (!ntreated)
		rc = ae_fail(err, AE_EDATA, "no area got its first camera inside the window after its first %s",
			     e->unit);
	ae_effect_imp_ws *ws = ae_effect_imp_ws_new(G, P);
	ae_effect_att_result ar;
	if (!rc)
		rc = ae_effect_att_imputation(y, G, P, e->first, in, ws, &ar, NULL, err);
	ae_effect_imp_ws_free(ws);
	if (!rc && isnan(ar.att))
		rc = ae_fail(err, AE_EDATA,
			     "no treated (cohort, %s) cell can be estimated: none has incidents in untreated areas in "
			     "its %s and before its cohort's start",
			     e->unit, e->unit);
	else if (!rc && !isfinite(ar.att)) /* observed 0 everywhere: a ratio of 0 with no interval or test */
		rc = ae_fail(err, AE_EDATA,
			     "the areas with cameras had no incident at all after their first camera: the ratio "
			     "would be 0, with no interval and no test");
	ae_effect_att_ci ci;
	if (!rc) {
		m->cells = ar.cells;
		m->cells_dropped = ar.cells_dropped;
		m->cells_unidentified = ar.cells_unidentified;
		m->att = ar.att;
		o->treated = ar.treated_areas;
		o->G = ar.areas;
		o->ratio = exp(ar.att);
		rc = ae_effect_att_jackknife_fast(y, G, P, e->first, in, st->confidence, &ci, NULL, err);
		if (rc == AE_EDATA) { /* e.g. the only control area left out: the ratio stands, with no interval */
			m->interval_why_not = reason_named(err, e);
			ci.se = ci.lo = ci.hi = NAN;
			ci.why_not = NULL;
			rc = AE_OK;
		}
	}
	if (!rc) {
		double t = t_treated(st->confidence, o->treated);
		o->se = ci.se;
		o->lo = isnan(ci.se) ? NAN : exp(ar.att - t * ci.se);
		o->hi = isnan(ci.se) ? NAN : exp(ar.att + t * ci.se);
		if (ci.why_not)
			m->interval_why_not = ae_strdup(ci.why_not);
		/* the smallest fall detectable with 80 % power at the study's level */
		if (!isnan(ci.se))
			o->mde = 1 - exp(-(t + gsl_cdf_ugaussian_Pinv(0.8)) * ci.se);
		if (st->effect_permutations > 0) {
			ae_effect_ri_result *ri = NULL;
			rc = ae_effect_ri(y, G, P, e->first, in, (size_t)st->effect_permutations,
					  (unsigned long)st->seed, 2, &ri, err);
			if (!rc) {
				o->p = ri->p;
				o->k_extreme = (double)ri->k;
				o->nperm = (double)ri->nperm;
				m->nperm = ri->nperm;
				m->perm_att = ri->perm_att;
				ri->perm_att = NULL;
			}
			ae_effect_ri_free(ri);
		}
	}
	if (!rc) /* every model's pre-trend test; the event rows of `all` only */
		rc = event_study(st, e, y, in, event, o, m, err);
	free(in);
	return rc;
}
