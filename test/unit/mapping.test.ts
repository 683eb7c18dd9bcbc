/**
 * The mapping engine (domain/mapping.ts): every transform, every source and its aggregation, onError,
 * required columns, recognising files, and the errors a bad mapping file gets (file name and JSON path).
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../core/config';
import { rowFormats } from '../../domain/sources';
import {
  applyTransform, mapRecord, MappingError, parseMapping, tableOfFile, targetFormats, transformNames, type JoinedRecord, type Mapping, type SourceRow, type Transform,
} from '../../domain/mapping';

/** A mapping from its JSON object. */
const mappingOf = (json: unknown, source = 'test.json') => parseMapping(JSON.stringify(json), source);
/** The error a bad mapping gets. */
const errorOf = (json: unknown, source = 'bad.json') => {
  try {
    parseMapping(typeof json === 'string' ? json : JSON.stringify(json), source);
  } catch (err) {
    expect(err).toBeInstanceOf(MappingError);
    return (err as Error).message;
  }
  throw new Error('the mapping was accepted');
};

/** A single-table shipments mapping whose one column under test is `spec` (the required columns are constants). */
const oneColumn = (target: string, spec: unknown) =>
  mappingOf({
    target: 'shipments',
    tables: { t: {} },
    columns: { bill_of_lading: { const: 'B1' }, arrival_date: { const: '2024-01-02' }, shipper: { const: 'S' }, consignee: { const: 'C' }, [target]: spec },
  });
const row = (values: Record<string, string>, line = 2, file = 'in.csv'): SourceRow => ({
  values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v])),
  file,
  line,
});
const valueOf = (m: Mapping, record: JoinedRecord, target: string) => {
  const r = mapRecord(m, record);
  if (!r.ok) throw new Error(`skipped: ${r.skip.reason}`);
  return r.values[m.columns.indexOf(target)];
};
/** Runs one transform given in mapping-file form on a value. */
const run = (spec: unknown, value: string, cells: Record<string, string> = {}) => {
  const m = oneColumn('description', { column: 'v', transform: [spec] });
  const t = m.fields.find((f) => f.target === 'description')!.transforms[0] as Transform;
  return applyTransform(t, value, cells);
};

