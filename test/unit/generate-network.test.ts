/**
 * scripts/generate-network.ts on its `small` size: the same seed writes the same bytes, every file keeps its
 * column contract and passes the project's row schemas, every company reference (by name + country, never an
 * id) loads onto the node its companies.csv row and its shipments reach, and ground-truth.csv says what
 * an independent breadth-first walk over the written shipments finds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { toCountryCode } from '../../domain/countries';
import { normalizeName } from '../../domain/normalize';
import { rowFormats } from '../../domain/sources';
import { companyRow } from '../../domain/sources/companies';
import { facilityRow } from '../../domain/sources/facilities';
import { officerRow } from '../../domain/sources/officers';
import { ownershipRow } from '../../domain/sources/ownership';
import { shipmentRow } from '../../domain/sources/shipments';
import { generateNetwork } from '../../scripts/generate-network';

// The contract, written out here rather than imported, so a change to the generator's headers fails.
const HEADERS: Record<string, string> = {
  'companies.csv': 'id,name,aliases,country,region,address,registration_number,uscc,cbp_mid,duns,lei,identifiers',
  'facilities.csv': 'id,name,aliases,address,country,region,latitude,longitude,operator_id,operator_name,operator_country,os_hub_id',
  'persons.csv': 'id,name,aliases,country',
  'officers.csv': 'person_id,person_name,person_country,company_id,company_name,company_country,role,start_date,end_date',
  'ownership.csv': 'owner_kind,owner_id,owner_name,owner_country,owned_id,owned_name,owned_country,percentage,start_date,end_date',
  'shipments.csv':
    'bill_of_lading,arrival_date,shipper,shipper_country,consignee,consignee_country,notify_party,notify_party_country,manufacturer,manufacturer_country,hs_codes,description,port_of_lading,port_of_unlading,country_of_origin,weight_kg,value_usd,containers',
  'ground-truth.csv': 'importer_name,importer_country,exposed,nearest_tier,listed_name,path',
};

type Row = Record<string, string>;
let base: string;
const dirA = () => path.join(base, 'a');
const read = (file: string, dir = dirA()): Row[] => parse(fs.readFileSync(path.join(dir, file)), { columns: true, bom: true }) as Row[];
const key = (name: string, country: string) => `${normalizeName(name)}|${country}`;

/** The UFLPA list's companies by normalised name and country, as the graph joins them. */
const listedKeys = () => {
  const doc = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'lists', 'dhs_uflpa.json'), 'utf8')) as { entities: { name: string; country: string }[] };
  return new Set(doc.entities.map((e) => key(e.name, toCountryCode(e.country) ?? '')));
};

beforeAll(async () => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-generate-network-'));
  const quiet = () => undefined;
  await generateNetwork({ size: 'small', seed: 7, out: path.join(base, 'a'), log: quiet });
  await generateNetwork({ size: 'small', seed: 7, out: path.join(base, 'b'), log: quiet });
  await generateNetwork({ size: 'small', seed: 8, out: path.join(base, 'c'), log: quiet });
}, 120_000);

afterAll(() => {
  if (base) fs.rmSync(base, { recursive: true, force: true });
});

describe('reproducibility', () => {
  it('writes byte-identical files for the same seed and size', () => {
    const files = fs.readdirSync(dirA()).sort();
    expect(files).toEqual([...Object.keys(HEADERS), 'README.md'].sort());
    expect(fs.readdirSync(path.join(base, 'b')).sort()).toEqual(files);
    for (const file of files) {
      expect({ file, same: fs.readFileSync(path.join(dirA(), file)).equals(fs.readFileSync(path.join(base, 'b', file))) }).toEqual({ file, same: true });
    }
  });

  it('writes different files for another seed', () => {
    for (const file of ['companies.csv', 'shipments.csv', 'ground-truth.csv']) {
      expect(fs.readFileSync(path.join(dirA(), file)).equals(fs.readFileSync(path.join(base, 'c', file)))).toBe(false);
    }
  });
});

