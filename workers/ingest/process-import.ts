/**
 * The ingest job: stream a staged file, validate each row with its zod schema, write valid rows in
 * batches through the kind's cypher/ingest statement, report progress, and keep a rejects report.
 *
 * Restart safety: every committed batch records the last line it covered in the job's progress. A job
 * taken over after its worker died re-reads the file (so the rejects report is complete again) but writes
 * only rows after that line; the MERGE statements make any overlap harmless.
 */
import path from 'node:path';
import { Job, UnrecoverableError } from 'bullmq';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../../core/config';
import type { Logger } from '../../core/logger';
import { runStatement } from '../../core/neo4j';
import { emptyProgress, IngestJobData, ingestJobData, IngestProgress, IngestResult } from '../../core/queues';
import type { CypherRegistry, Statement } from '../../cypher/registry';
import { rowFormats } from '../../domain/rows';
import { importKinds, ImportKind } from '../../domain/vocabulary';
import { FileProblem, readRows } from './read-rows';
import { RejectsReport, rejectsFromZod } from './rejects';

export interface IngestDeps {
  driver: Driver;
  registry: CypherRegistry;
  cfg: Pick<Config, 'NEO4J_DATABASE' | 'INGEST_BATCH_SIZE'>;
  log: Logger;
}

export function ingestProcessor({ driver, registry, cfg, log }: IngestDeps) {
  // Resolved now, so a missing statement stops the worker at boot.
  const begin = registry.get('ingest/begin-import');
  const finish = registry.get('ingest/finish-import');
  const writers = Object.fromEntries(importKinds.map((k) => [k, registry.get(rowFormats[k].statement)])) as Record<ImportKind, Statement>;
  const db = { database: cfg.NEO4J_DATABASE };

  return async function processImport(job: Job): Promise<IngestResult> {
    const parsed = ingestJobData.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id} has malformed data: ${parsed.error.message}`);
    const data: IngestJobData = parsed.data;
    const format = rowFormats[data.kind];
    const started = Date.now();
    const jlog = log.child({ job: job.id, importId: data.importId, kind: data.kind });

    const [first] = await runStatement(driver, begin, { id: data.importId, kind: data.kind, fileName: data.fileName, sha256: data.sha256, bytes: data.bytes, requestedBy: data.requestedBy }, db);
    const seenAt = String(first?.seenAt);
    const previous = job.progress as Partial<IngestProgress> | number;
    const resumeAfter = typeof previous === 'object' && previous ? (previous.committedLine ?? 0) : 0;
    if (resumeAfter) jlog.info({ resumeAfter }, 'resuming an interrupted import after the last committed line');

    const report = new RejectsReport(path.join(path.dirname(data.path), 'rejects.csv'));
    const progress: IngestProgress = emptyProgress(data.bytes);
    const source = readRows(data.path, data.fileName, format);
    let batch: { line: number; row: unknown }[] = [];

    const flush = async () => {
      const fresh = batch.filter((b) => b.line > resumeAfter).map((b) => b.row);
      if (fresh.length) await runStatement(driver, writers[data.kind], { rows: fresh, importId: data.importId, seenAt }, db);
      progress.rowsWritten += batch.length;
      if (batch.length) progress.committedLine = batch[batch.length - 1]!.line;
      batch = [];
      progress.bytesRead = source.bytesRead();
      progress.percent = data.bytes ? Math.min(100, Math.round((progress.bytesRead / data.bytes) * 1000) / 10) : 100;
      await job.updateProgress({ ...progress });
    };

    const fail = async (status: string, message: string) => {
      await runStatement(driver, finish, {
        id: data.importId, status, rowsRead: progress.rowsRead, rowsWritten: progress.rowsWritten,
        rowsRejected: progress.rowsRejected, rejectsPath: report.path, rejectsSample: JSON.stringify(report.sample), error: message,
      }, db).catch((e) => jlog.error({ err: e }, 'could not record the failure on the Import node'));
    };

    try {
      for await (const event of source.rows) {
        progress.rowsRead++;
        if ('rejects' in event) {
          progress.rowsRejected++;
          event.rejects.forEach((r) => report.add(r));
          continue;
        }
        const row = format.schema.safeParse(event.raw);
        if (!row.success) {
          progress.rowsRejected++;
          rejectsFromZod(event.line, event.raw, row.error).forEach((r) => report.add(r));
          continue;
        }
        batch.push({ line: event.line, row: row.data });
        if (batch.length >= cfg.INGEST_BATCH_SIZE) await flush();
      }
      await flush();
      source.warnings.forEach((w) => report.add(w));
    } catch (err) {
      await report.close();
      if (err instanceof FileProblem) {
        await fail('failed', err.message);
        throw new UnrecoverableError(err.message);
      }
      // Transient (Neo4j or Redis away): BullMQ retries with backoff and we resume after committedLine.
      await fail('retrying', (err as Error).message);
      throw err;
    }
    await report.close();
    await runStatement(driver, finish, {
      id: data.importId, status: 'completed', rowsRead: progress.rowsRead, rowsWritten: progress.rowsWritten,
      rowsRejected: progress.rowsRejected, rejectsPath: report.path, rejectsSample: JSON.stringify(report.sample), error: null,
    }, db);
    const seconds = (Date.now() - started) / 1000;
    jlog.info({ ...progress, seconds, rowsPerSecond: Math.round(progress.rowsRead / Math.max(seconds, 0.001)) }, 'import completed');
    return {
      importId: data.importId, status: 'completed', rowsRead: progress.rowsRead, rowsWritten: progress.rowsWritten,
      rowsRejected: progress.rowsRejected, rejectsPath: report.path, rejectsSample: report.sample, seconds,
    };
  };
}
