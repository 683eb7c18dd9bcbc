/**
 * A node's neighbourhood, breadth first, depth by depth, never more than `limit` nodes, then every edge
 * among the nodes kept. Walking in steps (rather than one variable-length pattern) keeps the work
 * proportional to what is returned, even around hub companies with thousands of shipments.
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
  const edgesAmong = registry.get('graph/edges-among');
  const opts = { database, timeoutMs };

  return async function neighborhood(id: string, depth: number, limit: number): Promise<Neighborhood> {
    const [center] = await runStatement(driver, getNodes, { ids: [id], kinds: nodeKinds }, opts);
    if (!center) throw new NotFound(`no entity with id ${id}`);
    const nodes = new Map<string, NodeSummary>([[id, center.node as NodeSummary]]);
    let frontier = [id];
    let truncated = false;
    for (let level = 0; level < depth && frontier.length && !truncated; level++) {
      const room = limit - nodes.size;
      // One more than there is room for tells us whether anything was left out.
      const rows = await runStatement(driver, expand, { frontier, seen: [...nodes.keys()], limit: room + 1, kinds: nodeKinds, types: relTypes }, opts);
      if (rows.length > room) truncated = true;
      frontier = [];
      for (const row of rows.slice(0, room)) {
        const node = row.node as NodeSummary;
        nodes.set(node.id, node);
        frontier.push(node.id);
      }
    }
    const edges = await runStatement(driver, edgesAmong, { ids: [...nodes.keys()], types: relTypes }, opts);
    return {
      center: id,
      elements: {
        nodes: [...nodes.values()].map(toCyNode),
        edges: edges.map((e) => toCyEdge(String(e.source), String(e.target), e.type as RelType)),
      },
      truncated,
    };
  };
}
