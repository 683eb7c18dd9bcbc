/**
 * `npm run imports` lists recent imports; `npm run imports -- <importId>` shows one with its first
 * rejects and where the full rejects report is. Reads the Import nodes in Neo4j.
 */
import { config, ConfigError } from '../core/config';
import { createDriver, runStatement } from '../core/neo4j';
import { CypherRegistry } from '../cypher/registry';

// `npm run imports | head` closes the pipe early; that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

async function main(): Promise<number> {
  const [id, ...rest] = process.argv.slice(2);
  if (rest.length) throw new Error('usage: npm run imports [-- <importId>]');
  const cfg = config();
  const registry = CypherRegistry.load();
  const driver = createDriver(cfg, { maxRetryMs: 2_000 });
  const db = { database: cfg.NEO4J_DATABASE };
  try {
    if (!id) {
      const rows = await runStatement(driver, registry.get('ingest/list-imports'), { offset: 0, limit: 50 }, db);
      if (!rows.length) console.log('no imports yet');
      for (const { import: i } of rows as { import: Record<string, unknown> }[]) {
        console.log(`${i.id}  ${String(i.status).padEnd(9)} ${String(i.rowsWritten ?? 0).padStart(8)} written ${String(i.rowsRejected ?? 0).padStart(6)} rejected  ${i.fileName}  (${i.requestedBy}, ${i.firstLoadedAt})`);
      }
      return 0;
    }
    const [row] = await runStatement(driver, registry.get('ingest/get-import'), { id }, db);
    if (!row) {
      console.error(`no import with id ${id}`);
      return 1;
    }
    const i = row.import as Record<string, unknown>;
    console.log(`${i.id}: ${i.kind} file ${i.fileName} (${i.bytes} bytes, sha256 ${i.sha256}) by ${i.requestedBy}`);
    console.log(`first loaded ${i.firstLoadedAt}, last run ${i.startedAt} .. ${i.finishedAt ?? '(running)'}, ${i.runs} run(s)`);
    console.log(`status ${i.status}: ${i.rowsRead ?? 0} read, ${i.rowsWritten ?? 0} written, ${i.rowsRejected ?? 0} rejected${i.error ? `\nerror: ${i.error}` : ''}`);
    const sample = JSON.parse(String(i.rejectsSample ?? '[]')) as { line: number; field: string; reason: string; value?: string }[];
    for (const r of sample) console.log(`  line ${r.line}, ${r.field}: ${r.reason}${r.value ? ` (${JSON.stringify(r.value)})` : ''}`);
    if (i.rejectsPath) console.log(`rejects report: ${i.rejectsPath}`);
    return 0;
  } finally {
    await driver.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : `imports: ${(err as Error).message}`);
    process.exit(err instanceof Error && err.message.startsWith('usage:') ? 2 : 1);
  },
);
