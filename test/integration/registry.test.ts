/**
 * Registry imports end to end (facilities, persons, officers, ownership): file -> staged copy -> BullMQ job ->
 * worker -> Neo4j, with the real queue and database. Covers the good fixtures (duplicate rows, re-loading),
 * every bad fixture (exact rejects, good rows still load) and how registry rows meet companies loaded from a
 * companies file (by registry id) and from a manifest (by name + country).
 *
 * Fixtures (test/fixtures; line 1 is the header):
 * - good/persons.csv: 4 rows, 3 persons (line 5 repeats TLFX-P1).
 * - good/facilities.csv: 4 rows, 3 facilities (line 5 repeats line 2's OS ID in lower case, spelled the
 *   manifest way, naming the operator by registry id only).
 * - good/officers.csv: 4 rows, 3 OFFICER_OF (line 5 repeats line 2's role as "legal  representative").
 * - good/ownership.csv: 5 rows, 4 OWNS (line 6 repeats line 3); TLFX-C9 is known by registry id only.
 * - bad/<kind>-invalid.csv: each bad line breaks one rule; the first and last data lines are good.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../core/config';
import type { JobOutcome } from '../../core/imports';
import { companyId, facilityId, importId, personId } from '../../domain/ids';
import { shipmentColumns } from '../../domain/sources/shipments';
import type { ImportKind } from '../../domain/vocabulary';
import { companyColumns } from '../../domain/sources/companies';
import { facilityColumns } from '../../domain/sources/facilities';
import { ownershipColumns } from '../../domain/sources/ownership';
import { openHarness, Harness, snapshotImport, uniqueTag, writeCsv, fileSha256, rejectLines } from '../support/harness';

const fixture = (name: string) => path.join(projectRoot, 'test', 'fixtures', name);

let h: Harness;
const createdImports: string[] = [];

beforeAll(async () => {
  h = await openHarness('registry');
  // Two rows per batch: a repeated row of the fixtures lands in another batch than the row it repeats.
  await h.startWorker({ INGEST_BATCH_SIZE: 2 });
}, 60_000);

afterAll(async () => {
  if (h) {
    await h.deleteImported(createdImports);
    await h.close();
  }
}, 120_000);

async function load(kind: ImportKind, file: string, opts?: { force?: boolean }): Promise<JobOutcome> {
  createdImports.push(importId(fileSha256(file), kind));
  return h.importFile(kind, file, opts);
}

const completed = (o: JobOutcome) => {
  if (o.state !== 'completed') throw new Error(`import failed: ${o.reason}`);
  return o.result;
};

/** What an import asserted, counted by label and relationship type. */
async function countsOf(imp: string) {
  const nodes = await h.query(
    `MATCH (n:Entity) WHERE $imp IN n.importIds
     WITH [l IN labels(n) WHERE l <> 'Entity'][0] AS label, count(*) AS n RETURN label, n ORDER BY label`,
    { imp },
  );
  const rels = await h.query(
    `MATCH (:Entity)-[r]->(:Entity) WHERE $imp IN r.importIds RETURN type(r) AS type, count(*) AS n ORDER BY type`,
    { imp },
  );
  return { nodes: Object.fromEntries(nodes.map((r) => [r.label, r.n])), rels: Object.fromEntries(rels.map((r) => [r.type, r.n])) };
}

const good = {
  persons: fixture('good/persons.csv'),
  facilities: fixture('good/facilities.csv'),
  officers: fixture('good/officers.csv'),
  ownership: fixture('good/ownership.csv'),
} as const;

const mekong = companyId('Mekong Fixture Weave Co., Ltd', 'VN');
const nguyen = personId('Nguyen Van An', 'VN');

