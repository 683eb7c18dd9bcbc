/**
 * Threadline nodes and relationships as FollowTheMoney (FtM) entities, for exports that OpenSanctions
 * tooling, Aleph (`ftm` / `alephclient write-entities`) and yente read. Pure: cypher/graph/export-subgraph
 * gives the subgraph, this maps it (docs/formats/ftm.md has the tables).
 *
 * - Company -> Company, Person -> Person, Vessel -> Vessel, Facility -> RealEstate (FtM has no facility).
 * - ListEntry -> Sanction, its `entity` the listed nodes of the export (an entry none of them reaches is left out).
 * - OWNS -> Ownership, OFFICER_OF -> Directorship, OPERATES -> UnknownLink (role `operator`).
 * - Shipments, trade links (SHIPPED, CONSIGNED_TO, NOTIFY, MADE_BY, SUPPLIES), places, products, findings:
 *   not exported (FtM has no shipment; countries are properties).
 *
 * Ids: an entity loaded from FtM keeps its FtM id (`ftmId`); anything else is `threadline-<our id>`, and a
 * relationship without one `threadline-<hash of type, ends, role>`. So exporting twice gives the same ids, and
 * an export of what an FtM file loaded points back at that file's entities.
 */
import { createHash } from 'node:crypto';
import { ftmIdentifierSchemes } from './sources/ftm';
import type { NodeKind, RelType } from './vocabulary';

/** What an export walks and maps: node kinds and relationship types with an FtM counterpart. */
export const exportKinds = ['Company', 'Person', 'Vessel', 'Facility', 'ListEntry'] as const satisfies readonly NodeKind[];
export const exportRelTypes = ['OWNS', 'OFFICER_OF', 'LISTED', 'OPERATES'] as const satisfies readonly RelType[];

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

export interface ExportNode {
  id: string;
  kind: string;
  properties: Record<string, unknown>;
}

export interface ExportRelationship {
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}

/** An FtM property list: strings, no blanks, no repeats; numbers as text. */
function values(...vs: unknown[]): string[] {
  const out: string[] = [];
  for (const v of vs.flat()) {
    if (v === null || v === undefined) continue;
    const s = String(v).trim();
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** Only the properties that have values (FtM writes no empty lists). */
function props(entries: Record<string, unknown[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, values(...v)]).filter(([, v]) => v!.length));
}

/** The FtM id of a node: its own FtM id when it came from FtM, else ours, namespaced. */
export function ftmIdOf(node: Pick<ExportNode, 'id' | 'properties'>): string {
  const own = node.properties.ftmId;
  return typeof own === 'string' && own ? own : `threadline-${node.id}`;
}

const relId = (rel: ExportRelationship, extra = '') =>
  typeof rel.properties.ftmId === 'string' && rel.properties.ftmId
    ? rel.properties.ftmId
    : `threadline-${createHash('sha256').update(`${rel.type}|${rel.source}|${rel.target}|${extra}`).digest('hex').slice(0, 24)}`;

const lower = (c: unknown) => (typeof c === 'string' && c ? c.toLowerCase() : undefined);

/** Our identifier schemes back to FtM properties (others, such as cbp_mid, have no FtM property and are left out). */
const identifierProps = Object.fromEntries(Object.entries(ftmIdentifierSchemes).map(([prop, scheme]) => [scheme, prop])) as Record<string, string>;

function identifierProperties(identifiers: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of Array.isArray(identifiers) ? identifiers : []) {
    const m = /^([a-z_]+):(.+)$/.exec(String(i));
    const prop = m && identifierProps[m[1]!];
    if (prop) (out[prop] ??= []).push(m[2]!);
  }
  return out;
}

/** Who publishes each list we load, for the Sanction's authority when the entry does not say. */
const programs: Record<string, { program: string; authority: string }> = {
  UFLPA: { program: 'UFLPA Entity List', authority: 'U.S. Forced Labor Enforcement Task Force (DHS)' },
  WRO: { program: 'Withhold Release Order', authority: 'U.S. Customs and Border Protection' },
  FINDING: { program: 'Forced labor finding', authority: 'U.S. Customs and Border Protection' },
  DOL: { program: 'List of Goods Produced by Child Labor or Forced Labor', authority: 'U.S. Department of Labor' },
};

/** One node as an FtM entity; null for kinds FtM has no counterpart for (and for ListEntry, see toFtm). */
export function nodeToFtm(node: ExportNode): FtmEntity | null {
  const p = node.properties;
  const id = ftmIdOf(node);
  const named = { name: [p.name], alias: [p.aliases] };
  switch (node.kind) {
    case 'Company':
      return { id, schema: 'Company', properties: props({ ...named, country: [lower(p.country)], address: [p.address], ...identifierProperties(p.identifiers) }) };
    case 'Person':
      return { id, schema: 'Person', properties: props({ ...named, country: [lower(p.country)] }) };
    case 'Vessel':
      return { id, schema: 'Vessel', properties: props({ ...named, flag: [lower(p.country)] }) };
    case 'Facility':
      return { id, schema: 'RealEstate', properties: props({ ...named, country: [lower(p.country)], address: [p.address], latitude: [p.latitude], longitude: [p.longitude] }) };
    default:
      return null;
  }
}

