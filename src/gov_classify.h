/* gov_classify.h — the classifications of the coming governance analysis
 * (searches and sharing): the class of a search's free-text reason, whether
 * a reason names immigration enforcement (flag terms), and the class of an
 * organization that searches or receives the data (rules file). Pure
 * functions on bytes: no global state, no locale, ASCII-only case folding.
 * Inputs are not NUL-terminated (s, n bytes) and are only read; the caller
 * owns them. ae_orgrules is owned by whoever loaded it (ae_orgrules_free).
 * Nothing here exits or prints: errors come back as return values.
 *
 * Whitespace is ASCII (space, \t, \n, \v, \f, \r). A word boundary is the
 * start or end of the text or a byte that is not an ASCII letter or digit
 * (so any non-ASCII byte is a boundary).
 *
 * Reason classes, on the trimmed reason, first match wins:
 *   blank                  nothing left after trimming;
 *   case_number_only       every whitespace-separated token is made of
 *                          [0-9A-Za-z-/#.] only, every token with a letter
 *                          also has a digit (a case code: "25-00123",
 *                          "CR2025-114", "#2025-4411"), and the reason has
 *                          at least one digit ("/" alone is a token too);
 *   vague                  the reason, lower-cased with each inner run of
 *                          whitespace read as one blank, is exactly one of
 *                          the words of ae_reason_vague_words ("look  up" is
 *                          "look up"), or it is 2 characters or fewer. The
 *                          length counts UTF-8 characters (bytes that are
 *                          not continuation bytes 0x80-0xBF) of that
 *                          collapsed form, so "é" or "??" is vague; a
 *                          reason with non-ASCII bytes never equals a list
 *                          word, but may be vague by length;
 *   generic_investigation  likewise exactly one of
 *                          ae_reason_generic_words ("investigation", ...);
 *   substantive            the rest ("stolen vehicle investigation").
 */
#ifndef AE_GOV_CLASSIFY_H
#define AE_GOV_CLASSIFY_H
#include <stddef.h>

enum ae_reason_class { RS_BLANK, RS_CASE_NUMBER_ONLY, RS_VAGUE, RS_GENERIC_INVESTIGATION, RS_SUBSTANTIVE, RS_COUNT };
/* "blank", "case_number_only", "vague", "generic_investigation",
 * "substantive": the names a report writes. */
extern const char *const ae_reason_class_names[RS_COUNT];
/* The two word lists of the rules above, NULL-terminated, lower case. */
extern const char *const ae_reason_vague_words[];
extern const char *const ae_reason_generic_words[];

/* The class (RS_*) of a reason of n bytes (s may be NULL when n is 0). */
int ae_reason_class(const char *s, size_t n);
/* The same with a study's own words added to the two lists (compared as the
 * built-in ones are: whole reason, any case, whitespace runs as one blank). */
int ae_reason_class_with(const char *s, size_t n, const char *const *vague, size_t nvague, const char *const *generic,
			 size_t ngeneric);

/* Terms: matched case-insensitively (ASCII), each run of whitespace in a
 * term matching any run of whitespace in the text ("Border Patrol" matches
 * "border   patrol"). A term that starts with a letter or digit must start at
 * a word boundary; one that ends with a letter or digit must end at one,
 * unless it ends in '*', which makes it a prefix ("deport*" matches
 * "Deported", "deportation"). Terms that start or end with punctuation
 * ("[Federal]", "(Dead/Old)") match those bytes literally, wherever they
 * are. Leading and trailing whitespace of a term is ignored; an empty term
 * (or "*" alone) matches nothing. */
int ae_term_match(const char *s, size_t n, const char *term);

/* 1 when the reason matches any of the nterms terms, else 0. "ice" is not
 * found in "police", "notice" or "Justice", but is in "ICE request" and in
 * "per ice.". */
int ae_reason_flagged(const char *s, size_t n, const char *const *terms, size_t nterms);
/* The default flag terms, NULL-terminated: ICE, HSI, ERO, CBP, USBP,
 * Border Patrol, DHS, USCIS, deport*, immigra*. */
extern const char *const ae_flag_terms_default[];

