/* sha256.h — the project's one SHA-256 (OpenSSL's libcrypto, which uses the
 * CPU's SHA instructions). ae_sha256 is an opaque streaming handle owned by
 * the caller (ae_sha256_free); ae_sha256_file hashes a whole file. */
#ifndef AE_SHA256_H
#define AE_SHA256_H
#include "accounting.h"
#include "util.h"
#include <stddef.h>

typedef struct ae_sha256 ae_sha256;
ae_sha256 *ae_sha256_new(void); /* NULL when libcrypto cannot start one */
void ae_sha256_update(ae_sha256 *h, const void *data, size_t n);
/* 64 lower-case hex digits and a NUL into hex; 0, or -1 on failure. */
int ae_sha256_final(ae_sha256 *h, char hex[65]);
void ae_sha256_free(ae_sha256 *h);
/* Bytes and SHA-256 of a file into out (present = 1); an error naming it. */
int ae_sha256_file(const char *path, ae_filehash *out, ae_error *err);
#endif
