/*
 * gen_city.c - seeded generator of a plausible fictional city's ALPR data for alpr-eval.
 *
 * Two modes:
 *   gen-city --out DIR [--reads N] [--vehicles V] [--cameras C] [--neighborhoods K]
 *            [--seed S] [--year Y] [--no-defects] [--plain]
 *       Sample City (America/Chicago): reads.csv.gz (or reads.csv), hits.csv, outcomes.csv,
 *       cameras.csv, neighborhoods.csv and planted.ini (the parameters and the true values a
 *       correct tool must recover).
 *   gen-city --format other-agency --out DIR [--seed S] [--year Y]
 *       A small export in a different vendor layout (semicolon-delimited, US timestamps in
 *       naive America/New_York time, vendor labels, NA/N/A/NULL, CRLF, a UTF-8 BOM), plus
 *       expected.ini with the counts a correct tool must report.
 *
 * Build: gcc -std=c11 -O2 -Wall -Wextra -Werror -o build/gen-city scripts/gen_city.c \
 *            $(pkg-config --libs gsl zlib)
 *
 * Determinism: all randomness comes from GSL's mt19937 with seeds derived from --seed by integer
 * arithmetic; every number written is formatted from integers (times, coordinates in
 * micro-degrees, confidence in hundredths), so the same arguments give byte-identical files.
 * Distribution draws that use libm (gamma, lognormal) only feed weights that are rounded to
 * integers first. Memory is O(vehicles + cameras + hours of the year); reads, hits and
 * outcomes are streamed in time order through fixed buffers.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
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

#define PAD_DAYS 3              /* out-of-period local days generated on each side of the year */
#define OOP_SHARE 0.003         /* expected share of reads outside the period */
#define Q_HOT 0.004             /* probability a vehicle is on a hotlist */
#define LAMBDA_HOT 0.6          /* per-read hit probability for a hotlisted vehicle */
#define LAMBDA_COLD 0.001       /* per-read hit probability for any other vehicle */
#define P_NO_READ_ID 0.05       /* share of hits written without read_id (linked by plate+camera+time) */
#define P_OUTCOME 0.35          /* probability a confirmed hit gets >= 1 outcome */
#define P_SECOND_OUTCOME 0.15   /* given one outcome, probability of a second */
#define P_ROUTE 0.6             /* probability a read is at one of the vehicle's two route cameras */
#define P_CONF_NA 0.015         /* share of reads with confidence NA */
#define P_COMMUTER 0.05         /* share of vehicles in the heavy "commuter" class */
#define N_UNLINKED_OUTCOMES 6   /* outcomes with an empty hit_id */
#define Z95 1.959963984540054

enum { CAT_N = 8, DISP_N = 6, OT_N = 6, ST_N = 8, VAR_N = 5 };
static const char *const CAT_NAMES[CAT_N] = {"stolen_vehicle", "stolen_plate", "wanted_person",
                                             "missing_person", "amber_alert",  "registration",
                                             "manual",         "other"};
static const double CAT_P[CAT_N] = {0.22, 0.18, 0.08, 0.03, 0.01, 0.35, 0.08, 0.05};
static const char *const DISP_NAMES[DISP_N] = {"confirmed",   "misread",        "wrong_state",
                                               "stale_entry", "not_actionable", "unverified"};
static const double DISP_P[DISP_N] = {0.55, 0.12, 0.05, 0.06, 0.12, 0.10};
enum { D_CONFIRMED = 0, D_UNVERIFIED = 5 };
static const char *const OT_NAMES[OT_N] = {"arrest",  "vehicle_recovered", "citation",
                                           "warning", "no_action",         "other"};
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
    "Northside",   "Riverside",   "Old Town",   "Eastgate",    "Industrial Park", "University",
    "Westwood",    "Harbor",      "Southside",  "Lakeview",    "Midtown",         "Hillcrest",
    "Fairview",    "Oak Park",    "Cedar Heights", "Pine Ridge", "Mill Creek",     "Brookside",
    "Sunnyside",   "Greenfield",  "Ashford",    "Bayview",     "Cherry Hill",     "Elm Grove"};
#define NB_NAMED ((int)(sizeof NB_NAMES / sizeof NB_NAMES[0]))
static const int NB_GRID8[8][2] = {{0, 1}, {-1, 0}, {0, 0}, {1, 0}, {1, -1}, {-1, 1}, {-1, -1}, {0, -1}};
static const int NB_FIXED_W8[8] = {10, 10, 16, 18, 16, 8, 6, 16};  /* where fixed cameras go */
static const int NB_PATROL_W8[8] = {8, 10, 12, 22, 16, 6, 5, 21};  /* where mobile units patrol */
/* population in thousands and group shares in percent (black, white, hispanic, asian, other) */
static const int NB_POP8[8] = {42, 35, 18, 38, 9, 28, 46, 31};
static const int NB_GRP8[8][5] = {{8, 62, 18, 8, 4},  {10, 48, 32, 6, 4}, {12, 50, 28, 6, 4},
                                  {34, 16, 44, 3, 3}, {22, 20, 52, 2, 4}, {9, 52, 20, 15, 4},
                                  {5, 70, 14, 8, 3},  {28, 18, 46, 5, 3}};
#define CITY_LAT_U 30270000  /* micro-degrees */
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
    int n = sprintf(b, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, (int)(sod / 3600),
                    (int)(sod / 60 % 60), (int)(sod % 60));
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
/* Sample City                                                                                 */
/* ------------------------------------------------------------------------------------------ */

typedef struct {
    uint64_t reads, vehicles;
    int cameras, neighborhoods, year, defects, plain;
    uint64_t seed;
    int vehicles_set;
} Args;

