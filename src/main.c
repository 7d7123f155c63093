/* main.c — the command line: argument parsing, the command table, and the
 * only place that exits. Data on stdout, messages on stderr. */
#include "compare.h"
#include "depend.h"
#include "manifest.h"
#include "run.h"
#include "util.h"
#include <gsl/gsl_errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIRST_ERRORS 10

typedef struct opts {
	int quiet;
	ae_run_options run; /* run.study: the first study given */
	const char **args;  /* every argument after the command that is not an option */
	size_t nargs;
	const char **partials; /* merge: the partial files, in order (args after the study) */
	size_t npartials;
	const char *periods[2]; /* compare: the first two --period values */
	int nperiods;           /* --period options given */
} opts;

static void on_signal(int sig) { ae_stop_signal = sig; }

static const char usage[] =
	"usage: alpr-eval <command> [options] STUDY.ini\n"
	"\n"
	"commands:\n"
	"  run STUDY.ini...    run each study: write the report folder below to the study's\n"
	"                      output folder (its path is printed on stdout); with several,\n"
	"                      each runs whatever the others do, and the exit code is the\n"
	"                      highest of theirs\n"
	"  validate STUDY.ini  check every input; list rejects as CSV on stdout; write nothing\n"
	"  partial STUDY.ini -o FILE [--reads SHARD]\n"
	"                      aggregate one shard of the read log (the study's, or SHARD)\n"
	"                      into FILE, a partial to merge; plates stay keyed hashes\n"
	"  merge STUDY.ini PARTIAL...\n"
	"                      the report of one run over the partials' shards together\n"
	"                      (their records in the order given, one header): written as\n"
	"                      run writes it; partials of another version, study or plate\n"
	"                      key, truncated or corrupt ones are refused (doc/partials.md)\n"
	"  compare A.ini B.ini | compare STUDY.ini --period P1 --period P2\n"
	"                      the change in every figure the two share (B against A),\n"
	"                      with an interval where one applies: changes.csv, two charts,\n"
	"                      a \"what changed\" page and a manifest, in compare-A-B beside\n"
	"                      A's report (the study's output plus -P1-vs-P2 for periods;\n"
	"                      -o DIR); both need one plate key (doc/compare.md)\n"
	"  depend STUDY.ini|REPORT/manifest.json...\n"
	"                      make rules: each report's study file and inputs (make reports)\n"
	"  help                this text\n"
	"  version             the version\n"
	"\n"
	"options:\n"
	"  -q, --quiet         no summary or progress on stderr (errors are still printed)\n"
	"  -o, --output DIR    write the report folder here instead of the study's output\n"
	"                      (partial: the partial file to write)\n"
	"  --reads FILE        partial: this read log (a shard) instead of the study's\n"
	"  --period P          the period instead of the study's start and end: YYYY, YYYY-MM,\n"
	"                      YYYY-Qn or START..END (YYYY-MM-DD); the report goes to the\n"
	"                      study's output folder plus -P (START_END for a range)\n"
	"  -j, --threads N     parse the read log in N threads (1 or 2; default: 2 when the\n"
	"                      machine has 2 cores or more); results are the same either way\n"
	"\n"
	"the report folder:\n"
	"  metrics.csv         every figure: metric, dimension, group, estimate, interval,\n"
	"                      numerator, denominator, method (doc/metrics.md)\n"
	"  metrics.json        the same rows, with notes (small areas, unassigned reads,\n"
	"                      the crime effect's areas and gaps)\n"
	"  rejects.csv         every rejected record: file, line, column, reason (never a plate)\n"
	"  manifest.json       tool version, study parameters, each input's path, bytes,\n"
	"                      SHA-256 and record counts, rejects by reason; each other\n"
	"                      file of the folder with its bytes and SHA-256\n"
	"  report.html         the committee briefing: key findings, what it does not cover,\n"
	"                      then the detail; report.md the same in Markdown\n"
	"  handout.html        two printed pages: the key findings and two main charts\n"
	"  report.pdf          the briefing printed by headless Chromium, when it runs\n"
	"  handout.pdf         the same for handout.html, when the briefing writes one\n"
	"  chart-NAME.svg/.png each chart; chart-NAME.gp and chart-NAME.dat redraw it\n"
	"                      (gnuplot chart-NAME.gp in the folder)\n"
	"  sharing.csv         with [sharing]: each organization of the list, classified\n"
	"  crime_panel.csv     with [effect]: the crime panel (type, area, period, incidents)\n"
	"  crime_areas.csv     with [effect]: each area's treatment start and role in the model\n"
	"\n"
	"environment: ALPR_EVAL_SPLIT_MIN (bytes: smallest read log split in two, default\n"
	"32 MiB), ALPR_EVAL_GNUPLOT (the gnuplot to run), ALPR_EVAL_CHROMIUM (the browser for\n"
	"report.pdf and handout.pdf; none: no PDF), TZDIR (the time-zone database)\n"
	"\n"
	"exit codes: 0 ok; 1 rejected records over the study's max_reject_share, or an input\n"
	"whose header lacks a required column; 2 usage or study-file error; 3 I/O error (gnuplot\n"
	"missing or failing included); 130 / 143 interrupted by SIGINT / SIGTERM (nothing\n"
	"half-written is left)\n"
	"\n"
	"documentation: man -l doc/alpr-eval.1; doc/inputs.md, doc/study-file.md, doc/metrics.md\n";

