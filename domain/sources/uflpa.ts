/** The DHS UFLPA Entity List as JSON (data/lists/dhs_uflpa.json): one ListEntry per entry, the company it names. */
import { z } from 'zod';
import { toCountryCode } from '../countries';
import { listEntryId } from '../ids';
import { namesSubsidiaries } from '../normalize';
import { nameRank, party, requiredText } from '../fields';
import { placesOf } from '../places';
import type { RowFormat } from './types';

const sectionPattern = /2\(d\)\(2\)\(B\)\((i{1,3}|iv|v)\)/g;

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
      company: { ...party(name, code), aliases: e.aliases, nameRank: nameRank.list },
      entry: {
        id: listEntryId('UFLPA', name, section),
        program: 'UFLPA',
        name: e.name,
        sections,
        effectiveDate: new Date(Date.parse(`${e.effective_date} UTC`)).toISOString().slice(0, 10),
        includesSubsidiaries: namesSubsidiaries(e.name) || /subordinate and affiliated/i.test(e.notes ?? ''),
        country: code ?? null,
        notes: e.notes,
      },
    };
  });
export type UflpaRow = z.output<typeof uflpaEntry>;

export const uflpa: RowFormat = {
  title: 'DHS UFLPA Entity List (JSON)',
  file: 'json',
  schema: uflpaEntry,
  columns: [],
  requiredColumns: [],
  statement: 'ingest/merge-uflpa-entries',
  before: [{ statement: 'ingest/merge-places', params: (rows) => placesOf(rows, (r: UflpaRow) => [r.company]) }],
};
