/**
 * XML record files (the DOL goods list): a streaming reader with no dependency. The file is read in chunks,
 * each record element (RowFormat.xmlRecord, e.g. <Good>) is cut out as it closes and turned into a plain
 * object, and only the unread tail of the last chunk and the record being built are ever held, so memory
 * stays flat whatever the file size.
 *
 * A record becomes an object: child elements are fields, a repeated child is an array, an element with no
 * children and no attributes is its text (entities decoded, CDATA kept literally, not trimmed), attributes
 * are fields named "@name", and text beside child elements is "#text". A record's line is the line its start
 * tag is on. No DTD is read and no entity other than the five predefined ones and &#...; is expanded (so no
 * external entity is ever fetched).
 *
 * Problems with one record (an undefined entity, a record over 1,000,000 characters) reject that record;
 * broken structure (a tag that never closes by the end of the file, a mismatched end tag, text outside any
 * element) fails the file with FileProblem naming the line.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream';
import type { ZodError } from 'zod';
import type { RowFormat } from '../../domain/sources';
import type { Reject } from '../../core/queues';
import { decoder, sniffEncoding } from './encoding';
import { encodingNote, FileProblem, type RowEvent, type RowSource } from './read-rows';

/** The structure is broken at `line`: no record after it can be trusted. */
export class XmlProblem extends Error {
  override readonly name = 'XmlProblem';
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [field: string]: XmlValue;
}

/** A record cut out of the file: its value, or why it cannot be used. */
export type XmlRecord =
  | { line: number; value: XmlObject; problems: { field: string; reason: string }[] }
  | { line: number; tooLong: true };

interface Node {
  name: string;
  line: number;
  attrs: [string, string][];
  children: [string, XmlValue][];
  text: string[];
}

const NAME = /^[\p{L}_:][\p{L}\p{N}_.:\-\u00B7]*/u;
const ATTR = /\s+([\p{L}_:][\p{L}\p{N}_.:\-\u00B7]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/uy;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the five predefined entities and character references. Anything else after an `&` is a problem
 * (pushed onto `problems`; the text is kept as written).
 */
export function decodeEntities(raw: string, problems: string[] = []): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[\p{L}_][\p{L}\p{N}_.-]*)?(;?)/gu, (whole: string, ref: string | undefined, semi: string, at: number) => {
    if (!ref || !semi) {
      problems.push(`a bare "&" (write &amp;) in ${JSON.stringify(raw.slice(Math.max(0, at - 10), at + 10))}`);
      return whole;
    }
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
      if (!ok) {
        problems.push(`&${ref}; is not a valid character`);
        return whole;
      }
      return String.fromCodePoint(cp);
    }
    const known = PREDEFINED[ref];
    if (known === undefined) problems.push(`unknown entity &${ref}; (only &amp; &lt; &gt; &quot; &apos; and &#...; are read)`);
    return known ?? whole;
  });
}

const countLines = (s: string, from = 0, to = s.length) => {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
};

/**
 * The push parser behind readXml: feed it text with push(), collect the records each call completes, and
 * call end() at the end of the input. Pure (no I/O), so it is tested on strings.
 */
export class XmlRecordReader {
  /** Text not consumed yet: an incomplete tag, or the text of a record up to its next '<'. */
  private buf = '';
  /** Line number at buf[0]. */
  private line = 1;
  /** Every open element, outermost first (outside records too, so end tags are checked everywhere). */
  private readonly open: { name: string; line: number }[] = [];
  /** The record being built, its open elements outermost first; undefined outside a record. */
  private nodes: Node[] | undefined;
  /** The current record (being built, or skipped when over the size cap): its line and depth in `open`. */
  private record: { line: number; depth: number } | undefined;
  private recordChars = 0;
  private problems: { field: string; reason: string }[] = [];
  /** Whether any element was seen (a file with none is not XML). */
  sawElement = false;
  /** So the last line is not counted twice when the input ends with a line break. */
  private endsWithNewline = false;