describe('transforms', () => {
  it('trim strips the ends and collapses inner whitespace; upper upper-cases', () => {
    expect(run('trim', '  ACME \t  TRADING\nCO  ')).toEqual({ value: 'ACME TRADING CO' });
    expect(run('upper', 'Straße ltd')).toEqual({ value: 'STRASSE LTD' });
  });

  it('digits keeps the digits; with min/max a code of another length is a problem', () => {
    expect(run('digits', '6109.10.0012')).toEqual({ value: '6109100012' });
    expect(run('digits', 'HS 8541 43')).toEqual({ value: '854143' });
    expect(run({ digits: { min: 4, max: 10 } }, '0')).toMatchObject({ code: 'digits', reason: '"0" has 1 digits, not 4 to 10' });
    expect(run({ digits: { min: 4, max: 10 } }, '1234.5678.901')).toMatchObject({ code: 'digits' });
    expect(run({ digits: { min: 4, max: 10 } }, '5205.12')).toEqual({ value: '520512' });
  });

  it('match lets through what the expression matches (and blanks)', () => {
    expect(run({ match: '^[A-Z0-9-]{4,20}$' }, 'MSKU4410231')).toEqual({ value: 'MSKU4410231' });
    expect(run({ match: '^[A-Z0-9-]{4,20}$' }, 'MSKU 441/0231')).toEqual({ code: 'match', reason: '"MSKU 441/0231" does not match ^[A-Z0-9-]{4,20}$' });
    expect(run({ match: '^X$' }, '')).toEqual({ value: '' });
  });

  it('date reads each default format and writes YYYY-MM-DD', () => {
    expect(run('date', '2024-03-05')).toEqual({ value: '2024-03-05' });
    expect(run('date', '20240305')).toEqual({ value: '2024-03-05' });
    expect(run('date', '03/05/2024')).toEqual({ value: '2024-03-05' });
    expect(run('date', '3/5/2024')).toEqual({ value: '2024-03-05' });
    // A time after the date is ignored.
    expect(run('date', '2024-03-05 00:00:00')).toEqual({ value: '2024-03-05' });
    expect(run('date', '2024-03-05T13:10:00Z')).toEqual({ value: '2024-03-05' });
  });

  it('date takes other formats and refuses what matches none, or is no calendar date', () => {
    expect(run({ date: ['DD.MM.YYYY', 'YYYY/MM/DD'] }, '05.03.2024')).toEqual({ value: '2024-03-05' });
    expect(run({ date: ['DD.MM.YYYY', 'YYYY/MM/DD'] }, '2024/3/5')).toEqual({ value: '2024-03-05' });
    expect(run({ date: 'DD/MM/YYYY' }, '31/12/2024')).toEqual({ value: '2024-12-31' });
    expect(run({ date: 'MM/DD/YYYY' }, '31/12/2024')).toEqual({ code: 'date', reason: '"31/12/2024" is not a calendar date' });
    expect(run('date', '2023-02-29')).toMatchObject({ code: 'date', reason: '"2023-02-29" is not a calendar date' });
    expect(run('date', 'yesterday')).toEqual({ code: 'date', reason: '"yesterday" matches none of the date formats YYYY-MM-DD, YYYYMMDD, MM/DD/YYYY' });
    expect(run('date', '   ')).toEqual({ value: '' });
  });

  it('number reads plain and grouped numbers', () => {
    expect(run('number', '18450')).toEqual({ value: '18450' });
    expect(run('number', ' 1,234,567.25 ')).toEqual({ value: '1234567.25' });
    expect(run('number', '-3.5')).toEqual({ value: '-3.5' });
    expect(run('number', '12,5')).toEqual({ code: 'number', reason: '"12,5" is not a number' });
    expect(run('number', 'N/A')).toMatchObject({ code: 'number' });
  });

  it('number converts weights to kg from the unit column of the same row', () => {
    const kg = { number: { unitColumn: 'weight_unit', to: 'kg' } };
    expect(run(kg, '52910', { weight_unit: 'Pounds' })).toEqual({ value: '23999.572' });
    expect(run(kg, '100', { weight_unit: 'LB' })).toEqual({ value: '45.359' });
    expect(run(kg, '100', { weight_unit: 'lbs.' })).toEqual({ value: '45.359' });
    expect(run(kg, '18450', { weight_unit: 'Kilograms' })).toEqual({ value: '18450' });
    expect(run(kg, '2.5', { weight_unit: 'Metric Tons' })).toEqual({ value: '2500' });
    expect(run(kg, '10', { weight_unit: 'Cubic Feet' })).toEqual({ code: 'unit', reason: 'unknown weight unit "Cubic Feet"' });
    expect(run(kg, '10', {})).toEqual({ code: 'unit', reason: '"10" has no unit (weight_unit is empty)' });
    expect(run({ number: { unitColumn: 'weight_unit', to: 'kg', defaultUnit: 'lb' } }, '10', {})).toEqual({ value: '4.536' });
    expect(run({ number: { to: 'kg', defaultUnit: 'kg', positive: true } }, '0')).toEqual({ code: 'number', reason: '"0" is not a positive number' });
  });

  it('country gives the ISO alpha-2 code of a code or an English name', () => {
    expect(run('country', 'Viet Nam')).toEqual({ value: 'VN' });
    expect(run('country', 'chn')).toEqual({ value: 'CN' });
    expect(run('country', 'us')).toEqual({ value: 'US' });
    expect(run('country', 'Atlantis')).toEqual({ code: 'country', reason: '"Atlantis" is not a known country name or ISO code' });
  });

  it('the docs list every transform', () => {
    const doc = fs.readFileSync(path.join(projectRoot, 'docs', 'formats', 'mapping.md'), 'utf8');
    for (const name of transformNames) expect(doc).toContain(`\`${name}\``);
  });
});

