/* study.c — reads the study file with inih; strict: an unknown section or
 * key, a repeated key or a bad value is an error naming it and its line. */
#include "study.h"
#include "sha256.h"
#include "gov_classify.h"
#include <ini.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>

/* The [study] keys: parsing, defaults, the manifest and the briefing's
 * provenance are all driven from this list (study.h). Messages read
 * "KEY: 'VALUE' BAD". */
#define OFF(f) offsetof(ae_study, f)
const ae_param ae_study_params[] = {
	{"title", P_TEXT, OFF(title), 0, 0, NULL, 0, 0, NULL, "the report's title (default: the study file's name)",
	 NULL},
	{"start", P_DATE, OFF(start_s), OFF(start_day), 1, NULL, 0, 0, "is not a date (YYYY-MM-DD)",
	 "first local date of the period", NULL},
	{"end", P_DATE, OFF(end_s), OFF(end_day), 1, NULL, 0, 0, "is not a date (YYYY-MM-DD)",
	 "last local date of the period", NULL},
	{"timezone", P_TEXT, OFF(timezone), 0, 1, NULL, 0, 0, NULL, "IANA time zone of local times", NULL},
	{"seed", P_U64, OFF(seed), 0, 1, NULL, 0, 0, "is not a non-negative integer",
	 "derives the plate-hash key; seeds resampling", NULL},
	{"confidence", P_REAL_OPEN, OFF(confidence), 0, 0, "0.95", 0, 1, "must be a number between 0 and 1",
	 "interval level", NULL},
	{"ci_method", P_CI, OFF(ci_method), 0, 0, "wilson", 0, 0, "is not wilson, clopper_pearson or jeffreys",
	 "binomial interval", NULL},
	{"output", P_TEXT, OFF(output), 0, 0, NULL, 0, 0, NULL, "report folder (default: reports/<study file name>)",
	 NULL},
	{"false_positive", P_DISPOSITIONS, OFF(fp_mask), 0, 0, "misread, wrong_state, stale_entry", 0, 0,
	 "holds a value that is not a disposition", "dispositions counted as false positives", NULL},
	{"enforcement_outcomes", P_OUTCOMES, OFF(enforcement_mask), 0, 0, "arrest, vehicle_recovered", 0, 0,
	 "holds a value that is not an outcome type", "outcome types counted by enforcement_yield", NULL},
	{"min_cell", P_LONG, OFF(min_cell), 0, 0, "0", 0, 9.2e18, "is not a non-negative integer",
	 "counts of vehicles or outcomes below this are suppressed (0: off)", NULL},
	{"cost", P_REAL, OFF(cost), OFF(has_cost), 0, NULL, 0, INFINITY, "is not a non-negative number",
	 "programme cost for the period (enables cost_per_outcome)", NULL},
	{"currency", P_TEXT, OFF(currency), 0, 0, NULL, 0, 0, NULL,
	 "the currency of cost, as the briefing names it (e.g. dollars); without it the briefing says \"in the "
	 "study's currency\"",
	 NULL},
	{"max_reject_share", P_REAL, OFF(max_reject_share), 0, 0, "0.01", 0, 1, "must be between 0 and 1",
	 "largest rejected share of an input before nothing is written", NULL},
	{"plate_key_file", P_PATH, OFF(plate_key_file), 0, 0, NULL, 0, 0, NULL,
	 "key the plate hash with this file, not the seed", NULL},
	{"tracked_cameras", P_LONG, OFF(tracked_cameras), 0, 0, "3", 1, 1000000,
	 "is not a whole number of cameras (1 or more)", "k of tracked_plates_share", NULL},
	{"small_population", P_REAL, OFF(small_population), 0, 0, "1000", 0, INFINITY, "is not a non-negative number",
	 "areas with fewer residents are flagged, not ranked", NULL},
	{"flag_terms", P_TERMS, OFF(flag_terms), OFF(nflag_terms), 0,
	 "ICE, HSI, ERO, CBP, USBP, Border Patrol, DHS, USCIS, deport*, immigra*", 0, 0, "holds no term",
	 "search reasons naming any of these terms are flagged (a trailing * makes a prefix)", NULL},
	{"vague_reasons", P_TERMS, OFF(vague_reasons), OFF(nvague_reasons), 0, NULL, 0, 0, "holds no reason",
	 "search reasons the study adds to the vague class (the whole reason, any case)", NULL},
	{"generic_reasons", P_TERMS, OFF(generic_reasons), OFF(ngeneric_reasons), 0, NULL, 0, 0, "holds no reason",
	 "search reasons the study adds to the generic_investigation class", NULL},
	{"agency_state", P_TEXT, OFF(agency_state), 0, 0, NULL, 0, 0, NULL,
	 "the agency's state (code or name): searching organizations are in or out of it", NULL},
	{"agency", P_TEXT, OFF(agency), 0, 0, NULL, 0, 0, NULL,
	 "the agency's name as the sharing table's source column gives it (edge lists)", NULL},
	{"law", P_TEXT, OFF(law), 0, 0, NULL, 0, 0, NULL,
	 "the sharing law sharing_prohibited applies: ca_sb34 or none (default ca_sb34 when agency_state is CA)", NULL},
	{"organization_rules", P_PATH, OFF(organization_rules), 0, 0, NULL, 0, 0, NULL,
	 "rules file that classifies organizations (default: the shipped analysis/organization-rules.txt, built in)",
	 NULL},
	{"after_hours", P_TEXT, OFF(after_hours), 0, 0, "01:00-05:00", 0, 0, NULL,
	 "local window (HH:MM-HH:MM) of searches_after_hours_share", NULL},
	{"retention_days", P_LONG, OFF(retention_days), 0, 0, "0", 0, 1000000, "is not a whole number of days",
	 "the agency's retention policy in days (0: not given)", NULL},
	{"retention_alternatives", P_TERMS, OFF(retention_alternatives), OFF(nretention_alternatives), 0,
	 "1, 7, 30, 90, 365", 0, 0, "holds no day count", "retention periods (days) the days dimension compares", NULL},
	{"bootstrap_replicates", P_LONG, OFF(bootstrap_replicates), 0, 0, "1000", 100, 1000000,
	 "must be a whole number from 100 to 1000000", "B of bootstrap_days", NULL},
	/* [effect]: the crime-effect model (METRICS.md "Crime effect") */
	{"start", P_DATE, OFF(effect_start_s), OFF(effect_start_day), 0, NULL, 0, 0, "is not a date (YYYY-MM-DD)",
	 "first local date of the effect window (default: the study's start)", "effect"},
	{"end", P_DATE, OFF(effect_end_s), OFF(effect_end_day), 0, NULL, 0, 0, "is not a date (YYYY-MM-DD)",
	 "last local date of the effect window (default: the study's end)", "effect"},
	{"unit", P_TEXT, OFF(effect_unit), 0, 0, "month", 0, 0, NULL, "the panel's period: month or week (ISO)",
	 "effect"},
	{"types", P_TERMS, OFF(effect_types), OFF(neffect_types), 0, NULL, 0, 0, "holds no type",
	 "offence types modelled one by one, beside all incidents together", "effect"},
	{"window", P_TEXT, OFF(effect_window), 0, 0, "12, 24", 0, 0, NULL,
	 "event-study periods before and after the first camera (the ends binned)", "effect"},
	{"permutations", P_LONG, OFF(effect_permutations), 0, 0, "999", 0, 100000,
	 "must be a whole number from 0 to 100000", "randomization-inference permutations (0: none)", "effect"},
};
const size_t ae_nstudy_params = sizeof ae_study_params / sizeof ae_study_params[0];
#define F_COUNT (sizeof ae_study_params / sizeof ae_study_params[0])

