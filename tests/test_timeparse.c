/* test_timeparse.c — timestamps to instants and instants to local days.
 *
 * Expected instants were computed on this machine (Debian 12, tzdata 2025b)
 * with GNU date, e.g. `date -u -d '2025-03-09 03:30 CDT' +%s`, the string used
 * being given next to each value; transition instants come from
 * `zdump -v -c 2025,2026 America/Chicago Europe/London Australia/Lord_Howe`.
 * Day numbers are `$(( $(date -u -d YYYY-MM-DD +%s) / 86400 ))`.
 *
 * The process time zone is global (timeparse.h): every test opens its own
 * handle and frees it before the next test opens another. */
#include "testutil.h"
#include "timeparse.h"
#include <string.h>

/* Parses a NUL-terminated string; returns the ae_time_result. */
static int P(ae_tz *tz, const char *fmt, const char *s, int64_t *out)
{
	*out = INT64_MIN;
	return ae_time_parse(tz, fmt, s, strlen(s), out);
}

#define EXPECT_OK(tz, fmt, s, want) \
	do { \
		int64_t got_; \
		int rc_ = P((tz), (fmt), (s), &got_); \
		if (rc_ != AE_TIME_OK) \
			fail_msg("'%s' (fmt %s): result %d, expected AE_TIME_OK", (s), (fmt) ? (fmt) : "ISO", rc_); \
		if (got_ != (int64_t)(want)) \
			fail_msg("'%s' (fmt %s): %lld, expected %lld", (s), (fmt) ? (fmt) : "ISO", (long long)got_, \
				 (long long)(want)); \
	} while (0)

#define EXPECT_RC(tz, fmt, s, want_rc) \
	do { \
		int64_t got_; \
		int rc_ = P((tz), (fmt), (s), &got_); \
		if (rc_ != (want_rc)) \
			fail_msg("'%s' (fmt %s): result %d (instant %lld), expected %d", (s), (fmt) ? (fmt) : "ISO", \
				 rc_, (long long)got_, (int)(want_rc)); \
	} while (0)

static int open_chicago(void **state)
{
	ae_tz *tz = ae_tz_new("America/Chicago");
	if (!tz)
		return -1;
	*state = tz;
	return 0;
}

static int close_tz(void **state)
{
	ae_tz_free(*state);
	*state = NULL;
	return 0;
}

/* ---------------------------------------------------------------- ISO, explicit zone */

static void test_iso_z(void **state)
{
	ae_tz *tz = *state;
	/* date -u -d '2025-03-01 13:45:12 UTC' +%s -> 1740836712 */
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12Z", 1740836712);
	EXPECT_OK(tz, NULL, "2025-03-01t13:45:12z", 1740836712); /* RFC 3339 allows lower case */
	/* date -u -d '2024-02-29 UTC' +%s -> 1709164800 */
	EXPECT_OK(tz, NULL, "2024-02-29T00:00:00Z", 1709164800);
	/* date -u -d '1969-12-31 23:59:59 UTC' +%s -> -1 */
	EXPECT_OK(tz, NULL, "1969-12-31T23:59:59Z", -1);
	/* 2025-03-01 13:45 UTC: 1740836712 - 12 s (hand arithmetic) */
	EXPECT_OK(tz, NULL, "2025-03-01T13:45Z", 1740836700);
}

static void test_iso_offsets(void **state)
{
	ae_tz *tz = *state;
	/* date -u -d '2025-03-01 13:45:12 +05:30' +%s -> 1740816912 */
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12+05:30", 1740816912);
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12+0530", 1740816912);
	/* date -u -d '2025-03-01 13:45:12 -0700' +%s -> 1740861912 */
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12-0700", 1740861912);
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12-07:00", 1740861912);
	/* date -u -d '2025-03-01 13:45:12 -03' +%s -> 1740847512 */
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12-03", 1740847512);
	/* a zero offset is UTC: 1740836712 as above */
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12+00:00", 1740836712);
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12-00", 1740836712);
	/* +14:00 (Kiribati) is the largest real offset:
	 * date -u -d '2025-03-01 13:45:12 +14:00' +%s -> 1740786312 */
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12+14:00", 1740786312);
	/* An explicit offset wins over the study zone, even inside its DST gap:
	 * date -u -d '2025-03-09 02:30 -0600' +%s -> 1741509000 */
	EXPECT_OK(tz, NULL, "2025-03-09T02:30:00-06:00", 1741509000);
}

