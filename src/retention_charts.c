/* retention_charts.c — see retention_charts.h. The rows are read by name
 * as the contract spells them: reads_held_at_end (days; the estimate is the
 * reads) and vehicles_held_at_end (days; the estimate is the vehicles held,
 * the numerator those that never raised an alert, the denominator, when
 * given, the vehicles held again). A suppressed row (method suppressed) is
 * not drawn as zero: its bar or point is left out and the caption says so. */
#include "retention_charts.h"
#include "chartkit.h"
#include "numfmt.h"
#include <stdlib.h>
#include <string.h>

/* The metric names of doc/metrics.md; AE_M() once metric_list.h has them. */
#define M_READS AE_M(reads_held_at_end)
#define M_VEHICLES AE_M(vehicles_held_at_end)

static int is_suppressed(const ae_row *r) { return r && strcmp(r->method, "suppressed") == 0; }

typedef struct held {
	long days;
	double reads, vehicles, never; /* NAN: held back or absent */
	int reads_held, vehicles_held, never_held;
} held;

static int cmp_days(const void *a, const void *b)
{
	long x = ((const held *)a)->days, y = ((const held *)b)->days;
	return (x > y) - (x < y);
}

static void list_add(ae_buf *b, const char *what, long days)
{
	ae_buf_printf(b, "%s%s at %ld day%s", b->len ? ", " : "", what, days, days == 1 ? "" : "s");
}

