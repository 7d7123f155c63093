/* svgclean.c — see svgclean.h. */
#include "svgclean.h"
#include "doc.h"
#include <string.h>
#include <strings.h>

static int starts(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);
	return (size_t)(end - p) >= n && strncmp(p, s, n) == 0;
}

static int starts_tag(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);
	if ((size_t)(end - p) <= n + 1 || p[0] != '<' || strncasecmp(p + 1, name, n) != 0)
		return 0;
	char c = p[n + 1];
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>' || c == '/';
}

/* End of a tag starting at p: just past its '>', quotes respected. */
static const char *tag_end(const char *p, const char *end)
{
	char q = 0;
	for (; p < end; p++) {
		if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '"' || *p == '\'') {
			q = *p;
		} else if (*p == '>') {
			return p + 1;
		}
	}
	return end;
}

static const char *find_str(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);
	for (; p + n <= end; p++)
		if (strncmp(p, s, n) == 0)
			return p;
	return end;
}

/* Copies text, prefixing url(#X) references and neutralising any other
 * url(...), which could load a file or a web resource. */
static void copy_urls(ae_buf *out, const char *p, const char *end, const char *prefix)
{
	while (p < end) {
		if (starts(p, end, "url(")) {
			const char *q = p + 4;
			if (q < end && (*q == '\'' || *q == '"'))
				q++;
			if (q < end && *q == '#') {
				ae_buf_add(out, p, (size_t)(q + 1 - p));
				ae_buf_add(out, prefix, strlen(prefix));
				p = q + 1;
			} else {
				const char *close = find_str(p, end, ")");
				ae_buf_add(out, "none", 4);
				p = close < end ? close + 1 : end;
			}
			continue;
		}
		ae_buf_addc(out, *p++);
	}
}

/* One start tag, rewritten: ids and #references prefixed, event handlers
 * and references to other files dropped. */
static void copy_tag(ae_buf *out, const char *p, const char *end, const char *prefix, const char *label)
{
	const char *q = p + 1;
	while (q < end && !strchr(" \t\r\n/>", *q))
		q++;
	ae_buf_add(out, p, (size_t)(q - p));
	int root = label != NULL;
	for (;;) {
		const char *ws = q;
		while (q < end && strchr(" \t\r\n", *q))
			q++;
		if (q >= end || *q == '>' || *q == '/') {
			if (root) {
				ae_buf_add(out, " role=\"img\" aria-label=\"", 24);
				ae_html_text(out, label);
				ae_buf_addc(out, '"');
			}
			ae_buf_add(out, q, (size_t)(end - q));
			return;
		}
		const char *name = q;
		while (q < end && !strchr(" \t\r\n=/>", *q))
			q++;
		size_t nlen = (size_t)(q - name);
		const char *val = NULL, *vend = NULL;
		char quote = '"';
		/* gnuplot writes some attributes as fill = 'rgb(...)': blanks around '=' */
		const char *eq = q;
		while (eq < end && strchr(" \t\r\n", *eq))
			eq++;
		if (eq < end && *eq == '=') {
			q = eq + 1;
			while (q < end && strchr(" \t\r\n", *q))
				q++;
			if (q < end && (*q == '"' || *q == '\'')) {
				quote = *q++;
				val = q;
				while (q < end && *q != quote)
					q++;
				vend = q;
				if (q < end)
					q++;
			} else {
				val = q;
				while (q < end && !strchr(" \t\r\n>", *q))
					q++;
				vend = q;
			}
		}
		int is_id = nlen == 2 && strncmp(name, "id", 2) == 0;
		int is_href = nlen >= 4 && strncmp(name + nlen - 4, "href", 4) == 0 &&
			      (nlen == 4 || name[nlen - 5] == ':');
		if ((nlen > 2 && strncasecmp(name, "on", 2) == 0) ||
		    (is_href && (!val || vend == val || (val[0] != '#' && strncmp(val, "data:", 5) != 0))))
			continue;   /* a script hook, or a link that would leave the page */
		ae_buf_add(out, ws, (size_t)(name - ws));
		ae_buf_add(out, name, nlen);
		if (!val)
			continue;
		ae_buf_addc(out, '=');
		ae_buf_addc(out, quote);
		if (is_id) {
			ae_buf_add(out, prefix, strlen(prefix));
			ae_buf_add(out, val, (size_t)(vend - val));
		} else if (is_href && val[0] == '#') {
			ae_buf_addc(out, '#');
			ae_buf_add(out, prefix, strlen(prefix));
			ae_buf_add(out, val + 1, (size_t)(vend - val - 1));
		} else {
			copy_urls(out, val, vend, prefix);
		}
		ae_buf_addc(out, quote);
	}
}

