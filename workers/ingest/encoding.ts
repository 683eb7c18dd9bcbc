/**
 * Text encoding of an import file. UTF-8 (with or without a byte-order mark) is the format; files that
 * are not valid UTF-8 are read as Windows-1252 ("latin-1" as spreadsheets and the CBP list write it), which
 * decodes every byte. The first 64 KiB decide; a file that turns invalid later is still read as UTF-8, with
 * U+FFFD for the broken bytes, and the rejects report says so.
 */
import fs from 'node:fs';
import { Transform } from 'node:stream';

export type Encoding = 'utf-8' | 'windows-1252';

const SAMPLE = 64 * 1024;

/** Whether bytes are valid UTF-8, ignoring a multi-byte sequence cut off at the end of the sample. */
export function isUtf8(bytes: Buffer, complete: boolean): boolean {
  let end = bytes.length;
  if (!complete) {
    // Step back over a trailing partial sequence (at most 3 continuation bytes after a lead byte).
    let i = end - 1;
    while (i >= 0 && end - i <= 4 && (bytes[i]! & 0xc0) === 0x80) i--;
    if (i >= 0 && bytes[i]! >= 0xc0) end = i;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

export function sniffEncoding(file: string): Encoding {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE);
    const n = fs.readSync(fd, buf, 0, SAMPLE, 0);
    return isUtf8(buf.subarray(0, n), n < SAMPLE) ? 'utf-8' : 'windows-1252';
  } finally {
    fs.closeSync(fd);
  }
}

// Windows-1252 differs from ISO-8859-1 in 0x80-0x9F (curly quotes, dashes, the euro sign). Node's
// TextDecoder('windows-1252') returns C1 controls there, so the table is ours. 0x81, 0x8D, 0x8F, 0x90 and
// 0x9D are unassigned and stay as they are.
const cp1252High = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeCp1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(cp1252High[c.charCodeAt(0) - 0x80]!));
}

/** A Transform from the file's bytes to text (strings), decoding across chunk boundaries. */
export function decoder(encoding: Encoding, onInvalid?: () => void): Transform {
  // Single-byte: every chunk decodes on its own.
  if (encoding === 'windows-1252') {
    return new Transform({ readableObjectMode: true, transform: (chunk: Buffer, _e, done) => done(null, decodeCp1252(chunk)) });
  }
  const td = new TextDecoder('utf-8');
  let told = false;
  // U+FFFD in the text means bytes that are not UTF-8 past the sniffed start: say so once.
  const check = (text: string) => {
    if (!told && onInvalid && text.includes('\uFFFD')) {
      told = true;
      onInvalid();
    }
    return text;
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      done(null, check(td.decode(chunk, { stream: true })));
    },
    flush(done) {
      const rest = td.decode();
      done(null, rest || undefined);
    },
  });
}
