/** The JSON lines reader (workers/ingest/read-jsonl.ts) on small files written by each test: lines, rejects, passes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Reject } from '../../core/queues';
import { MAX_LINE, readJsonLines } from '../../workers/ingest/read-jsonl';
import { FileProblem } from '../../workers/ingest/read-rows';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-jsonl-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
const write = (content: string | Buffer) => {
  const file = path.join(dir, `f${++n}.jsonl`);
  fs.writeFileSync(file, content);
  return file;
};

async function readAll(file: string, passOf?: (raw: unknown) => number) {
  const source = readJsonLines(file, path.basename(file), passOf ? { passOf } : {});
  const rows: { line: number; raw: unknown }[] = [];
  const rejects: Reject[] = [];
  const progress: number[] = [];
  for await (const ev of source.rows) {
    progress.push(source.bytesRead());
    if ('rejects' in ev) rejects.push(...ev.rejects);
    else rows.push(ev);
  }
  return { rows, rejects, warnings: source.warnings, progress, bytesRead: source.bytesRead() };
}

describe('reading JSON lines', () => {
  it('yields one record per line with its file line, skipping blank lines (CRLF and a BOM too)', async () => {
    const file = write('\uFEFF{"a":1}\r\n\r\n  \n{"a":2}\r\n[3]\n"x"\n\n');
    const { rows, rejects, warnings, bytesRead } = await readAll(file);
    expect(rows).toEqual([
      { line: 1, raw: { a: 1 } },
      { line: 4, raw: { a: 2 } },
      { line: 5, raw: [3] },
      { line: 6, raw: 'x' },
    ]);
    expect(rejects).toEqual([]);
    expect(warnings).toEqual([]);
    expect(bytesRead).toBe(fs.statSync(file).size);
  });

  it('reads a last line without a newline', async () => {
    const { rows } = await readAll(write('{"a":1}\n{"a":2}'));
    expect(rows.map((r) => r.line)).toEqual([1, 2]);
  });

  it('rejects a line that is not JSON, naming it, and goes on', async () => {
    const { rows, rejects } = await readAll(write('{"a":1}\n{"a": [1, 2\n\n{"a":3}\n'));
    expect(rows.map((r) => r.line)).toEqual([1, 4]);
    expect(rejects).toEqual([expect.objectContaining({ line: 2, field: '*', reason: expect.stringMatching(/^not valid JSON/), value: '{"a": [1, 2' })]);
  });

  it('rejects a line over the cap without keeping it, and reads the lines after it', async () => {
    const long = `{"a":"${'x'.repeat(MAX_LINE + 10)}"}`;
    const { rows, rejects } = await readAll(write(`{"a":1}\n${long}\n{"a":3}\n${long}`));
    expect(rows.map((r) => r.line)).toEqual([1, 3]);
    expect(rejects.map((r) => [r.line, r.field])).toEqual([[2, '*'], [4, '*']]);
    expect(rejects[0]!.reason).toMatch(/longer than 1,000,000 characters/);
  });

  it('splits lines and multi-byte characters across read chunks', async () => {
    // 64 KiB chunks: ~3000 lines of CJK text cross many chunk boundaries, some inside a character.
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ i, name: `新疆天山岭棉业有限公司 ${i}` }));
    const { rows, rejects } = await readAll(write(lines.join('\n') + '\n'));
    expect(rejects).toEqual([]);
    expect(rows).toHaveLength(3000);
    expect(rows.every((r, i) => r.line === i + 1 && (r.raw as { i: number; name: string }).i === i && (r.raw as { name: string }).name === `新疆天山岭棉业有限公司 ${i}`)).toBe(true);
  });

  it('reads a file that is not UTF-8 as Windows-1252 and says so', async () => {
    const { rows, warnings } = await readAll(write(Buffer.from('{"name":"Caf\xe9 \x93Ltd\x94"}\n', 'latin1')));
    expect(rows[0]!.raw).toEqual({ name: 'Café “Ltd”' });
    expect(warnings).toEqual([expect.objectContaining({ line: 0, field: '*', reason: expect.stringContaining('not valid UTF-8') })]);
  });

  it('fails a file with no record at all', async () => {
    await expect(readAll(write(''))).rejects.toThrow(FileProblem);
    await expect(readAll(write('\n  \n\r\n'))).rejects.toThrow(/the file is empty/);
  });

  it('a file of bad lines only is not empty: each line is a reject', async () => {
    const { rows, rejects } = await readAll(write('nope\n{\n'));
    expect(rows).toEqual([]);
    expect(rejects.map((r) => r.line)).toEqual([1, 2]);
  });
});

describe('reading in passes', () => {
  const kindOf = (raw: unknown) => ((raw as { rel?: boolean }).rel ? 1 : 0);

  it('yields every record once: the first pass in file order, then the second', async () => {
    const file = write(['{"id":"r1","rel":true}', '{"id":"a"}', 'broken', '', '{"id":"r2","rel":true}', '{"id":"b"}'].join('\n'));
    const { rows, rejects, progress, bytesRead } = await readAll(file, kindOf);
    expect(rows.map((r) => [r.line, (r.raw as { id: string }).id])).toEqual([[2, 'a'], [6, 'b'], [1, 'r1'], [5, 'r2']]);
    // Invalid JSON is reported once, in the first pass.
    expect(rejects.map((r) => r.line)).toEqual([3]);
    // Progress never goes back, and ends at the file's size.
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(bytesRead).toBe(fs.statSync(file).size);
  });

  it('reads the file once when no record asks for a later pass', async () => {
    const { rows } = await readAll(write('{"id":"a"}\n{"id":"b"}\n'), kindOf);
    expect(rows.map((r) => r.line)).toEqual([1, 2]);
  });

  it('goes as far as the highest pass asked for', async () => {
    const { rows } = await readAll(write('{"p":2}\n{"p":0}\n{"p":1}\n{"p":2}\n'), (raw) => (raw as { p: number }).p);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 1, 4]);
  });

  it('stops reading when closed', async () => {
    const file = write(Array.from({ length: 50 }, (_, i) => `{"i":${i}}`).join('\n'));
    const source = readJsonLines(file, 'f.jsonl');
    const seen: number[] = [];
    for await (const ev of source.rows) {
      seen.push(ev.line);
      if (seen.length === 2) source.close();
    }
    expect(seen).toEqual([1, 2]);
  });
});
