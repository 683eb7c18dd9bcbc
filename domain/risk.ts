/**
 * The explainable risk engine's pure part (docs/risk.md): the Factor type, noisy-OR combination, bands,
 * NETWORK decay, and the assembly of factors from the rows the cypher/risk/entity-* statements return.
 * No database here: server/routes/risk.ts runs the statements and hands their rows to these functions.
 */
import { type Band, riskConfig } from './risk-config';

export type FactorKind = 'LISTED' | 'FINDING' | 'REGION' | 'COMMODITY' | 'OWNERSHIP' | 'NETWORK';

export interface Evidence {
  /** Our node ids along the path, from the risk's origin to the assessed entity. */
  nodes: string[];
  relationships: { type: string; from: string; to: string }[];
  /** Import ids that asserted the steps (derived SUPPLIES edges carry none of their own). */
  sources: string[];
}

export interface Factor {
  kind: FactorKind;
  /** 0..1, from domain/risk-config.ts. */
  weight: number;
  /** The date range the factor holds over (YYYY-MM-DD), when known. */
  from?: string;
  to?: string;
  /** Plain words. */
  detail: string;
  evidence: Evidence;
  /** NETWORK: nearest tier, linking shipments, and what makes the upstream company risky. */
  tier?: number;
  shipments?: number;
  basis?: 'listed' | 'region-listed' | 'region';
}

type Row = Record<string, unknown>;
const cfg = riskConfig;
const uniq = (xs: Iterable<string>) => [...new Set(xs)];
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Noisy-OR: 1 - prod(1 - w). No factors, 0. */
export function combine(weights: number[]): number {
  return round(1 - weights.reduce((acc, w) => acc * (1 - Math.min(1, Math.max(0, w))), 1));
}

export function band(score: number): Band {
  return (cfg.bands.find((b) => score >= b.min) ?? cfg.bands[cfg.bands.length - 1]!).band;
}

/** NETWORK weight of an upstream risk r at tier t (1 = direct supplier). */
export function decay(r: number, tier: number): number {
  if (!Number.isInteger(tier) || tier < 1) throw new RangeError(`tier must be a whole number >= 1, not ${tier}`);
  return round(r * cfg.weights.networkDecay ** (tier - 1));
}

/** The weight of a listing by program. */
export function listingWeight(program: string): number {
  return program === 'UFLPA' ? cfg.weights.listedUflpa : cfg.weights.listedWro;
}

const programName = (p: string) => (p === 'UFLPA' ? 'the UFLPA Entity List' : p === 'WRO' ? 'a CBP Withhold Release Order' : p === 'FINDING' ? 'a CBP Finding' : `the ${p} list`);

/** LISTED factors from risk/entity-listings rows. */
export function listedFactors(entityId: string, rows: Row[]): Factor[] {
  return rows.map((r) => {
    const program = String(r.program);
    const region = r.viaKind === 'region';
    const status = r.status ? ` (status ${r.status})` : '';
    const detail = region
      ? `Located in ${String(r.via).replace(/^rg-/, '')}, which ${programName(program)} names as a whole: "${r.name}"${status}, in force since ${r.effectiveDate}.`
      : `Named${r.asSubsidiary ? ' as a subsidiary' : ''} on ${programName(program)}: "${r.name}"${status}, in force since ${r.effectiveDate}.`;
    const nodes = region ? [String(r.entryId), String(r.via), entityId] : [String(r.entryId), entityId];
    const relationships = region
      ? [{ type: 'LISTED', from: String(r.via), to: String(r.entryId) }, { type: 'LOCATED_IN', from: entityId, to: String(r.via) }]
      : [{ type: 'LISTED', from: entityId, to: String(r.entryId) }];
    return {
      kind: 'LISTED' as const, weight: listingWeight(program), from: r.effectiveDate as string,
      ...(r.endDate ? { to: r.endDate as string } : {}),
      detail, evidence: { nodes, relationships, sources: uniq(r.sources as string[]) },
    };
  });
}

