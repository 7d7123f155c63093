/*
 * gen_crime.c - seeded generator of a crime panel's inputs with a planted camera effect, for
 * alpr-eval's crime-effect analysis (METRICS.md "Crime effect").
 *
 * Two modes:
 *   gen-crime --out DIR [--seed S] [--areas N] [--treated N] [--cohorts N] [--start DATE]
 *             [--end DATE] [--ratio R] [--types LIST] [--level L] [--area-sd SD]
 *             [--dispersion K] [--ar-rho RHO] [--ar-sd SD] [--null] [--gzip]
 *       N areas laid on a grid (names BEAT-01...), T of them treated in C staggered cohorts, the
 *       first cohort two years after the window's start and the last at least a year before
 *       its end; the others never treated.
 *   gen-crime --sample DIR [--seed S] [--ratio R] [--level L] [--gzip] ...
 *       The sample city: reads DIR/cameras.csv, lays a grid of 8 x 5 beats over the fixed
 *       cameras' bounding box, and treats a beat from its first camera's `installed` date. Window
 *       2021-01-01 .. 2025-12-31. Writes the no-effect variant incidents_null too.
 *
 * Files: incidents.csv (or .csv.gz) in the shape of Seattle's SPD Crime Data export, one row per
 * offence; treatment.csv (`neighborhood,start,end`, one row per camera / installation, so an
 * area may have several rows: it is treated from the earliest); planted_crime.ini (the truth).
 * With --null (always in --sample mode) also incidents_null.csv: the same city with ratio 1.
 *
 * Data-generating process (per area i, calendar month t, offence type k):
 *   y_ikt ~ Poisson(level * a_i * s_k * exp(g_kt + e_t) * G_it * exp(u_it) * R^{D_it})
 *   a_i   area size, log-normal (sd --area-sd, mean 1), floored at 0.05: some areas are small;
 *   s_k   the type's share (the same in every area, so the all-types panel keeps the two-way
 *         form and `all` has the same true ratio R as each type);
 *   g_kt  the type's seasonality (its own amplitude and peak month) plus a shared trend of
 *         -3 % a year; e_t ~ N(0, 0.05^2) a city-wide shock per month, shared by all areas;
 *   G_it  overdispersion: gamma(shape K, mean 1) per area-month (default K = 20, CV 0.22);
 *   u_it  a mild area-specific AR(1) drift, rho 0.5, innovation sd 0.04 (stationary sd 0.046);
 *   D_it  1 from the first day of the month holding the area's treatment start: the effect
 *         covers the whole first treated month, so a monthly panel's true ratio is exactly R.
 * An incident's day is uniform in its month, its hour follows a daily rhythm; one in eight has a
 * second offence row (and some a third) with the same Report Number: the first row of a report
 * is its primary offence, the type counted. About 1 % of incidents have 0,0 coordinates and 0.5 %
 * a withheld area (MCPP `UNKNOWN`, address `REDACTED`); those drop out of every area's count
 * independently of area and month, so they do not bias the ratio.
 *
 * Build: make build/gen-crime. Determinism: GSL's mt19937 streams seeded from --seed; the
 * same arguments on the same machine give byte-identical files (the Poisson means go through
 * libm's exp, so another libm could in principle round one mean differently).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <zlib.h>

#define P_SECOND_ROW 0.12  /* share of incidents with a second offence row */
#define P_THIRD_ROW 0.30   /* given a second, share with a third */
#define P_ZERO_COORD 0.01  /* incidents written at 0,0 */
#define P_NO_AREA 0.005    /* incidents with a withheld area (MCPP UNKNOWN) */
#define P_END_TIME 0.30    /* incidents with an Offense End DateTime */
#define AREA_FLOOR 0.05    /* smallest area size a_i */
#define TREND_YEAR (-0.03) /* shared trend, log rate per year */
#define SHOCK_SD 0.05      /* shared month shock */

/* known types: study name, Seattle parent group, offence, code, crime against, seasonal
   amplitude, peak month, share of incidents */
