/* svgclean.c — see svgclean.h.
 *
 * Nothing of the input goes through as markup. Each tag is taken apart and
 * written again: a known SVG element (any other is left out with its tags,
 * its text kept; script, style and foreignObject are left out whole),
 * attribute names of plain characters, values decoded as an XML parser
 * would, checked, then re-quoted with '&', '<', '>' and quotes escaped.
 * Elements left open are closed at the end. So the browser's HTML parser
 * sees exactly what was kept, whatever the input does with quotes,
 * slashes, entities or unterminated tags.
 *
 * What a browser would fetch or run is refused: event handlers (on*),
 * href other than "#id" (or a raster data: image on <image>), url(...)
 * other than url(#id), CSS that could hide a url (backslash escapes,
 * image-set(), image(), src()), and any HTML element (which would end the
 * SVG and start HTML). Inside <title> and <desc>, which HTML parses as
 * HTML, only text is kept. The literal "javascript:" is never written
 * (its colon becomes &#58;), so no scanner downstream can mistake text. */
#include "svgclean.h"
#include <string.h>
#include <strings.h>

/* Deeper elements are left out (their text kept): bounds the stack. */
#define MAX_DEPTH 256

/* SVG 1.1's static elements: what a chart can use. Written with this
 * spelling whatever the input's case (HTML matches them case-blind). */
static const char *const elements[] = {
	"svg",
	"g",
	"defs",
	"desc",
	"title",
	"symbol",
	"use",
	"image",
	"path",
	"rect",
	"circle",
	"ellipse",
	"line",
	"polyline",
	"polygon",
	"text",
	"tspan",
	"textPath",
	"clipPath",
	"mask",
	"pattern",
	"marker",
	"linearGradient",
	"radialGradient",
	"stop",
	"filter",
	"feBlend",
	"feColorMatrix",
	"feComponentTransfer",
	"feComposite",
	"feConvolveMatrix",
	"feDiffuseLighting",
	"feDisplacementMap",
	"feDistantLight",
	"feDropShadow",
	"feFlood",
	"feFuncA",
	"feFuncB",
	"feFuncG",
	"feFuncR",
	"feGaussianBlur",
	"feImage",
	"feMerge",
	"feMergeNode",
	"feMorphology",
	"feOffset",
	"fePointLight",
	"feSpecularLighting",
	"feSpotLight",
	"feTile",
	"feTurbulence",
};
enum { EL_SVG = 0, EL_DESC = 3, EL_TITLE = 4, EL_IMAGE = 7, EL_FEIMAGE = 41, EL_COUNT = 51 };
_Static_assert(sizeof elements / sizeof elements[0] == EL_COUNT, "EL_COUNT is the number of elements");

typedef struct cleaner {
	ae_buf *out;
	const char *prefix, *label;
	int stack[MAX_DEPTH]; /* open elements kept, as indexes into elements */
	int depth;
	int overflow; /* open elements left out past MAX_DEPTH */
	int textonly; /* depth of an open title or desc, else 0 */
	int titled;   /* the label's title has been written */
} cleaner;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

static int starts(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);
	return (size_t)(end - p) >= n && strncasecmp(p, s, n) == 0;
}

/* A start tag of this element (any case) at p. */
static int starts_tag(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);
	if ((size_t)(end - p) <= n + 1 || p[0] != '<' || strncasecmp(p + 1, name, n) != 0)
		return 0;
	char c = p[n + 1];
	return is_space(c) || c == '>' || c == '/';
}

/* Just past the '>' ending the tag at p, quotes respected; *closed is 0
 * when the input ends first (then end is returned). */
static const char *tag_end(const char *p, const char *end, int *closed)
{
	char q = 0;
	for (; p < end; p++) {
		if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '"' || *p == '\'') {
			q = *p;
		} else if (*p == '>') {
			*closed = 1;
			return p + 1;
		}
	}
	*closed = 0;
	return end;
}

/* The first s (any case) at or after p, or end. */
static const char *find_str(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);
	for (; (size_t)(end - p) >= n; p++)
		if (strncasecmp(p, s, n) == 0)
			return p;
	return end;
}

static int has_str(const char *p, size_t n, const char *s) { return find_str(p, p + n, s) != p + n; }

