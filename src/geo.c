/* geo.c — see geo.h. */
#include "geo.h"
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct edge {
	double x1, y1, x2, y2;
	int poly;
} edge;

struct ae_geo {
	int n;
	char **names;
	edge *edges; /* all edges, by polygon */
	size_t nedges, capedges;
	double x0, y0, x1, y1; /* bounding box */
	double *vx, *vy;       /* ring vertices, ring after ring */
	size_t nv, capv;
	size_t *ring_off; /* nrings + 1 offsets into vx/vy */
	int *ring_feat, *ring_hole;
	size_t nrings, caprings;
	int nbands;
	double bandh;
	size_t *band_start;      /* nbands + 1 offsets into band_edges */
	edge *band_edges;        /* per band, sorted by polygon */
	size_t *run_start;       /* nbands + 1 offsets into runs */
	struct run {             /* one polygon's edges within a band, and their x-span: */
		size_t from, to; /* a point outside the span cannot be inside it */
		double x0, x1;
		int poly;
	} * runs;
};

static void keep_vertex(ae_geo *g, double x, double y)
{
	if (g->nv == g->capv) {
		g->capv = g->capv ? g->capv * 2 : 1024;
		g->vx = ae_realloc(g->vx, g->capv * sizeof *g->vx);
		g->vy = ae_realloc(g->vy, g->capv * sizeof *g->vy);
	}
	g->vx[g->nv] = x;
	g->vy[g->nv++] = y;
}

static int add_ring(ae_geo *g, json_t *ring, int feature, int ringno, int hole, ae_error *err, const char *path)
{
	size_t n = json_is_array(ring) ? json_array_size(ring) : 0;
	if (n < 4)
		return ae_fail(err, AE_EUSAGE, "%s: feature %d: ring %d needs at least 4 positions", path, feature,
			       ringno);
	if (g->nrings + 1 >= g->caprings) {
		g->caprings = g->caprings ? g->caprings * 2 : 64;
		g->ring_off = ae_realloc(g->ring_off, (g->caprings + 1) * sizeof *g->ring_off);
		g->ring_feat = ae_realloc(g->ring_feat, g->caprings * sizeof *g->ring_feat);
		g->ring_hole = ae_realloc(g->ring_hole, g->caprings * sizeof *g->ring_hole);
	}
	g->ring_off[g->nrings] = g->nv;
	g->ring_feat[g->nrings] = feature;
	g->ring_hole[g->nrings] = hole;
	double px = 0, py = 0, fx = 0, fy = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *pos = json_array_get(ring, i);
		json_t *jx = json_array_get(pos, 0), *jy = json_array_get(pos, 1);
		if (!json_is_array(pos) || !json_is_number(jx) || !json_is_number(jy))
			return ae_fail(err, AE_EUSAGE, "%s: feature %d: ring %d, position %zu is not [lon, lat]", path,
				       feature, ringno, i);
		double x = json_number_value(jx), y = json_number_value(jy);
		if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90))
			return ae_fail(err, AE_EUSAGE, "%s: feature %d: ring %d, position %zu is out of range", path,
				       feature, ringno, i);
		if (i == 0) {
			fx = x;
			fy = y;
		} else if (py != y) { /* horizontal edges never cross a horizontal ray */
			if (g->nedges == g->capedges) {
				g->capedges = g->capedges ? g->capedges * 2 : 256;
				g->edges = ae_realloc(g->edges, g->capedges * sizeof *g->edges);
			}
			g->edges[g->nedges++] = (edge){px, py, x, y, feature};
		}
		if (i == n - 1 && (x != fx || y != fy))
			return ae_fail(err, AE_EUSAGE, "%s: feature %d: ring %d is not closed", path, feature, ringno);
		keep_vertex(g, x, y);
		px = x;
		py = y;
		g->x0 = fmin(g->x0, x);
		g->x1 = fmax(g->x1, x);
		g->y0 = fmin(g->y0, y);
		g->y1 = fmax(g->y1, y);
	}
	g->nrings++;
	g->ring_off[g->nrings] = g->nv;
	return AE_OK;
}

static int add_polygon(ae_geo *g, json_t *rings, int feature, int *ringno, ae_error *err, const char *path)
{
	if (!json_is_array(rings) || json_array_size(rings) == 0)
		return ae_fail(err, AE_EUSAGE, "%s: feature %d: a polygon needs an array of rings", path, feature);
	size_t i;
	json_t *ring;
	json_array_foreach(rings, i, ring) {
		int rc = add_ring(g, ring, feature, (*ringno)++, i > 0, err, path);
		if (rc)
			return rc;
	}
	return AE_OK;
}

