/**
 * The constraints and indexes the model (domain/model.ts) needs, as data and as Cypher DDL. Pure: core/schema.ts
 * compares this with what the database has and creates, drops or replaces rules to match.
 *
 * Labels and property names come from the model, never from input.
 */
import { nodeKindNames, nodes, type NodeKindDef } from './model';

export type SchemaRule =
  | { kind: 'unique'; name: string; label: string; property: string }
  | { kind: 'range'; name: string; label: string; property: string }
  | { kind: 'fulltext'; name: string; labels: string[]; properties: string[]; analyzer: string };

const snake = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();

export function schemaRules(): SchemaRule[] {
  const rules: SchemaRule[] = [
    // Every domain node carries :Entity and a kind-prefixed id; one constraint keeps ids unique across kinds and backs MERGE.
    { kind: 'unique', name: 'entity_id_unique', label: 'Entity', property: 'id' },
    { kind: 'unique', name: 'import_id_unique', label: 'Import', property: 'id' },
  ];
  const fulltextLabels: string[] = [];
  const fulltextProps = new Set<string>();
  for (const kind of nodeKindNames) {
    const def: NodeKindDef = nodes[kind];
    for (const prop of def.rangeIndexes ?? []) rules.push({ kind: 'range', name: `${snake(kind)}_${snake(prop)}`, label: kind, property: prop });
    if (def.fulltext?.length) {
      fulltextLabels.push(kind);
      def.fulltext.forEach((f) => fulltextProps.add(f));
    }
  }
  // One fulltext index over every named kind, folding case and accents (as domain/normalize.ts searchTokens does).
  rules.push({ kind: 'fulltext', name: 'entity_names', labels: fulltextLabels, properties: [...fulltextProps], analyzer: 'standard-folding' });
  return rules;
}

export function createStatement(rule: SchemaRule): string {
  switch (rule.kind) {
    case 'unique':
      return `CREATE CONSTRAINT ${rule.name} IF NOT EXISTS FOR (n:${rule.label}) REQUIRE n.${rule.property} IS UNIQUE`;
    case 'range':
      return `CREATE RANGE INDEX ${rule.name} IF NOT EXISTS FOR (n:${rule.label}) ON (n.${rule.property})`;
    case 'fulltext':
      return `CREATE FULLTEXT INDEX ${rule.name} IF NOT EXISTS FOR (n:${rule.labels.join('|')}) ON EACH [${rule.properties.map((p) => `n.${p}`).join(', ')}] ` +
        `OPTIONS { indexConfig: { \`fulltext.analyzer\`: '${rule.analyzer}' } }`;
  }
}

export function dropStatement(kind: 'constraint' | 'index', name: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`refusing to drop a schema rule with an unusual name: ${name}`);
  return `DROP ${kind === 'constraint' ? 'CONSTRAINT' : 'INDEX'} ${name} IF EXISTS`;
}

/** What the database reports for one index or constraint (SHOW INDEXES / SHOW CONSTRAINTS), reduced. */
export interface ExistingRule {
  name: string;
  type: string; // RANGE, FULLTEXT, LOOKUP, ... for indexes; UNIQUENESS, ... for constraints
  constraint: boolean;
  labels: string[];
  properties: string[];
  analyzer?: string;
  /** An index that backs a constraint (managed through the constraint). */
  owningConstraint?: string | null;
}

const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/** Whether an existing rule is exactly what the model wants under that name. */
export function matches(rule: SchemaRule, found: ExistingRule): boolean {
  switch (rule.kind) {
    case 'unique':
      return found.constraint && /UNIQUE/.test(found.type) && same(found.labels, [rule.label]) && same(found.properties, [rule.property]);
    case 'range':
      return !found.constraint && found.type === 'RANGE' && same(found.labels, [rule.label]) && same(found.properties, [rule.property]);
    case 'fulltext':
      return !found.constraint && found.type === 'FULLTEXT' && same(found.labels, rule.labels) && same(found.properties, rule.properties) && found.analyzer === rule.analyzer;
  }
}

export interface SchemaPlan {
  drop: { kind: 'constraint' | 'index'; name: string; why: string }[];
  create: SchemaRule[];
}

/**
 * The migration from what exists to what the model declares: rules with a declared name but another
 * definition are dropped and created again; rules the model no longer declares are dropped (Threadline
 * owns its database); token lookup indexes and indexes owned by constraints are left alone.
 */
export function planSchema(wanted: SchemaRule[], existing: ExistingRule[]): SchemaPlan {
  const plan: SchemaPlan = { drop: [], create: [] };
  const byName = new Map(existing.map((e) => [e.name, e]));
  for (const rule of wanted) {
    const found = byName.get(rule.name);
    if (!found) plan.create.push(rule);
    else if (!matches(rule, found)) {
      plan.drop.push({ kind: found.constraint ? 'constraint' : 'index', name: found.name, why: 'its definition changed' });
      plan.create.push(rule);
    }
  }
  const names = new Set(wanted.map((r) => r.name));
  for (const e of existing) {
    if (names.has(e.name) || e.type === 'LOOKUP' || e.owningConstraint) continue;
    plan.drop.push({ kind: e.constraint ? 'constraint' : 'index', name: e.name, why: 'the model no longer declares it' });
  }
  return plan;
}
