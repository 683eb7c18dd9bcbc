/**
 * Declarative column mappings (docs/formats/mapping.md): a small JSON file that says how the tables of
 * another layout (a CSV with other column names, or several CSV tables joined on a key, such as the CBP AMS
 * dumps) become the rows of one of Threadline's own import formats. This module holds the file's zod
 * schema, its checks (every error names the mapping file and the JSON path) and the pure engine that maps
 * one joined record; scripts/convert.ts does the reading, joining and writing.
 */
import { z } from 'zod';
import { toCountryCode } from './countries';

/** The import formats a mapping can write, with their columns in file order and the ones a row needs. */
export const targetFormats = {
  shipments: {
    columns: [
      'bill_of_lading', 'arrival_date', 'shipper', 'shipper_country', 'consignee', 'consignee_country',
      'notify_party', 'notify_party_country', 'manufacturer', 'manufacturer_country', 'hs_codes', 'description',
      'port_of_lading', 'port_of_unlading', 'country_of_origin', 'weight_kg', 'value_usd', 'containers',
    ],
    required: ['bill_of_lading', 'arrival_date', 'shipper', 'consignee'],
  },
  companies: {
    columns: ['id', 'name', 'aliases', 'country', 'region', 'address', 'registration_number', 'uscc', 'cbp_mid', 'duns', 'lei', 'identifiers'],
    required: ['name'],
  },
} as const satisfies Record<string, { columns: readonly string[]; required: readonly string[] }>;
export type TargetKind = keyof typeof targetFormats;
export const targetKinds = Object.keys(targetFormats) as TargetKind[];

// ---------------------------------------------------------------------------------------------------------
// Transforms: the whole vocabulary. Each takes one value (a cell) and returns the new value or a problem.
// ---------------------------------------------------------------------------------------------------------

/** docs/formats/mapping.md describes each (a unit test checks that it names them all). */
export const transformNames = ['trim', 'upper', 'digits', 'match', 'date', 'number', 'country'] as const;
export type TransformName = (typeof transformNames)[number];

/** Units a weight can be converted from, to kilograms. Keys are lower case, single spaces, no dots. */
export const weightUnits: Record<string, number> = Object.fromEntries(
  (
    [
      [1, ['kg', 'kgs', 'k', 'kgm', 'kilo', 'kilos', 'kilogram', 'kilograms']],
      [0.45359237, ['lb', 'lbs', 'l', 'pound', 'pounds']],
      [1000, ['t', 'mt', 'tonne', 'tonnes', 'metric ton', 'metric tons']],
      [1016.0469088, ['long ton', 'long tons']],
      [907.18474, ['short ton', 'short tons']],
      [0.001, ['g', 'gram', 'grams']],
      [0.028349523125, ['oz', 'ounce', 'ounces']],
    ] as const
  ).flatMap(([factor, names]) => names.map((n) => [n, factor])),
);
const unitKey = (u: string) => u.trim().toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ');

export type Transform =
  | { kind: 'trim' | 'upper' | 'country' }
  | { kind: 'digits'; min?: number; max?: number }
  | { kind: 'match'; pattern: RegExp }
  | { kind: 'date'; formats: DateFormat[] }
  | { kind: 'number'; unitColumn?: string; to?: 'kg'; defaultUnit?: string; positive: boolean };

interface DateFormat {
  text: string;
  regex: RegExp;
  /** Capture group of each part. */
  y: number;
  m: number;
  d: number;
}

export const defaultDateFormats = ['YYYY-MM-DD', 'YYYYMMDD', 'MM/DD/YYYY'];

