/**
 * Generates the bundled demo dataset, data/demo/companies.csv and data/demo/shipments.csv: about 40 companies
 * in nine countries and about 300 shipments that form supply chains into US importers, with ten UFLPA-listed
 * Chinese firms two to four tiers upstream. The random source is seeded, so a rerun writes identical bytes and
 * the committed files can be regenerated and diffed.
 *
 *   npx tsx scripts/generate-demo.ts [--out DIR]      (default DIR: data/demo)
 *
 * It also exports the pieces that scripts/generate-shipments.ts builds bulk files from (random source, CSV
 * writing, products, ports, bills of lading), so that demo and bulk files look alike.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ZodType } from 'zod';
import { normalizeName } from '../domain/normalize';
import { companyRow, shipmentColumnsV1, shipmentRow } from '../domain/rows';

// ---------------------------------------------------------------------------------------------------------
// Shared with generate-shipments.ts

/** mulberry32: tiny, fast and the same on every platform, which Math.random is not (it cannot be seeded). */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

/** RFC 4180: a field is quoted only when it holds a comma, quote or line break; quotes inside are doubled. */
export function csvField(value: string | number | undefined): string {
  const s = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: readonly (string | number | undefined)[]): string {
  return fields.map(csvField).join(',') + '\n';
}

const DAY_MS = 86_400_000;
export const dayOf = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
export const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** Arrival dates of all generated shipments fall in this range, which spans every UFLPA listing date. */
export const FIRST_DAY = dayOf('2022-01-01');
export const LAST_DAY = dayOf('2026-10-31');

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export interface Product {
  /** Each line's goods description, then the HS codes a manifest might give it: 6-digit HS, or the 8- and
   *  10-digit US tariff lines. */
  lines: readonly (readonly [description: string, ...hs: string[]])[];
  /** Package unit and a range of counts, for the "1,240 CTNS" a manifest puts before the goods. */
  packages: readonly [unit: string, min: number, max: number];
  kg: readonly [min: number, max: number];
}

