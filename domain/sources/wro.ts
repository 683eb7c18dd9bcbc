/**
 * The CBP Withhold Release Orders and Findings list as JSON (data/lists/cbp_wro.json, the same shape as the
 * UFLPA file): one ListEntry per entry (program WRO or FINDING, status, date, industry, merchandise), and
 * whatever the entry names, each LISTED by it: companies, facilities (prisons, camps, mines), fishing
 * vessels or a region. Entries that name a whole country's goods (Turkmenistan cotton) name no entity; like
 * every entry they COVER their country of origin.
 *
 * Reading an entry's `name` is the delicate part, so it is done by small pure functions, each tested
 * (test/unit/wro.test.ts): splitNames (several companies in one entry), classifyName (what one name is),
 * targetsOf (the entities of one entry, with aliases) and splitMerchandise.
 */
import { z } from 'zod';
import { toCountryCode } from '../countries';
import { isoDate, nameRank, party, requiredText } from '../fields';
import { facilityId, listEntryId, vesselId } from '../ids';
import { normalizeName } from '../normalize';
import { countryNodeId, placesOf, regionNodeId } from '../places';
import { regionCode } from '../regions';
import type { RowFormat } from './types';

/** What a name in an entry stands for. `goods`: a class of goods or producers of a country, not one entity. */
export type NameKind = 'company' | 'facility' | 'vessel' | 'region' | 'goods';

const LEGAL_FORM =
  '(?:co|corp|corporation|company|inc|incorporated|ltd|limited|llc|l\\.l\\.c|llp|plc|pvt|pte|gmbh|jsc|sdn\\.?\\s+bhd|s\\.\\s?a\\.\\s+de\\s+c\\.\\s?v|s\\.\\s?a|s\\.\\s?r\\.\\s?l|srl|d\\.\\s?o\\.\\s?o)\\.*';
const endsWithLegalForm = new RegExp(`(?:^|[\\s,])${LEGAL_FORM}$`, 'i');
const onlyLegalForms = new RegExp(`^(?:${LEGAL_FORM}[\\s,]*)+$`, 'i');
const hasLegalForm = new RegExp(`(?:^|[\\s,])${LEGAL_FORM}(?=$|[\\s,.)])`, 'i');

/** Places of detention and sites without a company of their own. */
const FACILITY =
  /\b(?:prisons?|penitentiar(?:y|ies)|jails?|gaols?|labou?r\s+camps?|camps?|re-?education|laogai|labou?r\s+reform|reform\s+through\s+labou?r|detention|correctional|internment|vocational\s+skills\s+education|industrial\s+park|mines?|mining\s+areas?|diamond\s+fields?)\b/i;
/** A class of goods or of producers rather than one producer. */
const GOODS = /^(?:all\s|artisanal\s)|\bproduced\s+in\b/i;
const VESSEL = /^(?:fishing\s+)?vessels?\s*:/i;

const withoutParens = (s: string) => s.replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ').trim();
const words = (s: string) => withoutParens(s).match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

/** Collapses whitespace, drops separators at the ends, a doubled final period and a sentence's final period. */
export function tidy(name: string): string {
  return name
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s,;:]+|[\s,;:]+$/g, '')
    .replace(/\.{2,}$/, '.')
    // "... Limited." ends a sentence; "Co." and "Ltd." are abbreviations and keep their period.
    .replace(/(\p{Ll}{4,})\.$/u, '$1');
}

/**
 * What one name stands for. A legal form (Co., Ltd, S.A. de C.V., ...) makes it a company whatever else it
 * says; then a region by name (domain/regions.ts), a class of goods ("All Turkmenistan cotton ...",
 * "Tobacco produced in Malawi ...", "Artisanal Small Mines"), a vessel ("Fishing Vessel: Da Wang"), a place
 * of detention or a mine (prison, penitentiary, labour camp, re-education, laogai, labour reform,
 * vocational skills education centre, industrial park, mine, diamond fields); anything else is a company.
 */
export function classifyName(name: string): NameKind {
  if (VESSEL.test(name)) return 'vessel';
  if (hasLegalForm.test(withoutParens(name))) return 'company';
  if (regionOfName(name)) return 'region';
  if (GOODS.test(name)) return 'goods';
  if (FACILITY.test(name)) return 'facility';
  return 'company';
}

/** The region a name is, as in "Xinjiang Uyghur Autonomous Region (XUAR)": the name, without its parentheses, or inside them. */
export function regionOfName(name: string): string | undefined {
  const inParens = [...name.matchAll(/\(([^()]*)\)/g)].map((m) => m[1] ?? '');
  for (const candidate of [name, withoutParens(name), ...inParens]) {
    const code = candidate.trim() ? regionCode(candidate) : undefined;
    if (code) return code;
  }
  return undefined;
}

