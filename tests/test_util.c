/* test_util.c — util.c (numbers, dates, strings, buffers, paths, errors)
 * and hashtab.c (interned strings, vehicles, 64-bit key sets).
 *
 * Independent sources: numbers against the C library's strtod/strtoll and
 * <stdint.h> limits; day numbers against `date -u -d YYYY-MM-DD +%s` / 86400
 * run on this machine, against glibc's timegm(), and against a day count
 * written here from the Gregorian leap rule; tables against the keys the
 * test itself inserted. */
#define _DEFAULT_SOURCE /* timegm */
#include "testutil.h"
#include "util.h"
#include "hashtab.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- numbers */

static int pd(const char *s, double *v) { return ae_parse_double(s, strlen(s), v); }
static int pi(const char *s, long long *v) { return ae_parse_int64(s, strlen(s), v); }

static void test_parse_double_valid(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"0",
		"-0",
		"1",
		"+1.5",
		"3.14159",
		".5",
		"5.",
		"-.25",
		"1e3",
		"1E-3",
		"2.5e+2",
		"-41.878113",
		"87.629799",
		"0.1",
		"0.3",
		"123.456",
		"1e22",
		"1e23",
		"0.000001234",
		"1.7976931348623157e308",
		"2.2250738585072014e-308",
		"123456789012345678901234",
		"12345678901234567890.123",
		"0.12345678901234567890123",
		"00012.50",
		"1e-300",
		"6.02214076e23",
		"-0.0000",
		"4503599627370497",
		"9007199254740993",
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		double v = -12345.0;
		if (pd(ok[i], &v) != 0)
			fail_msg("ae_parse_double(\"%s\") refused a number", ok[i]);
		double want = strtod(ok[i], NULL); /* the C library, C locale */
		if (!ae_close(v, want, 1e-14))     /* a few ulp: powers of ten are applied in steps */
			fail_msg("ae_parse_double(\"%s\") = %.17g, strtod gives %.17g", ok[i], v, want);
	}
	/* short decimals are exact (correctly rounded): compare bit for bit */
	static const char *const exact[] = {"0.1", "0.3", "-41.878113", "87.629799", "1e22", "123.456", "0.95"};
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
		double v;
		assert_int_equal(pd(exact[i], &v), 0);
		if (v != strtod(exact[i], NULL))
			fail_msg("ae_parse_double(\"%s\") = %.17g, strtod gives %.17g", exact[i], v,
				 strtod(exact[i], NULL));
	}
	double v;
	assert_int_equal(pd("-0", &v), 0);
	assert_double_near(v, 0, 0);
	assert_true(signbit(v));
	/* len is honoured */
	assert_int_equal(ae_parse_double("12.5xyz", 4, &v), 0);
	assert_double_near(v, 12.5, 0);
	assert_int_equal(ae_parse_double("7", 0, &v), -1);
}

static void test_parse_double_invalid(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",     "+",   "-",    ".",   "-.",  "e5",    "1e",  "1e+", "1e-", "1.2.3", "1,5", " 1",    "1 ",
		"0x10", "inf", "-inf", "nan", "NaN", "1e5.5", "--1", "+-1", "1-",  "1..2",  "abc", "1e1e1", "\xd9\xa1",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		double v = 42;
		if (pd(bad[i], &v) == 0)
			fail_msg("ae_parse_double(\"%s\") accepted it as %.17g", bad[i], v);
		if (v != 42) /* untouched on failure */
			fail_msg("ae_parse_double(\"%s\") changed its output from 42 to %.17g", bad[i], v);
	}
}

