/**
 * Country and Region nodes: made on demand for the places a batch names (cypher/ingest/merge-places runs
 * before the batch), so an entity's LOCATED_IN edge always has a node to point at.
 */
import { countryName } from './countries';
import { regionOf } from './regions';

export interface PlaceNodes extends Record<string, unknown> {
  countries: { id: string; code: string; name: string }[];
  regions: { id: string; code: string; name: string; country: string; countryId: string }[];
}

export const countryNodeId = (code: string) => `ct-${code}`;
export const regionNodeId = (code: string) => `rg-${code}`;

/** The distinct countries and regions named by a batch's rows (fields `country`/`region`, nested or not). */
export function placesOf(rows: readonly unknown[], pick: (row: any) => { country?: string | null; region?: string | null }[] = (r) => [r]): PlaceNodes {
  const countries = new Set<string>();
  const regions = new Set<string>();
  for (const row of rows) {
    for (const r of pick(row)) {
      if (r?.country) countries.add(r.country);
      if (r?.region) regions.add(r.region);
    }
  }
  for (const code of regions) {
    const def = regionOf(code);
    if (def) countries.add(def.country);
  }
  return {
    countries: [...countries].sort().map((code) => ({ id: countryNodeId(code), code, name: countryName(code) ?? code })),
    regions: [...regions].sort().flatMap((code) => {
      const def = regionOf(code);
      return def ? [{ id: regionNodeId(code), code, name: def.name, country: def.country, countryId: countryNodeId(def.country) }] : [];
    }),
  };
}
