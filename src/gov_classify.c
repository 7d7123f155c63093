/* gov_classify.c — see gov_classify.h. */
#include "gov_classify.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

const char *const ae_reason_class_names[RS_COUNT] = {"blank", "case_number_only", "vague", "generic_investigation",
						     "substantive"};
const char *const ae_reason_vague_words[] =
	{"check",     "checking",     "test",   "testing",   "n/a",    "na",        "asdf", "x",   "misc", "other",
	 "unk",       "unknown",      "lookup", "look up",   "verify", "verifying", ".",    "-",   "none", "review",
	 "follow up", "following up", "fyi",    "see above", "ok",     "?",         "idk",  "tbd", NULL};
const char *const ae_reason_generic_words[] =
	{"investigation", "investigations", "investigative", "inv", "invest", "criminal investigation", NULL};
const char *const ae_flag_terms_default[] = {"ICE", "HSI",   "ERO",     "CBP",      "USBP", "Border Patrol",
					     "DHS", "USCIS", "deport*", "immigra*", NULL};
const char *const ae_org_class_names[ORG_COUNT] = {"federal", "in_state", "out_of_state", "private", "unknown"};

/* ASCII only, so no locale can change a class. */
static int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c); }
static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c; }

/* Narrows [*b, *e) to drop whitespace at both ends. */
static void trim(const char *s, size_t *b, size_t *e)
{
	while (*b < *e && is_ws((unsigned char)s[*b]))
		(*b)++;
	while (*e > *b && is_ws((unsigned char)s[*e - 1]))
		(*e)--;
}

/* The trimmed text s[b, e), inner whitespace runs as one blank, equals word
 * (whose runs are one blank too) but for ASCII case. Walks both, so no copy. */
static int collapsed_equals(const char *s, size_t b, size_t e, const char *word)
{
	size_t i = b;
	const unsigned char *w = (const unsigned char *)word;
	while (i < e) {
		if (is_ws((unsigned char)s[i])) {
			while (i < e && is_ws((unsigned char)s[i]))
				i++;
			if (!is_ws(*w)) /* a run in the word, as in the text, is one blank */
				return 0;
			while (is_ws(*w))
				w++;
			continue;
		}
		if (lower(*w++) != lower((unsigned char)s[i++]))
			return 0;
	}
	return *w == '\0';
}

static int in_list(const char *s, size_t b, size_t e, const char *const *words)
{
	for (size_t k = 0; words[k]; k++)
		if (collapsed_equals(s, b, e, words[k]))
			return 1;
	return 0;
}

/* UTF-8 characters of the trimmed text with inner whitespace runs as one:
 * what a reader would call its length. */
static size_t collapsed_chars(const char *s, size_t b, size_t e)
{
	size_t k = 0;
	for (size_t i = b; i < e; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_ws(c) && i > b && is_ws((unsigned char)s[i - 1]))
			continue;
		if ((c & 0xC0) != 0x80)
			k++;
	}
	return k;
}

/* Case codes only: see the header. */
static int case_number_only(const char *s, size_t b, size_t e)
{
	int any_digit = 0;
	size_t i = b;
	while (i < e) {
		while (i < e && is_ws((unsigned char)s[i]))
			i++;
		int letter = 0, digit = 0;
		for (; i < e && !is_ws((unsigned char)s[i]); i++) {
			unsigned char c = (unsigned char)s[i];
			if (is_digit(c))
				digit = 1;
			else if (is_alpha(c))
				letter = 1;
			else if (c != '-' && c != '/' && c != '#' && c != '.')
				return 0;
		}
		if (letter && !digit) /* a word, not a code */
			return 0;
		any_digit |= digit;
	}
	return any_digit;
}

static int in_study_list(const char *s, size_t b, size_t e, const char *const *words, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (collapsed_equals(s, b, e, words[k]))
			return 1;
	return 0;
}

int ae_reason_class_with(const char *s, size_t n, const char *const *vague, size_t nvague, const char *const *generic,
			 size_t ngeneric)
{
	size_t b = 0, e = s ? n : 0;
	trim(s, &b, &e);
	if (b == e)
		return RS_BLANK;
	if (case_number_only(s, b, e))
		return RS_CASE_NUMBER_ONLY;
	if (in_list(s, b, e, ae_reason_vague_words) || in_study_list(s, b, e, vague, nvague) ||
	    collapsed_chars(s, b, e) <= 2)
		return RS_VAGUE;
	if (in_list(s, b, e, ae_reason_generic_words) || in_study_list(s, b, e, generic, ngeneric))
		return RS_GENERIC_INVESTIGATION;
	return RS_SUBSTANTIVE;
}

