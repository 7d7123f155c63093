/* timeparse.c — see timeparse.h. */
#define _GNU_SOURCE
#include "timeparse.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>
#include <sys/stat.h>

struct ae_tz {
	int64_t bucket; /* cached hour (utc / 3600) with one offset throughout */
	long off;
	int valid;
};

/* A zone is a name under the zoneinfo folder whose file is a TZif file:
 * glibc would silently treat anything else as UTC. */
static int is_zone_file(const char *zone)
{
	if (!zone || !*zone || zone[0] == '/' || strstr(zone, ".."))
		return 0;
	if (strcmp(zone, "UTC") == 0)
		return 1;
	const char *dir = getenv("TZDIR");
	char *path = ae_path_join(dir && *dir ? dir : "/usr/share/zoneinfo", zone);
	struct stat sb;
	int ok = stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
	if (ok) {
		char magic[4] = {0};
		FILE *f = fopen(path, "rb");
		ok = f && fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
		if (f)
			fclose(f);
	}
	free(path);
	return ok;
}

ae_tz *ae_tz_new(const char *zone)
{
	if (!is_zone_file(zone))
		return NULL;
	setenv("TZ", zone, 1);
	tzset();
	ae_tz *tz = ae_calloc(1, sizeof *tz);
	return tz;
}

ae_tz *ae_tz_clone(const ae_tz *tz)
{
	(void)tz;
	return ae_calloc(1, sizeof(ae_tz));
}

void ae_tz_free(ae_tz *tz) { free(tz); }

static long raw_offset(int64_t utc)
{
	time_t t = (time_t)utc;
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return 0;
	return tm.tm_gmtoff;
}

long ae_tz_offset(ae_tz *tz, int64_t utc)
{
	int64_t b = utc >= 0 ? utc / 3600 : -((-utc + 3599) / 3600);
	if (tz->valid && b == tz->bucket)
		return tz->off;
	long a = raw_offset(b * 3600), z = raw_offset(b * 3600 + 3599);
	if (a != z)
		return raw_offset(utc); /* a transition inside this hour: no caching */
	tz->bucket = b;
	tz->off = a;
	tz->valid = 1;
	return a;
}

static long floor_div(int64_t a, long b) { return (long)(a >= 0 ? a / b : -((-a + b - 1) / b)); }

long ae_local_day(ae_tz *tz, int64_t utc) { return floor_div(utc + ae_tz_offset(tz, utc), 86400); }

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int fields_ok(int y, int mo, int d, int h, int mi, int s)
{
	return y >= 1900 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= days_in_month(y, mo) && h >= 0 &&
	       h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59;
}

static int64_t wall_seconds(int y, int mo, int d, int h, int mi, int s)
{
	return (int64_t)ae_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s;
}

int ae_local_to_utc(ae_tz *tz, int y, int mo, int d, int h, int mi, int s, int64_t *utc)
{
	int64_t w = wall_seconds(y, mo, d, h, mi, s);
	/* Offsets a day either side bracket every zone's range (±14 h). */
	long cand[2] = {ae_tz_offset(tz, w - 86400), ae_tz_offset(tz, w + 86400)};
	int found = 0;
	int64_t best = 0;
	for (int i = 0; i < 2; i++) {
		int64_t u = w - cand[i];
		if (ae_tz_offset(tz, u) == cand[i] && (!found || u < best)) {
			best = u;
			found = 1;
		}
	}
	if (!found)
		return AE_TIME_GAP;
	*utc = best;
	return AE_TIME_OK;
}

