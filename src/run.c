/* run.c — see run.h. */
#include "run.h"
#include "effect.h"
#include "analysis.h"
#include "briefing.h"
#include "charts.h"
#include "ingest.h"
#include "manifest.h"
#include "output.h"
#include "partial.h"
#include "pdf.h"
#include "sharing.h"
#include "suppress.h"
#include "timeparse.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ae_run {
	ae_run_options o;
	ae_study st;
	ae_tz *tz;
	ae_agg a;
	ae_table t;
	ae_handover h;
	int ingested, analysed;
};

void ae_run_options_init(ae_run_options *o)
{
	memset(o, 0, sizeof *o);
	o->split_min = 32u << 20;
	o->fast_path = 1;
}

int ae_run_new(ae_run **out, const ae_run_options *o, ae_error *err)
{
	ae_run *r = ae_calloc(1, sizeof *r);
	*out = r;
	r->o = *o;
	ae_table_init(&r->t);
	int rc = ae_study_load_period(o->study, o->period, o->output != NULL, &r->st, err);
	if (rc)
		return rc;
	if (o->output) {
		free(r->st.output);
		r->st.output = ae_strdup(o->output);
	}
	if (o->reads) { /* given on the command line: as given, not against the study's folder */
		ae_input *in = &r->st.input[TB_READS];
		free(in->path);
		free(in->path_given);
		in->path = ae_strdup(o->reads);
		in->path_given = ae_strdup(o->reads);
		in->present = 1;
	}
	r->tz = ae_tz_new(r->st.timezone);
	if (!r->tz)
		return ae_fail(err, AE_EUSAGE, "%s: timezone '%s' is not a known IANA time zone", r->st.file,
			       r->st.timezone);
	return AE_OK;
}

static int ingest(ae_run *r, int stop_after_reads, ae_partial_set *merge, ae_error *err)
{
	ae_ingest_opts io;
	ae_ingest_opts_init(&io);
	io.stop_after_reads = stop_after_reads;
	if (merge) {
		io.reads_from = ae_partial_merge_reads;
		io.reads_user = merge;
	}
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	io.threads = r->o.threads ? r->o.threads : cores >= 2 ? 2 : 1;
	io.split_min = r->o.split_min;
	io.progress = r->o.progress;
	io.fast_path = r->o.fast_path;
	ae_agg_init(&r->a, r->st.start_day, r->st.end_day);
	r->ingested = 1;
	return ae_ingest(&r->st, r->tz, &io, &r->a, err);
}

int ae_run_ingest(ae_run *r, ae_error *err) { return ingest(r, 0, NULL, err); }

int ae_run_partial(ae_run *r, const char *file, ae_error *err)
{
	int rc = ingest(r, 1, NULL, err);
	return rc ? rc : ae_partial_write(file, &r->st, &r->a, err);
}

int ae_run_merge(ae_run *r, const char *const *partials, size_t n, ae_error *err)
{
	ae_partial_set set = {partials, n};
	return ingest(r, 0, &set, err);
}

int ae_run_check_rejects(const ae_run *r, ae_error *err)
{
	ae_accounting acc = ae_run_accounting(r);
	int t = ae_rejects_over(&r->st, &acc);
	if (t < 0)
		return AE_OK;
	const ae_tablecount *tc = &acc.tables[t];
	/* unknown labels are the common cause, and the study file fixes them: name the first */
	char fix[400] = "", map[320];
	for (size_t i = 0; i < acc.nrejects; i++)
		if (acc.rejects[i].table == t && ae_reject_mapping(&acc.rejects[i], map, sizeof map)) {
			snprintf(fix, sizeof fix, "; %llu unknown labels, the first %s: map it in [%s] with %s",
				 (unsigned long long)tc->by_reason[RJ_UNKNOWN_VALUE], acc.rejects[i].detail,
				 ae_tables[t].name, map);
			break;
		}
	return ae_fail(err, AE_EDATA,
		       "%s: %llu of %llu records rejected, over max_reject_share %g%s; nothing written "
		       "(alpr-eval validate lists every reject)",
		       r->st.input[t].path, (unsigned long long)tc->rejected, (unsigned long long)tc->read,
		       r->st.max_reject_share, fix);
}

int ae_run_analyse(ae_run *r, ae_error *err)
{
	r->h.st = &r->st;
	r->h.t = &r->t;
	r->h.acc = ae_run_accounting(r);
	r->analysed = 1;
	int rc = AE_OK;
	for (size_t i = 0; !rc && i < ae_nanalyses; i++)
		if (ae_analyses[i].build && ae_analysis_runs(&ae_analyses[i], &r->st))
			rc = ae_analyses[i].build(&r->st, &r->a, &r->t, &r->h, err);
	/* min_cell over every row at once, before any output reads the table */
	return rc ? rc : ae_suppress(&r->st, &r->h.acc, &r->t, err);
}