describe('good fixtures', () => {
  it('persons: one node per person, aliases kept, linked to the country', async () => {
    const r = completed(await load('persons', good.persons));
    expect(r).toMatchObject({ rowsRead: 4, rowsWritten: 4, rowsRejected: 0 });
    expect(await countsOf(r.importId)).toEqual({ nodes: { Person: 3 }, rels: { LOCATED_IN: 3 } });
    const [wang] = await h.query(
      `MATCH (p:Entity:Person {id: 'pe-src-TLFX-P1'})-[:LOCATED_IN]->(c:Country) RETURN p.name AS name, p.aliases AS aliases, p.nameRank AS rank, c.code AS country`,
    );
    expect(wang).toEqual({ name: 'Wang Jianguo', aliases: ['Jianguo Wang', '王建国'], rank: 2, country: 'CN' });
    const [santos] = await h.query(`MATCH (p:Person {id: 'pe-src-TLFX-P2'}) RETURN p.country AS country`);
    expect(santos!.country).toBe('PH');
  });

  it('facilities: keyed by OS ID, source id or name + country + address; operator, places and coordinates', async () => {
    const r = completed(await load('facilities', good.facilities));
    expect(r).toMatchObject({ rowsRead: 4, rowsWritten: 4, rowsRejected: 0 });
    // 3 sites; 2 operators; LOCATED_IN: 3 countries + 1 region for the sites, VN for the operator named with a country.
    expect(await countsOf(r.importId)).toEqual({ nodes: { Company: 2, Facility: 3 }, rels: { LOCATED_IN: 5, OPERATES: 2 } });

    const [mill] = await h.query(
      `MATCH (f:Facility {id: 'fa-osh-CN2019303TLFX01'})
       RETURN f.name AS name, f.aliases AS aliases, f.osHubId AS osHubId, f.latitude AS lat, f.longitude AS lon, f.region AS region,
              [(f)-[:LOCATED_IN]->(p) | p.id] AS places, [(c)-[:OPERATES]->(f) | c.id] AS operators`,
    );
    // Two registry rows for one site: the later spelling is its name (a tie goes to the latest), the other an alias.
    expect(mill).toMatchObject({ name: 'AKSU FIXTURE SPINNING MILL NO 2', osHubId: 'CN2019303TLFX01', lat: 41.1675, lon: 80.2638, region: 'XUAR', operators: ['co-src-TLFX-C1'] });
    expect((mill!.aliases as string[]).sort()).toEqual(['Aksu Fixture Spinning Mill No. 2', 'Aksu Mill 2']);
    expect((mill!.places as string[]).sort()).toEqual(['ct-CN', 'rg-XUAR']);

    // The operator named on line 2 keeps that name: line 5 names it by registry id only.
    const [operator] = await h.query(`MATCH (c:Company {id: 'co-src-TLFX-C1'}) RETURN c.name AS name, c.nameRank AS rank, c.aliases AS aliases`);
    expect(operator).toEqual({ name: 'Aksu Fixture Textile Co., Ltd', rank: 2, aliases: [] });

    // Operator by name and no operator_country: the facility's country.
    const [dye] = await h.query(`MATCH (c:Company)-[:OPERATES]->(f:Facility {id: 'fa-src-F-17'}) RETURN c.id AS id, c.country AS country, f.country AS fc`);
    expect(dye).toEqual({ id: mekong, country: 'VN', fc: 'VN' });

    const [plant] = await h.query(`MATCH (f:Facility {id: $id}) RETURN f.latitude AS lat, count { (f)<-[:OPERATES]-() } AS operators`, {
      id: facilityId('Perak Fixture Cell Plant', 'MY', 'Kamunting, Perak'),
    });
    expect(plant).toEqual({ lat: null, operators: 0 });
  });

  it('officers: one OFFICER_OF per person, company and role; a person by name reaches the persons file node', async () => {
    const r = completed(await load('officers', good.officers));
    expect(r).toMatchObject({ rowsRead: 4, rowsWritten: 4, rowsRejected: 0 });
    expect((await countsOf(r.importId)).rels.OFFICER_OF).toBe(3);
    const roles = await h.query(
      `MATCH (p:Person {id: 'pe-src-TLFX-P1'})-[r:OFFICER_OF]->(c:Company {id: 'co-src-TLFX-C1'})
       RETURN r.role AS role, toString(r.startDate) AS start, toString(r.endDate) AS end ORDER BY role`,
    );
    expect(roles).toEqual([
      { role: 'director', start: '2019-04-01', end: '2023-12-31' },
      { role: 'legal representative', start: '2019-04-01', end: null },
    ]);
    const [an] = await h.query(
      `MATCH (p:Person {id: $nguyen})-[r:OFFICER_OF]->(c:Company {id: $mekong}) RETURN r.role AS role, size(p.importIds) AS imports, p.name AS name`,
      { nguyen, mekong },
    );
    expect(an).toEqual({ role: 'director', imports: 2, name: 'Nguyen Van An' });
  });

  it('ownership: owners of either kind, shares and dates; a bare registry id makes a stub', async () => {
    const r = completed(await load('ownership', good.ownership));
    expect(r).toMatchObject({ rowsRead: 5, rowsWritten: 5, rowsRejected: 0 });
    expect((await countsOf(r.importId)).rels.OWNS).toBe(4);
    const owns = await h.query(
      `MATCH (o:Entity)-[r:OWNS]->(c:Company) WHERE $imp IN r.importIds
       RETURN o.id AS owner, o:Person AS person, c.id AS owned, r.percentage AS pct, toString(r.startDate) AS start ORDER BY owner, owned`,
      { imp: r.importId },
    );
    expect(owns).toEqual(
      [
        { owner: 'co-src-TLFX-C1', person: false, owned: mekong, pct: 60, start: '2020-01-01' },
        { owner: 'co-src-TLFX-C9', person: false, owned: 'co-src-TLFX-C1', pct: 30, start: '2018-06-01' },
        { owner: nguyen, person: true, owned: mekong, pct: 40, start: '2020-01-01' },
        { owner: 'pe-src-TLFX-P1', person: true, owned: 'co-src-TLFX-C1', pct: 70, start: '2018-06-01' },
      ].sort((a, b) => (a.owner < b.owner ? -1 : 1)),
    );
    // The manifest-style spelling reached the same company and became an alias, not its name (rank 2 stays).
    const [m] = await h.query(`MATCH (c:Company {id: $mekong}) RETURN c.name AS name, c.aliases AS aliases, c.nameRank AS rank`, { mekong });
    expect(m).toEqual({ name: 'Mekong Fixture Weave Co., Ltd', aliases: ['MEKONG FIXTURE WEAVE CO LTD'], rank: 2 });
    const [stub] = await h.query(`MATCH (c:Entity:Company {id: 'co-src-TLFX-C9'}) RETURN c.name AS name, c.nameRank AS rank, c.aliases AS aliases`);
    expect(stub).toEqual({ name: 'TLFX-C9', rank: 4, aliases: [] });
  });

  it.each(Object.entries(good))('%s: loading the same file again changes nothing', async (kind, file) => {
    const id = importId(fileSha256(file), kind);
    const before = await snapshotImport(h, id);
    const counts = await countsOf(id);
    expect(Object.keys(counts.nodes).length).toBeGreaterThan(0);
    completed(await load(kind as ImportKind, file, { force: true }));
    expect(await countsOf(id)).toEqual(counts);
    expect(await snapshotImport(h, id)).toBe(before);
  });
});

