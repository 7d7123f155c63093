/* test_aggregate.c — aggregate.c's distinct counting and its two-part merge.
 *
 * Independent source: the counts a plain boolean vehicle x place matrix
 * gives, and the aggregate a single part gives for the same reads in the
 * same order. Reads are drawn from a seeded generator so that vehicles see
 * from one to dozens of places (inline list, bitmap, pair set), with places
 * that first appear mid-stream (past a bitmap's width) and with so many
 * cameras that bitmaps are not used at all. */
#include "testutil.h"
#include "aggregate.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rd {
	uint64_t veh;       /* vehicle number (the key is derived from it) */
	uint32_t cam, hood; /* place numbers: names "C<n>", "H<n>" */
} rd;

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
 * uses 16 cameras and 8 areas only, so bitmaps are sized before the rest appear. */
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
	}
	return r;
}

/* An aggregate that knows precams cameras before any read, as from a cameras table. */
static void new_agg(ae_agg *a, uint32_t precams)
{
	ae_agg_init(a, 20000, 20010);
	char name[32];
	for (uint32_t c = 0; c < precams; c++) {
		int k = snprintf(name, sizeof name, "C%u", c);
		ae_agg_camera(a, name, (size_t)k);
	}
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
	ae_agg_seen(a, vi, v, 0, c);
	ae_agg_seen(a, vi, v, 1, h);
	a->cam[c].reads++;
	a->hood[h].reads++;
}

/* The aggregate against a boolean matrix of the same reads. */
static void check_against_matrix(const ae_agg *a, const rd *r, size_t n, uint64_t nveh, uint32_t ncam, uint32_t nhood)
{
	unsigned char *mc = ae_calloc((size_t)(nveh * ncam), 1), *mh = ae_calloc((size_t)(nveh * nhood), 1);
	uint64_t *cam_distinct = ae_calloc(ncam, sizeof *cam_distinct);
	uint64_t *hood_distinct = ae_calloc(nhood, sizeof *hood_distinct);
	uint32_t *veh_cams = ae_calloc((size_t)nveh, sizeof *veh_cams);
	for (size_t i = 0; i < n; i++) {
		if (!mc[r[i].veh * ncam + r[i].cam]++) {
			cam_distinct[r[i].cam]++;
			veh_cams[r[i].veh]++;
		}
		if (!mh[r[i].veh * nhood + r[i].hood]++)
			hood_distinct[r[i].hood]++;
	}
	char name[32];
	for (uint32_t c = 0; c < ncam; c++) {
		int k = snprintf(name, sizeof name, "C%u", c);
		uint32_t id = ae_strtab_find(a->cameras, name, (size_t)k);
		if (id == UINT32_MAX) {
			assert_int_equal(cam_distinct[c], 0);
			continue;
		}
		if (a->cam[id].distinct != cam_distinct[c])
			fail_msg("camera %u: %llu distinct vehicles, the matrix says %llu", c,
				 (unsigned long long)a->cam[id].distinct, (unsigned long long)cam_distinct[c]);
	}
	for (uint32_t h = 0; h < nhood; h++) {
		int k = snprintf(name, sizeof name, "H%u", h);
		uint32_t id = ae_strtab_find(a->hoods, name, (size_t)k);
		if (id == UINT32_MAX) {
			assert_int_equal(hood_distinct[h], 0);
			continue;
		}
		if (a->hood[id].distinct != hood_distinct[h])
			fail_msg("area %u: %llu distinct vehicles, the matrix says %llu", h,
				 (unsigned long long)a->hood[id].distinct, (unsigned long long)hood_distinct[h]);
	}
	for (uint32_t i = 0; i < ae_vtab_count(a->vehicles); i++) {
		const ae_vehicle *v = ae_vtab_at(a->vehicles, i);
		uint64_t veh = (v->k1 - 1) / 2;
		if (v->cameras != veh_cams[veh])
			fail_msg("vehicle %llu: %u cameras, the matrix says %u", (unsigned long long)veh, v->cameras,
				 veh_cams[veh]);
	}
	free(mc);
	free(mh);
	free(cam_distinct);
	free(hood_distinct);
	free(veh_cams);
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
		if (a.cam[c].reads != one.cam[c].reads || a.cam[c].distinct != one.cam[c].distinct)
			fail_msg("split at %zu: camera %s differs", at, ae_strtab_name(one.cameras, c));
	}
	assert_int_equal(ae_strtab_count(a.hoods), ae_strtab_count(one.hoods));
	for (uint32_t h = 0; h < ae_strtab_count(one.hoods); h++) {
		assert_string_equal(ae_strtab_name(a.hoods, h), ae_strtab_name(one.hoods, h));
		if (a.hood[h].reads != one.hood[h].reads || a.hood[h].distinct != one.hood[h].distinct)
			fail_msg("split at %zu: area %s differs", at, ae_strtab_name(one.hoods, h));
	}
	ae_agg_release(&a);
	ae_agg_release(&one);
}

static void run_case(size_t n, uint64_t nveh, uint32_t ncam, uint32_t nhood, uint32_t precams)
{
	rd *r = make_reads(n, nveh, ncam, nhood);
	ae_agg one;
	new_agg(&one, precams);
	for (size_t i = 0; i < n; i++)
		apply(&one, &r[i]);
	check_against_matrix(&one, r, n, nveh, ncam, nhood);
	/* the case exercises what it says: bitmaps on or off, pairs past them */
	if (precams > 2048)
		assert_int_equal(one.ext_width[0], UINT32_MAX);
	else
		assert_true(one.ext_width[0] == 64 && one.ext_words > 0);
	if (ncam > 64)
		assert_true(ae_set64_count(one.veh_cam) > 0);
	ae_agg_release(&one);
	size_t cuts[] = {0, 1, n / 3, n / 2, n - 1, n};
	for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++)
		check_split(r, n, cuts[k], precams);
	free(r);
}

/* Few places: vehicles move from their own list to a bitmap. */
static void test_few_places(void **state)
{
	(void)state;
	run_case(60000, 3000, 40, 20, 0);
}

/* Places that appear only after bitmaps were sized (10 known, 500 in the
 * end): those past a bitmap's width go to the pair sets. */
static void test_places_appear_late(void **state)
{
	(void)state;
	run_case(60000, 3000, 500, 300, 0);
}

/* More cameras than a bitmap is worth: pair sets only. */
static void test_many_places(void **state)
{
	(void)state;
	run_case(60000, 2000, 5000, 3000, 5000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_few_places),
		cmocka_unit_test(test_places_appear_late),
		cmocka_unit_test(test_many_places),
	};
	return cmocka_run_group_tests_name("aggregate", tests, NULL, NULL);
}