/* A value beyond the double range is not a number (strtod: ERANGE, HUGE_VAL). */
static void test_parse_double_overflow(void **state)
{
	(void)state;
	errno = 0;
	assert_true(isinf(strtod("1e400", NULL)) && errno == ERANGE); /* the C library agrees it overflows */
	static const char *const big[] =
		{"1e400", "-1e400", "1.8e308", "1e99999",
		 "999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
		 "999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
		 "999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
		 "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"};
	char accepted[400] = "";
	for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
		double v = 0;
		if (pd(big[i], &v) == 0) {
			size_t at = strlen(accepted);
			snprintf(accepted + at, sizeof accepted - at, " \"%.12s%s\" -> %g;", big[i],
				 strlen(big[i]) > 12 ? "..." : "", v);
		}
	}
	if (accepted[0])
		fail_msg("ae_parse_double accepted overflows:%s", accepted);
}

static void test_parse_int64(void **state)
{
	(void)state;
	static const char *const ok[] =
		{"0", "-0", "+42", "-42", "007", "9223372036854775807", "-9223372036854775807", "1740836712999"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		long long v = 1;
		if (pi(ok[i], &v) != 0)
			fail_msg("ae_parse_int64(\"%s\") refused", ok[i]);
		assert_true(v == strtoll(ok[i], NULL, 10)); /* the C library */
	}
	long long v = 5;
	assert_int_equal(pi("9223372036854775807", &v), 0);
	assert_true(v == INT64_MAX);
	static const char *const bad[] = {"", "+", "-", "1.0", "1e3", " 1", "1 ", "12a", "0x1", "--1", "+-1", "٣"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		v = 77;
		if (pi(bad[i], &v) == 0)
			fail_msg("ae_parse_int64(\"%s\") accepted it as %lld", bad[i], v);
		assert_true(v == 77);
	}
	/* overflow: one past INT64_MAX, below INT64_MIN, far beyond */
	static const char *const over[] = {"9223372036854775808", "-9223372036854775809", "99999999999999999999",
					   "18446744073709551616", "-18446744073709551616"};
	for (size_t i = 0; i < sizeof over / sizeof over[0]; i++) {
		v = 77;
		if (pi(over[i], &v) == 0)
			fail_msg("ae_parse_int64(\"%s\") accepted an overflow as %lld", over[i], v);
	}
	assert_int_equal(ae_parse_int64("123456", 3, &v), 0); /* len is honoured */
	assert_true(v == 123);
}

/* INT64_MIN (-2^63) is a 64-bit integer; strtoll accepts it. */
static void test_parse_int64_min(void **state)
{
	(void)state;
	long long v = 0;
	errno = 0;
	assert_true(strtoll("-9223372036854775808", NULL, 10) == INT64_MIN && errno == 0);
	assert_int_equal(pi("-9223372036854775808", &v), 0);
	assert_true(v == INT64_MIN);
}

/* ---------------------------------------------------------------- dates */

static long pdate(const char *s)
{
	long d = -999999999;
	if (ae_parse_date(s, strlen(s), &d) != 0)
		fail_msg("ae_parse_date(\"%s\") refused a date", s);
	return d;
}

static void test_parse_date(void **state)
{
	(void)state;
	/* `$(( $(date -u -d D +%s) / 86400 ))` on this machine */
	assert_int_equal(pdate("1970-01-01"), 0);
	assert_int_equal(pdate("1969-12-31"), -1);
	assert_int_equal(pdate("2025-03-01"), 20148);
	assert_int_equal(pdate("2025-11-30"), 20422);
	assert_int_equal(pdate("2000-03-01"), 11017);
	assert_int_equal(pdate("1900-01-01"), -25567);
	assert_int_equal(pdate("0001-01-01"), -719162);
	assert_int_equal(pdate("9999-12-31"), 2932896);
	/* leap days: divisible by 4, not by 100 unless by 400 */
	assert_int_equal(pdate("2024-02-29"), 19782);
	assert_int_equal(pdate("2000-02-29"), 11016);
	assert_int_equal(pdate("1600-02-29"), -135081);
	assert_int_equal(pdate("2400-02-29"), 157113);
	static const char *const bad[] = {"2025-02-29", "1900-02-29", "2100-02-29",  "2023-02-29",  "2025-02-30",
					  "2025-04-31", "2025-06-31", "2025-09-31",  "2025-11-31",  "2025-13-01",
					  "2025-00-01", "2025-01-00", "2025-01-32",  "2025-1-01",   "2025-01-1",
					  "2025/01/01", "20250101",   "2025-01-01T", " 2025-01-01", "2025-01-1a",
					  "",           "25-01-01",   "+025-01-01",  "2025-01-01 "};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long d = 12345;
		if (ae_parse_date(bad[i], strlen(bad[i]), &d) == 0)
			fail_msg("ae_parse_date(\"%s\") accepted it as day %ld", bad[i], d);
		assert_int_equal(d, 12345);
	}
	long d;
	assert_int_equal(ae_parse_date("2025-03-01T00:00", 10, &d), 0); /* len is honoured */
	assert_int_equal(d, 20148);
}

