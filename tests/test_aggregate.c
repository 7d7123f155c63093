/* test_aggregate.c — the per-vehicle cell counts (vcells.c), what
 * ae_agg_finish makes of them (distinct vehicles, each vehicle's cameras,
 * the clustered variance's moments, hit vehicles' reads per place) and the
 * two-part merge.
 *
 * Independent source: plain vehicle x place count matrices of the same
 * reads, and the aggregate a single part gives for the same reads in the
 * same order. Reads are drawn from a seeded generator so that vehicles see
 * from one to hundreds of cells (in the record, in chunks, in the hash), with
 * one vehicle read thousands of times in one cell (counts past an entry's
 * 1023), places that first appear mid-stream, and thousands of cameras.
 * Bulk adds (the merge's) against the same reads added one at a time. */
#include "testutil.h"
#include "aggregate.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rd {
	uint64_t veh;       /* vehicle number (the key is derived from it) */
	uint32_t cam, hood; /* place numbers: names "C<n>", "H<n>" */
	uint32_t month;
} rd;

#define NMONTH 13 /* the period below: days 20000..20390 */

static uint64_t rng = 88172645463325252ull;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* n reads over nveh vehicles; a vehicle's places come from its own window
 * of the place numbers, wide for a few "heavy" vehicles. The first quarter
 * uses 16 cameras and 8 areas only. */
static rd *make_reads(size_t n, uint64_t nveh, uint32_t ncam, uint32_t nhood)
{
	rd *r = ae_malloc(n * sizeof *r);
	for (size_t i = 0; i < n; i++) {
		uint64_t v = next() % nveh;
		uint32_t span = v % 10 == 0 ? 60 : v % 3 == 0 ? 6 : 2;
		uint32_t nc = i < n / 4 && ncam > 16 ? 16 : ncam, nh = i < n / 4 && nhood > 8 ? 8 : nhood;
		r[i].veh = v;
		r[i].cam = (uint32_t)((v * 7 + next() % span) % nc);
		r[i].hood = (uint32_t)((v + next() % span) % nh);
		r[i].month = (uint32_t)((v + next() % span) % NMONTH);
		if (i % 20 == 0) /* a placeholder plate: thousands of reads in one cell */
			r[i].veh = 0, r[i].cam = 0, r[i].hood = 0, r[i].month = 0;
		if (i % 20 == 10) /* a vehicle everywhere: hundreds of cells (to the hash) */
			r[i].veh = 1, r[i].cam = (uint32_t)(next() % nc), r[i].hood = (uint32_t)(next() % nh);
	}
	return r;
}

/* An aggregate that knows precams cameras before any read, as from a cameras table. */
static void new_agg(ae_agg *a, uint32_t precams)
{
	ae_agg_init(a, 20000, 20390);
	char name[32];
	for (uint32_t c = 0; c < precams; c++) {
		int k = snprintf(name, sizeof name, "C%u", c);
		ae_agg_camera(a, name, (size_t)k);
	}
}

/* k reads like r at once (ae_vcells_add_n, as the merge adds a partial's counts). */
static void apply_n(ae_agg *a, const rd *r, uint32_t k)
{
	char name[32];
	int n = snprintf(name, sizeof name, "C%u", r->cam);
	uint32_t c = ae_agg_camera(a, name, (size_t)n);
	n = snprintf(name, sizeof name, "H%u", r->hood);
	uint32_t h = ae_agg_hood(a, name, (size_t)n);
	uint32_t vi = ae_vtab_get(a->vehicles, ae_mix64(r->veh + 1), r->veh * 2 + 1);
	ae_vehicle *v = ae_vtab_at(a->vehicles, vi);
	v->reads += k;
	v->hits = r->veh % 7 == 0;
	uint32_t cell = ae_vcells_cell(a->vc, c, h, r->month);
	assert_int_not_equal(cell, UINT32_MAX);
	ae_vcells_add_n(a->vc, vi, v, cell, k);
	a->cam[c].reads += k;
	a->hood[h].reads += k;
}