describe('formats', () => {
  it.each(Object.entries(HEADERS))('%s has exactly its header', (file, header) => {
    const text = fs.readFileSync(path.join(dirA(), file), 'utf8');
    expect(text.slice(0, text.indexOf('\n'))).toBe(header);
  });

  it('writes about 2,000 shipments (exactly the small size) with unique bills of lading', () => {
    const rows = read('shipments.csv');
    expect(rows).toHaveLength(2000);
    expect(new Set(rows.map((r) => r.bill_of_lading)).size).toBe(2000);
    for (const r of rows) {
      expect(r.arrival_date! >= '2022-01-01' && r.arrival_date! <= '2025-12-31').toBe(true);
    }
  });

  // Every kind the project can import is checked with its own row schema (kinds not registered yet are skipped).
  const kinds = ['companies', 'persons', 'facilities', 'officers', 'ownership', 'shipments'] as const;
  it.each(kinds)('every %s row passes the project row schema', (kind) => {
    const format = (rowFormats as Record<string, { schema: { safeParse(v: unknown): { success: boolean; error?: { message: string } } } } | undefined>)[kind];
    if (!format) {
      console.warn(`${kind}: no row format registered in domain/sources yet, not checked`);
      return;
    }
    const failures = read(`${kind}.csv`).flatMap((row, i) => {
      const result = format.schema.safeParse(row);
      return result.success ? [] : [`line ${i + 2}: ${result.error?.message}`];
    });
    expect(failures).toEqual([]);
  });
});

