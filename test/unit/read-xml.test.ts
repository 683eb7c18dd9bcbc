/** The streaming XML record reader (workers/ingest/read-xml.ts): records, entities, lines, broken files, memory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Reject } from '../../core/queues';
import type { RowFormat } from '../../domain/sources';
import { z } from 'zod';
import { decodeEntities, readXml, XmlProblem, XmlRecord, XmlRecordReader, xmlRejects } from '../../workers/ingest/read-xml';
import { FileProblem } from '../../workers/ingest/read-rows';

const format = { title: 'test records', file: 'xml', xmlRecord: 'Good', columns: [], requiredColumns: [], statement: 'x/y' } as unknown as RowFormat;
const lists = path.join(__dirname, '..', '..', 'data', 'lists');
const fixtures = path.join(__dirname, '..', 'fixtures', 'lists');

/** Feeds `text` in pieces of `size` characters and ends the input. */
function parse(text: string, size = text.length, max?: number): XmlRecord[] {
  const reader = new XmlRecordReader('Good', max);
  const out: XmlRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...reader.push(text.slice(i, i + size)));
  reader.end();
  return out;
}

const problemOf = (text: string, size?: number): XmlProblem => {
  try {
    parse(text, size);
  } catch (err) {
    if (err instanceof XmlProblem) return err;
    throw err;
  }
  throw new Error('no XmlProblem');
};

async function readFile(file: string) {
  const source = readXml(file, path.basename(file), format);
  const events: ({ line: number; raw: unknown } | { line: number; rejects: Reject[] })[] = [];
  let error: unknown;
  try {
    for await (const ev of source.rows) events.push(ev);
  } catch (err) {
    error = err;
  }
  return { events, error, source };
}

const doc = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<!DOCTYPE Goods [ <!ELEMENT Goods ANY> ]>',
  '<!-- a comment with <Good> inside is not a record -->',
  '<Goods>',
  '  <Good id="g1">',
  '    <Good_Name>Tom &amp; Jerry &lt;toys&gt; &quot;q&quot; &apos;a&apos; &#233;&#xE9;</Good_Name>',
  '    <Countries>',
  '      <Country><Country_Name>China</Country_Name></Country>',
  '      <Country><Country_Name>Ghana</Country_Name></Country>',
  '    </Countries>',
  '    <Note><![CDATA[kept <as> & written]]></Note>',
  '    <Empty/>',
  '  </Good>',
  '  <Other>ignored</Other>',
  '  <Good><Good_Name>Cotton</Good_Name><Countries><Country><Country_Name>Benin</Country_Name></Country></Countries></Good>',
  '</Goods>',
  '',
].join('\n');

describe('XmlRecordReader', () => {
  it('cuts out each record element as an object, with the line its start tag is on', () => {
    const records = parse(doc);
    expect(records.map((r) => r.line)).toEqual([5, 15]);
    expect(records[0]).toEqual({
      line: 5,
      problems: [],
      value: {
        '@id': 'g1',
        Good_Name: 'Tom & Jerry <toys> "q" \'a\' éé',
        Countries: { Country: [{ Country_Name: 'China' }, { Country_Name: 'Ghana' }] },
        Note: 'kept <as> & written',
        Empty: '',
      },
    });
    // A single child is a value, not a list of one.
    expect(records[1]).toMatchObject({ value: { Countries: { Country: { Country_Name: 'Benin' } } } });
  });

  it('gives the same records whatever the chunk boundaries (down to one character)', () => {
    const whole = parse(doc);
    for (const size of [1, 2, 3, 7, 64]) expect(parse(doc, size)).toEqual(whole);
  });

  it('counts lines across CRLF line endings and a leading byte-order mark is not text', () => {
    const crlf = doc.replace(/\n/g, '\r\n');
    expect(parse(crlf, 5).map((r) => r.line)).toEqual([5, 15]);
    expect(parse('\uFEFF' + doc).map((r) => r.line)).toEqual([5, 15]);
  });

  it('reports undefined entities and bare ampersands as problems of the record, naming the field', () => {
    const [rec] = parse('<Goods>\n<Good><A><B>x &nbsp; y</B></A><C>fish & chips</C></Good>\n</Goods>');
    expect(rec).toMatchObject({ line: 2, value: { A: { B: 'x &nbsp; y' }, C: 'fish & chips' } });
    const problems = (rec as { problems: { field: string; reason: string }[] }).problems;
    expect(problems.map((p) => p.field)).toEqual(['A/B', 'C']);
    expect(problems[0]!.reason).toMatch(/unknown entity &nbsp;/);
    expect(problems[1]!.reason).toMatch(/bare "&"/);
  });

  it('fails the input, naming the line, when a record is not closed by the end', () => {
    const truncated = doc.slice(0, doc.indexOf('<Good><Good_Name>Cotton') + 30);
    const err = problemOf(truncated, 16);
    expect(err.line).toBe(15);
    expect(err.message).toMatch(/<Good> element that starts here is not closed: the file ends inside it, at line 15/);
  });

  it('fails when the root is never closed, or markup is cut off, naming where it opened', () => {
    expect(problemOf('<Goods>\n<Good><N>x</N></Good>\n')).toMatchObject({ line: 1, message: expect.stringMatching(/<Goods> opened here is never closed/) });
    expect(problemOf('<Goods>\n</Goods>\n<!-- not closed')).toMatchObject({ line: 3, message: expect.stringMatching(/not closed at the end/) });
  });

  it('fails on a mismatched end tag, text outside the root and a broken tag', () => {
    expect(problemOf('<Goods>\n<Good>\n<N>x</M>\n</Good></Goods>')).toMatchObject({ line: 3, message: expect.stringMatching(/<\/M> does not match <N>, opened at line 3/) });
    expect(problemOf('name,country\nACME,CN\n')).toMatchObject({ line: 1, message: expect.stringMatching(/text outside any element/) });
    expect(problemOf('<Goods>\n<Good><N x=1>y</N></Good></Goods>')).toMatchObject({ line: 2, message: expect.stringMatching(/not a well-formed tag/) });
    expect(problemOf('<Goods></Goods></Goods>')).toMatchObject({ message: expect.stringMatching(/closes no open element/) });
  });

  it('skips a record over the size cap, reports it, and reads on', () => {
    const big = `<Goods>\n<Good><N>${'x'.repeat(500)}</N></Good>\n<Good><N>small</N></Good>\n</Goods>`;
    for (const size of [10, 1000]) {
      const records = parse(big, size, 200);
      expect(records).toEqual([{ line: 2, tooLong: true }, { line: 3, value: { N: 'small' }, problems: [] }]);
    }
  });

  it('holds no more than a chunk and a record, however long the input', () => {
    const reader = new XmlRecordReader('Good');
    const record = '<Good><Good_Name>Cotton &amp; more</Good_Name><Countries><Country><Country_Name>China</Country_Name></Country></Countries></Good>\n';
    let chunk = '<Goods>\n';
    let records = 0;
    let most = 0;
    for (let i = 0; i < 20_000; i++) {
      chunk += record;
      if (chunk.length >= 8192) {
        records += reader.push(chunk).length;
        most = Math.max(most, reader.buffered());
        chunk = '';
      }
    }
    records += reader.push(chunk + '</Goods>\n').length;
    reader.end();
    expect(records).toBe(20_000);
    expect(most).toBeLessThan(record.length);
  });
});

