/* manifest.c — see manifest.h. No times or absolute paths: the same
 * inputs give the same bytes. */
#include "manifest.h"
#include "util.h"
#include <jansson.h>
#include <string.h>

static const char *colname(const ae_accounting *a, const ae_reject *r)
{
	if (r->col < 0)
		return "";
	const ae_tablecount *tc = &a->tables[r->table];
	if (tc->colnames && tc->colnames[r->col])
		return tc->colnames[r->col];
	return r->col < ae_tables[r->table].ncols ? ae_tables[r->table].cols[r->col].name : "";
}

static void reason_text(const ae_reject *r, char *buf, size_t n)
{
	if (r->detail)
		snprintf(buf, n, "%s: %s", ae_reason_names[r->reason], r->detail);
	else
		snprintf(buf, n, "%s", ae_reason_names[r->reason]);
}


int ae_rejects_write(const ae_study *st, const ae_accounting *a, FILE *f)
{
	fputs("file,line,column,reason\n", f);
	char reason[256];
	for (size_t i = 0; i < a->nrejects; i++) {
		const ae_reject *r = &a->rejects[i];
		ae_csv_field(f, st->input[r->table].path_given);
		fprintf(f, ",%ld,", r->line);
		ae_csv_field(f, colname(a, r));
		fputc(',', f);
		reason_text(r, reason, sizeof reason);
		ae_csv_field(f, reason);
		fputc('\n', f);
	}
	return ferror(f) ? -1 : 0;
}

void ae_rejects_report(const ae_study *st, const ae_accounting *a, size_t first, FILE *f)
{
	char reason[256];
	for (size_t i = 0; i < a->nrejects && i < first; i++) {
		const ae_reject *r = &a->rejects[i];
		reason_text(r, reason, sizeof reason);
		if (r->col >= 0)
			fprintf(f, "alpr-eval: %s:%ld: column '%s': %s\n", st->input[r->table].path, r->line,
				colname(a, r), reason);
		else
			fprintf(f, "alpr-eval: %s:%ld: %s\n", st->input[r->table].path, r->line, reason);
	}
	if (a->nrejects > first)
		fprintf(f, "alpr-eval: ... and %zu more rejects\n", a->nrejects - first);
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *tc = &a->tables[t];
		if (!tc->present)
			continue;
		fprintf(f, "alpr-eval: %s: %llu records: %llu accepted, %llu rejected, %llu out of period\n",
			st->input[t].path, (unsigned long long)tc->read, (unsigned long long)tc->accepted,
			(unsigned long long)tc->rejected, (unsigned long long)tc->out_of_period);
	}
}

int ae_rejects_over(const ae_study *st, const ae_accounting *a)
{
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *tc = &a->tables[t];
		if (tc->read && (double)tc->rejected > st->max_reject_share * (double)tc->read)
			return t;
	}
	return -1;
}

int ae_manifest_write(const ae_study *st, const ae_accounting *a, FILE *f)
{
	json_t *root = json_object();
	json_object_set_new(root, "tool", json_string("alpr-eval"));
	json_object_set_new(root, "version", json_string(AE_VERSION));

	json_t *s = json_object();
	json_object_set_new(s, "file", json_string(st->file));
	json_object_set_new(s, "sha256", json_string(st->file_hash.sha256));
	json_object_set_new(s, "title", json_string(st->title));
	json_object_set_new(s, "start", json_string(st->start_s));
	json_object_set_new(s, "end", json_string(st->end_s));
	json_object_set_new(s, "timezone", json_string(st->timezone));
	json_object_set_new(s, "seed", json_integer((json_int_t)st->seed));
	json_object_set_new(s, "confidence", json_real(st->confidence));
	json_object_set_new(s, "ci_method", json_string(ae_ci_method_name(st->ci_method)));
	json_t *fp = json_array();
	for (int d = 0; d < DP_COUNT; d++)
		if ((st->fp_mask >> d) & 1)
			json_array_append_new(fp, json_string(ae_disposition_names[d]));
	json_object_set_new(s, "false_positive", fp);
	json_object_set_new(s, "min_cell", json_integer(st->min_cell));
	json_object_set_new(s, "cost", st->has_cost ? json_real(st->cost) : json_null());
	json_object_set_new(s, "max_reject_share", json_real(st->max_reject_share));
	json_object_set_new(s, "plate_key", json_string(st->plate_key_file ? "key file" : "derived from seed"));
	json_object_set_new(s, "output", json_string(st->output));
	json_object_set_new(root, "study", s);

	json_t *ins = json_array();
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *tc = &a->tables[t];
		if (!tc->present)
			continue;
		json_t *o = json_object();
		json_object_set_new(o, "table", json_string(ae_tables[t].name));
		json_object_set_new(o, "path", json_string(st->input[t].path_given));
		json_object_set_new(o, "bytes", json_integer((json_int_t)tc->bytes));
		json_object_set_new(o, "sha256", json_string(tc->sha256));
		json_object_set_new(o, "records_read", json_integer((json_int_t)tc->read));
		json_object_set_new(o, "accepted", json_integer((json_int_t)tc->accepted));
		json_object_set_new(o, "rejected", json_integer((json_int_t)tc->rejected));
		json_object_set_new(o, "out_of_period", json_integer((json_int_t)tc->out_of_period));
		json_t *by = json_object();
		for (int r = 0; r < RJ_COUNT; r++)
			if (tc->by_reason[r])
				json_object_set_new(by, ae_reason_codes[r], json_integer((json_int_t)tc->by_reason[r]));
		json_object_set_new(o, "rejects_by_reason", by);
		json_array_append_new(ins, o);
	}
	json_object_set_new(root, "inputs", ins);
	json_t *c = json_object();
	json_object_set_new(c, "distinct_vehicles", json_integer((json_int_t)a->vehicles));
	json_object_set_new(c, "cameras", json_integer((json_int_t)a->cameras));
	json_object_set_new(root, "counts", c);
	int rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(root);
	fputc('\n', f);
	return rc || ferror(f) ? -1 : 0;
}