typedef struct {
    char id[24];
    int mobile, nb;
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

static int gen_city(const Args *a, const char *dir) {
    const Tz tz = {-6 * 3600}; /* America/Chicago */
    const int K = a->neighborhoods, C = a->cameras;
    const uint64_t N = a->reads, V = a->vehicles;
    const int n_mobile = C / 4, n_fixed = C - n_mobile;

    gsl_rng *rs = make_rng(a->seed, 1); /* setup: city, cameras, calendar, vehicles */
    gsl_rng *rt = make_rng(a->seed, 2); /* read times */
    gsl_rng *rr = make_rng(a->seed, 3); /* read attributes */
    gsl_rng *rh = make_rng(a->seed, 4); /* hits and outcomes */
    gsl_rng *rd = make_rng(a->seed, 5); /* defects and special records */

    /* ---- neighbourhoods ---- */
    char (*nbn)[32] = xcalloc((size_t)K, sizeof *nbn);
    int32_t *nb_lat = xcalloc((size_t)K, sizeof *nb_lat), *nb_lon = xcalloc((size_t)K, sizeof *nb_lon);
    double *nb_fw = xcalloc((size_t)K, sizeof(double)), *nb_pw = xcalloc((size_t)K, sizeof(double));
    for (int k = 0; k < K; k++) {
        int gx, gy;
        nb_name(nbn[k], k);
        nb_cell(k, &gx, &gy);
        nb_lat[k] = CITY_LAT_U + gy * CELL_LAT_U;
        nb_lon[k] = CITY_LON_U + gx * CELL_LON_U;
        nb_fw[k] = k < 8 ? NB_FIXED_W8[k] : 6 + (double)gsl_rng_uniform_int(rs, 10);
        nb_pw[k] = k < 8 ? NB_PATROL_W8[k] : 4 + (double)gsl_rng_uniform_int(rs, 12);
    }
    gsl_ran_discrete_t *nb_ftab = make_table((size_t)K, nb_fw), *nb_ptab = make_table((size_t)K, nb_pw);

    /* ---- calendar: local days [d_first, d_last], period = [d_first+PAD, d_last-PAD] ---- */
    const int64_t p_first = days_from_civil(a->year, 1, 1), p_last = days_from_civil(a->year, 12, 31);
    const int64_t d_first = p_first - PAD_DAYS, d_last = p_last + PAD_DAYS;
    const int ndays = (int)(d_last - d_first + 1);
    const int64_t utc0 = local_to_utc(&tz, d_first * 86400, NULL);
    const int64_t utc1 = local_to_utc(&tz, (d_last + 1) * 86400, NULL);
    const int64_t per_end_utc = local_to_utc(&tz, (p_last + 1) * 86400, NULL) - 1; /* last second */
    const int H = (int)((utc1 - utc0) / 3600);
    const int64_t thanksgiving = nth_weekday(a->year, 11, 4, 4), memorial = nth_weekday(a->year, 6, 1, 1) - 7,
                  labor = nth_weekday(a->year, 9, 1, 1);
    double *dayw = xcalloc((size_t)ndays, sizeof(double));
    for (int i = 0; i < ndays; i++) {
        int64_t dd = d_first + i;
        int y, m, d;
        civil_from_days(dd, &y, &m, &d);
        int hol = (m == 1 && d == 1) || (m == 7 && d == 4) || (m == 12 && d == 25) || dd == thanksgiving ||
                  dd == memorial || dd == labor;
        int season = (m >= 6 && m <= 8) ? 94 : (m == 12 ? 97 : 100);
        /* day-to-day variation: gamma(shape 25, mean 1) multiplier, rounded to 1/1000 */
        double g = floor(gsl_ran_gamma(rs, 25.0, 1.0 / 25.0) * 1000.0 + 0.5);
        dayw[i] = (double)DOW_F[weekday(dd)] * (hol ? 60.0 : 100.0) * season * g;
    }

    /* ---- cameras ---- */
    Cam *cam = xcalloc((size_t)C, sizeof *cam);
    int wid = C - n_mobile >= 100 || n_mobile >= 100 ? 3 : 2;
    if (n_fixed >= 1000 || n_mobile >= 1000) wid = 4;
    for (int c = 0; c < C; c++) {
        Cam *q = &cam[c];
        q->mobile = c >= n_fixed;
        int idx = q->mobile ? c - n_fixed + 1 : c + 1;
        snprintf(q->id, sizeof q->id, "CAM-%c%0*d", q->mobile ? 'M' : 'F', wid, idx);
        q->inst_day = days_from_civil(a->year - 2, 1, 1) + (int64_t)gsl_rng_uniform_int(rs, 600);
        q->rem_day = INT64_MAX;
        q->out_s = 1;
        q->out_e = 0;
        if (!q->mobile) {
            q->nb = (n_fixed >= K && c < K) ? c : (int)gsl_ran_discrete(rs, nb_ftab);
            q->lat_u = nb_lat[q->nb] + (int32_t)gsl_rng_uniform_int(rs, 20001) - 10000;
            q->lon_u = nb_lon[q->nb] + (int32_t)gsl_rng_uniform_int(rs, 24001) - 12000;
            q->w = 40 + (double)gsl_rng_uniform_int(rs, 160);
            if (c >= 1 && gsl_rng_uniform(rs) < 0.25) { /* an outage of 1..14 days */
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
        cam[2].inst_day = days_from_civil(a->year, 4, 15);
        cam[3].rem_day = days_from_civil(a->year, 10, 1);
    }
    /* mobile units: a patrol neighbourhood per local day (255 = off duty); shift 06:00-22:00 */
    uint8_t *mob = xcalloc((size_t)(n_mobile ? n_mobile : 1) * (size_t)ndays, 1);
    for (int m = 0; m < n_mobile; m++) {
        int off1 = (int)gsl_rng_uniform_int(rs, 7), off2 = (off1 + 1) % 7;
        for (int i = 0; i < ndays; i++) {
            int wd = weekday(d_first + i);
            int off = wd == off1 || wd == off2 || gsl_rng_uniform(rs) < 0.04;
            int nb = (int)gsl_ran_discrete(rs, nb_ptab);
            mob[(size_t)m * (size_t)ndays + (size_t)i] = off ? 255 : (uint8_t)nb;
        }
    }
    double *camw = xcalloc((size_t)C, sizeof(double)), *fixw = xcalloc((size_t)n_fixed, sizeof(double));
    for (int c = 0; c < C; c++) camw[c] = cam[c].w;
    for (int c = 0; c < n_fixed; c++) fixw[c] = cam[c].w;
    gsl_ran_discrete_t *cam_tab = make_table((size_t)C, camw), *fix_tab = make_table((size_t)n_fixed, fixw);

    /* ---- vehicles ---- */
    uint64_t pa, pb = gsl_rng_uniform_int(rs, (unsigned long)PLATE_SPACE);
    do {
        pa = 1 + gsl_rng_uniform_int(rs, (unsigned long)PLATE_SPACE - 1);
    } while (gcd_u64(pa, PLATE_SPACE) != 1);
    uint32_t *pcode = xcalloc(V, sizeof *pcode), *vlast = xcalloc(V, sizeof *vlast);
    uint32_t *vreads = xcalloc(V, sizeof *vreads), *vhits = xcalloc(V, sizeof *vhits),
             *vconf = xcalloc(V, sizeof *vconf);
    uint8_t *vstate = xcalloc(V, 1);
    int8_t *vhot = xcalloc(V, 1);
    uint16_t *vroute = xcalloc(V * 2, sizeof *vroute);
    double *vw = xcalloc(V, sizeof(double));
    gsl_ran_discrete_t *st_tab = make_table(ST_N, ST_P), *cat_tab = make_table(CAT_N, CAT_P),
                       *disp_tab = make_table(DISP_N, DISP_P), *var_tab = make_table(VAR_N, VAR_P);
    gsl_ran_discrete_t *ot_tab[3];
    for (int i = 0; i < 3; i++) ot_tab[i] = make_table(OT_N, OT_P[i]);
    uint64_t n_hot_vehicles = 0;
    for (uint64_t v = 0; v < V; v++) {
        pcode[v] = (uint32_t)((pa * v + pb) % PLATE_SPACE);
        vstate[v] = (uint8_t)gsl_ran_discrete(rs, st_tab);
        /* heavy-tailed read propensity: a commuter class and a long tail of occasional visitors;
           rounded to 1/256 so that only integers reach the alias table */
        double w = gsl_rng_uniform(rs) < P_COMMUTER ? gsl_ran_lognormal(rs, log(60.0), 0.7)
                                                     : gsl_ran_lognormal(rs, 0.0, 1.2);
        vw[v] = fmax(1.0, floor(w * 256.0 + 0.5));
        /* hotlist status independent of the read propensity */
        vhot[v] = -1;
        if (gsl_rng_uniform(rs) < Q_HOT) {
            vhot[v] = (int8_t)gsl_ran_discrete(rs, cat_tab);
            n_hot_vehicles++;
        }
        vroute[2 * v] = (uint16_t)gsl_ran_discrete(rs, fix_tab);
        vroute[2 * v + 1] = (uint16_t)gsl_ran_discrete(rs, fix_tab);
        vlast[v] = UINT32_MAX;
    }
    gsl_ran_discrete_t *veh_tab = make_table(V, vw);
    free(vw);

    /* ---- hours: weights by local day and local hour; out-of-period days scaled to OOP_SHARE ---- */
    double *hw = xcalloc((size_t)H, sizeof(double));
    int16_t *hday = xcalloc((size_t)H, sizeof *hday);
    uint8_t *hlh = xcalloc((size_t)H, 1);
    int32_t *hoff = xcalloc((size_t)H, sizeof *hoff);
    uint32_t *hcount = xcalloc((size_t)H, sizeof *hcount);
    double w_in = 0, w_out = 0;
    for (int i = 0; i < H; i++) {
        int64_t t = utc0 + (int64_t)i * 3600;
        int off = tz_offset(&tz, t);
        int64_t lt = t + off, ld = floordiv(lt, 86400);
        hoff[i] = off;
        hday[i] = (int16_t)(ld - d_first);
        hlh[i] = (uint8_t)((lt - ld * 86400) / 3600);
        int wd = weekday(ld), we = wd == 0 || wd == 6;
        hw[i] = dayw[hday[i]] * PROF[we][hlh[i]];
        if (ld < p_first || ld > p_last)
            w_out += hw[i];
        else
            w_in += hw[i];
    }
    double scale = (OOP_SHARE / (1.0 - OOP_SHARE)) * w_in / w_out;
    for (int i = 0; i < H; i++) {
        int64_t ld = d_first + hday[i];
        if (ld < p_first || ld > p_last) hw[i] *= scale;
    }
    gsl_ran_discrete_t *hour_tab = make_table((size_t)H, hw);
    for (uint64_t j = 0; j < N; j++) hcount[gsl_ran_discrete(rt, hour_tab)]++;
    uint64_t n_cls[3] = {0, 0, 0};
    for (int i = 0; i < H; i++) {
        int64_t ld = d_first + hday[i];
        n_cls[ld < p_first ? CLS_BEFORE : (ld > p_last ? CLS_AFTER : CLS_IN)] += hcount[i];
    }

    /* ---- defects: slots among the in-period records ---- */
    int def_counts[5] = {0, 4, 3, 1, 1};
    int n_def_reads = 9;
    if (!a->defects || n_cls[CLS_IN] < 200) {
        memset(def_counts, 0, sizeof def_counts);
        n_def_reads = 0;
    }
    uint64_t def_slot[16];
    int def_type[16];
    {
        int types[16], nt = 0;
        for (int t = 1; t <= 4; t++)
            for (int j = 0; j < def_counts[t]; j++) types[nt++] = t;
        for (int j = 0; j < n_def_reads; j++) {
            uint64_t s;
            int dup;
            do {
                s = n_cls[CLS_BEFORE] + 1 + gsl_rng_uniform_int(rd, (unsigned long)(n_cls[CLS_IN] - 2));
                dup = 0;
                for (int q = 0; q < j; q++) dup |= def_slot[q] == s;
            } while (dup);
            def_slot[j] = s;
        }
        qsort(def_slot, (size_t)n_def_reads, sizeof def_slot[0], cmp_u64);
        if (nt) gsl_ran_shuffle(rd, types, (size_t)nt, sizeof types[0]);
        for (int j = 0; j < n_def_reads; j++) def_type[j] = types[j];
    }
    const uint64_t n_valid = n_cls[CLS_IN] - (uint64_t)n_def_reads;

    /* ---- events keyed on the ordinal of valid in-period reads ---- */
    Event ev[32];
    int nev = 0;
    if (n_valid > 0) {
        int want[5] = {0, a->defects ? 2 : 0, a->defects ? 1 : 0, a->defects ? 1 : 0, N_UNLINKED_OUTCOMES};
        for (int t = 1; t <= 4; t++)
            for (int j = 0; j < want[t]; j++) {
                uint64_t range = t == EV_ARM_BAD_TYPE ? (n_valid + 1) / 2 : n_valid;
                ev[nev].k = gsl_rng_uniform_int(rd, (unsigned long)range);
                ev[nev].type = t;
                ev[nev].idx = nev;
                nev++;
            }
        qsort(ev, (size_t)nev, sizeof ev[0], cmp_event);
    }

    /* ---- stream reads, hits, outcomes ---- */
    Out orr, oh, oo;
    out_open(&orr, dir, a->plain ? "reads.csv" : "reads.csv.gz", !a->plain);
    out_open(&oh, dir, "hits.csv", 0);
    out_open(&oo, dir, "outcomes.csv", 0);
    out_reserve(&orr, 256);
    put_s(&orr, "read_id,timestamp,camera_id,plate,plate_state,lat,lon,neighborhood,confidence\n");
    out_reserve(&oh, 256);
    put_s(&oh, "hit_id,read_id,timestamp,camera_id,plate,hotlist,disposition\n");
    out_reserve(&oo, 256);
    put_s(&oo, "outcome_id,hit_id,timestamp,type,neighborhood\n");

    int idw = 7;
    for (uint64_t x = N; x >= 10000000ULL; x /= 10) idw++;
    char bad_ts[32];
    snprintf(bad_ts, sizeof bad_ts, "%04d-13-45T99:00:00Z", a->year);

    uint64_t slot = 0, valid_k = 0, hit_no = 0, out_no = 0;
    uint64_t s_hits_in = 0, s_hits_noid = 0, s_hits_oop = 0, s_hits_bad = 0, s_hits_conf = 0;
    uint64_t s_hits_cat[CAT_N] = {0}, s_hits_disp[DISP_N] = {0}, s_hit_with_out = 0;
    uint64_t s_out_linked = 0, s_out_unlinked = 0, s_out_bad = 0, s_out_type[OT_N] = {0};
    uint64_t s_mobile_reads = 0, s_conf_na = 0, s_noncanon_plate = 0, s_empty_state = 0;
    uint64_t s_reads_utc_trap = 0; /* out-of-period reads whose UTC date is inside the year */
    uint64_t s_reads_utc_trap_in = 0; /* in-period reads whose UTC date is after the year */
    int def_i = 0, ev_i = 0, arm_bad_type = 0, bad_read_ids = 0, oop_before_hits = 0, oop_after_hits = 0;
    uint32_t secc[3600];
    char tsb[48], plb[16], lat_s[24], lon_s[24];

    for (int i = 0; i < H; i++) {
        uint32_t n = hcount[i];
        if (!n) continue;
        memset(secc, 0, sizeof secc);
        for (uint32_t j = 0; j < n; j++) secc[gsl_rng_uniform_int(rt, 3600)]++;
        const int64_t th = utc0 + (int64_t)i * 3600;
        char prefix[24];
        {
            int y, m, d;
            civil_from_days(floordiv(th, 86400), &y, &m, &d);
            sprintf(prefix, "%04d-%02d-%02dT%02d:", y, m, d, (int)((th - floordiv(th, 86400) * 86400) / 3600));
        }
        const int64_t lday = d_first + hday[i];
        const int cls = lday < p_first ? CLS_BEFORE : (lday > p_last ? CLS_AFTER : CLS_IN);
        const int lh = hlh[i], off = hoff[i];
        for (int sec = 0; sec < 3600; sec++) {
            for (uint32_t c = 0; c < secc[sec]; c++, slot++) {
                const int64_t t = th + sec;
                const uint32_t rel = (uint32_t)(t - utc0);
                int dtype = DEF_NONE;
                if (def_i < n_def_reads && def_slot[def_i] == slot) dtype = def_type[def_i++];

                /* vehicle: never the same vehicle twice in one second (keeps plate+camera+time
                   links unique) */
                uint64_t v = gsl_ran_discrete(rr, veh_tab);
                for (int tries = 0; vlast[v] == rel && tries < 64; tries++) v = gsl_ran_discrete(rr, veh_tab);
                if (!dtype) vlast[v] = rel;

                /* camera: one of the vehicle's route cameras, else any active camera by traffic */
                int cm = -1;
                if (gsl_rng_uniform(rr) < P_ROUTE) {
                    int rc = vroute[2 * v + gsl_rng_uniform_int(rr, 2)];
                    const Cam *q = &cam[rc];
                    if (lday >= q->inst_day && lday < q->rem_day && !(lday >= q->out_s && lday <= q->out_e)) cm = rc;
                }
                for (int tries = 0; cm < 0 && tries < 10000; tries++) {
                    int rc = (int)gsl_ran_discrete(rr, cam_tab);
                    const Cam *q = &cam[rc];
                    if (lday < q->inst_day || lday >= q->rem_day || (lday >= q->out_s && lday <= q->out_e)) continue;
                    if (q->mobile && (lh < 6 || lh >= 22 || mob[(size_t)(rc - n_fixed) * (size_t)ndays + hday[i]] == 255))
                        continue;
                    cm = rc;
                }
                if (cm < 0) cm = 0; /* CAM-F01 is never down */
                const Cam *q = &cam[cm];
                int nb = q->nb;
                int32_t rlat = 0, rlon = 0;
                if (q->mobile) {
                    nb = mob[(size_t)(cm - n_fixed) * (size_t)ndays + hday[i]];
                    rlat = nb_lat[nb] + (int32_t)gsl_rng_uniform_int(rr, 24001) - 12000;
                    rlon = nb_lon[nb] + (int32_t)gsl_rng_uniform_int(rr, 28001) - 14000;
                }
                const int kind = vstate[v] == 5 ? 1 : 0;
                const int variant = (int)gsl_ran_discrete(rr, var_tab);
                const double cu = gsl_rng_uniform(rr);
                const int conf_na = cu < P_CONF_NA;
                /* skewed to high values; one draw per statement so the order is defined */
                double cx = 40.0 * gsl_rng_uniform(rr);
                cx *= gsl_rng_uniform(rr);
                cx *= gsl_rng_uniform(rr);
                const int conf = 99 - (int)cx;

                /* the row */
                out_reserve(&orr, 512);
                put_c(&orr, 'R');
                put_uw(&orr, slot + 1, idw);
                put_c(&orr, ',');
                if (dtype == DEF_BAD_TS) {
                    put_s(&orr, bad_ts);
                } else {
                    put_s(&orr, prefix);
                    put_2(&orr, (unsigned)(sec / 60));
                    put_c(&orr, ':');
                    put_2(&orr, (unsigned)(sec % 60));
                    put_c(&orr, 'Z');
                }
                put_c(&orr, ',');
                put_s(&orr, q->id);
                put_c(&orr, ',');
                int pl = fmt_plate(plb, pcode[v], kind, variant);
                if (dtype != DEF_EMPTY_PLATE) put_m(&orr, plb, (size_t)pl);
                put_c(&orr, ',');
                put_s(&orr, ST_NAMES[vstate[v]]);
                put_c(&orr, ',');
                if (q->mobile) {
                    put_m(&orr, lat_s, (size_t)fmt_micro(lat_s, rlat));
                    put_c(&orr, ',');
                    put_m(&orr, lon_s, (size_t)fmt_micro(lon_s, rlon));
                    put_c(&orr, ',');
                    put_s(&orr, nbn[nb]);
                } else {
                    put_s(&orr, ",,");
                }
                if (dtype != DEF_SHORT_ROW) {
                    put_c(&orr, ',');
                    if (conf_na) {
                        put_s(&orr, "NA");
                    } else {
                        put_s(&orr, "0.");
                        put_2(&orr, (unsigned)conf);
                    }
                }
                if (dtype == DEF_LONG_ROW) put_s(&orr, ",extra");
                put_c(&orr, '\n');
                if (dtype) continue;

                if (cls != CLS_IN) {
                    /* out of period: no hits, except a few planted ones (the first reads of local
                       Dec 31 evening, whose UTC date is already Jan 1, and the first read after) */
                    if (cls == CLS_BEFORE && t >= p_first * 86400) s_reads_utc_trap++;
                    int want = 0, noid = 0;
                    if (cls == CLS_BEFORE && t >= p_first * 86400 && oop_before_hits < 2) {
                        want = 1;
                        noid = oop_before_hits == 1;
                        oop_before_hits++;
                    } else if (cls == CLS_AFTER && oop_after_hits < 1) {
                        want = 1;
                        oop_after_hits++;
                    }
                    if (want) {
                        int cat = vhot[v] >= 0 ? vhot[v] : (int)gsl_ran_discrete(rh, cat_tab);
                        int disp = (int)gsl_ran_discrete(rh, disp_tab);
                        out_reserve(&oh, 512);
                        put_c(&oh, 'H');
                        put_uw(&oh, ++hit_no, 7);
                        put_c(&oh, ',');
                        if (noid) {
                            put_c(&oh, ',');
                            put_m(&oh, tsb, (size_t)fmt_iso(tsb, t, 1, off));
                            put_c(&oh, ',');
                            put_s(&oh, q->id);
                            put_c(&oh, ',');
                            put_m(&oh, plb, (size_t)fmt_plate(plb, pcode[v], kind, (variant + 3) % VAR_N));
                        } else {
                            put_c(&oh, 'R');
                            put_uw(&oh, slot + 1, idw);
                            put_s(&oh, ",,,");
                        }
                        put_c(&oh, ',');
                        put_s(&oh, CAT_NAMES[cat]);
                        put_c(&oh, ',');
                        put_s(&oh, DISP_NAMES[disp]);
                        put_c(&oh, '\n');
                        s_hits_oop++;
                    }
                    continue;
                }

                /* a valid in-period read */
                vreads[v]++;
                if (q->mobile) s_mobile_reads++;
                if (conf_na) s_conf_na++;
                if (variant) s_noncanon_plate++;
                if (vstate[v] == ST_N - 1) s_empty_state++;
                if (t > (p_last + 1) * 86400 - 1) s_reads_utc_trap_in++;

                int cat = -1;
                if (vhot[v] >= 0) {
                    if (gsl_rng_uniform(rh) < LAMBDA_HOT) cat = vhot[v];
                } else if (gsl_rng_uniform(rh) < LAMBDA_COLD) {
                    cat = (int)gsl_ran_discrete(rh, cat_tab);
                }
                if (cat >= 0) {
                    int disp = (int)gsl_ran_discrete(rh, disp_tab);
                    int noid = gsl_rng_uniform(rh) < P_NO_READ_ID;
                    uint64_t my_hit = ++hit_no;
                    out_reserve(&oh, 512);
                    put_c(&oh, 'H');
                    put_uw(&oh, my_hit, 7);
                    put_c(&oh, ',');
                    if (noid) {
                        /* same instant written as local time with offset, the camera, and the plate
                           in a different spelling than the read's */
                        int v2 = (variant + 1 + (int)gsl_rng_uniform_int(rh, VAR_N - 1)) % VAR_N;
                        put_c(&oh, ',');
                        put_m(&oh, tsb, (size_t)fmt_iso(tsb, t, 1, off));
                        put_c(&oh, ',');
                        put_s(&oh, q->id);
                        put_c(&oh, ',');
                        put_m(&oh, plb, (size_t)fmt_plate(plb, pcode[v], kind, v2));
                        s_hits_noid++;
                    } else {
                        put_c(&oh, 'R');
                        put_uw(&oh, slot + 1, idw);
                        put_s(&oh, ",,,");
                    }
                    put_c(&oh, ',');
                    put_s(&oh, CAT_NAMES[cat]);
                    put_c(&oh, ',');
                    put_s(&oh, DISP_NAMES[disp]);
                    put_c(&oh, '\n');
                    s_hits_in++;
                    s_hits_cat[cat]++;
                    s_hits_disp[disp]++;
                    vhits[v]++;
                    if (disp == D_CONFIRMED) {
                        s_hits_conf++;
                        vconf[v]++;
                        int n_out = 0;
                        if (gsl_rng_uniform(rh) < P_OUTCOME) n_out = 1 + (gsl_rng_uniform(rh) < P_SECOND_OUTCOME);
                        int64_t to = t;
                        for (int o = 0; o < n_out; o++) {
                            int ty = (int)gsl_ran_discrete(rh, ot_tab[cat == 0 ? 0 : (cat == 1 ? 1 : 2)]);
                            to += 1800 + (int64_t)gsl_rng_uniform_int(rh, 19801);
                            if (to > per_end_utc) to = per_end_utc; /* outcomes stay inside the period */
                            out_reserve(&oo, 512);
                            put_c(&oo, 'O');
                            put_uw(&oo, ++out_no, 7);
                            put_s(&oo, ",H");
                            put_uw(&oo, my_hit, 7);
                            put_c(&oo, ',');
                            put_m(&oo, tsb, (size_t)fmt_iso(tsb, to, 0, 0));
                            put_c(&oo, ',');
                            put_s(&oo, OT_NAMES[ty]);
                            put_c(&oo, ',');
                            put_s(&oo, nbn[nb]);
                            put_c(&oo, '\n');
                            s_out_linked++;
                            s_out_type[ty]++;
                        }
                        if (n_out) {
                            s_hit_with_out++;
                        } else if (arm_bad_type) {
                            /* defect: an outcome with an unknown type, on a hit with no valid outcome */
                            int64_t tb = t + 3600;
                            if (tb > per_end_utc) tb = per_end_utc;
                            out_reserve(&oo, 512);
                            put_c(&oo, 'O');
                            put_uw(&oo, ++out_no, 7);
                            put_s(&oo, ",H");
                            put_uw(&oo, my_hit, 7);
                            put_c(&oo, ',');
                            put_m(&oo, tsb, (size_t)fmt_iso(tsb, tb, 0, 0));
                            put_s(&oo, ",vehicle_towed,");
                            put_s(&oo, nbn[nb]);
                            put_c(&oo, '\n');
                            s_out_bad++;
                            arm_bad_type = 0;
                        }
                    }
                }

                /* planted extra records keyed on this read */
                while (ev_i < nev && ev[ev_i].k == valid_k) {
                    const Event *e = &ev[ev_i++];
                    if (e->type == EV_BAD_READ_ID || e->type == EV_BAD_HOTLIST) {
                        out_reserve(&oh, 512);
                        put_c(&oh, 'H');
                        put_uw(&oh, ++hit_no, 7);
                        if (e->type == EV_BAD_READ_ID) {
                            put_s(&oh, bad_read_ids++ == 0 ? ",R9999998x" : ",R9999999x");
                            put_s(&oh, ",,,,stolen_vehicle,confirmed\n");
                        } else {
                            put_s(&oh, ",R");
                            put_uw(&oh, slot + 1, idw);
                            put_s(&oh, ",,,,stolen_bicycle,confirmed\n");
                        }
                        s_hits_bad++;
                    } else if (e->type == EV_ARM_BAD_TYPE) {
                        arm_bad_type = 1;
                    } else {
                        int ty = (int)gsl_ran_discrete(rh, ot_tab[2]);
                        int onb = (int)gsl_rng_uniform_int(rh, (unsigned long)K);
                        int64_t to = t + 1800 + (int64_t)gsl_rng_uniform_int(rh, 19801);
                        if (to > per_end_utc) to = per_end_utc;
                        out_reserve(&oo, 512);
                        put_c(&oo, 'O');
                        put_uw(&oo, ++out_no, 7);
                        put_s(&oo, ",,");
                        put_m(&oo, tsb, (size_t)fmt_iso(tsb, to, 0, 0));
                        put_c(&oo, ',');
                        put_s(&oo, OT_NAMES[ty]);
                        put_c(&oo, ',');
                        put_s(&oo, nbn[onb]);
                        put_c(&oo, '\n');
                        s_out_unlinked++;
                        s_out_type[ty]++;
                    }
                }
                valid_k++;
            }
        }
    }
    if (arm_bad_type) { /* no confirmed hit without outcome came along: write it unlinked */
        out_reserve(&oo, 512);
        put_c(&oo, 'O');
        put_uw(&oo, ++out_no, 7);
        put_s(&oo, ",,");
        put_m(&oo, tsb, (size_t)fmt_iso(tsb, per_end_utc, 0, 0));
        put_s(&oo, ",vehicle_towed,");
        put_s(&oo, nbn[0]);
        put_c(&oo, '\n');
        s_out_bad++;
    }
    out_close(&orr);
    out_close(&oh);
    out_close(&oo);
    if (slot != N || valid_k != n_valid) die("internal: slot accounting");

    /* ---- cameras.csv ---- */
    {
        FILE *f = xfopen(dir, "cameras.csv");
        fputs("camera_id,lat,lon,neighborhood,kind,installed,removed\n", f);
        for (int c = 0; c < C; c++) {
            const Cam *q = &cam[c];
            char di[16], dr[16] = "";
            fmt_date(di, q->inst_day);
            if (q->rem_day != INT64_MAX) fmt_date(dr, q->rem_day);
            if (q->mobile) {
                fprintf(f, "%s,,,,mobile,%s,%s\n", q->id, di, dr);
            } else {
                fmt_micro(lat_s, q->lat_u);
                fmt_micro(lon_s, q->lon_u);
                fprintf(f, "%s,%s,%s,%s,fixed,%s,%s\n", q->id, lat_s, lon_s, nbn[q->nb], di, dr);
            }
        }
        xfclose(f, "cameras.csv");
    }

    /* ---- neighborhoods.csv (attribute table for exposure metrics) ---- */
    {
        FILE *f = xfopen(dir, "neighborhoods.csv");
        fputs("neighborhood,population,area_km2,daily_vmt,pop_black,pop_white,pop_hispanic,pop_asian,pop_other\n", f);
        for (int k = 0; k < K; k++) {
            long pop;
            int sh[5];
            if (k < 8) {
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
            int area10 = 40 + (int)gsl_rng_uniform_int(rs, 160); /* tenths of km2 */
            long vmt = pop * (8 + (long)gsl_rng_uniform_int(rs, 12)) + (k == 4 ? 300000L : 0);
            fprintf(f, "%s,%ld,%d.%d,%ld,%ld,%ld,%ld,%ld,%ld\n", nbn[k], pop, area10 / 10, area10 % 10, vmt, grp[0],
                    grp[1], grp[2], grp[3], grp[4]);
        }
        xfclose(f, "neighborhoods.csv");
    }

    /* ---- realized vehicle statistics and a reference cluster_plate interval ---- */
    uint64_t n_veh_seen = 0, n_veh_once = 0, n_hot_seen = 0, max_reads = 0, veh_ge100 = 0;
    for (uint64_t v = 0; v < V; v++) {
        if (!vreads[v]) continue;
        n_veh_seen++;
        n_veh_once += vreads[v] == 1;
        n_hot_seen += vhot[v] >= 0;
        veh_ge100 += vreads[v] >= 100;
        if (vreads[v] > max_reads) max_reads = vreads[v];
    }
    double R = (double)n_valid, cl_hit[2] = {0, 0}, cl_conf[2] = {0, 0};
    if (n_valid > 0 && n_veh_seen > 1) {
        double p = (double)s_hits_in / R, pc = (double)s_hits_conf / R, ss = 0, ssc = 0;
        for (uint64_t v = 0; v < V; v++) {
            if (!vreads[v]) continue;
            double e = vhits[v] - p * vreads[v], ec = vconf[v] - pc * vreads[v];
            ss += e * e;
            ssc += ec * ec;
        }
        double cc = (double)n_veh_seen / (double)(n_veh_seen - 1);
        double se = sqrt(cc * ss / (R * R)), sec = sqrt(cc * ssc / (R * R));
        cl_hit[0] = fmax(0.0, p - Z95 * se);
        cl_hit[1] = fmin(1.0, p + Z95 * se);
        cl_conf[0] = fmax(0.0, pc - Z95 * sec) * 1e6;
        cl_conf[1] = (pc + Z95 * sec) * 1e6;
    }

    /* ---- planted.ini ---- */
    {
        FILE *f = xfopen(dir, "planted.ini");
        Ini p = {f};
        char buf[512];
        fprintf(f, "# Planted parameters and true values for the Sample City data written by gen-city.\n"
                   "# Counts are exact (counted while writing); *_true values are the model's parameters or\n"
                   "# functions of them; *_realized values are what the written data contain.\n"
                   "[planted]\n");
        ini_i(&p, "seed", (long long)a->seed, "--seed: every mt19937 stream is seeded from it");
        ini_i(&p, "year", a->year, "--year: the study period is local Jan 1 .. Dec 31 of this year");
        ini_s(&p, "timezone", "America/Chicago", "time zone of the period and of local times in hits.csv");
        ini_i(&p, "reads_requested", (long long)N, "--reads: records written to the read log (= reads_total)");
        ini_i(&p, "vehicles", (long long)V, "--vehicles: size of the vehicle pool (default reads/6)");
        ini_i(&p, "cameras", C, "--cameras");
        ini_i(&p, "cameras_fixed", n_fixed, "cameras - cameras/4, ids CAM-F..");
        ini_i(&p, "cameras_mobile", n_mobile, "cameras/4, ids CAM-M..; mobile reads carry lat/lon and neighborhood");
        ini_i(&p, "neighborhoods", K, "--neighborhoods");
        ini_i(&p, "defects_enabled", a->defects, "0 with --no-defects");
        fputs("\n", f);
        ini_i(&p, "reads_total", (long long)N, "data records written to reads.csv(.gz), header excluded");
        ini_i(&p, "reads_in_period_expected", (long long)n_valid,
              "valid records whose local date is in the period: the accepted count a correct tool reports");
        ini_i(&p, "reads_out_of_period", (long long)(n_cls[CLS_BEFORE] + n_cls[CLS_AFTER]),
              "valid records on the local days just before/after the period (reads_total = in_period + "
              "out_of_period + rejected)");
        ini_i(&p, "reads_out_of_period_before", (long long)n_cls[CLS_BEFORE], "local dates before Jan 1");
        ini_i(&p, "reads_out_of_period_after", (long long)n_cls[CLS_AFTER], "local dates after Dec 31");
        ini_i(&p, "reads_out_of_period_utc_trap", (long long)s_reads_utc_trap,
              "out-of-period reads on local Dec 31 evening whose UTC date is already Jan 1 of the year");
        ini_i(&p, "reads_in_period_utc_after_end", (long long)s_reads_utc_trap_in,
              "in-period reads on local Dec 31 evening whose UTC date is Jan 1 of the next year");
        ini_i(&p, "reads_rejected_expected", n_def_reads, "sum of defects_reads_*");
        ini_i(&p, "defects_reads_bad_timestamp", def_counts[DEF_BAD_TS], "timestamp written as YYYY-13-45T99:00:00Z");
        ini_i(&p, "defects_reads_empty_plate", def_counts[DEF_EMPTY_PLATE], "plate field empty");
        ini_i(&p, "defects_reads_field_count", def_counts[DEF_SHORT_ROW] + def_counts[DEF_LONG_ROW],
              "rows with 8 fields (confidence dropped) or 10 fields (',extra' appended)");
        ini_i(&p, "reads_mobile", (long long)s_mobile_reads, "accepted in-period reads by mobile units");
        ini_i(&p, "reads_confidence_na", (long long)s_conf_na, "accepted in-period reads with confidence NA");
        ini_i(&p, "reads_plate_noncanonical", (long long)s_noncanon_plate,
              "accepted in-period reads whose plate is written with a dash, a space or in lower case");
        ini_i(&p, "reads_no_state", (long long)s_empty_state, "accepted in-period reads with empty plate_state");
        ini_i(&p, "distinct_vehicles_in_period", (long long)n_veh_seen,
              "distinct (normalised plate, state) among accepted in-period reads = distinct_plates at all");
        ini_i(&p, "vehicles_seen_once", (long long)n_veh_once,
              "vehicles with exactly one accepted in-period read (numerator of plates_seen_once_share)");
        ini_i(&p, "vehicles_100_plus_reads", (long long)veh_ge100, "vehicles with >= 100 in-period reads");
        ini_i(&p, "max_reads_one_vehicle", (long long)max_reads, "largest in-period read count of one vehicle");
        fputs("\n", f);
        ini_d(&p, "q_hot", Q_HOT, "probability a vehicle is on a hotlist (independent of its read count)");
        ini_d(&p, "lambda_hot", LAMBDA_HOT, "per-read hit probability for a hotlisted vehicle");
        ini_d(&p, "lambda_cold", LAMBDA_COLD, "per-read hit probability for any other vehicle");
        ini_d(&p, "hit_rate_true", Q_HOT * LAMBDA_HOT + (1 - Q_HOT) * LAMBDA_COLD,
              "q_hot*lambda_hot + (1-q_hot)*lambda_cold: expected hits per read");
        for (int c = 0; c < CAT_N; c++) {
            snprintf(buf, sizeof buf, "p_hotlist_%s", CAT_NAMES[c]);
            ini_d(&p, buf, CAT_P[c], "hotlist category probability (of a hot vehicle, and of a cold hit)");
        }
        for (int d = 0; d < DISP_N; d++) {
            snprintf(buf, sizeof buf, "p_disposition_%s", DISP_NAMES[d]);
            ini_d(&p, buf, DISP_P[d], "disposition probability, IID per hit");
        }
        double fp = DISP_P[1] + DISP_P[2] + DISP_P[3];
        ini_d(&p, "fp_share_true", fp / (1 - DISP_P[D_UNVERIFIED]),
              "P(misread|wrong_state|stale_entry) / (1 - P(unverified)): the false_positive_rate at all");
        ini_d(&p, "p_no_read_id", P_NO_READ_ID,
              "share of hits written without read_id (local time with offset + camera + plate respelled)");
        ini_d(&p, "p_outcome", P_OUTCOME, "probability a confirmed hit gets >= 1 outcome");
        ini_d(&p, "p_second_outcome", P_SECOND_OUTCOME, "given one outcome, probability of a second");
        ini_d(&p, "outcome_yield_true", DISP_P[D_CONFIRMED] * P_OUTCOME,
              "p_disposition_confirmed * p_outcome: expected share of hits with >= 1 outcome");
        ini_d(&p, "confirmed_per_million_true", (Q_HOT * LAMBDA_HOT + (1 - Q_HOT) * LAMBDA_COLD) * DISP_P[0] * 1e6,
              "hit_rate_true * p_disposition_confirmed * 1e6");
        fputs("\n", f);
        ini_i(&p, "hits_written", (long long)hit_no, "data records in hits.csv");
        ini_i(&p, "hits_in_period_expected", (long long)s_hits_in,
              "hits on accepted in-period reads: the accepted hit count a correct tool reports");
        ini_i(&p, "hits_without_read_id", (long long)s_hits_noid,
              "of hits_in_period_expected, those that must be linked by plate + camera + instant");
        ini_i(&p, "hits_linked_out_of_period", (long long)s_hits_oop,
              "hits on out-of-period reads (2 on local Dec 31 evening = UTC Jan 1, one of them without "
              "read_id; 1 after the period): in no figure");
        ini_i(&p, "hits_rejected_expected", (long long)s_hits_bad, "sum of defects_hits_*");
        ini_i(&p, "defects_hits_unknown_read_id", a->defects && n_valid ? 2 : 0, "read_id R9999998x / R9999999x");
        ini_i(&p, "defects_hits_unknown_hotlist", a->defects && n_valid ? 1 : 0,
              "hotlist stolen_bicycle (linked to a valid read)");
        ini_i(&p, "hot_vehicles", (long long)n_hot_vehicles, "vehicles in the pool on a hotlist");
        ini_i(&p, "hot_vehicles_seen", (long long)n_hot_seen, "hotlisted vehicles with >= 1 in-period read");
        ini_d(&p, "hit_rate_realized", n_valid ? (double)s_hits_in / R : 0.0,
              "hits_in_period_expected / reads_in_period_expected: hit_rate at all");
        ini_d(&p, "hit_rate_cluster_low_check", cl_hit[0],
              "reference cluster_plate 95% interval of hit_rate_realized (z = 1.959963984540054)");
        ini_d(&p, "hit_rate_cluster_high_check", cl_hit[1], "upper end of the same interval");
        ini_i(&p, "hits_confirmed", (long long)s_hits_conf, "in-period hits with disposition confirmed");
        ini_d(&p, "confirmed_per_million_realized", n_valid ? (double)s_hits_conf / R * 1e6 : 0.0,
              "hits_confirmed / reads_in_period_expected * 1e6");
        ini_d(&p, "confirmed_per_million_cluster_low_check", cl_conf[0], "reference cluster_plate 95% interval");
        ini_d(&p, "confirmed_per_million_cluster_high_check", cl_conf[1], "upper end of the same interval");
        for (int c = 0; c < CAT_N; c++) {
            snprintf(buf, sizeof buf, "hits_hotlist_%s", CAT_NAMES[c]);
            ini_i(&p, buf, (long long)s_hits_cat[c], "in-period hits of this hotlist");
        }
        for (int d = 0; d < DISP_N; d++) {
            snprintf(buf, sizeof buf, "hits_disposition_%s", DISP_NAMES[d]);
            ini_i(&p, buf, (long long)s_hits_disp[d], "in-period hits with this disposition");
        }
        uint64_t fpn = s_hits_disp[1] + s_hits_disp[2] + s_hits_disp[3], known = s_hits_in - s_hits_disp[D_UNVERIFIED];
        ini_d(&p, "fp_share_realized", known ? (double)fpn / (double)known : 0.0,
              "(misread+wrong_state+stale_entry) / (hits - unverified) among in-period hits");
        fputs("\n", f);
        ini_i(&p, "outcomes_written", (long long)out_no, "data records in outcomes.csv");
        ini_i(&p, "outcomes_linked", (long long)s_out_linked, "valid outcomes of in-period confirmed hits");
        ini_i(&p, "outcomes_unlinked", (long long)s_out_unlinked, "valid outcomes with empty hit_id (they count)");
        ini_i(&p, "outcomes_accepted_expected", (long long)(s_out_linked + s_out_unlinked),
              "all valid outcomes; every timestamp is inside the period (clamped to its last second)");
        ini_i(&p, "defects_outcomes_unknown_type", (long long)s_out_bad,
              "type vehicle_towed, on a confirmed hit that has no valid outcome");
        for (int o = 0; o < OT_N; o++) {
            snprintf(buf, sizeof buf, "outcomes_%s", OT_NAMES[o]);
            ini_i(&p, buf, (long long)s_out_type[o], "accepted outcomes of this type (linked + unlinked)");
        }
        ini_i(&p, "hits_with_outcome", (long long)s_hit_with_out, "in-period hits with >= 1 valid outcome");
        ini_d(&p, "outcome_yield_realized", s_hits_in ? (double)s_hit_with_out / (double)s_hits_in : 0.0,
              "hits_with_outcome / hits_in_period_expected: outcome_yield at all");
        xfclose(f, "planted.ini");
    }

    gsl_ran_discrete_free(hour_tab);
    gsl_ran_discrete_free(veh_tab);
    gsl_ran_discrete_free(cam_tab);
    gsl_ran_discrete_free(fix_tab);
    gsl_ran_discrete_free(nb_ftab);
    gsl_ran_discrete_free(nb_ptab);
    gsl_ran_discrete_free(st_tab);
    gsl_ran_discrete_free(cat_tab);
    gsl_ran_discrete_free(disp_tab);
    gsl_ran_discrete_free(var_tab);
    for (int i = 0; i < 3; i++) gsl_ran_discrete_free(ot_tab[i]);
    free(nbn), free(nb_lat), free(nb_lon), free(nb_fw), free(nb_pw), free(dayw), free(cam), free(mob);
    free(camw), free(fixw), free(pcode), free(vlast), free(vreads), free(vhits), free(vconf), free(vstate);
    free(vhot), free(vroute), free(hw), free(hday), free(hlh), free(hoff), free(hcount);
    gsl_rng_free(rs), gsl_rng_free(rt), gsl_rng_free(rr), gsl_rng_free(rh), gsl_rng_free(rd);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Other agency: a vendor-shaped export for March, naive America/New_York time                 */
/* ------------------------------------------------------------------------------------------ */

typedef struct {
    int64_t local;     /* naive local seconds */
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
static const char *const OA_UNIT_ID[OA_UNITS] = {"LPR-01", "LPR-02", "LPR-03",   "LPR-04",  "LPR-05",
                                                 "LPR-06", "PATROL 7", "PATROL 8", "PATROL 9"};
static const char *const OA_SITE[OA_FIXED] = {"Downtown", "Harbor View", "Mill District",
                                              "North End", "West Side",  "Downtown"};
static const char *const OA_LOC[OA_FIXED] = {"\"Main St; northbound\"", "Harbor Blvd at Pier 4", "Mill Rd",
                                             "\"North Ave; eastbound\"", "Route 9 at Elm", "Court St"};
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
        {dst_day, 1, 30, 0, 0},   {dst_day, 1, 59, 59, 0},  {dst_day, 3, 0, 0, 0},  {dst_day, 3, 0, 1, 0},
        {dst_day, 3, 45, 10, 0},  {dst_day, 2, 30, 0, 2},   {p_first - 1, 21, 10, 5, 1},
        {p_first - 1, 22, 47, 30, 1}, {p_first - 1, 23, 59, 59, 1}, {p_last + 1, 0, 0, 0, 1},
        {p_last + 1, 0, 15, 42, 1}, {p_last + 1, 7, 30, 0, 1}, {p_first, 0, 0, 0, 0}, {p_last, 23, 59, 59, 0},
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
        fprintf(f, "A-%04d;%d;%s;%s;%s;%s;%s%s;%s\n", 9001 + j, rid[i], ts, OA_UNIT_ID[rd[i].unit], pl,
                OA_HOTLIST[hl], OA_DISP[dp], j % 11 == 4 ? " " : "", notes);
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
    fprintf(f, "# records whose local date is %04d-03-01..%04d-03-31 (America/New_York)\nreads_accepted = %d\n", Y,
            Y, n_in);
    fprintf(f, "# 3 on Feb 28 evening, 3 on Apr 1\nreads_out_of_period = %d\n", n_oop);
    fprintf(f, "# the one naive local time inside the spring-forward gap\nreads_rejected = %d\n", n_gap);
    fprintf(f, "# the rejected record: read id, physical line, column, value\nreject_read_id = %d\n", gap_id);
    fprintf(f, "reject_line = %d\nreject_column = Date Time\n", gap_line);
    {
        char ts[32];
        oa_fmt_local(ts, dst_day * 86400 + 2 * 3600 + 30 * 60);
        fprintf(f, "reject_value = %s\n", ts);
    }
    fprintf(f, "# the record whose Location field spans two physical lines starts on this line\n"
               "multiline_record_line = %d\nphysical_lines_reads = %d\n", multiline_line, line);
    fprintf(f, "reads_mobile = %d\n", n_mobile);
    {
        int nd = 0, n1 = 0;
        for (int v = 0; v < NVEH; v++) {
            nd += vseen[v] > 0;
            n1 += vseen[v] == 1;
        }
        fprintf(f, "# distinct (normalised plate, state) among accepted reads; a missing state is one vehicle\n"
                   "distinct_plates = %d\nplates_seen_once = %d\n", nd, n1);
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

static void usage(FILE *f) {
    fputs("usage: gen-city --out DIR [--reads N (150000)] [--vehicles V (N/6)] [--cameras C (20)]\n"
          "                [--neighborhoods K (8)] [--seed S (20251231)] [--year Y (2025)]\n"
          "                [--no-defects] [--plain]\n"
          "       gen-city --format other-agency --out DIR [--seed S] [--year Y]\n",
          f);
}

static uint64_t parse_u(const char *opt, const char *s, uint64_t lo, uint64_t hi) {
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-') die("%s needs a non-negative integer", opt);
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        die("%s: '%s' is not an integer in %" PRIu64 "..%" PRIu64, opt, s, lo, hi);
    return (uint64_t)v;
}

int main(int argc, char **argv) {
    Args a = {150000, 0, 20, 8, 2025, 1, 0, 20251231ULL, 0};
    const char *out = NULL, *format = "city";
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "--out") && val) out = argv[++i];
        else if (!strcmp(o, "--reads")) a.reads = parse_u(o, val, 1, 4000000000ULL), i++;
        else if (!strcmp(o, "--vehicles")) a.vehicles = parse_u(o, val, 1, 100000000ULL), a.vehicles_set = 1, i++;
        else if (!strcmp(o, "--cameras")) a.cameras = (int)parse_u(o, val, 2, 60000), i++;
        else if (!strcmp(o, "--neighborhoods")) a.neighborhoods = (int)parse_u(o, val, 1, 250), i++;
        else if (!strcmp(o, "--seed")) a.seed = parse_u(o, val, 0, UINT64_MAX), i++;
        else if (!strcmp(o, "--year")) a.year = (int)parse_u(o, val, 2008, 2099), i++;
        else if (!strcmp(o, "--format") && val) format = argv[++i];
        else if (!strcmp(o, "--no-defects")) a.defects = 0;
        else if (!strcmp(o, "--plain")) a.plain = 1;
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
    die("unknown --format '%s' (city | other-agency)", format);
    return 2;
}
