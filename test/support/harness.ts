/**
 * What integration and e2e tests share: the real Neo4j and Redis that `npm test` started (their
 * addresses come in the environment), an in-process ingest worker on a queue prefix of the test's own,
 * and a helper that imports a file the way the CLI does. No fakes: this is the production code path.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Driver } from 'neo4j-driver';
import { Config, parseConfig, projectRoot } from '../../core/config';
import { AppDeps, buildApp } from '../../server/app';
import { CancelFlags, enqueueImport, followImport, ingestQueue, JobOutcome, stageFile } from '../../core/imports';
import { createLogger, Logger } from '../../core/logger';
import { createDriver, Row, toPlain } from '../../core/neo4j';
import { DERIVE_QUEUE, INGEST_QUEUE } from '../../core/queues';
import { createRedis } from '../../core/redis';
import { applySchema } from '../../core/schema';
import { CypherRegistry } from '../../cypher/registry';
import type { ImportKind } from '../../domain/vocabulary';
import { deriveProcessor } from '../../workers/derive/process-derive';
import { ingestProcessor } from '../../workers/ingest/process-import';

export interface Harness {
  cfg: Config;
  driver: Driver;
  registry: CypherRegistry;
  redis: Redis;
  log: Logger;
  prefix: string;
  queue: Queue;
  deriveQueue: Queue;
  dataDir: string;
  /** Runs ad-hoc test Cypher (assertions only; production code uses the registry). */
  query(text: string, params?: Record<string, unknown>): Promise<Row[]>;
  /** Removes what these imports asserted (in batches: big imports are big). */
  deleteImported(importIds: string[]): Promise<void>;
  importFile(kind: ImportKind, file: string, opts?: { force?: boolean }): Promise<JobOutcome>;
  startWorker(overrides?: Partial<Config>): Promise<Worker>;
  close(): Promise<void>;
}

export function testConfig(): Config {
  if (!process.env.NEO4J_URI || !process.env.REDIS_URL) {
    throw new Error('integration tests need the services npm test starts: run them with `npm test` (or set NEO4J_URI, NEO4J_PASSWORD and REDIS_URL)');
  }
  return parseConfig(process.env);
}

export const uniqueTag = () => `T${randomBytes(4).toString('hex').toUpperCase()}`;