typedef struct parse_ctx {
	ae_study *st;
	char msg[512];
	int seen[F_COUNT];
	int seen_effect;               /* an [effect] key was given */
	unsigned seen_input[TB_COUNT]; /* bit per simple input key */
	unsigned seen_col[TB_COUNT];   /* bit per column mapping */
} parse_ctx;

const char *ae_ci_method_name(int m)
{
	switch (m) {
	case CI_CLOPPER_PEARSON: return "clopper_pearson";
	case CI_JEFFREYS: return "jeffreys";
	default: return "wilson";
	}
}

/* inih goes on after an error and reports the first error's line: keep the first message. */
static int bad(parse_ctx *c, const char *fmt, const char *a, const char *b)
{
	if (!c->msg[0])
		snprintf(c->msg, sizeof c->msg, fmt, a, b);
	return 0;
}

/* Splits a comma-separated list; calls fn for each trimmed item. */
static int each_item(const char *v, int (*fn)(void *, const char *, size_t), void *u)
{
	const char *p = v;
	for (;;) {
		const char *q = strchr(p, ',');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		const char *t = ae_trim(p, &n);
		if (n && fn(u, t, n))
			return -1;
		if (!q)
			return 0;
		p = q + 1;
	}
}

static int add_fp(void *u, const char *s, size_t n)
{
	ae_study *st = u;
	int d = ae_schema_value(ae_disposition_names, s, n);
	if (d < 0)
		return -1;
	st->fp_mask |= 1u << d;
	return 0;
}