/* One study of `run`; *out gets its output folder when it was written. */
static int run_one(const opts *o, const ae_run_options *ro, char *const *done, size_t ndone, char **out, ae_error *err)
{
	ae_run *r;
	int rc = ae_run_new(&r, ro, err);
	for (size_t i = 0; !rc && i < ndone; i++)
		if (strcmp(done[i], ae_run_study(r)->output) == 0)
			rc = ae_fail(err, AE_EUSAGE,
				     "%s: its output folder %s is an earlier study's of this run: give each study its own "
				     "output",
				     ro->study, done[i]);
	if (!rc)
		rc = ae_run_ingest(r, err);
	ae_accounting acc = ae_run_accounting(r);
	if (!rc && !o->quiet)
		ae_rejects_report(ae_run_study(r), &acc, FIRST_ERRORS, stderr);
	if (!rc)
		rc = ae_run_check_rejects(r, err);
	if (!rc)
		rc = ae_run_analyse(r, err);
	char note[256] = "";
	if (!rc)
		rc = ae_run_write(r, note, sizeof note, err);
	if (!rc && note[0] && !o->quiet)
		fprintf(stderr, "alpr-eval: %s\n", note);
	if (!rc) {
		printf("%s\n", ae_run_study(r)->output);
		fflush(stdout);
		*out = ae_strdup(ae_run_study(r)->output);
	}
	ae_run_free(r);
	return rc;
}

/* The exit status of several studies: an interrupt, else the highest. */
static int worst(int a, int b) { return a == AE_ESIGNAL || b == AE_ESIGNAL ? AE_ESIGNAL : a > b ? a : b; }

/* Each study runs to its end or its error; one failing does not stop the
 * others (an interrupt does). With several, each error is printed as it
 * comes, so each names its study. */
static int cmd_run(const opts *o, ae_error *err)
{
	int rc = AE_OK;
	char **done = ae_calloc(o->nargs + 1, sizeof *done);
	size_t ndone = 0;
	for (size_t i = 0; i < o->nargs && rc != AE_ESIGNAL; i++) {
		ae_run_options ro = o->run;
		ro.study = o->args[i];
		ae_error e = {AE_OK, ""};
		int one = run_one(o, &ro, done, ndone, &done[ndone], &e);
		if (!one)
			ndone++;
		else if (o->nargs == 1 || one == AE_ESIGNAL)
			*err = e;
		else if (e.msg[0])
			fprintf(stderr, "alpr-eval: %s\n", e.msg);
		rc = worst(rc, one);
	}
	for (size_t i = 0; i < ndone; i++)
		free(done[i]);
	free(done);
	return rc;
}

