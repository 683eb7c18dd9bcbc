/**
 * Exports the subgraph around one or more entities as FollowTheMoney JSON lines (docs/formats/ftm.md).
 *
 *   npm run export:ftm -- <id> [<id> ...] [--depth N] [--limit N] [--out file]
 *
 * depth 1-3 (1), limit 1-5000 nodes (500). Without --out the lines go to stdout (so `| ftm validate` or
 * `| alephclient write-entities` work); notes go to stderr. Exit code 0 when written, 1 when an id is
 * unknown or the database cannot be reached, 2 for bad usage.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { config } from '../core/config';
import { runCli } from './cli';
import { createDriver, runStatement } from '../core/neo4j';
import { CypherRegistry } from '../cypher/registry';
import { exportLimits, exportParams, subgraphToFtm } from '../domain/ftm';

const usage = `usage: npm run export:ftm -- <id> [<id> ...] [--depth 1-${exportLimits.maxDepth}] [--limit 1-${exportLimits.maxNodes}] [--out file]`;

class UsageError extends Error {}

const whole = (v: string | undefined, name: string, max: number) => {
  const n = Number(v);
  if (!v || !/^\d+$/.test(v) || n < 1 || n > max) throw new UsageError(`${name} must be a whole number from 1 to ${max}\n${usage}`);
  return n;
};

export function parseArgs(argv: string[]) {
  const ids: string[] = [];
  let depth = 1;
  let limit: number = exportLimits.defaultNodes;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--depth') depth = whole(argv[++i], '--depth', exportLimits.maxDepth);
    else if (a === '--limit') limit = whole(argv[++i], '--limit', exportLimits.maxNodes);
    else if (a === '--out') {
      out = argv[++i];
      if (!out || out.startsWith('--')) throw new UsageError(`--out needs a file\n${usage}`);
    }
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}\n${usage}`);
    else ids.push(a);
  }
  if (!ids.length) throw new UsageError(usage);
  if (ids.length > exportLimits.maxIds) throw new UsageError(`at most ${exportLimits.maxIds} ids\n${usage}`);
  return { ids: [...new Set(ids)], depth, limit, out };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const cfg = config();
  const registry = CypherRegistry.load();
  const driver = createDriver(cfg, { maxRetryMs: 2_000 });
  try {
    const [row] = await runStatement(driver, registry.get('graph/export-subgraph'), exportParams(args.ids, args.depth, args.limit), { database: cfg.NEO4J_DATABASE });
    const { missing, truncated, entities } = subgraphToFtm(row);
    if (missing.length) {
      console.error(`export:ftm: no exportable entity with id ${missing.join(', ')}`);
      return 1;
    }
    const sink = args.out ? fs.createWriteStream(args.out) : process.stdout;
    for (const entity of entities) {
      if (!sink.write(`${JSON.stringify(entity)}\n`)) await once(sink, 'drain');
    }
    if (sink !== process.stdout) await new Promise<void>((resolve, reject) => (sink as fs.WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
    console.error(`export:ftm: ${entities.length} entities${args.out ? ` written to ${args.out}` : ''}` +
      (truncated ? ` (the subgraph has more than ${args.limit} nodes; raise --limit or lower --depth for the rest)` : ''));
    return 0;
  } finally {
    await driver.close();
  }
}

// `npm run export:ftm -- x | head` closes the pipe early; that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

if (require.main === module) runCli(main, 'export:ftm', (err) => err instanceof UsageError);
