/**
 * Where nodes go. Only cheap, deterministic placements: the measured cost of force-directed layouts
 * on these machines (fcose defaults: a minute on 2,000 nodes, page frozen) rules them out.
 */

import type { Collection, Core, Position } from 'cytoscape';

export interface RadialTreeOptions {
  /** Minimum distance between neighbouring nodes on a ring, in model pixels. */
  spacing?: number;
  /** Minimum distance between consecutive rings. */
  levelGap?: number;
}

/**
 * Positions for a freshly loaded neighbourhood, computed from the data before anything is drawn: a
 * radial tree with the centre in the middle, one ring per hop, and each node inside its parent's wedge
 * (wedges sized by how many leaves hang below). Children thus sit next to their parent, rings grow with
 * their node count instead of overlapping, and the cost is linear, so it never stalls the page.
 *
 * Nodes the centre cannot reach (possible in a truncated answer) are hung off the centre as well.
 */
export function radialTreePositions(
  centerId: string,
  nodeIds: readonly string[],
  edges: readonly { source: string; target: string }[],
  { spacing = 44, levelGap = 130 }: RadialTreeOptions = {},
): Map<string, Position> {
  const positions = new Map<string, Position>();
  const known = new Set(nodeIds);
  if (known.size === 0) return positions;
  const root = known.has(centerId) ? centerId : (nodeIds[0] as string);

  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string): void => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const { source, target } of edges) {
    if (!known.has(source) || !known.has(target) || source === target) continue;
    link(source, target);
    link(target, source);
  }

  // Breadth-first spanning tree; `order` lists every node after its parent.
  const children = new Map<string, string[]>([[root, []]]);
  const depth = new Map<string, number>([[root, 0]]);
  const order = [root];
  const visit = (start: number): void => {
    for (let i = start; i < order.length; i += 1) {
      const parent = order[i] as string;
      for (const next of neighbours.get(parent) ?? []) {
        if (depth.has(next)) continue;
        depth.set(next, (depth.get(parent) ?? 0) + 1);
        children.get(parent)?.push(next);
        children.set(next, []);
        order.push(next);
      }
    }
  };
  visit(0);
  for (const id of known) {
    if (depth.has(id)) continue;
    depth.set(id, 1);
    children.get(root)?.push(id);
    children.set(id, []);
    order.push(id);
    visit(order.length - 1);
  }

  // Leaves below each node, children before parents.
  const weight = new Map<string, number>();
  for (let i = order.length - 1; i >= 0; i -= 1) {
    const id = order[i] as string;
    const kids = children.get(id) ?? [];
    weight.set(id, kids.length === 0 ? 1 : kids.reduce((sum, kid) => sum + (weight.get(kid) ?? 1), 0));
  }

  // Split each node's wedge among its children in proportion to their weight; a node sits mid-wedge.
  // Rotate the whole tree so that the centre's first child sits straight above it.
  const first = children.get(root)?.[0];
  const firstShare = first === undefined ? 0 : (2 * Math.PI * (weight.get(first) ?? 1)) / (weight.get(root) ?? 1);
  const angle = new Map<string, number>([[root, 0]]);
  const wedgeStart = new Map<string, number>([[root, -Math.PI / 2 - firstShare / 2]]);
  const wedgeSize = new Map<string, number>([[root, 2 * Math.PI]]);
  for (const id of order) {
    const kids = children.get(id) ?? [];
    const total = weight.get(id) ?? 1;
    let start = wedgeStart.get(id) ?? 0;
    const size = wedgeSize.get(id) ?? 0;
    for (const kid of kids) {
      const share = (size * (weight.get(kid) ?? 1)) / total;
      wedgeStart.set(kid, start);
      wedgeSize.set(kid, share);
      angle.set(kid, start + share / 2);
      start += share;
    }
  }

  // Each ring is far enough out for its closest pair of nodes to be `spacing` apart.
  const levels: number[][] = [];
  for (const id of order) {
    const d = depth.get(id) ?? 0;
    (levels[d] ??= []).push(angle.get(id) ?? 0);
  }
  const radius: number[] = [0];
  for (let d = 1; d < levels.length; d += 1) {
    const gap = smallestGap(levels[d] ?? []);
    radius[d] = Math.max((radius[d - 1] ?? 0) + levelGap, gap > 0 ? spacing / gap : 0);
  }

  for (const id of order) {
    const r = radius[depth.get(id) ?? 0] ?? 0;
    const a = angle.get(id) ?? 0;
    positions.set(id, { x: r * Math.cos(a), y: r * Math.sin(a) });
  }
  return positions;
}

