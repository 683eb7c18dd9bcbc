/**
 * The DOL (ILAB) List of Goods Produced by Child Labor or Forced Labor as XML (data/lists/goods_2021.xml):
 * one record per <Good>, holding its <Country> elements. Each good x country becomes a ListEntry (program
 * DOL) that COVERS its Country and the Product nodes of the good's HS headings (data/lists/dol-goods-hs.json;
 * goods without a mapping get no Product edge). The statement UNWINDs a good's countries.
 */
import { z } from 'zod';
import hsMap from '../../data/lists/dol-goods-hs.json';
import { toCountryCode } from '../countries';
import { optionalText, requiredText } from '../fields';
import { productId, productsOf } from '../hs';
import { listEntryId } from '../ids';
import { countryNodeId, placesOf } from '../places';
import type { RowFormat } from './types';

/** DOL writes some names decomposed (NFD: "Açaí"); keys and stored text are NFC, case and spacing folded for lookup. */
const nfc = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const keyOf = (good: string) => nfc(good).toLowerCase();

const headingsByGood = new Map<string, string[]>(Object.entries(hsMap.headings).map(([good, codes]) => [keyOf(good), codes]));

/** The HS headings (4 digits) of a DOL good, [] when the mapping has none. */
export function hsHeadingsOf(good: string): string[] {
  return headingsByGood.get(keyOf(good)) ?? [];
}

const text = (max: number) => z.preprocess((v) => (typeof v === 'string' ? nfc(v) : v), requiredText(max));

const yesNo = z
  .string({ error: 'is required (Yes or No)' })
  .trim()
  .refine((s) => /^(yes|no)$/i.test(s), 'must be Yes or No')
  .transform((s) => s.toLowerCase() === 'yes');

/** A country name (DOL spelling) -> { name as written, ISO-2 }. */
const countryField = text(100).transform((s, ctx) => {
  const code = toCountryCode(s);
  if (!code) ctx.addIssue({ code: 'custom', message: `"${s}" is not a known country name (domain/countries.ts)` });
  return { name: s, code: code ?? '' };
});

/** Derived_Country: "No" (or empty) when the good is not derived, else the country of the listed input. */
const derivedCountry = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === 'string' && /^\s*(no)?\s*$/i.test(v)) ? undefined : v),
  countryField.optional(),
);

const dolCountry = z.object(
  {
    Country_Name: countryField,
    Country_Region: optionalText(100),
    Child_Labor: yesNo,
    Forced_Labor: yesNo,
    Forced_Child_Labor: yesNo,
    Derived_Labor_Exploitation: z.preprocess((v) => v ?? 'No', yesNo),
    Derived_Country: derivedCountry,
  },
  { error: 'must be a <Country> element with child elements' },
);

/** One <Country> is an object; several are an array (read-xml.ts): always a list here. */
const asList = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

export const dolGood = z
  .object({
    Good_Name: text(200),
    Good_Sector: optionalText(100),
    Countries: z.preprocess(
      (v) => (v === undefined || v === '' ? { Country: [] } : v),
      z.object({ Country: z.preprocess(asList, z.array(dolCountry).min(1, 'has no <Country> element')) }, { error: 'must hold <Country> elements' }),
    ),
  })
  .transform((g) => {
    const good = g.Good_Name;
    const hsCodes = hsHeadingsOf(good);
    return {
      good,
      sector: g.Good_Sector ? nfc(g.Good_Sector) : null,
      hsCodes,
      productIds: hsCodes.map(productId),
      entries: g.Countries.Country.map((c) => ({
        id: listEntryId('DOL', good, c.Country_Name.code),
        program: 'DOL',
        name: `${good} — ${c.Country_Name.name}`,
        good,
        sector: g.Good_Sector ? nfc(g.Good_Sector) : null,
        country: c.Country_Name.code,
        countryId: countryNodeId(c.Country_Name.code),
        childLabor: c.Child_Labor,
        forcedLabor: c.Forced_Labor,
        forcedChildLabor: c.Forced_Child_Labor,
        derived: c.Derived_Labor_Exploitation,
        derivedFrom: c.Derived_Country?.code ?? null,
      })),
    };
  });
export type DolGoodRow = z.output<typeof dolGood>;

export const dolgoods: RowFormat = {
  title: 'DOL List of Goods Produced by Child Labor or Forced Labor (XML)',
  file: 'xml',
  xmlRecord: 'Good',
  schema: dolGood,
  columns: [],
  requiredColumns: [],
  statement: 'ingest/merge-dol-goods',
  before: [
    { statement: 'ingest/merge-places', params: (rows) => placesOf(rows, (r: DolGoodRow) => r.entries.map((e) => ({ country: e.country }))) },
    { statement: 'ingest/merge-products', params: (rows) => ({ products: productsOf((rows as DolGoodRow[]).flatMap((r) => r.hsCodes)) }) },
  ],
};
