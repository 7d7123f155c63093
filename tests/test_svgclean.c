/* test_svgclean.c — the chart SVG cleaner (svgclean.h) on hostile SVGs:
 * scripts, event handlers, external links and url(), xlink:href, style
 * elements, CDATA, HTML elements, unterminated tags, ids of two charts in
 * one page, empty input. Every output is also held to the fuzz target's
 * check (tests/fuzz/fuzz_svgclean.c, included below), and so is every
 * seed of its corpus, gnuplot's charts of the sample city among them. */
#include "testutil.h"
#include "svgclean.h"
#include "fuzz/fuzz_svgclean.c"
#include <dirent.h>

#define PREFIX "c1-"

/* The cleaned SVG of text (n bytes, or strlen when n is -1), checked. */
static char *clean_n(const char *text, long n, const char *prefix, const char *label)
{
	ae_buf out;
	ae_buf_init(&out);
	ae_svg_inline(&out, text, n < 0 ? strlen(text) : (size_t)n, prefix, label);
	const char *why = "";
	if (!svg_clean_ok(out.data, out.len, prefix, &why))
		fail_msg("%s in the output:\n%.*s", why, (int)out.len, out.data);
	ae_buf_addc(&out, '\0');
	return out.data;
}

static char *clean(const char *text) { return clean_n(text, -1, PREFIX, "Label"); }

static void expect(const char *in, const char *want)
{
	char *got = clean(in);
	if (strcmp(got, want) != 0)
		fail_msg("for   %s\n got  %s want %s", in, got, want);
	free(got);
}

static void test_empty_and_no_svg(void **state)
{
	(void)state;
	expect("", "\n");
	expect("<?xml version=\"1.0\"?><html><p>no chart</p></html>", "\n");
	expect("<svg", "\n"); /* a root never finished */
	expect("<svg width='1'", "\n");
	expect("<svg/>", "<svg role=\"img\" aria-label=\"Label\"/>\n");
	/* no label: no role, and the first title stays the input's */
	char *s = clean_n("<svg><title>Gnuplot</title></svg>", -1, PREFIX, NULL);
	assert_string_equal(s, "<svg><title>Gnuplot</title></svg>\n");
	free(s);
	/* what comes before the root and after it is left out */
	expect("junk <b>x</b><svg>in</svg><script>alert(1)</script> after",
	       "<svg role=\"img\" aria-label=\"Label\">in</svg>\n");
}

static void test_gnuplot_chart(void **state)
{
	(void)state;
	/* gnuplot's shape: prolog, DOCTYPE, comment, ids in both quote styles,
	 * references to them, blanks around '=', a title to replace */
	expect("<?xml version=\"1.0\" encoding=\"utf-8\"  standalone=\"no\"?>\n"
	       "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
	       "<svg \n width=\"600\" height=\"400\"\n viewBox=\"0 0 600 400\"\n xmlns=\"http://www.w3.org/2000/svg\"\n"
	       " xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n>\n\n"
	       "<title>Gnuplot</title>\n<desc>Produced by GNUPLOT 5.4 patchlevel 4 </desc>\n\n"
	       "<g id=\"gnuplot_canvas\">\n<defs>\n\t<path id='gpPt0' stroke-width='0.222' d='M-1,0 h2 M0,-1 v2'/>\n"
	       "\t<use xlink:href='#gpPt0' id='gpPt6' fill='currentColor'/>\n"
	       "\t<filter id='textbox' filterUnits='objectBoundingBox' x='0' y='0' height='1' width='1'>\n"
	       "\t  <feFlood flood-color='#FFFFFF' flood-opacity='1' result='bgnd'/>\n\t</filter>\n</defs>\n"
	       "<g fill=\"none\" color=\"white\" stroke=\"currentColor\" stroke-width=\"1.00\" >\n"
	       "\t<g id=\"gnuplot_plot_1\" ><title>Reads &amp; hits</title>\n"
	       "\t\t<polygon fill = 'rgb(  0, 114, 178)' fill-opacity = '0.85' points = '1,2 3,4 5,6 '/>\n"
	       "<text filter=\"url(#textbox)\"><tspan font-family=\"Arial\" > 5 > 0 </tspan></text>\n"
	       "\t</g>\n</g>\n</g>\n</svg>\n\n",
	       "<svg \n width=\"600\" height=\"400\"\n viewBox=\"0 0 600 400\"\n xmlns=\"http://www.w3.org/2000/svg\"\n"
	       " xmlns:xlink=\"http://www.w3.org/1999/xlink\" role=\"img\" aria-label=\"Label\">\n\n"
	       "<title>Label</title>\n<desc>Produced by GNUPLOT 5.4 patchlevel 4 </desc>\n\n"
	       "<g id=\"c1-gnuplot_canvas\">\n<defs>\n\t<path id='c1-gpPt0' stroke-width='0.222' d='M-1,0 h2 M0,-1 v2'/>\n"
	       "\t<use xlink:href='#c1-gpPt0' id='c1-gpPt6' fill='currentColor'/>\n"
	       "\t<filter id='c1-textbox' filterUnits='objectBoundingBox' x='0' y='0' height='1' width='1'>\n"
	       "\t  <feFlood flood-color='#FFFFFF' flood-opacity='1' result='bgnd'/>\n\t</filter>\n</defs>\n"
	       "<g fill=\"none\" color=\"white\" stroke=\"currentColor\" stroke-width=\"1.00\">\n"
	       "\t<g id=\"c1-gnuplot_plot_1\"><title>Reads &amp; hits</title>\n"
	       "\t\t<polygon fill='rgb(  0, 114, 178)' fill-opacity='0.85' points='1,2 3,4 5,6 '/>\n"
	       "<text filter=\"url(#c1-textbox)\"><tspan font-family=\"Arial\"> 5 > 0 </tspan></text>\n"
	       "\t</g>\n</g>\n</g>\n</svg>\n");
}

