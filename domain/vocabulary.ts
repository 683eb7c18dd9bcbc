/**
 * The fixed vocabulary of labels and relationship types. Cypher never takes a label or type from input;
 * where code must choose one, it chooses from these lists.
 */
export const nodeKinds = ['Company', 'Shipment', 'ListEntry'] as const;
export type NodeKind = (typeof nodeKinds)[number];

/** Relationships as loaded from sources; the graph view walks these. */
export const relTypes = ['SHIPPED', 'CONSIGNED_TO', 'NOTIFY', 'LISTED'] as const;
export type RelType = (typeof relTypes)[number];

/** Relationships derived from others by the derive job (cypher/derive/), for tier traversal. */
export const derivedRelTypes = ['SUPPLIES'] as const;
export type DerivedRelType = (typeof derivedRelTypes)[number];

/** Kinds of file the ingest worker understands, and the row format each one has. */
export const importKinds = ['companies', 'shipments', 'uflpa'] as const;
export type ImportKind = (typeof importKinds)[number];