/** Cuts `text` at every match of `sep` outside parentheses; returns the pieces and the separators between them. */
function cutOutsideParens(text: string, sep: RegExp): { pieces: string[]; seps: string[] } {
  let depth = 0;
  const masked = text.split('').map((c) => (c === '(' ? (depth++, c) : c === ')' ? ((depth = Math.max(0, depth - 1)), c) : depth ? '\u0000' : c)).join('');
  const pieces: string[] = [];
  const seps: string[] = [];
  let from = 0;
  for (const m of masked.matchAll(new RegExp(sep.source, 'gi'))) {
    if (!m[0]) continue;
    pieces.push(text.slice(from, m.index));
    seps.push(m[0]);
    from = m.index! + m[0].length;
  }
  pieces.push(text.slice(from));
  return { pieces, seps };
}

/**
 * The names in one part of an entry, e.g. "A Co., Ltd. and B Trade and Business Co., Ltd." -> A, B. A list is
 * cut at commas and "and" only when it is clearly a list of companies: a piece that is only a legal form
 * ("Ltd.") belongs to the one before; a bare "and" separates two names only after a legal form ("Trade and
 * Business Co." stays whole); and the cut is kept only when every piece has two words or more and at least
 * one ends in a legal form. So "Agriculture, Industry, and Trade Co., Ltd." and "State Penitentiary, Ciudad
 * Victoria, Tamaulipas, Mexico" stay one name.
 */
export function splitNames(segment: string): string[] {
  const whole = tidy(segment);
  const { pieces, seps } = cutOutsideParens(whole, /,\s*and\s+|,\s*|\s+and\s+/);
  const items = [{ text: pieces[0] ?? '', sep: '' }];
  pieces.slice(1).forEach((text, k) => items.push({ text, sep: seps[k] ?? '' }));
  const merged: { text: string; sep: string }[] = [];
  for (const item of items) {
    const prev = merged[merged.length - 1];
    const legalOnly = onlyLegalForms.test(withoutParens(item.text).replace(/^[\s,]+/, ''));
    const bareAnd = /^\s+and\s+$/i.test(item.sep);
    if (prev && (legalOnly || (bareAnd && !endsWithLegalForm.test(withoutParens(prev.text))))) prev.text += item.sep + item.text;
    else merged.push({ ...item });
  }
  const names = merged.map((m) => tidy(m.text)).filter(Boolean);
  const isList = names.length > 1 && names.every((n) => words(n) >= 2) && names.some((n) => endsWithLegalForm.test(withoutParens(n)));
  return isList ? names : [whole];
}

/** An entity an entry names. */
export interface Target {
  kind: Exclude<NameKind, 'goods'>;
  name: string;
  aliases: string[];
  country: string | null;
  address: string | null;
  /** Named as a subsidiary of another target of the same entry. */
  asSubsidiary: boolean;
  /** Regions only: the region code. */
  region?: string;
}

export interface Targets {
  targets: Target[];
  /** The entry names a class of goods or producers (a country's cotton), not an entity. */
  goods: boolean;
  includesSubsidiaries: boolean;
}

const SUBSIDIARIES =
  /^(.*?)[\s,]+and\s+(?:(?:its|their)\s+)?(?:\w+\s+)?(?:subsidiaries|subordinates)\b(?:\s+(?:from|in)\s+[^,]+)?(?:\s*,\s*(.+?))?\s*\.?$/i;
/** "(of Nagoya, Japan)" after a name: where that one company is. */
const LOCATED = /\s*\((?:of|in)\s+([^()]+)\)\s*$/i;

/**
 * The entities an entry names: its `name` cut into names (`;` separates parties, commas and "and" lists of
 * companies, "A and its subsidiaries B and C" parent and subsidiaries), each classified; then its aliases,
 * each joining the first target of its own kind (so "Yunnan 1st Prison", an alias of Yunnan Machinery,
 * becomes a Facility beside the Company) or becoming a target when there is none. `country` is the entry's
 * ISO code (null for "Fishing Vessels").
 */