/** Compiles YYYY/MM/DD formats; undefined when the format is not one we can read. */
export function dateFormat(text: string): DateFormat | undefined {
  const tokens = text.match(/YYYY|MM|DD|[-/. ]|./g) ?? [];
  const order: string[] = [];
  const compact = !tokens.some((t) => /^[-/. ]$/.test(t));
  let source = '^';
  for (const t of tokens) {
    if (t === 'YYYY') source += '(\\d{4})';
    else if (t === 'MM' || t === 'DD') source += compact ? '(\\d{2})' : '(\\d{1,2})';
    else if (/^[-/. ]$/.test(t)) source += `\\${t}`;
    else return undefined;
    if (t.length > 1) order.push(t);
  }
  if (order.length !== 3 || new Set(order).size !== 3) return undefined;
  // A time after the date (2023-01-05 00:00:00, 2023-01-05T00:00:00Z) is ignored.
  source += '(?:[ T].*)?$';
  return { text, regex: new RegExp(source), y: order.indexOf('YYYY') + 1, m: order.indexOf('MM') + 1, d: order.indexOf('DD') + 1 };
}

/** A transform's outcome: the new value, or a problem (code for grouping, reason in words). */
export type Outcome = { value: string } | { code: string; reason: string };

/** Formats a number without exponent or float noise: at most 3 decimals. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** Reads "1234.5", "-3", "1,234,567.25"; undefined for anything else. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(/\s+/g, '');
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return Number(t);
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  return undefined;
}

/** Applies one transform to a value; `cells` are the other columns of the same source row (unit columns). */
export function applyTransform(t: Transform, value: string, cells: Readonly<Record<string, string>>): Outcome {
  switch (t.kind) {
    case 'trim':
      return { value: value.trim().replace(/\s+/g, ' ') };
    case 'upper':
      return { value: value.toUpperCase() };
    case 'digits': {
      const digits = value.replace(/\D/g, '');
      if (digits === '' && value.trim() === '') return { value: '' };
      if ((t.min !== undefined && digits.length < t.min) || (t.max !== undefined && digits.length > t.max)) {
        return { code: 'digits', reason: `"${value}" has ${digits.length} digits, not ${t.min ?? 0} to ${t.max ?? '∞'}` };
      }
      return { value: digits };
    }
    case 'match':
      return value === '' || t.pattern.test(value) ? { value } : { code: 'match', reason: `"${value}" does not match ${t.pattern.source}` };
    case 'country': {
      if (value.trim() === '') return { value: '' };
      const code = toCountryCode(value);
      return code ? { value: code } : { code: 'country', reason: `"${value}" is not a known country name or ISO code` };
    }
    case 'date': {
      const text = value.trim();
      if (text === '') return { value: '' };
      for (const f of t.formats) {
        const m = f.regex.exec(text);
        if (!m) continue;
        const y = m[f.y]!;
        const mo = m[f.m]!.padStart(2, '0');
        const d = m[f.d]!.padStart(2, '0');
        const iso = `${y}-${mo}-${d}`;
        const date = new Date(`${iso}T00:00:00Z`);
        if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
          return { code: 'date', reason: `"${value}" is not a calendar date` };
        }
        return { value: iso };
      }
      return { code: 'date', reason: `"${value}" matches none of the date formats ${t.formats.map((f) => f.text).join(', ')}` };
    }
    case 'number': {
      if (value.trim() === '') return { value: '' };
      let n = parseNumber(value);
      if (n === undefined) return { code: 'number', reason: `"${value}" is not a number` };
      if (t.to) {
        const unitText = (t.unitColumn ? (cells[t.unitColumn] ?? '') : '').trim() || t.defaultUnit || '';
        if (unitText === '') return { code: 'unit', reason: `"${value}" has no unit (${t.unitColumn} is empty)` };
        const factor = weightUnits[unitKey(unitText)];
        if (factor === undefined) return { code: 'unit', reason: `unknown weight unit "${unitText}"` };
        n *= factor;
      }
      if (t.positive && !(n > 0)) return { code: 'number', reason: `"${value}" is not a positive number` };
      return { value: formatNumber(n) };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// The mapping file: its shape (zod), then the checks that need the whole file (references, targets).
// ---------------------------------------------------------------------------------------------------------

const comment = z.union([z.string(), z.array(z.string())]).optional();
const oneOrMore = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const tableSpec = z
  .object({
    $comment: comment,
    /** File-name patterns (* and ?, case-insensitive, matched against the base name). */
    files: oneOrMore.optional(),
    /** Header columns a file of this table must have. */
    columns: z.array(z.string().min(1)).min(1).optional(),
    /** The column(s) this table joins on. */
    key: oneOrMore.optional(),
  })
  .strict();

// Checked by parseTransform, which can say what is wrong in words.
const transformSpec = z.unknown();

const sourceKeys = ['column', 'first', 'const', 'list', 'concat', 'sum'] as const;
// A plain string is short for {"column": "..."}.
const columnSpec = z.preprocess(
  (v) => (typeof v === 'string' ? { column: v } : v),
  z
    .object({
      $comment: comment,
      column: z.string().min(1).optional(),
      first: z.array(z.string().min(1)).min(1).optional(),
      const: z.string().optional(),
      list: z.string().min(1).optional(),
      concat: z.array(z.string().min(1)).min(1).optional(),
      sum: z.string().min(1).optional(),
      orderBy: z.string().min(1).optional(),
      separator: z.string().optional(),
      transform: z.array(transformSpec).optional(),
      maxLength: z.number().int().min(1).optional(),
      onError: z.enum(['skip', 'empty']).optional(),
    })
    .strict(),
);

export const mappingFileSchema = z
  .object({
    $comment: comment,
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    target: z.enum(targetKinds as [TargetKind, ...TargetKind[]]),
    tables: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/, 'a table name is letters, digits, _ and -'), tableSpec).refine((t) => Object.keys(t).length > 0, 'needs at least one table'),
    driving: z.string().min(1).optional(),
    columns: z.record(z.string(), columnSpec),
  })
  .strict();
