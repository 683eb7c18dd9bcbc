/**
 * Screening scores (POST /api/screen): how well one candidate from the graph matches one screened name,
 * as a 0..1 score with its per-feature explanation, in the manner of OpenSanctions' yente /match. Pure and
 * deterministic: the route fetches candidates, this module scores them. docs/screening.md describes it.
 *
 * Features:
 * - name: the best similarity between the query's normalised name and any normalised spelling of the
 *   candidate (its name and aliases). Identical normalised names score 1.0; otherwise
 *   0.6 x token-set similarity (Dice over tokens, a token pair counting as shared when identical or, for
 *   tokens of 5+ letters, one edit apart) + 0.4 x Jaro-Winkler over the whole normalised strings.
 * - country: 1 when both sides name the same country, 0 when they differ, null when either is unknown.
 * - identifier: 1 when the two share a `scheme:value` identifier, 0 when they hold different values of the
 *   same scheme (a conflict), null when there is nothing to compare.
 *
 * Combination: the weighted mean of name (0.85) and country (0.15) over the features that can be compared
 * (an unknown country leaves the name alone); a shared identifier is decisive (score 1.0); an identifier
 * conflict multiplies the score by 0.7.
 */
import { normalizeName } from './normalize';

export const WEIGHTS = { name: 0.85, country: 0.15 } as const;
/** A shared identifier decides the match; a conflicting one multiplies the score by this. */
export const IDENTIFIER_CONFLICT_FACTOR = 0.7;
/** Name similarity mix (identical normalised names skip it and score 1.0). */
export const NAME_MIX = { tokens: 0.6, jaroWinkler: 0.4 } as const;

export interface ScreeningQuery {
  name: string;
  /** ISO 3166-1 alpha-2, already resolved by the caller. */
  country?: string | null;
  /** `scheme:value` pairs. */
  identifiers?: string[];
}

export interface Candidate {
  id: string;
  kind: string;
  name: string | null;
  normName?: string | null;
  aliases?: string[];
  country?: string | null;
  identifiers?: string[];
  /** Programs of the listings it is LISTED under (UFLPA, WRO, ...); empty when not listed. */
  programs?: string[];
}

export interface Features {
  name: number;
  country: 1 | 0 | null;
  identifier: 1 | 0 | null;
}

export interface ScreeningResult {
  id: string;
  kind: string;
  name: string | null;
  country: string | null;
  listed: boolean;
  programs: string[];
  score: number;
  match: boolean;
  features: Features;
  explanation: string;
}

/** Levenshtein distance, two rows. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4 characters), 0..1. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aHit = new Array<boolean>(a.length).fill(false);
  const bHit = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (!bHit[j] && a[i] === b[j]) {
        aHit[i] = bHit[j] = true;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let k = 0;
  let halfTranspositions = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aHit[i]) continue;
    while (!bHit[k]) k++;
    if (a[i] !== b[k]) halfTranspositions++;
    k++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - halfTranspositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const tokensMatch = (x: string, y: string) => x === y || (x.length >= 5 && y.length >= 5 && levenshtein(x, y) <= 1);

/** Dice coefficient over tokens; each token of one side pairs with at most one of the other. */
export function tokenSetSimilarity(a: string, b: string): number {
  const ta = a.split(' ').filter(Boolean);
  const tb = b.split(' ').filter(Boolean);
  if (!ta.length || !tb.length) return 0;
  const usedA = new Array<boolean>(ta.length).fill(false);
  const usedB = new Array<boolean>(tb.length).fill(false);
  let shared = 0;
  // Exact pairs first, so a fuzzy pair never takes a token that has an exact partner.
  for (const pass of [(x: string, y: string) => x === y, tokensMatch]) {
    ta.forEach((x, i) => {
      if (usedA[i]) return;
      const j = tb.findIndex((y, k) => !usedB[k] && pass(x, y));
      if (j >= 0) {
        usedA[i] = usedB[j] = true;
        shared++;
      }
    });
  }
  return (2 * shared) / (ta.length + tb.length);
}

