/**
 * `npm run bench:ingest [-- --size 1m|100k|small] [--batch N] [--baseline-batch N] [--seed S]`
 *
 * Ingest throughput of the whole pipeline against a server-side baseline, in the same run, on the same
 * data and server:
 *
 * 1. Data: the synthetic network of scripts/generate-network.ts (its shipments.csv; kept in
 *    artifacts/bench/network-<size>-s<seed> and reused while its README says the same seed and size).
 * 2. Baseline: Neo4j's own LOAD CSV with CALL { } IN TRANSACTIONS, as Neo4j's documentation recommends,
 *    making the same nodes and relationships (shipment, four parties, their countries, HS codes, provenance
 *    properties) with a uniqueness constraint in place, on a label set of its own. Its batch size is tuned
 *    first: each candidate loads the same sample on a label set of its own and the fastest is used.
 * 3. Pipeline: the file staged and hashed, a BullMQ job, one worker process (npm run worker, as npm start
 *    runs it) streaming, validating and writing it; the worker's peak RSS read from /proc at the end.
 * 4. Reload: the same file imported again (--force); its time and the nodes and relationships it created.
 *
 * Runs on its own Neo4j instance ("bench": port 7689, fresh data each run) and Redis, so it never touches
 * the demo. Prints a table and ends with one JSON line.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { parseConfig, projectRoot } from '../core/config';
import { enqueueImport, followImport, ingestQueue, stageFile } from '../core/imports';
import { createDriver, neo4j } from '../core/neo4j';
import { DERIVE_QUEUE } from '../core/queues';
import { createRedis } from '../core/redis';
import { applySchema } from '../core/schema';
import { CypherRegistry } from '../cypher/registry';
import { startNeo4j, startRedis, Started } from './services';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

/** Label sets for the baseline: fixed names, one per tuning candidate and one for the measured run. */
const baselineLabels = ['B', 'BT1', 'BT2', 'BT3', 'BT4', 'BW'] as const;
type BaselineLabel = (typeof baselineLabels)[number];

/** The same writes as cypher/ingest/merge-places, merge-products and merge-shipments, straight from the CSV. */
function loadCsvBaseline(l: BaselineLabel): string {
  const E = `${l}_Entity`;
  return `
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  WITH row WHERE coalesce(row.bill_of_lading, '') <> ''
  MERGE (s:${E}:${l}_Shipment {id: 'sh-' + toUpper(row.bill_of_lading)})
    ON CREATE SET s.firstSeen = datetime(), s.importIds = ['baseline']
  SET s.name = row.bill_of_lading, s.billOfLading = toUpper(row.bill_of_lading), s.arrivalDate = date(row.arrival_date),
      s.hsCodes = CASE WHEN coalesce(row.hs_codes, '') = '' THEN [] ELSE split(replace(row.hs_codes, '.', ''), '|') END,
      s.description = row.description, s.portOfLading = row.port_of_lading, s.portOfUnlading = row.port_of_unlading,
      s.countryOfOrigin = row.country_of_origin, s.weightKg = toFloat(row.weight_kg), s.valueUsd = toFloat(row.value_usd),
      s.containers = CASE WHEN coalesce(row.containers, '') = '' THEN [] ELSE split(row.containers, '|') END,
      s.lastSeen = datetime()
  FOREACH (code IN s.hsCodes |
    MERGE (p:${E}:${l}_Product {id: 'hs-' + code})
    MERGE (s)-[r:OF_PRODUCT]->(p) ON CREATE SET r.importIds = ['baseline'], r.firstSeen = datetime(), r.lastSeen = datetime())
  WITH s, row
  UNWIND [x IN [['SHIPPED', row.shipper, row.shipper_country], ['CONSIGNED_TO', row.consignee, row.consignee_country],
                ['NOTIFY', row.notify_party, row.notify_party_country],
                ['MADE_BY', row.manufacturer, coalesce(row.manufacturer_country, row.country_of_origin)]]
          WHERE coalesce(x[1], '') <> ''] AS party
  MERGE (c:${E}:${l}_Company {id: toUpper(party[1]) + '|' + coalesce(party[2], '')})
    ON CREATE SET c.name = party[1], c.country = party[2], c.aliases = [], c.importIds = ['baseline'],
                  c.firstSeen = datetime(), c.lastSeen = datetime()
  FOREACH (ct IN CASE WHEN coalesce(party[2], '') = '' THEN [] ELSE [party[2]] END |
    MERGE (k:${E}:${l}_Country {id: 'ct-' + ct})
    MERGE (c)-[r:LOCATED_IN]->(k) ON CREATE SET r.importIds = ['baseline'], r.firstSeen = datetime(), r.lastSeen = datetime())
  FOREACH (_ IN CASE WHEN party[0] = 'SHIPPED' THEN [1] ELSE [] END |
    MERGE (c)-[r:SHIPPED]->(s) ON CREATE SET r.importIds = ['baseline'], r.firstSeen = datetime(), r.lastSeen = datetime())
  FOREACH (_ IN CASE WHEN party[0] = 'CONSIGNED_TO' THEN [1] ELSE [] END |
    MERGE (s)-[r:CONSIGNED_TO]->(c) ON CREATE SET r.importIds = ['baseline'], r.firstSeen = datetime(), r.lastSeen = datetime())
  FOREACH (_ IN CASE WHEN party[0] = 'NOTIFY' THEN [1] ELSE [] END |
    MERGE (s)-[r:NOTIFY]->(c) ON CREATE SET r.importIds = ['baseline'], r.firstSeen = datetime(), r.lastSeen = datetime())
  FOREACH (_ IN CASE WHEN party[0] = 'MADE_BY' THEN [1] ELSE [] END |
    MERGE (s)-[r:MADE_BY]->(c) ON CREATE SET r.importIds = ['baseline'], r.firstSeen = datetime(), r.lastSeen = datetime())
} IN TRANSACTIONS OF $batch ROWS`;
}