export const PRODUCTS = {
  rawCotton: {
    lines: [
      ['RAW COTTON NOT CARDED OR COMBED', '520100', '52010000'],
      ['RAW COTTON, GRADE 2129, STAPLE 29MM, MIC 3.5-4.9', '520100'],
      ['GINNED COTTON LINT IN PRESSED BALES', '520100'],
    ],
    packages: ['BALES', 80, 110],
    kg: [18000, 23500],
  },
  cottonYarn: {
    lines: [
      ['100% COTTON YARN NE 30/1 COMBED RING SPUN FOR KNITTING', '520524', '52052400'],
      ['COTTON YARN NE 20/1 CARDED OPEN END, 100% COTTON', '520512'],
      ['100% COTTON COMPACT YARN NE 40/1 COMBED', '520526', '5205260000'],
      ['COTTON MELANGE YARN NE 30/1, DYED, 100% COTTON', '520524'],
    ],
    packages: ['BAGS', 400, 880],
    kg: [16500, 22000],
  },
  knitFabric: {
    lines: [
      ['100% COTTON SINGLE JERSEY KNITTED FABRIC, DYED, 160 GSM', '600622'],
      ['COTTON FLEECE KNITTED FABRIC 280 GSM', '600121'],
      ['100% COTTON 1X1 RIB KNIT FABRIC, DYED', '600622', '60062200'],
    ],
    packages: ['ROLLS', 300, 900],
    kg: [7500, 15000],
  },
  wovenFabric: {
    lines: [
      ['100% COTTON DENIM FABRIC 12 OZ, INDIGO', '520942', '52094200'],
      ['COTTON TWILL FABRIC 3/1, 100% COTTON, GREIGE', '520912'],
      ['100% COTTON POPLIN FABRIC, BLEACHED', '520821'],
    ],
    packages: ['ROLLS', 200, 600],
    kg: [8000, 16000],
  },
  tshirts: {
    lines: [
      ["100% COTTON MEN'S KNIT T-SHIRTS", '610910', '6109100012'],
      ["LADIES' 100% COTTON KNIT CREW NECK TEES", '610910', '6109100040'],
      ["BOYS' COTTON KNIT T-SHIRTS, SCREEN PRINTED", '610910', '61091000'],
      ["MEN'S 100% COTTON POCKET TEE \"HERITAGE\" STYLE 2210", '6109100012'],
    ],
    packages: ['CTNS', 300, 2400],
    kg: [2500, 9500],
  },
  sweatshirts: {
    lines: [
      ["MEN'S COTTON FLEECE PULLOVER HOODIES 80% COTTON 20% POLYESTER", '611020', '61102020'],
      ["WOMEN'S 100% COTTON KNIT CARDIGANS", '611020'],
      ['UNISEX COTTON CREWNECK SWEATSHIRTS', '611020', '61102020'],
    ],
    packages: ['CTNS', 200, 1600],
    kg: [2500, 8000],
  },
  trousers: {
    lines: [
      ["MEN'S 100% COTTON DENIM JEANS", '620342', '6203424011'],
      ["WOMEN'S COTTON TWILL TROUSERS", '620462', '62046240'],
      ["LADIES' 5\" INSEAM COTTON SHORTS", '620462'],
      ["MEN'S COTTON CARGO WORK PANTS", '620342', '62034240'],
    ],
    packages: ['CTNS', 200, 1500],
    kg: [3000, 9000],
  },
  siliconMetal: {
    lines: [
      ['SILICON METAL 553 GRADE, SIZE 10-100MM, IN 1MT JUMBO BAGS', '280469'],
      ['SILICON METAL 441, SI 99.4% MIN', '280469', '2804691000'],
      ['METALLURGICAL GRADE SILICON 3303', '280469'],
    ],
    packages: ['JUMBO BAGS', 24, 27],
    kg: [24000, 27000],
  },
  polysilicon: {
    lines: [
      ['POLYSILICON, SOLAR GRADE, PURITY 99.9999%, CHUNKS', '280461', '2804610000'],
      ['POLYCRYSTALLINE SILICON, DENSE MATERIAL, 9N', '280461'],
      ['N-TYPE POLYSILICON FOR MONOCRYSTALLINE PULLING', '280461', '2804610000'],
    ],
    packages: ['DRUMS', 60, 180],
    kg: [8000, 20000],
  },
  wafers: {
    lines: [
      ['MONOCRYSTALLINE SILICON WAFERS N-TYPE 182MM', '381800'],
      ['MONO P-TYPE SILICON WAFERS 210MM, 150UM', '381800', '38180000'],
      ['SILICON WAFERS FOR SOLAR CELLS, DOPED', '381800'],
    ],
    packages: ['CTNS', 200, 700],
    kg: [3500, 9000],
  },
  solarCells: {
    lines: [
      ['MONOCRYSTALLINE PERC SOLAR CELLS 182MM', '854142'],
      ['N-TYPE TOPCON SOLAR CELLS 182MM, 16BB', '854142', '8541420010'],
      ['PHOTOVOLTAIC CELLS NOT ASSEMBLED IN MODULES', '854142'],
    ],
    packages: ['CTNS', 150, 600],
    kg: [3000, 8000],
  },
  solarModules: {
    lines: [
      ['MONOCRYSTALLINE SILICON PV MODULES 550W', '854143', '8541430010'],
      ['SOLAR PANELS BIFACIAL 580W, 144 HALF CELLS', '854143', '8541430010'],
      ['PHOTOVOLTAIC MODULES 410W, BLACK FRAME, "ALL BLACK" SERIES', '854143'],
    ],
    packages: ['PALLETS', 20, 36],
    kg: [17000, 22500],
  },
  aluminiumIngots: {
    lines: [
      ['UNWROUGHT ALUMINIUM INGOTS, NOT ALLOYED, AL 99.70% MIN', '760110', '7601106000'],
      ['PRIMARY ALUMINIUM INGOTS P1020A', '760110'],
      ['ALUMINIUM INGOTS A7, IN BUNDLES', '760110'],
    ],
    packages: ['BUNDLES', 24, 27],
    kg: [24000, 27000],
  },
  aluminiumProfiles: {
    lines: [
      ['ALUMINIUM ALLOY EXTRUDED PROFILES 6063-T5, MILL FINISH', '760429', '76042910'],
      ['ANODIZED ALUMINIUM HOLLOW PROFILES FOR CURTAIN WALL', '760421'],
      ['POWDER COATED ALUMINUM EXTRUSIONS 6061-T6', '760429'],
    ],
    packages: ['BUNDLES', 80, 300],
    kg: [8000, 20000],
  },
  moduleFrames: {
    lines: [
      ['ALUMINIUM FRAMES FOR PV MODULES, ANODIZED, 35MM', '761699'],
      ['ALUMINIUM SOLAR PANEL FRAME PROFILES 30MM, CUT TO LENGTH', '760429'],
    ],
    packages: ['PALLETS', 20, 40],
    kg: [9000, 18000],
  },
  aluminiumWindows: {
    lines: [
      ['ALUMINUM WINDOW FRAMES AND SLIDING DOOR ASSEMBLIES', '761010', '7610100000'],
      ['ALUMINUM STOREFRONT DOOR FRAMES, KNOCKED DOWN', '761010'],
      ['THERMALLY BROKEN ALUMINUM CASEMENT WINDOWS', '761010', '7610100000'],
    ],
    packages: ['CRATES', 30, 120],
    kg: [6000, 14000],
  },
  tomatoPaste: {
    lines: [
      ['TRIPLE CONCENTRATED TOMATO PASTE 28-30% BRIX, HOT BREAK, IN 220L ASEPTIC DRUMS', '200290'],
      ['TOMATO PASTE 36-38% BRIX COLD BREAK, ASEPTIC BAGS IN STEEL DRUMS', '200290'],
      ['DOUBLE CONCENTRATED TOMATO PASTE 22-24% BRIX', '200290'],
    ],
    packages: ['DRUMS', 80, 100],
    kg: [20000, 24500],
  },
  ketchup: {
    lines: [
      ['TOMATO KETCHUP IN 20 OZ SQUEEZE BOTTLES', '210320', '2103204000'],
      ['TOMATO PASTE IN 6 OZ CANS, 48 CANS PER CASE', '200290', '20029080'],
      ['PIZZA SAUCE, TOMATO BASED, #10 CANS', '210390'],
    ],
    packages: ['CASES', 1200, 2400],
    kg: [14000, 20500],
  },
  pvcResin: {
    lines: [
      ['PVC RESIN SG-5 SUSPENSION GRADE K VALUE 66-68, 25KG BAGS', '390410'],
      ['POLYVINYL CHLORIDE RESIN SG-8, NOT MIXED', '390410', '3904100000'],
      ['PVC SUSPENSION RESIN, CALCIUM CARBIDE PROCESS', '390410'],
    ],
    packages: ['BAGS', 880, 1080],
    kg: [22000, 27000],
  },
  vinylFlooring: {
    lines: [
      ['SPC RIGID CORE VINYL PLANK FLOORING 5.0MM', '391810', '3918101000'],
      ['LUXURY VINYL TILE, CLICK LOCK, 2MM WEAR LAYER 20MIL', '391810'],
      ['PVC FLOOR COVERING IN PLANKS, WOOD GRAIN', '391810', '3918101000'],
    ],
    packages: ['CTNS', 900, 1600],
    kg: [18000, 25000],
  },
  printerCartridges: {
    lines: [
      ['COMPATIBLE TONER CARTRIDGES FOR LASER PRINTERS', '844399'],
      ['REMANUFACTURED INKJET CARTRIDGES', '844399'],
      ['IMAGING DRUM UNITS AND TONER CARTRIDGES, PARTS OF PRINTERS', '844399'],
    ],
    packages: ['CTNS', 150, 900],
    kg: [2000, 6500],
  },
} as const satisfies Record<string, Product>;
export type ProductKey = keyof typeof PRODUCTS;

/**
 * One manifest line of a product: an HS code and a description such as
 * "1,240 CTNS 100% COTTON MEN'S KNIT T-SHIRTS PO NO. 4501234567".
 */
