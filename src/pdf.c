/* pdf.c — see pdf.h. */
#define _GNU_SOURCE
#include "pdf.h"
#include "spawn.h"
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

int ae_pdf_write(const char *dir, const char *chromium, char *note, size_t n)
{
	const char *bin = chromium && *chromium ? chromium : "chromium";
	if (strcmp(bin, "none") == 0) {
		snprintf(note, n, "no PDF written (turned off by ALPR_EVAL_CHROMIUM=none)");
		return 0;
	}
	char abs[PATH_MAX], html[PATH_MAX + 32], pdf[PATH_MAX + 32], profile[] = "/tmp/alpr-eval-chromium-XXXXXX";
	if (!realpath(dir, abs) || !mkdtemp(profile)) {
		snprintf(note, n, "no PDF written (no temporary folder for the browser)");
		return 0;
	}
	snprintf(html, sizeof html, "file://%s/report.html", abs);
	snprintf(pdf, sizeof pdf, "--print-to-pdf=%s/report.pdf", abs);
	char udd[sizeof profile + 32];
	snprintf(udd, sizeof udd, "--user-data-dir=%s", profile);
	char *argv[] = {(char *)bin,
			"--headless",
			"--no-sandbox",
			"--disable-gpu",
			"--disable-quic",
			"--no-first-run",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
			"--no-pdf-header-footer",
			udd,
			pdf,
			html,
			NULL};
	ae_buf out, eo;
	ae_buf_init(&out);
	ae_buf_init(&eo);
	int st = ae_spawn(NULL, argv, NULL, &out, &eo);
	ae_buf_release(&out);
	ae_buf_release(&eo);
	nftw(profile, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	char check[PATH_MAX + 32];
	snprintf(check, sizeof check, "%s/report.pdf", abs);
	if (st == 0 && access(check, R_OK) == 0)
		return 1;
	unlink(check);
	if (st == 127)
		snprintf(note, n,
			 "no PDF written: no PDF route on this machine (Debian's chromium prints report.html to PDF; report.html prints well from any browser)");
	else
		snprintf(note, n, "no PDF written: chromium failed (exit %d); report.html prints well from any browser",
			 st);
	return 0;
}
