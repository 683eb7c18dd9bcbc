/** The risk engine's pure part (domain/risk.ts): noisy-OR, bands, decay, and factors assembled from rows. */
import {
  band, chainPercentage, combine, commodityFactors, decay, listedFactors, networkFactors, ownershipFactors, regionFactors, upstreamRisk,
} from '../../domain/risk';
import { riskConfig } from '../../domain/risk-config';

describe('combine (noisy-OR)', () => {
  it('is 0 with no factors and the weight itself with one', () => {
    expect(combine([])).toBe(0);
    expect(combine([0.4])).toBe(0.4);
  });
  it('is 1 - prod(1 - w)', () => {
    expect(combine([0.85, 0.4])).toBeCloseTo(1 - 0.15 * 0.6, 6);
    expect(combine([0.5, 0.5, 0.5])).toBeCloseTo(0.875, 6);
    expect(combine([1, 0.2])).toBe(1);
  });
});

describe('band', () => {
  it.each([[0, 'low'], [0.19, 'low'], [0.2, 'medium'], [0.49, 'medium'], [0.5, 'high'], [0.79, 'high'], [0.8, 'critical'], [1, 'critical']])('%p is %s', (s, b) => {
    expect(band(s)).toBe(b);
  });
});

describe('decay', () => {
  it('weighs r at tier t as r x 0.6^(t-1)', () => {
    expect(decay(1, 1)).toBe(1);
    expect(decay(1, 2)).toBe(0.6);
    expect(decay(0.95, 3)).toBeCloseTo(0.95 * 0.36, 6);
    expect(decay(0.85, 4)).toBeCloseTo(0.85 * 0.216, 6);
  });
  it('refuses a tier below 1', () => {
    expect(() => decay(1, 0)).toThrow(RangeError);
  });
});

describe('chainPercentage', () => {
  it('multiplies known stakes and is null when one is unknown', () => {
    expect(chainPercentage([60])).toBe(60);
    expect(chainPercentage([80, 50])).toBe(40);
    expect(chainPercentage([100, null])).toBeNull();
  });
});

