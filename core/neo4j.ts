/**
 * The Neo4j connection, shared by server, workers and scripts. Queries are run by registry name only
 * (cypher/registry.ts); results come back as plain JSON-safe objects, converted once here.
 */
import neo4j, { Driver, isInt, isDate, isDateTime, isLocalDateTime, Integer } from 'neo4j-driver';
import type { Config } from './config';
import type { Statement } from '../cypher/registry';
import { translateNeo4jError } from './errors';

/**
 * `maxRetryMs` bounds the driver's own retries of transient errors: long for workers (a batch is worth
 * waiting for), short for the API (a caller should get a 503 quickly, not a hang, when Neo4j is away).
 */
export function createDriver(cfg: Pick<Config, 'NEO4J_URI' | 'NEO4J_USER' | 'NEO4J_PASSWORD'>, opts: { maxRetryMs?: number } = {}): Driver {
  return neo4j.driver(cfg.NEO4J_URI, neo4j.auth.basic(cfg.NEO4J_USER, cfg.NEO4J_PASSWORD), {
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: opts.maxRetryMs ?? 30_000,
    disableLosslessIntegers: false,
  });
}

/** Turns driver values (Integer, temporal types, nodes) into plain JSON values. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (isInt(value as object)) {
    const i = value as Integer;
    return i.inSafeRange() ? i.toNumber() : i.toString();
  }
  if (isDate(value as object) || isDateTime(value as object) || isLocalDateTime(value as object)) return String(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    // Nodes and relationships: expose their properties only; ids are our own `id` property.
    if ('properties' in v && ('labels' in v || 'type' in v)) return toPlain(v.properties);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
  }
  return value;
}

export interface RunOptions {
  database: string;
  timeoutMs?: number;
}

export type Row = Record<string, unknown>;

/**
 * Runs one registered statement in a managed transaction (the driver retries transient errors,
 * deadlocks included) and returns plain rows. Read statements go to readers in a cluster.
 */
export async function runStatement(driver: Driver, stmt: Statement, params: Record<string, unknown>, opts: RunOptions): Promise<Row[]> {
  const sent = withIntegers(stmt, params);
  const session = driver.session({ database: opts.database, defaultAccessMode: stmt.mode === 'read' ? neo4j.session.READ : neo4j.session.WRITE });
  try {
    const work = (tx: { run: (q: string, p: Record<string, unknown>) => Promise<{ records: { toObject(): Row }[] }> }) =>
      tx.run(stmt.text, sent).then((r) => r.records.map((rec) => toPlain(rec.toObject()) as Row));
    const txConfig = opts.timeoutMs ? { timeout: opts.timeoutMs } : undefined;
    return stmt.mode === 'read' ? await session.executeRead(work, txConfig) : await session.executeWrite(work, txConfig);
  } catch (err) {
    throw translateNeo4jError(err);
  } finally {
    await session.close();
  }
}

/** Parameters declared `integer` go as Neo4j integers (a JS number would arrive as a float). */
function withIntegers(stmt: Statement, params: Record<string, unknown>): Record<string, unknown> {
  const sent = { ...params };
  for (const p of stmt.integerParams) {
    const v = sent[p];
    if (typeof v === 'number') sent[p] = neo4j.int(v);
  }
  return sent;
}

/**
 * Runs several write statements in one managed transaction, in order (all or nothing; the driver retries
 * the whole transaction on transient errors). Returns each statement's rows and how many attempts it took.
 */
export async function runInOneTransaction(
  driver: Driver,
  steps: { stmt: Statement; params: Record<string, unknown> }[],
  opts: RunOptions,
): Promise<{ results: Row[][]; attempts: number }> {
  const session = driver.session({ database: opts.database, defaultAccessMode: neo4j.session.WRITE });
  // More than one attempt: the driver retried, and an earlier attempt may have committed without us hearing
  // of it (the connection died during the commit). Callers that read "already there" as news must know.
  let attempts = 0;
  try {
    const txConfig = opts.timeoutMs ? { timeout: opts.timeoutMs } : undefined;
    const results = await session.executeWrite(async (tx) => {
      attempts++;
      const results: Row[][] = [];
      for (const { stmt, params } of steps) {
        const r = await tx.run(stmt.text, withIntegers(stmt, params));
        results.push(r.records.map((rec) => toPlain(rec.toObject()) as Row));
      }
      return results;
    }, txConfig);
    return { results, attempts };
  } catch (err) {
    throw translateNeo4jError(err);
  } finally {
    await session.close();
  }
}

export { neo4j };
