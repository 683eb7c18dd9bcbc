/**
 * The derive job: after a shipments import, bring (Company)-[:SUPPLIES]->(Company) up to date for the
 * shippers that import named, and for no others. Each shipper's edges are recomputed from all its
 * shipments in one pass (not pair by pair, which costs a walk over the shipper's shipments per pair), so
 * the job is idempotent and safe to retry or run twice.
 *
 * It is the parent of the import's ingest job in a BullMQ flow (core/imports.ts): BullMQ runs it only once
 * that child has completed, and it reads the child's result with getChildrenValues(). Without a completed
 * import among its children (its child was removed) there is nothing known to derive from: it does nothing.
 */
import { Job, UnrecoverableError } from 'bullmq';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../../core/config';
import type { Logger } from '../../core/logger';
import { runStatement } from '../../core/neo4j';
import { deriveJobData, DeriveResult, type IngestResult } from '../../core/queues';
import type { CypherRegistry } from '../../cypher/registry';

const SHIPPERS_PER_TRANSACTION = 200;

export function deriveProcessor({ driver, registry, cfg, log }: { driver: Driver; registry: CypherRegistry; cfg: Pick<Config, 'NEO4J_DATABASE'>; log: Logger }) {
  const shippersOf = registry.get('derive/import-shippers');
  const mergeSupplies = registry.get('derive/merge-supplies');
  const db = { database: cfg.NEO4J_DATABASE };

  return async function processDerive(job: Job): Promise<DeriveResult> {
    const parsed = deriveJobData.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id} has malformed data: ${parsed.error.message}`);
    const { importId } = parsed.data;
    const started = Date.now();
    const children = Object.values((await job.getChildrenValues<Partial<IngestResult>>()) ?? {});
    const ingest = children.find((c) => c?.importId === importId && c.status === 'completed');
    if (!ingest) {
      const skipped = `no completed import ${importId} among this job's children`;
      log.warn({ importId, job: job.id }, `derive skipped: ${skipped}`);
      return { importId, shippers: 0, pairs: 0, seconds: 0, skipped };
    }
    const shippers = (await runStatement(driver, shippersOf, { importId }, db)).map((r) => r.shipper);
    let pairs = 0;
    for (let i = 0; i < shippers.length; i += SHIPPERS_PER_TRANSACTION) {
      const [row] = await runStatement(driver, mergeSupplies, { shippers: shippers.slice(i, i + SHIPPERS_PER_TRANSACTION) }, db);
      pairs += Number(row?.pairs ?? 0);
      await job.updateProgress({ shippers: shippers.length, done: Math.min(shippers.length, i + SHIPPERS_PER_TRANSACTION), pairs });
    }
    const seconds = (Date.now() - started) / 1000;
    log.info({ importId, shippers: shippers.length, pairs, seconds }, 'SUPPLIES edges derived');
    const counts = { rowsRead: ingest.rowsRead ?? 0, rowsWritten: ingest.rowsWritten ?? 0, rowsRejected: ingest.rowsRejected ?? 0 };
    return { importId, shippers: shippers.length, pairs, seconds, import: counts };
  };
}
