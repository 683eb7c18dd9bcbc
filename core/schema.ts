/**
 * Brings the database's constraints and indexes in line with the model (domain/model.ts, via
 * domain/schema-ddl.ts): creates what is missing, and drops and re-creates what changed or what the
 * model no longer declares. Safe when two processes start at once; ends when every index is online.
 */
import type { Driver } from 'neo4j-driver';
import { Neo4jError } from 'neo4j-driver';
import type { CypherRegistry } from '../cypher/registry';
import { createStatement, dropStatement, ExistingRule, planSchema, SchemaPlan, schemaRules } from '../domain/schema-ddl';
import { runStatement, toPlain } from './neo4j';

const alreadyThere = [
  'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists',
  'Neo.ClientError.Schema.ConstraintAlreadyExists',
  'Neo.ClientError.Schema.IndexAlreadyExists',
];

export async function existingRules(driver: Driver, database: string): Promise<ExistingRule[]> {
  const rows = (q: string) =>
    driver.executeQuery(q, {}, { database }).then((r) => r.records.map((x) => Object.fromEntries(x.keys.map((k) => [k, toPlain(x.get(k))])) as Record<string, unknown>));
  const [indexes, constraints] = await Promise.all([
    rows('SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options, owningConstraint RETURN name, type, labelsOrTypes, properties, options, owningConstraint'),
    rows('SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN name, type, labelsOrTypes, properties'),
  ]);
  return [
    ...indexes.map((i) => ({
      name: String(i.name),
      type: String(i.type),
      constraint: false,
      labels: (i.labelsOrTypes as string[] | null) ?? [],
      properties: (i.properties as string[] | null) ?? [],
      analyzer: ((i.options as { indexConfig?: Record<string, unknown> } | null)?.indexConfig?.['fulltext.analyzer'] as string | undefined) ?? undefined,
      owningConstraint: (i.owningConstraint as string | null) ?? null,
    })),
    ...constraints.map((c) => ({
      name: String(c.name),
      type: String(c.type),
      constraint: true,
      labels: (c.labelsOrTypes as string[] | null) ?? [],
      properties: (c.properties as string[] | null) ?? [],
    })),
  ];
}

export async function applySchema(driver: Driver, registry: CypherRegistry, database: string): Promise<SchemaPlan> {
  const plan = planSchema(schemaRules(), await existingRules(driver, database));
  for (const d of plan.drop) await driver.executeQuery(dropStatement(d.kind, d.name), {}, { database });
  for (const rule of plan.create) {
    try {
      await driver.executeQuery(createStatement(rule), {}, { database });
    } catch (err) {
      // Another process created the same rule between our look and our write.
      if (!(err instanceof Neo4jError && alreadyThere.includes(err.code))) throw err;
    }
  }
  await runStatement(driver, registry.get('system/await-indexes'), {}, { database });
  return plan;
}