static int add_missing(void *u, const char *s, size_t n)
{
	ae_input *in = u;
	in->missing = ae_realloc(in->missing, (in->nmissing + 1) * sizeof *in->missing);
	in->missing[in->nmissing++] = ae_strndup(s, n);
	return 0;
}

static int parse_delim(const char *v, char *out)
{
	static const struct {
		const char *name;
		char c;
	} names[] = {{"comma", ','}, {"tab", '\t'}, {"pipe", '|'}, {"semicolon", ';'}, {"space", ' '}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (ae_strieq(v, names[i].name)) {
			*out = names[i].c;
			return 0;
		}
	if (strlen(v) == 1 && v[0] != '"') {
		*out = v[0];
		return 0;
	}
	return -1;
}

static int add_fp(void *u, const char *s, size_t n);

typedef struct termlist {
	char ***v;
	size_t *n;
} termlist;

static int add_term(void *u, const char *s, size_t n)
{
	termlist *l = u;
	*l->v = ae_realloc(*l->v, (*l->n + 1) * sizeof **l->v);
	(*l->v)[(*l->n)++] = ae_strndup(s, n);
	return 0;
}

static void free_terms(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int add_outcome(void *u, const char *s, size_t n)
{
	unsigned *mask = u;
	int o = ae_schema_value(ae_outcome_names, s, n);
	if (o < 0)
		return -1;
	*mask |= 1u << o;
	return 0;
}

/* One [study] value into its field; 0, or -1 when the value is bad. */
static int set_param(ae_study *st, const ae_param *p, const char *value)
{
	char *base = (char *)st, *end;
	size_t vl = strlen(value);
	switch (p->kind) {
	case P_TEXT: /* a default given again is replaced */
		free(*(char **)(base + p->off));
		*(char **)(base + p->off) = ae_strdup(value);
		return 0;
	case P_PATH: *(char **)(base + p->off) = ae_path_join(st->dir, value); return 0;
	case P_DATE:
		if (ae_parse_date(value, vl, (long *)(base + p->off2)))
			return -1;
		*(char **)(base + p->off) = ae_strdup(value);
		return 0;
	case P_U64: {
		errno = 0;
		unsigned long long v = strtoull(value, &end, 10);
		if (errno || end == value || *end || value[0] == '-')
			return -1;
		*(unsigned long long *)(base + p->off) = v;
		return 0;
	}
	case P_LONG: {
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno || end == value || *end || v < p->lo || (double)v > p->hi)
			return -1;
		*(long *)(base + p->off) = v;
		return 0;
	}
	case P_REAL:
	case P_REAL_OPEN: {
		double v = strtod(value, &end);
		int in = p->kind == P_REAL ? v >= p->lo && v <= p->hi && isfinite(v) : v > p->lo && v < p->hi;
		if (end == value || *end || !in)
			return -1;
		*(double *)(base + p->off) = v;
		if (p->off2)
			*(int *)(base + p->off2) = 1;
		return 0;
	}
	case P_CI:
		for (int m = 0; m < CI_COUNT; m++)
			if (strcmp(value, ae_ci_method_name(m)) == 0) {
				*(int *)(base + p->off) = m;
				return 0;
			}
		return -1;
	case P_DISPOSITIONS: st->fp_mask = 0; return each_item(value, add_fp, st) ? -1 : 0;
	case P_OUTCOMES: {
		unsigned *mask = (unsigned *)(base + p->off);
		*mask = 0;
		return each_item(value, add_outcome, mask) || !*mask ? -1 : 0;
	}
	case P_TERMS: {
		termlist l = {(char ***)(base + p->off), (size_t *)(base + p->off2)};
		free_terms(*l.v, *l.n); /* the default, when given */
		*l.v = NULL;
		*l.n = 0;
		each_item(value, add_term, &l);
		return *l.n ? 0 : -1;
	}
	}
	return -1;
}

static int study_key(parse_ctx *c, const char *section, const char *name, const char *value)
{
	size_t k;
	for (k = 0; k < F_COUNT; k++)
		if (strcmp(name, ae_study_params[k].key) == 0 &&
		    strcmp(section, ae_study_params[k].section ? ae_study_params[k].section : "study") == 0)
			break;
	if (k == F_COUNT)
		return bad(c, "unknown key '%s' in [%s]", name, section);
	if (c->seen[k]++)
		return bad(c, "key '%s' given twice in [%s]", name, section);
	const ae_param *p = &ae_study_params[k];
	if (set_param(c->st, p, value)) {
		char fmt[160];
		snprintf(fmt, sizeof fmt, "%s: '%%s' %s%%s", p->key, p->bad);
		return bad(c, fmt, value, "");
	}
	return 1;
}

const char *ae_study_param_name(const ae_param *p, char *buf)
{
	if (!p->section)
		return p->key;
	snprintf(buf, 64, "%s.%s", p->section, p->key);
	return buf;
}

void ae_study_param_text(const ae_study *st, const ae_param *p, char *buf, size_t n)
{
	const char *base = (const char *)st;
	buf[0] = '\0';
	switch (p->kind) {
	case P_TEXT:
	case P_DATE:
	case P_PATH: {
		const char *v = *(char *const *)(base + p->off);
		snprintf(buf, n, "%s", v ? v : "");
		break;
	}
	case P_U64: snprintf(buf, n, "%llu", *(const unsigned long long *)(base + p->off)); break;
	case P_LONG: snprintf(buf, n, "%ld", *(const long *)(base + p->off)); break;
	case P_REAL:
	case P_REAL_OPEN:
		if (!p->off2 || *(const int *)(base + p->off2))
			snprintf(buf, n, "%.15g", *(const double *)(base + p->off));
		break;
	case P_CI: snprintf(buf, n, "%s", ae_ci_method_name(*(const int *)(base + p->off))); break;
	case P_DISPOSITIONS: {
		size_t len = 0;
		for (int d = 0; d < DP_COUNT; d++)
			if ((st->fp_mask >> d) & 1 && len < n)
				len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
							ae_disposition_names[d]);
		break;
	}
	case P_TERMS: {
		size_t len = 0, nt = *(const size_t *)(base + p->off2);
		char *const *v = *(char *const *const *)(base + p->off);
		for (size_t i = 0; i < nt && len < n; i++)
			len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "", v[i]);
		break;
	}
	case P_OUTCOMES: {
		size_t len = 0;
		unsigned mask = *(const unsigned *)(base + p->off);
		for (int o = 0; o < OT_COUNT; o++)
			if ((mask >> o) & 1 && len < n)
				len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
							ae_outcome_names[o]);
		break;
	}
	}
}