export function manifestLine(rand: Random, product: Product): { hs: string; description: string } {
  const [goods, ...codes] = rand.pick(product.lines);
  const [unit, min, max] = product.packages;
  const parts: string[] = [];
  if (rand.chance(0.6)) parts.push(`${thousands(rand.int(min, max))} ${unit}`);
  parts.push(goods);
  if (rand.chance(0.25)) parts.push(`PO NO. ${rand.int(4500000000, 4509999999)}`);
  return { hs: rand.pick(codes), description: parts.join(' ') };
}

export function weightKg(rand: Random, product: Product): number {
  const [min, max] = product.kg;
  return Math.round((min + rand.next() * (max - min)) * 10) / 10;
}

/** Ports by name, with their UN/LOCODE location part (it shows up inside some carriers' bill numbers). */
export const PORTS: Readonly<Record<string, { country: string; locode: string }>> = {
  Shanghai: { country: 'CN', locode: 'SHA' },
  Ningbo: { country: 'CN', locode: 'NGB' },
  Qingdao: { country: 'CN', locode: 'TAO' },
  Tianjin: { country: 'CN', locode: 'TSN' },
  Lianyungang: { country: 'CN', locode: 'LYG' },
  Shenzhen: { country: 'CN', locode: 'SZX' },
  Zhuhai: { country: 'CN', locode: 'ZUH' },
  Xiamen: { country: 'CN', locode: 'XMN' },
  'Ho Chi Minh City': { country: 'VN', locode: 'SGN' },
  'Cai Mep': { country: 'VN', locode: 'CMT' },
  'Hai Phong': { country: 'VN', locode: 'HPH' },
  'Port Klang': { country: 'MY', locode: 'PKG' },
  Penang: { country: 'MY', locode: 'PEN' },
  Bintulu: { country: 'MY', locode: 'BTU' },
  'Tanjung Pelepas': { country: 'MY', locode: 'TPP' },
  Chittagong: { country: 'BD', locode: 'CGP' },
  Chennai: { country: 'IN', locode: 'MAA' },
  Tuticorin: { country: 'IN', locode: 'TUT' },
  'Nhava Sheva': { country: 'IN', locode: 'NSA' },
  Visakhapatnam: { country: 'IN', locode: 'VTZ' },
  Sihanoukville: { country: 'KH', locode: 'KOS' },
  Altamira: { country: 'MX', locode: 'ATM' },
  Manzanillo: { country: 'MX', locode: 'ZLO' },
  Izmir: { country: 'TR', locode: 'IZM' },
  Mersin: { country: 'TR', locode: 'MER' },
  'Los Angeles': { country: 'US', locode: 'LAX' },
  'Long Beach': { country: 'US', locode: 'LGB' },
  Oakland: { country: 'US', locode: 'OAK' },
  Seattle: { country: 'US', locode: 'SEA' },
  Tacoma: { country: 'US', locode: 'TIW' },
  Savannah: { country: 'US', locode: 'SAV' },
  Newark: { country: 'US', locode: 'EWR' },
  Charleston: { country: 'US', locode: 'CHS' },
  Norfolk: { country: 'US', locode: 'ORF' },
  Houston: { country: 'US', locode: 'HOU' },
};

export function portsOf(country: string): string[] {
  return Object.keys(PORTS).filter((p) => PORTS[p]?.country === country);
}

/** Ocean carriers' SCAC codes; the bulk generator numbers its bills itself, so it needs only the codes. */
export const SCACS = ['COSU', 'MAEU', 'MEDU', 'CMDU', 'ONEY', 'EGLV', 'HLCU', 'OOLU', 'ZIMU'] as const;

// Each carrier numbers its bills its own way; none of these is SCAC + 11 digits, the shape the bulk generator
// uses, so demo and bulk bills never collide when both are loaded into one graph.
const BILL_SHAPES: Readonly<Record<(typeof SCACS)[number], (rand: Random, locode: string) => string>> = {
  COSU: (r) => r.digits(10),
  MAEU: (r) => r.digits(9),
  MEDU: (r, loc) => loc.slice(0, 2) + r.digits(6),
  CMDU: (r, loc) => loc + r.digits(7),
  ONEY: (r, loc) => loc + r.digits(8),
  EGLV: (r) => r.digits(12),
  HLCU: (r, loc) => loc + r.digits(9),
  OOLU: (r) => r.digits(10),
  ZIMU: (r, loc) => loc + r.digits(7),
};

function billOfLading(rand: Random, portOfLading: string): string {
  const scac = rand.pick(SCACS);
  return scac + BILL_SHAPES[scac](rand, PORTS[portOfLading]?.locode ?? 'XXX');
}

/** The UFLPA-listed firms the demo uses, by their exact spelling on data/lists/dhs_uflpa.json. */
export const LISTED_NAMES = {
  hoshine: 'Hoshine Silicon Industry (Shanshan) Co., Ltd and subsidiaries',
  daqo: 'Xinjiang Daqo New Energy, Co. Ltd',
  gcl: 'Xinjiang GCL New Energy Material Technology, Co. Ltd',
  aksuHuafu: 'Aksu Huafu Color Spinning Co., Ltd',
  hetianTaida: 'Hetian Taida Apparel Co., Ltd',
  junggar: 'Xinjiang Junggar Cotton and Linen Co., Ltd',
  eastHope: 'Xinjiang East Hope Nonferrous Metals Co., Ltd',
  hebeiTomato: 'Hebei Tomato Industry Co., Ltd',
  zhongtai: 'Xinjiang Zhongtai Chemical Co. Ltd',
  ninestar: 'Zhuhai Ninestar Information Technology Co. Ltd',
} as const;

/**
 * How a manifest writes a listed name: upper case, punctuation gone, and without the list's "and
 * subsidiaries", which is the list's scope note and never part of a shipper's name. Nothing else is changed:
 * joining it to the list is the name normaliser's job.
 */