describe('bad fixtures', () => {
  it.each([
    ['facilities', 'bad/facilities-invalid.csv', 'Facility', 2, [
      '3,name,is required,',
      '4,latitude,must be at most 90,95.2',
      '5,longitude,is required when latitude is given,',
      '6,country,is required,',
      '7,os_hub_id,"must be an Open Supply Hub id: 10 to 20 letters and digits, such as CN2019303BQ3FZP",OS-HUB-1',
      "8,longitude,must be at least -180,'-200",
    ]],
    ['persons', 'bad/persons-invalid.csv', 'Person', 2, [
      '3,name,is required,',
      '4,country,"""Atlantis"" is not a known country name or ISO code",Atlantis',
      '5,id,"may hold only letters, digits and . _ : -",TLFX BP4',
    ]],
    ['officers', 'bad/officers-invalid.csv', 'Person', 2, [
      '3,person_name,is required when person_id is empty,',
      '4,company_name,is required when company_id is empty,',
      '5,role,is required,',
      '6,start_date,is not a calendar date,2023-02-30',
      '7,end_date,is before start_date (2022-05-01),2021-05-01',
      '8,start_date,must be a date as YYYY-MM-DD,01/05/2021',
    ]],
    ['ownership', 'bad/ownership-invalid.csv', 'Company', 2, [
      '3,owner_kind,must be company or person,trust',
      '4,percentage,must be at most 100,150',
      '5,percentage,must be more than 0,0',
      '6,owned_id,is the same entity as the owner,TLFX-BC1',
      '7,owned_name,is the same entity as the owner,BAD FIXTURE SELF CO LTD',
      '8,percentage,must be a number,many',
      '9,start_date,is not a calendar date,2020-13-01',
      '10,owner_kind,is required,',
      '11,owned_name,is required when owned_id is empty,',
    ]],
  ] as const)('%s: %s rejects each bad line by field and loads the good ones', async (kind, name, label, nodes, rejects) => {
    const r = completed(await load(kind, fixture(name)));
    expect(r.rowsWritten).toBe(2);
    expect(r.rowsRejected).toBe(rejects.length);
    expect(rejectLines(r.rejectsPath)).toEqual(rejects);
    // Only the good rows' entities, from the first and last data lines (ownership: BC1 and BC2; nothing of the
    // self-owned company of line 7).
    const [n] = await h.query(`MATCH (n:Entity) WHERE $imp IN n.importIds AND $label IN labels(n) RETURN count(n) AS n`, { imp: r.importId, label });
    expect(n!.n).toBe(nodes);
  });
});

