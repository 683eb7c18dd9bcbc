/** GET /api/health: is each dependency answering? 503 names the part that is not. */
import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { Driver } from 'neo4j-driver';
import { runStatement } from '../../core/neo4j';
import type { CypherRegistry } from '../../cypher/registry';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

export function healthRoutes(deps: { driver: Driver; redis: Redis; registry: CypherRegistry; database: string; version: string }) {
  const ping = deps.registry.get('system/ping');
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [neo4j, redis] = await Promise.allSettled([
      withTimeout(runStatement(deps.driver, ping, {}, { database: deps.database, timeoutMs: 3_000 }), 4_000),
      withTimeout(deps.redis.ping(), 3_000),
    ]);
    const body = {
      status: neo4j.status === 'fulfilled' && redis.status === 'fulfilled' ? 'ok' : 'unavailable',
      neo4j: neo4j.status === 'fulfilled' ? 'up' : 'down',
      redis: redis.status === 'fulfilled' ? 'up' : 'down',
      version: deps.version,
      uptimeSeconds: Math.round(process.uptime()),
    };
    if (body.status === 'ok') {
      res.json(body);
      return;
    }
    const down = [neo4j.status === 'rejected' ? `neo4j: ${(neo4j.reason as Error).message}` : '', redis.status === 'rejected' ? `redis: ${(redis.reason as Error).message}` : '']
      .filter(Boolean)
      .join('; ');
    res.status(503).json({ ...body, error: { code: 'unavailable', message: `down: ${down}` } });
  });
  return router;
}
