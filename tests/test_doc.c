/* test_doc.c — the document written as HTML and Markdown side by side
 * (doc.h): escaping for each, code spans whatever their backticks, tables
 * and their cells, paragraphs, and the edges (a long formatted line, a
 * cell past a table's columns). */
#include "testutil.h"
#include "doc.h"

static char *escaped(void (*fn)(ae_buf *, const char *), const char *s)
{
	ae_buf b;
	ae_buf_init(&b);
	fn(&b, s);
	ae_buf_addc(&b, '\0');
	return b.data;
}

static char *code_span(const char *s, int cell)
{
	ae_buf b;
	ae_buf_init(&b);
	ae_md_code(&b, s, cell);
	ae_buf_addc(&b, '\0');
	return b.data;
}

static void test_escaping(void **state)
{
	(void)state;
	char *s = escaped(ae_html_text, "<a href=\"x\">&\x01\x7f</a>");
	assert_string_equal(s, "&lt;a href=&quot;x&quot;&gt;&amp;  &lt;/a&gt;");
	free(s);
	s = escaped(ae_md_text, "*a_b* [c](d) <e> & ~f~ | #g \\ `h`\nnext");
	assert_string_equal(s, "\\*a\\_b\\* \\[c\\](d) \\<e\\> \\& \\~f\\~ \\| \\#g \\\\ \\`h\\` next");
	free(s);
	/* code spans: a fence longer than any run of backticks inside */
	s = code_span("plain", 0);
	assert_string_equal(s, "`plain`");
	free(s);
	s = code_span("a`b``c", 0);
	assert_string_equal(s, "```a`b``c```");
	free(s);
	s = code_span("`x`", 0);
	assert_string_equal(s, "`` `x` ``");
	free(s);
	/* in a table cell '|' would end the cell, even inside code */
	s = code_span("a|b\n", 1);
	assert_string_equal(s, "`a\\|b `");
	free(s);
	s = code_span("a|b", 0);
	assert_string_equal(s, "`a|b`");
	free(s);
}

static void test_side_by_side(void **state)
{
	(void)state;
	ae_doc d;
	ae_doc_init(&d);
	ae_doc_section_open(&d, "s\"1", "One & two");
	ae_doc_h3(&d, "Sub <h>");
	ae_doc_para(&d);
	ae_doc_put(&d, "Text *here*   ");
	ae_doc_code(&d, "x<y`z");
	ae_doc_put(&d, " ");
	ae_doc_para_end(&d); /* trailing blanks trimmed in both */
	ae_doc_list(&d);
	ae_doc_item(&d);
	ae_doc_putf(&d, "%d items, %s", 2, "<b>");
	ae_doc_item_end(&d);
	ae_doc_list_end(&d);
	ae_doc_raw(&d, "<hr>\n", NULL);
	ae_doc_raw(&d, NULL, "---\n");
	ae_doc_section_close(&d);
	ae_buf_addc(&d.html, '\0');
	ae_buf_addc(&d.md, '\0');
	assert_string_equal(d.html.data,
			    "<section id=\"s&quot;1\" class=\"major\">\n<h2>One &amp; two</h2>\n<h3>Sub &lt;h&gt;</h3>\n"
			    "<p>Text *here*   <code>x&lt;y`z</code></p>\n<ul>\n<li>2 items, &lt;b&gt;</li>\n</ul>\n"
			    "<hr>\n</section>\n");
	assert_string_equal(d.md.data, "## One \\& two\n\n### Sub \\<h\\>\n\nText \\*here\\*   ``x<y`z``\n\n"
				       "- 2 items, \\<b\\>\n\n---\n");
	ae_doc_release(&d);
	assert_null(d.html.data);
}

static void test_tables(void **state)
{
	(void)state;
	static const char *const heads[] = {"Name", "N"};
	ae_doc d;
	ae_doc_init(&d);
	ae_doc_table_open(&d, "lr", heads);
	ae_doc_row_open(&d);
	ae_doc_cell_text(&d, "x|y");
	ae_doc_cell(&d);
	ae_doc_code(&d, "a|b");
	ae_doc_cell_end(&d);
	ae_doc_cell_text(&d, "past the columns"); /* left-aligned, not read past "lr" */
	ae_doc_row_end(&d);
	ae_doc_table_close(&d);
	ae_doc_code(&d, "a|b"); /* outside a cell '|' stays */
	ae_buf_addc(&d.html, '\0');
	ae_buf_addc(&d.md, '\0');
	assert_string_equal(d.html.data,
			    "<table>\n<thead><tr><th>Name</th><th class=\"num\">N</th></tr></thead>\n<tbody>\n"
			    "<tr><td>x|y</td><td class=\"num\"><code>a|b</code></td><td>past the columns</td></tr>\n"
			    "</tbody>\n</table>\n<code>a|b</code>");
	assert_string_equal(d.md.data, "| Name | N |\n|---|---:|\n| x\\|y | `a\\|b` | past the columns |\n\n`a|b`");
	ae_doc_release(&d);
}

static void test_long_putf(void **state)
{
	(void)state;
	char *long_name = malloc(3001);
	memset(long_name, 'n', 3000);
	long_name[3000] = '\0';
	ae_doc d;
	ae_doc_init(&d);
	ae_doc_putf(&d, "[%s]", long_name); /* longer than putf's 1 KB buffer: printed whole */
	assert_int_equal(d.html.len, 3002);
	assert_int_equal(d.md.len, 3004); /* the brackets escaped */
	assert_int_equal(d.html.data[3001], ']');
	ae_doc_putf(&d, "%s", "");
	assert_int_equal(d.html.len, 3002);
	ae_doc_release(&d);
	free(long_name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_side_by_side),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_long_putf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
