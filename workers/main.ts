/**
 * Starts the workers: connects, applies the schema, consumes the ingest queue and the queues of the stages
 * that follow an import (derive; see importStages in core/queues.ts), and shuts down cleanly.
 */
import { Worker } from 'bullmq';
import { config, ConfigError } from '../core/config';
import { createLogger } from '../core/logger';
import { CancelFlags } from '../core/imports';
import { createDriver } from '../core/neo4j';
import { DERIVE_QUEUE, INGEST_QUEUE } from '../core/queues';
import { createRedis } from '../core/redis';
import { applySchema } from '../core/schema';
import { CypherRegistry } from '../cypher/registry';
import { deriveProcessor } from './derive/process-derive';
import { ingestProcessor } from './ingest/process-import';

async function main() {
  const cfg = config();
  const log = createLogger(cfg.LOG_LEVEL, 'worker');
  const registry = CypherRegistry.load();
  const driver = createDriver(cfg);
  await driver.verifyConnectivity({ database: cfg.NEO4J_DATABASE });
  await applySchema(driver, registry, cfg.NEO4J_DATABASE);
  const connection = createRedis(cfg.REDIS_URL, { forWorker: true });
  // Cancel requests (POST /api/imports/:id/cancel, npm run imports -- cancel) are read between batches.
  const cancels = new CancelFlags(connection, cfg.QUEUE_PREFIX);

  const worker = new Worker(INGEST_QUEUE, ingestProcessor({ cancels, driver, registry, cfg, log }), {
    connection,
    prefix: cfg.QUEUE_PREFIX,
    concurrency: cfg.INGEST_CONCURRENCY,
    // A job whose worker died is taken over once its lock lapses; the job resumes after its last batch.
    lockDuration: cfg.INGEST_LOCK_MS,
    stalledInterval: cfg.INGEST_LOCK_MS,
    maxStalledCount: 3,
  });
  worker.on('failed', (job, err) => log.warn({ job: job?.id, attempts: job?.attemptsMade, err: err.message }, 'import attempt failed'));
  worker.on('error', (err) => log.error({ err: err.message }, 'worker error'));
  // Derived edges: the parent of each shipments import's ingest job, run by BullMQ once that job completed.
  // Short jobs, one at a time per process, so two imports never recompute one pair at once here.
  const deriver = new Worker(DERIVE_QUEUE, deriveProcessor({ driver, registry, cfg, log }), { connection, prefix: cfg.QUEUE_PREFIX, concurrency: 1 });
  deriver.on('failed', (job, err) => log.warn({ job: job?.id, err: err.message }, 'derive attempt failed'));
  deriver.on('error', (err) => log.error({ err: err.message }, 'derive worker error'));
  await Promise.all([worker.waitUntilReady(), deriver.waitUntilReady()]);
  log.info({ queue: INGEST_QUEUE, prefix: cfg.QUEUE_PREFIX, concurrency: cfg.INGEST_CONCURRENCY }, 'ingest worker ready');

  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    // Give a running import 10 s to finish; past that, stop anyway: its lock lapses and a worker resumes
    // it after its last committed batch, so a long file never holds a shutdown hostage.
    const graceful = worker.close();
    const timedOut = await Promise.race([graceful.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 10_000).unref())]);
    if (timedOut) {
      log.warn('an import is still running; leaving it to be resumed by the next worker');
      await worker.close(true);
    }
    await deriver.close();
    await driver.close();
    connection.disconnect();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
