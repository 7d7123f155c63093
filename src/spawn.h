/* spawn.h — runs a program with no shell in between: argv[0] looked up on
 * PATH, in folder dir (NULL: here), input written to its standard input,
 * its standard output and error collected (64 KiB of each at most).
 * Returns its exit status, 128 + the signal that ended it, 127 when it could
 * not be started, or -1 when no process could be made. */
#ifndef AE_SPAWN_H
#define AE_SPAWN_H
#include "util.h"

int ae_spawn(const char *dir, char *const argv[], const char *input, ae_buf *out, ae_buf *errout);

/* The same in two steps, so that programs can run side by side. */
typedef struct ae_proc {
	int pid;
	int out, err; /* read ends of its standard output and error */
} ae_proc;
/* Starts it and writes input to it; 0, or -1 when no process could be made. */
int ae_spawn_start(ae_proc *p, const char *dir, char *const argv[], const char *input);
/* Collects its output and waits for it: the status ae_spawn returns. */
int ae_spawn_wait(ae_proc *p, ae_buf *out, ae_buf *errout);
#endif
