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

int ae_plot_version(const char *gnuplot, char *buf, size_t n, ae_error *err)
{
	char *argv[] = {(char *)gnuplot, "--version", NULL};
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

int ae_plot_start(ae_outdir *od, const char *gnuplot, const char *name, const char *script, ae_plot_job *job,
		  ae_error *err)
{
	snprintf(job->name, sizeof job->name, "%s", name);
	char file[256];
	snprintf(file, sizeof file, "chart-%s.gp", name);
	int rc = ae_outdir_write(od, file, script, strlen(script), err);
	if (rc)
		return rc;
	char *argv[] = {(char *)gnuplot, NULL};
	if (ae_spawn_start(&job->proc, ae_outdir_path(od), argv, script) < 0)
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

int ae_plot_run(ae_outdir *od, const char *gnuplot, const char *name, const char *script, ae_error *err)
{
	ae_plot_job job;
	int rc = ae_plot_start(od, gnuplot, name, script, &job, err);
	return rc ? rc : ae_plot_wait(&job, err);
}