static int digits(const char *s, size_t len, size_t at, int n, int *out)
{
	if (at + (size_t)n > len)
		return -1;
	int v = 0;
	for (int i = 0; i < n; i++) {
		char c = s[at + (size_t)i];
		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*out = v;
	return 0;
}

/* YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:MM]|±HHMM] */
static int parse_iso(ae_tz *tz, const char *s, size_t len, int64_t *utc)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	size_t i = 10;
	if (digits(s, len, 0, 4, &y) || len < 10 || s[4] != '-' || digits(s, len, 5, 2, &mo) || s[7] != '-' ||
	    digits(s, len, 8, 2, &d))
		return AE_TIME_BAD;
	if (i < len) {
		if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
			return AE_TIME_BAD;
		if (digits(s, len, i + 1, 2, &h) || i + 3 >= len || s[i + 3] != ':' || digits(s, len, i + 4, 2, &mi))
			return AE_TIME_BAD;
		i += 6;
		if (i < len && s[i] == ':') {
			if (digits(s, len, i + 1, 2, &sec))
				return AE_TIME_BAD;
			i += 3;
			if (i < len && (s[i] == '.' || s[i] == ',')) {
				size_t j = i + 1;
				while (j < len && s[j] >= '0' && s[j] <= '9')
					j++;
				if (j == i + 1)
					return AE_TIME_BAD;
				i = j; /* fractions of a second are dropped: instants are whole seconds */
			}
		}
	}
	if (!fields_ok(y, mo, d, h, mi, sec))
		return AE_TIME_BAD;
	if (i == len)
		return ae_local_to_utc(tz, y, mo, d, h, mi, sec, utc);
	if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == len) {
		*utc = wall_seconds(y, mo, d, h, mi, sec);
		return AE_TIME_OK;
	}
	if (s[i] != '+' && s[i] != '-')
		return AE_TIME_BAD;
	int sign = s[i] == '-' ? -1 : 1, oh, om = 0;
	if (digits(s, len, i + 1, 2, &oh))
		return AE_TIME_BAD;
	size_t j = i + 3;
	int colon = j < len && s[j] == ':';
	if (colon)
		j++;
	if (j < len || colon) {
		if (digits(s, len, j, 2, &om) || j + 2 != len)
			return AE_TIME_BAD;
	}
	if (oh > 14 || om > 59)
		return AE_TIME_BAD;
	*utc = wall_seconds(y, mo, d, h, mi, sec) - sign * (oh * 3600 + om * 60);
	return AE_TIME_OK;
}

static int parse_epoch(const char *s, size_t len, int ms, int64_t *utc)
{
	long long v;
	if (ae_parse_int64(s, len, &v))
		return AE_TIME_BAD;
	if (ms)
		v = v >= 0 ? v / 1000 : -((-v + 999) / 1000);
	if (v < -2208988800LL || v > 253402300799LL)
		return AE_TIME_BAD;
	*utc = v;
	return AE_TIME_OK;
}

static int parse_pattern(ae_tz *tz, const char *fmt, const char *s, size_t len, int64_t *utc)
{
	char buf[128];
	if (len >= sizeof buf)
		return AE_TIME_BAD;
	memcpy(buf, s, len);
	buf[len] = '\0';
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_mday = 1;
	const char *end = strptime(buf, fmt, &tm);
	if (!end || *end)
		return AE_TIME_BAD;
	int y = tm.tm_year + 1900, mo = tm.tm_mon + 1;
	if (!fields_ok(y, mo, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec))
		return AE_TIME_BAD;
	if (strstr(fmt, "%z")) {
		*utc = wall_seconds(y, mo, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec) - tm.tm_gmtoff;
		return AE_TIME_OK;
	}
	return ae_local_to_utc(tz, y, mo, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, utc);
}

int ae_time_parse(ae_tz *tz, const char *fmt, const char *s, size_t len, int64_t *utc)
{
	if (!fmt)
		return parse_iso(tz, s, len, utc);
	if (strcmp(fmt, "epoch") == 0)
		return parse_epoch(s, len, 0, utc);
	if (strcmp(fmt, "epoch_ms") == 0)
		return parse_epoch(s, len, 1, utc);
	return parse_pattern(tz, fmt, s, len, utc);
}
