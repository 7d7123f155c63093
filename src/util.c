/* util.c — see util.h. */
#define _GNU_SOURCE
#include "util.h"
#include <sys/mman.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <math.h>

int ae_fail(ae_error *e, int status, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
		e->status = status;
	}
	return status;
}

volatile sig_atomic_t ae_stop_signal;

int ae_check_stop(ae_error *e)
{
	if (!ae_stop_signal)
		return AE_OK;
	return ae_fail(e, AE_ESIGNAL, "interrupted by %s; nothing was written",
		       ae_stop_signal == SIGINT ? "SIGINT" : "SIGTERM");
}

static void oom(void)
{
	fputs("alpr-eval: out of memory\n", stderr);
	exit(AE_EIO);
}

void *ae_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *ae_calloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		oom();
	return p;
}

void *ae_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

void *ae_big_calloc(size_t bytes)
{
	if (!bytes)
		bytes = 1;
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		oom();
	if (bytes >= (2u << 20))
		madvise(p, bytes, MADV_HUGEPAGE);
	return p;
}

void *ae_big_realloc(void *p, size_t old_bytes, size_t new_bytes)
{
	if (!p)
		return ae_big_calloc(new_bytes);
#ifdef __SANITIZE_THREAD__
	/* ThreadSanitizer does not follow pages that mremap moves: copy instead */
	void *n = ae_big_calloc(new_bytes);
	memcpy(n, p, old_bytes < new_bytes ? old_bytes : new_bytes);
	ae_big_free(p, old_bytes);
	return n;
#endif
	void *q = mremap(p, old_bytes ? old_bytes : 1, new_bytes, MREMAP_MAYMOVE);
	if (q == MAP_FAILED)
		oom();
	if (new_bytes >= (2u << 20))
		madvise(q, new_bytes, MADV_HUGEPAGE);
	return q;
}

void ae_big_free(void *p, size_t bytes)
{
	if (p)
		munmap(p, bytes ? bytes : 1);
}

char *ae_strndup(const char *s, size_t n)
{
	char *p = ae_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *ae_memdup(const void *p, size_t n)
{
	void *q = ae_malloc(n);
	if (n)
		memcpy(q, p, n);
	return q;
}

char *ae_strdup(const char *s) { return s ? ae_strndup(s, strlen(s)) : NULL; }

void ae_buf_init(ae_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}
void ae_buf_release(ae_buf *b)
{
	free(b->data);
	ae_buf_init(b);
}

void ae_buf_reserve(ae_buf *b, size_t need)
{
	if (b->len + need + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + need + 1)
		cap *= 2;
	b->data = ae_realloc(b->data, cap);
	b->cap = cap;
}

void ae_buf_add(ae_buf *b, const void *p, size_t n)
{
	ae_buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void ae_buf_addc(ae_buf *b, char c) { ae_buf_add(b, &c, 1); }
void ae_buf_puts(ae_buf *b, const char *s) { ae_buf_add(b, s, strlen(s)); }

void ae_buf_printf(ae_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	ae_buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void ae_csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

const char *ae_trim(const char *s, size_t *len)
{
	size_t n = *len;
	while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	*len = n;
	return s;
}

int ae_strieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

int ae_strnieq(const char *a, size_t alen, const char *b)
{
	size_t i = 0;
	for (; i < alen && b[i]; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 0;
	return i == alen && b[i] == '\0';
}

/* Plain decimal parser: no locale, no allocation. Accepts [+-]d[.d][e[+-]d]. */
int ae_parse_double(const char *s, size_t len, double *out)
{
	size_t i = 0;
	int neg = 0, digits = 0, exp10 = 0;
	uint64_t mant = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
		if (mant < 100000000000000000ULL)
			mant = mant * 10 + (uint64_t)(s[i] - '0');
		else
			exp10++;
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
			if (mant < 100000000000000000ULL) {
				mant = mant * 10 + (uint64_t)(s[i] - '0');
				exp10--;
			}
		}
	}
	if (!digits)
		return -1;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		int eneg = 0, e = 0, ed = 0;
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, ed++)
			if (e < 10000)
				e = e * 10 + (s[i] - '0');
		if (!ed)
			return -1;
		exp10 += eneg ? -e : e;
	}
	if (i != len)
		return -1;
	static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
				     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
	double v = (double)mant;
	while (exp10 > 0) {
		int k = exp10 > 22 ? 22 : exp10;
		v *= p10[k];
		exp10 -= k;
	}
	while (exp10 < 0) {
		int k = -exp10 > 22 ? 22 : -exp10;
		v /= p10[k];
		exp10 += k;
	}
	if (!isfinite(v))
		return -1; /* beyond the range of a double */
	*out = neg ? -v : v;
	return 0;
}

int ae_parse_int64(const char *s, size_t len, long long *out)
{
	size_t i = 0;
	int neg = 0;
	unsigned long long v = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	if (i == len)
		return -1;
	unsigned long long lim = neg ? 9223372036854775808ULL : 9223372036854775807ULL;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (lim - (unsigned)(s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*out = neg ? (long long)(0 - v) : (long long)v;
	return 0;
}

uint64_t ae_hash64(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = seed ^ (0x9e3779b97f4a7c15ULL * (n + 1));
	while (n >= 8) {
		uint64_t k;
		memcpy(&k, s, 8);
		h = ae_mix64(h ^ k) + 0x632be59bd9b4e019ULL;
		s += 8;
		n -= 8;
	}
	uint64_t k = 0;
	memcpy(&k, s, n);
	return ae_mix64(h ^ k ^ ((uint64_t)n << 56));
}

/* Howard Hinnant's civil calendar algorithms. */
long ae_days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

void ae_civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	unsigned mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* YYYY-MM-DD exactly; rejects impossible dates such as 2025-02-30. */
int ae_parse_date(const char *s, size_t len, long *days)
{
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*days = ae_days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}

char *ae_path_join(const char *dir, const char *rel)
{
	if (!rel)
		return NULL;
	if (rel[0] == '/' || !dir || !*dir || strcmp(dir, ".") == 0 || strcmp(rel, "-") == 0)
		return ae_strdup(rel);
	size_t a = strlen(dir), b = strlen(rel);
	char *p = ae_malloc(a + b + 2);
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, rel, b + 1);
	return p;
}

typedef struct named {
	const char *name;
	uint32_t id;
	int last;
} named;

static int named_cmp(const void *x, const void *y)
{
	const named *a = x, *b = y;
	if (a->last != b->last)
		return a->last - b->last;
	int c = strcmp(a->name, b->name);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

void ae_sort_named(uint32_t *ids, const char **names, size_t n, uint32_t last)
{
	named *v = ae_malloc((n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = (named){names[i], ids[i], ids[i] == last};
	qsort(v, n, sizeof *v, named_cmp);
	for (size_t i = 0; i < n; i++) {
		ids[i] = v[i].id;
		names[i] = v[i].name;
	}
	free(v);
}

long ae_monday(long day)
{
	long wd = ((day + 3) % 7 + 7) % 7; /* 1970-01-01 was a Thursday; 0 = Monday */
	return day - wd;
}

void ae_iso_week_label(long monday, char *buf, size_t n)
{
	long thu = monday + 3;
	int y, m, d;
	ae_civil_from_days(thu, &y, &m, &d);
	long week = (thu - ae_days_from_civil(y, 1, 1)) / 7 + 1;
	snprintf(buf, n, "%04d-W%02ld", y, week);
}
