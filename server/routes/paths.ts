/**
 * GET /api/graph/paths?from=&to=&maxHops=: every shortest path (up to MAX_PATHS) between two entities over
 * the relationships the graph view walks plus SUPPLIES, as Cytoscape elements. docs/screening.md has the
 * shape.
 */
import { Router } from 'express';
import type { Driver } from 'neo4j-driver';
import { z } from 'zod';
import { Invalid, NotFound } from '../../core/errors';
import { runStatement } from '../../core/neo4j';
import type { CypherRegistry } from '../../cypher/registry';
import { nodeKinds, relTypes, type RelType } from '../../domain/vocabulary';
import { CyEdge, CyNode, NodeSummary, toCyEdge, toCyNode } from '../graph/elements';
import { parseOr400, wholeNumber } from '../validate';

export const MAX_HOPS = 6;
export const MAX_PATHS = 10;
/** Walked: facts as loaded (as the neighbourhood) plus the derived shipper -> consignee SUPPLIES edges. */
export const pathTypes: readonly string[] = [...relTypes, 'SUPPLIES'];

const entityId = z.string({ error: 'is required' }).regex(/^[\w.:-]{1,120}$/, 'is not a valid entity id');
const pathsQuery = z.object({
  from: entityId,
  to: entityId,
  maxHops: wholeNumber(1, MAX_HOPS).default(4),
});

export function pathRoutes(deps: { driver: Driver; registry: CypherRegistry; database: string; timeoutMs: number }) {
  const getNodes = deps.registry.get('graph/get-nodes');
  const shortest = deps.registry.get('graph/shortest-paths');
  const opts = { database: deps.database, timeoutMs: deps.timeoutMs };
  const router = Router();

  router.get('/graph/paths', async (req, res) => {
    const { from, to, maxHops } = parseOr400(pathsQuery, req.query, 'query');
    if (from === to) throw new Invalid('to: must differ from from', [{ field: 'to', message: 'must differ from from' }]);
    const found = await runStatement(deps.driver, getNodes, { ids: [from, to], kinds: nodeKinds }, opts);
    const known = new Set(found.map((r) => (r.node as NodeSummary).id));
    const missing = [from, to].filter((id) => !known.has(id));
    if (missing.length) throw new NotFound(`no entity with id ${missing.join(', ')}`);

    // One more than the cap tells whether some were left out.
    const rows = await runStatement(deps.driver, shortest, { from, to, types: pathTypes, maxHops, cap: MAX_PATHS + 1, kinds: nodeKinds }, opts);
    const kept = rows.slice(0, MAX_PATHS);
    const nodes = new Map<string, CyNode>();
    const edges = new Map<string, CyEdge>();
    const routes = kept.map((row) => {
      const pathNodes = row.nodes as NodeSummary[];
      // SUPPLIES is derived, outside RelType, but the view draws any type it is given.
      const pathEdges = (row.edges as { source: string; target: string; type: RelType }[]).map((e) => toCyEdge(e.source, e.target, e.type));
      for (const n of pathNodes) nodes.set(n.id, toCyNode(n));
      for (const e of pathEdges) edges.set(e.data.id, e);
      return { hops: pathEdges.length, nodes: pathNodes.map((n) => n.id), edges: pathEdges.map((e) => e.data.id) };
    });
    res.json({
      from, to, maxHops,
      paths: routes.length,
      hops: routes[0]?.hops ?? null,
      truncated: rows.length > MAX_PATHS,
      routes,
      elements: { nodes: [...nodes.values()], edges: [...edges.values()] },
    });
  });
  return router;
}
