/**
 * Uploads over HTTP against the real Redis, Neo4j and an in-process worker: POST /api/imports streams a
 * multipart file into the imports area and queues it; the client follows it through GET /api/imports/:id.
 * Also the size limit (413, nothing kept), the 400s, the same file twice, and cancel/retry refusals.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { shipmentColumnsV1 } from '../../domain/rows';
import { importKinds } from '../../domain/vocabulary';
import { openHarness, Harness, testApp, uniqueTag, writeCsv, fileSha256 } from '../support/harness';

let h: Harness;
let app: Express;
let uploadsDir: string;
const tag = uniqueTag();
const imported: string[] = [];

beforeAll(async () => {
  h = await openHarness('uploads');
  await h.startWorker();
  app = testApp(h);
  // Files to upload live outside the imports area (DATA_DIR/imports), as on an analyst's machine.
  uploadsDir = fs.mkdtempSync(path.join(h.dataDir, 'client-'));
}, 60_000);

afterAll(async () => {
  if (imported.length) await h?.deleteImported(imported);
  await h?.close();
}, 60_000);

function manifest(name: string, rows: number): string {
  return writeCsv(uploadsDir, name, [...shipmentColumnsV1], Array.from({ length: rows }, (_, i) => [
    `${tag}-${name.replace(/\W/g, '')}-${i}`, '2024-06-01', `${tag} UPLOAD SHIPPER CO LTD`, 'CN', `${tag} UPLOAD BUYER INC`, 'US', '', '', '610910', 'T-SHIRTS', 'Ningbo', 'Oakland', 500 + i,
  ]));
}

/** The imports in the imports area, and what staging has in progress (.incoming). */
const importsArea = () => {
  const root = path.join(h.dataDir, 'imports');
  const list = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  return [...list(root).filter((f) => f !== '.incoming'), ...list(path.join(root, '.incoming')).map((f) => `.incoming/${f}`)].sort();
};

