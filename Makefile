# alpr-eval — hand-written Makefile.
#   make            build build/alpr-eval (optimised)
#   make test       build with ASan + UBSan and run every test
#   make sample     run the sample study
#   make reports    rerun each report under reports/ whose study file or inputs changed (and only those)
#   make bench      alpr-eval against DuckDB (see scripts/bench.sh)
#   make bench-effect  the crime effect's run time on 300 areas x 260 weeks (tests/bench_effect.c)
#   make coverage   how often each interval family holds the planted truth (scripts/coverage.py)
#   make coverage-effect  the crime-effect interval and p-value over seeded crime panels
#   make coverage-compare  compare's change intervals over seeded pairs of years with a planted drop
#   make fuzz       every libFuzzer target for FUZZ_SECONDS (default 60)
#   make valgrind   the sample study under valgrind (fails on any error or leak)
#   make tsan       two-thread runs under ThreadSanitizer (fails on any data race)
#   make clean
CC      ?= gcc
PKGS    := gsl inih jansson libsodium zlib libcrypto
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           $(shell pkg-config --cflags $(PKGS))
LDLIBS  := $(shell pkg-config --libs $(PKGS)) -l:libcsv.a -lm -lpthread
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC     := util.c sha256.c schema.c study.c timeparse.c csvin.c hashtab.c vcells.c aggregate.c ingest_checks.c ingest_reads.c ingest_tables.c ingest.c \
           estimate.c table.c suppress.c analysis.c alerts.c alerts_cluster.c exposure.c governance.c \
           governance_charts.c retention_charts.c effect_charts.c effect_brief.c sharing.c retention.c oversight.c peers.c incidents.c gov_classify.c manifest.c \
           output.c geo.c spawn.c plot.c chartkit.c \
           charts.c doc.c numfmt.c labels.c svgclean.c brief.c brief_summary.c brief_key.c brief_charts.c brief_methods.c \
           brief_quality.c brief_provenance.c briefing.c pdf.c progress.c partial.c depend.c run.c effect_fit.c effect_event.c effect_fast.c effect.c \
           compare.c compare_ci.c compare_pair.c compare_report.c
# the shipped organization rules and peers' figures, compiled in (scripts/embed.sh)
GEN     := build/gen/orgrules_text.c build/gen/peers_text.c
LIBOBJ  := $(SRC:%.c=build/obj/%.o) build/obj/orgrules_text.o build/obj/peers_text.o
TLIBOBJ := $(SRC:%.c=build/tobj/%.o) build/tobj/orgrules_text.o build/tobj/peers_text.o
TESTS   := $(patsubst tests/%.c,build/tests/%,$(wildcard tests/test_*.c))

.PHONY: all test sample reports reports-run bench bench-effect coverage coverage-effect coverage-compare fuzz valgrind tsan clean
all: build/alpr-eval build/gen-city build/gen-crime

