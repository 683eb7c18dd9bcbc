/**
 * Staging and enqueueing imports, for every producer (CLI, npm start's demo loader, later the API).
 * A file is copied into the imports area under its import id while its sha256 is computed, so the
 * original is kept and the worker reads a file nobody else changes.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Queue, Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { importId } from '../domain/ids';
import type { ImportKind } from '../domain/vocabulary';
import { INGEST_QUEUE, IngestJobData, ingestJobData, IngestProgress, IngestResult, jobOptions } from './queues';
import { Invalid } from './errors';

export async function stageFile(source: string, kind: ImportKind, dataDir: string, requestedBy: string): Promise<IngestJobData> {
  const stat = await fs.promises.stat(source).catch(() => undefined);
  if (!stat?.isFile()) throw new Invalid(`${source}: no such file`);
  const incoming = path.join(dataDir, 'imports', '.incoming');
  await fs.promises.mkdir(incoming, { recursive: true });
  const tmp = path.join(incoming, `${process.pid}-${Date.now()}-${path.basename(source)}`);
  const hash = createHash('sha256');
  try {
    await pipeline(fs.createReadStream(source), async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        yield chunk;
      }
    }, fs.createWriteStream(tmp));
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
  const sha256 = hash.digest('hex');
  const id = importId(sha256, kind);
  const fileName = path.basename(source);
  // source/ keeps the original apart from what the worker writes beside it (rejects.csv).
  const dir = path.join(dataDir, 'imports', id, 'source');
  await fs.promises.mkdir(dir, { recursive: true });
  const staged = path.join(dir, fileName);
  await fs.promises.rename(tmp, staged);
  return ingestJobData.parse({ importId: id, kind, path: staged, fileName, sha256, bytes: stat.size, requestedBy });
}

export function ingestQueue(connection: Redis, prefix: string): Queue {
  return new Queue(INGEST_QUEUE, { connection, prefix });
}

export interface Enqueued {
  job: Job;
  /** false when this file was already queued or imported and nothing new was started. */
  created: boolean;
}

/**
 * Enqueues an import under its import id, so the same file is never queued twice at once. A failed
 * earlier run is retried; `force` runs a finished import again (idempotent: it changes nothing).
 */
export async function enqueueImport(queue: Queue, data: IngestJobData, opts: { force?: boolean } = {}): Promise<Enqueued> {
  const existing = await queue.getJob(data.importId);
  if (existing) {
    const state = await existing.getState();
    if (state === 'failed') {
      await existing.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return { job: existing, created: true };
    }
    if (state !== 'completed' || !opts.force) return { job: existing, created: false };
    await existing.remove();
  }
  const job = await queue.add(INGEST_QUEUE, data, { ...jobOptions, jobId: data.importId });
  return { job, created: true };
}

export type JobOutcome =
  | { state: 'completed'; result: IngestResult }
  | { state: 'failed'; reason: string };

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
    if (!job || state === 'unknown') throw new Error(`job ${jobId} disappeared from the queue`);
    if (state === 'completed') return { state, result: job.returnvalue };
    // A failing attempt with retries left goes back to delayed/waiting; "failed" is final.
    if (state === 'failed') return { state, reason: job.failedReason };
    const workers = state === 'waiting' ? (await queue.getWorkers()).length : -1;
    onProgress(typeof job.progress === 'object' ? (job.progress as Partial<IngestProgress>) : {}, state, workers);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
