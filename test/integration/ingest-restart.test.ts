/**
 * A worker killed mid-file: another worker takes the job over once its lock lapses, resumes after the
 * last committed batch, and the graph ends with every row exactly once. Workers run as real processes
 * (workers/main.ts), killed with SIGKILL, as a crash or an OOM kill would.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { Job } from 'bullmq';
import { projectRoot } from '../../core/config';
import { enqueueImport, followImport, stageFile } from '../../core/imports';
import type { IngestProgress } from '../../core/queues';
import { openHarness, Harness } from '../support/harness';

const ROWS = 30_000;
let h: Harness;
let importId = '';
const children: ChildProcess[] = [];

function spawnWorker(): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'workers', 'main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, QUEUE_PREFIX: h.prefix, INGEST_BATCH_SIZE: '500', INGEST_LOCK_MS: '2000', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  children.push(child);
  return { child, output: () => output };
}

beforeAll(async () => {
  h = await openHarness('restart');
}, 60_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  if (importId) await h?.deleteImported([importId]);
  await h?.close();
}, 300_000);

it('finishes the job without duplicates after its worker is killed mid-file', async () => {
  const file = path.join(h.dataDir, 'restart.csv');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'generate-shipments.ts'), '--rows', String(ROWS), '--seed', '7', '--out', file]);
  const data = await stageFile(file, 'shipments', h.dataDir, 'jest');
  importId = data.importId;
  const { job } = await enqueueImport(h.queue, data);

  const first = spawnWorker();
  let progress: Partial<IngestProgress> = {};
  for (let i = 0; i < 1200 && !((progress.committedLine ?? 0) > 3000); i++) {
    await new Promise((r) => setTimeout(r, 100));
    progress = ((await Job.fromId(h.queue, String(job.id)))?.progress ?? {}) as Partial<IngestProgress>;
  }
  expect(progress.committedLine).toBeGreaterThan(3000);
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  const killedAt = progress.committedLine!;
  expect(killedAt).toBeLessThan(ROWS);
  expect(await (await Job.fromId(h.queue, String(job.id)))!.getState()).toBe('active');

  const second = spawnWorker();
  const outcome = await followImport(h.queue, String(job.id), () => undefined, 200);
  if (outcome.state !== 'completed') throw new Error(`import failed: ${outcome.reason}\n${second.output()}`);
  expect(outcome.result).toMatchObject({ rowsRead: ROWS, rowsWritten: ROWS, rowsRejected: 0 });
  expect(second.output()).toMatch(/resuming an interrupted import after the last committed line/);

  const [counts] = await h.query(
    `MATCH (s:Shipment) WHERE $id IN s.importIds
     RETURN count(s) AS shipments,
            sum(count { (s)<-[:SHIPPED]-() }) AS shipped,
            sum(count { (s)-[:CONSIGNED_TO]->() }) AS consigned`,
    { id: importId },
  );
  expect(counts).toEqual({ shipments: ROWS, shipped: ROWS, consigned: ROWS });
}, 300_000);