static void test_iso_fraction_and_space(void **state)
{
	ae_tz *tz = *state;
	/* Fractions are dropped (instants are whole seconds): 1740836712 as above. */
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12.999Z", 1740836712);
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12.1Z", 1740836712);
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12,5Z", 1740836712); /* ISO 8601 decimal comma */
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12.123456+05:30", 1740816912);
	/* Space instead of T */
	EXPECT_OK(tz, NULL, "2025-03-01 13:45:12Z", 1740836712);
	EXPECT_OK(tz, NULL, "2025-03-01 13:45:12-0700", 1740861912);
	EXPECT_OK(tz, NULL, "2025-03-01 13:45:12.5-03", 1740847512);
}

/* ---------------------------------------------------------------- naive local times */

static void test_date_only_is_local_midnight(void **state)
{
	ae_tz *tz = *state;
	/* date -u -d '2025-03-01 00:00 CST' +%s -> 1740808800 */
	EXPECT_OK(tz, NULL, "2025-03-01", 1740808800);
	/* date -u -d '2025-07-04 00:00 CDT' +%s -> 1751605200 */
	EXPECT_OK(tz, NULL, "2025-07-04", 1751605200);
	/* date -u -d '2025-11-02 00:00 CDT' +%s -> 1762059600 (the fall-back day) */
	EXPECT_OK(tz, NULL, "2025-11-02", 1762059600);
}

static void test_naive_standard_and_daylight(void **state)
{
	ae_tz *tz = *state;
	/* date -u -d '2025-01-15 08:00:00 CST' +%s -> 1736949600 */
	EXPECT_OK(tz, NULL, "2025-01-15T08:00:00", 1736949600);
	/* date -u -d '2025-03-01 13:45:12 CST' +%s -> 1740858312 */
	EXPECT_OK(tz, NULL, "2025-03-01 13:45:12", 1740858312);
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12.75", 1740858312);
	/* date -u -d '2025-07-04 12:00:00 CDT' +%s -> 1751648400 */
	EXPECT_OK(tz, NULL, "2025-07-04T12:00:00", 1751648400);
	EXPECT_OK(tz, NULL, "2025-07-04 12:00", 1751648400);

	int64_t u = 0;
	assert_int_equal(ae_local_to_utc(tz, 2025, 7, 4, 12, 0, 0, &u), AE_TIME_OK);
	assert_int_equal(u, 1751648400);
	/* zdump: gmtoff=-21600 (CST) in winter, -18000 (CDT) in summer */
	assert_int_equal(ae_tz_offset(tz, 1736949600), -21600);
	assert_int_equal(ae_tz_offset(tz, 1751648400), -18000);
}