export async function openHarness(name: string): Promise<Harness> {
  const cfg = testConfig();
  const log = createLogger(cfg.LOG_LEVEL, `test-${name}`);
  const registry = CypherRegistry.load();
  const driver = createDriver(cfg);
  await applySchema(driver, registry, cfg.NEO4J_DATABASE);
  const redis = createRedis(cfg.REDIS_URL, { forWorker: true });
  const prefix = `${cfg.QUEUE_PREFIX}-${name}-${uniqueTag()}`;
  const queue = ingestQueue(redis, prefix);
  const deriveQueue = new Queue(DERIVE_QUEUE, { connection: redis, prefix });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `threadline-${name}-`));
  const workers: Worker[] = [];
  const connections: Redis[] = [];

  const harness: Harness = {
    cfg, driver, registry, redis, log, prefix, queue, deriveQueue, dataDir,
    async query(text, params = {}) {
      const res = await driver.executeQuery(text, params, { database: cfg.NEO4J_DATABASE });
      return res.records.map((r) => toPlain(r.toObject()) as Row);
    },
    async deleteImported(importIds) {
      // Small transactions in a loop: deleting a big import in one goes past Neo4j's transaction memory.
      // Nodes that other imports also asserted stay, minus these imports' ids: tests share one database.
      // Shipments first, so companies with thousands of shipments have none left when their turn comes.
      for (const label of ['Shipment', 'ListEntry', 'Facility', 'Vessel', 'Person', 'Company'] as const) {
        for (;;) {
          const [row] = await harness.query(
            `MATCH (n:Entity) WHERE $label IN labels(n) AND any(i IN n.importIds WHERE i IN $importIds) AND all(i IN n.importIds WHERE i IN $importIds)
             WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted`,
            { importIds, label },
          );
          if (!row || row.deleted === 0) break;
        }
      }
      await harness.query(
        `MATCH (n:Entity) WHERE any(i IN n.importIds WHERE i IN $importIds) SET n.importIds = [i IN n.importIds WHERE NOT i IN $importIds]`,
        { importIds },
      );
      await harness.query('MATCH (i:Import) WHERE i.id IN $importIds DELETE i', { importIds });
    },
    async importFile(kind, file, opts = {}) {
      const data = await stageFile(file, kind, dataDir, 'jest');
      const { job } = await enqueueImport(queue, data, opts);
      const outcome = await followImport(queue, String(job.id), () => undefined, 100);
      // A shipments import is done for its readers once its SUPPLIES edges are derived too.
      if (outcome.state === 'completed' && outcome.result.deriveJobId) {
        const derived = await followImport(deriveQueue, outcome.result.deriveJobId, () => undefined, 100);
        if (derived.state === 'failed') throw new Error(`derive after ${data.fileName} failed: ${derived.reason}`);
      }
      return outcome;
    },
    async startWorker(overrides = {}) {
      const wcfg = { ...cfg, ...overrides };
      const connection = createRedis(cfg.REDIS_URL, { forWorker: true });
      connections.push(connection);
      const worker = new Worker(INGEST_QUEUE, ingestProcessor({ cancels: new CancelFlags(connection, prefix), driver, registry, cfg: wcfg, log }), {
        connection,
        prefix,
        concurrency: wcfg.INGEST_CONCURRENCY,
      });
      const deriver = new Worker(DERIVE_QUEUE, deriveProcessor({ driver, registry, cfg: wcfg, log }), { connection, prefix });
      await Promise.all([worker.waitUntilReady(), deriver.waitUntilReady()]);
      workers.push(worker, deriver);
      return worker;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      connections.forEach((c) => c.disconnect());
      for (const q of [queue, deriveQueue]) {
        await q.obliterate({ force: true }).catch(() => undefined);
        await q.close();
      }
      redis.disconnect();
      await driver.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** The real app on the harness's connections; `overrides` swap one part (a dead driver, a dead Redis). */
export function testApp(h: Harness, overrides: Partial<AppDeps> = {}) {
  return buildApp({
    driver: h.driver, redis: h.redis, registry: h.registry, log: h.log, database: h.cfg.NEO4J_DATABASE,
    queryTimeoutMs: 5_000, version: 'test', webDir: path.join(projectRoot, 'web', 'dist'),
    queue: h.queue, dataDir: h.dataDir, maxUploadMb: h.cfg.MAX_UPLOAD_MB, ...overrides,
  });
}

/** A file's sha256, as staging computes it (import ids are `imp-<kind>-<first 16 hex>`: domain/ids.ts importId). */
export const fileSha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The lines of a rejects report, without its header. */
export const rejectLines = (report: string) => fs.readFileSync(report, 'utf8').trim().split('\n').slice(1);

/** Writes a CSV (header + rows) into a fresh temp folder and returns its path. */
export function writeCsv(dir: string, name: string, header: string[], rows: (string | number)[][]): string {
  const quote = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const file = path.join(dir, name);
  fs.writeFileSync(file, [header, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n');
  return file;
}

/** Every node and relationship an import asserted, as sorted JSON: equal snapshots mean nothing changed. */
export async function snapshotImport(h: Harness, importId: string): Promise<string> {
  const rows = await h.query(
    `MATCH (n:Entity) WHERE $importId IN n.importIds
     OPTIONAL MATCH (n)-[r]->(m:Entity) WHERE $importId IN r.importIds
     RETURN n.id AS id, properties(n) AS props, collect([type(r), m.id, properties(r)]) AS rels ORDER BY id`,
    { importId },
  );
  return JSON.stringify(rows.map((r) => ({ ...r, rels: (r.rels as unknown[]).map((x) => JSON.stringify(x)).sort() })));
}