static void test_script_elements(void **state)
{
	(void)state;
	expect("<svg><script type=\"text/javascript\"><![CDATA[ var x = '</g>'; ]]></script><g>kept</g></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><g>kept</g></svg>\n");
	expect("<svg><SCRIPT>alert(1)</SCRIPT><Script src='x.js'/><svg:script>alert(2)</svg:script>k</svg>",
	       "<svg role=\"img\" aria-label=\"Label\">k</svg>\n");
	/* a script never closed takes the rest with it: its text is never read as markup */
	expect("<svg><g>a<script>alert(1)</g><text>b</text></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><g>a</g></svg>\n");
	/* a tag whose name runs into "<script" is no element at all */
	expect("<svg><g<script>alert(1)</g></svg>", "<svg role=\"img\" aria-label=\"Label\">alert(1)</svg>\n");
}

static void test_event_handlers(void **state)
{
	(void)state;
	expect("<svg onload=\"alert(1)\" ONLOAD='2' width=\"1\"><rect onclick = \"x\" xlink:onmouseover=\"y\" x=\"1\"/></svg>",
	       "<svg width=\"1\" role=\"img\" aria-label=\"Label\"><rect x=\"1\"/></svg>\n");
	/* a '/' in a tag is nothing (HTML reads on past it): the handler behind it goes too */
	expect("<svg><g / onload=alert(1)>a</g><g/onfocus=alert(2)>b</g></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><g>a</g><g>b</g></svg>\n");
	/* a quote in an unquoted value cannot start another attribute */
	expect("<svg><g a=x\"onclick=\"alert(1)>c</g></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><g a=\"x&quot;onclick=&quot;alert(1)\">c</g></svg>\n");
	/* nor can two attributes run together */
	expect("<svg><g a='1'b='2'>d</g></svg>", "<svg role=\"img\" aria-label=\"Label\"><g a='1' b='2'>d</g></svg>\n");
	expect("<svg><g =onload=x \"q\"=1 a<b=2>e</g></svg>", "<svg role=\"img\" aria-label=\"Label\"><g>e</g></svg>\n");
}

