/**
 * GET /api/risk/entities/:id?asOf=YYYY-MM-DD&maxTier=1..6 -> {entity, asOf, score, band, factors}: the
 * explainable risk of one entity on a date (docs/risk.md). Each factor comes from one read statement in
 * cypher/risk/; domain/risk.ts turns their rows into weighted factors with evidence and combines them.
 */
import { Router } from 'express';
import type { Driver } from 'neo4j-driver';
import { z } from 'zod';
import { NotFound } from '../../core/errors';
import { runStatement } from '../../core/neo4j';
import type { CypherRegistry } from '../../cypher/registry';
import { isoDate } from '../../domain/fields';
import { regionNodeId } from '../../domain/places';
import {
  assess, commodityFactors, type Factor, listedFactors, networkFactors, ownershipFactors, regionFactors, type RiskResult,
} from '../../domain/risk';
import { riskConfig } from '../../domain/risk-config';
import { nodeKinds } from '../../domain/vocabulary';
import { parseOr400, wholeNumber } from '../validate';

const idParam = z.object({ id: z.string().regex(/^[\w.:-]{1,120}$/, 'is not a valid entity id') });
const riskQuery = z.object({
  asOf: isoDate.optional(),
  maxTier: wholeNumber(1, riskConfig.maxTier).default(riskConfig.defaultTier),
});

export interface EntityRisk extends RiskResult {
  entity: { id: string; kind: string; name: string | null };
  asOf: string;
}

type Deps = { driver: Driver; registry: CypherRegistry; database: string; timeoutMs: number };

/** The risk of one entity on `asOf` (YYYY-MM-DD), or null when there is no such entity. */
export function entityRiskService(deps: Deps) {
  const st = (name: string) => deps.registry.get(`risk/${name}`);
  const getEntity = deps.registry.get('graph/get-entity');
  const [listings, regions, ownership, network, commodity] = ['entity-listings', 'entity-regions', 'entity-ownership', 'entity-network', 'entity-commodity'].map(st) as [
    ReturnType<typeof st>, ReturnType<typeof st>, ReturnType<typeof st>, ReturnType<typeof st>, ReturnType<typeof st>,
  ];
  const opts = { database: deps.database, timeoutMs: deps.timeoutMs };
  const run = (stmt: ReturnType<typeof st>, params: Record<string, unknown>) => runStatement(deps.driver, stmt, params, opts);

  return async (id: string, asOf: string, maxTier: number): Promise<EntityRisk | null> => {
    const [row] = await run(getEntity, { id, kinds: nodeKinds });
    if (!row) return null;
    const props = row.properties as Record<string, unknown>;
    const lists = { listedPrograms: riskConfig.listedPrograms, statusPrograms: riskConfig.statusPrograms, activeStatuses: riskConfig.activeStatuses };
    const places = { regions: riskConfig.highRiskRegions, regionIds: riskConfig.highRiskRegions.map(regionNodeId) };
    const [l, r, o, n, c] = await Promise.all([
      run(listings, { id, asOf, ...lists }),
      run(regions, { id, ...places }),
      run(ownership, { id, asOf, ...lists }),
      run(network, { id, asOf, maxTier, ...lists, ...places }),
      run(commodity, { id, asOf, dolProgram: riskConfig.dolProgram }),
    ]);
    // FINDING factors wait for the Finding model (issue 6).
    const factors: Factor[] = [...listedFactors(id, l), ...regionFactors(id, r), ...ownershipFactors(o), ...networkFactors(n), ...commodityFactors(id, c)];
    return { entity: { id, kind: String(row.kind), name: (props.name as string | undefined) ?? null }, asOf, ...assess(factors) };
  };
}

export function riskRoutes(deps: Deps) {
  const explain = entityRiskService(deps);
  const router = Router();
  router.get('/risk/entities/:id', async (req, res) => {
    const { id } = parseOr400(idParam, req.params, 'id');
    const { asOf, maxTier } = parseOr400(riskQuery, req.query, 'query');
    const day = asOf ?? new Date().toISOString().slice(0, 10);
    const result = await explain(id, day, maxTier);
    if (!result) throw new NotFound(`no entity with id ${id}`);
    const { entity, score, band, factors } = result;
    res.json({ entity, asOf: day, score, band, factors });
  });
  return router;
}
