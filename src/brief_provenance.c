/* brief_provenance.c — the provenance section: the tool and gnuplot
 * versions, the study file and every input with its bytes and SHA-256 as
 * the run recorded them (nothing is read again), and the study's
 * parameters as the study file would write them. */
#include "brief.h"
#include <stdio.h>

static void param(ae_doc *d, const char *name, const char *val)
{
	ae_doc_row_open(d);
	ae_doc_cell(d);
	ae_doc_code(d, name);
	ae_doc_cell_end(d);
	ae_doc_cell_text(d, val);
	ae_doc_row_end(d);
}

void brief_provenance(brief *b)
{
	ae_doc *d = &b->d;
	const ae_study *st = b->st;
	const ae_accounting *acc = &b->h->acc;
	char v[96];
	ae_doc_section_open(d, "provenance", "Provenance");
	ae_doc_list(d);
	ae_doc_item(d);
	ae_doc_put(d, "Tool: alpr-eval " AE_VERSION ".");
	ae_doc_item_end(d);
	ae_doc_item(d);
	if (b->ch && b->ch->n) {
		ae_doc_put(d, "Charts drawn with: ");
		ae_doc_put(d, b->ch->gnuplot_version[0] ? b->ch->gnuplot_version : "gnuplot (version not known)");
		ae_doc_put(d, ".");
	} else {
		ae_doc_put(d, "No charts were drawn.");
	}
	ae_doc_item_end(d);
	ae_doc_item(d);
	ae_doc_put(d, "Study file: ");
	ae_doc_code(d, st->file ? st->file : "");
	if (acc->study.present) { /* hashed as it was loaded, not read again now */
		ae_doc_put(d, ", SHA-256 ");
		ae_doc_code(d, acc->study.sha256);
	} else {
		ae_doc_put(d, " (its SHA-256 was not recorded)");
	}
	ae_doc_put(d, ".");
	ae_doc_item_end(d);
	ae_doc_list_end(d);

	static const char *const heads[] = {"Input", "Path", "Bytes", "SHA-256"};
	ae_doc_table_open(d, "llrl", heads);
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *tc = &acc->tables[t];
		if (!tc->present)
			continue;
		brief_input_cells(b, t);
		ae_num_count(v, sizeof v, (double)tc->bytes);
		ae_doc_cell_text(d, v);
		ae_doc_cell(d);
		ae_doc_code(d, tc->sha256);
		ae_doc_cell_end(d);
		ae_doc_row_end(d);
	}
	if (st->boundaries_given) {
		ae_doc_row_open(d);
		ae_doc_cell_text(d, "boundaries");
		ae_doc_cell(d);
		ae_doc_code(d, st->boundaries_given);
		ae_doc_cell_end(d);
		if (acc->boundaries.present) {
			ae_num_count(v, sizeof v, (double)acc->boundaries.bytes);
			ae_doc_cell_text(d, v);
			ae_doc_cell(d);
			ae_doc_code(d, acc->boundaries.sha256);
			ae_doc_cell_end(d);
		} else {
			ae_doc_cell_text(d, EM_DASH);
			ae_doc_cell_text(d, "not recorded");
		}
		ae_doc_row_end(d);
	}
	ae_doc_table_close(d);
	if (acc->nshards) { /* so the read log's row is not taken for one file's */
		char line[512];
		snprintf(line, sizeof line,
			 "The read log was merged from %zu partials (alpr-eval merge), one per shard: its bytes are "
			 "the shards' sum and its SHA-256 is that of the shards' SHA-256 lines, one per line in merge "
			 "order; manifest.json lists each shard with its own.",
			 acc->nshards);
		ae_doc_para(d);
		ae_doc_put(d, line);
		ae_doc_para_end(d);
	}

	ae_doc_h3(d, "Study parameters");
	static const char *const pheads[] = {"Parameter", "Value"};
	ae_doc_table_open(d, "ll", pheads);
	param(d, "title", st->title ? st->title : "");
	param(d, "start", st->start_s ? st->start_s : "");
	param(d, "end", st->end_s ? st->end_s : "");
	if (st->period)
		param(d, "period (--period, instead of the study file's start and end)", st->period);
	param(d, "timezone", st->timezone ? st->timezone : "");
	snprintf(v, sizeof v, "%llu", st->seed);
	param(d, "seed", v);
	ae_num_plain(v, sizeof v, st->confidence);
	param(d, "confidence", v);
	param(d, "ci_method", ae_ci_method_name(st->ci_method));
	ae_buf fp;
	ae_buf_init(&fp);
	for (int k = 0; k < DP_COUNT; k++)
		if ((st->fp_mask >> k) & 1)
			ae_buf_printf(&fp, "%s%s", fp.len ? ", " : "", ae_disposition_names[k]);
	param(d, "false_positive", fp.data ? fp.data : "(none)");
	ae_buf_release(&fp);
	snprintf(v, sizeof v, "%ld", st->min_cell);
	param(d, "min_cell", v);
	ae_num_plain(v, sizeof v, st->max_reject_share);
	param(d, "max_reject_share", v);
	ae_num_plain(v, sizeof v, st->small_population);
	param(d, "small_population", v);
	snprintf(v, sizeof v, "%ld", st->tracked_cameras);
	param(d, "tracked_cameras", v);
	snprintf(v, sizeof v, "%ld", st->bootstrap_replicates);
	param(d, "bootstrap_replicates", v);
	if (st->has_cost) {
		ae_num_plain(v, sizeof v, st->cost);
		param(d, "cost", v);
	}
	param(d, "plate key", st->plate_key_file ? "key file" : "derived from seed");
	ae_doc_table_close(d);
	ae_doc_section_close(d);
}