static void test_external_links(void **state)
{
	(void)state;
	expect("<svg><defs><path id=\"p\"/></defs>"
	       "<use href=\"#p\"/><use xlink:href='#p'/><use HREF=\"http://example.org/s.svg#a\"/>"
	       "<use xlink:href=\"https://example.org/s.svg#a\"/><use href=\" #p\"/><use href=\"#\"/></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><defs><path id=\"c1-p\"/></defs>"
	       "<use href=\"#c1-p\"/><use xlink:href='#c1-p'/><use/><use/><use/><use/></svg>\n");
	/* javascript: in any spelling; entities are decoded before the check */
	expect("<svg><use href=\"javascript:alert(1)\"/><use xlink:href=\"JaVaScRiPt:alert(2)\"/>"
	       "<use href=\"java&#115;cript:alert(3)\"/><use href=\"&#x6a;avascript&#58;alert(4)\"/></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><use/><use/><use/><use/></svg>\n");
	/* links are dropped, their text kept; a raster data: image stays, anything else data: goes */
	expect("<svg><a xlink:href=\"http://example.org/\"><text>link</text></a>"
	       "<image href=\"data:image/png;base64,iVBORw0KGgo=\" width=\"1\"/><image xlink:href=\"photo.png\"/>"
	       "<image href=\"data:image/svg+xml,&lt;svg onload=alert(1)&gt;\"/><use href=\"data:image/png;base64,AA\"/>"
	       "<g xml:base=\"http://example.org/\" dhref=\"http://x\" xlink:foo:href=\"#p\"/>"
	       "<feImage href=\"data:image/gif;base64,AA\"/></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><text>link</text>"
	       "<image href=\"data:image/png;base64,iVBORw0KGgo=\" width=\"1\"/><image/><image/><use/><g/>"
	       "<feImage href=\"data:image/gif;base64,AA\"/></svg>\n");
}

static void test_urls(void **state)
{
	(void)state;
	expect("<svg><rect fill=\"url(#g)\" filter=\"url('#f')\" mask='url(\"#m\")' clip-path=\"URL(#c)\"/></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><rect fill=\"url(#c1-g)\" filter=\"url('#c1-f')\" "
	       "mask='url(&quot;#c1-m&quot;)' clip-path=\"URL(#c1-c)\"/></svg>\n");
	/* any other url(...), whatever its case or spelling, loads nothing */
	expect("<svg><rect style=\"fill:url(https://example.org/p.svg#pat)\" fill=\"URL(http://x/p.png)\" "
	       "stroke=\"u&#114;l(http://x/q.png)\" cursor=\"url( 'http://x/c.cur' ), auto\" marker-end=\"url(x.svg#m\"/></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><rect style=\"fill:none\" fill=\"none\" stroke=\"none\" "
	       "cursor=\"none, auto\" marker-end=\"none\"/></svg>\n");
	/* CSS that could name a file another way is dropped whole */
	expect("<svg><rect style=\"background:\\75 rl(http://x/p.png)\" "
	       "a=\"background-image:image-set('http://x/p.png' 1x)\" b=\"-webkit-image-set('p.png' 1x)\" "
	       "c=\"image('p.png')\" d=\"src('p.png')\" e=\"&#92;75rl(x)\" width=\"1\"/></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><rect width=\"1\"/></svg>\n");
}

static void test_style_elements(void **state)
{
	(void)state;
	expect("<svg><style>@import url(https://x/a.css); svg { background: url(https://x/bg.png) }</style>"
	       "<STYLE type=\"text/css\">g{}</STYLE><style/><g>k</g></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><g>k</g></svg>\n");
	/* a style never closed: the rest would have restyled the page, so it goes */
	expect("<svg><g>a</g><style>svg{} <g>b</g></svg>", "<svg role=\"img\" aria-label=\"Label\"><g>a</g></svg>\n");
}

static void test_cdata_and_comments(void **state)
{
	(void)state;
	/* CDATA is text: written escaped, so its markup stays text */
	expect("<svg><text><![CDATA[<script>alert(1)</script> & a > b]]></text></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><text>&lt;script&gt;alert(1)&lt;/script&gt; &amp; a &gt; b"
	       "</text></svg>\n");
	expect("<svg><text><![CDATA[never closed</text></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><text>never closed&lt;/text&gt;&lt;/svg&gt;</text></svg>\n");
	expect("<svg><!-- <script>alert(1)</script> -->a<!----><?pi x?><!DOCTYPE x>b<!-- never closed <g>",
	       "<svg role=\"img\" aria-label=\"Label\">ab</svg>\n");
}

