/**
 * Builds the Express app from its dependencies; connecting and listening is server/main.ts's job, so
 * tests build the same app against their own Neo4j and Redis.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Queue } from 'bullmq';
import express from 'express';
import type { Redis } from 'ioredis';
import type { Driver } from 'neo4j-driver';
import type { Logger } from '../core/logger';
import type { CypherRegistry } from '../cypher/registry';
import { errorHandler, notFoundApi } from './middleware/errors';
import { requestContext } from './middleware/request-context';
import { entityRoutes } from './routes/entities';
import { exportRoutes } from './routes/export';
import { healthRoutes } from './routes/health';
import { importRoutes } from './routes/imports';
import { pathRoutes } from './routes/paths';
import { screenRoutes } from './routes/screen';
import { riskRoutes } from './routes/risk';
import { searchRoutes } from './routes/search';

export interface AppDeps {
  driver: Driver;
  redis: Redis;
  registry: CypherRegistry;
  log: Logger;
  database: string;
  queryTimeoutMs: number;
  version: string;
  /** The built front end (web/dist); when missing the API still runs and / explains how to build it. */
  webDir: string;
  /** The ingest queue (no worker here): uploads are queued, cancelled, retried and followed through it. */
  queue: Queue;
  /** The imports area (DATA_DIR), shared with the workers: uploads are staged into it. */
  dataDir: string;
  /** Largest upload accepted, in MiB (MAX_UPLOAD_MB). */
  maxUploadMb: number;
}

export function buildApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestContext(deps.log));
  app.use(express.json({ limit: '1mb' }));

  const q = { driver: deps.driver, registry: deps.registry, database: deps.database, timeoutMs: deps.queryTimeoutMs };
  const api = express.Router();
  api.use(healthRoutes({ ...q, redis: deps.redis, version: deps.version }));
  api.use(searchRoutes(q));
  api.use(entityRoutes(q));
  api.use(exportRoutes(q));
  api.use(screenRoutes(q));
  api.use(pathRoutes(q));
  api.use(riskRoutes(q));
  api.use(importRoutes({ ...q, queue: deps.queue, dataDir: deps.dataDir, maxUploadMb: deps.maxUploadMb }));
  api.use(notFoundApi);
  app.use('/api', api);

  const index = path.join(deps.webDir, 'index.html');
  app.use(express.static(deps.webDir, { index: 'index.html', maxAge: '1h', setHeaders: (res, file) => {
    // index.html names the hashed bundles, so it must never be cached stale.
    if (file.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
  } }));
  app.get(/^\/(?!api\/).*/, (_req, res) => {
    if (fs.existsSync(index)) res.sendFile(index);
    else res.status(503).type('text').send('The front end is not built yet: run `npm run build:web` (npm start does it for you).');
  });
  app.use(errorHandler);
  return app;
}
