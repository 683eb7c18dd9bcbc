/**
 * The HS code hierarchy: chapter (2 digits) > heading (4) > subheading (6) > national tariff line (8 or 10).
 * Product nodes are made for the codes a batch mentions and all their ancestors (cypher/ingest/merge-products).
 */
export type HsLevel = 'chapter' | 'heading' | 'subheading' | 'national';

export interface ProductNode {
  id: string;
  code: string;
  level: HsLevel;
  name: string;
  parentId: string | null;
}

export const productId = (code: string) => `hs-${code}`;

export function hsLevel(code: string): HsLevel {
  if (code.length <= 2) return 'chapter';
  if (code.length <= 4) return 'heading';
  if (code.length <= 6) return 'subheading';
  return 'national';
}

/** The code and its ancestors, chapter first: 6109100012 -> 61, 6109, 610910, 6109100012. */
export function hsChain(code: string): ProductNode[] {
  const cuts = [2, 4, 6].filter((n) => n < code.length);
  const codes = [...cuts.map((n) => code.slice(0, n)), code];
  return codes.map((c, i) => ({ id: productId(c), code: c, level: hsLevel(c), name: hsName(c), parentId: i === 0 ? null : productId(codes[i - 1]!) }));
}

/** Distinct product nodes for a set of codes, parents before children. */
export function productsOf(codes: Iterable<string>): ProductNode[] {
  const seen = new Map<string, ProductNode>();
  for (const code of codes) for (const p of hsChain(code)) if (!seen.has(p.id)) seen.set(p.id, p);
  return [...seen.values()].sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
}

/** Titles of the HS chapters this project's goods fall in (others are named by their code). */
const chapterTitles: Record<string, string> = {
  '07': 'Edible vegetables', '08': 'Edible fruit and nuts', '09': 'Coffee, tea, spices', '10': 'Cereals',
  '17': 'Sugars', '18': 'Cocoa', '20': 'Preparations of vegetables, fruit, nuts', '24': 'Tobacco', '25': 'Salt, earths, stone',
  '26': 'Ores, slag and ash', '27': 'Mineral fuels', '28': 'Inorganic chemicals', '29': 'Organic chemicals', '38': 'Miscellaneous chemical products',
  '39': 'Plastics', '40': 'Rubber', '42': 'Leather articles', '44': 'Wood', '52': 'Cotton', '54': 'Man-made filaments',
  '55': 'Man-made staple fibres', '57': 'Carpets', '61': 'Apparel, knitted', '62': 'Apparel, not knitted', '63': 'Other made-up textiles',
  '64': 'Footwear', '69': 'Ceramic products', '71': 'Pearls, precious stones and metals', '72': 'Iron and steel', '73': 'Articles of iron or steel',
  '76': 'Aluminium', '81': 'Other base metals', '84': 'Machinery', '85': 'Electrical machinery', '87': 'Vehicles', '94': 'Furniture', '95': 'Toys', '03': 'Fish and crustaceans', '15': 'Fats and oils',
};

export function hsName(code: string): string {
  return code.length === 2 && chapterTitles[code] ? `${code} ${chapterTitles[code]}` : code;
}
