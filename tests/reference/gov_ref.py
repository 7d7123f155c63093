#!/usr/bin/python3
"""Independent reference for the governance classifications (standard library only).

Written from the task's spec text (search reason classes, flag terms, the organization
rules file and its order of decision), not from src/gov_classify.c. It uses regular
expressions where the C code walks bytes, so the two routes meet only in the results.

    /usr/bin/python3 tests/reference/gov_ref.py --check      # every fixture row; exit 1 on a difference
    /usr/bin/python3 tests/reference/gov_ref.py reason TEXT  # class and flag of one reason
    /usr/bin/python3 tests/reference/gov_ref.py org NAME [STATE [AGENCY_STATE]]

Fixtures: tests/data/gov/reasons.csv (reason,expected_class,flagged) and
tests/data/gov/organizations.csv (name,state,agency_state,expected_class,immigration,inactive),
classified with analysis/organization-rules.txt.
"""
import csv
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
RULES = os.path.join(ROOT, "analysis", "organization-rules.txt")
REASONS = os.path.join(ROOT, "tests", "data", "gov", "reasons.csv")
ORGS = os.path.join(ROOT, "tests", "data", "gov", "organizations.csv")

WS = " \t\n\v\f\r"  # ASCII whitespace only
VAGUE = {"check", "checking", "test", "testing", "n/a", "na", "asdf", "x", "misc", "other", "unk",
         "unknown", "lookup", "look up", "verify", "verifying", ".", "-", "none", "review",
         "follow up", "following up", "fyi", "see above", "ok", "?", "idk", "tbd"}
GENERIC = {"investigation", "investigations", "investigative", "inv", "invest",
           "criminal investigation"}
FLAG_TERMS = ["ICE", "HSI", "ERO", "CBP", "USBP", "Border Patrol", "DHS", "USCIS", "deport*",
              "immigra*"]


def ascii_lower(s):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def collapse(s):
    """Trimmed, inner runs of ASCII whitespace as one blank."""
    return re.sub("[" + WS + "]+", " ", s.strip(WS))


CASE_TOKEN = re.compile(r"^[0-9A-Za-z\-/#.]+$")


def reason_class(reason, vague=(), generic=()):
    """vague, generic: a study's own words added to the two lists."""
    t = reason.strip(WS)
    if t == "":
        return "blank"
    toks = re.split("[" + WS + "]+", t)
    if (all(CASE_TOKEN.match(k) for k in toks)
            and all(re.search("[0-9]", k) for k in toks if re.search("[A-Za-z]", k))
            and re.search("[0-9]", t)):
        return "case_number_only"
    c = ascii_lower(collapse(t))
    if c in VAGUE or c in {ascii_lower(collapse(w)) for w in vague} or len(c) <= 2:  # characters, not bytes
        return "vague"
    if c in GENERIC or c in {ascii_lower(collapse(w)) for w in generic}:
        return "generic_investigation"
    return "substantive"


def term_regex(term):
    """A term as a regex: ASCII case-insensitive, blanks as runs, edges at words."""
    t = term.strip(WS)
    prefix = t.endswith("*")
    if prefix:
        t = t[:-1].strip(WS)
    if not t:
        return None
    parts = [re.escape(w) for w in re.split("[" + WS + "]+", t)]
    body = "[ \\t\\n\\v\\f\\r]+".join(parts)
    alnum = re.compile("[0-9A-Za-z]")
    head = "(?<![0-9A-Za-z])" if alnum.match(t[0]) else ""
    tail = "(?![0-9A-Za-z])" if (alnum.match(t[-1]) and not prefix) else ""
    return re.compile(head + body + tail, re.IGNORECASE | re.ASCII)


def term_match(text, term):
    rx = term_regex(term)
    return bool(rx and rx.search(text))


def flagged(reason, terms=FLAG_TERMS):
    return any(term_match(reason, t) for t in terms)


# ---------------------------------------------------------------- organizations

STATE_NAMES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
    "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "Florida": "FL", "Georgia": "GA",
    "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS",
    "Kentucky": "KY", "Louisiana": "LA", "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA",
    "Michigan": "MI", "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO", "Montana": "MT",
    "Nebraska": "NE", "Nevada": "NV", "New Hampshire": "NH", "New Jersey": "NJ",
    "New Mexico": "NM", "New York": "NY", "North Carolina": "NC", "North Dakota": "ND",
    "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR", "Pennsylvania": "PA", "Rhode Island": "RI",
    "South Carolina": "SC", "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX", "Utah": "UT",
    "Vermont": "VT", "Virginia": "VA", "Washington": "WA", "West Virginia": "WV",
    "Wisconsin": "WI", "Wyoming": "WY", "District of Columbia": "DC",
}
CODES = set(STATE_NAMES.values()) | {"PR", "GU", "VI", "AS", "MP"}
RULE_CLASSES = ("federal", "immigration", "inactive", "public")


