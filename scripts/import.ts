/**
 * The import CLI: stages a file, enqueues it for the ingest worker and follows it with a progress bar.
 *
 *   npm run import -- <kind> <file> [--force] [--no-wait] [--by <name>]
 *
 * kind: any of domain/vocabulary.ts importKinds. Exit code 0 when the import completed (rejected rows are reported,
 * not fatal), 1 when it failed or was cancelled, 2 for bad usage. `npm run imports -- cancel|retry <id>`
 * (scripts/imports.ts) stop and resume it.
 */
import os from 'node:os';
import cliProgress from 'cli-progress';
import { config } from '../core/config';
import { mentionsUsage, runCli } from './cli';
import { enqueueImport, followImport, ingestQueue, stageFile } from '../core/imports';
import type { Config } from '../core/config';
import type { IngestResult } from '../core/queues';
import { createRedis } from '../core/redis';
import { importKinds, ImportKind } from '../domain/vocabulary';

const usage = `usage: npm run import -- <${importKinds.join('|')}> <file> [--force] [--no-wait] [--by <name>]`;

export function parseArgs(argv: string[]) {
  const positional: string[] = [];
  const opts = { force: false, wait: true, by: `${os.userInfo().username}@cli` };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--force') opts.force = true;
    else if (a === '--no-wait') opts.wait = false;
    else if (a === '--by') opts.by = argv[++i] ?? '';
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${usage}`);
    else positional.push(a);
  }
  const [kind, file] = positional;
  if (!kind || !file || positional.length > 2) throw new Error(usage);
  if (!(importKinds as readonly string[]).includes(kind)) throw new Error(`unknown kind "${kind}"\n${usage}`);
  if (!opts.by) throw new Error(`--by needs a name\n${usage}`);
  return { kind: kind as ImportKind, file, ...opts };
}

export function printResult(r: IngestResult, out = process.stdout) {
  const rate = Math.round(r.rowsRead / Math.max(r.seconds, 0.001));
  out.write(`import ${r.importId}: ${r.rowsRead} rows read, ${r.rowsWritten} written, ${r.rowsRejected} rejected in ${r.seconds.toFixed(1)} s (${rate} rows/s)\n`);
  if (r.rowsRejected || r.rejectsSample.length) {
    out.write(`rejects report: ${r.rejectsPath}\n`);
    for (const x of r.rejectsSample.slice(0, 10)) out.write(`  line ${x.line}, ${x.field}: ${x.reason}${x.value ? ` (${JSON.stringify(x.value)})` : ''}\n`);
    if (r.rowsRejected > 10) out.write(`  ... see the report for all of them\n`);
  }
}

/** A producer fails fast: no Redis means a clear message now (naming the address tried), not a silent wait. */
export async function connectRedis(cfg: Pick<Config, 'REDIS_URL'>) {
  const redis = createRedis(cfg.REDIS_URL);
  // Connection errors are reported once, with the address; not as ioredis's unhandled events.
  let connectError = '';
  redis.on('error', (err: Error) => (connectError ||= err.message));
  await redis.connect().catch((err: Error) => {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${cfg.REDIS_URL} (${connectError || err.message}); is npm start running, or REDIS_URL set?`);
  });
  return redis;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const cfg = config();
  const redis = await connectRedis(cfg);
  const queue = ingestQueue(redis, cfg.QUEUE_PREFIX);
  try {
    const data = await stageFile(args.file, args.kind, cfg.DATA_DIR, args.by);
    const { job, created } = await enqueueImport(queue, data, { force: args.force });
    console.log(`${created ? 'queued' : 'already queued or imported:'} ${data.fileName} as import ${data.importId} (${data.bytes} bytes, sha256 ${data.sha256.slice(0, 12)}…)`);
    if (args.wait) console.log(`(npm run imports -- cancel ${data.importId} stops it; Ctrl-C only stops following it)`);
    if (!created && !args.force) console.log('(the same file was imported before; --force runs it again, which changes nothing)');
    if (!args.wait) return 0;
    const bar = new cliProgress.SingleBar(
      { format: '{bar} {percentage}% | {rows} rows, {rejected} rejected | {state}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(100, 0, { rows: 0, rejected: 0, state: 'queued' });
    const outcome = await followImport(queue, String(job.id), (p, state, workers) => {
      const label = state === 'waiting' && workers === 0 ? 'waiting: no worker is running (npm run worker)' : state;
      bar.update(p.percent ?? 0, { rows: p.rowsRead ?? 0, rejected: p.rowsRejected ?? 0, state: label });
    });
    if (outcome.state === 'completed') bar.update(100, { rows: outcome.result.rowsRead, rejected: outcome.result.rowsRejected, state: 'completed' });
    bar.stop();
    if (outcome.state === 'failed') {
      console.error(outcome.cancelled ? `import ${data.importId} ${outcome.reason}` : `import ${data.importId} failed: ${outcome.reason}`);
      console.error(`npm run imports -- retry ${data.importId} runs it again${outcome.cancelled ? ' from where it stopped' : ''}`);
      return 1;
    }
    printResult(outcome.result);
    return 0;
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

if (require.main === module) runCli(main, 'import failed', mentionsUsage);