  constructor(readonly recordName: string, private readonly maxRecordChars = 1_000_000) {}

  push(text: string): XmlRecord[] {
    if (text) this.endsWithNewline = text.endsWith('\n');
    const buf = this.buf + text;
    const out: XmlRecord[] = [];
    let i = 0;
    while (i < buf.length) {
      const lt = buf.indexOf('<', i);
      if (lt === -1) {
        // Text running to the end of what we have. Inside a record it waits for the '<' that ends it, so an
        // entity is never cut in two (up to the size cap); elsewhere it is checked and dropped.
        if (this.nodes && buf.length - i <= this.maxRecordChars) break;
        if (this.nodes) this.skipRecord();
        else if (!this.record) this.outsideText(buf.slice(i));
        this.line += countLines(buf, i);
        i = buf.length;
        break;
      }
      if (lt > i) {
        this.text(buf.slice(i, lt));
        this.line += countLines(buf, i, lt);
        i = lt;
      }
      const end = this.markupEnd(buf, i);
      if (end === -1) {
        if (buf.length - i > this.maxRecordChars) throw new XmlProblem(this.line, `markup starting here runs past ${this.maxRecordChars} characters without a closing ">"`);
        break;
      }
      const finished = this.markup(buf.slice(i, end));
      this.line += countLines(buf, i, end);
      i = end;
      if (finished) out.push(finished);
    }
    this.buf = buf.slice(i);
    return out;
  }

  /** Characters held between calls (an unfinished tag, a record's text up to its next '<'): stays small. */
  buffered(): number {
    return this.buf.length;
  }

  /** At the end of the input: throws XmlProblem for anything left open. */
  end(): void {
    const last = this.line + countLines(this.buf) - (this.endsWithNewline ? 1 : 0);
    if (this.record) {
      throw new XmlProblem(this.record.line, `the <${this.recordName}> element that starts here is not closed: the file ends inside it, at line ${last}`);
    }
    if (this.buf.trim()) throw new XmlProblem(this.line, 'markup starting here is not closed at the end of the file');
    const top = this.open[this.open.length - 1];
    if (top) throw new XmlProblem(top.line, `<${top.name}> opened here is never closed (the file ends at line ${last})`);
  }