/* column.pop_<group> = HEADER in [neighborhoods]: a group column of a
 * census export whose header is not pop_<group> (an ACS code, say). */
static int pop_key(parse_ctx *c, ae_input *in, const char *name, const char *value)
{
	_Static_assert(AE_MAX_GROUPS == 24, "the message below says 24");
	char *g = ae_strdup(name + 11);
	for (char *p = g; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (int k = 0; k < in->npop; k++)
		if (strcmp(in->pop_group[k], g) == 0) {
			free(g);
			return bad(c, "key '%s' given twice in [%s]", name, "neighborhoods");
		}
	if (!*value || in->npop == AE_MAX_GROUPS) {
		free(g);
		return bad(c,
			   !*value ? "key '%s' in [%s] has no value"
				   : "key '%s' in [%s]: more than 24 pop_<group> columns",
			   name, "neighborhoods");
	}
	in->pop_group[in->npop] = g;
	in->pop_column[in->npop++] = ae_strdup(value);
	return 1;
}

static int input_key(parse_ctx *c, int t, const char *name, const char *value)
{
	ae_input *in = &c->st->input[t];
	const char *sec = ae_tables[t].name;
	in->present = 1;
	if (strncmp(name, "column.", 7) == 0 && t == TB_HOODS && strlen(name + 7) > 4 && ae_strnieq(name + 7, 4, "pop_"))
		return pop_key(c, in, name, value);
	if (strncmp(name, "column.", 7) == 0) {
		int col = ae_schema_col(t, name + 7);
		if (col < 0)
			return bad(c, "unknown column '%s' in [%s]", name + 7, sec);
		if (c->seen_col[t] & (1u << col))
			return bad(c, "key '%s' given twice in [%s]", name, sec);
		c->seen_col[t] |= 1u << col;
		if (!*value)
			return bad(c, "key '%s' in [%s] has no value", name, sec);
		in->column[col] = ae_strdup(value);
		return 1;
	}
	if (strncmp(name, "value.", 6) == 0) {
		const char *dot = strchr(name + 6, '.');
		char colname[64];
		size_t n = dot ? (size_t)(dot - (name + 6)) : 0;
		if (!dot || n >= sizeof colname)
			return bad(c, "key '%s' in [%s] must be value.<column>.<canonical value>", name, sec);
		memcpy(colname, name + 6, n);
		colname[n] = '\0';
		int col = ae_schema_col(t, colname);
		/* the incidents' type is free text: value.type.<any name> = label renames a label */
		int free_text = t == TB_INCIDENTS && col == IC_TYPE;
		if (col < 0 || (!ae_tables[t].cols[col].values && !free_text))
			return bad(c, "'%s' in [%s] names no categorical column", name, sec);
		int v = free_text ? -1 : ae_schema_value(ae_tables[t].cols[col].values, dot + 1, strlen(dot + 1));
		if (free_text && !dot[1])
			return bad(c, "'%s' in [%s] names no type", name, sec);
		if (v < 0 && !free_text)
			return bad(c, "'%s' in [%s] names no canonical value", name, sec);
		if (!*value)
			return bad(c, "key '%s' in [%s] has no value", name, sec);
		in->maps = ae_realloc(in->maps, (in->nmaps + 1) * sizeof *in->maps);
		in->maps[in->nmaps].col = col;
		in->maps[in->nmaps].value = v;
		in->maps[in->nmaps].label = ae_strdup(value);
		in->maps[in->nmaps].name = free_text ? ae_strdup(dot + 1) : NULL;
		in->nmaps++;
		return 1;
	}
	/* keys 0-3 in every table, 4-5 in [neighborhoods] only, 6-7 in [searches] only */
	static const char *const keys[] = {"path",       "delimiter",           "timestamp_format", "missing",
					   "boundaries", "boundaries_property", "timezone",         "window_separator"};
	int k;
	for (k = 0; k < 8; k++)
		if (strcmp(name, keys[k]) == 0)
			break;
	if (k == 8 || (k >= 4 && k <= 5 && t != TB_HOODS) || (k >= 6 && t != TB_SEARCHES))
		return bad(c, "unknown key '%s' in [%s]", name, sec);
	if (c->seen_input[t] & (1u << k))
		return bad(c, "key '%s' given twice in [%s]", name, sec);
	c->seen_input[t] |= 1u << k;
	switch (k) {
	case 0:
		if (!*value)
			return bad(c, "key '%s' in [%s] has no value", name, sec);
		in->path_given = ae_strdup(value);
		in->path = ae_path_join(c->st->dir, value);
		break;
	case 1:
		/* inih cuts " ;..." as a comment, so "delimiter = ;" arrives empty */
		if (!*value)
			return bad(c,
				   "delimiter is empty in [%s]: ';' starts a comment in a study file%s; write "
				   "delimiter = semicolon (or comma, tab, pipe, space, or one character)",
				   sec, "");
		if (parse_delim(value, &in->delimiter))
			return bad(c, "delimiter '%s' in [%s]: one character, or comma, tab, pipe, semicolon, space",
				   value, sec);
		break;
	case 2: in->timestamp_format = *value ? ae_strdup(value) : NULL; break;
	case 3: each_item(value, add_missing, in); break;
	case 4:
		if (!*value)
			return bad(c, "key '%s' in [%s] has no value", name, sec);
		c->st->boundaries_given = ae_strdup(value);
		c->st->boundaries = ae_path_join(c->st->dir, value);
		break;
	case 5:
		if (!*value)
			return bad(c, "key '%s' in [%s] has no value", name, sec);
		c->st->boundaries_property = ae_strdup(value);
		break;
	case 6:
		if (!*value)
			return bad(c, "key '%s' in [%s] has no value", name, sec);
		in->timezone = ae_strdup(value);
		break;
	case 7:
		if (!*value)
			return bad(c, "key '%s' in [%s] has no value", name, sec);
		in->window_separator = ae_strdup(value);
		break;
	}
	return 1;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	parse_ctx *c = user;
	if (strcmp(section, "study") == 0)
		return study_key(c, section, name, value);
	if (strcmp(section, "effect") == 0) {
		c->st->effect_present = 1;
		return study_key(c, section, name, value);
	}
	int t = ae_schema_table(section);
	if (t < 0)
		return bad(c, "unknown section [%s]%s", section, "");
	return input_key(c, t, name, value);
}

/* What inih cannot tell: a section with no keys (its handler is never
 * called), a line longer than inih's 200-byte buffer (it would be cut), and
 * the line of [study] end (for a later check). */
static int prescan(FILE *f, const char *file, ae_study *st, long *end_line, ae_error *err)
{
	char line[4096];
	long n = 0;
	int in_study = 0;
	while (fgets(line, sizeof line, f)) {
		n++;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\n')
			len--;
		if (len > 198) /* inih reads 199 bytes a line, newline included */
			return ae_fail(err, AE_EUSAGE, "%s:%ld: line longer than 198 characters", file, n);
		const char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '[') {
			const char *q = strchr(p, ']');
			if (!q)
				return ae_fail(err, AE_EUSAGE, "%s:%ld: section header without ']'", file, n);
			size_t k = (size_t)(q - p - 1);
			char name[64];
			if (k >= sizeof name)
				k = sizeof name - 1;
			memcpy(name, p + 1, k);
			name[k] = '\0';
			in_study = strcmp(name, "study") == 0;
			if (strcmp(name, "effect") == 0)
				st->effect_present = 1; /* even with no key: the model with its defaults */
			if (!in_study && strcmp(name, "effect") != 0 && ae_schema_table(name) < 0)
				return ae_fail(err, AE_EUSAGE, "%s:%ld: unknown section [%s]", file, n, name);
		} else if (p == line && *p && *p != '\n' && *p != '\r' && *p != '#' && *p != ';' && !strpbrk(p, "=:")) {
			/* an indented line continues the value above; this one is neither */
			return ae_fail(err, AE_EUSAGE, "%s:%ld: not a 'key = value' line", file, n);
		} else if (in_study && strncmp(p, "end", 3) == 0 && (p[3] == ' ' || p[3] == '=' || p[3] == '\t')) {
			*end_line = n;
		}
	}
	rewind(f);
	return AE_OK;
}

