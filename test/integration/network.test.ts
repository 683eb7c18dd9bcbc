/**
 * A generated network (scripts/generate-network.ts, size small) through the real pipeline: every file it
 * writes loads through the worker without rejects, the derive job turns its shipments into SUPPLIES edges,
 * every company is one node carrying both its registry facts (address, owners, officers, sites) and its
 * trade (SUPPLIES), a listed company's stakes start at the node with its LISTED edge, and walking SUPPLIES
 * upstream (up to 4 hops) to a Company with a LISTED edge finds, for every US importer, the exposure and
 * nearest tier that ground-truth.csv gives.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { projectRoot } from '../../core/config';
import { companyId, importId } from '../../domain/ids';
import { normalizeName } from '../../domain/normalize';
import type { ImportKind } from '../../domain/vocabulary';
import { generateNetwork } from '../../scripts/generate-network';
import { openHarness, uniqueTag, type Harness, fileSha256 } from '../support/harness';

type Row = Record<string, string>;
let h: Harness;
let dir: string;
let tag: string;
const created: string[] = [];
const read = (file: string): Row[] => parse(fs.readFileSync(path.join(dir, file)), { columns: true, bom: true }) as Row[];

beforeAll(async () => {
  h = await openHarness('network');
  await h.startWorker();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-network-'));
  // The tag makes every generated name, id and bill unique to this run (the database is shared); listed
  // companies keep their real names so they meet the list.
  tag = uniqueTag();
  await generateNetwork({ size: 'small', seed: 11, out: dir, tag, log: () => undefined });
  // The UFLPA list is shared by every test and left in place (as the e2e test does).
  const list = await h.importFile('uflpa', path.join(projectRoot, 'data', 'lists', 'dhs_uflpa.json'));
  if (list.state !== 'completed') throw new Error(`loading the UFLPA list failed: ${list.reason}`);
}, 120_000);

afterAll(async () => {
  if (h && created.length > 0) {
    await h.deleteImported(created);
  }
  await h?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 300_000);

async function load(kind: ImportKind, file: string) {
  created.push(importId(fileSha256(path.join(dir, file)), kind));
  const outcome = await h.importFile(kind, path.join(dir, file));
  if (outcome.state !== 'completed') throw new Error(`${file} failed: ${outcome.reason}`);
  return outcome.result;
}

describe('loading the generated files', () => {
  // In dependency order: registry files first, then the manifests that the derive job turns into SUPPLIES.
  for (const kind of ['companies', 'persons', 'facilities', 'officers', 'ownership'] as const satisfies readonly ImportKind[]) {
    it(`loads ${kind}.csv without rejects`, async () => {
      const rows = read(`${kind}.csv`).length;
      const result = await load(kind, `${kind}.csv`);
      expect(result).toMatchObject({ rowsRead: rows, rowsWritten: rows, rowsRejected: 0 });
    }, 120_000);
  }

  it('loads shipments.csv without rejects and derives one SUPPLIES edge per shipper -> consignee pair', async () => {
    const shipments = read('shipments.csv');
    const result = await load('shipments', 'shipments.csv');
    expect(result).toMatchObject({ rowsRead: shipments.length, rowsWritten: shipments.length, rowsRejected: 0 });
    const pairs = new Set(shipments.map((s) => `${normalizeName(s.shipper!)}|${s.shipper_country}>${normalizeName(s.consignee!)}|${s.consignee_country}`));
    // Every consignee is a tagged company of this run, so these SUPPLIES edges carry only this file's shipments.
    const [row] = await h.query(
      `MATCH (s:Shipment) WHERE $imp IN s.importIds
       MATCH (a:Company)-[:SHIPPED]->(s)-[:CONSIGNED_TO]->(b:Company)
       WITH DISTINCT a, b
       MATCH (a)-[r:SUPPLIES]->(b)
       RETURN count(r) AS pairs, sum(r.shipments) AS shipments`,
      { imp: result.importId },
    );
    expect(row).toEqual({ pairs: pairs.size, shipments: shipments.length });
  }, 300_000);
});

describe('one node per company: registry facts and trade meet', () => {
  const ofRun = (name: string) => normalizeName(name).startsWith(tag);
  const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
  const siteId = (f: Row) => (f.os_hub_id ? `fa-osh-${f.os_hub_id}` : `fa-src-${f.id}`);
  /** Companies named as shipper or consignee: the ones with SUPPLIES edges. */
  const trading = () => {
    const ids = new Set<string>();
    for (const s of read('shipments.csv')) {
      ids.add(companyId(s.shipper!, s.shipper_country!));
      ids.add(companyId(s.consignee!, s.consignee_country!));
    }
    return ids;
  };

  it('loads each company of companies.csv onto one node, the one its shipments reach, with its address', async () => {
    // Generated companies carry the run's tag in their names, so their normalised names are this run's alone.
    const companies = read('companies.csv').filter((c) => ofRun(c.name!));
    expect(companies.length).toBeGreaterThan(100);
    const traders = trading();
    const rows = await h.query(
      `UNWIND $keys AS k
       OPTIONAL MATCH (c:Company) WHERE c.normName = k.norm AND c.country = k.country
       WITH k, collect(c) AS nodes
       RETURN k.norm AS norm, [c IN nodes | c.id] AS ids, [c IN nodes WHERE c.address IS NOT NULL | c.id] AS registered,
              [c IN nodes WHERE EXISTS { (c)-[:SUPPLIES]-(:Company) } | c.id] AS supplying`,
      { keys: companies.map((c) => ({ norm: normalizeName(c.name!), country: c.country })) },
    );
    const got = new Map(rows.map((r) => [r.norm as string, r]));
    const mismatch = companies.flatMap((c) => {
      const id = companyId(c.name!, c.country!);
      const want = { ids: [id], registered: [id], supplying: traders.has(id) ? [id] : [] };
      const r = got.get(normalizeName(c.name!));
      const have = { ids: r?.ids, registered: r?.registered, supplying: r?.supplying };
      return JSON.stringify(have) === JSON.stringify(want) ? [] : [{ company: c.name, want, have }];
    });
    expect(mismatch).toEqual([]);
    // Not vacuous: nearly every company trades.
    expect(companies.filter((c) => traders.has(companyId(c.name!, c.country!))).length).toBeGreaterThan(companies.length * 0.9);
  }, 120_000);

  it('hangs owners, officers and sites on the node that has SUPPLIES edges', async () => {
    // What the files say, per company node (by name + country, as the generator now writes every reference).
    const want = new Map<string, { owners: string[]; officers: string[]; sites: string[] }>();
    const entry = (name: string, country: string) => {
      const id = companyId(name, country);
      let e = want.get(id);
      if (!e) want.set(id, (e = { owners: [], officers: [], sites: [] }));
      return e;
    };
    for (const o of read('ownership.csv')) {
      if (!ofRun(o.owned_name!)) continue;
      entry(o.owned_name!, o.owned_country!).owners.push(o.owner_kind === 'person' ? `pe-src-${o.owner_id}` : companyId(o.owner_name!, o.owner_country!));
    }
    for (const o of read('officers.csv')) if (ofRun(o.company_name!)) entry(o.company_name!, o.company_country!).officers.push(`pe-src-${o.person_id}`);
    for (const f of read('facilities.csv')) {
      if (ofRun(f.operator_name!)) entry(f.operator_name!, f.operator_country!).sites.push(siteId(f));
    }
    const ids = [...want.keys()];
    const traders = trading();
    const rows = await h.query(
      `UNWIND $ids AS id
       MATCH (c:Company {id: id})
       RETURN id, EXISTS { (c)-[:SUPPLIES]-(:Company) } AS supplies,
              COLLECT { MATCH (o:Entity)-[:OWNS]->(c) RETURN o.id } AS owners,
              COLLECT { MATCH (p:Person)-[:OFFICER_OF]->(c) RETURN p.id } AS officers,
              COLLECT { MATCH (c)-[:OPERATES]->(f:Facility) RETURN f.id } AS sites`,
      { ids },
    );
    const got = new Map(rows.map((r) => [r.id as string, r]));
    const mismatch = ids.flatMap((id) => {
      const w = want.get(id)!;
      const r = got.get(id);
      const expected = { supplies: traders.has(id), owners: sorted(w.owners), officers: sorted(w.officers), sites: sorted(w.sites) };
      const have = r && { supplies: r.supplies, owners: sorted(r.owners as string[]), officers: sorted(r.officers as string[]), sites: sorted(r.sites as string[]) };
      return JSON.stringify(have) === JSON.stringify(expected) ? [] : [{ id, expected, have }];
    });
    expect(mismatch).toEqual([]);
    // Not vacuous: owned companies (by persons and by companies), officers and sites are all there, and the
    // companies with owners or sites all trade (brokers and forwarders, which may not, have neither).
    const all = [...want.values()];
    expect(ids.filter((id) => (want.get(id)!.owners.length > 0 || want.get(id)!.sites.length > 0) && !traders.has(id))).toEqual([]);
    expect(all.filter((w) => w.owners.some((o) => o.startsWith('co-'))).length).toBeGreaterThan(5);
    expect(all.filter((w) => w.owners.some((o) => o.startsWith('pe-'))).length).toBeGreaterThan(20);
    expect(all.filter((w) => w.officers.length > 0).length).toBeGreaterThan(100);
    expect(all.filter((w) => w.sites.length > 0).length).toBeGreaterThan(50);
  }, 120_000);

  it("starts a listed company's stakes, officers and sites at the node that carries LISTED and ships", async () => {
    // Listed companies keep their real names (no tag); the list reaches them by name + country too.
    const stakes = read('ownership.csv').filter((o) => o.owner_kind === 'company' && !ofRun(o.owner_name!));
    expect(stakes.length).toBeGreaterThan(0);
    const owned = stakes.map((o) => ({ owner: companyId(o.owner_name!, o.owner_country!), owned: companyId(o.owned_name!, o.owned_country!) }));
    const rows = await h.query(
      `UNWIND $owned AS s
       OPTIONAL MATCH (l:Company {id: s.owner})-[:OWNS]->(c:Company {id: s.owned})
       RETURN s.owner AS owner, s.owned AS owned, l IS NOT NULL AS owns,
              EXISTS { (l)-[:LISTED]->(:ListEntry) } AS listed,
              // Its trade and registry facts from this run (tagged partners, persons and sites) on the same node.
              EXISTS { (l)-[:SUPPLIES]->(b:Company) WHERE b.normName STARTS WITH $tag } AS ships,
              EXISTS { (p:Person)-[:OFFICER_OF]->(l) WHERE p.id STARTS WITH $persons } AS officers`,
      { owned, tag, persons: `pe-src-${tag}-` },
    );
    expect(rows).toEqual(owned.map((s) => ({ ...s, owns: true, listed: true, ships: true, officers: true })));
    // Every site the generator gave a listed company hangs off that same node.
    const sites = read('facilities.csv')
      .filter((f) => !ofRun(f.operator_name!))
      .map((f) => ({ operator: companyId(f.operator_name!, f.operator_country!), site: siteId(f) }));
    expect(sites.length).toBeGreaterThan(0);
    const operated = await h.query(
      `UNWIND $sites AS s
       OPTIONAL MATCH (l:Company {id: s.operator})-[:OPERATES]->(f:Facility {id: s.site})
       RETURN s.operator AS operator, s.site AS site, f IS NOT NULL AS operates, EXISTS { (l)-[:LISTED]->(:ListEntry) } AS listed`,
      { sites },
    );
    expect(operated).toEqual(sites.map((s) => ({ ...s, operates: true, listed: true })));
  }, 120_000);
});

