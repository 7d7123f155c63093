/* timeparse.h — timestamps to instants, instants to local days, in the
 * study's time zone.
 * A tz handle caches UTC offsets; one per thread. The process time zone
 * (TZ) is set once by ae_tz_new and must not change while handles live. */
#ifndef AE_TIMEPARSE_H
#define AE_TIMEPARSE_H
#include <stddef.h>
#include <stdint.h>

typedef struct ae_tz ae_tz;

enum ae_time_result {
	AE_TIME_OK = 0,
	AE_TIME_BAD = -1, /* not a timestamp in the expected form */
	AE_TIME_GAP = -2  /* naive local time inside a spring-forward gap */
};

/* NULL when the zone name is not a known IANA zone. */
ae_tz *ae_tz_new(const char *zone);
/* A fresh handle for another thread (the same zone). */
ae_tz *ae_tz_clone(const ae_tz *tz);
void ae_tz_free(ae_tz *tz);

/* Parses one timestamp. fmt NULL: ISO 8601 (Z, offset, or naive local).
 * "epoch" / "epoch_ms": Unix seconds / milliseconds. Otherwise a strptime
 * pattern; with %z the offset is used, without it the time is local.
 * A naive time in a fall-back hour is its first occurrence. */
int ae_time_parse(ae_tz *tz, const char *fmt, const char *s, size_t len, int64_t *utc);

/* UTC offset in seconds at an instant, and the local day number
 * (days since 1970-01-01 in local time). */
long ae_tz_offset(ae_tz *tz, int64_t utc);
long ae_local_day(ae_tz *tz, int64_t utc);
/* Converts local fields to an instant (first occurrence; AE_TIME_GAP in a gap). */
int ae_local_to_utc(ae_tz *tz, int y, int mo, int d, int h, int mi, int s, int64_t *utc);
#endif
