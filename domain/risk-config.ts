/**
 * The one config of the risk engine (docs/risk.md): factor weights, high-risk regions, supplier tiers and
 * score bands. Starting values are those of ../shared/DESIGN.md "Risk model"; change them here, with the
 * reason in docs/risk.md, never in Cypher or route code.
 */
export const riskConfig = {
  weights: {
    /** LISTED: on the UFLPA Entity List, in force on the as-of date. */
    listedUflpa: 1.0,
    /** LISTED: under a CBP WRO or Finding whose status is active-like (see activeStatuses). */
    listedWro: 0.95,
    /** OWNERSHIP: owned by a listed entity with a known stake >= 50% along the whole chain. */
    ownershipMajority: 0.9,
    /** OWNERSHIP: stake < 50%, or unknown somewhere along the chain. */
    ownershipMinority: 0.6,
    /** REGION: located in (or operating a facility in) a configured high-risk region. */
    region: 0.85,
    /** FINDING by severity (issue 6; not computed yet). */
    finding: { high: 0.9, medium: 0.6, low: 0.3 },
    /** COMMODITY: a shipped good on the DOL list for its origin: forced labour (or forced child labour) / child labour only. */
    commodityForced: 0.4,
    commodityChild: 0.25,
    /** NETWORK: an upstream risk r at tier t weighs r x decay^(t-1). */
    networkDecay: 0.6,
  },
  /** Region codes (domain/regions.ts) whose entities carry a REGION factor. */
  highRiskRegions: ['XUAR'] as string[],
  /** WRO / Finding statuses that count as in force (data/lists/cbp_wro.json: Active, Partially Modified, Inactive-Pending Litigation). */
  activeStatuses: ['Active', 'Partially Modified'] as string[],
  /** ListEntry programs that make an entity LISTED (DOL entries cover goods, SANCTION entries are not forced-labour lists). */
  listedPrograms: ['UFLPA', 'WRO', 'FINDING'] as string[],
  /** Programs whose entries count only while their status is active-like. */
  statusPrograms: ['WRO', 'FINDING'] as string[],
  /** The DOL goods program (COMMODITY). */
  dolProgram: 'DOL',
  /** Supplier tiers walked by NETWORK: default and the most a caller may ask for. */
  defaultTier: 4,
  maxTier: 6,
  /** OWNS hops walked up to a listed owner. */
  maxOwnershipHops: 4,
  /** Score bands, strongest first: a score >= min gets the band. */
  bands: [
    { band: 'critical', min: 0.8 },
    { band: 'high', min: 0.5 },
    { band: 'medium', min: 0.2 },
    { band: 'low', min: 0 },
  ] as const,
};

export type Band = (typeof riskConfig.bands)[number]['band'];
