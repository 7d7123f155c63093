/* brief.c — the briefing's shared context (see brief.h): the index of the
 * table's rows, and every figure as the sections print it: the value in
 * words, marked with its metrics.csv line, and the citation of that row. */
#include "brief.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void row_key(ae_buf *k, const char *m, const char *dim, const char *g, const char *meth)
{
	k->len = 0;
	ae_buf_add(k, m, strlen(m) + 1);
	ae_buf_add(k, dim, strlen(dim) + 1);
	ae_buf_add(k, g, strlen(g));
	if (meth) {
		ae_buf_addc(k, '\0');
		ae_buf_add(k, meth, strlen(meth));
	}
}

/* An index of the rows, with and without their method: the per-area
 * sections look up many rows and the table can be long. The first row of a
 * key wins, as ae_table_find would give. */
static void index_rows(brief *b)
{
	b->keys = ae_strtab_new();
	b->rowof = ae_malloc((2 * b->t->n + 1) * sizeof *b->rowof);
	ae_buf k;
	ae_buf_init(&k);
	for (size_t i = 0; i < b->t->n; i++) {
		const ae_row *r = &b->t->rows[i];
		for (int with = 0; with < 2; with++) {
			int added;
			row_key(&k, r->metric, r->dimension, r->group, with ? r->method : NULL);
			uint32_t id = ae_strtab_intern(b->keys, k.data, k.len, &added);
			if (added)
				b->rowof[id] = i;
		}
	}
	ae_buf_release(&k);
}

void brief_init(brief *b, const ae_handover *h, const ae_chartset *charts, const char *dir)
{
	memset(b, 0, sizeof *b);
	b->h = h;
	b->st = h->st;
	b->t = h->t;
	b->ar = h->areas;
	b->ch = charts;
	b->dir = dir;
	b->hits = b->st->input[TB_HITS].present;
	b->outcomes = b->st->input[TB_OUTCOMES].present;
	/* areas are analysed with reads (a study of incidents may list areas without a read log) */
	b->hoods = b->st->input[TB_HOODS].present && b->st->input[TB_READS].present;
	ae_doc_init(&b->d);
	b->few_said_in = -1;
	ae_num_plain(b->conf, sizeof b->conf, b->st->confidence * 100);
	index_rows(b);
	/* the areas the reads name are checked against the listed ones, row by row */
	b->listed = ae_strtab_new();
	for (uint32_t n = 0; b->ar && n < b->ar->n; n++)
		ae_strtab_intern(b->listed, b->ar->name[n], strlen(b->ar->name[n]), NULL);
}

void brief_release(brief *b)
{
	ae_doc_release(&b->d);
	ae_strtab_free(b->keys);
	ae_strtab_free(b->listed);
	free(b->rowof);
	memset(b, 0, sizeof *b);
}

const ae_row *brief_find(const brief *b, const char *m, const char *dim, const char *g, const char *meth)
{
	ae_buf k;
	ae_buf_init(&k);
	row_key(&k, m, dim, g, meth);
	uint32_t id = ae_strtab_find(b->keys, k.data, k.len);
	ae_buf_release(&k);
	return id == UINT32_MAX ? NULL : &b->t->rows[b->rowof[id]];
}

size_t brief_line(const brief *b, const ae_row *r) { return (size_t)(r - b->t->rows) + 2; }

/* A row's figure in words: value and interval, the same words for every
 * suppressed row (under min_cell or held back to protect one: saying which
 * would tell a reader which side of min_cell it is on), "not defined" for an
 * empty estimate. */
static void fig_text(const brief *b, const ae_row *r, int kind, char *out, size_t n)
{
	char e[64], lo[64], hi[64], mc[64];
	if (strcmp(r->method, "suppressed") == 0) {
		ae_num_count(mc, sizeof mc, (double)b->st->min_cell);
		snprintf(out, n,
			 kind == FIG_COUNT ? "not shown (fewer than %s, or held back to protect a smaller count)"
					   : "not shown (fewer than %s cases, or held back to protect a smaller count)",
			 mc);
		return;
	}
	if (isnan(r->est)) {
		snprintf(out, n, "not defined (no denominator)");
		return;
	}
	/* decimals from the estimate; from the interval's far end when it is zero */
	double ref = r->est;
	if (ref == 0 && isfinite(r->hi))
		ref = r->hi;
	int dec = ae_num_decimals(kind, ref);
	if (kind == FIG_COUNT)
		dec = 0;
	ae_num_figure(e, sizeof e, r->est, kind, dec);
	if (kind == FIG_COUNT || strcmp(r->method, "none") == 0) {
		snprintf(out, n, "%s", e);
		return;
	}
	if (isnan(r->lo) || isnan(r->hi)) {
		snprintf(out, n, "%s (no interval)", e);
		return;
	}
	/* a narrow interval gets up to three more decimals, so its ends do not
	 * print the same as the estimate when they differ */
	for (int more = 0;; more++, dec++) {
		ae_num_figure(e, sizeof e, r->est, kind, dec);
		ae_num_figure(lo, sizeof lo, r->lo, kind, dec);
		ae_num_figure(hi, sizeof hi, r->hi, kind, dec);
		int same = (r->lo != r->est && strcmp(lo, e) == 0) || (r->hi != r->est && strcmp(hi, e) == 0);
		if (!same || more == 3 || dec >= 8)
			break;
	}
	snprintf(out, n, "%s (%s %% interval %s" EN_DASH "%s)", e, b->conf, lo, hi);
}

