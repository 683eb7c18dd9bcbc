/**
 * Generates a seeded, reproducible synthetic supply network in Threadline's own CSV formats, for tests,
 * benchmarks and demos at scale (docs/formats/generator.md):
 *
 *   npm run generate:network -- --size small|100k|1m --out DIR [--seed N] [--listed-share 0.05] [--tag T]
 *
 * Four sectors, each a chain of tiers from raw material to a US importer: cotton/apparel, polysilicon/solar,
 * aluminium and tomatoes. Companies (with identifiers), their facilities, officers and owners, and the
 * shipments between adjacent tiers are written as companies.csv, facilities.csv, persons.csv,
 * officers.csv, ownership.csv and shipments.csv. A share of importers gets a real UFLPA-listed company
 * (data/lists/dhs_uflpa.json) planted 1 to 4 tiers upstream; ground-truth.csv then says, for every US
 * importer, whether a listed company supplies into its chain and at which tier, computed by a breadth-first
 * walk over the shipper -> consignee pairs actually written to shipments.csv (by normalised name and
 * country, as the graph joins them).
 *
 * Every file names a company the way shipments and the UFLPA list do: by name and country, never by a
 * registry id. companies.csv leaves its id column empty, and facilities (operator), officers and ownership
 * repeat the company's companies.csv name and country, so registry facts and trade land on one node
 * (domain/ids.ts companyId) until entity resolution can join a registry id to a manifest's spelling.
 *
 * The same seed and size write byte-identical files. Shipments are streamed month by month, so memory
 * holds the company graph and one month's (pair, day) keys, never the shipment rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { toCountryCode } from '../domain/countries';
import { normalizeName } from '../domain/normalize';
import {
  LISTED_NAMES, PORTS, PRODUCTS, Random, SCACS, cbpMid, csvLine, dayOf, isoOf, lei, manifestLine, manifestSpelling,
  portsOf, uscc, weightKg, type Address, type Product, type ProductKey,
} from './generate-demo';
import { NAME_PARTS, SECTORS } from './generate-shipments';

// ---------------------------------------------------------------------------------------------------------
// Output contracts (fixed headers)

export const NETWORK_COLUMNS = {
  companies: ['id', 'name', 'aliases', 'country', 'region', 'address', 'registration_number', 'uscc', 'cbp_mid', 'duns', 'lei', 'identifiers'],
  facilities: ['id', 'name', 'aliases', 'address', 'country', 'region', 'latitude', 'longitude', 'operator_id', 'operator_name', 'operator_country', 'os_hub_id'],
  persons: ['id', 'name', 'aliases', 'country'],
  officers: ['person_id', 'person_name', 'person_country', 'company_id', 'company_name', 'company_country', 'role', 'start_date', 'end_date'],
  ownership: ['owner_kind', 'owner_id', 'owner_name', 'owner_country', 'owned_id', 'owned_name', 'owned_country', 'percentage', 'start_date', 'end_date'],
  shipments: [
    'bill_of_lading', 'arrival_date', 'shipper', 'shipper_country', 'consignee', 'consignee_country', 'notify_party', 'notify_party_country',
    'manufacturer', 'manufacturer_country', 'hs_codes', 'description', 'port_of_lading', 'port_of_unlading', 'country_of_origin',
    'weight_kg', 'value_usd', 'containers',
  ],
  'ground-truth': ['importer_name', 'importer_country', 'exposed', 'nearest_tier', 'listed_name', 'path'],
} as const;
export type NetworkFile = keyof typeof NETWORK_COLUMNS;

/** Shipments and US importers per size; every other count follows from the importers. */
export const SIZES = {
  small: { shipments: 2_000, importers: 40 },
  '100k': { shipments: 100_000, importers: 800 },
  '1m': { shipments: 1_000_000, importers: 8_000 },
} as const;
export type SizeName = keyof typeof SIZES;

export interface NetworkOptions {
  size: SizeName;
  out: string;
  seed?: number;
  /** Share of US importers that get a listed company planted 1-4 tiers upstream (default 0.05). */
  listedShare?: number;
  /** Marks every generated company name, person and facility id and bill (for tests that share a database); listed names stay real. */
  tag?: string;
  /** Progress lines (stderr by default); pass () => {} for silence. */
  log?: (line: string) => void;
}

export interface NetworkSummary {
  dir: string;
  seed: number;
  size: SizeName;
  files: { file: string; rows: number; bytes: number }[];
  importers: number;
  exposedByTier: Record<string, number>;
  seconds: number;
}

/** Arrival dates fall in 2022-2025. */
const FIRST = dayOf('2022-01-01');
const LAST = dayOf('2025-12-31');
const MONTHS = 48;
const monthStart = (m: number) => dayOf(`${2022 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`);
const monthOf = (day: number) => {
  const iso = isoOf(day);
  return (Number(iso.slice(0, 4)) - 2022) * 12 + Number(iso.slice(5, 7)) - 1;
};

// ---------------------------------------------------------------------------------------------------------
// Goods: the demo's products plus the raw materials it has no use for

const EXTRA_GOODS = {
  freshTomatoes: {
    lines: [
      ['FRESH PROCESSING TOMATOES IN BULK BINS', '070200', '07020000'],
      ['FRESH TOMATOES FOR INDUSTRIAL PROCESSING, ROMA TYPE', '070200'],
    ],
    packages: ['BINS', 20, 40],
    kg: [18000, 24000],
  },
  bauxite: {
    lines: [
      ['BAUXITE ORE, GIBBSITIC, AL2O3 48% MIN, IN BULK', '260600', '2606000060'],
      ['METALLURGICAL GRADE BAUXITE, WASHED, IN BULK', '260600'],
    ],
    packages: ['MT', 2000, 6000],
    kg: [1_500_000, 6_000_000],
  },
  alumina: {
    lines: [
      ['CALCINED ALUMINA, SMELTER GRADE, AL2O3 98.5% MIN', '281820', '2818200000'],
      ['ALUMINIUM OXIDE (ALUMINA) IN 1.5MT JUMBO BAGS', '281820'],
    ],
    packages: ['JUMBO BAGS', 14, 18],
    kg: [21000, 27000],
  },
  autoParts: {
    lines: [
      ['ALUMINUM ALLOY WHEELS FOR PASSENGER VEHICLES 17 INCH', '870870', '8708704560'],
      ['ALUMINIUM CONTROL ARMS, PARTS OF MOTOR VEHICLES', '870880'],
      ['DIE-CAST ALUMINUM TRANSMISSION HOUSINGS', '870840', '8708407550'],
    ],
    packages: ['CTNS', 200, 900],
    kg: [8000, 19000],
  },
} as const satisfies Record<string, Product>;

type GoodKey = ProductKey | keyof typeof EXTRA_GOODS;
const GOODS: Record<GoodKey, Product> = { ...PRODUCTS, ...EXTRA_GOODS };
const EXTRA_TRADE: Record<keyof typeof EXTRA_GOODS, string[]> = {
  freshTomatoes: ['AGRICULTURE', 'FARMING', 'AGRICULTURAL DEVELOPMENT'],
  bauxite: ['MINING', 'RESOURCES'],
  alumina: ['ALUMINA', 'MINING'],
  autoParts: ['AUTO PARTS', 'PRECISION CASTING', 'METAL PRODUCTS'],
};
const tradeOf = (g: GoodKey): string[] => (g in EXTRA_TRADE ? EXTRA_TRADE[g as keyof typeof EXTRA_TRADE] : SECTORS[g as ProductKey]);

/** Goods that travel in bulk carriers, not containers. */
const BULK = new Set<GoodKey>(['bauxite']);

/** Declared value per kg, USD: [min, max]. */
const USD_PER_KG: Record<GoodKey, [number, number]> = {
  rawCotton: [1.6, 2.3], cottonYarn: [2.8, 4.2], knitFabric: [5, 8], wovenFabric: [5.5, 9], tshirts: [14, 30], sweatshirts: [16, 34],
  trousers: [15, 36], siliconMetal: [1.8, 3.2], polysilicon: [7, 30], wafers: [60, 140], solarCells: [25, 45], solarModules: [3.5, 6.5],
  aluminiumIngots: [2.1, 2.8], aluminiumProfiles: [3.4, 5], moduleFrames: [4, 6], aluminiumWindows: [7, 14], tomatoPaste: [0.9, 1.4],
  ketchup: [1.4, 3], pvcResin: [0.8, 1.2], vinylFlooring: [1.5, 2.5], printerCartridges: [15, 40], freshTomatoes: [0.25, 0.5],
  bauxite: [0.04, 0.07], alumina: [0.33, 0.45], autoParts: [6, 12],
};

// ---------------------------------------------------------------------------------------------------------
// Sectors and their tiers

type Weights = Readonly<Record<string, number>>;
interface StageDef {
  label: string;
  goods: GoodKey[];
  countries: Weights;
  /** Share of the stage's Chinese companies that sit in the Xinjiang Uyghur Autonomous Region. */
  xuar: number;
  /** Companies per US importer of the sector. */
  ratio: number;
  facility: string[];
  /** Chance that a buyer in this stage looks for suppliers in its own country first. */
  domestic: number;
  /** Trade words for names; defaults to those of the goods. */
  trade?: string[];
}
interface SectorDef {
  key: SectorKey;
  importerShare: number;
  importerTrade: string[];
  /** Production stages from raw material to the finished good, then the exporters. */
  stages: StageDef[];
}
type SectorKey = 'cotton' | 'solar' | 'aluminium' | 'tomato';

