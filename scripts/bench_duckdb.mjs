#!/usr/bin/env node
// DuckDB side of `make bench` (scripts/bench.sh): computes, from the same inputs, the subset of
// alpr-eval's alert figures an analyst would otherwise write in SQL, and fetches every row.
//
//   node scripts/bench_duckdb.mjs READS HITS CAMERAS [START END TIMEZONE]
//   node scripts/bench_duckdb.mjs --version
//
// READS may be plain CSV or gzip (.gz). START/END are inclusive local dates (default
// 2025-01-01 2025-12-31), TIMEZONE an IANA name (default America/Chicago).
// Figures: total reads; reads per camera; distinct vehicles (normalised plate + state) overall,
// per camera and per neighbourhood (the read's own column, else its camera's, else 'unknown');
// hits by hotlist x disposition; hits and hit rate per neighbourhood; reads per local month.
// As in alpr-eval: reads outside the period, with an unparseable timestamp, an empty plate or a
// wrong field count are left out; a hit links to its read by read_id, else by normalised plate
// + camera + instant; hits with an unknown hotlist or disposition, or linking to no kept read,
// are left out. Prints one summary line on stdout and exits 0.
//
// With ALPR_BENCH_FIGURES=FILE it also writes the figures, after the queries, as
// metric,dimension,group,value lines named as in alpr-eval's metrics.csv (bench.sh compares them).
//
// The @duckdb/node-api package is loaded from $ALPR_BENCH_CACHE/node_modules (default
// ~/.cache/alpr-eval-bench), where bench.sh installs it, else from the usual resolution.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

function fail(msg) {
    process.stderr.write(`bench_duckdb: ${msg}\n`);
    process.exit(1);
}

function loadDuckDB() {
    const cache = process.env.ALPR_BENCH_CACHE || join(homedir(), '.cache', 'alpr-eval-bench');
    for (const base of [join(cache, 'noop.js'), import.meta.url]) {
        try {
            return createRequire(base)('@duckdb/node-api');
        } catch (e) {
            if (e.code !== 'MODULE_NOT_FOUND') throw e;
        }
    }
    fail(`@duckdb/node-api not found (looked in ${cache}/node_modules): ` +
         `npm install --prefix ${cache} @duckdb/node-api`);
}

const sqlStr = (s) => `'${String(s).replaceAll("'", "''")}'`;
const NULLS = `['', 'NA', 'N/A', 'n/a', 'NULL', 'Not Provided']`;
const HOTLISTS = ['stolen_vehicle', 'stolen_plate', 'wanted_person', 'missing_person',
                  'amber_alert', 'registration', 'manual', 'other'];
const DISPOSITIONS = ['confirmed', 'misread', 'wrong_state', 'stale_entry', 'not_actionable',
                      'unverified'];
const list = (a) => a.map(sqlStr).join(', ');
// upper case, no spaces, tabs or dashes
const normPlate = (col) =>
    `upper(replace(replace(replace(${col}, ' ', ''), chr(9), ''), '-', ''))`;

const { DuckDBInstance } = loadDuckDB();
const args = process.argv.slice(2);

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await instance.connect();
const all = async (sql) => (await con.runAndReadAll(sql)).getRows();

if (args[0] === '--version') {
    const [[v]] = await all('SELECT version()');
    process.stdout.write(`${v}\n`);
    process.exit(0);
}
if (args.length !== 3 && args.length !== 6) {
    process.stderr.write('usage: bench_duckdb.mjs READS HITS CAMERAS [START END TIMEZONE] | --version\n');
    process.exit(2);
}
const [reads, hits, cameras, start = '2025-01-01', end = '2025-12-31', tz = 'America/Chicago'] = args;
if (!/^\d{4}-\d\d-\d\d$/.test(start) || !/^\d{4}-\d\d-\d\d$/.test(end)) fail('START and END are YYYY-MM-DD');

const t0 = process.hrtime.bigint();
await con.run('SET threads = 2');
await con.run(`SET TimeZone = ${sqlStr(tz)}`);
// the order of rows in the temporary tables does not matter: lets DuckDB load in parallel freely
await con.run('SET preserve_insertion_order = false');

