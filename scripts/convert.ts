/**
 * The converter: reads tables in another layout, applies a declarative column mapping (domain/mapping.ts,
 * docs/formats/mapping.md) and writes a CSV in one of Threadline's import formats, which is then loaded
 * as usual with `npm run import -- <kind> <file.csv>`.
 *
 *   npm run convert -- --mapping <mapping.json | bundled name> --out <file.csv> [--report <file.csv>]
 *                      [--partition-mb N] <input files...>
 *
 *   --mapping       a mapping file, or the name of one in mappings/ (e.g. cbp-ams)
 *   --out           the CSV to write; written to a temporary file first and renamed when complete
 *   --report        also write a CSV of every row skipped, value left empty, unreadable record and orphan
 *   --partition-mb  megabytes of input per join partition (default 4), for tests and tuning
 *
 * Exit code 0 when the output was written (skipped rows are reported, not fatal), 1 when it failed, 2 for
 * bad usage. Progress and the summary go to stderr.
 *
 * Memory. Inputs are streamed; no table is ever held whole. A single-table mapping maps each record as it is
 * read. With several tables the converter runs a grace hash join: pass 1 streams every file once and appends
 * each record's key and the columns the mapping reads (nothing else) to one of N temporary partition files
 * under os.tmpdir(), chosen by a hash of the key, N = input bytes / partition size (4 MB; at most 256);
 * pass 2 takes one partition at a time, holds its child lines in a map by key (as slices of the partition
 * file's text, about its size on disk) and streams its driving rows past them, parsing a child line only
 * when its driving row comes. A partition still larger than the partition size (big input, skewed keys) is
 * split again with another hash, twice at most. So memory holds one partition (bounded, whatever the input
 * size) plus a 16 KB write buffer per open partition file. Measured peak RSS: about 200 MB for a
 * 143 MB, 200,000-bill AMS set, of which ~85 MB is Node with tsx and most of the rest garbage that V8 collects
 * late; test/integration/convert.test.ts holds it under 250 MB. Disk: the partition files hold the projected
 * columns once (less than the inputs); they are removed as they are joined and on any failure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream';
import { csvRecords } from '../workers/ingest/csv-records';
import { parse as parseSync } from 'csv-parse/sync';
import { projectRoot } from '../core/config';
import { mapRecord, MappingError, parseMapping, tableOfFile, type Mapping, type Problem, type SourceRow, type TableDef } from '../domain/mapping';
import { decodeCp1252, decoder, sniffEncoding, type Encoding } from '../workers/ingest/encoding';

const usage =
  'usage: npm run convert -- --mapping <mapping.json | bundled name> --out <file.csv> [--report <file.csv>] [--partition-mb N] <input files...>';

export const bundledDir = path.join(projectRoot, 'mappings');

class UsageError extends Error {}
/** A problem with an input file as a whole; the message names the file (and line and column when known). */
class InputError extends Error {}

interface Args {
  mapping: string;
  out: string;
  report: string | undefined;
  partitionBytes: number;
  inputs: string[];
}

export function parseArgs(argv: string[]): Args {
  const inputs: string[] = [];
  let mapping: string | undefined;
  let out: string | undefined;
  let report: string | undefined;
  let partitionMb = 4;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value\n${usage}`);
      return v;
    };
    if (a === '--mapping') mapping = value();
    else if (a === '--out') out = value();
    else if (a === '--report') report = value();
    else if (a === '--partition-mb') {
      const v = value();
      partitionMb = Number(v);
      if (!Number.isFinite(partitionMb) || partitionMb <= 0) throw new UsageError(`--partition-mb must be a positive number, not "${v}"\n${usage}`);
    } else if (a === '--help' || a === '-h') throw new UsageError(usage);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}\n${usage}`);
    else inputs.push(a);
  }
  if (!mapping) throw new UsageError(`--mapping is required\n${usage}`);
  if (!out) throw new UsageError(`--out is required\n${usage}`);
  if (!inputs.length) throw new UsageError(`give at least one input file\n${usage}`);
  const resolved = new Set(inputs.map((f) => path.resolve(f)));
  if (resolved.size !== inputs.length) throw new UsageError('an input file is given twice');
  for (const o of [out, report]) if (o && resolved.has(path.resolve(o))) throw new UsageError(`${o} is an input file; --out and --report must name new files`);
  return { mapping, out, report, partitionBytes: Math.max(1, Math.round(partitionMb * 1024 * 1024)), inputs };
}

