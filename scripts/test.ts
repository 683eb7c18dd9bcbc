/**
 * `npm test`: typecheck, then unit, integration and e2e tests. Starts its own Neo4j ("test" instance:
 * port 7688, fresh data folder each run) and its own Redis (port 6391) unless NEO4J_URI / REDIS_URL are
 * given, so it never touches the demo. Extra arguments go to jest (e.g. `npm test -- --selectProjects unit`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../core/config';
import { buildWebIfStale, neo4jStop, startNeo4j, startRedis, Started } from './services';

const say = (s: string) => console.log(`[test] ${s}`);

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const tc = spawnSync('npm', ['run', '--silent', 'typecheck'], { cwd: projectRoot, stdio: 'inherit' });
  if (tc.status !== 0) {
    say('typecheck failed');
    return 1;
  }
  say('typecheck passed');
  const started: Started[] = [];
  // Test settings win over a developer's .env: tests must never reach the demo's services.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    QUEUE_PREFIX: `threadline-test-${process.pid}`,
    DATA_DIR: path.join(projectRoot, 'artifacts', 'test-data'),
  };
  // Ctrl-C must not leave the test Neo4j and Redis running.
  const stopAll = async () => {
    for (const s of started.reverse()) await s.stop().catch((e) => say(`stop: ${(e as Error).message}`));
    started.length = 0;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll().then(() => process.exit(130)));
  try {
    if (!process.env.NEO4J_URI) {
      env.NEO4J_PASSWORD = process.env.TEST_NEO4J_PASSWORD ?? 'threadline-test-only';
      const inst = { name: 'test', port: Number(process.env.TEST_NEO4J_BOLT_PORT ?? 7688), password: env.NEO4J_PASSWORD, heap: '1g', pagecache: '512m' };
      // A fresh database each run: tests start from a known state and old runs cannot leak into new
      // ones. An instance left running by an interrupted run is stopped before its folder goes.
      await neo4jStop(inst.name);
      fs.rmSync(path.join(projectRoot, '.neo4j', 'test', 'data'), { recursive: true, force: true });
      const neo = await startNeo4j(inst, say);
      started.push(neo);
      env.NEO4J_URI = neo.url;
      // Tests that restart Neo4j mid-import (test/integration/ingest-faults.test.ts) need to know which one.
      env.TEST_NEO4J_INSTANCE = JSON.stringify(inst);
    }
    if (!process.env.REDIS_URL) {
      const redis = await startRedis('test', Number(process.env.TEST_REDIS_PORT ?? 6391), false);
      started.push(redis);
      env.REDIS_URL = redis.url;
    }
    buildWebIfStale(say);
    fs.rmSync(env.DATA_DIR!, { recursive: true, force: true });
    const jest = spawnSync('npx', ['jest', '--runInBand', ...args], { cwd: projectRoot, stdio: 'inherit', env });
    return jest.status ?? 1;
  } finally {
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    say(`could not run the tests: ${(err as Error).message}`);
    process.exit(1);
  },
);
