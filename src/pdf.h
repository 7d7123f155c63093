/* pdf.h — PDFs of the briefing's pages (report.html, and handout.html when
 * the briefing wrote one), when this machine has a route for it: headless
 * Chromium (Debian's chromium), run with no shell and no network.
 * Optional by nature: without a route, or if Chromium fails, the report is
 * still complete and *note says why there is no PDF (one line).
 * Deterministic: the same page gives the same bytes. Chromium's only bytes
 * that vary between runs are the dates it writes (/CreationDate, /ModDate;
 * a trailer /ID if a later version writes one); ae_pdf_fix overwrites them
 * in place with values of the same length derived from the inputs, so the
 * cross-reference offsets stay valid. */
#ifndef AE_PDF_H
#define AE_PDF_H
#include <stddef.h>

typedef struct ae_pdf_opts {
	const char *chromium; /* the browser to run (NULL: "chromium" on the PATH; "none": no PDF) */
	long day;             /* the date every PDF carries: days since 1970-01-01 (the study's last day) */
} ae_pdf_opts;

/* Prints dir/NAME.html to dir/NAME.pdf (made deterministic by ae_pdf_fix).
 * 1 when written; 0 with a reason in note (no NAME.pdf is left then). */
int ae_pdf_print(const char *dir, const char *name, const ae_pdf_opts *o, char *note, size_t n);

/* report.pdf, then handout.pdf when dir holds handout.html. 1 when every
 * PDF was written; 0 with a reason in note (the first that failed). */
int ae_pdf_write(const char *dir, const ae_pdf_opts *o, char *note, size_t n);

/* Makes the PDF at path byte-stable, in place and keeping its length:
 * every /CreationDate and /ModDate value becomes `day` at 00:00:00 UTC
 * ("D:YYYYMMDD000000" then the zone as +00'00', or Z; the value's own length), and
 * the hex digits of a trailer /ID become those of seed (64 hex digits,
 * repeated as needed). 0, or -1 when the file cannot be read or written. */
int ae_pdf_fix(const char *path, long day, const char seed[65]);
#endif
