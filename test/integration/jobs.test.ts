/**
 * Imports as BullMQ flows, against the real Redis and Neo4j with two in-process workers on one queue:
 * a shipments import runs as ingest (child) then derive (parent, reading the child's result); a running
 * import is cancelled through the API at a batch boundary and retried to the same end as an uninterrupted
 * run; a failed import is retried; a queued one is withdrawn; two imports that share companies run at once.
 */
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Job } from 'bullmq';
import request from 'supertest';
import type { Express } from 'express';
import { projectRoot } from '../../core/config';
import { cancelImport, enqueueImport, followImport, ImportBook, retryImport, stageFile } from '../../core/imports';
import type { DeriveResult, IngestProgress, IngestResult } from '../../core/queues';
import { shipmentColumnsV1 } from '../../domain/rows';
import { openHarness, Harness, testApp, uniqueTag, writeCsv } from '../support/harness';

let h: Harness;
let app: Express;
let book: ImportBook;
const tag = uniqueTag();
const imported: string[] = [];

beforeAll(async () => {
  h = await openHarness('jobs');
  // Two workers on one queue, with small batches so a cancel has boundaries to stop at.
  await h.startWorker({ INGEST_BATCH_SIZE: 500 });
  await h.startWorker({ INGEST_BATCH_SIZE: 500 });
  app = testApp(h);
  book = { driver: h.driver, registry: h.registry, database: h.cfg.NEO4J_DATABASE };
}, 60_000);

afterAll(async () => {
  if (imported.length) await h?.deleteImported(imported);
  await h?.close();
}, 120_000);

/** A manifest whose rows cycle through the given shipper/consignee pairs. */
function manifest(name: string, billPrefix: string, rows: number, pairs: [string, string][]): string {
  return writeCsv(h.dataDir, name, [...shipmentColumnsV1], Array.from({ length: rows }, (_, i) => {
    const [shipper, consignee] = pairs[i % pairs.length]!;
    return [`${billPrefix}-${i}`, '2024-03-05', shipper, 'CN', consignee, 'US', '', '', '520100', 'COTTON YARN', 'Shanghai', 'Los Angeles', 1000 + i];
  }));
}

async function shipmentsOf(importId: string): Promise<number> {
  const [row] = await h.query('MATCH (s:Shipment) WHERE $id IN s.importIds RETURN count(s) AS n', { id: importId });
  return Number(row?.n);
}

