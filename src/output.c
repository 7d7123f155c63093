/* output.c — see output.h. */
#define _GNU_SOURCE
#include "output.h"
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct ae_outdir {
	char *target, *tmp;
	int committed;
};

static int mkdirs(const char *path)
{
	char *p = ae_strdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

int ae_remove_flat_dir(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return errno == ENOENT ? 0 : -1;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *f = ae_path_join(path, e->d_name);
		unlink(f);
		free(f);
	}
	closedir(d);
	return rmdir(path);
}

int ae_outdir_begin(ae_outdir **out, const char *target, ae_error *err)
{
	*out = NULL;
	ae_outdir *o = ae_calloc(1, sizeof *o);
	size_t n = strlen(target);
	while (n > 1 && target[n - 1] == '/')
		n--;
	o->target = ae_strndup(target, n);
	const char *slash = strrchr(o->target, '/');
	size_t dl = slash ? (size_t)(slash - o->target) + 1 : 0;
	size_t tl = n + 64;
	o->tmp = ae_malloc(tl);
	snprintf(o->tmp, tl, "%.*s.%s.tmp-%ld", (int)dl, o->target, o->target + dl, (long)getpid());
	if (mkdirs(o->tmp) != 0 || (mkdir(o->tmp, 0777) != 0 && errno != EEXIST)) {
		int e = errno;
		ae_outdir_free(o);
		return ae_fail(err, AE_EIO, "%s: cannot create the output folder: %s", target, strerror(e));
	}
	*out = o;
	return AE_OK;
}

const char *ae_outdir_path(const ae_outdir *o) { return o->tmp; }

FILE *ae_outdir_open(ae_outdir *o, const char *name, ae_error *err)
{
	char *p = ae_path_join(o->tmp, name);
	FILE *f = fopen(p, "w");
	if (!f)
		ae_fail(err, AE_EIO, "%s/%s: cannot write: %s", o->target, name, strerror(errno));
	free(p);
	return f;
}

int ae_outdir_close(ae_outdir *o, FILE *f, const char *name, ae_error *err)
{
	int bad = ferror(f);
	if (fflush(f) != 0)
		bad = 1;
	if (!bad && fsync(fileno(f)) != 0 && errno != EINVAL)
		bad = 1;
	int e = errno;
	if (fclose(f) != 0)
		bad = 1;
	if (bad)
		return ae_fail(err, AE_EIO, "%s/%s: write failed: %s", o->target, name, strerror(e ? e : EIO));
	return AE_OK;
}

int ae_outdir_write(ae_outdir *o, const char *name, const void *data, size_t len, ae_error *err)
{
	FILE *f = ae_outdir_open(o, name, err);
	if (!f)
		return AE_EIO;
	if (len && fwrite(data, 1, len, f) != len) {
		int e = errno;
		fclose(f);
		return ae_fail(err, AE_EIO, "%s/%s: write failed: %s", o->target, name, strerror(e ? e : EIO));
	}
	return ae_outdir_close(o, f, name, err);
}

int ae_outdir_commit(ae_outdir *o, ae_error *err)
{
	size_t n = strlen(o->tmp) + 16;
	char *old = ae_malloc(n);
	snprintf(old, n, "%s.old", o->tmp);
	int had_old = rename(o->target, old) == 0;
	if (!had_old && errno != ENOENT) {
		int e = errno;
		free(old);
		return ae_fail(err, AE_EIO, "%s: cannot replace the previous report: %s", o->target, strerror(e));
	}
	if (rename(o->tmp, o->target) != 0) {
		int e = errno;
		if (had_old)
			rename(old, o->target); /* put the previous report back */
		free(old);
		return ae_fail(err, AE_EIO, "%s: cannot move the report into place: %s", o->target, strerror(e));
	}
	o->committed = 1;
	if (had_old)
		ae_remove_flat_dir(old);
	free(old);
	return AE_OK;
}

void ae_outdir_free(ae_outdir *o)
{
	if (!o)
		return;
	if (!o->committed && o->tmp)
		ae_remove_flat_dir(o->tmp);
	free(o->target);
	free(o->tmp);
	free(o);
}