static int cmd_partial(const opts *o, ae_error *err)
{
	if (!o->run.output)
		return ae_fail(err, AE_EUSAGE, "partial needs the file to write: alpr-eval partial %s -o FILE",
			       o->run.study);
	ae_run *r;
	int rc = ae_run_new(&r, &o->run, err);
	if (!rc)
		rc = ae_run_partial(r, o->run.output, err);
	/* the shard's rejects are the merge's to judge against max_reject_share */
	ae_accounting acc = ae_run_accounting(r);
	if (!rc && !o->quiet)
		ae_rejects_report(ae_run_study(r), &acc, FIRST_ERRORS, stderr);
	if (!rc)
		printf("%s\n", o->run.output);
	ae_run_free(r);
	return rc;
}

static int cmd_merge(const opts *o, ae_error *err)
{
	if (!o->npartials)
		return ae_fail(err, AE_EUSAGE, "merge needs partial files: alpr-eval merge %s PARTIAL...", o->run.study);
	ae_run *r;
	int rc = ae_run_new(&r, &o->run, err);
	if (!rc)
		rc = ae_run_merge(r, o->partials, o->npartials, err);
	ae_accounting acc = ae_run_accounting(r);
	if (!rc && !o->quiet)
		ae_rejects_report(ae_run_study(r), &acc, FIRST_ERRORS, stderr);
	if (!rc)
		rc = ae_run_check_rejects(r, err);
	if (!rc)
		rc = ae_run_analyse(r, err);
	char note[256] = "";
	if (!rc)
		rc = ae_run_write(r, note, sizeof note, err);
	if (!rc && note[0] && !o->quiet)
		fprintf(stderr, "alpr-eval: %s\n", note);
	if (!rc)
		printf("%s\n", ae_run_study(r)->output);
	ae_run_free(r);
	return rc;
}

static int cmd_validate(const opts *o, ae_error *err)
{
	ae_run *r;
	int rc = ae_run_new(&r, &o->run, err);
	if (!rc)
		rc = ae_run_ingest(r, err);
	ae_accounting acc = ae_run_accounting(r);
	if (!rc) {
		if (ae_rejects_write(ae_run_study(r), &acc, stdout))
			rc = ae_fail(err, AE_EIO, "cannot write to standard output");
		if (!o->quiet)
			ae_rejects_report(ae_run_study(r), &acc, FIRST_ERRORS, stderr);
	}
	if (!rc)
		rc = ae_run_check_rejects(r, err);
	ae_run_free(r);
	return rc;
}

static int cmd_depend(const opts *o, ae_error *err)
{
	int rc = AE_OK;
	for (size_t i = 0; !rc && i < o->nargs; i++)
		rc = ae_depend_write(stdout, o->args[i], err);
	if (!rc && fflush(stdout))
		rc = ae_fail(err, AE_EIO, "cannot write to standard output");
	return rc;
}

/* Two study files, or one with two periods: ae_compare_run does the rest. */
static int cmd_compare(const opts *o, ae_error *err)
{
	ae_compare_options co;
	ae_compare_options_init(&co);
	if (o->nargs == 2 && o->nperiods == 0) {
		co.study[0] = o->args[0];
		co.study[1] = o->args[1];
	} else if (o->nargs == 1 && o->nperiods == 2) {
		co.study[0] = co.study[1] = o->args[0];
		co.period[0] = o->periods[0];
		co.period[1] = o->periods[1];
	} else {
		return ae_fail(err, AE_EUSAGE,
			       "compare takes two study files (alpr-eval compare A.ini B.ini) or one study and two "
			       "periods (alpr-eval compare STUDY.ini --period P1 --period P2)");
	}
	co.output = o->run.output;
	co.gnuplot = o->run.gnuplot;
	co.split_min = o->run.split_min;
	co.progress = o->run.progress;
	char *out = NULL;
	int rc = ae_compare_run(&co, &out, err);
	if (!rc)
		printf("%s\n", out);
	free(out);
	return rc;
}

static int cmd_help(const opts *o, ae_error *err)
{
	(void)o;
	(void)err;
	fputs(usage, stdout);
	return AE_OK;
}

static int cmd_version(const opts *o, ae_error *err)
{
	(void)o;
	(void)err;
	printf("alpr-eval %s\n", AE_VERSION);
	return AE_OK;
}

