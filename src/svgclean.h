/* svgclean.h — a chart's SVG made fit to sit inside an HTML page that needs
 * no network and runs no script: from its <svg> tag to the matching </svg>,
 * written again from what was read, so that whatever the file holds (it is
 * gnuplot's, but built from data) the page gets only SVG drawing elements
 * and their attributes: no prolog, DOCTYPE, comments, scripts, styles,
 * event handlers, HTML, or reference to another file or the web (href
 * other than #id, url(...) other than url(#id)). Ids and #references get a
 * prefix, so two charts' ids cannot collide in one page; elements left
 * open are closed. svgclean.c says what is kept and why.
 * Stateless; the caller owns every buffer. */
#ifndef AE_SVGCLEAN_H
#define AE_SVGCLEAN_H
#include "util.h"
#include <stddef.h>

/* A chart's name as an id prefix: letters, digits, '-' and '_' kept, any
 * other byte as '_', then a '-'; cut to fit out (n bytes, n >= 2). */
void ae_svg_id_prefix(char *out, size_t n, const char *name);
/* Appends the cleaned SVG of the n bytes at svg (no NUL needed) to out,
 * then a newline; only the newline if there is no complete <svg> tag.
 * prefix goes before every id. label (plain text, or NULL) names the
 * chart: the root gets role="img" and an aria-label, and the first <title>
 * holds it instead of its own text. */
void ae_svg_inline(ae_buf *out, const char *svg, size_t n, const char *prefix, const char *label);
#endif
