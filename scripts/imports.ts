/**
 * What was imported, and control over running imports (docs/jobs.md):
 *
 *   npm run imports                      the last 50 imports (status, counts, file, who, when)
 *   npm run imports -- <importId>        one import with its queue state, first rejects and rejects report
 *   npm run imports -- cancel <importId> remove it when queued; stop it at its next batch when running
 *   npm run imports -- retry <importId>  run a failed or cancelled import again (resuming where it stopped)
 *
 * Reads the Import nodes in Neo4j; the queue (Redis) for live state, cancel and retry.
 * Exit code 0 when done, 1 when refused (unknown id, nothing to cancel or retry), 2 for bad usage.
 */
import os from 'node:os';
import { config } from '../core/config';
import { mentionsUsage, runCli } from './cli';
import { AppError } from '../core/errors';
import { cancelImport, ImportBook, ingestQueue, jobStatus, retryImport } from '../core/imports';
import { createDriver, runStatement } from '../core/neo4j';
import { CypherRegistry } from '../cypher/registry';
import { connectRedis } from './import';

const usage = 'usage: npm run imports [-- <importId> | -- cancel <importId> | -- retry <importId>]';

// `npm run imports | head` closes the pipe early; that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

export function parseArgs(argv: string[]): { command: 'list' } | { command: 'show' | 'cancel' | 'retry'; id: string } {
  const [first, second, ...rest] = argv;
  if (rest.length || argv.some((a) => a.startsWith('-'))) throw new Error(usage);
  if (first === undefined) return { command: 'list' };
  if (first === 'cancel' || first === 'retry') {
    if (!second) throw new Error(`${first} needs an import id\n${usage}`);
    return { command: first, id: second };
  }
  if (second !== undefined) throw new Error(usage);
  return { command: 'show', id: first };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const cfg = config();
  const registry = CypherRegistry.load();
  const driver = createDriver(cfg, { maxRetryMs: 2_000 });
  const db = { database: cfg.NEO4J_DATABASE };
  const book: ImportBook = { driver, registry, database: cfg.NEO4J_DATABASE };
  try {
    if (args.command === 'list') {
      const rows = await runStatement(driver, registry.get('ingest/list-imports'), { offset: 0, limit: 50 }, db);
      if (!rows.length) console.log('no imports yet');
      for (const { import: i } of rows as { import: Record<string, unknown> }[]) {
        console.log(`${i.id}  ${String(i.status).padEnd(9)} ${String(i.rowsWritten ?? 0).padStart(8)} written ${String(i.rowsRejected ?? 0).padStart(6)} rejected  ${i.fileName}  (${i.requestedBy}, ${i.firstLoadedAt})`);
      }
      return 0;
    }
    if (args.command === 'show') return await show(args.id, book);

    const redis = await connectRedis(cfg);
    const queue = ingestQueue(redis, cfg.QUEUE_PREFIX);
    try {
      if (args.command === 'cancel') {
        const { outcome } = await cancelImport(queue, book, args.id, `${os.userInfo().username}@cli`);
        console.log(
          outcome === 'removed'
            ? `import ${args.id} was queued: removed, nothing of it ran`
            : `import ${args.id} is running: it stops at its next batch boundary and ends "cancelled" (rows already written stay)`,
        );
      } else {
        const { stage, resumeAfter } = await retryImport(queue, book, args.id, cfg.DATA_DIR);
        console.log(
          stage === 'ingest'
            ? `import ${args.id} queued again${resumeAfter ? `, resuming after line ${resumeAfter}` : ' from the start'}`
            : `import ${args.id}: its ${stage} job queued again`,
        );
      }
      return 0;
    } catch (err) {
      // Refusals (409 nothing to cancel, 404 unknown) are answers, not crashes.
      if (err instanceof AppError && err.status < 500) {
        console.error(err.message);
        return 1;
      }
      throw err;
    } finally {
      await queue.close();
      redis.disconnect();
    }
  } finally {
    await driver.close();
  }
}

async function show(id: string, book: ImportBook): Promise<number> {
  const [row] = await runStatement(book.driver, book.registry.get('ingest/get-import'), { id }, { database: book.database });
  const live = await queueState(id);
  if (!row && !live.status) {
    console.error(`no import with id ${id}`);
    return 1;
  }
  if (row) {
    const i = row.import as Record<string, unknown>;
    console.log(`${i.id}: ${i.kind} file ${i.fileName} (${i.bytes} bytes, sha256 ${i.sha256}) by ${i.requestedBy}`);
    console.log(`first loaded ${i.firstLoadedAt}, last run ${i.startedAt} .. ${i.finishedAt ?? '(running)'}, ${i.runs} run(s)`);
    console.log(`status ${i.status}: ${i.rowsRead ?? 0} read, ${i.rowsWritten ?? 0} written, ${i.rowsRejected ?? 0} rejected${i.error ? `\nerror: ${i.error}` : ''}`);
    const sample = JSON.parse(String(i.rejectsSample ?? '[]')) as { line: number; field: string; reason: string; value?: string }[];
    for (const r of sample) console.log(`  line ${r.line}, ${r.field}: ${r.reason}${r.value ? ` (${JSON.stringify(r.value)})` : ''}`);
    if (i.rejectsPath) console.log(`rejects report: ${i.rejectsPath}`);
  } else {
    console.log(`${id}: queued, not started yet`);
  }
  console.log(live.line);
  return 0;
}

/** One line on the job's queue state, or why there is none. */
async function queueState(id: string): Promise<{ line: string; status?: unknown }> {
  const cfg = config();
  let redis;
  try {
    redis = await connectRedis(cfg);
  } catch (err) {
    return { line: `queue: not reachable (${(err as Error).message})` };
  }
  const queue = ingestQueue(redis, cfg.QUEUE_PREFIX);
  try {
    const s = await jobStatus(queue, id);
    if (!s) return { line: 'queue: no job (never queued here, or past the queue\'s retention)' };
    const p = s.progress;
    const stages = s.stages.map((x) => `${x.queue} ${x.state}`).join(', ');
    const line =
      `queue: ${s.cancelled ? 'cancelled' : s.state}${s.cancelRequestedBy ? ` (cancel requested by ${s.cancelRequestedBy})` : ''}, ` +
      `${p.percent}% (${p.rowsRead} read, ${p.rowsWritten} written, ${p.rowsRejected} rejected)${stages ? `; then ${stages}` : ''}` +
      `${s.failedReason ? `\n  ${s.failedReason}` : ''}`;
    return { line, status: s };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

if (require.main === module) runCli(main, 'imports', mentionsUsage);
