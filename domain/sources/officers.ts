/**
 * officers.csv: who holds which role in which company (director, legal representative, supervisor ...).
 * Person and company are named by registry id or by name (+ country); one OFFICER_OF per role.
 */
import { z } from 'zod';
import { country, optionalDate, requiredText, sourceId } from '../fields';
import { placesOf } from '../places';
import { checkDateRange, companyRef, optionalName, personRef, referenceRank, type EntityRef } from './references';
import type { RowFormat } from './types';

export const officerColumns = [
  'person_id', 'person_name', 'person_country', 'company_id', 'company_name', 'company_country', 'role', 'start_date', 'end_date',
] as const;

export const officerRow = z
  .object({
    person_id: sourceId,
    person_name: optionalName,
    person_country: country,
    company_id: sourceId,
    company_name: optionalName,
    company_country: country,
    // Free text, one spelling per role: "Legal  Representative" and "legal representative" are one role.
    role: requiredText(100).transform((s) => s.replace(/\s+/g, ' ').toLowerCase()),
    start_date: optionalDate,
    end_date: optionalDate,
  })
  .superRefine((r, ctx) => {
    if (!r.person_id && !r.person_name) ctx.addIssue({ code: 'custom', path: ['person_name'], message: 'is required when person_id is empty' });
    if (!r.company_id && !r.company_name) ctx.addIssue({ code: 'custom', path: ['company_name'], message: 'is required when company_id is empty' });
    checkDateRange(r, ctx);
  })
  .transform((r) => ({
    person: personRef({ id: r.person_id, name: r.person_name, country: r.person_country, rank: referenceRank }) as EntityRef,
    company: companyRef({ id: r.company_id, name: r.company_name, country: r.company_country, rank: referenceRank }) as EntityRef,
    role: r.role,
    startDate: r.start_date ?? null,
    endDate: r.end_date ?? null,
  }));
export type OfficerRow = z.output<typeof officerRow>;

export const officers: RowFormat = {
  title: 'company officers (person, company, role)',
  file: 'csv',
  schema: officerRow,
  columns: officerColumns,
  requiredColumns: ['role'],
  statement: 'ingest/merge-officers',
  before: [{ statement: 'ingest/merge-places', params: (rows) => placesOf(rows, (r: OfficerRow) => [r.person, r.company]) }],
};
