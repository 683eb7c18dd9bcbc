/**
 * Sub-national regions that listings and risk factors name. Small and fixed on purpose: a region becomes a
 * node only when the risk model has something to say about it.
 */
export interface RegionDef {
  code: string;
  name: string;
  country: string;
  /** Other names and spellings, compared case- and accent-insensitively. */
  names: string[];
}

export const regions: RegionDef[] = [
  {
    code: 'XUAR',
    name: 'Xinjiang Uyghur Autonomous Region',
    country: 'CN',
    names: ['Xinjiang', 'Xinjiang Uyghur Autonomous Region', 'Xinjiang Uygur Autonomous Region', 'Sinkiang', 'East Turkestan', 'XJ', '新疆'],
  },
  { code: 'TAR', name: 'Tibet Autonomous Region', country: 'CN', names: ['Tibet', 'Xizang', 'Tibet Autonomous Region', 'Xizang Autonomous Region', '西藏'] },
];

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const byName = new Map<string, string>();
for (const r of regions) for (const n of [r.code, r.name, ...r.names]) byName.set(fold(n), r.code);

export function regionCode(input: string): string | undefined {
  return byName.get(fold(input));
}

export function regionOf(code: string): RegionDef | undefined {
  return regions.find((r) => r.code === code);
}