export type MappingFile = z.infer<typeof mappingFileSchema>;

/** A column of a table, as the mapping names it (`table.column`); columns are compared in lower case. */
export interface Ref {
  table: string;
  column: string;
  text: string;
}

export type Source =
  | { kind: 'column'; ref: Ref }
  | { kind: 'first'; refs: Ref[] }
  | { kind: 'const'; value: string }
  | { kind: 'list'; ref: Ref; orderBy?: string; separator: string }
  | { kind: 'concat'; refs: Ref[]; separator: string }
  | { kind: 'sum'; ref: Ref };

export interface Field {
  target: string;
  source: Source;
  transforms: Transform[];
  onError: 'skip' | 'empty';
  /** The final value is cut to this many characters (the last becomes …). */
  maxLength?: number;
}

export interface TableDef {
  name: string;
  patterns: string[];
  fileRegexes: RegExp[];
  /** Header columns a file must have (lower case). */
  requiredColumns: string[];
  /** Join key columns (lower case); empty for a single-table mapping. */
  key: string[];
  /** Every column the mapping reads from this table (lower case). */
  used: string[];
}

export interface Mapping {
  name: string;
  /** The mapping file, for messages. */
  source: string;
  target: TargetKind;
  /** Output columns, in the target format's order. */
  columns: readonly string[];
  required: readonly string[];
  driving: string;
  tables: Record<string, TableDef>;
  /** One per mapped target column; unmapped target columns are written empty. */
  fields: Field[];
}

export class MappingError extends Error {
  override readonly name = 'MappingError';
}

/** `columns["BOL No."].transform[0]` from a zod-style path. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out || '(top level)';
}

const globRegex = (glob: string) =>
  new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const col = (c: string) => c.trim().toLowerCase();

/** Parses and checks a mapping file's text; throws MappingError naming `source` and the JSON path of each problem. */
export function parseMapping(text: string, source: string): Mapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new MappingError(`${source}: not valid JSON: ${(err as Error).message}`);
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const keys = (i as { keys?: string[] }).keys;
      const msg = i.code === 'unrecognized_keys' && keys ? `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}` : i.message;
      return `${source}: ${jsonPath(i.path)}: ${msg}`;
    });
    throw new MappingError(lines.join('\n'));
  }
  return compileMapping(parsed.data, source);
}

