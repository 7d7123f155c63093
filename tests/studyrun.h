/* studyrun.h — test helper: writes a small study (study file and inputs)
 * into a fresh temporary folder and runs the ingest pass in-process. */
#ifndef AE_STUDYRUN_H
#define AE_STUDYRUN_H
#include "testutil.h"
#include "aggregate.h"
#include "ingest.h"
#include "study.h"
#include "timeparse.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct studyrun {
	char dir[64];
	ae_study st;
	ae_tz *tz;
	ae_agg a;
	ae_error err;
	int rc;
} studyrun;

static const char *const STUDY_HEAD =
	"[study]\ntitle = t\nstart = 2025-01-01\nend = 2025-12-31\ntimezone = America/Chicago\n"
	"seed = 1\nmax_reject_share = 1\n";

/* extra: more [study] keys or sections; the tables given as CSV text (NULL: absent). */
static inline void studyrun_go5(studyrun *s, const char *extra, const char *reads, const char *hits,
				const char *outcomes, const char *cameras, const char *hoods)
{
	memset(s, 0, sizeof *s);
	strcpy(s->dir, "/tmp/ae-test-XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	char path[256], ini[8192];
	/* extra starting with [study] replaces the default head */
	int own_head = extra && strncmp(extra, "[study]", 7) == 0;
	snprintf(ini, sizeof ini, "%s%s\n", own_head ? "" : STUDY_HEAD, extra ? extra : "");
	const char *texts[5] = {reads, hits, outcomes, cameras, hoods};
	const char *names[5] = {"reads", "hits", "outcomes", "cameras", "neighborhoods"};
	for (int i = 0; i < 5; i++) {
		if (!texts[i])
			continue;
		snprintf(path, sizeof path, "%s/%s.csv", s->dir, names[i]);
		write_file(path, texts[i]);
		char sec[128];
		snprintf(sec, sizeof sec, "[%s]", names[i]);
		if (!extra || !strstr(extra, sec)) {   /* a caller's own section names its path */
			snprintf(sec, sizeof sec, "[%s]\npath = %s.csv\n", names[i], names[i]);
			strncat(ini, sec, sizeof ini - strlen(ini) - 1);
		}
	}
	snprintf(path, sizeof path, "%s/study.ini", s->dir);
	write_file(path, ini);
	s->rc = ae_study_load(path, &s->st, &s->err);
	if (s->rc)
		fail_msg("study: %s", s->err.msg);
	s->tz = ae_tz_new(s->st.timezone);
	assert_non_null(s->tz);
	ae_agg_init(&s->a, s->st.start_day, s->st.end_day);
	s->rc = ae_ingest(&s->st, s->tz, &s->a, &s->err);
}

static inline void studyrun_go(studyrun *s, const char *extra, const char *reads, const char *hits,
			       const char *outcomes, const char *cameras)
{
	studyrun_go5(s, extra, reads, hits, outcomes, cameras, NULL);
}

static inline void studyrun_done(studyrun *s)
{
	ae_agg_release(&s->a);
	ae_tz_free(s->tz);
	ae_study_release(&s->st);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", s->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", s->dir);
}

/* Every table: accepted + rejected + out of period = read. */
static inline void assert_accounted(const ae_agg *a)
{
	for (int t = 0; t < TB_COUNT; t++) {
		const ae_tablecount *c = &a->tables[t];
		if (c->accepted + c->rejected + c->out_of_period != c->read)
			fail_msg("table %d: %llu + %llu + %llu != %llu", t, (unsigned long long)c->accepted,
				 (unsigned long long)c->rejected, (unsigned long long)c->out_of_period,
				 (unsigned long long)c->read);
	}
}
#endif