static const struct command {
	const char *name;
	int (*fn)(const opts *, ae_error *);
	int needs_study;
} commands[] = {
	{"run", cmd_run, 1},     {"validate", cmd_validate, 1}, {"partial", cmd_partial, 1},
	{"merge", cmd_merge, 1}, {"depend", cmd_depend, 1},     {"compare", cmd_compare, 1},
	{"help", cmd_help, 0},   {"version", cmd_version, 0},
};

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C");
	gsl_set_error_handler_off();
	/* Past a file-size limit, a write should fail (and be reported), not kill the run. */
	signal(SIGXFSZ, SIG_IGN);
	opts o;
	o.quiet = 0;
	const char *argbuf[argc]; /* the arguments that are not options (fewer than argc) */
	o.args = argbuf;
	o.partials = NULL;
	o.nargs = o.npartials = 0;
	o.nperiods = 0;
	ae_run_options_init(&o.run);
	/* the environment, read here only (see the man page's ENVIRONMENT) */
	const char *sm = getenv("ALPR_EVAL_SPLIT_MIN"); /* tests split tiny files */
	if (sm && *sm)
		o.run.split_min = strtoull(sm, NULL, 10);
	o.run.gnuplot = getenv("ALPR_EVAL_GNUPLOT");
	o.run.chromium = getenv("ALPR_EVAL_CHROMIUM");
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
			o.run.output = argv[i];
		} else if (strcmp(a, "--threads") == 0 || strcmp(a, "-j") == 0) {
			if (++i == argc || (strcmp(argv[i], "1") != 0 && strcmp(argv[i], "2") != 0)) {
				fprintf(stderr, "alpr-eval: %s needs 1 or 2\n", a);
				return AE_EUSAGE;
			}
			o.run.threads = argv[i][0] - '0';
		} else if (strcmp(a, "--reads") == 0) {
			if (++i == argc) {
				fprintf(stderr, "alpr-eval: %s needs a read log\n", a);
				return AE_EUSAGE;
			}
			o.run.reads = argv[i];
		} else if (strcmp(a, "--period") == 0) {
			if (++i == argc) {
				fprintf(stderr, "alpr-eval: --period needs YYYY, YYYY-MM, YYYY-Qn or START..END\n");
				return AE_EUSAGE;
			}
			o.run.period = argv[i];
			if (o.nperiods < 2)
				o.periods[o.nperiods] = argv[i];
			o.nperiods++;
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
		} else {
			o.args[o.nargs++] = a;
		}
	}
	if (!cmd) {
		fputs(usage, stderr);
		return AE_EUSAGE;
	}
	if (o.run.reads && cmd->fn != cmd_partial) {
		fprintf(stderr,
			"alpr-eval: --reads is for partial only (alpr-eval partial STUDY.ini --reads SHARD -o FILE)\n");
		return AE_EUSAGE;
	}
	if (o.nargs)
		o.run.study = o.args[0];
	if (cmd->fn == cmd_merge && o.nargs > 1) {
		o.partials = o.args + 1;
		o.npartials = o.nargs - 1;
	} else if (o.nargs > 1 && cmd->fn != cmd_run && cmd->fn != cmd_depend && cmd->fn != cmd_compare) {
		fprintf(stderr, "alpr-eval: unexpected argument '%s' (%s takes one study file)\n", o.args[1], cmd->name);
		return AE_EUSAGE;
	}
	if (cmd->fn == cmd_compare && o.nperiods > 2) {
		fprintf(stderr, "alpr-eval: compare takes two --period options, not %d\n", o.nperiods);
		return AE_EUSAGE;
	}
	if (o.nargs > 1 && cmd->fn == cmd_run && o.run.output) {
		fprintf(stderr, "alpr-eval: --output with several studies would write them all to one folder: run "
				"them one at a time, or set each study's output\n");
		return AE_EUSAGE;
	}
	if (cmd->needs_study && !o.run.study) {
		fprintf(stderr, "alpr-eval: %s needs a study file (alpr-eval %s analysis/NAME.ini)\n", cmd->name,
			cmd->name);
		return AE_EUSAGE;
	}
	o.run.progress = !o.quiet;
	ae_error err = {AE_OK, ""};
	int rc = cmd->fn(&o, &err);
	if (rc && err.msg[0])
		fprintf(stderr, "alpr-eval: %s\n", err.msg);
	if (rc == AE_ESIGNAL)
		return 128 + (int)ae_stop_signal;
	return rc;
}
