/**
 * GET /api/graph/paths against the real Neo4j, on a small tagged supply chain loaded through the real
 * ingest path (shipments, then the derive job's SUPPLIES edges):
 *
 *   A -> B -> C -> D   and   A -> X -> C      (shipper -> consignee)
 *
 * so A to D is 3 hops by two equally short routes, and A to C is 2 hops by the same two.
 */
import request from 'supertest';
import type { Express } from 'express';
import { companyId } from '../../domain/ids';
import { shipmentColumnsV1 } from '../../domain/rows';
import { openHarness, Harness, testApp, uniqueTag, writeCsv } from '../support/harness';

let h: Harness;
let app: Express;
const tag = uniqueTag();
const names = { A: `${tag} ALPHA POLYSILICON`, B: `${tag} BETA WAFERS`, C: `${tag} GAMMA CELLS`, D: `${tag} DELTA SOLAR`, X: `${tag} XRAY WAFERS` };
const country = { A: 'CN', B: 'CN', C: 'VN', D: 'US', X: 'MY' } as const;
type Key = keyof typeof names;
const id = (k: Key) => companyId(names[k], country[k]);
let created = '';

beforeAll(async () => {
  h = await openHarness('paths');
  await h.startWorker();
  app = testApp(h);
  const legs: [Key, Key, string][] = [['A', 'B', '2024-01-05'], ['B', 'C', '2024-02-05'], ['C', 'D', '2024-03-05'], ['A', 'X', '2024-01-07'], ['X', 'C', '2024-02-07']];
  const file = writeCsv(h.dataDir, 'shipments.csv', [...shipmentColumnsV1], legs.map(([s, c, date], i) => [
    `${tag}-${i}`, date, names[s], country[s], names[c], country[c], '', '', '854143', 'SOLAR PARTS', 'Port A', 'Port B', '1000',
  ]));
  const loaded = await h.importFile('shipments', file);
  if (loaded.state !== 'completed') throw new Error(loaded.reason);
  created = loaded.result.importId;
}, 120_000);

afterAll(async () => {
  if (h && created) await h.deleteImported([created]);
  await h?.close();
});

const paths = (query: Record<string, string | number>) => request(app).get('/api/graph/paths').query(query);

describe('GET /api/graph/paths', () => {
  it('finds every shortest path of a 3-hop chain, with its nodes and edges as Cytoscape elements', async () => {
    const res = await paths({ from: id('A'), to: id('D'), maxHops: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: id('A'), to: id('D'), maxHops: 3, paths: 2, hops: 3, truncated: false });
    const routes = (res.body.routes as { hops: number; nodes: string[] }[]).map((r) => r.nodes).sort();
    expect(routes).toEqual([[id('A'), id('B'), id('C'), id('D')], [id('A'), id('X'), id('C'), id('D')]].sort());
    const nodes = res.body.elements.nodes.map((n: { data: { id: string } }) => n.data.id).sort();
    expect(nodes).toEqual((['A', 'B', 'C', 'D', 'X'] as Key[]).map(id).sort());
    expect(res.body.elements.nodes.find((n: { data: { id: string } }) => n.data.id === id('D')).data).toMatchObject({ label: names.D, kind: 'Company', country: 'US', listed: false });
    const edges = res.body.elements.edges.map((e: { data: { id: string } }) => e.data.id).sort();
    const supplies = (s: Key, t: Key) => `SUPPLIES:${id(s)}:${id(t)}`;
    expect(edges).toEqual([supplies('A', 'B'), supplies('B', 'C'), supplies('C', 'D'), supplies('A', 'X'), supplies('X', 'C')].sort());
    // Every path's edges are among the elements, with their real direction.
    for (const route of res.body.routes as { edges: string[] }[]) expect(edges).toEqual(expect.arrayContaining(route.edges));
    expect(res.body.elements.edges.find((e: { data: { id: string } }) => e.data.id === supplies('C', 'D')).data).toEqual({ id: supplies('C', 'D'), source: id('C'), target: id('D'), type: 'SUPPLIES' });
  });

  it('walks relationships in either direction', async () => {
    const res = await paths({ from: id('D'), to: id('B') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ paths: 1, hops: 2, maxHops: 4 });
    expect(res.body.routes[0].nodes).toEqual([id('D'), id('C'), id('B')]);
  });

  it('answers 200 with no path when maxHops is shorter than the shortest path', async () => {
    const res = await paths({ from: id('A'), to: id('D'), maxHops: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ paths: 0, hops: null, routes: [], elements: { nodes: [], edges: [] } });
  });

  it.each([
    ['maxHops 0', { maxHops: 0 }, /maxHops: must be at least 1/],
    ['maxHops 7', { maxHops: 7 }, /maxHops: must be at most 6/],
    ['maxHops abc', { maxHops: 'abc' }, /maxHops: must be a whole number/],
    ['a malformed id', { from: 'bad id!' }, /from: is not a valid entity id/],
  ])('rejects %s with a 400', async (_what, override, message) => {
    const res = await paths({ from: id('A'), to: id('D'), ...override });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('rejects from equal to to with a 400', async () => {
    const res = await paths({ from: id('A'), to: id('A') });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/to: must differ from from/);
  });

  it('rejects a missing from with a 400', async () => {
    const res = await request(app).get('/api/graph/paths').query({ to: id('A') });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/from: is required/);
  });

  it('answers 404 naming an unknown id', async () => {
    const res = await paths({ from: id('A'), to: `co-${tag}-missing` });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(new RegExp(`co-${tag}-missing`));
  });
});