/* metrics.csv, metrics.json, rejects.csv and, last, manifest.json (it lists
 * and hashes every other file, the PDFs too), each through the checked writer. */
static int write_tables(ae_run *r, ae_outdir *od, int manifest, ae_error *err)
{
	static const char *const files[] = {"metrics.csv", "metrics.json", "rejects.csv", "manifest.json"};
	const ae_accounting *acc = &r->h.acc;
	for (int i = manifest ? 3 : 0; i < (manifest ? 4 : 3); i++) {
		FILE *f = ae_outdir_open(od, files[i], err);
		if (!f)
			return AE_EIO;
		int w = i == 0 ? ae_table_write_csv(&r->t, f)
		      : i == 1 ? ae_table_write_json(&r->t, r->st.title, json_incref(r->h.notes), f)
		      : i == 2 ? ae_rejects_write(&r->st, acc, f)
			       : ae_manifest_write(&r->st, acc, &r->t, ae_outdir_path(od), f);
		int c = ae_outdir_close(od, f, files[i], err);
		if (w && !c)
			c = ae_fail(err, AE_EIO, "%s/%s: write failed", r->st.output, files[i]);
		if (c)
			return c;
	}
	if (manifest)
		return AE_OK;
	if (r->h.effect) { /* the crime-effect panel and its areas, for a hand count */
		static const char *const names[] = {"crime_panel.csv", "crime_areas.csv"};
		for (int i = 0; i < 2; i++) {
			FILE *f = ae_outdir_open(od, names[i], err);
			if (!f)
				return AE_EIO;
			int w = i ? ae_effect_write_areas(r->h.effect, f) : ae_effect_write_panel(r->h.effect, f);
			int c = ae_outdir_close(od, f, names[i], err);
			if (w && !c)
				c = ae_fail(err, AE_EIO, "%s/%s: write failed", r->st.output, names[i]);
			if (c)
				return c;
		}
	}
	if (r->h.sharing) { /* the sharing table as classified */
		FILE *f = ae_outdir_open(od, "sharing.csv", err);
		if (!f)
			return AE_EIO;
		int w = ae_sharing_write_csv(r->h.sharing, f);
		int c = ae_outdir_close(od, f, "sharing.csv", err);
		if (w && !c)
			c = ae_fail(err, AE_EIO, "%s/sharing.csv: write failed", r->st.output);
		if (c)
			return c;
	}
	return AE_OK;
}

int ae_run_write(ae_run *r, char *note, size_t n, ae_error *err)
{
	if (note && n)
		note[0] = '\0';
	ae_outdir *od;
	int rc = ae_outdir_begin(&od, r->st.output, err);
	if (rc)
		return rc;
	rc = write_tables(r, od, 0, err);
	ae_chartset charts;
	memset(&charts, 0, sizeof charts);
	if (!rc)
		rc = ae_charts_draw(&r->h, od, r->o.gnuplot, &charts, err);
	if (!rc)
		rc = ae_check_stop(err);
	if (!rc)
		rc = ae_briefing_write(&r->h, &charts, od, err);
	char pdf[256] = "";
	ae_pdf_opts po = {r->o.chromium, r->st.end_day}; /* the PDFs carry the study's last day */
	if (!rc && !ae_pdf_write(ae_outdir_path(od), &po, pdf, sizeof pdf) && note && n)
		snprintf(note, n, "%s", pdf);
	if (!rc)
		rc = write_tables(r, od, 1, err);
	if (!rc)
		rc = ae_check_stop(err);
	if (!rc)
		rc = ae_outdir_commit(od, err);
	ae_chartset_release(&charts);
	ae_outdir_free(od);
	return rc;
}

void ae_run_free(ae_run *r)
{
	if (!r)
		return;
	if (r->analysed)
		for (size_t i = ae_nanalyses; i-- > 0;)
			if (ae_analyses[i].release)
				ae_analyses[i].release(&r->h);
	json_decref(r->h.notes);
	ae_table_release(&r->t);
	if (r->ingested)
		ae_agg_release(&r->a);
	ae_tz_free(r->tz);
	ae_study_release(&r->st);
	free(r);
}

const ae_study *ae_run_study(const ae_run *r) { return &r->st; }
const ae_agg *ae_run_agg(const ae_run *r) { return &r->a; }
const ae_table *ae_run_table(const ae_run *r) { return &r->t; }
const ae_handover *ae_run_handover(const ae_run *r) { return &r->h; }

ae_accounting ae_run_accounting(const ae_run *r)
{
	ae_accounting acc;
	ae_agg_accounting(&r->a, &r->st.file_hash, &acc);
	return acc;
}