/** Smallest angular distance between neighbours on a ring (2π for a ring of one). */
function smallestGap(angles: number[]): number {
  if (angles.length < 2) return 2 * Math.PI;
  const sorted = [...angles].sort((a, b) => a - b);
  let gap = 2 * Math.PI - ((sorted.at(-1) as number) - (sorted[0] as number));
  for (let i = 1; i < sorted.length; i += 1) gap = Math.min(gap, (sorted[i] as number) - (sorted[i - 1] as number));
  return gap;
}

export interface RingOptions {
  /** Distance between neighbouring new nodes along a ring, in model pixels. */
  spacing?: number;
  /** Radius of the first ring. */
  innerRadius?: number;
}

/**
 * Positions for `count` new nodes around `anchor`. With `awayFrom` the nodes fan out on arcs of at most
 * half a circle pointing away from that point (the graph's centre), so an expansion grows outward instead
 * of on top of what is already drawn; without it they go all round. A ring that is full spills into the
 * next, wider one.
 */
export function ringPositions(
  anchor: Position,
  count: number,
  awayFrom?: Position,
  { spacing = 48, innerRadius = 110 }: RingOptions = {},
): Position[] {
  const dx = awayFrom ? anchor.x - awayFrom.x : 0;
  const dy = awayFrom ? anchor.y - awayFrom.y : 0;
  const directed = Math.hypot(dx, dy) > 1;
  const heading = directed ? Math.atan2(dy, dx) : -Math.PI / 2;
  const maxArc = directed ? Math.PI : 2 * Math.PI;

  const positions: Position[] = [];
  for (let ring = 0; positions.length < count; ring += 1) {
    const radius = innerRadius + ring * spacing * 1.5;
    const capacity = directed
      ? Math.floor((maxArc * radius) / spacing) + 1 // both ends of the arc are used
      : Math.floor((maxArc * radius) / spacing);
    const n = Math.min(capacity, count - positions.length);

    if (!directed && n === capacity) {
      // A full circle: spread evenly, no doubled node where the circle closes.
      for (let i = 0; i < n; i += 1) positions.push(polar(anchor, radius, heading + (2 * Math.PI * i) / n));
      continue;
    }
    // A partial ring: keep the nodes `spacing` apart and centred on the heading.
    const arc = n > 1 ? Math.min(maxArc, ((n - 1) * spacing) / radius) : 0;
    for (let i = 0; i < n; i += 1) {
      const angle = n > 1 ? heading - arc / 2 + (arc * i) / (n - 1) : heading;
      positions.push(polar(anchor, radius, angle));
    }
  }
  return positions;
}

function polar(origin: Position, radius: number, angle: number): Position {
  return { x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle) };
}

/** Zoom above which a fitted graph would just look blown up (a handful of nodes filling the screen). */
const MAX_FIT_ZOOM = 1.5;

/** Fits the whole graph in view, but never magnifies a small graph beyond MAX_FIT_ZOOM. */
export function fitGraph(cy: Core, padding = 40): void {
  cy.fit(undefined, padding);
  if (cy.zoom() > MAX_FIT_ZOOM) {
    cy.zoom(MAX_FIT_ZOOM);
    cy.center();
  }
}

/**
 * Brings `eles` into view if any part is off screen, moving the viewport as little as possible: a pan
 * when they fit at the current zoom, otherwise zooming out just enough and centring on them. Never
 * zooms in, so an investigator's chosen zoom is not taken away from them.
 */
export function reveal(cy: Core, eles: Collection, padding = 40): void {
  const box = eles.renderedBoundingBox();
  const width = cy.width();
  const height = cy.height();
  const dx = shift(box.x1, box.x2, width, padding);
  const dy = shift(box.y1, box.y2, height, padding);
  if (dx === 0 && dy === 0) return;

  const fits = box.w <= width - 2 * padding && box.h <= height - 2 * padding;
  if (fits) {
    cy.animate({ panBy: { x: dx, y: dy } }, { duration: 250 });
    return;
  }
  const fitZoom = cy.zoom() * Math.min((width - 2 * padding) / box.w, (height - 2 * padding) / box.h);
  cy.animate({ zoom: Math.max(cy.minZoom(), fitZoom), center: { eles } }, { duration: 250 });
}

/** How far to move [lo, hi] (rendered pixels) so it sits inside [padding, size - padding]; 0 if it does. */
function shift(lo: number, hi: number, size: number, padding: number): number {
  if (lo < padding) return padding - lo;
  if (hi > size - padding) return size - padding - hi;
  return 0;
}
