/**
 * Streams the rows of an import file. CSV is parsed record by record (never the whole file in memory);
 * the header is checked against the kind's columns before any row is read. Problems that concern one
 * row come out as rejects with the file's line number; problems with the whole file throw FileProblem.
 */
import fs from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import type { RowFormat } from '../../domain/rows';
import type { Reject } from '../../core/queues';

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
}

export function readRows(file: string, fileName: string, format: RowFormat): RowSource {
  return format.file === 'csv' ? readCsv(file, fileName, format) : readJson(file, fileName);
}

function readCsv(file: string, fileName: string, format: RowFormat): RowSource {
  const stream = fs.createReadStream(file);
  const warnings: Reject[] = [];
  const parser = stream.pipe(
    parse({
      bom: true,
      // A stray quote inside a field ("ACME "BEST" LTD") is taken literally, as manifests are written.
      relax_quotes: true,
      // Rows with a wrong number of fields are rejected by us, with the line, rather than ending the file.
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  async function* rows(): AsyncGenerator<RowEvent> {
    let header: string[] | undefined;
    // End line of the last record read: a record that breaks the parser starts on the line after it.
    let lastLine = 0;
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        const line = lastLine + 1;
        lastLine = info.lines;
        if (!header) {
          header = record.map((h) => h.trim().toLowerCase());
          checkHeader(header, fileName, format, warnings);
          continue;
        }
        if (record.length !== header.length) {
          yield { line, rejects: [{ line, field: '*', reason: `has ${record.length} fields; the header has ${header.length}` }] };
          continue;
        }
        yield { line, raw: Object.fromEntries(header.map((h, i) => [h, record[i]])) };
      }
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      // The parser cannot go on (a quote opened and never closed): what came before is kept, the
      // rest of the file is one reject that says where the problem starts.
      const line = lastLine + 1;
      const end = (err as CsvError & { lines?: number }).lines;
      yield { line, rejects: [{ line, field: '*', reason: `${csvReason(err)}${end ? ` (the parser gave up at line ${end})` : ''}; the rest of the file was not read` }] };
    }
    if (!header) throw new FileProblem(`${fileName}: the file is empty (no header line)`);
  }
  return { rows: rows(), bytesRead: () => stream.bytesRead, warnings };
}

function csvReason(err: CsvError): string {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field opens here and is never closed';
  return err.message;
}

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
  return { rows: rows(), bytesRead: () => bytes, warnings: [] };
}
