/* test_gov_classify.c — the governance classifications (gov_classify.h):
 * every search reason class and its edges (whitespace, case, non-ASCII),
 * flag terms at word boundaries, organizations by the shipped rules file
 * (classes, immigration and inactive flags, the deciding rule line), errors
 * of a rules file, and the fixture rows that tests/reference/gov_ref.py
 * checks too (tests/data/gov/). */
#include "testutil.h"
#include "gov_classify.h"

#define RULES_FILE "analysis/organization-rules.txt"

static void reason_is(const char *s, int want)
{
	int got = ae_reason_class(s, strlen(s));
	if (got != want)
		fail_msg("class('%s') = %s, want %s", s, ae_reason_class_names[got], ae_reason_class_names[want]);
}

static void test_reason_classes(void **state)
{
	(void)state;
	assert_string_equal(ae_reason_class_names[RS_BLANK], "blank");
	assert_string_equal(ae_reason_class_names[RS_CASE_NUMBER_ONLY], "case_number_only");
	assert_string_equal(ae_reason_class_names[RS_VAGUE], "vague");
	assert_string_equal(ae_reason_class_names[RS_GENERIC_INVESTIGATION], "generic_investigation");
	assert_string_equal(ae_reason_class_names[RS_SUBSTANTIVE], "substantive");
	assert_int_equal(ae_reason_class(NULL, 0), RS_BLANK);
	reason_is("", RS_BLANK);
	reason_is(" \t\r\n", RS_BLANK);
	reason_is("2025-00123", RS_CASE_NUMBER_ONLY);
	reason_is("CR-25-114 / 25-2231", RS_CASE_NUMBER_ONLY);
	reason_is("#2025-4411", RS_CASE_NUMBER_ONLY);
	reason_is("  CR2025-114\t", RS_CASE_NUMBER_ONLY);
	reason_is("7", RS_CASE_NUMBER_ONLY);    /* before the length rule: first match wins */
	reason_is("CR-ABC", RS_SUBSTANTIVE);    /* no digit at all */
	reason_is("case 25-1", RS_SUBSTANTIVE); /* "case" is a word, not a code */
	reason_is("25-1, 25-2", RS_SUBSTANTIVE);
	reason_is("N/A", RS_VAGUE);
	reason_is("look  up", RS_VAGUE);
	reason_is(" Follow\tUp ", RS_VAGUE);
	reason_is("a", RS_VAGUE);
	reason_is("??", RS_VAGUE);
	reason_is("\xc3\xa9\xc3\xa9", RS_VAGUE); /* two characters, four bytes */
	reason_is("a  b", RS_SUBSTANTIVE);       /* three characters once collapsed */
	reason_is("chk", RS_SUBSTANTIVE);        /* three letters, not in the list */
	reason_is("ni\xc3\xb1o", RS_SUBSTANTIVE);
	reason_is("investigation", RS_GENERIC_INVESTIGATION);
	reason_is("Criminal  Investigation", RS_GENERIC_INVESTIGATION);
	reason_is("INV", RS_GENERIC_INVESTIGATION);
	reason_is("stolen vehicle investigation", RS_SUBSTANTIVE);
	reason_is("investigation.", RS_SUBSTANTIVE);
	/* n bytes, not NUL-terminated: the tail past n is not read */
	assert_int_equal(ae_reason_class("checkpoint", 5), RS_VAGUE);
	assert_int_equal(ae_reason_class("25-1 theft", 4), RS_CASE_NUMBER_ONLY);
}

static int flag(const char *s)
{
	size_t n = 0;
	while (ae_flag_terms_default[n])
		n++;
	return ae_reason_flagged(s, strlen(s), ae_flag_terms_default, n);
}

