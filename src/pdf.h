/* pdf.h — report.pdf from report.html, when this machine has a route for it:
 * headless Chromium (Debian's chromium), run with no shell and no network.
 * Optional by nature: without a route, or if Chromium fails, the report is
 * still complete and *note says why there is no PDF (one line). */
#ifndef AE_PDF_H
#define AE_PDF_H
#include <stddef.h>

/* 1 when dir/report.pdf was written; 0 with a reason in note. chromium:
 * the browser to run (NULL: "chromium" on the PATH; "none": no PDF). */
int ae_pdf_write(const char *dir, const char *chromium, char *note, size_t n);
#endif
