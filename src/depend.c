/* depend.c — see depend.h. */
#include "depend.h"
#include "study.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* A path as a make prerequisite: spaces, '#' and '\' escaped, '$' doubled;
 * a newline or ':' cannot be written (make has no escape that works for both
 * targets and prerequisites). */
static int put_path(FILE *out, const char *p, const char *what, ae_error *err)
{
	if (strpbrk(p, "\n:%"))
		return ae_fail(err, AE_EUSAGE,
			       "%s: its path '%s' holds a newline, ':' or '%%', which make cannot name: rename it",
			       what, p);
	for (; *p; p++) {
		if (*p == ' ' || *p == '#' || *p == '\t')
			fputc('\\', out);
		if (*p == '$')
			fputc('$', out);
		fputc(*p, out);
	}
	return AE_OK;
}

/* The study file named by a report's manifest, and the --period it was run with. */
static int from_manifest(const char *manifest, char **study, char **period, ae_error *err)
{
	json_error_t je;
	json_t *m = json_load_file(manifest, 0, &je);
	if (!m)
		return ae_fail(err, AE_EUSAGE, "%s:%d: not a manifest.json alpr-eval can read: %s", manifest, je.line,
			       je.text);
	json_t *s = json_object_get(m, "study");
	const char *f = json_string_value(json_object_get(s, "file"));
	const char *p = json_string_value(json_object_get(s, "period"));
	const char *tool = json_string_value(json_object_get(m, "tool"));
	int rc = AE_OK;
	if (!f || !tool || strcmp(tool, "alpr-eval") != 0)
		rc = ae_fail(err, AE_EUSAGE, "%s: not a report's manifest (no study.file): give a study file instead",
			     manifest);
	else {
		*study = ae_strdup(f);
		*period = p ? ae_strdup(p) : NULL;
	}
	json_decref(m);
	return rc;
}

static int ends_with(const char *s, const char *t)
{
	size_t n = strlen(s), k = strlen(t);
	return n >= k && strcmp(s + n - k, t) == 0;
}

int ae_depend_write(FILE *out, const char *arg, ae_error *err)
{
	char *study = NULL, *period = NULL, *target = NULL;
	int rc = AE_OK;
	if (ends_with(arg, "manifest.json")) {
		rc = from_manifest(arg, &study, &period, err);
		target = ae_strdup(arg);
	} else
		study = ae_strdup(arg);
	ae_study st;
	memset(&st, 0, sizeof st);
	/* a report folder given: rebuilt where it is, whatever the study's output says */
	if (!rc)
		rc = ae_study_load_period(study, period, target != NULL, &st, err);
	if (!rc && !target) {
		size_t n = strlen(st.output) + 16;
		target = ae_malloc(n);
		snprintf(target, n, "%s/manifest.json", st.output);
	}
	if (!rc) {
		const char *pre[TB_COUNT + 4];
		size_t np = 0;
		pre[np++] = st.file;
		for (int t = 0; t < TB_COUNT; t++)
			if (st.input[t].present && st.input[t].path)
				pre[np++] = st.input[t].path;
		if (st.boundaries)
			pre[np++] = st.boundaries;
		if (st.plate_key_file)
			pre[np++] = st.plate_key_file;
		if (st.organization_rules)
			pre[np++] = st.organization_rules;
		rc = put_path(out, target, target, err);
		fputs(":", out);
		for (size_t i = 0; !rc && i < np; i++) {
			fputs(" ", out);
			rc = put_path(out, pre[i], st.file, err);
		}
		fputs("\n", out);
		if (!rc) {
			/* what the Makefile's recipe runs for this target */
			put_path(out, target, target, err);
			fputs(": AE_STUDY := ", out);
			rc = put_path(out, st.file, st.file, err);
			fprintf(out, "\n");
			put_path(out, target, target, err);
			fprintf(out, ": AE_PERIOD := %s\nAE_REPORTS += ", period ? period : "");
			put_path(out, target, target, err);
			fputs("\n", out);
		}
	}
	ae_study_release(&st);
	free(study);
	free(period);
	free(target);
	return rc;
}
