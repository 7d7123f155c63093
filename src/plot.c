/* plot.c — see plot.h. */
#define _GNU_SOURCE
#include "plot.h"
#include "spawn.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *gnuplot_path(void)
{
	const char *p = getenv("ALPR_EVAL_GNUPLOT");   /* tests point it at a failing stand-in */
	return p && *p ? p : "gnuplot";
}

int ae_plot_version(char *buf, size_t n, ae_error *err)
{
	char *argv[] = {(char *)gnuplot_path(), "--version", NULL};
	ae_buf out, eo;
	ae_buf_init(&out);
	ae_buf_init(&eo);
	int st = ae_spawn(NULL, argv, NULL, &out, &eo);
	int rc = AE_OK;
	if (st != 0 || !out.data || strncmp(out.data, "gnuplot ", 8) != 0) {
		rc = ae_fail(err, AE_EIO, "gnuplot is needed for the charts but %s (install Debian's gnuplot-nox)",
			     st == 127 ? "was not found" : "did not answer --version");
	} else {
		size_t k = strcspn(out.data, "\r\n");
		snprintf(buf, n, "%.*s", (int)k, out.data);
	}
	ae_buf_release(&out);
	ae_buf_release(&eo);
	return rc;
}

int ae_plot_start(const char *dir, const char *name, const char *script, ae_plot_job *job, ae_error *err)
{
	snprintf(job->name, sizeof job->name, "%s", name);
	char file[256];
	snprintf(file, sizeof file, "chart-%s.gp", name);
	char *path = ae_path_join(dir, file);
	FILE *f = fopen(path, "w");
	int ok = f && fputs(script, f) >= 0;
	if (f && fclose(f) != 0)
		ok = 0;
	free(path);
	if (!ok)
		return ae_fail(err, AE_EIO, "chart %s: cannot write its script: %s", name, strerror(errno));
	char *argv[] = {(char *)gnuplot_path(), NULL};
	if (ae_spawn_start(&job->proc, dir, argv, script) < 0)
		return ae_fail(err, AE_EIO, "chart %s: cannot start gnuplot: %s", name, strerror(errno));
	return AE_OK;
}

int ae_plot_wait(ae_plot_job *job, ae_error *err)
{
	ae_buf out, eo;
	ae_buf_init(&out);
	ae_buf_init(&eo);
	int st = ae_spawn_wait(&job->proc, &out, &eo);
	int rc = AE_OK;
	if (st != 0 || eo.len) {
		const char *msg = eo.len ? eo.data : "";
		/* gnuplot echoes the command and a caret first; its reason follows "line N:" */
		const char *at = strstr(msg, "line ");
		if (at)
			msg = at;
		while (*msg == '\n' || *msg == ' ')
			msg++;
		size_t k = strcspn(msg, "\n");
		rc = ae_fail(err, AE_EIO, "chart %s: gnuplot failed (exit %d)%s%.*s", job->name, st, k ? ": " : "",
			     (int)(k > 300 ? 300 : k), msg);
	}
	ae_buf_release(&out);
	ae_buf_release(&eo);
	return rc;
}

int ae_plot_run(const char *dir, const char *name, const char *script, ae_error *err)
{
	ae_plot_job job;
	int rc = ae_plot_start(dir, name, script, &job, err);
	return rc ? rc : ae_plot_wait(&job, err);
}
