/* spawn.c — see spawn.h. */
#define _GNU_SOURCE
#include "spawn.h"
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int ae_spawn(const char *dir, char *const argv[], const char *input, ae_buf *out, ae_buf *errout)
{
	int in[2] = {-1, -1}, o[2] = {-1, -1}, e[2] = {-1, -1};
	pid_t pid = -1;
	if (pipe(in) == 0 && pipe(o) == 0 && pipe(e) == 0)
		pid = fork();
	if (pid < 0) {
		int fds[6] = {in[0], in[1], o[0], o[1], e[0], e[1]};
		for (int i = 0; i < 6; i++)
			if (fds[i] >= 0)
				close(fds[i]);
		return -1;
	}
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

