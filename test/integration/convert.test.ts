/**
 * The converter (scripts/convert.ts) as a user runs it, in a child process: the CBP AMS fixture tables with
 * the bundled mapping and a single-table CSV with its own mapping give exactly the expected rows, which
 * then load through the real ingest worker with no rejects; bad usage and bad mappings fail without leaving
 * a file behind; and a generated 200,000-bill AMS set converts within a fixed memory bound.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../core/config';
import { importId } from '../../domain/ids';
import { openHarness, type Harness } from '../support/harness';

const script = path.join(projectRoot, 'scripts', 'convert.ts');
const amsDir = path.join(projectRoot, 'test', 'fixtures', 'ams');
const amsFiles = fs.readdirSync(amsDir).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(amsDir, f));
const simpleDir = path.join(projectRoot, 'test', 'fixtures', 'mapping');

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-convert-test-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function convert(args: string[]): { code: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}
const read = (f: string) => fs.readFileSync(f, 'utf8');
const dataLines = (f: string) => read(f).trimEnd().split('\n').slice(1);
/** Files in a folder other than the ones a test expects (temporary files left behind). */
const leftovers = (dir: string, expected: string[]) => fs.readdirSync(dir).filter((f) => !expected.includes(f));

const HEADER =
  'bill_of_lading,arrival_date,shipper,shipper_country,consignee,consignee_country,notify_party,notify_party_country,manufacturer,manufacturer_country,hs_codes,description,port_of_lading,port_of_unlading,country_of_origin,weight_kg,value_usd,containers';

// What the AMS fixtures must become (test/fixtures/ams/README.md says why each row is as it is).
const AMS_ROWS = [
  `NBEA24030011,2024-03-05,"NINGBO EVERBRIGHT APPAREL CO., LTD.",CN,BLUE HARBOR OUTFITTERS LLC,US,BLUE HARBOR OUTFITTERS LLC,US,,,6109100012|611020,MEN'S COTTON KNIT T-SHIRTS LADIES' COTTON KNIT PULLOVERS,"Yantian,China (Mainland)","Los Angeles, California",CN,18450,69880,MSKU4410231|TGHU8812045`,
  `YMLUW231047752,2024-03-18,HANOI RIVERSIDE GARMENT JSC,VN,PINECREST HOME GOODS INC,US,,,,,630231,POLYESTER MICROFIBER BED SHEET SETS,"Cai Mep,Vietnam","Long Beach, California",VN,23999.572,,CSNU6624410`,
  `SSZB24020035,2024-04-02,FIAÇÃO SÃO BENTO S.A.,BR,ATLANTIC YARN TRADERS CORP,US,ATLANTIC YARN TRADERS CORP,US,,,520512,"100% COTTON CARDED YARN NE 30/1, RAW WHITE","Santos,Brazil","Savannah, Georgia",BR,21380,61800,MSDU7209934`,
  `2024041500042,2024-04-16,PENANG SUNRISE SOLAR SDN. BHD.,MY,DESERT SKY ENERGY LLC,US,,,,,854143,MONOCRYSTALLINE SILICON PHOTOVOLTAIC MODULES 410W,"Penang,Malaysia","Los Angeles, California",MY,15870,186000,ONEU5512880`,
  `CMDUTJN0584411,2024-04-30,XINJIANG GOLDEN FIELD TOMATO PRODUCTS CO LTD,CN,HARBORVIEW FOODS INC,US,,,,,20029080,TOMATO PASTE 36-38 BRIX COLD BREAK IN 220L ASEPTIC BAGS IN STEEL DRUMS,"Tianjin,China (Mainland)","Newark, New Jersey",CN,24750,23900,CMAU3317716`,
  `HLCUCGP2405071,2024-05-28,DHAKA NORTHSTAR KNITWEAR LTD,BD,URBAN TRAIL CLOTHING CO,US,,,,,620342,MEN'S 100% COTTON DENIM TROUSERS,"Chittagong,Bangladesh","New York, New York",BD,12480,97350,HLXU8830156`,
  `OOLUBKK2406084,2024-06-11,SIAM PACIFIC RUBBER CO LTD,TH,GREAT LAKES TIRE SUPPLY INC,US,,,,,401110,NEW PNEUMATIC RADIAL TYRES FOR PASSENGER CARS,"Laem Chabang,Thailand","Houston, Texas",TH,,44180,OOCU7741209`,
  `GZBP24060096,2024-06-25,GUANGZHOU BRIGHTPATH LIGHTING CO LTD,CN,CEDAR LANE LIGHTING LLC,US,FORWARD LINE CUSTOMS BROKERAGE INC,US,,,940511,LED CEILING LIGHT FIXTURES,"Nansha,China (Mainland)","Long Beach, California",CN,9320,35600,CCLU4402763`,
  `ZIMUIST8070102,2024-07-09,MARMARA ORME TEKSTIL SAN VE TIC AS,TR,MERIDIAN APPAREL GROUP INC,US,MERIDIAN APPAREL GROUP INC,US,,,610442,WOMEN'S KNITTED COTTON DRESSES PO 4471-22 STYLE MA-2210,"Ambarli,Turkey","Norfolk, Virginia",TR,7650,52470,ZCSU8712440`,
];

