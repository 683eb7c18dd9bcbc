/**
 * Imports over HTTP (docs/jobs.md):
 *   POST /api/imports?kind=      upload a file (multipart/form-data, field "file"), streamed into the imports area
 *   GET  /api/imports            what was loaded, newest first
 *   GET  /api/imports/:id        one import: its Import node beside its job's live state and progress
 *   GET  /api/imports/:id/rejects  the rejects report (line, field, reason, value) as CSV
 *   POST /api/imports/:id/cancel   remove a queued import, or stop a running one at its next batch
 *   POST /api/imports/:id/retry    run a failed or cancelled import again
 * The imports area (DATA_DIR) must be the one the workers read.
 */
import fs from 'node:fs';
import { PassThrough, pipeline } from 'node:stream';
import type { Queue } from 'bullmq';
import busboy from 'busboy';
import { Router, type Request } from 'express';
import type { Driver } from 'neo4j-driver';
import { z } from 'zod';
import {
  cancelImport, enqueueImport, ImportBook, importRecord, ImportRecord, jobStatus, JobStatus, retryImport, stageStream, Staged, TooLarge,
} from '../../core/imports';
import { Invalid, NotFound } from '../../core/errors';
import { runStatement } from '../../core/neo4j';
import type { CypherRegistry } from '../../cypher/registry';
import { importKinds, type ImportKind } from '../../domain/vocabulary';
import { parseOr400, wholeNumber } from '../validate';

const idParam = z.object({ id: z.string().regex(/^imp-[a-z-]+-[0-9a-f]{16}$/, 'is not an import id (imp-<kind>-<16 hex>)') });
const listQuery = z.object({ limit: wholeNumber(1, 200).default(50), offset: wholeNumber(0, 1_000_000).default(0) });
const uploadQuery = z.object({ kind: z.enum(importKinds, { error: `must be one of ${importKinds.join(', ')}` }) });
/** Who asks (until there are accounts): a name or address, stored as the import's requestedBy. */
const userHeader = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._@+-]{0,99}$/u, 'must be 1-100 letters, digits, spaces or . _ @ + - and start with a letter or digit')
  .default('api');

/** Room for the multipart envelope around the file when judging a request by its Content-Length. */
const MULTIPART_SLACK = 1024 * 1024;

export interface ImportRouteDeps {
  driver: Driver;
  registry: CypherRegistry;
  database: string;
  timeoutMs: number;
  queue: Queue;
  dataDir: string;
  maxUploadMb: number;
}

const requester = (req: Request) => parseOr400(userHeader, req.get('x-threadline-user'), 'X-Threadline-User');

export function importRoutes(deps: ImportRouteDeps) {
  const list = deps.registry.get('ingest/list-imports');
  const opts = { database: deps.database, timeoutMs: deps.timeoutMs };
  const book: ImportBook = { driver: deps.driver, registry: deps.registry, database: deps.database, timeoutMs: deps.timeoutMs };
  // busboy needs a whole number of bytes.
  const maxBytes = Math.floor(deps.maxUploadMb * 1024 * 1024);
  const router = Router();

  const find = async (id: string): Promise<ImportRecord> => {
    const record = await importRecord(book, id);
    if (!record) throw new NotFound(`no import with id ${id}`);
    return record;
  };

  /** The Import node (what the last run recorded) beside the job (what the queue says now); either may be missing. */
  const describe = async (id: string) => {
    // Redis away: the Import node still answers, saying the live part is missing.
    let unavailable: string | undefined;
    const [record, live] = await Promise.all([
      importRecord(book, id),
      jobStatus(deps.queue, id).catch((err: Error) => {
        unavailable = `the job queue (Redis) could not be asked: ${err.message}`;
        return undefined;
      }),
    ]);
    if (!record && !live) throw new NotFound(`no import with id ${id}${unavailable ? ` (${unavailable})` : ''}`);
    const base = record ? publicRecord(record) : queuedRecord(live!);
    return { ...base, job: live ? publicJob(live) : null, ...(unavailable ? { jobUnavailable: unavailable } : {}) };
  };

  router.get('/imports', async (req, res) => {
    const { limit, offset } = parseOr400(listQuery, req.query, 'query');
    const rows = await runStatement(deps.driver, list, { limit, offset }, opts);
    res.json({ imports: rows.map((r) => r.import), limit, offset });
  });

  router.post('/imports', async (req, res) => {
    const { kind } = parseOr400(uploadQuery, req.query, 'query');
    const requestedBy = requester(req);
    if (!req.is('multipart/form-data')) throw new Invalid('send the file as multipart/form-data, in a field named "file"');
    const declared = Number(req.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_SLACK) {
      // Said up front: answer before reading any of it, and close the connection rather than take the rest.
      res.set('Connection', 'close');
      throw new TooLarge(`the upload (${declared} bytes) is larger than the limit of ${deps.maxUploadMb} MiB (MAX_UPLOAD_MB)`);
    }
    const staged = await receiveUpload(req, { kind, dataDir: deps.dataDir, requestedBy, maxBytes });
    let enqueued;
    try {
      enqueued = await enqueueImport(deps.queue, staged.data);
    } catch (err) {
      await staged.discard();
      throw err;
    }
    const { job, created } = enqueued;
    // The same file again (queued, running or done): the existing import answers, and its staged copy is the one kept.
    if (!created) await staged.discard();
    const data = job.data as typeof staged.data;
    res
      .status(created ? 202 : 200)
      .location(`/api/imports/${data.importId}`)
      .json({ import: { id: data.importId, kind: data.kind, fileName: data.fileName, sha256: data.sha256, bytes: data.bytes, state: await job.getState() } });
  });

  router.get('/imports/:id', async (req, res) => {
    const { id } = parseOr400(idParam, req.params, 'id');
    res.json({ import: await describe(id) });
  });

  router.get('/imports/:id/rejects', async (req, res) => {
    const { id } = parseOr400(idParam, req.params, 'id');
    const record = await find(id);
    if (!record.rejectsPath || !fs.existsSync(record.rejectsPath)) {
      throw new NotFound(`import ${id} has no rejects report${record.status === 'running' ? ' yet (still running)' : ''}`);
    }
    res.type('text/csv').attachment(`${id}-rejects.csv`);
    pipeline(fs.createReadStream(record.rejectsPath), res, (err) => err && req.log.warn({ err: err.message, id }, 'rejects report cut short'));
  });

  router.post('/imports/:id/cancel', async (req, res) => {
    const { id } = parseOr400(idParam, req.params, 'id');
    const by = requester(req);
    const { outcome } = await cancelImport(deps.queue, book, id, by);
    req.log.info({ id, by, outcome }, 'import cancel');
    const message =
      outcome === 'removed'
        ? `import ${id} was queued; it is removed and nothing of it ran`
        : `import ${id} is running; it stops at its next batch boundary and ends "cancelled" (rows already written stay)`;
    res.status(outcome === 'removed' ? 200 : 202).json({ cancel: { outcome, message }, import: await describe(id).catch(() => ({ id })) });
  });

  router.post('/imports/:id/retry', async (req, res) => {
    const { id } = parseOr400(idParam, req.params, 'id');
    // Checked before anything is queued: a bad header is the caller's mistake and must change nothing.
    const by = requester(req);
    const retried = await retryImport(deps.queue, book, id, deps.dataDir);
    req.log.info({ id, by, stage: retried.stage, resumeAfter: retried.resumeAfter }, 'import retry');
    res
      .status(202)
      .location(`/api/imports/${id}`)
      .json({ retry: { stage: retried.stage, resumeAfter: retried.resumeAfter }, import: await describe(id) });
  });
  return router;
}

