/* numfmt.h — the briefing's numbers as text, by fixed rules: integer
 * arithmetic, no locale, no %g, so a rerun anywhere gives the same bytes.
 * Every function writes a NUL-terminated string into a buffer owned by the
 * caller (out, n bytes; 64 is always enough) and keeps no state. */
#ifndef AE_NUMFMT_H
#define AE_NUMFMT_H
#include <stddef.h>

/* What a figure is, which decides its decimals and its unit. */
enum ae_figkind { FIG_COUNT, FIG_PCT, FIG_RATIO, FIG_RATE };

/* v rounded to dec decimals (0 to 15), the integer part grouped by
 * thousands with commas when group is set; "not finite" for NaN or infinity. */
void ae_num_fixed(char *out, size_t n, double v, int dec, int group);
/* A parameter as the study file would write it: up to 6 decimals, no
 * trailing zeros, no grouping. */
void ae_num_plain(char *out, size_t n, double v);
/* The decimals a figure of this kind gets, chosen from ref (its size). */
int ae_num_decimals(int kind, double ref);
/* v with dec decimals, grouped; FIG_PCT is v * 100 followed by " %". */
void ae_num_figure(char *out, size_t n, double v, int kind, int dec);
/* A count: no decimals, grouped. */
void ae_num_count(char *out, size_t n, double v);
#endif
