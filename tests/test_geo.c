/* test_geo.c — point-in-polygon on hand-drawn shapes whose answers are
 * known by construction (unit squares, a hole, an island), borders shared by
 * two areas, points outside every area, and each kind of bad geometry. */
#include "testutil.h"
#include "geo.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/ae-geo-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static ae_geo *load(const char *json, ae_error *err, int *rc)
{
	char path[128];
	snprintf(path, sizeof path, "%s/b.geojson", dir);
	write_file(path, json);
	ae_geo *g = NULL;
	*rc = ae_geo_load(&g, path, "name", err);
	return g;
}

#define FC(...) "{\"type\":\"FeatureCollection\",\"features\":[" __VA_ARGS__ "]}"
#define F(name, type, coords) \
	"{\"type\":\"Feature\",\"properties\":{\"name\":\"" name "\"},\"geometry\":{\"type\":\"" type \
	"\",\"coordinates\":" coords "}}"

/* West [0,1]x[0,1] and East [1,2]x[0,1] share the edge x = 1. Ring has a
 * hole [0.4,0.6]^2 that is the feature Park. Isle is a MultiPolygon: [3,4]x[0,1]
 * and [5,6]x[0,1]. Big overlaps West (a later feature: West wins there). */
static const char *const CITY = FC(
	F("West", "Polygon", "[[[0,0],[1,0],[1,1],[0,1],[0,0]]]") ","
	F("East", "Polygon", "[[[1,0],[2,0],[2,1],[1,1],[1,0]]]") ","
	F("Ring", "Polygon", "[[[0,2],[1,2],[1,3],[0,3],[0,2]],[[0.4,2.4],[0.6,2.4],[0.6,2.6],[0.4,2.6],[0.4,2.4]]]") ","
	F("Park", "Polygon", "[[[0.4,2.4],[0.6,2.4],[0.6,2.6],[0.4,2.6],[0.4,2.4]]]") ","
	F("Isle", "MultiPolygon", "[[[[3,0],[4,0],[4,1],[3,1],[3,0]]],[[[5,0],[6,0],[6,1],[5,1],[5,0]]]]") ","
	F("Big", "Polygon", "[[[-0.5,-0.5],[0.5,-0.5],[0.5,0.5],[-0.5,0.5],[-0.5,-0.5]]]"));

static void test_inside_outside_holes_islands(void **state)
{
	(void)state;
	ae_error err;
	int rc;
	ae_geo *g = load(CITY, &err, &rc);
	assert_int_equal(rc, AE_OK);
	assert_int_equal(ae_geo_count(g), 6);
	assert_string_equal(ae_geo_name(g, 4), "Isle");
	assert_int_equal(ae_geo_locate(g, 0.7, 0.7), 0);   /* West */
	assert_int_equal(ae_geo_locate(g, 1.5, 0.5), 1);   /* East */
	assert_int_equal(ae_geo_locate(g, 0.2, 2.2), 2);   /* Ring, outside its hole */
	assert_int_equal(ae_geo_locate(g, 0.5, 2.5), 3);   /* in the hole: Park, not Ring */
	assert_int_equal(ae_geo_locate(g, 3.5, 0.5), 4);   /* Isle, first part */
	assert_int_equal(ae_geo_locate(g, 5.5, 0.5), 4);   /* Isle, second part */
	assert_int_equal(ae_geo_locate(g, 4.5, 0.5), -1);  /* between the islands */
	assert_int_equal(ae_geo_locate(g, 10, 10), -1);    /* outside everything */
	assert_int_equal(ae_geo_locate(g, 0.5, 1.5), -1);  /* between rows */
	assert_int_equal(ae_geo_locate(g, -0.2, -0.2), 5); /* Big only */
	assert_int_equal(ae_geo_locate(g, 0.25, 0.25), 0); /* West and Big overlap: lowest index */
	ae_geo_free(g);
}

