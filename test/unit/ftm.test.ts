/** FollowTheMoney both ways, without a database: FtM lines -> rows (domain/sources/ftm.ts), nodes -> FtM (domain/ftm.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { exportKinds, exportRelTypes, ftmIdOf, listEntryToSanction, nodeToFtm, toFtm, type ExportNode, type ExportRelationship, type FtmEntity } from '../../domain/ftm';
import { ftm, ftmDate, ftmEntity, ftmPercentage, type FtmRow } from '../../domain/sources/ftm';
import { normalizeName } from '../../domain/normalize';
import { relTypes } from '../../domain/vocabulary';

const fixture = path.join(__dirname, '..', 'fixtures', 'ftm', 'sample.ftm.jsonl');

const parse = (raw: unknown) => ftmEntity.safeParse(raw);
const row = (raw: unknown) => {
  const r = parse(raw);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data;
};
const issues = (raw: unknown) => {
  const r = parse(raw);
  if (r.success) throw new Error('expected a reject');
  return r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('FtM lines to rows', () => {
  it('maps a Company: first name, the other names as aliases, country, address, identifiers', () => {
    const r = row({
      id: 'NK-abc.123',
      schema: 'Company',
      properties: {
        name: ['Xinjiang Tianshan Ridge Cotton Co., Ltd.', '新疆天山岭棉业有限公司'],
        alias: ['天山岭棉业', '新疆天山岭棉业有限公司'],
        previousName: ['Aksu Ridge Cotton Trading Co.'],
        weakAlias: ['TRC'],
        country: ['zz', 'cn'],
        address: ['No. 8 Jiefang Road, Aksu'],
        registrationNumber: ['6529 0100 0012345'],
        uscCode: ['91652901ma77rdg21x'],
        leiCode: ['5493001KJTIIGC8Y1R12'],
        topics: ['sanction'],
      },
      caption: 'ignored',
      datasets: ['x'],
    });
    expect(r).toEqual({
      sort: 'entity',
      kind: 'Company',
      id: 'co-ftm-NK-abc.123',
      ftmId: 'NK-abc.123',
      name: 'Xinjiang Tianshan Ridge Cotton Co., Ltd.',
      normName: normalizeName('Xinjiang Tianshan Ridge Cotton Co., Ltd.'),
      aliases: ['新疆天山岭棉业有限公司', '天山岭棉业', 'Aksu Ridge Cotton Trading Co.'],
      country: 'CN',
      address: 'No. 8 Jiefang Road, Aksu',
      identifiers: ['reg:652901000012345', 'uscc:91652901MA77RDG21X', 'lei:5493001KJTIIGC8Y1R12'],
      nameRank: 2,
    });
  });

  it('reads Organization, PublicBody and LegalEntity as companies, and a Person as a person', () => {
    for (const schema of ['Organization', 'PublicBody', 'LegalEntity']) {
      expect(row({ id: 'x1', schema, properties: { name: ['Acme'], jurisdiction: ['vn'] } })).toMatchObject({ kind: 'Company', id: 'co-ftm-x1', country: 'VN' });
    }
    expect(row({ id: 'p1', schema: 'Person', properties: { name: ['Li Wen'], alias: ['李文'], nationality: ['cn'], innCode: ['1'] } })).toEqual(
      expect.objectContaining({ kind: 'Person', id: 'pe-ftm-p1', name: 'Li Wen', aliases: ['李文'], country: 'CN', identifiers: [] }),
    );
  });

  it('keeps innCode, ogrnCode, swiftBic and dunsCode as scheme:value identifiers', () => {
    const r = row({ id: 'le', schema: 'LegalEntity', properties: { name: ['OOO Volga'], innCode: ['7701234567'], ogrnCode: ['1027700123456'], swiftBic: ['volgrumm'], dunsCode: ['123456789'] } });
    expect(r).toMatchObject({ identifiers: ['duns:123456789', 'inn:7701234567', 'ogrn:1027700123456', 'swift:VOLGRUMM'] });
  });

  it('rejects an unknown schema naming `schema`, and a missing one', () => {
    expect(issues({ id: 'f1', schema: 'Family', properties: {} })).toEqual([{ path: 'schema', message: expect.stringMatching(/^Family entities are not loaded \(Threadline reads Company, .*Sanction\)$/) }]);
    expect(issues({ id: 'f1', properties: {} })).toEqual([{ path: 'schema', message: 'is required (the FtM schema name)' }]);
  });

  it('rejects a missing name, a bad id, and nested entities (targets.nested.json)', () => {
    expect(issues({ id: 'c1', schema: 'Company', properties: { country: ['cn'] } })).toEqual([{ path: 'properties.name', message: 'is required' }]);
    expect(issues({ id: 'c1', schema: 'Company', properties: { name: ['  ', '—'] } })).toEqual([{ path: 'properties.name', message: expect.stringContaining('letter or digit') }]);
    expect(issues({ id: 'bad id!', schema: 'Person', properties: { name: ['X'] } })).toEqual([{ path: 'id', message: expect.stringContaining('may hold only') }]);
    expect(issues({ id: 'c1', schema: 'Company', properties: { name: ['X'], sanctions: [{ id: 's', schema: 'Sanction', properties: {} }] } })).toEqual([
      { path: 'properties.sanctions.0', message: expect.stringContaining('nested entities') },
    ]);
    expect(issues({ id: 'c1', schema: 'Company', properties: { name: 'X' } })).toEqual([{ path: 'properties.name', message: 'must be a list of strings (FtM property values)' }]);
  });

  it('maps an Ownership by the FtM ids of its ends, with share and full dates', () => {
    expect(row({ id: 'o1', schema: 'Ownership', properties: { owner: ['a'], asset: ['b'], percentage: ['51'], startDate: ['2016-03-01T00:00:00'], endDate: ['2020'] } })).toEqual({
      sort: 'ownership', ftmId: 'o1', owner: 'a', asset: 'b', percentage: 51, startDate: '2016-03-01', endDate: null,
    });
    expect(issues({ id: 'o2', schema: 'Ownership', properties: { asset: ['b'] } })).toEqual([{ path: 'properties.owner', message: expect.stringMatching(/^is required/) }]);
    expect(issues({ id: 'o3', schema: 'Ownership', properties: { owner: ['b'], asset: ['b'] } })).toEqual([{ path: 'properties.asset', message: 'is the owner itself' }]);
    expect(issues({ id: 'o4', schema: 'Ownership', properties: { owner: ['a b'], asset: ['b'] } })).toEqual([{ path: 'properties.owner.0', message: expect.stringMatching(/^is not an FtM id/) }]);
  });

  it('reads shares and dates the way FtM writes them', () => {
    expect([['51'], ['33.5 %'], ['12,5'], ['25-50%'], ['majority', '40'], ['140'], []].map(ftmPercentage)).toEqual([51, 33.5, 12.5, null, 40, null, null]);
    expect([['2019'], ['2019-05'], ['2019-02-30'], ['2019-02-28'], ['2019', '2020-01-02'], undefined].map(ftmDate)).toEqual([null, null, null, '2019-02-28', '2020-01-02', null]);
  });

  it('maps a Directorship (role director when none is given) and a Sanction', () => {
    expect(row({ id: 'd1', schema: 'Directorship', properties: { director: ['p'], organization: ['c'] } })).toEqual({
      sort: 'directorship', ftmId: 'd1', director: 'p', organization: 'c', role: 'director', startDate: null, endDate: null,
    });
    expect(row({
      id: 's1', schema: 'Sanction',
      properties: { entity: ['c'], authority: ['BIS'], program: ['Entity List'], startDate: ['2023-06-12'], country: ['us'], reason: ['Forced labour'], sourceUrl: ['https://example.org/s1'], status: ['Active'] },
    })).toEqual({
      sort: 'sanction', ftmId: 's1', entity: 'c',
      entry: { id: 'le-ftm-s1', program: 'SANCTION', name: 'Entity List', authority: 'BIS', effectiveDate: '2023-06-12', endDate: null, status: 'Active', country: 'US', notes: 'Forced labour', sourceUrl: 'https://example.org/s1' },
    });
    expect(row({ id: 's2', schema: 'Sanction', properties: { entity: ['c'], authority: ['OFAC'], listingDate: ['2020-01-02'] } })).toMatchObject({ entry: { name: 'OFAC', effectiveDate: '2020-01-02' } });
  });

  it('reads relationship entities in the second pass and routes each sort to its statement', () => {
    const passOf = ftm.passOf!;
    expect(['Company', 'Person', 'Address', 'Family', 'Ownership', 'Directorship', 'Sanction'].map((schema) => passOf({ schema }))).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect([null, 'x', 3, []].map(passOf)).toEqual([0, 0, 0, 0]);
    const of = ftm.route!.of;
    expect(of(row({ id: 'a', schema: 'Address', properties: { full: ['x'] } }))).toBe('ingest/merge-ftm-entities');
    expect(of(row({ id: 's', schema: 'Sanction', properties: { entity: ['c'] } }))).toBe('ingest/merge-ftm-sanctions');
    expect(ftm.route!.statements[0]).toBe('ingest/merge-ftm-entities');
  });
});

const company = (id: string, properties: Record<string, unknown>): ExportNode => ({ id, kind: 'Company', properties: { name: id, ...properties } });

describe('nodes and relationships to FtM', () => {
  it('walks only what FtM can hold', () => {
    expect([...exportRelTypes].every((t) => (relTypes as readonly string[]).includes(t))).toBe(true);
    expect(exportKinds).not.toContain('Shipment');
  });

  it('keeps an FtM id and namespaces ours', () => {
    expect(ftmIdOf({ id: 'co-ftm-NK-1', properties: { ftmId: 'NK-1' } })).toBe('NK-1');
    expect(ftmIdOf({ id: 'co-123', properties: {} })).toBe('threadline-co-123');
  });

  it('maps a company with identifiers back to FtM properties, dropping schemes FtM has no property for', () => {
    const e = nodeToFtm(company('co-1', { name: 'Acme Ltd', aliases: ['ACME', 'Acme Ltd'], country: 'CN', address: 'Aksu', identifiers: ['reg:1', 'uscc:U1', 'cbp_mid:CNACMLTD1', 'inn:77'], normName: 'ACME' }));
    expect(e).toEqual({
      id: 'threadline-co-1',
      schema: 'Company',
      properties: { name: ['Acme Ltd'], alias: ['ACME', 'Acme Ltd'], country: ['cn'], address: ['Aksu'], registrationNumber: ['1'], uscCode: ['U1'], innCode: ['77'] },
    });
  });

  it('maps persons, vessels and facilities; other kinds have no FtM entity', () => {
    expect(nodeToFtm({ id: 'pe-1', kind: 'Person', properties: { name: 'Li Wen', country: 'CN', aliases: [] } })).toEqual({ id: 'threadline-pe-1', schema: 'Person', properties: { name: ['Li Wen'], country: ['cn'] } });
    expect(nodeToFtm({ id: 've-1', kind: 'Vessel', properties: { name: 'Da Wang', country: 'VU' } })).toEqual({ id: 'threadline-ve-1', schema: 'Vessel', properties: { name: ['Da Wang'], flag: ['vu'] } });
    expect(nodeToFtm({ id: 'fa-1', kind: 'Facility', properties: { name: 'Mill 3', latitude: 41.1, longitude: 80.2 } })).toEqual({ id: 'threadline-fa-1', schema: 'RealEstate', properties: { name: ['Mill 3'], latitude: ['41.1'], longitude: ['80.2'] } });
    expect(nodeToFtm({ id: 'sh-1', kind: 'Shipment', properties: { name: 'B1' } })).toBeNull();
  });

  it('maps a UFLPA listing to a Sanction with its program, authority and clauses', () => {
    const s = listEntryToSanction({ id: 'le-uflpa-1', kind: 'ListEntry', properties: { program: 'UFLPA', name: 'Acme Co., Ltd.', sections: ['iv'], effectiveDate: '2024-06-11' } }, ['threadline-co-1']);
    expect(s).toEqual({
      id: 'threadline-le-uflpa-1',
      schema: 'Sanction',
      properties: { entity: ['threadline-co-1'], program: ['UFLPA Entity List'], authority: ['U.S. Forced Labor Enforcement Task Force (DHS)'], summary: ['Acme Co., Ltd.'], provisions: ['UFLPA iv'], startDate: ['2024-06-11'] },
    });
  });

  it('exports a subgraph: entities, then relationships, then sanctions, every reference inside the export', () => {
    const nodes: ExportNode[] = [
      company('co-a', { ftmId: 'NK-a' }),
      company('co-b', {}),
      { id: 'pe-1', kind: 'Person', properties: { name: 'Li Wen' } },
      { id: 'fa-1', kind: 'Facility', properties: { name: 'Mill' } },
      { id: 'le-1', kind: 'ListEntry', properties: { program: 'SANCTION', name: 'Entity List', ftmId: 'san-1', authority: 'BIS' } },
      { id: 'le-2', kind: 'ListEntry', properties: { program: 'WRO', name: 'Orphan' } },
    ];
    const rels: ExportRelationship[] = [
      { type: 'OWNS', source: 'co-b', target: 'co-a', properties: { percentage: 51, startDate: '2016-03-01', ftmId: 'own-1' } },
      { type: 'OWNS', source: 'pe-1', target: 'co-b', properties: {} },
      { type: 'OFFICER_OF', source: 'pe-1', target: 'co-a', properties: { role: 'Legal representative' } },
      { type: 'OPERATES', source: 'co-a', target: 'fa-1', properties: {} },
      { type: 'LISTED', source: 'co-a', target: 'le-1', properties: {} },
      { type: 'LISTED', source: 'pe-1', target: 'le-1', properties: {} },
      { type: 'SHIPPED', source: 'co-a', target: 'sh-1', properties: {} },
    ];
    const out = toFtm(nodes, rels);
    expect(out.map((e) => `${e.schema}:${e.id}`)).toEqual([
      'Company:NK-a', 'Company:threadline-co-b', 'Person:threadline-pe-1', 'RealEstate:threadline-fa-1',
      'Ownership:own-1', expect.stringMatching(/^Ownership:threadline-[0-9a-f]{24}$/), expect.stringMatching(/^Directorship:threadline-/), expect.stringMatching(/^UnknownLink:threadline-/),
      'Sanction:san-1',
    ]);
    expect(out[4]!.properties).toEqual({ owner: ['threadline-co-b'], asset: ['NK-a'], percentage: ['51'], startDate: ['2016-03-01'] });
    expect(out[6]!.properties).toEqual({ director: ['threadline-pe-1'], organization: ['NK-a'], role: ['Legal representative'] });
    expect(out[8]!.properties).toEqual({ entity: ['NK-a', 'threadline-pe-1'], program: ['Entity List'], authority: ['BIS'] });
    // The same subgraph gives the same ids.
    expect(toFtm(nodes, rels)).toEqual(out);
    expect(validFtm(out)).toEqual([]);
  });
});

/** What an FtM reader requires: schema names, string lists, references to entities of the same export. */
function validFtm(entities: FtmEntity[]): string[] {
  const problems: string[] = [];
  const ids = new Set(entities.map((e) => e.id));
  const refs: Record<string, string[]> = { Ownership: ['owner', 'asset'], Directorship: ['director', 'organization'], Sanction: ['entity'], UnknownLink: ['subject', 'object'] };
  for (const e of entities) {
    if (!['Company', 'Person', 'Vessel', 'RealEstate', 'Ownership', 'Directorship', 'Sanction', 'UnknownLink'].includes(e.schema)) problems.push(`${e.id}: schema ${e.schema}`);
    for (const [k, v] of Object.entries(e.properties)) if (!Array.isArray(v) || !v.length || v.some((x) => typeof x !== 'string' || !x)) problems.push(`${e.id}: ${k}`);
    for (const k of refs[e.schema] ?? []) if (!e.properties[k]?.length || e.properties[k]!.some((r) => !ids.has(r))) problems.push(`${e.id}: ${k} unresolved`);
  }
  if (ids.size !== entities.length) problems.push('duplicate ids');
  return problems;
}

