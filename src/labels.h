/* labels.h — the words a reader sees for a code of the metrics table (a
 * group such as `not_actionable` or `stolen_vehicle`): one mapping for the
 * charts and the briefing's text, so a chart and the sentence beside it
 * name a thing alike. */
#ifndef AE_LABELS_H
#define AE_LABELS_H
#include <stddef.h>

/* The plain words for group code of dimension dim ("disposition",
 * "hotlist", "outcome", "reason_class", "organization_class",
 * "direction_class", "search_type", ...). A code with no entry of its own
 * gets its underscores as spaces; a demographic group ("group": `black`)
 * is capitalised ("Black"); a name a study file gave (a camera, an
 * area, a month) comes back as it is. The result is either a fixed string
 * or buf (n bytes), never NULL. */
const char *ae_label_plain(const char *dim, const char *code, char *buf, size_t n);
#endif