  /** Index just past the markup that starts at `i` (a '<'), or -1 when it is not all in the buffer yet. */
  private markupEnd(buf: string, i: number): number {
    const find = (needle: string, from: number) => {
      const at = buf.indexOf(needle, from);
      return at === -1 ? -1 : at + needle.length;
    };
    if (buf.startsWith('<!--', i)) return find('-->', i + 4);
    if (buf.startsWith('<![CDATA[', i)) return find(']]>', i + 9);
    if (buf.startsWith('<?', i)) return find('?>', i + 2);
    if (buf.startsWith('<!', i)) {
      const head = buf.slice(i, i + 9);
      if (head.length < 9 && ('<![CDATA['.startsWith(head) || '<!--'.startsWith(head.slice(0, 4)))) return -1;
      // A declaration such as <!DOCTYPE ...>, with an internal subset in [ ] that may itself hold '>'.
      let depth = 0;
      for (let j = i + 2; j < buf.length; j++) {
        const c = buf[j];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) return j + 1;
      }
      return -1;
    }
    // A tag: up to the first '>' outside quoted attribute values.
    let quote = '';
    for (let j = i + 1; j < buf.length; j++) {
      const c = buf[j];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') return j + 1;
      else if (c === '<') throw new XmlProblem(this.line, `a "<" that opens no tag: ${JSON.stringify(buf.slice(i, Math.min(j, i + 60)))}`);
    }
    return -1;
  }

  /** Text between elements outside any record: only whitespace may stand outside the root element. */
  private outsideText(s: string): void {
    const at = s.search(/\S/);
    if (this.open.length === 0 && at !== -1) {
      throw new XmlProblem(this.line + countLines(s, 0, at), `text outside any element (is this an XML file?): ${JSON.stringify(s.slice(at, at + 60).split('\n')[0])}`);
    }
  }

  private text(s: string): void {
    const node = this.nodes?.[this.nodes.length - 1];
    if (!node) {
      if (!this.record) this.outsideText(s);
      return;
    }
    if (this.grow(s.length)) node.text.push(this.decode(s));
  }

  private decode(raw: string): string {
    const found: string[] = [];
    const s = decodeEntities(raw, found);
    for (const reason of found) this.problems.push({ field: this.path(), reason });
    return s;
  }

  /** Field path of the element being built, below the record (e.g. "Countries/Country/Country_Name"). */
  private path(): string {
    return this.nodes && this.nodes.length > 1 ? this.nodes.slice(1).map((n) => n.name).join('/') : '*';
  }

  /** Counts a record's characters; past the cap the record is dropped and skipped to its end. */
  private grow(chars: number): boolean {
    this.recordChars += chars;
    if (this.nodes && this.recordChars > this.maxRecordChars) this.skipRecord();
    return this.nodes !== undefined;
  }

  /** Drops what was built of the current record; the rest of it is read (for its end tag) but not kept. */
  private skipRecord(): void {
    this.nodes = undefined;
  }

  private markup(token: string): XmlRecord | undefined {
    if (token.startsWith('<![CDATA[')) {
      const text = token.slice(9, -3);
      const node = this.nodes?.[this.nodes.length - 1];
      if (!node) {
        if (!this.record) this.outsideText(text);
      } else if (this.grow(text.length)) node.text.push(text);
      return undefined;
    }
    // Comments, processing instructions (<?xml ...?>) and declarations (<!DOCTYPE ...>) carry no data.
    if (token.startsWith('<!') || token.startsWith('<?')) return undefined;
    if (token.startsWith('</')) return this.closeTag(token, this.line);
    return this.openTag(token, this.line);
  }

  private openTag(token: string, line: number): XmlRecord | undefined {
    const selfClosing = token.endsWith('/>');
    const inner = token.slice(1, selfClosing ? -2 : -1);
    const name = NAME.exec(inner)?.[0];
    const attrs: [string, string][] = [];
    let at = name?.length ?? 0;
    ATTR.lastIndex = at;
    for (let m = ATTR.exec(inner); m; m = ATTR.exec(inner)) {
      attrs.push([m[1]!, m[2] ?? m[3] ?? '']);
      at = ATTR.lastIndex;
    }
    if (!name || inner.slice(at).trim()) throw new XmlProblem(line, `not a well-formed tag: ${JSON.stringify(token.slice(0, 60))}`);
    this.sawElement = true;
    this.open.push({ name, line });
    if (this.nodes) {
      if (this.grow(token.length)) this.nodes.push({ name, line, attrs: attrs.map(([k, v]) => [k, this.decode(v)]), children: [], text: [] });
    } else if (!this.record && name === this.recordName) {
      this.record = { line, depth: this.open.length };
      this.recordChars = token.length;
      this.problems = [];
      this.nodes = [{ name, line, attrs: [], children: [], text: [] }];
      this.nodes[0]!.attrs = attrs.map(([k, v]) => [k, this.decode(v)]);
    }
    return selfClosing ? this.closeTag(`</${name}>`, line) : undefined;
  }

  private closeTag(token: string, line: number): XmlRecord | undefined {
    const name = /^<\/([^\s>]+)\s*>$/.exec(token)?.[1];
    if (!name) throw new XmlProblem(line, `not a well-formed end tag: ${JSON.stringify(token.slice(0, 60))}`);
    const top = this.open.pop();
    if (!top) throw new XmlProblem(line, `</${name}> closes no open element`);
    if (top.name !== name) throw new XmlProblem(line, `</${name}> does not match <${top.name}>, opened at line ${top.line}`);
    if (!this.record) return undefined;
    const closesRecord = this.open.length < this.record.depth;
    if (this.nodes) this.grow(token.length);
    if (!this.nodes) {
      if (!closesRecord) return undefined;
      const skipped: XmlRecord = { line: this.record.line, tooLong: true };
      this.record = undefined;
      return skipped;
    }
    const node = this.nodes.pop()!;
    const value = valueOf(node);
    const parent = this.nodes[this.nodes.length - 1];
    if (parent) {
      parent.children.push([node.name, value]);
      return undefined;
    }
    this.nodes = undefined;
    this.record = undefined;
    return { line: node.line, value: typeof value === 'string' ? { '#text': value } : (value as XmlObject), problems: this.problems };
  }
}