static void apply(ae_agg *a, const rd *r)
{
	char name[32];
	int n = snprintf(name, sizeof name, "C%u", r->cam);
	uint32_t c = ae_agg_camera(a, name, (size_t)n);
	n = snprintf(name, sizeof name, "H%u", r->hood);
	uint32_t h = ae_agg_hood(a, name, (size_t)n);
	uint32_t vi = ae_vtab_get(a->vehicles, ae_mix64(r->veh + 1), r->veh * 2 + 1);
	ae_vehicle *v = ae_vtab_at(a->vehicles, vi);
	v->reads++;
	v->hits = r->veh % 7 == 0; /* vehicles with hits: their reads per place are kept */
	uint32_t cell = ae_vcells_cell(a->vc, c, h, r->month);
	assert_int_not_equal(cell, UINT32_MAX);
	ae_vcells_add(a->vc, vi, v, cell);
	a->cam[c].reads++;
	a->hood[h].reads++;
}

/* One kind of place: counts per vehicle x place, then the figures. */
typedef struct matrix {
	uint32_t np;
	uint16_t *n; /* nveh x np */
	uint64_t *distinct;
	long double *s2, *s4;
} matrix;

static void matrix_fill(matrix *m, const rd *r, size_t n, uint64_t nveh, uint32_t np, int kind)
{
	m->np = np;
	m->n = ae_calloc((size_t)(nveh * np), sizeof *m->n);
	m->distinct = ae_calloc(np, sizeof *m->distinct);
	m->s2 = ae_calloc(np, sizeof *m->s2);
	m->s4 = ae_calloc(np, sizeof *m->s4);
	for (size_t i = 0; i < n; i++) {
		uint32_t p = kind == AE_AT_CAMERA ? r[i].cam : kind == AE_AT_HOOD ? r[i].hood : r[i].month;
		m->n[r[i].veh * np + p]++;
	}
	for (uint64_t v = 0; v < nveh; v++)
		for (uint32_t p = 0; p < np; p++) {
			long double x = m->n[v * np + p];
			if (x > 0) {
				m->distinct[p]++;
				m->s2[p] += x * x;
				m->s4[p] += x * x * x * x;
			}
		}
}

static void matrix_free(matrix *m)
{
	free(m->n);
	free(m->distinct);
	free(m->s2);
	free(m->s4);
}

/* Place p of a kind in the aggregate (by name; months are their index), or UINT32_MAX. */
static uint32_t place_id(const ae_agg *a, int kind, uint32_t p)
{
	if (kind == AE_AT_MONTH)
		return p;
	char name[32];
	int k = snprintf(name, sizeof name, "%s%u", kind == AE_AT_CAMERA ? "C" : "H", p);
	return ae_strtab_find(kind == AE_AT_CAMERA ? a->cameras : a->hoods, name, (size_t)k);
}

/* The finished aggregate against count matrices of the same reads. */
static void check_against_matrix(const ae_agg *a, const rd *r, size_t n, uint64_t nveh, uint32_t ncam, uint32_t nhood)
{
	static const char *const kinds[] = {"camera", "area", "month"};
	uint32_t np[3] = {ncam, nhood, NMONTH};
	matrix m[3];
	for (int k = 0; k < 3; k++) {
		matrix_fill(&m[k], r, n, nveh, np[k], k);
		const ae_moments *mom = k == AE_AT_CAMERA ? a->cam_m : k == AE_AT_HOOD ? a->hood_m : a->month_m;
		for (uint32_t p = 0; p < np[k]; p++) {
			uint32_t id = place_id(a, k, p);
			if (id == UINT32_MAX) {
				assert_int_equal(m[k].distinct[p], 0);
				continue;
			}
			uint64_t d = k == AE_AT_CAMERA ? a->cam[id].distinct
				   : k == AE_AT_HOOD   ? a->hood[id].distinct
						       : a->month_distinct[id];
			if (d != m[k].distinct[p] || (long double)mom[id].s2 != m[k].s2[p] ||
			    (long double)mom[id].s4 != m[k].s4[p])
				fail_msg("%s %u: %llu distinct vehicles, sum n^2 %.0Lf, sum n^4 %.0Lf; the matrix says "
					 "%llu, %.0Lf, %.0Lf",
					 kinds[k], p, (unsigned long long)d, (long double)mom[id].s2,
					 (long double)mom[id].s4, (unsigned long long)m[k].distinct[p], m[k].s2[p],
					 m[k].s4[p]);
		}
	}
	for (uint32_t i = 0; i < ae_vtab_count(a->vehicles); i++) {
		const ae_vehicle *v = ae_vtab_at((ae_vtab *)a->vehicles, i);
		uint64_t veh = (v->k1 - 1) / 2;
		uint32_t cams = 0;
		for (uint32_t p = 0; p < ncam; p++)
			cams += m[0].n[veh * ncam + p] > 0;
		if (v->cameras != cams)
			fail_msg("vehicle %llu: %u cameras, the matrix says %u", (unsigned long long)veh, v->cameras,
				 cams);
		for (int k = 0; k < 3; k++)
			for (uint32_t p = 0; p < np[k]; p++) {
				uint32_t id = place_id(a, k, p), want = v->hits ? m[k].n[veh * np[k] + p] : 0;
				uint32_t got = id == UINT32_MAX ? 0 : ae_agg_vehicle_reads(a, i, (uint32_t)k, id);
				if (got != want)
					fail_msg("vehicle %llu: %u reads at %s %u, the matrix says %u",
						 (unsigned long long)veh, got, kinds[k], p, want);
			}
	}
	for (int k = 0; k < 3; k++)
		matrix_free(&m[k]);
}

