/* peers.h — published figures of other agencies (analysis/peers.csv, compiled
 * into the program) and the briefing's section "Peers" that places this
 * city's alerts per read and retention among them. The peers' figures are
 * quoted from the file with their sources; they are not rows of metrics.csv.
 * The city's own figures are cited rows. A report step only (no build).
 * ae_peers is an opaque handle owned by the caller (ae_peers_free); the
 * ae_peer pointers it gives live as long as it does. */
#ifndef AE_PEERS_H
#define AE_PEERS_H
#include "util.h"
#include <stddef.h>

#define AE_PEERS_DEFAULT "analysis/peers.csv"
#define AE_PEERS_BUILTIN "analysis/peers.csv (built in)"
/* The shipped file's bytes (build/gen/peers_text.c, scripts/embed.sh). */
extern const unsigned char ae_peers_text[];
extern const size_t ae_peers_text_len;

enum { PEER_HIT_RATIO, PEER_RETENTION_DAYS };

typedef struct ae_peer {
	const char *agency, *state, *period, *source, *url, *note;
	int metric;                    /* PEER_* */
	double numerator, denominator; /* NAN when the source gives none */
	double value;                  /* a share for hit_ratio, days for retention_days */
	long line;                     /* its line in the file (the header is line 1) */
} ae_peer;

typedef struct ae_peers ae_peers;

/* Parses text (len bytes) named name in messages: the header must be the
 * columns above in order, every record ten fields, metric one of hit_ratio
 * and retention_days, value a number (and numerator / denominator when both
 * are given), agency and source never empty. Errors name the line and field. */
int ae_peers_parse(const unsigned char *text, size_t len, const char *name, ae_peers **out, ae_error *err);
/* The shipped file. */
int ae_peers_load_builtin(ae_peers **out, ae_error *err);
size_t ae_peers_count(const ae_peers *p);
const ae_peer *ae_peers_get(const ae_peers *p, size_t i);
void ae_peers_free(ae_peers *p);
/* The address as the briefing prints it: without its scheme, so the page
 * holds no link a viewer might fetch (the report is self-contained). */
const char *ae_peers_url_shown(const char *url);

struct brief;
void ae_peers_section(struct brief *b);
#endif
