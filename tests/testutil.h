/* testutil.h — shared by the cmocka tests: cmocka 1.1.5 has no
 * assert_double_equal, so closeness is checked here, relative with an
 * absolute floor for values near zero. */
#ifndef AE_TESTUTIL_H
#define AE_TESTUTIL_H
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static inline int ae_close(double a, double b, double rel)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return fabs(a - b) <= rel * fmax(fabs(a), fabs(b)) || fabs(a - b) <= 1e-15;
}

#define assert_close(a, b, rel)                                                         \
	do {                                                                                \
		double a_ = (a), b_ = (b);                                                      \
		if (!ae_close(a_, b_, (rel)))                                                   \
			fail_msg("%s = %.17g, expected %.17g (rel %.3g)", #a, a_, b_, (double)(rel)); \
	} while (0)

/* A whole file as a string (NULL if it cannot be read); *n its length. */
static inline char *slurp_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)len + 1);
	size_t got = fread(b, 1, (size_t)len, f);
	b[got] = '\0';
	if (n)
		*n = got;
	fclose(f);
	return b;
}

/* Writes text to a file. */
static inline void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}
/* Removes a file or a folder with everything in it (temporary test folders). */
static inline void rm_tree(const char *path)
{
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return;
	if (S_ISDIR(sb.st_mode)) {
		DIR *d = opendir(path);
		if (d) {
			struct dirent *e;
			while ((e = readdir(d)) != NULL) {
				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				char sub[4096];
				if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) < (int)sizeof sub)
					rm_tree(sub);
			}
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

#endif
