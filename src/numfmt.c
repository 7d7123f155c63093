/* numfmt.c — see numfmt.h. */
#include "numfmt.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* v rounded to dec decimals, the integer part grouped by thousands when
 * asked: integer arithmetic, so no locale can change a byte. */
void ae_num_fixed(char *out, size_t n, double v, int dec, int group)
{
	if (!isfinite(v)) {
		snprintf(out, n, "not finite");
		return;
	}
	if (dec < 0)
		dec = 0;
	if (dec > 15) /* beyond a double's digits; and frac below holds 15 */
		dec = 15;
	unsigned long long scale = 1;
	for (int i = 0; i < dec; i++)
		scale *= 10;
	while (dec > 0 && fabs(v) * (double)scale >= 9e15) {
		dec--;
		scale /= 10;
	}
	double x = round(fabs(v) * (double)scale);
	if (x >= 9e18) { /* beyond any count this tool sees; still locale-free */
		snprintf(out, n, "%.0f", v);
		return;
	}
	unsigned long long X = (unsigned long long)x, ip = X / scale, fp = X % scale;
	char digits[32], grouped[48];
	snprintf(digits, sizeof digits, "%llu", ip);
	size_t len = strlen(digits), k = 0;
	for (size_t i = 0; i < len; i++) {
		if (group && i > 0 && (len - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	char frac[24];
	frac[0] = '\0';
	if (dec > 0) { /* the fraction's digits, leading zeros kept */
		frac[0] = '.';
		for (int i = dec; i >= 1; i--, fp /= 10)
			frac[i] = (char)('0' + fp % 10);
		frac[dec + 1] = '\0';
	}
	snprintf(out, n, "%s%s%s", X && v < 0 ? "-" : "", grouped, frac);
}

/* A parameter as the study file would write it: up to 6 decimals, no
 * trailing zeros, no grouping. */
void ae_num_plain(char *out, size_t n, double v)
{
	ae_num_fixed(out, n, v, 6, 0);
	char *dot = strchr(out, '.');
	if (!dot)
		return;
	char *e = out + strlen(out);
	while (e > dot + 1 && e[-1] == '0')
		*--e = '\0';
	if (e == dot + 1)
		*dot = '\0';
}

/* Decimals that show sig significant digits of a. */
static int sig_decimals(double a, int sig)
{
	if (!(a > 0) || !isfinite(a))
		return 0;
	int d = sig - 1 - (int)floor(log10(a));
	return d < 0 ? 0 : d > 8 ? 8 : d;
}

/* The decimals of a kind of figure, chosen from its size: percentages keep
 * two decimals, more for small shares (two significant digits); ratios two
 * or three; rates three significant digits; counts none. */
int ae_num_decimals(int kind, double ref)
{
	double a = fabs(ref);
	switch (kind) {
	case FIG_PCT: a *= 100; return a >= 0.1 || !(a > 0) ? 2 : sig_decimals(a, 2);
	case FIG_RATIO:
		if (a >= 1 || !(a > 0))
			return 2;
		if (a >= 0.1)
			return 3;
		return sig_decimals(a, 2) > 3 ? sig_decimals(a, 2) : 3;
	case FIG_RATE: return sig_decimals(a, 3);
	default: return 0;
	}
}

void ae_num_figure(char *out, size_t n, double v, int kind, int dec)
{
	ae_num_fixed(out, n, kind == FIG_PCT ? v * 100 : v, dec, 1);
	size_t len = strlen(out);
	if (kind == FIG_PCT && len + 3 <= n)
		memcpy(out + len, " %", 3);
}

void ae_num_count(char *out, size_t n, double v) { ae_num_fixed(out, n, v, 0, 1); }
