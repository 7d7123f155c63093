/* fuzz_geojson.c — libFuzzer target: GeoJSON boundaries and point lookups. */
#include "geo.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		strcpy(path, "/tmp/alpr-fuzz-geo-XXXXXX");
		int fd = mkstemp(path);
		if (fd < 0)
			abort();
		close(fd);
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	ae_geo *g = NULL;
	ae_error err;
	if (ae_geo_load(&g, path, "neighborhood", &err) == AE_OK) {
		int n = ae_geo_count(g);
		for (int i = 0; i < 64; i++) {
			double x = -180 + (i * 37 % 360), y = -90 + (i * 53 % 180);
			int k = ae_geo_locate(g, x / 7.0, y / 7.0);
			if (k < -1 || k >= n)
				abort();
		}
		for (size_t r = 0; r < ae_geo_rings(g); r++) {
			int feat, hole;
			const double *xs, *ys;
			size_t m;
			ae_geo_ring(g, r, &feat, &hole, &xs, &ys, &m);
			if (feat < 0 || feat >= n || m < 4)
				abort();
		}
		ae_geo_free(g);
	}
	return 0;
}
