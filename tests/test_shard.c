/* test_shard.c — the sharding recipes of doc/partials.md, run through
 * tests/shard_case.sh on a generated city of 60,000 reads against one run
 * of it:
 * - scripts/shard.sh --cut-only cuts a log whose quoted fields hold line
 *   breaks at record boundaries only, and the shards are the log (Python's
 *   csv module is the reference);
 * - scripts/shard.sh, 4 shards through GNU parallel, and the same from the
 *   log gzipped: the merged folder holds one run's files, each equal byte for
 *   byte (metrics.csv, rejects.csv, every chart) but the three that describe
 *   the read log (manifest.json, report.html, report.md);
 * - the same over ssh, on one machine: a stand-in for ssh runs each job in
 *   another home folder, GNU parallel's --transferfile, --return and
 *   --cleanup move the shards and partials (by rsync);
 * - scripts/slurm-partials.sbatch, each array task run here with
 *   SLURM_ARRAY_TASK_ID set, then its merge: the same;
 * - a failing partial stops shard.sh (exit 1, no report); an array of the
 *   wrong size, and a merge with a partial missing, are refused.
 * Without GNU parallel (Debian's parallel) the parallel cases report
 * SKIPPED, and the ssh case without rsync. Work in a mkdtemp() folder
 * under /tmp, removed at the end. */
#include "testutil.h"
#include <sys/wait.h>

#define BIN "build/alpr-eval-san"
#define GEN "build/gen-city"

static char tmp[64];

static int group_setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof tmp, "/tmp/ae-shard-XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	rm_tree(tmp);
	return 0;
}

/* One case of tests/shard_case.sh: its lines printed, SKIPPED on exit 77. */
static void shard_case(const char *name)
{
	char cmd[512], out[4096];
	snprintf(cmd, sizeof cmd, "tests/shard_case.sh " BIN " " GEN " %s/work %s 2>&1", tmp, name);
	FILE *f = popen(cmd, "r");
	assert_non_null(f);
	size_t n = fread(out, 1, sizeof out - 1, f);
	out[n] = '\0';
	int st = pclose(f);
	int rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	print_message("%s", out);
	if (rc == 77)
		skip();
	if (rc != 0)
		fail_msg("tests/shard_case.sh %s exited %d: %s", name, rc, out);
	assert_non_null(strstr(out, " ok"));
}

static void test_cut_at_records(void **state)
{
	(void)state;
	shard_case("cut");
}

static void test_parallel_merge_is_one_run(void **state)
{
	(void)state;
	shard_case("parallel");
}

static void test_gzip_log(void **state)
{
	(void)state;
	shard_case("gzip");
}

static void test_ssh_recipe(void **state)
{
	(void)state;
	shard_case("ssh");
}

static void test_slurm_array_is_one_run(void **state)
{
	(void)state;
	shard_case("slurm");
}

static void test_failures_stop_the_recipe(void **state)
{
	(void)state;
	shard_case("fail");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cut_at_records),
		cmocka_unit_test(test_parallel_merge_is_one_run),
		cmocka_unit_test(test_gzip_log),
		cmocka_unit_test(test_ssh_recipe),
		cmocka_unit_test(test_slurm_array_is_one_run),
		cmocka_unit_test(test_failures_stop_the_recipe),
	};
	return cmocka_run_group_tests_name("shard", tests, group_setup, group_teardown);
}
