/**
 * The fixed vocabulary of labels and relationship types, derived from the model (domain/model.ts). Cypher
 * never takes a label or type from input; where code must choose one, it chooses from these lists.
 */
import { nodeKindNames, nodes, relationships, relKindNames, type NodeKindName, type RelKindName } from './model';

/** Domain node kinds (every :Entity label): what search, entity pages and the graph view show. */
export const nodeKinds = nodeKindNames.filter((k) => nodes[k].entity) as Exclude<NodeKindName, 'Import'>[];
export type NodeKind = Exclude<NodeKindName, 'Import'>;

/** Relationships as loaded from sources; the graph view walks these. */
export const relTypes = relKindNames.filter((k) => !('derived' in relationships[k] && relationships[k].derived)) as Exclude<RelKindName, 'SUPPLIES' | 'SAME_AS'>[];
export type RelType = Exclude<RelKindName, 'SUPPLIES' | 'SAME_AS'>;

/** Relationships derived from others by jobs (cypher/derive/), for tier traversal and entity resolution. */
export const derivedRelTypes = ['SUPPLIES', 'SAME_AS'] as const satisfies readonly RelKindName[];
export type DerivedRelType = (typeof derivedRelTypes)[number];

/** Kinds of file the ingest worker understands; domain/sources/index.ts gives each its format. */
export const importKinds = ['companies', 'shipments', 'uflpa'] as const;
export type ImportKind = (typeof importKinds)[number];
