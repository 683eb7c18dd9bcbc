/**
 * The ingest job: stream a staged file, validate each row with its zod schema, write valid rows in
 * batches through the kind's cypher/ingest statement, report progress, and keep a rejects report.
 *
 * Restart safety: every committed batch records in the job's progress how far it got (line, rows read). A job
 * taken over after its worker died re-reads the file (so the rejects report is complete again) but writes
 * only rows after that point; the MERGE statements make any overlap harmless.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Job, UnrecoverableError } from 'bullmq';
import { Neo4jError, type Driver } from 'neo4j-driver';
import type { Config } from '../../core/config';
import type { Logger } from '../../core/logger';
import { runInOneTransaction, runStatement } from '../../core/neo4j';
import { AppError, Unavailable } from '../../core/errors';
import { CANCELLED, DERIVE_QUEUE, emptyProgress, IngestJobData, ingestJobData, IngestProgress, IngestResult } from '../../core/queues';
import { CancelFlags, ImportCancelled } from '../../core/imports';
import type { CypherRegistry, Statement } from '../../cypher/registry';
import { rowFormats, type RowFormat } from '../../domain/sources';
import { importKinds, ImportKind } from '../../domain/vocabulary';
import { FileProblem, readRows } from './read-rows';
import { RejectsReport } from './rejects';

/** What the statements of a batch said about the rows they did not write (see writeBatch). */
interface BatchOutcome {
  skipped: string[];
  /** The driver ran the batch more than once: rows an unacknowledged earlier attempt wrote come back as skipped. */
  retried: boolean;
  rejected: { row: unknown; field: string; reason: string; value?: string }[];
}

export interface IngestDeps {
  /** Where cancel requests are read, between batches (docs/jobs.md). */
  cancels: CancelFlags;
  driver: Driver;
  registry: CypherRegistry;
  cfg: Pick<Config, 'NEO4J_DATABASE' | 'INGEST_BATCH_SIZE' | 'INGEST_WRITERS'>;
  log: Logger;
}

/** Worth another attempt later: the database or queue was away, not our statement or data at fault. */
function isTransient(err: unknown): boolean {
  if (err instanceof Unavailable) return true;
  if (err instanceof AppError) return false;
  if (err instanceof Neo4jError) return Neo4jError.isRetryable(err);
  // Anything else on this path is I/O: Redis (progress updates) or the file system.
  return !(err instanceof TypeError || err instanceof RangeError);
}