/** REGION factors from risk/entity-regions rows: one per region (the entity itself first, else its first site). */
export function regionFactors(entityId: string, rows: Row[]): Factor[] {
  const byRegion = new Map<string, Row[]>();
  for (const r of rows) byRegion.set(String(r.region), [...(byRegion.get(String(r.region)) ?? []), r]);
  return [...byRegion].map(([region, sites]) => {
    const self = sites.find((s) => s.self);
    const facilities = sites.filter((s) => !s.self);
    const words = [
      ...(self ? [`it is located in ${region}`] : []),
      ...(facilities.length ? [`it operates ${facilities.length === 1 ? 'a facility' : `${facilities.length} facilities`} there (${facilities.map((f) => f.siteName ?? f.siteId).join(', ')})`] : []),
    ];
    const rid = `rg-${region}`;
    return {
      kind: 'REGION' as const, weight: cfg.weights.region,
      detail: `High-risk region ${region}: ${words.join('; ')}.`,
      evidence: {
        nodes: uniq([entityId, ...facilities.map((f) => String(f.siteId)), rid]),
        relationships: sites.flatMap((s) => [
          ...(s.self ? [] : [{ type: 'OPERATES', from: entityId, to: String(s.siteId) }]),
          { type: 'LOCATED_IN', from: String(s.siteId), to: rid },
        ]),
        sources: uniq(sites.flatMap((s) => s.sources as string[])),
      },
    };
  });
}

/** The stake along a chain of percentages (0-100): their product, or null when any is unknown. */
export function chainPercentage(percentages: (number | null | undefined)[]): number | null {
  if (percentages.some((p) => p === null || p === undefined)) return null;
  return round(percentages.reduce<number>((acc, p) => acc * (p! / 100), 1) * 100);
}

interface Listing { entryId: string; program: string; name: string; effectiveDate?: string; region?: string; sources: string[] }
const strongest = (ls: Listing[]) => [...ls].sort((a, b) => listingWeight(b.program) - listingWeight(a.program) || a.entryId.localeCompare(b.entryId))[0]!;

/** OWNERSHIP factors from risk/entity-ownership rows: one per listed owner, its strongest chain. */
export function ownershipFactors(rows: Row[]): Factor[] {
  const best = new Map<string, Factor>();
  for (const r of rows) {
    const path = r.path as string[];
    const pct = chainPercentage(r.percentages as (number | null)[]);
    const weight = pct !== null && pct >= 50 ? cfg.weights.ownershipMajority : cfg.weights.ownershipMinority;
    const listings = r.listings as Listing[];
    const l = strongest(listings);
    const starts = (r.startDates as (string | null)[]).filter((d): d is string => !!d).sort();
    const ends = (r.endDates as (string | null)[]).filter((d): d is string => !!d).sort();
    const hops = path.length - 1;
    const stake = pct === null ? 'an unknown stake (counted as under 50%)' : `${pct}%`;
    const factor: Factor = {
      kind: 'OWNERSHIP', weight,
      ...(starts.length ? { from: starts[starts.length - 1] } : {}),
      ...(ends.length ? { to: ends[0] } : {}),
      detail: `Owned ${hops === 1 ? 'directly' : `through ${hops} levels of ownership`} by ${r.ownerName ?? r.ownerId}, with ${stake}; the owner is on ${programName(l.program)} ("${l.name}").`,
      evidence: {
        nodes: [l.entryId, ...path],
        relationships: [
          { type: 'LISTED', from: String(r.ownerId), to: l.entryId },
          ...path.slice(1).map((to, i) => ({ type: 'OWNS', from: path[i]!, to })),
        ],
        sources: uniq([...listings.flatMap((x) => x.sources), ...(r.relSources as string[][]).flat()]),
      },
    };
    const prev = best.get(String(r.ownerId));
    if (!prev || factor.weight > prev.weight || (factor.weight === prev.weight && factor.evidence.nodes.length < prev.evidence.nodes.length)) best.set(String(r.ownerId), factor);
  }
  return [...best.values()];
}

/** What makes an upstream company risky, and how much (r before decay). */
export function upstreamRisk(r: Row): { r: number; basis: 'listed' | 'region-listed' | 'region'; words: string; listing?: Listing } {
  const own = r.listings as Listing[];
  const regional = r.regionListings as Listing[];
  const regions = r.regions as string[];
  const options: { r: number; basis: 'listed' | 'region-listed' | 'region'; words: string; listing?: Listing }[] = [];
  if (own.length) {
    const l = strongest(own);
    options.push({ r: listingWeight(l.program), basis: 'listed', words: `is on ${programName(l.program)} ("${l.name}")`, listing: l });
  }
  if (regional.length) {
    const l = strongest(regional);
    options.push({ r: listingWeight(l.program), basis: 'region-listed', words: `is located in ${String(l.region).replace(/^rg-/, '')}, named as a whole by ${programName(l.program)}`, listing: l });
  }
  if (regions.length) options.push({ r: cfg.weights.region, basis: 'region', words: `is located in high-risk region ${regions.join(', ')}` });
  // The strongest reason; on a tie a company's own listing goes first (options are in that order).
  return options.reduce((a, b) => (b.r > a.r ? b : a));
}

