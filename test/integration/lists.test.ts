/**
 * The official-list kinds `wro` (CBP WRO/Findings JSON) and `dolgoods` (DOL goods XML) through the real worker,
 * queue and database: the real lists in data/lists, loading them again, and the bad fixtures in
 * test/fixtures/lists. Other tests may load the same lists into the shared database, so every assertion is
 * about what carries this file's import ids.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../core/config';
import type { JobOutcome } from '../../core/imports';
import { importId } from '../../domain/ids';
import { openHarness, Harness, snapshotImport, fileSha256, rejectLines } from '../support/harness';

const listFile = (name: string) => path.join(projectRoot, 'data', 'lists', name);
const fixture = (name: string) => path.join(projectRoot, 'test', 'fixtures', 'lists', name);

let h: Harness;
const createdImports: string[] = [];

beforeAll(async () => {
  h = await openHarness('lists');
  // Small batches, so entries of one company (a WRO and its Finding) land in different transactions.
  await h.startWorker({ INGEST_BATCH_SIZE: 25 });
}, 60_000);

afterAll(async () => {
  if (h) {
    await h.deleteImported(createdImports);
    await h.close();
  }
}, 120_000);

async function load(kind: 'wro' | 'dolgoods', file: string, opts?: { force?: boolean }): Promise<JobOutcome> {
  const id = importId(fileSha256(file), kind);
  if (!createdImports.includes(id)) createdImports.push(id);
  return h.importFile(kind, file, opts);
}

const completed = (o: JobOutcome) => {
  if (o.state !== 'completed') throw new Error(`import failed: ${o.reason}`);
  return o.result;
};

/** Nodes and relationships carrying an import id (relationships counted from either end, once). */
async function counts(imp: string) {
  const [row] = await h.query(
    `CALL () { MATCH (n:Entity) WHERE $imp IN n.importIds RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() WHERE $imp IN r.importIds RETURN count(r) AS rels }
     RETURN nodes, rels`,
    { imp },
  );
  return row!;
}