int ae_reason_class(const char *s, size_t n) { return ae_reason_class_with(s, n, NULL, 0, NULL, 0); }

/* The term's bytes [tb, te) at s[i]: whitespace runs match runs; *end gets
 * where the match ends in s. */
static int match_here(const char *s, size_t n, size_t i, const char *t, size_t tb, size_t te, size_t *end)
{
	size_t k = tb;
	while (k < te) {
		if (is_ws((unsigned char)t[k])) {
			while (k < te && is_ws((unsigned char)t[k]))
				k++;
			if (i >= n || !is_ws((unsigned char)s[i]))
				return 0;
			while (i < n && is_ws((unsigned char)s[i]))
				i++;
			continue;
		}
		if (i >= n || lower((unsigned char)s[i]) != lower((unsigned char)t[k]))
			return 0;
		i++;
		k++;
	}
	*end = i;
	return 1;
}

int ae_term_match(const char *s, size_t n, const char *term)
{
	if (!term || (!s && n))
		return 0;
	size_t tb = 0, te = strlen(term);
	trim(term, &tb, &te);
	int prefix = 0;
	if (te > tb && term[te - 1] == '*') {
		prefix = 1;
		te--;
		trim(term, &tb, &te);
	}
	if (tb == te)
		return 0;
	/* boundaries only where the term itself starts or ends with a word */
	int wb_start = is_alnum((unsigned char)term[tb]);
	int wb_end = !prefix && is_alnum((unsigned char)term[te - 1]);
	for (size_t i = 0; i < n; i++) {
		if (wb_start && i > 0 && is_alnum((unsigned char)s[i - 1]))
			continue;
		size_t end;
		if (!match_here(s, n, i, term, tb, te, &end))
			continue;
		if (wb_end && end < n && is_alnum((unsigned char)s[end]))
			continue;
		return 1;
	}
	return 0;
}

int ae_reason_flagged(const char *s, size_t n, const char *const *terms, size_t nterms)
{
	if (!terms)
		return 0;
	for (size_t k = 0; k < nterms && terms[k]; k++)
		if (ae_term_match(s, n, terms[k]))
			return 1;
	return 0;
}

/* ---------------------------------------------------------------- states */

static const char *const STATES[][2] = {
	{"AL", "Alabama"},
	{"AK", "Alaska"},
	{"AZ", "Arizona"},
	{"AR", "Arkansas"},
	{"CA", "California"},
	{"CO", "Colorado"},
	{"CT", "Connecticut"},
	{"DE", "Delaware"},
	{"FL", "Florida"},
	{"GA", "Georgia"},
	{"HI", "Hawaii"},
	{"ID", "Idaho"},
	{"IL", "Illinois"},
	{"IN", "Indiana"},
	{"IA", "Iowa"},
	{"KS", "Kansas"},
	{"KY", "Kentucky"},
	{"LA", "Louisiana"},
	{"ME", "Maine"},
	{"MD", "Maryland"},
	{"MA", "Massachusetts"},
	{"MI", "Michigan"},
	{"MN", "Minnesota"},
	{"MS", "Mississippi"},
	{"MO", "Missouri"},
	{"MT", "Montana"},
	{"NE", "Nebraska"},
	{"NV", "Nevada"},
	{"NH", "New Hampshire"},
	{"NJ", "New Jersey"},
	{"NM", "New Mexico"},
	{"NY", "New York"},
	{"NC", "North Carolina"},
	{"ND", "North Dakota"},
	{"OH", "Ohio"},
	{"OK", "Oklahoma"},
	{"OR", "Oregon"},
	{"PA", "Pennsylvania"},
	{"RI", "Rhode Island"},
	{"SC", "South Carolina"},
	{"SD", "South Dakota"},
	{"TN", "Tennessee"},
	{"TX", "Texas"},
	{"UT", "Utah"},
	{"VT", "Vermont"},
	{"VA", "Virginia"},
	{"WA", "Washington"},
	{"WV", "West Virginia"},
	{"WI", "Wisconsin"},
	{"WY", "Wyoming"},
	{"DC", "District of Columbia"},
	/* territories: codes only */
	{"PR", NULL},
	{"GU", NULL},
	{"VI", NULL},
	{"AS", NULL},
	{"MP", NULL},
};
#define N_STATES (sizeof STATES / sizeof STATES[0])

/* The table's code for two letters (any case), or NULL. */
static const char *code_of(unsigned char a, unsigned char b)
{
	for (size_t k = 0; k < N_STATES; k++)
		if (lower(a) == lower((unsigned char)STATES[k][0][0]) &&
		    lower(b) == lower((unsigned char)STATES[k][0][1]))
			return STATES[k][0];
	return NULL;
}

