/** A 50 MB manifest with bad rows sprinkled in: every good row loads, every bad one is reported by line. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../core/config';
import { openHarness, Harness } from '../support/harness';

let h: Harness;
let importIdSeen = '';

beforeAll(async () => {
  h = await openHarness('large');
  await h.startWorker();
}, 60_000);

afterAll(async () => {
  if (importIdSeen) await h?.deleteImported([importIdSeen]);
  await h?.close();
}, 600_000);

it('loads a 50 MB file, rejecting exactly the bad rows', async () => {
  const file = path.join(h.dataDir, 'manifest-50mb.csv');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'generate-shipments.ts'), '--target-mb', '50', '--bad-every', '5000', '--seed', '50', '--out', file]);
  expect(fs.statSync(file).size).toBeGreaterThanOrEqual(50 * 1024 * 1024);
  const dataRows = fs.readFileSync(file, 'utf8').trimEnd().split('\n').length - 1;
  const bad = Math.floor(dataRows / 5000);

  const outcome = await h.importFile('shipments', file);
  if (outcome.state !== 'completed') throw new Error(`import failed: ${outcome.reason}`);
  const result = outcome.result;
  importIdSeen = result.importId;

  expect(result.rowsRead).toBe(dataRows);
  expect(result.rowsRejected).toBe(bad);
  expect(result.rowsWritten).toBe(dataRows - bad);
  const rejectedLines = fs.readFileSync(result.rejectsPath, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
  // --bad-every N breaks rows N, 2N, ...: file lines N+1, 2N+1, ...
  expect(rejectedLines).toEqual(Array.from({ length: bad }, (_, i) => (i + 1) * 5000 + 1));
  const [n] = await h.query('MATCH (s:Shipment) WHERE $id IN s.importIds RETURN count(s) AS n', { id: result.importId });
  expect(n!.n).toBe(dataRows - bad);
}, 900_000);
