/* sharing.c — see sharing.h. Counts of organizations are exact (method
 * none) and are not counts of people: no suppression applies. Only rows of
 * kind detections (the agency's ALPR data) make the figures; hotlist rows
 * are listed in sharing.csv. */
#include "sharing.h"
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

/* The classes of the direction_class groups, in the order they are written. */
enum { DC_FEDERAL, DC_IMMIGRATION, DC_IN_STATE, DC_OUT_OF_STATE, DC_PRIVATE, DC_UNKNOWN, DC_COUNT };
static const char *const dc_names[DC_COUNT] = {"federal",      "immigration", "in_state",
					       "out_of_state", "private",     "unknown"};

static int dc_of(int cls)
{
	switch (cls) {
	case ORG_FEDERAL: return DC_FEDERAL;
	case ORG_IN_STATE: return DC_IN_STATE;
	case ORG_OUT_OF_STATE: return DC_OUT_OF_STATE;
	case ORG_PRIVATE: return DC_PRIVATE;
	default: return DC_UNKNOWN;
	}
}

int ae_sharing_build(const ae_study *st, const struct ae_agg *a, ae_table *t, ae_handover *h, ae_error *err)
{
	if (st->agency_state && *st->agency_state && !ae_state_code(st->agency_state, strlen(st->agency_state)))
		return ae_fail(err, AE_EUSAGE, "%s: agency_state: '%s' is not a state", st->file, st->agency_state);
	ae_orgrules *rules;
	char msg[256];
	if (ae_orgrules_load(st->organization_rules, &rules, msg, sizeof msg))
		return ae_fail(err, AE_EIO, "%s", msg);
	ae_sharelist *l = ae_calloc(1, sizeof *l);
	l->n = a->nshares;
	l->org = ae_calloc(l->n ? l->n : 1, sizeof *l->org);
	l->rules = st->organization_rules ? st->organization_rules : AE_ORGRULES_BUILTIN;
	h->sharing = l;

	/* an organization's detections rows (one at most: repeats are rejected) */
	uint32_t norgs = ae_strtab_count(a->share_orgs);
	uint8_t *out = ae_calloc(norgs ? norgs : 1, 1), *in = ae_calloc(norgs ? norgs : 1, 1);
	int *cls = ae_malloc((norgs ? norgs : 1) * sizeof *cls);
	uint8_t *imm = ae_calloc(norgs ? norgs : 1, 1), *inactive = ae_calloc(norgs ? norgs : 1, 1);
	uint8_t *counted = ae_calloc(norgs ? norgs : 1, 1);
	for (size_t i = 0; i < a->nshares; i++) {
		const ae_share *s = &a->shares[i];
		ae_shareorg *o = &l->org[i];
		o->name = ae_strtab_name(a->share_orgs, s->org);
		o->kind = s->kind;
		o->outbound = s->outbound;
		o->inbound = s->inbound;
		ae_orgclass oc;
		if (ae_org_classify(rules, o->name, strlen(o->name), s->state, st->agency_state, &oc)) {
			memset(&oc, 0, sizeof oc);
			oc.cls = ORG_UNKNOWN;
		}
		o->cls = oc.cls;
		o->immigration = oc.immigration;
		o->inactive = oc.inactive;
		memcpy(o->state, oc.state, sizeof o->state);
		o->rule_line = oc.rule_line;
		if (s->kind != SK_DETECTIONS)
			continue;
		counted[s->org] = 1;
		out[s->org] = s->outbound;
		in[s->org] = s->inbound;
		cls[s->org] = oc.cls;
		imm[s->org] = (uint8_t)oc.immigration;
		inactive[s->org] = (uint8_t)oc.inactive;
	}
	ae_orgrules_free(rules);

	double dir[2] = {0}, by[2][DC_COUNT] = {{0}}, prohibited = 0;
	for (uint32_t o = 0; o < norgs; o++) {
		if (!counted[o])
			continue;
		for (int d = 0; d < 2; d++) {
			if (!(d ? in[o] : out[o]))
				continue;
			dir[d]++;
			if (inactive[o])
				continue;
			by[d][dc_of(cls[o])]++;
			if (imm[o])
				by[d][DC_IMMIGRATION]++;
		}
		if (out[o] && !inactive[o] &&
		    (cls[o] == ORG_OUT_OF_STATE || cls[o] == ORG_FEDERAL || cls[o] == ORG_PRIVATE))
			prohibited++;
	}
	static const char *const dnames[2] = {"outbound", "inbound"};
	for (int d = 0; d < 2; d++)
		count_row(t, AE_M(sharing_organizations), "direction", dnames[d], dir[d]);
	for (int d = 0; d < 2; d++)
		for (int c = 0; c < DC_COUNT; c++) {
			char g[64];
			snprintf(g, sizeof g, "%s:%s", dnames[d], dc_names[c]);
			count_row(t, AE_M(sharing_organizations), "direction_class", g, by[d][c]);
		}
	/* California's SB 34 (Civil Code 1798.90.55(b)): no sharing outside California public agencies */
	if (st->law && strcmp(st->law, "ca_sb34") == 0)
		count_row(t, AE_M(sharing_prohibited), "all", "all", prohibited);
	free(out);
	free(in);
	free(cls);
	free(imm);
	free(inactive);
	free(counted);
	return AE_OK;
}