/** Similarity of two normalised names (domain/normalize.ts), 0..1; identical names score 1.0. */
export function nameSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  // Different strings never reach 1.0, even with every token shared (reordered words).
  return Math.min(0.99, NAME_MIX.tokens * tokenSetSimilarity(a, b) + NAME_MIX.jaroWinkler * jaroWinkler(a, b));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const lower = (ids: string[] | undefined) => (ids ?? []).map((i) => i.trim().toLowerCase()).filter(Boolean);
const schemeOf = (id: string) => id.slice(0, id.indexOf(':'));

function bestName(query: string, c: Candidate): { score: number; spelling: string; normalised: string } {
  const spellings = [...new Set([c.name, ...(c.aliases ?? [])].filter((s): s is string => !!s))];
  let best = { score: 0, spelling: c.name ?? c.id, normalised: '' };
  for (const spelling of spellings) {
    // The stored normName is the key ingest matched on; other spellings are normalised here the same way.
    const normalised = spelling === c.name && c.normName ? c.normName : normalizeName(spelling);
    const score = nameSimilarity(query, normalised);
    if (score > best.score) best = { score, spelling, normalised };
  }
  return best;
}

/** Scores one candidate against one query; `threshold` sets `match`. */
export function scoreCandidate(query: ScreeningQuery, c: Candidate, threshold: number): ScreeningResult {
  const qName = normalizeName(query.name);
  const name = bestName(qName, c);
  const qCountry = query.country ?? null;
  const cCountry = c.country ?? null;
  const country: Features['country'] = qCountry && cCountry ? (qCountry === cCountry ? 1 : 0) : null;

  const qIds = lower(query.identifiers);
  const cIds = lower(c.identifiers);
  const shared = qIds.filter((i) => cIds.includes(i));
  const cSchemes = new Set(cIds.map(schemeOf));
  const conflicting = shared.length ? [] : qIds.filter((i) => cSchemes.has(schemeOf(i)));
  const identifier: Features['identifier'] = shared.length ? 1 : conflicting.length ? 0 : null;

  let score = country === null ? name.score : WEIGHTS.name * name.score + WEIGHTS.country * country;
  if (identifier === 1) score = 1;
  else if (identifier === 0) score *= IDENTIFIER_CONFLICT_FACTOR;
  score = round(score);

  const words: string[] = [];
  const via = name.spelling === c.name ? '' : ` (alias "${name.spelling}")`;
  if (name.score === 1) words.push(`name identical after normalisation${via}: ${qName}`);
  else words.push(`name similarity ${round(name.score)}${via}: "${qName}" vs "${name.normalised}"`);
  if (country === 1) words.push(`same country (${cCountry})`);
  else if (country === 0) words.push(`country differs (query ${qCountry}, candidate ${cCountry})`);
  else words.push(qCountry ? 'candidate country unknown' : 'no country in the query');
  if (identifier === 1) words.push(`shared identifier ${shared.join(', ')} (decisive)`);
  else if (identifier === 0) words.push(`different identifier of the same scheme (${conflicting.join(', ')})`);
  const programs = [...new Set(c.programs ?? [])].sort();
  if (programs.length) words.push(`listed: ${programs.join(', ')}`);

  return {
    id: c.id, kind: c.kind, name: c.name, country: cCountry, listed: programs.length > 0, programs,
    score, match: score >= threshold, features: { name: round(name.score), country, identifier }, explanation: words.join('; '),
  };
}

/**
 * Scores every candidate of one query: best first (ties: listed first, then name), at most `limit`, none
 * scoring under `cutoff`; a candidate found several ways counts once.
 */
export function rankCandidates(query: ScreeningQuery, candidates: Candidate[], opts: { threshold: number; limit: number; cutoff: number }): ScreeningResult[] {
  const seen = new Set<string>();
  return candidates
    .filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)))
    .map((c) => scoreCandidate(query, c, opts.threshold))
    .filter((r) => r.score >= opts.cutoff)
    .sort((x, y) => y.score - x.score || Number(y.listed) - Number(x.listed) || (x.name ?? '').localeCompare(y.name ?? '') || x.id.localeCompare(y.id))
    .slice(0, opts.limit);
}
