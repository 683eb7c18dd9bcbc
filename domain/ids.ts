/**
 * Deterministic ids: the same fact loaded twice lands on the same node. Source identifiers come first;
 * otherwise a hash of the normalised name and country. The prefix names the kind, so ids are unique
 * across all labels (they share one uniqueness constraint on :Entity(id)).
 */
import { createHash } from 'node:crypto';
import { normalizeName } from './normalize';

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 20);

export function companyId(name: string, countryCode: string | null | undefined): string {
  return `co-${digest(`${normalizeName(name)}|${countryCode ?? ''}`)}`;
}

export function shipmentId(billOfLading: string): string {
  return `sh-${billOfLading.trim().toUpperCase().replace(/\s+/g, '')}`;
}

export function listEntryId(program: string, name: string, section: string): string {
  return `le-${program.toLowerCase()}-${digest(`${normalizeName(name)}|${section}`)}`;
}

/** One import per (file content, kind): loading the same file again is the same import. */
export function importId(sha256: string, kind: string): string {
  return `imp-${kind}-${sha256.slice(0, 16)}`;
}

/** A site: Open Supply Hub id first, then the source's id, else name + country (+ address, for chains of sites). */
export function facilityId(name: string, countryCode: string | null | undefined, address?: string | null): string {
  return `fa-${digest(`${normalizeName(name)}|${countryCode ?? ''}|${normalizeName(address ?? '')}`)}`;
}

export function personId(name: string, countryCode: string | null | undefined): string {
  return `pe-${digest(`${normalizeName(name)}|${countryCode ?? ''}`)}`;
}

export function vesselId(name: string): string {
  return `ve-${digest(normalizeName(name))}`;
}
