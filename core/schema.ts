/** Applies cypher/schema/* in file order. Idempotent (IF NOT EXISTS), safe when two processes start at once. */
import type { Driver } from 'neo4j-driver';
import { Neo4jError } from 'neo4j-driver';
import type { CypherRegistry } from '../cypher/registry';
import { runStatement } from './neo4j';

const alreadyThere = [
  'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists',
  'Neo.ClientError.Schema.ConstraintAlreadyExists',
  'Neo.ClientError.Schema.IndexAlreadyExists',
];

export async function applySchema(driver: Driver, registry: CypherRegistry, database: string): Promise<string[]> {
  const applied: string[] = [];
  for (const stmt of registry.area('schema')) {
    try {
      await runStatement(driver, stmt, {}, { database });
    } catch (err) {
      // Another process created the same rule between our IF NOT EXISTS check and our write.
      if (!(err instanceof Neo4jError && alreadyThere.includes(err.code))) throw err;
    }
    applied.push(stmt.name);
  }
  await runStatement(driver, registry.get('system/await-indexes'), {}, { database });
  return applied;
}
