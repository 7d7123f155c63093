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
#include <cmocka.h>

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

/* Writes text to a file; returns the path (static buffer per call site). */
static inline void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}
#endif
