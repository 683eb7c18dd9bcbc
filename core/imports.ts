/**
 * Imports as jobs, for every producer (CLI, API, npm start's demo loader): staging a file or an upload into
 * the imports area, queueing it as a BullMQ flow (the ingest job, then its stages: see importStages in
 * core/queues.ts), cancelling, retrying, and reading its live state. docs/jobs.md explains it for users.
 *
 * Staging copies the bytes into DATA_DIR/imports/<importId>/source/<fileName> while computing their sha256
 * (the import id comes from it), so the worker reads a file nobody else changes.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FlowProducer, Job, Queue, type FlowJob, type FlowJobNode, type JobState } from 'bullmq';
import { Redis } from 'ioredis';
import type { Driver } from 'neo4j-driver';
import { importId } from '../domain/ids';
import type { ImportKind } from '../domain/vocabulary';
import type { CypherRegistry } from '../cypher/registry';
import { AppError, Conflict, Invalid, NotFound } from './errors';
import { runStatement } from './neo4j';
import {
  CANCEL_TTL_SECONDS, cancelKey, INGEST_QUEUE, IngestJobData, ingestJobData, IngestProgress, IngestResult, isCancelledReason,
  jobOptions, stagesOf,
} from './queues';

/** An upload over the size limit (MAX_UPLOAD_MB). */
export class TooLarge extends AppError {
  constructor(message: string) {
    super(413, 'too_large', message);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Staging

export interface StageOptions {
  kind: ImportKind;
  /** The name the file is known by (the CLI's file name, the upload's filename); only its last part is kept. */
  fileName: string;
  dataDir: string;
  requestedBy: string;
  /** Fail with TooLarge (and keep nothing) past this many bytes. */
  maxBytes?: number;
}

export interface Staged {
  data: IngestJobData;
  /** Removes the staged copy again, unless the same file had been staged before (then it belongs to that import). */
  discard(): Promise<void>;
}

/** The last part of a path or upload name, with control characters removed; refuses names that are no file name. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!base || base === '.' || base === '..') throw new Invalid(`"${name}" is not a usable file name`);
  if (Buffer.byteLength(base) > 255) throw new Invalid('the file name is longer than 255 bytes');
  return base;
}

/**
 * The one staging function: streams `input` into the imports area while hashing it, never holding it whole.
 * On failure (a read error, TooLarge) the partial copy is removed; the input is left for the caller to
 * close or drain (an upload's part must be drained for the rest of the request to be read).
 */
export async function stageStream(input: Readable, opts: StageOptions): Promise<Staged> {
  const fileName = safeFileName(opts.fileName);
  const incoming = path.join(opts.dataDir, 'imports', '.incoming');
  await fs.promises.mkdir(incoming, { recursive: true });
  const tmp = path.join(incoming, `${process.pid}-${Date.now()}-${randomBytes(4).toString('hex')}`);
  const hash = createHash('sha256');
  let bytes = 0;
  const max = opts.maxBytes;
  try {
    await pipeline(input, async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        bytes += chunk.length;
        if (max !== undefined && bytes > max) throw new TooLarge(`${fileName} is larger than the limit of ${formatBytes(max)} (MAX_UPLOAD_MB)`);
        hash.update(chunk);
        yield chunk;
      }
    }, fs.createWriteStream(tmp));
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
  const sha256 = hash.digest('hex');
  const id = importId(sha256, opts.kind);
  // source/ keeps the original apart from what the worker writes beside it (rejects.csv).
  const dir = path.join(opts.dataDir, 'imports', id, 'source');
  await fs.promises.mkdir(dir, { recursive: true });
  const staged = path.join(dir, fileName);
  // The same id and name mean the same bytes: keep the copy a worker may be reading.
  const fresh = !fs.existsSync(staged);
  if (fresh) await fs.promises.rename(tmp, staged);
  else await fs.promises.rm(tmp, { force: true });
  const data = ingestJobData.parse({ importId: id, kind: opts.kind, path: staged, fileName, sha256, bytes, requestedBy: opts.requestedBy });
  return {
    data,
    async discard() {
      if (!fresh) return;
      await fs.promises.rm(staged, { force: true });
      // The folders too, when nothing else is in them (rmdir refuses a folder that is not empty).
      await fs.promises.rmdir(dir).catch(() => undefined);
      await fs.promises.rmdir(path.dirname(dir)).catch(() => undefined);
    },
  };
}

/** Stages a file from disk (the CLI, npm start): the original is kept as it is. */
export async function stageFile(source: string, kind: ImportKind, dataDir: string, requestedBy: string): Promise<IngestJobData> {
  const stat = await fs.promises.stat(source).catch(() => undefined);
  if (!stat?.isFile()) throw new Invalid(`${source}: no such file`);
  const { data } = await stageStream(fs.createReadStream(source), { kind, fileName: path.basename(source), dataDir, requestedBy });
  return data;
}

const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 100) / 100} MiB` : `${n} bytes`);

// ---------------------------------------------------------------------------------------------------------
// Queues and flows

/** The ingest queue on an ioredis connection; every function below finds the stage queues from it. */
export function ingestQueue(connection: Redis, prefix: string): Queue {
  return new Queue(INGEST_QUEUE, { connection, prefix });
}

const prefixOf = (queue: Queue) => queue.opts.prefix ?? 'bull';

function redisOf(queue: Queue): Redis {
  const c = queue.opts.connection;
  if (!(c instanceof Redis)) throw new Error('import queues must be built on an ioredis connection (see ingestQueue)');
  return c;
}

const siblings = new WeakMap<Queue, Map<string, Queue>>();

/** A stage queue (derive, ...) on the ingest queue's connection and prefix. */
export function stageQueue(queue: Queue, name: string): Queue {
  let byName = siblings.get(queue);
  if (!byName) siblings.set(queue, (byName = new Map()));
  let q = byName.get(name);
  if (!q) byName.set(name, (q = new Queue(name, { connection: queue.opts.connection, prefix: queue.opts.prefix })));
  return q;
}

/** The flow of one import: the ingest job innermost, each stage the parent of the one before. */
function flowOf(data: IngestJobData): FlowJob {
  const opts = { ...jobOptions, jobId: data.importId };
  let node: FlowJobNode = { name: INGEST_QUEUE, queueName: INGEST_QUEUE, data, opts };
  for (const stage of stagesOf(data.kind)) node = { name: stage, queueName: stage, data: { importId: data.importId }, opts, children: [node] };
  return node as FlowJob;
}

/** The job's parent, when it has one that still exists. */
async function parentOf(queue: Queue, job: Job): Promise<Job | undefined> {
  const parent = job.parent;
  if (!parent?.id || !parent.queueKey.startsWith(`${prefixOf(queue)}:`)) return undefined;
  return stageQueue(queue, parent.queueKey.slice(prefixOf(queue).length + 1)).getJob(parent.id);
}

/** The stage jobs above an ingest job, first stage first. */
async function stageJobsOf(queue: Queue, job: Job): Promise<Job[]> {
  const stages: Job[] = [];
  for (let p = await parentOf(queue, job); p; p = await parentOf(queue, p)) stages.push(p);
  return stages;
}

/** Removes an import's whole flow (its root removes its children). Throws when a job of it is running. */
async function removeFlow(queue: Queue, job: Job): Promise<void> {
  const stages = await stageJobsOf(queue, job);
  const root = stages[stages.length - 1] ?? job;
  try {
    await root.remove();
    if (root !== job && (await queue.getJob(String(job.id)))) await job.remove();
  } catch (err) {
    if (/locked/.test((err as Error).message)) throw new Conflict(`import ${job.id} has a job running now (${(err as Error).message})`);
    throw err;
  }
}

/** Whether the job still sits under the stages its kind needs (jobs queued before flows, or whose parent is gone, do not). */
async function flowIntact(queue: Queue, job: Job, data: IngestJobData): Promise<boolean> {
  const expected = stagesOf(data.kind);
  const stages = await stageJobsOf(queue, job);
  return stages.length === expected.length && stages.every((s, i) => s.queueName === expected[i]);
}

async function addFlow(queue: Queue, data: IngestJobData): Promise<Job> {
  // A finished stage job left under this id (its ingest job is gone) would take the new child without ever
  // running again: remove it. One still waiting for its children belongs to a live flow (the same file queued
  // at the same moment): BullMQ adds the child to it once, as a duplicate.
  for (const stage of stagesOf(data.kind)) {
    const stale = await stageQueue(queue, stage).getJob(data.importId);
    if (stale && ['completed', 'failed', 'waiting', 'delayed', 'prioritized'].includes(await stale.getState())) {
      await stale.remove().catch((err: Error) => {
        throw new Conflict(`the ${stage} job of an earlier run of import ${data.importId} is still running; try again when it ends (${err.message})`);
      });
    }
  }
  const flows = new FlowProducer({ connection: queue.opts.connection, prefix: queue.opts.prefix });
  try {
    let node = await flows.add(flowOf(data));
    while (node.children?.length) node = node.children[0]!;
    return node.job;
  } finally {
    // The producer shares the queue's connection: closing it closes nothing the queue needs.
    await flows.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Cancel requests

/** Cancel requests of running imports (core/queues.ts cancelKey): written by the API and CLI, read by workers. */
export class CancelFlags {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  static of(queue: Queue): CancelFlags {
    return new CancelFlags(redisOf(queue), prefixOf(queue));
  }

  async request(importId: string, by: string): Promise<void> {
    await this.redis.set(cancelKey(this.prefix, importId), by, 'EX', CANCEL_TTL_SECONDS);
  }

  /** Who asked to cancel the import, or undefined when nobody did. */
  async requestedBy(importId: string): Promise<string | undefined> {
    return (await this.redis.get(cancelKey(this.prefix, importId))) ?? undefined;
  }

  async clear(importId: string): Promise<void> {
    await this.redis.del(cancelKey(this.prefix, importId));
  }
}

/** Thrown by the ingest job between batches when a cancel was requested. */
export class ImportCancelled extends Error {
  override readonly name = 'ImportCancelled';
}

// ---------------------------------------------------------------------------------------------------------
// Enqueue, cancel, retry

export interface Enqueued {
  job: Job;
  /** false when this file was already queued or imported and nothing new was started. */
  created: boolean;
}

/** Moves a failed job back to waiting; someone else doing the same at the same moment is a Conflict, not a crash. */
async function retryFailed(job: Job): Promise<void> {
  try {
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  } catch (err) {
    throw new Conflict(`${job.queueName} job ${job.id} could not be run again (${(err as Error).message}); it may have been retried already`);
  }
}

/** Runs a failed (or cancelled) ingest job again; BullMQ keeps its progress, so it resumes after its last committed line. */
async function rerun(queue: Queue, job: Job, data: IngestJobData): Promise<Job> {
  await CancelFlags.of(queue).clear(data.importId);
  if (!(await flowIntact(queue, job, data))) {
    // Queued before flows, or its stage job is gone: start a whole new flow (from the first line).
    await removeFlow(queue, job);
    return addFlow(queue, data);
  }
  // Its stage jobs are still waiting for it (a failed child leaves its parent waiting), so they run after it.
  await retryFailed(job);
  return job;
}

/**
 * Queues an import as a flow under its import id, so the same file is never queued twice at once. A failed
 * or cancelled earlier run is run again; `force` runs a completed import again (idempotent: it changes nothing).
 */
export async function enqueueImport(queue: Queue, data: IngestJobData, opts: { force?: boolean } = {}): Promise<Enqueued> {
  const existing = await queue.getJob(data.importId);
  if (existing) {
    const state = await existing.getState();
    if (state === 'failed') return { job: await rerun(queue, existing, data), created: true };
    if (state !== 'completed' || !opts.force) return { job: existing, created: false };
    await removeFlow(queue, existing);
  }
  await CancelFlags.of(queue).clear(data.importId);
  return { job: await addFlow(queue, data), created: true };
}

/** Where the API and CLI read and write Import nodes. */
export interface ImportBook {
  driver: Driver;
  registry: CypherRegistry;
  database: string;
  timeoutMs?: number;
}

export type ImportRecord = Record<string, unknown> & {
  id: string;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  bytes: number;
  requestedBy: string;
  status: string;
  rejectsPath?: string;
  rejectsSample?: string;
};

export async function importRecord(book: ImportBook, id: string): Promise<ImportRecord | undefined> {
  const [row] = await runStatement(book.driver, book.registry.get('ingest/get-import'), { id }, { database: book.database, timeoutMs: book.timeoutMs });
  return row?.import as ImportRecord | undefined;
}

/** Records on an Import node that its queued run was withdrawn (its counts stay those of its last run). */
async function recordWithdrawn(book: ImportBook, record: ImportRecord, message: string): Promise<void> {
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  await runStatement(book.driver, book.registry.get('ingest/finish-import'), {
    id: record.id, status: 'cancelled', rowsRead: n(record.rowsRead), rowsWritten: n(record.rowsWritten), rowsRejected: n(record.rowsRejected),
    rejectsPath: record.rejectsPath ?? '', rejectsSample: record.rejectsSample ?? '[]', error: message,
  }, { database: book.database, timeoutMs: book.timeoutMs });
}

export type CancelOutcome =
  /** It was queued: its flow is gone from the queues and nothing of it ran (this time). */
  | { outcome: 'removed' }
  /** It is running: it stops at its next batch boundary and ends `cancelled`. */
  | { outcome: 'stopping' };

const finishedMessage = (id: string, status: string) =>
  status === 'completed'
    ? `import ${id} already completed; there is nothing to cancel`
    : `import ${id} already ended (${status}); there is nothing to cancel (retry runs it again)`;

/**
 * Cancels an import: a queued one is removed with its stages; a running one is asked to stop at its next
 * batch boundary (rows already written stay). A finished one is a Conflict (409).
 */
export async function cancelImport(queue: Queue, book: ImportBook, id: string, by: string): Promise<CancelOutcome> {
  const job = await queue.getJob(id);
  if (!job) {
    const record = await importRecord(book, id);
    if (!record) throw new NotFound(`no import with id ${id}`);
    throw new Conflict(finishedMessage(id, record.status));
  }
  const state = await job.getState();
  if (state === 'completed') throw new Conflict(finishedMessage(id, 'completed'));
  if (state === 'failed') throw new Conflict(finishedMessage(id, isCancelledReason(job.failedReason) ? 'cancelled' : 'failed'));
  const flags = CancelFlags.of(queue);
  if (state === 'active') {
    await flags.request(id, by);
    return { outcome: 'stopping' };
  }
  try {
    await removeFlow(queue, job);
  } catch (err) {
    // A worker took it between our look and the removal: stop it the running way.
    if (!(err instanceof Conflict)) throw err;
    await flags.request(id, by);
    return { outcome: 'stopping' };
  }
  // A re-run (or a retry after a transient failure) that had not started: its Import node says so.
  const record = await importRecord(book, id);
  if (record) await recordWithdrawn(book, record, `${id}: cancelled by ${by} while queued`);
  return { outcome: 'removed' };
}

export interface Retried {
  job: Job;
  /** What runs again: the import itself, or a stage of it (derive) that failed after the import completed. */
  stage: string;
  /** The line after which the import resumes (0: from the start). */
  resumeAfter: number;
}

/**
 * Runs a failed or cancelled import again, resuming after its last committed line when its job still has
 * it; a completed import whose stage failed has that stage run again. Anything else is a Conflict (409).
 */
export async function retryImport(queue: Queue, book: ImportBook, id: string, dataDir: string): Promise<Retried> {
  const job = await queue.getJob(id);
  if (job) {
    const state = await job.getState();
    if (state === 'failed') {
      const data = ingestJobData.parse(job.data);
      const progress = (typeof job.progress === 'object' ? job.progress : {}) as Partial<IngestProgress>;
      const again = await rerun(queue, job, data);
      return { job: again, stage: INGEST_QUEUE, resumeAfter: again === job ? (progress.committedLine ?? 0) : 0 };
    }
    if (state === 'completed') {
      for (const stage of await stageJobsOf(queue, job)) {
        if ((await stage.getState()) === 'failed') {
          await retryFailed(stage);
          return { job: stage, stage: stage.queueName, resumeAfter: 0 };
        }
      }
      throw new Conflict(`import ${id} completed; there is nothing to retry (npm run import -- <kind> <file> --force runs it again, which changes nothing)`);
    }
    throw new Conflict(`import ${id} is ${state}; only a failed or cancelled import can be retried`);
  }
  // No job (withdrawn while queued, or past the queue's retention): start again from the staged copy.
  const record = await importRecord(book, id);
  if (!record) throw new NotFound(`no import with id ${id}`);
  if (record.status !== 'failed' && record.status !== 'cancelled') {
    throw new Conflict(`import ${id} is ${record.status}; only a failed or cancelled import can be retried`);
  }
  const staged = path.join(dataDir, 'imports', id, 'source', record.fileName);
  if (!fs.existsSync(staged)) throw new Conflict(`the staged copy of ${record.fileName} is gone (${staged}); import the file again`);
  const data = ingestJobData.parse({ importId: id, kind: record.kind, path: staged, fileName: record.fileName, sha256: record.sha256, bytes: record.bytes, requestedBy: record.requestedBy });
  const { job: fresh } = await enqueueImport(queue, data);
  return { job: fresh, stage: INGEST_QUEUE, resumeAfter: 0 };
}

// ---------------------------------------------------------------------------------------------------------
// Live state

export interface JobStatus {
  /** The ingest job's queue state (waiting, active, delayed, completed, failed, ...). */
  state: JobState | 'unknown';
  /** True when it failed because someone cancelled it. */
  cancelled: boolean;
  progress: Pick<IngestProgress, 'rowsRead' | 'rowsWritten' | 'rowsRejected' | 'percent'> & { committedLine?: number };
  attemptsMade: number;
  failedReason?: string;
  /** A cancel was requested and the job has not stopped yet. */
  cancelRequestedBy?: string;
  /** The stages waiting for or run after it, first first. */
  stages: { queue: string; id: string; state: JobState | 'unknown'; failedReason?: string }[];
  data: IngestJobData;
}

/** The queue's view of an import, or undefined when it has no job (never queued, or past retention). */
export async function jobStatus(queue: Queue, id: string): Promise<JobStatus | undefined> {
  const job = await queue.getJob(id);
  if (!job) return undefined;
  const state = await job.getState();
  const p = (typeof job.progress === 'object' && job.progress ? job.progress : {}) as Partial<IngestProgress>;
  const result = (state === 'completed' ? job.returnvalue : undefined) as IngestResult | undefined;
  const cancelRequestedBy = state === 'active' || state === 'waiting' ? await CancelFlags.of(queue).requestedBy(id) : undefined;
  const stages = await Promise.all(
    (await stageJobsOf(queue, job)).map(async (s) => ({
      queue: s.queueName, id: String(s.id), state: await s.getState(), ...(s.failedReason ? { failedReason: s.failedReason } : {}),
    })),
  );
  return {
    state,
    cancelled: state === 'failed' && isCancelledReason(job.failedReason),
    progress: {
      rowsRead: result?.rowsRead ?? p.rowsRead ?? 0,
      rowsWritten: result?.rowsWritten ?? p.rowsWritten ?? 0,
      rowsRejected: result?.rowsRejected ?? p.rowsRejected ?? 0,
      percent: result ? 100 : (p.percent ?? 0),
      ...(p.committedLine ? { committedLine: p.committedLine } : {}),
    },
    attemptsMade: job.attemptsMade,
    ...(job.failedReason && state !== 'completed' ? { failedReason: job.failedReason } : {}),
    ...(cancelRequestedBy ? { cancelRequestedBy } : {}),
    stages,
    data: ingestJobData.parse(job.data),
  };
}

export type JobOutcome =
  | { state: 'completed'; result: IngestResult }
  /** `cancelled`: it failed because someone cancelled it. */
  | { state: 'failed'; reason: string; cancelled: boolean };

/**
 * Follows a job until it ends, calling `onProgress` as it moves. Polls (every `intervalMs`) rather than
 * subscribing to events, so it works from any process against any Redis, and says when no worker is
 * listening instead of waiting silently.
 */
export async function followImport(
  queue: Queue,
  jobId: string,
  onProgress: (p: Partial<IngestProgress>, state: string, workers: number) => void,
  intervalMs = 300,
): Promise<JobOutcome> {
  for (;;) {
    // State first, then the job: the move to completed writes the return value atomically, so a job read
    // after seeing "completed" has it (read the other way round, it may still look active).
    const state = await queue.getJobState(jobId);
    const job = await Job.fromId(queue, jobId);
    if (!job || state === 'unknown') throw new Error(`job ${jobId} disappeared from the queue (cancelled while queued?)`);
    if (state === 'completed') return { state, result: job.returnvalue };
    // A failing attempt with retries left goes back to delayed/waiting; "failed" is final.
    if (state === 'failed') return { state, reason: job.failedReason, cancelled: isCancelledReason(job.failedReason) };
    const workers = state === 'waiting' ? (await queue.getWorkers()).length : -1;
    onProgress(typeof job.progress === 'object' ? (job.progress as Partial<IngestProgress>) : {}, state, workers);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
