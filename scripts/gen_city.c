/*
 * gen_city.c - seeded generator of a plausible fictional city's ALPR data for alpr-eval.
 *
 * Two modes:
 *   gen-city --out DIR [--reads N] [--vehicles V] [--cameras C] [--neighborhoods K]
 *            [--seed S] [--year Y] [--no-defects] [--plain]
 *            [--fleet-seed S] [--hit-scale X]
 *       Sample City (America/Chicago): reads.csv.gz (or reads.csv), hits.csv, outcomes.csv,
 *       cameras.csv, neighborhoods.csv, boundaries.geojson (the areas' polygons), searches.csv
 *       (a search audit log in Flock's network-audit shape), sharing.csv (a sharing list in Flock's
 *       share-settings shape) and planted.ini (the parameters and the true values a correct tool
 *       must recover, exposure and the governance counts included).
 *   gen-city --format other-agency --out DIR [--seed S] [--year Y]
 *       A small export in a different vendor layout (semicolon-delimited, US timestamps in
 *       naive America/New_York time, vendor labels, NA/N/A/NULL, CRLF, a UTF-8 BOM), plus
 *       expected.ini with the counts a correct tool must report.
 *   gen-city --format census-tracts --out DIR [--seed S] [--year Y]
 *       A county's read log for Apr..Jun whose reads carry census-tract GEOIDs (semicolon,
 *       naive America/Chicago time), cameras.csv with tracts for most cameras, the census
 *       table tracts.csv (40 tracts, 25 with reads), a few alerts, and expected.ini.
 *
 * Build: gcc -std=c11 -O2 -Wall -Wextra -Werror -o build/gen-city scripts/gen_city.c \
 *            $(pkg-config --libs gsl zlib) -lm
 *
 * Determinism: all randomness comes from GSL's mt19937 with seeds derived from --seed by integer
 * arithmetic; every number written is formatted from integers (times, coordinates in
 * micro-degrees, confidence in hundredths), so the same arguments give byte-identical files.
 * Distribution draws that use libm (gamma, lognormal) only feed weights that are rounded to
 * integers first. Polygons are built and tested in integer micro-degrees (no floating point).
 * Memory is O(vehicles + cameras + hours of the year); reads, hits and outcomes are streamed in
 * time order through fixed buffers (the census-tract export sorts one preallocated array).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <gsl/gsl_cdf.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <zlib.h>

/* ------------------------------------------------------------------------------------------ */
/* planted parameters                                                                          */
/* ------------------------------------------------------------------------------------------ */

#define PAD_DAYS 3        /* out-of-period local days generated on each side of the year */
#define OOP_SHARE 0.003   /* expected share of reads outside the period */
#define Q_HOT 0.004       /* probability a vehicle is on a hotlist */
#define LAMBDA_HOT 0.6    /* per-read hit probability for a hotlisted vehicle */
#define LAMBDA_COLD 0.001 /* per-read hit probability for any other vehicle */
/* --hit-scale: both hit probabilities times this (1 unless given; x 1.0 changes no bit), to
   plant a change between two years (alpr-eval compare) */
static double hit_scale = 1.0;
#define P_NO_READ_ID 0.05     /* share of hits written without read_id (linked by plate+camera+time) */
#define P_OUTCOME 0.35        /* probability a confirmed hit gets >= 1 outcome */
#define P_SECOND_OUTCOME 0.15 /* given one outcome, probability of a second */
#define P_ROUTE 0.6           /* probability a read is at one of the vehicle's two route cameras */
#define P_CONF_NA 0.015       /* share of reads with confidence NA */
#define P_COMMUTER 0.05       /* share of vehicles in the heavy "commuter" class */
#define N_UNLINKED_OUTCOMES 6 /* outcomes with an empty hit_id */

enum { CAT_N = 8, DISP_N = 6, OT_N = 6, ST_N = 8, VAR_N = 5 };
static const char *const CAT_NAMES[CAT_N] = {"stolen_vehicle", "stolen_plate", "wanted_person", "missing_person",
                                             "amber_alert",    "registration", "manual",        "other"};
static const double CAT_P[CAT_N] = {0.22, 0.18, 0.08, 0.03, 0.01, 0.35, 0.08, 0.05};
static const char *const DISP_NAMES[DISP_N] = {"confirmed",   "misread",        "wrong_state",
                                               "stale_entry", "not_actionable", "unverified"};
static const double DISP_P[DISP_N] = {0.55, 0.12, 0.05, 0.06, 0.12, 0.10};
enum { D_CONFIRMED = 0, D_UNVERIFIED = 5 };
static const char *const OT_NAMES[OT_N] = {"arrest", "vehicle_recovered", "citation", "warning", "no_action", "other"};
/* outcome type distribution: for stolen_vehicle hits, stolen_plate hits, everything else */
static const double OT_P[3][OT_N] = {{0.20, 0.45, 0.08, 0.05, 0.17, 0.05},
                                     {0.25, 0.10, 0.25, 0.10, 0.25, 0.05},
                                     {0.28, 0.02, 0.32, 0.18, 0.15, 0.05}};
static const char *const ST_NAMES[ST_N] = {"TX", "OK", "LA", "NM", "AR", "CA", "FL", ""};
static const double ST_P[ST_N] = {0.88, 0.02, 0.02, 0.015, 0.01, 0.015, 0.01, 0.03};
/* plate spelling in the read log: ABC1234, ABC-1234, ABC 1234, abc1234, abc-1234 */
static const double VAR_P[VAR_N] = {0.88, 0.05, 0.04, 0.02, 0.01};

/* hour-of-day profiles (local time), weekday and weekend */
static const int PROF[2][24] = {
    {14, 9, 7, 6, 9, 22, 50, 88, 95, 78, 70, 72, 78, 75, 76, 84, 96, 100, 84, 62, 48, 38, 29, 20},
    {30, 24, 17, 11, 8, 9, 15, 24, 38, 54, 68, 78, 84, 84, 82, 80, 77, 74, 69, 61, 52, 45, 40, 34}};
static const int DOW_F[7] = {72, 100, 101, 102, 103, 108, 86}; /* Sun..Sat */

/* neighbourhoods: the first eight are named and placed by hand; more follow a square spiral */
static const char *const NB_NAMES[] = {
    "Northside",  "Riverside", "Old Town",  "Eastgate",   "Industrial Park", "University", "Westwood",      "Harbor",
    "Southside",  "Lakeview",  "Midtown",   "Hillcrest",  "Fairview",        "Oak Park",   "Cedar Heights", "Pine Ridge",
    "Mill Creek", "Brookside", "Sunnyside", "Greenfield", "Ashford",         "Bayview",    "Cherry Hill",   "Elm Grove"};
#define NB_NAMED ((int)(sizeof NB_NAMES / sizeof NB_NAMES[0]))
static const int NB_GRID8[8][2] = {{0, 1}, {-1, 0}, {0, 0}, {1, 0}, {1, -1}, {-1, 1}, {-1, -1}, {0, -1}};
/* planted exposure skew: fixed cameras beyond the first one per area go mostly to Eastgate and Harbor,
   and mobile units patrol mostly Eastgate, Harbor and Industrial Park (see planted.ini) */
static const int NB_FIXED_W8[8] = {2, 2, 2, 40, 10, 2, 1, 20};  /* where fixed cameras go */
static const int NB_PATROL_W8[8] = {3, 5, 6, 34, 14, 3, 2, 33}; /* where mobile units patrol */
/* population in thousands and group shares in percent (black, white, hispanic, asian, other) */
static const int NB_POP8[8] = {42, 35, 18, 38, 9, 28, 46, 31};
static const int NB_GRP8[8][5] = {{8, 62, 18, 8, 4},  {10, 48, 32, 6, 4}, {12, 50, 28, 6, 4}, {40, 12, 42, 3, 3},
                                  {22, 20, 52, 2, 4}, {9, 52, 20, 15, 4}, {5, 70, 14, 8, 3},  {34, 14, 45, 4, 3}};
/* a small listed area that is a hole in University (index 5): feature index K, after the grid */
#define ENCLAVE_NAME "Pecan Hill"
#define ENCLAVE_POP 874 /* under 1000: a small-denominator area */
static const int ENCLAVE_GRP[5] = {48, 20, 24, 4, 4};
#define ENCLAVE_VMT 52000L
#define P_NB_EMPTY 0.5         /* share of mobile reads written without a neighbourhood (polygon assigns) */
#define P_MOBILE_OUTSIDE 0.002 /* share of mobile reads just outside the city limits: unassigned */
#define CITY_LAT_U 30270000    /* micro-degrees */
#define CITY_LON_U (-97740000)
#define CELL_LAT_U 30000
#define CELL_LON_U 35000

/* ------------------------------------------------------------------------------------------ */
/* utilities                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("gen-city: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xcalloc(size_t n, size_t sz) {
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p) die("out of memory");
    return p;
}

static uint64_t splitmix64(uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/* an mt19937 stream per purpose, seeded from (seed, stream) by integer mixing */
static gsl_rng *make_rng(uint64_t seed, uint64_t stream) {
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r) die("out of memory");
    unsigned long s = (unsigned long)(splitmix64(seed * 0x100000001B3ULL + stream) & 0xffffffffUL);
    gsl_rng_set(r, s ? s : 1);
    return r;
}

static gsl_ran_discrete_t *make_table(size_t n, const double *w) {
    gsl_ran_discrete_t *t = gsl_ran_discrete_preproc(n, w);
    if (!t) die("cannot build discrete table");
    return t;
}

static void mkdir_p(const char *dir) {
    char tmp[4096];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof tmp) die("bad output directory");
    memcpy(tmp, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (tmp[i] == '/' || tmp[i] == 0) {
            char c = tmp[i];
            tmp[i] = 0;
            if (mkdir(tmp, 0777) != 0 && errno != EEXIST) die("mkdir %s: %s", tmp, strerror(errno));
            tmp[i] = c;
        }
    }
}

static void join_path(char *buf, size_t cap, const char *dir, const char *name) {
    int n = snprintf(buf, cap, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= cap) die("path too long");
}

static FILE *xfopen(const char *dir, const char *name) {
    char path[4200];
    join_path(path, sizeof path, dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) die("cannot write %s: %s", path, strerror(errno));
    return f;
}

static void xfclose(FILE *f, const char *name) {
    if (ferror(f) || fclose(f) != 0) die("write error on %s", name);
}

/* ------------------------------------------------------------------------------------------ */
/* buffered output (plain or gzip)                                                             */
/* ------------------------------------------------------------------------------------------ */

typedef struct {
    FILE *fp;
    gzFile gz;
    char *buf;
    size_t len, cap;
    char path[4200];
} Out;

static void out_open(Out *o, const char *dir, const char *name, int gz) {
    memset(o, 0, sizeof *o);
    join_path(o->path, sizeof o->path, dir, name);
    if (gz) {
        o->gz = gzopen(o->path, "wb6");
        if (!o->gz) die("cannot write %s", o->path);
        gzbuffer(o->gz, 1u << 18);
    } else {
        o->fp = fopen(o->path, "wb");
        if (!o->fp) die("cannot write %s: %s", o->path, strerror(errno));
    }
    o->cap = 1u << 20;
    o->buf = xcalloc(o->cap, 1);
}

static void out_flush(Out *o) {
    if (!o->len) return;
    if (o->gz) {
        if (gzwrite(o->gz, o->buf, (unsigned)o->len) != (int)o->len) die("write error on %s", o->path);
    } else if (fwrite(o->buf, 1, o->len, o->fp) != o->len) {
        die("write error on %s", o->path);
    }
    o->len = 0;
}

static void out_close(Out *o) {
    out_flush(o);
    if (o->gz) {
        if (gzclose(o->gz) != Z_OK) die("write error on %s", o->path);
    } else {
        xfclose(o->fp, o->path);
    }
    free(o->buf);
    o->buf = NULL;
}

