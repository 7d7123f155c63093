/* svgclean.h — a chart's SVG made fit to sit inside an HTML page that needs
 * no network: from its <svg> tag to the matching </svg>, without prolog,
 * DOCTYPE, comments, scripts, styles, event handlers or references to other
 * files or the web (external href, url(...)); ids and #references get a
 * prefix so two charts' ids cannot collide in one page. Stateless; the
 * caller owns every buffer. */
#ifndef AE_SVGCLEAN_H
#define AE_SVGCLEAN_H
#include "util.h"
#include <stddef.h>

/* A chart's name as an id prefix: letters, digits, '-' and '_' kept, any
 * other byte as '_', then a '-'; cut to fit out (n bytes, n >= 2). */
void ae_svg_id_prefix(char *out, size_t n, const char *name);
/* Appends the cleaned SVG of the n bytes at svg to out, then a newline.
 * label (plain text) names the chart: the root gets role="img" and an
 * aria-label, and the first <title> holds it. */
void ae_svg_inline(ae_buf *out, const char *svg, size_t n, const char *prefix, const char *label);
#endif
