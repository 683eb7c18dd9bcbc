/**
 * Writes a large shipments.csv in the import format, for load tests, benchmarks and reject handling:
 *
 *   npx tsx scripts/generate-shipments.ts --rows 100000 --out /tmp/shipments.csv
 *       [--seed 1] [--companies 2000] [--bad-every N] [--target-mb M]
 *
 *   --rows N        number of data rows to write
 *   --target-mb M   keep writing rows until the file holds at least M MiB (with --rows too, the first limit wins)
 *   --companies C   size of the company pool the rows are drawn from (default 2000)
 *   --bad-every N   make every Nth row invalid, rotating through: a required field left empty, a bad date,
 *                   a non-numeric weight, a bad HS code
 *   --seed S        random seed (default 1); the same arguments always write the same bytes
 *
 * Rows are written as they are made, so memory stays flat whatever the size. Every bill of lading is unique.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { shipmentColumnsV1 as shipmentColumns } from '../domain/rows';
import {
  FIRST_DAY, LAST_DAY, LISTED_NAMES, PRODUCTS, Random, SCACS, csvLine, isoOf, manifestLine, manifestSpelling, portsOf,
  weightKg, type ProductKey,
} from './generate-demo';

interface Options {
  rows: number | undefined;
  targetBytes: number | undefined;
  out: string;
  seed: number;
  companies: number;
  badEvery: number | undefined;
}

const USAGE =
  'usage: npx tsx scripts/generate-shipments.ts (--rows N | --target-mb M) --out FILE [--seed S] [--companies C] [--bad-every N]';

function parseArgs(argv: string[]): Options {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    if (!['--rows', '--target-mb', '--out', '--seed', '--companies', '--bad-every'].includes(flag) || value === undefined) {
      throw new Error(`${flag === '--help' ? '' : `unexpected argument "${flag}"\n`}${USAGE}`);
    }
    values.set(flag, value);
  }
  const count = (flag: string, min: number): number | undefined => {
    const raw = values.get(flag);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new Error(`${flag} must be a number >= ${min}, not "${raw}"`);
    return n;
  };
  const out = values.get('--out');
  const rows = count('--rows', 0);
  const targetMb = count('--target-mb', 0);
  if (!out || (rows === undefined && targetMb === undefined)) throw new Error(USAGE);
  return {
    rows: rows === undefined ? undefined : Math.floor(rows),
    targetBytes: targetMb === undefined ? undefined : Math.ceil(targetMb * 1024 * 1024),
    out,
    seed: count('--seed', 0) ?? 1,
    companies: Math.floor(count('--companies', Object.keys(NAME_PARTS).length) ?? 2000),
    badEvery: count('--bad-every', 1),
  };
}

// Name parts per country: what trade data from each origin tends to look like. Drawn at random they give
// invented names; an accidental match with some real firm is possible and means nothing.
// Suppliers take the trade word from the product they make (SECTORS); importers from their own list.
export const NAME_PARTS: Readonly<Record<string, { share: number; first: string[]; second: string[]; forms: string[]; trade?: string[] }>> = {
  CN: {
    share: 0.3,
    first: ['SHANGHAI', 'NINGBO', 'QINGDAO', 'XIAMEN', 'SHENZHEN', 'GUANGZHOU', 'HANGZHOU', 'SUZHOU', 'WUXI', 'JIANGSU', 'ZHEJIANG', 'SHANDONG', 'HEBEI', 'TIANJIN', 'URUMQI', 'KASHGAR', 'AKSU', 'CHANGJI', 'SHIHEZI', 'KORLA', 'HAMI', 'TURPAN'],
    second: ['HUAXIN', 'JINLONG', 'HENGYUAN', 'TIANRUI', 'XINDA', 'HONGXING', 'YONGFENG', 'RUIFENG', 'JIAHE', 'DONGSHENG', 'HUATAI', 'XINGHE', 'TAIHE', 'ANXIN', 'KAIYUAN', 'MINGDA'],
    forms: ['CO LTD', 'CO., LTD.', 'CO.,LTD', 'GROUP CO LTD', 'INDUSTRY CO LTD'],
  },
  VN: {
    share: 0.15,
    first: ['PHU', 'THANH', 'MINH', 'HOANG', 'VIET', 'TAN', 'PHUOC', 'HUNG', 'THINH', 'NAM', 'BINH', 'LONG', 'DAI', 'KIM'],
    second: ['AN', 'PHAT', 'LOC', 'THANH', 'HUNG', 'TIEN', 'QUANG', 'HOA', 'SON', 'HAI'],
    forms: ['JSC', 'CO., LTD', 'CO LTD', 'JOINT STOCK COMPANY', 'PRODUCTION TRADING CO LTD'],
  },
  MY: {
    share: 0.08,
    first: ['MUTIARA', 'SERI', 'BINTANG', 'CAHAYA', 'SINAR', 'PERMATA', 'HARAPAN', 'GEMILANG', 'SURIA', 'TEGUH'],
    second: ['JAYA', 'MAJU', 'INDAH', 'MAKMUR', 'SETIA', 'EMAS', 'TIMUR', 'UTARA'],
    forms: ['SDN BHD', 'SDN. BHD.', 'BERHAD'],
  },
  BD: {
    share: 0.08,
    first: ['PADMA', 'JAMUNA', 'SONAR', 'RUPALI', 'DHAKA', 'GAZIPUR', 'SAVAR', 'ASHULIA', 'BENGAL', 'KARNAPHULI'],
    second: ['STAR', 'GREEN', 'NORTH', 'RIVER', 'DELTA', 'CROWN', 'GOLDEN', 'UNITED'],
    forms: ['LTD', 'LIMITED', 'LTD.'],
  },
  IN: {
    share: 0.1,
    first: ['SHREE', 'SRI', 'LAKSHMI', 'GANESH', 'TIRUPUR', 'COIMBATORE', 'SURAT', 'KAVERI', 'NARMADA', 'MAHALAXMI'],
    second: ['BALAJI', 'VINAYAKA', 'SAI', 'MURUGAN', 'KRISHNA', 'DEVI', 'ANNAPURNA', 'SHAKTI'],
    forms: ['PVT LTD', 'PVT. LTD.', 'PRIVATE LIMITED', 'LTD'],
  },
  KH: {
    share: 0.04,
    first: ['ANGKOR', 'TONLE', 'KAMPOT', 'BAYON', 'ROYAL', 'PREAH'],
    second: ['GOLDEN', 'LOTUS', 'SILK', 'RIVER', 'STAR', 'EAST'],
    forms: ['CO., LTD.', '(CAMBODIA) CO LTD', 'CO LTD'],
  },
  MX: {
    share: 0.05,
    first: ['SIERRA', 'VALLE', 'NORTE', 'PACIFICO', 'BAJIO', 'GOLFO', 'ALTIPLANO'],
    second: ['VERDE', 'REAL', 'AZUL', 'DORADO', 'NUEVO', 'GRANDE'],
    forms: ['S.A. DE C.V.', 'SA DE CV', 'S. DE R.L. DE C.V.'],
  },
  TR: {
    share: 0.04,
    first: ['ANADOLU', 'EGE', 'MARMARA', 'TOROS', 'AKDENIZ', 'KARADENIZ', 'KAPADOKYA'],
    second: ['YILDIZ', 'DOGAN', 'GUNES', 'DENIZ', 'KARTAL', 'ASLAN'],
    forms: ['A.S.', 'SANAYI VE TICARET A.S.', 'LTD. STI.'],
  },
  US: {
    share: 0.16,
    first: ['HARBOR', 'SUMMIT', 'PRAIRIE', 'COASTAL', 'EVERGREEN', 'LIBERTY', 'PIONEER', 'FRONTIER', 'CASCADE', 'GRANITE', 'MERIDIAN', 'BEACON', 'HERITAGE', 'REDWOOD'],
    second: ['BAY', 'RIDGE', 'POINT', 'VALLEY', 'LAKE', 'STONE', 'PEAK', 'CREEK'],
    trade: ['APPAREL', 'SUPPLY', 'IMPORTS', 'TRADING', 'SOLAR', 'BUILDING PRODUCTS', 'FOODS', 'HOME', 'OUTFITTERS', 'DISTRIBUTION'],
    forms: ['INC', 'LLC', 'CORP', 'INC.', 'CO.'],
  },
};

export const SECTORS: Readonly<Record<ProductKey, string[]>> = {
  rawCotton: ['COTTON', 'COTTON GINNING', 'AGRICULTURAL'],
  cottonYarn: ['SPINNING', 'YARN', 'COTTON TEXTILE'],
  knitFabric: ['KNITTING', 'TEXTILE', 'FABRICS'],
  wovenFabric: ['WEAVING', 'TEXTILE', 'DENIM'],
  tshirts: ['GARMENT', 'APPAREL', 'KNITWEAR'],
  sweatshirts: ['GARMENT', 'FASHION', 'KNITWEAR'],
  trousers: ['GARMENT', 'APPAREL', 'FASHION'],
  siliconMetal: ['SILICON', 'METALLURGY'],
  polysilicon: ['NEW ENERGY', 'POLYSILICON', 'NEW MATERIALS'],
  wafers: ['CRYSTAL', 'WAFER', 'SEMICONDUCTOR MATERIALS'],
  solarCells: ['SOLAR', 'PHOTOVOLTAIC'],
  solarModules: ['SOLAR', 'PHOTOVOLTAIC', 'NEW ENERGY'],
  aluminiumIngots: ['ALUMINIUM', 'NONFERROUS METALS'],
  aluminiumProfiles: ['ALUMINIUM', 'EXTRUSION', 'METAL PRODUCTS'],
  moduleFrames: ['ALUMINIUM', 'EXTRUSION'],
  aluminiumWindows: ['WINDOWS AND DOORS', 'ALUMINUM SYSTEMS', 'BUILDING PRODUCTS'],
  tomatoPaste: ['TOMATO PRODUCTS', 'FOOD', 'AGRICULTURAL PRODUCTS'],
  ketchup: ['FOOD', 'FOODS', 'CANNING'],
  pvcResin: ['CHEMICAL', 'CHLOR-ALKALI', 'PLASTICS'],
  vinylFlooring: ['FLOORING', 'BUILDING MATERIALS', 'DECOR'],
  printerCartridges: ['IMAGING', 'OFFICE SUPPLIES', 'PRINTING CONSUMABLES'],
};

const LISTED_PRODUCTS: Readonly<Record<keyof typeof LISTED_NAMES, ProductKey>> = {
  hoshine: 'siliconMetal', daqo: 'polysilicon', gcl: 'polysilicon', aksuHuafu: 'cottonYarn', hetianTaida: 'trousers',
  junggar: 'rawCotton', eastHope: 'aluminiumIngots', hebeiTomato: 'tomatoPaste', zhongtai: 'pvcResin', ninestar: 'printerCartridges',
};

interface Party {
  name: string;
  country: string;
  ports: string[];
}

/** A supplier ships one product line, so the edges derived from its shipments stay coherent. */
interface Supplier extends Party {
  product: ProductKey;
}