static void test_flag_terms(void **state)
{
	(void)state;
	assert_int_equal(flag("ICE request"), 1);
	assert_int_equal(flag("per ice."), 1);
	assert_int_equal(flag("police"), 0);
	assert_int_equal(flag("notice"), 0);
	assert_int_equal(flag("Justice"), 0);
	assert_int_equal(flag("iced"), 0);
	assert_int_equal(flag("Deported"), 1);
	assert_int_equal(flag("deportation case"), 1);
	assert_int_equal(flag("redeport"), 0); /* a prefix still starts at a word */
	assert_int_equal(flag("Border  Patrol"), 1);
	assert_int_equal(flag("border\tpatrol assist"), 1);
	assert_int_equal(flag("BorderPatrol"), 0);
	assert_int_equal(flag("immigrant"), 1);
	assert_int_equal(flag(""), 0);
	/* one term, by hand; a term's own blanks and case do not matter */
	assert_int_equal(ae_term_match("[Federal] U.S. Border Patrol", 28, "[federal]"), 1);
	assert_int_equal(ae_term_match("x[Federal]y", 11, "[Federal]"), 1); /* punctuation: literal */
	assert_int_equal(ae_term_match("Pima SO (Dead/Old)", 18, "(dead/old)"), 1);
	assert_int_equal(ae_term_match("Border Patrol", 13, "  border   patrol "), 1);
	assert_int_equal(ae_term_match("anything", 8, "*"), 0);
	assert_int_equal(ae_term_match("anything", 8, "   "), 0);
	assert_int_equal(ae_term_match("ICE", 2, "ICE"), 0); /* only n bytes */
	const char *const terms[] = {"abortion", "ICE"};
	assert_int_equal(ae_reason_flagged("Abortion clinic", 15, terms, 2), 1);
	assert_int_equal(ae_reason_flagged("Abortion clinic", 15, terms, 0), 0);
	assert_int_equal(ae_reason_flagged("ICE", 3, NULL, 2), 0);
}

static ae_orgrules *shipped(void)
{
	ae_orgrules *r = NULL;
	char err[512] = "";
	if (ae_orgrules_load(RULES_FILE, &r, err, sizeof err) != 0)
		fail_msg("%s", err);
	return r;
}

/* The 1-based line of the rule "cls<TAB>pat" in the shipped file. */
static int rule_line(const char *cls, const char *pat)
{
	char *text = slurp_file(RULES_FILE, NULL);
	assert_non_null(text);
	char want[256];
	snprintf(want, sizeof want, "%s\t%s", cls, pat);
	int line = 1, found = 0;
	for (char *p = text; *p; line++) {
		char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == strlen(want) && strncmp(p, want, len) == 0) {
			found = line;
			break;
		}
		p = e ? e + 1 : p + len;
	}
	free(text);
	if (!found)
		fail_msg("no rule '%s' in %s", want, RULES_FILE);
	return found;
}

static void org_is(const ae_orgrules *r, const char *name, const char *st, const char *home, int cls, int imm,
		   int inactive, const char *state, int line)
{
	ae_orgclass c;
	if (ae_org_classify(r, name, strlen(name), st, home, &c) != 0)
		fail_msg("classify('%s') failed", name);
	if (c.cls != cls || c.immigration != imm || c.inactive != inactive || strcmp(c.state, state) != 0 ||
	    c.rule_line != line)
		fail_msg("'%s' (%s, %s): %s imm %d inactive %d state '%s' line %d; want %s %d %d '%s' %d", name,
			 st ? st : "-", home ? home : "-", ae_org_class_names[c.cls], c.immigration, c.inactive,
			 c.state, c.rule_line, ae_org_class_names[cls], imm, inactive, state, line);
}