describe('sources', () => {
  // A two-table mapping: header rows (driving) with line rows joined on id.
  const joined = (columns: Record<string, unknown>) =>
    mappingOf({
      target: 'shipments',
      driving: 'h',
      tables: { h: { files: 'h*.csv', key: 'id' }, l: { files: 'l*.csv', key: 'id' } },
      columns: { bill_of_lading: 'h.id', arrival_date: { const: '2024-01-02' }, shipper: 'h.shipper', consignee: { const: 'C' }, ...columns },
    });
  const header = row({ id: 'B1', shipper: 'S', alt: 'ALT' }, 2, 'h.csv');
  const lines = [
    row({ id: 'B1', seq: '10', text: 'third', code: '6109.10', value: '1,000.5' }, 2, 'l.csv'),
    row({ id: 'B1', seq: '2', text: 'second', code: '611020', value: '' }, 3, 'l.csv'),
    row({ id: 'B1', seq: '', text: 'unnumbered', code: '6109.10', value: '20' }, 4, 'l.csv'),
    row({ id: 'B1', seq: '1', text: 'first', code: '', value: '30' }, 5, 'l.csv'),
    row({ id: 'B1', seq: '2', text: 'second', code: '', value: '' }, 6, 'l.csv'),
  ];
  const record = { h: [header], l: lines };

  it('column reads the first non-blank cell of the table; an unmapped target column is empty', () => {
    const m = joined({ description: 'l.text', port_of_lading: 'h.nowhere' });
    expect(valueOf(m, record, 'description')).toBe('third');
    expect(valueOf(m, record, 'port_of_lading')).toBe('');
    expect(valueOf(m, record, 'containers')).toBe('');
    expect(valueOf(m, { h: [header], l: [] }, 'description')).toBe('');
  });

  it('list collects a column over the joined rows, each value once, in file order or by orderBy (numeric, blanks last)', () => {
    expect(valueOf(joined({ hs_codes: { list: 'l.code', transform: ['digits'] } }), record, 'hs_codes')).toBe('610910|611020');
    expect(valueOf(joined({ description: { list: 'l.text', orderBy: 'seq', separator: ' / ' } }), record, 'description')).toBe('first / second / third / unnumbered');
    // As text, "10" sorts before "2"; numbers sort as numbers.
    expect(valueOf(joined({ description: { list: 'l.text', orderBy: 'l.seq' } }), record, 'description')).toBe('first|second|third|unnumbered');
    expect(valueOf(joined({ description: { list: 'l.text' } }), record, 'description')).toBe('third|second|unnumbered|first');
  });

  it('list orders text keys as text and keeps file order among equal keys', () => {
    const m = joined({ description: { list: 'l.text', orderBy: 'seq' } });
    const rows = [row({ seq: 'b', text: 'x' }), row({ seq: 'a', text: 'y' }), row({ seq: 'b', text: 'z' }), row({ seq: 'a', text: 'w' })];
    expect(valueOf(m, { h: [header], l: rows }, 'description')).toBe('y|w|x|z');
  });

  it('sum adds the numbers of a column over the joined rows; empty when there are none', () => {
    expect(valueOf(joined({ value_usd: { sum: 'l.value', transform: ['number'] } }), record, 'value_usd')).toBe('1050.5');
    expect(valueOf(joined({ value_usd: { sum: 'l.value' } }), { h: [header], l: [] }, 'value_usd')).toBe('');
  });

  it('concat joins non-blank parts with the separator (a space by default)', () => {
    expect(valueOf(joined({ description: { concat: ['h.shipper', 'h.nowhere', 'h.alt'] } }), record, 'description')).toBe('S ALT');
    expect(valueOf(joined({ description: { concat: ['h.shipper', 'h.alt'], separator: ', ', transform: ['upper'] } }), record, 'description')).toBe('S, ALT');
  });

  it('first takes the first source with a usable value, after its transforms', () => {
    const m = joined({ arrival_date: { first: ['h.actual', 'h.estimated'], transform: ['date'] } });
    const r = (values: Record<string, string>) => ({ h: [row({ id: 'B1', shipper: 'S', ...values })], l: [] });
    expect(valueOf(m, r({ actual: '20240305', estimated: '20240301' }), 'arrival_date')).toBe('2024-03-05');
    expect(valueOf(m, r({ actual: ' ', estimated: '20240301' }), 'arrival_date')).toBe('2024-03-01');
    expect(valueOf(m, r({ actual: 'soon', estimated: '20240301' }), 'arrival_date')).toBe('2024-03-01');
    const bad = mapRecord(m, r({ actual: 'soon', estimated: '' }));
    expect(bad).toMatchObject({ ok: false, skip: { target: 'arrival_date', code: 'date', column: 'h.actual', file: 'in.csv', line: 2 } });
  });

  it('const writes its value', () => {
    expect(valueOf(joined({ manufacturer: { const: 'unknown' } }), record, 'manufacturer')).toBe('unknown');
  });

  it('maxLength cuts the final value, after the list is joined', () => {
    const m = joined({ description: { list: 'l.text', orderBy: 'seq', separator: ' ', maxLength: 10 } });
    expect(valueOf(m, record, 'description')).toBe('first sec…');
  });

  it('writes the target columns in the format order', () => {
    const r = mapRecord(joined({ description: 'l.text' }), record);
    expect(r.ok && r.values).toEqual(targetFormats.shipments.columns.map((c) => ({ bill_of_lading: 'B1', arrival_date: '2024-01-02', shipper: 'S', consignee: 'C', description: 'third' })[c as 'shipper'] ?? ''));
  });
});