const char *ae_state_code(const char *s, size_t n)
{
	size_t b = 0, e = s ? n : 0;
	trim(s, &b, &e);
	if (e - b == 2)
		return code_of((unsigned char)s[b], (unsigned char)s[b + 1]);
	for (size_t k = 0; k < N_STATES; k++)
		if (STATES[k][1] && collapsed_equals(s, b, e, STATES[k][1]))
			return STATES[k][0];
	return NULL;
}

/* "(ST)" anywhere, a state code between the parentheses. */
static const char *paren_state(const char *s, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++)
		if (s[i] == '(' && s[i + 3] == ')' && is_alpha((unsigned char)s[i + 1]) &&
		    is_alpha((unsigned char)s[i + 2])) {
			const char *c = code_of((unsigned char)s[i + 1], (unsigned char)s[i + 2]);
			if (c)
				return c;
		}
	return NULL;
}

/* "ST - " at the start of the trimmed name. */
static const char *prefix_state(const char *s, size_t b, size_t e)
{
	if (e - b < 4 || !is_alpha((unsigned char)s[b]) || !is_alpha((unsigned char)s[b + 1]))
		return NULL;
	size_t i = b + 2;
	while (i < e && is_ws((unsigned char)s[i]))
		i++;
	if (i >= e || s[i] != '-' || i + 1 >= e || !is_ws((unsigned char)s[i + 1]))
		return NULL;
	return code_of((unsigned char)s[b], (unsigned char)s[b + 1]);
}

/* The last standalone token of two capitals that is a state code; but a
 * last "SD" after another state code is a Sheriff's Department ("San Diego
 * County CA SD"), not South Dakota. */
static const char *token_state(const char *s, size_t n)
{
	const char *found = NULL, *before = NULL;
	for (size_t i = 0; i + 2 <= n; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
		if (!(a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z'))
			continue;
		if ((i > 0 && is_alnum((unsigned char)s[i - 1])) || (i + 2 < n && is_alnum((unsigned char)s[i + 2])))
			continue;
		const char *c = code_of(a, b);
		if (c) {
			before = found;
			found = c;
		}
	}
	return found && before && strcmp(found, "SD") == 0 ? before : found;
}

/* The leftmost full state name; at one position the longer name wins. */
static const char *name_state(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && is_alnum((unsigned char)s[i - 1]))
			continue;
		const char *best = NULL;
		size_t best_len = 0;
		for (size_t k = 0; k < N_STATES; k++) {
			const char *nm = STATES[k][1];
			size_t end;
			if (!nm || strlen(nm) <= best_len || !match_here(s, n, i, nm, 0, strlen(nm), &end))
				continue;
			if (end < n && is_alnum((unsigned char)s[end]))
				continue;
			best = STATES[k][0];
			best_len = strlen(nm);
		}
		if (best)
			return best;
	}
	return NULL;
}

/* ----------------------------------------------------------------- rules */

enum { RC_FEDERAL, RC_IMMIGRATION, RC_INACTIVE, RC_PUBLIC };
static const char *const RULE_CLASSES[] = {"federal", "immigration", "inactive", "public"};

typedef struct rule {
	int cls;
	int line;
	char *pat;
} rule;

struct ae_orgrules {
	rule *v;
	size_t n, cap;
};

void ae_orgrules_free(ae_orgrules *r)
{
	if (!r)
		return;
	for (size_t k = 0; k < r->n; k++)
		free(r->v[k].pat);
	free(r->v);
	free(r);
}

size_t ae_orgrules_count(const ae_orgrules *r) { return r ? r->n : 0; }