static void test_org_shipped_rules(void **state)
{
	(void)state;
	ae_orgrules *r = shipped();
	assert_true(ae_orgrules_count(r) > 50);
	int bp = rule_line("immigration", "Border Patrol"), hs = rule_line("immigration", "Homeland Security");
	int fed = rule_line("federal", "[Federal]"), fedp = rule_line("federal", "(Federal)");
	int police = rule_line("public", "police"), sheriff = rule_line("public", "sheriff*");
	/* immigration before federal: the [Federal] tag is not what decides */
	org_is(r, "[Federal] U.S. Border Patrol", NULL, "CA", ORG_FEDERAL, 1, 0, "", bp);
	org_is(r, "[Federal] Homeland Security Investigations", "", "CA", ORG_FEDERAL, 1, 0, "", hs);
	org_is(r, "[Federal] ICE ERO San Francisco", "", "CA", ORG_FEDERAL, 1, 0, "", rule_line("immigration", "ICE"));
	org_is(r, "[Federal] US Border Patrol [Inactive]", "", "WA", ORG_FEDERAL, 1, 1, "", bp);
	org_is(r, "[Federal] US Postal Inspection Service", "", "AR", ORG_FEDERAL, 0, 0, "", fed);
	org_is(r, "[Federal] Wright Patterson OH Air Force Base", "", "OH", ORG_FEDERAL, 0, 0, "", fed);
	org_is(r, "Fort Bliss Army CID (Federal)", "", "TX", ORG_FEDERAL, 0, 0, "", fedp);
	org_is(r, "FBI Little Rock Field Office", "", "AR", ORG_FEDERAL, 0, 0, "", rule_line("federal", "FBI"));
	org_is(r, "US Marshals Service - Western District TX", "", "TX", ORG_FEDERAL, 0, 0, "TX",
	       rule_line("federal", "US Marshal*"));
	/* states: column, (ST), ST - prefix, a capital token, a full name */
	org_is(r, "Bakersfield CA PD", NULL, "CA", ORG_IN_STATE, 0, 0, "CA", 0);
	org_is(r, "Canton GA PD", NULL, "AR", ORG_OUT_OF_STATE, 0, 0, "GA", 0);
	org_is(r, "Escambia County FL SO", NULL, "Arkansas", ORG_OUT_OF_STATE, 0, 0, "FL", 0);
	org_is(r, "Kansas City MO PD", NULL, "KS", ORG_OUT_OF_STATE, 0, 0, "MO", 0);
	org_is(r, "Texas DPS", NULL, "tx", ORG_IN_STATE, 0, 0, "TX", 0);
	org_is(r, "West Virginia State Police", NULL, "VA", ORG_OUT_OF_STATE, 0, 0, "WV", 0);
	org_is(r, "Los Angeles County Sheriff's Department (CA)", NULL, "CA", ORG_IN_STATE, 0, 0, "CA", 0);
	org_is(r, "TX - Harris County SO", NULL, "TX", ORG_IN_STATE, 0, 0, "TX", 0);
	org_is(r, "Harris County Sheriff's Office", "Texas", "CA", ORG_OUT_OF_STATE, 0, 0, "TX", 0);
	org_is(r, "Harris County Sheriff's Office", " tx ", "TX", ORG_IN_STATE, 0, 0, "TX", 0);
	org_is(r, "Tulsa OK PD", "Okla.", "OK", ORG_IN_STATE, 0, 0, "OK", 0); /* not a state: ignored */
	org_is(r, "Federal Way WA PD", NULL, "WA", ORG_IN_STATE, 0, 0, "WA", 0);
	org_is(r, "Quapaw Nation OK Marshals Service", NULL, "AR", ORG_OUT_OF_STATE, 0, 0, "OK", 0);
	org_is(r, "Washington DC Metropolitan PD", NULL, "MD", ORG_OUT_OF_STATE, 0, 0, "DC", 0);
	/* inactive beside the class */
	org_is(r, "Pima County AZ SO (Dead/Old)", NULL, "AZ", ORG_IN_STATE, 0, 1, "AZ", 0);
	org_is(r, "DNU - Rogers AR PD", NULL, "AR", ORG_IN_STATE, 0, 1, "AR", 0);
	org_is(r, "Benton County Sheriff (Dead/Old)", NULL, "AR", ORG_UNKNOWN, 0, 1, "", sheriff);
	/* public, no state: unknown, with the public rule that made it public */
	org_is(r, "Mountain View Police Department", NULL, "CA", ORG_UNKNOWN, 0, 0, "", police);
	org_is(r, "Notice Police Services", NULL, "CA", ORG_UNKNOWN, 0, 0, "", police); /* no ICE in it */
	org_is(r, "Bakersfield CA PD", NULL, NULL, ORG_UNKNOWN, 0, 0, "CA", rule_line("public", "PD"));
	/* private: no public word; capitals and state names of a private name are not states */
	org_is(r, "Flock Safety", NULL, "CA", ORG_PRIVATE, 0, 0, "", 0);
	org_is(r, "National Center for Missing & Exploited Children [NCMEC]", NULL, "VA", ORG_PRIVATE, 0, 0, "", 0);
	org_is(r, "IT Services OR Support LLC", NULL, "OR", ORG_PRIVATE, 0, 0, "", 0);
	org_is(r, "Texas Roadhouse Loss Prevention", NULL, "TX", ORG_PRIVATE, 0, 0, "", 0);
	org_is(r, "Salvation Army Thrift", NULL, "TX", ORG_PRIVATE, 0, 0, "", 0);
	/* an explicit state is taken as given, even for a private name */
	org_is(r, "Acme Towing", "CA", "CA", ORG_IN_STATE, 0, 0, "CA", 0);
	/* bad arguments */
	ae_orgclass c;
	assert_int_equal(ae_org_classify(r, "Canton GA PD", 12, NULL, "Calif.", &c), -1);
	assert_int_equal(ae_org_classify(NULL, "Canton GA PD", 12, NULL, "GA", &c), -1);
	assert_int_equal(ae_org_classify(r, NULL, 3, NULL, "GA", &c), -1);
	assert_int_equal(ae_org_classify(r, NULL, 0, NULL, "GA", &c), 0);
	assert_int_equal(c.cls, ORG_PRIVATE);
	ae_orgrules_free(r);
}

