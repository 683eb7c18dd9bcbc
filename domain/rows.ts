/**
 * Row schemas for every import kind: what a valid row looks like, as zod, keyed by the file's own column
 * names so a rejected row names the column that is wrong. Each schema turns a raw row (strings) into the
 * shape its cypher/ingest statement takes ($rows).
 */
import { z } from 'zod';
import { toCountryCode } from './countries';
import { companyId, listEntryId, shipmentId } from './ids';
import { namesSubsidiaries, normalizeName } from './normalize';
import type { ImportKind } from './vocabulary';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const requiredText = (max: number) =>
  z.string({ error: 'is required' }).trim().min(1, { error: 'is required', abort: true }).max(max, `is longer than ${max} characters`);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, `is longer than ${max} characters`).optional());

const country = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .transform((s, ctx) => {
      const code = toCountryCode(s);
      if (!code) ctx.addIssue({ code: 'custom', message: `"${s}" is not a known country name or ISO code` });
      return code ?? '';
    })
    .optional(),
);

const companyName = requiredText(300).refine((s) => normalizeName(s) !== '', 'has no letters or digits');

const isoDate = z
  .string({ error: 'is required' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD', abort: true })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a calendar date');

const listOf = (sep: string) => z.preprocess(blankToUndefined, z.string().optional()).transform((s) =>
  s === undefined ? [] : s.split(sep).map((x) => x.trim()).filter(Boolean),
);

export interface PartyRef {
  id: string;
  name: string;
  normName: string;
  country: string | null;
}

const party = (name: string, countryCode: string | undefined): PartyRef => ({
  id: companyId(name, countryCode),
  name,
  normName: normalizeName(name),
  country: countryCode ?? null,
});

export const companyColumns = ['id', 'name', 'aliases', 'country', 'address', 'identifiers'] as const;

export const companyRow = z
  .object({
    id: optionalText(100).refine((s) => s === undefined || /^[\w.:-]+$/.test(s), 'may hold only letters, digits and . _ : -'),
    name: companyName,
    aliases: listOf('|'),
    country,
    address: optionalText(500),
    identifiers: listOf('|').refine((ids) => ids.every((i) => /^[a-z_]+:\S+$/.test(i)), 'must be scheme:value pairs separated by |'),
  })
  .transform((r) => ({
    ...party(r.name, r.country),
    // A source id wins over the name hash, so a registry's own key stays stable if the name changes;
    // it is namespaced so it can never collide with another kind's id.
    id: r.id ? `co-src-${r.id}` : companyId(r.name, r.country),
    aliases: r.aliases,
    address: r.address ?? null,
    identifiers: r.identifiers,
  }));

export const shipmentColumns = [
  'bill_of_lading', 'arrival_date', 'shipper', 'shipper_country', 'consignee', 'consignee_country',
  'notify_party', 'notify_party_country', 'hs_code', 'description', 'port_of_lading', 'port_of_unlading', 'weight_kg',
] as const;

export const shipmentRow = z
  .object({
    bill_of_lading: requiredText(40).regex(/^[A-Za-z0-9-]+$/, 'may hold only letters, digits and -'),
    arrival_date: isoDate,
    shipper: companyName,
    shipper_country: country,
    consignee: companyName,
    consignee_country: country,
    notify_party: z.preprocess(blankToUndefined, companyName.optional()),
    notify_party_country: country,
    hs_code: z.preprocess(
      (v) => (typeof v === 'string' ? v.replace(/[.\s]/g, '') : v),
      z.string().regex(/^\d{4,10}$/, 'must be 4 to 10 digits (dots allowed)').optional().or(z.literal('').transform(() => undefined)),
    ),
    description: optionalText(2000),
    port_of_lading: optionalText(100),
    port_of_unlading: optionalText(100),
    weight_kg: z.preprocess(blankToUndefined, z.coerce.number({ error: 'must be a number' }).positive('must be positive').finite().optional()),
  })
  .transform((r) => ({
    id: shipmentId(r.bill_of_lading),
    billOfLading: r.bill_of_lading.toUpperCase(),
    arrivalDate: r.arrival_date,
    hsCode: r.hs_code ?? null,
    description: r.description ?? null,
    portOfLading: r.port_of_lading ?? null,
    portOfUnlading: r.port_of_unlading ?? null,
    weightKg: r.weight_kg ?? null,
    shipper: party(r.shipper, r.shipper_country),
    consignee: party(r.consignee, r.consignee_country),
    notify: r.notify_party ? party(r.notify_party, r.notify_party_country) : null,
  }));

const sectionPattern = /2\(d\)\(2\)\(B\)\((i{1,3}|iv|v)\)/g;

/** One entry of the DHS UFLPA Entity List as published in data/lists/dhs_uflpa.json. */
export const uflpaEntry = z
  .object({
    name: requiredText(300),
    aliases: z.array(z.string().trim().min(1)).default([]),
    country: z.string().trim().min(1, 'is required'),
    effective_date: z
      .string({ error: 'is required' })
      .refine((s) => !Number.isNaN(Date.parse(`${s} UTC`)), 'must be a date such as "June 21, 2022"'),
    notes: z.string().nullable().default(null),
  })
  .transform((e, ctx) => {
    const code = toCountryCode(e.country);
    if (!code) ctx.addIssue({ code: 'custom', path: ['country'], message: `"${e.country}" is not a known country` });
    const sections = [...new Set([...(e.notes ?? '').matchAll(sectionPattern)].map((m) => m[1] as string))];
    const name = e.name.replace(/[\s,;]+and\s+(its\s+)?subsidiaries\s*$/i, '').replace(/[\s,;]+$/, '').trim();
    const section = sections.join(',');
    return {
      company: { ...party(name, code), aliases: e.aliases },
      entry: {
        id: listEntryId('UFLPA', name, section),
        program: 'UFLPA',
        name: e.name,
        sections,
        effectiveDate: new Date(Date.parse(`${e.effective_date} UTC`)).toISOString().slice(0, 10),
        includesSubsidiaries: namesSubsidiaries(e.name) || /subordinate and affiliated/i.test(e.notes ?? ''),
        notes: e.notes,
      },
    };
  });

export type CompanyRow = z.output<typeof companyRow>;
export type ShipmentRow = z.output<typeof shipmentRow>;
export type UflpaRow = z.output<typeof uflpaEntry>;

export interface RowFormat {
  schema: z.ZodType;
  /** Columns a CSV of this kind must have (JSON kinds: none). */
  columns: readonly string[];
  /** Columns that must be present in the header; the others may be left out. */
  requiredColumns: readonly string[];
  file: 'csv' | 'json';
  /** The cypher/ingest statement that writes a batch of rows of this kind. */
  statement: string;
}

export const rowFormats: Record<ImportKind, RowFormat> = {
  companies: { schema: companyRow, columns: companyColumns, requiredColumns: ['name'], file: 'csv', statement: 'ingest/merge-companies' },
  shipments: {
    schema: shipmentRow,
    columns: shipmentColumns,
    requiredColumns: ['bill_of_lading', 'arrival_date', 'shipper', 'consignee'],
    file: 'csv',
    statement: 'ingest/merge-shipments',
  },
  uflpa: { schema: uflpaEntry, columns: [], requiredColumns: [], file: 'json', statement: 'ingest/merge-uflpa-entries' },
};
