/**
 * `npm start`: everything a new user needs, in order. Writes .env with a random Neo4j password on the
 * first run, starts Neo4j and Redis unless NEO4J_URI / REDIS_URL point elsewhere, builds the front end,
 * starts the API and the ingest worker, loads the bundled demo data once, and prints the address.
 * Ctrl-C stops what it started.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { config, loadDotEnv, projectRoot } from '../core/config';
import { enqueueImport, followImport, ingestQueue, stageFile } from '../core/imports';
import { createDriver, runStatement } from '../core/neo4j';
import { createRedis } from '../core/redis';
import { CypherRegistry } from '../cypher/registry';
import { importId } from '../domain/ids';
import type { ImportKind } from '../domain/vocabulary';
import { printResult } from './import';
import { buildWebIfStale, startNeo4j, startRedis, Started } from './services';

/** The demo, in load order: the list first, so listed companies carry the list's spelling as their name. */
export const demoFiles: { kind: ImportKind; file: string }[] = [
  { kind: 'uflpa', file: 'data/lists/dhs_uflpa.json' },
  { kind: 'wro', file: 'data/lists/cbp_wro.json' },
  { kind: 'dolgoods', file: 'data/lists/goods_2021.xml' },
  { kind: 'companies', file: 'data/demo/companies.csv' },
  { kind: 'shipments', file: 'data/demo/shipments.csv' },
];

const say = (s: string) => console.log(`[threadline] ${s}`);

function ensureDotEnv(): void {
  loadDotEnv();
  if (process.env.NEO4J_PASSWORD) return;
  const file = path.join(projectRoot, '.env');
  const password = randomBytes(18).toString('base64url');
  fs.appendFileSync(file, `${fs.existsSync(file) ? '\n' : ''}# written by npm start on first run; the demo Neo4j's password\nNEO4J_PASSWORD=${password}\n`, { mode: 0o600 });
  process.env.NEO4J_PASSWORD = password;
  say(`wrote a random NEO4J_PASSWORD to ${file}`);
}

function spawnChild(name: string, script: string, env: NodeJS.ProcessEnv, logDir: string): ChildProcess {
  const out = fs.openSync(path.join(logDir, `${name}.log`), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: projectRoot, env, stdio: ['ignore', out, out] });
  return child;
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited (code ${child.exitCode}); last lines of ${logFile}:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API did not become healthy within 60 s; see ${logFile}`);
}

const tail = (file: string) => fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');

async function loadDemo(): Promise<void> {
  const cfg = config();
  const driver = createDriver(cfg);
  const registry = CypherRegistry.load();
  const redis = createRedis(cfg.REDIS_URL, { forWorker: true });
  const queue = ingestQueue(redis, cfg.QUEUE_PREFIX);
  try {
    for (const { kind, file } of demoFiles) {
      const full = path.join(projectRoot, file);
      const sha = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
      const [done] = await runStatement(driver, registry.get('ingest/get-import'), { id: importId(sha, kind) }, { database: cfg.NEO4J_DATABASE });
      if ((done?.import as { status?: string } | undefined)?.status === 'completed') {
        say(`demo ${file}: already loaded`);
        continue;
      }
      const data = await stageFile(full, kind, cfg.DATA_DIR, 'npm-start');
      const { job } = await enqueueImport(queue, data, { force: true });
      const bar = new cliProgress.SingleBar({ format: `[threadline] loading ${file} {bar} {percentage}% | {rows} rows`, noTTYOutput: true, notTTYSchedule: 5000 }, cliProgress.Presets.shades_classic);
      bar.start(100, 0, { rows: 0 });
      const outcome = await followImport(queue, String(job.id), (p) => bar.update(p.percent ?? 0, { rows: p.rowsRead ?? 0 }));
      if (outcome.state === 'failed') {
        bar.stop();
        throw new Error(`demo ${file} did not load: ${outcome.reason}`);
      }
      bar.update(100, { rows: outcome.result.rowsRead });
      bar.stop();
      printResult(outcome.result);
    }
  } finally {
    await queue.close();
    redis.disconnect();
    await driver.close();
  }
}

async function main() {
  const t0 = Date.now();
  ensureDotEnv();
  const started: Started[] = [];
  const children: ChildProcess[] = [];
  const stopAll = async () => {
    const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
    running.forEach((c) => c.kill('SIGTERM'));
    const killer = setTimeout(() => running.forEach((c) => c.kill('SIGKILL')), 20_000);
    await Promise.all(running.map((c) => new Promise((r) => c.once('exit', r))));
    clearTimeout(killer);
    for (const s of started.reverse()) await s.stop().catch((e) => say(`stop: ${(e as Error).message}`));
  };
  let stopping = false;
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    void stopAll().then(() => process.exit(code));
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));

  try {
    if (!process.env.NEO4J_URI) {
      const port = Number(process.env.NEO4J_BOLT_PORT ?? 7687);
      const neo = await startNeo4j({ name: 'demo', port, password: process.env.NEO4J_PASSWORD!, heap: process.env.NEO4J_HEAP ?? '4g', pagecache: process.env.NEO4J_PAGECACHE ?? '4g' }, say);
      started.push(neo);
      process.env.NEO4J_URI = neo.url;
      say(`Neo4j ready in ${(neo.ms / 1000).toFixed(1)} s`);
    } else say(`using Neo4j at ${process.env.NEO4J_URI}`);
    if (!process.env.REDIS_URL) {
      const redis = await startRedis('demo', Number(process.env.REDIS_PORT ?? 6380), true);
      started.push(redis);
      process.env.REDIS_URL = redis.url;
      say(`Redis on ${redis.url} (append-only persistence in .redis/demo)`);
    } else say(`using Redis at ${process.env.REDIS_URL}`);

    const cfg = config();
    buildWebIfStale(say);
    const logDir = path.join(cfg.DATA_DIR, 'logs');
    fs.mkdirSync(logDir, { recursive: true });
    const env = { ...process.env };
    const worker = spawnChild('worker', 'workers/main.ts', env, logDir);
    const api = spawnChild('api', 'server/main.ts', env, logDir);
    children.push(worker, api);
    for (const [name, child] of [['worker', worker], ['api', api]] as const) {
      child.once('exit', (code) => {
        if (stopping) return;
        say(`the ${name} exited (code ${code}); last lines of ${path.join(logDir, `${name}.log`)}:\n${tail(path.join(logDir, `${name}.log`))}`);
        shutdown(1);
      });
    }
    const url = `http://${cfg.HOST}:${cfg.PORT}`;
    await waitForHealth(url, api, path.join(logDir, 'api.log'));
    await loadDemo();
    say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: open ${url}  (logs in ${logDir}; Ctrl-C stops everything)`);
  } catch (err) {
    say(`start failed: ${(err as Error).message}`);
    await stopAll();
    process.exit(1);
  }
}

void main();
