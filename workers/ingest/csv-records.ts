/**
 * The CSV record parser both the ingest reader (read-rows.ts) and the converter (scripts/convert.ts) use:
 * csv-parse set up for hand-edited files, each record tagged with the line it starts on, and the records
 * the parser could not make collected (with their line and why) instead of ending the file.
 */
import { parse, CsvError, type InfoRecord, type Options, type Parser } from 'csv-parse';

export interface CsvRecords {
  /** Records as they come, each with the line it starts on (blank lines are records too). */
  parser: Parser;
  /** Records the parser gave up on (a quote never closed, a record past the size cap), in file order. */
  unreadable: { line: number; reason: string }[];
  /** The last line the parser has consumed. */
  parsedUpTo(): number;
}

export const MAX_RECORD_CHARS = 1_000_000;

export function csvRecords(): CsvRecords {
  const unreadable: CsvRecords['unreadable'] = [];
  // End line of the last record the parser produced. Blank lines are records too (skip_empty_lines is
  // off), so a record's first line is always the line after the previous record's last.
  let parsedUpTo = 0;
  const options: Options = {
    bom: true,
    // A stray quote inside a field ("ACME "BEST" LTD") is taken literally, as manifests are written.
    relax_quotes: true,
    // Rows with a wrong number of fields are rejected by the caller, with the line, rather than ending the file.
    relax_column_count: true,
    // A quote that never closes would otherwise swallow the rest of a big file into one field in memory.
    max_record_size: MAX_RECORD_CHARS,
    // Parser errors become entries of `unreadable` (on_skip) instead of destroying the stream, which would
    // also drop the good records it had already parsed but the caller had not yet read.
    skip_records_with_error: true,
    // Tags each record with its first line. (csv-parse's types assume on_record returns a row.)
    on_record: ((record: string[], ctx: InfoRecord) => {
      const line = parsedUpTo + 1;
      parsedUpTo = ctx.lines;
      return { record, line };
    }) as unknown as Options['on_record'],
    on_skip: (err) => {
      const line = parsedUpTo + 1;
      const end = (err as (CsvError & { lines?: number }) | undefined)?.lines;
      unreadable.push({ line, reason: csvReason(err, end) });
      if (end) parsedUpTo = end;
      return undefined;
    },
  };
  return { parser: parse(options), unreadable, parsedUpTo: () => parsedUpTo };
}

function csvReason(err: CsvError | undefined, end: number | undefined): string {
  const where = end ? ` (the parser gave up at line ${end})` : '';
  if (err?.code === 'CSV_QUOTE_NOT_CLOSED') return `a quoted field opens here and is never closed${where}; the rest of the file was not read`;
  if (err?.code === 'CSV_MAX_RECORD_SIZE') return `the record is longer than 1,000,000 characters, most likely an unclosed quote${where}`;
  return `${err?.message ?? 'unreadable record'}${where}`;
}