static int element(const char *name, size_t n)
{
	for (int i = 0; i < EL_COUNT; i++)
		if (strlen(elements[i]) == n && strncasecmp(elements[i], name, n) == 0)
			return i;
	return -1;
}

/* ---- writing: every byte of text, value or label goes through put ---- */

/* One byte of character data or of an attribute value (quote: its quote
 * character, or 0 in text). '<' never reaches the output unescaped, nor '"'
 * (so no href="... can be spelled in text), nor a NUL (which HTML would
 * turn into U+FFFD anyway), nor the colon of "javascript:". */
static void put(cleaner *c, char ch, char quote)
{
	ae_buf *o = c->out;
	if (ch == ':' && o->len >= 10 && strncasecmp(o->data + o->len - 10, "javascript", 10) == 0)
		ae_buf_add(o, "&#58;", 5);
	else if (ch == '<')
		ae_buf_add(o, "&lt;", 4);
	else if (ch == '"')
		ae_buf_add(o, "&quot;", 6);
	else if (ch == '\'' && quote == '\'')
		ae_buf_add(o, "&#39;", 5);
	else if (ch == '>' && quote)
		ae_buf_add(o, "&gt;", 4);
	else if (ch == '&' && quote) /* a value is written decoded: its '&' are literal */
		ae_buf_add(o, "&amp;", 5);
	else if (ch == '\0')
		ae_buf_add(o, "\xef\xbf\xbd", 3);
	else
		ae_buf_addc(o, ch);
}

static void put_all(cleaner *c, const char *p, const char *end, char quote)
{
	for (; p < end; p++)
		put(c, *p, quote);
}

/* The chart's label, plain text: as doc.h's ae_html_text would write it
 * (control characters as blanks), into a title or a "-quoted value. */
static void put_label(cleaner *c, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		put(c, ch < 0x20 || ch == 0x7f ? ' ' : (char)ch, '"');
	}
}

/* Text or a value, with url(#X) references prefixed and any other url(...)
 * (a file or a web resource) replaced by none. cdata: the text of a CDATA
 * section, whose '&' and '>' are literal. */
static void put_urls(cleaner *c, const char *p, const char *end, char quote, int cdata)
{
	while (p < end) {
		if (starts(p, end, "url(")) {
			const char *q = p + 4;
			if (q < end && (*q == '\'' || *q == '"'))
				q++;
			if (q < end && *q == '#') {
				put_all(c, p, q + 1, quote);
				put_all(c, c->prefix, c->prefix + strlen(c->prefix), quote);
				p = q + 1;
			} else {
				const char *close = find_str(p, end, ")");
				ae_buf_add(c->out, "none", 4);
				p = close < end ? close + 1 : end;
			}
			continue;
		}
		if (cdata && *p == '&')
			ae_buf_add(c->out, "&amp;", 5);
		else if (cdata && *p == '>')
			ae_buf_add(c->out, "&gt;", 4);
		else
			put(c, *p, quote);
		p++;
	}
}

/* ---- attributes ---- */

