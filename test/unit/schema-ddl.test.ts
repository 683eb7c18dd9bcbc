import { createStatement, ExistingRule, planSchema, schemaRules } from '../../domain/schema-ddl';
import { nodes, relationships, type RelKindDef } from '../../domain/model';
import { derivedRelTypes, referenceRelTypes, relTypes } from '../../domain/vocabulary';

const existing = (over: Partial<ExistingRule> & { name: string }): ExistingRule => ({ type: 'RANGE', constraint: false, labels: [], properties: [], ...over });

describe('schema generated from the model', () => {
  const rules = schemaRules();

  it('has the id constraints, a range index per declared property and one fulltext index over named kinds', () => {
    expect(rules.find((r) => r.name === 'entity_id_unique')).toEqual({ kind: 'unique', name: 'entity_id_unique', label: 'Entity', property: 'id' });
    expect(rules.find((r) => r.name === 'shipment_arrival_date')).toEqual({ kind: 'range', name: 'shipment_arrival_date', label: 'Shipment', property: 'arrivalDate' });
    const ft = rules.find((r) => r.kind === 'fulltext');
    expect(ft && ft.kind === 'fulltext' && ft.labels).toEqual(Object.entries(nodes).filter(([, d]) => 'fulltext' in d).map(([k]) => k));
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
  });

  it('writes DDL with IF NOT EXISTS and labels from the model only', () => {
    for (const r of rules) expect(createStatement(r)).toMatch(/^CREATE (CONSTRAINT|RANGE INDEX|FULLTEXT INDEX) [a-z_]+ IF NOT EXISTS FOR \(n:[A-Za-z|]+\)/);
    expect(createStatement(rules.find((r) => r.kind === 'fulltext')!)).toContain("`fulltext.analyzer`: 'standard-folding'");
  });

  it('creates everything on an empty database', () => {
    expect(planSchema(rules, [])).toEqual({ drop: [], create: rules });
  });

  it('changes nothing when the database matches', () => {
    // As core/schema.ts lists them: indexes first (a constraint's own index under the constraint's name), then constraints.
    const found: ExistingRule[] = [existing({ name: 'index_343aff4e', type: 'LOOKUP' }), existing({ name: 'entity_id_unique', owningConstraint: 'entity_id_unique' })];
    found.push(...rules.map((r) =>
      r.kind === 'unique' ? existing({ name: r.name, type: 'UNIQUENESS', constraint: true, labels: [r.label], properties: [r.property] })
        : r.kind === 'range' ? existing({ name: r.name, labels: [r.label], properties: [r.property] })
          : existing({ name: r.name, type: 'FULLTEXT', labels: [...r.labels].reverse(), properties: r.properties, analyzer: r.analyzer })));
    expect(planSchema(rules, found)).toEqual({ drop: [], create: [] });
  });

  it('replaces a rule whose definition changed and drops rules the model no longer declares', () => {
    const ft = rules.find((r) => r.kind === 'fulltext')!;
    const plan = planSchema(rules, [
      existing({ name: 'entity_names', type: 'FULLTEXT', labels: ['Company', 'ListEntry'], properties: ['name'], analyzer: 'standard' }),
      existing({ name: 'shipment_arrival', labels: ['Shipment'], properties: ['arrivalDate'] }),
    ]);
    expect(plan.drop).toEqual([
      { kind: 'index', name: 'entity_names', why: 'its definition changed' },
      { kind: 'index', name: 'shipment_arrival', why: 'the model no longer declares it' },
    ]);
    expect(plan.create).toContain(ft);
  });
});

describe('vocabulary derived from the model', () => {
  it('splits every relationship kind into exactly one of walked, reference and derived', () => {
    const all = [...relTypes, ...referenceRelTypes, ...derivedRelTypes].map(String).sort();
    expect(all).toEqual(Object.keys(relationships).sort());
    for (const r of referenceRelTypes) expect((relationships[r] as RelKindDef).reference).toBe(true);
    for (const r of derivedRelTypes) expect((relationships[r] as RelKindDef).derived).toBe(true);
  });
});
