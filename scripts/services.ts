/**
 * Starting and stopping the project's own Neo4j and Redis, for `npm start` (the demo instances) and
 * `npm test` (separate test instances on their own ports and folders). Both are skipped when the user
 * points NEO4J_URI / REDIS_URL at servers of their own.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../core/config';

const run = promisify(execFile);
const neo4jScript = path.join(projectRoot, 'scripts', 'neo4j', 'neo4j.sh');

export interface Neo4jInstance {
  name: string;
  port: number;
  password: string;
  heap?: string;
  pagecache?: string;
}

export interface Started {
  url: string;
  /** Milliseconds the start took (0 when it was already running). */
  ms: number;
  stop(): Promise<void>;
}

export async function startNeo4j(inst: Neo4jInstance, log: (s: string) => void = console.log): Promise<Started> {
  const t0 = Date.now();
  const env = {
    ...process.env,
    NEO4J_BOLT_PORT: String(inst.port),
    NEO4J_PASSWORD: inst.password,
    NEO4J_USER: 'neo4j',
    ...(inst.heap ? { NEO4J_HEAP: inst.heap } : {}),
    ...(inst.pagecache ? { NEO4J_PAGECACHE: inst.pagecache } : {}),
  };
  // Inherit stderr so the first run's "assembling Neo4j from Maven Central" is visible.
  const res = spawnSync('bash', [neo4jScript, 'start', inst.name], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (res.status !== 0) throw new Error(`Neo4j (${inst.name}) did not start; see the messages above`);
  log(`Neo4j ${inst.name} on bolt://127.0.0.1:${inst.port}`);
  return {
    url: `bolt://127.0.0.1:${inst.port}`,
    ms: Date.now() - t0,
    stop: async () => {
      await run('bash', [neo4jScript, 'stop', inst.name], { env });
    },
  };
}

/** Stops an instance of ours if it runs (no-op otherwise). */
export async function neo4jStop(name: string): Promise<void> {
  await run('bash', [neo4jScript, 'stop', name]);
}

export function installNeo4j(): void {
  const res = spawnSync('bash', [neo4jScript, 'install'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (res.status !== 0) throw new Error('could not assemble Neo4j from Maven Central; see the messages above');
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
  });
}

/**
 * A local redis-server in .redis/<name>. `persist` turns on append-only persistence (the demo keeps its
 * queue across restarts); tests throw theirs away.
 */
export async function startRedis(name: string, port: number, persist: boolean): Promise<Started> {
  const t0 = Date.now();
  const dir = path.join(projectRoot, '.redis', name);
  fs.mkdirSync(dir, { recursive: true });
  const pidfile = path.join(dir, 'redis.pid');
  const url = `redis://127.0.0.1:${port}`;
  const ours = fs.existsSync(pidfile) && isAlive(Number(fs.readFileSync(pidfile, 'utf8')));
  if (!ours) {
    if (await portAnswers(port)) throw new Error(`port ${port} is taken by another program; set REDIS_URL or pick another port`);
    const which = spawnSync('redis-server', ['--version']);
    if (which.error) throw new Error('redis-server is not installed: install it (apt-get install redis-server) or set REDIS_URL');
    await run('redis-server', [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'yes', '--pidfile', pidfile,
      '--logfile', path.join(dir, 'redis.log'), '--save', '', '--appendonly', persist ? 'yes' : 'no',
    ]);
    for (let i = 0; i < 50 && !(await portAnswers(port)); i++) await new Promise((r) => setTimeout(r, 100));
    if (!(await portAnswers(port))) throw new Error(`redis-server did not answer on port ${port}; see ${dir}/redis.log`);
  }
  return {
    url,
    ms: ours ? 0 : Date.now() - t0,
    stop: async () => {
      const pid = fs.existsSync(pidfile) ? Number(fs.readFileSync(pidfile, 'utf8')) : 0;
      if (pid && isAlive(pid)) {
        process.kill(pid, 'SIGTERM');
        for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/** A pid from our pidfile still names our redis-server (pids are reused after a crash or reboot). */
function isAlive(pid: number): boolean {
  if (!pid) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server');
  } catch {
    return false;
  }
}

/** Builds web/dist when it is missing or older than any source file of the front end. */
export function buildWebIfStale(log: (s: string) => void = console.log): void {
  const dist = path.join(projectRoot, 'web', 'dist', 'index.html');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'dist' ? m : Math.max(m, newest(p));
      return Math.max(m, fs.statSync(p).mtimeMs);
    }, 0);
  if (fs.existsSync(dist) && fs.statSync(dist).mtimeMs >= newest(path.join(projectRoot, 'web'))) return;
  log('building the front end (vite)…');
  const res = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'], { cwd: projectRoot, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('the front end did not build; see the messages above');
}