function companyPool(rand: Random, size: number): { suppliers: Supplier[]; importers: Party[] } {
  const countries = Object.keys(NAME_PARTS);
  const total = countries.reduce((s, c) => s + (NAME_PARTS[c]?.share ?? 0), 0);
  const taken = new Set<string>();
  const suppliers: Supplier[] = [];
  const importers: Party[] = [];
  for (let i = 0; i < size; i++) {
    // Every country gets one company before the shares apply, so a small pool still has both sides of a trade.
    let country = countries[i];
    if (country === undefined) {
      let roll = rand.next() * total;
      country = countries.find((c) => (roll -= NAME_PARTS[c]?.share ?? 0) < 0) ?? 'CN';
    }
    const parts = NAME_PARTS[country];
    if (!parts) throw new Error(`no name parts for ${country}`);
    const product = parts.trade ? undefined : rand.pick(PRODUCT_KEYS);
    const trade = product ? SECTORS[product] : (parts.trade ?? []);
    // Unique without the legal form: "X CO LTD" and "X CO., LTD." in one country are one company to the importer.
    let base = '';
    for (let attempt = 0; base === '' || taken.has(`${country}|${base}`); attempt++) {
      base = `${rand.pick(parts.first)} ${rand.pick(parts.second)} ${rand.pick(trade)}${attempt > 20 ? ` NO ${attempt - 20}` : ''}`;
    }
    taken.add(`${country}|${base}`);
    const party = { name: `${base} ${rand.pick(parts.forms)}`, country, ports: portsOf(country) };
    if (product) suppliers.push({ ...party, product });
    else importers.push(party);
  }
  return { suppliers, importers };
}

