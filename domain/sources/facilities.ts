/**
 * facilities.csv: sites (factories, farms, mines) from a facility registry such as an Open Supply Hub
 * export: name, aliases, address, country, region, coordinates, and the company that operates the site.
 */
import { z } from 'zod';
import { facilityId } from '../ids';
import { country, entityName, listOf, nameRank, optionalNumber, optionalText, region, sourceId } from '../fields';
import { normalizeName } from '../normalize';
import { placesOf } from '../places';
import { companyRef, optionalName, type EntityRef } from './references';
import type { RowFormat } from './types';

export const facilityColumns = [
  'id', 'name', 'aliases', 'address', 'country', 'region', 'latitude', 'longitude',
  'operator_id', 'operator_name', 'operator_country', 'os_hub_id',
] as const;

/** Open Supply Hub ids look like CN2019303BQ3FZP (country, year and day, 6 characters); checked loosely. */
const osHubId = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{10,20}$/, 'must be an Open Supply Hub id: 10 to 20 letters and digits, such as CN2019303BQ3FZP')
    .optional(),
);

export const facilityRow = z
  .object({
    id: sourceId,
    name: entityName,
    aliases: listOf('|'),
    address: optionalText(500),
    country: country.refine((c) => c !== undefined, 'is required'),
    region,
    latitude: optionalNumber({ min: -90, max: 90 }),
    longitude: optionalNumber({ min: -180, max: 180 }),
    operator_id: sourceId,
    operator_name: optionalName,
    operator_country: country,
    os_hub_id: osHubId,
  })
  .superRefine((r, ctx) => {
    if (r.latitude !== undefined && r.longitude === undefined) ctx.addIssue({ code: 'custom', path: ['longitude'], message: 'is required when latitude is given' });
    if (r.longitude !== undefined && r.latitude === undefined) ctx.addIssue({ code: 'custom', path: ['latitude'], message: 'is required when longitude is given' });
    if (r.operator_country && !r.operator_id && !r.operator_name) {
      ctx.addIssue({ code: 'custom', path: ['operator_country'], message: 'is given without operator_name or operator_id' });
    }
  })
  .transform((r) => {
    const countryCode = r.country!;
    // The operator: by registry id, else by name and country (the facility's when none is given), so it
    // is the node a manifest's spelling of that company reaches. Its spelling is registry-grade (rank 2).
    const operator: EntityRef | null = companyRef({
      id: r.operator_id,
      name: r.operator_name,
      country: r.operator_id ? r.operator_country : (r.operator_country ?? countryCode),
      rank: nameRank.registry,
    });
    return {
      // Open Supply Hub id first (shared across sources), then the source's own id, else name + country + address.
      id: r.os_hub_id ? `fa-osh-${r.os_hub_id}` : r.id ? `fa-src-${r.id}` : facilityId(r.name, countryCode, r.address),
      name: r.name,
      normName: normalizeName(r.name),
      aliases: r.aliases,
      country: countryCode,
      region: r.region ?? null,
      address: r.address ?? null,
      latitude: r.latitude ?? null,
      longitude: r.longitude ?? null,
      osHubId: r.os_hub_id ?? null,
      nameRank: nameRank.registry,
      operator,
    };
  });
export type FacilityRow = z.output<typeof facilityRow>;

export const facilities: RowFormat = {
  title: 'facility registry extract',
  file: 'csv',
  schema: facilityRow,
  columns: facilityColumns,
  requiredColumns: ['name', 'country'],
  statement: 'ingest/merge-facilities',
  before: [{ statement: 'ingest/merge-places', params: (rows) => placesOf(rows, (r: FacilityRow) => [r, ...(r.operator ? [r.operator] : [])]) }],
};