static void test_spring_forward_gap(void **state)
{
	ae_tz *tz = *state;
	/* zdump: 2025-03-09 07:59:59 UT = 01:59:59 CST; 08:00:00 UT = 03:00:00 CDT.
	 * Local 02:00:00 .. 02:59:59 does not exist. */
	EXPECT_RC(tz, NULL, "2025-03-09T02:00:00", AE_TIME_GAP);
	EXPECT_RC(tz, NULL, "2025-03-09T02:00", AE_TIME_GAP);
	EXPECT_RC(tz, NULL, "2025-03-09 02:30:00", AE_TIME_GAP);
	EXPECT_RC(tz, NULL, "2025-03-09T02:59:59", AE_TIME_GAP);
	EXPECT_RC(tz, NULL, "2025-03-09T02:59:59.999", AE_TIME_GAP);
	int64_t u;
	assert_int_equal(ae_local_to_utc(tz, 2025, 3, 9, 2, 30, 0, &u), AE_TIME_GAP);
	/* Either side: date -u -d '2025-03-09 01:59:59 CST' +%s -> 1741507199,
	 * date -u -d '2025-03-09 03:00:00 CDT' +%s -> 1741507200,
	 * date -u -d '2025-03-09 03:30 CDT' +%s -> 1741509000 */
	EXPECT_OK(tz, NULL, "2025-03-09T01:59:59", 1741507199);
	EXPECT_OK(tz, NULL, "2025-03-09T03:00:00", 1741507200);
	EXPECT_OK(tz, NULL, "2025-03-09T03:30:00", 1741509000);
	/* the day itself: date -u -d '2025-03-09 00:00 CST' +%s -> 1741500000 */
	EXPECT_OK(tz, NULL, "2025-03-09", 1741500000);
}

static void test_fall_back_first_occurrence(void **state)
{
	ae_tz *tz = *state;
	/* zdump: 2025-11-02 06:59:59 UT = 01:59:59 CDT; 07:00:00 UT = 01:00:00 CST.
	 * 01:00 .. 01:59:59 happens twice; the first (CDT, -05:00) is meant. */
	/* date -u -d '2025-11-02 01:00 CDT' +%s -> 1762063200 */
	EXPECT_OK(tz, NULL, "2025-11-02T01:00:00", 1762063200);
	/* date -u -d '2025-11-02 01:30 CDT' +%s -> 1762065000 */
	EXPECT_OK(tz, NULL, "2025-11-02T01:30:00", 1762065000);
	/* date -u -d '2025-11-02 01:59:59 CDT' +%s -> 1762066799 */
	EXPECT_OK(tz, NULL, "2025-11-02 01:59:59", 1762066799);
	/* date -u -d '2025-11-02 00:59:59 CDT' +%s -> 1762063199 */
	EXPECT_OK(tz, NULL, "2025-11-02T00:59:59", 1762063199);
	/* date -u -d '2025-11-02 02:00 CST' +%s -> 1762070400 */
	EXPECT_OK(tz, NULL, "2025-11-02T02:00:00", 1762070400);
	int64_t u = 0;
	assert_int_equal(ae_local_to_utc(tz, 2025, 11, 2, 1, 30, 0, &u), AE_TIME_OK);
	assert_int_equal(u, 1762065000);
	/* The first occurrence is CDT: offset -18000 there (zdump gmtoff). */
	assert_int_equal(ae_tz_offset(tz, 1762065000), -18000);
	/* 07:00:00 UT onwards is CST (zdump): 1762066800 = 1762066799 + 1 */
	assert_int_equal(ae_tz_offset(tz, 1762066799), -18000);
	assert_int_equal(ae_tz_offset(tz, 1762066800), -21600);
}