static void add_utf8(ae_buf *b, unsigned long cp)
{
	if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		cp = 0xfffd;
	if (cp < 0x80) {
		ae_buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		ae_buf_addc(b, (char)(0xc0 | cp >> 6));
		ae_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		ae_buf_addc(b, (char)(0xe0 | cp >> 12));
		ae_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		ae_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		ae_buf_addc(b, (char)(0xf0 | cp >> 18));
		ae_buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		ae_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		ae_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* A value as the browser will read it: the five XML entities and numeric
 * references decoded (HTML decodes the latter even without their ';'), so
 * the checks see "u&#114;l(" as the url( it is. Any other '&' stays
 * literal, and is written back as &amp;. */
static void decode(ae_buf *v, const char *p, const char *end)
{
	static const char *const ent[][2] =
		{{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
	v->len = 0;
	while (p < end) {
		if (*p == '&' && p + 2 < end && p[1] == '#') {
			int hex = p[2] == 'x' || p[2] == 'X';
			const char *q = p + 2 + hex;
			unsigned long cp = 0;
			int digits = 0;
			for (; q < end; q++, digits++) {
				int d = *q >= '0' && *q <= '9'        ? *q - '0'
				      : hex && *q >= 'a' && *q <= 'f' ? *q - 'a' + 10
				      : hex && *q >= 'A' && *q <= 'F' ? *q - 'A' + 10
								      : -1;
				if (d < 0)
					break;
				cp = cp > 0x10ffff ? cp : cp * (hex ? 16 : 10) + (unsigned long)d;
			}
			if (digits) {
				add_utf8(v, cp);
				p = q < end && *q == ';' ? q + 1 : q;
				continue;
			}
		}
		int hit = 0;
		for (size_t k = 0; *p == '&' && k < sizeof ent / sizeof ent[0] && !hit; k++) {
			size_t len = strlen(ent[k][0]);
			if ((size_t)(end - p) >= len && strncmp(p, ent[k][0], len) == 0) { /* XML: case matters */
				ae_buf_addc(v, ent[k][1][0]);
				p += len;
				hit = 1;
			}
		}
		if (!hit)
			ae_buf_addc(v, *p++);
	}
}

enum { A_DROP, A_ID, A_HREF, A_PLAIN };

/* What to do with an attribute, from its name and decoded value. */
static int attr_kind(const char *name, size_t n, int el, const char *v, size_t vn)
{
	if (!n || !is_alpha(name[0]))
		return A_DROP;
	const char *colon = NULL;
	for (size_t i = 0; i < n; i++) {
		if (name[i] == ':') {
			if (colon)
				return A_DROP;
			colon = name + i;
		} else if (!is_alnum(name[i]) && name[i] != '_' && name[i] != '.' && name[i] != '-') {
			return A_DROP;
		}
	}
	const char *local = name;
	if (colon) { /* xlink:href and namespace declarations; not xml:base */
		size_t pl = (size_t)(colon - name);
		int ok = (pl == 5 && strncasecmp(name, "xlink", 5) == 0) ||
			 (pl == 5 && strncasecmp(name, "xmlns", 5) == 0) ||
			 (n == 9 && strncasecmp(name, "xml:space", 9) == 0) ||
			 (n == 8 && strncasecmp(name, "xml:lang", 8) == 0);
		if (!ok || colon + 1 == name + n)
			return A_DROP;
		local = colon + 1;
	}
	size_t ln = (size_t)(name + n - local);
	if ((n > 2 && strncasecmp(name, "on", 2) == 0) || (ln > 2 && strncasecmp(local, "on", 2) == 0))
		return A_DROP; /* a script hook */
	if (ln > 4 && strncasecmp(local + ln - 4, "href", 4) == 0)
		return A_DROP; /* only href itself ends so: a "dhref" would spell href="http */
	if (ln == 4 && strncasecmp(local, "href", 4) == 0) {
		if (vn > 1 && v[0] == '#')
			return A_HREF;
		static const char *const images[] = {"data:image/png;", "data:image/jpeg;", "data:image/gif;",
						     "data:image/webp;"};
		for (size_t k = 0; (el == EL_IMAGE || el == EL_FEIMAGE) && k < 4; k++)
			if (starts(v, v + vn, images[k]))
				return A_PLAIN;
		return A_DROP; /* a link or a file that would leave the page */
	}
	/* CSS that could name a file without url(...), or hide one behind escapes */
	if (memchr(v, '\\', vn) || has_str(v, vn, "image-set(") || has_str(v, vn, "image(") || has_str(v, vn, "src(") ||
	    has_str(v, vn, "expression("))
		return A_DROP;
	if (n == 2 && strncasecmp(name, "id", 2) == 0)
		return A_ID;
	return A_PLAIN;
}

/* One start tag (p at '<', end just past its '>'), written again for
 * element el: ids and #references prefixed, what attr_kind refuses left
 * out, the label on the root. 1 if it closes itself ("/>"). */
static int copy_tag(cleaner *c, int el, const char *p, const char *end, int root)
{
	const char *q = p + 1;
	while (q < end && !is_space(*q) && *q != '/' && *q != '>')
		q++;
	ae_buf_addc(c->out, '<');
	ae_buf_puts(c->out, elements[el]);
	ae_buf v;
	ae_buf_init(&v);
	int self_closing = 0;
	const char *last = end - 1; /* the '>' */
	for (;;) {
		const char *ws = q;
		while (q < last && is_space(*q))
			q++;
		if (q >= last)
			break;
		if (*q == '/') { /* "/>" ends the tag; a '/' anywhere else is nothing, as in HTML */
			if (q + 1 == last) {
				self_closing = 1;
				break;
			}
			q++;
			continue;
		}
		const char *name = q;
		q++; /* a name may start with '=' in HTML; it is refused below */
		while (q < last && !is_space(*q) && *q != '=' && *q != '/' && *q != '>')
			q++;
		size_t nlen = (size_t)(q - name);
		const char *val = NULL, *vend = NULL;
		char quote = '"';
		/* gnuplot writes some attributes as fill = 'rgb(...)': blanks around '=' */
		const char *eq = q;
		while (eq < last && is_space(*eq))
			eq++;
		if (eq < last && *eq == '=') {
			q = eq + 1;
			while (q < last && is_space(*q))
				q++;
			if (q < last && (*q == '"' || *q == '\'')) {
				quote = *q++;
				val = q;
				while (q < last && *q != quote)
					q++;
				vend = q;
				if (q < last)
					q++;
			} else {
				val = q;
				while (q < last && !is_space(*q))
					q++;
				vend = q;
			}
		}
		if (val)
			decode(&v, val, vend);
		else
			v.len = 0;
		int kind = attr_kind(name, nlen, el, v.data ? v.data : "", v.len);
		if (kind == A_DROP)
			continue;
		if (name > ws)
			ae_buf_add(c->out, ws, (size_t)(name - ws));
		else
			ae_buf_addc(c->out, ' '); /* a="1"b="2": HTML reads two attributes, so do we */
		ae_buf_add(c->out, name, nlen);
		if (!val)
			continue;
		ae_buf_addc(c->out, '=');
		ae_buf_addc(c->out, quote);
		/* every value goes through put_urls, so no url( but url(#prefix... is written */
		const char *from = v.data ? v.data : "", *to = from + v.len;
		if (kind == A_HREF) {
			put(c, *from++, quote);
			put_all(c, c->prefix, c->prefix + strlen(c->prefix), quote);
		} else if (kind == A_ID) {
			put_all(c, c->prefix, c->prefix + strlen(c->prefix), quote);
		}
		put_urls(c, from, to, quote, 0);
		ae_buf_addc(c->out, quote);
	}
	ae_buf_release(&v);
	if (root && c->label) {
		ae_buf_add(c->out, " role=\"img\" aria-label=\"", 24);
		put_label(c, c->label);
		ae_buf_addc(c->out, '"');
	}
	ae_buf_puts(c->out, self_closing ? "/>" : ">");
	return self_closing;
}

/* ---- elements ---- */

static void close_to(cleaner *c, int depth)
{
	while (c->depth > depth) {
		int el = c->stack[--c->depth];
		ae_buf_add(c->out, "</", 2);
		ae_buf_puts(c->out, elements[el]);
		ae_buf_addc(c->out, '>');
		if (c->textonly > c->depth)
			c->textonly = 0;
	}
}

/* An end tag: closes the innermost open element of that name and any
 * inside it; one that closes nothing is left out. */
static void end_tag(cleaner *c, const char *name, size_t n)
{
	int el = element(name, n);
	if (el < 0)
		return;
	if (c->overflow) {
		c->overflow--;
		return;
	}
	int k = c->depth;
	while (k > 0 && c->stack[k - 1] != el)
		k--;
	if (k > 0 && (!c->textonly || k == c->textonly))
		close_to(c, k - 1);
}

/* Everything from the start tag at p (complete, ending at e; its name is
 * the n bytes after the '<') to the first end tag of that name (any case),
 * or to the end of the input: a script's text is never looked into. */
static const char *skip_element(const char *p, const char *e, const char *end, size_t n)
{
	if (e[-2] == '/')
		return e;
	for (const char *q = e; (q = find_str(q, end, "</")) < end; q += 2)
		if ((size_t)(end - q) > n + 2 && strncasecmp(q + 2, p + 1, n) == 0 &&
		    (is_space(q[n + 2]) || q[n + 2] == '>' || q[n + 2] == '/')) {
			int closed;
			return tag_end(q, end, &closed);
		}
	return end;
}

/* A start tag at p, complete, ending at e. */
static const char *start_tag(cleaner *c, const char *p, const char *e, const char *end)
{
	const char *name = p + 1, *q = name;
	while (q < e && !is_space(*q) && *q != '/' && *q != '>')
		q++;
	size_t n = (size_t)(q - name);
	const char *local = name; /* "svg:script" is a script too */
	for (const char *s = name; s < q; s++)
		if (*s == ':')
			local = s + 1;
	size_t ln = (size_t)(q - local);
	static const char *const whole[] = {"script", "style", "foreignObject"};
	for (size_t k = 0; k < 3; k++)
		if (ln == strlen(whole[k]) && strncasecmp(local, whole[k], ln) == 0)
			return skip_element(p, e, end, n);
	int el = element(name, n);
	if (el < 0 || c->textonly)
		return e; /* not SVG (HTML would leave the SVG for it), or markup inside title/desc */
	if (el == EL_TITLE && c->label && !c->titled) {
		/* the chart's own title, not gnuplot's "Gnuplot", for a tooltip */
		ae_buf_add(c->out, "<title>", 7);
		put_label(c, c->label);
		ae_buf_add(c->out, "</title>", 8);
		c->titled = 1;
		return skip_element(p, e, end, n);
	}
	if (c->depth == MAX_DEPTH) {
		c->overflow += !(e[-2] == '/');
		return e;
	}
	if (!copy_tag(c, el, p, e, c->depth == 0)) {
		c->stack[c->depth++] = el;
		if (el == EL_TITLE || el == EL_DESC)
			c->textonly = c->depth; /* HTML parses their content as HTML: text only */
	}
	return e;
}

void ae_svg_inline(ae_buf *out, const char *s, size_t n, const char *prefix, const char *label)
{
	cleaner c;
	memset(&c, 0, sizeof c);
	c.out = out;
	c.prefix = prefix ? prefix : "";
	c.label = label;
	const char *p = s, *end = s + n;
	while (p < end && !starts_tag(p, end, "svg"))
		p++;
	int started = 0;
	while (p < end && (!started || c.depth > 0)) {
		int closed = 1;
		const char *e;
		if (starts(p, end, "<!--")) {
			e = find_str(p, end, "-->");
			p = e < end ? e + 3 : end;
		} else if (starts(p, end, "<![CDATA[")) {
			e = find_str(p, end, "]]>");
			put_urls(&c, p + 9, e, 0, 1);
			p = e < end ? e + 3 : end;
		} else if (starts(p, end, "<?") || starts(p, end, "<!")) {
			p = tag_end(p, end, &closed);
		} else if (starts(p, end, "</")) {
			e = tag_end(p, end, &closed);
			const char *name = p + 2, *q = name;
			while (q < e && !is_space(*q) && *q != '/' && *q != '>')
				q++;
			if (closed && is_alpha(*name))
				end_tag(&c, name, (size_t)(q - name));
			p = e;
		} else if (*p == '<' && p + 1 < end && is_alpha(p[1])) {
			e = tag_end(p, end, &closed);
			if (closed) {
				p = start_tag(&c, p, e, end);
				started = 1;
			} else {
				p = end; /* a tag the input never finished */
			}
		} else if (*p == '<') {
			put(&c, '<', 0); /* not a tag: a '<' in the text */
			p++;
		} else {
			e = p;
			while (e < end && *e != '<')
				e++;
			put_urls(&c, p, e, 0, 0);
			p = e;
		}
	}
	close_to(&c, 0);
	ae_buf_addc(out, '\n');
}

/* The chart's name as an id prefix: letters, digits, '-' and '_' only. */
void ae_svg_id_prefix(char *out, size_t n, const char *name)
{
	size_t k = 0;
	for (; *name && k + 2 < n; name++) {
		unsigned char c = (unsigned char)*name;
		out[k++] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
					   c == '_'
				 ? (char)c
				 : '_';
	}
	out[k++] = '-';
	out[k] = '\0';
}