describe('wro: the CBP Withhold Release Orders and Findings list', () => {
  const file = listFile('cbp_wro.json');
  const entries = (JSON.parse(fs.readFileSync(file, 'utf8')) as { entities: { name: string; notes: string }[] }).entities;
  const imp = importId(fileSha256(file), 'wro');

  /** The names of what is LISTED by the entries named `name`, by label, as asserted by this import. */
  const listedBy = async (name: string) =>
    h.query(
      `MATCH (x:Entity)-[r:LISTED]->(le:ListEntry {name: $name}) WHERE $imp IN r.importIds AND $imp IN le.importIds
       RETURN [l IN labels(x) WHERE l <> 'Entity'][0] AS kind, x.name AS name, x.country AS country, le.program AS program,
              toString(le.effectiveDate) AS date, r.asSubsidiary AS asSubsidiary
       ORDER BY date, kind, name`,
      { name, imp },
    );

  it('loads every entry, one ListEntry each, WRO or FINDING as its notes say', async () => {
    const result = completed(await load('wro', file));
    expect(result).toMatchObject({ rowsRead: 67, rowsWritten: 67, rowsRejected: 0 });
    const rows = await h.query(
      `MATCH (le:ListEntry) WHERE $imp IN le.importIds RETURN le.program AS program, count(*) AS n ORDER BY program`,
      { imp },
    );
    const findings = entries.filter((e) => /^Finding;/.test(e.notes)).length;
    expect(rows).toEqual([
      { program: 'FINDING', n: findings },
      { program: 'WRO', n: entries.length - findings },
    ]);
    expect(findings).toBe(9);
  });

  it('links every company an entry names (seven Nepalese carpet makers; a parent and its two named subsidiaries)', async () => {
    const nepal = entries.find((e) => e.name.startsWith('Kumar Carpet'))!.name;
    const carpets = await listedBy(nepal);
    expect(carpets).toHaveLength(7);
    expect(carpets.every((c) => c.kind === 'Company' && c.country === 'NP')).toBe(true);
    expect(carpets.map((c) => c.name)).toContain('K.K. Carpet Industries');

    const select = await listedBy(entries.find((e) => e.name.startsWith('Shanghai Select'))!.name);
    expect(select.map((c) => [c.name, c.asSubsidiary])).toEqual([
      ['Select (Nantong) Safety Products Co. Limited', true],
      ['Select Protective Technology (HK) Limited', true],
      ['Shanghai Select Safety Products Company, Limited', false],
    ]);
  });

  it('links the XUAR region to the region-wide WRO, which COVERS China', async () => {
    const [row] = await h.query(
      `MATCH (rg:Region {id: 'rg-XUAR'})-[r:LISTED]->(le:ListEntry)-[c:COVERS]->(ct:Country)
       WHERE $imp IN r.importIds AND $imp IN c.importIds
       RETURN le.name AS name, le.merchandise AS merchandise, le.industry AS industry, ct.id AS country, rg.name AS region`,
      { imp },
    );
    expect(row).toEqual({
      name: 'Xinjiang Uyghur Autonomous Region (XUAR)', merchandise: ['Cotton', 'Tomatoes', 'Downstream Products'],
      industry: 'Agriculture and Prepared Products', country: 'ct-CN', region: 'Xinjiang Uyghur Autonomous Region',
    });
  });

  it('links prisons as Facilities: one penitentiary listed twice is two entries and one Facility', async () => {
    const prison = await listedBy('State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico');
    expect(prison).toEqual([
      { kind: 'Facility', name: 'State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico', country: 'MX', program: 'FINDING', date: '1953-12-28', asSubsidiary: false },
      { kind: 'Facility', name: 'State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico', country: 'MX', program: 'FINDING', date: '1958-10-29', asSubsidiary: false },
    ]);
    const [facility] = await h.query(
      `MATCH (f:Facility {name: 'State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico'})-[l:LOCATED_IN]->(c:Country)
       WHERE $imp IN f.importIds AND $imp IN l.importIds RETURN count { (f)-[:LISTED]->() } AS listings, c.id AS country`,
      { imp },
    );
    expect(facility).toEqual({ listings: 2, country: 'ct-MX' });
    // A prison named as an alias becomes a Facility beside the company, listed by the same entries.
    expect((await listedBy('Yunnan Machinery')).map((x) => `${x.program} ${x.kind} ${x.name}`)).toEqual([
      'WRO Company Yunnan Machinery', 'WRO Facility Yunnan 1st Prison',
      'FINDING Company Yunnan Machinery', 'FINDING Facility Yunnan 1st Prison',
    ]);
  });

  it('links fishing vessels as Vessels, and names no country for them', async () => {
    const daWang = await listedBy('Fishing Vessel: Da Wang');
    expect(daWang.map((x) => `${x.program} ${x.kind} ${x.name}`)).toEqual(['WRO Vessel Da Wang', 'FINDING Vessel Da Wang']);
    const [covers] = await h.query(
      `MATCH (le:ListEntry {name: 'Fishing Vessel: Da Wang'}) WHERE $imp IN le.importIds RETURN count { (le)-[:COVERS]->() } AS covers, collect(le.country) AS countries`,
      { imp },
    );
    expect(covers).toEqual({ covers: 0, countries: [] });
  });

  it('lists no entity for a country-wide WRO, which COVERS its country', async () => {
    const name = entries.find((e) => e.name.startsWith('All Turkmenistan Cotton'))!.name;
    expect(await listedBy(name)).toEqual([]);
    const [row] = await h.query(`MATCH (le:ListEntry {name: $name})-[:COVERS]->(c:Country) WHERE $imp IN le.importIds RETURN c.id AS country`, { name, imp });
    expect(row).toEqual({ country: 'ct-TM' });
  });

  it('records provenance on every node and relationship it wrote', async () => {
    const [row] = await h.query(
      `MATCH (n:Entity) WHERE $imp IN n.importIds
       OPTIONAL MATCH (n)-[r]-() WHERE $imp IN r.importIds
       WITH collect(DISTINCT n) AS ns, collect(DISTINCT r) AS rs
       RETURN size(ns) AS nodes, size(rs) AS rels,
              size([x IN ns WHERE x.firstSeen IS NULL OR x.lastSeen IS NULL]) AS nodesWithout,
              size([x IN rs WHERE x.firstSeen IS NULL OR x.lastSeen IS NULL]) AS relsWithout`,
      { imp },
    );
    expect(row).toMatchObject({ nodesWithout: 0, relsWithout: 0 });
    expect(row!.nodes).toBeGreaterThan(67);
    // Every LISTED and COVERS edge of these entries was asserted by this import.
    const [edges] = await h.query(
      `MATCH (le:ListEntry)-[r]-() WHERE $imp IN le.importIds AND type(r) IN ['LISTED', 'COVERS'] AND NOT $imp IN r.importIds RETURN count(r) AS n`,
      { imp },
    );
    expect(edges!.n).toBe(0);
  });

  it('changes nothing when the same file is loaded again', async () => {
    const before = await snapshotImport(h, imp);
    const countsBefore = await counts(imp);
    expect(countsBefore.nodes).toBeGreaterThan(67);
    completed(await load('wro', file, { force: true }));
    expect(await counts(imp)).toEqual(countsBefore);
    expect(await snapshotImport(h, imp)).toBe(before);
  });

  it('rejects bad entries by position and field, and loads the good ones', async () => {
    const result = completed(await load('wro', fixture('wro-bad.json')));
    expect(result).toMatchObject({ rowsRead: 6, rowsWritten: 2, rowsRejected: 4 });
    expect(rejectLines(result.rejectsPath)).toEqual([
      '3,country,"""Atlantis"" is not a known country (or ""Fishing Vessels"")",Atlantis',
      '4,effective_date,is not a calendar date,2024-13-01',
      '5,notes,"must start with ""WRO"" or ""Finding""",Order; Merchandise: Tea',
      '6,name,is required,',
    ]);
    const listed = await h.query(
      `MATCH (x:Entity)-[:LISTED]->(le:ListEntry) WHERE $imp IN le.importIds
       RETURN le.program AS program, [l IN labels(x) WHERE l <> 'Entity'][0] AS kind, x.name AS name, x.aliases AS aliases ORDER BY program, name`,
      { imp: result.importId },
    );
    expect(listed).toEqual([
      { program: 'FINDING', kind: 'Company', name: 'Threadline Fixture Alpha Textile Co., Ltd.', aliases: [] },
      { program: 'FINDING', kind: 'Company', name: 'Threadline Fixture Beta Garment Co., Ltd.', aliases: [] },
      { program: 'WRO', kind: 'Facility', name: 'Threadline Fixture Prison No. 9', aliases: [] },
      { program: 'WRO', kind: 'Company', name: 'Threadline Fixture Hoist Works', aliases: [] },
    ].sort((a, b) => a.program.localeCompare(b.program) || a.name.localeCompare(b.name)));
  });
});