static char *feature_name(json_t *props, const char *prop)
{
	json_t *v = json_is_object(props) ? json_object_get(props, prop) : NULL;
	if (json_is_string(v))
		return ae_strdup(json_string_value(v));
	if (json_is_integer(v)) { /* census codes are sometimes numbers */
		char b[32];
		snprintf(b, sizeof b, "%lld", (long long)json_integer_value(v));
		return ae_strdup(b);
	}
	return NULL;
}

static int cmp_band_edge(const void *a, const void *b)
{
	const edge *x = a, *y = b;
	return (x->poly > y->poly) - (x->poly < y->poly);
}

static void build_index(ae_geo *g)
{
	g->nbands = g->n * 16;
	if (g->nbands < 64)
		g->nbands = 64;
	if (g->nbands > 4096)
		g->nbands = 4096;
	double h = (g->y1 - g->y0) / g->nbands;
	g->bandh = h > 0 ? h : 1;
	g->band_start = ae_calloc((size_t)g->nbands + 1, sizeof *g->band_start);
	/* Two passes: count, then place. An edge goes to every band its y-range touches. */
	for (int pass = 0; pass < 2; pass++) {
		size_t *fill = pass ? ae_calloc((size_t)g->nbands, sizeof *fill) : NULL;
		for (size_t i = 0; i < g->nedges; i++) {
			const edge *e = &g->edges[i];
			int b0 = (int)floor((fmin(e->y1, e->y2) - g->y0) / g->bandh);
			int b1 = (int)floor((fmax(e->y1, e->y2) - g->y0) / g->bandh);
			if (b0 < 0)
				b0 = 0;
			if (b1 >= g->nbands)
				b1 = g->nbands - 1;
			for (int b = b0; b <= b1; b++) {
				if (!pass)
					g->band_start[b + 1]++;
				else
					g->band_edges[g->band_start[b] + fill[b]++] = *e;
			}
		}
		if (!pass) {
			for (int b = 0; b < g->nbands; b++)
				g->band_start[b + 1] += g->band_start[b];
			g->band_edges = ae_malloc((g->band_start[g->nbands] + 1) * sizeof *g->band_edges);
		} else {
			free(fill);
		}
	}
	/* Edges were appended in polygon order already; sorting keeps that explicit. */
	for (int b = 0; b < g->nbands; b++)
		qsort(g->band_edges + g->band_start[b], g->band_start[b + 1] - g->band_start[b], sizeof(edge),
		      cmp_band_edge);
	/* Runs: at most one per edge. */
	g->run_start = ae_calloc((size_t)g->nbands + 1, sizeof *g->run_start);
	g->runs = ae_malloc((g->band_start[g->nbands] + 1) * sizeof *g->runs);
	size_t nr = 0;
	for (int b = 0; b < g->nbands; b++) {
		g->run_start[b] = nr;
		for (size_t i = g->band_start[b]; i < g->band_start[b + 1];) {
			struct run *r = &g->runs[nr++];
			r->poly = g->band_edges[i].poly;
			r->from = i;
			r->x0 = INFINITY;
			r->x1 = -INFINITY;
			for (; i < g->band_start[b + 1] && g->band_edges[i].poly == r->poly; i++) {
				const edge *e = &g->band_edges[i];
				r->x0 = fmin(r->x0, fmin(e->x1, e->x2));
				r->x1 = fmax(r->x1, fmax(e->x1, e->x2));
			}
			r->to = i;
		}
	}
	g->run_start[g->nbands] = nr;
}

