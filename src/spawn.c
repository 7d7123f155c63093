/* spawn.c — see spawn.h. */
#define _GNU_SOURCE
#include "spawn.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int ae_spawn_start(ae_proc *p, const char *dir, char *const argv[], const char *input)
{
	/* close-on-exec: a second program started meanwhile must not hold these */
	int in[2] = {-1, -1}, o[2] = {-1, -1}, e[2] = {-1, -1};
	pid_t pid = -1;
	if (pipe2(in, O_CLOEXEC) == 0 && pipe2(o, O_CLOEXEC) == 0 && pipe2(e, O_CLOEXEC) == 0)
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
		if (dir && chdir(dir) != 0)
			_exit(126);
		setenv("LC_ALL", "C", 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	close(o[1]);
	close(e[1]);
	/* A program that dies early must not kill us with SIGPIPE. */
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	size_t left = input ? strlen(input) : 0;
	const char *s = input;
	while (left) {
		ssize_t w = write(in[1], s, left);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		s += w;
		left -= (size_t)w;
	}
	close(in[1]);
	signal(SIGPIPE, old);
	p->pid = (int)pid;
	p->out = o[0];
	p->err = e[0];
	return 0;
}

int ae_spawn_wait(ae_proc *p, ae_buf *out, ae_buf *errout)
{
	/* What gnuplot and the browser say is small: read stdout, then stderr. */
	char buf[4096];
	int fds[2] = {p->out, p->err};
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
	while (waitpid((pid_t)p->pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

int ae_spawn(const char *dir, char *const argv[], const char *input, ae_buf *out, ae_buf *errout)
{
	ae_proc p;
	if (ae_spawn_start(&p, dir, argv, input) < 0)
		return -1;
	return ae_spawn_wait(&p, out, errout);
}