describe('consistency', () => {
  it('leaves every company id empty, so companies.csv reaches the node shipments and the list reach', () => {
    const companies = read('companies.csv');
    expect(companies.length).toBeGreaterThan(100);
    expect(companies.filter((c) => c.id !== '').map((c) => c.id)).toEqual([]);
    // One company per normalised name and country: a name + country reference can mean only one row.
    expect(new Set(companies.map((c) => key(c.name!, c.country!))).size).toBe(companies.length);
  });

  it('refers to companies by companies.csv name and country (never an id), to persons by id, name and country', () => {
    const companies = new Map(read('companies.csv').map((r) => [key(r.name!, r.country!), r]));
    const names = new Set(read('companies.csv').map((r) => `${r.name}|${r.country}`));
    const persons = new Map(read('persons.csv').map((r) => [r.id!, r]));
    // A company reference: no id, a name that normalises to a companies.csv company of that country, and
    // written exactly as companies.csv writes it.
    const company = (id: string, name: string, country: string) => id === '' && companies.has(key(name, country)) && names.has(`${name}|${country}`);
    const person = (id: string, name: string, country: string) => {
      const row = persons.get(id);
      return row !== undefined && row.name === name && row.country === country;
    };
    const bad: string[] = [];
    const facilities = read('facilities.csv');
    for (const f of facilities) if (!company(f.operator_id!, f.operator_name!, f.operator_country!)) bad.push(`facility ${f.id} operator ${f.operator_name}`);
    const officers = read('officers.csv');
    for (const o of officers) {
      if (!person(o.person_id!, o.person_name!, o.person_country!)) bad.push(`officer person ${o.person_id}`);
      if (!company(o.company_id!, o.company_name!, o.company_country!)) bad.push(`officer company ${o.company_name}`);
    }
    const owners = read('ownership.csv');
    for (const o of owners) {
      const ok =
        o.owner_kind === 'person' ? person(o.owner_id!, o.owner_name!, o.owner_country!) : o.owner_kind === 'company' && company(o.owner_id!, o.owner_name!, o.owner_country!);
      if (!ok) bad.push(`owner ${o.owner_kind} ${o.owner_id || o.owner_name}`);
      if (!company(o.owned_id!, o.owned_name!, o.owned_country!)) bad.push(`owned ${o.owned_name}`);
    }
    expect(bad).toEqual([]);
    // Not vacuous: every kind of reference occurs.
    expect(facilities.length).toBeGreaterThan(50);
    expect(officers.length).toBeGreaterThan(100);
    expect(owners.some((o) => o.owner_kind === 'person')).toBe(true);
    expect(owners.some((o) => o.owner_kind === 'company')).toBe(true);
    // Majority and minority stakes, some of them held by listed companies.
    const onList = listedKeys();
    const listed = [...companies.keys()].filter((k) => onList.has(k));
    expect(listed.length).toBeGreaterThan(0);
    expect(owners.some((o) => Number(o.percentage) >= 50)).toBe(true);
    expect(owners.some((o) => Number(o.percentage) < 50)).toBe(true);
    expect(owners.some((o) => o.owner_kind === 'company' && onList.has(key(o.owner_name!, o.owner_country!)))).toBe(true);
  });

  it('gives registry facts to the companies that trade: owned companies and operators ship or receive', () => {
    const shipping = new Set<string>();
    for (const s of read('shipments.csv')) {
      shipping.add(key(s.shipper!, s.shipper_country!));
      shipping.add(key(s.consignee!, s.consignee_country!));
    }
    const owned = read('ownership.csv').map((o) => key(o.owned_name!, o.owned_country!));
    const operators = read('facilities.csv').map((f) => key(f.operator_name!, f.operator_country!));
    // By name + country the registry files and the manifests meet: every owned company and every operator
    // (producers, exporters, importers: all of them trade) is a shipper or consignee.
    expect(owned.length).toBeGreaterThan(50);
    expect(operators.length).toBeGreaterThan(50);
    expect(owned.filter((k) => !shipping.has(k))).toEqual([]);
    expect(operators.filter((k) => !shipping.has(k))).toEqual([]);
  });

  it('loads every company reference onto the node id its companies.csv row and its shipments load', () => {
    // Through the project's own row transforms: the node ids the importer would MERGE.
    const companyIds = new Set(read('companies.csv').map((r) => companyRow.parse(r).id));
    expect([...companyIds].filter((id) => !/^co-[0-9a-f]{20}$/.test(id))).toEqual([]);
    const missing = new Set<string>();
    const check = (what: string, ref: { id: string; name: string } | null) => {
      if (!ref || !companyIds.has(ref.id)) missing.add(`${what}: ${ref?.name ?? 'none'} (${ref?.id})`);
    };
    for (const f of read('facilities.csv')) check('operator', facilityRow.parse(f).operator);
    for (const o of read('officers.csv')) check('officer company', officerRow.parse(o).company);
    for (const o of read('ownership.csv')) {
      const row = ownershipRow.parse(o);
      if (row.ownerKind === 'company') check('owner', row.owner);
      check('owned', row.owned);
    }
    const traded = new Set<string>();
    for (const s of read('shipments.csv')) {
      const row = shipmentRow.parse(s);
      for (const party of [row.shipper, row.consignee, row.notify, row.manufacturer]) {
        if (!party) continue;
        check('shipment party', party);
        traded.add(party.id);
      }
    }
    expect([...missing]).toEqual([]);
    // Most companies.csv nodes are the very nodes the shipments reach (the rest are listed companies the
    // list holds, and the like, that no plant used).
    expect([...companyIds].filter((id) => traded.has(id)).length).toBeGreaterThan(companyIds.size * 0.9);
  });

  it('names every shipment party by a spelling that normalises to a company of companies.csv', () => {
    const known = new Set(read('companies.csv').map((r) => key(r.name!, r.country!)));
    const unknown = new Set<string>();
    let variants = 0;
    for (const s of read('shipments.csv')) {
      for (const [name, country] of [[s.shipper, s.shipper_country], [s.consignee, s.consignee_country], [s.notify_party, s.notify_party_country], [s.manufacturer, s.manufacturer_country]]) {
        if (!name) continue;
        if (!known.has(key(name, country!))) unknown.add(`${name} (${country})`);
      }
      if (!/^[A-Z0-9 ]+$/.test(s.shipper!)) variants++;
    }
    expect([...unknown]).toEqual([]);
    // Manifest spellings vary (punctuation, legal forms), which is what the normaliser is for.
    expect(variants).toBeGreaterThan(100);
  });

  it('places facilities inside their country (the XUAR for region XUAR)', () => {
    const boxes: Record<string, [number, number, number, number]> = {
      XUAR: [34.3, 49.2, 73.5, 96.4], CN: [18, 54, 73, 135], VN: [8.4, 23.4, 102.1, 109.5], MY: [0.8, 7.4, 99.6, 119.3],
      BD: [20.6, 26.7, 88, 92.7], IN: [6.7, 35.5, 68.1, 97.4], KH: [10, 14.7, 102.3, 107.7], MX: [14.5, 32.7, -118.4, -86.7],
      TR: [35.8, 42.1, 25.6, 44.8], US: [24.4, 49.4, -125, -66.9],
    };
    const outside = read('facilities.csv').filter((f) => {
      const [latMin, latMax, lonMin, lonMax] = boxes[f.region || f.country!] ?? [0, 0, 0, 0];
      const lat = Number(f.latitude);
      const lon = Number(f.longitude);
      return !(lat >= latMin && lat <= latMax && lon >= lonMin && lon <= lonMax);
    });
    expect(outside.map((f) => f.id)).toEqual([]);
  });

  it('ships between regular trading partners, not random pairs', () => {
    const pairs = new Map<string, number>();
    const suppliersOf = new Map<string, Set<string>>();
    for (const s of read('shipments.csv')) {
      const from = key(s.shipper!, s.shipper_country!);
      const to = key(s.consignee!, s.consignee_country!);
      pairs.set(`${from}>${to}`, (pairs.get(`${from}>${to}`) ?? 0) + 1);
      suppliersOf.set(to, (suppliersOf.get(to) ?? new Set()).add(from));
    }
    expect(pairs.size).toBeLessThan(2000 / 4);
    const counts = [...suppliersOf.values()].map((s) => s.size).sort((a, b) => a - b);
    expect(counts[Math.floor(counts.length / 2)]).toBeLessThanOrEqual(4);
  });
});