/** A closed element as a value: its text when it is a leaf, else an object of its fields. */
function valueOf(node: Node): XmlValue {
  const text = node.text.join('');
  if (!node.children.length && !node.attrs.length) return text;
  const fields = new Map<string, XmlValue[]>();
  for (const [k, v] of node.attrs) fields.set(`@${k}`, [v]);
  for (const [k, v] of node.children) fields.set(k, [...(fields.get(k) ?? []), v]);
  if (text.trim()) fields.set('#text', [text]);
  // fromEntries defines own properties, so a child named __proto__ is only a field.
  return Object.fromEntries([...fields].map(([k, vs]) => [k, vs.length === 1 ? vs[0]! : vs]));
}

export function readXml(file: string, fileName: string, format: RowFormat): RowSource {
  const recordName = format.xmlRecord;
  if (!recordName) throw new FileProblem(`${fileName}: the ${format.title} format names no XML record element`);
  const encoding = sniffEncoding(file);
  const stream = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  const text = decoder(encoding);
  pipeline(stream, text, () => undefined);

  async function* rows(): AsyncGenerator<RowEvent> {
    const reader = new XmlRecordReader(recordName!);
    let bytes = 0;
    try {
      for await (const chunk of text as AsyncIterable<string>) {
        bytes += chunk.length;
        for (const record of reader.push(chunk)) yield eventOf(record, recordName!);
      }
      reader.end();
    } catch (err) {
      if (err instanceof XmlProblem) throw new FileProblem(`${fileName}: line ${err.line}: ${err.message}`);
      throw err;
    }
    if (!bytes) throw new FileProblem(`${fileName}: the file is empty`);
    if (!reader.sawElement) throw new FileProblem(`${fileName}: no XML element in the file`);
  }
  return { rows: rows(), bytesRead: () => stream.bytesRead, warnings: encodingNote(encoding), close: () => stream.destroy(), rejectsOf: xmlRejects };
}

/**
 * Rejects for a record its schema refused, the field written as an XPath below the record
 * ("Countries/Country[2]/Country_Name", positions from 1). A list position also reads an element that
 * occurs once (an object, not a list of one).
 */
export function xmlRejects(line: number, raw: unknown, error: ZodError): Reject[] {
  return error.issues.map((issue) => {
    let field = '';
    let value: unknown = raw;
    for (const key of issue.path) {
      if (typeof key === 'number') {
        field += `[${key + 1}]`;
        value = Array.isArray(value) ? value[key] : key === 0 ? value : undefined;
      } else {
        field += `${field ? '/' : ''}${String(key)}`;
        value = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
      }
    }
    return { line, field: field || '*', reason: issue.message, ...(typeof value === 'string' && value ? { value: value.slice(0, 200) } : {}) };
  });
}

function eventOf(record: XmlRecord, recordName: string): RowEvent {
  const { line } = record;
  if ('tooLong' in record) {
    return { line, rejects: [{ line, field: '*', reason: `the <${recordName}> element is longer than 1,000,000 characters; it was skipped` }] };
  }
  if (record.problems.length) {
    const rejects: Reject[] = record.problems.map((p) => ({ line, field: p.field, reason: p.reason }));
    return { line, rejects };
  }
  return { line, raw: record.value };
}