/** Peak resident set of a process, from /proc (Linux), in MB. */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

function dataSet(size: string, seed: string): string {
  const dir = path.join(projectRoot, 'artifacts', 'bench', `network-${size}-s${seed}`);
  const readme = path.join(dir, 'README.md');
  if (!fs.existsSync(path.join(dir, 'shipments.csv')) || !fs.existsSync(readme)) {
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(`generating the ${size} network (seed ${seed}) into ${path.relative(projectRoot, dir)} ...`);
    execFileSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'generate-network.ts'), '--size', size, '--seed', seed, '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return path.join(dir, 'shipments.csv');
}

function countLines(file: string): number {
  let n = 0;
  const buf = Buffer.alloc(1 << 20);
  const fd = fs.openSync(file, 'r');
  for (let r; (r = fs.readSync(fd, buf)) > 0; ) for (let i = 0; i < r; i++) if (buf[i] === 10) n++;
  fs.closeSync(fd);
  return n - 1; // the header
}

async function main() {
  const size = arg('size', '1m');
  const seed = arg('seed', '1');
  // Both become a folder name under artifacts/ that is removed and rewritten: only known values.
  if (!['small', '100k', '1m'].includes(size)) throw new Error(`--size must be small, 100k or 1m (got ${size})`);
  if (!/^\d{1,9}$/.test(seed)) throw new Error(`--seed must be a whole number (got ${seed})`);
  const batch = Number(arg('batch', '1000'));
  const fixedBaselineBatch = arg('baseline-batch', '');
  const password = 'threadline-bench-only';
  const started: Started[] = [];
  let worker: ReturnType<typeof spawn> | undefined;
  try {
    const file = dataSet(size, seed);
    const rows = countLines(file);
    const bytes = fs.statSync(file).size;

    fs.rmSync(path.join(projectRoot, '.neo4j', 'bench', 'data'), { recursive: true, force: true });
    const neo = await startNeo4j({ name: 'bench', port: 7689, password, heap: '4g', pagecache: '2g' });
    started.push(neo);
    let redisUrl = process.env.REDIS_URL;
    if (!redisUrl) {
      const redis = await startRedis('bench', 6392, false);
      started.push(redis);
      redisUrl = redis.url;
    }
    const prefix = `threadline-bench-${process.pid}`;
    const dataDir = path.join(projectRoot, 'artifacts', 'bench', `var-${process.pid}`);
    const env = { NEO4J_URI: neo.url, NEO4J_PASSWORD: password, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, INGEST_BATCH_SIZE: String(batch), LOG_LEVEL: 'warn', DATA_DIR: dataDir };
    const cfg = parseConfig(env);
    const driver = createDriver(cfg);
    const registry = CypherRegistry.load();
    await applySchema(driver, registry, cfg.NEO4J_DATABASE);
    for (const l of baselineLabels) await driver.executeQuery(`CREATE CONSTRAINT ${l.toLowerCase()}_entity_id IF NOT EXISTS FOR (n:${l}_Entity) REQUIRE n.id IS UNIQUE`);

    // The baseline reads from the instance's import folder.
    const importDir = path.join(projectRoot, '.neo4j', 'bench', 'import');
    fs.copyFileSync(file, path.join(importDir, 'shipments.csv'));
    const loadCsv = async (l: BaselineLabel, url: string, n: number) => {
      // CALL { } IN TRANSACTIONS runs only in an auto-commit transaction (session.run).
      const session = driver.session();
      const t = Date.now();
      try {
        // The outer transaction lasts the whole load: past the server's default timeout (120 s) at 1M rows.
        await session.run(loadCsvBaseline(l), { url, batch: neo4j.int(n) }, { timeout: 4 * 3_600_000 });
      } finally {
        await session.close();
      }
      return (Date.now() - t) / 1000;
    };

    // Tune the baseline's batch size on a sample, each candidate on fresh labels.
    let baselineBatch = Number(fixedBaselineBatch);
    if (!baselineBatch) {
      const sampleRows = Math.min(rows, 30_000);
      // The file's first rows (30k rows are well under 32 MB).
      const head = Buffer.alloc(32 << 20);
      const fd = fs.openSync(file, 'r');
      const got = fs.readSync(fd, head, 0, head.length, 0);
      fs.closeSync(fd);
      const lines = head.subarray(0, got).toString('utf8').split('\n');
      fs.writeFileSync(path.join(importDir, 'sample.csv'), lines.slice(0, sampleRows + 1).join('\n') + '\n');
      const candidates = [500, 1000, 5000, 10_000];
      // A warm-up first (query planning, JIT, page cache), so the first candidate is not the one that pays.
      await loadCsv('BW', 'file:///sample.csv', 1000);
      let best = Infinity;
      for (const [i, n] of candidates.entries()) {
        const s = await loadCsv(baselineLabels[i + 1]!, 'file:///sample.csv', n);
        console.log(`  baseline tuning: ${sampleRows} rows in batches of ${n}: ${s.toFixed(1)} s`);
        if (s < best) [best, baselineBatch] = [s, n];
      }
    }
    const baselineSeconds = await loadCsv('B', 'file:///shipments.csv', baselineBatch);
    console.log(`  baseline: ${rows} rows in ${baselineSeconds.toFixed(1)} s (batches of ${baselineBatch})`);

    // The pipeline: one worker process, as npm start runs it.
    const redis = createRedis(cfg.REDIS_URL, { forWorker: true });
    const queue = ingestQueue(redis, prefix);
    const deriveQueue = new Queue(DERIVE_QUEUE, { connection: redis, prefix });
    worker = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'workers', 'main.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    const workerExit = new Promise((resolve) => worker!.once('exit', resolve));
    while ((await queue.getWorkers()).length === 0) {
      if (worker.exitCode !== null) throw new Error('the worker process exited at start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const count = async () => {
      const [n] = (await driver.executeQuery('MATCH (n) RETURN count(n) AS n')).records;
      const [r] = (await driver.executeQuery('MATCH ()-[r]->() RETURN count(r) AS n')).records;
      return { nodes: Number(n!.get('n')), rels: Number(r!.get('n')) };
    };
    const runImport = async (force: boolean) => {
      const t = Date.now();
      const data = await stageFile(file, 'shipments', dataDir, 'bench');
      const { job } = await enqueueImport(queue, data, { force });
      let lastPrint = 0;
      const outcome = await followImport(queue, String(job.id), (p) => {
        if (Date.now() - lastPrint > 15_000) {
          lastPrint = Date.now();
          console.log(`  ... ${p.rowsRead ?? 0} rows read, ${p.percent ?? 0}%`);
        }
      }, 250);
      if (outcome.state !== 'completed') throw new Error(`pipeline import failed: ${outcome.reason}`);
      return { seconds: (Date.now() - t) / 1000, result: outcome.result };
    };
    const drainDerive = async () => {
      const t = Date.now();
      for (;;) {
        const c = await deriveQueue.getJobCounts('active', 'waiting', 'waiting-children', 'delayed', 'prioritized');
        if (Object.values(c).every((v) => v === 0)) return (Date.now() - t) / 1000;
        await new Promise((r) => setTimeout(r, 500));
      }
    };

    const first = await runImport(false);
    console.log(`  pipeline: ${first.result.rowsRead} rows in ${first.seconds.toFixed(1)} s (${first.result.rowsRejected} rejected)`);
    const deriveSeconds = await drainDerive();
    // What the 1M set left in the graph (the pipeline's labels; the baseline's B* labels left out).
    const byLabel = (await driver.executeQuery(
      `MATCH (n) WHERE NOT any(l IN labels(n) WHERE l STARTS WITH 'B') UNWIND [l IN labels(n) WHERE l <> 'Entity'] AS label RETURN label, count(*) AS n ORDER BY label`,
    )).records.map((r) => `${r.get('label')} ${r.get('n')}`);
    const byType = (await driver.executeQuery(
      `MATCH (a)-[r]->(b) WHERE NOT any(l IN labels(a) WHERE l STARTS WITH 'B') RETURN type(r) AS type, count(*) AS n ORDER BY type`,
    )).records.map((r) => `${r.get('type')} ${r.get('n')}`);
    const before = await count();
    const reload = await runImport(true);
    await drainDerive();
    const after = await count();
    const peak = peakRssMb(worker.pid!);
    const [supplies] = (await driver.executeQuery('MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS n')).records;
    const [shipments] = (await driver.executeQuery('MATCH (s:Shipment) RETURN count(s) AS n')).records;
    const [companies] = (await driver.executeQuery('MATCH (c:Company) RETURN count(c) AS n')).records;

    worker.kill('SIGTERM');
    await workerExit;
    worker = undefined;
    await queue.obliterate({ force: true });
    await deriveQueue.obliterate({ force: true });
    await Promise.all([queue.close(), deriveQueue.close()]);
    redis.disconnect();
    await driver.close();
    fs.rmSync(dataDir, { recursive: true, force: true });

    const rate = Math.round(rows / first.seconds);
    const baselineRate = Math.round(rows / baselineSeconds);
    const created = after.nodes - before.nodes + (after.rels - before.rels);
    console.log(`\ningest of ${rows} shipments (${(bytes / 1e6).toFixed(1)} MB, network ${size}, seed ${seed}); Neo4j 4g heap / 2g page cache`);
    console.log(`  threadline pipeline  ${first.seconds.toFixed(1).padStart(7)} s  ${String(rate).padStart(7)} rows/s  (batches of ${batch}, one worker; peak RSS ${peak} MB)`);
    console.log(`  LOAD CSV baseline    ${baselineSeconds.toFixed(1).padStart(7)} s  ${String(baselineRate).padStart(7)} rows/s  (batches of ${baselineBatch})`);
    console.log(`  ratio (pipeline rows/s / baseline rows/s): ${(rate / baselineRate).toFixed(2)}`);
    console.log(`  derive (SUPPLIES) after the load: ${deriveSeconds.toFixed(1)} s; ${supplies!.get('n')} SUPPLIES edges, ${shipments!.get('n')} shipments, ${companies!.get('n')} companies`);
    console.log(`  graph after the load: nodes ${byLabel.join(', ')}; relationships ${byType.join(', ')}`);
    console.log(`  reload of the same file: ${reload.seconds.toFixed(1)} s, created ${after.nodes - before.nodes} nodes and ${after.rels - before.rels} relationships`);
    console.log(JSON.stringify({
      bench: 'ingest', rows, rows_per_s: rate, baseline_rows_per_s: baselineRate, ratio: Number((rate / baselineRate).toFixed(2)),
      peak_rss_mb: peak, reload_s: Number(reload.seconds.toFixed(1)), reload_created: created,
    }));
  } finally {
    worker?.kill('SIGKILL');
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
  }
}

main().catch((err) => {
  console.error(`bench:ingest failed: ${(err as Error).message}`);
  process.exit(1);
});
