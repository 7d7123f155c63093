/* fuzz_timestamp.c — libFuzzer target: timestamps, ISO and strptime patterns,
 * in a zone with daylight saving. The first byte picks the format. */
#include "timeparse.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static ae_tz *tz;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!tz && !(tz = ae_tz_new("America/Chicago")))
		abort();
	if (size < 1)
		return 0;
	static const char *const fmts[] =
		{NULL, "epoch", "epoch_ms", "%m/%d/%Y %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z", "%d.%m.%Y %H:%M"};
	const char *fmt = fmts[data[0] % 6];
	int64_t t;
	int rc = ae_time_parse(tz, fmt, (const char *)data + 1, size - 1, &t);
	if (rc == AE_TIME_OK) {
		long day = ae_local_day(tz, t);
		(void)day;
	} else if (rc != AE_TIME_BAD && rc != AE_TIME_GAP) {
		abort();
	}
	return 0;
}
