/* fuzz_ingest.c — libFuzzer target: each table's CSV ingest. The first byte
 * picks the table (reads, hits, outcomes, cameras, neighborhoods) and its
 * delimiter; the rest is that table's file, read by a fixed study whose
 * other tables are small and valid. Any crash, sanitizer report or leak is
 * a bug; rejects and errors are fine. The study runs through ae_run (new,
 * ingest, analyse). A read log is also run with two threads (split at its
 * middle, whatever it holds: split_min 0): any difference from one thread
 * in the outcome, counts, rejects or metrics.csv is a bug too. */
#define _GNU_SOURCE
#include "output.h"
#include "run.h"
#include <gsl/gsl_errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static void put(const char *name, const void *data, size_t n)
{
	char p[128];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "wb");
	if (!f)
		abort();
	fwrite(data, 1, n, f);
	fclose(f);
}

static const char *const READS =
	"read_id,timestamp,camera_id,plate,plate_state,lat,lon,neighborhood,confidence\n"
	"r1,2025-05-01T12:00:00Z,C1,ABC123,TX,30.1,-97.7,A,0.9\nr2,2025-05-02 08:00:00,C2,XYZ9,,,,B,\n";
static const char *const HITS =
	"hit_id,read_id,timestamp,camera_id,plate,hotlist,disposition\n"
	"h1,r1,,,,stolen_vehicle,confirmed\nh2,,2025-05-02T08:00:00-05:00,C2,xyz-9,manual,misread\n";
static const char *const OUTCOMES =
	"outcome_id,hit_id,timestamp,type,neighborhood\no1,h1,2025-05-03T00:00:00Z,arrest,A\n";
static const char *const CAMERAS = "camera_id,lat,lon,neighborhood,kind\nC1,30.1,-97.7,A,fixed\nC2,,,,mobile\n";
static const char *const HOODS =
	"neighborhood,population,area_km2,daily_vmt,pop_a,pop_b\nA,1000,2,500,600,400\nB,0,1,1,0,0\n";

/* The study folder goes when the fuzzer exits (it holds only plain files). */
static void remove_dir(void) { ae_remove_flat_dir(dir); }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	gsl_set_error_handler_off();
	strcpy(dir, "/tmp/alpr-fuzz-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	atexit(remove_dir);
	return 0;
}

/* Runs the study with 1 or 2 threads (any read log split); writes the
 * outcome, every count and reject, and metrics.csv into *out. */
static void run(const char *path, int threads, char **out, size_t *outn)
{
	FILE *o = open_memstream(out, outn);
	if (!o)
		abort();
	ae_run_options opt;
	ae_run_options_init(&opt);
	opt.study = path;
	opt.threads = threads;
	opt.split_min = 0;
	ae_run *r = NULL;
	ae_error err = {AE_OK, ""};
	if (ae_run_new(&r, &opt, &err) == AE_OK) {
		int rc = ae_run_ingest(r, &err);
		fprintf(o, "rc %d %s\n", rc, rc ? err.msg : "");
		if (rc == AE_OK) {
			rc = ae_run_analyse(r, &err);
			fprintf(o, "analyse %d %s\n", rc, rc ? err.msg : "");
			ae_table_write_csv(ae_run_table(r), o);
			ae_accounting acc = ae_run_accounting(r);
			for (int k = 0; k < TB_COUNT; k++) {
				const ae_tablecount *c = &acc.tables[k];
				if (c->accepted + c->rejected + c->out_of_period != c->read)
					abort(); /* every record accounted for */
				fprintf(o, "%d %llu %llu %llu %llu\n", k, (unsigned long long)c->read,
					(unsigned long long)c->accepted, (unsigned long long)c->rejected,
					(unsigned long long)c->out_of_period);
			}
			for (size_t i = 0; i < acc.nrejects; i++) {
				const ae_reject *j = &acc.rejects[i];
				fprintf(o, "%d %ld %d %d %s\n", j->table, j->line, j->col, j->reason,
					j->detail ? j->detail : "");
			}
		}
	}
	ae_run_free(r);
	fclose(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char *const names[] = {"reads.csv", "hits.csv", "outcomes.csv", "cameras.csv", "hoods.csv"};
	static const char *const delims[] = {"comma", "semicolon", "tab", "pipe"};
	int table = data[0] % 5, delim = (data[0] / 5) % 4;
	const char *texts[] = {READS, HITS, OUTCOMES, CAMERAS, HOODS};
	for (int t = 0; t < 5; t++)
		if (t == table)
			put(names[t], data + 1, size - 1);
		else
			put(names[t], texts[t], strlen(texts[t]));
	char dl[5][40] = {"", "", "", "", ""};
	snprintf(dl[table], sizeof dl[table], "delimiter = %s\n", delims[delim]);
	char ini[1024];
	snprintf(ini, sizeof ini,
		 "[study]\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = America/Chicago\nseed = 1\n"
		 "bootstrap_replicates = 100\nmin_cell = 2\n"
		 "[reads]\npath = reads.csv\n%s[hits]\npath = hits.csv\n%s[outcomes]\npath = outcomes.csv\n%s"
		 "[cameras]\npath = cameras.csv\n%s[neighborhoods]\npath = hoods.csv\n%s",
		 dl[0], dl[1], dl[2], dl[3], dl[4]);
	put("study.ini", ini, strlen(ini));
	char path[128];
	snprintf(path, sizeof path, "%s/study.ini", dir);
	char *one = NULL, *two = NULL;
	size_t n1 = 0, n2 = 0;
	run(path, 1, &one, &n1);
	if (table == 0) {
		/* the read log split in two at its middle: exactly what one thread gives */
		run(path, 2, &two, &n2);
		if (n1 != n2 || memcmp(one, two, n1) != 0)
			abort();
	}
	free(one);
	free(two);
	return 0;
}
