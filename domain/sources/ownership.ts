/**
 * ownership.csv: who owns which company (a company or a person), with the share and the period when known.
 * Owner and owned company are named by registry id or by name (+ country); one OWNS per owner and company.
 */
import { z } from 'zod';
import { country, optionalDate, requiredText, sourceId } from '../fields';
import { placesOf } from '../places';
import { checkDateRange, companyRef, optionalName, personRef, referenceRank, type EntityRef } from './references';
import type { RowFormat } from './types';

export const ownershipColumns = [
  'owner_kind', 'owner_id', 'owner_name', 'owner_country', 'owned_id', 'owned_name', 'owned_country', 'percentage', 'start_date', 'end_date',
] as const;

export const ownerKinds = ['company', 'person'] as const;

/** A share in percent: more than 0, at most 100 (a trailing % is allowed). */
const percentage = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().replace(/\s*%$/, '')) : v),
  z.coerce.number({ error: 'must be a number' }).finite().gt(0, 'must be more than 0').max(100, 'must be at most 100').optional(),
);

export const ownershipRow = z
  .object({
    owner_kind: requiredText(20)
      .transform((s) => s.toLowerCase())
      .refine((s): s is (typeof ownerKinds)[number] => (ownerKinds as readonly string[]).includes(s), `must be ${ownerKinds.join(' or ')}`),
    owner_id: sourceId,
    owner_name: optionalName,
    owner_country: country,
    owned_id: sourceId,
    owned_name: optionalName,
    owned_country: country,
    percentage,
    start_date: optionalDate,
    end_date: optionalDate,
  })
  .superRefine((r, ctx) => {
    if (!r.owner_id && !r.owner_name) ctx.addIssue({ code: 'custom', path: ['owner_name'], message: 'is required when owner_id is empty' });
    if (!r.owned_id && !r.owned_name) ctx.addIssue({ code: 'custom', path: ['owned_name'], message: 'is required when owned_id is empty' });
    checkDateRange(r, ctx);
  })
  .transform((r, ctx) => {
    const ref = r.owner_kind === 'person' ? personRef : companyRef;
    const owner = ref({ id: r.owner_id, name: r.owner_name, country: r.owner_country, rank: referenceRank }) as EntityRef;
    const owned = companyRef({ id: r.owned_id, name: r.owned_name, country: r.owned_country, rank: referenceRank }) as EntityRef;
    if (owner.id === owned.id) {
      ctx.addIssue({ code: 'custom', path: [r.owned_id ? 'owned_id' : 'owned_name'], message: 'is the same entity as the owner' });
      return z.NEVER;
    }
    return {
      ownerKind: r.owner_kind,
      owner,
      owned,
      percentage: r.percentage ?? null,
      startDate: r.start_date ?? null,
      endDate: r.end_date ?? null,
    };
  });
export type OwnershipRow = z.output<typeof ownershipRow>;

export const ownership: RowFormat = {
  title: 'ownership (owner, owned company, share)',
  file: 'csv',
  schema: ownershipRow,
  columns: ownershipColumns,
  requiredColumns: ['owner_kind'],
  statement: 'ingest/merge-ownership',
  before: [{ statement: 'ingest/merge-places', params: (rows) => placesOf(rows, (r: OwnershipRow) => [r.owner, r.owned]) }],
};