/** The record as the API shows it: the rejects sample parsed, server paths left out. */
function publicRecord(record: ImportRecord) {
  const { rejectsPath: _path, rejectsSample, ...rest } = record;
  return { ...rest, rejectsSample: rejectsSample ? JSON.parse(rejectsSample) : [] };
}

/** A queued import that no worker has started yet has no Import node: its job says what it is. */
function queuedRecord(job: JobStatus) {
  const { importId: id, kind, fileName, sha256, bytes, requestedBy } = job.data;
  return { id, kind, fileName, sha256, bytes, requestedBy, status: 'queued', rejectsSample: [] };
}

function publicJob(job: JobStatus) {
  const { data: _data, ...rest } = job;
  return rest;
}

/**
 * Reads a multipart upload: its one file part (field "file") is staged as it arrives, never held whole.
 * Answers (rejects) only once the whole request has been read, so the client always gets the answer.
 */
function receiveUpload(req: Request, opts: { kind: ImportKind; dataDir: string; requestedBy: string; maxBytes: number }): Promise<Staged> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      // fileSize: busboy stops passing bytes on after maxBytes + 1 (and emits 'limit', setting `truncated`);
      // stageStream counts them and fails with TooLarge past maxBytes, removing what it wrote.
      bb = busboy({ headers: req.headers, limits: { fileSize: opts.maxBytes + 1, fields: 20, parts: 40, headerPairs: 100 } });
    } catch (err) {
      reject(new Invalid(`the body is not multipart/form-data: ${(err as Error).message}`));
      return;
    }
    const problems: string[] = [];
    let staging: Promise<Staged> | undefined;
    let broken: Error | undefined;

    bb.on('file', (name, file, info) => {
      // Every part we do not stage is drained, or busboy would wait for it forever.
      if (name !== 'file') {
        problems.push(`unexpected file in field "${name}" (send it in a field named "file")`);
        file.resume();
      } else if (staging) {
        problems.push('several files in one request (send one file per upload)');
        file.resume();
      } else if (!info.filename) {
        problems.push('the file part has no filename');
        file.resume();
      } else {
        // Staged through a PassThrough: when staging stops early (TooLarge), only the PassThrough is destroyed,
        // and the part is drained so busboy can read the rest of the request.
        const pass = new PassThrough();
        file.on('error', (err) => pass.destroy(err));
        file.on('limit', () => req.log.info({ limitBytes: opts.maxBytes }, 'upload over the size limit'));
        file.pipe(pass);
        staging = stageStream(pass, { ...opts, fileName: info.filename });
        staging.catch(() => {
          file.unpipe(pass);
          file.resume();
        });
      }
    });
    bb.on('error', (err) => {
      broken ??= err as Error;
    });
    bb.on('close', () => {
      void (async () => {
        const outcome = staging ? await staging.then((s) => ({ staged: s }), (err: unknown) => ({ err })) : undefined;
        const staged = outcome && 'staged' in outcome ? outcome.staged : undefined;
        const fail = async (err: unknown) => {
          await staged?.discard();
          reject(err);
        };
        if (broken) return fail(new Invalid(`the multipart body could not be read: ${broken.message}`));
        if (outcome && 'err' in outcome) return fail(outcome.err);
        if (problems.length) return fail(new Invalid(problems.join('; ')));
        if (!staged) return fail(new Invalid('no file: send it as multipart/form-data in a field named "file"'));
        resolve(staged);
      })();
    });
    // A client that goes away mid-upload: stop, so the partial file is removed.
    req.on('close', () => {
      if (!req.complete) bb.destroy(new Error('the upload was cut short'));
    });
    req.pipe(bb);
  });
}
