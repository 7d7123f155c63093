/* fuzz_study.c — libFuzzer target: the study file (INI) parser. */
#include "study.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		strcpy(path, "/tmp/alpr-fuzz-study-XXXXXX");
		int fd = mkstemp(path);
		if (fd < 0)
			abort();
		close(fd);
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	ae_study st;
	ae_error err;
	int rc = ae_study_load(path, &st, &err);
	if (rc != AE_OK && rc != AE_EUSAGE)
		abort();
	ae_study_release(&st);
	return 0;
}
