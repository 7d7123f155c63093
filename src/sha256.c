/* sha256.c — see sha256.h. */
#include "sha256.h"
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

struct ae_sha256 {
	EVP_MD_CTX *md;
};

ae_sha256 *ae_sha256_new(void)
{
	ae_sha256 *h = ae_calloc(1, sizeof *h);
	h->md = EVP_MD_CTX_new();
	if (!h->md || EVP_DigestInit_ex(h->md, EVP_sha256(), NULL) != 1) {
		ae_sha256_free(h);
		return NULL;
	}
	return h;
}

void ae_sha256_update(ae_sha256 *h, const void *data, size_t n) { EVP_DigestUpdate(h->md, data, n); }

int ae_sha256_final(ae_sha256 *h, char hex[65])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	if (EVP_DigestFinal_ex(h->md, d, &n) != 1 || n != 32)
		return -1;
	static const char digits[] = "0123456789abcdef";
	for (unsigned i = 0; i < 32; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
	return 0;
}

void ae_sha256_free(ae_sha256 *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->md);
	free(h);
}

int ae_sha256_file(const char *path, ae_filehash *out, ae_error *err)
{
	memset(out, 0, sizeof *out);
	FILE *f = fopen(path, "rb");
	if (!f)
		return ae_fail(err, AE_EIO, "%s: cannot read: %s", path, strerror(errno));
	ae_sha256 *h = ae_sha256_new();
	unsigned char buf[65536];
	size_t n;
	while (h && (n = fread(buf, 1, sizeof buf, f)) > 0) {
		ae_sha256_update(h, buf, n);
		out->bytes += n;
	}
	int bad = !h || ferror(f);
	fclose(f);
	if (!bad && ae_sha256_final(h, out->sha256) != 0)
		bad = 1;
	ae_sha256_free(h);
	if (bad)
		return ae_fail(err, AE_EIO, "%s: cannot read it to hash it", path);
	out->present = 1;
	return AE_OK;
}
