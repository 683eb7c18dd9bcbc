/**
 * GET /api/export/ftm?ids=a,b&depth=&limit=: the subgraph around the given entities as FollowTheMoney JSON
 * lines (application/x-ndjson), one entity per line, written as it goes. Mapping and limits: domain/ftm.ts,
 * docs/formats/ftm.md. `X-Truncated: true` says the node limit left some of the subgraph out.
 */
import { Router, type Response } from 'express';
import type { Driver } from 'neo4j-driver';
import { z } from 'zod';
import { NotFound } from '../../core/errors';
import { runStatement } from '../../core/neo4j';
import type { CypherRegistry } from '../../cypher/registry';
import { exportKinds, exportLimits, exportParams, subgraphToFtm } from '../../domain/ftm';
import { parseOr400, wholeNumber } from '../validate';

const entityId = /^[\w.:-]{1,120}$/;

export const exportQuery = z.object({
  ids: z
    .string({ error: 'is required' })
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))])
    .pipe(
      z
        .array(z.string().regex(entityId, 'is not a valid entity id'))
        .min(1, 'is required: one or more entity ids, separated by commas')
        .max(exportLimits.maxIds, `may name at most ${exportLimits.maxIds} entities`),
    ),
  depth: wholeNumber(1, exportLimits.maxDepth).default(1),
  limit: wholeNumber(1, exportLimits.maxNodes).default(exportLimits.defaultNodes),
});

/** Resolves once the client has taken what was written, or has gone away. */
const drained = (res: Response) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });

export function exportRoutes(deps: { driver: Driver; registry: CypherRegistry; database: string; timeoutMs: number }) {
  const exportSubgraph = deps.registry.get('graph/export-subgraph');
  const opts = { database: deps.database, timeoutMs: deps.timeoutMs };
  const router = Router();

  router.get('/export/ftm', async (req, res) => {
    const { ids, depth, limit } = parseOr400(exportQuery, req.query, 'query');
    const [row] = await runStatement(deps.driver, exportSubgraph, exportParams(ids, depth, limit), opts);
    const { missing, truncated, entities } = subgraphToFtm(row);
    if (missing.length) {
      throw new NotFound(`no ${exportKinds.join(', ')} entity with id ${missing.join(', ')}`);
    }
    res.status(200).type('application/x-ndjson');
    res.setHeader('Content-Disposition', 'attachment; filename="threadline-export.ftm.json"');
    res.setHeader('X-Truncated', String(truncated));
    for (const entity of entities) {
      if (res.destroyed) return;
      if (!res.write(`${JSON.stringify(entity)}\n`)) await drained(res);
    }
    res.end();
  });
  return router;
}
