/** Turns graph rows into Cytoscape elements JSON ({data:{...}}), the shape the web view renders as is. */
import type { NodeKind, RelType } from '../../domain/vocabulary';

export interface NodeSummary {
  id: string;
  kind: NodeKind;
  name: string | null;
  country: string | null;
  billOfLading: string | null;
  arrivalDate: string | null;
  program: string | null;
  listed: boolean;
}

export interface CyNode {
  data: { id: string; label: string; kind: NodeKind; listed: boolean; country: string | null };
}
export interface CyEdge {
  data: { id: string; source: string; target: string; type: RelType };
}

export function nodeLabel(n: NodeSummary): string {
  switch (n.kind) {
    case 'Shipment':
      return [n.billOfLading ?? n.id, n.arrivalDate].filter(Boolean).join(' · ');
    case 'ListEntry':
      return `${n.program ?? 'List'} listing`;
    default:
      return n.name ?? n.id;
  }
}

export const toCyNode = (n: NodeSummary): CyNode => ({
  data: { id: n.id, label: nodeLabel(n), kind: n.kind, listed: n.listed, country: n.country ?? null },
});

/** One relationship per type and ordered pair is all the model allows (MERGE), so this id is stable. */
export const toCyEdge = (source: string, target: string, type: RelType): CyEdge => ({
  data: { id: `${type}:${source}:${target}`, source, target, type },
});