static void test_html_elements(void **state)
{
	(void)state;
	/* HTML inside SVG would end the SVG: the element goes, its text stays */
	expect("<svg><img src=\"http://x/p.png\"><p>para</p><iframe src=\"http://x/\"></iframe>"
	       "<embed src=\"x\"/><math><mi>m</mi></math></svg>",
	       "<svg role=\"img\" aria-label=\"Label\">param</svg>\n");
	/* foreignObject holds HTML: it goes whole */
	expect("<svg><foreignObject><iframe src=\"http://x/\"></iframe><b>x</b></foreignObject>k</svg>",
	       "<svg role=\"img\" aria-label=\"Label\">k</svg>\n");
	/* animation could set an href to javascript: */
	expect("<svg><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/>"
	       "<animate attributeName=\"xlink:href\" values=\"javascript:alert(2)\"/><text>t</text></a></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><text>t</text></svg>\n");
	/* HTML parses title and desc as HTML: only their text is kept */
	expect("<svg><title>first</title><desc><img src=x onerror=alert(1)>d<style>x{}</style></desc>"
	       "<title><b>bold</b> t</title></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><title>Label</title><desc>d</desc><title>bold t</title></svg>\n");
	expect("<svg><noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>n</svg>",
	       "<svg role=\"img\" aria-label=\"Label\">n</svg>\n");
}

static void test_unterminated(void **state)
{
	(void)state;
	/* open elements are closed, an unfinished tag is left out */
	expect("<svg><g><text>hi", "<svg role=\"img\" aria-label=\"Label\"><g><text>hi</text></g></svg>\n");
	expect("<svg><g id=\"a\"><rect width=\"1", "<svg role=\"img\" aria-label=\"Label\"><g id=\"c1-a\"></g></svg>\n");
	expect("<svg><g><text x=\"1>quote never closed</text></g></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><g></g></svg>\n");
	/* end tags close what is open, and nothing else */
	expect("<svg><g><text>a</g>b</text></svg>c</g>",
	       "<svg role=\"img\" aria-label=\"Label\"><g><text>a</text></g>b</svg>\n");
	expect("<svg></p></br></ g></>x</svg>", "<svg role=\"img\" aria-label=\"Label\">x</svg>\n");
	expect("<svg>a < b <3 c</svg>", "<svg role=\"img\" aria-label=\"Label\">a &lt; b &lt;3 c</svg>\n");
	/* nesting past the limit is flattened, still balanced */
	ae_buf deep;
	ae_buf_init(&deep);
	ae_buf_puts(&deep, "<svg>");
	for (int i = 0; i < 400; i++)
		ae_buf_puts(&deep, "<g>");
	ae_buf_puts(&deep, "deep");
	for (int i = 0; i < 400; i++)
		ae_buf_puts(&deep, "</g>");
	ae_buf_puts(&deep, "<text>after</text></svg>");
	char *s = clean_n(deep.data, (long)deep.len, PREFIX, NULL);
	assert_non_null(strstr(s, "deep</g>"));
	assert_non_null(strstr(s, "</g><text>after</text></svg>\n"));
	free(s);
	ae_buf_release(&deep);
}

static void test_text_and_labels(void **state)
{
	(void)state;
	/* no NUL, no javascript: and no href="... in any text */
	const char nul[] = "<svg><text id=\"a\0b\">x\0y javascript: JAVASCRIPT: href=\"http://x\"</text></svg>";
	char *s = clean_n(nul, (long)sizeof nul - 1, PREFIX, NULL);
	assert_string_equal(s, "<svg><text id=\"c1-a\xef\xbf\xbd"
			       "b\">x\xef\xbf\xbdy javascript&#58; JAVASCRIPT&#58; "
			       "href=&quot;http://x&quot;</text></svg>\n");
	free(s);
	/* javascript: put together from pieces the cleaner joins */
	expect("<svg><text>javas<!-- -->cript<b>:</b></text></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><text>javascript&#58;</text></svg>\n");
	/* the label is plain text, escaped in the attribute and in the title */
	s = clean_n("<svg><title>t</title></svg>", -1, PREFIX, "A <b> & \"c\" 'd' javascript:\n");
	assert_string_equal(s, "<svg role=\"img\" aria-label=\"A &lt;b&gt; &amp; &quot;c&quot; 'd' javascript&#58; \">"
			       "<title>A &lt;b&gt; &amp; &quot;c&quot; 'd' javascript&#58; </title></svg>\n");
	free(s);
	/* values are written decoded and escaped again: a bare '&' too */
	expect("<svg><text font-family=\"A &amp; B &lt;C&gt; &copy; &#65;\">x</text></svg>",
	       "<svg role=\"img\" aria-label=\"Label\"><text font-family=\"A &amp; B &lt;C&gt; &amp;copy; A\">x</text></svg>\n");
}