describe('problems', () => {
  it('skip the row by default, naming the output column, the source column, file and line', () => {
    const m = oneColumn('weight_kg', { column: 'w', transform: ['number'] });
    const r = mapRecord(m, { t: [row({ w: 'heavy' }, 7, 'm.csv')] });
    expect(r).toEqual({ ok: false, emptied: [], skip: { target: 'weight_kg', code: 'number', reason: 'weight_kg: "heavy" is not a number', file: 'm.csv', line: 7, column: 't.w' } });
  });

  it('with onError "empty", leave the value (or the list item) out and report it', () => {
    const m = oneColumn('weight_kg', { column: 'w', transform: ['number'], onError: 'empty' });
    const r = mapRecord(m, { t: [row({ w: 'heavy' })] });
    expect(r.ok).toBe(true);
    expect(r.ok && r.values[m.columns.indexOf('weight_kg')]).toBe('');
    expect(r.emptied).toEqual([expect.objectContaining({ target: 'weight_kg', code: 'number' })]);

    const list = mappingOf({
      target: 'shipments', driving: 'h', tables: { h: { columns: ['id'], key: 'id' }, t: { columns: ['code'], key: 'id' } },
      columns: { bill_of_lading: 'h.id', arrival_date: { const: '2024-01-02' }, shipper: { const: 'S' }, consignee: { const: 'C' }, hs_codes: { list: 't.code', transform: [{ digits: { min: 4, max: 10 } }], onError: 'empty' } },
    });
    const lr = mapRecord(list, { h: [row({ id: 'B1' })], t: [row({ code: '0' }, 3), row({ code: '5205.12' }, 4)] });
    expect(lr.ok && lr.values[list.columns.indexOf('hs_codes')]).toBe('520512');
    expect(lr.emptied).toEqual([expect.objectContaining({ target: 'hs_codes', code: 'digits', line: 3, column: 't.code' })]);
  });

  it('a required column without a value skips the row, saying where it would have come from', () => {
    const m = mappingOf({ target: 'shipments', tables: { t: {} }, columns: { bill_of_lading: 'bol', arrival_date: { const: '2024-01-02' }, shipper: 'who', consignee: { const: 'C' } } });
    expect(mapRecord(m, { t: [row({ bol: 'B1', who: '  ' }, 9)] })).toMatchObject({
      ok: false, skip: { target: 'shipper', code: 'required', reason: 'shipper is required and has no value (from t.who)', line: 9 },
    });
    const unmapped = mappingOf({ target: 'companies', tables: { t: {} }, columns: { country: 'c' } });
    expect(mapRecord(unmapped, { t: [row({ c: 'CN' })] })).toMatchObject({ ok: false, skip: { target: 'name', reason: 'name is required and has no value (not mapped)' } });
  });
});