describe('factors from rows', () => {
  it('LISTED: UFLPA 1.0, WRO 0.95, region-wide listings through LOCATED_IN', () => {
    const f = listedFactors('co-a', [
      { entryId: 'le-uflpa-1', program: 'UFLPA', name: 'A Co', status: null, effectiveDate: '2023-01-01', endDate: null, via: 'co-a', viaKind: 'self', asSubsidiary: false, sources: ['imp-1', 'imp-1'] },
      { entryId: 'le-wro-2', program: 'WRO', name: 'XUAR', status: 'Active', effectiveDate: '2021-01-13', endDate: null, via: 'rg-XUAR', viaKind: 'region', asSubsidiary: false, sources: ['imp-2', 'imp-3'] },
    ]);
    expect(f.map((x) => [x.kind, x.weight, x.from])).toEqual([['LISTED', 1, '2023-01-01'], ['LISTED', 0.95, '2021-01-13']]);
    expect(f[0]!.evidence).toEqual({ nodes: ['le-uflpa-1', 'co-a'], relationships: [{ type: 'LISTED', from: 'co-a', to: 'le-uflpa-1' }], sources: ['imp-1'] });
    expect(f[1]!.evidence.relationships).toContainEqual({ type: 'LOCATED_IN', from: 'co-a', to: 'rg-XUAR' });
    expect(f[1]!.detail).toMatch(/XUAR/);
  });

  it('REGION: one factor per region, naming the facilities', () => {
    const f = regionFactors('co-a', [
      { siteId: 'co-a', siteName: 'A', self: true, region: 'XUAR', sources: ['imp-1'] },
      { siteId: 'fa-1', siteName: 'Mill', self: false, region: 'XUAR', sources: ['imp-2'] },
    ]);
    expect(f).toHaveLength(1);
    expect(f[0]!.weight).toBe(riskConfig.weights.region);
    expect(f[0]!.detail).toMatch(/located in XUAR.*Mill/);
    expect(f[0]!.evidence.relationships).toContainEqual({ type: 'OPERATES', from: 'co-a', to: 'fa-1' });
  });

  it('OWNERSHIP: >= 50% along the chain 0.9, below or unknown 0.6, the best chain per owner', () => {
    const listings = [{ entryId: 'le-1', program: 'UFLPA', name: 'O', sources: ['imp-l'] }];
    const row = (owner: string, path: string[], percentages: (number | null)[]) => ({
      ownerId: owner, ownerName: owner, path, percentages, startDates: percentages.map(() => null), endDates: percentages.map(() => null), relSources: percentages.map(() => ['imp-o']), listings,
    });
    const f = ownershipFactors([
      row('co-o1', ['co-o1', 'co-m', 'co-a'], [80, 70]),
      row('co-o2', ['co-o2', 'co-a'], [null]),
      row('co-o3', ['co-o3', 'co-a'], [30]),
      row('co-o3', ['co-o3', 'co-m', 'co-a'], [100, 60]),
    ]);
    const by = Object.fromEntries(f.map((x) => [x.evidence.nodes[1], x]));
    expect(by['co-o1']!.weight).toBe(0.9);
    expect(by['co-o2']!.weight).toBe(0.6);
    expect(by['co-o2']!.detail).toMatch(/unknown stake/);
    expect(by['co-o3']!.weight).toBe(0.9);
    expect(by['co-o3']!.evidence.relationships.filter((r: { type: string }) => r.type === 'OWNS')).toHaveLength(2);
  });

  const net = (tier: number, extra: Record<string, unknown>) => ({
    upstreamId: 'co-u', upstreamName: 'U', tier, path: ['co-u', ...Array.from({ length: tier - 1 }, (_, i) => `co-m${i}`), 'co-a'],
    hopShipments: Array(tier).fill(2), hopFirstDates: Array(tier).fill('2024-01-01'), hopLastDates: Array(tier).fill('2024-06-01'),
    lastHopShipments: 2, listings: [], regionListings: [], regions: [], ...extra,
  });
  it('NETWORK: the upstream risk decays by tier; an own listing is the basis over a region on a tie or when stronger', () => {
    const [f] = networkFactors([net(2, { listings: [{ entryId: 'le-1', program: 'UFLPA', name: 'U', sources: ['imp-l'] }], regions: ['XUAR'] })]);
    expect(f).toMatchObject({ kind: 'NETWORK', weight: 0.6, tier: 2, shipments: 2, basis: 'listed' });
    expect(f!.evidence.relationships.filter((r) => r.type === 'SUPPLIES')).toEqual([{ type: 'SUPPLIES', from: 'co-u', to: 'co-m0' }, { type: 'SUPPLIES', from: 'co-m0', to: 'co-a' }]);
    const [g] = networkFactors([net(1, { regions: ['XUAR'] })]);
    expect(g).toMatchObject({ weight: 0.85, basis: 'region' });
    expect(upstreamRisk(net(1, { regionListings: [{ entryId: 'le-w', program: 'WRO', name: 'XUAR', region: 'rg-XUAR', sources: [] }], regions: ['XUAR'] }))).toMatchObject({ r: 0.95, basis: 'region-listed' });
  });

  it('COMMODITY: forced labour 0.4, child labour only 0.25', () => {
    const base = { good: 'Cotton', country: 'CN', derived: false, derivedFrom: null, coveredCodes: ['5201'], shippedCodes: ['520100'], locatedThere: false, shipments: 3, sampleShipments: ['sh-1'], firstDate: '2024-01-01', lastDate: '2024-02-01', sources: [] };
    const f = commodityFactors('co-a', [
      { ...base, entryId: 'le-dol-1', forcedLabor: true, childLabor: true, forcedChildLabor: true },
      { ...base, entryId: 'le-dol-2', forcedLabor: false, childLabor: true, forcedChildLabor: false },
      { ...base, entryId: 'le-dol-3', forcedLabor: false, childLabor: false, forcedChildLabor: false },
    ]);
    expect(f.map((x) => x.weight)).toEqual([0.4, 0.25]);
    expect(f[0]!.detail).toMatch(/3 shipments of HS 520100.*Cotton/);
  });
});