static void set_name(ae_study *st, const char *file)
{
	const char *slash = strrchr(file, '/');
	const char *base = slash ? slash + 1 : file;
	st->dir = slash ? ae_strndup(file, (size_t)(slash - file)) : ae_strdup(".");
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".ini") == 0)
		n -= 4;
	st->name = ae_strndup(base, n);
}

/* [effect]'s defaults and the checks that need more than one key. */
static int effect_settle(ae_study *st, ae_error *err)
{
	const char *file = st->file;
	if (!st->effect_start_s) {
		st->effect_start_s = ae_strdup(st->start_s);
		st->effect_start_day = st->start_day;
	}
	if (!st->effect_end_s) {
		st->effect_end_s = ae_strdup(st->end_s);
		st->effect_end_day = st->end_day;
	}
	if (st->effect_end_day < st->effect_start_day)
		return ae_fail(err, AE_EUSAGE, "%s: [effect] end %s is before start %s", file, st->effect_end_s,
			       st->effect_start_s);
	if (strcmp(st->effect_unit, "month") != 0 && strcmp(st->effect_unit, "week") != 0)
		return ae_fail(err, AE_EUSAGE, "%s: [effect] unit: '%s' is not month or week", file, st->effect_unit);
	char *end;
	errno = 0;
	long pre = strtol(st->effect_window, &end, 10), post = -1;
	while (*end == ' ' || *end == '\t')
		end++;
	if (!errno && end != st->effect_window && *end == ',') {
		char *e2;
		post = strtol(end + 1, &e2, 10);
		while (*e2 == ' ' || *e2 == '\t')
			e2++;
		if (errno || e2 == end + 1 || *e2)
			post = -1;
	}
	if (pre < 1 || pre > 520 || post < 0 || post > 520)
		return ae_fail(err, AE_EUSAGE,
			       "%s: [effect] window: '%s' is not two whole numbers of periods, before (1 to 520) and "
			       "after (0 to 520), e.g. window = 12, 24",
			       file, st->effect_window);
	st->effect_pre = pre;
	st->effect_post = post;
	return AE_OK;
}