/* Two charts from the same SVG in one page: no id twice, every reference
 * to an id of its own chart. */
static void test_ids_of_two_charts(void **state)
{
	(void)state;
	static const char *const svg = "<svg><defs><path id='dot'/><filter id=\"tb\"/></defs>"
				       "<use xlink:href='#dot'/><text filter=\"url(#tb)\">x</text></svg>";
	char *a = clean_n(svg, -1, "funnel-", "Funnel"), *b = clean_n(svg, -1, "map-", "Map");
	assert_non_null(strstr(a, "id='funnel-dot'"));
	assert_non_null(strstr(a, "xlink:href='#funnel-dot'"));
	assert_non_null(strstr(a, "url(#funnel-tb)"));
	assert_non_null(strstr(b, "id='map-dot'"));
	assert_non_null(strstr(b, "xlink:href='#map-dot'"));
	assert_non_null(strstr(b, "url(#map-tb)"));
	assert_null(strstr(a, "map-"));
	assert_null(strstr(b, "funnel-"));
	free(a);
	free(b);
}

static void test_id_prefix(void **state)
{
	(void)state;
	char p[32];
	ae_svg_id_prefix(p, sizeof p, "hit_rate-camera");
	assert_string_equal(p, "hit_rate-camera-");
	ae_svg_id_prefix(p, sizeof p, "a b\"<c>\xc3\xa9");
	assert_string_equal(p, "a_b__c___-");
	ae_svg_id_prefix(p, 6, "abcdefgh"); /* cut to fit, the '-' kept */
	assert_string_equal(p, "abcd-");
	ae_svg_id_prefix(p, sizeof p, "");
	assert_string_equal(p, "-");
}

/* The fuzz target's seeds, gnuplot's charts of the sample city among them,
 * pass its check; the gnuplot ones keep every element. */
static void test_seed_corpus(void **state)
{
	(void)state;
	const char *dir = "tests/fuzz/corpus/fuzz_svgclean";
	DIR *d = opendir(dir);
	if (!d)
		fail_msg("%s: cannot open (run from the repository root)", dir);
	int seeds = 0, gnuplot = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		size_t n;
		char *text = slurp_file(path, &n);
		assert_non_null(text);
		char *out = clean_n(text, (long)n, PREFIX, "Label");
		if (strncmp(e->d_name, "sample-city-", 12) == 0) {
			/* as many elements out as in: nothing of gnuplot's is lost */
			size_t in_tags = 0, out_tags = 0;
			for (const char *p = text; (p = strstr(p, "<g")); p++)
				in_tags++;
			for (const char *p = out; (p = strstr(p, "<g")); p++)
				out_tags++;
			assert_true(in_tags > 10);
			assert_int_equal(in_tags, out_tags);
			assert_non_null(strstr(out, "<title>Label</title>"));
			gnuplot++;
		}
		assert_int_equal(LLVMFuzzerTestOneInput((const uint8_t *)text, n), 0);
		free(out);
		free(text);
		seeds++;
	}
	closedir(d);
	assert_true(gnuplot >= 11);
	assert_true(seeds >= gnuplot + 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_no_svg), cmocka_unit_test(test_gnuplot_chart),
		cmocka_unit_test(test_script_elements),  cmocka_unit_test(test_event_handlers),
		cmocka_unit_test(test_external_links),   cmocka_unit_test(test_urls),
		cmocka_unit_test(test_style_elements),   cmocka_unit_test(test_cdata_and_comments),
		cmocka_unit_test(test_html_elements),    cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_text_and_labels),  cmocka_unit_test(test_ids_of_two_charts),
		cmocka_unit_test(test_id_prefix),        cmocka_unit_test(test_seed_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
