/**
 * The fixed vocabulary of labels and relationship types, derived from the model (domain/model.ts). Cypher
 * never takes a label or type from input; where code must choose one, it chooses from these lists.
 */
import { nodeKindNames, nodes, relationships, relKindNames, type NodeKindName, type RelKindDef, type RelKindName } from './model';

/** Domain node kinds (every :Entity label): what search, entity pages and the graph view show. */
export const nodeKinds = nodeKindNames.filter((k) => nodes[k].entity) as Exclude<NodeKindName, 'Import'>[];
export type NodeKind = Exclude<NodeKindName, 'Import'>;

const flag = (k: RelKindName, f: 'derived' | 'reference') => (relationships[k] as RelKindDef)[f] === true;

/** Relationships between facts as loaded from sources; the graph view walks these. */
export const relTypes = relKindNames.filter((k) => !flag(k, 'derived') && !flag(k, 'reference')) as RelType[];
export type RelType = Exclude<RelKindName, DerivedRelType | ReferenceRelType>;

/** Relationships to reference data (countries, regions, HS codes): loaded, but not walked by graph exploration. */
export const referenceRelTypes = ['OF_PRODUCT', 'PART_OF', 'LOCATED_IN', 'COVERS'] as const satisfies readonly RelKindName[];
export type ReferenceRelType = (typeof referenceRelTypes)[number];

/** Relationships derived from others by jobs (cypher/derive/), for tier traversal and entity resolution. */
export const derivedRelTypes = ['SUPPLIES', 'SAME_AS'] as const satisfies readonly RelKindName[];
export type DerivedRelType = (typeof derivedRelTypes)[number];

/** Kinds of file the ingest worker understands; domain/sources/index.ts gives each its format. */
export const importKinds = ['companies', 'shipments', 'uflpa', 'facilities', 'persons', 'officers', 'ownership', 'ftm', 'wro', 'dolgoods'] as const;
export type ImportKind = (typeof importKinds)[number];