export function ingestProcessor({ cancels, driver, registry, cfg, log }: IngestDeps) {
  // Resolved now, so a missing statement stops the worker at boot.
  const begin = registry.get('ingest/begin-import');
  const finish = registry.get('ingest/finish-import');
  // Every statement any format may run, resolved now so a missing one stops the worker at boot.
  const statements = new Map<string, Statement>();
  for (const k of importKinds) {
    const f: RowFormat = rowFormats[k];
    for (const name of [f.statement, ...(f.route?.statements ?? []), ...(f.before ?? []).map((b) => b.statement), ...(f.after ?? []).map((b) => b.statement)]) {
      statements.set(name, registry.get(name));
    }
  }
  const stmt = (name: string) => statements.get(name)!;
  const db = { database: cfg.NEO4J_DATABASE };

  /**
   * One batch: the format's before-steps, its row statement(s), its after-steps; each its own transaction, all
   * idempotent. Returns what the statements said about rows they did not write: `skipped`, the ids of rows this
   * import had already written (formats with a key); `rejected`, rows a statement could not write (it returns
   * `rejected: [{row: index in $rows, field, reason, value}]`, e.g. an FtM relationship whose end is unknown).
   */
  async function writeBatch(format: RowFormat, rows: unknown[], ctx: { importId: string; seenAt: string }): Promise<BatchOutcome> {
    // The batch's statements in order: before-steps, the row statement(s), after-steps.
    const steps: { stmt: Statement; params: Record<string, unknown>; sent?: unknown[] }[] = [];
    for (const step of format.before ?? []) steps.push({ stmt: stmt(step.statement), params: { ...step.params(rows), ...ctx } });
    if (format.route) {
      const groups = new Map<string, unknown[]>();
      for (const row of rows) {
        const name = format.route.of(row);
        const group = groups.get(name);
        if (group) group.push(row);
        else groups.set(name, [row]);
      }
      for (const name of format.route.statements) {
        const group = groups.get(name);
        if (group?.length) steps.push({ stmt: stmt(name), params: { rows: group, ...ctx }, sent: group });
      }
    } else {
      steps.push({ stmt: stmt(format.statement), params: { rows, ...ctx }, sent: rows });
    }
    for (const step of format.after ?? []) steps.push({ stmt: stmt(step.statement), params: { ...step.params(rows), ...ctx } });
    // One transaction per batch: one commit (one log flush) instead of one per statement, and all or nothing.
    const { results, attempts } = await runInOneTransaction(driver, steps, db);

    const outcome: BatchOutcome = { skipped: [], rejected: [], retried: attempts > 1 };
    steps.forEach(({ sent }, i) => {
      if (!sent) return;
      for (const r of results[i] as { skipped?: unknown; rejected?: unknown }[]) {
        if (Array.isArray(r.skipped)) outcome.skipped.push(...(r.skipped as string[]));
        if (Array.isArray(r.rejected)) {
          for (const x of r.rejected as { row: number; field: unknown; reason: unknown; value?: unknown }[]) {
            outcome.rejected.push({ row: sent[x.row], field: String(x.field), reason: String(x.reason), ...(x.value == null ? {} : { value: String(x.value).slice(0, 200) }) });
          }
        }
      }
    });
    return outcome;
  }

  return async function processImport(job: Job): Promise<IngestResult> {
    const parsed = ingestJobData.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id} has malformed data: ${parsed.error.message}`);
    const data: IngestJobData = parsed.data;
    const format = rowFormats[data.kind];
    const started = Date.now();
    const jlog = log.child({ job: job.id, importId: data.importId, kind: data.kind });

    if (!fs.existsSync(data.path)) {
      // Retrying cannot bring it back: the imports area (DATA_DIR) must be shared by producers and workers.
      throw new UnrecoverableError(`${data.fileName}: the staged file ${data.path} is missing on this worker (is DATA_DIR shared?)`);
    }
    const [first] = await runStatement(driver, begin, { id: data.importId, kind: data.kind, fileName: data.fileName, sha256: data.sha256, bytes: data.bytes, requestedBy: data.requestedBy }, db);
    const seenAt = String(first?.seenAt);
    // Any run but the first (a re-run of a completed import, a retry of a failed or cancelled one, a takeover)
    // may meet rows an earlier run of this import wrote: skipping them is expected, not a repeated key. So a key
    // repeated across batches is reported on the first run only (within a batch, always).
    const rerun = first?.previousStatus != null;
    const previous = job.progress as Partial<IngestProgress> | number;
    const resumeAfter = typeof previous === 'object' && previous ? (previous.committedLine ?? 0) : 0;
    // Rows are counted in the order the reader yields them, which is file order except for a reader in several
    // passes (FtM: entities, then relationships), whose lines go back to the start. So a resumed job skips the
    // rows counted up to its last committed batch: the rowsRead of the progress saved after that batch (commit()
    // is the only place progress is saved, with the rowsRead counted when the batch was cut).
    const resumeAfterRow = typeof previous === 'object' && previous ? (previous.rowsRead ?? 0) : 0;
    if (resumeAfter) jlog.info({ resumeAfter, resumeAfterRow }, 'resuming an interrupted import after the last committed line');

    const report = new RejectsReport(path.join(path.dirname(path.dirname(data.path)), 'rejects.csv'), String(job.token ?? process.pid));
    // Counts on the reading side (rows read and rejected by the checks); `committed` below is what is written.
    const progress = { rowsRead: 0, rowsRejected: 0 };
    const source = readRows(data.path, data.fileName, format);
    type Pending = { line: number; seq: number; row: unknown };
    let batch: Pending[] = [];
    // Keys of the current batch and of the batches that may still be in flight (formats with a key): a key
    // repeated among them is rejected before it is sent, since concurrent batches cannot see each other.
    let batchKeys = new Map<string, number>();
    const recentKeys: Map<string, number>[] = [];
    // What is committed: the progress a takeover resumes from. Reading runs ahead of it by the batches in flight.
    const committed: IngestProgress = emptyProgress(data.bytes);
    let written = 0;
    let refusedByWrites = 0;

    /** Writes a cut batch, then saves the progress as of that batch's end (the point a takeover resumes from). */
    const commit = async (taken: Pending[], cut: { rowsRead: number; rowsRejected: number; bytesRead: number }, before: Promise<void> | undefined) => {
      const fresh = taken.filter((b) => b.seq > resumeAfterRow);
      const { skipped, rejected, retried } = fresh.length
        ? await writeBatch(format, fresh.map((b) => b.row), { importId: data.importId, seenAt })
        : { skipped: [], rejected: [], retried: false };
      // Batches may commit out of order; their progress is saved in order, so the saved cut is always clean.
      await before;
      // A row skipped because this import wrote its key in an earlier batch repeats that key (first run only,
      // and not when the driver retried the batch: then the skipped rows may be its own earlier attempt's).
      let duplicates = 0;
      if (skipped.length && format.key && !rerun && !retried) {
        const lines = new Map(fresh.map((b) => [format.key!(b.row), b.line]));
        for (const key of skipped) {
          duplicates++;
          report.add({ line: lines.get(key) ?? 0, field: '*', reason: `${key} appeared earlier in this file; the first row was kept and this one ignored` });
        }
      }
      // Rows a statement refused (a reference it could not resolve): rejects of their lines.
      const lineOf = rejected.length ? new Map(fresh.map((b) => [b.row, b.line])) : undefined;
      for (const r of rejected) report.add({ line: lineOf?.get(r.row) ?? 0, field: r.field, reason: r.reason, ...(r.value === undefined ? {} : { value: r.value }) });
      const refused = new Set(rejected.map((r) => r.row)).size;
      written += taken.length - duplicates - refused;
      refusedByWrites += duplicates + refused;
      Object.assign(committed, {
        rowsRead: cut.rowsRead, rowsWritten: written, rowsRejected: cut.rowsRejected + refusedByWrites, bytesRead: cut.bytesRead,
        percent: data.bytes ? Math.min(100, Math.round((cut.bytesRead / data.bytes) * 1000) / 10) : 100,
        committedLine: taken.length ? taken[taken.length - 1]!.line : committed.committedLine,
      });
      await job.updateProgress({ ...committed });
    };

    // Up to INGEST_WRITERS batches are written at once while the next is read and checked. Each batch's
    // progress is saved after the one before it, so the saved progress is always a clean cut.
    const inFlight: Promise<void>[] = [];
    // Only formats whose outcome does not depend on the order batches commit in are written concurrently.
    const writers = format.concurrentBatches ? cfg.INGEST_WRITERS : 1;
    /** Waits for every batch in flight (all of them, even after one fails), then throws the first failure. */
    const settle = async () => {
      const failed = (await Promise.allSettled(inFlight.splice(0))).find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    };
    const flush = async () => {
      if (inFlight.length >= writers) await inFlight.shift();
      const taken = batch;
      batch = [];
      recentKeys.push(batchKeys);
      if (recentKeys.length > writers) recentKeys.shift();
      batchKeys = new Map();
      const cut = { rowsRead: progress.rowsRead, rowsRejected: progress.rowsRejected, bytesRead: source.bytesRead() };
      const done = commit(taken, cut, inFlight[inFlight.length - 1]);
      // Seen when awaited; until then a failure must not count as an unhandled rejection.
      done.catch(() => undefined);
      inFlight.push(done);
    };

    const record = (status: string, error: string | null) =>
      runStatement(driver, finish, {
        id: data.importId, status, rowsRead: progress.rowsRead, rowsWritten: written,
        rowsRejected: progress.rowsRejected + refusedByWrites, rejectsPath: report.path, rejectsSample: JSON.stringify(report.sample), error,
      }, db);
    const fail = (status: string, message: string) =>
      record(status, message).catch((e) => jlog.error({ err: e }, 'could not record the failure on the Import node'));

    const stopIfCancelled = async () => {
      const by = await cancels.requestedBy(data.importId);
      if (by !== undefined) throw new ImportCancelled(`${CANCELLED} by ${by}: ${data.fileName}: stopped after line ${committed.committedLine}`);
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
          source.rejectsOf(event.line, event.raw, row.error).forEach((r) => report.add(r));
          continue;
        }
        const key = format.key?.(row.data);
        if (key !== undefined) {
          const earlier = batchKeys.get(key) ?? recentKeys.find((k) => k.has(key))?.get(key);
          if (earlier !== undefined) {
            progress.rowsRejected++;
            report.add({ line: event.line, field: '*', reason: `${key} appeared earlier in this file (line ${earlier}); the first row was kept and this one ignored` });
            continue;
          }
          batchKeys.set(key, event.line);
        }
        batch.push({ line: event.line, seq: progress.rowsRead, row: row.data });
        if (batch.length >= cfg.INGEST_BATCH_SIZE) {
          await flush();
          await stopIfCancelled(); // cancel check: only between batches, so every batch is written whole
        }
      }
      await flush();
      await settle();
      source.warnings.forEach((w) => report.add(w));
    } catch (err) {
      source.close();
      // A batch still in flight finishes (or fails) before the end is recorded, so the counts are its.
      await settle().catch(() => undefined);
      await report.close();
      // Cancelled: status cancelled with the counts so far; no retry, so no stage of the flow runs.
      if (err instanceof ImportCancelled) {
        await fail('cancelled', err.message);
        await cancels.clear(data.importId);
        jlog.info({ ...committed }, 'import cancelled');
        throw new UnrecoverableError(err.message);
      }

      if (err instanceof FileProblem) {
        await fail('failed', err.message);
        throw new UnrecoverableError(err.message);
      }
      const message = `${data.fileName}: after line ${committed.committedLine}: ${(err as Error).message}`;
      if (!isTransient(err)) {
        // Retrying the same rows would fail the same way: stop now and say where.
        await fail('failed', message);
        throw new UnrecoverableError(message);
      }
      // Neo4j or Redis away: BullMQ retries with backoff and the next attempt resumes after committedLine.
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await fail(last ? 'failed' : 'retrying', message);
      throw err;
    }
    await report.close();
    await record('completed', null);
    // Flows: the derive job is this job's parent in its flow (core/imports.ts); BullMQ runs it now.
    const derive = job.parent?.queueKey.endsWith(`:${DERIVE_QUEUE}`) ? job.parent.id : undefined;
    const seconds = (Date.now() - started) / 1000;
    jlog.info({ ...committed, rowsRead: progress.rowsRead, seconds, rowsPerSecond: Math.round(progress.rowsRead / Math.max(seconds, 0.001)) }, 'import completed');
    return {
      importId: data.importId, status: 'completed', rowsRead: progress.rowsRead, rowsWritten: written,
      rowsRejected: progress.rowsRejected + refusedByWrites, rejectsPath: report.path, rejectsSample: report.sample, seconds,
      ...(derive ? { deriveJobId: String(derive) } : {}),
    };
  };
}