/* One part against two parts split at `at`, merged: the same aggregate. */
static void check_split(const rd *r, size_t n, size_t at, uint32_t precams)
{
	ae_agg one, a, b;
	new_agg(&one, precams);
	new_agg(&a, precams);
	ae_agg_fork(&b, &a);
	for (size_t i = 0; i < n; i++) {
		apply(&one, &r[i]);
		apply(i < at ? &a : &b, &r[i]);
	}
	ae_agg_remap m;
	ae_agg_merge(&a, &b, 0, &m);
	ae_agg_remap_release(&m);
	ae_agg_unfork(&b);
	/* hits reach the first part's vehicles through links, after the merge */
	for (uint32_t i = 0; i < ae_vtab_count(a.vehicles); i++) {
		ae_vehicle *v = ae_vtab_at(a.vehicles, i);
		v->hits = (v->k1 - 1) / 2 % 7 == 0;
	}
	ae_agg_finish(&a, 2);
	ae_agg_finish(&one, 1);

	assert_int_equal(ae_vtab_count(a.vehicles), ae_vtab_count(one.vehicles));
	for (uint32_t i = 0; i < ae_vtab_count(one.vehicles); i++) {
		const ae_vehicle *x = ae_vtab_at(one.vehicles, i), *y = ae_vtab_at(a.vehicles, i);
		if (x->k0 != y->k0 || x->k1 != y->k1 || x->reads != y->reads || x->cameras != y->cameras)
			fail_msg("split at %zu: vehicle %u differs (reads %u/%u, cameras %u/%u)", at, i, x->reads,
				 y->reads, x->cameras, y->cameras);
	}
	assert_int_equal(ae_strtab_count(a.cameras), ae_strtab_count(one.cameras));
	for (uint32_t c = 0; c < ae_strtab_count(one.cameras); c++) {
		assert_string_equal(ae_strtab_name(a.cameras, c), ae_strtab_name(one.cameras, c));
		if (a.cam[c].reads != one.cam[c].reads || a.cam[c].distinct != one.cam[c].distinct ||
		    a.cam_m[c].s2 != one.cam_m[c].s2 || a.cam_m[c].s4 != one.cam_m[c].s4)
			fail_msg("split at %zu: camera %s differs", at, ae_strtab_name(one.cameras, c));
	}
	assert_int_equal(ae_strtab_count(a.hoods), ae_strtab_count(one.hoods));
	for (uint32_t h = 0; h < ae_strtab_count(one.hoods); h++) {
		assert_string_equal(ae_strtab_name(a.hoods, h), ae_strtab_name(one.hoods, h));
		if (a.hood[h].reads != one.hood[h].reads || a.hood[h].distinct != one.hood[h].distinct ||
		    a.hood_m[h].s2 != one.hood_m[h].s2 || a.hood_m[h].s4 != one.hood_m[h].s4)
			fail_msg("split at %zu: area %s differs", at, ae_strtab_name(one.hoods, h));
	}
	for (uint32_t mo = 0; mo < NMONTH; mo++)
		if (a.month_distinct[mo] != one.month_distinct[mo] || a.month_m[mo].s2 != one.month_m[mo].s2)
			fail_msg("split at %zu: month %u differs", at, mo);
	assert_int_equal(a.nvplaces, one.nvplaces);
	assert_memory_equal(a.vplaces, one.vplaces, one.nvplaces * sizeof *one.vplaces);
	ae_agg_release(&a);
	ae_agg_release(&one);
}