describe('ground truth', () => {

  it('has one row per US importer, exposed ones at each tier 1-4 and unexposed ones', () => {
    const truth = read('ground-truth.csv');
    const usConsignees = new Set(read('shipments.csv').filter((s) => s.consignee_country === 'US').map((s) => key(s.consignee!, 'US')));
    expect(new Set(truth.map((t) => key(t.importer_name!, t.importer_country!)))).toEqual(usConsignees);
    expect(truth).toHaveLength(usConsignees.size);
    const tiers = new Set(truth.filter((t) => t.exposed === 'true').map((t) => Number(t.nearest_tier)));
    for (const tier of [1, 2, 3, 4]) expect(tiers).toContain(tier);
    expect(truth.some((t) => t.exposed === 'false' && t.nearest_tier === '' && t.path === '')).toBe(true);
  });

  it('agrees with an independent breadth-first walk over shipments.csv', () => {
    const onList = listedKeys();
    const downstream = new Map<string, Set<string>>();
    const edgesByName = new Set<string>();
    for (const s of read('shipments.csv')) {
      const from = key(s.shipper!, s.shipper_country!);
      const to = key(s.consignee!, s.consignee_country!);
      downstream.set(from, (downstream.get(from) ?? new Set()).add(to));
      edgesByName.add(`${normalizeName(s.shipper!)}>${normalizeName(s.consignee!)}`);
    }
    const dist = new Map<string, number>();
    const queue = [...downstream.keys()].filter((k) => onList.has(k));
    for (const k of queue) dist.set(k, 0);
    for (let i = 0; i < queue.length; i++) {
      const a = queue[i]!;
      for (const b of downstream.get(a) ?? []) {
        if (!dist.has(b)) {
          dist.set(b, dist.get(a)! + 1);
          queue.push(b);
        }
      }
    }
    for (const t of read('ground-truth.csv')) {
      const d = dist.get(key(t.importer_name!, t.importer_country!));
      expect({ importer: t.importer_name, exposed: t.exposed, tier: t.nearest_tier }).toEqual({
        importer: t.importer_name, exposed: String(d !== undefined), tier: d === undefined ? '' : String(d),
      });
      if (d === undefined) continue;
      const chain = t.path!.split(' > ');
      expect(chain).toHaveLength(d + 1);
      expect(onList.has(key(t.listed_name!, 'CN'))).toBe(true);
      expect(normalizeName(chain[0]!)).toBe(normalizeName(t.listed_name!));
      expect(chain[chain.length - 1]).toBe(t.importer_name);
      for (let i = 0; i + 1 < chain.length; i++) expect(edgesByName.has(`${normalizeName(chain[i]!)}>${normalizeName(chain[i + 1]!)}`)).toBe(true);
    }
  });

  it('plants nothing when the listed share is 0', async () => {
    const out = path.join(base, 'none');
    const summary = await generateNetwork({ size: 'small', seed: 7, out, listedShare: 0, log: () => undefined });
    expect(summary.exposedByTier).toEqual({});
    expect(read('ground-truth.csv', out).every((t) => t.exposed === 'false')).toBe(true);
  });
});