/* The copy compiled into the program is the shipped file, byte for byte,
 * and loads as the same rules. */
static void test_builtin_copy(void **state)
{
	(void)state;
	size_t n = 0;
	char *text = slurp_file(RULES_FILE, &n);
	assert_non_null(text);
	assert_int_equal(n, ae_orgrules_text_len);
	assert_memory_equal(text, ae_orgrules_text, n);
	free(text);
	ae_orgrules *a = shipped(), *b = NULL;
	char err[512] = "";
	assert_int_equal(ae_orgrules_load(NULL, &b, err, sizeof err), 0);
	assert_int_equal(ae_orgrules_count(a), ae_orgrules_count(b));
	ae_orgclass x, y;
	static const char *const names[] = {"[Federal] U.S. Border Patrol", "Reno Police Department", "Acme LLC"};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(ae_org_classify(a, names[i], strlen(names[i]), "", "CA", &x), 0);
		assert_int_equal(ae_org_classify(b, names[i], strlen(names[i]), "", "CA", &y), 0);
		assert_int_equal(x.cls, y.cls);
		assert_int_equal(x.rule_line, y.rule_line);
	}
	ae_orgrules_free(a);
	ae_orgrules_free(b);
}

static void test_state_codes(void **state)
{
	(void)state;
	assert_string_equal(ae_state_code("ca", 2), "CA");
	assert_string_equal(ae_state_code(" New  York ", 11), "NY");
	assert_string_equal(ae_state_code("district of columbia", 20), "DC");
	assert_string_equal(ae_state_code("PR", 2), "PR");
	assert_null(ae_state_code("XX", 2));
	assert_null(ae_state_code("Puerto Rico", 11)); /* territories: codes only */
	assert_null(ae_state_code("", 0));
	/* all 50 states and DC by name */
	int named = 0;
	const char *codes = "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
			    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC";
	for (const char *p = codes; *p; p += p[2] ? 3 : 2) {
		assert_non_null(ae_state_code(p, 2));
		named++;
	}
	assert_int_equal(named, 51);
}