/* A gnuplot SVG made fit to sit inside the page: from its <svg> tag to the
 * matching </svg>, without prolog, DOCTYPE, comments, scripts or styles
 * (a style inside would restyle the whole page). */
void ae_svg_inline(ae_buf *out, const char *s, size_t n, const char *prefix, const char *label)
{
	const char *p = s, *end = s + n;
	while (p < end && !starts_tag(p, end, "svg"))
		p++;
	int depth = 0, first = 1, titled = 0;
	while (p < end) {
		if (starts(p, end, "<!--")) {
			const char *e = find_str(p, end, "-->");
			p = e < end ? e + 3 : end;
		} else if (starts(p, end, "<![CDATA[")) {
			const char *e = find_str(p, end, "]]>");
			e = e < end ? e + 3 : end;
			ae_buf_add(out, p, (size_t)(e - p));
			p = e;
		} else if (starts(p, end, "<?") || starts(p, end, "<!")) {
			p = tag_end(p, end);
		} else if (starts_tag(p, end, "title") && !titled) {
			/* the chart's own title, not gnuplot's "Gnuplot", for a tooltip */
			const char *e = tag_end(p, end);
			if (e[-1] == '>' && e[-2] != '/')
				e = tag_end(find_str(e, end, "</title"), end);
			p = e;
			ae_buf_add(out, "<title>", 7);
			ae_html_text(out, label);
			ae_buf_add(out, "</title>", 8);
			titled = 1;
		} else if (starts_tag(p, end, "script") || starts_tag(p, end, "style")) {
			int is_script = starts_tag(p, end, "script");
			const char *e = tag_end(p, end);
			if (e[-1] == '>' && e - p >= 2 && e[-2] != '/') {
				e = find_str(e, end, is_script ? "</script" : "</style");
				e = tag_end(e, end);
			}
			p = e;
		} else if (starts(p, end, "</")) {
			const char *e = tag_end(p, end);
			ae_buf_add(out, p, (size_t)(e - p));
			if (e - p >= 6 && strncasecmp(p, "</svg", 5) == 0 && strchr(" \t\r\n>", p[5]))
				depth--;
			p = e;
			if (depth <= 0)
				break;
		} else if (*p == '<') {
			const char *e = tag_end(p, end);
			int self_closing = e - p >= 2 && e[-2] == '/';
			if (starts_tag(p, end, "svg") && !self_closing)
				depth++;
			copy_tag(out, p, e, prefix, first ? label : NULL);
			first = 0;
			p = e;
		} else {
			const char *e = p;
			while (e < end && *e != '<')
				e++;
			copy_urls(out, p, e, prefix);
			p = e;
		}
	}
	ae_buf_addc(out, '\n');
}

/* The chart's name as an id prefix: letters, digits, '-' and '_' only. */
void ae_svg_id_prefix(char *out, size_t n, const char *name)
{
	size_t k = 0;
	for (; *name && k + 2 < n; name++) {
		unsigned char c = (unsigned char)*name;
		out[k++] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
				   c == '_' ? (char)c : '_';
	}
	out[k++] = '-';
	out[k] = '\0';
}
