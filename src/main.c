/* main.c — the command line: argument parsing, the command table, and the
 * only place that exits. Data on stdout, messages on stderr. */
#include "aggregate.h"
#include "briefing.h"
#include "charts.h"
#include "exposure.h"
#include "ingest.h"
#include "manifest.h"
#include "metrics.h"
#include "output.h"
#include "pdf.h"
#include "study.h"
#include "table.h"
#include "timeparse.h"
#include "util.h"
#include <gsl/gsl_errno.h>
#include <jansson.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIRST_ERRORS 10

typedef struct opts {
	int quiet;
	const char *study;
	const char *output;   /* --output: instead of the study's output folder */
	int threads;          /* --threads: 0 = one per core, at most 2 */
} opts;

static void on_signal(int sig)
{
	ae_stop_signal = sig;
}

static const char usage[] =
	"usage: alpr-eval <command> [options] STUDY.ini\n"
	"\n"
	"commands:\n"
	"  run STUDY.ini       run a study: write metrics.csv, metrics.json, rejects.csv and\n"
	"                      manifest.json to its output folder (printed on stdout)\n"
	"  validate STUDY.ini  check every input; list rejects as CSV on stdout; write nothing\n"
	"  help                this text\n"
	"  version             the version\n"
	"\n"
	"options:\n"
	"  -q, --quiet         no summary or progress on stderr (errors are still printed)\n"
	"  -o, --output DIR    write the report folder here instead of the study's output\n"
	"  -j, --threads N     parse the read log in N threads (1 or 2; default: 2 when the\n"
	"                      machine has 2 cores or more); results are the same either way\n"
	"\n"
	"exit codes: 0 ok; 1 rejected records over the study's max_reject_share, or an input\n"
	"whose header lacks a required column; 2 usage or study-file error; 3 I/O error;\n"
	"130 / 143 interrupted by SIGINT / SIGTERM (nothing half-written is left)\n";

/* Loads the study and makes one pass over its inputs. */
static int study_pass(const opts *o, ae_study *st, ae_tz **tz, ae_agg *a, ae_error *err)
{
	int rc = ae_study_load(o->study, st, err);
	if (rc)
		return rc;
	if (o->output) {
		free(st->output);
		st->output = ae_strdup(o->output);
	}
	ae_ingest_progress(!o->quiet);
	/* ALPR_EVAL_SPLIT_MIN: smallest read log split in two (bytes); tests split tiny files */
	const char *sm = getenv("ALPR_EVAL_SPLIT_MIN");
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	ae_ingest_threads(o->threads ? o->threads : cores >= 2 ? 2 : 1,
			  sm && *sm ? strtoull(sm, NULL, 10) : 32u << 20);
	*tz = ae_tz_new(st->timezone);
	if (!*tz)
		return ae_fail(err, AE_EUSAGE, "%s: timezone '%s' is not a known IANA time zone", st->file,
			       st->timezone);
	ae_agg_init(a, st->start_day, st->end_day);
	return ae_ingest(st, *tz, a, err);
}

static int write_report(const ae_study *st, const ae_agg *a, int quiet, ae_error *err)
{
	ae_table t;
	ae_table_init(&t);
	ae_metrics_build(st, a, &t);
	ae_outdir *od;
	int rc = ae_outdir_begin(&od, st->output, err);
	static const char *const files[] = {"metrics.csv", "metrics.json", "rejects.csv", "manifest.json"};
	for (int i = 0; !rc && i < 4; i++) {
		FILE *f = ae_outdir_open(od, files[i], err);
		if (!f) {
			rc = AE_EIO;
			break;
		}
		int w = i == 0 ? ae_table_write_csv(&t, f)
		      : i == 1 ? ae_table_write_json(&t, st->title, ae_exposure_notes(st, a), f)
		      : i == 2 ? ae_rejects_write(st, a, f)
			       : ae_manifest_write(st, a, f);
		int c = ae_outdir_close(od, f, files[i], err);
		if (w && !c)
			c = ae_fail(err, AE_EIO, "%s/%s: write failed", st->output, files[i]);
		rc = c;
	}
	ae_chartset charts;
	memset(&charts, 0, sizeof charts);
	if (!rc)
		rc = ae_charts_draw(st, a, &t, ae_outdir_path(od), &charts, err);
	if (!rc)
		rc = ae_check_stop(err);
	if (!rc) {
		/* the report layer's view of the run (ingest sorted the rejects) */
		ae_handover h;
		ae_areas areas;
		memset(&h, 0, sizeof h);
		ae_agg_accounting(a, &st->file_hash, &h.acc);
		ae_exposure_areas(a, &areas);
		h.st = st;
		h.t = &t;
		h.areas = st->input[TB_HOODS].present ? &areas : NULL;
		h.notes = ae_exposure_notes(st, a);
		rc = ae_briefing_write(&h, &charts, od, err);
		json_decref(h.notes);
		ae_areas_release(&areas);
	}
	char note[256];
	if (!rc && !ae_pdf_write(ae_outdir_path(od), note, sizeof note) && !quiet)
		fprintf(stderr, "alpr-eval: %s\n", note);
	if (!rc)
		rc = ae_check_stop(err);
	if (!rc)
		rc = ae_outdir_commit(od, err);
	ae_chartset_release(&charts);
	ae_outdir_free(od);
	ae_table_release(&t);
	return rc;
}

