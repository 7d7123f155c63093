/* pdf.c — see pdf.h. */
#define _GNU_SOURCE
#include "pdf.h"
#include "sha256.h"
#include "spawn.h"
#include <ctype.h>
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

static int is_pdf_space(int c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

/* The value of every `key (D:...)` in p: D:YYYYMMDDHHmmSS from fixed, then
 * the time zone as +00'00' (digits to 0, a sign to +, a Z kept), so any length fits. */
static void fix_dates(char *p, size_t len, const char *key, const char *fixed)
{
	size_t kl = strlen(key), fl = strlen(fixed);
	for (char *s = p; (s = memmem(s, len - (size_t)(s - p), key, kl)) != NULL; s += kl) {
		char *v = s + kl, *end = p + len;
		while (v < end && is_pdf_space((unsigned char)*v))
			v++;
		if (v >= end || *v != '(')
			continue;
		for (size_t i = 0; ++v < end && *v != ')'; i++)
			if (i < fl)
				*v = fixed[i];
			else if (isdigit((unsigned char)*v))
				*v = '0';
			else if (*v == '-')
				*v = '+';
	}
}

/* The hex digits of every `/ID [<...> <...>]` in p become seed's, in turn.
 * Only in the trailer (or, with no classic trailer, the file's last 4 KiB,
 * where a cross-reference stream's dictionary is), and only in a whole array
 * of hex strings: compressed stream bytes elsewhere can look like "/ID [". */
static void fix_ids(char *p, size_t len, const char *seed)
{
	size_t k = 0, sl = strlen(seed), from = len > 4096 ? len - 4096 : 0;
	for (char *t = p; (t = memmem(t, len - (size_t)(t - p), "trailer", 7)) != NULL; t += 7)
		from = (size_t)(t - p);
	char *end = p + len;
	for (char *s = p + from; (s = memmem(s, (size_t)(end - s), "/ID", 3)) != NULL; s += 3) {
		char *v = s + 3;
		while (v < end && is_pdf_space((unsigned char)*v))
			v++;
		if (v >= end || *v != '[') /* another name that starts with /ID, or not an array */
			continue;
		char *close = v + 1;
		while (close < end && close - v < 160 &&
		       (*close == '<' || *close == '>' || is_pdf_space(*close) || isxdigit((unsigned char)*close)))
			close++;
		if (close >= end || *close != ']')
			continue;
		for (char *c = v; c < close; c++)
			if (isxdigit((unsigned char)*c))
				*c = seed[k++ % sl];
	}
}

int ae_pdf_fix(const char *path, long day, const char seed[65])
{
	FILE *f = fopen(path, "r+b");
	if (!f)
		return -1;
	ae_buf b;
	ae_buf_init(&b);
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		ae_buf_add(&b, chunk, got);
	int bad = ferror(f);
	if (!bad) {
		int y, m, d;
		ae_civil_from_days(day, &y, &m, &d);
		char fixed[32];
		snprintf(fixed, sizeof fixed, "D:%04d%02d%02d000000", y, m, d);
		fix_dates(b.data, b.len, "/CreationDate", fixed);
		fix_dates(b.data, b.len, "/ModDate", fixed);
		fix_ids(b.data, b.len, seed);
		/* same length: rewriting in place leaves no stale tail */
		bad = fseek(f, 0, SEEK_SET) != 0 || fwrite(b.data, 1, b.len, f) != b.len;
	}
	bad |= fclose(f) != 0;
	ae_buf_release(&b);
	return bad ? -1 : 0;
}

int ae_pdf_print(const char *dir, const char *name, const ae_pdf_opts *o, char *note, size_t n)
{
	const char *bin = o->chromium && *o->chromium ? o->chromium : "chromium";
	if (strcmp(bin, "none") == 0) {
		snprintf(note, n, "no PDF written (turned off by ALPR_EVAL_CHROMIUM=none)");
		return 0;
	}
	char abs[PATH_MAX], profile[] = "/tmp/alpr-eval-chromium-XXXXXX";
	if (!realpath(dir, abs) || !mkdtemp(profile)) {
		snprintf(note, n, "no %s.pdf written (no temporary folder for the browser)", name);
		return 0;
	}
	size_t room = strlen(abs) + strlen(name) + 64;
	char *html = ae_malloc(room), *url = ae_malloc(room), *pdf = ae_malloc(room), *flag = ae_malloc(room);
	snprintf(html, room, "%s/%s.html", abs, name);
	snprintf(url, room, "file://%s", html);
	snprintf(pdf, room, "%s/%s.pdf", abs, name);
	snprintf(flag, room, "--print-to-pdf=%s", pdf);
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
			flag,
			url,
			NULL};
	ae_buf out, eo;
	ae_buf_init(&out);
	ae_buf_init(&eo);
	int st = ae_spawn(NULL, argv, NULL, &out, &eo);
	ae_buf_release(&out);
	ae_buf_release(&eo);
	nftw(profile, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	int ok = 0;
	if (st == 0 && access(pdf, R_OK) == 0) {
		/* the page's own hash seeds the /ID: the same page, the same PDF */
		ae_filehash h;
		ae_error e;
		memset(&e, 0, sizeof e);
		if (ae_sha256_file(html, &h, &e) == AE_OK && ae_pdf_fix(pdf, o->day, h.sha256) == 0)
			ok = 1;
		else
			snprintf(note, n,
				 "no %s.pdf written: the PDF Chromium wrote could not be read back to fix its dates",
				 name);
	} else if (st == 127)
		snprintf(note, n,
			 "no PDF written: no PDF route on this machine (Debian's chromium prints report.html to PDF; report.html prints well from any browser)");
	else
		snprintf(note, n, "no %s.pdf written: chromium failed (exit %d); %s.html prints well from any browser",
			 name, st, name);
	if (!ok)
		unlink(pdf);
	free(html), free(url), free(pdf), free(flag);
	return ok;
}

int ae_pdf_write(const char *dir, const ae_pdf_opts *o, char *note, size_t n)
{
	if (!ae_pdf_print(dir, "report", o, note, n))
		return 0; /* the handout would fail the same way */
	char *handout = ae_path_join(dir, "handout.html");
	int has = access(handout, R_OK) == 0;
	free(handout);
	return has ? ae_pdf_print(dir, "handout", o, note, n) : 1;
}