typedef struct {
    const char *name, *parent, *offense, *code, *against;
    double amp;
    int peak;
    double share;
} TypeDef;
static const TypeDef KNOWN[] = {
    {"burglary", "BURGLARY/BREAKING&ENTERING", "Burglary/Breaking & Entering", "220", "PROPERTY", 0.10, 12, 0.30},
    {"robbery", "ROBBERY", "Robbery", "120", "PROPERTY", 0.08, 11, 0.12},
    {"vehicle_theft", "MOTOR VEHICLE THEFT", "Motor Vehicle Theft", "240", "PROPERTY", 0.12, 10, 0.28},
    {"assault", "ASSAULT OFFENSES", "Aggravated Assault", "13A", "PERSON", 0.18, 7, 0.30},
    {"theft", "LARCENY-THEFT", "All Other Larceny", "23H", "PROPERTY", 0.10, 8, 0.40},
    {"vandalism", "DESTRUCTION/DAMAGE/VANDALISM OF PROPERTY", "Destruction/Damage/Vandalism of Property", "290", "PROPERTY",
     0.08, 6, 0.20},
};
#define N_KNOWN ((int)(sizeof KNOWN / sizeof KNOWN[0]))
/* offences written as second and third rows of a report (never the counted one) */
static const TypeDef SECONDARY[] = {
    {"", "LARCENY-THEFT", "Theft From Motor Vehicle", "23F", "PROPERTY", 0, 0, 0},
    {"", "DESTRUCTION/DAMAGE/VANDALISM OF PROPERTY", "Destruction/Damage/Vandalism of Property", "290", "PROPERTY", 0, 0, 0},
    {"", "ASSAULT OFFENSES", "Simple Assault", "13B", "PERSON", 0, 0, 0},
    {"", "DRUG/NARCOTIC OFFENSES", "Drug/Narcotic Violations", "35A", "SOCIETY", 0, 0, 0},
    {"", "TRESPASS OF REAL PROPERTY", "Trespass of Real Property", "90J", "SOCIETY", 0, 0, 0},
};
#define N_SECONDARY ((int)(sizeof SECONDARY / sizeof SECONDARY[0]))

/* relative frequency of an offence's start hour (local) */
static const double HOUR_W[24] = {7, 5, 4, 3, 2, 2, 2, 3, 4, 5, 5, 6, 7, 6, 6, 6, 7, 8, 8, 8, 8, 8, 8, 7};

enum { MAX_TYPES = 12, MAX_AREAS = 2000, MAX_CAMS = 500 };

typedef struct {
    char name[32];
    int lat0, lon0, dlat, dlon; /* box in micro-degrees: lat0..lat0+dlat */
    double a;                   /* size */
    int has;                    /* has a treatment start */
    int first;                  /* first treated month index (negative: before the window) */
    char start[40];             /* treatment start date, "" if never */
} Area;

typedef struct {
    int64_t t;    /* local naive seconds since 1970-01-01 */
    int32_t area; /* -1: withheld */
    int16_t type;
    uint8_t zero_coord, rows;
    int32_t lat, lon;
} Inc;

typedef struct {
    uint64_t seed;
    const char *out, *sample;
    int areas, treated, cohorts, null_too, gz;
    int sy, sm, sd, ey, em, ed; /* window dates */
    double ratio, level, area_sd, disp, ar_rho, ar_sd;
    int ntypes;
    const TypeDef *types[MAX_TYPES];
} Opt;

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("gen-crime: ", stderr);
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

static gsl_rng *make_rng(uint64_t seed, uint64_t stream) {
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r) die("out of memory");
    unsigned long s = (unsigned long)(splitmix64(seed * 0x100000001B3ULL + stream) & 0xffffffffUL);
    gsl_rng_set(r, s ? s : 1);
    return r;
}

/* ---------------------------------------------------------------------------------------- */
/* calendar (proleptic Gregorian, days since 1970-01-01)                                    */
/* ---------------------------------------------------------------------------------------- */

