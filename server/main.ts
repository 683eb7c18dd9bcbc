/** Starts the API: connects to Neo4j and Redis, applies the schema, listens, and shuts down gracefully. */
import fs from 'node:fs';
import path from 'node:path';
import { config, ConfigError, projectRoot } from '../core/config';
import { createLogger } from '../core/logger';
import { ingestQueue } from '../core/imports';
import { createDriver } from '../core/neo4j';
import { createRedis } from '../core/redis';
import { applySchema } from '../core/schema';
import { CypherRegistry } from '../cypher/registry';
import { buildApp } from './app';

async function main() {
  const cfg = config();
  const log = createLogger(cfg.LOG_LEVEL, 'api');
  const registry = CypherRegistry.load();
  const driver = createDriver(cfg, { maxRetryMs: 2_000 });
  await driver.verifyConnectivity({ database: cfg.NEO4J_DATABASE });
  await applySchema(driver, registry, cfg.NEO4J_DATABASE);
  const redis = createRedis(cfg.REDIS_URL);
  await redis.connect();
  const version = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  // Uploads, cancel, retry and live status go through the ingest queue; the workers run the jobs.
  const queue = ingestQueue(redis, cfg.QUEUE_PREFIX);
  const app = buildApp({
    driver, redis, registry, log, version, database: cfg.NEO4J_DATABASE, queryTimeoutMs: cfg.QUERY_TIMEOUT_MS,
    webDir: path.join(projectRoot, 'web', 'dist'), queue, dataDir: cfg.DATA_DIR, maxUploadMb: cfg.MAX_UPLOAD_MB,
  });
  const server = app.listen(cfg.PORT, cfg.HOST, () => {
    log.info({ url: `http://${cfg.HOST}:${cfg.PORT}` }, 'Threadline API listening');
  });
  server.on('error', (err) => {
    log.fatal({ err: err.message }, 'cannot listen');
    process.exit(1);
  });
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    server.close(() => void Promise.all([driver.close(), queue.close().then(() => redis.quit())]).finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