const PRODUCT_KEYS = Object.keys(PRODUCTS) as ProductKey[];
const LISTED: Supplier[] = (Object.keys(LISTED_NAMES) as (keyof typeof LISTED_NAMES)[]).map((key) => ({
  name: manifestSpelling(LISTED_NAMES[key]),
  country: 'CN',
  ports: ['Shanghai', 'Qingdao', 'Lianyungang'],
  product: LISTED_PRODUCTS[key],
}));

// Bills are SCAC + 11 digits, a shape the demo never uses. The digits are the row number sent through
// x -> (x * STEP + offset) mod 10^11, a bijection because STEP shares no factor with 10, so no two rows share
// a bill and nothing has to be remembered to prove it.
const BILL_SPACE = 100_000_000_000n;
const BILL_STEP = 6_364_136_223n;

// Each kind of bad row, in rotation; each names the column it breaks and the values it uses in turn.
const BAD_ROWS: readonly { column: string; values: readonly string[] }[] = [
  { column: 'missing', values: ['bill_of_lading', 'arrival_date', 'shipper', 'consignee'] },
  { column: 'arrival_date', values: ['2023-02-30', '2023/01/05', '2022-13-01', 'yesterday'] },
  { column: 'weight_kg', values: ['heavy', '12,5', 'N/A', '1.2.3'] },
  { column: 'hs_code', values: ['ABC', '12', '6109.1X', '52O512'] },
];

