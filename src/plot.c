/* plot.c — see plot.h. */
#define _GNU_SOURCE
#include "plot.h"
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

/* Runs gnuplot in dir with args; feeds input to its stdin; collects stdout
 * and stderr (up to cap bytes each). Returns the exit status, or -1. */
static int run(const char *dir, char *const argv[], const char *input, ae_buf *out, ae_buf *errout)
{
	int in[2], o[2], e[2];
	if (pipe(in) || pipe(o) || pipe(e))
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(o[1], 1);
		dup2(e[1], 2);
		close(in[0]); close(in[1]); close(o[0]); close(o[1]); close(e[0]); close(e[1]);
		if (dir && chdir(dir) != 0)
			_exit(126);
		setenv("LC_ALL", "C", 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	close(o[1]);
	close(e[1]);
	/* A gnuplot that dies early must not kill us with SIGPIPE. */
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	size_t left = input ? strlen(input) : 0;
	const char *p = input;
	while (left) {
		ssize_t w = write(in[1], p, left);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		p += w;
		left -= (size_t)w;
	}
	close(in[1]);
	signal(SIGPIPE, old);
	/* Scripts are small and so is what gnuplot says: read stdout, then stderr. */
	char buf[4096];
	int fds[2] = {o[0], e[0]};
	ae_buf *dst[2] = {out, errout};
	for (int k = 0; k < 2; k++) {
		ssize_t n;
		while ((n = read(fds[k], buf, sizeof buf)) != 0) {
			if (n < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			if (dst[k]->len < 65536)
				ae_buf_add(dst[k], buf, (size_t)n);
		}
		close(fds[k]);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

int ae_plot_version(char *buf, size_t n, ae_error *err)
{
	char *argv[] = {(char *)gnuplot_path(), "--version", NULL};
	ae_buf out, eo;
	ae_buf_init(&out);
	ae_buf_init(&eo);
	int st = run(NULL, argv, NULL, &out, &eo);
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

int ae_plot_run(const char *dir, const char *name, const char *script, ae_error *err)
{
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
	ae_buf out, eo;
	ae_buf_init(&out);
	ae_buf_init(&eo);
	int st = run(dir, argv, script, &out, &eo);
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
		rc = ae_fail(err, AE_EIO, "chart %s: gnuplot failed (exit %d)%s%.*s", name, st, k ? ": " : "",
			     (int)(k > 300 ? 300 : k), msg);
	}
	ae_buf_release(&out);
	ae_buf_release(&eo);
	return rc;
}