void ae_sharing_release(ae_handover *h)
{
	if (!h->sharing)
		return;
	free(h->sharing->org);
	free(h->sharing);
	h->sharing = NULL;
}

int ae_sharing_write_csv(const ae_sharelist *l, FILE *f)
{
	fputs("organization,kind,outbound,inbound,state,class,immigration,inactive,rule_line\n", f);
	for (size_t i = 0; i < l->n; i++) {
		const ae_shareorg *o = &l->org[i];
		ae_csv_field(f, o->name);
		fprintf(f, ",%s,%s,%s,%s,%s,%s,%s,", ae_share_kind_names[o->kind], o->outbound ? "yes" : "no",
			o->inbound ? "yes" : "no", o->state, ae_org_class_names[o->cls], o->immigration ? "yes" : "no",
			o->inactive ? "yes" : "no");
		if (o->rule_line)
			fprintf(f, "%d", o->rule_line);
		fputc('\n', f);
	}
	return ferror(f) ? -1 : 0;
}

/* The sharing settings in a paragraph of the summary. */
void ae_sharing_summary(brief *b)
{
	ae_doc *d = &b->d;
	const char *M = AE_M(sharing_organizations);
	const ae_row *out = brief_find(b, M, "direction", "outbound", NULL);
	if (!out)
		return;
	ae_doc_para(d);
	/* "the number of ... is N": the sentence reads right for any N */
	const int K = FIG_COUNT;
	brief_sentence(b,
		       "By the sharing settings, the number of organizations that receive this agency's detections is ",
		       out, K, "");
	brief_sentence(b, ", and of those that share theirs with it, ", brief_find(b, M, "direction", "inbound", NULL),
		       K, "");
	ae_doc_put(d, " (inactive ones included). ");
	brief_sentence(b, "Among the active recipients, the number of federal agencies is ",
		       brief_find(b, M, "direction_class", "outbound:federal", NULL), K, "");
	brief_sentence(b, " (immigration agencies among them: ",
		       brief_find(b, M, "direction_class", "outbound:immigration", NULL), K, ")");
	brief_sentence(b, ", of agencies of another state ",
		       brief_find(b, M, "direction_class", "outbound:out_of_state", NULL), K, "");
	brief_sentence(b, ", and of organizations that are not public agencies ",
		       brief_find(b, M, "direction_class", "outbound:private", NULL), K, ". ");
	const ae_row *p = brief_find(b, AE_M(sharing_prohibited), "all", "all", NULL);
	if (p)
		brief_sentence(b,
			       "Under California's SB 34 (Civil Code 1798.90.55(b)), which allows sharing only with "
			       "California public agencies, the active recipients out of state, federal or private number ",
			       p, K, ".");
	else
		ae_doc_put(d,
			   "Recipients forbidden by a sharing law (sharing_prohibited) are not computed: the study's "
			   "law is none.");
	ae_doc_para_end(d);
}