static int by_month(const void *x, const void *y)
{
	const rd *p = x, *q = y;
	if (p->month != q->month)
		return p->month < q->month ? -1 : 1;
	return p < q ? -1 : p > q; /* stable enough: ties keep no order the test relies on */
}

static void count_cells(void *user, uint32_t vi, const uint32_t *cells, const uint32_t *counts, uint32_t n)
{
	(void)vi;
	(void)cells;
	(void)counts;
	*(uint64_t *)user += n;
}

static uint64_t stored_cells(const ae_agg *a)
{
	uint64_t n = 0;
	ae_vcells_each(a->vc, a->vehicles, count_cells, &n);
	return n;
}

static int u64_cmp(const void *x, const void *y)
{
	uint64_t p = *(const uint64_t *)x, q = *(const uint64_t *)y;
	return p < q ? -1 : p > q;
}

static uint64_t distinct_cells(const rd *r, size_t n)
{
	uint64_t *k = ae_malloc(n * sizeof *k), d = 0;
	for (size_t i = 0; i < n; i++)
		k[i] = r[i].veh << 40 | (uint64_t)r[i].cam << 24 | (uint64_t)r[i].hood << 8 | r[i].month;
	qsort(k, n, sizeof *k, u64_cmp);
	for (size_t i = 0; i < n; i++)
		d += i == 0 || k[i] != k[i - 1];
	free(k);
	return d;
}

/* sorted: the reads in month order, as most read logs come (vcells.c skips
 * the chain for a cell of a vehicle's latest month) */
static void run_case_sorted(size_t n, uint64_t nveh, uint32_t ncam, uint32_t nhood, uint32_t precams, int sorted)
{
	rd *r = make_reads(n, nveh, ncam, nhood);
	if (sorted) {
		/* ten cameras a month over eight months: more cells a month than a
		 * record holds, too few in all for the hash, so the chain is used */
		for (size_t i = 0; i < n; i++) {
			r[i].cam = (uint32_t)((r[i].veh * 7 + next() % 10) % ncam);
			r[i].hood = (uint32_t)(r[i].veh % nhood);
			r[i].month = (uint32_t)(next() % 8);
		}
		qsort(r, n, sizeof *r, by_month);
	}
	ae_agg one;
	new_agg(&one, precams);
	for (size_t i = 0; i < n; i++)
		apply(&one, &r[i]);
	ae_agg_finish(&one, 2);
	check_against_matrix(&one, r, n, nveh, ncam, nhood);
	/* the case exercises what it says: cells in chunks and in the hash */
	uint64_t chunks, hashed;
	ae_vcells_usage(one.vc, &chunks, &hashed);
	assert_true(chunks > 0);
	assert_true(sorted || hashed > 0);
	if (sorted) /* in time order no cell is stored twice (memory stays with pairs) */
		assert_int_equal(stored_cells(&one), distinct_cells(r, n));
	ae_agg_release(&one);
	size_t cuts[] = {0, 1, n / 3, n / 2, n - 1, n};
	for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++)
		check_split(r, n, cuts[k], precams);
	free(r);
}

static void run_case(size_t n, uint64_t nveh, uint32_t ncam, uint32_t nhood, uint32_t precams)
{
	run_case_sorted(n, nveh, ncam, nhood, precams, 0);
}

/* Reads in time order, vehicles with more cells a month than their record holds. */
static void test_time_ordered(void **state)
{
	(void)state;
	run_case_sorted(60000, 300, 60, 30, 0, 1);
}

/* Few places: most vehicles' cells fit in their own record. */
static void test_few_places(void **state)
{
	(void)state;
	run_case(60000, 3000, 40, 20, 0);
}

