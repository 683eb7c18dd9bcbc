/**
 * References from a registry row to a company or person it does not describe itself: a facility's operator,
 * an officer and the company they serve, an owner and what it owns. A reference names its entity by the
 * source's registry id (`co-src-<id>` / `pe-src-<id>`, the node a companies or persons file with that id
 * loads) or by name and country (the hashed id a manifest's spelling reaches). The ingest statement MERGEs
 * the entity when it is absent; `nameRank` says whether the reference's spelling may become its name.
 * Also the zod pieces the registry kinds (facilities, persons, officers, ownership) share.
 */
import { z } from 'zod';
import { normalizeName } from '../normalize';
import { companyId, personId } from '../ids';
import { blankToUndefined, entityName, nameRank } from '../fields';

/**
 * A reference that gives only a registry id creates a stub named by that id until a file names the
 * entity; any real spelling replaces it (a lower rank wins) and the stub name is never kept as an alias.
 */
export const stubNameRank = 4;

export interface EntityRef {
  id: string;
  name: string;
  normName: string;
  country: string | null;
  /** nameRank.registry, nameRank.manifest or stubNameRank. */
  nameRank: number;
}

interface RefInput {
  /** The source's registry id (already checked by fields.ts sourceId). */
  id?: string | undefined;
  name?: string | undefined;
  country?: string | null | undefined;
  /** The rank the spelling carries when there is one. */
  rank: number;
}

function ref(kind: 'co' | 'pe', hashId: (name: string, country: string | null | undefined) => string, r: RefInput): EntityRef | null {
  const country = r.country ?? null;
  if (r.id) {
    const name = r.name ?? r.id;
    return { id: `${kind}-src-${r.id}`, name, normName: normalizeName(name), country, nameRank: r.name ? r.rank : stubNameRank };
  }
  if (!r.name) return null;
  return { id: hashId(r.name, country), name: r.name, normName: normalizeName(r.name), country, nameRank: r.rank };
}

/** A company by registry id (`co-src-<id>`) or by name + country (domain/ids.ts companyId); null when neither is given. */
export const companyRef = (r: RefInput) => ref('co', companyId, r);
/** A person by registry id (`pe-src-<id>`) or by name + country (domain/ids.ts personId); null when neither is given. */
export const personRef = (r: RefInput) => ref('pe', personId, r);

/** Spellings met only as a mention in another record (an officer, an owner): like a manifest's. */
export const referenceRank = nameRank.manifest;

/** An optional name column (a blank cell is no name; a cell without letters or digits is rejected). */
export const optionalName = z.preprocess(blankToUndefined, entityName.optional());

/** Adds the reject for an end date before the start date (YYYY-MM-DD strings compare as dates). */
export function checkDateRange(r: { start_date?: string | undefined; end_date?: string | undefined }, ctx: z.RefinementCtx): void {
  if (r.start_date && r.end_date && r.end_date < r.start_date) {
    ctx.addIssue({ code: 'custom', path: ['end_date'], message: `is before start_date (${r.start_date})` });
  }
}