export function targetsOf(rawName: string, aliases: readonly string[], country: string | null): Targets {
  const name = tidy(rawName);
  let includesSubsidiaries = false;
  const named: { text: string; asSubsidiary: boolean }[] = [];
  let address: string | null = null;

  const owner = /^fishing\s+vessels?\s+(?:owned|operated)\s+by\s+(.+)$/i.exec(name);
  const vessels = /^(?:fishing\s+)?vessels?\s*:\s*(.+)$/i.exec(name);
  if (owner) {
    named.push({ text: owner[1]!, asSubsidiary: false });
  } else if (vessels) {
    const names = cutOutsideParens(vessels[1]!, /,\s*and\s+|,\s*|\s+and\s+/).pieces.map(tidy).filter(Boolean);
    // Flag states are not given; aliases belong to a vessel only when the entry names one.
    const alsoKnownAs = names.length === 1 ? aliases.map(tidy).filter(Boolean) : [];
    return {
      targets: names.map((v) => ({ kind: 'vessel' as const, name: v, aliases: alsoKnownAs, country: null, address: null, asSubsidiary: false })),
      goods: false,
      includesSubsidiaries: false,
    };
  } else {
    const kind = classifyName(name);
    if (kind === 'goods') return { targets: [], goods: true, includesSubsidiaries: false };
    const region = kind === 'region' ? regionOfName(name) : undefined;
    if (region) {
      return { targets: [{ kind: 'region', name, aliases: [], country, address: null, asSubsidiary: false, region }], goods: false, includesSubsidiaries: false };
    }
    let head = name;
    const subs = SUBSIDIARIES.exec(name);
    if (subs) {
      includesSubsidiaries = true;
      head = subs[1]!;
      for (const s of subs[2] ? splitNames(subs[2]) : []) named.push({ text: s, asSubsidiary: true });
    }
    const segments = cutOutsideParens(head, /\s*;\s*/).pieces.map(tidy).filter(Boolean);
    // A last segment of one word ("...; Kathmandu.") is where the parties are, not a party.
    if (segments.length > 1 && /^[\p{L}-]+$/u.test(segments[segments.length - 1]!)) address = segments.pop()!;
    named.unshift(...segments.flatMap((seg) => splitNames(seg)).map((text) => ({ text, asSubsidiary: false })));
  }

  const targets: Target[] = [];
  const add = (text: string, asSubsidiary: boolean): Target | undefined => {
    let n = tidy(text);
    let where = address;
    let ctry = country;
    const located = LOCATED.exec(n);
    if (located) {
      n = tidy(n.slice(0, located.index));
      const parts = located[1]!.split(',').map((s) => s.trim());
      const code = toCountryCode(parts[parts.length - 1] ?? '');
      if (code) {
        ctry = code;
        where = parts.slice(0, -1).join(', ') || where;
      } else where = located[1]!.trim();
    }
    if (!normalizeName(n)) return undefined;
    const kind = classifyName(n);
    const t: Target = { kind: kind === 'company' || kind === 'facility' ? kind : 'company', name: n, aliases: [], country: ctry, address: where, asSubsidiary };
    const same = targets.find((x) => x.kind === t.kind && normalizeName(x.name) === normalizeName(n) && x.country === ctry);
    if (same) return same;
    targets.push(t);
    return t;
  };
  for (const { text, asSubsidiary } of named) add(text, asSubsidiary);

  for (const alias of aliases.flatMap((a) => cutOutsideParens(a, /\s*;\s*/).pieces).map(tidy).filter(Boolean)) {
    const kind = classifyName(alias) === 'facility' ? 'facility' : 'company';
    const host = targets.find((t) => t.kind === kind && !t.asSubsidiary);
    if (host) {
      if (alias !== host.name && !host.aliases.includes(alias)) host.aliases.push(alias);
    } else add(alias, false);
  }
  return { targets, goods: false, includesSubsidiaries };
}

/**
 * The merchandise text as a list: "Rubber Gloves, Condoms, Rubber Raincoats, and Rubber Footwear" -> four.
 * Commas make a list only when its last item is joined by "and" ("Carpets, Hand-Knotted Wool" is one
 * good); a part that leans on the one before ("its Derivatives", "Derivatives", "... Thereof") stays with it.
 */
export function splitMerchandise(text: string | undefined): string[] {
  const t = tidy(text ?? '');
  if (!t) return [];
  const hasAnd = /\sand\s/i.test(t);
  const { pieces, seps } = cutOutsideParens(t, hasAnd ? /,\s*and\s+|,\s*|\s+and\s+/ : /\s+and\s+/);
  const out: string[] = [];
  pieces.forEach((piece, k) => {
    const p = piece.trim();
    const leans = /^(?:its|their|the)\s/i.test(p) || /\bthereof$/i.test(p) || /^(?:derivatives|extracts|products|parts)$/i.test(p);
    if (k > 0 && leans && out.length) out[out.length - 1] += `${seps[k - 1]}${p}`;
    else if (p) out.push(p);
  });
  return out;
}