describe('decodeEntities', () => {
  it('decodes the predefined entities and character references, and reports the rest', () => {
    const problems: string[] = [];
    expect(decodeEntities('&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F600;', problems)).toBe('&<>"\'AB😀');
    expect(problems).toEqual([]);
    expect(decodeEntities('&#0; &bogus; a & b', problems)).toBe('&#0; &bogus; a & b');
    expect(problems).toHaveLength(3);
  });
});

describe('xmlRejects', () => {
  const schema = z.object({
    Countries: z.object({ Country: z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(z.object({ Name: z.string().min(2, 'is too short') }))) }),
  });
  const rejects = (raw: unknown) => xmlRejects(7, raw, schema.safeParse(raw).error!);

  it('names a refused field as an XPath below the record, with the value', () => {
    expect(rejects({ Countries: { Country: [{ Name: 'Abc' }, { Name: 'Y' }] } })).toEqual([{ line: 7, field: 'Countries/Country[2]/Name', reason: 'is too short', value: 'Y' }]);
  });

  it('reads an element that occurs once as a list of one', () => {
    expect(rejects({ Countries: { Country: { Name: 'X' } } })).toEqual([{ line: 7, field: 'Countries/Country[1]/Name', reason: 'is too short', value: 'X' }]);
  });
});

describe('readXml', () => {
  it('streams the DOL goods list: 169 goods, 467 countries, lines rising, every byte read', async () => {
    const file = path.join(lists, 'goods_2021.xml');
    const { events, error, source } = await readFile(file);
    expect(error).toBeUndefined();
    expect(events).toHaveLength(169);
    expect(events[0]).toMatchObject({ line: 2, raw: { Good_Name: 'Açaí Berries'.normalize('NFD') } });
    const lines = events.map((e) => e.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    const countries = events.map((e) => ('raw' in e ? (e.raw as { Countries: { Country: unknown } }).Countries.Country : [])).map((c) => (Array.isArray(c) ? c.length : 1));
    expect(countries.reduce((a, b) => a + b, 0)).toBe(467);
    // Each record's line really is where its <Good> starts.
    const text = fs.readFileSync(file, 'utf8').split('\n');
    for (const line of lines) expect(text[line - 1]).toMatch(/^\s*<Good>/);
    expect(source.bytesRead()).toBe(fs.statSync(file).size);
    expect(source.warnings).toEqual([]);
  });

  it('yields the records before a truncation, then fails naming the file and the line', async () => {
    const { events, error } = await readFile(path.join(fixtures, 'goods-truncated.xml'));
    expect(events.map((e) => e.line)).toEqual([2, 15]);
    expect(error).toBeInstanceOf(FileProblem);
    expect((error as Error).message).toMatch(/^goods-truncated\.xml: line 28: the <Good> element that starts here is not closed/);
  });

  it('fails an empty file and a file that is not XML', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-xml-'));
    try {
      const empty = path.join(dir, 'empty.xml');
      fs.writeFileSync(empty, '');
      expect(((await readFile(empty)).error as Error).message).toBe('empty.xml: the file is empty');
      const csv = path.join(dir, 'goods.xml');
      fs.writeFileSync(csv, 'good,country\nCotton,China\n');
      expect(((await readFile(csv)).error as Error).message).toMatch(/^goods\.xml: line 1: text outside any element/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a Windows-1252 file and says so', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-xml-'));
    try {
      const file = path.join(dir, 'latin.xml');
      fs.writeFileSync(file, Buffer.from('<Goods>\n<Good><Good_Name>A\xE7a\xED \x96 Berries</Good_Name></Good>\n</Goods>\n', 'latin1'));
      const { events, source } = await readFile(file);
      expect(events).toEqual([{ line: 2, raw: { Good_Name: 'Açaí – Berries' } }]);
      expect(source.warnings).toEqual([expect.objectContaining({ line: 0, field: '*', reason: expect.stringMatching(/not valid UTF-8/) })]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