describe('exposure over SUPPLIES', () => {
  it('finds each importer exposed (or not) at the nearest tier the ground truth gives', async () => {
    const truth = read('ground-truth.csv');
    const ids = truth.map((t) => companyId(t.importer_name!, t.importer_country!));
    const rows = await h.query(
      `UNWIND $ids AS id
       MATCH (i:Company {id: id})
       OPTIONAL MATCH p = (l:Company)-[:SUPPLIES*1..4]->(i) WHERE EXISTS { (l)-[:LISTED]->(:ListEntry) }
       WITH id, length(p) AS hops, l.normName AS listed ORDER BY hops
       WITH id, collect(CASE WHEN hops IS NOT NULL THEN [hops, listed] END) AS hits
       RETURN id, hits`,
      { ids },
    );
    expect(rows).toHaveLength(truth.length);
    const found = new Map(rows.map((r) => [r.id as string, r.hits as [number, string][]]));
    const got = truth.map((t, i) => {
      const hits = found.get(ids[i]!) ?? [];
      const tier = hits[0]?.[0] ?? null;
      return { importer: t.importer_name, tier, listedAtTier: hits.some(([n, name]) => n === tier && name === normalizeName(t.listed_name!)) };
    });
    // The graph walk stops at 4 hops; the ground truth has no such limit.
    const want = truth.map((t) => {
      const tier = t.exposed === 'true' && Number(t.nearest_tier) <= 4 ? Number(t.nearest_tier) : null;
      return { importer: t.importer_name, tier, listedAtTier: tier !== null };
    });
    expect(got).toEqual(want);
    // Not vacuous: exposed importers at every tier 1-4, and unexposed ones.
    expect(new Set(want.map((w) => w.tier))).toEqual(new Set([null, 1, 2, 3, 4]));
  }, 120_000);
});
