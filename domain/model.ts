/**
 * The graph model, declared once: node kinds with their properties, relationship kinds with their
 * endpoint kinds and properties, and the indexes each needs. Everything else derives from it:
 *
 * - the constraints and indexes applied at start (domain/schema-ddl.ts -> core/schema.ts),
 * - the label and relationship-type vocabulary Cypher may use (domain/vocabulary.ts),
 * - the checks that every source's rows produce well-formed nodes (test/unit/model.test.ts),
 * - the model section of README.md (`npm run docs:model`, kept in step by a unit test).
 *
 * Provenance properties (importIds, firstSeen, lastSeen) are common to every node and relationship that a
 * source asserts and are declared once below (`provenance`), not per kind. Reference data (countries,
 * regions, HS codes, and the PART_OF / region LOCATED_IN edges among them) carries none.
 */
import { z } from 'zod';

const text = z.string();
const texts = z.array(z.string());
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const num = z.number();
const bool = z.boolean();

/** A property: its zod type (as written by the ingest statements) and a line for the docs. */
export interface Prop {
  type: z.ZodType;
  doc: string;
  required?: boolean;
}
const p = (type: z.ZodType, doc: string, required = false): Prop => ({ type, doc, required });

export interface NodeKindDef {
  doc: string;
  /** Id prefix(es) (domain/ids.ts). Entity nodes share the :Entity label and its id constraint. */
  idPrefix: string;
  entity: boolean;
  /**
   * Reference data (countries, regions, HS codes): made on demand by the batch steps of any import, shared by
   * all, never retracted, so it carries no provenance of its own.
   */
  reference?: boolean;
  props: Record<string, Prop>;
  /** Range indexes to create, one per property. */
  rangeIndexes?: string[];
  /** Properties of this kind in the shared fulltext index `entity_names`. */
  fulltext?: string[];
}

export interface RelKindDef {
  doc: string;
  from: readonly NodeKindName[];
  to: readonly NodeKindName[];
  props: Record<string, Prop>;
  /** Derived by a job from other facts (no importIds of its own). */
  derived?: boolean;
  /**
   * Points at reference data (countries, HS codes): such nodes are hubs that join everything to everything,
   * so graph exploration does not walk these; the risk engine reads them directly.
   */
  reference?: boolean;
}

const name = p(text, 'display name: the spelling of the most authoritative source (list > registry > manifest)', true);
const normName = p(text, 'normalised name, the matching key (domain/normalize.ts)', true);
const aliases = p(texts, 'every other spelling seen');
const country = p(text, 'ISO 3166-1 alpha-2 code');
const region = p(text, 'region code when known (domain/regions.ts), e.g. XUAR');

export const provenance: Record<string, Prop> = {
  importIds: p(texts, 'ids of the imports (or user actions) that asserted it', true),
  firstSeen: p(text, 'when the first of those imports was loaded (datetime)', true),
  lastSeen: p(text, 'when the latest of those imports was loaded (datetime)', true),
};