/* callers reserve room for a whole row first; the put_* helpers then never check */
static inline void out_reserve(Out *o, size_t n) {
    if (o->cap - o->len < n) out_flush(o);
}
static inline void put_c(Out *o, char c) { o->buf[o->len++] = c; }
static inline void put_s(Out *o, const char *s) {
    while (*s) o->buf[o->len++] = *s++;
}
static inline void put_m(Out *o, const char *s, size_t n) {
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}
static inline void put_2(Out *o, unsigned v) {
    o->buf[o->len++] = (char)('0' + v / 10);
    o->buf[o->len++] = (char)('0' + v % 10);
}
static inline void put_uw(Out *o, uint64_t v, int width) {
    char t[24];
    int n = 0;
    do {
        t[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width) t[n++] = '0';
    while (n) o->buf[o->len++] = t[--n];
}

/* micro-degrees as a decimal with six places */
static int fmt_micro(char *b, int32_t u) {
    int64_t v = u;
    int neg = v < 0;
    if (neg) v = -v;
    return sprintf(b, "%s%" PRId64 ".%06" PRId64, neg ? "-" : "", v / 1000000, v % 1000000);
}

/* ------------------------------------------------------------------------------------------ */
/* calendar and time zones (US rules since 2007, computed, no tz database needed)              */
/* ------------------------------------------------------------------------------------------ */

static int64_t floordiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

static int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t dd = doy - (153 * mp + 2) / 5 + 1;
    const int64_t mm = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yoe + era * 400 + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

static int weekday(int64_t days) { /* 0 = Sunday */
    int64_t w = (days + 4) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

static int64_t nth_weekday(int y, int m, int wd, int n) {
    int64_t first = days_from_civil(y, m, 1);
    return first + (wd - weekday(first) + 7) % 7 + 7 * (n - 1);
}

typedef struct {
    int std_off; /* seconds east of UTC in standard time, e.g. -21600 for America/Chicago */
} Tz;

/* UTC offset in seconds at instant t: DST from the 2nd Sunday of March 02:00 standard time to the
   1st Sunday of November 02:00 daylight time */
static int tz_offset(const Tz *tz, int64_t t) {
    int y, m, d;
    civil_from_days(floordiv(t + tz->std_off, 86400), &y, &m, &d);
    int64_t start = nth_weekday(y, 3, 0, 2) * 86400 + 7200 - tz->std_off;
    int64_t end = nth_weekday(y, 11, 0, 1) * 86400 + 7200 - (tz->std_off + 3600);
    return (t >= start && t < end) ? tz->std_off + 3600 : tz->std_off;
}

/* naive local seconds -> UTC; first occurrence in a fall-back hour; *gap set inside a gap */
static int64_t local_to_utc(const Tz *tz, int64_t local, int *gap) {
    int64_t u_dst = local - (tz->std_off + 3600), u_std = local - tz->std_off;
    int ok_dst = tz_offset(tz, u_dst) == tz->std_off + 3600;
    int ok_std = tz_offset(tz, u_std) == tz->std_off;
    if (gap) *gap = !(ok_dst || ok_std);
    if (ok_dst) return u_dst; /* the earlier instant when both exist */
    return u_std;
}

/* ISO 8601: 2025-03-01T13:45:12Z, or local time with offset 2025-03-01T07:45:12-06:00 */
static int fmt_iso(char *b, int64_t t, int with_off, int off) {
    int64_t lt = with_off ? t + off : t;
    int64_t days = floordiv(lt, 86400), sod = lt - days * 86400;
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    int n = sprintf(b, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60));
    if (!with_off) {
        b[n++] = 'Z';
    } else {
        int a = off < 0 ? -off : off;
        n += sprintf(b + n, "%c%02d:%02d", off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
    }
    b[n] = 0;
    return n;
}

static int fmt_date(char *b, int64_t days) {
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    return sprintf(b, "%04d-%02d-%02d", y, m, d);
}

/* ------------------------------------------------------------------------------------------ */
/* plates                                                                                      */
/* ------------------------------------------------------------------------------------------ */

#define PLATE_SPACE 175760000ULL /* 26^3 * 10^4 */

/* kind 0: LLL DDDD (most states); kind 1: D LLL DDD (California style).
   variant: 0 plain, 1 dash, 2 space, 3 lower case, 4 lower case with dash */
static int fmt_plate(char *b, uint32_t code, int kind, int variant) {
    char L[3], D[4];
    uint32_t digits = code % 10000, letters = code / 10000;
    for (int i = 3; i >= 0; i--) {
        D[i] = (char)('0' + digits % 10);
        digits /= 10;
    }
    for (int i = 2; i >= 0; i--) {
        L[i] = (char)('A' + letters % 26);
        letters /= 26;
    }
    char sep = (variant == 1 || variant == 4) ? '-' : (variant == 2 ? ' ' : 0);
    int lower = variant >= 3;
    int n = 0;
    if (kind == 0) {
        for (int i = 0; i < 3; i++) b[n++] = L[i];
        if (sep) b[n++] = sep;
        for (int i = 0; i < 4; i++) b[n++] = D[i];
    } else {
        b[n++] = D[0];
        for (int i = 0; i < 3; i++) b[n++] = L[i];
        if (sep) b[n++] = sep;
        for (int i = 1; i < 4; i++) b[n++] = D[i];
    }
    if (lower)
        for (int i = 0; i < n; i++)
            if (b[i] >= 'A' && b[i] <= 'Z') b[i] = (char)(b[i] - 'A' + 'a');
    b[n] = 0;
    return n;
}

static uint64_t gcd_u64(uint64_t a, uint64_t b) {
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* ------------------------------------------------------------------------------------------ */
/* boundaries: a distorted grid of neighbourhood polygons, integer micro-degrees throughout     */
/* ------------------------------------------------------------------------------------------ */

/* The city is a grid of cells (one per neighbourhood, placed by nb_cell). Lattice corner (i, j)
   sits at cell coordinates (i - 1/2, j - 1/2), displaced by up to 8 % of a cell. Each lattice edge
   is a polyline of 10..40 vertices whose interior points are pushed sideways by up to 10 % of a
   cell under a parabolic envelope 4t(1-t); the two cells that share an edge use the very same
   points, so the cells tile without gaps or overlaps. In cell units a vertex's sideways offset is
   at most 0.67 times its distance along the edge from either end (corner shift 0.16/0.84 plus
   envelope slope 0.4/0.84), so the edges leaving a corner stay inside disjoint 34-degree cones
   and no two edges cross. Everything is integer arithmetic on micro-degrees, hence the same on
   every platform. Randomness here comes from splitmix64 hashes of (seed, edge), not from GSL. */
typedef struct {
    int32_t x, y; /* x = longitude, y = latitude, micro-degrees */
} Pt;
typedef struct {
    Pt *p;
    int n; /* distinct points; the ring closes from p[n-1] back to p[0] */
} Ring;
typedef struct {
    Ring outer[2], hole[2]; /* up to two parts (MultiPolygon), each with at most one hole */
    int nparts;
    int32_t bx0, by0, bx1, by1; /* bounding box of all parts */
} Area;

#define GEO_MARGIN_U 50 /* sampled points keep at least this distance (micro-degrees) from every edge */
#define MAXEDGE 48

typedef struct {
    uint64_t s;
} Hr;
static uint64_t hr_next(Hr *h) { return splitmix64(h->s++); }
static int32_t hr_range(Hr *h, int32_t lo, int32_t hi) {
    return lo + (int32_t)(hr_next(h) % (uint64_t)((int64_t)hi - lo + 1));
}
static uint64_t geo_key(uint64_t seed, int kind, int i, int j) {
    uint64_t k = ((uint64_t)(unsigned)kind << 48) ^ ((uint64_t)(uint32_t)(i + 100000) << 24) ^
                 (uint64_t)(uint32_t)(j + 100000);
    return splitmix64(seed * 0x9E3779B97F4A7C15ULL ^ splitmix64(k));
}

/* points of a jittered edge from a to b (both included); offsets along y (horizontal edge) or x */
static int edge_points(Pt *out, Pt a, Pt b, int vertical, int32_t amp, int nmin, int nmax, uint64_t key) {
    Hr h = {key};
    int m = (int)hr_range(&h, nmin, nmax);
    int32_t raw[MAXEDGE];
    for (int j = 0; j < m; j++) raw[j] = hr_range(&h, -1000, 1000);
    const int64_t d = m - 1;
    for (int j = 0; j < m; j++) {
        out[j].x = a.x + (int32_t)((int64_t)(b.x - a.x) * j / d);
        out[j].y = a.y + (int32_t)((int64_t)(b.y - a.y) * j / d);
        if (j == 0 || j == m - 1) continue;
        int64_t sm = (raw[j - 1] + 2 * (int64_t)raw[j] + raw[j + 1]) / 4; /* smoothed, |sm| <= 1000 */
        int32_t off = (int32_t)((int64_t)amp * sm * 4 * j * (d - j) / (1000 * d * d));
        if (vertical)
            out[j].x += off;
        else
            out[j].y += off;
    }
    out[m - 1] = b;
    return m;
}

static void ring_push(Ring *r, int *cap, Pt p) {
    if (r->n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        Pt *np = realloc(r->p, (size_t)*cap * sizeof *np);
        if (!np) die("out of memory");
        r->p = np;
    }
    r->p[r->n++] = p;
}

/* appends an edge's points, forward (a .. b, b excluded) or backward (b .. a, a excluded) */
static void ring_edge(Ring *r, int *cap, const Pt *e, int m, int backward) {
    for (int j = 0; j < m - 1; j++) ring_push(r, cap, backward ? e[m - 1 - j] : e[j]);
}

static Pt lattice_corner(uint64_t seed, int i, int j) {
    Hr h = {geo_key(seed, 1, i, j)};
    Pt p;
    p.x = CITY_LON_U + (2 * i - 1) * (CELL_LON_U / 2) + hr_range(&h, -CELL_LON_U * 8 / 100, CELL_LON_U * 8 / 100);
    p.y = CITY_LAT_U + (2 * j - 1) * (CELL_LAT_U / 2) + hr_range(&h, -CELL_LAT_U * 8 / 100, CELL_LAT_U * 8 / 100);
    return p;
}

/* counter-clockwise ring of grid cell (gx, gy) */
static Ring cell_ring(uint64_t seed, int gx, int gy) {
    Ring r = {NULL, 0};
    int cap = 0;
    Pt e[MAXEDGE];
    Pt c00 = lattice_corner(seed, gx, gy), c10 = lattice_corner(seed, gx + 1, gy);
    Pt c11 = lattice_corner(seed, gx + 1, gy + 1), c01 = lattice_corner(seed, gx, gy + 1);
    const int32_t ah = CELL_LAT_U / 10, av = CELL_LON_U / 10;
    int m = edge_points(e, c00, c10, 0, ah, 10, 40, geo_key(seed, 2, gx, gy)); /* bottom */
    ring_edge(&r, &cap, e, m, 0);
    m = edge_points(e, c10, c11, 1, av, 10, 40, geo_key(seed, 3, gx + 1, gy)); /* right */
    ring_edge(&r, &cap, e, m, 0);
    m = edge_points(e, c01, c11, 0, ah, 10, 40, geo_key(seed, 2, gx, gy + 1)); /* top, walked back */
    ring_edge(&r, &cap, e, m, 1);
    m = edge_points(e, c00, c01, 1, av, 10, 40, geo_key(seed, 3, gx, gy)); /* left, walked back */
    ring_edge(&r, &cap, e, m, 1);
    return r;
}

/* counter-clockwise jittered rectangle [x0,x1] x [y0,y1]; corner shift cj and edge amplitude amp as
   fractions (percent) of a cell; the cone argument above holds for the sizes used here */
static Ring rect_ring(uint64_t seed, int kind, int32_t x0, int32_t y0, int32_t x1, int32_t y1, int cj, int amp) {
    Ring r = {NULL, 0};
    int cap = 0;
    Pt c[4], e[MAXEDGE];
    const int32_t jx = CELL_LON_U * cj / 100, jy = CELL_LAT_U * cj / 100;
    const int32_t ah = CELL_LAT_U * amp / 100, av = CELL_LON_U * amp / 100;
    for (int q = 0; q < 4; q++) {
        Hr h = {geo_key(seed, kind, 7, q)};
        c[q].x = (q == 0 || q == 3 ? x0 : x1) + hr_range(&h, -jx, jx);
        c[q].y = (q < 2 ? y0 : y1) + hr_range(&h, -jy, jy);
    }
    for (int q = 0; q < 4; q++) {
        int m = edge_points(e, c[q], c[(q + 1) % 4], q % 2, q % 2 ? av : ah, 10, 16, geo_key(seed, kind, 8, q));
        ring_edge(&r, &cap, e, m, 0);
    }
    return r;
}

static Ring ring_reversed(const Ring *s) {
    Ring r = {xcalloc((size_t)s->n, sizeof(Pt)), s->n};
    r.p[0] = s->p[0];
    for (int i = 1; i < s->n; i++) r.p[i] = s->p[s->n - i];
    return r;
}

/* crossing-number test, exact in integers; points exactly on an edge are never sampled */
static int in_ring(const Ring *r, Pt p) {
    int in = 0;
    for (int i = 0, j = r->n - 1; i < r->n; j = i++) {
        const Pt a = r->p[j], b = r->p[i];
        if ((a.y > p.y) != (b.y > p.y)) {
            int64_t num = (int64_t)(p.y - a.y) * (b.x - a.x), den = (int64_t)b.y - a.y;
            int64_t lhs = (int64_t)(p.x - a.x) * den;
            if (den > 0 ? lhs < num : lhs > num) in = !in;
        }
    }
    return in;
}

/* 1 when p is within m (Euclidean, micro-degrees) of an edge of the ring */
static int near_ring(const Ring *r, Pt p, int32_t m) {
    const int64_t m2 = (int64_t)m * m;
    for (int i = 0, j = r->n - 1; i < r->n; j = i++) {
        const Pt a = r->p[j], b = r->p[i];
        if (p.x < (a.x < b.x ? a.x : b.x) - m || p.x > (a.x > b.x ? a.x : b.x) + m || p.y < (a.y < b.y ? a.y : b.y) - m ||
            p.y > (a.y > b.y ? a.y : b.y) + m)
            continue;
        int64_t dx = (int64_t)b.x - a.x, dy = (int64_t)b.y - a.y, px = (int64_t)p.x - a.x, py = (int64_t)p.y - a.y;
        int64_t len2 = dx * dx + dy * dy, dot = px * dx + py * dy;
        if (dot <= 0) {
            if (px * px + py * py <= m2) return 1;
        } else if (dot >= len2) {
            int64_t qx = (int64_t)p.x - b.x, qy = (int64_t)p.y - b.y;
            if (qx * qx + qy * qy <= m2) return 1;
        } else {
            int64_t cr = px * dy - py * dx;
            if (cr * cr <= m2 * len2) return 1;
        }
    }
    return 0;
}

static int part_has(const Area *A, int k, Pt p) {
    return in_ring(&A->outer[k], p) && !(A->hole[k].n && in_ring(&A->hole[k], p));
}
static int area_has(const Area *A, Pt p) {
    if (p.x < A->bx0 || p.x > A->bx1 || p.y < A->by0 || p.y > A->by1) return 0;
    for (int k = 0; k < A->nparts; k++)
        if (part_has(A, k, p)) return 1;
    return 0;
}
/* the tool's rule: the first feature (file order) that holds the point; -1 none */
static int area_lookup(const Area *ar, int n, Pt p) {
    for (int k = 0; k < n; k++)
        if (area_has(&ar[k], p)) return k;
    return -1;
}

static void area_bbox(Area *A) {
    A->bx0 = A->by0 = INT32_MAX;
    A->bx1 = A->by1 = INT32_MIN;
    for (int k = 0; k < A->nparts; k++)
        for (int i = 0; i < A->outer[k].n; i++) {
            const Pt q = A->outer[k].p[i];
            if (q.x < A->bx0) A->bx0 = q.x;
            if (q.x > A->bx1) A->bx1 = q.x;
            if (q.y < A->by0) A->by0 = q.y;
            if (q.y > A->by1) A->by1 = q.y;
        }
}

/* uniform point strictly inside part `part` of area A (-1: any part), at least GEO_MARGIN_U from
   every edge, by rejection from the bounding box */
static Pt sample_in(const Area *A, int part, gsl_rng *r) {
    int32_t x0 = A->bx0, y0 = A->by0, x1 = A->bx1, y1 = A->by1;
    if (part >= 0) {
        x0 = y0 = INT32_MAX;
        x1 = y1 = INT32_MIN;
        for (int i = 0; i < A->outer[part].n; i++) {
            const Pt q = A->outer[part].p[i];
            if (q.x < x0) x0 = q.x;
            if (q.x > x1) x1 = q.x;
            if (q.y < y0) y0 = q.y;
            if (q.y > y1) y1 = q.y;
        }
    }
    for (int tries = 0; tries < 1000000; tries++) {
        Pt p;
        p.x = x0 + (int32_t)gsl_rng_uniform_int(r, (unsigned long)(x1 - x0) + 1);
        p.y = y0 + (int32_t)gsl_rng_uniform_int(r, (unsigned long)(y1 - y0) + 1);
        int ok = 0;
        for (int k = 0; k < A->nparts && !ok; k++)
            if ((part < 0 || part == k) && part_has(A, k, p)) ok = 1;
        if (!ok) continue;
        int near = 0;
        for (int k = 0; k < A->nparts && !near; k++)
            near = near_ring(&A->outer[k], p, GEO_MARGIN_U) || (A->hole[k].n && near_ring(&A->hole[k], p, GEO_MARGIN_U));
        if (!near) return p;
    }
    die("internal: cannot sample inside a polygon");
    return (Pt){0, 0};
}

/* twice the signed area (shoelace), micro-degrees squared, relative to the first point */
static int64_t ring_area2(const Ring *r) {
    int64_t s = 0;
    const Pt o = r->p[0];
    for (int i = 0; i < r->n; i++) {
        const Pt a = r->p[i], b = r->p[(i + 1) % r->n];
        s += ((int64_t)a.x - o.x) * ((int64_t)b.y - o.y) - ((int64_t)b.x - o.x) * ((int64_t)a.y - o.y);
    }
    return s;
}

/* area in hundredths of km2: 1 micro-degree of latitude is 0.11085 m, of longitude at 30.27 N
   0.09615 m (constants, no libm) */
static long area_km2_x100(const Area *A) {
    int64_t a2 = 0;
    for (int k = 0; k < A->nparts; k++) {
        a2 += ring_area2(&A->outer[k]);
        if (A->hole[k].n) a2 += ring_area2(&A->hole[k]); /* clockwise: negative */
    }
    double m2 = (double)a2 / 2.0 * 0.11085 * 0.09615;
    return (long)(m2 / 1e4 + 0.5);
}

static void geo_write_ring(FILE *f, const Ring *r) {
    char xb[24], yb[24];
    fputc('[', f);
    for (int i = 0; i <= r->n; i++) {
        const Pt q = r->p[i % r->n];
        fmt_micro(xb, q.x);
        fmt_micro(yb, q.y);
        fprintf(f, "%s[%s,%s]", i ? "," : "", xb, yb);
    }
    fputc(']', f);
}

static void area_free(Area *A) {
    for (int k = 0; k < 2; k++) free(A->outer[k].p), free(A->hole[k].p);
}

/* ------------------------------------------------------------------------------------------ */
/* Sample City                                                                                 */
/* ------------------------------------------------------------------------------------------ */

typedef struct {
    uint64_t reads, vehicles;
    int cameras, neighborhoods, year, defects, plain;
    uint64_t seed;
    int vehicles_set;
    uint64_t fleet_seed; /* --fleet-seed: the vehicle pool's own seed, so two years share vehicles */
    int fleet_seed_set;
} Args;

typedef struct {
    char id[24];
    int mobile, nb, nb_hidden; /* nb_hidden: written with an empty neighbourhood in cameras.csv */
    int32_t lat_u, lon_u;
    int64_t inst_day, rem_day; /* active on days [inst_day, rem_day) */
    int64_t out_s, out_e;      /* outage, inclusive days (out_s > out_e: none) */
    double w;
} Cam;

enum { CLS_BEFORE = 0, CLS_IN = 1, CLS_AFTER = 2 };
enum { DEF_NONE = 0, DEF_BAD_TS, DEF_EMPTY_PLATE, DEF_SHORT_ROW, DEF_LONG_ROW };
enum { EV_BAD_READ_ID = 1, EV_BAD_HOTLIST, EV_ARM_BAD_TYPE, EV_UNLINKED_OUTCOME };

typedef struct {
    uint64_t k;
    int type, idx;
} Event;

static int cmp_event(const void *a, const void *b) {
    const Event *x = a, *y = b;
    if (x->k != y->k) return x->k < y->k ? -1 : 1;
    if (x->type != y->type) return x->type < y->type ? -1 : 1;
    return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : (x > y);
}

static void nb_name(char *b, int k) {
    if (k < NB_NAMED)
        strcpy(b, NB_NAMES[k]);
    else
        sprintf(b, "District %d", k + 1);
}

/* grid cell of neighbourhood k: the first eight by hand, then a square spiral from ring 2 on */
static void nb_cell(int k, int *gx, int *gy) {
    if (k < 8) {
        *gx = NB_GRID8[k][0];
        *gy = NB_GRID8[k][1];
        return;
    }
    int x = 0, y = 0, dx = 0, dy = -1;
    for (int i = 0; i < k + 1; i++) {
        if (x == y || (x < 0 && x == -y) || (x > 0 && x == 1 - y)) {
            int t = dx;
            dx = -dy;
            dy = t;
        }
        x += dx;
        y += dy;
    }
    *gx = x;
    *gy = y;
}

typedef struct {
    FILE *f;
} Ini;

static void ini_i(Ini *p, const char *key, long long v, const char *comment) {
    fprintf(p->f, "# %s\n%s = %lld\n", comment, key, v);
}
static void ini_d(Ini *p, const char *key, double v, const char *comment) {
    fprintf(p->f, "# %s\n%s = %.10g\n", comment, key, v);
}
static void ini_s(Ini *p, const char *key, const char *v, const char *comment) {
    fprintf(p->f, "# %s\n%s = %s\n", comment, key, v);
}

static const char *const GRP_NAMES[5] = {"black", "white", "hispanic", "asian", "other"};

/* exposure figures of EXPOSURE.md from per-area counts y (expected or realized): exposure_ratio per
   area, group_exposure and disparity_ratio per group, the rate at all and the Gini coefficient */
static void exposure_stats(int n, const double *y, const long *pop, const long *grp, int ng, double *ratio, double *gexp,
                           double *disp, double *rate_all, double *gini) {
    double Y = 0, P = 0;
    for (int k = 0; k < n; k++) Y += y[k], P += (double)pop[k];
    *rate_all = Y / P * 1000.0;
    for (int k = 0; k < n; k++) ratio[k] = pop[k] > 0 ? (y[k] / Y) / ((double)pop[k] / P) : NAN;
    for (int g = 0; g < ng; g++) {
        double num = 0, den = 0;
        for (int k = 0; k < n; k++) {
            if (pop[k] <= 0) continue;
            num += (double)grp[k * ng + g] * (y[k] / (double)pop[k] * 1000.0);
            den += (double)grp[k * ng + g];
        }
        gexp[g] = num / den;
        disp[g] = gexp[g] / *rate_all;
    }
    double sp = 0, sx = 0, sd = 0;
    for (int k = 0; k < n; k++)
        if (pop[k] > 0) sp += (double)pop[k], sx += y[k];
    const double xbar = sx / sp;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            if (pop[i] > 0 && pop[j] > 0)
                sd += (double)pop[i] * (double)pop[j] * fabs(y[i] / (double)pop[i] - y[j] / (double)pop[j]);
    *gini = sd / (2.0 * sp * sp * xbar);
}

/* key: prefix + area name with spaces as '_' */
static void area_key(char *b, size_t cap, const char *prefix, const char *name) {
    int n = snprintf(b, cap, "%s%s", prefix, name);
    for (int i = 0; i < n && (size_t)i < cap; i++)
        if (b[i] == ' ') b[i] = '_';
}

/* ------------------------------------------------------------------------------------------ */
/* Sample City: the generator's context                                                        */
/* ------------------------------------------------------------------------------------------ */

/* gen_city runs the stages below in order, each filling its block of a City; later stages only
   read earlier blocks. The order is part of the output: each random stream must be drawn in the
   same sequence on every run, and the setup stream (rs) is shared by build_areas,
   build_calendar, draw_cameras, draw_patrol_rosters, draw_vehicles and, after the reads,
   write_neighborhoods_csv. Moving a draw from one stage to another changes every file. */

/* neighbourhoods (build_areas; population from write_neighborhoods_csv) */
typedef struct {
    int has_enclave, has_island;        /* ENCLAVE_NAME as area K (K >= 6); Harbor's island (K >= 8) */
    int NA;                             /* listed areas: rows of neighborhoods.csv, features of the GeoJSON */
    char (*nbn)[32];                    /* names [NA] */
    double *nb_fw, *nb_pw;              /* fixed-camera and patrol weights [K] */
    Area *ar;                           /* polygons [NA] */
    int gx_min, gx_max, gy_min, gy_max; /* grid cells in use */
    gsl_ran_discrete_t *nb_ftab, *nb_ptab;
    long *nb_pop, (*nb_grp)[5]; /* population and its groups [NA] */
    double *nb_km2, *nb_vmt;    /* area_km2 and daily_vmt as written [NA] */
} Areas;

/* local days (build_calendar): the period Jan 1 .. Dec 31 of --year, PAD_DAYS more on each side */
typedef struct {
    int64_t p_first, p_last; /* the period's first and last local day */
    int64_t d_first;         /* first generated local day */
    int ndays, H;            /* generated local days; the UTC hours they span */
    int64_t utc0;            /* first generated instant */
    int64_t per_end_utc;     /* last second of the period */
    double *dayw;            /* traffic weight per generated local day */
} Calendar;

/* cameras (draw_cameras, place_fixed_cameras, draw_patrol_rosters) */
typedef struct {
    Cam *cam;                              /* [C]: fixed ones first, then the mobile units */
    int cam_enclave, cam_island;           /* fixed cameras written without an area (-1: none) */
    uint8_t *mob;                          /* patrol area per unit and local day, 255 off duty */
    gsl_ran_discrete_t *cam_tab, *fix_tab; /* by traffic weight: every camera, the fixed ones */
} Cameras;

/* the vehicle pool (draw_vehicles) and what happened to each vehicle (stream_reads) */
typedef struct {
    uint32_t *pcode;  /* plate code, spelled by fmt_plate */
    uint8_t *vstate;  /* index into ST_NAMES */
    int8_t *vhot;     /* hotlist category, -1 not hot */
    uint16_t *vroute; /* two route cameras (fixed) per vehicle */
    uint64_t n_hot_vehicles;
    double *qroute; /* per camera: the read weight's share on it as a route camera */
    double *vw;     /* read propensity (the alias table's weight) per vehicle */
    gsl_ran_discrete_t *veh_tab;
    uint32_t *vlast;                  /* second (from utc0) of the last read, UINT32_MAX none */
    uint32_t *vreads, *vhits, *vconf; /* in-period reads, hits, confirmed hits */
} Fleet;

/* UTC hours of the generated days (weight_hours, count_reads_per_hour) */
typedef struct {
    double *hw;       /* weight */
    int16_t *hday;    /* local day, from d_first */
    uint8_t *hlh;     /* local hour */
    int32_t *hoff;    /* UTC offset */
    uint32_t *hcount; /* reads drawn into the hour */
    double w_in;      /* total weight of the in-period hours */
    gsl_ran_discrete_t *hour_tab;
} Hours;

/* how the reads fall and which records are planted (count_reads_per_hour, plan_defects, plan_events) */
typedef struct {
    uint64_t n_cls[3]; /* reads before, in and after the period */
    uint64_t n_valid;  /* in-period reads without a defect */
    int def_counts[5], n_def_reads;
    uint64_t def_slot[16]; /* read slots (ordinal in the file) of the defective rows, sorted */
    int def_type[16];
    Event ev[32]; /* extra records keyed on the ordinal of valid in-period reads */
    int nev;
} ReadPlan;

/* expected shares of the accepted in-period reads (expected_exposure) */
typedef struct {
    double *e_area; /* per listed area [NA] */
    double e_mobile, e_outside;
} Truth;

/* counts kept while the records are written (stream_reads), reported in planted.ini */
typedef struct {
    uint64_t hit_no, out_no; /* records written to hits.csv, outcomes.csv */
    uint64_t hits_in, hits_noid, hits_oop, hits_bad, hits_conf;
    uint64_t hits_cat[CAT_N], hits_disp[DISP_N], hit_with_out;
    uint64_t out_linked, out_unlinked, out_bad, out_type[OT_N];
    uint64_t mobile_reads, conf_na, noncanon_plate, empty_state;
    uint64_t reads_utc_trap;    /* out-of-period reads whose UTC date is inside the year */
    uint64_t reads_utc_trap_in; /* in-period reads whose UTC date is after the year */
    uint64_t *area;             /* accepted in-period reads per listed area [NA] */
    uint64_t unassigned, mobile_polygon, mobile_named, mobile_island;
    uint64_t cam_polygon[2]; /* reads of the island camera, of the enclave camera */
} Tally;

/* alias tables of the record attributes */
typedef struct {
    gsl_ran_discrete_t *st_tab, *cat_tab, *disp_tab, *var_tab, *ot_tab[3];
} Tables;

typedef struct {
    const Args *a;
    const char *dir;
    Tz tz;
    int K, C, n_fixed, n_mobile; /* neighbourhoods; cameras, fixed and mobile */
    uint64_t N, V;               /* reads, vehicles */
    gsl_rng *rs;                 /* setup: city, cameras, calendar, vehicles */
    gsl_rng *rt;                 /* read times */
    gsl_rng *rr;                 /* read attributes */
    gsl_rng *rh;                 /* hits and outcomes */
    gsl_rng *rd;                 /* defects and special records */
    gsl_rng *rg;                 /* positions: cameras, mobile reads; which reads omit the area */
    Tables tab;
    Areas areas;
    Calendar cal;
    Cameras cams;
    Fleet fleet;
    Hours hours;
    Truth truth;
    ReadPlan plan;
    Tally tally;
    struct Gov *gov; /* the audit log and sharing list (gen_governance), NULL before */
} City;

/* a camera installed, not removed and not in an outage on local day `day` */
static int cam_up(const Cam *q, int64_t day) {
    return day >= q->inst_day && day < q->rem_day && !(day >= q->out_s && day <= q->out_e);
}

/* mobile unit `cm` on its 06:00-22:00 shift in UTC hour i, not on a day off */
static int unit_on_duty(const City *c, int cm, int i) {
    const int lh = c->hours.hlh[i];
    return lh >= 6 && lh < 22 && c->cams.mob[(size_t)(cm - c->n_fixed) * (size_t)c->cal.ndays + c->hours.hday[i]] != 255;
}

/* ------------------------------------------------------------------------------------------ */
/* Sample City: building the city                                                              */
/* ------------------------------------------------------------------------------------------ */

/* sizes from the arguments, one mt19937 stream per purpose, the attribute tables */
static void city_init(City *c, const Args *a, const char *dir) {
    memset(c, 0, sizeof *c);
    c->a = a;
    c->dir = dir;
    c->tz = (Tz){-6 * 3600}; /* America/Chicago */
    c->K = a->neighborhoods;
    c->C = a->cameras;
    c->N = a->reads;
    c->V = a->vehicles;
    c->n_mobile = c->C / 4;
    c->n_fixed = c->C - c->n_mobile;
    c->rs = make_rng(a->seed, 1);
    c->rt = make_rng(a->seed, 2);
    c->rr = make_rng(a->seed, 3);
    c->rh = make_rng(a->seed, 4);
    c->rd = make_rng(a->seed, 5);
    c->rg = make_rng(a->seed, 6);
    Tables *tb = &c->tab;
    tb->st_tab = make_table(ST_N, ST_P);
    tb->cat_tab = make_table(CAT_N, CAT_P);
    tb->disp_tab = make_table(DISP_N, DISP_P);
    tb->var_tab = make_table(VAR_N, VAR_P);
    for (int i = 0; i < 3; i++) tb->ot_tab[i] = make_table(OT_N, OT_P[i]);
}

/* Neighbourhoods: names, the weights that place fixed cameras and patrols, polygons. Areas
   0..K-1 are grid cells; with K >= 6 area K (ENCLAVE_NAME) is a hole in University; with K >= 8
   Harbor (7) also has an island south of the city (a MultiPolygon). */
static void build_areas(City *c) {
    Areas *as = &c->areas;
    const int K = c->K;
    const uint64_t seed = c->a->seed;
    as->has_enclave = K >= 6;
    as->has_island = K >= 8;
    as->NA = K + as->has_enclave;
    as->nbn = xcalloc((size_t)as->NA, sizeof *as->nbn);
    as->nb_fw = xcalloc((size_t)K, sizeof(double));
    as->nb_pw = xcalloc((size_t)K, sizeof(double));
    as->ar = xcalloc((size_t)as->NA, sizeof *as->ar);
    Area *ar = as->ar;
    for (int k = 0; k < K; k++) {
        int gx, gy;
        nb_name(as->nbn[k], k);
        nb_cell(k, &gx, &gy);
        if (gx < as->gx_min) as->gx_min = gx;
        if (gx > as->gx_max) as->gx_max = gx;
        if (gy < as->gy_min) as->gy_min = gy;
        if (gy > as->gy_max) as->gy_max = gy;
        ar[k].outer[0] = cell_ring(seed, gx, gy);
        ar[k].nparts = 1;
        as->nb_fw[k] = k < 8 ? NB_FIXED_W8[k] : 6 + (double)gsl_rng_uniform_int(c->rs, 10);
        as->nb_pw[k] = k < 8 ? NB_PATROL_W8[k] : 4 + (double)gsl_rng_uniform_int(c->rs, 12);
    }
    if (as->has_enclave) { /* a jittered rectangle near the middle of University's cell */
        int gx, gy;
        nb_cell(5, &gx, &gy);
        const int32_t cx = CITY_LON_U + gx * CELL_LON_U, cy = CITY_LAT_U + gy * CELL_LAT_U;
        strcpy(as->nbn[K], ENCLAVE_NAME);
        ar[K].outer[0] = rect_ring(seed, 4, cx - CELL_LON_U * 15 / 100, cy - CELL_LAT_U * 10 / 100,
                                   cx + CELL_LON_U * 12 / 100, cy + CELL_LAT_U * 14 / 100, 2, 3);
        ar[K].nparts = 1;
        ar[5].hole[0] = ring_reversed(&ar[K].outer[0]);
    }
    if (as->has_island) { /* Harbor's island, south of the lowest row, across open water */
        int gx, gy;
        nb_cell(7, &gx, &gy);
        const int32_t hx = CITY_LON_U + gx * CELL_LON_U, yb = CITY_LAT_U + as->gy_min * CELL_LAT_U;
        ar[7].outer[1] = rect_ring(seed, 5, hx - CELL_LON_U * 25 / 100, yb - CELL_LAT_U * 125 / 100,
                                   hx + CELL_LON_U * 35 / 100, yb - CELL_LAT_U * 90 / 100, 3, 5);
        ar[7].nparts = 2;
    }
    for (int k = 0; k < as->NA; k++) area_bbox(&ar[k]);
    as->nb_ftab = make_table((size_t)K, as->nb_fw);
    as->nb_ptab = make_table((size_t)K, as->nb_pw);
}

/* Local days [d_first, d_last], the period [d_first+PAD, d_last-PAD] inside them, and each day's
   traffic weight: weekday, holiday, season, and a random day-to-day factor. */
static void build_calendar(City *c) {
    Calendar *cal = &c->cal;
    const int year = c->a->year;
    cal->p_first = days_from_civil(year, 1, 1);
    cal->p_last = days_from_civil(year, 12, 31);
    cal->d_first = cal->p_first - PAD_DAYS;
    const int64_t d_last = cal->p_last + PAD_DAYS;
    cal->ndays = (int)(d_last - cal->d_first + 1);
    cal->utc0 = local_to_utc(&c->tz, cal->d_first * 86400, NULL);
    const int64_t utc1 = local_to_utc(&c->tz, (d_last + 1) * 86400, NULL);
    cal->per_end_utc = local_to_utc(&c->tz, (cal->p_last + 1) * 86400, NULL) - 1; /* last second */
    cal->H = (int)((utc1 - cal->utc0) / 3600);
    const int64_t thanksgiving = nth_weekday(year, 11, 4, 4), memorial = nth_weekday(year, 6, 1, 1) - 7,
                  labor = nth_weekday(year, 9, 1, 1);
    cal->dayw = xcalloc((size_t)cal->ndays, sizeof(double));
    for (int i = 0; i < cal->ndays; i++) {
        int64_t dd = cal->d_first + i;
        int y, m, d;
        civil_from_days(dd, &y, &m, &d);
        int hol = (m == 1 && d == 1) || (m == 7 && d == 4) || (m == 12 && d == 25) || dd == thanksgiving ||
                  dd == memorial || dd == labor;
        int season = (m >= 6 && m <= 8) ? 94 : (m == 12 ? 97 : 100);
        /* day-to-day variation: gamma(shape 25, mean 1) multiplier, rounded to 1/1000 */
        double g = floor(gsl_ran_gamma(c->rs, 25.0, 1.0 / 25.0) * 1000.0 + 0.5);
        cal->dayw[i] = (double)DOW_F[weekday(dd)] * (hol ? 60.0 : 100.0) * season * g;
    }
}

/* Camera ids, install days, traffic weights, outages; fixed cameras get their area (one per area
   first, then by NB_FIXED_W8), mobile units none. One camera arrives mid-year, one leaves. */
static void draw_cameras(City *c) {
    const int C = c->C, K = c->K, n_fixed = c->n_fixed, n_mobile = c->n_mobile;
    const int64_t p_first = c->cal.p_first;
    gsl_rng *rs = c->rs;
    Cam *cam = c->cams.cam = xcalloc((size_t)C, sizeof *cam);
    int wid = C - n_mobile >= 100 || n_mobile >= 100 ? 3 : 2;
    if (n_fixed >= 1000 || n_mobile >= 1000) wid = 4;
    for (int i = 0; i < C; i++) {
        Cam *q = &cam[i];
        q->mobile = i >= n_fixed;
        int idx = q->mobile ? i - n_fixed + 1 : i + 1;
        snprintf(q->id, sizeof q->id, "CAM-%c%0*d", q->mobile ? 'M' : 'F', wid, idx);
        q->inst_day = days_from_civil(c->a->year - 2, 1, 1) + (int64_t)gsl_rng_uniform_int(rs, 600);
        q->rem_day = INT64_MAX;
        q->out_s = 1;
        q->out_e = 0;
        if (!q->mobile) {
            q->nb = (n_fixed >= K && i < K) ? i : (int)gsl_ran_discrete(rs, c->areas.nb_ftab);
            /* the former position draws, kept so that the setup stream stays aligned; positions
               are drawn inside the polygons (place_fixed_cameras) */
            (void)gsl_rng_uniform_int(rs, 20001);
            (void)gsl_rng_uniform_int(rs, 24001);
            q->w = 40 + (double)gsl_rng_uniform_int(rs, 160);
            if (i >= 1 && gsl_rng_uniform(rs) < 0.25) { /* an outage of 1..14 days */
                q->out_s = p_first + (int64_t)gsl_rng_uniform_int(rs, 350);
                q->out_e = q->out_s + (int64_t)gsl_rng_uniform_int(rs, 14);
            }
        } else {
            q->nb = -1;
            q->w = 300 + (double)gsl_rng_uniform_int(rs, 200);
            if (gsl_rng_uniform(rs) < 0.3) { /* a unit in the shop for 3..20 days */
                q->out_s = p_first + (int64_t)gsl_rng_uniform_int(rs, 340);
                q->out_e = q->out_s + 2 + (int64_t)gsl_rng_uniform_int(rs, 18);
            }
        }
    }
    if (n_fixed >= 4) { /* one camera installed mid-year, one removed in the autumn */
        cam[2].inst_day = days_from_civil(c->a->year, 4, 15);
        cam[3].rem_day = days_from_civil(c->a->year, 10, 1);
    }
}

/* Positions of the fixed cameras, inside their area's polygon. Two of them are written with an
   empty neighbourhood in cameras.csv, so that the tool must place them by polygon: of the
   cameras beyond the first one per area, the one with the least traffic weight goes into the
   enclave (inside University's hole), the last other one onto Harbor's island (the second part
   of a MultiPolygon). */
static void place_fixed_cameras(City *c) {
    const int K = c->K, n_fixed = c->n_fixed;
    Cameras *cs = &c->cams;
    Cam *cam = cs->cam;
    cs->cam_enclave = cs->cam_island = -1;
    if (c->areas.has_enclave && c->areas.has_island && n_fixed >= K + 2) {
        cs->cam_enclave = K;
        for (int i = K + 1; i < n_fixed; i++)
            if (cam[i].w < cam[cs->cam_enclave].w) cs->cam_enclave = i;
        cs->cam_island = cs->cam_enclave == n_fixed - 1 ? n_fixed - 2 : n_fixed - 1;
    }
    for (int i = 0; i < n_fixed; i++) {
        Cam *q = &cam[i];
        int part = 0;
        if (i == cs->cam_enclave) q->nb = K;
        if (i == cs->cam_island) q->nb = 7, part = 1;
        q->nb_hidden = i == cs->cam_enclave || i == cs->cam_island;
        Pt p = sample_in(&c->areas.ar[q->nb], part, c->rg);
        if (area_lookup(c->areas.ar, c->areas.NA, p) != q->nb) die("internal: camera position in the wrong polygon");
        q->lat_u = p.y;
        q->lon_u = p.x;
    }
}

/* Mobile units: two days off a week plus sick days, otherwise a patrol area per local day (drawn
   by NB_PATROL_W8); then the cameras' traffic-weight tables. */
static void draw_patrol_rosters(City *c) {
    const int C = c->C, n_fixed = c->n_fixed, n_mobile = c->n_mobile, ndays = c->cal.ndays;
    Cameras *cs = &c->cams;
    cs->mob = xcalloc((size_t)(n_mobile ? n_mobile : 1) * (size_t)ndays, 1);
    for (int m = 0; m < n_mobile; m++) {
        int off1 = (int)gsl_rng_uniform_int(c->rs, 7), off2 = (off1 + 1) % 7;
        for (int i = 0; i < ndays; i++) {
            int wd = weekday(c->cal.d_first + i);
            int off = wd == off1 || wd == off2 || gsl_rng_uniform(c->rs) < 0.04;
            int nb = (int)gsl_ran_discrete(c->rs, c->areas.nb_ptab);
            cs->mob[(size_t)m * (size_t)ndays + (size_t)i] = off ? 255 : (uint8_t)nb;
        }
    }
    double *camw = xcalloc((size_t)C, sizeof(double)), *fixw = xcalloc((size_t)n_fixed, sizeof(double));
    for (int i = 0; i < C; i++) camw[i] = cs->cam[i].w;
    for (int i = 0; i < n_fixed; i++) fixw[i] = cs->cam[i].w;
    cs->cam_tab = make_table((size_t)C, camw);
    cs->fix_tab = make_table((size_t)n_fixed, fixw);
    free(camw), free(fixw);
}

/* The vehicle pool: a plate per vehicle (an affine permutation of the plate space), its state,
   a heavy-tailed read propensity, hotlist status, two route cameras. qroute is the route-camera
   distribution of a read's vehicle, sum_v w_v (1[route0 = c] + 1[route1 = c]) / 2 over sum_v w_v
   (an expected-value parameter of the city, used for the exposure truth). */
static void draw_vehicles(City *c) {
    const uint64_t V = c->V;
    Fleet *fl = &c->fleet;
    /* with --fleet-seed the pool (plates, states, propensities, hot status, routes) comes from its
       own stream, so two cities of that seed share their vehicles; else the city's stream as ever */
    gsl_rng *own = c->a->fleet_seed_set ? make_rng(c->a->fleet_seed, 1) : NULL;
    gsl_rng *rs = own ? own : c->rs;
    uint64_t pa, pb = gsl_rng_uniform_int(rs, (unsigned long)PLATE_SPACE);
    do {
        pa = 1 + gsl_rng_uniform_int(rs, (unsigned long)PLATE_SPACE - 1);
    } while (gcd_u64(pa, PLATE_SPACE) != 1);
    fl->pcode = xcalloc(V, sizeof *fl->pcode);
    fl->vlast = xcalloc(V, sizeof *fl->vlast);
    fl->vreads = xcalloc(V, sizeof *fl->vreads);
    fl->vhits = xcalloc(V, sizeof *fl->vhits);
    fl->vconf = xcalloc(V, sizeof *fl->vconf);
    fl->vstate = xcalloc(V, 1);
    fl->vhot = xcalloc(V, 1);
    fl->vroute = xcalloc(V * 2, sizeof *fl->vroute);
    double *vw = fl->vw = xcalloc(V, sizeof(double));
    for (uint64_t v = 0; v < V; v++) {
        fl->pcode[v] = (uint32_t)((pa * v + pb) % PLATE_SPACE);
        fl->vstate[v] = (uint8_t)gsl_ran_discrete(rs, c->tab.st_tab);
        /* heavy-tailed read propensity: a commuter class and a long tail of occasional visitors;
           rounded to 1/256 so that only integers reach the alias table */
        double w = gsl_rng_uniform(rs) < P_COMMUTER ? gsl_ran_lognormal(rs, log(60.0), 0.7)
                                                    : gsl_ran_lognormal(rs, 0.0, 1.2);
        vw[v] = fmax(1.0, floor(w * 256.0 + 0.5));
        /* hotlist status independent of the read propensity */
        fl->vhot[v] = -1;
        if (gsl_rng_uniform(rs) < Q_HOT) {
            fl->vhot[v] = (int8_t)gsl_ran_discrete(rs, c->tab.cat_tab);
            fl->n_hot_vehicles++;
        }
        fl->vroute[2 * v] = (uint16_t)gsl_ran_discrete(rs, c->cams.fix_tab);
        fl->vroute[2 * v + 1] = (uint16_t)gsl_ran_discrete(rs, c->cams.fix_tab);
        fl->vlast[v] = UINT32_MAX;
    }
    fl->veh_tab = make_table(V, vw);
    fl->qroute = xcalloc((size_t)c->C, sizeof(double));
    double wsum = 0;
    for (uint64_t v = 0; v < V; v++) {
        wsum += vw[v];
        fl->qroute[fl->vroute[2 * v]] += vw[v] / 2;
        fl->qroute[fl->vroute[2 * v + 1]] += vw[v] / 2;
    }
    for (int i = 0; i < c->C; i++) fl->qroute[i] /= wsum;
    if (own) gsl_rng_free(own);
}

/* UTC hours of the generated days: local day, local hour, offset, and a weight from the day's
   weight and the hour-of-day profile; out-of-period hours are scaled to OOP_SHARE of the reads. */
static void weight_hours(City *c) {
    const Calendar *cal = &c->cal;
    const int H = cal->H;
    Hours *hs = &c->hours;
    hs->hw = xcalloc((size_t)H, sizeof(double));
    hs->hday = xcalloc((size_t)H, sizeof *hs->hday);
    hs->hlh = xcalloc((size_t)H, 1);
    hs->hoff = xcalloc((size_t)H, sizeof *hs->hoff);
    hs->hcount = xcalloc((size_t)H, sizeof *hs->hcount);
    double w_in = 0, w_out = 0;
    for (int i = 0; i < H; i++) {
        int64_t t = cal->utc0 + (int64_t)i * 3600;
        int off = tz_offset(&c->tz, t);
        int64_t lt = t + off, ld = floordiv(lt, 86400);
        hs->hoff[i] = off;
        hs->hday[i] = (int16_t)(ld - cal->d_first);
        hs->hlh[i] = (uint8_t)((lt - ld * 86400) / 3600);
        int wd = weekday(ld), we = wd == 0 || wd == 6;
        hs->hw[i] = cal->dayw[hs->hday[i]] * PROF[we][hs->hlh[i]];
        if (ld < cal->p_first || ld > cal->p_last)
            w_out += hs->hw[i];
        else
            w_in += hs->hw[i];
    }
    double scale = (OOP_SHARE / (1.0 - OOP_SHARE)) * w_in / w_out;
    for (int i = 0; i < H; i++) {
        int64_t ld = cal->d_first + hs->hday[i];
        if (ld < cal->p_first || ld > cal->p_last) hs->hw[i] *= scale;
    }
    hs->w_in = w_in;
    hs->hour_tab = make_table((size_t)H, hs->hw);
}

/* Exposure truth: the expected share of accepted in-period reads per area.
   Given the city as built (cameras, their traffic weights, install/removal/outage days, the
   units' duty rosters, the vehicle pool and its route cameras, the hour weights), a read falls
   in in-period hour i with probability hw_i / w_in and then picks its camera as pick_camera
   does: with P_ROUTE one of its vehicle's route cameras (distribution qroute) if that camera is
   up, otherwise a camera drawn by weight among those up at that hour. A mobile unit's read lies
   in area n with probability NB_PATROL_W[n] / sum (the patrol area is drawn per unit-day from
   those weights) times (1 - P_MOBILE_OUTSIDE). Whether the neighbourhood column is filled does
   not matter: the polygon gives the same area. */
static void expected_exposure(City *c) {
    const int C = c->C, K = c->K;
    const Cam *cam = c->cams.cam;
    const Hours *hs = &c->hours;
    const double *nb_pw = c->areas.nb_pw, *qroute = c->fleet.qroute;
    Truth *tr = &c->truth;
    double *e_area = tr->e_area = xcalloc((size_t)c->areas.NA, sizeof(double));
    double pw_sum = 0;
    for (int k = 0; k < K; k++) pw_sum += nb_pw[k];
    uint8_t *act = xcalloc((size_t)C, 1);
    for (int i = 0; i < c->cal.H; i++) {
        const int64_t ld = c->cal.d_first + hs->hday[i];
        if (ld < c->cal.p_first || ld > c->cal.p_last) continue;
        const double h = hs->hw[i] / hs->w_in;
        double qup = 0, wup = 0;
        for (int j = 0; j < C; j++) {
            const Cam *q = &cam[j];
            int up = cam_up(q, ld);
            if (up && q->mobile) up = unit_on_duty(c, j, i);
            act[j] = (uint8_t)up;
            if (up && !q->mobile) qup += qroute[j];
            if (up) wup += q->w;
        }
        const double rest = 1.0 - P_ROUTE * qup;
        if (wup <= 0) { /* no camera up: pick_camera falls back to camera 0 */
            e_area[cam[0].nb] += h * rest;
            continue;
        }
        double pm = 0;
        for (int j = 0; j < C; j++) {
            if (!act[j]) continue;
            const double pc = (cam[j].mobile ? 0.0 : P_ROUTE * qroute[j]) + rest * cam[j].w / wup;
            if (cam[j].mobile)
                pm += pc;
            else
                e_area[cam[j].nb] += h * pc;
        }
        tr->e_mobile += h * pm;
        for (int k = 0; k < K; k++) e_area[k] += h * pm * (1 - P_MOBILE_OUTSIDE) * nb_pw[k] / pw_sum;
        tr->e_outside += h * pm * P_MOBILE_OUTSIDE;
    }
    free(act);
}

/* how many of the N reads fall in each UTC hour, and so before, in and after the period */
static void count_reads_per_hour(City *c) {
    const Calendar *cal = &c->cal;
    Hours *hs = &c->hours;
    ReadPlan *pl = &c->plan;
    for (uint64_t j = 0; j < c->N; j++) hs->hcount[gsl_ran_discrete(c->rt, hs->hour_tab)]++;
    for (int i = 0; i < cal->H; i++) {
        int64_t ld = cal->d_first + hs->hday[i];
        pl->n_cls[ld < cal->p_first ? CLS_BEFORE : (ld > cal->p_last ? CLS_AFTER : CLS_IN)] += hs->hcount[i];
    }
}

/* Defective read rows (bad timestamp, empty plate, wrong field count): distinct slots among the
   in-period records, none with --no-defects or fewer than 200 in-period reads. */
static void plan_defects(City *c) {
    ReadPlan *pl = &c->plan;
    static const int DEF_COUNTS[5] = {0, 4, 3, 1, 1};
    memcpy(pl->def_counts, DEF_COUNTS, sizeof pl->def_counts);
    pl->n_def_reads = 9;
    if (!c->a->defects || pl->n_cls[CLS_IN] < 200) {
        memset(pl->def_counts, 0, sizeof pl->def_counts);
        pl->n_def_reads = 0;
    }
    int types[16], nt = 0;
    for (int t = 1; t <= 4; t++)
        for (int j = 0; j < pl->def_counts[t]; j++) types[nt++] = t;
    for (int j = 0; j < pl->n_def_reads; j++) {
        uint64_t s;
        int dup;
        do {
            s = pl->n_cls[CLS_BEFORE] + 1 + gsl_rng_uniform_int(c->rd, (unsigned long)(pl->n_cls[CLS_IN] - 2));
            dup = 0;
            for (int q = 0; q < j; q++) dup |= pl->def_slot[q] == s;
        } while (dup);
        pl->def_slot[j] = s;
    }
    qsort(pl->def_slot, (size_t)pl->n_def_reads, sizeof pl->def_slot[0], cmp_u64);
    if (nt) gsl_ran_shuffle(c->rd, types, (size_t)nt, sizeof types[0]);
    for (int j = 0; j < pl->n_def_reads; j++) pl->def_type[j] = types[j];
    pl->n_valid = pl->n_cls[CLS_IN] - (uint64_t)pl->n_def_reads;
}

/* Extra records keyed on the ordinal of valid in-period reads: hits with an unknown read_id or
   hotlist, the arming of an outcome with an unknown type, and the unlinked outcomes. */
static void plan_events(City *c) {
    ReadPlan *pl = &c->plan;
    if (pl->n_valid == 0) return;
    const int defects = c->a->defects;
    int want[5] = {0, defects ? 2 : 0, defects ? 1 : 0, defects ? 1 : 0, N_UNLINKED_OUTCOMES};
    for (int t = 1; t <= 4; t++)
        for (int j = 0; j < want[t]; j++) {
            uint64_t range = t == EV_ARM_BAD_TYPE ? (pl->n_valid + 1) / 2 : pl->n_valid;
            pl->ev[pl->nev].k = gsl_rng_uniform_int(c->rd, (unsigned long)range);
            pl->ev[pl->nev].type = t;
            pl->ev[pl->nev].idx = pl->nev;
            pl->nev++;
        }
    qsort(pl->ev, (size_t)pl->nev, sizeof pl->ev[0], cmp_event);
}

/* ------------------------------------------------------------------------------------------ */
/* Sample City: streaming reads, hits and outcomes                                             */
/* ------------------------------------------------------------------------------------------ */

/* the three record files and where the stream stands in them */
typedef struct {
    Out orr, oh, oo;                     /* reads.csv(.gz), hits.csv, outcomes.csv */
    int idw;                             /* digits of a read id after the 'R' */
    char bad_ts[32];                     /* the bad-timestamp defect */
    uint64_t slot;                       /* ordinal of the current read in the read log, from 0 */
    uint64_t valid_k;                    /* ordinal of the current valid in-period read, from 0 */
    int def_i, ev_i;                     /* next planned defect, next planned event */
    int arm_bad_type;                    /* an outcome with an unknown type waits for a confirmed hit without outcome */
    int bad_read_ids;                    /* hits with an unknown read_id written */
    int oop_before_hits, oop_after_hits; /* hits written on reads before, after the period */
    char tsb[48], plb[16];
} Stream;

/* one UTC hour of reads: its local day and hour, and the timestamp prefix its reads share */
typedef struct {
    int i;        /* index of the hour from utc0 */
    int64_t th;   /* its first instant */
    int64_t lday; /* local day */
    int cls;      /* CLS_BEFORE, CLS_IN or CLS_AFTER the period */
    int off;      /* UTC offset */
    char prefix[24];
} Hour;

/* one read as drawn */
typedef struct {
    int64_t t;             /* instant */
    int sec;               /* second within the hour */
    int dtype;             /* DEF_* of a defective row */
    uint64_t v;            /* vehicle */
    int cm;                /* camera */
    int nb;                /* area: the fixed camera's, or the unit's patrol area */
    int nb_empty, outside; /* written without area; east of the city (mobile reads) */
    int32_t rlat, rlon;    /* position of a mobile read */
    int kind, variant;     /* plate layout and spelling */
    int conf_na, conf;     /* confidence NA, else in hundredths */
} Read;

/* open the three files and write their headers */
static void stream_open(const City *c, Stream *s) {
    memset(s, 0, sizeof *s);
    out_open(&s->orr, c->dir, c->a->plain ? "reads.csv" : "reads.csv.gz", !c->a->plain);
    out_open(&s->oh, c->dir, "hits.csv", 0);
    out_open(&s->oo, c->dir, "outcomes.csv", 0);
    out_reserve(&s->orr, 256);
    put_s(&s->orr, "read_id,timestamp,camera_id,plate,plate_state,lat,lon,neighborhood,confidence\n");
    out_reserve(&s->oh, 256);
    put_s(&s->oh, "hit_id,read_id,timestamp,camera_id,plate,hotlist,disposition\n");
    out_reserve(&s->oo, 256);
    put_s(&s->oo, "outcome_id,hit_id,timestamp,type,neighborhood\n");
    s->idw = 7;
    for (uint64_t x = c->N; x >= 10000000ULL; x /= 10) s->idw++;
    snprintf(s->bad_ts, sizeof s->bad_ts, "%04d-13-45T99:00:00Z", c->a->year);
}

/* the read's vehicle: never the same vehicle twice in one second (keeps plate+camera+time links
   unique) */
static uint64_t pick_vehicle(City *c, const Read *r) {
    Fleet *fl = &c->fleet;
    const uint32_t rel = (uint32_t)(r->t - c->cal.utc0);
    uint64_t v = gsl_ran_discrete(c->rr, fl->veh_tab);
    for (int tries = 0; fl->vlast[v] == rel && tries < 64; tries++) v = gsl_ran_discrete(c->rr, fl->veh_tab);
    if (!r->dtype) fl->vlast[v] = rel;
    return v;
}

/* the read's camera: one of the vehicle's route cameras, else any active camera by traffic */
static int pick_camera(City *c, const Hour *h, uint64_t v) {
    const Cam *cam = c->cams.cam;
    int cm = -1;
    if (gsl_rng_uniform(c->rr) < P_ROUTE) {
        int rc = c->fleet.vroute[2 * v + gsl_rng_uniform_int(c->rr, 2)];
        if (cam_up(&cam[rc], h->lday)) cm = rc;
    }
    for (int tries = 0; cm < 0 && tries < 10000; tries++) {
        int rc = (int)gsl_ran_discrete(c->rr, c->cams.cam_tab);
        const Cam *q = &cam[rc];
        if (!cam_up(q, h->lday)) continue;
        if (q->mobile && !unit_on_duty(c, rc, h->i)) continue;
        cm = rc;
    }
    if (cm < 0) cm = 0; /* CAM-F01 is never down */
    return cm;
}

/* a mobile read's area (the unit's patrol area that day) and position: inside that area's
   polygon, or (P_MOBILE_OUTSIDE) just east of the city limits; about half written without area */
static void place_mobile_read(City *c, const Hour *h, Read *r) {
    const Areas *as = &c->areas;
    gsl_rng *rg = c->rg;
    r->nb = c->cams.mob[(size_t)(r->cm - c->n_fixed) * (size_t)c->cal.ndays + c->hours.hday[h->i]];
    /* the former position draws, kept so that the read stream stays aligned */
    (void)gsl_rng_uniform_int(c->rr, 24001);
    (void)gsl_rng_uniform_int(c->rr, 28001);
    r->outside = gsl_rng_uniform(rg) < P_MOBILE_OUTSIDE;
    r->nb_empty = r->outside || gsl_rng_uniform(rg) < P_NB_EMPTY;
    Pt pos;
    if (r->outside) { /* east of the city limits, clear of every polygon */
        pos.x = CITY_LON_U + as->gx_max * CELL_LON_U + CELL_LON_U * 9 / 10 +
                (int32_t)gsl_rng_uniform_int(rg, (unsigned long)CELL_LON_U / 2);
        pos.y = CITY_LAT_U + as->gy_min * CELL_LAT_U +
                (int32_t)gsl_rng_uniform_int(rg, (unsigned long)((as->gy_max - as->gy_min) * CELL_LAT_U + 1));
    } else {
        pos = sample_in(&as->ar[r->nb], -1, rg);
    }
    if (area_lookup(as->ar, as->NA, pos) != (r->outside ? -1 : r->nb)) die("internal: mobile read in the wrong polygon");
    r->rlat = pos.y;
    r->rlon = pos.x;
}

/* everything about the read in slot s->slot at second `sec` of the hour */
static void draw_read(City *c, Stream *s, const Hour *h, int sec, Read *r) {
    ReadPlan *pl = &c->plan;
    memset(r, 0, sizeof *r);
    r->t = h->th + sec;
    r->sec = sec;
    r->dtype = DEF_NONE;
    if (s->def_i < pl->n_def_reads && pl->def_slot[s->def_i] == s->slot) r->dtype = pl->def_type[s->def_i++];
    r->v = pick_vehicle(c, r);
    r->cm = pick_camera(c, h, r->v);
    r->nb = c->cams.cam[r->cm].nb;
    if (c->cams.cam[r->cm].mobile) place_mobile_read(c, h, r);
    r->kind = c->fleet.vstate[r->v] == 5 ? 1 : 0;
    r->variant = (int)gsl_ran_discrete(c->rr, c->tab.var_tab);
    const double cu = gsl_rng_uniform(c->rr);
    r->conf_na = cu < P_CONF_NA;
    /* skewed to high values; one draw per statement so the order is defined */
    double cx = 40.0 * gsl_rng_uniform(c->rr);
    cx *= gsl_rng_uniform(c->rr);
    cx *= gsl_rng_uniform(c->rr);
    r->conf = 99 - (int)cx;
}

/* the read's row in the read log, defects included */
static void write_read_row(const City *c, Stream *s, const Hour *h, const Read *r) {
    const Cam *q = &c->cams.cam[r->cm];
    Out *o = &s->orr;
    char lat_s[24], lon_s[24];
    out_reserve(o, 512);
    put_c(o, 'R');
    put_uw(o, s->slot + 1, s->idw);
    put_c(o, ',');
    if (r->dtype == DEF_BAD_TS) {
        put_s(o, s->bad_ts);
    } else {
        put_s(o, h->prefix);
        put_2(o, (unsigned)(r->sec / 60));
        put_c(o, ':');
        put_2(o, (unsigned)(r->sec % 60));
        put_c(o, 'Z');
    }
    put_c(o, ',');
    put_s(o, q->id);
    put_c(o, ',');
    int pl = fmt_plate(s->plb, c->fleet.pcode[r->v], r->kind, r->variant);
    if (r->dtype != DEF_EMPTY_PLATE) put_m(o, s->plb, (size_t)pl);
    put_c(o, ',');
    put_s(o, ST_NAMES[c->fleet.vstate[r->v]]);
    put_c(o, ',');
    if (q->mobile) {
        put_m(o, lat_s, (size_t)fmt_micro(lat_s, r->rlat));
        put_c(o, ',');
        put_m(o, lon_s, (size_t)fmt_micro(lon_s, r->rlon));
        put_c(o, ',');
        if (!r->nb_empty) put_s(o, c->areas.nbn[r->nb]);
    } else {
        put_s(o, ",,");
    }
    if (r->dtype != DEF_SHORT_ROW) {
        put_c(o, ',');
        if (r->conf_na) {
            put_s(o, "NA");
        } else {
            put_s(o, "0.");
            put_2(o, (unsigned)r->conf);
        }
    }
    if (r->dtype == DEF_LONG_ROW) put_s(o, ",extra");
    put_c(o, '\n');
}

/* A hit on the read; returns its number. With noid it carries no read_id but the same instant
   in local time with offset, the camera, and the plate spelled as plate_variant. */
static uint64_t write_hit(City *c, Stream *s, const Hour *h, const Read *r, int noid, int plate_variant, int cat, int disp) {
    Out *o = &s->oh;
    const uint64_t hit = ++c->tally.hit_no;
    out_reserve(o, 512);
    put_c(o, 'H');
    put_uw(o, hit, 7);
    put_c(o, ',');
    if (noid) {
        put_c(o, ',');
        put_m(o, s->tsb, (size_t)fmt_iso(s->tsb, r->t, 1, h->off));
        put_c(o, ',');
        put_s(o, c->cams.cam[r->cm].id);
        put_c(o, ',');
        put_m(o, s->plb, (size_t)fmt_plate(s->plb, c->fleet.pcode[r->v], r->kind, plate_variant));
    } else {
        put_c(o, 'R');
        put_uw(o, s->slot + 1, s->idw);
        put_s(o, ",,,");
    }
    put_c(o, ',');
    put_s(o, CAT_NAMES[cat]);
    put_c(o, ',');
    put_s(o, DISP_NAMES[disp]);
    put_c(o, '\n');
    return hit;
}

/* an outcome of hit `hit` (0: unlinked, empty hit_id) at instant `t` */
static void write_outcome(City *c, Stream *s, uint64_t hit, int64_t t, const char *type, const char *nb) {
    Out *o = &s->oo;
    out_reserve(o, 512);
    put_c(o, 'O');
    put_uw(o, ++c->tally.out_no, 7);
    if (hit) {
        put_s(o, ",H");
        put_uw(o, hit, 7);
        put_c(o, ',');
    } else {
        put_s(o, ",,");
    }
    put_m(o, s->tsb, (size_t)fmt_iso(s->tsb, t, 0, 0));
    put_c(o, ',');
    put_s(o, type);
    put_c(o, ',');
    put_s(o, nb);
    put_c(o, '\n');
}

/* Out of period: no hits, except a few planted ones (the first reads of local Dec 31 evening,
   whose UTC date is already Jan 1, and the first read after). */
static void out_of_period_hits(City *c, Stream *s, const Hour *h, const Read *r) {
    const int64_t p_first = c->cal.p_first;
    if (h->cls == CLS_BEFORE && r->t >= p_first * 86400) c->tally.reads_utc_trap++;
    int want = 0, noid = 0;
    if (h->cls == CLS_BEFORE && r->t >= p_first * 86400 && s->oop_before_hits < 2) {
        want = 1;
        noid = s->oop_before_hits == 1;
        s->oop_before_hits++;
    } else if (h->cls == CLS_AFTER && s->oop_after_hits < 1) {
        want = 1;
        s->oop_after_hits++;
    }
    if (!want) return;
    const int8_t hot = c->fleet.vhot[r->v];
    int cat = hot >= 0 ? hot : (int)gsl_ran_discrete(c->rh, c->tab.cat_tab);
    int disp = (int)gsl_ran_discrete(c->rh, c->tab.disp_tab);
    write_hit(c, s, h, r, noid, (r->variant + 3) % VAR_N, cat, disp);
    c->tally.hits_oop++;
}

/* a valid in-period read counted for planted.ini: its area as the tool assigns it (own column,
   else polygon of lat/lon, else camera) and its spelling quirks */
static void tally_read(City *c, const Read *r) {
    Tally *ty = &c->tally;
    const Cam *q = &c->cams.cam[r->cm];
    c->fleet.vreads[r->v]++;
    if (q->mobile) ty->mobile_reads++;
    if (r->outside) {
        ty->unassigned++;
    } else {
        ty->area[r->nb]++;
        if (q->mobile && r->nb_empty) ty->mobile_polygon++;
        if (q->mobile && !r->nb_empty) ty->mobile_named++;
        if (q->mobile && r->nb == 7 && in_ring(&c->areas.ar[7].outer[1], (Pt){r->rlon, r->rlat})) ty->mobile_island++;
        if (q->nb_hidden) ty->cam_polygon[r->cm == c->cams.cam_enclave]++;
    }
    if (r->conf_na) ty->conf_na++;
    if (r->variant) ty->noncanon_plate++;
    if (c->fleet.vstate[r->v] == ST_N - 1) ty->empty_state++;
    if (r->t > (c->cal.p_last + 1) * 86400 - 1) ty->reads_utc_trap_in++;
}

/* Outcomes of a confirmed hit: none, one or two, of a type that depends on the hotlist, each
   30 min .. 6 h after the previous, clamped to the period. A hit left without one may take the
   armed outcome of unknown type (a defect). */
static void confirmed_outcomes(City *c, Stream *s, const Read *r, uint64_t hit, int cat) {
    Tally *ty = &c->tally;
    const char *nb = c->areas.nbn[r->nb];
    const int64_t per_end_utc = c->cal.per_end_utc;
    ty->hits_conf++;
    c->fleet.vconf[r->v]++;
    int n_out = 0;
    if (gsl_rng_uniform(c->rh) < P_OUTCOME) n_out = 1 + (gsl_rng_uniform(c->rh) < P_SECOND_OUTCOME);
    int64_t to = r->t;
    for (int o = 0; o < n_out; o++) {
        int type = (int)gsl_ran_discrete(c->rh, c->tab.ot_tab[cat == 0 ? 0 : (cat == 1 ? 1 : 2)]);
        to += 1800 + (int64_t)gsl_rng_uniform_int(c->rh, 19801);
        if (to > per_end_utc) to = per_end_utc; /* outcomes stay inside the period */
        write_outcome(c, s, hit, to, OT_NAMES[type], nb);
        ty->out_linked++;
        ty->out_type[type]++;
    }
    if (n_out) {
        ty->hit_with_out++;
    } else if (s->arm_bad_type) {
        /* defect: an outcome with an unknown type, on a hit with no valid outcome */
        int64_t tb = r->t + 3600;
        if (tb > per_end_utc) tb = per_end_utc;
        write_outcome(c, s, hit, tb, "vehicle_towed", nb);
        ty->out_bad++;
        s->arm_bad_type = 0;
    }
}

/* A hit on a valid in-period read: with LAMBDA_HOT for a hotlisted vehicle (its category), else
   LAMBDA_COLD (any category); disposition IID; P_NO_READ_ID of them linked by plate + camera +
   instant instead of read_id, the plate spelled differently from the read's. */
static void read_hit(City *c, Stream *s, const Hour *h, const Read *r) {
    Tally *ty = &c->tally;
    const int8_t hot = c->fleet.vhot[r->v];
    int cat = -1;
    if (hot >= 0) {
        if (gsl_rng_uniform(c->rh) < (LAMBDA_HOT * hit_scale)) cat = hot;
    } else if (gsl_rng_uniform(c->rh) < (LAMBDA_COLD * hit_scale)) {
        cat = (int)gsl_ran_discrete(c->rh, c->tab.cat_tab);
    }
    if (cat < 0) return;
    int disp = (int)gsl_ran_discrete(c->rh, c->tab.disp_tab);
    int noid = gsl_rng_uniform(c->rh) < P_NO_READ_ID;
    int v2 = r->variant;
    if (noid) v2 = (r->variant + 1 + (int)gsl_rng_uniform_int(c->rh, VAR_N - 1)) % VAR_N;
    uint64_t hit = write_hit(c, s, h, r, noid, v2, cat, disp);
    if (noid) ty->hits_noid++;
    ty->hits_in++;
    ty->hits_cat[cat]++;
    ty->hits_disp[disp]++;
    c->fleet.vhits[r->v]++;
    if (disp == D_CONFIRMED) confirmed_outcomes(c, s, r, hit, cat);
}

/* the planned extra records keyed on this valid in-period read (plan_events) */
static void planted_records(City *c, Stream *s, const Read *r) {
    const ReadPlan *pl = &c->plan;
    Tally *ty = &c->tally;
    while (s->ev_i < pl->nev && pl->ev[s->ev_i].k == s->valid_k) {
        const Event *e = &pl->ev[s->ev_i++];
        if (e->type == EV_BAD_READ_ID || e->type == EV_BAD_HOTLIST) {
            Out *o = &s->oh;
            out_reserve(o, 512);
            put_c(o, 'H');
            put_uw(o, ++ty->hit_no, 7);
            if (e->type == EV_BAD_READ_ID) {
                put_s(o, s->bad_read_ids++ == 0 ? ",R9999998x" : ",R9999999x");
                put_s(o, ",,,,stolen_vehicle,confirmed\n");
            } else {
                put_s(o, ",R");
                put_uw(o, s->slot + 1, s->idw);
                put_s(o, ",,,,stolen_bicycle,confirmed\n");
            }
            ty->hits_bad++;
        } else if (e->type == EV_ARM_BAD_TYPE) {
            s->arm_bad_type = 1;
        } else {
            int type = (int)gsl_ran_discrete(c->rh, c->tab.ot_tab[2]);
            int onb = (int)gsl_rng_uniform_int(c->rh, (unsigned long)c->K);
            int64_t to = r->t + 1800 + (int64_t)gsl_rng_uniform_int(c->rh, 19801);
            if (to > c->cal.per_end_utc) to = c->cal.per_end_utc;
            write_outcome(c, s, 0, to, OT_NAMES[type], c->areas.nbn[onb]);
            ty->out_unlinked++;
            ty->out_type[type]++;
        }
    }
}

/* The reads of UTC hour i, in time order: their seconds, then per read its draws, its row, and
   (valid rows only) its hits, outcomes and planted records. */
static void stream_hour(City *c, Stream *s, int i) {
    uint32_t secc[3600];
    const uint32_t n = c->hours.hcount[i];
    if (!n) return;
    memset(secc, 0, sizeof secc);
    for (uint32_t j = 0; j < n; j++) secc[gsl_rng_uniform_int(c->rt, 3600)]++;
    Hour h;
    h.i = i;
    h.th = c->cal.utc0 + (int64_t)i * 3600;
    {
        int y, m, d;
        civil_from_days(floordiv(h.th, 86400), &y, &m, &d);
        sprintf(h.prefix, "%04d-%02d-%02dT%02d:", y, m, d, (int)((h.th - floordiv(h.th, 86400) * 86400) / 3600));
    }
    h.lday = c->cal.d_first + c->hours.hday[i];
    h.cls = h.lday < c->cal.p_first ? CLS_BEFORE : (h.lday > c->cal.p_last ? CLS_AFTER : CLS_IN);
    h.off = c->hours.hoff[i];
    for (int sec = 0; sec < 3600; sec++) {
        for (uint32_t j = 0; j < secc[sec]; j++, s->slot++) {
            Read r;
            draw_read(c, s, &h, sec, &r);
            write_read_row(c, s, &h, &r);
            if (r.dtype) continue;
            if (h.cls != CLS_IN) {
                out_of_period_hits(c, s, &h, &r);
                continue;
            }
            tally_read(c, &r);
            read_hit(c, s, &h, &r);
            planted_records(c, s, &r);
            s->valid_k++;
        }
    }
}

/* reads.csv(.gz), hits.csv and outcomes.csv, streamed hour by hour through fixed buffers */
static void stream_records(City *c) {
    Stream s;
    c->tally.area = xcalloc((size_t)c->areas.NA, sizeof *c->tally.area);
    stream_open(c, &s);
    for (int i = 0; i < c->cal.H; i++) stream_hour(c, &s, i);
    if (s.arm_bad_type) { /* no confirmed hit without outcome came along: write it unlinked */
        write_outcome(c, &s, 0, c->cal.per_end_utc, "vehicle_towed", c->areas.nbn[0]);
        c->tally.out_bad++;
    }
    out_close(&s.orr);
    out_close(&s.oh);
    out_close(&s.oo);
    if (s.slot != c->N || s.valid_k != c->plan.n_valid) die("internal: slot accounting");
}

/* ------------------------------------------------------------------------------------------ */
/* Sample City: the camera, area and boundary files                                            */
/* ------------------------------------------------------------------------------------------ */

/* cameras.csv: fixed cameras with position and area (empty for the two placed by polygon),
   mobile units with neither */
static void write_cameras_csv(const City *c) {
    FILE *f = xfopen(c->dir, "cameras.csv");
    char lat_s[24], lon_s[24];
    fputs("camera_id,lat,lon,neighborhood,kind,installed,removed\n", f);
    for (int i = 0; i < c->C; i++) {
        const Cam *q = &c->cams.cam[i];
        char di[16], dr[16] = "";
        fmt_date(di, q->inst_day);
        if (q->rem_day != INT64_MAX) fmt_date(dr, q->rem_day);
        if (q->mobile) {
            fprintf(f, "%s,,,,mobile,%s,%s\n", q->id, di, dr);
        } else {
            fmt_micro(lat_s, q->lat_u);
            fmt_micro(lon_s, q->lon_u);
            fprintf(f, "%s,%s,%s,%s,fixed,%s,%s\n", q->id, lat_s, lon_s, q->nb_hidden ? "" : c->areas.nbn[q->nb], di, dr);
        }
    }
    xfclose(f, "cameras.csv");
}

/* neighborhoods.csv, the attribute table for exposure metrics: population (the first eight and
   the enclave by hand, more drawn), its groups, the polygon's area, daily VMT. Keeps population
   and groups for the exposure figures of planted.ini. */
static void write_neighborhoods_csv(City *c) {
    Areas *as = &c->areas;
    const int K = c->K;
    gsl_rng *rs = c->rs;
    as->nb_pop = xcalloc((size_t)as->NA, sizeof *as->nb_pop);
    as->nb_grp = xcalloc((size_t)as->NA, sizeof *as->nb_grp);
    as->nb_km2 = xcalloc((size_t)as->NA, sizeof(double));
    as->nb_vmt = xcalloc((size_t)as->NA, sizeof(double));
    FILE *f = xfopen(c->dir, "neighborhoods.csv");
    fputs("neighborhood,population,area_km2,daily_vmt,pop_black,pop_white,pop_hispanic,pop_asian,pop_other\n", f);
    for (int k = 0; k < as->NA; k++) {
        long pop;
        int sh[5];
        if (k == K) {
            pop = ENCLAVE_POP;
            memcpy(sh, ENCLAVE_GRP, sizeof sh);
        } else if (k < 8) {
            pop = NB_POP8[k] * 1000L + (long)gsl_rng_uniform_int(rs, 1000);
            memcpy(sh, NB_GRP8[k], sizeof sh);
        } else {
            pop = 5000L + (long)gsl_rng_uniform_int(rs, 40000);
            int rest = 100;
            for (int g = 0; g < 4; g++) {
                sh[g] = 3 + (int)gsl_rng_uniform_int(rs, (unsigned long)(rest / 2 - 3));
                rest -= sh[g];
            }
            sh[4] = rest;
        }
        long grp[5], sum = 0;
        for (int g = 0; g < 4; g++) {
            grp[g] = pop * sh[g] / 100;
            sum += grp[g];
        }
        grp[4] = pop - sum;
        long vmt = ENCLAVE_VMT;
        if (k < K) {
            (void)gsl_rng_uniform_int(rs, 160); /* the former random area, kept for the stream */
            vmt = pop * (8 + (long)gsl_rng_uniform_int(rs, 12)) + (k == 4 ? 300000L : 0);
        }
        long a100 = area_km2_x100(&as->ar[k]); /* the polygon's area */
        fprintf(f, "%s,%ld,%ld.%02ld,%ld,%ld,%ld,%ld,%ld,%ld\n", as->nbn[k], pop, a100 / 100, a100 % 100, vmt, grp[0],
                grp[1], grp[2], grp[3], grp[4]);
        as->nb_pop[k] = pop;
        memcpy(as->nb_grp[k], grp, sizeof grp);
        as->nb_km2[k] = (double)a100 / 100.0;
        as->nb_vmt[k] = (double)vmt;
    }
    xfclose(f, "neighborhoods.csv");
}

/* boundaries.geojson: one feature per listed area, in the order of neighborhoods.csv */
static void write_boundaries_geojson(const City *c) {
    FILE *f = xfopen(c->dir, "boundaries.geojson");
    const int NA = c->areas.NA;
    fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", f);
    for (int k = 0; k < NA; k++) {
        const Area *A = &c->areas.ar[k];
        fprintf(f,
                "{\"type\":\"Feature\",\"properties\":{\"area_id\":\"A%02d\",\"neighborhood\":\"%s\"},"
                "\"geometry\":{\"type\":\"%s\",\"coordinates\":",
                k + 1, c->areas.nbn[k], A->nparts > 1 ? "MultiPolygon" : "Polygon");
        if (A->nparts > 1) fputc('[', f);
        for (int pt = 0; pt < A->nparts; pt++) {
            fputs(pt ? ",[" : "[", f);
            geo_write_ring(f, &A->outer[pt]);
            if (A->hole[pt].n) {
                fputc(',', f);
                geo_write_ring(f, &A->hole[pt]);
            }
            fputc(']', f);
        }
        if (A->nparts > 1) fputc(']', f);
        fprintf(f, "}}%s\n", k + 1 < NA ? "," : "");
    }
    fputs("]}\n", f);
    xfclose(f, "boundaries.geojson");
}

/* ------------------------------------------------------------------------------------------ */
/* Sample City: planted.ini                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* realized vehicle statistics and a reference cluster_plate interval (clustered by vehicle) of
   the hit rate and the confirmed hits per million reads */
typedef struct {
    uint64_t n_veh_seen, n_veh_once, n_hot_seen, max_reads, veh_ge100;
    double cl_hit[2], cl_conf[2];
} VehicleStats;

/* Student's t at 0.975 with df degrees of freedom: bisection on GSL's upper tail
 * (a different route from the tool's polished inverse). */
static double t975(double df) {
    double lo = 0, hi = 1e6;
    for (int i = 0; i < 200; i++) {
        double mid = (lo + hi) / 2;
        if (gsl_cdf_tdist_Q(mid, df) > 0.025)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

static void vehicle_stats(const City *c, VehicleStats *vs) {
    const Fleet *fl = &c->fleet;
    const uint64_t n_valid = c->plan.n_valid;
    memset(vs, 0, sizeof *vs);
    for (uint64_t v = 0; v < c->V; v++) {
        if (!fl->vreads[v]) continue;
        vs->n_veh_seen++;
        vs->n_veh_once += fl->vreads[v] == 1;
        vs->n_hot_seen += fl->vhot[v] >= 0;
        vs->veh_ge100 += fl->vreads[v] >= 100;
        if (fl->vreads[v] > vs->max_reads) vs->max_reads = fl->vreads[v];
    }
    const double R = (double)n_valid;
    if (n_valid > 0 && vs->n_veh_seen > 1) {
        /* doc/metrics.md's cluster_plate, written again here as an independent check:
         * Satterthwaite df, Student's t, logit scale for the hit rate, log scale for the rate */
        double p = (double)c->tally.hits_in / R, pc = (double)c->tally.hits_conf / R;
        double ss = 0, ssc = 0, s4 = 0, s4c = 0;
        for (uint64_t v = 0; v < c->V; v++) {
            if (!fl->vreads[v]) continue;
            double e = fl->vhits[v] - p * fl->vreads[v], ec = fl->vconf[v] - pc * fl->vreads[v];
            ss += e * e;
            ssc += ec * ec;
            s4 += e * e * e * e;
            s4c += ec * ec * ec * ec;
        }
        double cc = (double)vs->n_veh_seen / (double)(vs->n_veh_seen - 1);
        double se = sqrt(cc * ss / (R * R)), sec = sqrt(cc * ssc / (R * R));
        if (p > 0 && p < 1 && s4 > 0) {
            double t = t975(fmax(1.0, ss * ss / s4)), L = log(p / (1 - p)), sl = se / (p * (1 - p));
            vs->cl_hit[0] = 1 / (1 + exp(-(L - t * sl)));
            vs->cl_hit[1] = 1 / (1 + exp(-(L + t * sl)));
        }
        if (pc > 0 && s4c > 0) {
            double t = t975(fmax(1.0, ssc * ssc / s4c));
            vs->cl_conf[0] = pc * exp(-t * sec / pc) * 1e6;
            vs->cl_conf[1] = pc * exp(t * sec / pc) * 1e6;
        }
    }
}

/* expected accepted in-period reads, E[R]: the out-of-period hours get OOP_SHARE of the reads in
   expectation (weight_hours), the defective rows are a fixed number */
static double expected_reads(const City *c) { return (double)c->N * (1.0 - OOP_SHARE) - c->plan.n_def_reads; }

/* The vehicle shares' truths given the city as built (the vehicle pool, the cameras, the hours).
   A read's vehicle is drawn by read propensity, p_v = w_v / W, whatever the read's hour, and its
   camera as pick_camera does; so vehicle v has n_v ~ Binomial(R, p_v) in-period reads, each at
   camera c with probability q_v(c) = sum_i pi_i P(c | v's route cameras, hour i), independently
   (pi_i: the in-period hour weights). With g(x) = E[x^n_v] = (1 - p_v (1 - x))^R:
   P(seen) = 1 - g(0), P(seen once) = R p_v (1 - p_v)^(R-1), and P(every read at a camera in S) =
   g(q_v(S)), so P(1 or 2 distinct cameras) follows by inclusion-exclusion over single cameras and
   pairs. The shares are E[count] / E[seen] at R = E[R]. pick_vehicle's rule that a vehicle is not
   read twice in one second is left out (it redraws the vehicle of fewer than one read in 10^5).
   The tracked share costs V * C^2 / 2 terms and is left out (NAN) above 4e8 of them. */
static void expected_vehicle_shares(const City *c, double *once_share, double *tracked_share) {
    const int C = c->C, nf = c->n_fixed;
    const Fleet *fl = &c->fleet;
    const Cam *cam = c->cams.cam;
    const double R = expected_reads(c);
    const int tracked = (double)c->V * C * (C - 1) / 2.0 <= 4e8;
    double W = 0;
    for (uint64_t v = 0; v < c->V; v++) W += fl->vw[v];
    /* q_v(c) = B(c) + P_ROUTE/2 sum_{r in v's routes} (U(r) 1[c = r] - M(r, c)): B is the
       hour-averaged draw by traffic weight among the cameras up, U(r) the share of hours route
       camera r is up, M(r, c) the hour average of [r up] times that draw */
    double *B = xcalloc((size_t)C, sizeof(double)), *U = xcalloc((size_t)nf, sizeof(double));
    double *M = tracked ? xcalloc((size_t)nf * (size_t)C, sizeof(double)) : NULL;
    double *base = xcalloc((size_t)C, sizeof(double));
    for (int i = 0; tracked && i < c->cal.H; i++) {
        const int64_t ld = c->cal.d_first + c->hours.hday[i];
        if (ld < c->cal.p_first || ld > c->cal.p_last) continue;
        const double pi = c->hours.hw[i] / c->hours.w_in;
        double wup = 0;
        for (int j = 0; j < C; j++) {
            int up = cam_up(&cam[j], ld);
            if (up && cam[j].mobile) up = unit_on_duty(c, j, i);
            base[j] = up ? cam[j].w : 0.0;
            wup += base[j];
        }
        for (int j = 0; j < C; j++) base[j] = wup > 0 ? base[j] / wup : (j == 0); /* camera 0 when none is up */
        for (int j = 0; j < C; j++) B[j] += pi * base[j];
        for (int r = 0; r < nf; r++) {
            if (!cam_up(&cam[r], ld)) continue;
            U[r] += pi;
            for (int j = 0; j < C; j++) M[(size_t)r * (size_t)C + (size_t)j] += pi * base[j];
        }
    }
    double seen = 0, once = 0, trk = 0;
    double *q = xcalloc((size_t)C, sizeof(double)), *gs = xcalloc((size_t)C, sizeof(double));
    for (uint64_t v = 0; v < c->V; v++) {
        const double pv = fl->vw[v] / W, g0 = exp(R * log1p(-pv));
        seen += 1 - g0;
        once += R * pv * exp((R - 1) * log1p(-pv));
        if (!tracked) continue;
        for (int j = 0; j < C; j++) q[j] = B[j];
        for (int k = 0; k < 2; k++) {
            const int r = fl->vroute[2 * v + (uint64_t)k];
            q[r] += P_ROUTE / 2 * U[r];
            for (int j = 0; j < C; j++) q[j] -= P_ROUTE / 2 * M[(size_t)r * (size_t)C + (size_t)j];
        }
        double d1 = 0, d2 = 0;
        for (int j = 0; j < C; j++) {
            gs[j] = exp(R * log1p(-pv * (1 - q[j])));
            d1 += gs[j] - g0;
        }
        for (int j = 0; j < C; j++)
            for (int k = j + 1; k < C; k++) d2 += exp(R * log1p(-pv * (1 - q[j] - q[k]))) - gs[j] - gs[k] + g0;
        trk += (1 - g0) - d1 - d2;
    }
    *once_share = once / seen;
    *tracked_share = tracked ? trk / seen : NAN;
    free(B), free(U), free(M), free(base), free(q), free(gs);
}

/* the file's header and the arguments it was generated with */
static void planted_arguments(Ini *p, const City *c) {
    const Args *a = c->a;
    fprintf(p->f, "# Planted parameters and true values for the Sample City data written by gen-city.\n"
                  "# Counts are exact (counted while writing); *_true values are the model's parameters or\n"
                  "# functions of them; *_realized values are what the written data contain. Exposure truths\n"
                  "# are expectations given the city as built (cameras, rosters, vehicle routes): README.md.\n"
                  "[planted]\n");
    ini_i(p, "seed", (long long)a->seed, "--seed: every mt19937 stream is seeded from it");
    ini_i(p, "year", a->year, "--year: the study period is local Jan 1 .. Dec 31 of this year");
    ini_s(p, "timezone", "America/Chicago", "time zone of the period and of local times in hits.csv");
    ini_i(p, "reads_requested", (long long)c->N, "--reads: records written to the read log (= reads_total)");
    ini_i(p, "vehicles", (long long)c->V, "--vehicles: size of the vehicle pool (default reads/6)");
    ini_i(p, "cameras", c->C, "--cameras");
    ini_i(p, "cameras_fixed", c->n_fixed, "cameras - cameras/4, ids CAM-F..");
    ini_i(p, "cameras_mobile", c->n_mobile,
          "cameras/4, ids CAM-M..; mobile reads carry lat/lon, about half of them also the neighborhood");
    ini_i(p, "neighborhoods", c->K, "--neighborhoods");
    ini_i(p, "defects_enabled", a->defects, "0 with --no-defects");
}

/* the read log: how the reads split, the defects, the spelling quirks, the vehicles seen */
static void planted_reads(Ini *p, const City *c, const VehicleStats *vs) {
    const ReadPlan *pl = &c->plan;
    const Tally *ty = &c->tally;
    ini_i(p, "reads_total", (long long)c->N, "data records written to reads.csv(.gz), header excluded");
    ini_i(p, "reads_in_period_expected", (long long)pl->n_valid,
          "valid records whose local date is in the period: the accepted count a correct tool reports");
    ini_i(p, "reads_out_of_period", (long long)(pl->n_cls[CLS_BEFORE] + pl->n_cls[CLS_AFTER]),
          "valid records on the local days just before/after the period (reads_total = in_period + "
          "out_of_period + rejected)");
    ini_i(p, "reads_out_of_period_before", (long long)pl->n_cls[CLS_BEFORE], "local dates before Jan 1");
    ini_i(p, "reads_out_of_period_after", (long long)pl->n_cls[CLS_AFTER], "local dates after Dec 31");
    ini_i(p, "reads_out_of_period_utc_trap", (long long)ty->reads_utc_trap,
          "out-of-period reads on local Dec 31 evening whose UTC date is already Jan 1 of the year");
    ini_i(p, "reads_in_period_utc_after_end", (long long)ty->reads_utc_trap_in,
          "in-period reads on local Dec 31 evening whose UTC date is Jan 1 of the next year");
    ini_i(p, "reads_rejected_expected", pl->n_def_reads, "sum of defects_reads_*");
    ini_i(p, "defects_reads_bad_timestamp", pl->def_counts[DEF_BAD_TS], "timestamp written as YYYY-13-45T99:00:00Z");
    ini_i(p, "defects_reads_empty_plate", pl->def_counts[DEF_EMPTY_PLATE], "plate field empty");
    ini_i(p, "defects_reads_field_count", pl->def_counts[DEF_SHORT_ROW] + pl->def_counts[DEF_LONG_ROW],
          "rows with 8 fields (confidence dropped) or 10 fields (',extra' appended)");
    ini_i(p, "reads_mobile", (long long)ty->mobile_reads, "accepted in-period reads by mobile units");
    ini_i(p, "reads_confidence_na", (long long)ty->conf_na, "accepted in-period reads with confidence NA");
    ini_i(p, "reads_plate_noncanonical", (long long)ty->noncanon_plate,
          "accepted in-period reads whose plate is written with a dash, a space or in lower case");
    ini_i(p, "reads_no_state", (long long)ty->empty_state, "accepted in-period reads with empty plate_state");
    ini_i(p, "distinct_vehicles_in_period", (long long)vs->n_veh_seen,
          "distinct (normalised plate, state) among accepted in-period reads = distinct_plates at all");
    ini_i(p, "vehicles_seen_once", (long long)vs->n_veh_once,
          "vehicles with exactly one accepted in-period read (numerator of plates_seen_once_share)");
    ini_i(p, "vehicles_100_plus_reads", (long long)vs->veh_ge100, "vehicles with >= 100 in-period reads");
    ini_i(p, "max_reads_one_vehicle", (long long)vs->max_reads, "largest in-period read count of one vehicle");
}

/* the hit and outcome model's parameters and the true values that follow from them */
static void planted_hit_model(Ini *p) {
    char buf[512];
    ini_d(p, "q_hot", Q_HOT, "probability a vehicle is on a hotlist (independent of its read count)");
    ini_d(p, "lambda_hot", (LAMBDA_HOT * hit_scale), "per-read hit probability for a hotlisted vehicle");
    ini_d(p, "lambda_cold", (LAMBDA_COLD * hit_scale), "per-read hit probability for any other vehicle");
    ini_d(p, "hit_rate_true", Q_HOT * (LAMBDA_HOT * hit_scale) + (1 - Q_HOT) * (LAMBDA_COLD * hit_scale),
          "q_hot*lambda_hot + (1-q_hot)*lambda_cold: expected hits per read");
    for (int i = 0; i < CAT_N; i++) {
        snprintf(buf, sizeof buf, "p_hotlist_%s", CAT_NAMES[i]);
        ini_d(p, buf, CAT_P[i], "hotlist category probability (of a hot vehicle, and of a cold hit)");
    }
    for (int d = 0; d < DISP_N; d++) {
        snprintf(buf, sizeof buf, "p_disposition_%s", DISP_NAMES[d]);
        ini_d(p, buf, DISP_P[d], "disposition probability, IID per hit");
    }
    double fp = DISP_P[1] + DISP_P[2] + DISP_P[3];
    ini_d(p, "fp_share_true", fp / (1 - DISP_P[D_UNVERIFIED]),
          "P(misread|wrong_state|stale_entry) / (1 - P(unverified)): the false_positive_rate at all");
    ini_d(p, "p_no_read_id", P_NO_READ_ID,
          "share of hits written without read_id (local time with offset + camera + plate respelled)");
    ini_d(p, "p_outcome", P_OUTCOME, "probability a confirmed hit gets >= 1 outcome");
    ini_d(p, "p_second_outcome", P_SECOND_OUTCOME, "given one outcome, probability of a second");
    ini_d(p, "outcome_yield_true", DISP_P[D_CONFIRMED] * P_OUTCOME,
          "p_disposition_confirmed * p_outcome: expected share of hits with >= 1 outcome");
    ini_d(p, "confirmed_per_million_true",
          (Q_HOT * (LAMBDA_HOT * hit_scale) + (1 - Q_HOT) * (LAMBDA_COLD * hit_scale)) * DISP_P[0] * 1e6,
          "hit_rate_true * p_disposition_confirmed * 1e6");
}

/* The truths of the interval rows by camera, neighbourhood, month, hotlist and disposition: for
   each row, its expected numerator over its expected denominator under the model, averaged over
   the draws of the vehicle pool as hit_rate_true is. A vehicle's hotlist status and category are
   drawn independently of its read propensity and of its route cameras; the per-read hit
   probability does not change with the hour, day or season (the seasonal and holiday factors
   move the number of reads only); dispositions, outcomes and outcome types are drawn per hit,
   independently of where and when the read was. So every camera (fixed or mobile), every area
   (unknown included) and every month has the city's hit rate, false-positive share and yields,
   and one key holds for all of them; only the hotlist changes a hit's outcome types. */
static void planted_interval_truths(Ini *p, const City *c) {
    char buf[512], com[256];
    const double h = Q_HOT * (LAMBDA_HOT * hit_scale) + (1 - Q_HOT) * (LAMBDA_COLD * hit_scale);
    const double fp = (DISP_P[1] + DISP_P[2] + DISP_P[3]) / (1 - DISP_P[D_UNVERIFIED]);
    const double oy = DISP_P[D_CONFIRMED] * P_OUTCOME;
    static const char *const CLS_NAMES[3] = {"stolen_vehicle", "stolen_plate", "other_hotlists"};
    double ey[3], ey_all = 0;
    for (int k = 0; k < 3; k++) {
        const double e = OT_P[k][0] + OT_P[k][1]; /* arrest or vehicle_recovered */
        snprintf(buf, sizeof buf, "p_enforcement_type_%s", CLS_NAMES[k]);
        ini_d(p, buf, e,
              k < 2 ? "probability one outcome of a hit of this hotlist is an arrest or vehicle_recovered"
                    : "the same for the hits of every other hotlist");
        /* >= 1 enforcement outcome: one outcome (1 - p_second) with e, or two (p_second) with 1 - (1-e)^2 */
        ey[k] = DISP_P[D_CONFIRMED] * P_OUTCOME * e * (1 + P_SECOND_OUTCOME * (1 - e));
    }
    for (int i = 0; i < CAT_N; i++) ey_all += CAT_P[i] * ey[i == 0 ? 0 : (i == 1 ? 1 : 2)];

    ini_d(p, "non_hit_share_true", 1 - h, "1 - hit_rate_true: non_hit_share at all");
    ini_d(p, "hit_rate_true_camera", h,
          "hit_rate_true at every camera, fixed or mobile (one key for all): hot status is independent of the "
          "route cameras and read propensity, so expected hits / expected reads is the city's at each camera");
    ini_d(p, "hit_rate_true_neighborhood", h,
          "hit_rate_true in every area, unknown included (one key for all): the area follows the camera or patrol, "
          "never the hot status");
    ini_d(p, "hit_rate_true_month", h,
          "hit_rate_true in every month (one key for all): the seasonal and holiday factors scale the reads, not "
          "the per-read hit probability");
    for (int i = 0; i < CAT_N; i++) {
        snprintf(buf, sizeof buf, "hit_rate_true_hotlist_%s", CAT_NAMES[i]);
        ini_d(p, buf, CAT_P[i] * h,
              "p_hotlist * hit_rate_true: this hotlist's hits over all reads (a hot vehicle's category and a cold "
              "hit's are both drawn with p_hotlist_*)");
    }
    for (int d = 0; d < DISP_N; d++) {
        snprintf(buf, sizeof buf, "disposition_share_true_%s", DISP_NAMES[d]);
        ini_d(p, buf, DISP_P[d], "p_disposition: this disposition's hits over all hits (IID per hit)");
    }
    for (int i = 0; i < CAT_N; i++) {
        snprintf(buf, sizeof buf, "fp_share_true_hotlist_%s", CAT_NAMES[i]);
        ini_d(p, buf, fp, "fp_share_true: the disposition does not depend on the hotlist");
    }
    ini_d(p, "fp_share_true_camera", fp, "fp_share_true at every camera (one key for all)");
    ini_d(p, "fp_share_true_neighborhood", fp, "fp_share_true in every area, unknown included (one key for all)");
    for (int i = 0; i < CAT_N; i++) {
        snprintf(buf, sizeof buf, "outcome_yield_true_hotlist_%s", CAT_NAMES[i]);
        ini_d(p, buf, oy, "outcome_yield_true: p_outcome does not depend on the hotlist (only the type mix does)");
    }
    ini_d(p, "outcome_yield_true_camera", oy, "outcome_yield_true at every camera (one key for all)");
    ini_d(p, "outcome_yield_true_neighborhood", oy, "outcome_yield_true in every area, unknown included (one key for all)");
    ini_d(p, "enforcement_yield_true", ey_all,
          "sum over hotlists of p_hotlist * enforcement_yield_true_hotlist: expected share of hits with >= 1 "
          "arrest or vehicle_recovered outcome (the default enforcement_outcomes)");
    for (int i = 0; i < CAT_N; i++) {
        const int k = i == 0 ? 0 : (i == 1 ? 1 : 2);
        snprintf(buf, sizeof buf, "enforcement_yield_true_hotlist_%s", CAT_NAMES[i]);
        snprintf(com, sizeof com,
                 "p_disposition_confirmed * p_outcome * e * (1 + p_second_outcome * (1 - e)), e = "
                 "p_enforcement_type_%s: one outcome with e, or two with 1 - (1-e)^2",
                 CLS_NAMES[k]);
        ini_d(p, buf, ey[k], com);
    }
    ini_d(p, "enforcement_yield_true_camera", ey_all, "enforcement_yield_true at every camera (one key for all)");
    ini_d(p, "enforcement_yield_true_neighborhood", ey_all,
          "enforcement_yield_true in every area, unknown included (one key for all)");

    /* outcomes of each type: the linked ones scale with the reads, the unlinked ones are a fixed
       number (drawn with the last hotlists' type mix) */
    const double ER = expected_reads(c);
    ini_d(p, "reads_in_period_true", ER,
          "E[R] = reads * (1 - 0.003) - rejected: expected accepted in-period reads (out-of-period hours get 0.003 of "
          "the reads in expectation)");
    for (int o = 0; o < OT_N; o++) {
        double mix = 0;
        for (int i = 0; i < CAT_N; i++) mix += CAT_P[i] * OT_P[i == 0 ? 0 : (i == 1 ? 1 : 2)][o];
        const double unlinked = c->plan.n_valid ? N_UNLINKED_OUTCOMES * OT_P[2][o] : 0.0;
        const double eu = ER * h * DISP_P[D_CONFIRMED] * P_OUTCOME * (1 + P_SECOND_OUTCOME) * mix + unlinked;
        snprintf(buf, sizeof buf, "outcomes_true_%s", OT_NAMES[o]);
        snprintf(com, sizeof com,
                 "E[U]: E[R] * hit_rate_true * p_disposition_confirmed * p_outcome * (1 + p_second_outcome) * %.6g "
                 "(this type's share of outcomes, over the hotlists) + %d unlinked * %.6g",
                 mix, c->plan.n_valid ? N_UNLINKED_OUTCOMES : 0, OT_P[2][o]);
        ini_d(p, buf, eu, com);
        snprintf(buf, sizeof buf, "outcomes_per_million_true_%s", OT_NAMES[o]);
        ini_d(p, buf, eu / ER * 1e6, "E[U] / E[R] * 1e6: outcomes_per_million_reads' true value");
        snprintf(buf, sizeof buf, "reads_per_outcome_true_%s", OT_NAMES[o]);
        ini_d(p, buf, ER / eu, "E[R] / E[U]: reads_per_outcome's true value (cost_per_outcome's is cost / E[U])");
    }

    double once, tracked;
    expected_vehicle_shares(c, &once, &tracked);
    ini_d(p, "plates_seen_once_share_true", once,
          "E[vehicles read once] / E[vehicles read] given the vehicle pool: sum_v R p_v (1-p_v)^(R-1) / sum_v "
          "(1 - (1-p_v)^R), p_v = the vehicle's share of the read propensity, R = E[R]");
    if (!isnan(tracked))
        ini_d(p, "tracked_plates_share_true", tracked,
              "E[vehicles read by >= 3 distinct cameras] / E[vehicles read] given the pool, the cameras' weights, "
              "up days and rosters and each vehicle's route cameras (the default tracked_cameras = 3)");
    else
        fputs("# tracked_plates_share_true: not computed for this many vehicles and cameras (V * C^2 / 2 > 4e8)\n", p->f);
}

/* the hits as written: counts, defects, the realized rates and their reference intervals */
static void planted_hits(Ini *p, const City *c, const VehicleStats *vs) {
    const Tally *ty = &c->tally;
    const uint64_t n_valid = c->plan.n_valid;
    const double R = (double)n_valid;
    const int defects = c->a->defects;
    char buf[512];
    ini_i(p, "hits_written", (long long)ty->hit_no, "data records in hits.csv");
    ini_i(p, "hits_in_period_expected", (long long)ty->hits_in,
          "hits on accepted in-period reads: the accepted hit count a correct tool reports");
    ini_i(p, "hits_without_read_id", (long long)ty->hits_noid,
          "of hits_in_period_expected, those that must be linked by plate + camera + instant");
    ini_i(p, "hits_linked_out_of_period", (long long)ty->hits_oop,
          "hits on out-of-period reads (2 on local Dec 31 evening = UTC Jan 1, one of them without "
          "read_id; 1 after the period): in no figure");
    ini_i(p, "hits_rejected_expected", (long long)ty->hits_bad, "sum of defects_hits_*");
    ini_i(p, "defects_hits_unknown_read_id", defects && n_valid ? 2 : 0, "read_id R9999998x / R9999999x");
    ini_i(p, "defects_hits_unknown_hotlist", defects && n_valid ? 1 : 0, "hotlist stolen_bicycle (linked to a valid read)");
    ini_i(p, "hot_vehicles", (long long)c->fleet.n_hot_vehicles, "vehicles in the pool on a hotlist");
    ini_i(p, "hot_vehicles_seen", (long long)vs->n_hot_seen, "hotlisted vehicles with >= 1 in-period read");
    ini_d(p, "hit_rate_realized", n_valid ? (double)ty->hits_in / R : 0.0,
          "hits_in_period_expected / reads_in_period_expected: hit_rate at all");
    ini_d(p, "hit_rate_cluster_low_check", vs->cl_hit[0],
          "reference cluster_plate 95% interval of hit_rate_realized (t, Satterthwaite df, logit scale)");
    ini_d(p, "hit_rate_cluster_high_check", vs->cl_hit[1], "upper end of the same interval");
    ini_i(p, "hits_confirmed", (long long)ty->hits_conf, "in-period hits with disposition confirmed");
    ini_d(p, "confirmed_per_million_realized", n_valid ? (double)ty->hits_conf / R * 1e6 : 0.0,
          "hits_confirmed / reads_in_period_expected * 1e6");
    ini_d(p, "confirmed_per_million_cluster_low_check", vs->cl_conf[0],
          "reference cluster_plate 95% interval (t, Satterthwaite df, log scale)");
    ini_d(p, "confirmed_per_million_cluster_high_check", vs->cl_conf[1], "upper end of the same interval");
    for (int i = 0; i < CAT_N; i++) {
        snprintf(buf, sizeof buf, "hits_hotlist_%s", CAT_NAMES[i]);
        ini_i(p, buf, (long long)ty->hits_cat[i], "in-period hits of this hotlist");
    }
    for (int d = 0; d < DISP_N; d++) {
        snprintf(buf, sizeof buf, "hits_disposition_%s", DISP_NAMES[d]);
        ini_i(p, buf, (long long)ty->hits_disp[d], "in-period hits with this disposition");
    }
    uint64_t fpn = ty->hits_disp[1] + ty->hits_disp[2] + ty->hits_disp[3],
             known = ty->hits_in - ty->hits_disp[D_UNVERIFIED];
    ini_d(p, "fp_share_realized", known ? (double)fpn / (double)known : 0.0,
          "(misread+wrong_state+stale_entry) / (hits - unverified) among in-period hits");
}

/* the outcomes as written */
static void planted_outcomes(Ini *p, const City *c) {
    const Tally *ty = &c->tally;
    char buf[512];
    ini_i(p, "outcomes_written", (long long)ty->out_no, "data records in outcomes.csv");
    ini_i(p, "outcomes_linked", (long long)ty->out_linked, "valid outcomes of in-period confirmed hits");
    ini_i(p, "outcomes_unlinked", (long long)ty->out_unlinked, "valid outcomes with empty hit_id (they count)");
    ini_i(p, "outcomes_accepted_expected", (long long)(ty->out_linked + ty->out_unlinked),
          "all valid outcomes; every timestamp is inside the period (clamped to its last second)");
    ini_i(p, "defects_outcomes_unknown_type", (long long)ty->out_bad,
          "type vehicle_towed, on a confirmed hit that has no valid outcome");
    for (int o = 0; o < OT_N; o++) {
        snprintf(buf, sizeof buf, "outcomes_%s", OT_NAMES[o]);
        ini_i(p, buf, (long long)ty->out_type[o], "accepted outcomes of this type (linked + unlinked)");
    }
    ini_i(p, "hits_with_outcome", (long long)ty->hit_with_out, "in-period hits with >= 1 valid outcome");
    ini_d(p, "outcome_yield_realized", ty->hits_in ? (double)ty->hit_with_out / (double)ty->hits_in : 0.0,
          "hits_with_outcome / hits_in_period_expected: outcome_yield at all");
}

/* exposure: the listed areas, the cameras placed by polygon, where cameras and patrols go */
static void planted_exposure_setup(Ini *p, const City *c) {
    const Areas *as = &c->areas;
    const Cameras *cs = &c->cams;
    char buf[512];
    ini_i(p, "neighborhoods_listed", as->NA,
          "rows of neighborhoods.csv = features of boundaries.geojson (the grid areas, plus " ENCLAVE_NAME
          " inside University's hole when there are >= 6)");
    ini_s(p, "enclave", as->has_enclave ? ENCLAVE_NAME : "",
          "a listed area that is the hole of University's polygon (a separate feature after University)");
    ini_i(p, "harbor_multipolygon", as->has_island, "1: Harbor is a MultiPolygon, mainland + an island south of the city");
    ini_s(p, "camera_polygon_island", cs->cam_island >= 0 ? cs->cam[cs->cam_island].id : "",
          "fixed camera with an empty neighborhood in cameras.csv, on Harbor's island: the polygon gives Harbor");
    ini_s(
        p, "camera_polygon_enclave", cs->cam_enclave >= 0 ? cs->cam[cs->cam_enclave].id : "",
        "fixed camera with an empty neighborhood in cameras.csv, inside University's hole: the polygon gives " ENCLAVE_NAME);
    ini_d(p, "p_mobile_neighborhood_empty", P_NB_EMPTY,
          "share of mobile reads (inside the city) written with an empty neighborhood: the polygon of lat/lon assigns them");
    ini_d(p, "p_mobile_outside", P_MOBILE_OUTSIDE,
          "share of mobile reads east of the city limits, neighborhood empty, in no polygon; mobile units have no "
          "neighborhood in cameras.csv, so these are unknown");
    for (int k = 0; k < c->K && k < 8; k++) {
        area_key(buf, sizeof buf, "patrol_weight_", as->nbn[k]);
        ini_d(p, buf, as->nb_pw[k], "mobile-unit patrol weight: each unit-day's area is drawn with these weights");
    }
    for (int k = 0; k < c->K && k < 8; k++) {
        area_key(buf, sizeof buf, "fixed_camera_weight_", as->nbn[k]);
        ini_d(p, buf, as->nb_fw[k],
              "placement weight of the fixed cameras beyond the first one per area (CAM-F01..F08 sit one per area)");
    }
}

/* exposure truths: expected_exposure's shares scaled to the expected listed reads E[Y] */
static void planted_exposure_truth(Ini *p, const City *c) {
    const Areas *as = &c->areas;
    const Truth *tr = &c->truth;
    const int NA = as->NA;
    char buf[512];
    double e_sum = 0;
    for (int k = 0; k < NA; k++) e_sum += tr->e_area[k];
    const double EY = ((double)c->N * (1.0 - OOP_SHARE) - c->plan.n_def_reads) * e_sum;
    double *yv = xcalloc((size_t)NA, sizeof(double)), *ratio = xcalloc((size_t)NA, sizeof(double));
    double gexp[5], disp[5], rate_all, gini;
    for (int k = 0; k < NA; k++) yv[k] = tr->e_area[k] / e_sum * EY;
    exposure_stats(NA, yv, as->nb_pop, &as->nb_grp[0][0], 5, ratio, gexp, disp, &rate_all, &gini);
    ini_d(p, "mobile_share_true", tr->e_mobile,
          "expected share of accepted in-period reads made by mobile units (from the hour weights, camera weights, "
          "routes and rosters)");
    ini_d(p, "unassigned_share_true", tr->e_outside, "p_mobile_outside * mobile_share_true: expected unassigned share");
    ini_d(p, "reads_listed_true", EY,
          "E[Y]: expected accepted in-period reads in listed areas = (reads * (1 - 0.003) - rejected) * (1 - "
          "unassigned_share_true)");
    ini_d(p, "reads_per_1k_residents_true_all", rate_all, "E[Y] / population * 1000");
    for (int k = 0; k < NA; k++) {
        area_key(buf, sizeof buf, "reads_share_true_", as->nbn[k]);
        ini_d(p, buf, tr->e_area[k] / e_sum,
              "s_n: expected share of the listed reads in this area, from the generator's parameters (not the data)");
    }
    for (int k = 0; k < NA; k++) {
        area_key(buf, sizeof buf, "exposure_ratio_true_", as->nbn[k]);
        ini_d(p, buf, ratio[k], "s_n / (population_n / population): exposure_ratio's true value");
    }
    for (int k = 0; k < NA; k++) {
        area_key(buf, sizeof buf, "reads_per_1k_residents_true_", as->nbn[k]);
        ini_d(p, buf, yv[k] / (double)as->nb_pop[k] * 1000.0, "s_n * E[Y] / population_n * 1000");
    }
    const double D = (double)(c->cal.p_last - c->cal.p_first + 1);
    for (int k = 0; k < NA; k++) {
        area_key(buf, sizeof buf, "reads_per_km2_true_", as->nbn[k]);
        ini_d(p, buf, yv[k] / as->nb_km2[k], "s_n * E[Y] / area_km2_n (as written in neighborhoods.csv)");
    }
    for (int k = 0; k < NA; k++) {
        area_key(buf, sizeof buf, "reads_per_100_vmt_true_", as->nbn[k]);
        ini_d(p, buf, yv[k] / (as->nb_vmt[k] * D) * 100.0, "s_n * E[Y] / (daily_vmt_n * days of the period) * 100");
    }
    for (int g = 0; g < 5; g++) {
        snprintf(buf, sizeof buf, "group_exposure_true_%s", GRP_NAMES[g]);
        ini_d(p, buf, gexp[g], "sum_n pop_g,n * rate_n / sum_n pop_g,n on the expected counts s_n * E[Y]");
    }
    for (int g = 0; g < 5; g++) {
        snprintf(buf, sizeof buf, "disparity_ratio_true_%s", GRP_NAMES[g]);
        ini_d(p, buf, disp[g], "group_exposure_true / reads_per_1k_residents_true_all (does not depend on E[Y])");
    }
    ini_d(p, "gini_reads_per_capita_true", gini, "population-weighted Gini of s_n / population_n");
    free(yv), free(ratio);
}

/* exposure as written: reads per listed area by how they were assigned, and the same figures on
   those counts */
static void planted_exposure_realized(Ini *p, const City *c) {
    const Areas *as = &c->areas;
    const Tally *ty = &c->tally;
    const int NA = as->NA;
    char buf[512];
    uint64_t listed = 0;
    for (int k = 0; k < NA; k++) listed += ty->area[k];
    ini_i(p, "reads_listed", (long long)listed,
          "accepted in-period reads assigned to a listed area (Y); reads_listed + unassigned_reads = "
          "reads_in_period_expected");
    ini_i(p, "unassigned_reads", (long long)ty->unassigned,
          "accepted in-period reads in no listed area: the mobile reads outside the city (unknown)");
    ini_i(p, "reads_mobile_named", (long long)ty->mobile_named,
          "accepted in-period mobile reads whose neighborhood column is filled");
    ini_i(p, "reads_mobile_polygon", (long long)ty->mobile_polygon,
          "accepted in-period mobile reads with an empty neighborhood inside a polygon (assigned by lat/lon)");
    ini_i(p, "reads_mobile_island", (long long)ty->mobile_island,
          "of the accepted in-period Harbor mobile reads (named or not), those on the island");
    ini_i(p, "reads_camera_polygon_island", (long long)ty->cam_polygon[0],
          "accepted in-period reads of camera_polygon_island (assigned through the camera's polygon: Harbor)");
    ini_i(p, "reads_camera_polygon_enclave", (long long)ty->cam_polygon[1],
          "accepted in-period reads of camera_polygon_enclave (through the camera's polygon: " ENCLAVE_NAME ")");
    for (int k = 0; k < NA; k++) {
        area_key(buf, sizeof buf, "reads_in_neighborhood_", as->nbn[k]);
        ini_i(p, buf, (long long)ty->area[k],
              "accepted in-period reads assigned here (column, else polygon of lat/lon, else camera)");
    }
    double *yv = xcalloc((size_t)NA, sizeof(double)), *ratio = xcalloc((size_t)NA, sizeof(double));
    double gexp[5], disp[5], rate_all, gini;
    for (int k = 0; k < NA; k++) yv[k] = (double)ty->area[k];
    exposure_stats(NA, yv, as->nb_pop, &as->nb_grp[0][0], 5, ratio, gexp, disp, &rate_all, &gini);
    ini_d(p, "reads_per_1k_residents_realized_all", rate_all, "reads_listed / population * 1000 (the estimate)");
    for (int k = 0; k < NA; k++) {
        area_key(buf, sizeof buf, "exposure_ratio_realized_", as->nbn[k]);
        ini_d(p, buf, ratio[k], "exposure_ratio's estimate on the written data");
    }
    for (int g = 0; g < 5; g++) {
        snprintf(buf, sizeof buf, "group_exposure_realized_%s", GRP_NAMES[g]);
        ini_d(p, buf, gexp[g], "group_exposure's estimate on the written data");
    }
    for (int g = 0; g < 5; g++) {
        snprintf(buf, sizeof buf, "disparity_ratio_realized_%s", GRP_NAMES[g]);
        ini_d(p, buf, disp[g], "disparity_ratio's estimate on the written data");
    }
    ini_d(p, "gini_reads_per_capita_realized", gini, "gini_reads_per_capita's estimate on the written data");
    free(yv), free(ratio);
}

/* ------------------------------------------------------------------------------------------ */
/* Sample City: the search audit log and the sharing list                                      */
/* ------------------------------------------------------------------------------------------ */

/* searches.csv is shaped like Flock's network audit export and sharing.csv like its share
   settings. Both come from their own mt19937 streams (7: the sharing list, 8: the searches), drawn
   after every other file's records, so the other files are the same bytes with or without them.
   The searches use the city's plate pool (read only). Reason texts, organization names and the
   classes planted for them follow DATA.md and src/gov_classify.h (analysis/organization-rules.txt);
   the counts of planted.ini are tallied from the rows as written. */

#define AGENCY_NAME "Sample City TX PD" /* this agency, as the vendor names it (in_state) */
#define P_LOCAL_SEARCH 0.72             /* share of searches run by this agency's own users */
#define P_AFTER_HOURS 0.04              /* share of searches run 01:00-05:00 local */
#define N_LOCAL_USERS 45
#define P_NO_USER 0.004      /* rows with an empty Name */
#define P_NO_WINDOW 0.03     /* rows with an empty Time Frame */
#define P_WINDOW_LATE 0.02   /* given a window: its end after the search time (a tool clips it) */
#define P_REPEAT_TARGET 0.25 /* plate queries aimed at a small set of targets */
#define N_TARGETS 40         /* vehicles in that set */
#define P_FLAG_SUBST 0.05    /* share of substantive reasons that name immigration enforcement */
#define N_STALK 6            /* planted repeat-target searches: one user, one plate, no case # */

enum { RC_BLANK, RC_CASE, RC_VAGUE, RC_GENERIC, RC_SUBST, RC_N };
static const char *const RC_NAMES[RC_N] = {"blank", "case_number_only", "vague", "generic_investigation", "substantive"};
static const double RC_P[RC_N] = {0.12, 0.16, 0.10, 0.20, 0.42};
static const double CASE_P[RC_N] = {0.20, 0.55, 0.15, 0.40, 0.55}; /* P(Case # filled | reason class) */
#define P_BLANK_NA 0.15 /* blank reasons written "N/A" (a missing value by DATA.md), the rest empty */

static const char *const VAGUE_TXT[] = {
    "check", "Check", "CHECK",     "test", "lookup", "look up", "verify", "Verifying", "misc", "other", "unk", "Unknown",
    "x",     "?",     "follow up", "FYI",  "ok",     "idk",     "tbd",    "review",    "asdf", "ck",    "LP"};
static const char *const GENERIC_TXT[] = {
    "investigation", "Investigation", "INVESTIGATION",          "inv",           "Inv", "INV",
    "invest",        "investigative", "Criminal Investigation", "investigations"};
static const char *const SUBST_TXT[] = {
    "stolen vehicle",
    "Stolen Vehicle",
    "burglary suspect vehicle",
    "hit and run",
    "agg assault suspect",
    "missing person",
    "narcotics",
    "runaway juvenile",
    "robbery suspect",
    "BOLO neighboring agency",
    "credit card fraud",
    "homicide",
    "theft of catalytic converter",
    "wanted person",
    "Other - Not Applicable",
    "welfare concern",
    "shooting suspect vehicle",
    "Suspicious Vehicle"};
static const char *const FLAG_TXT[] = {
    "ICE detainer",      "assist HSI", "immigration violation", "Border Patrol request", "ICE ERO target",
    "deportation order", "CBP assist", "immigration status"};
#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* lookback (search time - window start): uniform within day bins with these probabilities */
static const int LB_EDGE[7] = {0, 1, 7, 30, 90, 365, 500};
static const double LB_P[6] = {0.35, 0.25, 0.22, 0.10, 0.06, 0.02};
static const int LB_DAYS[5] = {1, 7, 30, 90, 365}; /* thresholds of searches_lookback_over */

enum { SY_N = 6 };
static const char *const SY_NAMES[SY_N] = {"lookup", "search", "freeform", "visual", "convoy", "multiGeo"};
static const double SY_LOCAL[SY_N] = {25, 52, 7, 7, 5, 4};
static const double SY_NET[SY_N] = {80, 14, 2, 2, 1, 1};
/* local hour weights outside the after-hours window (hours 1-4 are only drawn as after-hours) */
static const double SH_HOUR[24] = {3, 0, 0, 0, 0, 2, 4, 12, 20, 22, 22, 20, 16, 18, 20, 20, 16, 12, 10, 9, 8, 7, 6, 4};

/* organization classes as analysis/organization-rules.txt decides them for agency_state TX */
enum { OC_IN, OC_OUT, OC_FED, OC_IMM, OC_PRIV, OC_UNK, OC_N };
static const char *const OC_NAMES[OC_N] = {"in_state", "out_of_state", "federal", "immigration", "private", "unknown"};
typedef struct {
    const char *name;
    int cls, inactive;
    int p_out, p_in; /* percent: this agency shares with it / it shares with this agency */
} OrgDef;
static const OrgDef ORGS[] = {
    {"Round Rock TX PD", OC_IN, 0, 90, 80},
    {"Pflugerville TX PD", OC_IN, 0, 90, 80},
    {"Travis County TX SO", OC_IN, 0, 100, 100},
    {"Williamson County TX SO", OC_IN, 0, 90, 70},
    {"Hays County TX SO", OC_IN, 0, 80, 70},
    {"San Marcos TX PD", OC_IN, 0, 80, 60},
    {"Georgetown TX PD", OC_IN, 0, 80, 70},
    {"Hutto Police Department (TX)", OC_IN, 0, 80, 70},
    {"Leander TX PD", OC_IN, 0, 80, 60},
    {"Kyle TX PD", OC_IN, 0, 70, 60},
    {"Buda TX PD", OC_IN, 0, 70, 60},
    {"Bastrop County TX SO", OC_IN, 0, 70, 60},
    {"Texas DPS - Region 6", OC_IN, 0, 100, 50},
    {"TX - Caldwell County SO", OC_IN, 0, 60, 60},
    {"Harris County TX Constable Pct. 4", OC_IN, 0, 50, 50},
    {"San Antonio TX PD", OC_IN, 0, 70, 50},
    {"Bexar County TX SO", OC_IN, 0, 60, 50},
    {"Killeen TX PD", OC_IN, 0, 60, 50},
    {"Temple TX PD", OC_IN, 0, 60, 50},
    {"Waco TX PD", OC_IN, 0, 60, 50},
    {"Dallas TX PD", OC_IN, 0, 50, 40},
    {"Houston TX PD", OC_IN, 0, 50, 40},
    {"Lakeway TX PD", OC_IN, 0, 70, 60},
    {"Texas State University PD (TX)", OC_IN, 0, 60, 40},
    {"[Inactive] Bastrop TX PD", OC_IN, 1, 60, 50},
    {"Manor TX PD (Dead/Old)", OC_IN, 1, 60, 50},
    {"Elgin TX PD DNU", OC_IN, 1, 60, 50},
    {"Canton GA PD", OC_OUT, 0, 30, 60},
    {"Tulsa OK PD", OC_OUT, 0, 40, 60},
    {"Oklahoma County OK SO", OC_OUT, 0, 40, 50},
    {"Shreveport LA PD", OC_OUT, 0, 40, 60},
    {"Caddo Parish LA SO", OC_OUT, 0, 30, 50},
    {"Little Rock AR PD", OC_OUT, 0, 30, 60},
    {"Conway AR PD", OC_OUT, 0, 30, 60},
    {"Albuquerque NM PD", OC_OUT, 0, 40, 50},
    {"Las Cruces NM PD", OC_OUT, 0, 40, 50},
    {"Denver CO PD", OC_OUT, 0, 30, 40},
    {"Maricopa County AZ SO", OC_OUT, 0, 30, 40},
    {"Orange County FL SO", OC_OUT, 0, 30, 40},
    {"Escambia County FL SO", OC_OUT, 0, 30, 40},
    {"Bakersfield PD (CA)", OC_OUT, 0, 100, 0},
    {"Fresno PD (CA)", OC_OUT, 0, 40, 30},
    {"Kansas City MO PD", OC_OUT, 0, 30, 50},
    {"Wichita KS PD", OC_OUT, 0, 30, 50},
    {"Tulsa County OK SO DNU", OC_OUT, 1, 50, 50},
    {"[Federal] Federal Bureau of Investigation (FBI)", OC_FED, 0, 100, 0},
    {"[Federal] US Postal Inspection Service", OC_FED, 0, 100, 0},
    {"[Federal] Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF)", OC_FED, 0, 60, 0},
    {"[Federal] Drug Enforcement Administration - Houston Division", OC_FED, 0, 60, 0},
    {"[Federal] US Marshals Service - Western District of Texas", OC_FED, 0, 60, 0},
    {"[Federal] Fort Cavazos TX Army CID", OC_FED, 0, 50, 50},
    {"[Federal] Padre Island National Seashore NPS", OC_FED, 0, 40, 40},
    {"[Federal] Department of Veterans Affairs Police - Central Texas", OC_FED, 0, 50, 30},
    {"[Federal] U.S. Border Patrol - Del Rio Sector", OC_IMM, 0, 100, 0},
    {"[Federal] Homeland Security Investigations - San Antonio", OC_IMM, 0, 50, 0},
    {"Lakeline Mall Security", OC_PRIV, 0, 100, 100},
    {"Brushy Creek Estates HOA", OC_PRIV, 0, 0, 100},
    {"National Center for Missing & Exploited Children [NCMEC]", OC_PRIV, 0, 100, 0},
    {"Regional Auto Theft Task Force", OC_UNK, 0, 60, 60},
    {"Capital Area Fusion Center", OC_UNK, 0, 60, 40},
};
#define N_ORGS NELEM(ORGS)
/* which network organizations search (by class, among active ones this agency shares with) */
static const double SEARCHER_P[OC_N] = {0.55, 0.22, 0.17, 0.06, 0, 0};

static const char *const FIRST_NAMES[] = {
    "James", "Maria",   "Robert", "Linda",  "Michael", "Patricia", "David",  "Jennifer", "Daniel", "Elizabeth",
    "Jose",  "Susan",   "Carlos", "Karen",  "Thomas",  "Nancy",    "Juan",   "Lisa",     "Mark",   "Sandra",
    "Kevin", "Ashley",  "Brian",  "Amanda", "Jason",   "Melissa",  "Ryan",   "Laura",    "Eric",   "Rebecca",
    "Aaron", "Crystal", "Luis",   "Erin",   "Travis",  "Monica",   "Dustin", "Tamara",   "Cody",   "Veronica"};
static const char *const LAST_NAMES[] = {
    "Garcia",    "Smith",    "Martinez", "Johnson",  "Hernandez", "Williams", "Lopez",     "Brown", "Gonzalez", "Jones",
    "Rodriguez", "Davis",    "Perez",    "Miller",   "Sanchez",   "Wilson",   "Ramirez",   "Moore", "Torres",   "Taylor",
    "Flores",    "Anderson", "Rivera",   "Thomas",   "Gomez",     "Jackson",  "Diaz",      "White", "Reyes",    "Harris",
    "Cruz",      "Martin",   "Morales",  "Thompson", "Ortiz",     "Clark",    "Gutierrez", "Lewis", "Chavez",   "Walker"};

typedef struct {
    int64_t t, wstart, wend; /* search time (UTC seconds); window, wstart = INT64_MIN when none */
    int user;                /* index into Gov.uname, -1 empty */
    int org;                 /* -1: this agency, else ORGS index */
    int type, rclass, flagged, after_hours, in_period, networks, devices;
    char id[37], reason[48], casen[16], query[12], filters[40];
} SRow;

typedef struct Gov {
    int out[N_ORGS], in[N_ORGS]; /* directions as written */
    int nusers;
    char (*uname)[32];
    int *user_org; /* -1 this agency */
    SRow *row;
    size_t n, cap;
    /* tallies over the in-period rows */
    uint64_t total, in_period, oop, utc_trap_in, utc_trap_out;
    uint64_t rc[RC_N], blank_na, flagged, after_hours, no_case, with_window, late_window, lb_over[5];
    uint64_t users, top10, multi_network, org_cls[OC_N], type[SY_N], repeat_pairs, stalk_pairs;
    uint64_t has_query, has_user, has_reason;
    uint64_t edge_rows, edge_sources; /* sharing_edges.csv: rows and source agencies, this one included */
} Gov;

static void uuid_str(char *b, gsl_rng *r) {
    static const char hex[] = "0123456789abcdef";
    int n = 0;
    for (int i = 0; i < 32; i++) {
        if (i == 8 || i == 12 || i == 16 || i == 20) b[n++] = '-';
        b[n++] = hex[gsl_rng_uniform_int(r, 16)];
    }
    b[n] = 0;
}

/* a case code such as 25-001234, CR2025-01144, #2025-4411 or 2025-00123 */
static void case_code(char *b, size_t cap, gsl_rng *r, int year) {
    switch (gsl_rng_uniform_int(r, 4)) {
    case 0: snprintf(b, cap, "%02d-%06lu", year % 100, 1 + gsl_rng_uniform_int(r, 60000)); break;
    case 1: snprintf(b, cap, "CR%d-%05lu", year, 1 + gsl_rng_uniform_int(r, 20000)); break;
    case 2: snprintf(b, cap, "#%d-%04lu", year, 1 + gsl_rng_uniform_int(r, 9000)); break;
    default: snprintf(b, cap, "%d-%05lu", year, 1 + gsl_rng_uniform_int(r, 60000)); break;
    }
}

/* Flock's time form: 04/10/2025, 05:01:33 AM UTC */
static int fmt_flock_time(char *b, int64_t t) {
    int64_t days = floordiv(t, 86400), sod = t - days * 86400;
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    int h = (int)(sod / 3600), h12 = h % 12 ? h % 12 : 12;
    return sprintf(b, "%02d/%02d/%04d, %02d:%02d:%02d %s UTC", m, d, y, h12, (int)(sod / 60 % 60), (int)(sod % 60),
                   h < 12 ? "AM" : "PM");
}

static void csv_put(FILE *f, const char *s) {
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* sharing.csv: every organization in ORGS with its two directions; cells are Yes, or No / empty */
static void gov_sharing(City *c, Gov *g, gsl_rng *r) {
    FILE *f = xfopen(c->dir, "sharing.csv");
    fputs("Organization Name,Networks Shared With Me,Networks I'm Sharing\n", f);
    for (int i = 0; i < N_ORGS; i++) {
        const OrgDef *o = &ORGS[i];
        g->out[i] = (int)gsl_rng_uniform_int(r, 100) < o->p_out;
        g->in[i] = (int)gsl_rng_uniform_int(r, 100) < o->p_in;
        if (!g->out[i] && !g->in[i]) {
            if (o->p_in > 0)
                g->in[i] = 1;
            else
                g->out[i] = 1;
        }
        const char *no_in = gsl_rng_uniform(r) < 0.5 ? "No" : "";
        const char *no_out = gsl_rng_uniform(r) < 0.5 ? "No" : "";
        csv_put(f, o->name);
        fprintf(f, ",%s,%s\n", g->in[i] ? "Yes" : no_in, g->out[i] ? "Yes" : no_out);
    }
    xfclose(f, "sharing.csv");
}

/* users: unique fictional names; this agency's first, then 1..4 per searching organization */
static void gov_users(Gov *g, gsl_rng *r, const int *searcher, int nsearch, int *org_u0, int *org_un) {
    int nf = NELEM(FIRST_NAMES), nl = NELEM(LAST_NAMES), np = nf * nl;
    int *perm = xcalloc((size_t)np, sizeof *perm);
    for (int i = 0; i < np; i++) perm[i] = i;
    for (int i = np - 1; i > 0; i--) {
        int j = (int)gsl_rng_uniform_int(r, (unsigned long)i + 1), t = perm[i];
        perm[i] = perm[j], perm[j] = t;
    }
    int cap = N_LOCAL_USERS + 4 * nsearch;
    g->uname = xcalloc((size_t)cap, sizeof *g->uname);
    g->user_org = xcalloc((size_t)cap, sizeof *g->user_org);
    for (int i = 0; i < N_LOCAL_USERS; i++) g->user_org[g->nusers++] = -1;
    for (int k = 0; k < nsearch; k++) {
        org_u0[k] = g->nusers;
        org_un[k] = 1 + (int)gsl_rng_uniform_int(r, 4);
        for (int i = 0; i < org_un[k]; i++) g->user_org[g->nusers++] = searcher[k];
    }
    for (int u = 0; u < g->nusers; u++)
        snprintf(g->uname[u], sizeof g->uname[u], "%s %s", FIRST_NAMES[perm[u] / nl], LAST_NAMES[perm[u] % nl]);
    free(perm);
}

static SRow *gov_push(Gov *g) {
    if (g->n == g->cap) {
        g->cap = g->cap ? 2 * g->cap : 1024;
        g->row = realloc(g->row, g->cap * sizeof *g->row);
        if (!g->row) die("out of memory");
    }
    SRow *s = &g->row[g->n++];
    memset(s, 0, sizeof *s);
    return s;
}

/* the reason text and Case # of a row of class rc */
static void gov_reason(SRow *s, gsl_rng *r, int rc, int year) {
    char code[16];
    s->rclass = rc;
    switch (rc) {
    case RC_BLANK: snprintf(s->reason, sizeof s->reason, "%s", gsl_rng_uniform(r) < P_BLANK_NA ? "N/A" : ""); break;
    case RC_CASE:
        case_code(s->reason, sizeof s->reason, r, year);
        if (gsl_rng_uniform(r) < CASE_P[rc]) snprintf(s->casen, sizeof s->casen, "%.15s", s->reason);
        return;
    case RC_VAGUE: snprintf(s->reason, sizeof s->reason, "%s", VAGUE_TXT[gsl_rng_uniform_int(r, NELEM(VAGUE_TXT))]); break;
    case RC_GENERIC:
        snprintf(s->reason, sizeof s->reason, "%s", GENERIC_TXT[gsl_rng_uniform_int(r, NELEM(GENERIC_TXT))]);
        break;
    default: {
        s->flagged = gsl_rng_uniform(r) < P_FLAG_SUBST;
        const char *t = s->flagged ? FLAG_TXT[gsl_rng_uniform_int(r, NELEM(FLAG_TXT))]
                                   : SUBST_TXT[gsl_rng_uniform_int(r, NELEM(SUBST_TXT))];
        if (gsl_rng_uniform(r) < 0.3) {
            case_code(code, sizeof code, r, year);
            snprintf(s->reason, sizeof s->reason, "%s %s", t, code);
        } else {
            snprintf(s->reason, sizeof s->reason, "%s", t);
        }
    }
    }
    if (gsl_rng_uniform(r) < CASE_P[rc]) case_code(s->casen, sizeof s->casen, r, year);
}

/* a search time on local day `day` (from the epoch): after hours with P_AFTER_HOURS, else by SH_HOUR;
   never within a minute of 01:00 or 05:00 local, never in the spring-forward gap */
static int64_t gov_time(const City *c, gsl_rng *r, gsl_ran_discrete_t *hour_tab, int64_t day, int sod_lo) {
    for (;;) {
        int64_t sod;
        if (sod_lo >= 0) {
            sod = sod_lo + (int64_t)gsl_rng_uniform_int(r, (unsigned long)(86400 - sod_lo));
        } else if (gsl_rng_uniform(r) < P_AFTER_HOURS) {
            sod = 3660 + (int64_t)gsl_rng_uniform_int(r, 18000 - 60 - 3660);
        } else {
            sod = (int64_t)gsl_ran_discrete(r, hour_tab) * 3600 + (int64_t)gsl_rng_uniform_int(r, 3600);
        }
        if ((sod >= 3540 && sod < 3660) || (sod >= 17940 && sod < 18060)) continue;
        int gap;
        int64_t t = local_to_utc(&c->tz, day * 86400 + sod, &gap);
        if (!gap) return t;
    }
}

static int pick_class(gsl_rng *r, const double *p, int n) {
    double u = gsl_rng_uniform(r), acc = 0;
    for (int i = 0; i < n - 1; i++)
        if (u < (acc += p[i])) return i;
    return n - 1;
}

typedef struct {
    gsl_rng *r;
    gsl_ran_discrete_t *hour_tab, *user_tab, *sy_local, *sy_net, *cls_tab;
    int searcher[N_ORGS], nsearch, by_cls[OC_N][N_ORGS], n_by_cls[OC_N];
    int org_u0[N_ORGS], org_un[N_ORGS];
    uint64_t target[N_TARGETS];
} GovDraw;

/* one search at instant t; org -2 draws the organization, user -2 draws the user */
static SRow *gov_row(City *c, Gov *g, GovDraw *d, int64_t t, int org, int user, int64_t vehicle) {
    gsl_rng *r = d->r;
    SRow *s = gov_push(g);
    s->t = t;
    uuid_str(s->id, r);
    if (org == -2) {
        org = -1;
        if (gsl_rng_uniform(r) >= P_LOCAL_SEARCH && d->nsearch) {
            int k = (int)gsl_ran_discrete(r, d->cls_tab);
            org = d->by_cls[k][gsl_rng_uniform_int(r, (unsigned long)d->n_by_cls[k])];
        }
    }
    s->org = org;
    if (user == -2) {
        if (org < 0) {
            user = (int)gsl_ran_discrete(r, d->user_tab);
        } else {
            int k = 0;
            while (d->searcher[k] != org) k++;
            user = d->org_u0[k] + (int)gsl_rng_uniform_int(r, (unsigned long)d->org_un[k]);
        }
        if (gsl_rng_uniform(r) < P_NO_USER) user = -1;
    }
    s->user = user;
    s->type = (int)gsl_ran_discrete(r, org < 0 ? d->sy_local : d->sy_net);
    /* the query: a plate of the pool (visual searches have none; freeform ones a partial plate) */
    if (vehicle < 0) {
        vehicle = gsl_rng_uniform(r) < P_REPEAT_TARGET ? (int64_t)d->target[gsl_rng_uniform_int(r, N_TARGETS)]
                                                       : (int64_t)gsl_rng_uniform_int(r, (unsigned long)c->V);
    }
    const char *ty = SY_NAMES[s->type];
    if (strcmp(ty, "visual") && !(!strcmp(ty, "multiGeo") && gsl_rng_uniform(r) < 0.5)) {
        int n = fmt_plate(s->query, c->fleet.pcode[vehicle], c->fleet.vstate[vehicle] == 5, 0);
        if (!strcmp(ty, "freeform")) s->query[n - 3] = '*', s->query[n - 2] = 0;
    }
    if (gsl_rng_uniform(r) < 0.12) {
        static const char *const F[] = {
            "Vehicle Type: Pickup; Color: White",
            "Vehicle Type: Sedan; Color: Black",
            "Make: Ford",
            "Color: Silver",
            "Vehicle Type: SUV",
            "State: TX"};
        snprintf(s->filters, sizeof s->filters, "%s", F[gsl_rng_uniform_int(r, NELEM(F))]);
    }
    gov_reason(s, r, pick_class(r, RC_P, RC_N), c->a->year);
    /* the window */
    s->wstart = s->wend = INT64_MIN;
    if (gsl_rng_uniform(r) >= P_NO_WINDOW) {
        int b = pick_class(r, LB_P, 6);
        int64_t lo = (int64_t)LB_EDGE[b] * 86400, hi = (int64_t)LB_EDGE[b + 1] * 86400;
        int64_t lb = lo + 1 + (int64_t)gsl_rng_uniform_int(r, (unsigned long)(hi - lo - 1));
        s->wstart = t - lb;
        double u = gsl_rng_uniform(r);
        if (u < P_WINDOW_LATE)
            s->wend = t + 60 + (int64_t)gsl_rng_uniform_int(r, 86400);
        else if (u < 0.7)
            s->wend = t - (int64_t)gsl_rng_uniform_int(r, (unsigned long)(lb < 601 ? lb : 601));
        else
            s->wend = s->wstart + 1 + (int64_t)gsl_rng_uniform_int(r, (unsigned long)lb);
    }
    if (org < 0) {
        s->networks = gsl_rng_uniform(r) < 0.75 ? 1 : 2 + (int)gsl_rng_uniform_int(r, 29);
        s->devices = s->networks == 1 ? c->C : c->C + s->networks * (3 + (int)gsl_rng_uniform_int(r, 20));
    } else {
        s->networks = s->type == 0 ? 50 + (int)gsl_rng_uniform_int(r, 2650) : 2 + (int)gsl_rng_uniform_int(r, 59);
        s->devices = s->networks * (3 + (int)gsl_rng_uniform_int(r, 20));
    }
    return s;
}

static int cmp_srow_desc(const void *a, const void *b) {
    const SRow *x = a, *y = b;
    if (x->t != y->t) return x->t < y->t ? 1 : -1;
    return strcmp(x->id, y->id);
}

typedef struct {
    int user;
    const char *q;
    int64_t t;
    int has_case;
} Pair;
static int cmp_pair(const void *a, const void *b) {
    const Pair *x = a, *y = b;
    if (x->user != y->user) return x->user < y->user ? -1 : 1;
    int k = strcmp(x->q, y->q);
    if (k) return k;
    return x->t < y->t ? -1 : x->t > y->t;
}

static int cmp_u64_desc(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* the tallies of planted.ini over the in-period rows */
static void gov_tally(const City *c, Gov *g) {
    uint64_t *per_user = xcalloc((size_t)g->nusers, sizeof *per_user);
    Pair *pr = xcalloc(g->n, sizeof *pr);
    size_t np = 0;
    g->total = g->n;
    for (size_t i = 0; i < g->n; i++) {
        SRow *s = &g->row[i];
        int64_t lt = s->t + tz_offset(&c->tz, s->t), lday = floordiv(lt, 86400), sod = lt - lday * 86400;
        s->in_period = lday >= c->cal.p_first && lday <= c->cal.p_last;
        int64_t uday = floordiv(s->t, 86400);
        int uin = uday >= c->cal.p_first && uday <= c->cal.p_last;
        if (!s->in_period) {
            g->oop++;
            g->utc_trap_out += uin;
            continue;
        }
        g->in_period++;
        g->utc_trap_in += !uin;
        s->after_hours = sod >= 3600 && sod < 18000;
        g->rc[s->rclass]++;
        g->blank_na += s->rclass == RC_BLANK && s->reason[0];
        g->flagged += (uint64_t)s->flagged;
        g->after_hours += (uint64_t)s->after_hours;
        g->no_case += !s->casen[0] && s->rclass != RC_CASE;
        if (s->wstart != INT64_MIN) {
            g->with_window++;
            g->late_window += s->wend > s->t;
            for (int k = 0; k < 5; k++) g->lb_over[k] += s->t - s->wstart > (int64_t)LB_DAYS[k] * 86400;
        }
        g->multi_network += s->networks > 1;
        g->org_cls[s->org < 0 ? OC_IN : ORGS[s->org].cls]++;
        g->type[s->type]++;
        g->has_query += s->query[0] != 0;
        g->has_user += s->user >= 0;
        g->has_reason += s->rclass != RC_BLANK;
        if (s->user >= 0) {
            per_user[s->user]++;
            if (s->query[0]) pr[np++] = (Pair){s->user, s->query, s->t, s->casen[0] != 0};
        }
    }
    for (int u = 0; u < g->nusers; u++) g->users += per_user[u] > 0;
    qsort(per_user, (size_t)g->nusers, sizeof *per_user, cmp_u64_desc);
    for (int u = 0; u < 10 && u < g->nusers; u++) g->top10 += per_user[u];
    qsort(pr, np, sizeof *pr, cmp_pair);
    for (size_t i = 0, j; i < np; i = j) {
        int any_case = 0;
        for (j = i; j < np && pr[j].user == pr[i].user && !strcmp(pr[j].q, pr[i].q); j++) any_case |= pr[j].has_case;
        g->repeat_pairs += j - i >= 3 && pr[j - 1].t - pr[i].t >= 14 * 86400 && !any_case;
    }
    free(per_user), free(pr);
}

/* searches.csv, newest first like the vendor's export */
static void gov_write_searches(const City *c, Gov *g) {
    FILE *f = xfopen(c->dir, "searches.csv");
    fputs("ID,Name,Org Name,Total Networks Searched,Total Devices Searched,Time Frame,License Plate,Reason,Case #,"
          "Filters,Search Time,Search Type,Moderation\n",
          f);
    char a[48], b[48], tf[100];
    for (size_t i = 0; i < g->n; i++) {
        const SRow *s = &g->row[i];
        fprintf(f, "%s,", s->id);
        csv_put(f, s->user >= 0 ? g->uname[s->user] : "");
        fputc(',', f);
        csv_put(f, s->org < 0 ? AGENCY_NAME : ORGS[s->org].name);
        fprintf(f, ",%d,%d,", s->networks, s->devices);
        tf[0] = 0;
        if (s->wstart != INT64_MIN) {
            fmt_flock_time(a, s->wstart);
            fmt_flock_time(b, s->wend);
            snprintf(tf, sizeof tf, "%s\n%s", a, b);
        }
        csv_put(f, tf);
        fputc(',', f);
        csv_put(f, s->query);
        fputc(',', f);
        csv_put(f, s->reason);
        fputc(',', f);
        csv_put(f, s->casen);
        fputc(',', f);
        csv_put(f, s->filters);
        fmt_flock_time(a, s->t);
        fputc(',', f);
        csv_put(f, a);
        fprintf(f, ",%s,\n", SY_NAMES[s->type]);
    }
    xfclose(f, "searches.csv");
}

/* search_audit.csv: the same searches in the per-column shape researchers publish after splitting
   Flock's Time Frame cell into two columns (HistoryJunkie/OkaloosaALPR_AUDIT: ID, Org_Name,
   Total_Networks_Searched, Total_Devices_Searched, Time_Frame_Start, Time_Frame_End, Reason,
   Search_Time, Search_Type, Moderation), with the columns that release had redacted (Name,
   License_Plate, Case_Number) kept, oldest first, and every time in local ISO 8601 with its offset
   as open-data portals write them. Same instants, so every planted search count applies. */
static void gov_write_portal(const City *c, const Gov *g) {
    FILE *f = xfopen(c->dir, "search_audit.csv");
    fputs("ID,Name,Org_Name,Total_Networks_Searched,Total_Devices_Searched,Time_Frame_Start,Time_Frame_End,"
          "License_Plate,Reason,Case_Number,Search_Time,Search_Type,Moderation\n",
          f);
    char a[48];
    for (size_t i = g->n; i-- > 0;) {
        const SRow *s = &g->row[i];
        fprintf(f, "%s,", s->id);
        csv_put(f, s->user >= 0 ? g->uname[s->user] : "");
        fputc(',', f);
        csv_put(f, s->org < 0 ? AGENCY_NAME : ORGS[s->org].name);
        fprintf(f, ",%d,%d,", s->networks, s->devices);
        if (s->wstart != INT64_MIN) {
            fmt_iso(a, s->wstart, 1, tz_offset(&c->tz, s->wstart));
            fprintf(f, "%s,", a);
            fmt_iso(a, s->wend, 1, tz_offset(&c->tz, s->wend));
            fprintf(f, "%s,", a);
        } else {
            fputs(",,", f);
        }
        csv_put(f, s->query);
        fputc(',', f);
        csv_put(f, s->reason);
        fputc(',', f);
        csv_put(f, s->casen);
        fmt_iso(a, s->t, 1, tz_offset(&c->tz, s->t));
        fprintf(f, ",%s,%s,\n", a, SY_NAMES[s->type]);
    }
    xfclose(f, "search_audit.csv");
}

/* the two-letter state of an in-state or out-of-state organization's name ("Tulsa OK PD",
   "Fresno PD (CA)", "Texas DPS - Region 6"); "" for the other classes */
static const char *org_state(const OrgDef *o) {
    static const char *const ST[] = {"TX", "GA", "OK", "LA", "AR", "NM", "CO", "AZ", "FL", "CA", "MO", "KS"};
    if (o->cls == OC_IN) return "TX";
    if (o->cls != OC_OUT) return "";
    for (int k = 0; k < NELEM(ST); k++) {
        const char *p = strstr(o->name, ST[k]);
        if (p && (p == o->name || p[-1] == ' ' || p[-1] == '(') && (p[2] == 0 || p[2] == ' ' || p[2] == ')')) return ST[k];
    }
    return "";
}

/* one row of sharing_edges.csv: source's settings for organization `name` (its network names when it
   shares with the source, the source's own network when the source shares with it) */
static void edge_row(FILE *f, gsl_rng *r, const char *src, const char *name, const char *state, int in, int out) {
    int nets = 1 + (int)gsl_rng_uniform_int(r, 3);
    csv_put(f, src);
    fprintf(f, ",%s,", state);
    csv_put(f, name);
    fprintf(f, ",%d,", nets);
    if (in) {
        char buf[200];
        snprintf(buf, sizeof buf, nets == 1 ? "%s" : nets == 2 ? "%s,%s (Flex)" : "%s,%s (Flex),%s (LR)", name, name, name);
        csv_put(f, buf);
    }
    fputc(',', f);
    if (out) csv_put(f, src);
    fputc('\n', f);
}

/* sharing_edges.csv (stream 9): a regional edge list of many agencies' share settings, one row per
   (source agency, organization), in the columns of The News & Observer's agency_access edge list
   (src_agency first) and of a published Flock share-settings list (State, Organization Name, Network
   Count, Networks Shared With Me, Networks Im Sharing: a cell holds network names, empty for no).
   This agency's rows are sharing.csv's organizations with the same directions; each other source
   lists this agency consistently with them, and some of the other organizations. */
static void gov_sharing_edges(City *c, Gov *g) {
    gsl_rng *r = make_rng(c->a->seed, 9);
    int src[N_ORGS], ns = 0;
    for (int i = 0; i < N_ORGS; i++)
        if ((ORGS[i].cls == OC_IN || ORGS[i].cls == OC_OUT) && !ORGS[i].inactive && gsl_rng_uniform(r) < 0.4) src[ns++] = i;
    int here = (int)gsl_rng_uniform_int(r, (unsigned long)ns + 1); /* this agency's place among the sources */
    FILE *f = xfopen(c->dir, "sharing_edges.csv");
    fputs("src_agency,State,Organization Name,Network Count,Networks Shared With Me,Networks Im Sharing\n", f);
    g->edge_rows = 0;
    for (int k = 0; k <= ns; k++) {
        if (k == here)
            for (int i = 0; i < N_ORGS; i++, g->edge_rows++)
                edge_row(f, r, AGENCY_NAME, ORGS[i].name, org_state(&ORGS[i]), g->in[i], g->out[i]);
        if (k == ns) break;
        const OrgDef *s = &ORGS[src[k]];
        if (g->in[src[k]] || g->out[src[k]]) {
            /* it shares with this agency when this agency receives from it, and back */
            edge_row(f, r, s->name, AGENCY_NAME, "TX", g->out[src[k]], g->in[src[k]]);
            g->edge_rows++;
        }
        for (int i = 0; i < N_ORGS; i++) {
            if (i == src[k] || gsl_rng_uniform(r) >= 0.3) continue;
            int in = gsl_rng_uniform(r) < 0.6, out = gsl_rng_uniform(r) < 0.7;
            if (!in && !out) out = 1;
            edge_row(f, r, s->name, ORGS[i].name, org_state(&ORGS[i]), in, out);
            g->edge_rows++;
        }
    }
    g->edge_sources = (uint64_t)ns + 1;
    xfclose(f, "sharing_edges.csv");
    gsl_rng_free(r);
}

/* the sharing list (stream 7) and the audit log (stream 8) */
static void gen_governance(City *c, Gov *g) {
    memset(g, 0, sizeof *g);
    gsl_rng *rsh = make_rng(c->a->seed, 7);
    gov_sharing(c, g, rsh);
    gsl_rng_free(rsh);

    GovDraw d;
    memset(&d, 0, sizeof d);
    d.r = make_rng(c->a->seed, 8);
    for (int i = 0; i < N_ORGS; i++) {
        int k = ORGS[i].cls;
        if (!g->out[i] || ORGS[i].inactive || SEARCHER_P[k] <= 0) continue;
        d.searcher[d.nsearch++] = i;
        d.by_cls[k][d.n_by_cls[k]++] = i;
    }
    double cw[OC_N];
    for (int k = 0; k < OC_N; k++) cw[k] = d.n_by_cls[k] ? SEARCHER_P[k] : 0;
    d.cls_tab = make_table(OC_N, cw);
    gov_users(g, d.r, d.searcher, d.nsearch, d.org_u0, d.org_un);
    double uw[N_LOCAL_USERS];
    for (int i = 0; i < N_LOCAL_USERS; i++) uw[i] = 1000 / (i + 1) + 5; /* a few heavy users */
    d.user_tab = make_table(N_LOCAL_USERS, uw);
    d.sy_local = make_table(SY_N, SY_LOCAL);
    d.sy_net = make_table(SY_N, SY_NET);
    d.hour_tab = make_table(24, SH_HOUR);
    for (int i = 0; i < N_TARGETS; i++) d.target[i] = gsl_rng_uniform_int(d.r, (unsigned long)c->V);

    const Calendar *cal = &c->cal;
    const int64_t ndays = cal->p_last - cal->p_first + 1;
    uint64_t n = c->N / 50 < 200 ? 200 : c->N / 50;
    for (uint64_t i = 0; i < n; i++) {
        int64_t day;
        do day = cal->p_first + (int64_t)gsl_rng_uniform_int(d.r, (unsigned long)ndays);
        while ((weekday(day) == 0 || weekday(day) == 6) && gsl_rng_uniform(d.r) < 0.4);
        gov_row(c, g, &d, gov_time(c, d.r, d.hour_tab, day, -1), -2, -2, -1);
    }
    /* around the period's edges: local Dec 31 evenings, whose UTC date is the next year's */
    for (int i = 0; i < 3; i++) gov_row(c, g, &d, gov_time(c, d.r, d.hour_tab, cal->p_first - 1, 19 * 3600), -2, -2, -1);
    for (int i = 0; i < 3; i++) gov_row(c, g, &d, gov_time(c, d.r, d.hour_tab, cal->p_last, 19 * 3600), -2, -2, -1);
    for (int i = 0; i < 2; i++) gov_row(c, g, &d, gov_time(c, d.r, d.hour_tab, cal->p_first - 3 + i, -1), -2, -2, -1);
    for (int i = 0; i < 3; i++) gov_row(c, g, &d, gov_time(c, d.r, d.hour_tab, cal->p_last + 1 + i, -1), -2, -2, -1);
    /* a planted repeat target: one local user, one plate, N_STALK searches over about two months,
       vague reasons and no case number */
    int64_t day0 = cal->p_first + 120 + (int64_t)gsl_rng_uniform_int(d.r, 100);
    uint64_t veh = gsl_rng_uniform_int(d.r, (unsigned long)c->V);
    for (int i = 0; i < N_STALK; i++) {
        SRow *s = gov_row(c, g, &d, gov_time(c, d.r, d.hour_tab, day0 + 12 * i, -1), -1, 7, (int64_t)veh);
        s->type = 1;
        fmt_plate(s->query, c->fleet.pcode[veh], c->fleet.vstate[veh] == 5, 0);
        s->casen[0] = 0;
        s->flagged = 0;
        s->rclass = RC_VAGUE;
        snprintf(s->reason, sizeof s->reason, "%s", VAGUE_TXT[gsl_rng_uniform_int(d.r, NELEM(VAGUE_TXT))]);
    }
    qsort(g->row, g->n, sizeof *g->row, cmp_srow_desc);
    gov_tally(c, g);
    gov_write_searches(c, g);
    gov_write_portal(c, g);
    gov_sharing_edges(c, g);
    gsl_ran_discrete_free(d.cls_tab), gsl_ran_discrete_free(d.user_tab), gsl_ran_discrete_free(d.sy_local);
    gsl_ran_discrete_free(d.sy_net), gsl_ran_discrete_free(d.hour_tab);
    gsl_rng_free(d.r);
}

static void gov_free(Gov *g) { free(g->uname), free(g->user_org), free(g->row); }

/* planted.ini: the governance truths (appended after every earlier key) */
static void planted_governance(Ini *p, const City *c, const Gov *g) {
    char key[96], com[320];
    const double n = (double)g->in_period;
    (void)c;
    fputs("\n# ---- searches.csv (Flock network-audit shape) and sharing.csv (Flock share settings).\n"
          "# *_p keys are model probabilities; the plain counts are what the written rows contain (over\n"
          "# the in-period searches): an exact share is count / searches_in_period. Classes follow\n"
          "# DATA.md, METRICS.md and src/gov_classify.h with analysis/organization-rules.txt and\n"
          "# agency_state TX; times are UTC in the file, local America/Chicago for the period and\n"
          "# after-hours tests.\n",
          p->f);
    ini_s(p, "gov_agency", AGENCY_NAME, "this agency's Org Name in searches.csv (agency_state TX)");
    ini_i(p, "searches_total", (long long)g->total, "data records written to searches.csv, header excluded");
    ini_i(p, "searches_in_period", (long long)g->in_period, "searches whose local date is in the period");
    ini_i(p, "searches_out_of_period", (long long)g->oop,
          "searches outside the period: 3 on local Dec 31 evening before it, 2 earlier, 3 after it");
    ini_i(p, "searches_utc_trap_out", (long long)g->utc_trap_out,
          "out-of-period searches whose UTC date is in the period (local Dec 31 evening before it)");
    ini_i(p, "searches_utc_trap_in", (long long)g->utc_trap_in,
          "in-period searches whose UTC date is after the period (local Dec 31 evening, last day)");
    for (int k = 0; k < RC_N; k++) {
        snprintf(key, sizeof key, "search_reason_p_%s", RC_NAMES[k]);
        snprintf(com, sizeof com, "model probability of reason class %s", RC_NAMES[k]);
        ini_d(p, key, RC_P[k], com);
    }
    for (int k = 0; k < RC_N; k++) {
        snprintf(key, sizeof key, "searches_reason_%s", RC_NAMES[k]);
        snprintf(com, sizeof com, "in-period searches whose reason is %s (realized; search_reason_share = %.10g)",
                 RC_NAMES[k], (double)g->rc[k] / n);
        ini_i(p, key, (long long)g->rc[k], com);
    }
    ini_i(p, "searches_reason_na_token", (long long)g->blank_na,
          "of searches_reason_blank: reason written N/A, a missing value by DATA.md (the rest are empty)");
    ini_d(p, "searches_flagged_p", RC_P[RC_SUBST] * P_FLAG_SUBST,
          "model probability that a reason names immigration enforcement (default flag_terms)");
    snprintf(com, sizeof com, "in-period searches whose reason matches the default flag_terms (realized; share %.10g)",
             (double)g->flagged / n);
    ini_i(p, "searches_flagged", (long long)g->flagged, com);
    ini_d(p, "searches_after_hours_p", P_AFTER_HOURS, "model probability of a search at 01:00-05:00 local");
    snprintf(com, sizeof com,
             "in-period searches at local 01:00:00-04:59:59 (realized; share %.10g); none lies within a minute of "
             "01:00 or 05:00",
             (double)g->after_hours / n);
    ini_i(p, "searches_after_hours", (long long)g->after_hours, com);
    double pnc = 0;
    for (int k = 0; k < RC_N; k++)
        if (k != RC_CASE) pnc += RC_P[k] * (1 - CASE_P[k]);
    ini_d(p, "searches_without_case_p", pnc,
          "model probability of an empty Case # and a reason that is not case_number_only");
    snprintf(com, sizeof com,
             "in-period searches with an empty Case # and a reason not case_number_only (realized; "
             "share %.10g)",
             (double)g->no_case / n);
    ini_i(p, "searches_without_case", (long long)g->no_case, com);
    ini_i(p, "searches_with_window", (long long)g->with_window, "in-period searches with a Time Frame");
    ini_i(p, "searches_window_end_after_search", (long long)g->late_window,
          "of those: window end later than the search time (a tool clips it)");
    for (int k = 0; k < 5; k++) {
        double tail = 0;
        for (int b = 0; b < 6; b++)
            if (LB_EDGE[b] >= LB_DAYS[k]) tail += LB_P[b];
        snprintf(key, sizeof key, "searches_lookback_over_%d_p", LB_DAYS[k]);
        snprintf(com, sizeof com, "model probability that the lookback exceeds %d days", LB_DAYS[k]);
        ini_d(p, key, tail, com);
        snprintf(key, sizeof key, "searches_lookback_over_%d", LB_DAYS[k]);
        snprintf(com, sizeof com,
                 "searches with a window whose lookback (search time - window start) exceeds %d days (realized; share "
                 "of searches_with_window %.10g); no lookback is a whole number of days",
                 LB_DAYS[k], (double)g->lb_over[k] / (double)g->with_window);
        ini_i(p, key, (long long)g->lb_over[k], com);
    }
    ini_d(p, "search_lookback_days_p50_model", 1 + 0.15 / 0.25 * 6, "model median lookback in days (uniform within bins)");
    ini_d(p, "search_lookback_days_p90_model", 30 + 0.08 / 0.10 * 60, "model 90th percentile lookback in days");
    ini_d(p, "search_lookback_days_p95_model", 90 + 0.03 / 0.06 * 275, "model 95th percentile lookback in days");
    ini_i(p, "search_users", (long long)g->users, "distinct non-empty Name values among in-period searches");
    ini_i(p, "searches_top10_users", (long long)g->top10,
          "in-period searches by the ten users with the most (realized; / searches_in_period = the share)");
    ini_i(p, "searches_multi_network", (long long)g->multi_network, "in-period searches with Total Networks Searched > 1");
    ini_d(p, "searches_multi_network_p", P_LOCAL_SEARCH * 0.25 + (1 - P_LOCAL_SEARCH),
          "model probability of networks > 1 (a quarter of local searches, every network search)");
    for (int k = 0; k < OC_N; k++) {
        if (k == OC_PRIV || k == OC_UNK) continue;
        snprintf(key, sizeof key, "searches_org_%s", OC_NAMES[k]);
        snprintf(com, sizeof com, "%s",
                 k == OC_IN    ? "in-period searches by in_state organizations, this agency included"
                 : k == OC_FED ? "in-period searches by federal organizations, immigration agencies included"
                 : k == OC_IMM ? "in-period searches by immigration agencies (part of federal)"
                               : "in-period searches by out_of_state organizations");
        ini_i(p, key, (long long)(g->org_cls[k] + (k == OC_FED ? g->org_cls[OC_IMM] : 0)), com);
    }
    for (int k = 0; k < SY_N; k++) {
        snprintf(key, sizeof key, "searches_type_%s", SY_NAMES[k]);
        ini_i(p, key, (long long)g->type[k], "in-period searches of this Search Type");
    }
    ini_i(p, "searches_field_query", (long long)g->has_query, "in-period searches with a License Plate");
    ini_i(p, "searches_field_user", (long long)g->has_user, "in-period searches with a Name");
    ini_i(p, "searches_field_reason", (long long)g->has_reason, "in-period searches with a reason (not empty, not N/A)");
    snprintf(com, sizeof com,
             "(Name, License Plate) pairs searched >= 3 times over >= 14 days with an empty Case # on all, in period; "
             "includes one planted pair of %d vague searches 12 days apart",
             N_STALK);
    ini_i(p, "repeat_target_pairs", (long long)g->repeat_pairs, com);

    /* sharing */
    uint64_t nout = 0, nin = 0, inact = 0, cls_out[OC_N] = {0}, cls_in[OC_N] = {0}, prohib = 0, prohib_act = 0;
    for (int i = 0; i < N_ORGS; i++) {
        const OrgDef *o = &ORGS[i];
        nout += (uint64_t)g->out[i], nin += (uint64_t)g->in[i], inact += (uint64_t)o->inactive;
        int bad = o->cls == OC_OUT || o->cls == OC_FED || o->cls == OC_IMM || o->cls == OC_PRIV;
        if (g->out[i] && bad) prohib++, prohib_act += !o->inactive;
        if (o->inactive) continue;
        cls_out[o->cls] += (uint64_t)g->out[i];
        cls_in[o->cls] += (uint64_t)g->in[i];
    }
    ini_i(p, "sharing_organizations_total", N_ORGS, "rows of sharing.csv");
    ini_i(p, "sharing_inactive", (long long)inact, "organizations marked [Inactive], (Dead/Old) or DNU");
    ini_i(p, "sharing_outbound", (long long)nout,
          "organizations this agency shares with (Networks I'm Sharing = Yes), inactive included");
    ini_i(p, "sharing_inbound", (long long)nin,
          "organizations sharing with this agency (Networks Shared With Me = Yes), inactive included");
    for (int dir = 0; dir < 2; dir++)
        for (int k = 0; k < OC_N; k++) {
            uint64_t v = dir ? cls_in[k] : cls_out[k];
            if (k == OC_FED) v += dir ? cls_in[OC_IMM] : cls_out[OC_IMM];
            snprintf(key, sizeof key, "sharing_%s_%s", dir ? "inbound" : "outbound", OC_NAMES[k]);
            snprintf(com, sizeof com, "active organizations, direction %s, class %s%s", dir ? "inbound" : "outbound",
                     OC_NAMES[k],
                     k == OC_FED   ? " (immigration ones included)"
                     : k == OC_IMM ? " (part of federal)"
                                   : "");
            ini_i(p, key, (long long)v, com);
        }
    ini_i(p, "sharing_prohibited_ca_sb34", (long long)prohib,
          "outbound organizations that are out_of_state (against TX), federal or private, inactive included: what "
          "sharing_prohibited counts if the study sets law = ca_sb34");
    ini_i(p, "sharing_prohibited_ca_sb34_active", (long long)prohib_act, "the same, active organizations only");
    fputs("\n# ---- search_audit.csv (the same searches, window in two columns, local times with offset) and\n"
          "# sharing_edges.csv (many agencies' share settings, one row per source and organization):\n"
          "# every searches_* and sharing_* count above applies to them too.\n",
          p->f);
    ini_i(p, "sharing_edges_rows", (long long)g->edge_rows, "data records of sharing_edges.csv, header excluded");
    ini_i(p, "sharing_edges_sources", (long long)g->edge_sources, "distinct src_agency values, this agency included");
    ini_i(p, "sharing_edges_other_rows", (long long)(g->edge_rows - N_ORGS),
          "rows whose src_agency is another agency: out of scope for this agency's study");
}

/* planted.ini: the parameters and the true values a correct tool must recover, in sections */
static void write_planted_ini(const City *c) {
    VehicleStats vs;
    vehicle_stats(c, &vs);
    FILE *f = xfopen(c->dir, "planted.ini");
    Ini p = {f};
    planted_arguments(&p, c);
    fputs("\n", f);
    planted_reads(&p, c, &vs);
    fputs("\n", f);
    planted_hit_model(&p);
    planted_interval_truths(&p, c);
    fputs("\n", f);
    planted_hits(&p, c, &vs);
    fputs("\n", f);
    planted_outcomes(&p, c);
    fputs("\n", f);
    planted_exposure_setup(&p, c);
    planted_exposure_truth(&p, c);
    planted_exposure_realized(&p, c);
    if (c->gov) planted_governance(&p, c, c->gov);
    xfclose(f, "planted.ini");
}

/* ------------------------------------------------------------------------------------------ */
/* Sample City: the pipeline                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void city_free(City *c) {
    gsl_ran_discrete_free(c->hours.hour_tab);
    gsl_ran_discrete_free(c->fleet.veh_tab);
    gsl_ran_discrete_free(c->cams.cam_tab);
    gsl_ran_discrete_free(c->cams.fix_tab);
    gsl_ran_discrete_free(c->areas.nb_ftab);
    gsl_ran_discrete_free(c->areas.nb_ptab);
    gsl_ran_discrete_free(c->tab.st_tab);
    gsl_ran_discrete_free(c->tab.cat_tab);
    gsl_ran_discrete_free(c->tab.disp_tab);
    gsl_ran_discrete_free(c->tab.var_tab);
    for (int i = 0; i < 3; i++) gsl_ran_discrete_free(c->tab.ot_tab[i]);
    for (int k = 0; k < c->areas.NA; k++) area_free(&c->areas.ar[k]);
    free(c->areas.ar), free(c->areas.nbn), free(c->areas.nb_fw), free(c->areas.nb_pw);
    free(c->areas.nb_pop), free(c->areas.nb_grp), free(c->areas.nb_km2), free(c->areas.nb_vmt);
    free(c->cal.dayw);
    free(c->cams.cam), free(c->cams.mob);
    free(c->fleet.pcode), free(c->fleet.vstate), free(c->fleet.vhot), free(c->fleet.vroute), free(c->fleet.qroute);
    free(c->fleet.vlast), free(c->fleet.vreads), free(c->fleet.vhits), free(c->fleet.vconf), free(c->fleet.vw);
    free(c->hours.hw), free(c->hours.hday), free(c->hours.hlh), free(c->hours.hoff), free(c->hours.hcount);
    free(c->truth.e_area), free(c->tally.area);
    gsl_rng_free(c->rs), gsl_rng_free(c->rt), gsl_rng_free(c->rr);
    gsl_rng_free(c->rh), gsl_rng_free(c->rd), gsl_rng_free(c->rg);
}

/* Sample City: build the city, plan the read log, stream reads/hits/outcomes, then write the
   camera, area and boundary files and planted.ini (the order keeps every random stream aligned) */
static int gen_city(const Args *a, const char *dir) {
    City c;
    city_init(&c, a, dir);
    build_areas(&c);
    build_calendar(&c);
    draw_cameras(&c);
    place_fixed_cameras(&c);
    draw_patrol_rosters(&c);
    draw_vehicles(&c);
    weight_hours(&c);
    expected_exposure(&c);
    count_reads_per_hour(&c);
    plan_defects(&c);
    plan_events(&c);
    stream_records(&c);
    write_cameras_csv(&c);
    write_neighborhoods_csv(&c);
    write_boundaries_geojson(&c);
    Gov gov;
    gen_governance(&c, &gov);
    c.gov = &gov;
    write_planted_ini(&c);
    gov_free(&gov);
    city_free(&c);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Other agency: a vendor-shaped export for March, naive America/New_York time                 */
/* ------------------------------------------------------------------------------------------ */

typedef struct {
    int64_t local; /* naive local seconds */
    int unit, veh, special;
    char ts_override[32];
    uint32_t ord;
} OaRead;

static int cmp_oaread(const void *a, const void *b) {
    const OaRead *x = a, *y = b;
    if (x->local != y->local) return x->local < y->local ? -1 : 1;
    return x->ord < y->ord ? -1 : (x->ord > y->ord);
}

#define OA_UNITS 9
#define OA_FIXED 6
static const char *const OA_UNIT_ID[OA_UNITS] = {"LPR-01", "LPR-02",   "LPR-03",   "LPR-04",  "LPR-05",
                                                 "LPR-06", "PATROL 7", "PATROL 8", "PATROL 9"};
static const char *const OA_SITE[OA_FIXED] = {"Downtown",  "Harbor View", "Mill District",
                                              "North End", "West Side",   "Downtown"};
static const char *const OA_LOC[OA_FIXED] = {"\"Main St; northbound\"",  "Harbor Blvd at Pier 4", "Mill Rd",
                                             "\"North Ave; eastbound\"", "Route 9 at Elm",        "Court St"};
static const double OA_UNIT_W[OA_UNITS] = {18, 14, 12, 10, 9, 8, 11, 10, 8};
static const char *const OA_STATES[] = {"NY", "NJ", "CT", "PA", ""};
static const double OA_STATE_P[] = {0.70, 0.15, 0.05, 0.05, 0.05};
static const char *const OA_MISSING[] = {"", "NA", "N/A", "NULL", "Not Provided"};
static const char *const OA_HOTLIST[4] = {"STOLEN VEHICLE", "Stolen Plate", "WANTED", "Suspended Reg"};
static const char *const OA_HOTLIST_CANON[4] = {"stolen_vehicle", "stolen_plate", "wanted_person", "registration"};
static const double OA_HOTLIST_P[4] = {0.35, 0.20, 0.10, 0.35};
static const char *const OA_DISP[3] = {"Accepted", "Rejected", "Not enforced"};
static const char *const OA_DISP_CANON[3] = {"confirmed", "misread", "not_actionable"};
static const double OA_DISP_P[3] = {0.55, 0.25, 0.20};
static const char *const OA_RESULT[4] = {"ARR", "REC", "CIT", "NFA"};
static const char *const OA_RESULT_CANON[4] = {"arrest", "vehicle_recovered", "citation", "no_action"};

static void oa_fmt_local(char *b, int64_t local) {
    int64_t d = floordiv(local, 86400), s = local - d * 86400;
    int y, m, dd;
    civil_from_days(d, &y, &m, &dd);
    sprintf(b, "%02d/%02d/%04d %02d:%02d:%02d", m, dd, y, (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
}

static int gen_other(const Args *a, const char *dir) {
    const Tz tz = {-5 * 3600}; /* America/New_York */
    const int Y = a->year;
    gsl_rng *r = make_rng(a->seed, 101);
    enum { NREG = 1980, NVEH = 420 };
    const int64_t p_first = days_from_civil(Y, 3, 1), p_last = days_from_civil(Y, 3, 31);
    const int64_t dst_day = nth_weekday(Y, 3, 0, 2);

    /* vehicles */
    uint32_t pcode[NVEH];
    int vstate[NVEH];
    double vw[NVEH];
    gsl_ran_discrete_t *st_tab = make_table(5, OA_STATE_P), *unit_tab = make_table(OA_UNITS, OA_UNIT_W),
                       *hl_tab = make_table(4, OA_HOTLIST_P), *dp_tab = make_table(3, OA_DISP_P);
    uint64_t pa = 7919 * 13 + 2, pb = gsl_rng_uniform_int(r, 100000000UL);
    while (gcd_u64(pa, PLATE_SPACE) != 1) pa++;
    for (int v = 0; v < NVEH; v++) {
        pcode[v] = (uint32_t)((pa * (uint64_t)(v + 1) * 104729ULL + pb) % PLATE_SPACE);
        vstate[v] = (int)gsl_ran_discrete(r, st_tab);
        double heavy = gsl_rng_uniform(r) < 0.06 ? 40.0 : 1.0;
        vw[v] = floor(heavy * (1.0 + 9.0 * gsl_rng_uniform(r)) + 0.5);
    }
    gsl_ran_discrete_t *veh_tab = make_table(NVEH, vw);

    /* reads: regular ones from UTC instants (never inside the DST gap), plus hand-placed rows */
    enum { NSPECIAL = 14 };
    OaRead *rd = xcalloc((size_t)(NREG + NSPECIAL), sizeof *rd);
    int nr = 0;
    const int64_t u0 = local_to_utc(&tz, p_first * 86400, NULL), u1 = local_to_utc(&tz, (p_last + 1) * 86400, NULL);
    while (nr < NREG) {
        int64_t t = u0 + (int64_t)gsl_rng_uniform_int(r, (unsigned long)(u1 - u0));
        int64_t lt = t + tz_offset(&tz, t);
        int lh = (int)((lt - floordiv(lt, 86400) * 86400) / 3600);
        if (gsl_rng_uniform(r) * 100.0 >= PROF[0][lh]) continue; /* daily rhythm by rejection */
        rd[nr].local = lt;
        rd[nr].unit = (int)gsl_ran_discrete(r, unit_tab);
        rd[nr].veh = (int)gsl_ran_discrete(r, veh_tab);
        rd[nr].ord = (uint32_t)nr;
        nr++;
    }
    /* special rows: local times given as (day offset from the DST day or period edge, h, m, s) */
    struct {
        int64_t day;
        int h, m, s, kind; /* kind 0 valid in period, 1 out of period, 2 DST gap */
    } sp[] = {
        {dst_day, 1, 30, 0, 0},       {dst_day, 1, 59, 59, 0},  {dst_day, 3, 0, 0, 0},       {dst_day, 3, 0, 1, 0},
        {dst_day, 3, 45, 10, 0},      {dst_day, 2, 30, 0, 2},   {p_first - 1, 21, 10, 5, 1}, {p_first - 1, 22, 47, 30, 1},
        {p_first - 1, 23, 59, 59, 1}, {p_last + 1, 0, 0, 0, 1}, {p_last + 1, 0, 15, 42, 1},  {p_last + 1, 7, 30, 0, 1},
        {p_first, 0, 0, 0, 0},        {p_last, 23, 59, 59, 0},
    };
    for (int i = 0; i < NSPECIAL; i++) {
        rd[nr].local = sp[i].day * 86400 + sp[i].h * 3600 + sp[i].m * 60 + sp[i].s;
        rd[nr].unit = (int)gsl_ran_discrete(r, unit_tab);
        rd[nr].veh = (int)gsl_ran_discrete(r, veh_tab);
        rd[nr].special = 1 + sp[i].kind;
        rd[nr].ord = (uint32_t)nr;
        nr++;
    }
    qsort(rd, (size_t)nr, sizeof *rd, cmp_oaread);

    /* reads file: semicolon, CRLF, one quoted field spanning two physical lines */
    FILE *f = xfopen(dir, "LPR_Reads_March.csv");
    fputs("Read ID;Date Time;Unit;Plate Number;State;Latitude;Longitude;Confidence;Location\r\n", f);
    int line = 1, gap_line = 0, gap_id = 0, multiline_line = 0, n_in = 0, n_oop = 0, n_gap = 0, n_mobile = 0;
    int *valid = xcalloc((size_t)nr, sizeof *valid); /* 1 = accepted in period */
    int *rid = xcalloc((size_t)nr, sizeof *rid);
    int vseen[NVEH] = {0};
    int miss_i = 0;
    for (int i = 0; i < nr; i++) {
        const OaRead *q = &rd[i];
        char ts[32], pl[16], lat[24], lon[24], conf[16];
        line++;
        rid[i] = 500001 + i * 3;
        oa_fmt_local(ts, q->local);
        int variant = (int)gsl_rng_uniform_int(r, 10);
        variant = variant < 7 ? 0 : (variant < 8 ? 2 : (variant < 9 ? 3 : 1));
        fmt_plate(pl, pcode[q->veh], 0, variant);
        const char *st = OA_STATES[vstate[q->veh]];
        if (!*st) st = OA_MISSING[1 + (int)gsl_rng_uniform_int(r, 4)];
        int mobile = q->unit >= OA_FIXED;
        if (mobile) {
            fmt_micro(lat, 40650000 + (int32_t)gsl_rng_uniform_int(r, 60001) - 30000);
            fmt_micro(lon, -73950000 + (int32_t)gsl_rng_uniform_int(r, 70001) - 35000);
        } else {
            strcpy(lat, OA_MISSING[miss_i % 4]);
            strcpy(lon, OA_MISSING[miss_i % 4]);
            miss_i++;
        }
        double cu = gsl_rng_uniform(r);
        if (cu < 0.02)
            strcpy(conf, "NULL");
        else if (cu < 0.04)
            strcpy(conf, "-"); /* an agency-specific missing token, declared in the study file */
        else {
            double cx = 35.0 * gsl_rng_uniform(r);
            cx *= gsl_rng_uniform(r);
            snprintf(conf, sizeof conf, "0.%02d", 99 - (int)cx);
        }
        const char *loc = mobile ? "" : OA_LOC[q->unit];
        int ml = 0;
        if (!mobile && q->unit == 1 && !multiline_line && i > nr / 3) ml = 1;
        fprintf(f, "%d;%s;%s;%s;%s;%s;%s;%s;", rid[i], ts, OA_UNIT_ID[q->unit], pl, st, lat, lon, conf);
        if (ml) {
            fputs("\"Harbor Blvd at Pier 4\n(temporary mount)\"\r\n", f);
            multiline_line = line;
            line++;
        } else {
            fprintf(f, "%s\r\n", loc);
        }
        if (q->special == 3) {
            n_gap++;
            gap_line = ml ? line - 1 : line;
            gap_id = rid[i];
        } else if (q->special == 2) {
            n_oop++;
        } else {
            int64_t d = floordiv(q->local, 86400);
            if (d < p_first || d > p_last) die("internal: regular read out of period");
            valid[i] = 1;
            n_in++;
            n_mobile += mobile;
            vseen[q->veh]++;
        }
    }
    xfclose(f, "LPR_Reads_March.csv");

    /* alerts: UTF-8 BOM, LF, semicolon; every alert carries its Read ID */
    enum { NHITS = 64 };
    int *hit_read = xcalloc((size_t)NHITS, sizeof *hit_read);
    int nh = 0;
    while (nh < NHITS) {
        int i = (int)gsl_rng_uniform_int(r, (unsigned long)nr);
        if (!valid[i]) continue;
        int dup = 0;
        for (int j = 0; j < nh; j++) dup |= hit_read[j] == i;
        if (dup) continue;
        hit_read[nh++] = i;
    }
    for (int j = 1; j < nh; j++) /* insertion sort by read order */
        for (int k = j; k > 0 && hit_read[k - 1] > hit_read[k]; k--) {
            int t = hit_read[k];
            hit_read[k] = hit_read[k - 1];
            hit_read[k - 1] = t;
        }
    int cnt_hl[4] = {0}, cnt_dp[3] = {0}, n_accepted_hits = 0;
    int hit_hl[NHITS], hit_dp[NHITS];
    f = xfopen(dir, "LPR_Alerts_March.csv");
    fputs("\xEF\xBB\xBF", f);
    fputs("Alert ID;Read ID;Alert Time;Unit;Plate Number;Alert Type;Disposition;Officer Notes\n", f);
    for (int j = 0; j < nh; j++) {
        int i = hit_read[j];
        char ts[32], pl[16];
        oa_fmt_local(ts, rd[i].local);
        fmt_plate(pl, pcode[rd[i].veh], 0, 0);
        int hl = (int)gsl_ran_discrete(r, hl_tab), dp = (int)gsl_ran_discrete(r, dp_tab);
        hit_hl[j] = hl;
        hit_dp[j] = dp;
        cnt_hl[hl]++;
        cnt_dp[dp]++;
        n_accepted_hits++;
        const char *notes = j == 5 ? "\"Driver said \"\"wrong car\"\"; released\"" : (j % 7 == 3 ? "NULL" : "");
        /* a few labels padded with spaces: fields are trimmed before matching */
        fprintf(f, "A-%04d;%d;%s;%s;%s;%s;%s%s;%s\n", 9001 + j, rid[i], ts, OA_UNIT_ID[rd[i].unit], pl, OA_HOTLIST[hl],
                OA_DISP[dp], j % 11 == 4 ? " " : "", notes);
    }
    xfclose(f, "LPR_Alerts_March.csv");

    /* incidents: semicolon, LF, result codes ARR/REC/CIT/NFA, US timestamps */
    f = xfopen(dir, "LPR_Incidents_March.csv");
    fputs("Incident No;Alert ID;Incident Time;Result;Precinct\n", f);
    int n_inc = 0, cnt_res[4] = {0}, n_hits_with_inc = 0;
    for (int j = 0; j < nh; j++) {
        if (hit_dp[j] != 0 || gsl_rng_uniform(r) >= 0.5) continue;
        int i = hit_read[j];
        int res = hit_hl[j] == 0 && gsl_rng_uniform(r) < 0.6 ? 1 : (int)gsl_rng_uniform_int(r, 4);
        int64_t lt = rd[i].local + 1800 + (int64_t)gsl_rng_uniform_int(r, 7200);
        if (floordiv(lt, 86400) > p_last) lt = p_last * 86400 + 86399;
        int gap = 0;
        (void)local_to_utc(&tz, lt, &gap);
        if (gap) lt += 3600; /* keep incident times out of the DST gap */
        char ts[32];
        oa_fmt_local(ts, lt);
        fprintf(f, "INC-%05d;A-%04d;%s;%s;%s\n", 31001 + n_inc, 9001 + j, ts, OA_RESULT[res],
                rd[i].unit < OA_FIXED ? OA_SITE[rd[i].unit] : "NA");
        n_inc++;
        cnt_res[res]++;
        n_hits_with_inc++;
    }
    xfclose(f, "LPR_Incidents_March.csv");

    /* units (cameras): plain comma CSV */
    f = xfopen(dir, "units.csv");
    fputs("Unit,Site,Type,Latitude,Longitude,Install Date\n", f);
    for (int u = 0; u < OA_UNITS; u++) {
        char la[24] = "", lo[24] = "";
        if (u < OA_FIXED) {
            fmt_micro(la, 40650000 + (u - 3) * 9000);
            fmt_micro(lo, -73950000 + (u % 3 - 1) * 11000);
        }
        fprintf(f, "%s,%s,%s,%s,%s,%04d-0%d-15\n", OA_UNIT_ID[u], u < OA_FIXED ? OA_SITE[u] : "",
                u < OA_FIXED ? "Fixed" : "Mobile", la, lo, Y - 1, 1 + u % 9);
    }
    xfclose(f, "units.csv");

    /* expected.ini */
    f = xfopen(dir, "expected.ini");
    fprintf(f, "# Expected counts for the other-agency export (written by gen-city --format other-agency).\n"
               "[expected]\n");
    fprintf(f, "# data records in LPR_Reads_March.csv (the header is physical line 1)\nreads_total = %d\n", nr);
    fprintf(f, "# records whose local date is %04d-03-01..%04d-03-31 (America/New_York)\nreads_accepted = %d\n", Y, Y, n_in);
    fprintf(f, "# 3 on Feb 28 evening, 3 on Apr 1\nreads_out_of_period = %d\n", n_oop);
    fprintf(f, "# the one naive local time inside the spring-forward gap\nreads_rejected = %d\n", n_gap);
    fprintf(f, "# the rejected record: read id, physical line, column, value\nreject_read_id = %d\n", gap_id);
    fprintf(f, "reject_line = %d\nreject_column = Date Time\n", gap_line);
    {
        char ts[32];
        oa_fmt_local(ts, dst_day * 86400 + 2 * 3600 + 30 * 60);
        fprintf(f, "reject_value = %s\n", ts);
    }
    fprintf(f,
            "# the record whose Location field spans two physical lines starts on this line\n"
            "multiline_record_line = %d\nphysical_lines_reads = %d\n",
            multiline_line, line);
    fprintf(f, "reads_mobile = %d\n", n_mobile);
    {
        int nd = 0, n1 = 0;
        for (int v = 0; v < NVEH; v++) {
            nd += vseen[v] > 0;
            n1 += vseen[v] == 1;
        }
        fprintf(f,
                "# distinct (normalised plate, state) among accepted reads; a missing state is one vehicle\n"
                "distinct_plates = %d\nplates_seen_once = %d\n",
                nd, n1);
    }
    fprintf(f, "# all alerts link to accepted in-period reads by Read ID\nhits_total = %d\nhits_accepted = %d\n", nh,
            n_accepted_hits);
    for (int h = 0; h < 4; h++) fprintf(f, "hits_hotlist_%s = %d\n", OA_HOTLIST_CANON[h], cnt_hl[h]);
    for (int d = 0; d < 3; d++) fprintf(f, "hits_disposition_%s = %d\n", OA_DISP_CANON[d], cnt_dp[d]);
    fprintf(f, "# misread / (hits - unverified); no alert is unverified\nfalse_positive_rate = %.10g\n",
            (double)cnt_dp[1] / (double)nh);
    fprintf(f, "outcomes_total = %d\n", n_inc);
    for (int o = 0; o < 4; o++) fprintf(f, "outcomes_%s = %d\n", OA_RESULT_CANON[o], cnt_res[o]);
    fprintf(f, "hits_with_outcome = %d\noutcome_yield = %.10g\n", n_hits_with_inc, (double)n_hits_with_inc / (double)nh);
    xfclose(f, "expected.ini");

    free(rd), free(valid), free(rid), free(hit_read);
    gsl_ran_discrete_free(st_tab), gsl_ran_discrete_free(unit_tab), gsl_ran_discrete_free(hl_tab);
    gsl_ran_discrete_free(dp_tab), gsl_ran_discrete_free(veh_tab);
    gsl_rng_free(r);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Census tracts: a county's export whose reads carry tract GEOIDs; a census table with more     */
/* tracts than the log touches                                                                  */
/* ------------------------------------------------------------------------------------------ */

#define CT_N 40     /* tracts in the census table */
#define CT_T 25     /* tracts the read log touches */
#define CT_FIXED 28 /* fixed cameras: 25 geocoded (one per touched tract) + 3 without a tract */
#define CT_GEOCODED 25
#define CT_MOBILE 3
#define CT_CAMS (CT_FIXED + CT_MOBILE)
#define CT_READS 20000   /* accepted in-period reads */
#define CT_OOP_BEFORE 14 /* on the evening before the period */
#define CT_OOP_AFTER 11  /* in the small hours after it */
#define CT_VEH 4000
#define CT_HITS 30
#define CT_P_EMPTY_FIXED 0.01  /* fixed-camera reads with an empty tract: the camera's tract applies */
#define CT_P_EMPTY_MOBILE 0.03 /* mobile reads with an empty tract: mobile units have none -> unknown */
#define CT_P_COUNTY_LINE 0.012 /* mobile reads across the county line: an unlisted tract */
#define CT_COUNTY "48453"
#define CT_RETIRED "48453001300"  /* a 2010 tract, split into 001303 / 001304 in 2020: unlisted */
#define CT_NEIGHBOR "48491020105" /* a tract of the neighbouring county: unlisted */
static const char *const CT_TRACT[CT_N] = {
    "000101", "000102", "000203", "000204", "000302", "000304", "000401", "000402", "000500", "000601",
    "000603", "000700", "000801", "000802", "000900", "001000", "001100", "001200", "001303", "001304",
    "001401", "001402", "001500", "001601", "001602", "001700", "001804", "001805", "001900", "002002",
    "002003", "002100", "002201", "002202", "002304", "002307", "002403", "002404", "002500", "980000"};
/* tracts with reads (indices into CT_TRACT); geocoded camera i stands in CT_TOUCHED[i] */
static const int CT_TOUCHED[CT_T] = {0,  2,  3,  5,  6,  8,  9,  11, 12, 14, 15, 16, 17,
                                     18, 19, 21, 22, 24, 26, 27, 29, 31, 33, 36, 39};
#define CT_SMALL 8        /* 000500: population 808 (a small-denominator tract) */
#define CT_ZERO 39        /* 980000: a special land-use tract (airport and industry), population 0 */
#define CT_NA_VMT 22      /* 001500: vmt_daily is NA */
#define CT_RETIRED_CAM 13 /* geocoded camera in 001303 whose reads carry the retired code before CT_RETIRED_UNTIL */
#define CT_LATE_CAM 27    /* installed mid-period, not yet in the county's camera inventory with a tract */
enum { CT_GROUPS = 4 };
static const char *const CT_GRP_NAMES[CT_GROUPS] = {"black", "white", "hispanic", "asian"};

typedef struct {
    int64_t local; /* naive local seconds */
    uint32_t ord;
    int16_t cam;
    int16_t tract; /* value written: >= 0 index into CT_TRACT, -1 empty, -2 CT_RETIRED, -3 CT_NEIGHBOR */
    int32_t veh, lat_u, lon_u;
    int8_t conf; /* hundredths; -1 empty */
    int8_t oop;
} CtRead;

static int cmp_ctread(const void *a, const void *b) {
    const CtRead *x = a, *y = b;
    if (x->local != y->local) return x->local < y->local ? -1 : 1;
    return x->ord < y->ord ? -1 : (x->ord > y->ord);
}

static int gen_census(const Args *a, const char *dir) {
    const int Y = a->year;
    gsl_rng *r = make_rng(a->seed, 201);
    const int64_t p_first = days_from_civil(Y, 4, 1), p_last = days_from_civil(Y, 6, 30);
    const int64_t retired_until = days_from_civil(Y, 4, 8), late_inst = days_from_civil(Y, 5, 12);

    /* ---- tracts: an east-west gradient e in [0,1] drives demographics and camera density ---- */
    double e[CT_N];
    long pop[CT_N], grp[CT_N][CT_GROUPS], vmt[CT_N], land100[CT_N];
    for (int t = 0; t < CT_N; t++) {
        e[t] = gsl_rng_uniform(r);
        pop[t] = 2200 + (long)gsl_rng_uniform_int(r, 5800);
        int black = 4 + (int)(38 * e[t]) + (int)gsl_rng_uniform_int(r, 5);
        int hisp = 12 + (int)(36 * e[t]) + (int)gsl_rng_uniform_int(r, 7);
        int asian = 2 + (int)gsl_rng_uniform_int(r, 9);
        int other = 3 + (int)gsl_rng_uniform_int(r, 3);
        int white = 100 - black - hisp - asian - other;
        land100[t] = 80 + (long)gsl_rng_uniform_int(r, 1100);
        long vf = 9 + (long)gsl_rng_uniform_int(r, 12);
        if (t == CT_SMALL) pop[t] = 808;
        if (t == CT_ZERO) pop[t] = 0, land100[t] = 1435;
        grp[t][0] = pop[t] * black / 100;
        grp[t][1] = pop[t] * white / 100;
        grp[t][2] = pop[t] * hisp / 100;
        grp[t][3] = pop[t] * asian / 100;
        vmt[t] = t == CT_ZERO ? 410000 : pop[t] * vf + 20000;
    }

    /* ---- cameras ---- */
    int cam_tract[CT_CAMS];
    double camw[CT_FIXED];
    for (int c = 0; c < CT_FIXED; c++) {
        int t = c < CT_GEOCODED ? CT_TOUCHED[c] : CT_TOUCHED[(int)gsl_rng_uniform_int(r, CT_T)];
        cam_tract[c] = t;
        camw[c] = t == CT_ZERO ? 140 : floor(20 + 100 * e[t] + (double)gsl_rng_uniform_int(r, 30));
    }
    for (int m = 0; m < CT_MOBILE; m++) cam_tract[CT_FIXED + m] = -1;
    gsl_ran_discrete_t *fix_tab = make_table(CT_FIXED, camw);
    double patw[CT_T];
    for (int i = 0; i < CT_T; i++) patw[i] = 0.15 + e[CT_TOUCHED[i]] * e[CT_TOUCHED[i]];
    gsl_ran_discrete_t *pat_tab = make_table(CT_T, patw);
    const int ndays = (int)(p_last - p_first + 1);
    int16_t *patrol = xcalloc((size_t)(CT_MOBILE * (ndays + 2)), sizeof *patrol); /* -1: off duty */
    for (int m = 0; m < CT_MOBILE; m++) {
        int off1 = (int)gsl_rng_uniform_int(r, 7);
        for (int i = 0; i < ndays + 2; i++) { /* day index i is local day p_first - 1 + i */
            int wd = weekday(p_first - 1 + i);
            int p = CT_TOUCHED[(int)gsl_ran_discrete(r, pat_tab)];
            patrol[m * (ndays + 2) + i] = (int16_t)((wd == off1 || wd == (off1 + 1) % 7) ? -1 : p);
        }
    }

    /* ---- vehicles ---- */
    uint32_t pcode[CT_VEH];
    uint8_t vstate[CT_VEH];
    double vw[CT_VEH];
    static const char *const CT_ST[] = {"TX", "OK", "LA", "NM", "CA", ""};
    static const double CT_ST_P[] = {0.93, 0.015, 0.015, 0.01, 0.01, 0.02};
    gsl_ran_discrete_t *st_tab = make_table(6, CT_ST_P);
    uint64_t pa = 1 + gsl_rng_uniform_int(r, (unsigned long)PLATE_SPACE - 1), pb = gsl_rng_uniform_int(r, 100000000UL);
    while (gcd_u64(pa, PLATE_SPACE) != 1) pa++;
    for (int v = 0; v < CT_VEH; v++) {
        pcode[v] = (uint32_t)((pa * (uint64_t)v + pb) % PLATE_SPACE);
        vstate[v] = (uint8_t)gsl_ran_discrete(r, st_tab);
        double u = gsl_rng_uniform(r);
        vw[v] = gsl_rng_uniform(r) < 0.05 ? 40.0 * (1 + (int)(4 * u)) : 1.0 + (int)(9 * u * u * u);
    }
    gsl_ran_discrete_t *veh_tab = make_table(CT_VEH, vw);

    /* ---- reads: one array, sorted by local time ---- */
    const int NR = CT_READS + CT_OOP_BEFORE + CT_OOP_AFTER;
    CtRead *rd = xcalloc((size_t)NR, sizeof *rd);
    for (int j = 0; j < NR; j++) {
        CtRead *q = &rd[j];
        int64_t day;
        int hour;
        if (j < CT_READS) { /* in period: day of week and hour of day by rejection */
            for (;;) {
                day = p_first + (int64_t)gsl_rng_uniform_int(r, (unsigned long)ndays);
                hour = (int)gsl_rng_uniform_int(r, 24);
                int wd = weekday(day), we = wd == 0 || wd == 6;
                if (gsl_rng_uniform(r) * 108.0 * 100.0 < (double)DOW_F[wd] * PROF[we][hour]) break;
            }
        } else if (j < CT_READS + CT_OOP_BEFORE) {
            day = p_first - 1;
            hour = 20 + (int)gsl_rng_uniform_int(r, 4);
        } else {
            day = p_last + 1;
            hour = (int)gsl_rng_uniform_int(r, 6);
        }
        q->oop = (int8_t)(j >= CT_READS);
        q->local = day * 86400 + hour * 3600 + (int64_t)gsl_rng_uniform_int(r, 3600);
        q->ord = (uint32_t)j;
        q->veh = (int32_t)gsl_ran_discrete(r, veh_tab);
        q->conf = gsl_rng_uniform(r) < 0.01 ? -1 : (int8_t)(99 - (int)(30.0 * gsl_rng_uniform(r) * gsl_rng_uniform(r)));
        /* camera: a mobile unit for 15 % of daytime reads when one is on duty, else a fixed camera
           installed by then */
        const int di = (int)(day - p_first + 1);
        int cm = -1;
        if (hour >= 7 && hour < 19 && gsl_rng_uniform(r) < 0.15) {
            int m = (int)gsl_rng_uniform_int(r, CT_MOBILE);
            if (patrol[m * (ndays + 2) + di] >= 0) cm = CT_FIXED + m;
        }
        while (cm < 0) {
            int c = (int)gsl_ran_discrete(r, fix_tab);
            if (c == CT_LATE_CAM && day < late_inst) continue;
            cm = c;
        }
        q->cam = (int16_t)cm;
        if (cm >= CT_FIXED) {
            int t = patrol[(cm - CT_FIXED) * (ndays + 2) + di];
            double u = gsl_rng_uniform(r);
            q->tract = (int16_t)(u < CT_P_EMPTY_MOBILE ? -1 : (u < CT_P_EMPTY_MOBILE + CT_P_COUNTY_LINE ? -3 : t));
            q->lat_u = 30300000 + (int32_t)gsl_rng_uniform_int(r, 100001) - 50000;
            q->lon_u = -97700000 + (int32_t)gsl_rng_uniform_int(r, 120001) - 60000;
        } else {
            q->tract = (int16_t)(gsl_rng_uniform(r) < CT_P_EMPTY_FIXED ? -1 : cam_tract[cm]);
            if (cm == CT_RETIRED_CAM && day < retired_until && q->tract >= 0) q->tract = -2;
        }
    }
    qsort(rd, (size_t)NR, sizeof *rd, cmp_ctread);

    /* ---- reads.csv: semicolon-delimited, naive local time ---- */
    long n_tract[CT_N] = {0};
    long n_in = 0, n_oop = 0, n_mobile = 0, n_empty = 0, n_empty_cam = 0, n_unknown = 0, n_retired = 0, n_neighbor = 0;
    int *vseen = xcalloc(CT_VEH, sizeof *vseen);
    FILE *f = xfopen(dir, "reads.csv");
    fputs("ReadID;ReadDateTime;CameraName;PlateNumber;PlateState;Latitude;Longitude;tract_geoid;Confidence\n", f);
    char camid[CT_CAMS][16];
    for (int c = 0; c < CT_CAMS; c++)
        snprintf(camid[c], sizeof camid[c], c < CT_FIXED ? "ALPR-%03d" : "UNIT %d",
                 c < CT_FIXED ? 101 + c : c - CT_FIXED + 1);
    for (int j = 0; j < NR; j++) {
        const CtRead *q = &rd[j];
        char ts[32], pl[16], la[24] = "", lo[24] = "", tr[16] = "", cf[8] = "";
        int64_t d = floordiv(q->local, 86400), s = q->local - d * 86400;
        int y, m, dd;
        civil_from_days(d, &y, &m, &dd);
        snprintf(ts, sizeof ts, "%04d-%02d-%02d %02d:%02d:%02d", y, m, dd, (int)(s / 3600), (int)(s / 60 % 60),
                 (int)(s % 60));
        fmt_plate(pl, pcode[q->veh], vstate[q->veh] == 4, 0);
        if (q->cam >= CT_FIXED) {
            fmt_micro(la, q->lat_u);
            fmt_micro(lo, q->lon_u);
        }
        if (q->tract >= 0)
            snprintf(tr, sizeof tr, "%s%s", CT_COUNTY, CT_TRACT[q->tract]);
        else if (q->tract == -2)
            strcpy(tr, CT_RETIRED);
        else if (q->tract == -3)
            strcpy(tr, CT_NEIGHBOR);
        if (q->conf >= 0) snprintf(cf, sizeof cf, "0.%02d", q->conf);
        fprintf(f, "%d;%s;%s;%s;%s;%s;%s;%s;%s\n", 7000001 + j, ts, camid[q->cam], pl, CT_ST[vstate[q->veh]], la, lo, tr,
                cf);
        if (q->oop) {
            n_oop++;
            continue;
        }
        n_in++;
        vseen[q->veh]++;
        n_mobile += q->cam >= CT_FIXED;
        /* the tool's assignment: the read's own tract; else the camera's tract; else unknown */
        int t = q->tract;
        if (t == -1) {
            n_empty++;
            t = q->cam < CT_GEOCODED ? cam_tract[q->cam] : -1;
            if (t >= 0) n_empty_cam++;
        }
        if (t >= 0)
            n_tract[t]++;
        else if (t == -1)
            n_unknown++;
        else if (t == -2)
            n_retired++;
        else
            n_neighbor++;
    }
    xfclose(f, "reads.csv");

    /* ---- cameras.csv: most fixed cameras with their tract; mobile units and three fixed ones without ---- */
    f = xfopen(dir, "cameras.csv");
    fputs("camera_id,lat,lon,tract,kind,installed\n", f);
    for (int c = 0; c < CT_CAMS; c++) {
        char la[24] = "", lo[24] = "", tr[16] = "", di[16];
        if (c < CT_FIXED) {
            fmt_micro(la, 30300000 + (int32_t)gsl_rng_uniform_int(r, 100001) - 50000);
            fmt_micro(lo, -97700000 + (int32_t)gsl_rng_uniform_int(r, 120001) - 60000);
        }
        if (c < CT_GEOCODED) snprintf(tr, sizeof tr, "%s%s", CT_COUNTY, CT_TRACT[cam_tract[c]]);
        fmt_date(di, c == CT_LATE_CAM ? late_inst : days_from_civil(Y - 1, 1, 1) + (int64_t)gsl_rng_uniform_int(r, 360));
        fprintf(f, "%s,%s,%s,%s,%s,%s\n", camid[c], la, lo, tr, c < CT_FIXED ? "fixed" : "mobile", di);
    }
    xfclose(f, "cameras.csv");

    /* ---- tracts.csv: the census table ---- */
    f = xfopen(dir, "tracts.csv");
    fputs("GEOID,NAME,total_pop,land_km2,vmt_daily,pop_black,pop_white,pop_hispanic,pop_asian\n", f);
    for (int t = 0; t < CT_N; t++) {
        int num = atoi(CT_TRACT[t]);
        char nm[64], vm[24];
        if (num % 100)
            snprintf(nm, sizeof nm, "Census Tract %d.%02d; Travis County; Texas", num / 100, num % 100);
        else
            snprintf(nm, sizeof nm, "Census Tract %d; Travis County; Texas", num / 100);
        if (t == CT_NA_VMT)
            strcpy(vm, "NA");
        else
            snprintf(vm, sizeof vm, "%ld", vmt[t]);
        fprintf(f, "%s%s,%s,%ld,%ld.%02ld,%s,%ld,%ld,%ld,%ld\n", CT_COUNTY, CT_TRACT[t], nm, pop[t], land100[t] / 100,
                land100[t] % 100, vm, grp[t][0], grp[t][1], grp[t][2], grp[t][3]);
    }
    xfclose(f, "tracts.csv");

    /* ---- hits.csv: a few alerts on accepted in-period reads, linked by read id ---- */
    int hit_j[CT_HITS], nh = 0, hl_count[CAT_N] = {0}, dp_count[DISP_N] = {0};
    while (nh < CT_HITS) {
        int j = (int)gsl_rng_uniform_int(r, (unsigned long)NR);
        if (rd[j].oop) continue;
        int dup = 0;
        for (int k = 0; k < nh; k++) dup |= hit_j[k] == j;
        if (!dup) hit_j[nh++] = j;
    }
    for (int i = 1; i < nh; i++)
        for (int k = i; k > 0 && hit_j[k - 1] > hit_j[k]; k--) {
            int t = hit_j[k];
            hit_j[k] = hit_j[k - 1];
            hit_j[k - 1] = t;
        }
    gsl_ran_discrete_t *cat_tab = make_table(CAT_N, CAT_P), *disp_tab = make_table(DISP_N, DISP_P);
    f = xfopen(dir, "hits.csv");
    fputs("hit_id,read_id,hotlist,disposition\n", f);
    for (int i = 0; i < nh; i++) {
        int hl = (int)gsl_ran_discrete(r, cat_tab), dp = (int)gsl_ran_discrete(r, disp_tab);
        hl_count[hl]++;
        dp_count[dp]++;
        fprintf(f, "AL-%05d,%d,%s,%s\n", 1 + i, 7000001 + hit_j[i], CAT_NAMES[hl], DISP_NAMES[dp]);
    }
    xfclose(f, "hits.csv");

    /* ---- expected.ini ---- */
    f = xfopen(dir, "expected.ini");
    Ini p = {f};
    char key[96];
    fprintf(f, "# Expected counts and estimates for the census-tract export (gen-city --format census-tracts).\n"
               "# Counts are exact, counted while writing; estimates follow EXPOSURE.md on those counts.\n"
               "[expected]\n");
    ini_i(&p, "seed", (long long)a->seed, "--seed of the generator (the study's own seed is 4242)");
    ini_i(&p, "reads_total", NR, "data records in reads.csv (semicolon-delimited, header on line 1)");
    ini_i(&p, "reads_accepted", n_in, "records whose naive local date is in the period Apr 1 .. Jun 30");
    ini_i(&p, "reads_out_of_period", n_oop, "14 on the evening of Mar 31, 11 in the small hours of Jul 1");
    ini_i(&p, "reads_rejected", 0, "no defects are planted in this export");
    ini_i(&p, "reads_mobile", n_mobile, "accepted reads by the mobile units UNIT 1..3 (they carry lat/lon)");
    {
        int nd = 0, n1 = 0;
        for (int v = 0; v < CT_VEH; v++) nd += vseen[v] > 0, n1 += vseen[v] == 1;
        ini_i(&p, "distinct_plates", nd, "distinct (plate, state) among accepted reads");
        ini_i(&p, "plates_seen_once", n1, "vehicles with exactly one accepted read");
    }
    ini_i(&p, "tracts_in_table", CT_N, "rows of tracts.csv");
    int touched = 0;
    for (int t = 0; t < CT_N; t++) touched += n_tract[t] > 0;
    ini_i(&p, "tracts_with_reads", touched, "listed tracts with at least one accepted read");
    ini_i(&p, "reads_empty_tract", n_empty, "accepted reads with an empty tract_geoid");
    ini_i(&p, "reads_empty_tract_camera", n_empty_cam,
          "of those, reads whose camera has a tract in cameras.csv: assigned to the camera's tract");
    ini_i(&p, "reads_unknown", n_unknown,
          "empty tract and a camera without one in cameras.csv (UNIT 1..3, ALPR-126..128): unknown");
    ini_i(&p, "reads_unlisted_retired", n_retired,
          "tract " CT_RETIRED " (a 2010 code, split in 2020): ALPR-114 before Apr 8; the read's own value wins, so "
          "unassigned, not the camera's tract");
    ini_i(&p, "reads_unlisted_neighbor_county", n_neighbor, "tract " CT_NEIGHBOR " (next county), mobile units only");
    ini_i(&p, "unassigned_reads", n_unknown + n_retired + n_neighbor, "unknown + unlisted: the unassigned_reads count");
    long listed = n_in - (n_unknown + n_retired + n_neighbor);
    ini_i(&p, "reads_listed", listed, "Y: accepted reads in listed tracts (980000 included)");
    long P = 0;
    for (int t = 0; t < CT_N; t++) P += pop[t];
    ini_i(&p, "population_total", P, "sum of total_pop over the table");
    for (int t = 0; t < CT_N; t++) {
        if (!n_tract[t]) continue;
        snprintf(key, sizeof key, "reads_tract_%s%s", CT_COUNTY, CT_TRACT[t]);
        ini_i(&p, key, n_tract[t], "accepted reads assigned to this tract (the other 15 tracts have none)");
    }
    double yv[CT_N], ratio[CT_N], gexp[CT_GROUPS], disp[CT_GROUPS], rate_all, gini;
    for (int t = 0; t < CT_N; t++) yv[t] = (double)n_tract[t];
    exposure_stats(CT_N, yv, pop, &grp[0][0], CT_GROUPS, ratio, gexp, disp, &rate_all, &gini);
    ini_d(&p, "reads_per_1k_residents_all", rate_all, "reads_listed / population_total * 1000");
    for (int t = 0; t < CT_N; t++) {
        if (!n_tract[t] || pop[t] == 0) continue;
        snprintf(key, sizeof key, "exposure_ratio_%s%s", CT_COUNTY, CT_TRACT[t]);
        ini_d(&p, key, ratio[t], t == CT_SMALL ? "small-denominator tract (population 808)" : "exposure_ratio estimate");
    }
    for (int g = 0; g < CT_GROUPS; g++) {
        snprintf(key, sizeof key, "group_exposure_%s", CT_GRP_NAMES[g]);
        ini_d(&p, key, gexp[g], "group_exposure estimate");
    }
    for (int g = 0; g < CT_GROUPS; g++) {
        snprintf(key, sizeof key, "disparity_ratio_%s", CT_GRP_NAMES[g]);
        ini_d(&p, key, disp[g], "disparity_ratio estimate");
    }
    ini_d(&p, "gini_reads_per_capita", gini, "population-weighted Gini over tracts with population > 0");
    ini_i(&p, "hits_total", nh, "alerts in hits.csv, each on an accepted read, linked by read_id");
    for (int c = 0; c < CAT_N; c++)
        if (hl_count[c]) {
            snprintf(key, sizeof key, "hits_hotlist_%s", CAT_NAMES[c]);
            ini_i(&p, key, hl_count[c], "alerts of this hotlist");
        }
    for (int d = 0; d < DISP_N; d++)
        if (dp_count[d]) {
            snprintf(key, sizeof key, "hits_disposition_%s", DISP_NAMES[d]);
            ini_i(&p, key, dp_count[d], "alerts with this disposition");
        }
    xfclose(f, "expected.ini");

    free(rd), free(vseen), free(patrol);
    gsl_ran_discrete_free(fix_tab), gsl_ran_discrete_free(pat_tab), gsl_ran_discrete_free(st_tab);
    gsl_ran_discrete_free(veh_tab), gsl_ran_discrete_free(cat_tab), gsl_ran_discrete_free(disp_tab);
    gsl_rng_free(r);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */

static void usage(FILE *f) {
    fputs("usage: gen-city --out DIR [--reads N (150000)] [--vehicles V (N/6)] [--cameras C (20)]\n"
          "                [--neighborhoods K (8)] [--seed S (20251231)] [--year Y (2025)]\n"
          "                [--no-defects] [--plain] [--fleet-seed S] [--hit-scale X (1)]\n"
          "       gen-city --format other-agency --out DIR [--seed S] [--year Y]\n"
          "       gen-city --format census-tracts --out DIR [--seed S] [--year Y]\n",
          f);
}

static uint64_t parse_u(const char *opt, const char *s, uint64_t lo, uint64_t hi) {
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-') die("%s needs a non-negative integer", opt);
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi) die("%s: '%s' is not an integer in %" PRIu64 "..%" PRIu64, opt, s, lo, hi);
    return (uint64_t)v;
}

int main(int argc, char **argv) {
    Args a = {150000, 0, 20, 8, 2025, 1, 0, 20251231ULL, 0, 0, 0};
    const char *out = NULL, *format = "city";
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "--out") && val)
            out = argv[++i];
        else if (!strcmp(o, "--reads"))
            a.reads = parse_u(o, val, 1, 4000000000ULL), i++;
        else if (!strcmp(o, "--vehicles"))
            a.vehicles = parse_u(o, val, 1, 100000000ULL), a.vehicles_set = 1, i++;
        else if (!strcmp(o, "--cameras"))
            a.cameras = (int)parse_u(o, val, 2, 60000), i++;
        else if (!strcmp(o, "--neighborhoods"))
            a.neighborhoods = (int)parse_u(o, val, 1, 250), i++;
        else if (!strcmp(o, "--seed"))
            a.seed = parse_u(o, val, 0, UINT64_MAX), i++;
        else if (!strcmp(o, "--fleet-seed"))
            a.fleet_seed = parse_u(o, val, 0, UINT64_MAX), a.fleet_seed_set = 1, i++;
        else if (!strcmp(o, "--hit-scale")) {
            char *end = NULL;
            hit_scale = val ? strtod(val, &end) : NAN;
            if (!val || *end || !(hit_scale > 0) || hit_scale * LAMBDA_HOT > 1)
                die("--hit-scale: '%s' is not a number in (0, %g]", val ? val : "", 1 / LAMBDA_HOT);
            i++;
        } else if (!strcmp(o, "--year"))
            a.year = (int)parse_u(o, val, 2008, 2099), i++;
        else if (!strcmp(o, "--format") && val)
            format = argv[++i];
        else if (!strcmp(o, "--no-defects"))
            a.defects = 0;
        else if (!strcmp(o, "--plain"))
            a.plain = 1;
        else if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            die("unknown or incomplete option '%s'", o);
        }
    }
    if (!out) {
        usage(stderr);
        return 2;
    }
    if (!a.vehicles_set) a.vehicles = a.reads / 6 ? a.reads / 6 : 1;
    if ((uint64_t)a.vehicles > PLATE_SPACE) die("--vehicles exceeds the plate space");
    mkdir_p(out);
    if (!strcmp(format, "city")) return gen_city(&a, out);
    if (!strcmp(format, "other-agency")) return gen_other(&a, out);
    if (!strcmp(format, "census-tracts")) return gen_census(&a, out);
    die("unknown --format '%s' (city | other-agency | census-tracts)", format);
    return 2;
}