export function manifestSpelling(listName: string): string {
  return listName
    .replace(/\s+and\s+subsidiaries$/i, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------
// The demo's companies and supply chains

export interface Address {
  street: string;
  city: string;
  rest: string;
}

interface DemoCompany {
  name: string;
  /** ISO code used in shipments.csv. */
  country: string;
  /** How companies.csv writes the country; a few use a name, as registries do. */
  countryAs?: string;
  aliases?: string[];
  address: Address;
  /** Identifier recipes: "uscc:<6-digit admin division>", "duns", "lei", "cbp_mid", or a literal "reg:...". */
  ids: string[];
  /** Ports it ships from (and, for consignees, receives at). */
  ports: string[];
}

const COMPANIES = {
  // China, not listed. Two are in Xinjiang, which the XUAR presumption covers even without a listing.
  bayingol: {
    name: 'BAYINGOL SILVERFIELD COTTON GINNING CO., LTD.', country: 'CN',
    aliases: ['KORLA SILVERFIELD COTTON', '巴音郭楞银田轧花有限公司'],
    address: { street: 'No. 88 Renmin East Road', city: 'Korla', rest: 'Bayingolin Mongol Autonomous Prefecture, Xinjiang 841000, China' },
    ids: ['uscc:652801', 'cbp_mid'], ports: ['Lianyungang', 'Qingdao'],
  },
  changjiTomato: {
    name: 'CHANGJI REDSTONE TOMATO PRODUCTS CO LTD', country: 'CN',
    aliases: ['CHANGJI HONGSHI TOMATO PRODUCTS CO LTD', '昌吉红石番茄制品有限公司'],
    address: { street: 'No. 216 Beijing South Road', city: 'Changji', rest: 'Changji Hui Autonomous Prefecture, Xinjiang 831100, China' },
    ids: ['uscc:652301', 'cbp_mid'], ports: ['Tianjin', 'Qingdao'],
  },
  jinqiao: {
    name: 'SHANGHAI JINQIAO WEAVERLINK IMPORT & EXPORT CO., LTD.', country: 'CN',
    aliases: ['SHANGHAI JINQIAO WEAVERLINK IMP & EXP CO LTD', '上海金桥织联进出口有限公司'],
    address: { street: 'Room 1702, No. 1088 Pudong Avenue', city: 'Shanghai', rest: 'Pudong New Area, Shanghai 200135, China' },
    ids: ['uscc:310115'], ports: ['Shanghai', 'Ningbo'],
  },
  // Vietnam
  brightweave: {
    name: 'MEKONG BRIGHTWEAVE TEXTILE JSC', country: 'VN', countryAs: 'Viet Nam',
    aliases: ['MEKONG BRIGHTWEAVE TEXTILE JOINT STOCK COMPANY', 'CÔNG TY CỔ PHẦN DỆT MEKONG BRIGHTWEAVE'],
    address: { street: 'Lot C-12, Road N5, My Phuoc 3 Industrial Park', city: 'Ben Cat', rest: 'Binh Duong, Vietnam' },
    ids: ['reg:3702214587', 'cbp_mid'], ports: ['Ho Chi Minh City', 'Cai Mep'],
  },
  namVietLotus: {
    name: 'NAM VIET LOTUS KNITWEAR CO., LTD.', country: 'VN',
    address: { street: 'Lot 45, Road 6, Tan Tao Industrial Park', city: 'Ho Chi Minh City', rest: 'Binh Tan District, Vietnam' },
    ids: ['reg:0304587121', 'cbp_mid', 'duns'], ports: ['Ho Chi Minh City', 'Cai Mep'],
  },
  silverthread: {
    name: 'DONG NAI SILVERTHREAD SPINNING JSC', country: 'VN',
    address: { street: 'Road 9, Nhon Trach 2 Industrial Park', city: 'Nhơn Trạch', rest: 'Đồng Nai, Vietnam' },
    ids: ['reg:3603318840', 'cbp_mid'], ports: ['Cai Mep', 'Ho Chi Minh City'],
  },
  northstarWafer: {
    name: 'NORTHSTAR CRYSTAL WAFER (VIETNAM) CO LTD', country: 'VN',
    address: { street: 'Lot D4, Quang Chau Industrial Park', city: 'Viet Yen', rest: 'Bac Giang, Vietnam' },
    ids: ['reg:2400871236', 'cbp_mid', 'lei'], ports: ['Hai Phong'],
  },
  aluform: {
    name: 'BINH DUONG ALUFORM EXTRUSION JSC', country: 'VN',
    address: { street: 'No. 27, Road DT743, Song Than 2 Industrial Park', city: 'Di An', rest: 'Binh Duong, Vietnam' },
    ids: ['reg:3700655419', 'cbp_mid'], ports: ['Cai Mep', 'Ho Chi Minh City'],
  },
  vinylcraft: {
    name: 'LONG AN VINYLCRAFT FLOORING CO LTD', country: 'VN',
    address: { street: 'Lot H2-3, Phuc Long Industrial Park', city: 'Ben Luc', rest: 'Long An, Vietnam' },
    ids: ['reg:1101947752', 'cbp_mid'], ports: ['Ho Chi Minh City', 'Cai Mep'],
  },
  // Malaysia
  seriMutiara: {
    name: 'SERI MUTIARA GLOBAL TRADING SDN BHD', country: 'MY',
    address: { street: 'No. 12, Jalan Kasuarina 8/KS7, Bandar Botanic', city: 'Klang', rest: '41200 Selangor, Malaysia' },
    ids: ['reg:201801034471'], ports: ['Port Klang'],
  },
  puresil: {
    name: 'BORNEO PURESIL SDN. BHD.', country: 'MY', countryAs: 'Malaysia',
    address: { street: 'Lot 1138, Samalaju Industrial Park', city: 'Bintulu', rest: '97000 Sarawak, Malaysia' },
    ids: ['reg:201201019930', 'cbp_mid', 'lei'], ports: ['Bintulu'],
  },
  suncell: {
    name: 'PERAK SUNCELL TECHNOLOGY SDN. BHD.', country: 'MY',
    aliases: ['PERAK SUNCELL TECH SDN BHD'],
    address: { street: 'PT 2455, Kamunting Raya Industrial Estate', city: 'Kamunting', rest: '34600 Perak, Malaysia' },
    ids: ['reg:201401022815', 'cbp_mid', 'duns'], ports: ['Penang', 'Port Klang'],
  },
  penangImaging: {
    name: 'PENANG IMAGING SUPPLIES SDN BHD', country: 'MY',
    address: { street: 'Plot 86, Lorong Perusahaan Maju 6, Bukit Tengah Industrial Park', city: 'Prai', rest: '13600 Penang, Malaysia' },
    ids: ['reg:200901007702', 'cbp_mid'], ports: ['Penang'],
  },
  // Bangladesh
  padma: {
    name: 'PADMA VALLEY KNIT COMPOSITE LTD', country: 'BD', countryAs: 'Bangladesh',
    address: { street: 'Plot 221-224, Konabari BSCIC Road', city: 'Gazipur', rest: 'Dhaka Division 1751, Bangladesh' },
    ids: ['reg:C-88214', 'cbp_mid'], ports: ['Chittagong'],
  },
  // India
  sunwheel: {
    name: 'COIMBATORE SUNWHEEL SPINNING MILLS PVT LTD', country: 'IN',
    address: { street: 'SF No. 412/2, Avinashi Road, Karumathampatti', city: 'Coimbatore', rest: 'Tamil Nadu 641659, India' },
    ids: ['reg:U17111TZ2006PTC012874', 'cbp_mid'], ports: ['Tuticorin', 'Chennai'],
  },
  greenleaf: {
    name: 'TIRUPUR GREENLEAF APPARELS PVT. LTD.', country: 'IN',
    address: { street: 'No. 58, Kangeyam Road', city: 'Tiruppur', rest: 'Tamil Nadu 641604, India' },
    ids: ['reg:U18101TZ2011PTC017345', 'cbp_mid', 'duns'], ports: ['Tuticorin', 'Chennai'],
  },
  kalinga: {
    name: 'KALINGA PRIMARY METALS PRIVATE LIMITED', country: 'IN',
    address: { street: 'Plot 7, Angul Industrial Area', city: 'Angul', rest: 'Odisha 759122, India' },
    ids: ['reg:U27203OR2008PTC010321', 'lei'], ports: ['Visakhapatnam'],
  },
  // Cambodia
  angkorSilkroad: {
    name: 'ANGKOR SILKROAD GARMENT (CAMBODIA) CO., LTD.', country: 'KH',
    address: { street: 'Lot 37, Phnom Penh Special Economic Zone, National Road 4', city: 'Phnom Penh', rest: 'Cambodia' },
    ids: ['reg:00021583', 'cbp_mid'], ports: ['Sihanoukville'],
  },
  sihanoukSolar: {
    name: 'SIHANOUK BAY SOLAR ASSEMBLY CO LTD', country: 'KH',
    address: { street: 'Plot 15, Sihanoukville Special Economic Zone', city: 'Preah Sihanouk', rest: 'Cambodia' },
    ids: ['reg:00047210', 'cbp_mid'], ports: ['Sihanoukville'],
  },
  // Mexico
  sierraAzul: {
    name: 'EXTRUSIONES SIERRA AZUL S.A. DE C.V.', country: 'MX',
    address: { street: 'Av. Industrias 2750, Parque Industrial Escobedo', city: 'General Escobedo', rest: 'Nuevo León 66062, Mexico' },
    ids: ['reg:ESA1503129A1', 'cbp_mid'], ports: ['Altamira'],
  },
  // Türkiye
  egeKirmizi: {
    name: 'EGE KIRMIZI GIDA SANAYI VE TICARET A.S.', country: 'TR', countryAs: 'Türkiye',
    aliases: ['EGE KIRMIZI GIDA SANAYİ VE TİCARET ANONİM ŞİRKETİ', 'EGE KIRMIZI FOODS'],
    address: { street: 'Kemalpaşa OSB, 3. Cadde No: 14', city: 'Kemalpaşa', rest: '35730 İzmir, Türkiye' },
    ids: ['reg:3250781146', 'cbp_mid'], ports: ['Izmir'],
  },
  // United States: importers, one exporter and the customs broker named as notify party
  pineHarbor: {
    name: 'PINE & HARBOR APPAREL INC', country: 'US',
    address: { street: '1450 Alaskan Way, Suite 200', city: 'Seattle', rest: 'WA 98101, USA' },
    ids: ['duns', 'lei'], ports: ['Seattle', 'Tacoma', 'Long Beach'],
  },
  canyonRidge: {
    name: 'CANYON RIDGE WORKWEAR LLC', country: 'US',
    address: { street: '3700 E Riverside Dr', city: 'Austin', rest: 'TX 78741, USA' },
    ids: ['duns'], ports: ['Houston', 'Long Beach'],
  },
  lakeshore: {
    name: 'LAKESHORE BASICS LLC', country: 'US', countryAs: 'United States',
    aliases: ['LAKESHORE BASICS'],
    address: { street: '800 W Fulton Market', city: 'Chicago', rest: 'IL 60607, USA' },
    ids: ['duns', 'lei'], ports: ['Los Angeles', 'Long Beach', 'Newark', 'Savannah'],
  },
  birchwood: {
    name: 'BIRCHWOOD OUTFITTERS LLC', country: 'US',
    address: { street: '410 N Higgins Ave', city: 'Missoula', rest: 'MT 59802, USA' },
    ids: ['duns'], ports: ['Seattle', 'Tacoma'],
  },
  desertline: {
    name: 'DESERTLINE SOLAR DISTRIBUTION INC', country: 'US',
    address: { street: '2201 S 48th St', city: 'Tempe', rest: 'AZ 85282, USA' },
    ids: ['duns', 'lei'], ports: ['Los Angeles', 'Long Beach'],
  },
  sunfield: {
    name: 'SUNFIELD UTILITY DEVELOPMENT LLC', country: 'US',
    address: { street: '600 Congress Ave, Floor 14', city: 'Austin', rest: 'TX 78701, USA' },
    ids: ['duns'], ports: ['Houston', 'Long Beach'],
  },
  appalachianIngot: {
    name: 'APPALACHIAN INGOT WORKS LLC', country: 'US',
    address: { street: '1200 Industrial Park Rd', city: 'Morgantown', rest: 'WV 26501, USA' },
    ids: ['duns'], ports: ['Norfolk', 'Savannah'],
  },
  tallgrass: {
    name: 'TALLGRASS POLYSILICON INC', country: 'US',
    address: { street: '5500 N Ohio St', city: 'Salina', rest: 'KS 67401, USA' },
    ids: ['duns', 'lei'], ports: ['Houston', 'Long Beach'],
  },
  keystone: {
    name: 'KEYSTONE ARCHITECTURAL METALS LLC', country: 'US',
    address: { street: '250 Commerce Dr', city: 'Allentown', rest: 'PA 18106, USA' },
    ids: ['duns'], ports: ['Newark', 'Norfolk'],
  },
  midwestFenestration: {
    name: 'MIDWEST FENESTRATION SUPPLY INC', country: 'US',
    address: { street: '9100 W 47th St', city: 'Brookfield', rest: 'IL 60513, USA' },
    ids: ['duns'], ports: ['Houston'],
  },
  goldenStatePantry: {
    name: 'GOLDEN STATE PANTRY FOODS INC', country: 'US',
    address: { street: '1900 E Olympic Blvd', city: 'Los Angeles', rest: 'CA 90021, USA' },
    ids: ['duns', 'lei'], ports: ['Los Angeles', 'Long Beach', 'Oakland'],
  },
  hearthstone: {
    name: 'HEARTHSTONE FLOORING DISTRIBUTORS INC', country: 'US',
    address: { street: '4800 Peachtree Industrial Blvd', city: 'Norcross', rest: 'GA 30071, USA' },
    ids: ['duns'], ports: ['Savannah', 'Charleston'],
  },
  quillstone: {
    name: 'QUILLSTONE OFFICE SUPPLY INC', country: 'US',
    address: { street: '77 Mulberry St', city: 'Newark', rest: 'NJ 07102, USA' },
    ids: ['duns'], ports: ['Newark', 'Savannah'],
  },
  bluewater: {
    name: 'BLUEWATER CUSTOMS BROKERAGE LLC', country: 'US',
    address: { street: '21515 S Western Ave, Suite 110', city: 'Torrance', rest: 'CA 90501, USA' },
    ids: ['duns'], ports: [],
  },
} satisfies Record<string, DemoCompany>;
type CompanyKey = keyof typeof COMPANIES;
type ListedKey = keyof typeof LISTED_NAMES;

// Where the listed firms ship from: Xinjiang goods leave by rail for the eastern ports.
const LISTED_PORTS: Readonly<Record<ListedKey, string[]>> = {
  hoshine: ['Lianyungang', 'Shanghai'],
  daqo: ['Shanghai', 'Ningbo'],
  gcl: ['Shanghai', 'Lianyungang'],
  aksuHuafu: ['Qingdao', 'Shanghai', 'Lianyungang'],
  hetianTaida: ['Qingdao', 'Shanghai'],
  junggar: ['Lianyungang', 'Qingdao'],
  eastHope: ['Lianyungang', 'Qingdao'],
  hebeiTomato: ['Tianjin'],
  zhongtai: ['Tianjin', 'Qingdao'],
  ninestar: ['Zhuhai', 'Shenzhen'],
};

interface Link {
  from: CompanyKey | ListedKey;
  to: CompanyKey;
  products: ProductKey[];
  shipments: number;
  /** Arrival dates are drawn from this range. */
  between: [string, string];
}

// Tiers are counted from the US importer: tier 1 ships to it directly. The comment on each chain names the
// listed firms in it and their nearest tier.
const LINKS: Link[] = [
  // Cotton, VN/KH -> US. Aksu Huafu (tier 2 via Nam Viet Lotus; tier 3 via Brightweave and Angkor Silkroad).
  { from: 'aksuHuafu', to: 'brightweave', products: ['cottonYarn'], shipments: 10, between: ['2022-01-01', '2026-09-30'] },
  { from: 'aksuHuafu', to: 'namVietLotus', products: ['cottonYarn'], shipments: 7, between: ['2022-03-01', '2026-08-31'] },
  { from: 'brightweave', to: 'angkorSilkroad', products: ['knitFabric'], shipments: 10, between: ['2022-02-01', '2026-10-31'] },
  { from: 'jinqiao', to: 'angkorSilkroad', products: ['wovenFabric', 'knitFabric'], shipments: 5, between: ['2022-01-01', '2026-06-30'] },
  { from: 'angkorSilkroad', to: 'pineHarbor', products: ['tshirts', 'sweatshirts'], shipments: 16, between: ['2022-03-01', '2026-10-31'] },
  { from: 'namVietLotus', to: 'lakeshore', products: ['tshirts', 'sweatshirts'], shipments: 13, between: ['2022-02-01', '2026-10-31'] },
  // Cotton, transshipment through a Malaysian trader. Hetian Taida (tier 2).
  { from: 'hetianTaida', to: 'seriMutiara', products: ['trousers'], shipments: 7, between: ['2022-01-01', '2024-12-31'] },
  { from: 'seriMutiara', to: 'canyonRidge', products: ['trousers'], shipments: 10, between: ['2022-02-01', '2025-03-31'] },
  // Cotton, CN -> VN spinner -> BD knit composite -> US. Junggar Cotton and Linen (tier 3), beside an unlisted
  // Xinjiang ginner and a clean Indian spinner.
  { from: 'junggar', to: 'silverthread', products: ['rawCotton'], shipments: 5, between: ['2022-01-01', '2023-12-31'] },
  { from: 'bayingol', to: 'silverthread', products: ['rawCotton'], shipments: 4, between: ['2023-06-01', '2026-06-30'] },
  { from: 'silverthread', to: 'padma', products: ['cottonYarn'], shipments: 8, between: ['2022-03-01', '2026-09-30'] },
  { from: 'sunwheel', to: 'padma', products: ['cottonYarn'], shipments: 6, between: ['2022-01-01', '2026-10-31'] },
  { from: 'padma', to: 'lakeshore', products: ['tshirts', 'sweatshirts'], shipments: 10, between: ['2022-04-01', '2026-10-31'] },
  { from: 'padma', to: 'canyonRidge', products: ['tshirts'], shipments: 4, between: ['2023-01-01', '2026-10-31'] },
  { from: 'greenleaf', to: 'lakeshore', products: ['tshirts', 'sweatshirts'], shipments: 7, between: ['2022-01-01', '2026-10-31'] },
  // The one importer with no listed or Xinjiang supplier: Indian garments only, for contrast.
  { from: 'greenleaf', to: 'birchwood', products: ['tshirts', 'sweatshirts'], shipments: 6, between: ['2022-05-01', '2026-10-31'] },
  // Solar. Hoshine (tier 2 for the ingot maker; tier 4-5 for the module importers), Daqo and GCL (tier 3; tier 4
  // through the Cambodian assembler), beside clean US polysilicon.
  { from: 'hoshine', to: 'puresil', products: ['siliconMetal'], shipments: 8, between: ['2022-01-01', '2026-08-31'] },
  { from: 'daqo', to: 'northstarWafer', products: ['polysilicon'], shipments: 9, between: ['2022-01-01', '2026-09-30'] },
  { from: 'gcl', to: 'northstarWafer', products: ['polysilicon'], shipments: 7, between: ['2022-01-01', '2025-12-31'] },
  { from: 'tallgrass', to: 'northstarWafer', products: ['polysilicon'], shipments: 4, between: ['2024-01-01', '2026-10-31'] },
  { from: 'puresil', to: 'northstarWafer', products: ['polysilicon'], shipments: 6, between: ['2022-06-01', '2026-10-31'] },
  { from: 'puresil', to: 'appalachianIngot', products: ['polysilicon'], shipments: 6, between: ['2023-01-01', '2026-10-31'] },
  { from: 'northstarWafer', to: 'suncell', products: ['wafers'], shipments: 10, between: ['2022-02-01', '2026-10-31'] },
  { from: 'suncell', to: 'desertline', products: ['solarModules'], shipments: 12, between: ['2022-03-01', '2026-10-31'] },
  { from: 'suncell', to: 'sunfield', products: ['solarModules'], shipments: 8, between: ['2022-06-01', '2026-10-31'] },
  { from: 'suncell', to: 'sihanoukSolar', products: ['solarCells'], shipments: 6, between: ['2022-06-01', '2026-08-31'] },
  { from: 'sihanoukSolar', to: 'desertline', products: ['solarModules'], shipments: 8, between: ['2022-08-01', '2026-10-31'] },
  // Aluminium. East Hope (tier 2 for Keystone; tier 3 for Midwest Fenestration through Mexico; tier 3 for the
  // solar importers through module frames), beside clean Indian ingots.
  { from: 'eastHope', to: 'aluform', products: ['aluminiumIngots'], shipments: 9, between: ['2023-03-01', '2026-08-31'] },
  { from: 'kalinga', to: 'aluform', products: ['aluminiumIngots'], shipments: 5, between: ['2022-01-01', '2026-10-31'] },
  { from: 'aluform', to: 'keystone', products: ['aluminiumProfiles'], shipments: 10, between: ['2022-02-01', '2026-10-31'] },
  { from: 'aluform', to: 'sierraAzul', products: ['aluminiumProfiles'], shipments: 7, between: ['2022-05-01', '2026-09-30'] },
  { from: 'sierraAzul', to: 'midwestFenestration', products: ['aluminiumWindows'], shipments: 9, between: ['2022-06-01', '2026-10-31'] },
  { from: 'aluform', to: 'suncell', products: ['moduleFrames'], shipments: 5, between: ['2023-06-01', '2026-09-30'] },
  // Tomatoes. Hebei Tomato Industry (tier 2), beside an unlisted processor in Xinjiang.
  { from: 'hebeiTomato', to: 'egeKirmizi', products: ['tomatoPaste'], shipments: 9, between: ['2023-01-01', '2026-06-30'] },
  { from: 'changjiTomato', to: 'egeKirmizi', products: ['tomatoPaste'], shipments: 6, between: ['2022-01-01', '2026-09-30'] },
  { from: 'egeKirmizi', to: 'goldenStatePantry', products: ['ketchup'], shipments: 12, between: ['2022-02-01', '2026-10-31'] },
  // PVC flooring. Xinjiang Zhongtai Chemical (tier 2).
  { from: 'zhongtai', to: 'vinylcraft', products: ['pvcResin'], shipments: 7, between: ['2022-09-01', '2025-12-31'] },
  { from: 'vinylcraft', to: 'hearthstone', products: ['vinylFlooring'], shipments: 10, between: ['2022-10-01', '2026-10-31'] },
  // Printer cartridges. Zhuhai Ninestar (tier 2).
  { from: 'ninestar', to: 'penangImaging', products: ['printerCartridges'], shipments: 5, between: ['2022-03-01', '2024-06-30'] },
  { from: 'penangImaging', to: 'quillstone', products: ['printerCartridges'], shipments: 7, between: ['2022-04-01', '2025-06-30'] },
];

// ---------------------------------------------------------------------------------------------------------
// Identifiers with valid check characters, so a validator that checks them accepts the demo

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 32100-2015: "91" (enterprise), the admin division, a GB 11714 organisation code and a mod-31 check. */
export function uscc(rand: Random, division: string): string {
  const org = rand.digits(8);
  const orgSum = [...org].reduce((s, c, i) => s + Number(c) * (ORG_WEIGHTS[i] ?? 0), 0);
  const orgCheck = 11 - (orgSum % 11);
  const body = `91${division}${org}${orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : String(orgCheck)}`;
  const sum = [...body].reduce((s, c, i) => s + USCC_CHARS.indexOf(c) * (USCC_WEIGHTS[i] ?? 0), 0);
  return body + (USCC_CHARS[(31 - (sum % 31)) % 31] ?? '0');
}

/** ISO 17442: a 4-character issuer prefix, "00", 12 characters, then ISO 7064 MOD 97-10 check digits. */
export function lei(rand: Random): string {
  const alnum = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let entity = '';
  for (let i = 0; i < 12; i++) entity += alnum[rand.int(0, 35)];
  const body = `${rand.pick(['5493', '2549', '9845', '3003'])}00${entity}`;
  const numeric = [...`${body}00`].map((c) => String(parseInt(c, 36))).join('');
  const check = 98n - (BigInt(numeric) % 97n);
  return body + String(check).padStart(2, '0');
}

/**
 * CBP's manufacturer id: country, the first three letters of the first two words of the name, the first four
 * digits of the largest number in the street address, and the first three letters of the city.
 */
export function cbpMid(name: string, country: string, address: Address): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && !['A', 'AN', 'AND', 'OF', 'THE'].includes(w));
  const nameCode = words.length === 1 ? (words[0] ?? '').slice(0, 6) : words.slice(0, 2).map((w) => w.slice(0, 3)).join('');
  const numbers = (address.street.match(/\d+/g) ?? []).map(Number);
  const street = numbers.length > 0 ? String(Math.max(...numbers)).slice(0, 4) : '';
  const city = address.city.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^A-Z]/g, '').slice(0, 3);
  return `${country}${nameCode}${street}${city}`;
}