describe('mapping files', () => {
  it('single-table mappings take plain column names, dots and spaces included', () => {
    const m = mappingOf({ target: 'companies', tables: { registry: {} }, columns: { name: 'Company Name', address: { concat: ['Addr. 1', 'Addr. 2'], separator: ', ' } } });
    expect(m.tables.registry!.used.sort()).toEqual(['addr. 1', 'addr. 2', 'company name']);
    expect(valueOf(m, { registry: [row({ 'Company Name': 'Acme', 'Addr. 1': '1 Main St', 'Addr. 2': 'Springfield' })] }, 'address')).toBe('1 Main St, Springfield');
    expect(m.name).toBe('test');
  });

  it('an unknown transform is an error naming the file and the JSON path', () => {
    const msg = errorOf({ target: 'shipments', tables: { t: {} }, columns: { hs_codes: { column: 'hs', transform: ['trim', 'digit'] } } }, 'mappings/x.json');
    expect(msg).toBe(`mappings/x.json: columns.hs_codes.transform[1]: unknown transform "digit" (known: ${transformNames.join(', ')})`);
    expect(errorOf({ target: 'shipments', tables: { t: {} }, columns: { 'BOL No': { column: 'b' } } })).toContain('bad.json: columns["BOL No"]: is not a column of the shipments format');
  });

  it('bad transform options are errors with their path', () => {
    const bad = (t: unknown) => errorOf({ target: 'shipments', tables: { t: {} }, columns: { description: { column: 'd', transform: [t] } } });
    expect(bad({ date: 'DD-MON-YYYY' })).toContain('columns.description.transform[0]: date: "DD-MON-YYYY" is not a date format');
    expect(bad({ match: '([' })).toContain('columns.description.transform[0]: match: not a valid regular expression');
    expect(bad({ number: { unitColumn: 'u' } })).toContain('number: unitColumn and defaultUnit need "to": "kg"');
    expect(bad({ number: { to: 'lb', unitColumn: 'u' } })).toContain('number: "to" can only be "kg"');
    expect(bad({ number: { to: 'kg' } })).toContain('number: "to" needs a unitColumn or a defaultUnit');
    expect(bad({ number: { to: 'kg', defaultUnit: 'stone' } })).toContain('number: defaultUnit must be a weight unit');
    expect(bad({ number: { units: 'kg' } })).toContain('number: unknown option units');
    expect(bad({ digits: { min: 'four' } })).toContain('digits: min must be a whole number');
    expect(bad({ trim: true, upper: true })).toContain('a transform is a name or an object with one key');
    expect(bad({ upper: 'yes' })).toContain('"upper" takes no options');
  });

  it('the shape is checked: unknown keys, sources, targets, JSON', () => {
    expect(errorOf('{"target": "shipments",')).toMatch(/^bad\.json: not valid JSON: /);
    expect(errorOf({ target: 'vessels', tables: { t: {} }, columns: {} })).toMatch(/^bad\.json: target: /);
    expect(errorOf({ target: 'shipments', tables: { t: {} }, columns: {}, colums: {} })).toBe('bad.json: (top level): unknown key "colums"');
    expect(errorOf({ target: 'shipments', tables: { t: { file: 'x' } }, columns: {} })).toBe('bad.json: tables.t: unknown key "file"');
    expect(errorOf({ target: 'shipments', tables: { t: {} }, columns: { shipper: { column: 'a', list: 'b' } } })).toBe('bad.json: columns.shipper: has column and list: give exactly one source');
    expect(errorOf({ target: 'shipments', tables: { t: {} }, columns: { shipper: { transform: ['trim'] } } })).toContain('columns.shipper: needs a source: one of column, first, const, list, concat, sum');
    expect(errorOf({ target: 'shipments', tables: { t: {} }, columns: { shipper: { column: 'a', orderBy: 'b' } } })).toContain('columns.shipper.orderBy: applies to a "list" only');
    expect(errorOf({ target: 'shipments', tables: { t: {} }, columns: { shipper: { column: 'a', onError: 'ignore' } } })).toContain('columns.shipper.onError:');
  });

  it('several tables need a driving table, keys of one size, a way to recognise files and table.column references', () => {
    expect(errorOf({ target: 'shipments', tables: { a: { files: 'a*', key: 'id' }, b: { files: 'b*', key: 'id' } }, columns: {} })).toContain('bad.json: driving: is required with several tables');
    expect(errorOf({ target: 'shipments', driving: 'c', tables: { a: { files: 'a*', key: 'id' }, b: { files: 'b*', key: 'id' } }, columns: {} })).toContain('driving: "c" is not a table of this mapping (a, b)');
    expect(errorOf({ target: 'shipments', driving: 'a', tables: { a: { files: 'a*', key: 'id' }, b: { files: 'b*' } }, columns: {} })).toContain('tables.b: needs a "key"');
    expect(errorOf({ target: 'shipments', driving: 'a', tables: { a: { key: 'id' }, b: { files: 'b*', key: 'id' } }, columns: {} })).toContain('tables.a: needs "files" (name patterns) or "columns"');
    expect(errorOf({ target: 'shipments', driving: 'a', tables: { a: { files: 'a*', key: ['id', 'n'] }, b: { files: 'b*', key: 'id' } }, columns: {} })).toContain('tables.b.key: has 1 columns; other tables\' keys have 2');
    expect(errorOf({ target: 'shipments', driving: 'a', tables: { a: { files: 'a*', key: 'id' }, b: { files: 'b*', key: 'id' } }, columns: { shipper: 'c.name' } })).toContain(
      'columns.shipper.column: "c.name" does not name a column as table.column (tables: a, b)',
    );
    expect(errorOf({ target: 'shipments', driving: 'a', tables: { a: { files: 'a*', key: 'id' }, b: { files: 'b*', key: 'id' } }, columns: { description: { list: 'b.text', orderBy: 'a.seq' } } })).toContain(
      'columns.description.orderBy: must be a column of the list\'s table b',
    );
  });

  it('reports every problem at once', () => {
    const msg = errorOf({ target: 'shipments', tables: { t: {} }, columns: { shipper: { column: 'a', transform: ['nope'] }, consignee: { column: 'b', transform: [{ date: 'X' }] } } });
    expect(msg.split('\n')).toHaveLength(2);
  });

  it('shipments and companies targets are the import formats\' columns', () => {
    for (const kind of ['shipments', 'companies'] as const) {
      expect([...targetFormats[kind].columns]).toEqual([...rowFormats[kind].columns]);
      expect([...targetFormats[kind].required]).toEqual([...rowFormats[kind].requiredColumns]);
    }
  });

  it('the bundled AMS mapping loads and reads the published column names', () => {
    const file = path.join(projectRoot, 'mappings', 'cbp-ams.json');
    const m = parseMapping(fs.readFileSync(file, 'utf8'), 'mappings/cbp-ams.json');
    expect(m).toMatchObject({ name: 'cbp-ams', target: 'shipments', driving: 'header' });
    expect(m.tables.bill!.used.sort()).toEqual(['house_bol_number', 'master_bol_number']);
    expect(m.tables.tariff!.used.sort()).toEqual(['harmonized_number', 'harmonized_value']);
    expect(m.tables.cargodesc!.used.sort()).toEqual(['description_sequence_number', 'description_text']);
    expect(m.tables.header!.used).toEqual(expect.arrayContaining(['weight', 'weight_unit', 'actual_arrival_date', 'estimated_arrival_date', 'identifier']));
    expect(m.tables.hazmat!.used).toEqual([]);
    // The house bill wins over the master bill; with no bill row the identifier stands in.
    const h = row({ identifier: '2024000000001', estimated_arrival_date: '2024-01-02' });
    const parties = { shipper: [row({ shipper_party_name: 'S', country_code: 'CN' })], consignee: [row({ consignee_name: 'C', country_code: 'US' })] };
    expect(valueOf(m, { header: [h], bill: [row({ master_bol_number: 'MAEU1', house_bol_number: 'NVO22' })], ...parties }, 'bill_of_lading')).toBe('NVO22');
    expect(valueOf(m, { header: [h], bill: [row({ master_bol_number: 'maeu1', house_bol_number: '' })], ...parties }, 'bill_of_lading')).toBe('MAEU1');
    expect(valueOf(m, { header: [h], ...parties }, 'bill_of_lading')).toBe('2024000000001');
    expect(valueOf(m, { header: [h], ...parties }, 'country_of_origin')).toBe('CN');
  });
});