const SIMPLE_ROWS = [
  `SMLU7731200451,2025-03-14,Jiangsu Lakeside Home Textile Co. Ltd,CN,Northfield Linen Company,US,,,,,6302319020,"COTTON BED SHEETS, 300 THREAD COUNT",Shanghai,Los Angeles,CN,5597.33,48200.5,TCNU 4410552`,
  `SMLU7731200452,2025-04-02,Saigon Delta Footwear JSC,VN,Trailhead Outdoor Supply Inc,US,Trailhead Outdoor Supply Inc,,,,640411,ATHLETIC FOOTWEAR WITH TEXTILE UPPERS,Cai Mep,Seattle,VN,8210,126000,SEGU5529013|SEGU5529014`,
  `SMLU7731200454,2025-05-06,Monterrey Steelworks SA de CV,MX,Prairie Fabrication Co,US,,,,,73089095,"STEEL STRUCTURES, PARTS",Manzanillo,Houston,,21000,,`,
];

describe('the AMS tables with the bundled mapping', () => {
  let out: string;
  let stderr: string;
  beforeAll(() => {
    out = path.join(tmp, 'ams-shipments.csv');
    const r = convert(['--mapping', 'cbp-ams', '--out', out, '--report', path.join(tmp, 'ams-report.csv'), ...amsFiles]);
    stderr = r.stderr;
    if (r.code !== 0) throw new Error(`convert exited ${r.code}: ${r.stderr}`);
  }, 120_000);

  it('writes one shipments row per header row with a usable arrival date, exactly as expected', () => {
    expect(read(out).split('\n')[0]).toBe(HEADER);
    expect(dataLines(out)).toEqual(AMS_ROWS);
  });

  it('summarises rows per table, the skipped row, empty values, missing bills and orphans', () => {
    expect(stderr).toContain('note: ams__shipper_2024__202501150000.csv is not valid UTF-8; it is read as windows-1252 (latin-1)');
    expect(stderr).toContain('note: table marksnumbers is not used by cbp-ams; its files are skipped');
    expect(stderr).toContain('rows read: header 10, bill 9, shipper 10, consignee 10, notifyparty 4, cargodesc 15, tariff 12, container 11');
    expect(stderr).toContain('rows written: 9');
    expect(stderr).toContain('rows skipped: 1\n    arrival_date: required: 1 (first: ams__header_2024__202501150000.csv line 7: arrival_date is required and has no value');
    expect(stderr).toMatch(/values left empty: 2\n.*hs_codes: digits: 1 \(first: ams__tariff_2024__202501150000\.csv line 8, tariff\.harmonized_number: hs_codes: "0" has 1 digits/);
    expect(stderr).toMatch(/weight_kg: number: 1 \(first: ams__header_2024__202501150000\.csv line 9, header\.weight: weight_kg: "0" is not a positive number\)/);
    expect(stderr).toContain('header rows without a matching row in: bill 1, shipper 0, consignee 0, notifyparty 6, cargodesc 0, tariff 1, container 0');
    expect(stderr).toContain('orphans (rows whose key matched no header row): 1\n    tariff: no header row: 1 (first: ams__tariff_2024__202501150000.csv line 13, identifier: identifier 2024999900001 matches no header row)');
    expect(stderr).toMatch(/peak memory \(max RSS\): \d+ MB/);
    expect(stderr).toContain(`next: npm run import -- shipments ${out}`);
  });

  it('lists every problem in the report', () => {
    expect(dataLines(path.join(tmp, 'ams-report.csv')).sort()).toEqual([
      'orphan,ams__tariff_2024__202501150000.csv,13,identifier,,identifier 2024999900001 matches no header row',
      'skipped row,ams__header_2024__202501150000.csv,7,,arrival_date,"arrival_date is required and has no value (from header.actual_arrival_date, header.estimated_arrival_date)"',
      'value left empty,ams__header_2024__202501150000.csv,9,header.weight,weight_kg,"weight_kg: ""0"" is not a positive number"',
      'value left empty,ams__tariff_2024__202501150000.csv,8,tariff.harmonized_number,hs_codes,"hs_codes: ""0"" has 1 digits, not 4 to 10"',
    ]);
  });

  it('gives the same rows when the join runs through many small partitions (split again when too big)', () => {
    const small = path.join(tmp, 'ams-partitioned.csv');
    const r = convert(['--mapping', path.join(projectRoot, 'mappings', 'cbp-ams.json'), '--partition-mb', '0.0002', '--out', small, ...amsFiles]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/joining \d+ partitions/);
    expect(r.stderr).toMatch(/partition c-\d+ holds [\d,]+ bytes: split into \d+/);
    expect(dataLines(small).sort()).toEqual([...AMS_ROWS].sort());
    expect(r.stderr).toContain('orphans (rows whose key matched no header row): 1');
  });

  it('leaves the joined table columns empty when a table has no file', () => {
    const only = path.join(tmp, 'ams-no-tariff.csv');
    const r = convert(['--mapping', 'cbp-ams', '--out', only, ...amsFiles.filter((f) => !/tariff|container/.test(f))]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: no input file is of table tariff: the columns it gives stay empty');
    const first = dataLines(only)[0]!;
    expect(first).toBe(`NBEA24030011,2024-03-05,"NINGBO EVERBRIGHT APPAREL CO., LTD.",CN,BLUE HARBOR OUTFITTERS LLC,US,BLUE HARBOR OUTFITTERS LLC,US,,,,MEN'S COTTON KNIT T-SHIRTS LADIES' COTTON KNIT PULLOVERS,"Yantian,China (Mainland)","Los Angeles, California",CN,18450,,`);
  });
});

describe('a single-table CSV with its own mapping', () => {
  it('renames, reformats and converts its columns; a row with a bad date is skipped and said so', () => {
    const out = path.join(tmp, 'simple.csv');
    const r = convert(['--mapping', path.join(simpleDir, 'simple-manifest.json'), '--out', out, path.join(simpleDir, 'simple-manifest.csv')]);
    expect(r.code).toBe(0);
    expect(dataLines(out)).toEqual(SIMPLE_ROWS);
    expect(r.stderr).toContain('rows skipped: 1\n    arrival_date: date: 1 (first: simple-manifest.csv line 4, manifest.Arrival: arrival_date: "31/12/2024" is not a calendar date)');
    expect(r.stderr).toContain('country_of_origin: country: 1 (first: simple-manifest.csv line 5, manifest.Origin: country_of_origin: "Atlantis" is not a known country name or ISO code)');
  });
});

describe('failures', () => {
  const dir = () => {
    const d = fs.mkdtempSync(path.join(tmp, 'fail-'));
    return d;
  };

  it('bad usage exits 2', () => {
    expect(convert(['--out', path.join(tmp, 'x.csv'), amsFiles[0]!])).toMatchObject({ code: 2, stderr: expect.stringContaining('--mapping is required') });
    expect(convert(['--mapping', 'cbp-ams', amsFiles[0]!])).toMatchObject({ code: 2, stderr: expect.stringContaining('--out is required') });
    expect(convert(['--mapping', 'cbp-ams', '--out', path.join(tmp, 'x.csv')])).toMatchObject({ code: 2, stderr: expect.stringContaining('give at least one input file') });
    expect(convert(['--mapping', 'no-such-mapping', '--out', path.join(tmp, 'x.csv'), amsFiles[0]!])).toMatchObject({ code: 2, stderr: expect.stringContaining('no bundled mapping of that name (bundled: cbp-ams') });
    expect(convert(['--mapping', 'cbp-ams', '--colour', '--out', path.join(tmp, 'x.csv'), amsFiles[0]!])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --colour') });
    expect(fs.existsSync(path.join(tmp, 'x.csv'))).toBe(false);
  });

  it('a bad mapping exits 1 naming the mapping file and the JSON path; nothing is written', () => {
    const d = dir();
    const mapping = path.join(d, 'typo.json');
    fs.writeFileSync(mapping, JSON.stringify({ target: 'shipments', tables: { t: {} }, columns: { bill_of_lading: { column: 'b', transform: ['uper'] } } }));
    const r = convert(['--mapping', mapping, '--out', path.join(d, 'out.csv'), path.join(simpleDir, 'simple-manifest.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('typo.json: columns.bill_of_lading.transform[0]: unknown transform "uper"');
    expect(leftovers(d, ['typo.json'])).toEqual([]);
  });

  it('a file that is none of the tables, or lacks a key column, exits 1 naming it; nothing is written', () => {
    const d = dir();
    const stray = path.join(d, 'ams__vessel_2024.csv');
    fs.writeFileSync(stray, 'identifier,vessel_name\n1,EVER GIVEN\n');
    const r = convert(['--mapping', 'cbp-ams', '--out', path.join(d, 'out.csv'), ...amsFiles, stray]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('convert failed: ams__vessel_2024.csv: is none of the tables of');
    const nokey = path.join(d, 'shipper-nokey.csv');
    fs.writeFileSync(nokey, 'identifier,shipper_party_name\n1,ACME\n');
    const single = path.join(d, 'single.json');
    fs.writeFileSync(single, JSON.stringify({ target: 'companies', driving: 'a', tables: { a: { files: 'a*', key: 'id' }, s: { files: 'shipper*', key: 'id' } }, columns: { name: 's.shipper_party_name' } }));
    const k = convert(['--mapping', single, '--out', path.join(d, 'out.csv'), nokey]);
    expect(k).toMatchObject({ code: 1, stderr: expect.stringContaining('shipper-nokey.csv: line 1: the header lacks the key column id of table s') });
    const missing = convert(['--mapping', 'cbp-ams', '--out', path.join(d, 'out.csv'), path.join(d, 'nope.csv')]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('nope.csv: no such file') });
    expect(leftovers(d, ['ams__vessel_2024.csv', 'shipper-nokey.csv', 'single.json'])).toEqual([]);
  });

  it('records that cannot be read are skipped and counted with their line, the rest converts', () => {
    const d = dir();
    const file = path.join(d, 'simple-bad.csv');
    const [header, ...rows] = read(path.join(simpleDir, 'simple-manifest.csv')).trimEnd().split('\n');
    fs.writeFileSync(file, [header, rows[0], 'SMLU1,too,few', rows[1]].join('\n') + '\n');
    const out = path.join(d, 'out.csv');
    const r = convert(['--mapping', path.join(simpleDir, 'simple-manifest.json'), '--out', out, file]);
    expect(r.code).toBe(0);
    expect(dataLines(out)).toEqual(SIMPLE_ROWS.slice(0, 2));
    expect(r.stderr).toContain('unreadable records: 1\n    manifest: unreadable: 1 (first: simple-bad.csv line 3: has 3 fields; the header has 17)');
  });
});

describe('importing converted files', () => {
  let h: Harness;
  const created: string[] = [];
  beforeAll(async () => {
    h = await openHarness('convert');
    await h.startWorker();
  }, 60_000);
  afterAll(async () => {
    await h?.deleteImported(created);
    await h?.close();
  }, 120_000);

  const load = async (file: string) => {
    created.push(importId(createHash('sha256').update(fs.readFileSync(file)).digest('hex'), 'shipments'));
    const outcome = await h.importFile('shipments', file);
    if (outcome.state !== 'completed') throw new Error(`import failed: ${outcome.reason}`);
    return outcome.result;
  };

  it('the converted AMS shipments load with no rejects', async () => {
    const out = path.join(tmp, 'ams-import.csv');
    expect(convert(['--mapping', 'cbp-ams', '--out', out, ...amsFiles]).code).toBe(0);
    const result = await load(out);
    expect(result).toMatchObject({ rowsRead: 9, rowsWritten: 9, rowsRejected: 0 });
    expect(result.rejectsSample).toEqual([]);

    const [s] = await h.query(
      `MATCH (shipper:Company)-[:SHIPPED]->(s:Shipment {id: 'sh-NBEA24030011'})-[:CONSIGNED_TO]->(consignee:Company)
       RETURN s.hsCodes AS hsCodes, s.containers AS containers, s.valueUsd AS valueUsd, s.weightKg AS weightKg,
              toString(s.arrivalDate) AS arrival, s.countryOfOrigin AS origin, shipper.name AS shipper, consignee.name AS consignee`,
    );
    expect(s).toEqual({
      hsCodes: ['6109100012', '611020'], containers: ['MSKU4410231', 'TGHU8812045'], valueUsd: 69880, weightKg: 18450,
      arrival: '2024-03-05', origin: 'CN', shipper: 'NINGBO EVERBRIGHT APPAREL CO., LTD.', consignee: 'BLUE HARBOR OUTFITTERS LLC',
    });
    // The latin-1 shipper name arrives intact; the pounds are kilograms.
    const [b] = await h.query(`MATCH (c:Company)-[:SHIPPED]->(s:Shipment) WHERE s.id IN ['sh-SSZB24020035', 'sh-YMLUW231047752'] RETURN collect(c.name) AS names, sum(s.weightKg) AS kg`);
    expect((b!.names as string[]).sort()).toEqual(['FIAÇÃO SÃO BENTO S.A.', 'HANOI RIVERSIDE GARMENT JSC']);
    expect(b!.kg).toBeCloseTo(21380 + 23999.572, 3);
  }, 120_000);

  it('the converted single-table manifest loads with no rejects', async () => {
    const out = path.join(tmp, 'simple-import.csv');
    expect(convert(['--mapping', path.join(simpleDir, 'simple-manifest.json'), '--out', out, path.join(simpleDir, 'simple-manifest.csv')]).code).toBe(0);
    expect(await load(out)).toMatchObject({ rowsRead: 3, rowsWritten: 3, rowsRejected: 0, rejectsSample: [] });
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------------
// Bounded memory: a generated AMS set far larger than the bound.
// ---------------------------------------------------------------------------------------------------------

const BILLS = 200_000;
const RSS_BOUND_MB = 250;
const AMS_HEADER_COLUMNS = [
  'identifier', 'carrier_code', 'vessel_country_code', 'vessel_name', 'port_of_unlading', 'estimated_arrival_date', 'foreign_port_of_lading_qualifier',
  'foreign_port_of_lading', 'manifest_quantity', 'manifest_unit', 'weight', 'weight_unit', 'measurement', 'measurement_unit', 'record_status_indicator',
  'place_of_receipt', 'port_of_destination', 'foreign_port_of_destination_qualifier', 'foreign_port_of_destination', 'conveyance_id_qualifier', 'conveyance_id',
  'in_bond_entry_type', 'mode_of_transportation', ...Array.from({ length: 10 }, (_, i) => `secondary_notify_party_${i + 1}`), 'actual_arrival_date',
];
const partyColumns = (prefix: string, name: string) => ['identifier', name, ...[1, 2, 3, 4].map((i) => `${prefix}_address_${i}`), 'city', 'state_province', 'zip_code', 'country_code', 'contact_name', 'comm_number_qualifier', 'comm_number'];

/** The generated bill i: what the files say about it, and so what its output row must be. */
function bill(i: number) {
  const id = String(2023000000000 + i);
  const house = i % 3 === 0 ? `GENH${String(i).padStart(8, '0')}` : '';
  const pounds = i % 7 === 0;
  const date = new Date(Date.UTC(2023, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
  const lines = 1 + (i % 2);
  const containers = Array.from({ length: lines }, (_, k) => `GENU${String(i * 2 + k).padStart(7, '0')}`);
  const hs = Array.from({ length: lines }, (_, k) => `${6100 + ((i + k) % 90)}.${10 + k}`);
  return {
    id, house, master: `GENM${String(i).padStart(9, '0')}`, date, pounds, weight: 1000 + (i % 5000), containers, hs,
    shipper: `GENERATED SHIPPER ${i % 5000} CO LTD`, consignee: `GENERATED CONSIGNEE ${i % 3000} INC`,
    text: [`GENERATED GOODS LINE ONE ${i % 97}`, `LINE TWO ${i % 89}`],
  };
}
type Bill = ReturnType<typeof bill>;
function expectedRow(i: number): string {
  const b = bill(i);
  const kg = b.pounds ? String(Math.round(b.weight * 0.45359237 * 1000) / 1000) : String(b.weight);
  const value = b.hs.length * 1000 + i % 1000 * b.hs.length;
  return [b.house || b.master, b.date, b.shipper, 'CN', b.consignee, 'US', '', '', '', '', b.hs.map((h) => h.replace('.', '')).join('|'),
    `${b.text[0]} ${b.text[1]}`, '"Yantian,China (Mainland)"', '"Los Angeles, California"', 'CN', kg, String(value), b.containers.join('|')].join(',');
}

/** Writes the AMS tables of `bills` generated bills; child tables in reverse order, and every 10,000th tariff line an orphan. */
function generateAms(dir: string, bills: number): string[] {
  const files: string[] = [];
  const table = (name: string, columns: string[], rowsOf: (b: Bill, i: number) => string[][], reverse: boolean) => {
    const file = path.join(dir, `ams__${name}_2023__202401010000.csv`);
    const fd = fs.openSync(file, 'w');
    let buf = `${columns.join(',')}\n`;
    for (let n = 0; n < bills; n++) {
      const i = reverse ? bills - 1 - n : n;
      for (const r of rowsOf(bill(i), i)) buf += `${r.map((v) => (/[",]/.test(v) ? `"${v}"` : v)).join(',')}\n`;
      if (buf.length > 1 << 20) (fs.writeSync(fd, buf), (buf = ''));
    }
    fs.writeSync(fd, buf);
    fs.closeSync(fd);
    files.push(file);
  };
  const blank = (n: number) => Array.from({ length: n }, () => '');
  table('header', AMS_HEADER_COLUMNS, (b) => {
    const row: Record<string, string> = {
      identifier: b.id, carrier_code: 'GENU', vessel_country_code: 'LR', vessel_name: 'GENERATED VESSEL', port_of_unlading: 'Los Angeles, California',
      estimated_arrival_date: b.date, foreign_port_of_lading_qualifier: 'Schedule K', foreign_port_of_lading: 'Yantian,China (Mainland)', manifest_quantity: '100',
      manifest_unit: 'CTN', weight: String(b.weight), weight_unit: b.pounds ? 'Pounds' : 'Kilograms', record_status_indicator: 'New', mode_of_transportation: 'Vessel, containerized',
    };
    return [AMS_HEADER_COLUMNS.map((c) => row[c] ?? '')];
  }, false);
  table('billgen', ['identifier', 'master_bol_number', 'house_bol_number', 'sub_house_bol_number', 'voyage_number', 'bill_type_code', 'manifest_number', 'trade_update_date', 'run_date'],
    (b) => [[b.id, b.master, b.house, '', '001E', b.house ? 'House' : 'Regular Bill', '1000', '2023-01-01', '2023-01-02']], true);
  table('shipper', partyColumns('shipper_party', 'shipper_party_name'), (b) => [[b.id, b.shipper, 'NO 1 GENERATED ROAD', ...blank(3), 'SHENZHEN', '', '', 'CN', ...blank(3)]], true);
  table('consignee', partyColumns('consignee', 'consignee_name'), (b) => [[b.id, b.consignee, '1 GENERATED AVE', ...blank(3), 'LOS ANGELES', 'CA', '90001', 'US', ...blank(3)]], true);
  // Description lines out of sequence: the mapping orders them.
  table('cargodesc', ['identifier', 'container_number', 'description_sequence_number', 'piece_count', 'description_text'],
    (b) => [[b.id, b.containers[0]!, '2', '', b.text[1]!], [b.id, b.containers[0]!, '1', '100', b.text[0]!]], true);
  table('tariff', ['identifier', 'container_number', 'description_sequence_number', 'harmonized_number', 'harmonized_value', 'harmonized_weight', 'harmonized_weight_unit'], (b, i) => {
    const rows = b.hs.map((h, k) => [b.id, b.containers[k]!, String(k + 1), h, String(1000 + (i % 1000)), '500', 'Kilograms']);
    if (i % 10_000 === 0) rows.push([String(9000000000000 + i), 'ORPH0000001', '1', '392690', '10', '1', 'Kilograms']);
    return rows;
  }, true);
  table('container', ['identifier', 'container_number', 'seal_number_1', 'seal_number_2', 'equipment_description_code', 'container_length', 'container_height', 'container_width', 'container_type', 'load_status', 'type_of_service'],
    (b) => b.containers.map((c) => [b.id, c, 'SEAL1', '', 'CN', '4000', '960', '800', 'Forty foot high cube', 'Full', 'Port to Port']), true);
  return files;
}

describe('bounded memory', () => {
  let dir: string;
  let files: string[];
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'threadline-ams-large-'));
    files = generateAms(dir, BILLS);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a conversion stopped half way leaves no output and no temporary files', async () => {
    const out = path.join(dir, 'stopped.csv');
    // Its own temporary folder, to see that the partition files go too.
    const tmpdir = fs.mkdtempSync(path.join(tmp, 'tmpdir-'));
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--mapping', 'cbp-ams', '--out', out, ...files], { cwd: projectRoot, env: { ...process.env, TMPDIR: tmpdir } });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // Stop it while it is reading its third file: the output file is open by then.
        if (/reading ams__shipper/.test(stderr)) resolve();
      });
      child.on('exit', () => resolve());
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    expect(fs.existsSync(out)).toBe(false);
    expect(leftovers(dir, files.map((f) => path.basename(f)))).toEqual([]);
    expect(fs.readdirSync(tmpdir).filter((f) => f.startsWith('threadline-convert-'))).toEqual([]);
  }, 60_000);

  it(`converts ${BILLS.toLocaleString('en-US')} bills (seven tables) with a peak RSS under ${RSS_BOUND_MB} MB`, () => {
    const inputMb = files.reduce((a, f) => a + fs.statSync(f).size, 0) / 1024 / 1024;
    // The inputs alone, held in memory as JavaScript objects, would be several times the bound.
    expect(inputMb).toBeGreaterThan(RSS_BOUND_MB / 2);
    const out = path.join(dir, 'shipments.csv');
    const started = Date.now();
    const r = convert(['--mapping', 'cbp-ams', '--out', out, ...files]);
    const seconds = (Date.now() - started) / 1000;
    if (r.code !== 0) throw new Error(r.stderr);
    const rss = Number(/peak memory \(max RSS\): (\d+) MB/.exec(r.stderr)?.[1]);
    // For the log of the test run: size, time and memory.
    process.stderr.write(`convert: ${inputMb.toFixed(0)} MB of AMS tables in ${seconds.toFixed(1)} s, peak RSS ${rss} MB\n`);
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(RSS_BOUND_MB);

    expect(r.stderr).toContain(`rows written: ${BILLS.toLocaleString('en-US')}`);
    expect(r.stderr).toContain(`orphans (rows whose key matched no header row): ${BILLS / 10_000}`);
    const lines = read(out).trimEnd().split('\n');
    expect(lines).toHaveLength(BILLS + 1);
    const byBill = new Map(lines.slice(1).map((l) => [l.slice(0, l.indexOf(',')), l]));
    expect(byBill.size).toBe(BILLS);
    for (const i of [0, 1, 7, 12_345, 99_999, BILLS - 1]) {
      const b = bill(i);
      expect(byBill.get(b.house || b.master)).toBe(expectedRow(i));
    }
  }, 180_000);
});