describe('round trip of the fixture, as rows stored and exported again', () => {
  it('exports the entities and links of the file under their FtM ids, with their names and identifiers', () => {
    const raws = fs.readFileSync(fixture, 'utf8').split('\n').flatMap((l) => {
      try {
        return [JSON.parse(l) as { id: string; schema: string; properties: Record<string, string[]> }];
      } catch {
        return [];
      }
    });
    const rows = raws.map((r) => ftmEntity.safeParse(r)).flatMap((r) => (r.success ? [r.data as FtmRow] : []));
    // The graph the statements would write: entity rows as nodes, relationship rows between them.
    const nodes: ExportNode[] = rows.flatMap((r) => (r.sort === 'entity' ? [{ id: r.id, kind: r.kind, properties: { ...r } }] : []));
    const byFtm = new Map(nodes.map((n) => [n.properties.ftmId as string, n]));
    const rels: ExportRelationship[] = [];
    for (const r of rows) {
      if (r.sort === 'ownership' && byFtm.has(r.owner) && byFtm.get(r.asset)?.kind === 'Company') rels.push({ type: 'OWNS', source: byFtm.get(r.owner)!.id, target: byFtm.get(r.asset)!.id, properties: { ...r } });
      if (r.sort === 'directorship' && byFtm.get(r.director)?.kind === 'Person') rels.push({ type: 'OFFICER_OF', source: byFtm.get(r.director)!.id, target: byFtm.get(r.organization)!.id, properties: { ...r } });
      if (r.sort === 'sanction' && byFtm.has(r.entity)) {
        nodes.push({ id: r.entry.id, kind: 'ListEntry', properties: { ...r.entry, ftmId: r.ftmId } });
        rels.push({ type: 'LISTED', source: byFtm.get(r.entity)!.id, target: r.entry.id, properties: {} });
      }
    }
    const out = toFtm(nodes, rels);
    expect(validFtm(out)).toEqual([]);
    const original = new Map(raws.map((r) => [r.id, r]));
    // Every exported entity is one of the file's, under the same id and schema family.
    for (const e of out) {
      const o = original.get(e.id)!;
      expect(o).toBeDefined();
      expect(e.schema === o.schema || (e.schema === 'Company' && ['Organization', 'LegalEntity', 'PublicBody'].includes(o.schema))).toBe(true);
      if (o.properties.name) expect(new Set([...e.properties.name!, ...(e.properties.alias ?? [])])).toEqual(new Set([...o.properties.name, ...(o.properties.alias ?? []), ...(o.properties.previousName ?? [])]));
      for (const ref of ['owner', 'asset', 'director', 'organization', 'entity']) if (o.properties[ref]) expect(e.properties[ref]).toEqual(o.properties[ref]);
    }
    expect(out.find((e) => e.id === 'osx-co-tianshan-cotton')!.properties).toMatchObject({ registrationNumber: ['652901000012345'], uscCode: ['91652901MA77RDG21X'], country: ['cn'] });
    expect(out.map((e) => e.schema).sort()).toEqual(['Company', 'Company', 'Company', 'Company', 'Directorship', 'Ownership', 'Ownership', 'Person', 'Person', 'Sanction', 'Sanction']);
  });
});