int ae_period_parse(const char *spec, long *start, long *end, char *label, size_t n, ae_error *err)
{
	const char *fix = "is not a period: give YYYY, YYYY-MM, YYYY-Qn (n 1 to 4) or START..END "
			  "(dates YYYY-MM-DD), e.g. --period 2025-03";
	size_t len = strlen(spec);
	const char *dots = strstr(spec, "..");
	int y = 0, a = 0, ok = 1;
	for (size_t i = 0; i < 4 && i < len; i++)
		ok &= spec[i] >= '0' && spec[i] <= '9';
	if (!dots && ok && len >= 4)
		y = (spec[0] - '0') * 1000 + (spec[1] - '0') * 100 + (spec[2] - '0') * 10 + (spec[3] - '0');
	if (dots) {
		if (ae_parse_date(spec, (size_t)(dots - spec), start) || ae_parse_date(dots + 2, strlen(dots + 2), end))
			return ae_fail(err, AE_EUSAGE, "--period '%s' %s", spec, fix);
		if (*end < *start)
			return ae_fail(err, AE_EUSAGE, "--period '%s': the end is before the start", spec);
		snprintf(label, n, "%.*s_%s", (int)(dots - spec), spec, dots + 2);
		return AE_OK;
	}
	if (!ok || y < 1 || !(len == 4 || (len == 7 && spec[4] == '-')))
		return ae_fail(err, AE_EUSAGE, "--period '%s' %s", spec, fix);
	int m0 = 1, m1 = 12;
	if (len == 7 && (spec[5] == 'Q' || spec[5] == 'q') && spec[6] >= '1' && spec[6] <= '4') {
		a = spec[6] - '0';
		m0 = 3 * a - 2;
		m1 = 3 * a;
	} else if (len == 7 && spec[5] >= '0' && spec[5] <= '1' && spec[6] >= '0' && spec[6] <= '9') {
		m0 = m1 = (spec[5] - '0') * 10 + (spec[6] - '0');
		if (m0 < 1 || m0 > 12)
			return ae_fail(err, AE_EUSAGE, "--period '%s' %s", spec, fix);
	} else if (len != 4)
		return ae_fail(err, AE_EUSAGE, "--period '%s' %s", spec, fix);
	*start = ae_days_from_civil(y, (unsigned)m0, 1);
	/* the day before the first of the following month */
	*end = (m1 == 12 ? ae_days_from_civil(y + 1, 1, 1) : ae_days_from_civil(y, (unsigned)m1 + 1, 1)) - 1;
	snprintf(label, n, "%s", spec);
	if (a)
		label[5] = 'Q';
	return AE_OK;
}