describe('registry rows meet companies from other sources', () => {
  const tag = uniqueTag();
  const T = tag.charAt(0) + tag.slice(1).toLowerCase();
  const row = (columns: readonly string[], values: Record<string, string>) => columns.map((c) => values[c] ?? '');

  it('an ownership row by registry id lands on the companies file node; by name + country on the hashed node', async () => {
    const companies = writeCsv(h.dataDir, `companies-${tag}.csv`, [...companyColumns], [
      row(companyColumns, { id: `${tag}-C1`, name: `${T} Registry Textile Co., Ltd`, country: 'CN' }),
      row(companyColumns, { name: `${T} Harbor Knit Co., Ltd`, country: 'KH' }),
    ]);
    const c = completed(await load('companies', companies));
    const ownershipFile = writeCsv(h.dataDir, `ownership-${tag}.csv`, [...ownershipColumns], [
      // Lines 2 and 3 are one fact in one batch: one OWNS.
      row(ownershipColumns, { owner_kind: 'company', owner_id: `${tag}-C1`, owner_name: `${tag} REGISTRY TEXTILE`, owned_name: `${tag} HARBOR KNIT CO LTD`, owned_country: 'Cambodia', percentage: '55' }),
      row(ownershipColumns, { owner_kind: 'Company', owner_id: `${tag}-C1`, owner_name: `${tag} REGISTRY TEXTILE`, owned_name: `${tag} HARBOR KNIT CO LTD`, owned_country: 'KH', percentage: '55' }),
    ]);
    const o = completed(await load('ownership', ownershipFile));
    expect(o).toMatchObject({ rowsWritten: 2, rowsRejected: 0 });
    const owns = await h.query(
      `MATCH (a:Company)-[r:OWNS]->(b:Company) WHERE $o IN r.importIds
       RETURN a.id AS owner, $c IN a.importIds AS ownerFromRegistry, a.name AS ownerName, a.aliases AS ownerAliases,
              b.id AS owned, $c IN b.importIds AS ownedFromRegistry, b.name AS ownedName, r.percentage AS pct`,
      { o: o.importId, c: c.importId },
    );
    expect(owns).toEqual([
      {
        owner: `co-src-${tag}-C1`, ownerFromRegistry: true, ownerName: `${T} Registry Textile Co., Ltd`, ownerAliases: [`${tag} REGISTRY TEXTILE`],
        owned: companyId(`${T} Harbor Knit Co., Ltd`, 'KH'), ownedFromRegistry: true, ownedName: `${T} Harbor Knit Co., Ltd`, pct: 55,
      },
    ]);
  });

  // Runs after the test above: Harbor Knit has the alias its ownership row gave it.
  it("a facility's operator by name + country is the node a manifest's spelling reaches; the better-ranked name wins", async () => {
    const facilitiesFile = writeCsv(h.dataDir, `facilities-${tag}.csv`, [...facilityColumns], [
      // Operator first met here (rank 2), later named by a manifest.
      row(facilityColumns, { name: `${T} Lakeside Dye Works`, country: 'CN', operator_name: `${T} Lakeside Dye Co., Ltd` }),
      // Operator first met in the manifest (rank 3): the facility file's spelling replaces it.
      row(facilityColumns, { name: `${T} Riverside Mill`, country: 'China', operator_name: `${T} Riverside Spinning Co., Ltd`, operator_country: 'CN' }),
      // Operator from the companies file (rank 2, loaded above): its name stays.
      row(facilityColumns, { name: `${T} Harbor Knit Plant`, country: 'KH', operator_name: `${T.toUpperCase()} HARBOR KNIT COMPANY LIMITED` }),
    ]);
    const manifest = writeCsv(h.dataDir, `manifest-${tag}.csv`, [...shipmentColumns], [
      row(shipmentColumns, { bill_of_lading: `${tag}B1`, arrival_date: '2025-03-01', shipper: `${tag} RIVERSIDE SPINNING CO LTD`, shipper_country: 'CN', consignee: `${tag} IMPORTS INC`, consignee_country: 'US' }),
    ]);
    const s1 = completed(await load('shipments', manifest));
    const f = completed(await load('facilities', facilitiesFile));
    expect(f).toMatchObject({ rowsWritten: 3, rowsRejected: 0 });
    const manifest2 = writeCsv(h.dataDir, `manifest2-${tag}.csv`, [...shipmentColumns], [
      row(shipmentColumns, { bill_of_lading: `${tag}B2`, arrival_date: '2025-04-01', shipper: `${tag} LAKESIDE DYE CO LTD`, shipper_country: 'CN', consignee: `${tag} IMPORTS INC`, consignee_country: 'US' }),
    ]);
    const s2 = completed(await load('shipments', manifest2));

    const operators = await h.query(
      `MATCH (c:Company)-[:OPERATES]->(f:Facility) WHERE $f IN f.importIds
       OPTIONAL MATCH (c)-[:SHIPPED]->(s:Shipment)
       RETURN f.name AS facility, c.id AS id, c.name AS name, c.nameRank AS rank, c.aliases AS aliases, s.id AS shipped ORDER BY facility`,
      { f: f.importId },
    );
    expect(operators).toEqual([
      { facility: `${T} Harbor Knit Plant`, id: companyId(`${T} Harbor Knit Co., Ltd`, 'KH'), name: `${T} Harbor Knit Co., Ltd`, rank: 2, aliases: [`${tag} HARBOR KNIT CO LTD`, `${tag} HARBOR KNIT COMPANY LIMITED`], shipped: null },
      { facility: `${T} Lakeside Dye Works`, id: companyId(`${T} Lakeside Dye Co., Ltd`, 'CN'), name: `${T} Lakeside Dye Co., Ltd`, rank: 2, aliases: [`${tag} LAKESIDE DYE CO LTD`], shipped: `sh-${tag}B2` },
      { facility: `${T} Riverside Mill`, id: companyId(`${T} Riverside Spinning Co., Ltd`, 'CN'), name: `${T} Riverside Spinning Co., Ltd`, rank: 2, aliases: [`${tag} RIVERSIDE SPINNING CO LTD`], shipped: `sh-${tag}B1` },
    ]);
    expect([s1.rowsWritten, s2.rowsWritten]).toEqual([1, 1]);
  });
});
