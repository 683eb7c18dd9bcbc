/**
 * FollowTheMoney (FtM) entities as JSON lines: the format of OpenSanctions' `entities.ftm.json`, Aleph
 * exports and `ftm export`. One line is one entity, `{"id", "schema", "properties": {prop: [strings]}}`
 * (other top-level keys such as caption, datasets, referents, first_seen are ignored).
 *
 * - Company, Organization, PublicBody, LegalEntity -> Company `co-ftm-<id>`; Person -> Person `pe-ftm-<id>`.
 * - Ownership -> (owner)-[:OWNS]->(asset); Directorship -> (Person)-[:OFFICER_OF]->(Company);
 *   Sanction -> ListEntry `le-ftm-<id>` (program SANCTION) with (entity)-[:LISTED]->(ListEntry).
 * - Address -> nothing of its own: a company keeps the address text FtM puts on the entity (`address`).
 * - Any other schema is rejected, naming the line and `schema`.
 *
 * Relationship entities name their ends by FtM id only, without saying their schema, and may come before
 * them in the file. So the file is read in two passes (`passOf`): entities first, then relationships and
 * sanctions, whose statements find their ends by `ftmId` (indexed on Company and Person) in the graph, which
 * by then holds every entity of the file and of earlier imports. An end that is still unknown, or of a
 * kind the relationship cannot link (a company as director), is a reject of that line, returned by the
 * statement.
 */
import { z } from 'zod';
import { toCountryCode } from '../countries';
import { nameRank } from '../fields';
import { normalizeName } from '../normalize';
import { placesOf } from '../places';
import type { RowFormat } from './types';

/** FtM schemata and what they become. */
export const ftmCompanySchemata = ['Company', 'Organization', 'PublicBody', 'LegalEntity'] as const;
export const ftmSchemata = [...ftmCompanySchemata, 'Person', 'Address', 'Ownership', 'Directorship', 'Sanction'] as const;
/** Read in the second pass: they refer to entities by id. */
const secondPass = new Set<string>(['Ownership', 'Directorship', 'Sanction']);

/** FtM identifier properties kept in a company's `identifiers` as `scheme:value`. */
export const ftmIdentifierSchemes = {
  registrationNumber: 'reg',
  uscCode: 'uscc',
  leiCode: 'lei',
  dunsCode: 'duns',
  innCode: 'inn',
  ogrnCode: 'ogrn',
  swiftBic: 'swift',
  taxNumber: 'tax',
  vatCode: 'vat',
  uniqueEntityId: 'uei',
  okpoCode: 'okpo',
  bvdId: 'bvd',
  cikCode: 'cik',
  irsCode: 'irs',
} as const;

const idPattern = /^[\w.:-]+$/;
const idMessage = 'may hold only letters, digits and . _ : -';
export const ftmId = z
  .string({ error: 'is required' })
  .trim()
  .min(1, { error: 'is required', abort: true })
  .max(100, 'is longer than 100 characters')
  .regex(idPattern, idMessage);

/** Every FtM property value is a list of strings. Nested entities (OpenSanctions' targets.nested.json) are not. */
const values = z.array(
  z.string({ error: 'must be a string: nested entities (targets.nested.json) are not read; use the flat entities.ftm.json' }),
  { error: 'must be a list of strings (FtM property values)' },
);
const properties = z.record(z.string(), values, { error: 'must be an object of property lists' }).default({});

type Props = Record<string, string[]>;
type Ctx = z.RefinementCtx;

const clean = (vs: readonly string[] | undefined) => (vs ?? []).map((v) => v.trim()).filter(Boolean);
const unique = (vs: string[]) => [...new Set(vs)];

/** The first value that maps to a country we know (FtM writes lower-case ISO codes, plus some of its own such as `zz`). */
function firstCountry(props: Props, keys: readonly string[]): string | null {
  for (const key of keys) for (const v of clean(props[key])) {
    const code = toCountryCode(v);
    if (code) return code;
  }
  return null;
}