static char *day_text(long day)
{
	int y, m, d;
	ae_civil_from_days(day, &y, &m, &d);
	char buf[16];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	return ae_strdup(buf);
}

int ae_study_load(const char *file, ae_study *st, ae_error *err)
{
	return ae_study_load_period(file, NULL, 0, st, err);
}

int ae_study_load_period(const char *file, const char *period, int output_given, ae_study *st, ae_error *err)
{
	memset(st, 0, sizeof *st);
	st->file = ae_strdup(file);
	for (int t = 0; t < TB_COUNT; t++)
		st->input[t].delimiter = ',';
	set_name(st, file);
	for (size_t k = 0; k < F_COUNT; k++) /* the defaults, parsed as if given */
		if (ae_study_params[k].dflt && set_param(st, &ae_study_params[k], ae_study_params[k].dflt))
			return ae_fail(err, AE_EUSAGE, "internal: default of %s", ae_study_params[k].key);

	FILE *f = fopen(file, "r");
	if (!f)
		return ae_fail(err, AE_EUSAGE, "%s: cannot open study file: %s", file, strerror(errno));
	long end_line = 0;
	int rc = prescan(f, file, st, &end_line, err);
	if (rc) {
		fclose(f);
		return rc;
	}
	parse_ctx c;
	memset(&c, 0, sizeof c);
	c.st = st;
	int line = ini_parse_file(f, handler, &c);
	fclose(f);
	if (line > 0)
		return ae_fail(err, AE_EUSAGE, "%s:%d: %s", file, line, c.msg[0] ? c.msg : "not a valid INI line");
	if (line < 0)
		return ae_fail(err, AE_EUSAGE, "%s: cannot read study file", file);

	char label[64] = "";
	if (period) { /* before the checks and defaults that read the period */
		rc = ae_period_parse(period, &st->start_day, &st->end_day, label, sizeof label, err);
		if (rc)
			return rc;
		free(st->start_s);
		free(st->end_s);
		st->start_s = day_text(st->start_day);
		st->end_s = day_text(st->end_day);
		st->period = ae_strdup(period);
		c.seen[1] = c.seen[2] = 1; /* start, end */
	}
	for (size_t k = 0; k < F_COUNT; k++)
		if (ae_study_params[k].required && !c.seen[k])
			return ae_fail(err, AE_EUSAGE, "%s: [study] needs '%s'", file, ae_study_params[k].key);
	if (st->end_day < st->start_day)
		return ae_fail(err, AE_EUSAGE, "%s:%ld: [study] end %s is before start %s", file, end_line, st->end_s,
			       st->start_s);
	if (!st->title)
		st->title = ae_strdup(st->name);
	if (!st->output) {
		size_t n = strlen(st->name) + 10;
		st->output = ae_malloc(n);
		snprintf(st->output, n, "reports/%s", st->name);
	}
	if (period && !output_given) { /* a month's report beside the year's, not over it */
		size_t n = strlen(st->output) + strlen(label) + 2;
		char *o = ae_malloc(n);
		snprintf(o, n, "%s-%s", st->output, label);
		free(st->output);
		st->output = o;
	}
	if (!st->boundaries_property)
		st->boundaries_property = ae_strdup("neighborhood");
	if (!st->input[TB_READS].present && !st->input[TB_SEARCHES].present && !st->input[TB_SHARING].present &&
	    !st->input[TB_INCIDENTS].present)
		return ae_fail(err, AE_EUSAGE,
			       "%s: the study needs a [reads], [searches], [sharing] or [incidents] section", file);
	if (st->law && strcmp(st->law, "ca_sb34") != 0 && strcmp(st->law, "none") != 0)
		return ae_fail(err, AE_EUSAGE, "%s: law: '%s' is not ca_sb34 or none", file, st->law);
	if (!st->law) {
		const char *home = st->agency_state ? ae_state_code(st->agency_state, strlen(st->agency_state)) : NULL;
		st->law = ae_strdup(home && strcmp(home, "CA") == 0 ? "ca_sb34" : "none");
	}
	for (int t = 0; t < TB_COUNT; t++)
		if (st->input[t].present && !st->input[t].path)
			return ae_fail(err, AE_EUSAGE, "%s: [%s] needs 'path'", file, ae_tables[t].name);
	rc = effect_settle(st, err);
	if (rc)
		return rc;
	/* hashed once, here: the manifest and the briefing cite this file as it was read */
	return ae_sha256_file(file, &st->file_hash, err);
}

