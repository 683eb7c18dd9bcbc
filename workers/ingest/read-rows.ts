/**
 * Streams the rows of an import file. CSV is parsed record by record (never the whole file in memory);
 * the header is checked against the kind's columns before any row is read. Problems that concern one
 * row come out as rejects with the file's line number; problems with the whole file throw FileProblem.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream';
import type { RowFormat } from '../../domain/sources';
import type { Reject } from '../../core/queues';
import type { ZodError } from 'zod';
import { csvRecords } from './csv-records';
import { decoder, sniffEncoding } from './encoding';
import { rejectsFromZod } from './rejects';
import { readJsonLines } from './read-jsonl';
import { readXml } from './read-xml';

/** The file as a whole cannot be read (empty, wrong header, not JSON): no row can be trusted. */
export class FileProblem extends Error {
  override readonly name = 'FileProblem';
}

export type RowEvent =
  | { line: number; raw: unknown }
  | { line: number; rejects: Reject[] };

export interface RowSource {
  rows: AsyncIterable<RowEvent>;
  /** Bytes of the file consumed so far, for progress. */
  bytesRead(): number;
  /** Header notes that are not fatal (unknown columns), reported as line-1 rejects. */
  warnings: Reject[];
  /** Releases the file when reading stops early (a failed batch, a bad header). */
  close(): void;
  /** The rejects for a row its schema refused, naming the file's own fields (CSV: the column as written). */
  rejectsOf?(line: number, raw: unknown, error: ZodError): Reject[];
}

export function readRows(file: string, fileName: string, format: RowFormat): Required<RowSource> {
  const source = openSource(file, fileName, format);
  return { ...source, rejectsOf: source.rejectsOf ?? rejectsFromZod };
}

function openSource(file: string, fileName: string, format: RowFormat): RowSource {
  switch (format.file) {
    case 'csv':
      return readCsv(file, fileName, format);
    case 'json':
      return readJson(file, fileName);
    case 'jsonl':
      return readJsonLines(file, fileName, format);
    case 'xml':
      return readXml(file, fileName, format);
  }
}

/** A note for the rejects report when the file is not UTF-8 (line 0: the file as a whole). */
export function encodingNote(encoding: string): Reject[] {
  return encoding === 'utf-8' ? [] : [{ line: 0, field: '*', reason: `the file is not valid UTF-8; it was read as ${encoding} (latin-1)` }];
}

function readCsv(file: string, fileName: string, format: RowFormat): RowSource {
  const stream = fs.createReadStream(file);
  const encoding = sniffEncoding(file);
  const warnings: Reject[] = encodingNote(encoding);
  const fileNames = new Map<string, string>();
  const { parser, unreadable } = csvRecords();
  // pipeline() passes read errors (a vanished file, a disk error) on to the parser, and so to our reader.
  const badBytes = () =>
    warnings.push({ line: 0, field: '*', reason: 'the file is not valid UTF-8 after its first 64 KiB; the bad bytes were read as U+FFFD (re-save it as UTF-8)' });
  pipeline(stream, decoder(encoding, badBytes), parser, () => undefined);

  async function* rows(): AsyncGenerator<RowEvent> {
    let header: string[] | undefined;
    for await (const { record, line } of parser as AsyncIterable<{ record: string[]; line: number }>) {
      while (unreadable.length && unreadable[0]!.line < line) yield rejectOf(unreadable.shift()!);
      if (record.length === 1 && record[0]!.trim() === '') continue; // a blank line
      if (!header) {
        const asWritten = record.map((h) => h.trim().toLowerCase());
        header = asWritten.map((h) => format.columnAliases?.[h] ?? h);
        header.forEach((h, i) => h !== asWritten[i] && fileNames.set(h, asWritten[i]!));
        checkHeader(header, fileName, format, warnings);
        continue;
      }
      if (record.length !== header.length) {
        yield { line, rejects: [{ line, field: '*', reason: `has ${record.length} fields; the header has ${header.length}` }] };
        continue;
      }
      yield { line, raw: Object.fromEntries(header.map((h, i) => [h, record[i]])) };
    }
    if (!header) throw new FileProblem(`${fileName}: the file is empty (no header line)`);
    while (unreadable.length) yield rejectOf(unreadable.shift()!);
  }
  return { rows: rows(), bytesRead: () => stream.bytesRead, warnings, close: () => stream.destroy(),
    // A CSV reject names the column as the file writes it, not our name for it nor an item of a list cell.
    rejectsOf: (line, raw, error) =>
      rejectsFromZod(line, raw, error).map((r) => {
        const column = r.field.split('.')[0]!;
        return { ...r, field: fileNames.get(column) ?? column };
      }),
  };
}

const rejectOf = (r: { line: number; reason: string }): RowEvent => ({ line: r.line, rejects: [{ line: r.line, field: '*', reason: r.reason }] });

function checkHeader(header: string[], fileName: string, format: RowFormat, warnings: Reject[]): void {
  const missing = format.requiredColumns.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new FileProblem(
      `${fileName}: line 1: header lacks required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
        `(found: ${header.join(', ')}; expected: ${format.columns.join(', ')})`,
    );
  }
  const dupes = header.filter((h, i) => header.indexOf(h) !== i);
  if (dupes.length) throw new FileProblem(`${fileName}: line 1: column ${dupes[0]} appears twice`);
  for (const column of header.filter((h) => !format.columns.includes(h))) {
    warnings.push({ line: 1, field: column, reason: `unknown column, ignored (expected: ${format.columns.join(', ')})` });
  }
}

/** JSON list files ({"entities": [...]} or a bare array). "line" is the entry's 1-based position. */
function readJson(file: string, fileName: string): RowSource {
  let bytes = 0;
  async function* rows(): AsyncGenerator<RowEvent> {
    const text = await fs.promises.readFile(file, 'utf8');
    bytes = Buffer.byteLength(text);
    if (!text.trim()) throw new FileProblem(`${fileName}: the file is empty`);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new FileProblem(`${fileName}: not valid JSON: ${(err as Error).message}`);
    }
    const entries = Array.isArray(doc) ? doc : (doc as { entities?: unknown })?.entities;
    if (!Array.isArray(entries)) throw new FileProblem(`${fileName}: expected a JSON array or an object with an "entities" array`);
    for (const [i, raw] of entries.entries()) yield { line: i + 1, raw };
  }
  return { rows: rows(), bytesRead: () => bytes, warnings: [], close: () => undefined };
}