/* The figure, marked with its row's line so a reader (or a test) can check it. */
void brief_value(brief *b, const ae_row *r, int kind)
{
	char buf[256];
	fig_text(b, r, kind, buf, sizeof buf);
	ae_buf_printf(&b->d.html, "<span class=\"fig\" data-line=\"%zu\">", brief_line(b, r));
	ae_doc_put(&b->d, buf);
	ae_doc_raw(&b->d, "</span>", NULL);
}

/* In HTML a raised line number with the whole row reference as its title
 * (shown on hover; a reader of the print looks the line up in metrics.csv):
 * inline references made the text unreadable. In Markdown, the reference
 * in full as code: "[metrics.csv line N: metric, dimension, group, method]". */
void brief_cite(brief *b, const ae_row *r)
{
	ae_buf c;
	ae_buf_init(&c);
	ae_buf_printf(&c, "metrics.csv line %zu: %s, %s, %s, %s", brief_line(b, r), r->metric, r->dimension, r->group,
		      r->method);
	ae_doc_raw(&b->d, "<sup class=\"cite\" title=\"", NULL);
	ae_html_text(&b->d.html, c.data);
	ae_buf_printf(&b->d.html, "\">%zu</sup>", brief_line(b, r));
	ae_buf b2;
	ae_buf_init(&b2);
	ae_buf_printf(&b2, "[%s]", c.data);
	ae_md_code(&b->d.md, b2.data, b->d.cell);
	ae_buf_release(&b2);
	ae_buf_release(&c);
}

/* value, then a space and the citation; a rate resting on few vehicles says so */
void brief_figure(brief *b, const ae_row *r, int kind)
{
	brief_value(b, r, kind);
	ae_doc_raw(&b->d, NULL, " ");
	brief_cite(b, r);
	/* said in full once per section; after that, short: the reader has it */
	if (AE_FEW(r) && !isnan(r->est) && strcmp(r->method, "suppressed") != 0) {
		ae_doc_put(&b->d,
			   b->d.sections == b->few_said_in
				   ? " (this too rests on few vehicles)"
				   : " (this rests on few vehicles: fewer than thirty raised it, or fewer than thirty "
				     "raised it more than once, so even this interval may be too narrow)");
		b->few_said_in = b->d.sections;
	}
}

void brief_sentence(brief *b, const char *lead, const ae_row *r, int kind, const char *tail)
{
	if (!r)
		return;
	ae_doc_put(&b->d, lead);
	brief_figure(b, r, kind);
	ae_doc_put(&b->d, tail);
}

static const char *dispo_words(int d)
{
	static const char *const w[DP_COUNT] = {"the alert was confirmed",      "the plate was misread",
						"the plate's state was wrong",  "the hotlist entry was stale",
						"the alert was not actionable", "the alert was never verified"};
	return d >= 0 && d < DP_COUNT ? w[d] : "";
}

/* "the plate was misread, ... or the hotlist entry was stale" */
void brief_fp_set_words(brief *b)
{
	int n = 0, k = 0;
	for (int d = 0; d < DP_COUNT; d++)
		n += (b->st->fp_mask >> d) & 1;
	if (!n) {
		ae_doc_put(&b->d, "no verification result counts as wrong in this study");
		return;
	}
	for (int d = 0; d < DP_COUNT; d++) {
		if (!((b->st->fp_mask >> d) & 1))
			continue;
		ae_doc_put(&b->d, k == 0 ? "" : k == n - 1 ? " or " : ", ");
		ae_doc_put(&b->d, dispo_words(d));
		k++;
	}
}

int brief_is_small(const brief *b, uint32_t n) { return !(b->ar->population[n] >= b->st->small_population); }

const char *brief_area_name(const brief *b, uint32_t n) { return b->ar->name[n]; }

void brief_input_cells(brief *b, int t)
{
	ae_doc *d = &b->d;
	const char *path = b->st->input[t].path_given;
	ae_doc_row_open(d);
	ae_doc_cell_text(d, ae_tables[t].name);
	ae_doc_cell(d);
	ae_doc_code(d, path ? path : "");
	ae_doc_cell_end(d);
}

void brief_table_line(brief *b, const char *label, const ae_row *r, int kind, const char *absent)
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