async function importNode(importId: string): Promise<Record<string, unknown>> {
  const [row] = await h.query('MATCH (i:Import {id: $id}) RETURN properties(i) AS i', { id: importId });
  return (row?.i ?? {}) as Record<string, unknown>;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function followDerive(id: string): Promise<DeriveResult> {
  const outcome = await followImport(h.deriveQueue, id, () => undefined, 100);
  if (outcome.state !== 'completed') throw new Error(`derive ${id} failed: ${outcome.reason}`);
  return outcome.result as unknown as DeriveResult;
}

it('runs a shipments import as a flow whose derive parent completes with the ingest result', async () => {
  const pairs: [string, string][] = [[`${tag} FLOW SHIPPER A CO LTD`, `${tag} FLOW BUYER A INC`], [`${tag} FLOW SHIPPER B CO LTD`, `${tag} FLOW BUYER B INC`]];
  const data = await stageFile(manifest('flow.csv', `${tag}-F`, 30, pairs), 'shipments', h.dataDir, 'jest');
  imported.push(data.importId);
  const { job, created } = await enqueueImport(h.queue, data);
  expect(created).toBe(true);
  expect(job.id).toBe(data.importId);

  // The stored ingest job is the child of a derive job with the same id.
  const stored = await Job.fromId(h.queue, data.importId);
  expect(stored?.parent).toEqual({ id: data.importId, queueKey: `${h.prefix}:derive` });
  const parent = await h.deriveQueue.getJob(data.importId);
  expect(parent).toBeDefined();

  const outcome = await followImport(h.queue, data.importId, () => undefined, 100);
  if (outcome.state !== 'completed') throw new Error(outcome.reason);
  expect(outcome.result).toMatchObject({ rowsRead: 30, rowsWritten: 30, rowsRejected: 0, deriveJobId: data.importId });

  const derived = await followDerive(data.importId);
  expect(derived).toMatchObject({ importId: data.importId, shippers: 2, pairs: 2, import: { rowsRead: 30, rowsWritten: 30, rowsRejected: 0 } });
  expect(derived.skipped).toBeUndefined();
  // The parent read its child's result, and ran only after the child had finished.
  const done = (await h.deriveQueue.getJob(data.importId))!;
  const values = await done.getChildrenValues<IngestResult>();
  expect(Object.keys(values)).toEqual([`${h.prefix}:ingest:${data.importId}`]);
  const child = (await Job.fromId(h.queue, data.importId))!;
  expect(done.processedOn!).toBeGreaterThanOrEqual(child.finishedOn!);

  const [supplies] = await h.query(
    `MATCH (a:Company)-[r:SUPPLIES]->(b:Company) WHERE a.name STARTS WITH $tag AND a.name CONTAINS 'FLOW' RETURN count(r) AS n, sum(r.shipments) AS shipments`,
    { tag },
  );
  expect(supplies).toEqual({ n: 2, shipments: 30 });

  // Finished: nothing to cancel and nothing to retry.
  await expect(cancelImport(h.queue, book, data.importId, 'jest')).rejects.toThrow(/already completed/);
  await expect(retryImport(h.queue, book, data.importId, h.dataDir)).rejects.toThrow(/completed; there is nothing to retry/);
}, 60_000);

it('runs a companies import alone: no stage follows it', async () => {
  const file = writeCsv(h.dataDir, 'companies.csv', ['name', 'country'], [[`${tag} ALONE TRADING CO LTD`, 'CN']]);
  const data = await stageFile(file, 'companies', h.dataDir, 'jest');
  imported.push(data.importId);
  await enqueueImport(h.queue, data);
  expect((await Job.fromId(h.queue, data.importId))?.parent).toBeUndefined();
  expect(await h.deriveQueue.getJob(data.importId)).toBeUndefined();
  const outcome = await followImport(h.queue, data.importId, () => undefined, 100);
  expect(outcome).toMatchObject({ state: 'completed', result: { rowsWritten: 1 } });
  expect(outcome.state === 'completed' && outcome.result.deriveJobId).toBeFalsy();
}, 30_000);

it('cancels a running import at a batch boundary, then retries it to the end of an uninterrupted run', async () => {
  const file = path.join(h.dataDir, 'large.csv');
  const generated = execFileSync(process.execPath, [
    '--import', 'tsx', path.join(projectRoot, 'scripts', 'generate-shipments.ts'),
    '--rows', '40000', '--bad-every', '500', '--seed', String(randomInt(1_000, 1_000_000_000)), '--out', file,
  ], { encoding: 'utf8' });
  const bad = Number(/\((\d+) bad\)/.exec(generated)?.[1]);
  expect(bad).toBeGreaterThan(0);
  const data = await stageFile(file, 'shipments', h.dataDir, 'jest');
  imported.push(data.importId);
  await enqueueImport(h.queue, data);

  // Cancel through the API once rows are written.
  const seen = await waitFor('rows written', async () => {
    const p = (await Job.fromId(h.queue, data.importId))?.progress as Partial<IngestProgress> | undefined;
    return (p?.rowsWritten ?? 0) > 0 ? p : undefined;
  });
  expect(seen.rowsWritten).toBeLessThan(40_000 - bad);
  const cancel = await request(app).post(`/api/imports/${data.importId}/cancel`).set('X-Threadline-User', 'jest-canceller');
  expect(cancel.status).toBe(202);
  expect(cancel.body.cancel).toMatchObject({ outcome: 'stopping' });

  const stopped = await followImport(h.queue, data.importId, () => undefined, 100);
  expect(stopped).toMatchObject({ state: 'failed', cancelled: true });
  expect(stopped.state === 'failed' && stopped.reason).toMatch(/^cancelled by jest-canceller: large\.csv: stopped after line \d+$/);

  // Status cancelled with the counts so far; the rows written stay; derive never ran.
  const record = await importNode(data.importId);
  expect(record.status).toBe('cancelled');
  const written = Number(record.rowsWritten);
  expect(written).toBeGreaterThan(0);
  expect(written).toBeLessThan(40_000 - bad);
  expect(await shipmentsOf(data.importId)).toBe(written);
  const derive = (await h.deriveQueue.getJob(data.importId))!;
  expect(await derive.getState()).toBe('waiting-children');
  expect(derive.processedOn).toBeFalsy();

  const shown = await request(app).get(`/api/imports/${data.importId}`);
  expect(shown.body.import).toMatchObject({
    status: 'cancelled', rowsWritten: written,
    job: { state: 'failed', cancelled: true, progress: { rowsWritten: written }, stages: [{ queue: 'derive', state: 'waiting-children' }] },
  });
  const again = await request(app).post(`/api/imports/${data.importId}/cancel`);
  expect(again.status).toBe(409);
  expect(again.body.error.message).toMatch(/already ended \(cancelled\)/);

  // Retry resumes after the last committed line and ends where an uninterrupted import ends.
  const committed = (shown.body.import.job.progress.committedLine as number) ?? 0;
  expect(committed).toBeGreaterThan(0);
  const retry = await request(app).post(`/api/imports/${data.importId}/retry`);
  expect(retry.status).toBe(202);
  expect(retry.headers.location).toBe(`/api/imports/${data.importId}`);
  expect(retry.body.retry).toEqual({ stage: 'ingest', resumeAfter: committed });

  const finished = await followImport(h.queue, data.importId, () => undefined, 200);
  if (finished.state !== 'completed') throw new Error(finished.reason);
  expect(finished.result).toMatchObject({ rowsRead: 40_000, rowsWritten: 40_000 - bad, rowsRejected: bad });
  expect(await shipmentsOf(data.importId)).toBe(40_000 - bad);
  const rejects = fs.readFileSync(finished.result.rejectsPath, 'utf8').trim().split('\n');
  expect(rejects).toHaveLength(bad + 1);
  expect(await importNode(data.importId)).toMatchObject({ status: 'completed', runs: 2, rowsWritten: 40_000 - bad, rowsRejected: bad });
  expect((await followDerive(data.importId)).import).toEqual({ rowsRead: 40_000, rowsWritten: 40_000 - bad, rowsRejected: bad });
}, 300_000);

it('retries a failed import: it completes once and derive follows', async () => {
  const pairs: [string, string][] = [[`${tag} RETRY SHIPPER CO LTD`, `${tag} RETRY BUYER INC`]];
  const data = await stageFile(manifest('retry.csv', `${tag}-R`, 40, pairs), 'shipments', h.dataDir, 'jest');
  imported.push(data.importId);
  // The staged copy goes missing: the job fails at once, before writing anything.
  fs.renameSync(data.path, `${data.path}.away`);
  await enqueueImport(h.queue, data);
  const failed = await followImport(h.queue, data.importId, () => undefined, 100);
  expect(failed).toMatchObject({ state: 'failed', cancelled: false, reason: expect.stringMatching(/staged file .* is missing/) });
  expect(await (await h.deriveQueue.getJob(data.importId))!.getState()).toBe('waiting-children');

  fs.renameSync(`${data.path}.away`, data.path);
  const retried = await retryImport(h.queue, book, data.importId, h.dataDir);
  expect(retried).toMatchObject({ stage: 'ingest', resumeAfter: 0 });
  const outcome = await followImport(h.queue, data.importId, () => undefined, 100);
  if (outcome.state !== 'completed') throw new Error(outcome.reason);
  expect(outcome.result).toMatchObject({ rowsRead: 40, rowsWritten: 40, rowsRejected: 0 });
  expect(await shipmentsOf(data.importId)).toBe(40);
  expect(await importNode(data.importId)).toMatchObject({ status: 'completed', runs: 1 });
  expect((await followDerive(data.importId)).import).toEqual({ rowsRead: 40, rowsWritten: 40, rowsRejected: 0 });
}, 60_000);

it('withdraws a queued import with its derive job', async () => {
  const data = await stageFile(manifest('queued.csv', `${tag}-Q`, 5, [[`${tag} QUEUED SHIPPER CO LTD`, `${tag} QUEUED BUYER INC`]]), 'shipments', h.dataDir, 'jest');
  await h.queue.pause();
  try {
    await enqueueImport(h.queue, data);
    expect(await h.queue.getJobState(data.importId)).toBe('waiting');
    const res = await request(app).post(`/api/imports/${data.importId}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.cancel.outcome).toBe('removed');
  } finally {
    await h.queue.resume();
  }
  expect(await h.queue.getJob(data.importId)).toBeUndefined();
  expect(await h.deriveQueue.getJob(data.importId)).toBeUndefined();
  expect((await request(app).get(`/api/imports/${data.importId}`)).status).toBe(404);
  expect(await shipmentsOf(data.importId)).toBe(0);
}, 30_000);

it('runs two imports that share companies on two workers at once without duplicates', async () => {
  const pairs: [string, string][] = Array.from({ length: 6 }, (_, i) => [`${tag} SHARED SHIPPER ${i} CO LTD`, `${tag} SHARED BUYER ${i} INC`]);
  const a = await stageFile(manifest('shared-a.csv', `${tag}-A`, 1200, pairs), 'shipments', h.dataDir, 'jest');
  const b = await stageFile(manifest('shared-b.csv', `${tag}-B`, 1200, [...pairs].reverse()), 'shipments', h.dataDir, 'jest');
  imported.push(a.importId, b.importId);
  await Promise.all([enqueueImport(h.queue, a), enqueueImport(h.queue, b)]);
  const [ra, rb] = await Promise.all([a, b].map((d) => followImport(h.queue, d.importId, () => undefined, 100)));
  for (const r of [ra, rb]) {
    if (r!.state !== 'completed') throw new Error(r!.reason);
    expect(r!.result).toMatchObject({ rowsRead: 1200, rowsWritten: 1200, rowsRejected: 0 });
  }
  // They ran at the same time, on the two workers.
  const [ja, jb] = await Promise.all([a, b].map((d) => Job.fromId(h.queue, d.importId)));
  expect(ja!.processedOn!).toBeLessThan(jb!.finishedOn!);
  expect(jb!.processedOn!).toBeLessThan(ja!.finishedOn!);

  expect(await shipmentsOf(a.importId)).toBe(1200);
  expect(await shipmentsOf(b.importId)).toBe(1200);
  const companies = await h.query(
    `MATCH (c:Company) WHERE c.name STARTS WITH $tag AND c.name CONTAINS 'SHARED'
     RETURN c.normName AS name, count(*) AS nodes, min(size(c.importIds)) AS imports ORDER BY name`,
    { tag },
  );
  expect(companies).toHaveLength(12);
  for (const c of companies) expect(c).toMatchObject({ nodes: 1, imports: 2 });

  await Promise.all([followDerive(a.importId), followDerive(b.importId)]);
  const [supplies] = await h.query(
    `MATCH (x:Company)-[r:SUPPLIES]->(y:Company) WHERE x.name STARTS WITH $tag AND x.name CONTAINS 'SHARED'
     RETURN count(r) AS edges, count(DISTINCT [x, y]) AS pairs, sum(r.shipments) AS shipments`,
    { tag },
  );
  expect(supplies).toEqual({ edges: 6, pairs: 6, shipments: 2400 });
}, 120_000);