/* One non-comment line into r; 0, or -1 with the problem in err. */
static int parse_rule(ae_orgrules *r, const char *path, int line, char *s, size_t n, char *err, size_t errlen)
{
	size_t b = 0, e = n;
	trim(s, &b, &e);
	size_t w = b;
	while (w < e && !is_ws((unsigned char)s[w]))
		w++;
	int cls = -1;
	for (int k = 0; k < 4; k++)
		if (w - b == strlen(RULE_CLASSES[k]) && strncmp(s + b, RULE_CLASSES[k], w - b) == 0)
			cls = k;
	if (cls < 0) {
		snprintf(err, errlen, "%s line %d: unknown class '%.*s' (federal, immigration, inactive, public)", path,
			 line, (int)(w - b), s + b);
		return -1;
	}
	size_t pb = w, pe = e;
	trim(s, &pb, &pe);
	size_t qe = pe;
	if (qe > pb && s[qe - 1] == '*')
		qe--;
	if (qe == pb) {
		snprintf(err, errlen, "%s line %d: empty pattern for class '%s'", path, line, RULE_CLASSES[cls]);
		return -1;
	}
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 32;
		rule *v = realloc(r->v, cap * sizeof *v);
		if (!v) {
			snprintf(err, errlen, "%s line %d: out of memory", path, line);
			return -1;
		}
		r->v = v;
		r->cap = cap;
	}
	char *pat = malloc(pe - pb + 1);
	if (!pat) {
		snprintf(err, errlen, "%s line %d: out of memory", path, line);
		return -1;
	}
	memcpy(pat, s + pb, pe - pb);
	pat[pe - pb] = '\0';
	r->v[r->n++] = (rule){cls, line, pat};
	return 0;
}

/* Rules from an open stream; name is how messages call it. */
static int read_rules(FILE *f, const char *name, ae_orgrules **out, char *err, size_t errlen)
{
	ae_orgrules *r = calloc(1, sizeof *r);
	if (!r) {
		snprintf(err, errlen, "%s: out of memory", name);
		return -1;
	}
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	int line = 0, rc = 0;
	while ((len = getline(&buf, &cap, f)) >= 0) {
		line++;
		size_t b = 0, e = (size_t)len;
		trim(buf, &b, &e);
		if (b == e || buf[b] == '#')
			continue;
		if ((rc = parse_rule(r, name, line, buf, (size_t)len, err, errlen)) != 0)
			break;
	}
	if (!rc && ferror(f)) {
		snprintf(err, errlen, "%s: cannot read: %s", name, strerror(errno));
		rc = -1;
	}
	free(buf);
	if (rc) {
		ae_orgrules_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

int ae_orgrules_load(const char *path, ae_orgrules **out, char *err, size_t errlen)
{
	*out = NULL;
	if (!path) { /* the shipped file, compiled in (build/gen/orgrules_text.c) */
		FILE *f = fmemopen((void *)ae_orgrules_text, ae_orgrules_text_len, "rb");
		if (!f) {
			snprintf(err, errlen, "%s: cannot open: %s", AE_ORGRULES_BUILTIN, strerror(errno));
			return -1;
		}
		int rc = read_rules(f, AE_ORGRULES_BUILTIN, out, err, errlen);
		fclose(f);
		return rc;
	}
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	int rc = read_rules(f, path, out, err, errlen);
	fclose(f);
	return rc;
}

/* The line of the first rule of class cls that matches, 0 for none. */
static int first_rule(const ae_orgrules *r, int cls, const char *s, size_t n)
{
	for (size_t k = 0; k < r->n; k++)
		if (r->v[k].cls == cls && ae_term_match(s, n, r->v[k].pat))
			return r->v[k].line;
	return 0;
}

int ae_org_classify(const ae_orgrules *r, const char *name, size_t n, const char *state_col, const char *agency_state,
		    ae_orgclass *out)
{
	if (!r || !out || (!name && n))
		return -1;
	const char *home = NULL;
	if (agency_state && agency_state[0] && !(home = ae_state_code(agency_state, strlen(agency_state))))
		return -1;
	memset(out, 0, sizeof *out);
	out->cls = ORG_UNKNOWN;
	out->inactive = first_rule(r, RC_INACTIVE, name, n) != 0;
	int pub = first_rule(r, RC_PUBLIC, name, n);

	size_t b = 0, e = n;
	trim(name, &b, &e);
	const char *st = state_col && state_col[0] ? ae_state_code(state_col, strlen(state_col)) : NULL;
	if (!st)
		st = paren_state(name, n);
	if (!st)
		st = prefix_state(name, b, e);
	if (!st && pub)
		st = token_state(name, n);
	if (!st && pub)
		st = name_state(name, n);
	if (st)
		memcpy(out->state, st, 3);

	int line;
	if ((line = first_rule(r, RC_IMMIGRATION, name, n)) != 0) {
		out->cls = ORG_FEDERAL;
		out->immigration = 1;
		out->rule_line = line;
	} else if ((line = first_rule(r, RC_FEDERAL, name, n)) != 0) {
		out->cls = ORG_FEDERAL;
		out->rule_line = line;
	} else if (st && home) {
		out->cls = strcmp(st, home) == 0 ? ORG_IN_STATE : ORG_OUT_OF_STATE;
	} else if (!pub) {
		out->cls = ORG_PRIVATE;
	} else {
		out->rule_line = pub;
	}
	return 0;
}