/* Places that appear only late (16 known in the first quarter, 500 in the end). */
static void test_places_appear_late(void **state)
{
	(void)state;
	run_case(60000, 3000, 500, 300, 0);
}

/* Thousands of cameras, known before the first read. */
static void test_many_places(void **state)
{
	(void)state;
	run_case(60000, 2000, 5000, 3000, 5000);
}

/* Bulk adds (ae_vcells_add_n): runs of 1 to 3,000 reads of one vehicle in
 * one cell, past an entry's 1023 and into the chain and the hash, leave each
 * vehicle's cells, counts and their order, and the chunks and hash entries,
 * exactly as the same reads added one at a time; and the finished aggregate
 * agrees with the count matrices of the reads. */
static void test_bulk_add(void **state)
{
	(void)state;
	enum { RUNS = 6000, NVEH = 400, NCAM = 60, NHOOD = 30 };
	rd *runs = make_reads(RUNS, NVEH, NCAM, NHOOD);
	uint32_t *len = ae_malloc(RUNS * sizeof *len);
	size_t n = 0;
	for (size_t i = 0; i < RUNS; i++) {
		uint64_t x = next() % 100;
		len[i] = x < 60 ? 1 : x < 97 ? 2 + (uint32_t)(next() % 40) : 1000 + (uint32_t)(next() % 2000);
		if (i < RUNS / 2) /* the first half in month order: the chain's month skip */
			runs[i].month = (uint32_t)(i * NMONTH / (RUNS / 2));
		n += len[i];
	}
	rd *r = ae_malloc(n * sizeof *r);
	ae_agg one, bulk;
	new_agg(&one, 0);
	new_agg(&bulk, 0);
	size_t at = 0;
	for (size_t i = 0; i < RUNS; i++) {
		apply_n(&bulk, &runs[i], len[i]);
		for (uint32_t k = 0; k < len[i]; k++) {
			r[at] = runs[i];
			apply(&one, &r[at++]);
		}
	}
	uint64_t c1, h1, c2, h2;
	ae_vcells_usage(one.vc, &c1, &h1);
	ae_vcells_usage(bulk.vc, &c2, &h2);
	assert_true(c1 > 0 && h1 > 0); /* the case reaches the chain and the hash */
	assert_int_equal(c2, c1);
	assert_int_equal(h2, h1);
	assert_int_equal(ae_vtab_count(bulk.vehicles), ae_vtab_count(one.vehicles));
	ae_vcells_reader *ro = ae_vcells_reader_new(one.vc, one.vehicles);
	ae_vcells_reader *rb = ae_vcells_reader_new(bulk.vc, bulk.vehicles);
	uint32_t *cl1 = NULL, *ct1 = NULL, *cl2 = NULL, *ct2 = NULL, n1, n2, cap1 = 0, cap2 = 0;
	for (uint32_t vi = 0; vi < ae_vtab_count(one.vehicles); vi++) {
		n1 = n2 = 0;
		ae_vcells_reader_get(ro, vi, &cl1, &ct1, &n1, &cap1);
		ae_vcells_reader_get(rb, vi, &cl2, &ct2, &n2, &cap2);
		if (n1 != n2 || memcmp(cl1, cl2, n1 * sizeof *cl1) || memcmp(ct1, ct2, n1 * sizeof *ct1))
			fail_msg("vehicle %u: %u cells added in bulk, %u one read at a time, or other counts", vi, n2,
				 n1);
	}
	free(cl1);
	free(ct1);
	free(cl2);
	free(ct2);
	ae_vcells_reader_free(ro);
	ae_vcells_reader_free(rb);
	ae_agg_finish(&bulk, 1);
	check_against_matrix(&bulk, r, n, NVEH, NCAM, NHOOD);
	ae_agg_release(&one);
	ae_agg_release(&bulk);
	free(runs);
	free(len);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_few_places),  cmocka_unit_test(test_places_appear_late),
		cmocka_unit_test(test_many_places), cmocka_unit_test(test_time_ordered),
		cmocka_unit_test(test_bulk_add),
	};
	return cmocka_run_group_tests_name("aggregate", tests, NULL, NULL);
}