/** "WRO; Industry: ...; Merchandise: ...; Remarks: ..." (Industry and Merchandise optional; Remarks may hold ';'). */
export function parseNotes(notes: string): { program: 'WRO' | 'FINDING' | undefined; industry?: string; merchandise?: string; remarks?: string } {
  const parts = notes.split(/;\s*(?=(?:Industry|Merchandise|Remarks)\s*:)/i);
  const head = (parts.shift() ?? '').trim();
  const program = /^WRO$/i.test(head) ? 'WRO' : /^Findings?$/i.test(head) ? 'FINDING' : undefined;
  const out: ReturnType<typeof parseNotes> = { program };
  for (const part of parts) {
    const m = /^(Industry|Merchandise|Remarks)\s*:\s*([\s\S]*)$/i.exec(part.trim());
    if (!m) continue;
    const key = m[1]!.toLowerCase() as 'industry' | 'merchandise' | 'remarks';
    out[key] = m[2]!.trim() || undefined;
  }
  return out;
}

const FISHING_VESSELS = /^fishing\s+vessels?$/i;

export const wroEntry = z
  .object({
    name: requiredText(1000),
    aliases: z.array(z.string({ error: 'must be a list of names' })).nullish().transform((a) => a ?? []),
    country: requiredText(100),
    address: z.string().nullish(),
    status: z.string().nullish(),
    effective_date: isoDate,
    federal_register: z.string().nullish(),
    notes: requiredText(5000),
  })
  .transform((e, ctx) => {
    const code = FISHING_VESSELS.test(e.country) ? null : (toCountryCode(e.country) ?? null);
    if (!code && !FISHING_VESSELS.test(e.country)) ctx.addIssue({ code: 'custom', path: ['country'], message: `"${e.country}" is not a known country (or "Fishing Vessels")` });
    const notes = parseNotes(e.notes);
    if (!notes.program) ctx.addIssue({ code: 'custom', path: ['notes'], message: 'must start with "WRO" or "Finding"' });
    const program = notes.program ?? 'WRO';
    const { targets, goods, includesSubsidiaries } = targetsOf(e.name, e.aliases, code);
    if (!targets.length && !goods) ctx.addIssue({ code: 'custom', path: ['name'], message: 'names no company, facility, vessel or region' });
    const address = e.address?.trim() || null;
    const nodeOf = (t: Target) => {
      const base = party(t.name, t.country);
      return {
        id: t.kind === 'facility' ? facilityId(t.name, t.country) : t.kind === 'vessel' ? vesselId(t.name) : base.id,
        name: t.name,
        normName: base.normName,
        aliases: t.aliases,
        country: t.country,
        address: t.address ?? address,
        asSubsidiary: t.asSubsidiary,
        nameRank: nameRank.list,
      };
    };
    return {
      entry: {
        id: listEntryId(program, e.name, e.effective_date),
        program,
        name: e.name.trim(),
        status: e.status?.trim() || null,
        effectiveDate: e.effective_date,
        industry: notes.industry ?? null,
        merchandise: splitMerchandise(notes.merchandise),
        country: code,
        includesSubsidiaries,
        // The Federal Register citation is empty throughout the published file; kept in the notes when given.
        notes: [notes.remarks, e.federal_register?.trim() && `Federal Register: ${e.federal_register.trim()}`].filter(Boolean).join(' ') || null,
      },
      /** The kind of entity the entry names first ('goods' when none), for docs and tests. */
      target: targets[0]?.kind ?? 'goods',
      companies: targets.filter((t) => t.kind === 'company').map(nodeOf),
      facilities: targets.filter((t) => t.kind === 'facility').map(nodeOf),
      vessels: targets.filter((t) => t.kind === 'vessel').map(nodeOf),
      regions: targets.filter((t) => t.kind === 'region').map((t) => ({ id: regionNodeId(t.region!), code: t.region! })),
      countryId: code ? countryNodeId(code) : null,
    };
  });
export type WroRow = z.output<typeof wroEntry>;

export const wro: RowFormat = {
  title: 'CBP Withhold Release Orders and Findings (JSON)',
  file: 'json',
  schema: wroEntry,
  columns: [],
  requiredColumns: [],
  statement: 'ingest/merge-wro-entries',
  before: [
    {
      statement: 'ingest/merge-places',
      params: (rows) =>
        placesOf(rows, (r: WroRow) => [{ country: r.entry.country }, ...r.companies, ...r.facilities, ...r.regions.map((g) => ({ region: g.code }))]),
    },
  ],
};
