/** The CSV reader and row schemas on the bad-input fixtures (test/fixtures/README.md), without a database. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rowFormats } from '../../domain/rows';
import { FileProblem, readRows } from '../../workers/ingest/read-rows';
import type { Reject } from '../../core/queues';

const fixture = (name: string) => (path.isAbsolute(name) ? name : path.join(__dirname, '..', 'fixtures', name));

/** Reads like the worker does; `pauseMs` stands in for the worker's awaits on Neo4j between batches. */
async function readAll(name: string, pauseMs = 0) {
  const format = rowFormats.shipments;
  const source = readRows(fixture(name), path.basename(name), format);
  const good: number[] = [];
  const rejects: Reject[] = [];
  for await (const ev of source.rows) {
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    if ('rejects' in ev) {
      rejects.push(...ev.rejects);
      continue;
    }
    const row = format.schema.safeParse(ev.raw);
    if (row.success) good.push(ev.line);
    else rejects.push(...source.rejectsOf(ev.line, ev.raw, row.error));
  }
  return { good, rejects: [...rejects, ...source.warnings] };
}

const summary = (rs: Reject[]) => rs.map((r) => `${r.line}:${r.field}`);

describe('reading shipment files', () => {
  it('loads every row of a good file', async () => {
    const { good, rejects } = await readAll('good/shipments.csv');
    expect(good).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(rejects).toEqual([]);
  });

  it('rejects a missing required field by line and column', async () => {
    const { good, rejects } = await readAll('bad/missing-field.csv');
    expect(good).toEqual([2, 3, 5, 6]);
    expect(rejects).toEqual([expect.objectContaining({ line: 4, field: 'consignee', reason: 'is required' })]);
  });

  it('rejects impossible and malformed dates', async () => {
    const { good, rejects } = await readAll('bad/bad-date.csv');
    expect(good).toEqual([2, 4, 7]);
    expect(summary(rejects)).toEqual(['3:arrival_date', '5:arrival_date', '6:arrival_date']);
    expect(rejects[0]).toMatchObject({ reason: 'is not a calendar date', value: '2023-02-30' });
  });

  it('rejects wrong types', async () => {
    const { good, rejects } = await readAll('bad/wrong-type.csv');
    expect(good).toEqual([2, 4, 6]);
    expect(summary(rejects)).toEqual(['3:weight_kg', '5:hs_code']);
  });

  it('takes a stray quote inside a field literally and keeps the rows after it', async () => {
    const { good, rejects } = await readAll('bad/unbalanced-quote.csv');
    expect(good).toEqual([2, 3, 4, 5, 6, 7]);
    expect(rejects).toEqual([]);
  });

  it('reports a quote that never closes at the line where its record starts, keeping the rows before', async () => {
    const { good, rejects } = await readAll('bad/unbalanced-quote-eof.csv');
    expect(good).toEqual([2, 3]);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ line: 4, field: '*' });
    expect(rejects[0]!.reason).toMatch(/quoted field opens here and is never closed/);
  });

  it('keeps every row before the broken quote even when the reader is slower than the parser', async () => {
    const file = path.join(require('node:os').tmpdir(), `slow-${process.pid}.csv`);
    const header = fs.readFileSync(fixture('good/shipments.csv'), 'utf8').split('\n')[0];
    const row = (i: number) => `SLOW${String(i).padStart(4, '0')},2024-01-02,ALPHA CO LTD,CN,BETA INC,US,,,520100,RAW COTTON,Shanghai,Long Beach,100`;
    const rows = Array.from({ length: 40 }, (_, i) => row(i));
    fs.writeFileSync(file, [header, ...rows, 'SLOW9999,2024-01-02,ALPHA CO LTD,CN,BETA INC,US,,,520100,"NEVER CLOSED,Shanghai,Long Beach,100', row(41)].join('\n') + '\n');
    try {
      const { good, rejects } = await readAll(file, 3);
      expect(good).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
      expect(rejects).toHaveLength(1);
      expect(rejects[0]).toMatchObject({ line: 42, field: '*' });
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('counts blank lines and multi-line records in line numbers', async () => {
    const { good, rejects } = await readAll('bad/blank-lines.csv');
    expect(good).toEqual([3, 8]);
    expect(summary(rejects)).toEqual(['6:arrival_date', '10:consignee']);
  });

  it('refuses a file whose header lacks a required column, naming it', async () => {
    await expect(readAll('bad/wrong-header.csv')).rejects.toThrow(FileProblem);
    await expect(readAll('bad/wrong-header.csv')).rejects.toThrow(/wrong-header.csv: line 1: header lacks required column bill_of_lading \(found: bill_of_ladng/);
  });

  it('refuses an empty file', async () => {
    await expect(readAll('bad/empty.csv')).rejects.toThrow('empty.csv: the file is empty (no header line)');
  });

  it('accepts a header with no rows', async () => {
    expect(await readAll('bad/header-only.csv')).toEqual({ good: [], rejects: [] });
  });
});

describe('text that stops being UTF-8 after the sniffed start', () => {
  it('still reads the rows and says once that bad bytes became U+FFFD', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-utf8-'));
    const file = path.join(dir, 'late-latin1.csv');
    const header = 'bill_of_lading,arrival_date,shipper,consignee\n';
    const good = Array.from({ length: 2_000 }, (_, i) => `B${i},2024-01-01,ÉCRU SPINNING CO,BUYER INC\n`).join('');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(header + good, 'utf8'), Buffer.from('BAD1,2024-01-01,CAF\xc9 CO,BUYER INC\n', 'latin1')]));
    expect(fs.statSync(file).size).toBeGreaterThan(64 * 1024);
    const { good: lines, rejects } = await readAll(file);
    expect(lines).toHaveLength(2_001);
    expect(rejects.filter((r) => r.line === 0)).toEqual([expect.objectContaining({ field: '*', reason: expect.stringMatching(/not valid UTF-8 after its first 64 KiB/) })]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