async function followUpload(location: string) {
  const until = Date.now() + 60_000;
  for (;;) {
    const res = await request(app).get(location);
    expect(res.status).toBe(200);
    const job = res.body.import.job;
    if (job?.state === 'completed' && job.stages.every((s: { state: string }) => s.state === 'completed')) return res.body.import;
    if (job?.state === 'failed') throw new Error(`upload failed: ${job.failedReason}`);
    if (Date.now() > until) throw new Error(`upload ${location} still ${job?.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('stages an upload, answers 202 with a Location, and the import runs to completion', async () => {
  const file = manifest('upload.csv', 25);
  const res = await request(app).post('/api/imports').query({ kind: 'shipments' }).set('X-Threadline-User', 'analyst@team').attach('file', file);
  expect(res.status).toBe(202);
  const id = res.body.import.id;
  imported.push(id);
  expect(res.body.import).toEqual({ id, kind: 'shipments', fileName: 'upload.csv', sha256: fileSha256(file), bytes: fs.statSync(file).size, state: expect.any(String) });
  expect(id).toBe(`imp-shipments-${fileSha256(file).slice(0, 16)}`);
  expect(res.headers.location).toBe(`/api/imports/${id}`);
  // The staged copy is the file, byte for byte.
  expect(fs.readFileSync(path.join(h.dataDir, 'imports', id, 'source', 'upload.csv'))).toEqual(fs.readFileSync(file));

  const done = await followUpload(res.headers.location!);
  expect(done).toMatchObject({
    id, status: 'completed', requestedBy: 'analyst@team', rowsRead: 25, rowsWritten: 25, rowsRejected: 0,
    job: { state: 'completed', cancelled: false, progress: { rowsRead: 25, rowsWritten: 25, rowsRejected: 0, percent: 100 }, stages: [{ queue: 'derive', state: 'completed' }] },
  });
  const [row] = await h.query('MATCH (s:Shipment) WHERE $id IN s.importIds RETURN count(s) AS n', { id });
  expect(row?.n).toBe(25);

  // Finished: cancel and retry are refused with a reason.
  const cancel = await request(app).post(`/api/imports/${id}/cancel`);
  expect(cancel.status).toBe(409);
  expect(cancel.body.error).toEqual({ code: 'conflict', message: `import ${id} already completed; there is nothing to cancel` });
  const retry = await request(app).post(`/api/imports/${id}/retry`);
  expect(retry.status).toBe(409);
  expect(retry.body.error.message).toMatch(/completed; there is nothing to retry/);
}, 90_000);

it('answers 200 with the existing import when the same file comes again, and queues nothing new', async () => {
  // Done: the same bytes under another name are the same import.
  const first = manifest('again.csv', 3);
  const res1 = await request(app).post('/api/imports').query({ kind: 'shipments' }).attach('file', first);
  expect(res1.status).toBe(202);
  imported.push(res1.body.import.id);
  await followUpload(res1.headers.location!);
  const job = await h.queue.getJob(res1.body.import.id);
  const copy = path.join(uploadsDir, 'renamed.csv');
  fs.copyFileSync(first, copy);
  const res2 = await request(app).post('/api/imports').query({ kind: 'shipments' }).attach('file', copy);
  expect(res2.status).toBe(200);
  expect(res2.body.import).toMatchObject({ id: res1.body.import.id, fileName: 'again.csv', state: 'completed' });
  expect((await h.queue.getJob(res1.body.import.id))!.timestamp).toBe(job!.timestamp);
  // The renamed copy was not kept beside the original.
  expect(fs.readdirSync(path.join(h.dataDir, 'imports', res1.body.import.id, 'source'))).toEqual(['again.csv']);

  // Queued: the same again while it waits.
  await h.queue.pause();
  try {
    const queued = manifest('queued.csv', 2);
    const q1 = await request(app).post('/api/imports').query({ kind: 'shipments' }).attach('file', queued);
    expect(q1.status).toBe(202);
    imported.push(q1.body.import.id);
    expect(q1.body.import.state).toBe('waiting');
    const q2 = await request(app).post('/api/imports').query({ kind: 'shipments' }).attach('file', queued);
    expect(q2.status).toBe(200);
    expect(q2.body.import).toEqual(q1.body.import);
    const shown = await request(app).get(`/api/imports/${q1.body.import.id}`);
    expect(shown.body.import).toMatchObject({ status: 'queued', job: { state: 'waiting' } });
  } finally {
    await h.queue.resume();
  }
}, 90_000);

/** Sends a multipart request's headers and first bytes only, and reads whatever the server answers. */
function postHeadersOnly(handler: Express, contentLength: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handler).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const req = http.request({
        host: '127.0.0.1', port, method: 'POST', path: '/api/imports?kind=shipments',
        headers: { 'content-type': 'multipart/form-data; boundary=xyz', 'content-length': String(contentLength) },
      }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => {
          req.destroy();
          server.close();
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.on('error', (err) => (server.close(), reject(err)));
      req.write('--xyz\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\n\r\n');
    });
  });
}

it('answers 413 past MAX_UPLOAD_MB and keeps nothing of the upload', async () => {
  const small = testApp(h, { maxUploadMb: 0.01 }); // 10,485 bytes
  const before = importsArea();
  const big = manifest('big.csv', 400); // about 40 KB
  expect(fs.statSync(big).size).toBeGreaterThan(20_000);
  const res = await request(small).post('/api/imports').query({ kind: 'shipments' }).attach('file', big);
  expect(res.status).toBe(413);
  expect(res.body.error).toEqual({ code: 'too_large', message: 'big.csv is larger than the limit of 10485 bytes (MAX_UPLOAD_MB)' });
  expect(importsArea()).toEqual(before);
  expect(await h.queue.getJob(`imp-shipments-${fileSha256(big).slice(0, 16)}`)).toBeUndefined();

  // Said up front by Content-Length: answered before the body is sent at all.
  const early = await postHeadersOnly(small, 50 * 1024 * 1024);
  expect(early.status).toBe(413);
  expect(JSON.parse(early.body).error.message).toBe(`the upload (${50 * 1024 * 1024} bytes) is larger than the limit of 0.01 MiB (MAX_UPLOAD_MB)`);
  expect(importsArea()).toEqual(before);

  // Just under the limit is fine.
  const fits = manifest('fits.csv', 60);
  expect(fs.statSync(fits).size).toBeLessThan(10_485);
  const ok = await request(small).post('/api/imports').query({ kind: 'shipments' }).attach('file', fits);
  expect(ok.status).toBe(202);
  imported.push(ok.body.import.id);
  await followUpload(ok.headers.location!);
}, 60_000);

it('answers 400 for a missing or unknown kind, a body that is not one file, and a bad user name', async () => {
  const file = manifest('bad-requests.csv', 2);
  const before = importsArea();
  const post = (kind?: string) => request(app).post('/api/imports').query(kind ? { kind } : {});

  const noKind = await post().attach('file', file);
  expect(noKind.status).toBe(400);
  const kinds = `kind: must be one of ${importKinds.join(', ')}`;
  expect(noKind.body.error.message).toBe(kinds);
  expect((await post('ships').attach('file', file)).body.error.message).toBe(kinds);

  const json = await post('shipments').send({ file: 'x' });
  expect(json.status).toBe(400);
  expect(json.body.error.message).toBe('send the file as multipart/form-data, in a field named "file"');

  const noFile = await post('shipments').field('note', 'no file here');
  expect(noFile.status).toBe(400);
  expect(noFile.body.error.message).toBe('no file: send it as multipart/form-data in a field named "file"');

  const two = await post('shipments').attach('file', file).attach('file', manifest('second.csv', 2));
  expect(two.status).toBe(400);
  expect(two.body.error.message).toBe('several files in one request (send one file per upload)');

  const wrongField = await post('shipments').attach('upload', file);
  expect(wrongField.status).toBe(400);
  expect(wrongField.body.error.message).toBe('unexpected file in field "upload" (send it in a field named "file")');

  const badUser = await post('shipments').set('X-Threadline-User', '<script>').attach('file', file);
  expect(badUser.status).toBe(400);
  expect(badUser.body.error.message).toMatch(/^X-Threadline-User: must be 1-100 letters/);

  // None of them left anything in the imports area or the queue.
  expect(importsArea()).toEqual(before);
  expect(await h.queue.getJob(`imp-shipments-${fileSha256(file).slice(0, 16)}`)).toBeUndefined();
}, 60_000);

it('answers 404 for cancel and retry of an unknown import, 400 for a malformed id', async () => {
  const unknown = await request(app).post('/api/imports/imp-shipments-0000000000000000/cancel');
  expect(unknown.status).toBe(404);
  expect((await request(app).post('/api/imports/imp-shipments-0000000000000000/retry')).status).toBe(404);
  expect((await request(app).post('/api/imports/not-an-id/cancel')).status).toBe(400);
});