static int over_threshold(const ae_study *st, const ae_agg *a, ae_error *err)
{
	int t = ae_rejects_over(st, a);
	if (t < 0)
		return AE_OK;
	const ae_tablecount *tc = &a->tables[t];
	return ae_fail(err, AE_EDATA,
		       "%s: %llu of %llu records rejected, over max_reject_share %g; nothing written "
		       "(alpr-eval validate lists every reject)",
		       st->input[t].path, (unsigned long long)tc->rejected,
		       (unsigned long long)tc->read, st->max_reject_share);
}

static int cmd_run(const opts *o, ae_error *err)
{
	ae_study st;
	ae_agg a;
	ae_tz *tz = NULL;
	memset(&a, 0, sizeof a);
	int rc = study_pass(o, &st, &tz, &a, err);
	if (!rc && !o->quiet)
		ae_rejects_report(&st, &a, FIRST_ERRORS, stderr);
	if (!rc)
		rc = over_threshold(&st, &a, err);
	if (!rc)
		rc = write_report(&st, &a, o->quiet, err);
	if (!rc)
		printf("%s\n", st.output);
	ae_agg_release(&a);
	ae_tz_free(tz);
	ae_study_release(&st);
	return rc;
}

static int cmd_validate(const opts *o, ae_error *err)
{
	ae_study st;
	ae_agg a;
	ae_tz *tz = NULL;
	memset(&a, 0, sizeof a);
	int rc = study_pass(o, &st, &tz, &a, err);
	if (!rc) {
		if (ae_rejects_write(&st, &a, stdout))
			rc = ae_fail(err, AE_EIO, "cannot write to standard output");
		if (!o->quiet)
			ae_rejects_report(&st, &a, FIRST_ERRORS, stderr);
	}
	if (!rc)
		rc = over_threshold(&st, &a, err);
	ae_agg_release(&a);
	ae_tz_free(tz);
	ae_study_release(&st);
	return rc;
}

static int cmd_help(const opts *o, ae_error *err)
{
	(void)o; (void)err;
	fputs(usage, stdout);
	return AE_OK;
}

static int cmd_version(const opts *o, ae_error *err)
{
	(void)o; (void)err;
	printf("alpr-eval %s\n", AE_VERSION);
	return AE_OK;
}

static const struct command {
	const char *name;
	int (*fn)(const opts *, ae_error *);
	int needs_study;
} commands[] = {
	{"run", cmd_run, 1},
	{"validate", cmd_validate, 1},
	{"help", cmd_help, 0},
	{"version", cmd_version, 0},
};

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C");
	gsl_set_error_handler_off();
	/* Past a file-size limit, a write should fail (and be reported), not kill the run. */
	signal(SIGXFSZ, SIG_IGN);
	opts o = {0, NULL, NULL, 0};
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	const struct command *cmd = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			return AE_OK;
		} else if (strcmp(a, "--version") == 0) {
			printf("alpr-eval %s\n", AE_VERSION);
			return AE_OK;
		} else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			o.quiet = 1;
		} else if (strcmp(a, "--output") == 0 || strcmp(a, "-o") == 0) {
			if (++i == argc) {
				fprintf(stderr, "alpr-eval: %s needs a folder\n", a);
				return AE_EUSAGE;
			}
			o.output = argv[i];
		} else if (strcmp(a, "--threads") == 0 || strcmp(a, "-j") == 0) {
			if (++i == argc || (strcmp(argv[i], "1") != 0 && strcmp(argv[i], "2") != 0)) {
				fprintf(stderr, "alpr-eval: %s needs 1 or 2\n", a);
				return AE_EUSAGE;
			}
			o.threads = argv[i][0] - '0';
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "alpr-eval: unknown option '%s'\n%s", a, usage);
			return AE_EUSAGE;
		} else if (!cmd) {
			for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
				if (strcmp(a, commands[k].name) == 0)
					cmd = &commands[k];
			if (!cmd) {
				fprintf(stderr, "alpr-eval: unknown command '%s' (try alpr-eval --help)\n", a);
				return AE_EUSAGE;
			}
		} else if (!o.study) {
			o.study = a;
		} else {
			fprintf(stderr, "alpr-eval: unexpected argument '%s'\n", a);
			return AE_EUSAGE;
		}
	}
	if (!cmd) {
		fputs(usage, stderr);
		return AE_EUSAGE;
	}
	if (cmd->needs_study && !o.study) {
		fprintf(stderr, "alpr-eval: %s needs a study file (alpr-eval %s analysis/NAME.ini)\n",
			cmd->name, cmd->name);
		return AE_EUSAGE;
	}
	ae_error err = {AE_OK, ""};
	int rc = cmd->fn(&o, &err);
	if (rc && err.msg[0])
		fprintf(stderr, "alpr-eval: %s\n", err.msg);
	if (rc == AE_ESIGNAL)
		return 128 + (int)ae_stop_signal;
	return rc;
}
