/** companies.csv: a company registry extract (names, aliases, identifiers, address, country, region). */
import { z } from 'zod';
import { companyId } from '../ids';
import { country, entityName, listOf, nameRank, optionalText, party, region, sourceId } from '../fields';
import { placesOf } from '../places';
import type { RowFormat } from './types';

/** Identifier columns and the scheme each becomes in `identifiers` (`scheme:value`). */
export const identifierColumns = {
  registration_number: 'reg',
  uscc: 'uscc',
  cbp_mid: 'cbp_mid',
  duns: 'duns',
  lei: 'lei',
} as const;

const identifierChecks: Record<keyof typeof identifierColumns, [RegExp, string]> = {
  registration_number: [/^[\w./-]{1,60}$/, 'may hold only letters, digits and . / - _'],
  // GB 32100-2015: 18 characters, digits and capital letters except I, O, S, V, Z.
  uscc: [/^[0-9A-HJ-NP-RTUW-Y]{18}$/, 'must be an 18-character unified social credit code'],
  cbp_mid: [/^[A-Z0-9]{6,15}$/, 'must be a CBP manufacturer id (6-15 capital letters and digits)'],
  duns: [/^\d{9}$/, 'must be 9 digits'],
  lei: [/^[A-Z0-9]{18}\d{2}$/, 'must be a 20-character LEI'],
};

const identifierField = (col: keyof typeof identifierColumns) =>
  optionalText(60).transform((s) => s?.replace(/\s+/g, '').toUpperCase()).refine((s) => s === undefined || identifierChecks[col][0].test(s), identifierChecks[col][1]);

export const companyColumns = ['id', 'name', 'aliases', 'country', 'region', 'address', ...Object.keys(identifierColumns), 'identifiers'] as const;

export const companyRow = z
  .object({
    id: sourceId,
    name: entityName,
    aliases: listOf('|'),
    country,
    region,
    address: optionalText(500),
    registration_number: identifierField('registration_number'),
    uscc: identifierField('uscc'),
    cbp_mid: identifierField('cbp_mid'),
    duns: identifierField('duns'),
    lei: identifierField('lei'),
    identifiers: listOf('|').refine((ids) => ids.every((i) => /^[a-z_]+:\S+$/.test(i)), 'must be scheme:value pairs separated by |'),
  })
  .transform((r) => ({
    ...party(r.name, r.country),
    // A source id wins over the name hash, so a registry's own key stays stable if the name changes;
    // it is namespaced so it can never collide with another kind's id.
    id: r.id ? `co-src-${r.id}` : companyId(r.name, r.country),
    aliases: r.aliases,
    region: r.region ?? null,
    address: r.address ?? null,
    identifiers: [
      ...Object.entries(identifierColumns).flatMap(([col, scheme]) => {
        const v = r[col as keyof typeof identifierColumns];
        return v ? [`${scheme}:${v}`] : [];
      }),
      ...r.identifiers,
    ],
    nameRank: nameRank.registry,
  }));
export type CompanyRow = z.output<typeof companyRow>;

export const companies: RowFormat = {
  title: 'company registry extract',
  file: 'csv',
  schema: companyRow,
  columns: companyColumns,
  requiredColumns: ['name'],
  statement: 'ingest/merge-companies',
  before: [{ statement: 'ingest/merge-places', params: (rows) => placesOf(rows as CompanyRow[]) }],
};