static int is_leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static int mdays(long y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* Every day from 1200-01-01 to 2800-12-31, walked one at a time with the
 * leap rule, against both conversions. */
static void test_civil_days_walk(void **state)
{
	(void)state;
	/* day number of 1200-01-01: 400-year cycles are 146097 days, so
	 * 2000-01-01 (10957 = date -u -d 2000-01-01 +%s / 86400) minus 2 cycles */
	long z = 10957 - 2 * 146097;
	long y = 1200;
	int m = 1, d = 1;
	while (y <= 2800) {
		long got = ae_days_from_civil(y, (unsigned)m, (unsigned)d);
		if (got != z)
			fail_msg("days_from_civil(%ld-%02d-%02d) = %ld, expected %ld", y, m, d, got, z);
		int yy, mm, dd;
		ae_civil_from_days(z, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d)
			fail_msg("civil_from_days(%ld) = %d-%02d-%02d, expected %ld-%02d-%02d", z, yy, mm, dd, y, m, d);
		z++;
		if (++d > mdays(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	assert_int_equal(ae_days_from_civil(2001, 1, 1), 10957 + 366); /* 2000 is leap */
}

/* Round trip over ±2.7 million days (about ±7400 years around 1970), and
 * the first of every month from year 1 to 9999 against glibc's timegm. */
static void test_civil_round_trip_and_timegm(void **state)
{
	(void)state;
	for (long z = -2700000; z <= 2700000; z += 7) {
		int y, m, d;
		ae_civil_from_days(z, &y, &m, &d);
		if (m < 1 || m > 12 || d < 1 || d > mdays(y, m))
			fail_msg("civil_from_days(%ld) = %d-%d-%d is not a date", z, y, m, d);
		long back = ae_days_from_civil(y, (unsigned)m, (unsigned)d);
		if (back != z)
			fail_msg("round trip of day %ld via %d-%02d-%02d gave %ld", z, y, m, d, back);
	}
	for (int y = 1; y <= 9999; y++) {
		for (int m = 1; m <= 12; m++) {
			struct tm tm;
			memset(&tm, 0, sizeof tm);
			tm.tm_year = y - 1900;
			tm.tm_mon = m - 1;
			tm.tm_mday = 1;
			time_t t = timegm(&tm);
			long want = (long)(t / 86400); /* t is a whole number of days */
			assert_true(t % 86400 == 0);
			long got = ae_days_from_civil(y, (unsigned)m, 1);
			if (got != want)
				fail_msg("days_from_civil(%d-%02d-01) = %ld, timegm gives %ld", y, m, got, want);
		}
	}
}

/* ---------------------------------------------------------------- strings */

static void test_trim(void **state)
{
	(void)state;
	struct {
		const char *in, *out;
	} cases[] = {
		{"  a b  ", "a b"}, {"\t\r\n x\n", "x"},  {"", ""},     {"   ", ""}, {"abc", "abc"},
		{"\r\n", ""},       {" \"q\" ", "\"q\""}, {"a\t", "a"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = strlen(cases[i].in);
		const char *t = ae_trim(cases[i].in, &n);
		if (n != strlen(cases[i].out) || memcmp(t, cases[i].out, n) != 0)
			fail_msg("ae_trim(\"%s\") = \"%.*s\", expected \"%s\"", cases[i].in, (int)n, t, cases[i].out);
		assert_true(t >= cases[i].in && t + n <= cases[i].in + strlen(cases[i].in));
	}
	/* only the first len bytes are looked at */
	const char *s = "  ab  cd";
	size_t n = 5;
	const char *t = ae_trim(s, &n);
	assert_int_equal(n, 2);
	assert_ptr_equal(t, s + 2);
	/* an unchanged string keeps its pointer */
	const char *abc = "abc";
	n = 3;
	assert_ptr_equal(ae_trim(abc, &n), abc);
	assert_int_equal(n, 3);
}

static void test_case_insensitive_compare(void **state)
{
	(void)state;
	assert_true(ae_strieq("Plate", "PLATE"));
	assert_true(ae_strieq("", ""));
	assert_false(ae_strieq("plate", "plates"));
	assert_false(ae_strieq("plates", "plate"));
	assert_false(ae_strieq("plate", ""));
	assert_true(ae_strnieq("CONFIRMEDxyz", 9, "confirmed"));
	assert_false(ae_strnieq("CONFIRMED", 8, "confirmed"));
	assert_false(ae_strnieq("confirmed", 9, "confirme"));
	assert_true(ae_strnieq("", 0, ""));
	assert_false(ae_strnieq("", 0, "x"));
}

static void test_buf(void **state)
{
	(void)state;
	ae_buf b;
	ae_buf_init(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	ae_buf_add(&b, "abc", 3);
	ae_buf_addc(&b, 'd');
	ae_buf_printf(&b, "-%d-%s", 42, "x");
	assert_int_equal(b.len, 9);
	assert_string_equal(b.data, "abcd-42-x"); /* always NUL-terminated */
	ae_buf_add(&b, "", 0);
	assert_string_equal(b.data, "abcd-42-x");
	/* growth well past the first capacity, content kept */
	for (int i = 0; i < 10000; i++)
		ae_buf_printf(&b, "%05d", i);
	assert_int_equal(b.len, 9 + 50000);
	assert_int_equal(memcmp(b.data + 9, "00000000010000200003", 20), 0);
	assert_int_equal(memcmp(b.data + b.len - 5, "09999", 5), 0);
	assert_true(b.cap > b.len);
	assert_int_equal(b.data[b.len], '\0');
	b.len = 0; /* reuse, as csvin does */
	ae_buf_add(&b, "z", 1);
	assert_string_equal(b.data, "z");
	ae_buf_release(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	/* printf into an empty buffer */
	ae_buf_printf(&b, "%s", "");
	ae_buf_printf(&b, "%.3f", 1.0 / 3);
	assert_string_equal(b.data, "0.333");
	ae_buf_release(&b);
}

static void test_strdup_and_path_join(void **state)
{
	(void)state;
	char *s = ae_strdup("hello");
	assert_string_equal(s, "hello");
	free(s);
	assert_null(ae_strdup(NULL));
	s = ae_strndup("hello world", 5);
	assert_string_equal(s, "hello");
	free(s);

	struct {
		const char *dir, *rel, *want;
	} cases[] = {
		{"analysis", "reads.csv", "analysis/reads.csv"},
		{"/srv/a", "../data/r.csv.gz", "/srv/a/../data/r.csv.gz"},
		{"analysis", "/abs/r.csv", "/abs/r.csv"},
		{NULL, "r.csv", "r.csv"},
		{"", "r.csv", "r.csv"},
		{"analysis", "-", "-"}, /* standard input */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *p = ae_path_join(cases[i].dir, cases[i].rel);
		assert_non_null(p);
		assert_string_equal(p, cases[i].want);
		free(p);
	}
	assert_null(ae_path_join("dir", NULL));
}

static void test_fail(void **state)
{
	(void)state;
	ae_error e;
	memset(&e, 0, sizeof e);
	assert_int_equal(ae_fail(&e, AE_EIO, "%s:%d: %s", "reads.csv", 7, "bad"), AE_EIO);
	assert_int_equal(e.status, AE_EIO);
	assert_string_equal(e.msg, "reads.csv:7: bad");
	assert_int_equal(ae_fail(NULL, AE_EUSAGE, "x"), AE_EUSAGE);
	/* a long message is cut to the buffer, still terminated */
	char big[2000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(ae_fail(&e, AE_EDATA, "%s", big), AE_EDATA);
	assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
}

static int u64_cmp(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

static void test_hash64(void **state)
{
	(void)state;
	const char *a = "ABC123|IL";
	uint64_t h = ae_hash64(a, strlen(a), 0);
	assert_true(h == ae_hash64(a, strlen(a), 0));     /* deterministic */
	assert_true(h != ae_hash64(a, strlen(a), 1));     /* seeded */
	assert_true(h != ae_hash64(a, strlen(a) - 1, 0)); /* length counts */
	assert_true(ae_hash64("", 0, 0) != ae_hash64("\0", 1, 0));
	/* no collisions among 200k short distinct keys (2^-27 odds for a good 64-bit hash) */
	enum { N = 200000 };
	uint64_t *hs = ae_malloc(N * sizeof *hs);
	char k[32];
	for (int i = 0; i < N; i++) {
		int n = snprintf(k, sizeof k, "P%d", i);
		hs[i] = ae_hash64(k, (size_t)n, 0);
	}
	qsort(hs, N, sizeof *hs, u64_cmp);
	for (int i = 1; i < N; i++)
		assert_true(hs[i] != hs[i - 1]);
	free(hs);
}

/* ---------------------------------------------------------------- hashtab */

static void test_strtab_100k(void **state)
{
	(void)state;
	ae_strtab *t = ae_strtab_new();
	assert_int_equal(ae_strtab_count(t), 0);
	assert_int_equal(ae_strtab_find(t, "x", 1), UINT32_MAX);
	const uint32_t N = 100000;
	char s[32];
	for (uint32_t i = 0; i < N; i++) {
		int n = snprintf(s, sizeof s, "camera-%u", i * 2654435761u);
		int added = -1;
		uint32_t id = ae_strtab_intern(t, s, (size_t)n, &added);
		if (id != i || added != 1)
			fail_msg("intern #%u gave index %u, added %d", i, id, added);
		/* an index handed out earlier stays the same while the table grows */
		if (i % 997 == 0 && i) {
			int m = snprintf(s, sizeof s, "camera-%u", (i / 2) * 2654435761u);
			assert_int_equal(ae_strtab_find(t, s, (size_t)m), i / 2);
		}
	}
	assert_int_equal(ae_strtab_count(t), N);
	for (uint32_t i = 0; i < N; i++) {
		int n = snprintf(s, sizeof s, "camera-%u", i * 2654435761u);
		int added = -1;
		if (ae_strtab_find(t, s, (size_t)n) != i)
			fail_msg("find #%u", i);
		if (ae_strtab_intern(t, s, (size_t)n, &added) != i || added != 0)
			fail_msg("re-intern #%u", i);
		assert_string_equal(ae_strtab_name(t, i), s);
	}
	assert_int_equal(ae_strtab_count(t), N);
	assert_int_equal(ae_strtab_find(t, "camera-x", 8), UINT32_MAX);
	/* length, not NUL, delimits: "ab", "ab\0", "a" and "" are four strings */
	uint32_t a = ae_strtab_intern(t, "ab", 2, NULL);
	uint32_t b = ae_strtab_intern(t, "ab\0", 3, NULL);
	uint32_t c = ae_strtab_intern(t, "abc", 1, NULL);
	uint32_t e = ae_strtab_intern(t, "", 0, NULL);
	assert_int_equal(a, N);
	assert_int_equal(b, N + 1);
	assert_int_equal(c, N + 2);
	assert_int_equal(e, N + 3);
	assert_string_equal(ae_strtab_name(t, c), "a");
	assert_string_equal(ae_strtab_name(t, e), "");
	assert_int_equal(ae_strtab_find(t, "", 0), e);
	assert_int_equal(ae_strtab_find(t, "abz", 2), a);
	ae_strtab_free(t);
	ae_strtab_free(NULL);
}

static void test_vtab_1m(void **state)
{
	(void)state;
	ae_vtab *t = ae_vtab_new();
	const uint32_t N = 1000000;
	for (uint32_t i = 0; i < N; i++) {
		uint64_t k0 = ae_mix64(i + 1), k1 = (uint64_t)i * 2 + 1;
		uint32_t id = ae_vtab_get(t, k0, k1);
		if (id != i)
			fail_msg("vehicle #%u got index %u", i, id);
		ae_vehicle *v = ae_vtab_at(t, id);
		assert_true(v->k0 == k0 && v->k1 == k1);
		assert_true(v->reads == 0 && v->hits == 0 && v->newest == 0 && v->cameras == 0);
		v->reads = i; /* must survive the table's growth */
		v->cameras = i ^ 0x5555u;
	}
	assert_int_equal(ae_vtab_count(t), N);
	assert_true(ae_vtab_bytes(t) >= (size_t)N * sizeof(ae_vehicle));
	for (uint32_t i = 0; i < N; i++) {
		uint32_t id = ae_vtab_get(t, ae_mix64(i + 1), (uint64_t)i * 2 + 1);
		if (id != i)
			fail_msg("vehicle #%u found at %u", i, id);
		const ae_vehicle *v = ae_vtab_at(t, id);
		if (v->reads != i || v->cameras != (i ^ 0x5555u))
			fail_msg("vehicle #%u lost its counts", i);
	}
	assert_int_equal(ae_vtab_count(t), N);
	ae_vtab_free(t);

	/* keys equal in one half: every pair is its own vehicle */
	t = ae_vtab_new();
	for (uint32_t i = 0; i < 3000; i++) {
		assert_int_equal(ae_vtab_get(t, 42, i), 3 * i);                    /* same k0 */
		assert_int_equal(ae_vtab_get(t, i + 1000000, 42), 3 * i + 1);      /* same k1 */
		assert_int_equal(ae_vtab_get(t, (uint64_t)i << 40, 7), 3 * i + 2); /* same low bits */
	}
	assert_int_equal(ae_vtab_count(t), 9000);
	assert_int_equal(ae_vtab_get(t, 42, 2999), 3 * 2999);
	assert_int_equal(ae_vtab_get(t, (uint64_t)2999 << 40, 7), 3 * 2999 + 2);
	assert_int_equal(ae_vtab_get(t, 0, 0), 9000); /* the all-zero key is a key */
	assert_int_equal(ae_vtab_get(t, 0, 0), 9000);
	ae_vtab_free(t);
	ae_vtab_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_double_valid),
		cmocka_unit_test(test_parse_double_invalid),
		cmocka_unit_test(test_parse_double_overflow),
		cmocka_unit_test(test_parse_int64),
		cmocka_unit_test(test_parse_int64_min),
		cmocka_unit_test(test_parse_date),
		cmocka_unit_test(test_civil_days_walk),
		cmocka_unit_test(test_civil_round_trip_and_timegm),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_case_insensitive_compare),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_strdup_and_path_join),
		cmocka_unit_test(test_fail),
		cmocka_unit_test(test_hash64),
		cmocka_unit_test(test_strtab_100k),
		cmocka_unit_test(test_vtab_1m),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
