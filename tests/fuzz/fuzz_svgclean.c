/* fuzz_svgclean.c — libFuzzer target: the chart SVG cleaner (svgclean.h).
 *
 * Whatever the bytes, the cleaned SVG must hold no "<script", no
 * "javascript:" and no href="http (in any case), and must have the form the
 * cleaner writes: one svg element, then a newline; tags balanced; plain
 * attribute names, none on*; values quoted, without '<', '>' or their
 * quote; every href a #reference with the chart's prefix (or a raster
 * data: image), every id and url(#...) prefixed. The input is copied to a
 * buffer of exactly its size, so ASan reports any read past its end.
 *
 * test_svgclean.c includes this file and holds its own outputs, and every
 * seed of tests/fuzz/corpus/fuzz_svgclean, to the same check. */
#include "svgclean.h"
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* needle (any case) in the n bytes at s, or NULL. */
static const char *svgcheck_find(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, needle, k) == 0)
			return s + i;
	return NULL;
}

static int svgcheck_fail(const char **why, const char *what)
{
	*why = what;
	return 0;
}

/* Every url( in a value: url(#PREFIX..., the '#' perhaps after a quote. */
static int svgcheck_urls(const char *v, size_t n, const char *prefix)
{
	size_t pl = strlen(prefix);
	for (const char *u; (u = svgcheck_find(v, n, "url(")); n -= (size_t)(u + 4 - v), v = u + 4) {
		const char *q = u + 4, *e = v + n;
		if (e - q >= 6 && strncmp(q, "&quot;", 6) == 0)
			q += 6;
		else if (e - q >= 5 && strncmp(q, "&#39;", 5) == 0)
			q += 5;
		else if (q < e && (*q == '\'' || *q == '"'))
			q++;
		if (q >= e || *q != '#' || (size_t)(e - q - 1) < pl || strncmp(q + 1, prefix, pl) != 0)
			return 0;
	}
	return 1;
}

/* 1 if the n bytes at s are a cleaned SVG as described above; else 0 and
 * *why says what is wrong. */
static int svg_clean_ok(const char *s, size_t n, const char *prefix, const char **why)
{
	static const char *const never[] = {"<script", "javascript:", "href=\"http"};
	for (size_t k = 0; k < sizeof never / sizeof never[0]; k++)
		if (svgcheck_find(s, n, never[k]))
			return svgcheck_fail(why, never[k]);
	if (memchr(s, '\0', n))
		return svgcheck_fail(why, "a NUL byte");
	if (!n || s[n - 1] != '\n')
		return svgcheck_fail(why, "no newline at the end");
	n--;
	size_t pl = strlen(prefix);
	char stack[300][24];
	int depth = 0, rooted = 0;
	size_t i = 0;
	while (i < n) {
		if (s[i] != '<') {
			if (!depth)
				return svgcheck_fail(why, "text outside the svg element");
			i++;
			continue;
		}
		if (rooted && !depth)
			return svgcheck_fail(why, "markup after the svg element");
		int end_tag = i + 1 < n && s[i + 1] == '/';
		size_t j = i + 1 + (size_t)end_tag, name = j;
		while (j < n && isalnum((unsigned char)s[j]))
			j++;
		size_t nlen = j - name;
		if (!nlen || !isalpha((unsigned char)s[name]) || nlen >= sizeof stack[0])
			return svgcheck_fail(why, "a tag without a plain name");
		if (end_tag) {
			if (j >= n || s[j] != '>')
				return svgcheck_fail(why, "an end tag with more than its name");
			if (!depth || strlen(stack[depth - 1]) != nlen || strncmp(stack[depth - 1], s + name, nlen) != 0)
				return svgcheck_fail(why, "an end tag that does not close the open element");
			depth--;
			i = j + 1;
			continue;
		}
		if (!rooted && (nlen != 3 || strncmp(s + name, "svg", 3) != 0))
			return svgcheck_fail(why, "the first element is not svg");
		int self_closing;
		for (;;) {
			size_t ws = j;
			while (j < n && strchr(" \t\r\n\f", s[j]))
				j++;
			if (j >= n)
				return svgcheck_fail(why, "an unfinished tag");
			if (s[j] == '>') {
				self_closing = 0;
				j++;
				break;
			}
			if (s[j] == '/') {
				if (j + 1 >= n || s[j + 1] != '>')
					return svgcheck_fail(why, "a '/' inside a tag");
				self_closing = 1;
				j += 2;
				break;
			}
			if (j == ws || !isalpha((unsigned char)s[j]))
				return svgcheck_fail(why, "an attribute name that is not plain");
			size_t an = j;
			while (j < n && (isalnum((unsigned char)s[j]) || strchr("_.:-", s[j])))
				j++;
			const char *a = s + an, *colon = memchr(a, ':', j - an);
			size_t alen = j - an;
			const char *local = colon ? colon + 1 : a;
			size_t llen = (size_t)(s + j - local);
			if ((alen > 2 && strncasecmp(a, "on", 2) == 0) || (llen > 2 && strncasecmp(local, "on", 2) == 0))
				return svgcheck_fail(why, "an on* attribute");
			if (j >= n || s[j] != '=')
				continue;
			j++;
			if (j >= n || (s[j] != '"' && s[j] != '\''))
				return svgcheck_fail(why, "a value without quotes");
			char q = s[j++];
			size_t v = j;
			while (j < n && s[j] != q) {
				if (s[j] == '<' || s[j] == '>')
					return svgcheck_fail(why, "'<' or '>' in a value");
				j++;
			}
			if (j >= n)
				return svgcheck_fail(why, "an unfinished value");
			const char *val = s + v;
			size_t vlen = j - v;
			j++;
			if (llen == 4 && strncasecmp(local, "href", 4) == 0 &&
			    !(vlen > pl && val[0] == '#' && strncmp(val + 1, prefix, pl) == 0) &&
			    !(vlen >= 11 && strncasecmp(val, "data:image/", 11) == 0))
				return svgcheck_fail(why, "an href that is not a prefixed #reference");
			if (alen == 2 && strncasecmp(a, "id", 2) == 0 && (vlen < pl || strncmp(val, prefix, pl) != 0))
				return svgcheck_fail(why, "an id without the prefix");
			if (!svgcheck_urls(val, vlen, prefix))
				return svgcheck_fail(why, "a url( that is not a prefixed #reference");
		}
		if (!self_closing) {
			if (depth == (int)(sizeof stack / sizeof stack[0]))
				return svgcheck_fail(why, "nested too deep");
			memcpy(stack[depth], s + name, nlen);
			stack[depth++][nlen] = '\0';
		}
		rooted = 1;
		i = j;
	}
	if (depth)
		return svgcheck_fail(why, "elements left open");
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size ? size : 1);
	if (!in)
		abort();
	memcpy(in, data, size);
	ae_buf out;
	ae_buf_init(&out);
	/* two charts from the same bytes, as the page holds them: a hostile
	 * label on the first, none on the second */
	ae_svg_inline(&out, in, size, "c1-", "Chart <1> & \"javascript:\" 'x'");
	size_t first = out.len;
	ae_svg_inline(&out, in, size, "c2-", NULL);
	const char *why = "";
	if (!svg_clean_ok(out.data, first, "c1-", &why) ||
	    !svg_clean_ok(out.data + first, out.len - first, "c2-", &why)) {
		fprintf(stderr, "fuzz_svgclean: %s in:\n%.*s\n", why, (int)out.len, out.data);
		abort();
	}
	ae_buf_release(&out);
	free(in);
	return 0;
}