build/obj/%.o: src/%.c src/*.h | build/obj
	$(CC) $(CFLAGS) -c -o $@ $<
build/tobj/%.o: src/%.c src/*.h | build/tobj
	$(CC) $(CFLAGS) -O1 $(SAN) -c -o $@ $<

build/gen/orgrules_text.c: analysis/organization-rules.txt scripts/embed.sh | build/gen
	sh scripts/embed.sh ae_orgrules_text $< >$@.tmp && mv $@.tmp $@
build/obj/orgrules_text.o: build/gen/orgrules_text.c | build/obj
	$(CC) $(CFLAGS) -c -o $@ $<
build/tobj/orgrules_text.o: build/gen/orgrules_text.c | build/tobj
	$(CC) $(CFLAGS) -O1 $(SAN) -c -o $@ $<
build/gen/peers_text.c: analysis/peers.csv scripts/embed.sh | build/gen
	sh scripts/embed.sh ae_peers_text $< >$@.tmp && mv $@.tmp $@
build/obj/peers_text.o: build/gen/peers_text.c | build/obj
	$(CC) $(CFLAGS) -c -o $@ $<
build/tobj/peers_text.o: build/gen/peers_text.c | build/tobj
	$(CC) $(CFLAGS) -O1 $(SAN) -c -o $@ $<

build/alpr-eval: build/obj/main.o $(LIBOBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)
build/alpr-eval-san: build/tobj/main.o $(TLIBOBJ)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)
build/gen-city: scripts/gen_city.c | build
	$(CC) $(CFLAGS) -o $@ $< $(shell pkg-config --libs gsl zlib) -lm
build/gen-crime: scripts/gen_crime.c | build
	$(CC) $(CFLAGS) -o $@ $< $(shell pkg-config --libs gsl zlib) -lm

build/tests/%: tests/%.c tests/*.h tests/reference/*.h $(TLIBOBJ) | build/tests
	$(CC) $(CFLAGS) -O1 $(SAN) -Isrc -o $@ $< $(TLIBOBJ) $(LDLIBS) -lcmocka

build build/obj build/tobj build/tests build/gen:
	mkdir -p $@

test: $(TESTS) build/alpr-eval-san build/gen-city build/gen-crime
	@tests/run.sh $(TESTS)

# libFuzzer targets (clang), ASan + UBSan: make fuzz FUZZ_SECONDS=600
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := fuzz_ingest fuzz_study fuzz_geojson fuzz_timestamp fuzz_svgclean
FUZZ_BINS    := $(FUZZ_TARGETS:%=build/fuzz/%)
build/fuzz/%: tests/fuzz/%.c $(SRC:%=src/%) $(GEN) src/*.h | build/fuzz
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -Isrc $(shell pkg-config --cflags $(PKGS)) -o $@ $< $(SRC:%=src/%) $(GEN) $(LDLIBS)
build/fuzz:
	mkdir -p $@
fuzz: $(FUZZ_BINS)
	tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BINS)

# memory hygiene of the optimised build on the sample study, and on a plain read log split
# between two threads: no error, no leak
VALGRIND := valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=9
valgrind: build/alpr-eval
	ALPR_EVAL_CHROMIUM=none $(VALGRIND) build/alpr-eval -q run --output build/valgrind-report analysis/sample-city.ini
	ALPR_EVAL_CHROMIUM=none ALPR_EVAL_SPLIT_MIN=0 $(VALGRIND) build/alpr-eval -q -j 2 run \
		--output build/valgrind-report-split tests/data/tiny/study.ini

# data races in the two-thread read log: ThreadSanitizer build, split runs of the test studies
# and a generated city (build/tsan/alpr-eval)
build/tsan/alpr-eval: src/*.c src/*.h $(GEN) | build/tsan
	$(CC) $(CFLAGS) -O1 -fsanitize=thread -o $@ $(SRC:%=src/%) $(GEN) src/main.c $(LDLIBS)
build/tsan:
	mkdir -p $@
tsan: build/tsan/alpr-eval build/gen-city
	tests/tsan_run.sh build/tsan/alpr-eval build/gen-city

# interval coverage: seeded cities in three regimes, each 95 % interval family against the
# planted truth (scripts/coverage.py; COVERAGE_ARGS="--regimes small --seeds-small 10" for a quick one,
# "--jobs N" cities at a time, "--families" marks families below 93 % or above 97 %); first, every
# truth key of the sample city's planted.ini must be the truth of some row family
coverage: build/alpr-eval build/gen-city
	python3 scripts/coverage.py --self-check
	python3 scripts/coverage.py $(COVERAGE_ARGS)

# crime-effect coverage: 200 seeded crime panels per regime (many and few treated areas), each with a
# planted ratio and with none: interval coverage, randomization p rejection rate, pre-trend rejection
# rate (scripts/coverage_effect.py; COVERAGE_EFFECT_ARGS="--seeds 20" for a quick one,
# "--engine python" for the independent reference tests/reference/effect_panel_ref.py instead of alpr-eval)
coverage-effect: build/alpr-eval build/gen-crime
	/usr/bin/python3 scripts/coverage_effect.py $(COVERAGE_EFFECT_ARGS)

# compare's coverage: COVERAGE_COMPARE_ARGS seeds' pairs of generated years sharing their vehicles, year
# B's hit probabilities x 0.7; how often each interval family of changes.csv holds the planted change
# (scripts/coverage_compare.py; "--seeds 40" for a quick one; default 400)
coverage-compare: build/alpr-eval build/gen-city
	python3 scripts/coverage_compare.py $(COVERAGE_COMPARE_ARGS)

# alpr-eval against DuckDB on generated 1, 10 and 30 million-read studies (BENCH_ARGS="--sizes 1 --runs 1")
bench: build/alpr-eval build/gen-city
	scripts/bench.sh $(BENCH_ARGS)

# the crime effect at size: each step's wall time (a benchmark, not a test; not in make test)
build/bench-effect: tests/bench_effect.c $(LIBOBJ) | build
	$(CC) $(CFLAGS) -Isrc -o $@ $< $(LIBOBJ) $(LDLIBS)
# the crime effect: the estimator's steps on a 300 x 260 panel in memory, then a whole run of a
# generated 300-area, 260-week study with 999 permutations (scripts/bench_effect.sh; RUNS=3)
bench-effect: build/bench-effect build/alpr-eval build/gen-crime
	build/bench-effect
	scripts/bench_effect.sh

sample: build/alpr-eval
	build/alpr-eval run analysis/sample-city.ini

# make reports: every report folder under REPORTS_DIR that has a manifest.json, plus the
# study files in STUDIES (new reports), is rerun when its study file or any file the study reads
# is newer than its manifest. The rules come from `alpr-eval depend` (the manifest names the study
# and the --period it ran with). A new alpr-eval does not by itself rerun them: make -B reports.
REPORTS_DIR ?= reports
STUDIES     ?=
AE          ?= build/alpr-eval
REPORTS_MK  := build/reports/$(subst /,_,$(abspath $(REPORTS_DIR))).mk
# the rules are written first, then a second make reads them: an included makefile that make
# remade itself would restart make after each report it rewrote
reports: | $(AE)
	@mkdir -p build/reports
	@$(AE) depend $(wildcard $(REPORTS_DIR)/*/manifest.json) $(STUDIES) > $(REPORTS_MK).tmp
	@mv $(REPORTS_MK).tmp $(REPORTS_MK)
	@$(MAKE) --no-print-directory reports-run REPORTS_DIR=$(REPORTS_DIR) AE=$(AE)
ifneq ($(filter reports-run,$(MAKECMDGOALS)),)
include $(REPORTS_MK)
endif
%/manifest.json: | $(AE)
	$(AE) -q run $(AE_STUDY) $(if $(strip $(AE_PERIOD)),--period $(strip $(AE_PERIOD))) -o $(@D)
reports-run: $(AE_REPORTS)
	@:

clean:
	rm -rf build
