/* manifest.c — see manifest.h. No times or absolute paths: the same
 * inputs give the same bytes. */
#include "manifest.h"
#include "sha256.h"
#include "util.h"
#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *colname(const ae_accounting *a, const ae_reject *r)
{
	if (r->col < 0)
		return "";
	const ae_tablecount *tc = &a->tables[r->table];
	if (tc->colnames && tc->colnames[r->col])
		return tc->colnames[r->col];
	return r->col < ae_tables[r->table].ncols ? ae_tables[r->table].cols[r->col].name : "";
}

int ae_reject_mapping(const ae_reject *r, char *buf, size_t n)
{
	if (r->reason != RJ_UNKNOWN_VALUE || !r->detail || r->col < 0 || r->col >= ae_tables[r->table].ncols)
		return 0;
	const char *const *v = ae_tables[r->table].cols[r->col].values;
	size_t len = strlen(r->detail);
	/* ingest keeps 60 bytes of a label: a longer one cannot be mapped from what is left */
	if (!v || len < 2 || len - 2 >= 60 || r->detail[0] != '\'' || r->detail[len - 1] != '\'')
		return 0;
	size_t k = (size_t)snprintf(buf, n, "value.%s.<one of ", ae_tables[r->table].cols[r->col].name);
	for (int i = 0; v[i] && k < n; i++)
		k += (size_t)snprintf(buf + k, n - k, "%s%s", i ? ", " : "", v[i]);
	if (k < n)
		snprintf(buf + k, n - k, "> = %.*s", (int)(len - 2), r->detail + 1);
	return 1;
}

/* The reason, its detail, and for an unknown label the line that maps it. */
static void reason_text(const ae_reject *r, char *buf, size_t n)
{
	char map[320];
	if (ae_reject_mapping(r, map, sizeof map))
		snprintf(buf, n, "%s: %s; map it in [%s] with %s", ae_reason_names[r->reason], r->detail,
			 ae_tables[r->table].name, map);
	else if (r->detail)
		snprintf(buf, n, "%s: %s", ae_reason_names[r->reason], r->detail);
	else
		snprintf(buf, n, "%s", ae_reason_names[r->reason]);
}


int ae_rejects_write(const ae_study *st, const ae_accounting *a, FILE *f)
{
	fputs("file,line,column,reason\n", f);
	char reason[512];
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
	char reason[512];
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

/* A [study] key's value with its JSON type; null when not set. */
static json_t *param_json(const ae_study *st, const ae_param *p)
{
	const char *base = (const char *)st;
	switch (p->kind) {
	case P_U64: return json_integer((json_int_t) * (const unsigned long long *)(base + p->off));
	case P_LONG: return json_integer((json_int_t) * (const long *)(base + p->off));
	case P_REAL:
	case P_REAL_OPEN:
		if (p->off2 && !*(const int *)(base + p->off2))
			return json_null();
		return json_real(*(const double *)(base + p->off));
	case P_DISPOSITIONS: {
		json_t *fp = json_array();
		for (int d = 0; d < DP_COUNT; d++)
			if ((st->fp_mask >> d) & 1)
				json_array_append_new(fp, json_string(ae_disposition_names[d]));
		return fp;
	}
	case P_OUTCOMES: {
		json_t *list = json_array();
		unsigned mask = *(const unsigned *)(base + p->off);
		for (int o = 0; o < OT_COUNT; o++)
			if ((mask >> o) & 1)
				json_array_append_new(list, json_string(ae_outcome_names[o]));
		return list;
	}
	case P_TERMS: {
		json_t *list = json_array();
		size_t nt = *(const size_t *)(base + p->off2);
		char *const *v = *(char *const *const *)(base + p->off);
		for (size_t i = 0; i < nt; i++)
			json_array_append_new(list, json_string(v[i]));
		return list;
	}
	default: {
		char buf[1024];
		ae_study_param_text(st, p, buf, sizeof buf);
		return buf[0] ? json_string(buf) : json_null();
	}
	}
}

/* The input section's own keys: how the file was read. */
static void input_keys(const ae_input *in, int t, json_t *o)
{
	char d[2] = {in->delimiter, '\0'};
	json_object_set_new(o, "delimiter", json_string(d));
	json_object_set_new(o, "timestamp_format",
			    in->timestamp_format ? json_string(in->timestamp_format) : json_null());
	if (t == TB_SEARCHES) {
		json_object_set_new(o, "timezone", in->timezone ? json_string(in->timezone) : json_null());
		json_object_set_new(o, "window_separator",
				    in->window_separator ? json_string(in->window_separator) : json_null());
	}
	json_t *cols = json_object();
	for (int c = 0; c < ae_tables[t].ncols; c++)
		if (in->column[c])
			json_object_set_new(cols, ae_tables[t].cols[c].name, json_string(in->column[c]));
	for (int g = 0; g < in->npop; g++) {
		char key[128];
		snprintf(key, sizeof key, "pop_%s", in->pop_group[g]);
		json_object_set_new(cols, key, json_string(in->pop_column[g]));
	}
	json_object_set_new(o, "columns", cols);
	json_t *vals = json_array();
	for (size_t i = 0; i < in->nmaps; i++) {
		const ae_valuemap *m = &in->maps[i];
		json_t *v = json_object();
		json_object_set_new(v, "column", json_string(ae_tables[t].cols[m->col].name));
		json_object_set_new(v, "value",
				    json_string(m->name ? m->name : ae_tables[t].cols[m->col].values[m->value]));
		json_object_set_new(v, "label", json_string(m->label));
		json_array_append_new(vals, v);
	}
	json_object_set_new(o, "values", vals);
	json_t *miss = json_array();
	for (size_t i = 0; i < in->nmissing; i++)
		json_array_append_new(miss, json_string(in->missing[i]));
	json_object_set_new(o, "missing", miss);
}

/* The count of distinct vehicles, or null where the metrics table suppresses it. */
static json_t *vehicles_json(const ae_accounting *a, const ae_table *t)
{
	const ae_row *r = t ? ae_table_find(t, AE_M(distinct_plates), "all", "all", NULL) : NULL;
	if (r && strcmp(r->method, "suppressed") == 0)
		return json_null();
	return json_integer((json_int_t)a->vehicles);
}

/* A read log merged from partials (partial.h): its sha256 above is that of
 * these shards' sha256 lines; a reject's line is shard line + first_line - 2. */
static json_t *shards_json(const ae_accounting *a)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < a->nshards; i++) {
		const ae_shard *s = &a->shards[i];
		json_t *o = json_object();
		json_object_set_new(o, "partial", json_string(s->partial));
		json_object_set_new(o, "path", json_string(s->path));
		json_object_set_new(o, "bytes", json_integer((json_int_t)s->bytes));
		json_object_set_new(o, "sha256", json_string(s->sha256));
		json_object_set_new(o, "lines", json_integer((json_int_t)s->lines));
		json_object_set_new(o, "first_line", json_integer((json_int_t)s->first_line));
		json_object_set_new(o, "records_read", json_integer((json_int_t)s->records));
		json_array_append_new(arr, o);
	}
	return arr;
}