describe('dolgoods: the DOL List of Goods Produced by Child Labor or Forced Labor', () => {
  const file = listFile('goods_2021.xml');
  const imp = importId(fileSha256(file), 'dolgoods');

  it('loads every good x country as a DOL ListEntry', async () => {
    const result = completed(await load('dolgoods', file));
    expect(result).toMatchObject({ rowsRead: 169, rowsWritten: 169, rowsRejected: 0 });
    const [row] = await h.query(
      `MATCH (le:ListEntry) WHERE $imp IN le.importIds
       RETURN collect(DISTINCT le.program) AS programs, count(le) AS entries, sum(CASE WHEN le.forcedLabor THEN 1 ELSE 0 END) AS forced,
              count { (c:Country)<-[r:COVERS]-(x:ListEntry) WHERE $imp IN r.importIds } AS countryEdges`,
      { imp },
    );
    expect(row).toEqual({ programs: ['DOL'], entries: 467, forced: 121, countryEdges: 467 });
  });

  it('Cotton from China COVERS Country CN and Product hs-5201 (a heading of chapter 52)', async () => {
    const rows = await h.query(
      `MATCH (le:ListEntry {program: 'DOL', good: 'Cotton', country: 'CN'})-[r:COVERS]->(x:Entity) WHERE $imp IN le.importIds AND $imp IN r.importIds
       OPTIONAL MATCH (x)-[:PART_OF]->(parent:Product)
       RETURN le.name AS name, le.childLabor AS child, le.forcedLabor AS forced, le.sector AS sector, x.id AS covers, parent.id AS parent
       ORDER BY covers`,
      { imp },
    );
    expect(rows).toEqual([
      { name: 'Cotton — China', child: true, forced: true, sector: 'Agriculture', covers: 'ct-CN', parent: null },
      { name: 'Cotton — China', child: true, forced: true, sector: 'Agriculture', covers: 'hs-5201', parent: 'hs-52' },
    ]);
  });

  it('gives a derived good the country of its input, and an unmapped good no Product', async () => {
    const [batteries] = await h.query(
      `MATCH (le:ListEntry {program: 'DOL', good: 'Lithium-Ion Batteries'}) WHERE $imp IN le.importIds
       RETURN le.country AS country, le.derived AS derived, le.derivedFrom AS derivedFrom, [(le)-[:COVERS]->(p:Product) | p.id] AS products`,
      { imp },
    );
    expect(batteries).toEqual({ country: 'CN', derived: true, derivedFrom: 'CD', products: ['hs-8507'] });
    const [glass] = await h.query(
      `MATCH (le:ListEntry {program: 'DOL', good: 'Glass'}) WHERE $imp IN le.importIds RETURN count(le) AS entries, count { (le)-[:COVERS]->(:Product) } AS products`,
      { imp },
    );
    expect(glass!.entries).toBeGreaterThan(0);
    expect(glass!.products).toBe(0);
  });

  it('changes nothing when the same file is loaded again', async () => {
    const before = await snapshotImport(h, imp);
    const countsBefore = await counts(imp);
    expect(countsBefore).toMatchObject({ nodes: 467 });
    completed(await load('dolgoods', file, { force: true }));
    expect(await counts(imp)).toEqual(countsBefore);
    expect(await snapshotImport(h, imp)).toBe(before);
  });

  it('rejects bad goods by line and field, and loads the good ones', async () => {
    const result = completed(await load('dolgoods', fixture('goods-bad.xml')));
    expect(result).toMatchObject({ rowsRead: 4, rowsWritten: 1, rowsRejected: 3 });
    expect(rejectLines(result.rejectsPath)).toEqual([
      '27,Countries/Country[1]/Country_Name,"""Narnia"" is not a known country name (domain/countries.ts)",Narnia',
      '39,Countries/Country[1]/Forced_Labor,must be Yes or No,Maybe',
      '50,Good_Name,unknown entity &nbsp; (only &amp; &lt; &gt; &quot; &apos; and &#...; are read),',
    ]);
    const rows = await h.query(
      `MATCH (le:ListEntry)-[:COVERS]->(c:Country) WHERE $imp IN le.importIds RETURN le.name AS name, c.id AS country ORDER BY country`,
      { imp: result.importId },
    );
    expect(rows).toEqual([
      { name: 'Fixture Widgets (bad file) — Congo, Democratic Republic of the', country: 'ct-CD' },
      { name: 'Fixture Widgets (bad file) — China', country: 'ct-CN' },
    ]);
  });

  it('fails a truncated file with a message naming the file and the line, recorded on its Import node', async () => {
    const truncated = fixture('goods-truncated.xml');
    const outcome = await load('dolgoods', truncated);
    expect(outcome.state).toBe('failed');
    const reason = /goods-truncated\.xml: line 28: the <Good> element that starts here is not closed/;
    if (outcome.state === 'failed') expect(outcome.reason).toMatch(reason);
    const [row] = await h.query('MATCH (i:Import {id: $id}) RETURN i.status AS status, i.error AS error', { id: importId(fileSha256(truncated), 'dolgoods') });
    expect(row).toMatchObject({ status: 'failed', error: expect.stringMatching(reason) });
  });
});