/** A listing as an FtM Sanction on the given entities (FtM ids). */
export function listEntryToSanction(entry: ExportNode, entities: string[]): FtmEntity {
  const p = entry.properties;
  const known = programs[String(p.program)];
  const fromFtm = p.program === 'SANCTION';
  return {
    id: ftmIdOf(entry),
    schema: 'Sanction',
    properties: props({
      entity: [entities],
      // An FtM sanction keeps its program's own text as the entry name; our lists have a fixed program name.
      program: [fromFtm ? p.name : (known?.program ?? p.program)],
      authority: [p.authority ?? known?.authority],
      // Our lists name the entity as listed; say so beside the program.
      summary: [fromFtm ? undefined : p.name],
      provisions: [Array.isArray(p.sections) ? p.sections.map((s) => `${String(p.program)} ${String(s)}`) : []],
      startDate: [p.effectiveDate],
      endDate: [p.endDate],
      status: [p.status],
      country: [lower(p.country)],
      reason: [p.notes],
      sourceUrl: [p.sourceUrl],
    }),
  };
}

/** One relationship as an FtM relationship entity; null for LISTED (it becomes part of a Sanction) and types FtM has no counterpart for. */
export function relationshipToFtm(rel: ExportRelationship, ftmIds: Map<string, string>): FtmEntity | null {
  const from = ftmIds.get(rel.source);
  const to = ftmIds.get(rel.target);
  if (!from || !to) return null;
  const p = rel.properties;
  switch (rel.type) {
    case 'OWNS':
      return { id: relId(rel), schema: 'Ownership', properties: props({ owner: [from], asset: [to], percentage: [p.percentage], startDate: [p.startDate], endDate: [p.endDate] }) };
    case 'OFFICER_OF':
      return { id: relId(rel, String(p.role ?? '')), schema: 'Directorship', properties: props({ director: [from], organization: [to], role: [p.role], startDate: [p.startDate], endDate: [p.endDate] }) };
    case 'OPERATES':
      return { id: relId(rel), schema: 'UnknownLink', properties: props({ subject: [from], object: [to], role: ['operator'] }) };
    default:
      return null;
  }
}

/**
 * A subgraph as FtM entities: the entities first (in the order given), then the relationship entities, then
 * the sanctions, so a reader that needs an entity before what refers to it gets it. Every reference points
 * at an entity of the same export.
 */
export function toFtm(nodes: readonly ExportNode[], relationships: readonly ExportRelationship[]): FtmEntity[] {
  const ftmIds = new Map<string, string>();
  const entities: FtmEntity[] = [];
  for (const node of nodes) {
    const e = nodeToFtm(node);
    if (!e) continue;
    ftmIds.set(node.id, e.id);
    entities.push(e);
  }
  const links = relationships.map((r) => relationshipToFtm(r, ftmIds)).filter((e): e is FtmEntity => e !== null);
  const sanctions = nodes
    .filter((n) => n.kind === 'ListEntry')
    .map((entry) => {
      const listed = relationships.filter((r) => r.type === 'LISTED' && r.target === entry.id).map((r) => ftmIds.get(r.source)).filter((id): id is string => !!id);
      return listed.length ? listEntryToSanction(entry, [...new Set(listed)]) : null;
    })
    .filter((e): e is FtmEntity => e !== null);
  return [...entities, ...links, ...sanctions];
}

/** Bounds of an export (API and CLI). */
export const exportLimits = { maxDepth: 3, maxNodes: 5000, defaultNodes: 500, maxIds: 50 } as const;

/** The parameters of cypher/graph/export-subgraph for these seeds. */
export const exportParams = (ids: readonly string[], depth: number, limit: number) => ({ ids: [...ids], depth, limit, kinds: [...exportKinds], types: [...exportRelTypes] });

/** The statement's one row ({missing, nodes: [{id, kind, props}], relationships: [{rel, source, target, props}], truncated}) as FtM entities. */
export function subgraphToFtm(row: Record<string, unknown> | undefined): { missing: string[]; truncated: boolean; entities: FtmEntity[] } {
  const nodes = ((row?.nodes ?? []) as { id: string; kind: string; props: Record<string, unknown> }[]).map((n) => ({ id: n.id, kind: n.kind, properties: n.props ?? {} }));
  const relationships = ((row?.relationships ?? []) as { rel: string; source: string; target: string; props: Record<string, unknown> }[]).map((r) => ({
    type: r.rel, source: r.source, target: r.target, properties: r.props ?? {},
  }));
  return { missing: (row?.missing ?? []) as string[], truncated: row?.truncated === true, entities: toFtm(nodes, relationships) };
}