/** A full calendar date (YYYY-MM-DD, or the date part of a timestamp); FtM's partial dates (2019, 2019-05) give null. */
export function ftmDate(vs: readonly string[] | undefined): string | null {
  for (const v of clean(vs)) {
    const m = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(v);
    if (!m) continue;
    const d = new Date(`${m[1]}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === m[1]) return m[1]!;
  }
  return null;
}

/** A share in percent (0-100, a trailing % allowed); ranges and words ("25-50%", "majority") give null. */
export function ftmPercentage(vs: readonly string[] | undefined): number | null {
  for (const v of clean(vs)) {
    const m = /^(\d+(?:[.,]\d+)?)\s*%?$/.exec(v);
    if (!m) continue;
    const n = Number(m[1]!.replace(',', '.'));
    if (n >= 0 && n <= 100) return n;
  }
  return null;
}

/** The first value of a reference property, checked as an FtM id; an issue at `properties.<key>` when missing or malformed. */
function reference(props: Props, key: string, ctx: Ctx): string {
  const v = clean(props[key])[0];
  const path = ['properties', key];
  if (!v) ctx.addIssue({ code: 'custom', path, message: 'is required (the FtM id of the entity)' });
  else if (v.length > 100 || !idPattern.test(v)) ctx.addIssue({ code: 'custom', path: [...path, 0], message: `is not an FtM id: ${idMessage}` });
  return v ?? '';
}

/** Name, matching key and aliases: the first usable `name` is the name; other names, `alias` and `previousName` are aliases. */
function names(props: Props, ctx: Ctx) {
  const all = clean(props.name);
  const name = all.find((n) => n.length <= 300 && normalizeName(n) !== '');
  if (!name) {
    ctx.addIssue({ code: 'custom', path: ['properties', 'name'], message: all.length ? 'has no name of at most 300 characters with a letter or digit' : 'is required' });
    return null;
  }
  const aliases = unique([...all, ...clean(props.alias), ...clean(props.previousName)].filter((n) => n !== name && n.length <= 300));
  return { name, normName: normalizeName(name), aliases };
}

function identifiers(props: Props): string[] {
  return unique(
    Object.entries(ftmIdentifierSchemes).flatMap(([prop, scheme]) =>
      clean(props[prop]).map((v) => v.replace(/\s+/g, '').toUpperCase()).filter((v) => v.length <= 60).map((v) => `${scheme}:${v}`),
    ),
  );
}

const envelope = <S extends readonly [string, ...string[]]>(schemata: S) => z.object({ id: ftmId, schema: z.enum(schemata), properties });

const companyEntity = envelope(ftmCompanySchemata).transform((e, ctx) => {
  const n = names(e.properties, ctx);
  if (!n) return z.NEVER;
  return {
    sort: 'entity' as const,
    kind: 'Company' as const,
    id: `co-ftm-${e.id}`,
    ftmId: e.id,
    ...n,
    country: firstCountry(e.properties, ['country', 'jurisdiction', 'mainCountry']),
    address: clean(e.properties.address).find((a) => a.length <= 500) ?? null,
    identifiers: identifiers(e.properties),
    nameRank: nameRank.registry,
  };
});

const personEntity = envelope(['Person'] as const).transform((e, ctx) => {
  const n = names(e.properties, ctx);
  if (!n) return z.NEVER;
  return {
    sort: 'entity' as const,
    kind: 'Person' as const,
    id: `pe-ftm-${e.id}`,
    ftmId: e.id,
    ...n,
    country: firstCountry(e.properties, ['country', 'nationality', 'citizenship']),
    address: null,
    identifiers: [] as string[],
    nameRank: nameRank.registry,
  };
});

/** Checked, and written as nothing: the entities that use it carry its text in their own `address`. */
const addressEntity = envelope(['Address'] as const).transform((e) => ({ sort: 'address' as const, ftmId: e.id }));

const ownershipEntity = envelope(['Ownership'] as const).transform((e, ctx) => {
  const owner = reference(e.properties, 'owner', ctx);
  const asset = reference(e.properties, 'asset', ctx);
  if (owner && owner === asset) ctx.addIssue({ code: 'custom', path: ['properties', 'asset'], message: 'is the owner itself' });
  return {
    sort: 'ownership' as const,
    ftmId: e.id,
    owner,
    asset,
    percentage: ftmPercentage(e.properties.percentage),
    startDate: ftmDate(e.properties.startDate),
    endDate: ftmDate(e.properties.endDate),
  };
});

const directorshipEntity = envelope(['Directorship'] as const).transform((e, ctx) => ({
  sort: 'directorship' as const,
  ftmId: e.id,
  director: reference(e.properties, 'director', ctx),
  organization: reference(e.properties, 'organization', ctx),
  // A Directorship that gives no role is a directorship: its role is `director`.
  role: clean(e.properties.role).find((r) => r.length <= 200) ?? 'director',
  startDate: ftmDate(e.properties.startDate),
  endDate: ftmDate(e.properties.endDate),
}));

const sanctionEntity = envelope(['Sanction'] as const).transform((e, ctx) => {
  const p = e.properties;
  const program = clean(p.program)[0] ?? null;
  const authority = clean(p.authority)[0] ?? null;
  return {
    sort: 'sanction' as const,
    ftmId: e.id,
    entity: reference(p, 'entity', ctx),
    entry: {
      id: `le-ftm-${e.id}`,
      program: 'SANCTION',
      // The entry's display name: the program as published (the program names the list; SANCTION is only its kind).
      name: program ?? authority ?? 'Sanction',
      authority,
      effectiveDate: ftmDate(p.startDate) ?? ftmDate(p.listingDate),
      endDate: ftmDate(p.endDate),
      status: clean(p.status)[0] ?? null,
      country: firstCountry(p, ['country']),
      notes: unique([...clean(p.reason), ...clean(p.provisions)]).join('\n') || null,
      sourceUrl: clean(p.sourceUrl)[0] ?? clean(p.programUrl)[0] ?? null,
    },
  };
});

/** One FtM entity line, discriminated by `schema`. */
export const ftmEntity = z.discriminatedUnion('schema', [companyEntity, personEntity, addressEntity, ownershipEntity, directorshipEntity, sanctionEntity], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const schema = (issue.input as { schema?: unknown } | undefined)?.schema;
    if (typeof schema !== 'string' || !schema) return 'is required (the FtM schema name)';
    return `${schema} entities are not loaded (Threadline reads ${ftmSchemata.join(', ')})`;
  },
});
export type FtmRow = z.output<typeof ftmEntity>;
export type FtmEntityRow = Extract<FtmRow, { sort: 'entity' }>;

const statementOf = {
  entity: 'ingest/merge-ftm-entities',
  address: 'ingest/merge-ftm-entities',
  ownership: 'ingest/merge-ftm-ownership',
  directorship: 'ingest/merge-ftm-directorships',
  sanction: 'ingest/merge-ftm-sanctions',
} as const;

export const ftm: RowFormat = {
  title: 'FollowTheMoney entities (JSON lines, e.g. OpenSanctions entities.ftm.json)',
  file: 'jsonl',
  schema: ftmEntity,
  columns: [],
  requiredColumns: [],
  statement: 'ingest/merge-ftm-entities',
  route: {
    statements: ['ingest/merge-ftm-entities', 'ingest/merge-ftm-ownership', 'ingest/merge-ftm-directorships', 'ingest/merge-ftm-sanctions'],
    of: (row) => statementOf[(row as FtmRow).sort],
  },
  passOf: (raw) => (secondPass.has(String((raw as { schema?: unknown } | null)?.schema)) ? 1 : 0),
  before: [{ statement: 'ingest/merge-places', params: (rows) => placesOf(rows, (r: FtmRow) => (r.sort === 'entity' ? [r] : [])) }],
};
