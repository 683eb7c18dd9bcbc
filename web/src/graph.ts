/**
 * The Cytoscape view of an entity's neighbourhood. The look lives in graph-style.json and the elements
 * come from the API as data; this module only wires the two together and handles tap / double tap.
 *
 * `#graph` carries `data-state` (loading | ready | error) and `data-nodes` so tests and the CSS can
 * follow what the graph is doing.
 */

import cytoscape, {
  type Core,
  type ElementDefinition,
  type NodeSingular,
  type Position,
  type StylesheetJson,
} from 'cytoscape';
import { fetchNeighborhood, isAbortError, type Neighborhood } from './api';
import graphStyle from './graph-style.json';
import { fitGraph, radialTreePositions, reveal, ringPositions } from './layout';
import type { StatusLine } from './status';

const LOAD = { depth: 2, limit: 200 } as const;
const EXPAND = { depth: 1, limit: 200 } as const;

export interface GraphView {
  readonly cy: Core;
  /** Replaces the graph with the neighbourhood of `id`; a newer load cancels an older one and its expansions. */
  load(id: string): Promise<void>;
}

export interface GraphViewOptions {
  status: StatusLine;
  onSelect: (id: string) => void;
}

export function createGraphView(container: HTMLElement, { status, onSelect }: GraphViewOptions): GraphView {
  const cy = cytoscape({
    container,
    style: graphStyle as StylesheetJson,
    minZoom: 0.05,
    maxZoom: 4,
    boxSelectionEnabled: false,
    // Pan and zoom a bitmap of the graph: measured here to cut wheel-zoom frame time ~2.5x on big graphs.
    textureOnViewport: true,
  });

  // Every load starts a new session; aborting the old one cancels its fetches and silences its callbacks.
  let session = new AbortController();
  let pending = 0;

  cy.on('tap', 'node', (event) => onSelect((event.target as NodeSingular).id()));
  cy.on('dbltap', 'node', (event) => void expand(event.target as NodeSingular));
  cy.on('mouseover', 'node', () => container.classList.add('is-over-node'));
  cy.on('mouseout', 'node', () => container.classList.remove('is-over-node'));

  function begin(): AbortSignal {
    pending += 1;
    container.dataset.state = 'loading';
    return session.signal;
  }

  function finish(signal: AbortSignal, outcome: 'ready' | 'error'): void {
    if (signal.aborted) return; // superseded: the newer load owns the state now
    pending -= 1;
    container.dataset.nodes = String(cy.nodes().length);
    if (pending === 0) container.dataset.state = outcome;
  }

  async function load(id: string): Promise<void> {
    session.abort();
    session = new AbortController();
    pending = 0;
    const signal = begin();
    status.info('graph', 'Loading the network…');
    try {
      const hood = await fetchNeighborhood(id, LOAD, signal);
      // Positions are computed from the data up front, so the graph is drawn once, already laid out.
      const positions = radialTreePositions(
        hood.center,
        hood.elements.nodes.map((node) => node.data.id),
        hood.elements.edges.map((edge) => edge.data),
      );
      cy.batch(() => {
        cy.elements().remove();
        cy.add(newElements(cy, hood, (id) => positions.get(id)));
        cy.getElementById(hood.center).addClass('center');
      });
      fitGraph(cy);
      cy.getElementById(hood.center).select();
      reportLoaded(hood);
      finish(signal, 'ready');
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      cy.elements().remove(); // don't leave the previous entity's network up under this entity's name
      status.error('graph', messageOf(error));
      finish(signal, 'error');
    }
  }

  async function expand(node: NodeSingular): Promise<void> {
    const signal = begin();
    const name = String(node.data('label') ?? node.id());
    status.info('graph', `Expanding “${name}”…`);
    try {
      const hood = await fetchNeighborhood(node.id(), EXPAND, signal);
      const origin = { ...node.position() }; // a copy: position() hands out the live object
      // New nodes start on the tapped node and move out from there.
      const added = cy.add(newElements(cy, hood, () => ({ x: origin.x, y: origin.y })));
      const newNodes = added.nodes();
      if (newNodes.nonempty()) {
        const center = cy.nodes('.center').first();
        const awayFrom = center.nonempty() && !center.same(node) ? center.position() : undefined;
        const targets = ringPositions(origin, newNodes.length, awayFrom);
        const positions = Object.fromEntries(newNodes.map((n, i) => [n.id(), targets[i] ?? origin]));
        const animate = document.visibilityState === 'visible'; // no animation frames in a hidden tab
        const layout = newNodes.layout({
          name: 'preset',
          positions,
          fit: false,
          animate,
          animationDuration: 300,
        });
        const stopped = layout.promiseOn('layoutstop');
        layout.run();
        await stopped;
        if (signal.aborted) return;
        reveal(cy, newNodes.union(node));
      }
      reportExpanded(name, newNodes.length, added.edges().length, hood.truncated);
      finish(signal, 'ready');
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      status.error('graph', messageOf(error));
      finish(signal, 'error');
    }
  }

  function reportLoaded(hood: Neighborhood): void {
    const counts = `${cy.nodes().length} entities, ${cy.edges().length} links`;
    if (hood.truncated) {
      status.show('graph', 'warning', `Graph truncated: showing only ${counts} (limit ${LOAD.limit}). Double-click a node to expand it.`);
    } else {
      status.info('graph', `${counts}. Double-click a node to expand it.`);
    }
  }

  function reportExpanded(name: string, nodes: number, edges: number, truncated: boolean): void {
    const added = nodes + edges === 0 ? `No new connections for “${name}”.` : `Added ${nodes} entities and ${edges} links around “${name}”.`;
    if (truncated) status.show('graph', 'warning', `${added} Graph truncated: “${name}” has more neighbours than the ${EXPAND.limit} fetched.`);
    else status.info('graph', added);
  }

  return { cy, load };
}

/**
 * Elements of `hood` not yet in the graph, nodes placed at `positionOf(id)`. Edges whose ends are
 * missing (a truncated answer) are dropped.
 */
function newElements(
  cy: Core,
  hood: Neighborhood,
  positionOf: (id: string) => Position | undefined,
): ElementDefinition[] {
  const seen = new Set<string>();
  const present = (id: string): boolean => cy.hasElementWithId(id) || seen.has(id);
  const defs: ElementDefinition[] = [];

  for (const { data } of hood.elements.nodes) {
    if (present(data.id)) continue;
    seen.add(data.id);
    const position = positionOf(data.id);
    defs.push({ group: 'nodes', data: { ...data }, ...(position ? { position } : {}) });
  }
  for (const { data } of hood.elements.edges) {
    if (present(data.id) || !present(data.source) || !present(data.target)) continue;
    seen.add(data.id);
    defs.push({ group: 'edges', data: { ...data } });
  }
  return defs;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