await con.run(`
CREATE TEMP TABLE cams AS
SELECT trim(camera_id) AS camera_id, nullif(trim(neighborhood), '') AS nb
FROM read_csv(${sqlStr(cameras)}, header = true, auto_detect = false, delim = ',', quote = '"',
     nullstr = ${NULLS},
     columns = {'camera_id': 'VARCHAR', 'lat': 'VARCHAR', 'lon': 'VARCHAR', 'neighborhood': 'VARCHAR',
                'kind': 'VARCHAR', 'installed': 'VARCHAR', 'removed': 'VARCHAR'})
WHERE camera_id IS NOT NULL`);

// The read log: only the columns the figures need are converted (DuckDB's CSV reader skips the
// rest); a row whose timestamp does not parse or whose field count is wrong is skipped.
// Period: local dates START..END in TIMEZONE. The neighbourhood is resolved after grouping by
// (camera, read's own neighbourhood, vehicle): joining the cameras row by row at load took
// about as long as the load itself.
await con.run(`
CREATE TEMP TABLE r AS
SELECT read_id, camera_id, ts, plate_n, st, rnb FROM (
  SELECT l.read_id, l.camera_id, l.ts, ${normPlate('l.plate')} AS plate_n,
         coalesce(trim(l.plate_state), '') AS st, nullif(trim(l.neighborhood), '') AS rnb
  FROM read_csv(${sqlStr(reads)}, header = true, auto_detect = false, delim = ',', quote = '"',
       nullstr = ${NULLS}, ignore_errors = true,
       columns = {'read_id': 'VARCHAR', 'timestamp': 'TIMESTAMPTZ', 'camera_id': 'VARCHAR',
                  'plate': 'VARCHAR', 'plate_state': 'VARCHAR', 'lat': 'VARCHAR', 'lon': 'VARCHAR',
                  'neighborhood': 'VARCHAR', 'confidence': 'VARCHAR'})
       AS l(read_id, ts, camera_id, plate, plate_state, lat, lon, neighborhood, confidence)
  WHERE l.ts >= ${sqlStr(start)}::DATE::TIMESTAMPTZ
    AND l.ts < (${sqlStr(end)}::DATE + 1)::TIMESTAMPTZ
    AND l.camera_id IS NOT NULL AND l.plate IS NOT NULL)
WHERE plate_n <> ''`);
await con.run(`
CREATE TEMP TABLE cv AS
SELECT r.camera_id, coalesce(r.rnb, c.nb, 'unknown') AS nb, r.plate_n, r.st, r.n
FROM (SELECT camera_id, rnb, plate_n, st, count(*) AS n FROM r GROUP BY ALL) r
LEFT JOIN cams c ON c.camera_id = r.camera_id`);

// Hits: small; the timestamp is parsed per row so that a bad one only matters without read_id.
await con.run(`
CREATE TEMP TABLE h AS
SELECT nullif(trim(read_id), '') AS read_id, try_cast(timestamp AS TIMESTAMPTZ) AS ts,
       trim(camera_id) AS camera_id, ${normPlate('plate')} AS plate_n,
       lower(trim(hotlist)) AS hotlist, lower(trim(disposition)) AS disposition
FROM read_csv(${sqlStr(hits)}, header = true, auto_detect = false, delim = ',', quote = '"',
     nullstr = ${NULLS}, ignore_errors = true,
     columns = {'hit_id': 'VARCHAR', 'read_id': 'VARCHAR', 'timestamp': 'VARCHAR',
                'camera_id': 'VARCHAR', 'plate': 'VARCHAR', 'hotlist': 'VARCHAR',
                'disposition': 'VARCHAR'})
WHERE lower(trim(hotlist)) IN (${list(HOTLISTS)})
  AND lower(trim(disposition)) IN (${list(DISPOSITIONS)})`);