static int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m) {
    static const int D[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return D[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

static int parse_date(const char *s, int *y, int *m, int *d) {
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", y, m, d, &tail) != 3) return 0;
    return *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

/* US rule: the local hour 02:00-02:59 on the second Sunday of March does not exist */
static int in_dst_gap(int64_t t) {
    int y, m, d;
    civil_from_days(t / 86400, &y, &m, &d);
    if (m != 3) return 0;
    int64_t first = days_from_civil(y, 3, 1);
    int dow = (int)((first + 4) % 7); /* 1970-01-01 was a Thursday; 0 = Sunday */
    int second_sunday = 1 + (7 - dow) % 7 + 7;
    return d == second_sunday && (t % 86400) / 3600 == 2;
}

/* the real export's form: 03/07/2024 02:15:09 PM */
static void fmt_time(char *b, size_t cap, int64_t t) {
    int y, m, d;
    civil_from_days(t / 86400, &y, &m, &d);
    int s = (int)(t % 86400), h = s / 3600, h12 = h % 12 ? h % 12 : 12;
    snprintf(b, cap, "%02d/%02d/%04d %02d:%02d:%02d %s", m, d, y, h12, s / 60 % 60, s % 60, h < 12 ? "AM" : "PM");
}

/* ---------------------------------------------------------------------------------------- */
/* output                                                                                   */
/* ---------------------------------------------------------------------------------------- */

typedef struct {
    FILE *fp;
    gzFile gz;
    char path[4200];
} Out;

static void out_open(Out *o, const char *dir, const char *name, int gz) {
    memset(o, 0, sizeof *o);
    int n = snprintf(o->path, sizeof o->path, "%s/%s%s", dir, name, gz ? ".gz" : "");
    if (n < 0 || (size_t)n >= sizeof o->path) die("path too long");
    if (gz) {
        o->gz = gzopen(o->path, "wb6");
        if (!o->gz) die("cannot write %s", o->path);
    } else if (!(o->fp = fopen(o->path, "wb"))) {
        die("cannot write %s: %s", o->path, strerror(errno));
    }
}

static void out_printf(Out *o, const char *fmt, ...) {
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf) die("row too long");
    if (o->gz ? gzwrite(o->gz, buf, (unsigned)n) != n : fwrite(buf, 1, (size_t)n, o->fp) != (size_t)n)
        die("write error on %s", o->path);
}

static void out_close(Out *o) {
    if (o->gz ? gzclose(o->gz) != Z_OK : (ferror(o->fp) || fclose(o->fp) != 0)) die("write error on %s", o->path);
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

/* ---------------------------------------------------------------------------------------- */
/* the city: areas, treatment                                                               */
/* ---------------------------------------------------------------------------------------- */

typedef struct {
    int n, nmonths;
    Area *a;
    int ncam;
    struct {
        char id[32], installed[40], removed[40];
        int area;
    } cam[MAX_CAMS]; /* treatment rows (one per camera / installation) */
} City;

static int month_index(const Opt *o, int y, int m) { return (y - o->sy) * 12 + (m - o->sm); }

static void set_start(const Opt *o, Area *a, int y, int m, int d) {
    snprintf(a->start, sizeof a->start, "%04d-%02d-%02d", y, m, d);
    a->first = month_index(o, y, m);
    a->has = 1;
}

/* N areas on a square grid of 0.01 x 0.013 degree cells around Seattle's centre */
static void city_generic(const Opt *o, City *c, gsl_rng *r) {
    int cols = (int)ceil(sqrt((double)o->areas));
    c->n = o->areas;
    c->a = xcalloc((size_t)c->n, sizeof *c->a);
    for (int i = 0; i < c->n; i++) {
        Area *a = &c->a[i];
        snprintf(a->name, sizeof a->name, "BEAT-%02d", i + 1);
        a->dlat = 10000;
        a->dlon = 13000;
        a->lat0 = 47560000 + (i / cols) * a->dlat;
        a->lon0 = -122400000 + (i % cols) * a->dlon;
    }
    /* treated areas: a random subset, dealt to the cohorts in turn */
    int *idx = xcalloc((size_t)c->n, sizeof *idx);
    for (int i = 0; i < c->n; i++) idx[i] = i;
    gsl_ran_shuffle(r, idx, (size_t)c->n, sizeof *idx);
    int lo = 24, hi = c->nmonths - 12;
    if (hi < lo) die("the window needs at least 36 months for two pre years and one post year");
    for (int k = 0; k < o->treated; k++) {
        int coh = k % o->cohorts;
        int mi = o->cohorts == 1 ? lo : lo + (int)((long)coh * (hi - lo) / (o->cohorts - 1));
        int y = o->sy + (o->sm - 1 + mi) / 12, m = (o->sm - 1 + mi) % 12 + 1;
        int d = 1 + (int)gsl_rng_uniform_int(r, (unsigned long)days_in_month(y, m));
        Area *a = &c->a[idx[k]];
        set_start(o, a, y, m, d);
        if (c->ncam >= MAX_CAMS) die("too many treated areas");
        snprintf(c->cam[c->ncam].installed, 40, "%s", a->start);
        c->cam[c->ncam++].area = idx[k];
        /* one in four treated areas gets a second camera 3-9 months later: another row */
        if (gsl_rng_uniform(r) < 0.25 && c->ncam < MAX_CAMS) {
            int64_t z = days_from_civil(y, m, d) + 90 + (int64_t)gsl_rng_uniform_int(r, 180);
            int y2, m2, d2;
            civil_from_days(z, &y2, &m2, &d2);
            snprintf(c->cam[c->ncam].installed, 40, "%04d-%02d-%02d", y2, m2, d2);
            c->cam[c->ncam++].area = idx[k];
        }
    }
    free(idx);
}

static int split_csv(char *line, char **f, int max) {
    int n = 0;
    line[strcspn(line, "\r\n")] = 0;
    for (char *p = line; n < max;) {
        f[n++] = p;
        char *q = strchr(p, ',');
        if (!q) break;
        *q = 0;
        p = q + 1;
    }
    return n;
}

/* the sample city: 8 x 5 beats over the fixed cameras' bounding box (mobile units, which have no
   position, treat no beat) */
static void city_sample(const Opt *o, City *c) {
    char path[4200], line[1024];
    snprintf(path, sizeof path, "%s/cameras.csv", o->sample);
    FILE *f = fopen(path, "r");
    if (!f) die("cannot read %s: %s", path, strerror(errno));
    if (!fgets(line, sizeof line, f)) die("%s: empty", path);
    char *h[16];
    int nh = split_csv(line, h, 16), ci = -1, clat = -1, clon = -1, cin = -1, crm = -1;
    for (int i = 0; i < nh; i++) {
        if (!strcmp(h[i], "camera_id")) ci = i;
        if (!strcmp(h[i], "lat")) clat = i;
        if (!strcmp(h[i], "lon")) clon = i;
        if (!strcmp(h[i], "installed")) cin = i;
        if (!strcmp(h[i], "removed")) crm = i;
    }
    if (ci < 0 || clat < 0 || clon < 0 || cin < 0) die("%s: needs camera_id, lat, lon, installed", path);
    static double lat[MAX_CAMS], lon[MAX_CAMS];
    double la0 = 1e9, la1 = -1e9, lo0 = 1e9, lo1 = -1e9;
    int lineno = 1;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *v[16];
        int nv = split_csv(line, v, 16);
        if (nv < nh) die("%s:%d: %d fields, header has %d", path, lineno, nv, nh);
        if (!*v[clat] || !*v[clon] || !*v[cin]) continue;
        if (c->ncam >= MAX_CAMS) die("%s: too many cameras", path);
        int y, m, d;
        if (!parse_date(v[cin], &y, &m, &d)) die("%s:%d: installed '%s' is not YYYY-MM-DD", path, lineno, v[cin]);
        snprintf(c->cam[c->ncam].id, 32, "%s", v[ci]);
        snprintf(c->cam[c->ncam].installed, 40, "%s", v[cin]);
        snprintf(c->cam[c->ncam].removed, 40, "%s", crm >= 0 ? v[crm] : "");
        lat[c->ncam] = atof(v[clat]);
        lon[c->ncam] = atof(v[clon]);
        la0 = fmin(la0, lat[c->ncam]), la1 = fmax(la1, lat[c->ncam]);
        lo0 = fmin(lo0, lon[c->ncam]), lo1 = fmax(lo1, lon[c->ncam]);
        c->ncam++;
    }
    fclose(f);
    if (c->ncam < 2) die("%s: fewer than two cameras with a position and an installed date", path);
    enum { COLS = 8, ROWS = 5 };
    /* pad the box by a tenth on each side, rounded to micro-degrees */
    int lat_lo = (int)floor((la0 - 0.1 * (la1 - la0)) * 1e6), lat_hi = (int)ceil((la1 + 0.1 * (la1 - la0)) * 1e6);
    int lon_lo = (int)floor((lo0 - 0.1 * (lo1 - lo0)) * 1e6), lon_hi = (int)ceil((lo1 + 0.1 * (lo1 - lo0)) * 1e6);
    int dlat = (lat_hi - lat_lo + ROWS - 1) / ROWS, dlon = (lon_hi - lon_lo + COLS - 1) / COLS;
    c->n = COLS * ROWS;
    c->a = xcalloc((size_t)c->n, sizeof *c->a);
    for (int i = 0; i < c->n; i++) {
        Area *a = &c->a[i];
        int row = i / COLS, col = i % COLS; /* row 0 is the north edge */
        snprintf(a->name, sizeof a->name, "BEAT-%02d", i + 1);
        a->dlat = dlat;
        a->dlon = dlon;
        a->lat0 = lat_lo + (ROWS - 1 - row) * dlat;
        a->lon0 = lon_lo + col * dlon;
    }
    for (int k = 0; k < c->ncam; k++) {
        int row = ROWS - 1 - (int)((lat[k] * 1e6 - lat_lo) / dlat), col = (int)((lon[k] * 1e6 - lon_lo) / dlon);
        row = row < 0 ? 0 : row >= ROWS ? ROWS - 1 : row;
        col = col < 0 ? 0 : col >= COLS ? COLS - 1 : col;
        int ai = row * COLS + col, y, m, d;
        c->cam[k].area = ai;
        parse_date(c->cam[k].installed, &y, &m, &d);
        Area *a = &c->a[ai];
        if (!a->has || strcmp(c->cam[k].installed, a->start) < 0) set_start(o, a, y, m, d);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* incidents                                                                                */
/* ---------------------------------------------------------------------------------------- */

typedef struct {
    Inc *v;
    size_t n, cap;
} Incs;

static void push(Incs *s, Inc x) {
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1 << 14;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v) die("out of memory");
    }
    s->v[s->n++] = x;
}

static int inc_cmp(const void *pa, const void *pb) {
    const Inc *a = pa, *b = pb;
    if (a->t != b->t) return a->t < b->t ? -1 : 1;
    if (a->area != b->area) return a->area < b->area ? -1 : 1;
    return a->type - b->type;
}

/* the expected counts' shared parts: area sizes, month effects, and the per area-month
   multipliers (gamma x AR(1) drift), the same for the effect and the no-effect variants */
typedef struct {
    double *mult; /* [area][month] */
    double *seas; /* [type][month] */
} Model;

static void model_make(const Opt *o, const City *c, Model *md, gsl_rng *r) {
    int T = c->nmonths;
    double tot = 0;
    for (int k = 0; k < o->ntypes; k++) tot += o->types[k]->share;
    for (int i = 0; i < c->n; i++) {
        double a = exp(o->area_sd * gsl_ran_ugaussian(r) - 0.5 * o->area_sd * o->area_sd);
        c->a[i].a = a < AREA_FLOOR ? AREA_FLOOR : a;
    }
    md->seas = xcalloc((size_t)(o->ntypes * T), sizeof(double));
    for (int t = 0; t < T; t++) {
        int m = (o->sm - 1 + t) % 12 + 1;
        double shock = SHOCK_SD * gsl_ran_ugaussian(r), trend = TREND_YEAR * t / 12.0;
        for (int k = 0; k < o->ntypes; k++) {
            const TypeDef *ty = o->types[k];
            md->seas[k * T + t] = ty->share / tot *
                                  exp(ty->amp * cos(2 * 3.14159265358979323846 * (m - ty->peak) / 12.0) + trend + shock);
        }
    }
    md->mult = xcalloc((size_t)(c->n * T), sizeof(double));
    double stat_sd = o->ar_sd / sqrt(1 - o->ar_rho * o->ar_rho);
    for (int i = 0; i < c->n; i++) {
        double u = stat_sd * gsl_ran_ugaussian(r);
        for (int t = 0; t < T; t++) {
            if (t) u = o->ar_rho * u + o->ar_sd * gsl_ran_ugaussian(r);
            double g = o->disp > 0 ? gsl_ran_gamma(r, o->disp, 1.0 / o->disp) : 1.0;
            md->mult[i * T + t] = g * exp(u);
        }
    }
}

static void draw_incidents(const Opt *o, const City *c, const Model *md, double ratio, gsl_rng *r,
                           gsl_ran_discrete_t *hours, Incs *out) {
    int T = c->nmonths;
    int64_t w0 = days_from_civil(o->sy, o->sm, o->sd), w1 = days_from_civil(o->ey, o->em, o->ed);
    for (int i = 0; i < c->n; i++) {
        const Area *a = &c->a[i];
        for (int t = 0; t < T; t++) {
            int y = o->sy + (o->sm - 1 + t) / 12, m = (o->sm - 1 + t) % 12 + 1;
            int64_t d0 = days_from_civil(y, m, 1), nd = days_in_month(y, m);
            int treated = a->has && t >= a->first;
            for (int k = 0; k < o->ntypes; k++) {
                double mu = o->level * a->a * md->seas[k * T + t] * md->mult[i * T + t] * (treated ? ratio : 1.0);
                unsigned n = gsl_ran_poisson(r, mu);
                for (unsigned j = 0; j < n; j++) {
                    Inc x = {0};
                    int64_t day = d0 + (int64_t)gsl_rng_uniform_int(r, (unsigned long)nd);
                    int hour = (int)gsl_ran_discrete(r, hours);
                    x.t = day * 86400 + hour * 3600 + (int64_t)gsl_rng_uniform_int(r, 3600);
                    if (in_dst_gap(x.t)) x.t += 3600;
                    x.area = gsl_rng_uniform(r) < P_NO_AREA ? -1 : i;
                    x.type = (int16_t)k;
                    x.zero_coord = gsl_rng_uniform(r) < P_ZERO_COORD;
                    x.rows = 1 + (gsl_rng_uniform(r) < P_SECOND_ROW);
                    if (x.rows == 2 && gsl_rng_uniform(r) < P_THIRD_ROW) x.rows = 3;
                    x.lat = a->lat0 + (int32_t)gsl_rng_uniform_int(r, (unsigned long)a->dlat);
                    x.lon = a->lon0 + (int32_t)gsl_rng_uniform_int(r, (unsigned long)a->dlon);
                    if (day >= w0 && day <= w1) push(out, x);
                }
            }
        }
    }
    qsort(out->v, out->n, sizeof *out->v, inc_cmp);
}

typedef struct {
    long incidents, rows, no_area, zero_coord;
} Tally;

static void precinct_of(const City *c, int ai, char *prec, char *sector, char *beat) {
    static const char *const P[] = {"N", "W", "E", "S", "SW"};
    snprintf(prec, 8, "%s", P[ai * 5 / c->n]);
    snprintf(sector, 8, "%c", 'A' + ai % 20 / 2 + (ai % 20 / 2 >= 8)); /* A..K without I */
    snprintf(beat, 8, "%s%d", sector, 1 + ai % 2 + 2 * (ai / 20 % 2));
}

static void write_incidents(const Opt *o, const City *c, const Incs *s, const char *name, gsl_rng *r, Tally *tl) {
    Out f;
    out_open(&f, o->out, name, o->gz);
    out_printf(&f, "Report Number,Offense ID,Offense Start DateTime,Offense End DateTime,Report DateTime,Group A B,"
                   "Crime Against Category,Offense Parent Group,Offense,Offense Code,Precinct,Sector,Beat,MCPP,"
                   "100 Block Address,Longitude,Latitude\n");
    static const char *const STREETS[] = {"MAIN ST", "PINE ST", "2ND AVE", "OAK AVE", "LAKE WAY", "HILL RD"};
    long seq = 0, offense_id = 10000000000L;
    int year = 0;
    memset(tl, 0, sizeof *tl);
    for (size_t j = 0; j < s->n; j++) {
        const Inc *x = &s->v[j];
        char start[32],
            end[32] = "", rep[32], prec[8] = "UNKNOWN", sector[8] = "", beat[8] = "", addr[48], lon[24], lat[24];
        int y, m, d;
        civil_from_days(x->t / 86400, &y, &m, &d);
        if (y != year) year = y, seq = 0; /* report numbers restart each year: 2023-000001 */
        seq++;
        fmt_time(start, sizeof start, x->t);
        if (gsl_rng_uniform(r) < P_END_TIME) {
            int64_t et = x->t + 600 + (int64_t)gsl_rng_uniform_int(r, 6 * 3600);
            if (in_dst_gap(et)) et += 3600;
            fmt_time(end, sizeof end, et);
        }
        int64_t rt = x->t + 900 + (int64_t)gsl_ran_exponential(r, 20 * 3600.0);
        if (in_dst_gap(rt)) rt += 3600;
        fmt_time(rep, sizeof rep, rt);
        const char *mcpp = "UNKNOWN";
        if (x->area >= 0) {
            precinct_of(c, x->area, prec, sector, beat);
            mcpp = c->a[x->area].name;
            snprintf(addr, sizeof addr, "%dXX BLOCK OF %s", 1 + (int)gsl_rng_uniform_int(r, 99),
                     STREETS[gsl_rng_uniform_int(r, 6)]);
        } else {
            snprintf(addr, sizeof addr, "REDACTED");
        }
        if (x->zero_coord || x->area < 0) {
            snprintf(lon, sizeof lon, "0.0");
            snprintf(lat, sizeof lat, "0.0");
        } else {
            snprintf(lon, sizeof lon, "-%d.%06d", -x->lon / 1000000, -x->lon % 1000000);
            snprintf(lat, sizeof lat, "%d.%06d", x->lat / 1000000, x->lat % 1000000);
        }
        for (int row = 0; row < x->rows; row++) {
            const TypeDef *ty = row == 0 ? o->types[x->type] : &SECONDARY[gsl_rng_uniform_int(r, N_SECONDARY)];
            out_printf(&f, "%04d-%06ld,%ld,%s,%s,%s,A,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", y, seq, offense_id++, start, end,
                       rep, ty->against, ty->parent, ty->offense, ty->code, prec, sector, beat, mcpp, addr, lon, lat);
        }
        tl->incidents++;
        tl->rows += x->rows;
        tl->no_area += x->area < 0;
        tl->zero_coord += x->zero_coord || x->area < 0;
    }
    out_close(&f);
}

static void write_treatment(const Opt *o, const City *c) {
    Out f;
    out_open(&f, o->out, "treatment.csv", 0);
    out_printf(&f, "neighborhood,start,end\n");
    for (int k = 0; k < c->ncam; k++)
        out_printf(&f, "%s,%s,%s\n", c->a[c->cam[k].area].name, c->cam[k].installed, c->cam[k].removed);
    out_close(&f);
}

static void write_planted(const Opt *o, const City *c, const Tally *te, const Tally *tn) {
    Out f;
    out_open(&f, o->out, "planted_crime.ini", 0);
    int ncoh = 0, firsts[MAX_AREAS], ntreat = 0, before = 0, after = 0;
    for (int i = 0; i < c->n; i++) {
        int fi = c->a[i].first;
        if (!c->a[i].has) continue;
        if (fi <= 0)
            before++;
        else if (fi >= c->nmonths)
            after++;
        else
            ntreat++;
        int seen = 0;
        for (int k = 0; k < ncoh; k++) seen |= firsts[k] == fi;
        if (!seen && fi > 0 && fi < c->nmonths) firsts[ncoh++] = fi;
    }
    const char *gz = o->gz ? ".gz" : "";
    out_printf(&f, "# gen-crime: the truth behind incidents.csv%s%s%s (the model: scripts/gen_crime.c).\n", gz,
               tn ? " and incidents_null.csv" : "", tn ? gz : "");
    out_printf(&f, "# Every type carries the same planted ratio, so the all-types ratio (every incident) is the\n"
                   "# same number. Periods are calendar months; a treated area's first treated month is the one\n"
                   "# holding its earliest treatment start, and the effect covers that whole month.\n");
    out_printf(&f, "[planted]\nseed = %" PRIu64 "\nmode = %s\n", o->seed, o->sample ? "sample" : "generic");
    out_printf(&f, "window_start = %04d-%02d-%02d\nwindow_end = %04d-%02d-%02d\nunit = month\nmonths = %d\n", o->sy, o->sm,
               o->sd, o->ey, o->em, o->ed, c->nmonths);
    out_printf(&f, "# areas written (every one has incidents unless tiny); treated = first treated month inside\n"
                   "# the window after its first month; never_treated = no treatment start at all\n");
    out_printf(&f, "areas = %d\ntreated = %d\nnever_treated = %d\n", c->n, ntreat, c->n - ntreat - before - after);
    out_printf(&f, "treated_before_window = %d\ntreated_after_window = %d\ncohorts = %d\n", before, after, ncoh);
    for (int i = 0; i < c->n; i++)
        if (c->a[i].has) out_printf(&f, "start_%s = %s\n", c->a[i].name, c->a[i].start);
    out_printf(&f, "types = ");
    for (int k = 0; k < o->ntypes; k++) out_printf(&f, "%s%s", k ? ", " : "", o->types[k]->name);
    out_printf(&f, "\n# the export's Offense Parent Group of each type (value.type.NAME in a study file)\n");
    for (int k = 0; k < o->ntypes; k++) out_printf(&f, "label_%s = %s\n", o->types[k]->name, o->types[k]->parent);
    out_printf(&f, "# the planted rate ratio (treated / untreated), incidents.csv\nratio_true_all = %.6g\n", o->ratio);
    for (int k = 0; k < o->ntypes; k++) out_printf(&f, "ratio_true_%s = %.6g\n", o->types[k]->name, o->ratio);
    if (tn) out_printf(&f, "# incidents_null: the same city with no effect\nratio_true_null = 1\n");
    out_printf(&f, "# model parameters\nlevel = %.6g\narea_sd = %.6g\ndispersion_shape = %.6g\n", o->level, o->area_sd,
               o->disp);
    out_printf(&f, "ar_rho = %.6g\nar_sd = %.6g\n", o->ar_rho, o->ar_sd);
    out_printf(&f, "# counts written: incidents (distinct report numbers), offence rows, incidents with a\n"
                   "# withheld area (MCPP UNKNOWN, not in any area's count), incidents at 0,0\n");
    out_printf(&f, "incidents = %ld\noffence_rows = %ld\nincidents_no_area = %ld\nincidents_zero_coord = %ld\n",
               te->incidents, te->rows, te->no_area, te->zero_coord);
    if (tn)
        out_printf(&f, "null_incidents = %ld\nnull_offence_rows = %ld\nnull_incidents_no_area = %ld\n", tn->incidents,
                   tn->rows, tn->no_area);
    out_close(&f);
}

/* ---------------------------------------------------------------------------------------- */
/* options                                                                                  */
/* ---------------------------------------------------------------------------------------- */

static void usage(void) {
    fputs("usage: gen-crime --out DIR [--seed S] [--areas N] [--treated N] [--cohorts N]\n"
          "                 [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--ratio R] [--types a,b,...]\n"
          "                 [--level L] [--area-sd SD] [--dispersion K] [--ar-rho RHO] [--ar-sd SD]\n"
          "                 [--null] [--gzip]\n"
          "       gen-crime --sample DIR [same options]   (the sample city, from DIR/cameras.csv)\n"
          "types: burglary, robbery, vehicle_theft, assault, theft, vandalism\n",
          stderr);
    exit(2);
}

static double num_arg(const char *flag, const char *v, double lo, double hi) {
    char *e;
    errno = 0;
    double x = strtod(v, &e);
    if (errno || *e || e == v || !(x >= lo && x <= hi)) die("%s: '%s' is not a number in [%g, %g]", flag, v, lo, hi);
    return x;
}

static void parse_types(Opt *o, const char *list) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s", list);
    o->ntypes = 0;
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        while (*tok == ' ') tok++;
        tok[strcspn(tok, " ")] = 0;
        int found = -1;
        for (int k = 0; k < N_KNOWN; k++)
            if (!strcmp(tok, KNOWN[k].name)) found = k;
        if (found < 0) die("--types: unknown type '%s'", tok);
        if (o->ntypes >= MAX_TYPES) die("--types: too many");
        o->types[o->ntypes++] = &KNOWN[found];
    }
    if (!o->ntypes) die("--types: empty");
}

static void parse_opts(Opt *o, int argc, char **argv) {
    const char *start = "2021-01-01", *end = "2025-12-31";
    *o = (Opt){.seed = 20251231,
               .areas = 80,
               .treated = 25,
               .cohorts = 4,
               .ratio = 0.85,
               .level = 10,
               .area_sd = 0.7,
               .disp = 20,
               .ar_rho = 0.5,
               .ar_sd = 0.04};
    parse_types(o, "burglary,robbery,vehicle_theft,assault");
    int level_set = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--null")) {
            o->null_too = 1;
            continue;
        }
        if (!strcmp(a, "--gzip")) {
            o->gz = 1;
            continue;
        }
        if (i + 1 >= argc) usage();
        const char *v = argv[++i];
        if (!strcmp(a, "--seed"))
            o->seed = (uint64_t)num_arg(a, v, 0, 9.0e15);
        else if (!strcmp(a, "--out"))
            o->out = v;
        else if (!strcmp(a, "--sample"))
            o->sample = v;
        else if (!strcmp(a, "--areas"))
            o->areas = (int)num_arg(a, v, 2, MAX_AREAS);
        else if (!strcmp(a, "--treated"))
            o->treated = (int)num_arg(a, v, 0, MAX_AREAS);
        else if (!strcmp(a, "--cohorts"))
            o->cohorts = (int)num_arg(a, v, 1, 120);
        else if (!strcmp(a, "--start"))
            start = v;
        else if (!strcmp(a, "--end"))
            end = v;
        else if (!strcmp(a, "--ratio"))
            o->ratio = num_arg(a, v, 0.01, 100);
        else if (!strcmp(a, "--types"))
            parse_types(o, v);
        else if (!strcmp(a, "--level"))
            o->level = num_arg(a, v, 0.001, 1e5), level_set = 1;
        else if (!strcmp(a, "--area-sd"))
            o->area_sd = num_arg(a, v, 0, 5);
        else if (!strcmp(a, "--dispersion"))
            o->disp = num_arg(a, v, 0, 1e9);
        else if (!strcmp(a, "--ar-rho"))
            o->ar_rho = num_arg(a, v, 0, 0.99);
        else if (!strcmp(a, "--ar-sd"))
            o->ar_sd = num_arg(a, v, 0, 2);
        else
            usage();
    }
    if (!o->sample && !o->out) usage();
    if (o->sample && !o->out) o->out = o->sample;
    if (o->sample) o->null_too = 1;
    if (o->sample && !level_set) o->level = 15; /* about 1.2 MB gzipped per file */
    if (!parse_date(start, &o->sy, &o->sm, &o->sd)) die("--start: '%s' is not YYYY-MM-DD", start);
    if (!parse_date(end, &o->ey, &o->em, &o->ed)) die("--end: '%s' is not YYYY-MM-DD", end);
    if (days_from_civil(o->ey, o->em, o->ed) < days_from_civil(o->sy, o->sm, o->sd)) die("--end is before --start");
    if (!o->sample && o->treated > o->areas) die("--treated %d exceeds --areas %d", o->treated, o->areas);
    if (o->cohorts > o->treated && o->treated > 0) o->cohorts = o->treated;
}