/* ----------------------------------------------------------- organizations
 *
 * A rules file (the shipped one is AE_ORGRULES_DEFAULT) holds one rule a
 * line, "CLASS PATTERN" (blanks or tabs between), where CLASS is federal,
 * immigration (an immigration agency, which is also federal), inactive or
 * public (words that make a name a public agency), and PATTERN is the rest
 * of the line, matched as a term (above). Blank lines and lines whose first
 * non-blank byte is '#' are comments; a '#' later in a line is part of the
 * pattern.
 *
 * A name's class, first that applies:
 *   1. an immigration rule matches: ORG_FEDERAL with immigration = 1 (the
 *      spec's "immigration" is a part of "federal", so it is a flag, not a
 *      class of its own: federal counts include it);
 *   2. a federal rule matches: ORG_FEDERAL;
 *   3. the organization's state is known and so is the agency's:
 *      ORG_IN_STATE when they are equal, else ORG_OUT_OF_STATE;
 *   4. no public rule matches: ORG_PRIVATE;
 *   5. ORG_UNKNOWN (a public agency in no known state).
 * inactive is a separate flag: any inactive rule matches.
 *
 * The organization's state, first found:
 *   a. the state column (trimmed), when it is a state code (any case) or a
 *      full state name; any other value is ignored;
 *   b. a "(ST)" group anywhere in the name ("Bakersfield PD (CA)");
 *   c. an "ST - " prefix ("TX - Harris County SO");
 *   d. only when a public rule matches: the last standalone two-letter
 *      token in capitals that is a state code ("Canton GA PD"); last,
 *      because the vendor writes the state after the place (but a last
 *      "SD" after another code is a Sheriff's Department: "San Diego
 *      County CA SD" is CA). The public
 *      guard keeps words such as "IT", "OR" or "IN" of a private name from
 *      being read as states;
 *   e. only when a public rule matches (the same guard, so "Texas
 *      Roadhouse" stays private): a full state name, the leftmost, the
 *      longer name first ("West Virginia", not "Virginia").
 * State codes are the 50 states, DC, and PR, GU, VI, AS, MP; full names
 * are the 50 states and District of Columbia. The state is reported for
 * every class (federal included), "" when none is found.
 *
 * rule_line is the 1-based line of the rule that decided: the immigration
 * or federal rule; for in_state / out_of_state 0 (the built-in state
 * logic); for private 0 (no rule matched); for unknown the public rule
 * that made it a public agency. */
#define AE_ORGRULES_DEFAULT "analysis/organization-rules.txt"
/* The shipped file's text, compiled into the program from AE_ORGRULES_DEFAULT
 * by the Makefile (build/gen/orgrules_text.c), so a run finds its rules from
 * any folder; and the name messages and reports give it. */
extern const unsigned char ae_orgrules_text[];
extern const size_t ae_orgrules_text_len;
#define AE_ORGRULES_BUILTIN "analysis/organization-rules.txt (built in)"

typedef struct ae_orgrules ae_orgrules;

/* Loads a rules file into *out (free it with ae_orgrules_free); path NULL:
 * the built-in copy of the shipped file. 0, or -1
 * with a message in err naming the file and line as given, e.g.
 * "rules.txt line 12: unknown class 'federl' (federal, immigration,
 * inactive, public)", "rules.txt line 3: empty pattern for class 'public'",
 * "rules.txt: cannot open: No such file or directory". */
int ae_orgrules_load(const char *path, ae_orgrules **out, char *err, size_t errlen);
void ae_orgrules_free(ae_orgrules *r);
/* Number of rules loaded (comments not counted). */
size_t ae_orgrules_count(const ae_orgrules *r);

enum ae_org_class { ORG_FEDERAL, ORG_IN_STATE, ORG_OUT_OF_STATE, ORG_PRIVATE, ORG_UNKNOWN, ORG_COUNT };
/* "federal", "in_state", "out_of_state", "private", "unknown". */
extern const char *const ae_org_class_names[ORG_COUNT];

typedef struct ae_orgclass {
	int cls;         /* ORG_* */
	int immigration; /* 1: an immigration agency (cls is ORG_FEDERAL) */
	int inactive;    /* 1: an inactive rule matches */
	char state[3];   /* the organization's state code, "" if none found */
	int rule_line;   /* the rule that decided (see above), 0 for none */
} ae_orgclass;

/* Classifies the name of n bytes. state_col: the organization's state
 * column (NUL-terminated; NULL or "" when there is none). agency_state: the
 * study's own state, a code or full name (NULL or "": no in/out-of-state
 * decision, a public agency is then unknown). 0, or -1 when r, out or name
 * (with n > 0) is NULL or agency_state is not a state. */
int ae_org_classify(const ae_orgrules *r, const char *name, size_t n, const char *state_col, const char *agency_state,
		    ae_orgclass *out);

/* The code ("CA") of a state code (any case) or full name of n bytes, NULL
 * when it is neither. */
const char *ae_state_code(const char *s, size_t n);
#endif
