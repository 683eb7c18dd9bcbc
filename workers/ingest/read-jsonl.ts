/**
 * JSON lines (one JSON value per line, as FollowTheMoney exports are written): streamed line by line, so
 * memory stays flat whatever the file's size. `line` is the file's own line (blank lines counted, skipped);
 * a line that is not valid JSON, or longer than MAX_LINE characters, is a reject of that line, not a
 * failure of the file. Only a file with no record at all fails as a whole.
 *
 * Several passes: a format whose records refer to each other (FtM: an Ownership names its owner by id, and
 * may come before it) gives `passOf`; the file is then read once per pass and each record is yielded in the
 * pass it names (0 first), so everything of one pass is written before anything of the next. Each record is
 * still yielded exactly once; lines that are not JSON are reported in pass 0.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream';
import type { Reject } from '../../core/queues';
import type { RowFormat } from '../../domain/sources';
import { decoder, sniffEncoding, type Encoding } from './encoding';
import { encodingNote, FileProblem, type RowEvent, type RowSource } from './read-rows';

/** A longer line is rejected without being kept in memory (the CSV reader's record cap). */
export const MAX_LINE = 1_000_000;

type Line = { line: number; text: string } | { line: number; tooLong: true };

/** The lines of a file, decoded and numbered from 1; `onStream` receives each stream opened (for close and progress). */
async function* linesOf(file: string, encoding: Encoding, onStream: (s: fs.ReadStream) => void): AsyncGenerator<Line> {
  const stream = fs.createReadStream(file);
  onStream(stream);
  const text = decoder(encoding);
  // pipeline() passes read errors (a vanished file, a disk error) on to the decoder, and so to our loop.
  pipeline(stream, text, () => undefined);
  let line = 0;
  let partial = '';
  let tooLong = false;
  for await (const chunk of text as AsyncIterable<string>) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      line++;
      if (tooLong || partial.length + nl - start > MAX_LINE) yield { line, tooLong: true };
      else yield { line, text: partial + chunk.slice(start, nl) };
      partial = '';
      tooLong = false;
      start = nl + 1;
    }
    if (!tooLong) {
      partial += chunk.slice(start);
      // Past the cap the rest of the line is skipped, not buffered.
      if (partial.length > MAX_LINE) {
        tooLong = true;
        partial = '';
      }
    }
  }
  if (tooLong) yield { line: line + 1, tooLong: true };
  else if (partial !== '') yield { line: line + 1, text: partial };
}

const isBlank = (s: string) => /^[\s\uFEFF]*$/.test(s);

export function readJsonLines(file: string, fileName: string, format: Pick<RowFormat, 'passOf'> = {}): RowSource {
  const encoding = sniffEncoding(file);
  const warnings: Reject[] = encodingNote(encoding);
  const size = fs.statSync(file).size;
  const passOf = format.passOf;
  let current: fs.ReadStream | undefined;
  let closed = false;
  let pass = 0;
  let passes = 1;
  let done = false;

  async function* rows(): AsyncGenerator<RowEvent> {
    let records = 0;
    for (pass = 0; pass < passes && !closed; pass++) {
      for await (const l of linesOf(file, encoding, (s) => (current = s))) {
        if (closed) break;
        if ('tooLong' in l) {
          if (pass === 0) {
            records++;
            yield { line: l.line, rejects: [{ line: l.line, field: '*', reason: `the line is longer than ${MAX_LINE.toLocaleString('en')} characters` }] };
          }
          continue;
        }
        // Windows line endings; a byte-order mark is dropped by the decoder.
        const text = l.text.endsWith('\r') ? l.text.slice(0, -1) : l.text;
        if (isBlank(text)) continue;
        if (pass === 0) records++;
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch (err) {
          if (pass === 0) yield { line: l.line, rejects: [{ line: l.line, field: '*', reason: `not valid JSON: ${(err as Error).message}`, value: text.slice(0, 200) }] };
          continue;
        }
        const asked = passOf ? passOf(raw) : 0;
        const p = Number.isFinite(asked) ? Math.max(0, Math.floor(asked)) : 0;
        if (pass === 0 && p + 1 > passes) passes = p + 1;
        if (p === pass) yield { line: l.line, raw };
      }
      if (pass === 0 && records === 0) throw new FileProblem(`${fileName}: the file is empty (no JSON lines)`);
    }
    done = true;
  }

  return {
    rows: rows(),
    // With passes, the first covers the first half of the progress bar and the others share the rest.
    bytesRead: () => {
      if (done) return size;
      const inPass = current?.bytesRead ?? 0;
      if (!passOf) return inPass;
      if (pass === 0) return Math.floor(inPass / 2);
      return Math.floor(size / 2 + ((pass - 1) * size + inPass) / (2 * Math.max(1, passes - 1)));
    },
    warnings,
    close: () => {
      closed = true;
      current?.destroy();
    },
  };
}