int ae_retention_charts(ae_chartctx *c)
{
	const char *name = "retention-held";
	const ae_study *st = c->h->st;
	const ae_table *t = c->h->t;
	held *v = ae_calloc(t->n ? t->n : 1, sizeof *v);
	size_t n = 0;
	/* one entry per day count of either metric */
	for (size_t i = 0; i < t->n; i++) {
		const ae_row *r = &t->rows[i];
		int is_reads = strcmp(r->metric, M_READS) == 0, is_veh = strcmp(r->metric, M_VEHICLES) == 0;
		if (!(is_reads || is_veh) || strcmp(r->dimension, "days"))
			continue;
		long d = strtol(r->group, NULL, 10);
		size_t k = 0;
		while (k < n && v[k].days != d)
			k++;
		if (k == n) {
			v[n++] = (held){d, NAN, NAN, NAN, 0, 0, 0};
		}
		held *h = &v[k];
		int sup = is_suppressed(r);
		if (is_reads) {
			h->reads = sup ? NAN : r->est;
			h->reads_held = sup;
		} else {
			h->vehicles = sup ? NAN : !isnan(r->den) ? r->den : r->est;
			h->never = sup ? NAN : r->num;
			h->vehicles_held = sup;
			h->never_held = !sup && isnan(r->num) && !isnan(h->vehicles);
		}
	}
	double rtop = 0, vtop = 0;
	size_t nr = 0, nv = 0, nn = 0;
	for (size_t k = 0; k < n; k++) {
		if (!isnan(v[k].reads)) {
			nr++;
			rtop = v[k].reads > rtop ? v[k].reads : rtop;
		}
		if (!isnan(v[k].vehicles)) {
			nv++;
			vtop = v[k].vehicles > vtop ? v[k].vehicles : vtop;
		}
		nn += !isnan(v[k].never);
	}
	if (!n || !(rtop > 0 || vtop > 0)) {
		free(v);
		ae_chart_missing(c, name,
				 n ? "no read would be held at the period's end under any retention length"
				   : "no reads_held_at_end or vehicles_held_at_end rows in metrics.csv");
		return AE_OK;
	}
	qsort(v, n, sizeof *v, cmp_days);
	FILE *f = ae_chart_dat_open(c, name, "");
	if (!f) {
		free(v);
		return AE_EIO;
	}
	fputs("# reads_held_at_end and vehicles_held_at_end by days from metrics.csv\n"
	      "# label days reads vehicles vehicles_never_alerted per_cent_never_alerted text (NaN: held back or "
	      "absent)\n",
	      f);
	ae_buf held_back;
	ae_buf_init(&held_back);
	for (size_t k = 0; k < n; k++) {
		const held *h = &v[k];
		char lab[96], text[96] = "";
		if (st->retention_days > 0 && h->days == st->retention_days)
			snprintf(lab, sizeof lab, "policy (%ld days)", h->days);
		else
			snprintf(lab, sizeof lab, "%ld day%s", h->days, h->days == 1 ? "" : "s");
		double pct = h->vehicles > 0 && !isnan(h->never) ? 100 * h->never / h->vehicles : NAN;
		if (!isnan(pct))
			snprintf(text, sizeof text, "%.1f%% never alerted", pct);
		ae_chart_label(f, lab);
		fprintf(f, " %ld", h->days);
		const double col[4] = {h->reads, h->vehicles, h->never, pct};
		for (int j = 0; j < 4; j++) {
			if (isnan(col[j]))
				fputs(" NaN", f);
			else
				fprintf(f, " %.10g", col[j]);
		}
		fputc(' ', f);
		ae_chart_label(f, text);
		fputc('\n', f);
		if (h->reads_held)
			list_add(&held_back, "reads", h->days);
		if (h->vehicles_held)
			list_add(&held_back, "vehicles", h->days);
		if (h->never_held)
			list_add(&held_back, "vehicles never alerted", h->days);
	}
	if (ae_chart_dat_close(c, f, name)) {
		free(v);
		ae_buf_release(&held_back);
		return AE_EIO;
	}
	const char *title = "What each retention length would hold at the period's end";
	ae_buf s;
	ae_buf_init(&s);
	ae_chart_begin(c, &s, name, title, 900, 540);
	/* the key above the plot, clear of the bars' labels; counts grouped by numfmt */
	ae_buf_printf(&s,
		      "set ylabel 'vehicles held'\nset y2label 'reads held'\nset ytics nomirror\n"
		      "set xrange [-0.6:%zu.6]\nset key tmargin right vertical samplen 1.5\nset bmargin 5\n"
		      "set style fill solid 0.85 border -1\nset boxwidth 0.6\n",
		      n - 1);
	ae_chart_count_axis(&s, "y", vtop > 0 ? vtop * 1.2 : 1);
	ae_chart_count_axis(&s, "y2", rtop > 0 ? rtop * 1.1 : 1);
	/* ticks for every length, a held-back one too; no element without a valid point (it would warn) */
	ae_buf_puts(&s, "set xtics (");
	for (size_t k = 0; k < n; k++) {
		char lab[96];
		if (st->retention_days > 0 && v[k].days == st->retention_days)
			snprintf(lab, sizeof lab, "policy (%ld days)", v[k].days);
		else
			snprintf(lab, sizeof lab, "%ld day%s", v[k].days, v[k].days == 1 ? "" : "s");
		if (v[k].vehicles_held || v[k].reads_held)
			strncat(lab, "\n(held back)", sizeof lab - strlen(lab) - 1);
		ae_buf_puts(&s, k ? ", " : "");
		ae_chart_quote(&s, lab);
		ae_buf_printf(&s, " %zu", k);
	}
	ae_buf_puts(&s, ")\n");
	const char *sep = "plot 'chart-retention-held.dat' ";
	if (nv) {
		ae_buf_printf(&s, "%susing 0:4 with boxes lc rgb '%s' title 'vehicles held (left axis)'", sep, AE_BLUE);
		sep = ", \\\n     '' ";
	}
	if (nn) {
		ae_buf_printf(&s,
			      "%susing 0:5 with boxes lc rgb '%s' title 'of which never raised an alert (left axis)'",
			      sep, AE_ORANGE);
		sep = ", \\\n     '' ";
		ae_buf_printf(&s, "%susing 0:4:7 with labels offset 0,0.8 notitle", sep);
	}
	if (nr)
		ae_buf_printf(&s,
			      "%susing 0:3 axes x1y2 with linespoints pt 7 lw 2 lc rgb '%s' title 'reads held (right "
			      "axis)'",
			      sep, AE_VERMILLION);
	ae_buf_addc(&s, '\n');
	ae_buf cap;
	ae_buf_init(&cap);
	ae_buf_puts(&cap, "For each retention length, the reads of the period's last that many days (line, right "
			  "axis) and the vehicles they belong to (bars, left axis), with the share of those vehicles "
			  "that never raised an alert: records kept about people the system never flagged.");
	if (st->retention_days > 0)
		ae_buf_printf(&cap, " The agency's own policy is %ld days.", st->retention_days);
	if (held_back.len)
		ae_buf_printf(&cap, " Not drawn, held back as small counts (min_cell %ld): %s.", st->min_cell,
			      held_back.data);
	int rc = ae_chart_finish(c, &s, name, title, cap.data, 900, 540);
	ae_buf_release(&cap);
	ae_buf_release(&held_back);
	free(v);
	return rc;
}
