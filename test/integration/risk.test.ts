/**
 * Known answers for the risk engine (GET /api/risk/entities/:id, cypher/risk/, domain/risk.ts) on a real
 * Neo4j: a small hand-built graph (tagged companies, shipments, ownership, facilities, a UFLPA and a WRO
 * file of tagged entries, the real WRO and DOL lists) where each factor, the as-of rules, the decay by tier,
 * the noisy-OR score and the band have a known answer; then the generator's small network, where NETWORK
 * finds every exposed importer at its true nearest tier and flags no unexposed one with a listed supplier.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { Express } from 'express';
import { projectRoot } from '../../core/config';
import { runStatement } from '../../core/neo4j';
import { companyId, importId } from '../../domain/ids';
import { type Factor, networkFactors } from '../../domain/risk';
import { riskConfig } from '../../domain/risk-config';
import type { ImportKind } from '../../domain/vocabulary';
import { generateNetwork } from '../../scripts/generate-network';
import { openHarness, testApp, uniqueTag, writeCsv, type Harness, fileSha256 } from '../support/harness';

let h: Harness;
let app: Express;
let dir: string;
const tag = uniqueTag();
const created: string[] = [];

async function load(kind: ImportKind, file: string, keep = false) {
  if (!keep) created.push(importId(fileSha256(file), kind));
  const outcome = await h.importFile(kind, file);
  if (outcome.state !== 'completed') throw new Error(`${file} failed: ${outcome.reason}`);
  expect(outcome.result.rowsRejected).toBe(0);
  return outcome.result;
}

// The hand-built graph's companies, by role (name, country).
const co = {
  listed: [`${tag} Listed Alpha Co`, 'CN'],
  late: [`${tag} Late Beta Co`, 'CN'],
  wro: [`${tag} Wro Gamma Co`, 'MY'],
  inactive: [`${tag} Inactive Delta Co`, 'DO'],
  xuar: [`${tag} Xuar Mill Co`, 'CN'],
  siteOwner: [`${tag} Site Owner Co`, 'CN'],
  middle: [`${tag} Middle Weaver Co`, 'VN'],
  lateSupplier: [`${tag} Late Start Co`, 'VN'],
  importer1: [`${tag} Importer One Inc`, 'US'],
  importer2: [`${tag} Importer Two Inc`, 'US'],
  importer3: [`${tag} Importer Three Inc`, 'US'],
  majority: [`${tag} Majority Sub Co`, 'CN'],
  holding: [`${tag} Holding Co`, 'CN'],
  minority: [`${tag} Minority Sub Co`, 'CN'],
  unknown: [`${tag} Unknown Stake Co`, 'CN'],
  egyptCotton: [`${tag} Nile Cotton Co`, 'EG'],
  chinaCotton: [`${tag} Cotton Trader Co`, 'HK'],
} as const;
const id = (k: keyof typeof co) => companyId(co[k][0], co[k][1]);

beforeAll(async () => {
  h = await openHarness('risk');
  await h.startWorker();
  app = testApp(h);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-risk-'));
  // The real lists are shared by every test and left in place (as the network and e2e tests do).
  for (const [kind, file] of [['uflpa', 'dhs_uflpa.json'], ['wro', 'cbp_wro.json'], ['dolgoods', 'goods_2021.xml']] as const) {
    const outcome = await h.importFile(kind, path.join(projectRoot, 'data', 'lists', file));
    if (outcome.state !== 'completed') throw new Error(`loading ${file} failed: ${outcome.reason}`);
  }
  // Tagged listings with chosen dates and statuses.
  const uflpa = path.join(dir, 'uflpa.json');
  fs.writeFileSync(uflpa, JSON.stringify({ entities: [
    { name: co.listed[0], aliases: [], country: 'China', effective_date: 'March 1, 2023', notes: null },
    { name: co.late[0], aliases: [], country: 'China', effective_date: 'June 1, 2025', notes: null },
    { name: co.lateSupplier[0], aliases: [], country: 'Vietnam', effective_date: 'March 1, 2023', notes: null },
  ] }));
  const wro = path.join(dir, 'wro.json');
  fs.writeFileSync(wro, JSON.stringify({ entities: [
    { name: co.wro[0], aliases: [], country: 'Malaysia', status: 'Active', effective_date: '2020-01-01', notes: 'WRO; Industry: Apparel; Merchandise: Gloves' },
    { name: co.inactive[0], aliases: [], country: 'Dominican Republic', status: 'Inactive-Pending Litigation', effective_date: '2020-01-01', notes: 'Finding; Industry: Agriculture; Merchandise: Sugar' },
  ] }));
  await load('uflpa', uflpa);
  await load('wro', wro);
  const row = (k: keyof typeof co, region = '') => ['', co[k][0], '', co[k][1], region, '', '', '', '', '', '', ''];
  await load('companies', writeCsv(dir, 'companies.csv',
    ['id', 'name', 'aliases', 'country', 'region', 'address', 'registration_number', 'uscc', 'cbp_mid', 'duns', 'lei', 'identifiers'],
    [row('xuar', 'XUAR'), row('siteOwner'), row('middle'), row('majority'), row('holding'), row('minority'), row('unknown')]));
  await load('facilities', writeCsv(dir, 'facilities.csv',
    ['id', 'name', 'aliases', 'address', 'country', 'region', 'latitude', 'longitude', 'operator_id', 'operator_name', 'operator_country', 'os_hub_id'],
    [[`${tag}-F1`, `${tag} Aksu Spinning Mill`, '', '', 'CN', 'XUAR', '', '', '', co.siteOwner[0], 'CN', '']]));
  const own = (owner: keyof typeof co, owned: keyof typeof co, pct: string) => ['company', '', co[owner][0], co[owner][1], '', co[owned][0], co[owned][1], pct, '', ''];
  await load('ownership', writeCsv(dir, 'ownership.csv',
    ['owner_kind', 'owner_id', 'owner_name', 'owner_country', 'owned_id', 'owned_name', 'owned_country', 'percentage', 'start_date', 'end_date'],
    [own('listed', 'majority', '60'), own('listed', 'holding', '80'), own('holding', 'minority', '50'), own('listed', 'unknown', '')]));
  let n = 0;
  const ship = (from: keyof typeof co, to: keyof typeof co, date: string, hs = '8481.80', origin: string = co[from][1]) =>
    [`${tag}-${++n}`, date, co[from][0], co[from][1], co[to][0], co[to][1], hs, 'GOODS', origin];
  await load('shipments', writeCsv(dir, 'shipments.csv',
    ['bill_of_lading', 'arrival_date', 'shipper', 'shipper_country', 'consignee', 'consignee_country', 'hs_codes', 'description', 'country_of_origin'],
    [
      // importer1: WRO-listed direct supplier (tier 1), UFLPA-listed supplier behind the weaver (tier 2).
      ship('wro', 'importer1', '2024-03-01'), ship('wro', 'importer1', '2024-04-01'),
      ship('listed', 'middle', '2024-01-10'), ship('listed', 'middle', '2024-01-20'), ship('listed', 'middle', '2024-02-01'),
      ship('middle', 'importer1', '2024-02-10'),
      // importer2: a supplier whose first shipment comes after 2025-01-01, and one listed only from 2025-06-01.
      ship('lateSupplier', 'importer2', '2025-05-01'),
      ship('late', 'importer2', '2024-01-01'),
      // importer3: a supplier in the XUAR (tier 1), an inactive Finding's company (no risk), cotton shippers.
      ship('xuar', 'importer3', '2024-01-01'), ship('inactive', 'importer3', '2024-01-01'),
      ship('egyptCotton', 'importer3', '2024-05-01', '5201.00', 'EG'), ship('egyptCotton', 'importer3', '2024-06-01', '5201.00', 'EG'),
      ship('chinaCotton', 'importer3', '2024-05-01', '5201.00.1000', 'CN'),
    ]));
}, 300_000);

afterAll(async () => {
  if (h && created.length) {
    await h.deleteImported(created);
  }
  await h?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 300_000);

type Body = { entity: { id: string; kind: string; name: string }; asOf: string; score: number; band: string; factors: Factor[] };
async function risk(k: keyof typeof co, query: Record<string, string> = {}): Promise<Body> {
  const res = await request(app).get(`/api/risk/entities/${id(k)}`).query({ asOf: '2025-12-31', ...query });
  expect(res.status).toBe(200);
  return res.body as Body;
}
const of = (b: Body, kind: string) => b.factors.filter((f) => f.kind === kind);

describe('each factor with its weight and evidence', () => {
  it('LISTED: UFLPA 1.0 with the LISTED edge and the import that asserted it', async () => {
    const b = await risk('listed');
    expect(b.entity).toEqual({ id: id('listed'), kind: 'Company', name: co.listed[0] });
    const [f] = of(b, 'LISTED');
    expect(f).toMatchObject({ weight: 1, from: '2023-03-01' });
    expect(f!.evidence.relationships).toEqual([{ type: 'LISTED', from: id('listed'), to: f!.evidence.nodes[0] }]);
    expect(f!.evidence.sources).toEqual([created[0]]);
    expect(b).toMatchObject({ score: 1, band: 'critical' });
  });

  it('LISTED: an Active WRO 0.95; an Inactive-Pending Litigation Finding does not count', async () => {
    expect(of(await risk('wro'), 'LISTED').map((f) => f.weight)).toEqual([0.95]);
    const inactive = await risk('inactive');
    expect(inactive.factors).toEqual([]);
    expect(inactive).toMatchObject({ score: 0, band: 'low' });
  });

  it('REGION and the region-wide XUAR WRO: located in XUAR', async () => {
    const b = await risk('xuar');
    expect(b.factors.map((f) => [f.kind, f.weight])).toEqual([['LISTED', 0.95], ['REGION', 0.85]]);
    expect(of(b, 'REGION')[0]).toMatchObject({ weight: 0.85 });
    expect(of(b, 'REGION')[0]!.evidence.relationships).toEqual([{ type: 'LOCATED_IN', from: id('xuar'), to: 'rg-XUAR' }]);
    const listed = of(b, 'LISTED');
    expect(listed.map((f) => [f.weight, f.from])).toEqual([[0.95, '2021-01-13']]);
    expect(listed[0]!.evidence.relationships).toContainEqual({ type: 'LOCATED_IN', from: id('xuar'), to: 'rg-XUAR' });
    expect(b.score).toBeCloseTo(1 - 0.05 * 0.15, 6);
    // Before the region-wide WRO took effect only the region counts.
    const before = await risk('xuar', { asOf: '2020-06-01' });
    expect(before.factors.map((f) => [f.kind, f.weight])).toEqual([['REGION', 0.85]]);
    expect(before.band).toBe('critical');
  });

  it('REGION through a facility the company operates', async () => {
    const b = await risk('siteOwner');
    expect(b.factors.map((f) => [f.kind, f.weight])).toEqual([['REGION', 0.85]]);
    expect(b.factors[0]!.evidence.relationships).toEqual([
      { type: 'OPERATES', from: id('siteOwner'), to: `fa-src-${tag}-F1` },
      { type: 'LOCATED_IN', from: `fa-src-${tag}-F1`, to: 'rg-XUAR' },
    ]);
    expect(b.factors[0]!.detail).toContain('Aksu Spinning Mill');
  });

  it('OWNERSHIP: >= 50% 0.9, 80% x 50% = 40% 0.6, unknown stake 0.6', async () => {
    expect(of(await risk('majority'), 'OWNERSHIP').map((f) => f.weight)).toEqual([0.9]);
    const minority = of(await risk('minority'), 'OWNERSHIP');
    expect(minority.map((f) => f.weight)).toEqual([0.6]);
    expect(minority[0]!.detail).toContain('40%');
    expect(minority[0]!.evidence.relationships.filter((r) => r.type === 'OWNS')).toEqual([
      { type: 'OWNS', from: id('listed'), to: id('holding') },
      { type: 'OWNS', from: id('holding'), to: id('minority') },
    ]);
    const unknown = of(await risk('unknown'), 'OWNERSHIP');
    expect(unknown.map((f) => f.weight)).toEqual([0.6]);
    expect(unknown[0]!.detail).toContain('unknown stake');
    // Before the owner was listed, no ownership risk.
    expect(of(await risk('majority', { asOf: '2023-01-01' }), 'OWNERSHIP')).toEqual([]);
  });

  it('COMMODITY: Egyptian cotton (child labour only) 0.25; Chinese-origin cotton under a 10-digit code (forced labour) 0.4', async () => {
    const egypt = of(await risk('egyptCotton'), 'COMMODITY');
    expect(egypt.map((f) => [f.weight, f.shipments, f.from, f.to])).toEqual([[0.25, 2, '2024-05-01', '2024-06-01']]);
    expect(egypt[0]!.detail).toMatch(/Cotton.*EG/);
    const china = of(await risk('chinaCotton'), 'COMMODITY');
    expect(china.map((f) => [f.weight, f.shipments])).toEqual([[0.4, 1]]);
    // Shipments that arrive after the as-of date do not count.
    expect(of(await risk('egyptCotton', { asOf: '2024-05-15' }), 'COMMODITY').map((f) => f.shipments)).toEqual([1]);
    expect(of(await risk('egyptCotton', { asOf: '2024-04-30' }), 'COMMODITY')).toEqual([]);
  });
});

describe('NETWORK: tiers, decay, as-of, score', () => {
  it('a WRO-listed direct supplier weighs 0.95; a UFLPA-listed supplier at tier 2 weighs 1 x 0.6; noisy-OR and band', async () => {
    const b = await risk('importer1');
    const net = of(b, 'NETWORK');
    expect(net.map((f) => [f.evidence.nodes.at(-1 - (f.tier ?? 0)), f.tier, f.weight, f.shipments, f.basis])).toEqual([
      [id('wro'), 1, 0.95, 2, 'listed'],
      [id('listed'), 2, 0.6, 3, 'listed'],
    ]);
    expect(net[1]!.evidence.relationships.filter((r) => r.type === 'SUPPLIES')).toEqual([
      { type: 'SUPPLIES', from: id('listed'), to: id('middle') },
      { type: 'SUPPLIES', from: id('middle'), to: id('importer1') },
    ]);
    expect(b.score).toBeCloseTo(1 - 0.05 * 0.4, 6);
    expect(b.band).toBe('critical');
    // maxTier 1 leaves the tier-2 supplier out.
    const near = await risk('importer1', { maxTier: '1' });
    expect(of(near, 'NETWORK').map((f) => f.tier)).toEqual([1]);
  });

  it('as of a date: a SUPPLIES edge first used later, and a listing effective later, do not count', async () => {
    const early = await risk('importer2', { asOf: '2025-01-01' });
    expect(early.factors).toEqual([]);
    expect(early).toMatchObject({ score: 0, band: 'low' });
    const later = await risk('importer2', { asOf: '2025-12-31' });
    expect(of(later, 'NETWORK').map((f) => [f.evidence.nodes.at(-2), f.weight]).sort()).toEqual(
      [[id('late'), 1], [id('lateSupplier'), 1]].sort(),
    );
    // The late-listed company itself: not LISTED before its effective date.
    expect(of(await risk('late', { asOf: '2025-05-31' }), 'LISTED')).toEqual([]);
    expect(of(await risk('late', { asOf: '2025-06-01' }), 'LISTED').map((f) => f.weight)).toEqual([1]);
  });

  it('a supplier in the XUAR counts by its region-wide WRO (0.95); an inactive Finding does not make a supplier risky', async () => {
    const net = of(await risk('importer3'), 'NETWORK');
    expect(net.map((f) => [f.evidence.nodes.at(-2), f.weight, f.basis])).toEqual([[id('xuar'), 0.95, 'region-listed']]);
    const before = of(await risk('importer3', { asOf: '2020-06-01' }), 'NETWORK');
    expect(before).toEqual([]); // no SUPPLIES edge existed yet
  });
});

describe('the API edge', () => {
  it.each([
    [{ asOf: '2024-02-30' }, 'asOf'], [{ asOf: '20240101' }, 'asOf'], [{ maxTier: '0' }, 'maxTier'], [{ maxTier: '7' }, 'maxTier'], [{ maxTier: 'two' }, 'maxTier'],
  ])('%p -> 400 naming %s', async (query, field) => {
    const res = await request(app).get(`/api/risk/entities/${id('listed')}`).query(query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  });
  it('an unknown id -> 404', async () => {
    const res = await request(app).get(`/api/risk/entities/co-${tag}-nobody`);
    expect(res.status).toBe(404);
  });
  it('asOf defaults to today', async () => {
    const res = await request(app).get(`/api/risk/entities/${id('listed')}`);
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe(new Date().toISOString().slice(0, 10));
  });
});

describe('the generated network against its ground truth', () => {
  it('finds every exposed importer at its true nearest tier and flags no unexposed one with a listed supplier', async () => {
    const gdir = path.join(dir, 'network');
    const gtag = uniqueTag();
    await generateNetwork({ size: 'small', seed: 11, out: gdir, tag: gtag, log: () => undefined });
    for (const kind of ['companies', 'persons', 'facilities', 'officers', 'ownership', 'shipments'] as const) await load(kind, path.join(gdir, `${kind}.csv`));
    const truth = parse(fs.readFileSync(path.join(gdir, 'ground-truth.csv')), { columns: true, bom: true }) as Record<string, string>[];
    const stmt = h.registry.get('risk/entity-network');
    const got = [];
    const started = Date.now();
    for (const t of truth) {
      const rows = await runStatement(h.driver, stmt, {
        id: companyId(t.importer_name!, t.importer_country!), asOf: '2100-01-01', maxTier: 4,
        listedPrograms: riskConfig.listedPrograms, statusPrograms: riskConfig.statusPrograms, activeStatuses: riskConfig.activeStatuses,
        regions: riskConfig.highRiskRegions, regionIds: riskConfig.highRiskRegions.map((r) => `rg-${r}`),
      }, { database: h.cfg.NEO4J_DATABASE });
      const listed = networkFactors(rows).filter((f) => f.basis === 'listed').map((f) => f.tier!);
      got.push({ importer: t.importer_name, tier: listed.length ? Math.min(...listed) : null });
    }
    const perImporterMs = (Date.now() - started) / truth.length;
    const want = truth.map((t) => ({ importer: t.importer_name, tier: t.exposed === 'true' && Number(t.nearest_tier) <= 4 ? Number(t.nearest_tier) : null }));
    expect(got).toEqual(want);
    // Not vacuous: exposed importers at tiers 1-4 and unexposed ones.
    expect(new Set(want.map((w) => w.tier))).toEqual(new Set([null, 1, 2, 3, 4]));
    // Reported, not asserted: the walk's cost per importer on this machine.
    process.stdout.write(`risk network: ${truth.length} importers, ${perImporterMs.toFixed(1)} ms each\n`);
  }, 600_000);
});