export const nodes = {
  Company: {
    doc: 'Any legal entity; its roles (shipper, consignee, manufacturer, owner) come from relationships.',
    idPrefix: 'co-',
    entity: true,
    props: {
      id: p(text, '`co-src-<registry id>`, `co-ftm-<FtM id>` or `co-<hash of normName and country>`', true),
      name, normName, aliases, country, region,
      address: p(text, 'postal address as given'),
      identifiers: p(texts, '`scheme:value` pairs: `reg`, `uscc`, `cbp_mid`, `duns`, `lei`, `ftm`, ...'),
      nameRank: p(num, 'rank of the source that set `name` (1 list, 2 registry, 3 manifest); lower wins'),
      ftmId: p(text, 'the FollowTheMoney entity id it was loaded from (ftm imports); FtM relationships find it by this, FtM exports reuse it'),
    },
    rangeIndexes: ['normName', 'ftmId'],
    fulltext: ['name', 'aliases', 'normName'],
  },
  Facility: {
    doc: 'A physical site (factory, farm, mine, prison, camp).',
    idPrefix: 'fa-',
    entity: true,
    props: {
      id: p(text, '`fa-src-<source id>`, `fa-osh-<Open Supply Hub id>` or `fa-<hash of normName, country>`', true),
      name, normName, aliases, country, region,
      address: p(text, 'postal address as given'),
      latitude: p(num, 'WGS84 latitude'),
      longitude: p(num, 'WGS84 longitude'),
      osHubId: p(text, 'Open Supply Hub id (OS ID) when known'),
      nameRank: p(num, 'as for Company'),
    },
    rangeIndexes: ['normName', 'osHubId'],
    fulltext: ['name', 'aliases', 'normName'],
  },
  Person: {
    doc: 'A natural person: an owner or officer.',
    idPrefix: 'pe-',
    entity: true,
    props: {
      id: p(text, '`pe-src-<source id>`, `pe-ftm-<FtM id>` or `pe-<hash of normName, country>`', true),
      name, normName, aliases, country,
      nameRank: p(num, 'as for Company'),
      ftmId: p(text, 'as for Company'),
    },
    rangeIndexes: ['normName', 'ftmId'],
    fulltext: ['name', 'aliases', 'normName'],
  },
  Vessel: {
    doc: 'A ship named by a listing (e.g. fishing vessels under a WRO).',
    idPrefix: 've-',
    entity: true,
    props: { id: p(text, '`ve-<hash of normName>`', true), name, normName, aliases, country: p(text, 'flag state, ISO-2') },
    fulltext: ['name', 'aliases', 'normName'],
  },
  Shipment: {
    doc: 'One bill of lading (or entry).',
    idPrefix: 'sh-',
    entity: true,
    props: {
      id: p(text, '`sh-<bill of lading>`', true),
      name: p(text, 'the bill of lading number, for display', true),
      billOfLading: p(text, 'bill of lading number, upper case', true),
      arrivalDate: p(date, 'arrival date (Neo4j date)', true),
      hsCodes: p(texts, 'declared HS codes (digits only)'),
      description: p(text, 'cargo description'),
      portOfLading: p(text, 'foreign port of lading'),
      portOfUnlading: p(text, 'US port of unlading'),
      countryOfOrigin: p(text, 'declared country of origin, ISO-2'),
      weightKg: p(num, 'gross weight in kg'),
      valueUsd: p(num, 'declared value in USD'),
      containers: p(texts, 'container numbers'),
    },
    rangeIndexes: ['arrivalDate'],
  },
  Product: {
    doc: 'A node of the HS code hierarchy: chapter (2 digits) > heading (4) > subheading (6) > national line (8-10).',
    idPrefix: 'hs-',
    entity: true,
    reference: true,
    props: {
      id: p(text, '`hs-<code>`', true),
      code: p(text, 'the HS code, digits only', true),
      level: p(text, '`chapter`, `heading`, `subheading` or `national`', true),
      name: p(text, 'the code, or the chapter title when known', true),
    },
  },
  Country: {
    doc: 'A country, by ISO code.',
    idPrefix: 'ct-',
    entity: true,
    reference: true,
    props: { id: p(text, '`ct-<ISO-2>`', true), code: p(text, 'ISO-2', true), name: p(text, 'English short name', true) },
  },
  Region: {
    doc: 'A sub-national region that a listing or risk factor names (e.g. the Xinjiang Uyghur Autonomous Region).',
    idPrefix: 'rg-',
    entity: true,
    reference: true,
    props: { id: p(text, '`rg-<code>`', true), code: p(text, 'e.g. XUAR', true), name: p(text, 'English name', true), country },
  },
  ListEntry: {
    doc: 'One listing on an official list: UFLPA Entity List, CBP WRO or Finding, DOL goods list.',
    idPrefix: 'le-',
    entity: true,
    props: {
      id: p(text, '`le-<program>-<hash>`', true),
      program: p(text, '`UFLPA`, `WRO`, `FINDING`, `DOL` or `SANCTION` (any sanction designation, from FtM)', true),
      name: p(text, 'the entry as listed', true),
      sections: p(texts, 'UFLPA: the 2(d)(2)(B) clauses'),
      status: p(text, 'WRO/Finding: Active, Partially Modified, Inactive-Pending Litigation, ...'),
      effectiveDate: p(date, 'date the listing took effect'),
      endDate: p(date, 'date it stopped (revoked, modified), when known'),
      merchandise: p(texts, 'WRO/Finding: goods covered'),
      industry: p(text, 'WRO/Finding: industry'),
      good: p(text, 'DOL: the good'),
      childLabor: p(bool, 'DOL: child labour flag'),
      forcedLabor: p(bool, 'DOL: forced labour flag'),
      forcedChildLabor: p(bool, 'DOL: forced child labour flag'),
      derived: p(bool, 'DOL: a downstream good made with a listed input'),
      derivedFrom: p(text, 'DOL: ISO-2 of the country whose listed input a derived good is made with'),
      sector: p(text, 'DOL: sector of the good (Agriculture, Manufacturing, Mining, Other)'),
      country,
      includesSubsidiaries: p(bool, 'the listing extends to subsidiaries'),
      notes: p(text, 'remarks as published'),
      authority: p(text, 'who issued the listing (FtM Sanction authority)'),
      sourceUrl: p(text, 'where the listing is published'),
      ftmId: p(text, 'the FtM Sanction id it was loaded from; FtM exports reuse it'),
    },
    rangeIndexes: ['program'],
    fulltext: ['name'],
  },
  Finding: {
    doc: 'A field-visit finding (issue 6): ILO indicators, severity, narrative.',
    idPrefix: 'fi-',
    entity: true,
    props: { id: p(text, '`fi-<uuid>`', true), visitDate: p(date, 'date of the visit', true), severity: p(text, 'high, medium or low', true), indicators: p(texts, 'ILO forced-labour indicators observed', true), narrative: p(text, 'what was seen') },
  },
  Evidence: {
    doc: 'A file supporting a finding (issue 6).',
    idPrefix: 'ev-',
    entity: true,
    props: { id: p(text, '`ev-<sha256>`', true), sha256: p(text, 'content hash', true), fileName: p(text, 'as uploaded', true), mediaType: p(text, 'MIME type') },
  },
  Import: {
    doc: 'One loaded file: who, when, sha256, counts, status, rejects.',
    idPrefix: 'imp-',
    entity: false,
    props: {
      id: p(text, '`imp-<kind>-<first 16 hex of sha256>`', true),
      kind: p(text, 'the import kind', true),
      fileName: p(text, 'file name as given', true),
      sha256: p(text, 'content hash', true),
      bytes: p(num, 'file size', true),
      requestedBy: p(text, 'who started it', true),
      firstLoadedAt: p(text, 'when it was first loaded (datetime)', true),
      status: p(text, '`running`, `retrying`, `completed`, `failed` or `cancelled` (the API shows `queued` for an import whose job has not started)', true),
      rowsRead: p(num, 'rows read'),
      rowsWritten: p(num, 'rows written'),
      rowsRejected: p(num, 'rows rejected'),
      rejectsPath: p(text, 'the rejects report in the imports area'),
      rejectsSample: p(text, 'the first rejects, as JSON'),
      error: p(text, 'why it failed'),
    },
  },
} satisfies Record<string, NodeKindDef>;

