/**
 * A node's neighbourhood, breadth first, depth by depth, never more than `limit` nodes. Walking in steps
 * (rather than one variable-length pattern) keeps the work proportional to what is returned, even
 * around hub companies with thousands of shipments.
 */
import type { Driver } from 'neo4j-driver';
import { NotFound } from '../../core/errors';
import { runStatement } from '../../core/neo4j';
import type { CypherRegistry } from '../../cypher/registry';
import { nodeKinds, relTypes, RelType } from '../../domain/vocabulary';
import { CyEdge, CyNode, NodeSummary, toCyEdge, toCyNode } from './elements';

export interface Neighborhood {
  center: string;
  elements: { nodes: CyNode[]; edges: CyEdge[] };
  truncated: boolean;
}

export function neighborhoodService(driver: Driver, registry: CypherRegistry, database: string, timeoutMs: number) {
  const getNodes = registry.get('graph/get-nodes');
  const expand = registry.get('graph/expand-frontier');
  const opts = { database, timeoutMs };

  return async function neighborhood(id: string, depth: number, limit: number): Promise<Neighborhood> {
    const [center] = await runStatement(driver, getNodes, { ids: [id], kinds: nodeKinds }, opts);
    if (!center) throw new NotFound(`no entity with id ${id}`);
    const nodes = new Map<string, NodeSummary>([[id, center.node as NodeSummary]]);
    const edges = new Map<string, CyEdge>();
    let frontier = [id];
    let truncated = false;
    for (let level = 0; level < depth && frontier.length && !truncated; level++) {
      // One row more than the room left tells us whether anything was cut.
      const room = limit - nodes.size;
      const rows = await runStatement(driver, expand, { frontier, limit: room * 4 + 1, kinds: nodeKinds, types: relTypes }, opts);
      const next: string[] = [];
      for (const row of rows) {
        const node = row.node as NodeSummary;
        if (!nodes.has(node.id)) {
          if (nodes.size >= limit) {
            truncated = true;
            continue;
          }
          nodes.set(node.id, node);
          next.push(node.id);
        }
        const edge = toCyEdge(String(row.source), String(row.target), row.type as RelType);
        edges.set(edge.data.id, edge);
      }
      if (rows.length > room * 4) truncated = true;
      frontier = next;
    }
    // Only edges whose both ends are shown.
    const shown = [...edges.values()].filter((e) => nodes.has(e.data.source) && nodes.has(e.data.target));
    return { center: id, elements: { nodes: [...nodes.values()].map(toCyNode), edges: shown }, truncated };
  };
}