const SECTOR_DEFS: SectorDef[] = [
  {
    key: 'cotton', importerShare: 0.4, importerTrade: ['APPAREL', 'OUTFITTERS', 'FASHIONS', 'BRANDS', 'CLOTHING', 'WORKWEAR'],
    stages: [
      { label: 'cotton farms and ginners', goods: ['rawCotton'], countries: { CN: 0.5, IN: 0.2, US: 0.2, TR: 0.1 }, xuar: 0.85, ratio: 0.25, facility: ['COTTON GINNING PLANT', 'COTTON FARM'], domestic: 0 },
      { label: 'spinning mills', goods: ['cottonYarn'], countries: { CN: 0.4, VN: 0.25, IN: 0.2, TR: 0.1, BD: 0.05 }, xuar: 0.35, ratio: 0.3, facility: ['SPINNING MILL'], domestic: 0.4 },
      { label: 'fabric mills', goods: ['knitFabric', 'wovenFabric'], countries: { CN: 0.4, VN: 0.2, BD: 0.15, IN: 0.15, TR: 0.1 }, xuar: 0.1, ratio: 0.45, facility: ['WEAVING MILL', 'KNITTING AND DYEING MILL'], domestic: 0.4 },
      { label: 'garment factories', goods: ['tshirts', 'sweatshirts', 'trousers'], countries: { BD: 0.25, VN: 0.25, CN: 0.2, IN: 0.1, KH: 0.1, TR: 0.05, MX: 0.05 }, xuar: 0.05, ratio: 0.8, facility: ['GARMENT FACTORY', 'SEWING FACTORY'], domestic: 0.35 },
      { label: 'apparel exporters', goods: ['tshirts', 'sweatshirts', 'trousers'], countries: { CN: 0.3, MY: 0.2, VN: 0.15, KH: 0.1, BD: 0.1, IN: 0.1, TR: 0.05 }, xuar: 0, ratio: 0.3, facility: ['WAREHOUSE'], domestic: 0.4, trade: ['TRADING', 'IMPORT AND EXPORT', 'GLOBAL SOURCING', 'INTERNATIONAL TRADE'] },
    ],
  },
  {
    key: 'solar', importerShare: 0.2, importerTrade: ['SOLAR', 'ENERGY', 'RENEWABLES', 'POWER SYSTEMS', 'SOLAR SUPPLY'],
    stages: [
      { label: 'metallurgical silicon smelters', goods: ['siliconMetal'], countries: { CN: 0.85, MY: 0.1, IN: 0.05 }, xuar: 0.7, ratio: 0.2, facility: ['SILICON SMELTER'], domestic: 0 },
      { label: 'polysilicon plants', goods: ['polysilicon'], countries: { CN: 0.85, MY: 0.15 }, xuar: 0.5, ratio: 0.2, facility: ['POLYSILICON PLANT'], domestic: 0.6 },
      { label: 'ingot and wafer makers', goods: ['wafers'], countries: { CN: 0.7, VN: 0.1, MY: 0.1, IN: 0.1 }, xuar: 0.05, ratio: 0.3, facility: ['INGOT AND WAFER PLANT'], domestic: 0.5 },
      { label: 'cell and module makers', goods: ['solarCells', 'solarModules'], countries: { VN: 0.25, MY: 0.25, CN: 0.15, KH: 0.1, IN: 0.15, MX: 0.05, TR: 0.05 }, xuar: 0, ratio: 0.6, facility: ['CELL AND MODULE PLANT'], domestic: 0.3 },
      { label: 'solar exporters', goods: ['solarModules'], countries: { MY: 0.3, VN: 0.2, CN: 0.3, KH: 0.2 }, xuar: 0, ratio: 0.25, facility: ['WAREHOUSE'], domestic: 0.3, trade: ['TRADING', 'IMPORT AND EXPORT', 'ENERGY TRADING'] },
    ],
  },
  {
    key: 'aluminium', importerShare: 0.25, importerTrade: ['BUILDING PRODUCTS', 'METALS', 'AUTO PARTS', 'FENESTRATION', 'ARCHITECTURAL SYSTEMS'],
    stages: [
      { label: 'bauxite mines and alumina refineries', goods: ['bauxite', 'alumina'], countries: { CN: 0.4, IN: 0.35, MY: 0.25 }, xuar: 0.2, ratio: 0.2, facility: ['BAUXITE MINE', 'ALUMINA REFINERY'], domestic: 0 },
      { label: 'primary aluminium smelters', goods: ['aluminiumIngots'], countries: { CN: 0.6, IN: 0.25, MY: 0.1, TR: 0.05 }, xuar: 0.5, ratio: 0.25, facility: ['ALUMINIUM SMELTER'], domestic: 0.5 },
      { label: 'extruders and parts makers', goods: ['aluminiumProfiles', 'moduleFrames', 'aluminiumWindows', 'autoParts'], countries: { CN: 0.35, VN: 0.2, MX: 0.2, TR: 0.1, IN: 0.1, MY: 0.05 }, xuar: 0, ratio: 0.7, facility: ['EXTRUSION PLANT', 'DIE CASTING PLANT'], domestic: 0.3 },
      { label: 'metals exporters', goods: ['aluminiumProfiles', 'aluminiumWindows', 'autoParts'], countries: { CN: 0.3, VN: 0.2, MY: 0.2, MX: 0.2, TR: 0.1 }, xuar: 0, ratio: 0.25, facility: ['WAREHOUSE'], domestic: 0.3, trade: ['TRADING', 'IMPORT AND EXPORT', 'METALS TRADING'] },
    ],
  },
  {
    key: 'tomato', importerShare: 0.15, importerTrade: ['FOODS', 'PANTRY', 'PROVISIONS', 'FOOD SERVICE', 'GROCERY'],
    stages: [
      { label: 'tomato farms', goods: ['freshTomatoes'], countries: { CN: 0.6, TR: 0.25, IN: 0.15 }, xuar: 0.85, ratio: 0.5, facility: ['TOMATO FARM'], domestic: 0 },
      { label: 'tomato paste factories', goods: ['tomatoPaste'], countries: { CN: 0.6, TR: 0.25, IN: 0.15 }, xuar: 0.6, ratio: 0.3, facility: ['TOMATO PASTE FACTORY'], domestic: 0.95 },
      { label: 'sauce and ketchup makers', goods: ['ketchup'], countries: { TR: 0.25, MX: 0.25, CN: 0.15, IN: 0.15, VN: 0.1, MY: 0.1 }, xuar: 0, ratio: 0.5, facility: ['SAUCE FACTORY', 'CANNERY'], domestic: 0.2 },
      { label: 'food exporters', goods: ['ketchup', 'tomatoPaste'], countries: { CN: 0.3, TR: 0.3, MX: 0.2, MY: 0.2 }, xuar: 0, ratio: 0.25, facility: ['WAREHOUSE'], domestic: 0.2, trade: ['TRADING', 'IMPORT AND EXPORT', 'FOODSTUFFS'] },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------
// Listed companies: real names from data/lists/dhs_uflpa.json, by the tier they can be planted at. The trade
// relationships this generator gives them are invented.

const LISTED_EXPORTERS = [
  'Junan Jinsheng Import & Export Co., Ltd', 'Zhangzhou Hang Fat Import & Export Co., Ltd', 'Zhejiang Weixin Trading Co., Ltd',
  'Tianjin Kunyu International Co., Ltd', 'Hebei Suguo International Trade Co., Ltd', 'Jinan Haihong International Trade Co., Ltd',
  'Tianjin Dunhe International Trade Co., Ltd', 'Gansu Yasheng International Trading Co., Ltd', 'Baoding LYSZD Trade and Business Co., Ltd',
];
/** Per sector, per stage index (the last is the exporters). */
const LISTED_BY_STAGE: Record<SectorKey, string[][]> = {
  cotton: [
    [LISTED_NAMES.junggar, 'Xinjiang Production and Construction Corps', 'Xinjiang Zefu Cotton Co., Ltd', 'Shihezi Huafu Hongsheng Cotton Industry Co., Ltd', 'Kuche Zongheng Cotton Industry Co., Ltd', 'Shaya Yinhua Cotton Industry Co., Ltd', 'Xinjiang Cotton Industry Group Jiashi Cotton Industry Co., Ltd', 'Hubei Yinfeng Cotton Co., Ltd'],
    [LISTED_NAMES.aksuHuafu, 'Xinjiang Huafu Color Spinning Group Co., Ltd', 'Awati Huafu Textile Co., Ltd', 'Kuitun Jinfu Textile Co., Ltd', 'Xinjiang Tianmian Foundation Textile Co., Ltd', 'Changji Esquel Textile Co., Ltd', 'Turpan Esquel Textile Co., Ltd'],
    ['Guangdong Esquel Textile Co., Ltd', 'Ninghai Huafu Textile Co., Ltd', 'Nanjing Synergy Textiles Co., Ltd', 'Xinjiang Huafu Textile Co., Ltd'],
    [LISTED_NAMES.hetianTaida, 'Yili Zhuowan Garment Manufacturing Co., Ltd'],
    LISTED_EXPORTERS,
  ],
  solar: [
    [LISTED_NAMES.hoshine],
    [LISTED_NAMES.daqo, LISTED_NAMES.gcl, 'Hongyuan Green Energy Co., Ltd'],
    ['Baotou Meike Silicon Energy Co., Ltd', 'Jiangsu Meike Solar Technology Co., Ltd', 'Hongyuan New Materials (Baotou) Co., Ltd', 'Shuangliang Silicon Materials (Baotou) Co., Ltd'],
    ['Donghai JA Solar Technology Co., Ltd'],
    LISTED_EXPORTERS,
  ],
  aluminium: [
    ['Xinjiang Nonferrous Metals Industry Group Co., Ltd'],
    [LISTED_NAMES.eastHope],
    ['Xinjiang Zhonghe Co., Ltd'],
    LISTED_EXPORTERS,
  ],
  tomato: [
    ['Xinjiang Production and Construction Corps', 'Xinjiang Yinlong Agricultural International Cooperation Co'],
    [LISTED_NAMES.hebeiTomato, 'Inner Mongolia Xuanda Food Co., Ltd', 'Inner Mongolia Qileyuan Food Co., Ltd'],
    ['Tianjin Tianwei Food Co., Ltd', 'Weifang Alice Food Co., Ltd', 'Annan Canned Food Co., Ltd'],
    LISTED_EXPORTERS,
  ],
};
/** Listed names whose seat is in the Uyghur region (region XUAR) and the city used for their address. */
const LISTED_CITY: Record<string, string> = {
  Junan: 'Linyi', Zhangzhou: 'Zhangzhou', Zhejiang: 'Hangzhou', Tianjin: 'Tianjin', Hebei: 'Shijiazhuang', Jinan: 'Jinan', Gansu: 'Lanzhou',
  Baoding: 'Baoding', Xinjiang: 'Urumqi', Shihezi: 'Shihezi', Kuche: 'Aksu', Shaya: 'Aksu', Hubei: 'Wuhan', Aksu: 'Aksu', Awati: 'Aksu',
  Kuitun: 'Kuytun', Changji: 'Changji', Turpan: 'Turpan', Guangdong: 'Guangzhou', Ninghai: 'Ningbo', Nanjing: 'Nanjing', Hetian: 'Hotan',
  Yili: 'Yining', Hoshine: 'Shanshan', Hongyuan: 'Baotou', Baotou: 'Baotou', Jiangsu: 'Xuzhou', Shuangliang: 'Baotou', Donghai: 'Lianyungang',
  Inner: 'Hohhot', Weifang: 'Weifang', Annan: 'Xiamen',
};

interface ListInfo {
  /** normalised name + country -> the name as the list writes it (first entry of that key). */
  byKey: Map<string, string>;
}

function listKey(name: string, country: string): string {
  return `${normalizeName(name)}|${country}`;
}

export function readListedKeys(file = path.join(__dirname, '..', 'data', 'lists', 'dhs_uflpa.json')): ListInfo {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { entities?: { name: string; country: string }[] } | { name: string; country: string }[];
  const entries = Array.isArray(doc) ? doc : (doc.entities ?? []);
  const byKey = new Map<string, string>();
  for (const e of entries) {
    const code = toCountryCode(e.country);
    if (!code) continue;
    const key = listKey(e.name, code);
    if (!byKey.has(key)) byKey.set(key, e.name);
  }
  return { byKey };
}

// ---------------------------------------------------------------------------------------------------------
// Places: cities with coordinates (points on land, so a small jitter stays inside the country)

interface City {
  name: string;
  province: string;
  lat: number;
  lon: number;
  xuar?: boolean;
  /** USCC administrative division (CN), postcode or state code elsewhere. */
  code: string;
}
const c = (name: string, province: string, lat: number, lon: number, code: string, xuar = false): City => ({ name, province, lat, lon, code, xuar });
const CITIES: Record<string, City[]> = {
  XUAR: [
    c('Urumqi', 'Xinjiang', 43.83, 87.62, '650100', true), c('Shihezi', 'Xinjiang', 44.31, 86.04, '659001', true), c('Kashgar', 'Xinjiang', 39.47, 75.99, '653100', true),
    c('Aksu', 'Xinjiang', 41.17, 80.26, '652900', true), c('Korla', 'Xinjiang', 41.76, 86.15, '652800', true), c('Changji', 'Xinjiang', 44.01, 87.31, '652300', true),
    c('Hotan', 'Xinjiang', 37.11, 79.92, '653200', true), c('Turpan', 'Xinjiang', 42.95, 89.19, '650400', true), c('Hami', 'Xinjiang', 42.82, 93.51, '650500', true),
    c('Kuytun', 'Xinjiang', 44.43, 84.9, '654003', true), c('Shanshan', 'Xinjiang', 42.87, 90.21, '650421', true), c('Yining', 'Xinjiang', 43.91, 81.28, '654002', true),
    c('Wujiaqu', 'Xinjiang', 44.17, 87.53, '659004', true),
  ],
  CN: [
    c('Shanghai', 'Shanghai', 31.2, 121.45, '310115'), c('Ningbo', 'Zhejiang', 29.87, 121.54, '330200'), c('Qingdao', 'Shandong', 36.3, 120.35, '370200'),
    c('Shijiazhuang', 'Hebei', 38.04, 114.51, '130100'), c('Tianjin', 'Tianjin', 39.13, 117.2, '120100'), c('Suzhou', 'Jiangsu', 31.3, 120.58, '320500'),
    c('Wuxi', 'Jiangsu', 31.49, 120.31, '320200'), c('Hangzhou', 'Zhejiang', 30.27, 120.15, '330100'), c('Guangzhou', 'Guangdong', 23.13, 113.26, '440100'),
    c('Shenzhen', 'Guangdong', 22.6, 114.05, '440300'), c('Baotou', 'Inner Mongolia', 40.66, 109.84, '150200'), c('Jinan', 'Shandong', 36.65, 117.12, '370100'),
    c('Zhengzhou', 'Henan', 34.75, 113.63, '410100'), c('Xuzhou', 'Jiangsu', 34.26, 117.18, '320300'), c('Leshan', 'Sichuan', 29.55, 103.77, '511100'),
    c('Hohhot', 'Inner Mongolia', 40.84, 111.75, '150100'), c('Nanjing', 'Jiangsu', 32.06, 118.8, '320100'), c('Wuhan', 'Hubei', 30.59, 114.3, '420100'),
    c('Linyi', 'Shandong', 35.1, 118.36, '371300'), c('Zhangzhou', 'Fujian', 24.51, 117.65, '350600'), c('Lanzhou', 'Gansu', 36.06, 103.83, '620100'),
    c('Baoding', 'Hebei', 38.87, 115.46, '130600'), c('Lianyungang', 'Jiangsu', 34.6, 119.2, '320700'), c('Weifang', 'Shandong', 36.71, 119.16, '370700'),
    c('Xiamen', 'Fujian', 24.48, 118.09, '350200'),
  ],
  VN: [
    c('Ho Chi Minh City', 'Ho Chi Minh City', 10.82, 106.63, '700000'), c('Thu Dau Mot', 'Binh Duong', 10.98, 106.65, '820000'), c('Bien Hoa', 'Dong Nai', 10.95, 106.82, '810000'),
    c('Hai Phong', 'Hai Phong', 20.84, 106.65, '180000'), c('Bac Giang', 'Bac Giang', 21.27, 106.19, '230000'), c('Nam Dinh', 'Nam Dinh', 20.42, 106.17, '420000'),
    c('Tan An', 'Long An', 10.54, 106.41, '850000'), c('Da Nang', 'Da Nang', 16.05, 108.18, '550000'),
  ],
  MY: [
    c('Klang', 'Selangor', 3.04, 101.45, '41200'), c('Shah Alam', 'Selangor', 3.07, 101.52, '40000'), c('Bukit Mertajam', 'Penang', 5.36, 100.47, '14000'),
    c('Kulim', 'Kedah', 5.36, 100.56, '09000'), c('Ipoh', 'Perak', 4.6, 101.09, '30000'), c('Johor Bahru', 'Johor', 1.52, 103.72, '80000'),
    c('Bintulu', 'Sarawak', 3.17, 113.06, '97000'), c('Kuantan', 'Pahang', 3.81, 103.3, '25000'),
  ],
  BD: [
    c('Dhaka', 'Dhaka', 23.81, 90.41, '1207'), c('Gazipur', 'Dhaka', 23.99, 90.42, '1700'), c('Narayanganj', 'Dhaka', 23.62, 90.5, '1400'),
    c('Chittagong', 'Chittagong', 22.36, 91.8, '4000'), c('Savar', 'Dhaka', 23.86, 90.27, '1340'),
  ],
  IN: [
    c('Tiruppur', 'Tamil Nadu', 11.11, 77.34, '641604'), c('Coimbatore', 'Tamil Nadu', 11.02, 76.96, '641018'), c('Surat', 'Gujarat', 21.17, 72.83, '395003'),
    c('Ahmedabad', 'Gujarat', 23.02, 72.57, '380001'), c('Ludhiana', 'Punjab', 30.9, 75.86, '141001'), c('Chennai', 'Tamil Nadu', 13.08, 80.25, '600032'),
    c('Angul', 'Odisha', 20.84, 85.1, '759122'), c('Jharsuguda', 'Odisha', 21.86, 84.01, '768201'), c('Nashik', 'Maharashtra', 20, 73.79, '422007'),
    c('Pune', 'Maharashtra', 18.52, 73.86, '411001'),
  ],
  KH: [
    c('Phnom Penh', 'Phnom Penh', 11.56, 104.91, '120101'), c('Preah Sihanouk', 'Preah Sihanouk', 10.64, 103.55, '180101'),
    c('Kampong Speu', 'Kampong Speu', 11.45, 104.52, '050101'), c('Bavet', 'Svay Rieng', 11.06, 106.14, '200101'),
  ],
  MX: [
    c('Monterrey', 'Nuevo León', 25.69, -100.32, '64000'), c('Guadalajara', 'Jalisco', 20.67, -103.35, '44100'), c('Saltillo', 'Coahuila', 25.42, -101, '25000'),
    c('Querétaro', 'Querétaro', 20.59, -100.39, '76000'), c('Culiacán', 'Sinaloa', 24.81, -107.39, '80000'), c('León', 'Guanajuato', 21.12, -101.68, '37000'),
  ],
  TR: [
    c('İzmir', 'İzmir', 38.42, 27.2, '35000'), c('Istanbul', 'İstanbul', 41.05, 28.95, '34000'), c('Bursa', 'Bursa', 40.19, 29.06, '16000'),
    c('Denizli', 'Denizli', 37.78, 29.09, '20000'), c('Gaziantep', 'Gaziantep', 37.07, 37.38, '27000'), c('Kahramanmaraş', 'Kahramanmaraş', 37.58, 36.94, '46000'),
    c('Manisa', 'Manisa', 38.61, 27.43, '45000'),
  ],
  US: [
    c('Los Angeles', 'CA', 34.05, -118.24, '90021'), c('New York', 'NY', 40.75, -73.99, '10018'), c('Chicago', 'IL', 41.88, -87.63, '60607'),
    c('Houston', 'TX', 29.76, -95.37, '77002'), c('Atlanta', 'GA', 33.75, -84.39, '30303'), c('Seattle', 'WA', 47.61, -122.33, '98101'),
    c('Dallas', 'TX', 32.78, -96.8, '75201'), c('Charlotte', 'NC', 35.23, -80.84, '28202'), c('Memphis', 'TN', 35.15, -90.05, '38103'),
    c('Lubbock', 'TX', 33.58, -101.85, '79401'), c('Phoenix', 'AZ', 33.45, -112.07, '85004'), c('Newark', 'NJ', 40.74, -74.17, '07102'),
    c('Savannah', 'GA', 32.08, -81.09, '31401'), c('Columbus', 'OH', 39.96, -83, '43215'),
  ],
};
const COUNTRY_NAME: Record<string, string> = { CN: 'China', VN: 'Vietnam', MY: 'Malaysia', BD: 'Bangladesh', IN: 'India', KH: 'Cambodia', MX: 'Mexico', TR: 'Türkiye', US: 'USA' };
const XUAR_PORTS = ['Lianyungang', 'Qingdao', 'Tianjin', 'Shanghai'];

const STREETS: Record<string, string[]> = {
  CN: ['Renmin Road', 'Jiefang Road', 'Zhongshan Road', 'Beijing Road', 'Industrial Park Road', 'Development Avenue', 'Huanghe Road', 'Changjiang Road', 'Xingfu Road', 'Wenhua Road', 'Kaifa Avenue', 'Binhe Road'],
  VN: ['Song Than', 'VSIP', 'My Phuoc 3', 'Tan Tao', 'Nhon Trach 2', 'Quang Chau', 'Dinh Vu', 'Bao Minh', 'Phuc Long', 'Long Hau'],
  MY: ['Jalan Perusahaan', 'Jalan Kasuarina', 'Jalan Industri', 'Lorong Perusahaan Maju', 'Jalan Teknologi', 'Jalan Sultan Ismail'],
  BD: ['Konabari BSCIC', 'Tongi Industrial', 'Ashulia', 'Kanchpur', 'Kalurghat Heavy Industrial', 'Savar EPZ'],
  IN: ['SIDCO Industrial Estate', 'Avinashi Road', 'GIDC Estate', 'MIDC Area', 'Focal Point', 'Angul Industrial Area'],
  KH: ['Phnom Penh', 'Sihanoukville', 'Manhattan', 'Tai Seng', 'Kampong Speu Golden'],
  MX: ['Av. Industrias', 'Blvd. Manuel Ávila Camacho', 'Av. Ruiz Cortines', 'Calle Acero', 'Av. Universidad'],
  TR: ['Kemalpaşa OSB', 'Torbalı OSB', 'Demirtaş OSB', 'Denizli OSB', 'Başpınar OSB'],
  US: ['Commerce Dr', 'Industrial Pkwy', 'Harbor Blvd', 'Distribution Way', 'Market St', 'Logistics Ct', 'Peachtree Industrial Blvd'],
};

function makeAddress(rand: Random, country: string, city: City): Address {
  const n = rand.int(1, 999);
  const street = rand.pick(STREETS[country] ?? ['Main Road']);
  switch (country) {
    case 'CN':
      return { street: `No. ${n} ${street}`, city: city.name, rest: `${city.province} ${city.code.slice(0, 4)}00, China` };
    case 'VN':
      return { street: `Lot ${String.fromCharCode(65 + rand.int(0, 7))}${rand.int(1, 40)}, ${street} Industrial Park`, city: city.name, rest: `${city.province}, Vietnam` };
    case 'MY':
      return { street: `No. ${n}, ${street} ${rand.int(1, 12)}`, city: city.name, rest: `${city.code} ${city.province}, Malaysia` };
    case 'BD':
      return { street: `Plot ${n}, ${street} Area`, city: city.name, rest: `${city.province} ${city.code}, Bangladesh` };
    case 'IN':
      return { street: `Plot No. ${n}, ${street}`, city: city.name, rest: `${city.province} ${city.code}, India` };
    case 'KH':
      return { street: `Lot ${n}, ${street} Special Economic Zone`, city: city.name, rest: 'Cambodia' };
    case 'MX':
      return { street: `${street} ${rand.int(100, 4999)}`, city: city.name, rest: `${city.province} ${city.code}, Mexico` };
    case 'TR':
      return { street: `${street}, ${rand.int(1, 20)}. Cadde No: ${rand.int(1, 80)}`, city: city.name, rest: `${city.code} ${city.province}, Türkiye` };
    default:
      return { street: `${rand.int(100, 9999)} ${street}`, city: city.name, rest: `${city.province} ${city.code}, USA` };
  }
}
const addressText = (a: Address) => `${a.street}, ${a.city}, ${a.rest}`;

// ---------------------------------------------------------------------------------------------------------
// Names

/** More name parts per country than the bulk generator needs, so 1m-row sets stay free of "NO 2" names. */
const MORE_PARTS: Record<string, { first: string[]; second: string[]; extra: string[] }> = {
  CN: {
    first: ['GUANGDONG', 'FUJIAN', 'HENAN', 'HUBEI', 'ANHUI', 'NANTONG', 'CHANGZHOU', 'JIAXING', 'SHAOXING', 'DONGGUAN', 'FOSHAN', 'LINYI', 'WEIFANG', 'BAOTOU', 'LESHAN', 'YANGZHOU'],
    second: ['JINYUAN', 'FUDA', 'HONGTAI', 'TIANYI', 'ZHONGXIN', 'SHENGDA', 'HUAYU', 'XINYUAN', 'BAOLI', 'JINHUI', 'YONGSHENG', 'HENGFENG', 'DEXIN', 'LIANFA', 'QIANGSHENG', 'HAOYUAN', 'RUNDA', 'JIAYU', 'TONGDA', 'WEIYE', 'XINGFA', 'ZHENGTAI', 'FULIN', 'HONGDA'],
    extra: ['TECHNOLOGY', 'DEVELOPMENT', 'INDUSTRIAL', 'INTERNATIONAL', 'HOLDING'],
  },
  XUAR: {
    first: ['URUMQI', 'KASHGAR', 'AKSU', 'CHANGJI', 'SHIHEZI', 'KORLA', 'HAMI', 'TURPAN', 'HOTAN', 'KUYTUN', 'WUJIAQU', 'BORTALA', 'YILI', 'XINJIANG', 'TIANSHAN', 'JUNGGAR'],
    second: [],
    extra: ['TECHNOLOGY', 'DEVELOPMENT', 'INDUSTRIAL', 'AGRICULTURAL'],
  },
  VN: {
    first: ['HUNG', 'QUOC', 'HAI', 'VIET', 'HOA', 'DONG', 'TRUONG', 'PHUONG', 'BAO', 'NGOC', 'AN', 'GIA', 'SAO', 'HONG', 'TRUNG', 'HOANG'],
    second: ['VIET', 'MINH', 'THINH', 'PHU', 'KHANG', 'THAI', 'NGUYEN', 'DAT', 'LONG', 'NAM'],
    extra: ['VIETNAM', 'INTERNATIONAL', 'EXPORT', 'SAIGON'],
  },
  MY: {
    first: ['KENCANA', 'DAYA', 'PUTRA', 'MEGA', 'WAWASAN', 'PELANGI', 'SENTOSA', 'IMPIAN', 'MURNI', 'ZAMRUD'],
    second: ['PERKASA', 'GEMILANG', 'SEJAHTERA', 'RIA', 'CEMERLANG', 'BERSATU', 'MULIA', 'SAKTI'],
    extra: ['INDUSTRIES', 'HOLDINGS', 'INTERNATIONAL', 'MANUFACTURING'],
  },
  BD: {
    first: ['MEGHNA', 'TEESTA', 'SURMA', 'MADHUMATI', 'CHITTAGONG', 'NARAYANGANJ', 'KHULNA', 'RAJSHAHI', 'SYLHET', 'BOGRA'],
    second: ['SUN', 'MOON', 'BRIGHT', 'SQUARE', 'PRIME', 'LION', 'ROYAL', 'PEARL'],
    extra: ['COMPOSITE', 'INDUSTRIES', 'BANGLADESH', 'EXPORT'],
  },
  IN: {
    first: ['SHIVA', 'VARDHMAN', 'ARVIND', 'MAHAVIR', 'RAJLAXMI', 'KAMADHENU', 'GOMTI', 'TAPI', 'SABARMATI', 'GODAVARI'],
    second: ['GANAPATHY', 'VENKATESWARA', 'RAGHAV', 'SHREE RAM', 'GURU', 'JYOTI', 'AMBIKA', 'PARVATI'],
    extra: ['INDUSTRIES', 'EXPORTS', 'OVERSEAS', 'INTERNATIONAL'],
  },
  KH: {
    first: ['MEKONG', 'KAMPONG', 'SIEM', 'BATTAMBANG', 'KOH', 'CHAKTOMUK'],
    second: ['JADE', 'PEARL', 'APSARA', 'NAGA', 'HORIZON', 'PALM'],
    extra: ['INTERNATIONAL', 'INDUSTRIAL', 'GARMENT'],
  },
  MX: {
    first: ['MONTERREY', 'BAJA', 'JALISCO', 'SONORA', 'AZTECA', 'MAYA', 'ANAHUAC', 'SINALOA'],
    second: ['INDUSTRIAL', 'MODERNO', 'UNIDO', 'CENTRAL', 'NACIONAL', 'DEL NORTE'],
    extra: ['INTERNACIONAL', 'DE MEXICO', 'GRUPO'],
  },
  TR: {
    first: ['BURSA', 'DENIZLI', 'GAZIANTEP', 'KONYA', 'KAYSERI', 'TRAKYA', 'ISTANBUL', 'MERSIN'],
    second: ['ATLAS', 'OZGUR', 'BEREKET', 'KUZEY', 'GUNEY', 'ALTIN', 'DEMIR', 'YESIL'],
    extra: ['ULUSLARARASI', 'DIS TICARET', 'GRUP'],
  },
  US: {
    first: ['ATLANTIC', 'PACIFIC', 'NORTHWIND', 'BLUE RIVER', 'IRONWOOD', 'SILVERLAKE', 'OAKMONT', 'WESTFIELD', 'LAKEVIEW', 'STONEBRIDGE', 'HIGHLAND', 'KEYSTONE', 'BRIGHTON', 'CAROLINA', 'SIERRA', 'DELTA', 'MAGNOLIA', 'CYPRESS', 'ASPEN', 'JUNIPER', 'HARTFORD', 'MADISON', 'ANCHOR', 'COMPASS', 'TRAILHEAD', 'COPPER'],
    second: ['HILL', 'FIELD', 'SPRINGS', 'HARBOR', 'GROVE', 'CROSSING', 'BROOK', 'MEADOW', 'SHORE', 'CANYON', 'MESA', 'HOLLOW'],
    extra: ['GROUP', 'HOLDINGS', 'BRANDS', 'USA', 'AMERICA', 'GLOBAL', 'DIRECT', 'INTERNATIONAL'],
  },
};
const XUAR_FIRST = new Set(['URUMQI', 'KASHGAR', 'AKSU', 'CHANGJI', 'SHIHEZI', 'KORLA', 'HAMI', 'TURPAN']);

interface NameParts {
  first: string[];
  second: string[];
  extra: string[];
  forms: string[];
}
function namePartsOf(country: string, xuar: boolean): NameParts {
  const base = NAME_PARTS[country];
  const more = MORE_PARTS[xuar ? 'XUAR' : country];
  if (!base || !more) throw new Error(`no name parts for ${country}`);
  const cn = MORE_PARTS.CN!;
  const first = xuar
    ? [...base.first.filter((f) => XUAR_FIRST.has(f)), ...more.first.filter((f) => !XUAR_FIRST.has(f))]
    : [...base.first.filter((f) => country !== 'CN' || !XUAR_FIRST.has(f)), ...more.first];
  const second = xuar ? [...base.second, ...cn.second] : [...base.second, ...more.second];
  return { first: [...new Set(first)], second: [...new Set(second)], extra: more.extra, forms: base.forms };
}

/** Legal forms that mean the same thing; a manifest may write any member of a name's family. */
const FORM_FAMILIES: string[][] = [
  ['CO., LTD.', 'CO., LTD', 'CO.,LTD', 'CO.,LTD.', 'CO LTD', 'CO. LTD.', 'COMPANY LIMITED', 'CO LIMITED'],
  ['SDN BHD', 'SDN. BHD.', 'SDN.BHD.'],
  ['PVT LTD', 'PVT. LTD.', 'PRIVATE LIMITED', 'PVT.LTD.'],
  ['LTD', 'LTD.', 'LIMITED'],
  ['JSC', 'J.S.C.', 'JOINT STOCK COMPANY'],
  ['INC', 'INC.', 'INCORPORATED'],
  ['LLC', 'L.L.C.'],
  ['CORP', 'CORP.', 'CORPORATION'],
  ['S.A. DE C.V.', 'SA DE CV'],
  ['S. DE R.L. DE C.V.', 'S DE RL DE CV'],
  ['A.S.', 'AS', 'A.Ş.'],
  ['LTD. STI.', 'LTD STI'],
];
/** Uyghur-region places written two ways; the normaliser maps the second to the first. */
const PLACE_SPELLINGS: [string, string][] = [['HETIAN', 'HOTAN'], ['KASHI', 'KASHGAR'], ['WULUMUQI', 'URUMQI'], ['TULUFAN', 'TURPAN'], ['KUERLE', 'KORLA'], ['HAMI', 'KUMUL'], ['YINING', 'GHULJA']];

/** Spellings a manifest may use for `name`: each normalises to the same key, so the graph joins them. */
export function manifestVariants(name: string): string[] {
  const key = normalizeName(name);
  const upper = name.toUpperCase();
  const out = new Set<string>([upper, manifestSpelling(name)]);
  for (const family of FORM_FAMILIES) {
    const member = [...family].sort((a, b) => b.length - a.length).find((f) => upper.endsWith(` ${f}`) || upper.endsWith(f) && upper.length > f.length && /[\s,]/.test(upper[upper.length - f.length - 1] ?? ''));
    if (!member) continue;
    const stem = upper.slice(0, upper.length - member.length).trimEnd().replace(/,$/, '');
    for (const f of family) out.add(`${stem} ${f}`);
    break;
  }
  for (const v of [...out]) {
    for (const [canon, other] of PLACE_SPELLINGS) {
      const re = new RegExp(`\\b${canon}\\b`);
      if (re.test(v)) out.add(v.replace(re, other));
      const re2 = new RegExp(`\\b${other}\\b`);
      if (re2.test(v)) out.add(v.replace(re2, canon));
    }
  }
  return [...out].filter((v) => normalizeName(v) === key);
}

const KEEP_UPPER = new Set(['LLC', 'JSC', 'USA', 'SA', 'CV', 'RL', 'AS', 'STI', 'PVT', 'II', 'III', 'XPCC', 'LYSZD', 'KTK', 'JA', 'GCL']);
function titleCase(s: string): string {
  return s.replace(/[\p{L}\p{N}]+/gu, (w) => (KEEP_UPPER.has(w) ? w : w.charAt(0) + w.slice(1).toLowerCase()));
}

// Persons -------------------------------------------------------------------------------------------------

const CN_SURNAMES: [string, string][] = [['WANG', '王'], ['LI', '李'], ['ZHANG', '张'], ['LIU', '刘'], ['CHEN', '陈'], ['YANG', '杨'], ['HUANG', '黄'], ['ZHAO', '赵'], ['WU', '吴'], ['ZHOU', '周'], ['XU', '徐'], ['SUN', '孙'], ['MA', '马'], ['ZHU', '朱'], ['HU', '胡'], ['GUO', '郭'], ['HE', '何'], ['LIN', '林'], ['LUO', '罗'], ['GAO', '高']];
const CN_GIVEN: [string, string][] = [['WEI', '伟'], ['FANG', '芳'], ['NA', '娜'], ['MIN', '敏'], ['JING', '静'], ['LEI', '磊'], ['JUN', '军'], ['YONG', '勇'], ['YAN', '艳'], ['JIE', '杰'], ['TAO', '涛'], ['MING', '明'], ['CHAO', '超'], ['XIULAN', '秀兰'], ['XIA', '霞'], ['PING', '平'], ['GANG', '刚'], ['GUIYING', '桂英'], ['JIANHUA', '建华'], ['HAIYAN', '海燕'], ['ZHIQIANG', '志强'], ['XIAOMING', '晓明'], ['JIANGUO', '建国'], ['LIHUA', '丽华']];
const PERSON_PARTS: Record<string, { first: string[]; last: string[]; middle?: string[] }> = {
  VN: { last: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Huynh', 'Phan', 'Vu', 'Vo', 'Dang', 'Bui', 'Do', 'Ho', 'Ngo', 'Duong', 'Ly'], middle: ['Van', 'Thi', 'Duc', 'Minh', 'Ngoc', 'Quoc', 'Thanh'], first: ['An', 'Binh', 'Cuong', 'Dung', 'Hai', 'Hung', 'Khanh', 'Lan', 'Linh', 'Mai', 'Nam', 'Phuong', 'Quan', 'Thanh', 'Tuan', 'Hoa'] },
  MY: { first: ['Ahmad', 'Muhammad', 'Siti', 'Nurul', 'Tan', 'Lim', 'Wong', 'Lee', 'Rajesh', 'Kumar', 'Aziz', 'Farah'], last: ['Ismail', 'Abdullah', 'Rahman', 'Hassan', 'Chee Keong', 'Mei Ling', 'Kah Wai', 'Siew Lan', 'Subramaniam', 'Krishnan'] },
  BD: { first: ['Md. Rafiqul', 'Abdul Karim', 'Nasrin', 'Farhana', 'Mohammad Shahidul', 'Tanvir', 'Rumana', 'Md. Anisur', 'Sharmin', 'Kamrul'], last: ['Islam', 'Hossain', 'Rahman', 'Ahmed', 'Chowdhury', 'Khan', 'Uddin', 'Alam', 'Haque', 'Sarkar'] },
  IN: { first: ['Rajesh', 'Suresh', 'Priya', 'Anil', 'Sunita', 'Vijay', 'Ramesh', 'Lakshmi', 'Arun', 'Deepa', 'Karthik', 'Meena', 'Sanjay', 'Kavita'], last: ['Sharma', 'Patel', 'Iyer', 'Nair', 'Reddy', 'Gupta', 'Agarwal', 'Mehta', 'Kumar', 'Subramanian', 'Jain', 'Shah'] },
  KH: { first: ['Sok', 'Chan', 'Sophal', 'Srey Mom', 'Vanna', 'Dara', 'Bopha', 'Rithy'], last: ['Chea', 'Keo', 'Lim', 'Heng', 'Meas', 'Sok', 'Chhun', 'Phan'] },
  MX: { first: ['Juan', 'María', 'José', 'Guadalupe', 'Carlos', 'Alejandro', 'Luis', 'Ana', 'Fernando', 'Sofía'], last: ['Hernández', 'García', 'Martínez', 'López', 'González', 'Rodríguez', 'Pérez', 'Sánchez', 'Ramírez', 'Torres'] },
  TR: { first: ['Ahmet', 'Mehmet', 'Mustafa', 'Ayşe', 'Fatma', 'Emre', 'Zeynep', 'Murat', 'Elif', 'Hakan', 'Burak', 'Selin'], last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan'] },
  US: { first: ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'Sarah', 'Daniel', 'Karen', 'Thomas', 'Emily', 'Kevin'], last: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Clark', 'Walker', 'Young'] },
};
const ROLES: Record<string, string[]> = {
  CN: ['legal representative', 'chairman', 'general manager', 'supervisor', 'director'],
  VN: ['legal representative', 'general director', 'director', 'chief accountant'],
  US: ['CEO', 'president', 'secretary', 'CFO'],
  MX: ['director general', 'administrador único', 'comisario'],
};
const OTHER_ROLES = ['managing director', 'director', 'company secretary', 'chairman'];

function personName(rand: Random, country: string): { name: string; aliases: string[] } {
  if (country === 'CN') {
    const [sur, surZh] = rand.pick(CN_SURNAMES);
    const [given, givenZh] = rand.pick(CN_GIVEN);
    const tc = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();
    return { name: `${tc(sur)} ${tc(given)}`, aliases: [`${tc(given)} ${tc(sur)}`, `${surZh}${givenZh}`] };
  }
  const parts = PERSON_PARTS[country] ?? PERSON_PARTS.US!;
  const first = rand.pick(parts.first);
  const last = rand.pick(parts.last);
  if (country === 'VN') {
    const middle = rand.pick(parts.middle ?? ['Van']);
    return { name: `${last} ${middle} ${first}`, aliases: [`${first} ${last}`] };
  }
  if (country === 'US') {
    const initial = String.fromCharCode(65 + rand.int(0, 25));
    return { name: `${first} ${last}`, aliases: [`${first} ${initial}. ${last}`] };
  }
  if (country === 'KH') return { name: `${last} ${first}`, aliases: [`${first} ${last}`] };
  return { name: `${first} ${last}`, aliases: [`${last}, ${first}`] };
}

// ---------------------------------------------------------------------------------------------------------
// The model in memory: companies and the supplier graph (pairs), never the shipments

type Role = 'producer' | 'exporter' | 'importer' | 'broker' | 'forwarder';
interface Company {
  idx: number;
  /** As in companies.csv; every file names the company by this name and its country (no registry id). */
  name: string;
  /** Spellings used on manifests: the first most often. */
  spellings: string[];
  aliases: string[];
  key: string;
  country: string;
  region: string;
  role: Role;
  sector?: SectorKey;
  /** Stage index within the sector (exporters: the sector's last stage; importers: stages.length). */
  stage: number;
  goods: GoodKey[];
  ports: string[];
  city: City;
  address: Address;
  size: number;
  listedName?: string;
  /** Sectors and stages a listed company was planted at. */
  plantedAt?: { sector: SectorKey; stage: number }[];
  base: string;
}

interface Pair {
  from: number;
  to: number;
  goods: GoodKey[];
  count: number;
  first: number;
  last: number;
}

function weightedIndex(rand: Random, cumulative: number[]): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const x = rand.next() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
function pickWeighted<T extends string>(rand: Random, weights: Readonly<Record<T, number>>): T {
  const keys = Object.keys(weights) as T[];
  let acc = 0;
  const cum = keys.map((k) => (acc += weights[k]));
  return keys[weightedIndex(rand, cum)] as T;
}

/** A pool of companies to pick suppliers from, bigger firms more often, optionally one country only. */
class Pool {
  private all: { items: number[]; cum: number[] } = { items: [], cum: [] };
  private byCountry = new Map<string, { items: number[]; cum: number[] }>();
  constructor(companies: readonly Company[], members: readonly number[]) {
    for (const i of members) {
      const co = companies[i]!;
      const add = (bucket: { items: number[]; cum: number[] }) => {
        bucket.items.push(i);
        bucket.cum.push((bucket.cum[bucket.cum.length - 1] ?? 0) + co.size);
      };
      add(this.all);
      let b = this.byCountry.get(co.country);
      if (!b) this.byCountry.set(co.country, (b = { items: [], cum: [] }));
      add(b);
    }
  }
  get size(): number {
    return this.all.items.length;
  }
  members(): readonly number[] {
    return this.all.items;
  }
  pick(rand: Random, country?: string): number {
    const bucket = (country && this.byCountry.get(country)) || this.all;
    return bucket.items[weightedIndex(rand, bucket.cum)]!;
  }
}

class Network {
  companies: Company[] = [];
  suppliers: number[][] = [];
  buyers: number[][] = [];
  pairGoods = new Map<number, GoodKey[]>();
  taken = new Set<string>();
  constructor(
    readonly rand: Random,
    readonly tag: string,
    readonly list: ListInfo,
  ) {
    for (const key of list.byKey.keys()) this.taken.add(key.split('|')[0]!);
  }

  addEdge(from: number, to: number, goods?: GoodKey[]): boolean {
    const sup = this.suppliers[to]!;
    if (from === to || sup.includes(from)) return false;
    sup.push(from);
    this.buyers[from]!.push(to);
    if (goods) this.pairGoods.set(from * 4_194_304 + to, goods);
    return true;
  }

  /** A unique base name (without legal form): unique by normalised key across every country. */
  private baseName(country: string, xuar: boolean, trade: readonly string[]): string {
    const parts = namePartsOf(country, xuar);
    const rand = this.rand;
    for (let attempt = 0; ; attempt++) {
      const first = rand.pick(parts.first);
      const second = rand.pick(parts.second);
      if (first.includes(second) || second.includes(first)) continue;
      let base = `${first} ${second} ${rand.pick(trade)}`;
      if (attempt > 10 || rand.chance(0.15)) base += ` ${rand.pick(parts.extra)}`;
      if (attempt > 60) base += ` ${attempt - 59}`;
      const full = this.tag ? `${this.tag} ${base}` : base;
      const key = normalizeName(`${full} CO LTD`);
      if (!this.taken.has(key) && !this.taken.has(normalizeName(full))) {
        this.taken.add(key);
        this.taken.add(normalizeName(full));
        return full;
      }
    }
  }

  addCompany(spec: { country: string; xuar: boolean; role: Role; sector?: SectorKey; stage: number; goods: GoodKey[]; trade: readonly string[] }): Company {
    const rand = this.rand;
    const { country, xuar } = spec;
    const base = this.baseName(country, xuar, spec.trade);
    const form = rand.pick(namePartsOf(country, xuar).forms);
    const upper = `${base} ${form}`;
    // Registries write names in mixed case about as often as in capitals; manifests mostly in capitals.
    const name = rand.chance(0.45) ? titleCase(upper) : upper;
    // Seated in the city or province its name starts with, when the name starts with one.
    const cities = CITIES[xuar ? 'XUAR' : country] ?? [];
    const word = base.replace(this.tag ? `${this.tag} ` : '', '').split(' ')[0]!.toUpperCase();
    const fold = (x: string) => x.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase();
    const named = cities.filter((ct) => fold(ct.name) === word || fold(ct.province) === word || (word === 'YILI' && ct.name === 'Yining'));
    const city = rand.pick(named.length > 0 ? named : cities);
    return this.push({ ...spec, name, base, city });
  }

  addListed(listName: string): Company {
    const existing = this.companies.find((co) => co.listedName === listName);
    if (existing) return existing;
    const name = listName.replace(/[\s,;]+and\s+(its\s+)?subsidiaries\s*$/i, '').trim();
    const first = name.split(/\s+/)[0] ?? '';
    const cityName = LISTED_CITY[first] ?? 'Urumqi';
    const city = [...CITIES.XUAR!, ...CITIES.CN!].find((ct) => ct.name === cityName) ?? CITIES.XUAR![0]!;
    const co = this.push({ country: 'CN', xuar: city.xuar === true, role: 'producer', stage: 0, goods: [], name, base: manifestSpelling(name), city });
    co.listedName = listName;
    co.plantedAt = [];
    return co;
  }

  private push(spec: { country: string; xuar: boolean; role: Role; sector?: SectorKey; stage: number; goods: GoodKey[]; name: string; base: string; city: City }): Company {
    const rand = this.rand;
    const idx = this.companies.length;
    const variants = manifestVariants(spec.name);
    // The manifest's usual spelling, then up to two others it sometimes uses.
    const primary = rand.chance(0.6) ? spec.name.toUpperCase() : rand.pick(variants);
    const others = variants.filter((v) => v !== primary && v !== spec.name);
    const spellings = [primary];
    for (let k = rand.int(0, 2); k > 0 && others.length > 0; k--) {
      const v = others.splice(rand.int(0, others.length - 1), 1)[0]!;
      spellings.push(v);
    }
    const aliases = [...new Set(spellings.filter((s) => s.toUpperCase() !== spec.name.toUpperCase()).slice(0, 2))];
    const ports = spec.country === 'CN' && spec.xuar ? [rand.pick(XUAR_PORTS)] : portsOf(spec.country);
    const myPorts = ports.length <= 2 ? ports : [rand.pick(ports), rand.pick(ports)].filter((p, i, a) => a.indexOf(p) === i);
    const co: Company = {
      idx,
      name: spec.name,
      spellings,
      aliases,
      key: `${normalizeName(spec.name)}|${spec.country}`,
      country: spec.country,
      region: spec.xuar ? 'XUAR' : '',
      role: spec.role,
      ...(spec.sector ? { sector: spec.sector } : {}),
      stage: spec.stage,
      goods: spec.goods,
      ports: myPorts,
      city: spec.city,
      address: makeAddress(rand, spec.country, spec.city),
      size: Math.min(40, 1 / Math.pow(1 - rand.next() * 0.999, 1 / 1.4)),
      base: spec.base,
    };
    this.companies.push(co);
    this.suppliers.push([]);
    this.buyers.push([]);
    return co;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Building the network

interface Plant {
  listed: string;
  into: number;
  importer: number;
  tier: number;
}

function buildNetwork(rand: Random, size: SizeName, listedShare: number, tag: string, list: ListInfo) {
  const net = new Network(rand, tag, list);
  const preset = SIZES[size];
  const stagesOf = new Map<string, number[]>();
  const at = (sector: SectorKey, stage: number) => stagesOf.get(`${sector}:${stage}`) ?? [];
  const importersOf = new Map<SectorKey, number[]>();

  // Companies, tier by tier.
  for (const sector of SECTOR_DEFS) {
    const importers = Math.max(6, Math.round(preset.importers * sector.importerShare));
    sector.stages.forEach((stage, s) => {
      const count = Math.max(3, Math.round(stage.ratio * importers));
      const members: number[] = [];
      const exporter = s === sector.stages.length - 1;
      const trade = stage.trade ?? [...new Set(stage.goods.flatMap(tradeOf))];
      for (let i = 0; i < count; i++) {
        const country = pickWeighted(rand, stage.countries);
        const xuar = country === 'CN' && rand.chance(stage.xuar);
        const goods = stage.goods.length <= 1 ? [...stage.goods] : [...new Set([rand.pick(stage.goods), rand.pick(stage.goods)])].sort();
        members.push(net.addCompany({ country, xuar, role: exporter ? 'exporter' : 'producer', sector: sector.key, stage: s, goods, trade }).idx);
      }
      stagesOf.set(`${sector.key}:${s}`, members);
    });
    const members: number[] = [];
    for (let i = 0; i < importers; i++) {
      members.push(net.addCompany({ country: 'US', xuar: false, role: 'importer', sector: sector.key, stage: sector.stages.length, goods: [], trade: sector.importerTrade }).idx);
    }
    importersOf.set(sector.key, members);
  }
  // Customs brokers (US notify parties) and freight forwarders abroad.
  const brokers: number[] = [];
  for (let i = 0; i < Math.max(3, Math.round(preset.importers / 40)); i++) {
    brokers.push(net.addCompany({ country: 'US', xuar: false, role: 'broker', stage: -1, goods: [], trade: ['CUSTOMS BROKERAGE', 'CUSTOMS BROKERS', 'TRADE SERVICES'] }).idx);
  }
  const forwarders = new Map<string, number[]>();
  for (const country of ['CN', 'VN', 'MY', 'BD', 'IN', 'KH', 'MX', 'TR']) {
    const n = Math.max(1, Math.round(net.companies.filter((co) => co.country === country).length / 80));
    const list: number[] = [];
    for (let i = 0; i < n; i++) list.push(net.addCompany({ country, xuar: false, role: 'forwarder', stage: -1, goods: [], trade: ['LOGISTICS', 'FREIGHT FORWARDING', 'SHIPPING'] }).idx);
    forwarders.set(country, list);
  }

  // Regular suppliers: every buyer a few, bigger firms more often, sometimes from its own country first.
  const supplierCount = () => 1 + weightedIndex(rand, [0.3, 0.65, 0.87, 1]);
  const connect = (buyer: number, pool: Pool, domestic: number, n: number) => {
    const co = net.companies[buyer]!;
    for (let k = 0, tries = 0; k < n && tries < n * 6; tries++) {
      const from = pool.pick(rand, rand.chance(domestic) ? co.country : undefined);
      if (net.addEdge(from, buyer)) k++;
    }
  };
  for (const sector of SECTOR_DEFS) {
    const last = sector.stages.length - 1;
    for (let s = 1; s <= last; s++) {
      const stage = sector.stages[s]!;
      // Exporters buy the finished goods, i.e. from the last production stage.
      const pool = new Pool(net.companies, at(sector.key, s === last ? last - 1 : s - 1));
      for (const buyer of at(sector.key, s)) connect(buyer, pool, stage.domestic, s === last ? rand.int(2, 5) : supplierCount());
    }
    const finals = new Pool(net.companies, at(sector.key, last - 1));
    const exporters = new Pool(net.companies, at(sector.key, last));
    for (const buyer of importersOf.get(sector.key) ?? []) {
      const n = supplierCount();
      for (let k = 0, tries = 0; k < n && tries < n * 6; tries++) {
        const from = rand.chance(0.35) ? exporters.pick(rand) : finals.pick(rand);
        if (net.addEdge(from, buyer)) k++;
      }
    }
    // Nobody is left without a buyer.
    for (let s = 0; s <= last; s++) {
      for (const i of at(sector.key, s)) {
        if (net.buyers[i]!.length > 0) continue;
        const next = s === last || (s === last - 1 && rand.chance(0.5)) ? importersOf.get(sector.key)! : at(sector.key, s === last - 1 ? last : s + 1);
        net.addEdge(i, rand.pick(next));
      }
    }
  }
  // Solar module makers also buy aluminium module frames.
  const frameMakers = at('aluminium', 2).filter((i) => net.companies[i]!.goods.includes('moduleFrames'));
  if (frameMakers.length > 0) {
    const frames = new Pool(net.companies, frameMakers);
    for (const buyer of at('solar', 3)) if (rand.chance(0.25)) net.addEdge(frames.pick(rand), buyer, ['moduleFrames']);
  }

  // Listed companies, planted at a known tier upstream of chosen importers.
  const allImporters = SECTOR_DEFS.flatMap((s) => importersOf.get(s.key) ?? []);
  const plants: Plant[] = [];
  const target = listedShare > 0 ? Math.max(8, Math.round(listedShare * allImporters.length)) : 0;
  const listedSet = new Set<number>();
  const plantedTier = new Map<number, number>();
  const inputStages = (co: Company): number[] => {
    const sector = SECTOR_DEFS.find((s) => s.key === co.sector);
    if (!sector || co.listedName) return [];
    const last = sector.stages.length - 1;
    if (co.role === 'importer') return [last, last - 1];
    if (co.role === 'exporter') return [last - 1];
    return co.stage > 0 ? [co.stage - 1] : [];
  };
  // How many importers a company reaches downstream. Plants only add edges out of listed companies, so the
  // downstream of an unlisted company never changes and the count can be kept.
  const reachCache = new Map<number, number>();
  const reachOf = (x: number): number => {
    let r = reachCache.get(x);
    if (r === undefined) {
      r = [...downstreamDistances(net, x, 6).keys()].filter((i) => net.companies[i]!.role === 'importer').length;
      reachCache.set(x, r);
    }
    return r;
  };
  const listedStages = (co: Company) => inputStages(co).filter((st) => (LISTED_BY_STAGE[co.sector!][st] ?? []).length > 0);
  for (let k = 0; k < target; k++) {
    const tier = (k % 4) + 1;
    const dist = nearestListed(net, listedSet);
    const candidates = allImporters.filter((i) => !plantedTier.has(i) && (dist[i] ?? Infinity) > tier);
    // Among a sample of importers, the company exactly tier - 1 steps upstream that reaches the fewest
    // importers: a plant exposes every importer downstream of the company it supplies, and the exposed share
    // should stay near the one asked for. It must not pull an importer planted earlier below its tier.
    let best: { x: number; importer: number; reach: number } | undefined;
    for (let attempt = 0; attempt < 25 && candidates.length > 0; attempt++) {
      const importer = candidates.splice(rand.int(0, candidates.length - 1), 1)[0]!;
      for (const x of upstreamAtDepth(net, importer, tier - 1, listedSet)) {
        if (listedStages(net.companies[x]!).length === 0) continue;
        const reach = reachOf(x);
        if (best && reach >= best.reach) continue;
        const near = downstreamDistances(net, x, 3);
        if ([...plantedTier].some(([imp, t]) => near.has(imp) && near.get(imp)! + 1 < t)) continue;
        best = { x, importer, reach };
      }
    }
    if (!best) continue;
    const co = net.companies[best.x]!;
    const stage = rand.pick(listedStages(co));
    const listed = net.addListed(rand.pick(LISTED_BY_STAGE[co.sector!][stage]!));
    const goods = [...SECTOR_DEFS.find((s) => s.key === co.sector)!.stages[stage]!.goods];
    if (!net.addEdge(listed.idx, best.x, goods)) continue;
    listed.plantedAt!.push({ sector: co.sector!, stage });
    if (listed.goods.length === 0) listed.goods = goods;
    listedSet.add(listed.idx);
    plantedTier.set(best.importer, tier);
    plants.push({ listed: listed.listedName!, into: best.x, importer: best.importer, tier });
  }

  // Listed companies have regular (unlisted) suppliers of their own, mostly in China.
  for (const i of listedSet) {
    const co = net.companies[i]!;
    const seen = new Set<string>();
    // (Exporters sit one index after the last production stage, so stage - 1 is their supplier tier too.)
    for (const { sector, stage } of co.plantedAt ?? []) {
      const upstream = stage - 1;
      if (upstream < 0 || seen.has(`${sector}:${upstream}`)) continue;
      seen.add(`${sector}:${upstream}`);
      connect(i, new Pool(net.companies, at(sector, upstream)), 0.8, rand.int(1, 2));
    }
  }
  return { net, plants, importers: allImporters, brokers, forwarders, listedSet };
}

/** Multi-source breadth-first distances from the listed companies, downstream (shipper -> consignee). */
function nearestListed(net: Network, listed: Set<number>): number[] {
  const dist = new Array<number>(net.companies.length).fill(Infinity);
  const queue: number[] = [];
  for (const i of listed) {
    dist[i] = 0;
    queue.push(i);
  }
  for (let h = 0; h < queue.length; h++) {
    const a = queue[h]!;
    for (const b of net.buyers[a]!) {
      if (dist[b] === Infinity) {
        dist[b] = dist[a]! + 1;
        queue.push(b);
      }
    }
  }
  return dist;
}

/** Unlisted companies exactly `depth` steps upstream of `from` by the shortest path. */
function upstreamAtDepth(net: Network, from: number, depth: number, listed: Set<number>): number[] {
  let frontier = [from];
  const seen = new Set([from]);
  for (let d = 0; d < depth; d++) {
    const next: number[] = [];
    for (const b of frontier) {
      for (const a of net.suppliers[b]!) {
        if (seen.has(a) || listed.has(a)) continue;
        seen.add(a);
        next.push(a);
      }
    }
    frontier = next;
  }
  return frontier;
}

function downstreamDistances(net: Network, from: number, maxDepth: number): Map<number, number> {
  const dist = new Map([[from, 0]]);
  let frontier = [from];
  for (let d = 1; d <= maxDepth; d++) {
    const next: number[] = [];
    for (const a of frontier) for (const b of net.buyers[a]!) if (!dist.has(b)) (dist.set(b, d), next.push(b));
    frontier = next;
  }
  return dist;
}

// ---------------------------------------------------------------------------------------------------------
// Identifiers

const CONTAINER_OWNERS = ['MSCU', 'MAEU', 'CMAU', 'OOLU', 'TGHU', 'TCLU', 'FCIU', 'SEGU', 'TRHU', 'BMOU', 'GESU', 'CSNU', 'HLXU', 'EITU', 'ONEU', 'ZCSU'];
const LETTER_VALUES = (() => {
  const values: Record<string, number> = {};
  let v = 10;
  for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (v % 11 === 0) v++;
    values[ch] = v++;
  }
  return values;
})();

/** ISO 6346 container number: owner code + U, six digits, check digit. */
export function containerNumber(rand: Random): string {
  const body = rand.pick(CONTAINER_OWNERS) + rand.digits(6);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    sum += (/\d/.test(ch) ? Number(ch) : (LETTER_VALUES[ch] ?? 0)) * 2 ** i;
  }
  return body + String((sum % 11) % 10);
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
function osHubId(rand: Random, country: string): string {
  let s = `${country}${rand.int(2019, 2025)}${String(rand.int(1, 365)).padStart(3, '0')}`;
  for (let i = 0; i < 6; i++) s += ALNUM[rand.int(0, 35)];
  return s;
}

function registrationNumber(rand: Random, co: Company): string {
  switch (co.country) {
    case 'VN': return rand.digits(10);
    case 'MY': return `${rand.int(1995, 2021)}0${rand.digits(7)}`;
    case 'BD': return `C-${rand.int(10000, 199999)}`;
    case 'IN': return `U${rand.int(10000, 99999)}${rand.pick(['TZ', 'GJ', 'MH', 'OR', 'PB', 'DL'])}${rand.int(1990, 2020)}PTC${rand.digits(6)}`;
    case 'KH': return rand.digits(8);
    case 'MX': return `${co.base.replace(/[^A-Z]/gi, '').slice(0, 3).toUpperCase().padEnd(3, 'X')}${rand.digits(6)}${ALNUM[rand.int(10, 35)]}${rand.digits(2)}`;
    case 'TR': return rand.digits(10);
    default: return '';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writing

class CsvWriter {
  rows = 0;
  bytes = 0;
  private chunk = '';
  private stream: fs.WriteStream;
  constructor(readonly file: string, header: readonly string[]) {
    this.stream = fs.createWriteStream(file);
    this.push(csvLine(header));
  }
  private push(line: string) {
    this.chunk += line;
    this.bytes += Buffer.byteLength(line);
  }
  async row(fields: readonly (string | number | undefined)[]): Promise<void> {
    this.push(csvLine(fields));
    this.rows++;
    if (this.chunk.length >= 256 * 1024) {
      const ok = this.stream.write(this.chunk);
      this.chunk = '';
      if (!ok) await once(this.stream, 'drain');
    }
  }
  async end(): Promise<{ file: string; rows: number; bytes: number }> {
    this.stream.end(this.chunk);
    this.chunk = '';
    await once(this.stream, 'finish');
    return { file: path.basename(this.file), rows: this.rows, bytes: this.bytes };
  }
}

const money = (n: number) => Math.round(n);
const coord = (n: number) => n.toFixed(5);

export async function generateNetwork(options: NetworkOptions): Promise<NetworkSummary> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const seed = options.seed ?? 1;
  const listedShare = options.listedShare ?? 0.05;
  const tag = options.tag ?? '';
  if (!(options.size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  if (!(listedShare >= 0 && listedShare <= 1)) throw new Error('--listed-share must be between 0 and 1');
  if (tag && !/^[A-Za-z0-9]{1,12}$/.test(tag)) throw new Error('--tag must be 1-12 letters or digits');
  const rand = new Random(seed);
  const list = readListedKeys();
  checkListedNames(list);
  fs.mkdirSync(options.out, { recursive: true });
  const file = (name: string) => path.join(options.out, name);

  log(`generate-network: size ${options.size}, seed ${seed}, listed share ${listedShare}${tag ? `, tag ${tag}` : ''} -> ${options.out}`);
  const { net, plants, importers, brokers, forwarders } = buildNetwork(rand, options.size, listedShare, tag, list);
  const companies = net.companies;
  log(`  ${companies.length} companies, ${net.suppliers.reduce((s, x) => s + x.length, 0)} supplier pairs, ${plants.length} listed plants`);

  // Registry-side files: companies, persons, officers, ownership, facilities.
  const files: { file: string; rows: number; bytes: number }[] = [];
  const cw = new CsvWriter(file('companies.csv'), NETWORK_COLUMNS.companies);
  const shipsToUs = new Set<number>();
  for (const imp of importers) for (const s of net.suppliers[imp]!) shipsToUs.add(s);
  for (const co of companies) {
    const cn = co.country === 'CN';
    const big = co.size > 3;
    const ids: string[] = [];
    if (cn && co.role === 'exporter' && rand.chance(0.6)) ids.push(`cn_customs:${rand.int(1, 9)}${rand.digits(9)}`);
    if (co.role === 'importer' && rand.chance(0.5)) ids.push(`ein:${rand.int(10, 99)}-${rand.digits(7)}`);
    const mid = shipsToUs.has(co.idx) && rand.chance(0.7) ? cbpMid(co.base.replace(new RegExp(`^${tag} `), ''), co.country, co.address) : '';
    // No id: a registry id would load the company as co-src-<id>, apart from the node its shipments reach.
    await cw.row([
      '', co.name, co.aliases.join('|'), co.country, co.region, addressText(co.address),
      !cn && co.country !== 'US' && rand.chance(0.8) ? registrationNumber(rand, co) : '',
      cn && rand.chance(0.9) ? uscc(rand, co.city.code) : '',
      /^[A-Z0-9]{6,15}$/.test(mid) ? mid : '',
      co.country === 'US' ? (rand.chance(0.9) ? `${rand.int(0, 9)}${rand.digits(8)}` : '') : rand.chance(0.2) ? `${rand.int(1, 9)}${rand.digits(8)}` : '',
      rand.chance(big ? 0.5 : 0.1) ? lei(rand) : '',
      ids.join('|'),
    ]);
  }
  files.push(await cw.end());

  // Persons and their roles; a person sometimes sits in several companies of one country.
  interface Person { id: string; name: string; aliases: string[]; country: string }
  const persons: Person[] = [];
  const personsByCountry = new Map<string, number[]>();
  const personNames = new Set<string>();
  const newPerson = (country: string): number => {
    let p = personName(rand, country);
    for (let k = 0; personNames.has(`${normalizeName(p.name)}|${country}`) && k < 20; k++) p = personName(rand, country);
    personNames.add(`${normalizeName(p.name)}|${country}`);
    const i = persons.length;
    persons.push({ id: `${tag ? `${tag}-` : ''}P-${String(i + 1).padStart(6, '0')}`, name: p.name, aliases: p.aliases, country });
    let list = personsByCountry.get(country);
    if (!list) personsByCountry.set(country, (list = []));
    list.push(i);
    return i;
  };
  const personFor = (country: string): number => {
    const pool = personsByCountry.get(country);
    return pool && pool.length > 3 && rand.chance(0.15) ? rand.pick(pool) : newPerson(country);
  };
  const officers: (string | number)[][] = [];
  const ownership: (string | number)[][] = [];
  const isoDay = (from: string, to: string) => isoOf(rand.int(dayOf(from), dayOf(to)));
  // Companies by companies.csv name + country (id empty), so they reach the node the shipments reach;
  // persons by id, with name and country too.
  const coRef = (co: Company) => ['', co.name, co.country];
  const personRef = (i: number) => [persons[i]!.id, persons[i]!.name, persons[i]!.country];
  for (const co of companies) {
    const roles = ROLES[co.country] ?? OTHER_ROLES;
    const n = co.listedName ? 3 : rand.int(1, 3);
    const used = new Set<string>();
    for (let k = 0; k < n; k++) {
      const role = k === 0 ? roles[0]! : rand.pick(roles);
      const p = personFor(co.country);
      if (used.has(`${p}|${role}`)) continue;
      used.add(`${p}|${role}`);
      const start = isoDay('2008-01-01', '2023-06-30');
      const end = rand.chance(0.1) ? isoOf(rand.int(dayOf(start) + 180, dayOf('2025-06-30'))) : '';
      officers.push([...personRef(p), ...coRef(co), role, start, end]);
    }
  }
  // Ownership: founders, corporate groups (some across borders), and listed companies holding stakes.
  const ordinary = companies.filter((co) => !co.listedName && co.role !== 'broker' && co.role !== 'forwarder');
  const stake = (majority: boolean) => (majority ? rand.int(51, 100) : rand.int(10, 49));
  for (const co of ordinary) {
    const roll = rand.next();
    if (roll < 0.4) {
      const founders = rand.chance(0.6) ? 1 : 2;
      const first = founders === 1 ? 100 : rand.int(51, 90);
      ownership.push(['person', ...personRef(personFor(co.country)), ...coRef(co), first, isoDay('2005-01-01', '2021-12-31'), '']);
      if (founders === 2) ownership.push(['person', ...personRef(personFor(co.country)), ...coRef(co), 100 - first, isoDay('2005-01-01', '2021-12-31'), '']);
    } else if (roll < 0.55 && co.idx > 10) {
      // A parent created earlier (no cycles); a Chinese parent for a third of the foreign subsidiaries.
      let parent = companies[rand.int(0, co.idx - 1)]!;
      if (co.country !== 'CN' && rand.chance(0.33)) {
        for (let t = 0; t < 10 && parent.country !== 'CN'; t++) parent = companies[rand.int(0, co.idx - 1)]!;
      }
      if (parent.listedName || parent.role === 'broker' || parent.role === 'forwarder' || parent.idx === co.idx) continue;
      const start = isoDay('2010-01-01', '2023-12-31');
      const end = rand.chance(0.08) ? isoOf(rand.int(dayOf(start) + 365, dayOf('2025-12-31'))) : '';
      ownership.push(['company', ...coRef(parent), ...coRef(co), stake(rand.chance(0.7)), start, end]);
    }
  }
  const listedCompanies = companies.filter((co) => co.listedName);
  for (const l of listedCompanies) {
    // Every listed company in the set holds a majority stake in one company and a minority stake in another.
    const sector = l.plantedAt?.[0]?.sector;
    const pool = ordinary.filter((co) => co.sector === sector && co.role !== 'importer');
    for (const majority of [true, false]) {
      if (pool.length === 0) break;
      const owned = pool.splice(rand.int(0, pool.length - 1), 1)[0]!;
      const start = isoDay('2012-01-01', '2022-06-30');
      ownership.push(['company', ...coRef(l), ...coRef(owned), stake(majority), start, rand.chance(0.15) ? isoDay('2023-01-01', '2025-06-30') : '']);
    }
  }
  const pw = new CsvWriter(file('persons.csv'), NETWORK_COLUMNS.persons);
  for (const p of persons) await pw.row([p.id, p.name, p.aliases.join('|'), p.country]);
  files.push(await pw.end());
  const ow = new CsvWriter(file('officers.csv'), NETWORK_COLUMNS.officers);
  for (const r of officers) await ow.row(r);
  files.push(await ow.end());
  const sw = new CsvWriter(file('ownership.csv'), NETWORK_COLUMNS.ownership);
  for (const r of ownership) await sw.row(r);
  files.push(await sw.end());

  // Facilities: plants, mills and farms of the producers; warehouses of some exporters and importers.
  const fw = new CsvWriter(file('facilities.csv'), NETWORK_COLUMNS.facilities);
  const osIds = new Set<string>();
  let facilityNo = 0;
  for (const co of companies) {
    const def = SECTOR_DEFS.find((s) => s.key === (co.sector ?? co.plantedAt?.[0]?.sector));
    const stageDef = def?.stages[co.sector ? co.stage : (co.plantedAt?.[0]?.stage ?? 0)];
    let n = 0;
    if (co.role === 'producer') n = rand.chance(0.2) ? 2 : 1;
    else if (co.role === 'exporter' && rand.chance(0.3)) n = 1;
    else if (co.role === 'importer' && rand.chance(0.3)) n = 1;
    const apparel = co.sector === 'cotton' && co.stage >= 1 && co.role === 'producer';
    for (let k = 0; k < n; k++) {
      const kind = co.role === 'importer' ? 'DISTRIBUTION CENTER' : rand.pick(stageDef?.facility ?? ['PLANT']);
      const city = k === 0 ? co.city : rand.pick(CITIES[co.region ? 'XUAR' : co.country] ?? [co.city]);
      const address = k === 0 ? co.address : makeAddress(rand, co.country, city);
      const stem = co.listedName ? manifestSpelling(co.name).replace(/\s+(CO|COMPANY)(\s+LTD|\s+LIMITED)?$/, '') : co.base;
      // "KONYA ASLAN COTTON" + "COTTON FARM" is the KONYA ASLAN COTTON FARM.
      const [kindFirst, ...kindRest] = kind.split(' ');
      const site = stem.endsWith(` ${kindFirst}`) && kindRest.length > 0 ? kindRest.join(' ') : kind;
      const name = `${stem} ${site}${n > 1 ? ` NO ${k + 1}` : ''}`;
      let os = '';
      if (rand.chance(apparel ? 0.4 : 0.1)) {
        do os = osHubId(rand, co.country);
        while (osIds.has(os));
        osIds.add(os);
      }
      const lat = city.lat + (rand.next() - 0.5) * 0.06;
      const lon = city.lon + (rand.next() - 0.5) * 0.06;
      facilityNo++;
      await fw.row([
        `${tag ? `${tag}-` : ''}F-${String(facilityNo).padStart(6, '0')}`, titleCase(name), rand.chance(0.3) ? name : '', addressText(address),
        co.country, city.xuar ? 'XUAR' : '', coord(lat), coord(lon), ...coRef(co), os,
      ]);
    }
  }
  files.push(await fw.end());

  // Shipments: every pair ships regularly within its own window; rows are written month by month.
  const preset = SIZES[options.size];
  const pairs: Pair[] = [];
  for (let b = 0; b < companies.length; b++) {
    for (const a of net.suppliers[b]!) {
      const from = companies[a]!;
      const to = companies[b]!;
      const goods = net.pairGoods.get(a * 4_194_304 + b) ?? (from.goods.length > 0 ? from.goods : to.goods);
      const span = LAST - FIRST;
      let first = FIRST + Math.floor(rand.next() * rand.next() * span * 0.6);
      let last = LAST - Math.floor(rand.next() * rand.next() * span * 0.5);
      if (last - first < 120) [first, last] = [FIRST, LAST];
      pairs.push({ from: a, to: b, goods, count: 0, first, last });
    }
  }
  // Shipments per pair: one each, the rest in proportion to a heavy-tailed weight (largest remainder).
  const weights = pairs.map((p) => {
    const to = companies[p.to]!;
    const stageFactor = to.role === 'importer' ? 2.5 : to.role === 'exporter' ? 1.5 : 1;
    return stageFactor * Math.sqrt(companies[p.from]!.size) * (1 / Math.pow(1 - rand.next() * 0.99, 1 / 1.8));
  });
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const spare = Math.max(0, preset.shipments - pairs.length);
  const fractions: [number, number][] = [];
  let allotted = 0;
  pairs.forEach((p, i) => {
    const share = (spare * weights[i]!) / totalWeight;
    p.count = 1 + Math.floor(share);
    allotted += p.count;
    fractions.push([share - Math.floor(share), i]);
  });
  fractions.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; allotted < preset.shipments && k < fractions.length; k++, allotted++) pairs[fractions[k]![1]]!.count++;
  const perMonth = new Uint32Array(pairs.length * MONTHS);
  pairs.forEach((p, i) => {
    for (let k = 0; k < p.count; k++) perMonth[i * MONTHS + monthOf(rand.int(p.first, p.last))]!++;
  });

  // The ground truth is computed from what is written: each row's spellings, normalised as the graph does.
  const nodeOf = new Map<string, number>();
  const nodeKeys: string[] = [];
  const spellingCache = new Map<string, number>();
  const node = (spelling: string, country: string): number => {
    const cacheKey = `${spelling}\u0000${country}`;
    let n = spellingCache.get(cacheKey);
    if (n === undefined) {
      const key = `${normalizeName(spelling)}|${country}`;
      n = nodeOf.get(key);
      if (n === undefined) {
        n = nodeKeys.length;
        nodeOf.set(key, n);
        nodeKeys.push(key);
      }
      spellingCache.set(cacheKey, n);
    }
    return n;
  };
  const edgeSeen = new Set<number>();
  const downstream: number[][] = [];
  const recordEdge = (a: number, b: number) => {
    const code = a * 4_194_304 + b;
    if (edgeSeen.has(code)) return;
    edgeSeen.add(code);
    while (downstream.length <= Math.max(a, b)) downstream.push([]);
    downstream[a]!.push(b);
  };

  const shw = new CsvWriter(file('shipments.csv'), NETWORK_COLUMNS.shipments);
  const billOffset = rand.int(0, 9_999_999);
  const spell = (co: Company) => (co.spellings.length === 1 || rand.chance(0.7) ? co.spellings[0]! : rand.pick(co.spellings));
  let rowNo = 0;
  let nextReport = 0.1;
  for (let m = 0; m < MONTHS; m++) {
    const start = monthStart(m);
    const end = m === MONTHS - 1 ? LAST + 1 : monthStart(m + 1);
    const keys: number[] = [];
    for (let i = 0; i < pairs.length; i++) {
      const n = perMonth[i * MONTHS + m]!;
      if (n === 0) continue;
      const p = pairs[i]!;
      const lo = Math.max(start, p.first);
      const hi = Math.min(end - 1, p.last);
      for (let k = 0; k < n; k++) keys.push(rand.int(lo, Math.max(lo, hi)) - start + 31 * i);
    }
    // By day, then by pair: keys are day-in-month + 31 * pair index; sort by (day, pair).
    const order = Float64Array.from(keys, (k) => (k % 31) * pairs.length + Math.floor(k / 31)).sort();
    for (const o of order) {
      const day = start + Math.floor(o / pairs.length);
      const p = pairs[o % pairs.length]!;
      await shw.row(shipmentRow(rowNo++, day, p));
    }
    if (rowNo / preset.shipments >= nextReport) {
      log(`  shipments: ${rowNo} of ${preset.shipments} (${isoOf(start).slice(0, 7)})`);
      while (rowNo / preset.shipments >= nextReport) nextReport += 0.1;
    }
  }
  files.push(await shw.end());

  function shipmentRow(n: number, day: number, p: Pair): (string | number)[] {
    const from = companies[p.from]!;
    const to = companies[p.to]!;
    const shipper = spell(from);
    const consignee = spell(to);
    recordEdge(node(shipper, from.country), node(consignee, to.country));
    const domestic = from.country === to.country;
    const lading = domestic ? '' : rand.pick(from.ports.length > 0 ? from.ports : portsOf(from.country));
    const unlading = domestic ? '' : rand.pick(to.ports.length > 0 ? to.ports : portsOf(to.country));
    const good = rand.pick(p.goods);
    const product = GOODS[good];
    const line = manifestLine(rand, product);
    const codes = [line.hs];
    let description = line.description;
    if (p.goods.length > 1 && rand.chance(0.15)) {
      const other = manifestLine(rand, GOODS[rand.pick(p.goods.filter((g) => g !== good))]);
      if (!codes.includes(other.hs)) codes.push(other.hs);
      description += `; ${other.description}`;
    }
    const weight = weightKg(rand, product);
    const [lo, hi] = USD_PER_KG[good];
    const value = money(weight * (lo + rand.next() * (hi - lo)));
    const containers: string[] = [];
    if (!BULK.has(good) && (!domestic || rand.chance(0.5))) {
      const count = Math.max(1, Math.ceil(weight / rand.int(18000, 24000)));
      for (let k = 0; k < count; k++) containers.push(containerNumber(rand));
    }
    // The maker: an exporter names one of its suppliers; a factory itself, about half the time.
    let maker: Company | undefined;
    if (from.role === 'exporter' && net.suppliers[from.idx]!.length > 0) maker = companies[rand.pick(net.suppliers[from.idx]!)];
    else if (from.role === 'producer' && rand.chance(0.5)) maker = from;
    let origin = maker?.country ?? from.country;
    // Some exporters declare their own country as origin for goods made elsewhere (transshipment).
    if (from.role === 'exporter' && origin !== from.country && rand.chance(0.1)) origin = from.country;
    let notify: Company | undefined;
    const roll = rand.next();
    if (to.country === 'US') notify = roll < 0.5 ? companies[rand.pick(brokers)] : roll < 0.65 ? to : undefined;
    else notify = roll < 0.2 ? to : roll < 0.3 ? companies[rand.pick(forwarders.get(to.country) ?? brokers)] : undefined;
    const scac = rand.pick(SCACS);
    const locode = PORTS[lading || portsOf(from.country)[0] || 'Shanghai']?.locode ?? 'XXX';
    const serial = String((n * 7_654_321 + billOffset) % 10_000_000).padStart(7, '0');
    const bill = `${tag ? `${tag}-` : ''}${scac}${isoOf(day).slice(2, 4)}${locode}${serial}`;
    return [
      bill, isoOf(day), shipper, from.country, consignee, to.country,
      notify ? spell(notify) : '', notify?.country ?? '',
      maker ? spell(maker) : '', maker?.country ?? '',
      codes.join('|'), description, lading, unlading, origin, weight, value, containers.join('|'),
    ];
  }

  // Ground truth: nearest listed supplier of every US importer, by breadth-first search over the written pairs.
  const sources: number[] = [];
  for (const [key, n] of nodeOf) if (list.byKey.has(key)) sources.push(n);
  sources.sort((a, b) => (nodeKeys[a]! < nodeKeys[b]! ? -1 : 1));
  const dist = new Int32Array(nodeKeys.length).fill(-1);
  const parent = new Int32Array(nodeKeys.length).fill(-1);
  const queue = [...sources];
  for (const s of sources) dist[s] = 0;
  for (let h = 0; h < queue.length; h++) {
    const a = queue[h]!;
    for (const b of downstream[a] ?? []) {
      if (dist[b] !== -1) continue;
      dist[b] = dist[a]! + 1;
      parent[b] = a;
      queue.push(b);
    }
  }
  const nameOfKey = new Map(companies.map((co) => [co.key, co.name]));
  const gw = new CsvWriter(file('ground-truth.csv'), NETWORK_COLUMNS['ground-truth']);
  const exposedByTier: Record<string, number> = {};
  let unexposed = 0;
  for (const i of importers) {
    const co = companies[i]!;
    const n = nodeOf.get(co.key);
    const d = n === undefined ? -1 : dist[n]!;
    if (d <= 0) {
      unexposed++;
      await gw.row([co.name, co.country, 'false', '', '', '']);
      continue;
    }
    exposedByTier[d] = (exposedByTier[d] ?? 0) + 1;
    const chain: string[] = [];
    for (let x = n!; x !== -1; x = parent[x]!) chain.push(nameOfKey.get(nodeKeys[x]!) ?? nodeKeys[x]!);
    const source = nodeKeys[(() => { let x = n!; while (parent[x] !== -1) x = parent[x]!; return x; })()]!;
    await gw.row([co.name, co.country, 'true', d, list.byKey.get(source) ?? '', chain.reverse().join(' > ')]);
  }
  files.push(await gw.end());

  const summary: NetworkSummary = { dir: options.out, seed, size: options.size, files, importers: importers.length, exposedByTier, seconds: (Date.now() - started) / 1000 };
  fs.writeFileSync(file('README.md'), readme(seed, listedShare, tag, summary, net, plants, unexposed, pairs.length));
  return summary;
}

function checkListedNames(list: ListInfo): void {
  for (const names of Object.values(LISTED_BY_STAGE)) {
    for (const name of names.flat()) {
      const key = listKey(name.replace(/[\s,;]+and\s+(its\s+)?subsidiaries\s*$/i, ''), 'CN');
      if (!list.byKey.has(key)) throw new Error(`"${name}" is not on data/lists/dhs_uflpa.json`);
    }
  }
}

function readme(seed: number, share: number, tag: string, s: NetworkSummary, net: Network, plants: Plant[], unexposed: number, pairCount: number): string {
  const cos = net.companies;
  const count = (f: (c: Company) => boolean) => cos.filter(f).length;
  const stageRows = SECTOR_DEFS.flatMap((sector) => [
    ...sector.stages.map((st, i) => `| ${sector.key} | ${i + 1} | ${st.label} | ${count((c) => c.sector === sector.key && c.stage === i)} | ${st.goods.map((g) => (GOODS[g].lines[0]?.[1] ?? '').slice(0, 4)).filter((h, k, a) => a.indexOf(h) === k).join(', ')} |`),
    `| ${sector.key} | ${sector.stages.length + 1} | US importers | ${count((c) => c.sector === sector.key && c.role === 'importer')} | |`,
  ]);
  const tiers = Object.entries(s.exposedByTier).sort(([a], [b]) => Number(a) - Number(b));
  const listedUsed = [...new Set(plants.map((p) => p.listed))].sort();
  return `# Synthetic supply network (${s.size}, seed ${seed})

Generated by \`scripts/generate-network.ts\`:

    npm run generate:network -- --size ${s.size} --seed ${seed} --listed-share ${share}${tag ? ` --tag ${tag}` : ''} --out DIR

The same command writes byte-identical files. Everything here is invented except the names of the
UFLPA-listed companies (data/lists/dhs_uflpa.json); the trade, ownership and officers this set gives them
are made up and say nothing about those companies. See docs/formats/generator.md.

## Files

| file | rows | bytes |
|---|---|---|
${s.files.map((f) => `| ${f.file} | ${f.rows} | ${f.bytes} |`).join('\n')}

${pairCount} supplier pairs (shipper -> consignee) carry the shipments; ${count((c) => c.role === 'broker')} customs brokers and
${count((c) => c.role === 'forwarder')} freight forwarders appear as notify parties; ${count((c) => c.region === 'XUAR')} companies are in the XUAR.

## Tiers

| sector | stage | companies | count | HS |
|---|---|---|---|---|
${stageRows.join('\n')}

## Listed companies

${plants.length} plants (share ${share} of ${s.importers} importers, at least 8 when the share is above 0), tiers
${[1, 2, 3, 4].map((t) => `${t}: ${plants.filter((p) => p.tier === t).length}`).join(', ')}; ${listedUsed.length} listed companies used:
${listedUsed.map((n) => `- ${n}`).join('\n')}

## Ground truth (ground-truth.csv)

${s.importers} US importers: ${unexposed} not exposed; exposed by nearest tier: ${tiers.map(([t, n]) => `${t}: ${n}`).join(', ') || 'none'}.
A plant exposes every importer downstream of the company it supplies, so more importers are exposed than planted.
`;
}

// ---------------------------------------------------------------------------------------------------------
// Command line

const USAGE = 'usage: npm run generate:network -- --size small|100k|1m --out DIR [--seed N] [--listed-share 0.05] [--tag T]';

function parseArgs(argv: string[]): NetworkOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    if (!['--size', '--out', '--seed', '--listed-share', '--tag'].includes(flag) || value === undefined) {
      throw new Error(`${flag === '--help' ? '' : `unexpected argument "${flag}"\n`}${USAGE}`);
    }
    values.set(flag, value);
  }
  const size = values.get('--size');
  const out = values.get('--out');
  if (!size || !out) throw new Error(USAGE);
  if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}, not "${size}"`);
  const seed = values.has('--seed') ? Number(values.get('--seed')) : 1;
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number >= 0, not "${values.get('--seed')}"`);
  const share = values.has('--listed-share') ? Number(values.get('--listed-share')) : 0.05;
  if (!Number.isFinite(share) || share < 0 || share > 1) throw new Error(`--listed-share must be between 0 and 1, not "${values.get('--listed-share')}"`);
  const tag = values.get('--tag');
  return { size: size as SizeName, out, seed, listedShare: share, ...(tag ? { tag } : {}) };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const s = await generateNetwork(options);
  const total = s.files.reduce((acc, f) => acc + f.bytes, 0);
  const lines = s.files.map((f) => `  ${f.file.padEnd(18)} ${String(f.rows).padStart(10)} rows ${String(f.bytes).padStart(13)} bytes`);
  process.stderr.write(
    `wrote ${s.files.length + 1} files to ${s.dir} in ${s.seconds.toFixed(1)} s (${total} bytes)\n${lines.join('\n')}\n` +
      `  importers: ${s.importers}, exposed by nearest tier: ${JSON.stringify(s.exposedByTier)}\n`,
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
