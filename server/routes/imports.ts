/**
 * GET /api/imports, /api/imports/:id and /api/imports/:id/rejects: what was loaded, how it ended, and
 * the rejects report (line, field, reason, value) as CSV. The report is read from the imports area, which
 * the API must share with the workers (DATA_DIR).
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream';
import { Router } from 'express';
import type { Driver } from 'neo4j-driver';
import { z } from 'zod';
import { NotFound } from '../../core/errors';
import { runStatement } from '../../core/neo4j';
import type { CypherRegistry } from '../../cypher/registry';
import { parseOr400, wholeNumber } from '../validate';

const idParam = z.object({ id: z.string().regex(/^imp-[a-z-]+-[0-9a-f]{16}$/, 'is not an import id (imp-<kind>-<16 hex>)') });
const listQuery = z.object({ limit: wholeNumber(1, 200).default(50), offset: wholeNumber(0, 1_000_000).default(0) });

type ImportRecord = Record<string, unknown> & { rejectsPath?: string; rejectsSample?: string };

export function importRoutes(deps: { driver: Driver; registry: CypherRegistry; database: string; timeoutMs: number }) {
  const list = deps.registry.get('ingest/list-imports');
  const get = deps.registry.get('ingest/get-import');
  const opts = { database: deps.database, timeoutMs: deps.timeoutMs };
  const router = Router();

  const find = async (id: string): Promise<ImportRecord> => {
    const [row] = await runStatement(deps.driver, get, { id }, opts);
    if (!row) throw new NotFound(`no import with id ${id}`);
    return row.import as ImportRecord;
  };

  router.get('/imports', async (req, res) => {
    const { limit, offset } = parseOr400(listQuery, req.query, 'query');
    const rows = await runStatement(deps.driver, list, { limit, offset }, opts);
    res.json({ imports: rows.map((r) => r.import), limit, offset });
  });

  router.get('/imports/:id', async (req, res) => {
    const { id } = parseOr400(idParam, req.params, 'id');
    const { rejectsPath: _path, rejectsSample, ...record } = await find(id);
    res.json({ import: { ...record, rejectsSample: rejectsSample ? JSON.parse(rejectsSample) : [] } });
  });

  router.get('/imports/:id/rejects', async (req, res) => {
    const { id } = parseOr400(idParam, req.params, 'id');
    const record = await find(id);
    if (!record.rejectsPath || !fs.existsSync(record.rejectsPath)) {
      throw new NotFound(`import ${id} has no rejects report${record.status === 'running' ? ' yet (still running)' : ''}`);
    }
    res.type('text/csv').attachment(`${id}-rejects.csv`);
    pipeline(fs.createReadStream(record.rejectsPath), res, (err) => err && req.log.warn({ err: err.message, id }, 'rejects report cut short'));
  });
  return router;
}