static void test_impossible_dates_and_times(void **state)
{
	ae_tz *tz = *state;
	static const char *const bad[] = {
		"2025-02-30T00:00:00Z",
		"2025-02-29T12:00:00Z",
		"2025-02-29",
		"2100-02-29",
		"2025-04-31T00:00:00Z",
		"2025-13-01T00:00:00Z",
		"2025-13-01",
		"2025-00-10",
		"2025-01-00",
		"2025-01-32",
		"2025-03-01T24:00:00Z",
		"2025-03-01T24:00",
		"2025-03-01T12:60:00Z",
		"2025-03-01T12:60",
		"2025-03-01T12:00:60Z",
		"2025-03-01T12:00:00+15:00",
		"2025-03-01T12:00:00+05:60",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		EXPECT_RC(tz, NULL, bad[i], AE_TIME_BAD);
	/* 2000 is a leap year (divisible by 400): date -u -d '2000-02-29 UTC' +%s -> 951782400 */
	EXPECT_OK(tz, NULL, "2000-02-29T00:00:00Z", 951782400);
}

static void test_malformed_iso(void **state)
{
	ae_tz *tz = *state;
	static const char *const bad[] = {
		"",
		"2025",
		"2025-03",
		"2025-3-1",
		"2025/03/01",
		"20250301",
		"2025-03-01T",
		"2025-03-01T12",
		"2025-03-01T1:00",
		"2025-03-01T12:0",
		"2025-03-01X12:00",
		"2025-03-01T12:00:00ZZ",
		"2025-03-01T12:00:00 Z",
		"2025-03-01T12:00:00.Z",
		"2025-03-01T12:00:00.",
		"2025-03-01T12:00:00+5",
		"2025-03-01T12:00:00+05:3",
		"2025-03-01T12:00:00+053",
		"2025-03-01T12:00:00+05300",
		"2025-03-01T12:00:00+",
		"2025-03-01T12:00:00EST",
		"2025-03-01Z",
		"2025-03-01T12:00:00x",
		"abcd-ef-ghT12:00",
		" 2025-03-01T12:00:00Z",
		"2025-03-01T12:00:0Z",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		EXPECT_RC(tz, NULL, bad[i], AE_TIME_BAD);
	/* len is honoured: the NUL-less prefix "2025-03-01T13:45:12Z" of a longer buffer */
	int64_t u = 0;
	const char *buf = "2025-03-01T13:45:12Zgarbage";
	assert_int_equal(ae_time_parse(tz, NULL, buf, 20, &u), AE_TIME_OK);
	assert_int_equal(u, 1740836712); /* as in test_iso_z */
}

/* "+05:" (an offset colon with no minutes) is not ISO 8601. */
static void test_offset_with_dangling_colon_is_bad(void **state)
{
	ae_tz *tz = *state;
	EXPECT_RC(tz, NULL, "2025-03-01T12:00:00+05:", AE_TIME_BAD);
	EXPECT_RC(tz, NULL, "2025-03-01T12:00:00-07:", AE_TIME_BAD);
}

/* ---------------------------------------------------------------- strptime patterns */

static void test_strptime_patterns(void **state)
{
	ae_tz *tz = *state;
	const char *us = "%m/%d/%Y %H:%M:%S";
	/* naive: date -u -d '2025-03-01 13:45:12 CST' +%s -> 1740858312 */
	EXPECT_OK(tz, us, "03/01/2025 13:45:12", 1740858312);
	/* date -u -d '2025-07-04 12:00:00 CDT' +%s -> 1751648400 */
	EXPECT_OK(tz, us, "07/04/2025 12:00:00", 1751648400);
	/* gap and fall-back follow the same rules as ISO (values above) */
	EXPECT_RC(tz, us, "03/09/2025 02:30:00", AE_TIME_GAP);
	EXPECT_OK(tz, us, "11/02/2025 01:30:00", 1762065000);
	/* impossible or incomplete */
	EXPECT_RC(tz, us, "02/30/2025 10:00:00", AE_TIME_BAD);
	EXPECT_RC(tz, us, "13/01/2025 10:00:00", AE_TIME_BAD);
	EXPECT_RC(tz, us, "03/01/2025 13:45", AE_TIME_BAD);
	EXPECT_RC(tz, us, "03/01/2025 13:45:12 extra", AE_TIME_BAD);
	EXPECT_RC(tz, us, "2025-03-01T13:45:12Z", AE_TIME_BAD);
	EXPECT_RC(tz, us, "", AE_TIME_BAD);

	const char *withz = "%m/%d/%Y %H:%M:%S %z";
	/* date -u -d '2025-03-01 13:45:12 +05:30' +%s -> 1740816912 */
	EXPECT_OK(tz, withz, "03/01/2025 13:45:12 +0530", 1740816912);
	/* date -u -d '2025-03-01 13:45:12 -0700' +%s -> 1740861912 */
	EXPECT_OK(tz, withz, "03/01/2025 13:45:12 -0700", 1740861912);
	/* with an explicit offset the local gap does not apply:
	 * date -u -d '2025-03-09 02:30 -0600' +%s -> 1741509000 */
	EXPECT_OK(tz, withz, "03/09/2025 02:30:00 -0600", 1741509000);

	/* date -u -d '2025-03-01 13:45 CST' +%s -> 1740858300 */
	EXPECT_OK(tz, "%d.%m.%Y %H:%M", "01.03.2025 13:45", 1740858300);
	/* 12-hour clock: 1:45:12 PM = 13:45:12 -> 1740858312 as above */
	EXPECT_OK(tz, "%m/%d/%Y %I:%M:%S %p", "03/01/2025 01:45:12 PM", 1740858312);
}

/* ---------------------------------------------------------------- epoch */

static void test_epoch_seconds_and_ms(void **state)
{
	ae_tz *tz = *state;
	/* Unix seconds are the instant itself. */
	EXPECT_OK(tz, "epoch", "1740836712", 1740836712);
	EXPECT_OK(tz, "epoch", "0", 0);
	EXPECT_OK(tz, "epoch", "-1", -1);
	/* date -u -d '9999-12-31 23:59:59 UTC' +%s -> 253402300799 (last accepted year) */
	EXPECT_OK(tz, "epoch", "253402300799", 253402300799LL);
	EXPECT_RC(tz, "epoch", "253402300800", AE_TIME_BAD);
	/* date -u -d '1900-01-01 UTC' +%s -> -2208988800 (first accepted year) */
	EXPECT_OK(tz, "epoch", "-2208988800", -2208988800LL);
	EXPECT_RC(tz, "epoch", "-2208988801", AE_TIME_BAD);
	EXPECT_RC(tz, "epoch", "", AE_TIME_BAD);
	EXPECT_RC(tz, "epoch", "abc", AE_TIME_BAD);
	EXPECT_RC(tz, "epoch", "17408367x2", AE_TIME_BAD);
	EXPECT_RC(tz, "epoch", "99999999999999999999999", AE_TIME_BAD);

	/* Milliseconds: floor to whole seconds (1740836712999 ms = 1740836712.999 s) */
	EXPECT_OK(tz, "epoch_ms", "1740836712999", 1740836712);
	EXPECT_OK(tz, "epoch_ms", "1740836712000", 1740836712);
	EXPECT_OK(tz, "epoch_ms", "999", 0);
	EXPECT_OK(tz, "epoch_ms", "-1", -1);    /* floor(-0.001) = -1 */
	EXPECT_OK(tz, "epoch_ms", "-1000", -1); /* exactly -1 s */
	EXPECT_OK(tz, "epoch_ms", "-1001", -2); /* floor(-1.001) = -2 */
	EXPECT_RC(tz, "epoch_ms", "1.5", AE_TIME_BAD);
}

/* ---------------------------------------------------------------- local days */

static void test_local_day_across_midnight(void **state)
{
	ae_tz *tz = *state;
	/* day numbers: date -u -d 2025-02-28 +%s / 86400 = 20147, 2025-03-01 -> 20148 */
	/* date -u -d '2025-03-01 05:59:59 UTC' +%s -> 1740808799 = 2025-02-28 23:59:59 CST */
	assert_int_equal(ae_local_day(tz, 1740808799), 20147);
	assert_int_equal(ae_local_day(tz, 1740808800), 20148);
	/* In UTC that instant is already 2025-03-01 (05:59:59Z), but locally not yet. */
	assert_int_equal(1740808799 / 86400, 20148);
	/* summer: date -u -d '2025-07-04 04:59:59 UTC' +%s -> 1751605199 = 2025-07-03 23:59:59 CDT;
	 * 2025-07-03 -> 20272, 2025-07-04 -> 20273 */
	assert_int_equal(ae_local_day(tz, 1751605199), 20272);
	assert_int_equal(ae_local_day(tz, 1751605200), 20273);
	/* the epoch is 1969-12-31 18:00 CST: day -1 (date -u -d 1969-12-31 +%s / 86400) */
	assert_int_equal(ae_local_day(tz, 0), -1);
	assert_int_equal(ae_local_day(tz, -86400 * 3), -4); /* 1969-12-28 18:00 CST */
	/* fall-back day 2025-11-02 (20394) is 25 hours long:
	 * date -u -d '2025-11-02 00:00 CDT' +%s -> 1762059600,
	 * date -u -d '2025-11-03 00:00 CST' +%s -> 1762149600 */
	assert_int_equal(ae_local_day(tz, 1762059599), 20393);
	assert_int_equal(ae_local_day(tz, 1762059600), 20394);
	assert_int_equal(ae_local_day(tz, 1762149599), 20394);
	assert_int_equal(ae_local_day(tz, 1762149600), 20395);
	assert_int_equal(1762149600 - 1762059600, 25 * 3600);
}

/* Offsets over the whole of 2025 every 15 minutes, forwards then backwards
 * (the handle caches per UTC hour), against zdump's transition instants:
 * CDT from 1741507200 (2025-03-09 08:00:00 UT) to 1762066799 (2025-11-02 06:59:59 UT). */
static void test_offset_cache_over_a_year(void **state)
{
	ae_tz *tz = *state;
	const int64_t y0 = 1735689600; /* date -u -d '2025-01-01 UTC' +%s */
	const int64_t y1 = 1767225600; /* date -u -d '2026-01-01 UTC' +%s */
	for (int pass = 0; pass < 2; pass++) {
		for (int64_t k = 0; k <= (y1 - y0) / 900; k++) {
			int64_t t = pass == 0 ? y0 + k * 900 : y1 - k * 900 - 1;
			long want = t >= 1741507200 && t <= 1762066799 ? -18000 : -21600;
			if (ae_tz_offset(tz, t) != want)
				fail_msg("offset at %lld: %ld, expected %ld", (long long)t, ae_tz_offset(tz, t), want);
		}
	}
	/* seconds right at the transitions, after the cache has been filled nearby */
	assert_int_equal(ae_tz_offset(tz, 1741507199), -21600);
	assert_int_equal(ae_tz_offset(tz, 1741507200), -18000);
	assert_int_equal(ae_tz_offset(tz, 1741507199), -21600);
}

/* ---------------------------------------------------------------- zone handles */

static void test_tz_new_rejects_unknown_and_traversal(void **state)
{
	(void)state;
	assert_null(ae_tz_new("Mars/Olympus"));
	assert_null(ae_tz_new("America/Chicagoo"));
	assert_null(ae_tz_new("../etc/passwd"));
	assert_null(ae_tz_new("../../../../etc/passwd"));
	assert_null(ae_tz_new("America/../../../etc/passwd"));
	assert_null(ae_tz_new(".."));
	assert_null(ae_tz_new(""));
	assert_null(ae_tz_new(NULL));
	ae_tz *tz = ae_tz_new("America/Chicago");
	assert_non_null(tz);
	ae_tz_free(tz);
	tz = ae_tz_new("UTC");
	assert_non_null(tz);
	ae_tz_free(tz);
}

/* Files and folders under /usr/share/zoneinfo that are not zones, and
 * absolute paths, are not "known IANA zones" (timeparse.h): glibc would
 * silently use UTC for them. */
static void test_tz_new_rejects_non_zone_files(void **state)
{
	(void)state;
	static const char *const notzones[] = {"America", "Australia", "zone.tab", "iso3166.tab", "/etc/passwd"};
	char accepted[512] = "";
	for (size_t i = 0; i < sizeof notzones / sizeof notzones[0]; i++) {
		ae_tz *tz = ae_tz_new(notzones[i]);
		if (tz) {
			/* what such a handle does: 2025-07-04 12:00 CDT, offset 0 if glibc fell back to UTC */
			size_t at = strlen(accepted);
			snprintf(accepted + at, sizeof accepted - at, " '%s' (offset %ld)", notzones[i],
				 ae_tz_offset(tz, 1751648400));
			ae_tz_free(tz);
		}
	}
	if (accepted[0])
		fail_msg("ae_tz_new accepted names that are not IANA zones:%s", accepted);
}

static void test_utc_zone(void **state)
{
	(void)state;
	ae_tz *tz = ae_tz_new("UTC");
	assert_non_null(tz);
	/* naive times are UTC there: 1740836712 as in test_iso_z */
	EXPECT_OK(tz, NULL, "2025-03-01T13:45:12", 1740836712);
	/* date -u -d '2025-03-09 02:30 UTC' +%s -> 1741487400 (no gap in UTC) */
	EXPECT_OK(tz, NULL, "2025-03-09T02:30:00", 1741487400);
	assert_int_equal(ae_tz_offset(tz, 1751648400), 0);
	assert_int_equal(ae_local_day(tz, 1740808799), 20148); /* 2025-03-01 05:59:59Z */
	ae_tz_free(tz);
}

static void test_europe_london(void **state)
{
	(void)state;
	ae_tz *tz = ae_tz_new("Europe/London");
	assert_non_null(tz);
	/* zdump: 2025-03-30 00:59:59 UT = 00:59:59 GMT; 01:00:00 UT = 02:00:00 BST:
	 * local 01:00 .. 01:59:59 does not exist */
	EXPECT_RC(tz, NULL, "2025-03-30T01:00:00", AE_TIME_GAP);
	EXPECT_RC(tz, NULL, "2025-03-30T01:30:00", AE_TIME_GAP);
	EXPECT_RC(tz, NULL, "2025-03-30T01:59:59", AE_TIME_GAP);
	/* date -u -d '2025-03-30 00:59:59 UTC' +%s -> 1743296399 */
	EXPECT_OK(tz, NULL, "2025-03-30T00:59:59", 1743296399);
	/* date -u -d '2025-03-30 02:00 +0100' +%s -> 1743296400 */
	EXPECT_OK(tz, NULL, "2025-03-30T02:00:00", 1743296400);
	/* zdump: 2025-10-26 00:59:59 UT = 01:59:59 BST; 01:00:00 UT = 01:00:00 GMT:
	 * 01:00 .. 01:59:59 twice; first is BST (+01:00).
	 * date -u -d '2025-10-26 01:00 +0100' +%s -> 1761436800
	 * date -u -d '2025-10-26 01:30 +0100' +%s -> 1761438600
	 * date -u -d '2025-10-26 02:00 +0000' +%s -> 1761444000 */
	EXPECT_OK(tz, NULL, "2025-10-26T01:00:00", 1761436800);
	EXPECT_OK(tz, NULL, "2025-10-26T01:30:00", 1761438600);
	EXPECT_OK(tz, NULL, "2025-10-26T02:00:00", 1761444000);
	assert_int_equal(ae_tz_offset(tz, 1761438600), 3600);
	ae_tz_free(tz);
}

static void test_lord_howe_half_hour_shift(void **state)
{
	(void)state;
	ae_tz *tz = ae_tz_new("Australia/Lord_Howe");
	assert_non_null(tz);
	/* zdump: 2025-10-04 15:29:59 UT = 2025-10-05 01:59:59 +1030;
	 *        2025-10-04 15:30:00 UT = 2025-10-05 02:30:00 +11:
	 * local 02:00 .. 02:29:59 does not exist (a 30-minute gap). */
	EXPECT_RC(tz, NULL, "2025-10-05T02:00:00", AE_TIME_GAP);
	EXPECT_RC(tz, NULL, "2025-10-05T02:15:00", AE_TIME_GAP);
	EXPECT_RC(tz, NULL, "2025-10-05T02:29:59", AE_TIME_GAP);
	/* date -u -d '2025-10-05 01:59:59 +1030' +%s -> 1759591799 */
	EXPECT_OK(tz, NULL, "2025-10-05T01:59:59", 1759591799);
	/* date -u -d '2025-10-05 02:30 +1100' +%s -> 1759591800 */
	EXPECT_OK(tz, NULL, "2025-10-05T02:30:00", 1759591800);
	/* zdump: 2025-04-05 14:59:59 UT = 2025-04-06 01:59:59 +11;
	 *        2025-04-05 15:00:00 UT = 2025-04-06 01:30:00 +1030:
	 * 01:30 .. 01:59:59 twice; first is +11.
	 * date -u -d '2025-04-06 01:30 +1100' +%s -> 1743863400
	 * date -u -d '2025-04-06 01:45 +1100' +%s -> 1743864300
	 * date -u -d '2025-04-06 02:00 +1030' +%s -> 1743867000 */
	EXPECT_OK(tz, NULL, "2025-04-06T01:30:00", 1743863400);
	EXPECT_OK(tz, NULL, "2025-04-06T01:45:00", 1743864300);
	EXPECT_OK(tz, NULL, "2025-04-06T02:00:00", 1743867000);
	/* 01:29:59 happens once, at +11: 1743863400 - 1 */
	EXPECT_OK(tz, NULL, "2025-04-06T01:29:59", 1743863399);
	assert_int_equal(ae_tz_offset(tz, 1743864300), 39600); /* zdump gmtoff +11 */
	assert_int_equal(ae_tz_offset(tz, 1743867000), 37800); /* zdump gmtoff +10:30 */
	/* local day: 2025-10-04 13:29:59 UT is 2025-10-04 23:59:59 +1030 (day 20365:
	 * date -u -d 2025-10-04 +%s / 86400), one second later it is 2025-10-05 (20366) */
	assert_int_equal(ae_local_day(tz, 1759591799 - 2 * 3600), 20365);
	assert_int_equal(ae_local_day(tz, 1759591800 - 2 * 3600), 20366);
	ae_tz_free(tz);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_iso_z, open_chicago, close_tz),
		cmocka_unit_test_setup_teardown(test_iso_offsets, open_chicago, close_tz),
		cmocka_unit_test_setup_teardown(test_iso_fraction_and_space, open_chicago, close_tz),
		cmocka_unit_test_setup_teardown(test_date_only_is_local_midnight, open_chicago, close_tz),
		cmocka_unit_test_setup_teardown(test_naive_standard_and_daylight, open_chicago, close_tz),
		cmocka_unit_test_setup_teardown(test_spring_forward_gap, open_chicago, close_tz),
		cmocka_unit_test_setup_teardown(test_fall_back_first_occurrence, open_chicago, close_tz),
		cmocka_unit_test_setup_teardown(test_impossible_dates_and_times, open_chicago, close_tz),
		cmocka_unit_test_setup_teardown(test_malformed_iso, open_chicago, close_tz),
		cmocka_unit_test_setup_teardown(test_offset_with_dangling_colon_is_bad, open_chicago, close_tz),
		cmocka_unit_test_setup_teardown(test_strptime_patterns, open_chicago, close_tz),
		cmocka_unit_test_setup_teardown(test_epoch_seconds_and_ms, open_chicago, close_tz),
		cmocka_unit_test_setup_teardown(test_local_day_across_midnight, open_chicago, close_tz),
		cmocka_unit_test_setup_teardown(test_offset_cache_over_a_year, open_chicago, close_tz),
		cmocka_unit_test(test_tz_new_rejects_unknown_and_traversal),
		cmocka_unit_test(test_tz_new_rejects_non_zone_files),
		cmocka_unit_test(test_utc_zone),
		cmocka_unit_test(test_europe_london),
		cmocka_unit_test(test_lord_howe_half_hour_shift),
	};
	return cmocka_run_group_tests_name("timeparse", tests, NULL, NULL);
}