export type NodeKindName = keyof typeof nodes;

export const relationships = {
  OPERATES: { doc: 'A company runs a site.', from: ['Company'], to: ['Facility'], props: {} },
  OWNS: {
    doc: 'Ownership.',
    from: ['Company', 'Person'],
    to: ['Company'],
    props: { percentage: p(num, '0-100, when known'), startDate: p(date, 'from'), endDate: p(date, 'until'), ftmId: p(text, 'the FtM Ownership id it was loaded from') },
  },
  OFFICER_OF: {
    doc: 'A person holds a role in a company.',
    from: ['Person'],
    to: ['Company'],
    props: { role: p(text, 'director, legal representative, ...'), startDate: p(date, 'from'), endDate: p(date, 'until'), ftmId: p(text, 'the FtM Directorship id it was loaded from') },
  },
  SHIPPED: { doc: 'The shipper of a shipment.', from: ['Company'], to: ['Shipment'], props: {} },
  CONSIGNED_TO: { doc: 'The consignee of a shipment.', from: ['Shipment'], to: ['Company'], props: {} },
  NOTIFY: { doc: 'The notify party of a shipment.', from: ['Shipment'], to: ['Company'], props: {} },
  MADE_BY: { doc: 'The declared manufacturer of a shipment.', from: ['Shipment'], to: ['Company', 'Facility'], props: {} },
  OF_PRODUCT: { doc: 'A declared HS code of a shipment.', from: ['Shipment'], to: ['Product'], reference: true, props: {} },
  PART_OF: { doc: 'HS hierarchy: a code within its parent.', from: ['Product'], to: ['Product'], reference: true, props: {} },
  LOCATED_IN: {
    doc: 'Where an entity is (its country, and its region when known).',
    from: ['Company', 'Facility', 'Person', 'Region'],
    to: ['Country', 'Region'],
    reference: true,
    props: {},
  },
  LISTED: {
    doc: 'An entity named by a listing.',
    from: ['Company', 'Facility', 'Person', 'Region', 'Vessel'],
    to: ['ListEntry'],
    props: { asSubsidiary: p(bool, 'named as a subsidiary within the entry, not as the entry itself') },
  },
  COVERS: {
    doc: 'The goods a listing covers (DOL good, WRO merchandise) as HS codes, and its country of origin.',
    from: ['ListEntry'],
    to: ['Product', 'Country'],
    reference: true,
    props: {},
  },
  SUPPLIES: {
    doc: 'Shipper to consignee, summed over their shipments (derived: tier-N queries never walk shipments).',
    from: ['Company'],
    to: ['Company'],
    props: {
      shipments: p(num, 'number of shipments', true),
      firstDate: p(date, 'first arrival', true),
      lastDate: p(date, 'last arrival', true),
      hsCodes: p(texts, 'HS codes seen', true),
    },
    derived: true,
  },
  HAS_FINDING: { doc: 'A field finding at a site (issue 6).', from: ['Facility'], to: ['Finding'], props: {} },
  SUPPORTED_BY: { doc: 'Evidence of a finding (issue 6).', from: ['Finding'], to: ['Evidence'], props: {} },
  SAME_AS: {
    doc: 'Entity resolution candidate (later issue).',
    from: ['Company'],
    to: ['Company'],
    props: { score: p(num, '0..1', true), status: p(text, 'candidate, confirmed or rejected', true) },
    derived: true,
  },
} satisfies Record<string, RelKindDef>;

export type RelKindName = keyof typeof relationships;

export const nodeKindNames = Object.keys(nodes) as NodeKindName[];
export const relKindNames = Object.keys(relationships) as RelKindName[];

/** A node's properties as a zod object (provenance included for entity kinds), to check what rows produce. */
export function nodeSchema(kind: NodeKindName): z.ZodObject {
  const def: NodeKindDef = nodes[kind];
  const all = { ...def.props, ...(def.entity && !def.reference ? provenance : {}) };
  return z.object(Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.required ? v.type : v.type.nullable().optional()])));
}
