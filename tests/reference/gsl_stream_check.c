/* gsl_stream_check.c -- what GSL's mt19937 really emits, so that the pure-Python stream in
 * exposure_ref.py (used for bootstrap_days) can be checked against GSL itself.
 *
 *   cc -O2 -o /tmp/gsl_stream_check tests/reference/gsl_stream_check.c -lgsl -lgslcblas -lm
 *   /tmp/gsl_stream_check > /tmp/gsl.txt
 *   /usr/bin/python3 tests/reference/exposure_ref.py --gsl-check | diff - /tmp/gsl.txt
 *
 * For each seed: the first 5 gsl_rng_get; then, re-seeded, the first 20 gsl_rng_uniform_int(r, 365);
 * then, re-seeded, the first 10 gsl_rng_uniform_int(r, 3000000000) (scale = 1, so about 30 % of
 * raw values are rejected: this exercises the rejection loop). Seed 0 is GSL's 4357.
 * exposure_ref.py --selftest compares its own output with the block below.
 *
 * EXPECTED OUTPUT BEGIN
 * seed 7 get: 327741615 976413892 3349725721 1369975286 1882953283
 * seed 7 uniform_int(365): 27 82 284 116 160 357 264 166 356 112 196 96 182 31 26 153 97 5 182 192
 * seed 7 uniform_int(3000000000): 327741615 976413892 1369975286 1882953283 1956722279 1322904761 2312822158 1133316631 2152296008 372560217
 * seed 4242 get: 1395647406 3472777710 4039049869 1035264657 3925634230
 * seed 4242 uniform_int(365): 118 295 343 87 333 165 104 121 285 57 239 304 193 187 122 242 264 55 192 332
 * seed 4242 uniform_int(3000000000): 1395647406 1035264657 1944778402 1230548432 1433662865 676021373 2822891283 2274085288 2208424776 1439835229
 * seed 0 get: 4293858116 699692587 1213834231 4068197670 994957275
 * seed 0 uniform_int(365): 364 59 103 345 84 177 349 271 197 270 277 240 115 293 189 61 173 143 80 77
 * seed 0 uniform_int(3000000000): 699692587 1213834231 994957275 2082945813 2319469851 2828822719 1355653262 2231974739 724013039 2042384640
 * seed 4357 get: 4293858116 699692587 1213834231 4068197670 994957275
 * seed 4357 uniform_int(365): 364 59 103 345 84 177 349 271 197 270 277 240 115 293 189 61 173 143 80 77
 * seed 4357 uniform_int(3000000000): 699692587 1213834231 994957275 2082945813 2319469851 2828822719 1355653262 2231974739 724013039 2042384640
 * EXPECTED OUTPUT END  (GSL 2.7.1+dfsg-5+deb12u1, Debian 12, x86_64)
 */
#include <stdio.h>
#include <gsl/gsl_rng.h>

int main(void)
{
	const unsigned long seeds[] = {7, 4242, 0, 4357};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	for (int s = 0; s < 4; s++) {
		gsl_rng_set(r, seeds[s]);
		printf("seed %lu get:", seeds[s]);
		for (int i = 0; i < 5; i++)
			printf(" %lu", gsl_rng_get(r));
		gsl_rng_set(r, seeds[s]);
		printf("\nseed %lu uniform_int(365):", seeds[s]);
		for (int i = 0; i < 20; i++)
			printf(" %lu", gsl_rng_uniform_int(r, 365));
		gsl_rng_set(r, seeds[s]);
		printf("\nseed %lu uniform_int(3000000000):", seeds[s]);
		for (int i = 0; i < 10; i++)
			printf(" %lu", gsl_rng_uniform_int(r, 3000000000UL));
		printf("\n");
	}
	gsl_rng_free(r);
	return 0;
}
