/** GET /api/entities/:id and GET /api/entities/:id/neighborhood?depth=&limit= */
import { Router } from 'express';
import type { Driver } from 'neo4j-driver';
import { z } from 'zod';
import { NotFound } from '../../core/errors';
import { runStatement } from '../../core/neo4j';
import type { CypherRegistry } from '../../cypher/registry';
import { nodeKinds } from '../../domain/vocabulary';
import { neighborhoodService } from '../graph/neighborhood';
import { parseOr400, wholeNumber } from '../validate';

export const MAX_DEPTH = 3;
export const MAX_NODES = 500;

const idParam = z.object({ id: z.string().regex(/^[\w.:-]{1,120}$/, 'is not a valid entity id') });
const neighborhoodQuery = z.object({
  depth: wholeNumber(1, MAX_DEPTH).default(1),
  limit: wholeNumber(1, MAX_NODES).default(100),
});

// Kept out of the public entity JSON: bookkeeping that duplicates other fields.
const hidden = new Set(['normName']);

export function entityRoutes(deps: { driver: Driver; registry: CypherRegistry; database: string; timeoutMs: number }) {
  const getEntity = deps.registry.get('graph/get-entity');
  const neighborhood = neighborhoodService(deps.driver, deps.registry, deps.database, deps.timeoutMs);
  const opts = { database: deps.database, timeoutMs: deps.timeoutMs };
  const router = Router();

  router.get('/entities/:id', async (req, res) => {
    const { id } = parseOr400(idParam, req.params, 'id');
    const [row] = await runStatement(deps.driver, getEntity, { id, kinds: nodeKinds }, opts);
    if (!row) throw new NotFound(`no entity with id ${id}`);
    const properties = Object.fromEntries(Object.entries(row.properties as Record<string, unknown>).filter(([k]) => !hidden.has(k)));
    res.json({
      entity: { id, kind: row.kind, name: properties.name ?? null, country: properties.country ?? null, listed: row.listed, properties, listings: row.listings },
    });
  });

  router.get('/entities/:id/neighborhood', async (req, res) => {
    const { id } = parseOr400(idParam, req.params, 'id');
    const { depth, limit } = parseOr400(neighborhoodQuery, req.query, 'query');
    res.json(await neighborhood(id, depth, limit));
  });
  return router;
}