/** A mapping file path, or the name of a bundled one (mappings/<name>.json). */
export function resolveMapping(arg: string): string {
  if (fs.existsSync(arg) && fs.statSync(arg).isFile()) return arg;
  const bundled = path.join(bundledDir, `${arg}.json`);
  if (/^[\w-]+$/.test(arg) && fs.existsSync(bundled)) return bundled;
  const names = fs.existsSync(bundledDir) ? fs.readdirSync(bundledDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)) : [];
  throw new UsageError(`--mapping ${arg}: no such file, and no bundled mapping of that name (bundled: ${names.join(', ') || 'none'})`);
}

// ---------------------------------------------------------------------------------------------------------
// Reading CSV input: the header first (to recognise the file), then records with their line numbers.
// ---------------------------------------------------------------------------------------------------------

interface InputFile {
  path: string;
  base: string;
  index: number;
  table: string;
  encoding: Encoding;
  bytes: number;
  /** Lower-case column names. */
  header: string[];
  /** Position in the header of each key column and each column the mapping reads (-1: absent). */
  keyAt: number[];
  usedAt: number[];
}

/** The header line of a file (the first line that is not blank), read from its first 64 KiB. */
function readHeader(file: string, base: string): { header: string[]; encoding: Encoding } {
  const encoding = sniffEncoding(file);
  const fd = fs.openSync(file, 'r');
  let text: string;
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const bytes = buf.subarray(0, n);
    text = encoding === 'utf-8' ? new TextDecoder('utf-8').decode(bytes) : decodeCp1252(bytes);
  } finally {
    fs.closeSync(fd);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const at = lines.findIndex((l) => l.trim() !== '');
  if (at < 0) throw new InputError(`${base}: the file is empty (no header line)`);
  let records: string[][];
  try {
    records = parseSync(lines[at]!, { relax_quotes: true, relax_column_count: true });
  } catch (err) {
    throw new InputError(`${base}: line ${at + 1}: the header line cannot be read: ${(err as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const dupe = header.find((h, i) => header.indexOf(h) !== i);
  if (dupe !== undefined) throw new InputError(`${base}: line ${at + 1}: column ${dupe} appears twice`);
  return { header, encoding };
}

type RecordEvent = { line: number; fields: string[] } | { line: number; unreadable: string };
const brokenOf = (r: { line: number; reason: string }): RecordEvent => ({ line: r.line, unreadable: r.reason });

/** Streams the records of a file after its header, each with the line it starts on. */
async function* readRecords(file: InputFile): AsyncGenerator<RecordEvent> {
  const stream = fs.createReadStream(file.path);
  const { parser, unreadable, parsedUpTo } = csvRecords();
  pipeline(stream, decoder(file.encoding), parser, () => undefined);
  let headerSeen = false;
  try {
    for await (const { record, line } of parser as AsyncIterable<{ record: string[]; line: number }>) {
      while (unreadable.length && unreadable[0]!.line < line) yield brokenOf(unreadable.shift()!);
      if (record.length === 1 && record[0]!.trim() === '') continue;
      if (!headerSeen) {
        headerSeen = true;
        continue;
      }
      if (record.length !== file.header.length) yield { line, unreadable: `has ${record.length} fields; the header has ${file.header.length}` };
      else yield { line, fields: record };
    }
  } catch (err) {
    throw new InputError(`${file.base}: line ${parsedUpTo() + 1}: cannot be read: ${(err as Error).message}`);
  }
  while (unreadable.length) yield brokenOf(unreadable.shift()!);
}

// ---------------------------------------------------------------------------------------------------------
// Writing: buffered synchronous appends (many partition files open at once, no stream back-pressure to juggle).
// ---------------------------------------------------------------------------------------------------------

class Appender {
  // A buffer outside the JS heap: pending lines are copied in, not kept as strings that the GC would promote.
  private readonly buf: Buffer;
  private used = 0;
  private readonly fd: number;
  constructor(readonly file: string, bufferBytes = 16 * 1024) {
    this.fd = fs.openSync(file, 'w');
    this.buf = Buffer.allocUnsafe(bufferBytes);
  }
  write(s: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (s.length * 3 > this.buf.length - this.used) this.flush();
    if (s.length * 3 > this.buf.length) fs.writeSync(this.fd, s);
    else this.used += this.buf.write(s, this.used);
  }
  flush(): void {
    if (this.used) fs.writeSync(this.fd, this.buf, 0, this.used);
    this.used = 0;
  }
  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

const csvField = (s: string) => (/[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvLine = (values: readonly string[]) => `${values.map(csvField).join(',')}\n`;

// ---------------------------------------------------------------------------------------------------------
// Accounting: what the summary and the report say.
// ---------------------------------------------------------------------------------------------------------

type Note = { kind: 'skipped row' | 'value left empty' | 'unreadable record' | 'orphan'; file: string; line: number; column: string; outputColumn: string; reason: string };

class Tally {
  readonly rowsRead = new Map<string, number>();
  readonly filesRead = new Map<string, number>();
  written = 0;
  readonly groups = new Map<Note['kind'], Map<string, { count: number; example: string }>>();
  /** Driving rows that no row of a table joined, by table. */
  readonly unmatched = new Map<string, number>();
  readonly notes: string[] = [];
  constructor(private readonly report: Appender | undefined) {
    report?.write(csvLine(['kind', 'file', 'line', 'column', 'output_column', 'reason']));
  }
  count(kind: Note['kind'], group: string, n: Note): void {
    let g = this.groups.get(kind);
    if (!g) this.groups.set(kind, (g = new Map()));
    const entry = g.get(group);
    if (entry) entry.count++;
    else g.set(group, { count: 1, example: `${n.file}${n.line ? ` line ${n.line}` : ''}${n.column ? `, ${n.column}` : ''}: ${n.reason}` });
    this.report?.write(csvLine([n.kind, n.file, n.line ? String(n.line) : '', n.column, n.outputColumn, n.reason]));
  }
  problem(kind: 'skipped row' | 'value left empty', p: Problem, fallback: SourceRow): void {
    this.count(kind, `${p.target}: ${p.code}`, { kind, file: p.file ?? fallback.file, line: p.line ?? fallback.line, column: p.column ?? '', outputColumn: p.target, reason: p.reason });
  }
  total(kind: Note['kind']): number {
    return [...(this.groups.get(kind)?.values() ?? [])].reduce((a, g) => a + g.count, 0);
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------------------
// The conversion.
// ---------------------------------------------------------------------------------------------------------

const KEY_SEP = '\u001f';
const keyOf = (fields: string[], at: number[]) => {
  const parts = at.map((i) => (fields[i] ?? '').trim());
  return parts.every((p) => p === '') ? '' : parts.join(KEY_SEP);
};
const shownKey = (k: string) => k.split(KEY_SEP).join(' + ');

/** FNV-1a over the key, seeded so that a partition split again spreads its keys differently. */
function hashOf(key: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface Plan {
  mapping: Mapping;
  files: InputFile[];
  /** Tables other than the driving one that have input files, in a fixed order (their index in partition lines). */
  children: TableDef[];
  drivingFiles: InputFile[];
}

function plan(mapping: Mapping, inputs: string[], progress: (s: string) => void): Plan {
  const files: InputFile[] = [];
  for (const [index, p] of inputs.entries()) {
    const base = path.basename(p);
    if (!fs.existsSync(p) || !fs.statSync(p).isFile()) throw new InputError(`${p}: no such file`);
    const { header, encoding } = readHeader(p, base);
    const fit = tableOfFile(mapping, base, header);
    if ('error' in fit) throw new InputError(fit.error);
    const t = mapping.tables[fit.table]!;
    const missingKey = t.key.filter((c) => !header.includes(c));
    if (missingKey.length) throw new InputError(`${base}: line 1: the header lacks the key column${missingKey.length > 1 ? 's' : ''} ${missingKey.join(', ')} of table ${t.name}`);
    const missing = t.used.filter((c) => !header.includes(c));
    if (missing.length) progress(`note: ${base} (${t.name}) has no column ${missing.join(', ')}: those values stay empty`);
    if (encoding !== 'utf-8') progress(`note: ${base} is not valid UTF-8; it is read as ${encoding} (latin-1)`);
    files.push({ path: p, base, index, table: t.name, encoding, bytes: fs.statSync(p).size, header, keyAt: t.key.map((c) => header.indexOf(c)), usedAt: t.used.map((c) => header.indexOf(c)) });
  }
  const drivingFiles = files.filter((f) => f.table === mapping.driving);
  if (!drivingFiles.length) throw new InputError(`no input file is of the driving table "${mapping.driving}" of ${mapping.source}: nothing to convert`);
  const children = Object.values(mapping.tables).filter((t) => t.name !== mapping.driving && files.some((f) => f.table === t.name) && t.used.length > 0);
  for (const t of Object.values(mapping.tables)) {
    if (t.name === mapping.driving) continue;
    const has = files.some((f) => f.table === t.name);
    if (has && !t.used.length) progress(`note: table ${t.name} is not used by ${mapping.name}; its files are skipped`);
    if (!has && t.used.length) progress(`note: no input file is of table ${t.name}: the columns it gives stay empty`);
  }
  return { mapping, files: files.filter((f) => f.table === mapping.driving || children.some((c) => c.name === f.table)), children, drivingFiles };
}

const rowOf = (t: TableDef, file: InputFile | undefined, line: number, vals: string[]): SourceRow => {
  const values: Record<string, string> = {};
  for (let i = 0; i < t.used.length; i++) values[t.used[i]!] = vals[i] ?? '';
  return { values, file: file?.base ?? '?', line };
};

async function convert(args: Args, mapping: Mapping, out: Appender, tally: Tally, progress: (s: string) => void, tmpDirs: string[]): Promise<void> {
  const p = plan(mapping, args.inputs, progress);
  const driving = mapping.tables[mapping.driving]!;
  out.write(csvLine(mapping.columns));

  const emit = (record: Record<string, readonly SourceRow[]>, drivingRow: SourceRow) => {
    const r = mapRecord(mapping, record);
    for (const e of r.emptied) tally.problem('value left empty', e, drivingRow);
    if (r.ok) {
      out.write(csvLine(r.values));
      tally.written++;
    } else tally.problem('skipped row', r.skip, drivingRow);
  };

  /** Streams one file's records, counting them and reporting unreadable ones. */
  async function* records(f: InputFile) {
    progress(`reading ${f.base} (${f.table})`);
    tally.filesRead.set(f.table, (tally.filesRead.get(f.table) ?? 0) + 1);
    let n = 0;
    for await (const ev of readRecords(f)) {
      if ('unreadable' in ev) {
        tally.count('unreadable record', `${f.table}: unreadable`, { kind: 'unreadable record', file: f.base, line: ev.line, column: '', outputColumn: '', reason: ev.unreadable });
        continue;
      }
      n++;
      if (n % 250_000 === 0) progress(`  ${f.base}: ${fmt(n)} rows`);
      yield ev;
    }
    tally.rowsRead.set(f.table, (tally.rowsRead.get(f.table) ?? 0) + n);
    progress(`  ${f.base}: ${fmt(n)} rows`);
  }
  const project = (f: InputFile, fields: string[]) => f.usedAt.map((i) => (i < 0 ? '' : fields[i]!));

  // One table (or no child table has a file): map each record as it is read.
  if (!p.children.length) {
    for (const f of p.drivingFiles) {
      for await (const ev of records(f)) {
        const row = rowOf(driving, f, ev.line, project(f, ev.fields));
        emit({ [driving.name]: [row] }, row);
      }
    }
    return;
  }

  // Pass 1: partition every record by the hash of its key; only the columns the mapping reads are kept.
  // A partition line is `<child table index>\t<key as JSON>\t<[file, line, ...values] as JSON>` (driving
  // lines have no table index). JSON never holds a raw tab, so the key is found without parsing the line.
  const totalBytes = p.files.reduce((a, f) => a + f.bytes, 0);
  const n = Math.min(256, Math.max(1, Math.ceil(totalBytes / args.partitionBytes)));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-convert-'));
  tmpDirs.push(dir);
  const part = (kind: 'c' | 'd', i: number) => path.join(dir, `${kind}-${i}`);
  const writers = { c: new Map<number, Appender>(), d: new Map<number, Appender>() };
  const writer = (kind: 'c' | 'd', i: number) => {
    let w = writers[kind].get(i);
    if (!w) writers[kind].set(i, (w = new Appender(part(kind, i))));
    return w;
  };
  const childIndex = new Map(p.children.map((t, i) => [t.name, i]));
  for (const f of p.files) {
    const ci = childIndex.get(f.table);
    for await (const ev of records(f)) {
      const key = keyOf(ev.fields, f.keyAt);
      const rest = JSON.stringify([f.index, ev.line, ...project(f, ev.fields)]);
      if (ci === undefined) {
        writer('d', hashOf(key, 0) % n).write(`${JSON.stringify(key)}\t${rest}\n`);
      } else if (key === '') {
        tally.count('orphan', `${f.table}: empty key`, { kind: 'orphan', file: f.base, line: ev.line, column: p.children[ci]!.key.join(', '), outputColumn: '', reason: `the key (${p.children[ci]!.key.join(', ')}) is empty` });
      } else {
        writer('c', hashOf(key, 0) % n).write(`${ci}\t${JSON.stringify(key)}\t${rest}\n`);
      }
    }
  }
  for (const w of [...writers.c.values(), ...writers.d.values()]) w.close();

  // Pass 2: join partition by partition.
  const fileAt = new Map(p.files.map((f) => [f.index, f]));
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  /** The key (as JSON) of a partition line; child lines start with their table index. */
  const keyIn = (l: string, child: boolean) => {
    const from = child ? l.indexOf('\t') + 1 : 0;
    return l.slice(from, l.indexOf('\t', from));
  };
  const restOf = (l: string) => JSON.parse(l.slice(l.lastIndexOf('\t') + 1)) as [number, number, ...string[]];
  async function* lines(file: string): AsyncGenerator<string> {
    if (!fs.existsSync(file)) return;
    const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    for await (const l of rl) if (l) yield l;
  }

  async function join(cFile: string, dFile: string, depth: number): Promise<void> {
    const bytes = size(cFile);
    if (bytes > args.partitionBytes && depth < 2) {
      // Too big to hold: split both sides again with another hash seed, then join each piece.
      const m = Math.min(64, Math.max(2, Math.ceil(bytes / args.partitionBytes)));
      progress(`  partition ${path.basename(cFile)} holds ${fmt(bytes)} bytes: split into ${m}`);
      const sub = (kind: 'c' | 'd', i: number) => `${kind === 'c' ? cFile : dFile}.${depth + 1}-${i}`;
      for (const [kind, file] of [['c', cFile], ['d', dFile]] as const) {
        const ws = new Map<number, Appender>();
        for await (const l of lines(file)) {
          const i = hashOf(JSON.parse(keyIn(l, kind === 'c')) as string, depth + 1) % m;
          let w = ws.get(i);
          if (!w) ws.set(i, (w = new Appender(sub(kind, i))));
          w.write(`${l}\n`);
        }
        for (const w of ws.values()) w.close();
        fs.rmSync(file, { force: true });
      }
      for (let i = 0; i < m; i++) await join(sub('c', i), sub('d', i), depth + 1);
      return;
    }
    // The child lines of this partition by key, kept as the (sliced) strings of the file's text: far
    // smaller than parsed rows. A line is parsed only when its driving row comes.
    const byKey = new Map<string, string[]>();
    if (fs.existsSync(cFile)) {
      const text = fs.readFileSync(cFile, 'utf8');
      fs.rmSync(cFile, { force: true });
      for (let at = 0; at < text.length; ) {
        let end = text.indexOf('\n', at);
        if (end < 0) end = text.length;
        if (end > at) {
          const l = text.slice(at, end);
          const key = keyIn(l, true);
          const list = byKey.get(key);
          if (list) list.push(l);
          else byKey.set(key, [l]);
        }
        at = end + 1;
      }
    }
    const matched = new Set<string>();
    for await (const l of lines(dFile)) {
      const key = keyIn(l, false);
      const [fi, line, ...vals] = restOf(l);
      const row = rowOf(driving, fileAt.get(fi), line, vals);
      const record: Record<string, SourceRow[]> = { [driving.name]: [row] };
      for (const t of p.children) record[t.name] = [];
      const list = byKey.get(key);
      if (list) {
        matched.add(key);
        for (const c of list) {
          const t = p.children[Number(c.slice(0, c.indexOf('\t')))]!;
          const [cf, cl, ...cv] = restOf(c);
          record[t.name]!.push(rowOf(t, fileAt.get(cf), cl, cv));
        }
      }
      for (const t of p.children) if (!record[t.name]!.length) tally.unmatched.set(t.name, (tally.unmatched.get(t.name) ?? 0) + 1);
      emit(record, row);
    }
    fs.rmSync(dFile, { force: true });
    for (const [key, list] of byKey) {
      if (matched.has(key)) continue;
      for (const c of list) {
        const t = p.children[Number(c.slice(0, c.indexOf('\t')))]!;
        const [cf, cl] = restOf(c);
        tally.count('orphan', `${t.name}: no ${driving.name} row`, {
          kind: 'orphan', file: fileAt.get(cf)?.base ?? '?', line: cl, column: t.key.join(', '), outputColumn: '',
          reason: `${t.key.join(' + ')} ${shownKey(JSON.parse(key) as string)} matches no ${driving.name} row`,
        });
      }
    }
  }

  if (n > 1) progress(`joining ${n} partitions`);
  for (let i = 0; i < n; i++) {
    await join(part('c', i), part('d', i), 0);
    if (n > 1 && (i + 1) % Math.max(1, Math.floor(n / 10)) === 0) progress(`  joined ${i + 1}/${n} partitions`);
  }
}

function summary(mapping: Mapping, args: Args, tally: Tally, seconds: number): string {
  const lines: string[] = [];
  const tables = Object.keys(mapping.tables)
    .filter((t) => tally.rowsRead.has(t))
    .map((t) => `${t} ${fmt(tally.rowsRead.get(t)!)}${(tally.filesRead.get(t) ?? 0) > 1 ? ` (${tally.filesRead.get(t)} files)` : ''}`);
  lines.push(`converted with ${mapping.name} (${mapping.target}) in ${seconds.toFixed(1)} s`);
  lines.push(`  rows read: ${tables.join(', ')}`);
  lines.push(`  rows written: ${fmt(tally.written)} to ${args.out}`);
  const section = (kind: Note['kind'], title: string) => {
    const total = tally.total(kind);
    lines.push(`  ${title}: ${fmt(total)}`);
    for (const [group, g] of tally.groups.get(kind) ?? []) lines.push(`    ${group}: ${fmt(g.count)} (first: ${g.example})`);
  };
  section('skipped row', 'rows skipped');
  section('value left empty', 'values left empty');
  const drivingName = mapping.driving;
  const unmatched = Object.values(mapping.tables).filter((t) => t.name !== drivingName && tally.rowsRead.has(t.name));
  if (unmatched.length) lines.push(`  ${drivingName} rows without a matching row in: ${unmatched.map((t) => `${t.name} ${fmt(tally.unmatched.get(t.name) ?? 0)}`).join(', ')}`);
  if (unmatched.length) section('orphan', `orphans (rows whose key matched no ${drivingName} row)`);
  section('unreadable record', 'unreadable records');
  lines.push(`  peak memory (max RSS): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  if (args.report) lines.push(`  report: ${args.report}`);
  lines.push(`next: npm run import -- ${mapping.target} ${args.out}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  const mappingFile = resolveMapping(args.mapping);
  const mapping = parseMapping(fs.readFileSync(mappingFile, 'utf8'), path.relative(process.cwd(), mappingFile) || mappingFile);
  const progress = (s: string) => process.stderr.write(`${s}\n`);

  // Everything is written beside its destination under a temporary name and renamed only on success.
  const tmpOf = (f: string) => path.join(path.dirname(f), `.${path.basename(f)}.${process.pid}.tmp`);
  const temps: string[] = [];
  const tmpDirs: string[] = [];
  const cleanup = () => {
    for (const f of temps) fs.rmSync(f, { force: true });
    for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    cleanup();
    process.stderr.write(`convert stopped by ${sig}; nothing was written\n`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  for (const f of [args.out, args.report]) {
    if (f && !fs.existsSync(path.dirname(path.resolve(f)))) throw new UsageError(`${f}: its folder does not exist`);
  }
  temps.push(tmpOf(args.out));
  if (args.report) temps.push(tmpOf(args.report));
  let out: Appender | undefined;
  let report: Appender | undefined;
  try {
    out = new Appender(tmpOf(args.out), 256 * 1024);
    report = args.report ? new Appender(tmpOf(args.report), 64 * 1024) : undefined;
    const tally = new Tally(report);
    await convert(args, mapping, out, tally, progress, tmpDirs);
    out.close();
    report?.close();
    out = report = undefined;
    fs.renameSync(tmpOf(args.out), args.out);
    if (args.report) fs.renameSync(tmpOf(args.report), args.report);
    progress(summary(mapping, args, tally, (Date.now() - started) / 1000));
    return 0;
  } finally {
    for (const a of [out, report]) {
      try {
        a?.close();
      } catch {
        // already failing; the temp file is removed below
      }
    }
    cleanup();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      if (err instanceof UsageError) {
        process.stderr.write(`${err.message}\n`);
        process.exit(2);
      }
      const known = err instanceof InputError || err instanceof MappingError;
      process.stderr.write(`convert failed: ${known ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\nnothing was written\n`);
      process.exit(1);
    },
  );
}