/* A small rules file with known lines. */
static void test_rules_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/ae-gov-XXXXXX", path[128], err[512];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/rules.txt", dir);
	write_file(path, "# test rules\n"
			 "\n"
			 "immigration\tBorder Patrol\n"
			 "federal   [Federal]\n"
			 "  # an indented comment\n"
			 "inactive (Dead/Old)\r\n"
			 "public\tpolice\n"
			 "public\tsheriff*   \n"
			 "public\tcase #*\n");
	ae_orgrules *r = NULL;
	assert_int_equal(ae_orgrules_load(path, &r, err, sizeof err), 0);
	assert_int_equal(ae_orgrules_count(r), 6);
	org_is(r, "[Federal] US Border Patrol", NULL, "CA", ORG_FEDERAL, 1, 0, "", 3);
	org_is(r, "[Federal] FBI", NULL, "CA", ORG_FEDERAL, 0, 0, "", 4);
	org_is(r, "Kern Sheriffs (Dead/Old)", NULL, "CA", ORG_UNKNOWN, 0, 1, "", 8);
	org_is(r, "Tulare Case #12", NULL, "CA", ORG_UNKNOWN, 0, 0, "", 9); /* '#' inside a pattern */
	org_is(r, "Tulare Police", NULL, "CA", ORG_UNKNOWN, 0, 0, "", 7);
	org_is(r, "Tulare CA Police", NULL, "CA", ORG_IN_STATE, 0, 0, "CA", 0);
	org_is(r, "Tulare CA Feed Store", NULL, "CA", ORG_PRIVATE, 0, 0, "", 0);
	ae_orgrules_free(r);

	write_file(path, "federal FBI\n\n\n\n\n\n\n\n\n\n\nfederl [Federal]\n");
	r = (ae_orgrules *)1;
	assert_int_equal(ae_orgrules_load(path, &r, err, sizeof err), -1);
	assert_null(r);
	char want[256];
	snprintf(want, sizeof want, "%s line 12: unknown class 'federl' (federal, immigration, inactive, public)", path);
	assert_string_equal(err, want);

	write_file(path, "federal FBI\npublic   \t \n");
	assert_int_equal(ae_orgrules_load(path, &r, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s line 2: empty pattern for class 'public'", path);
	assert_string_equal(err, want);

	write_file(path, "inactive *\n");
	assert_int_equal(ae_orgrules_load(path, &r, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s line 1: empty pattern for class 'inactive'", path);
	assert_string_equal(err, want);

	write_file(path, "Federal FBI\n"); /* classes are lower case */
	assert_int_equal(ae_orgrules_load(path, &r, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s line 1: unknown class 'Federal' (federal, immigration, inactive, public)", path);
	assert_string_equal(err, want);

	write_file(path, "# only comments\n");
	assert_int_equal(ae_orgrules_load(path, &r, err, sizeof err), 0);
	assert_int_equal(ae_orgrules_count(r), 0);
	org_is(r, "Canton GA PD", NULL, "GA", ORG_PRIVATE, 0, 0, "", 0);
	ae_orgrules_free(r);
	ae_orgrules_free(NULL);

	rm_tree(dir);
	snprintf(want, sizeof want, "%s: cannot open: No such file or directory", path);
	assert_int_equal(ae_orgrules_load(path, &r, err, sizeof err), -1);
	assert_string_equal(err, want);
}

/* ------------------------------------------------------------ fixtures */

/* The next CSV field of *p (RFC 4180 quotes, no line breaks inside) into
 * out; 1 when a field ends the line. */
static int csv_field(char **p, char *out, size_t cap)
{
	char *s = *p;
	size_t k = 0;
	if (*s == '"') {
		s++;
		for (; *s; s++) {
			if (*s == '"') {
				if (s[1] != '"') {
					s++;
					break;
				}
				s++;
			}
			if (k + 1 < cap)
				out[k++] = *s;
		}
	} else {
		for (; *s && *s != ',' && *s != '\n' && *s != '\r'; s++)
			if (k + 1 < cap)
				out[k++] = *s;
	}
	out[k] = '\0';
	int eol = *s != ',';
	if (*s == ',')
		s++;
	while (eol && (*s == '\r' || *s == '\n')) {
		s++;
		if (s[-1] == '\n')
			break;
	}
	*p = s;
	return eol;
}

/* Up to max fields of the next row; the number read, 0 at the end. */
static int csv_row(char **p, char f[][256], int max)
{
	if (!**p)
		return 0;
	int k = 0;
	for (;;) {
		char tmp[256];
		int eol = csv_field(p, k < max ? f[k] : tmp, 256);
		k++;
		if (eol)
			break;
	}
	return k;
}

static int class_by_name(const char *const *names, int n, const char *s)
{
	for (int k = 0; k < n; k++)
		if (strcmp(names[k], s) == 0)
			return k;
	fail_msg("unknown class '%s' in a fixture", s);
	return -1;
}

static void test_fixture_reasons(void **state)
{
	(void)state;
	char *text = slurp_file("tests/data/gov/reasons.csv", NULL), *p = text, f[3][256];
	assert_non_null(text);
	assert_int_equal(csv_row(&p, f, 3), 3); /* header */
	int rows = 0, bad = 0;
	while (csv_row(&p, f, 3) == 3) {
		rows++;
		int want = class_by_name(ae_reason_class_names, RS_COUNT, f[1]);
		int got = ae_reason_class(f[0], strlen(f[0])), fl = flag(f[0]);
		if (got != want || fl != atoi(f[2])) {
			print_error("reason '%s': %s flagged %d, want %s %s\n", f[0], ae_reason_class_names[got], fl,
				    f[1], f[2]);
			bad++;
		}
	}
	free(text);
	assert_int_equal(bad, 0);
	assert_true(rows >= 60);
	/* every class is in the fixtures */
	int seen[RS_COUNT] = {0};
	text = slurp_file("tests/data/gov/reasons.csv", NULL);
	p = text;
	csv_row(&p, f, 3);
	while (csv_row(&p, f, 3) == 3)
		seen[class_by_name(ae_reason_class_names, RS_COUNT, f[1])]++;
	free(text);
	for (int k = 0; k < RS_COUNT; k++)
		assert_true(seen[k] >= 3);
}

static void test_fixture_organizations(void **state)
{
	(void)state;
	ae_orgrules *r = shipped();
	char *text = slurp_file("tests/data/gov/organizations.csv", NULL), *p = text, f[6][256];
	assert_non_null(text);
	assert_int_equal(csv_row(&p, f, 6), 6);
	int rows = 0, bad = 0, seen[ORG_COUNT] = {0};
	while (csv_row(&p, f, 6) == 6) {
		rows++;
		int want = class_by_name(ae_org_class_names, ORG_COUNT, f[3]);
		seen[want]++;
		ae_orgclass c;
		if (ae_org_classify(r, f[0], strlen(f[0]), f[1], f[2], &c) != 0) {
			print_error("'%s': classify failed\n", f[0]);
			bad++;
			continue;
		}
		if (c.cls != want || c.immigration != atoi(f[4]) || c.inactive != atoi(f[5])) {
			print_error("'%s' (%s, %s): %s imm %d inactive %d, want %s %s %s\n", f[0], f[1], f[2],
				    ae_org_class_names[c.cls], c.immigration, c.inactive, f[3], f[4], f[5]);
			bad++;
		}
	}
	free(text);
	ae_orgrules_free(r);
	assert_int_equal(bad, 0);
	assert_true(rows >= 40);
	for (int k = 0; k < ORG_COUNT; k++)
		assert_true(seen[k] >= 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reason_classes),    cmocka_unit_test(test_flag_terms),
		cmocka_unit_test(test_org_shipped_rules), cmocka_unit_test(test_builtin_copy),
		cmocka_unit_test(test_state_codes),       cmocka_unit_test(test_rules_file),
		cmocka_unit_test(test_fixture_reasons),   cmocka_unit_test(test_fixture_organizations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
