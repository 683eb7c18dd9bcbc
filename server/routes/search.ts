/** GET /api/search?q=&limit=: fulltext over names and aliases; input is reduced to plain tokens first. */
import { Router } from 'express';
import type { Driver } from 'neo4j-driver';
import { z } from 'zod';
import { runStatement } from '../../core/neo4j';
import type { CypherRegistry } from '../../cypher/registry';
import { searchTokens } from '../../domain/normalize';
import { nodeKinds } from '../../domain/vocabulary';
import { Invalid } from '../../core/errors';
import { parseOr400, wholeNumber } from '../validate';

const searchQuery = z.object({
  q: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'is longer than 200 characters'),
  limit: wholeNumber(1, 50).default(20),
});

/**
 * Lucene query from user text: tokens are letters and digits only (no operator or special character
 * survives), all optional so the best-matching name ranks first; the last one also as a prefix, for
 * type-ahead.
 */
export function luceneQuery(text: string): string {
  const tokens = searchTokens(text);
  if (!tokens.length) throw new Invalid('q: must contain at least one letter or digit');
  const last = tokens[tokens.length - 1];
  return [...tokens, `${last}*`].join(' ');
}

export function searchRoutes(deps: { driver: Driver; registry: CypherRegistry; database: string; timeoutMs: number }) {
  const search = deps.registry.get('graph/search-entities');
  const router = Router();
  router.get('/search', async (req, res) => {
    const { q, limit } = parseOr400(searchQuery, req.query, 'query');
    const rows = await runStatement(deps.driver, search, { query: luceneQuery(q), limit, kinds: nodeKinds }, { database: deps.database, timeoutMs: deps.timeoutMs });
    res.json({ query: q, results: rows });
  });
  return router;
}