function identifiers(rand: Random, company: DemoCompany): string[] {
  return company.ids.map((recipe) => {
    const [scheme, arg] = recipe.split(/:(.*)/s) as [string, string | undefined];
    if (scheme === 'reg') return recipe;
    if (scheme === 'uscc') return `uscc:${uscc(rand, arg ?? '')}`;
    if (scheme === 'duns') return `duns:${rand.int(1, 9)}${rand.digits(8)}`;
    if (scheme === 'lei') return `lei:${lei(rand)}`;
    if (scheme === 'cbp_mid') return `cbp_mid:${cbpMid(company.name, company.country, company.address)}`;
    throw new Error(`unknown identifier recipe ${recipe}`);
  });
}

// ---------------------------------------------------------------------------------------------------------

interface Party {
  name: string;
  country: string;
  ports: string[];
}

function checkListedNames(): void {
  const listFile = path.join(__dirname, '..', 'data', 'lists', 'dhs_uflpa.json');
  const list = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { entities: { name: string }[] };
  const onList = new Set(list.entities.map((e) => e.name));
  for (const name of Object.values(LISTED_NAMES)) {
    if (!onList.has(name)) throw new Error(`"${name}" is not on ${listFile}`);
    // The demo is only useful if the project's normaliser joins the manifest spelling to the list's.
    if (normalizeName(manifestSpelling(name)) !== normalizeName(name)) {
      throw new Error(`normalizeName does not join "${manifestSpelling(name)}" to "${name}"`);
    }
  }
}

