/** persons.csv: natural persons from a registry (officers, owners): name, aliases, country. */
import { z } from 'zod';
import { personId } from '../ids';
import { country, entityName, listOf, nameRank, sourceId } from '../fields';
import { normalizeName } from '../normalize';
import { placesOf } from '../places';
import type { RowFormat } from './types';

export const personColumns = ['id', 'name', 'aliases', 'country'] as const;

export const personRow = z
  .object({
    id: sourceId,
    name: entityName,
    aliases: listOf('|'),
    country,
  })
  .transform((r) => ({
    // A source id wins over the name hash, as for companies: officers.csv and ownership.csv refer to it.
    id: r.id ? `pe-src-${r.id}` : personId(r.name, r.country),
    name: r.name,
    normName: normalizeName(r.name),
    aliases: r.aliases,
    country: r.country ?? null,
    nameRank: nameRank.registry,
  }));
export type PersonRow = z.output<typeof personRow>;

export const persons: RowFormat = {
  title: 'person registry extract',
  file: 'csv',
  schema: personRow,
  columns: personColumns,
  requiredColumns: ['name'],
  statement: 'ingest/merge-persons',
  before: [{ statement: 'ingest/merge-places', params: (rows) => placesOf(rows as PersonRow[]) }],
};
