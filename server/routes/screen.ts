/**
 * POST /api/screen: screens up to 100 names (with optional country and identifiers) against the graph and
 * the official lists, in the manner of OpenSanctions' yente /match. Candidates come from one batched read
 * (cypher/risk/screen-candidates.cypher); domain/screening.ts scores them. docs/screening.md has the shape.
 */
import { Router } from 'express';
import type { Driver } from 'neo4j-driver';
import { z } from 'zod';
import { runStatement } from '../../core/neo4j';
import type { CypherRegistry } from '../../cypher/registry';
import { toCountryCode } from '../../domain/countries';
import { normalizeName, searchTokens } from '../../domain/normalize';
import { Candidate, rankCandidates } from '../../domain/screening';
import type { NodeKind } from '../../domain/vocabulary';
import { parseOr400 } from '../validate';

export const MAX_QUERIES = 100;
export const MAX_LIMIT = 50;
/** Fulltext hits fetched per query before scoring: more than `limit`, because our score reorders them. */
const FULLTEXT_HITS = 25;
/** What can be screened: the parties and places a list can name (list entries show as `listed` on them). */
const candidateKinds: NodeKind[] = ['Company', 'Facility', 'Person', 'Vessel'];

const country = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'is longer than 100 characters')
  .transform((s, ctx) => {
    const code = toCountryCode(s);
    if (!code) {
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a known country (use an ISO code or an English name)` });
      return z.NEVER;
    }
    return code;
  });

const identifier = z
  .string()
  .trim()
  .max(100, 'is longer than 100 characters')
  .regex(/^[a-z_]+:\S+$/i, 'must be scheme:value, e.g. uscc:91650421MA77TQ2X7B');

const query = z.strictObject({
  name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(300, 'is longer than 300 characters'),
  country: country.optional(),
  identifiers: z.array(identifier).max(20, 'holds more than 20 identifiers').optional(),
});

const screenBody = z.strictObject({
  queries: z
    .record(z.string().min(1, 'query keys must not be empty').max(100, 'query keys are at most 100 characters'), query, { error: 'is required: an object of queries keyed by your ids' })
    .refine((q) => Object.keys(q).length >= 1, 'must hold at least one query')
    .refine((q) => Object.keys(q).length <= MAX_QUERIES, { message: `holds more than ${MAX_QUERIES} queries; split the batch` }),
  threshold: z.number({ error: 'must be a number from 0 to 1' }).min(0, 'must be at least 0').max(1, 'must be at most 1').default(0.7),
  cutoff: z.number({ error: 'must be a number from 0 to 1' }).min(0, 'must be at least 0').max(1, 'must be at most 1').default(0.5),
  limit: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`).default(5),
});

export function screenRoutes(deps: { driver: Driver; registry: CypherRegistry; database: string; timeoutMs: number }) {
  const candidates = deps.registry.get('risk/screen-candidates');
  const opts = { database: deps.database, timeoutMs: deps.timeoutMs };
  const router = Router();

  router.post('/screen', async (req, res) => {
    const body = parseOr400(screenBody, req.body ?? {}, 'body');
    const entries = Object.entries(body.queries);
    // Lucene text from plain tokens only: no operator or special character of the input reaches the index.
    const sent = entries.map(([key, q]) => ({
      key,
      lucene: searchTokens(q.name).join(' '),
      normName: normalizeName(q.name),
      identifiers: (q.identifiers ?? []).map((i) => i.toLowerCase()),
    }));
    const rows = await runStatement(
      deps.driver,
      candidates,
      { queries: sent, identifiers: [...new Set(sent.flatMap((s) => s.identifiers))], perQuery: FULLTEXT_HITS, kinds: candidateKinds },
      opts,
    );
    const byKey = new Map<string, Candidate[]>();
    for (const row of rows) {
      const key = String(row.key);
      byKey.set(key, [...(byKey.get(key) ?? []), row as unknown as Candidate]);
    }
    const responses = Object.fromEntries(
      entries.map(([key, q]) => [
        key,
        {
          query: { name: q.name, country: q.country ?? null, identifiers: q.identifiers ?? [] },
          results: rankCandidates(q, byKey.get(key) ?? [], body),
        },
      ]),
    );
    res.json({ responses, threshold: body.threshold, cutoff: body.cutoff, limit: body.limit });
  });
  return router;
}