/* byte order, not the locale's: the same folder lists the same way everywhere */
static int by_name(const struct dirent **x, const struct dirent **y) { return strcmp((*x)->d_name, (*y)->d_name); }

static int not_hidden(const struct dirent *e) { return e->d_name[0] != '.'; }

/* Each file of the report folder but the manifest: name, bytes, SHA-256; NULL if one cannot be read. */
static json_t *outputs_json(const char *dir)
{
	struct dirent **names;
	int k = scandir(dir, &names, not_hidden, by_name);
	if (k < 0)
		return NULL;
	json_t *outs = json_array();
	for (int i = 0; i < k; i++) {
		char *p = ae_path_join(dir, names[i]->d_name);
		struct stat sb;
		ae_filehash h;
		ae_error e;
		if (outs && strcmp(names[i]->d_name, "manifest.json") != 0 && stat(p, &sb) == 0 && S_ISREG(sb.st_mode)) {
			if (ae_sha256_file(p, &h, &e) == AE_OK) {
				json_t *o = json_object();
				json_object_set_new(o, "file", json_string(names[i]->d_name));
				json_object_set_new(o, "bytes", json_integer((json_int_t)h.bytes));
				json_object_set_new(o, "sha256", json_string(h.sha256));
				json_array_append_new(outs, o);
			} else {
				json_decref(outs);
				outs = NULL;
			}
		}
		free(p);
		free(names[i]);
	}
	free(names);
	return outs;
}

int ae_manifest_write(const ae_study *st, const ae_accounting *a, const ae_table *mt, const char *dir, FILE *f)
{
	json_t *outs = NULL;
	if (dir && !(outs = outputs_json(dir)))
		return -1;
	json_t *root = json_object();
	json_object_set_new(root, "tool", json_string("alpr-eval"));
	json_object_set_new(root, "version", json_string(AE_VERSION));

	json_t *s = json_object();
	json_object_set_new(s, "file", json_string(st->file));
	json_object_set_new(s, "sha256", json_string(st->file_hash.sha256));
	for (size_t k = 0; k < ae_nstudy_params; k++) {
		const ae_param *p = &ae_study_params[k];
		char name[64];
		json_object_set_new(s, ae_study_param_name(p, name), param_json(st, p));
	}
	/* start and end above are the period's; this says they came from --period
	 * (make reports reruns with it) */
	if (st->period)
		json_object_set_new(s, "period", json_string(st->period));
	/* kept for readers of earlier manifests: how the plate hash was keyed */
	json_object_set_new(s, "plate_key", json_string(st->plate_key_file ? "key file" : "derived from seed"));
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
		if (t == TB_INCIDENTS) /* accepted = incidents + these */
			json_object_set_new(o, "repeated_ids", json_integer((json_int_t)tc->repeated));
		json_t *by = json_object();
		for (int r = 0; r < RJ_COUNT; r++)
			if (tc->by_reason[r])
				json_object_set_new(by, ae_reason_codes[r], json_integer((json_int_t)tc->by_reason[r]));
		json_object_set_new(o, "rejects_by_reason", by);
		input_keys(&st->input[t], t, o);
		if (t == TB_READS && a->nshards) /* merged from partials: each shard, in merge order */
			json_object_set_new(o, "shards", shards_json(a));
		json_array_append_new(ins, o);
	}
	if (a->boundaries.present) {
		json_t *o = json_object();
		json_object_set_new(o, "table", json_string("boundaries"));
		json_object_set_new(o, "path", json_string(st->boundaries_given));
		json_object_set_new(o, "bytes", json_integer((json_int_t)a->boundaries.bytes));
		json_object_set_new(o, "sha256", json_string(a->boundaries.sha256));
		json_object_set_new(o, "boundaries_property", json_string(st->boundaries_property));
		json_array_append_new(ins, o);
	}
	json_object_set_new(root, "inputs", ins);
	json_t *c = json_object();
	json_object_set_new(c, "distinct_vehicles", vehicles_json(a, mt));
	json_object_set_new(c, "cameras", json_integer((json_int_t)a->cameras));
	json_object_set_new(root, "counts", c);
	if (outs)
		json_object_set_new(root, "outputs", outs);
	int rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(root);
	fputc('\n', f);
	return rc || ferror(f) ? -1 : 0;
}