void ae_study_release(ae_study *st)
{
	if (!st)
		return;
	free(st->file);
	free(st->dir);
	free(st->name);
	free(st->title);
	free(st->start_s);
	free(st->end_s);
	free(st->period);
	free(st->timezone);
	free(st->output);
	free(st->currency);
	free(st->plate_key_file);
	free(st->organization_rules);
	free(st->boundaries);
	free(st->boundaries_given);
	free(st->boundaries_property);
	free_terms(st->flag_terms, st->nflag_terms);
	free_terms(st->vague_reasons, st->nvague_reasons);
	free_terms(st->generic_reasons, st->ngeneric_reasons);
	free_terms(st->retention_alternatives, st->nretention_alternatives);
	free(st->agency_state);
	free(st->agency);
	free(st->law);
	free(st->after_hours);
	free(st->effect_start_s);
	free(st->effect_end_s);
	free(st->effect_unit);
	free_terms(st->effect_types, st->neffect_types);
	free(st->effect_window);
	for (int t = 0; t < TB_COUNT; t++) {
		ae_input *in = &st->input[t];
		free(in->path_given);
		free(in->path);
		free(in->timestamp_format);
		free(in->timezone);
		free(in->window_separator);
		for (int c = 0; c < AE_MAX_COLS; c++)
			free(in->column[c]);
		for (int g = 0; g < in->npop; g++) {
			free(in->pop_group[g]);
			free(in->pop_column[g]);
		}
		for (size_t i = 0; i < in->nmaps; i++) {
			free(in->maps[i].label);
			free(in->maps[i].name);
		}
		free(in->maps);
		for (size_t i = 0; i < in->nmissing; i++)
			free(in->missing[i]);
		free(in->missing);
	}
	memset(st, 0, sizeof *st);
}

int ae_study_days(const ae_study *st, long *d, size_t *n, ae_error *err)
{
	*n = 0;
	for (size_t i = 0; i < st->nretention_alternatives && *n < AE_STUDY_MAX_DAYS - 1; i++) {
		char *end;
		errno = 0;
		long v = strtol(st->retention_alternatives[i], &end, 10);
		if (errno || *end || v < 0)
			return ae_fail(err, AE_EUSAGE, "%s: retention_alternatives: '%s' is not a whole number of days",
				       st->file, st->retention_alternatives[i]);
		d[(*n)++] = v;
	}
	if (st->retention_days > 0)
		d[(*n)++] = st->retention_days;
	for (size_t i = 1; i < *n; i++) /* insertion sort, duplicates dropped below */
		for (size_t j = i; j > 0 && d[j - 1] > d[j]; j--) {
			long x = d[j];
			d[j] = d[j - 1];
			d[j - 1] = x;
		}
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (!k || d[k - 1] != d[i])
			d[k++] = d[i];
	*n = k;
	return AE_OK;
}
