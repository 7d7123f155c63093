/* geo.h — neighbourhood boundaries from GeoJSON and a point-in-polygon
 * index cheap enough for every mobile read: the y-range is cut into bands,
 * and each band keeps only the polygon edges that cross it, so a lookup
 * tests a handful of edges. Even-odd rule over all rings (holes and
 * MultiPolygon parts included); half-open crossings, so a point on a border
 * shared by two areas belongs to exactly one; where polygons overlap the
 * lowest feature index wins.
 * ae_geo is an opaque handle owning everything it holds (ae_geo_free). */
#ifndef AE_GEO_H
#define AE_GEO_H
#include "util.h"

typedef struct ae_geo ae_geo;

/* prop: the feature property naming the area. Errors name the feature index. */
int ae_geo_load(ae_geo **out, const char *path, const char *prop, ae_error *err);
void ae_geo_free(ae_geo *g);
int ae_geo_count(const ae_geo *g);
const char *ae_geo_name(const ae_geo *g, int feature);
/* The rings as drawn (for maps): ring i belongs to *feature; *hole says an
 * inner ring. Coordinates are (lon, lat), first point repeated at the end. */
size_t ae_geo_rings(const ae_geo *g);
void ae_geo_ring(const ae_geo *g, size_t i, int *feature, int *hole, const double **x, const double **y, size_t *n);

/* Feature holding (lon, lat), or -1. */
int ae_geo_locate(const ae_geo *g, double lon, double lat);
#endif
