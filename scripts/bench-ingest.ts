/**
 * `npm run bench:ingest [-- --rows 100000]`: ingest throughput of the whole pipeline (stage + sha256,
 * BullMQ job, stream parse, zod validation, batched UNWIND/MERGE) against a baseline measured in the same
 * run on the same server: Neo4j's own LOAD CSV doing the same MERGEs (shipment, three parties, three
 * relationships) in transactions of the same size, on a label set of its own with the same constraint.
 *
 * Runs on its own Neo4j instance ("bench": port 7689, fresh data each run) and Redis, like npm test, so
 * it never touches the demo. Prints a table and one JSON line.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import { parseConfig, projectRoot } from '../core/config';
import { enqueueImport, followImport, ingestQueue, stageFile } from '../core/imports';
import { createLogger } from '../core/logger';
import { createDriver, neo4j } from '../core/neo4j';
import { DERIVE_QUEUE, INGEST_QUEUE } from '../core/queues';
import { createRedis } from '../core/redis';
import { applySchema } from '../core/schema';
import { CypherRegistry } from '../cypher/registry';
import { ingestProcessor } from '../workers/ingest/process-import';
import { startNeo4j, startRedis, Started } from './services';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

// The baseline: the same writes as cypher/ingest/merge-shipments.cypher, straight from the CSV, with a
// plain upper-cased name|country key instead of our hashed ids (LOAD CSV cannot run our normaliser).
const loadCsvBaseline = `
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  WITH row WHERE row.bill_of_lading IS NOT NULL AND row.bill_of_lading <> ''
  MERGE (s:B_Entity:B_Shipment {id: 'sh-' + row.bill_of_lading})
  SET s.billOfLading = row.bill_of_lading, s.arrivalDate = date(row.arrival_date), s.hsCode = row.hs_code,
      s.description = row.description, s.portOfLading = row.port_of_lading, s.portOfUnlading = row.port_of_unlading,
      s.weightKg = toFloat(row.weight_kg), s.importIds = ['bench'], s.lastSeen = datetime()
  MERGE (sh:B_Entity:B_Company {id: toUpper(row.shipper) + '|' + coalesce(row.shipper_country, '')})
    ON CREATE SET sh.name = row.shipper, sh.country = row.shipper_country
  MERGE (co:B_Entity:B_Company {id: toUpper(row.consignee) + '|' + coalesce(row.consignee_country, '')})
    ON CREATE SET co.name = row.consignee, co.country = row.consignee_country
  MERGE (sh)-[:SHIPPED]->(s)
  MERGE (s)-[:CONSIGNED_TO]->(co)
  FOREACH (_ IN CASE WHEN coalesce(row.notify_party, '') <> '' THEN [1] ELSE [] END |
    MERGE (np:B_Entity:B_Company {id: toUpper(row.notify_party) + '|' + coalesce(row.notify_party_country, '')})
    MERGE (s)-[:NOTIFY]->(np))
} IN TRANSACTIONS OF $batch ROWS`;

async function main() {
  const rows = arg('rows', 100_000);
  const batch = arg('batch', 1000);
  const password = 'threadline-bench-only';
  const started: Started[] = [];
  try {
    fs.rmSync(path.join(projectRoot, '.neo4j', 'bench', 'data'), { recursive: true, force: true });
    const neo = await startNeo4j({ name: 'bench', port: 7689, password, heap: '2g', pagecache: '2g' });
    started.push(neo);
    let redisUrl = process.env.REDIS_URL;
    if (!redisUrl) {
      const redis = await startRedis('bench', 6392, false);
      started.push(redis);
      redisUrl = redis.url;
    }
    const cfg = parseConfig({ NEO4J_URI: neo.url, NEO4J_PASSWORD: password, REDIS_URL: redisUrl, QUEUE_PREFIX: `threadline-bench-${process.pid}`, INGEST_BATCH_SIZE: String(batch), LOG_LEVEL: 'warn' });
    const driver = createDriver(cfg);
    const registry = CypherRegistry.load();
    await applySchema(driver, registry, cfg.NEO4J_DATABASE);
    await driver.executeQuery('CREATE CONSTRAINT b_entity_id IF NOT EXISTS FOR (n:B_Entity) REQUIRE n.id IS UNIQUE');

    const dir = path.join(projectRoot, 'artifacts', 'bench');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `shipments-${rows}.csv`);
    execFileSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'generate-shipments.ts'), '--rows', String(rows), '--seed', '1', '--out', file]);
    const bytes = fs.statSync(file).size;

    // Baseline: the file goes into the instance's import folder, where LOAD CSV may read it.
    const importDir = path.join(projectRoot, '.neo4j', 'bench', 'import');
    fs.copyFileSync(file, path.join(importDir, 'bench.csv'));
    const session = driver.session();
    let t = Date.now();
    await session.run(loadCsvBaseline, { url: 'file:///bench.csv', batch: neo4j.int(batch) });
    const baselineSeconds = (Date.now() - t) / 1000;
    await session.close();

    // The pipeline, with one worker as npm start runs it.
    const redis = createRedis(cfg.REDIS_URL, { forWorker: true });
    const queue = ingestQueue(redis, cfg.QUEUE_PREFIX);
    const log = createLogger('warn', 'bench');
    const workerRedis = createRedis(cfg.REDIS_URL, { forWorker: true });
    // Derive jobs are queued but not run here: this measures the ingest path alone.
    const deriveQueue = new Queue(DERIVE_QUEUE, { connection: redis, prefix: cfg.QUEUE_PREFIX });
    const worker = new Worker(INGEST_QUEUE, ingestProcessor({ deriveQueue, driver, registry, cfg, log }), { connection: workerRedis, prefix: cfg.QUEUE_PREFIX });
    t = Date.now();
    const data = await stageFile(file, 'shipments', fs.mkdtempSync(path.join(dir, 'var-')), 'bench');
    const { job } = await enqueueImport(queue, data);
    const outcome = await followImport(queue, String(job.id), () => undefined, 100);
    const pipelineSeconds = (Date.now() - t) / 1000;
    if (outcome.state !== 'completed') throw new Error(`pipeline import failed: ${outcome.reason}`);
    await worker.close();
    workerRedis.disconnect();
    await queue.obliterate({ force: true });
    await deriveQueue.obliterate({ force: true });
    await Promise.all([queue.close(), deriveQueue.close()]);
    redis.disconnect();
    await driver.close();

    const pipelineRate = Math.round(rows / pipelineSeconds);
    const baselineRate = Math.round(rows / baselineSeconds);
    console.log(`\ningest of ${rows} shipments (${(bytes / 1e6).toFixed(1)} MB), batches of ${batch}, one worker, Neo4j 2g heap / 2g page cache`);
    console.log(`  threadline pipeline  ${pipelineSeconds.toFixed(1).padStart(7)} s  ${String(pipelineRate).padStart(7)} rows/s`);
    console.log(`  LOAD CSV baseline    ${baselineSeconds.toFixed(1).padStart(7)} s  ${String(baselineRate).padStart(7)} rows/s`);
    console.log(`  pipeline / baseline time: ${(pipelineSeconds / baselineSeconds).toFixed(2)}x`);
    console.log(JSON.stringify({ bench: 'ingest', rows, batch, pipeline_s: pipelineSeconds, pipeline_rows_per_s: pipelineRate, load_csv_s: baselineSeconds, load_csv_rows_per_s: baselineRate, ratio: Number((pipelineSeconds / baselineSeconds).toFixed(2)) }));
  } finally {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(`bench:ingest failed: ${(err as Error).message}`);
  process.exit(1);
});
