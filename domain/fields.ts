/**
 * Field parsers shared by every source format (domain/sources/*): zod pieces that read the strings of a
 * CSV cell (or a JSON value) and say in plain words what is wrong. A rejected row names its column and
 * one of these messages.
 */
import { z } from 'zod';
import { toCountryCode } from './countries';
import { companyId } from './ids';
import { normalizeName } from './normalize';
import { regionCode } from './regions';

export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const requiredText = (max: number) =>
  z.string({ error: 'is required' }).trim().min(1, { error: 'is required', abort: true }).max(max, `is longer than ${max} characters`);
export const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, `is longer than ${max} characters`).optional());

/** An ISO 3166 code or an English country name, as ISO-2. */
export const country = z.preprocess(
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

/** A region code or name from domain/regions.ts (e.g. XUAR, Xinjiang). */
export const region = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .transform((s, ctx) => {
      const code = regionCode(s);
      if (!code) ctx.addIssue({ code: 'custom', message: `"${s}" is not a known region (see domain/regions.ts)` });
      return code ?? '';
    })
    .optional(),
);

/** A name with at least one letter or digit (so it has a matching key). */
export const entityName = requiredText(300).refine((s) => normalizeName(s) !== '', 'has no letters or digits');

export const isoDate = z
  .string({ error: 'is required' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD', abort: true })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a calendar date');
export const optionalDate = z.preprocess(blankToUndefined, isoDate.optional());

/** An optional number; `min` (inclusive) and `max` bound it. */
export const optionalNumber = (bounds: { min?: number; max?: number; positive?: boolean } = {}) => {
  let n = z.coerce.number({ error: 'must be a number' }).finite();
  if (bounds.positive) n = n.positive('must be positive');
  if (bounds.min !== undefined) n = n.min(bounds.min, `must be at least ${bounds.min}`);
  if (bounds.max !== undefined) n = n.max(bounds.max, `must be at most ${bounds.max}`);
  return z.preprocess(blankToUndefined, n.optional());
};

/** A `|`-separated list (or another separator); blanks dropped. */
export const listOf = (sep: string) => z.preprocess(blankToUndefined, z.string().optional()).transform((s) =>
  s === undefined ? [] : s.split(sep).map((x) => x.trim()).filter(Boolean),
);

/** A source's own key for a record: namespaced into our ids as `<prefix>-src-<id>`. */
export const sourceId = optionalText(100).refine((s) => s === undefined || /^[\w.:-]+$/.test(s), 'may hold only letters, digits and . _ : -');

/**
 * Which source's spelling becomes an entity's display name: a lower rank wins (ties: the latest). Other
 * spellings become aliases.
 */
export const nameRank = { list: 1, registry: 2, manifest: 3 } as const;

export interface PartyRef {
  id: string;
  name: string;
  normName: string;
  country: string | null;
}

/** A company named in a row, by name and country (its id is the hash of both). */
export const party = (name: string, countryCode: string | undefined | null): PartyRef => ({
  id: companyId(name, countryCode),
  name,
  normName: normalizeName(name),
  country: countryCode ?? null,
});

/** HS codes: digits only after dots and spaces are removed, 4 to 10 of them. */
export const hsCode = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/[.\s]/g, '') : v),
  z.string().regex(/^\d{4,10}$/, 'must be 4 to 10 digits (dots allowed)'),
);
