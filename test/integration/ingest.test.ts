/**
 * The ingest path end to end: file -> staged copy -> BullMQ job -> worker -> Neo4j, with the real queue
 * and database. Covers good files, re-loading and every kind of bad input
 * (the 50 MB file and a killed worker have files of their own).
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../core/config';
import { importId } from '../../domain/ids';
import { openHarness, Harness, snapshotImport, writeCsv, fileSha256, rejectLines } from '../support/harness';
import { shipmentColumnsV1 } from '../../domain/rows';
import type { JobOutcome } from '../../core/imports';

const fixture = (name: string) => path.join(projectRoot, 'test', 'fixtures', name);

let h: Harness;

beforeAll(async () => {
  h = await openHarness('ingest');
  await h.startWorker({ INGEST_BATCH_SIZE: 4 });
}, 60_000);

afterAll(async () => {
  // Everything these imports asserted, by provenance.
  await h?.deleteImported(createdImports);
  await h?.close();
}, 300_000);

const createdImports: string[] = [];

async function load(kind: 'companies' | 'shipments', file: string, opts?: { force?: boolean }): Promise<JobOutcome> {
  createdImports.push(importId(fileSha256(file), kind));
  return h.importFile(kind, file, opts);
}

const completed = (o: JobOutcome) => {
  if (o.state !== 'completed') throw new Error(`import failed: ${o.reason}`);
  return o.result;
};


describe('good files', () => {
  it('loads companies and a manifest, joining manifest spellings to registry companies', async () => {
    const companies = completed(await load('companies', fixture('good/companies.csv')));
    expect(companies).toMatchObject({ rowsRead: 5, rowsWritten: 5, rowsRejected: 0 });
    const shipments = completed(await load('shipments', fixture('good/shipments.csv')));
    expect(shipments).toMatchObject({ rowsRead: 10, rowsWritten: 10, rowsRejected: 0 });

    const [counts] = await h.query(
      `MATCH (s:Shipment) WHERE $imp IN s.importIds
       RETURN count(s) AS shipments,
              sum(count { (s)<-[:SHIPPED]-(:Company) }) AS shippedEdges,
              sum(count { (s)-[:CONSIGNED_TO]->(:Company) }) AS consignedEdges`,
      { imp: shipments.importId },
    );
    expect(counts).toMatchObject({ shipments: 10, shippedEdges: 10, consignedEdges: 10 });
    // Registry companies are the same nodes the manifest names (5 in companies.csv + the listed shipper).
    const [parties] = await h.query(
      `MATCH (c:Company) WHERE $companies IN c.importIds AND $shipments IN c.importIds RETURN count(c) AS both`,
      { companies: companies.importId, shipments: shipments.importId },
    );
    expect(parties!.both).toBe(5);
  });

  it('records the import with its file, hash, counts and status', async () => {
    const file = fixture('good/shipments.csv');
    const [row] = await h.query('MATCH (i:Import {id: $id}) RETURN i {.*, firstLoadedAt: toString(i.firstLoadedAt)} AS i', { id: importId(fileSha256(file), 'shipments') });
    expect(row!.i).toMatchObject({ kind: 'shipments', fileName: 'shipments.csv', sha256: fileSha256(file), status: 'completed', rowsRead: 10, rowsWritten: 10, rowsRejected: 0, requestedBy: 'jest' });
  });

  it('changes nothing when the same file is loaded again', async () => {
    const file = fixture('good/shipments.csv');
    const id = importId(fileSha256(file), 'shipments');
    const before = await snapshotImport(h, id);
    expect(before.length).toBeGreaterThan(100);
    const again = completed(await load('shipments', file, { force: true }));
    expect(again.rowsWritten).toBe(10);
    expect(await snapshotImport(h, id)).toBe(before);
  });
});

describe('derived SUPPLIES edges', () => {
  const supplies = async () =>
    h.query(
      // Normalised names: the listed shipper's display name depends on whether the list was loaded first.
      `MATCH (a:Company)-[r:SUPPLIES]->(b:Company) WHERE a.normName IN $names
       RETURN a.normName AS from, b.normName AS to, r.shipments AS shipments, toString(r.firstDate) AS first, toString(r.lastDate) AS last, r.hsCodes AS hsCodes
       ORDER BY from, to`,
      { names: ['AKSU HUAFU COLOR SPINNING', 'MEKONG BRIGHTWEAVE TEXTILE', 'ANGKOR SILKROAD GARMENT CAMBODIA', 'PERAK SUNCELL TECHNOLOGY'] },
    );

  it('sum up each shipper -> consignee pair of a shipments import', async () => {
    expect(await supplies()).toEqual([
      { from: 'AKSU HUAFU COLOR SPINNING', to: 'MEKONG BRIGHTWEAVE TEXTILE', shipments: 2, first: '2024-03-04', last: '2025-02-11', hsCodes: ['520524'] },
      { from: 'ANGKOR SILKROAD GARMENT CAMBODIA', to: 'PINE AND HARBOR APPAREL', shipments: 3, first: '2024-07-15', last: '2026-01-09', hsCodes: expect.any(Array) },
      { from: 'MEKONG BRIGHTWEAVE TEXTILE', to: 'ANGKOR SILKROAD GARMENT CAMBODIA', shipments: 2, first: '2024-05-20', last: '2025-03-28', hsCodes: expect.any(Array) },
      { from: 'PERAK SUNCELL TECHNOLOGY', to: 'DESERTLINE SOLAR DISTRIBUTION', shipments: 3, first: '2023-08-30', last: '2025-09-05', hsCodes: ['854143', '8541430010'] },
    ]);
  });

  it('do not change when the same import is derived again', async () => {
    const before = await supplies();
    completed(await load('shipments', fixture('good/shipments.csv'), { force: true }));
    expect(await supplies()).toEqual(before);
  });

  it('are brought up to date by a later import, for the pairs it names only', async () => {
    const before = await supplies();
    const file = writeCsv(h.dataDir, 'one-more.csv', [...shipmentColumnsV1], [
      ['OOLU6100000099', '2026-02-01', 'PERAK SUNCELL TECHNOLOGY SDN. BHD.', 'MY', 'DESERTLINE SOLAR DISTRIBUTION INC', 'US', '', '', '854142', 'SOLAR CELLS', 'Port Klang', 'Long Beach', '1200'],
    ]);
    completed(await load('shipments', file));
    const after = await supplies();
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    expect(after[3]).toEqual({ ...before[3], shipments: 4, last: '2026-02-01', hsCodes: ['854142', '854143', '8541430010'] });
  });
});

describe('bad input', () => {
  it.each([
    ['bad/missing-field.csv', 4, ['4,consignee,is required,']],
    ['bad/bad-date.csv', 3, ['3,arrival_date,is not a calendar date,2023-02-30', '5,arrival_date,must be a date as YYYY-MM-DD,2023/01/05', '6,arrival_date,must be a date as YYYY-MM-DD,yesterday']],
    ['bad/wrong-type.csv', 3, ['3,weight_kg,must be a number,heavy', '5,hs_code,must be 4 to 10 digits (dots allowed),ABC']],
    ['bad/unbalanced-quote.csv', 6, []],
    ['bad/header-only.csv', 0, []],
  ])('%s loads %i good rows and reports each bad one by line', async (name, goodRows, rejects) => {
    const result = completed(await load('shipments', fixture(name)));
    expect(result.rowsWritten).toBe(goodRows);
    expect(result.rowsRejected).toBe(rejects.length);
    expect(rejectLines(result.rejectsPath)).toEqual(rejects);
    const [n] = await h.query('MATCH (s:Shipment) WHERE $imp IN s.importIds RETURN count(s) AS n', { imp: result.importId });
    expect(n!.n).toBe(goodRows);
  });

  it('keeps the rows before a quote that never closes and reports where it opened', async () => {
    const result = completed(await load('shipments', fixture('bad/unbalanced-quote-eof.csv')));
    expect(result).toMatchObject({ rowsWritten: 2, rowsRejected: 1 });
    expect(result.rejectsSample[0]).toMatchObject({ line: 4, field: '*' });
    expect(result.rejectsSample[0]!.reason).toMatch(/never closed/);
  });

  it.each([
    ['bad/wrong-header.csv', /wrong-header.csv: line 1: header lacks required column bill_of_lading/],
    ['bad/empty.csv', /empty.csv: the file is empty/],
  ])('fails %s as a whole with a clear reason, recorded on its Import node', async (name, reason) => {
    const outcome = await load('shipments', fixture(name));
    expect(outcome.state).toBe('failed');
    if (outcome.state === 'failed') expect(outcome.reason).toMatch(reason);
    const [row] = await h.query('MATCH (i:Import {id: $id}) RETURN i.status AS status, i.error AS error', { id: importId(fileSha256(fixture(name)), 'shipments') });
    expect(row).toMatchObject({ status: 'failed', error: expect.stringMatching(reason) });
  });
});