class RulesError(Exception):
    pass


def load_rules(path):
    """[(class, pattern, line)] in file order."""
    try:
        with open(path, "rb") as f:
            lines = f.read().decode("utf-8", "surrogateescape").split("\n")
    except OSError as e:
        raise RulesError("%s: cannot open: %s" % (path, e.strerror))
    rules = []
    for no, line in enumerate(lines, 1):
        s = line.strip(WS)
        if not s or s.startswith("#"):
            continue
        m = re.match(r"([^ \t\n\v\f\r]*)(.*)$", s, re.S)
        cls, pat = m.group(1), m.group(2).strip(WS)
        if cls not in RULE_CLASSES:
            raise RulesError("%s line %d: unknown class '%s' (federal, immigration, inactive, public)"
                             % (path, no, cls))
        if not (pat[:-1] if pat.endswith("*") else pat).strip(WS):
            raise RulesError("%s line %d: empty pattern for class '%s'" % (path, no, cls))
        rules.append((cls, pat, no))
    return rules


def state_code(s):
    if s is None:
        return None
    t = s.strip(WS)
    if len(t) == 2 and t.upper() in CODES:
        return t.upper()
    c = ascii_lower(collapse(t))
    for name, code in STATE_NAMES.items():
        if ascii_lower(name) == c:
            return code
    return None


def org_state(name, state_col, public):
    st = state_code(state_col) if state_col else None
    if st:
        return st
    for m in re.finditer(r"\(([A-Za-z]{2})\)", name):
        if m.group(1).upper() in CODES:
            return m.group(1).upper()
    m = re.match(r"([A-Za-z]{2})[ \t\n\v\f\r]*- ", name.strip(WS))
    if m and m.group(1).upper() in CODES:
        return m.group(1).upper()
    if not public:
        return None
    toks = [t for t in re.findall(r"(?<![0-9A-Za-z])[A-Z]{2}(?![0-9A-Za-z])", name) if t in CODES]
    if toks:
        # a last "SD" after another code is a Sheriff's Department, not South Dakota
        return toks[-2] if len(toks) > 1 and toks[-1] == "SD" else toks[-1]
    best = None  # (start, -length, code)
    for full, code in STATE_NAMES.items():
        for m in term_regex(full).finditer(name):
            key = (m.start(), -len(full), code)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def classify_org(rules, name, state_col="", agency_state=""):
    """(class, immigration, inactive, state, rule_line)."""
    def first(cls):
        for c, pat, no in rules:
            if c == cls and term_match(name, pat):
                return no
        return 0
    home = state_code(agency_state) if agency_state else None
    if agency_state and not home:
        raise ValueError("agency_state %r is not a state" % agency_state)
    inactive = 1 if first("inactive") else 0
    pub = first("public")
    st = org_state(name, state_col, pub) or ""
    imm = first("immigration")
    if imm:
        return ("federal", 1, inactive, st, imm)
    fed = first("federal")
    if fed:
        return ("federal", 0, inactive, st, fed)
    if st and home:
        return ("in_state" if st == home else "out_of_state", 0, inactive, st, 0)
    if not pub:
        return ("private", 0, inactive, st, 0)
    return ("unknown", 0, inactive, st, pub)


# ------------------------------------------------------------------------ check

def check():
    bad = 0
    n_r = n_o = 0
    with open(REASONS, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            n_r += 1
            got = (reason_class(row["reason"]), int(flagged(row["reason"])))
            want = (row["expected_class"], int(row["flagged"]))
            if got != want:
                bad += 1
                print("reason %r: got %s, expected %s" % (row["reason"], got, want))
    rules = load_rules(RULES)
    with open(ORGS, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            n_o += 1
            c = classify_org(rules, row["name"], row["state"], row["agency_state"])
            got = (c[0], c[1], c[2])
            want = (row["expected_class"], int(row["immigration"]), int(row["inactive"]))
            if got != want:
                bad += 1
                print("organization %r (%r, %r): got %s, expected %s"
                      % (row["name"], row["state"], row["agency_state"], got, want))
    print("gov_ref: %d reasons, %d organizations, %d differences" % (n_r, n_o, bad))
    return 1 if bad else 0


def main(argv):
    if len(argv) == 2 and argv[1] == "--check":
        return check()
    if len(argv) == 3 and argv[1] == "reason":
        print(reason_class(argv[2]), int(flagged(argv[2])))
        return 0
    if 3 <= len(argv) <= 5 and argv[1] == "org":
        print(classify_org(load_rules(RULES), *argv[2:]))
        return 0
    print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