int main(int argc, char **argv) {
    Opt o;
    parse_opts(&o, argc, argv);
    City c = {0};
    c.nmonths = month_index(&o, o.ey, o.em) + 1;
    gsl_rng *rc = make_rng(o.seed, 1), *rm = make_rng(o.seed, 2), *ri = make_rng(o.seed, 3), *rw = make_rng(o.seed, 4);
    if (o.sample)
        city_sample(&o, &c);
    else
        city_generic(&o, &c, rc);
    mkdir_p(o.out);
    Model md;
    model_make(&o, &c, &md, rm);
    gsl_ran_discrete_t *hours = gsl_ran_discrete_preproc(24, HOUR_W);
    if (!hours) die("out of memory");
    Incs s = {0};
    Tally te, tn;
    draw_incidents(&o, &c, &md, o.ratio, ri, hours, &s);
    write_incidents(&o, &c, &s, "incidents.csv", rw, &te);
    if (o.null_too) {
        /* the same streams again: the variant differs only where the ratio changes a mean */
        gsl_rng_free(ri);
        gsl_rng_free(rw);
        ri = make_rng(o.seed, 3);
        rw = make_rng(o.seed, 4);
        s.n = 0;
        draw_incidents(&o, &c, &md, 1.0, ri, hours, &s);
        write_incidents(&o, &c, &s, "incidents_null.csv", rw, &tn);
    }
    write_treatment(&o, &c);
    write_planted(&o, &c, &te, o.null_too ? &tn : NULL);
    gsl_ran_discrete_free(hours);
    free(s.v);
    free(md.mult);
    free(md.seas);
    free(c.a);
    gsl_rng_free(rc);
    gsl_rng_free(rm);
    gsl_rng_free(ri);
    gsl_rng_free(rw);
    return 0;
}
