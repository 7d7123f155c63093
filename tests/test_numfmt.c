/* test_numfmt.c — the briefing's numbers (numfmt.h): fixed decimals and
 * thousands grouped by integer arithmetic, study parameters without
 * trailing zeros, the decimals each kind of figure gets, and the edges
 * (negative zero, not finite, too many decimals, beyond 2^63). */
#include "testutil.h"
#include "numfmt.h"

static void fixed_is(double v, int dec, int group, const char *want)
{
	char out[64];
	ae_num_fixed(out, sizeof out, v, dec, group);
	if (strcmp(out, want) != 0)
		fail_msg("fixed(%.17g, %d, %d) = '%s', want '%s'", v, dec, group, out, want);
}

static void test_fixed(void **state)
{
	(void)state;
	fixed_is(1234567.891, 2, 1, "1,234,567.89");
	fixed_is(1234567.891, 2, 0, "1234567.89");
	fixed_is(999.5, 0, 1, "1,000");
	fixed_is(100, 0, 1, "100");
	fixed_is(0.05, 3, 1, "0.050");
	fixed_is(0.000123, 6, 1, "0.000123"); /* the fraction's leading zeros kept */
	fixed_is(-2.5, 0, 1, "-3");           /* half away from zero, as round() */
	fixed_is(-0.004, 2, 1, "0.00");       /* no "-0.00" */
	fixed_is(-1234.5, 1, 1, "-1,234.5");
	fixed_is(NAN, 2, 1, "not finite");
	fixed_is(INFINITY, 0, 1, "not finite");
	fixed_is(1.5, 30, 0, "1.500000000000000"); /* at most 15 decimals */
	fixed_is(1.5, -3, 0, "2");
	fixed_is(123456789012.25, 8, 1, "123,456,789,012.2500"); /* decimals give way to digits */
	fixed_is(1e20, 2, 1, "100000000000000000000");           /* past 9e18: %.0f, still no locale */
	/* a short buffer is cut, never overrun */
	char small[5];
	ae_num_fixed(small, sizeof small, 1234567, 0, 1);
	assert_string_equal(small, "1,23");
}

static void test_plain(void **state)
{
	(void)state;
	char out[64];
	ae_num_plain(out, sizeof out, 0.95);
	assert_string_equal(out, "0.95");
	ae_num_plain(out, sizeof out, 95);
	assert_string_equal(out, "95");
	ae_num_plain(out, sizeof out, 2500.125);
	assert_string_equal(out, "2500.125");
	ae_num_plain(out, sizeof out, 1e-7);
	assert_string_equal(out, "0");
	ae_num_plain(out, sizeof out, -0.5);
	assert_string_equal(out, "-0.5");
}

static void test_decimals(void **state)
{
	(void)state;
	/* percentages: two decimals, two significant digits for small shares */
	assert_int_equal(ae_num_decimals(FIG_PCT, 0.0036), 2);
	assert_int_equal(ae_num_decimals(FIG_PCT, 0.0005), 3);
	assert_int_equal(ae_num_decimals(FIG_PCT, 0.000012), 4);
	assert_int_equal(ae_num_decimals(FIG_PCT, 0), 2);
	assert_int_equal(ae_num_decimals(FIG_PCT, NAN), 2);
	/* ratios: two from 1, three below, more for small ones */
	assert_int_equal(ae_num_decimals(FIG_RATIO, 2.02), 2);
	assert_int_equal(ae_num_decimals(FIG_RATIO, 0.369), 3);
	assert_int_equal(ae_num_decimals(FIG_RATIO, 0.05), 3);
	assert_int_equal(ae_num_decimals(FIG_RATIO, 0.005), 4);
	assert_int_equal(ae_num_decimals(FIG_RATIO, -0.005), 4);
	/* rates: three significant digits, at most 8 decimals */
	assert_int_equal(ae_num_decimals(FIG_RATE, 4532), 0);
	assert_int_equal(ae_num_decimals(FIG_RATE, 12.3), 1);
	assert_int_equal(ae_num_decimals(FIG_RATE, 1.229), 2);
	assert_int_equal(ae_num_decimals(FIG_RATE, 0.0123), 4);
	assert_int_equal(ae_num_decimals(FIG_RATE, 1e-12), 8);
	assert_int_equal(ae_num_decimals(FIG_RATE, INFINITY), 0);
	assert_int_equal(ae_num_decimals(FIG_COUNT, 0.5), 0);
}

static void test_figure_and_count(void **state)
{
	(void)state;
	char out[64];
	ae_num_figure(out, sizeof out, 0.0036, FIG_PCT, 2);
	assert_string_equal(out, "0.36 %");
	ae_num_figure(out, sizeof out, 1, FIG_PCT, 2);
	assert_string_equal(out, "100.00 %");
	ae_num_figure(out, sizeof out, 1234.5, FIG_RATE, 1);
	assert_string_equal(out, "1,234.5");
	ae_num_figure(out, sizeof out, 2.0249, FIG_RATIO, 2);
	assert_string_equal(out, "2.02");
	ae_num_figure(out, 6, 0.5, FIG_PCT, 2); /* no room for " %": cut, not overrun */
	assert_string_equal(out, "50.00");
	ae_num_count(out, sizeof out, 149548);
	assert_string_equal(out, "149,548");
	ae_num_count(out, sizeof out, 999);
	assert_string_equal(out, "999");
	ae_num_count(out, sizeof out, 0);
	assert_string_equal(out, "0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_decimals),
		cmocka_unit_test(test_figure_and_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