// Linked hits: by read_id; without one, by normalised plate + camera + instant.
await con.run(`
CREATE TEMP TABLE hl AS
SELECT h.hotlist, h.disposition, r.camera_id, r.rnb FROM h JOIN r ON r.read_id = h.read_id
UNION ALL
SELECT h.hotlist, h.disposition, any_value(r.camera_id), any_value(r.rnb) FROM h
JOIN r ON h.read_id IS NULL AND r.plate_n = h.plate_n AND r.camera_id = h.camera_id AND r.ts = h.ts
GROUP BY h.rowid, h.hotlist, h.disposition`);

const out = {};
// Local months: reads are counted per UTC quarter hour first (every zone's offset is a multiple
// of 15 minutes), and only those few thousand buckets go through the time-zone conversion,
// which row by row (date_trunc on TIMESTAMPTZ) cost a third of the whole run.
out.total = await all(`
SELECT sum(n)::BIGINT, count(DISTINCT (plate_n, st)) FROM cv`);
out.camera = await all(`
SELECT camera_id, sum(n) AS reads, count(DISTINCT (plate_n, st)) AS vehicles
FROM cv GROUP BY camera_id ORDER BY camera_id`);
out.neighborhood = await all(`
WITH rn AS (SELECT nb, sum(n) AS reads, count(DISTINCT (plate_n, st)) AS vehicles FROM cv GROUP BY nb),
     hn AS (SELECT coalesce(hl.rnb, c.nb, 'unknown') AS nb, count(*) AS hits
            FROM hl LEFT JOIN cams c ON c.camera_id = hl.camera_id GROUP BY ALL)
SELECT rn.nb, rn.reads, rn.vehicles, coalesce(hn.hits, 0) AS hits,
       coalesce(hn.hits, 0) / rn.reads AS hit_rate
FROM rn LEFT JOIN hn USING (nb) ORDER BY rn.nb`);
out.hotlistDisposition = await all(`
SELECT hotlist, disposition, count(*) FROM hl GROUP BY ALL ORDER BY ALL`);
out.month = await all(`
SELECT strftime(timezone(${sqlStr(tz)}, to_timestamp(q * 900)), '%Y-%m') AS month,
       sum(n)::BIGINT
FROM (SELECT epoch_us(ts) // 900000000 AS q, count(*) AS n FROM r GROUP BY q)
GROUP BY month ORDER BY month`);
const secs = Number(process.hrtime.bigint() - t0) / 1e9;

const [[nReads, nVehicles]] = out.total;
const nHits = out.hotlistDisposition.reduce((s, row) => s + Number(row[2]), 0);
const rows = Object.values(out).reduce((s, t) => s + t.length, 0);
process.stdout.write(
    `duckdb: reads=${nReads} distinct_vehicles=${nVehicles} hits=${nHits} ` +
    `cameras=${out.camera.length} neighborhoods=${out.neighborhood.length} months=${out.month.length} ` +
    `hotlist_x_disposition=${out.hotlistDisposition.length} result_rows=${rows} seconds=${secs.toFixed(2)}\n`);

if (process.env.ALPR_BENCH_FIGURES) {
    const lines = [];
    const add = (m, d, g, v) => lines.push(`${m},${d},${g},${v}`);
    add('reads', 'all', 'all', nReads);
    add('distinct_plates', 'all', 'all', nVehicles);
    add('hits', 'all', 'all', nHits);
    for (const [cam, n, v] of out.camera) add('reads', 'camera', cam, n), add('distinct_plates', 'camera', cam, v);
    for (const [nb, n, v, h, rate] of out.neighborhood) {
        add('reads', 'neighborhood', nb, n), add('distinct_plates', 'neighborhood', nb, v);
        add('hits', 'neighborhood', nb, h), add('hit_rate', 'neighborhood', nb, rate);
    }
    for (const [m, n] of out.month) add('reads', 'month', m, n);
    const marg = (i, dim) => {
        const sums = new Map();
        for (const row of out.hotlistDisposition) sums.set(row[i], (sums.get(row[i]) || 0) + Number(row[2]));
        for (const [k, n] of sums) add('hits', dim, k, n);
    };
    marg(0, 'hotlist'), marg(1, 'disposition');
    writeFileSync(process.env.ALPR_BENCH_FIGURES, lines.join('\n') + '\n');
}