/** Reads a generated file back as any CSV reader would and checks every row against the import schema. */
function checkFile(file: string, text: string, schema: ZodType): void {
  const records = parse(text, { columns: true, bom: true }) as Record<string, string>[];
  records.forEach((record, i) => {
    const result = schema.safeParse(record);
    if (!result.success) throw new Error(`${file} line ${i + 2} is invalid: ${JSON.stringify(record)}: ${result.error.message}`);
  });
}

export function generateDemo(seed = 20220621): { companies: string; shipments: string; shipmentCount: number } {
  checkListedNames();
  const rand = new Random(seed);

  const parties = new Map<string, Party>();
  for (const [key, c] of Object.entries(COMPANIES) as [CompanyKey, DemoCompany][]) parties.set(key, c);
  for (const [key, listName] of Object.entries(LISTED_NAMES) as [ListedKey, string][]) {
    parties.set(key, { name: manifestSpelling(listName), country: 'CN', ports: LISTED_PORTS[key] });
  }
  const party = (key: string): Party => {
    const p = parties.get(key);
    if (!p) throw new Error(`no company ${key}`);
    return p;
  };

  // The demo uses a subset of the columns (domain/sources/companies.ts, shipments.ts); the rest may be left out.
  const companyLines = [csvLine(['id', 'name', 'aliases', 'country', 'address', 'identifiers'])];
  for (const c of Object.values(COMPANIES) as DemoCompany[]) {
    const address = `${c.address.street}, ${c.address.city}, ${c.address.rest}`;
    companyLines.push(csvLine(['', c.name, (c.aliases ?? []).join('|'), c.countryAs ?? c.country, address, identifiers(rand, c).join('|')]));
  }

  const broker = COMPANIES.bluewater;
  const bills = new Set<string>();
  const rows: { day: number; bill: string; fields: (string | number)[] }[] = [];
  for (const link of LINKS) {
    const shipper = party(link.from);
    const consignee = party(link.to);
    const [first, last] = [dayOf(link.between[0]), dayOf(link.between[1])];
    for (let i = 0; i < link.shipments; i++) {
      const product = PRODUCTS[rand.pick(link.products)];
      const line = manifestLine(rand, product);
      const day = rand.int(first, last);
      const lading = rand.pick(shipper.ports);
      let bill = billOfLading(rand, lading);
      while (bills.has(bill)) bill = billOfLading(rand, lading);
      bills.add(bill);
      // US entries usually name the customs broker; elsewhere the consignee is sometimes its own notify party.
      const roll = rand.next();
      const notify = consignee.country === 'US' ? (roll < 0.55 ? broker : roll < 0.7 ? consignee : undefined) : roll < 0.2 ? consignee : undefined;
      rows.push({
        day,
        bill,
        fields: [
          bill, isoOf(day), shipper.name, shipper.country, consignee.name, consignee.country,
          notify?.name ?? '', notify?.country ?? '', line.hs, line.description,
          lading, rand.pick(consignee.ports), weightKg(rand, product),
        ],
      });
    }
  }
  rows.sort((a, b) => a.day - b.day || (a.bill < b.bill ? -1 : a.bill > b.bill ? 1 : 0));
  const shipmentLines = [csvLine(shipmentColumnsV1.map((c) => (c === 'hs_code' ? 'hs_codes' : c))), ...rows.map((r) => csvLine(r.fields))];

  const demo = { companies: companyLines.join(''), shipments: shipmentLines.join(''), shipmentCount: rows.length };
  checkFile('companies.csv', demo.companies, companyRow);
  checkFile('shipments.csv', demo.shipments, shipmentRow);
  return demo;
}

function main(): void {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : path.join(__dirname, '..', 'data', 'demo');
  if (!out) throw new Error('usage: npx tsx scripts/generate-demo.ts [--out DIR]');
  const demo = generateDemo();
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'companies.csv'), demo.companies);
  fs.writeFileSync(path.join(out, 'shipments.csv'), demo.shipments);
  const companyCount = demo.companies.split('\n').length - 2;
  console.log(`wrote ${companyCount} companies and ${demo.shipmentCount} shipments to ${out}`);
}

if (require.main === module) main();