/** The checks that need the whole file: tables, references, targets, transforms. */
export function compileMapping(file: MappingFile, source: string): Mapping {
  const problems: string[] = [];
  const problem = (path: PropertyKey[], message: string) => problems.push(`${source}: ${jsonPath(path)}: ${message}`);
  const format = targetFormats[file.target];
  const tableNames = Object.keys(file.tables);
  const multi = tableNames.length > 1;

  const tables: Record<string, TableDef> = {};
  let keyArity: number | undefined;
  for (const [name, spec] of Object.entries(file.tables)) {
    const patterns = asList(spec.files);
    const key = asList(spec.key).map(col);
    tables[name] = { name, patterns, fileRegexes: patterns.map(globRegex), requiredColumns: (spec.columns ?? []).map(col), key, used: [] };
    if (multi && !patterns.length && !spec.columns) problem(['tables', name], 'needs "files" (name patterns) or "columns" (header columns) to recognise its files');
    if (multi && !key.length) problem(['tables', name], 'needs a "key": the column(s) it joins on');
    if (key.length) {
      if (keyArity !== undefined && key.length !== keyArity) problem(['tables', name, 'key'], `has ${key.length} columns; other tables' keys have ${keyArity}`);
      keyArity ??= key.length;
    }
  }

  let driving = file.driving;
  if (driving === undefined) {
    if (multi) problem(['driving'], `is required with several tables: the table whose every row becomes one output row (one of ${tableNames.join(', ')})`);
    driving = tableNames[0]!;
  } else if (!tables[driving]) {
    problem(['driving'], `"${driving}" is not a table of this mapping (${tableNames.join(', ')})`);
  }

  const used = new Map<string, Set<string>>(tableNames.map((t) => [t, new Set()]));
  const refOf = (text: string, path: PropertyKey[]): Ref | undefined => {
    const dot = text.indexOf('.');
    const head = dot > 0 ? text.slice(0, dot) : '';
    if (tables[head]) return { table: head, column: col(text.slice(dot + 1)), text };
    // With one table, a plain column name is enough (and may itself hold dots: "BOL No.").
    if (!multi) return { table: tableNames[0]!, column: col(text), text: `${tableNames[0]}.${text}` };
    problem(path, `"${text}" does not name a column as table.column (tables: ${tableNames.join(', ')})`);
    return undefined;
  };

  const fields: Field[] = [];
  for (const [target, raw] of Object.entries(file.columns)) {
    const path = ['columns', target];
    if (!(format.columns as readonly string[]).includes(target)) {
      problem(path, `is not a column of the ${file.target} format (${format.columns.join(', ')})`);
      continue;
    }
    const spec = raw;
    const given = sourceKeys.filter((k) => spec[k] !== undefined);
    if (given.length !== 1) {
      problem(path, given.length ? `has ${given.join(' and ')}: give exactly one source` : `needs a source: one of ${sourceKeys.join(', ')}`);
      continue;
    }
    const kind = given[0]!;
    const at = (...p: PropertyKey[]) => [...path, ...p];
    let src: Source | undefined;
    const refs: Ref[] = [];
    const one = (text: string, p: PropertyKey[]) => {
      const r = refOf(text, p);
      if (r) refs.push(r);
      return r;
    };
    switch (kind) {
      case 'column': {
        const r = one(spec.column!, at('column'));
        if (r) src = { kind, ref: r };
        break;
      }
      case 'first':
      case 'concat': {
        const list = spec[kind]!.map((t, i) => one(t, at(kind, i)));
        if (list.every((r) => r)) src = kind === 'first' ? { kind, refs: list as Ref[] } : { kind, refs: list as Ref[], separator: spec.separator ?? ' ' };
        break;
      }
      case 'const':
        src = { kind, value: spec.const! };
        break;
      case 'list': {
        const r = one(spec.list!, at('list'));
        let orderBy: string | undefined;
        if (r && spec.orderBy !== undefined) {
          const o = spec.orderBy.startsWith(`${r.table}.`) ? spec.orderBy.slice(r.table.length + 1) : spec.orderBy;
          if (o.includes('.') && tables[o.slice(0, o.indexOf('.'))]) problem(at('orderBy'), `must be a column of the list's table ${r.table}`);
          else orderBy = col(o);
        }
        if (r) src = { kind, ref: r, orderBy, separator: spec.separator ?? '|' };
        if (orderBy && r) used.get(r.table)!.add(orderBy);
        break;
      }
      case 'sum': {
        const r = one(spec.sum!, at('sum'));
        if (r) src = { kind, ref: r };
        break;
      }
    }
    if (kind !== 'list' && spec.orderBy !== undefined) problem(at('orderBy'), 'applies to a "list" only');
    if (kind !== 'list' && kind !== 'concat' && spec.separator !== undefined) problem(at('separator'), 'applies to "list" and "concat" only');

    const transforms: Transform[] = [];
    (spec.transform ?? []).forEach((t, i) => {
      const parsed = parseTransform(t, (msg) => problem(at('transform', i), msg));
      if (parsed) transforms.push(parsed);
    });
    for (const r of refs) {
      used.get(r.table)!.add(r.column);
      for (const t of transforms) if (t.kind === 'number' && t.unitColumn) used.get(r.table)!.add(t.unitColumn);
    }
    if (src) fields.push({ target, source: src, transforms, onError: spec.onError ?? 'skip', maxLength: spec.maxLength });
  }
  for (const [name, set] of used) tables[name]!.used = [...set];
  if (problems.length) throw new MappingError(problems.join('\n'));
  return {
    name: file.name ?? source.replace(/^.*[\\/]/, '').replace(/\.json$/i, ''),
    source,
    target: file.target,
    columns: format.columns,
    required: format.required,
    driving,
    tables,
    fields,
  };
}