static void test_shared_border_goes_to_exactly_one(void **state)
{
	(void)state;
	ae_error err;
	int rc;
	ae_geo *g = load(CITY, &err, &rc);
	assert_int_equal(rc, AE_OK);
	/* On x = 1 between West and East: half-open crossings put it in East
	 * (the ray to +x does not count West's right edge, and does cross East's right edge). */
	for (int i = 1; i < 10; i++) {
		double y = i / 10.0;
		assert_int_equal(ae_geo_locate(g, 1.0, y), 1);
	}
	/* The shared corner (1, 1) and points on the top edge y = 1 belong to neither
	 * row above (none): [y1 <= y) is half-open, so the top edge is outside. */
	assert_int_equal(ae_geo_locate(g, 1.5, 1.0), -1);
	/* The bottom edge y = 0 is inside. */
	assert_int_equal(ae_geo_locate(g, 1.5, 0.0), 1);
	/* A dense sweep across the border: every point lands in exactly one of the two. */
	for (int i = 0; i <= 1000; i++) {
		double x = 0.999 + i * 0.000002;
		int f = ae_geo_locate(g, x, 0.37);
		assert_true(f == 0 || f == 1);
	}
	ae_geo_free(g);
}

static void test_many_polygons_agree_with_brute_force(void **state)
{
	(void)state;
	/* A 10 x 10 grid of unit cells, each its own feature: the answer for a point
	 * strictly inside cell (i, j) is 10 * j + i by construction. */
	size_t cap = 1 << 16;
	char *json = malloc(cap);
	strcpy(json, "{\"type\":\"FeatureCollection\",\"features\":[");
	for (int j = 0; j < 10; j++)
		for (int i = 0; i < 10; i++) {
			char f[512];
			snprintf(f, sizeof f,
				 "%s{\"type\":\"Feature\",\"properties\":{\"name\":\"c%d\"},\"geometry\":{\"type\":\"Polygon\","
				 "\"coordinates\":[[[%d,%d],[%d,%d],[%d,%d],[%d,%d],[%d,%d]]]}}",
				 i || j ? "," : "", 10 * j + i, i, j, i + 1, j, i + 1, j + 1, i, j + 1, i, j);
			strcat(json, f);
		}
	strcat(json, "]}");
	ae_error err;
	int rc;
	ae_geo *g = load(json, &err, &rc);
	free(json);
	assert_int_equal(rc, AE_OK);
	unsigned s = 12345;
	for (int k = 0; k < 20000; k++) {
		s = s * 1103515245u + 12345u;
		double x = (s >> 8) % 100000 / 10000.0;
		s = s * 1103515245u + 12345u;
		double y = (s >> 8) % 100000 / 10000.0;
		if (x == floor(x) || y == floor(y))
			continue;
		assert_int_equal(ae_geo_locate(g, x, y), 10 * (int)floor(y) + (int)floor(x));
	}
	ae_geo_free(g);
}

static void expect_error(const char *json, const char *needle)
{
	ae_error err = {0, ""};
	int rc;
	ae_geo *g = load(json, &err, &rc);
	assert_null(g);
	assert_int_equal(rc, AE_EUSAGE);
	if (!strstr(err.msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, needle);
}

static void test_bad_geometry(void **state)
{
	(void)state;
	expect_error(FC(F("A", "Polygon", "[[[0,0],[1,0],[1,1],[0,1],[0,0]]]") ","
			F("B", "Polygon", "[[[0,0],[1,0],[1,1],[0,1],[0,0.5]]]")),
			  "feature 1: ring 0 is not closed");
	expect_error(FC(F("A", "Polygon", "[[[0,0],[1,\"x\"],[1,1],[0,1],[0,0]]]")),
			"feature 0: ring 0, position 1 is not [lon, lat]");
	expect_error(FC(F("A", "Point", "[0,0]")), "feature 0: geometry type 'Point'");
	expect_error(FC(F("A", "Polygon", "[[[0,0],[1,0],[0,0]]]")), "feature 0: ring 0 needs at least 4");
	expect_error(FC(F("A", "Polygon", "[[[0,0],[1,0],[1,100],[0,1],[0,0]]]")), "out of range");
	expect_error("{\"type\":\"Feature\"}", "not a GeoJSON FeatureCollection");
	expect_error("{\"type\": ", "not valid JSON");
	expect_error(FC("{\"type\":\"Feature\",\"properties\":{\"other\":1},\"geometry\":{\"type\":\"Polygon\","
			"\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}"),
			"feature 0: no property 'name'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inside_outside_holes_islands),
		cmocka_unit_test(test_shared_border_goes_to_exactly_one),
		cmocka_unit_test(test_many_polygons_agree_with_brute_force),
		cmocka_unit_test(test_bad_geometry),
	};
	return cmocka_run_group_tests_name("geo", tests, setup, teardown);
}