int ae_geo_load(ae_geo **out, const char *path, const char *prop, ae_error *err)
{
	*out = NULL;
	FILE *probe = fopen(path, "rb");
	if (!probe)
		return ae_fail(err, AE_EIO, "%s: cannot open boundaries", path);
	fclose(probe);
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	if (!root)
		return ae_fail(err, AE_EUSAGE, "%s:%d: not valid JSON: %s", path, je.line, je.text);
	ae_geo *g = ae_calloc(1, sizeof *g);
	g->x0 = g->y0 = INFINITY;
	g->x1 = g->y1 = -INFINITY;
	int rc = AE_OK;
	json_t *feats = json_object_get(root, "features");
	const char *type = json_string_value(json_object_get(root, "type"));
	if (!type || strcmp(type, "FeatureCollection") != 0 || !json_is_array(feats)) {
		rc = ae_fail(err, AE_EUSAGE, "%s: not a GeoJSON FeatureCollection", path);
		goto done;
	}
	size_t nf = json_array_size(feats);
	g->names = ae_calloc(nf ? nf : 1, sizeof *g->names);
	for (size_t i = 0; i < nf && !rc; i++) {
		json_t *f = json_array_get(feats, i);
		json_t *geom = json_object_get(f, "geometry");
		const char *gt = json_string_value(json_object_get(geom, "type"));
		json_t *coords = json_object_get(geom, "coordinates");
		char *name = feature_name(json_object_get(f, "properties"), prop);
		g->names[i] = name;
		g->n = (int)i + 1;
		if (!name) {
			rc = ae_fail(err, AE_EUSAGE, "%s: feature %zu: no property '%s' naming the area", path, i, prop);
			break;
		}
		int ringno = 0;
		if (gt && strcmp(gt, "Polygon") == 0) {
			rc = add_polygon(g, coords, (int)i, &ringno, err, path);
		} else if (gt && strcmp(gt, "MultiPolygon") == 0) {
			if (!json_is_array(coords) || json_array_size(coords) == 0) {
				rc = ae_fail(err, AE_EUSAGE, "%s: feature %zu: a MultiPolygon needs polygons", path, i);
				break;
			}
			size_t k;
			json_t *poly;
			json_array_foreach(coords, k, poly) {
				if ((rc = add_polygon(g, poly, (int)i, &ringno, err, path)))
					break;
			}
		} else {
			rc = ae_fail(err, AE_EUSAGE,
				     "%s: feature %zu: geometry type '%s' is not Polygon or MultiPolygon", path, i,
				     gt ? gt : "(none)");
		}
	}
	if (!rc && g->n == 0)
		rc = ae_fail(err, AE_EUSAGE, "%s: no features", path);
	if (!rc)
		build_index(g);
done:
	json_decref(root);
	if (rc) {
		ae_geo_free(g);
		return rc;
	}
	*out = g;
	return AE_OK;
}

void ae_geo_free(ae_geo *g)
{
	if (!g)
		return;
	for (int i = 0; i < g->n; i++)
		free(g->names[i]);
	free(g->names);
	free(g->edges);
	free(g->band_start);
	free(g->band_edges);
	free(g->run_start);
	free(g->runs);
	free(g->vx);
	free(g->vy);
	free(g->ring_off);
	free(g->ring_feat);
	free(g->ring_hole);
	free(g);
}

int ae_geo_count(const ae_geo *g) { return g->n; }
size_t ae_geo_rings(const ae_geo *g) { return g->nrings; }

void ae_geo_ring(const ae_geo *g, size_t i, int *feature, int *hole, const double **x, const double **y, size_t *n)
{
	*feature = g->ring_feat[i];
	*hole = g->ring_hole[i];
	*x = g->vx + g->ring_off[i];
	*y = g->vy + g->ring_off[i];
	*n = g->ring_off[i + 1] - g->ring_off[i];
}
const char *ae_geo_name(const ae_geo *g, int feature) { return g->names[feature]; }

int ae_geo_locate(const ae_geo *g, double x, double y)
{
	if (!(x >= g->x0 && x <= g->x1 && y >= g->y0 && y <= g->y1))
		return -1;
	int b = (int)floor((y - g->y0) / g->bandh);
	if (b < 0)
		b = 0;
	if (b >= g->nbands)
		b = g->nbands - 1;
	for (size_t k = g->run_start[b]; k < g->run_start[b + 1]; k++) {
		const struct run *r = &g->runs[k];
		if (x < r->x0 || x > r->x1)
			continue; /* outside the span of its edges here: every crossing pairs up */
		int inside = 0;
		for (size_t i = r->from; i < r->to; i++) {
			const edge *e = &g->band_edges[i];
			if ((e->y1 <= y) != (e->y2 <= y) && x < e->x1 + (y - e->y1) * (e->x2 - e->x1) / (e->y2 - e->y1))
				inside ^= 1;
		}
		if (inside)
			return r->poly; /* runs are in polygon index order: the lowest wins */
	}
	return -1;
}