/** Reads one `transform` entry: a name, or {name: options}. Reports a problem and returns undefined when bad. */
function parseTransform(spec: unknown, problem: (msg: string) => void): Transform | undefined {
  const known = `(known: ${transformNames.join(', ')})`;
  let name: string;
  let opts: unknown;
  if (typeof spec === 'string') {
    name = spec;
  } else if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return problem(`a transform is a name or an object with one key, the name ${known}`), undefined;
  } else {
    const entries = Object.entries(spec as Record<string, unknown>);
    if (entries.length !== 1) return problem(`a transform is a name or an object with one key, the name ${known}`), undefined;
    [name, opts] = entries[0]!;
  }
  if (!(transformNames as readonly string[]).includes(name)) return problem(`unknown transform "${name}" ${known}`), undefined;
  const n = name as TransformName;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const onlyKeys = (o: Record<string, unknown>, keys: string[]) => {
    const extra = Object.keys(o).filter((k) => !keys.includes(k));
    if (extra.length) problem(`${n}: unknown option${extra.length > 1 ? 's' : ''} ${extra.join(', ')} (options: ${keys.join(', ')})`);
    return extra.length === 0;
  };
  switch (n) {
    case 'trim':
    case 'upper':
    case 'country':
      if (opts !== undefined && opts !== true) return problem(`"${n}" takes no options`), undefined;
      return { kind: n };
    case 'digits': {
      if (opts === undefined || opts === true) return { kind: n };
      if (!isObject(opts)) return problem('digits: options are {"min": N, "max": N}'), undefined;
      if (!onlyKeys(opts, ['min', 'max'])) return undefined;
      const bad = ['min', 'max'].filter((k) => opts[k] !== undefined && !(Number.isInteger(opts[k]) && (opts[k] as number) >= 0));
      if (bad.length) return problem(`digits: ${bad.join(', ')} must be a whole number`), undefined;
      return { kind: n, min: opts.min as number | undefined, max: opts.max as number | undefined };
    }
    case 'match': {
      if (typeof opts !== 'string') return problem('match: give the regular expression as a string: {"match": "^[A-Z0-9]+$"}'), undefined;
      try {
        return { kind: n, pattern: new RegExp(opts) };
      } catch (err) {
        return problem(`match: not a valid regular expression: ${(err as Error).message}`), undefined;
      }
    }
    case 'date': {
      const list = opts === undefined || opts === true ? defaultDateFormats : typeof opts === 'string' ? [opts] : opts;
      if (!Array.isArray(list) || !list.length || !list.every((f) => typeof f === 'string')) return problem('date: give a format or a list of formats: {"date": ["MM/DD/YYYY"]}'), undefined;
      const formats: DateFormat[] = [];
      for (const f of list as string[]) {
        const compiled = dateFormat(f);
        if (!compiled) problem(`date: "${f}" is not a date format (YYYY, MM and DD once each, separated by - / . or a space, or nothing)`);
        else formats.push(compiled);
      }
      return formats.length === list.length ? { kind: n, formats } : undefined;
    }
    case 'number': {
      if (opts === undefined || opts === true) return { kind: n, positive: false };
      if (!isObject(opts)) return problem('number: options are {"unitColumn", "to", "defaultUnit", "positive"}'), undefined;
      if (!onlyKeys(opts, ['unitColumn', 'to', 'defaultUnit', 'positive'])) return undefined;
      const { unitColumn, to, defaultUnit, positive } = opts;
      if (to !== undefined && to !== 'kg') return problem('number: "to" can only be "kg" (weights)'), undefined;
      if (unitColumn !== undefined && (typeof unitColumn !== 'string' || !unitColumn.trim())) return problem('number: unitColumn must be a column name'), undefined;
      if (defaultUnit !== undefined && (typeof defaultUnit !== 'string' || weightUnits[unitKey(defaultUnit)] === undefined)) {
        return problem(`number: defaultUnit must be a weight unit (${Object.keys(weightUnits).join(', ')})`), undefined;
      }
      if ((unitColumn !== undefined || defaultUnit !== undefined) && to === undefined) return problem('number: unitColumn and defaultUnit need "to": "kg"'), undefined;
      if (to !== undefined && unitColumn === undefined && defaultUnit === undefined) return problem('number: "to" needs a unitColumn or a defaultUnit'), undefined;
      if (positive !== undefined && typeof positive !== 'boolean') return problem('number: positive must be true or false'), undefined;
      return { kind: n, unitColumn: unitColumn === undefined ? undefined : col(unitColumn as string), to: to as 'kg' | undefined, defaultUnit: defaultUnit as string | undefined, positive: positive === true };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Recognising input files.
// ---------------------------------------------------------------------------------------------------------

/**
 * The table a file belongs to: every table whose name patterns (if any) match the file's base name and whose
 * required columns (if any) are all in its header. Exactly one must fit. With a single table and no
 * criteria, every file is that table.
 */
export function tableOfFile(m: Mapping, baseName: string, header: readonly string[]): { table: string } | { error: string } {
  const cols = new Set(header.map(col));
  const fits = Object.values(m.tables).filter(
    (t) => (!t.fileRegexes.length || t.fileRegexes.some((r) => r.test(baseName))) && t.requiredColumns.every((c) => cols.has(c)),
  );
  if (fits.length === 1) return { table: fits[0]!.name };
  const how = (t: TableDef) =>
    [t.patterns.length ? `a name like ${t.patterns.join(' or ')}` : '', t.requiredColumns.length ? `columns ${t.requiredColumns.join(', ')}` : ''].filter(Boolean).join(' and ');
  if (fits.length > 1) return { error: `${baseName}: fits several tables of ${m.source} (${fits.map((t) => t.name).join(', ')}); make their "files" or "columns" tell them apart` };
  return {
    error: `${baseName}: is none of the tables of ${m.source}: ${Object.values(m.tables)
      .map((t) => `${t.name} (${how(t) || 'any file'})`)
      .join('; ')}`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The engine: one joined record (a driving row and the rows of the other tables with its key) -> one row.
// ---------------------------------------------------------------------------------------------------------

/** A row of an input table: its cells by lower-case column name, and where it is (for messages). */
export interface SourceRow {
  readonly values: Readonly<Record<string, string>>;
  readonly file: string;
  readonly line: number;
}

/** Rows by table: the driving table holds the one driving row; other tables the rows that share its key, in file order. */
export type JoinedRecord = Readonly<Record<string, readonly SourceRow[]>>;

/** Something that made a value unusable: where it came from and why. */
export interface Problem {
  /** The output column. */
  target: string;
  /** Short, for grouping: required, date, number, unit, digits, match, country. */
  code: string;
  reason: string;
  file?: string;
  line?: number;
  /** The source column (table.column). */
  column?: string;
}

export type MapResult =
  /** `values` in the order of mapping.columns; `emptied` lists values left empty by onError: "empty". */
  | { ok: true; values: string[]; emptied: Problem[] }
  | { ok: false; skip: Problem; emptied: Problem[] };

const isBlank = (s: string | undefined) => s === undefined || s.trim() === '';

/** Maps one joined record to an output row, or says why the row is skipped. Pure. */
export function mapRecord(m: Mapping, record: JoinedRecord): MapResult {
  const out = new Map<string, string>();
  const emptied: Problem[] = [];
  for (const f of m.fields) {
    const r = evalField(f, record);
    if ('skip' in r) return { ok: false, skip: r.skip, emptied };
    emptied.push(...r.emptied);
    out.set(f.target, f.maxLength !== undefined && r.value.length > f.maxLength ? `${r.value.slice(0, f.maxLength - 1)}…` : r.value);
  }
  for (const target of m.required) {
    if (isBlank(out.get(target))) {
      const f = m.fields.find((x) => x.target === target);
      const driving = record[m.driving]?.[0];
      return {
        ok: false,
        skip: { target, code: 'required', reason: `${target} is required and has no value${f ? ` (from ${describe(f.source)})` : ' (not mapped)'}`, file: driving?.file, line: driving?.line },
        emptied,
      };
    }
  }
  return { ok: true, values: m.columns.map((c) => out.get(c) ?? ''), emptied };
}

/** Words for a source, for messages. */
export function describe(s: Source): string {
  switch (s.kind) {
    case 'column':
    case 'list':
    case 'sum':
      return s.ref.text;
    case 'first':
    case 'concat':
      return s.refs.map((r) => r.text).join(', ');
    case 'const':
      return `the constant "${s.value}"`;
  }
}

type FieldOutcome = { value: string; emptied: Problem[] } | { skip: Problem };

/** Runs a field's transforms over one cell (`row` gives the unit column, `ref` names the source in messages). */
function runTransforms(f: Field, value: string, row: SourceRow | undefined, ref: Ref | undefined): { value: string } | { problem: Problem } {
  let v = value;
  for (const t of f.transforms) {
    const o = applyTransform(t, v, row?.values ?? NO_CELLS);
    if ('code' in o) return { problem: { target: f.target, code: o.code, reason: `${f.target}: ${o.reason}`, file: row?.file, line: row?.line, column: ref?.text } };
    v = o.value;
  }
  return { value: v };
}
const NO_CELLS: Readonly<Record<string, string>> = {};

/** The first row of the ref's table with a non-blank cell, and that cell. */
function cellOf(record: JoinedRecord, ref: Ref): { value: string; row?: SourceRow } {
  for (const row of record[ref.table] ?? []) {
    const v = row.values[ref.column];
    if (!isBlank(v)) return { value: v!, row };
  }
  return { value: '' };
}

/** onError "skip": the outcome that skips the row; "empty": undefined, with the problem noted in `emptied`. */
function failure(f: Field, p: Problem, emptied: Problem[]): FieldOutcome | undefined {
  if (f.onError === 'skip') return { skip: p };
  emptied.push(p);
  return undefined;
}

// Module-level helpers rather than closures: this runs once per field of every output row.
function evalField(f: Field, record: JoinedRecord): FieldOutcome {
  const emptied: Problem[] = [];

  const s = f.source;
  switch (s.kind) {
    case 'const':
    case 'column': {
      const { value, row } = s.kind === 'const' ? { value: s.value, row: undefined } : cellOf(record, s.ref);
      const r = runTransforms(f, value, row, s.kind === 'column' ? s.ref : undefined);
      if ('problem' in r) return failure(f, r.problem, emptied) ?? { value: '', emptied };
      return { value: r.value, emptied };
    }
    case 'first': {
      let firstProblem: Problem | undefined;
      for (const ref of s.refs) {
        const { value, row } = cellOf(record, ref);
        if (isBlank(value)) continue;
        const r = runTransforms(f, value, row, ref);
        if ('problem' in r) firstProblem ??= r.problem;
        else if (!isBlank(r.value)) return { value: r.value, emptied };
      }
      if (firstProblem) return failure(f, firstProblem, emptied) ?? { value: '', emptied };
      return { value: '', emptied };
    }
    case 'concat': {
      const parts: string[] = [];
      for (const ref of s.refs) {
        const { value, row } = cellOf(record, ref);
        if (isBlank(value)) continue;
        const r = runTransforms(f, value, row, ref);
        if ('problem' in r) {
          const stop = failure(f, r.problem, emptied);
          if (stop) return stop;
        } else if (!isBlank(r.value)) parts.push(r.value);
      }
      return { value: parts.join(s.separator), emptied };
    }
    case 'list':
    case 'sum': {
      let rows = [...(record[s.ref.table] ?? [])];
      if (s.kind === 'list' && s.orderBy) rows = sortRows(rows, s.orderBy);
      const items = new Set<string>();
      let total = 0;
      let counted = 0;
      for (const row of rows) {
        const raw = row.values[s.ref.column];
        if (isBlank(raw)) continue;
        const r = runTransforms(f, raw!, row, s.ref);
        if ('problem' in r) {
          const stop = failure(f, r.problem, emptied);
          if (stop) return stop;
          continue;
        }
        if (isBlank(r.value)) continue;
        if (s.kind === 'list') {
          items.add(r.value);
        } else {
          const n = parseNumber(r.value);
          if (n === undefined) {
            const stop = failure(f, { target: f.target, code: 'number', reason: `${f.target}: "${r.value}" is not a number`, file: row.file, line: row.line, column: s.ref.text }, emptied);
            if (stop) return stop;
            continue;
          }
          total += n;
          counted++;
        }
      }
      if (s.kind === 'list') return { value: [...items].join(s.separator), emptied };
      return { value: counted ? formatNumber(total) : '', emptied };
    }
  }
}

/** Rows ordered by a column: numerically when both values are numbers, else as text; blanks last; stable. */
function sortRows(rows: SourceRow[], column: string): SourceRow[] {
  return rows
    .map((row, i) => ({ row, i, v: (row.values[column] ?? '').trim() }))
    .sort((a, b) => {
      if (a.v === '' || b.v === '') return a.v === b.v ? a.i - b.i : a.v === '' ? 1 : -1;
      const x = parseNumber(a.v);
      const y = parseNumber(b.v);
      const c = x !== undefined && y !== undefined ? x - y : a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
      return c || a.i - b.i;
    })
    .map((x) => x.row);
}