describe('recognising files', () => {
  const m = mappingOf({
    target: 'shipments',
    driving: 'header',
    tables: {
      header: { files: ['ams__header_*.csv', 'header*.csv'], key: 'identifier' },
      shipper: { columns: ['identifier', 'shipper_party_name'], key: 'identifier' },
      tariff: { files: '*tariff*', columns: ['harmonized_number'], key: 'identifier' },
    },
    columns: {},
  });

  it('by file-name pattern (case-insensitive) and/or required header columns', () => {
    expect(tableOfFile(m, 'AMS__HEADER_2024__1.csv', ['identifier'])).toEqual({ table: 'header' });
    expect(tableOfFile(m, 'shippers-2018.csv', ['identifier', 'Shipper_Party_Name', 'city'])).toEqual({ table: 'shipper' });
    expect(tableOfFile(m, 'ams__tariff_2024.csv', ['identifier', 'harmonized_number'])).toEqual({ table: 'tariff' });
  });

  it('says which tables a file fits, or that it fits none', () => {
    expect(tableOfFile(m, 'ams__tariff_2024.csv', ['identifier'])).toEqual({
      error: 'ams__tariff_2024.csv: is none of the tables of test.json: header (a name like ams__header_*.csv or header*.csv); shipper (columns identifier, shipper_party_name); tariff (a name like *tariff* and columns harmonized_number)',
    });
    expect(tableOfFile(m, 'header_tariff.csv', ['identifier', 'harmonized_number'])).toEqual({
      error: 'header_tariff.csv: fits several tables of test.json (header, tariff); make their "files" or "columns" tell them apart',
    });
  });

  it('with one table and no criteria every file is that table', () => {
    const single = mappingOf({ target: 'companies', tables: { t: {} }, columns: { name: 'n' } });
    expect(tableOfFile(single, 'anything.csv', ['x'])).toEqual({ table: 't' });
  });
});
