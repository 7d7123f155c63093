/* brief_read.h — reading a written briefing back in the tests: a section's
 * text, HTML entities undone, and the numbers as printed with their
 * decimals, to check each against the metrics.csv row it cites
 * (test_briefing.c, test_effect_report.c). Everything here is static. */
#ifndef AE_BRIEF_READ_H
#define AE_BRIEF_READ_H
#include "testutil.h"
#include <ctype.h>

/* The part of text from `from` to the next `to` (a copy). */
static inline char *between(const char *text, const char *from, const char *to)
{
	const char *a = strstr(text, from);
	if (!a)
		fail_msg("no '%s'", from);
	const char *b = strstr(a + strlen(from), to);
	if (!b)
		b = a + strlen(a);
	return ae_strndup(a, (size_t)(b - a));
}

static inline void unescape(char *s)
{
	static const char *const ent[][2] = {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}};
	char *w = s;
	for (const char *r = s; *r;) {
		int hit = 0;
		for (int k = 0; k < 4 && !hit; k++)
			if (strncmp(r, ent[k][0], strlen(ent[k][0])) == 0) {
				*w++ = ent[k][1][0];
				r += strlen(ent[k][0]);
				hit = 1;
			}
		if (!hit)
			*w++ = *r++;
	}
	*w = '\0';
}

typedef struct tok {
	double v;
	int dec;
	const char *end;
} tok;

/* Numbers as printed: digits with thousands commas, an optional fraction. */
static inline int numbers(const char *s, tok *out, int max)
{
	int n = 0;
	for (const char *p = s; *p && n < max;) {
		if (!isdigit((unsigned char)*p) || (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '.'))) {
			p++;
			continue;
		}
		char buf[64];
		size_t k = 0;
		int dec = -1;
		while (*p && k < sizeof buf - 1) {
			if (isdigit((unsigned char)*p)) {
				buf[k++] = *p;
				if (dec >= 0)
					dec++;
			} else if (*p == ',' && dec < 0 && isdigit((unsigned char)p[1]) &&
				   isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3])) {
				/* thousands separator */
			} else if (*p == '.' && dec < 0 && isdigit((unsigned char)p[1])) {
				buf[k++] = '.';
				dec = 0;
			} else {
				break;
			}
			p++;
		}
		buf[k] = '\0';
		out[n].v = strtod(buf, NULL);
		out[n].dec = dec < 0 ? 0 : dec;
		out[n].end = p;
		n++;
	}
	return n;
}

static inline void near(tok t, double want, const char *what, size_t line)
{
	double tol = 0.5 * pow(10, -t.dec) * (1 + 1e-9) + 1e-12 * fabs(want);
	if (!(fabs(t.v - want) <= tol))
		fail_msg("line %zu: %s printed %.10g, the row holds %.10g", line, what, t.v, want);
}

/* One figure of a written section: the <span class="fig"> at or after p and
 * its citation, which must come next, before any other figure. Fills line
 * (the span's), text (unescaped, the caller frees), the cited metric,
 * dimension, group and method (from the citation's title), and *end (where to look for the next); the
 * cited line must be the span's. NULL p or no figure left: returns 0. */
typedef struct brief_fig {
	size_t line;
	char *text;
	char m[64], d[64], g[128], meth[64];
	const char *end;
} brief_fig;

/* A citation: <sup class="cite" title="metrics.csv line N: m, d, g, meth">N</sup> */
#define CITE_OPEN "<sup class=\"cite\" title=\""
#define CITE_CLOSE "</sup>"

static inline int brief_next_fig(const char *p, brief_fig *fg)
{
	static const char open[] = "<span class=\"fig\" data-line=\"";
	if (!p || !(p = strstr(p, open)))
		return 0;
	fg->line = strtoul(p + strlen(open), NULL, 10);
	const char *in = strchr(p, '>') + 1, *in_end = strstr(in, "</span>");
	fg->text = ae_strndup(in, (size_t)(in_end - in));
	unescape(fg->text);
	const char *ci = strstr(in_end, CITE_OPEN), *next = strstr(in_end, open);
	if (!ci || (next && next < ci))
		fail_msg("figure '%s' has no citation of its own", fg->text);
	ci += strlen(CITE_OPEN);
	const char *ce = strstr(ci, "\">");
	char *cite = ae_strndup(ci, (size_t)(ce - ci));
	unescape(cite);
	size_t cl;
	if (sscanf(cite, "metrics.csv line %zu: %63[^,], %63[^,], %127[^,], %63[^\n]", &cl, fg->m, fg->d, fg->g,
		   fg->meth) != 5)
		fail_msg("citation '%s' is not metrics.csv line N: metric, dimension, group, method", cite);
	if (cl != fg->line)
		fail_msg("figure marked line %zu cites line %zu", fg->line, cl);
	if (strtoul(ce + 2, NULL, 10) != cl)
		fail_msg("citation of line %zu shows another number", cl);
	free(cite);
	fg->end = in_end;
	return 1;
}
#endif