/** NETWORK factors from risk/entity-network rows: one per risky upstream company, at its nearest tier. */
export function networkFactors(rows: Row[]): Factor[] {
  return rows.map((row) => {
    const tier = Number(row.tier);
    const path = row.path as string[];
    const risk = upstreamRisk(row);
    const shipments = Number(row.lastHopShipments);
    const firsts = (row.hopFirstDates as string[]).filter(Boolean).sort();
    const lasts = (row.hopLastDates as string[]).filter(Boolean).sort();
    const tierWords = tier === 1 ? 'a direct supplier (tier 1)' : `a supplier at tier ${tier}`;
    const listingSources = [...(row.listings as Listing[]), ...(row.regionListings as Listing[])].flatMap((l) => l.sources);
    return {
      kind: 'NETWORK' as const,
      weight: decay(risk.r, tier),
      ...(firsts.length ? { from: firsts[firsts.length - 1] } : {}),
      ...(lasts.length ? { to: lasts[0] } : {}),
      detail: `${row.upstreamName ?? row.upstreamId}, ${tierWords}, ${risk.words}; it shipped ${shipments} shipment${shipments === 1 ? '' : 's'} to the next company of the chain (risk ${risk.r} x ${cfg.weights.networkDecay}^${tier - 1}).`,
      evidence: {
        nodes: [...(risk.listing ? [risk.listing.entryId] : []), ...(risk.listing?.region ? [risk.listing.region] : []), ...path],
        relationships: [
          ...(risk.listing && risk.basis === 'listed' ? [{ type: 'LISTED', from: path[0]!, to: risk.listing.entryId }] : []),
          ...(risk.listing?.region ? [{ type: 'LISTED', from: risk.listing.region, to: risk.listing.entryId }, { type: 'LOCATED_IN', from: path[0]!, to: risk.listing.region }] : []),
          ...path.slice(1).map((to, i) => ({ type: 'SUPPLIES', from: path[i]!, to })),
        ],
        sources: uniq(listingSources),
      },
      tier, shipments, basis: risk.basis,
    };
  });
}

/** COMMODITY weight of a DOL entry: forced labour (or forced child labour) / child labour only / none. */
export function commodityWeight(r: { forcedLabor?: unknown; forcedChildLabor?: unknown; childLabor?: unknown }): number {
  if (r.forcedLabor || r.forcedChildLabor) return cfg.weights.commodityForced;
  if (r.childLabor) return cfg.weights.commodityChild;
  return 0;
}

/** COMMODITY factors from risk/entity-commodity rows: one per DOL entry. */
export function commodityFactors(entityId: string, rows: Row[]): Factor[] {
  return rows.flatMap((r) => {
    const weight = commodityWeight(r);
    if (weight === 0) return [];
    const labour = r.forcedLabor || r.forcedChildLabor ? (r.childLabor ? 'forced and child labour' : 'forced labour') : 'child labour';
    const n = Number(r.shipments);
    const how = r.locatedThere ? `the shipper is located in ${r.country}` : `the shipments' country of origin is ${r.country}`;
    const derived = r.derived ? ` (a derived good, made with inputs${r.derivedFrom ? ` from ${r.derivedFrom}` : ''} listed for forced labour)` : '';
    const sample = r.sampleShipments as string[];
    return [{
      kind: 'COMMODITY' as const, weight,
      ...(r.firstDate ? { from: r.firstDate as string } : {}),
      ...(r.lastDate ? { to: r.lastDate as string } : {}),
      detail: `Shipped ${n} shipment${n === 1 ? '' : 's'} of HS ${(r.shippedCodes as string[]).join(', ')}, covered by the DOL list entry "${r.good}" (HS ${(r.coveredCodes as string[]).join(', ')}) for ${r.country}, listed for ${labour}${derived}; ${how}.`,
      evidence: {
        nodes: [String(r.entryId), `ct-${r.country}`, entityId, ...sample],
        relationships: [
          { type: 'COVERS', from: String(r.entryId), to: `ct-${r.country}` },
          ...sample.map((s) => ({ type: 'SHIPPED', from: entityId, to: s })),
        ],
        sources: uniq(r.sources as string[]),
      },
      shipments: n,
    }];
  });
}

/** Every factor, strongest first (ties: kind, then detail, so the order is stable). */
export function sortFactors(factors: Factor[]): Factor[] {
  return [...factors].sort((a, b) => b.weight - a.weight || a.kind.localeCompare(b.kind) || a.detail.localeCompare(b.detail));
}

export interface RiskResult { score: number; band: Band; factors: Factor[] }

export function assess(factors: Factor[]): RiskResult {
  const score = combine(factors.map((f) => f.weight));
  return { score, band: band(score), factors: sortFactors(factors) };
}