function makeRow(rand: Random, n: number, offset: bigint, pool: { suppliers: Supplier[]; importers: Party[] }): Record<string, string | number> {
  const shipper = rand.chance(0.005) ? rand.pick(LISTED) : rand.pick(pool.suppliers);
  // Most goods go to US importers, the rest to processors abroad; never to a firm in the shipper's own country.
  let consignee = rand.chance(0.75) ? rand.pick(pool.importers) : rand.pick(pool.suppliers);
  if (consignee.country === shipper.country) consignee = rand.pick(pool.importers);
  const notify = rand.chance(0.4) ? consignee : undefined;
  const product = PRODUCTS[shipper.product];
  const line = manifestLine(rand, product);
  return {
    bill_of_lading: `${rand.pick(SCACS)}${String((BigInt(n) * BILL_STEP + offset) % BILL_SPACE).padStart(11, '0')}`,
    arrival_date: isoOf(rand.int(FIRST_DAY, LAST_DAY)),
    shipper: shipper.name,
    shipper_country: shipper.country,
    consignee: consignee.name,
    consignee_country: consignee.country,
    notify_party: notify?.name ?? '',
    notify_party_country: notify?.country ?? '',
    hs_code: line.hs,
    description: line.description,
    port_of_lading: rand.pick(shipper.ports),
    port_of_unlading: rand.pick(consignee.ports),
    weight_kg: weightKg(rand, product),
  };
}

function spoil(row: Record<string, string | number>, badIndex: number): void {
  const kind = BAD_ROWS[badIndex % BAD_ROWS.length];
  if (!kind) return;
  const value = kind.values[Math.floor(badIndex / BAD_ROWS.length) % kind.values.length] ?? '';
  if (kind.column === 'missing') row[value] = '';
  else row[kind.column] = value;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const rand = new Random(options.seed);
  const pool = companyPool(rand, options.companies);
  const offset = BigInt(Math.floor(rand.next() * Number(BILL_SPACE)));

  const out = fs.createWriteStream(options.out);
  let chunk = '';
  let bytes = 0;
  let rows = 0;
  let bad = 0;
  const emit = (line: string) => {
    chunk += line;
    bytes += Buffer.byteLength(line);
  };
  emit(csvLine(shipmentColumns));
  while ((options.rows === undefined || rows < options.rows) && (options.targetBytes === undefined || bytes < options.targetBytes)) {
    const row = makeRow(rand, rows, offset, pool);
    rows++;
    if (options.badEvery !== undefined && rows % options.badEvery === 0) spoil(row, bad++);
    emit(csvLine(shipmentColumns.map((c) => row[c])));
    if (chunk.length >= 256 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`wrote ${rows} rows (${bad} bad) and ${bytes} bytes to ${options.out} in ${seconds} s`);
}

// Run only as a script: scripts/generate-network.ts imports the name parts above.
if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
