/**
 * The API against the real Neo4j and Redis, with data loaded through the real ingest path: the UFLPA
 * list and a small manifest that names a listed company the way manifests spell it.
 */
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { createDriver } from '../../core/neo4j';
import { createRedis } from '../../core/redis';
import { ingestQueue } from '../../core/imports';
import { projectRoot } from '../../core/config';
import { shipmentColumnsV1 } from '../../domain/rows';
import { openHarness, Harness, testApp, uniqueTag, writeCsv } from '../support/harness';

let h: Harness;
let app: Express;
const tag = uniqueTag();
const importer = `${tag} SUNRISE SOLAR INC`;
let manifestImport = '';
let rejectsImport = '';

beforeAll(async () => {
  h = await openHarness('api');
  await h.startWorker();
  app = testApp(h);
  const list = await h.importFile('uflpa', path.join(projectRoot, 'data', 'lists', 'dhs_uflpa.json'));
  expect(list.state).toBe('completed');
  const manifest = writeCsv(h.dataDir, 'manifest.csv', [...shipmentColumnsV1], [
    [`${tag}-1`, '2024-03-05', 'HOSHINE SILICON INDUSTRY SHANSHAN CO LTD', 'CN', `${tag} MODULE WORKS CO LTD`, 'VN', '', '', '280461', 'POLYSILICON', 'Shanghai', 'Haiphong', '20000'],
    [`${tag}-2`, '2024-05-01', `${tag} MODULE WORKS CO LTD`, 'VN', importer, 'US', '', '', '854143', 'SOLAR MODULES', 'Haiphong', 'Long Beach', '9000'],
  ]);
  const loaded = await h.importFile('shipments', manifest);
  if (loaded.state !== 'completed') throw new Error(loaded.reason);
  manifestImport = loaded.result.importId;
  const withRejects = await h.importFile('shipments', path.join(projectRoot, 'test', 'fixtures', 'bad', 'wrong-type.csv'), { force: true });
  if (withRejects.state !== 'completed') throw new Error(withRejects.reason);
  rejectsImport = withRejects.result.importId;
}, 120_000);

afterAll(async () => {
  await h?.deleteImported([manifestImport, rejectsImport].filter(Boolean));
  await h?.close();
});

async function searchFirst(q: string) {
  const res = await request(app).get('/api/search').query({ q });
  expect(res.status).toBe(200);
  return res.body.results[0];
}

describe('GET /api/health', () => {
  it('reports both parts up', async () => {
    const res = await request(app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', neo4j: 'up', redis: 'up' });
  });

  it('answers 503 naming Neo4j when Neo4j is down', async () => {
    const deadDriver = createDriver({ ...h.cfg, NEO4J_URI: 'bolt://127.0.0.1:1' }, { maxRetryMs: 500 });
    const sick = testApp(h, { driver: deadDriver, queryTimeoutMs: 2_000 });
    const res = await request(sick).get('/api/health');
    await deadDriver.close();
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'unavailable', neo4j: 'down', redis: 'up', error: { code: 'unavailable' } });
    expect(res.body.error.message).toMatch(/neo4j/);
  }, 15_000);

  it('answers a query against a Neo4j that is down with a 503, not a 500 or a hang', async () => {
    const deadDriver = createDriver({ ...h.cfg, NEO4J_URI: 'bolt://127.0.0.1:1' }, { maxRetryMs: 500 });
    const sick = testApp(h, { driver: deadDriver, queryTimeoutMs: 2_000 });
    const res = await request(sick).get('/api/search').query({ q: 'hoshine' });
    await deadDriver.close();
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/^Neo4j is unavailable/) });
  }, 15_000);

  it('answers 503 naming Redis when Redis is down', async () => {
    const deadRedis = createRedis('redis://127.0.0.1:1');
    const sick = testApp(h, { redis: deadRedis, queryTimeoutMs: 2_000 });
    const res = await request(sick).get('/api/health');
    deadRedis.disconnect();
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ neo4j: 'up', redis: 'down' });
    expect(res.body.error.message).toMatch(/redis/);
  });

  it('answers import actions with a 503 naming Redis when the queue is unreachable, not a 500', async () => {
    const deadRedis = createRedis('redis://127.0.0.1:1');
    const deadQueue = ingestQueue(deadRedis, h.prefix);
    // The queue reports its connection errors as events; here they are expected.
    deadQueue.on('error', () => undefined);
    const sick = testApp(h, { queue: deadQueue, queryTimeoutMs: 2_000 });
    const id = 'imp-shipments-0123456789abcdef';
    for (const res of [await request(sick).post(`/api/imports/${id}/cancel`), await request(sick).post(`/api/imports/${id}/retry`)]) {
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/^Redis is unavailable/) });
    }
    deadRedis.disconnect();
  });
});

describe('GET /api/search', () => {
  it('finds a listed company by its manifest spelling, under its list name', async () => {
    const hit = await searchFirst('HOSHINE SILICON INDUSTRY SHANSHAN CO LTD');
    expect(hit).toMatchObject({ kind: 'Company', country: 'CN', listed: true });
    expect(hit.name).toMatch(/^Hoshine Silicon Industry \(Shanshan\) Co\., Ltd/);
  });

  it('matches aliases and ignores case and punctuation', async () => {
    const hit = await searchFirst('hotan haolin HAIR accessories!!');
    expect(hit.name).toBe('Hetian Haolin Hair Accessories Co. Ltd');
    expect(hit.aliases).toContain('Hotan Haolin Hair Accessories');
  });

  it('finds an unlisted manifest company and says it is not listed', async () => {
    const hit = await searchFirst(importer.toLowerCase());
    expect(hit).toMatchObject({ name: importer, country: 'US', listed: false });
  });

  it.each(['"unbalanced', 'hoshine AND (', 'a:b OR c~', 'xinjiang^10 [a TO z]', '\\', '*?', 'name:/.*/', "' OR 1=1 //", 'MATCH (n) DETACH DELETE n'])(
    'never fails with a 5xx on %s',
    async (q) => {
      const res = await request(app).get('/api/search').query({ q });
      expect([200, 400]).toContain(res.status);
      if (res.status === 400) expect(res.body.error.code).toBe('invalid');
      else expect(Array.isArray(res.body.results)).toBe(true);
    },
  );

  it.each([
    [{}, 'q: is required'],
    [{ q: '' }, 'q: is required'],
    [{ q: 'x'.repeat(201) }, 'q: is longer than 200 characters'],
    [{ q: 'cotton', limit: '0' }, 'limit: must be at least 1'],
    [{ q: 'cotton', limit: 'ten' }, 'limit: must be a whole number from 1 to 50'],
  ])('answers 400 for %o', async (query, message) => {
    const res = await request(app).get('/api/search').query(query);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(expect.objectContaining({ code: 'invalid', message }));
  });
});

describe('GET /api/entities/:id', () => {
  it('returns the entity with its listings', async () => {
    const hit = await searchFirst('Hoshine Silicon Shanshan');
    const res = await request(app).get(`/api/entities/${hit.id}`);
    expect(res.status).toBe(200);
    expect(res.body.entity).toMatchObject({ id: hit.id, kind: 'Company', listed: true });
    expect(res.body.entity.listings[0]).toMatchObject({ program: 'UFLPA', effectiveDate: '2022-06-21' });
    // The manifest spelling is kept as an alias of the listed company.
    expect(res.body.entity.properties.aliases).toContain('HOSHINE SILICON INDUSTRY SHANSHAN CO LTD');
    expect(res.body.entity.properties.importIds.length).toBeGreaterThanOrEqual(2);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await request(app).get('/api/entities/co-doesnotexist')).status).toBe(404);
    const bad = await request(app).get(`/api/entities/${encodeURIComponent('x) DETACH DELETE (n')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid');
  });
});

describe('GET /api/entities/:id/neighborhood', () => {
  it('returns Cytoscape elements reaching three hops upstream of the importer', async () => {
    const hit = await searchFirst(importer);
    const res = await request(app).get(`/api/entities/${hit.id}/neighborhood`).query({ depth: 3 });
    expect(res.status).toBe(200);
    const { nodes, edges } = res.body.elements;
    const ids = new Set(nodes.map((n: { data: { id: string } }) => n.data.id));
    expect(res.body.center).toBe(hit.id);
    // importer <- shipment 2 <- module works <- shipment 1 is three hops.
    expect(nodes.map((n: { data: { label: string } }) => n.data.label)).toEqual(expect.arrayContaining([importer, `${tag} MODULE WORKS CO LTD`, `${tag}-2 · 2024-05-01`]));
    for (const e of edges) {
      expect(ids.has(e.data.source) && ids.has(e.data.target)).toBe(true);
      expect(['SHIPPED', 'CONSIGNED_TO', 'NOTIFY', 'LISTED']).toContain(e.data.type);
    }
  });

  it('reaches the listed company two hops upstream of the middle tier', async () => {
    const hit = await searchFirst(`${tag} MODULE WORKS`);
    const res = await request(app).get(`/api/entities/${hit.id}/neighborhood`).query({ depth: 2 });
    const listed = res.body.elements.nodes.filter((n: { data: { listed: boolean; kind: string } }) => n.data.listed && n.data.kind === 'Company');
    expect(listed.map((n: { data: { label: string } }) => n.data.label)).toEqual([expect.stringMatching(/^Hoshine Silicon/)]);
  });

  it('returns every edge among the nodes it keeps', async () => {
    // The middle tier: shipment 1 in, shipment 2 out, each with its other company: 5 nodes, 4 edges.
    const hit = await searchFirst(`${tag} MODULE WORKS`);
    const res = await request(app).get(`/api/entities/${hit.id}/neighborhood`).query({ depth: 2 });
    const nonList = res.body.elements.nodes.filter((n: { data: { kind: string } }) => n.data.kind !== 'ListEntry');
    expect(nonList).toHaveLength(5);
    const types = res.body.elements.edges.filter((e: { data: { type: string } }) => e.data.type !== 'LISTED').map((e: { data: { type: string } }) => e.data.type).sort();
    expect(types).toEqual(['CONSIGNED_TO', 'CONSIGNED_TO', 'SHIPPED', 'SHIPPED']);
  });

  it('stops at the node limit and says it truncated', async () => {
    const hit = await searchFirst(`${tag} MODULE WORKS`);
    const res = await request(app).get(`/api/entities/${hit.id}/neighborhood`).query({ depth: 3, limit: 2 });
    expect(res.status).toBe(200);
    expect(res.body.elements.nodes).toHaveLength(2);
    expect(res.body.truncated).toBe(true);
  });

  it.each([
    [{ depth: '4' }, 'depth: must be at most 3'],
    [{ depth: '0' }, 'depth: must be at least 1'],
    [{ depth: 'deep' }, 'depth: must be a whole number from 1 to 3'],
    [{ limit: '501' }, 'limit: must be at most 500'],
    [{ limit: '-1' }, 'limit: must be at least 1'],
  ])('answers 400 for %o', async (query, message) => {
    const hit = await searchFirst(importer);
    const res = await request(app).get(`/api/entities/${hit.id}/neighborhood`).query(query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
  });

  it('answers 404 for an unknown centre', async () => {
    expect((await request(app).get('/api/entities/co-nothing/neighborhood')).status).toBe(404);
  });
});

describe('GET /api/imports', () => {
  it('lists imports newest first with their counts', async () => {
    const res = await request(app).get('/api/imports').query({ limit: 200 });
    expect(res.status).toBe(200);
    const mine = res.body.imports.find((i: { id: string }) => i.id === manifestImport);
    expect(mine).toMatchObject({ kind: 'shipments', fileName: 'manifest.csv', status: 'completed', rowsWritten: 2, rowsRejected: 0, requestedBy: 'jest' });
    const times = res.body.imports.map((i: { firstLoadedAt: string }) => i.firstLoadedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('shows one import with its first rejects, without server paths', async () => {
    const res = await request(app).get(`/api/imports/${rejectsImport}`);
    expect(res.status).toBe(200);
    expect(res.body.import).toMatchObject({ id: rejectsImport, status: 'completed', rowsRead: 5, rowsWritten: 3, rowsRejected: 2 });
    expect(res.body.import.rejectsSample).toEqual([
      { line: 3, field: 'weight_kg', reason: 'must be a number', value: 'heavy' },
      { line: 5, field: 'hs_code', reason: 'must be 4 to 10 digits (dots allowed)', value: 'ABC' },
    ]);
    expect(res.body.import.rejectsPath).toBeUndefined();
  });

  it('serves the rejects report as CSV', async () => {
    const res = await request(app).get(`/api/imports/${rejectsImport}/rejects`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text.trim().split('\n')).toEqual(['line,field,reason,value', '3,weight_kg,must be a number,heavy', '5,hs_code,must be 4 to 10 digits (dots allowed),ABC']);
  });

  it('answers 404 for an unknown import and 400 for a malformed id or paging', async () => {
    expect((await request(app).get('/api/imports/imp-shipments-0000000000000000')).status).toBe(404);
    expect((await request(app).get('/api/imports/imp-shipments-0000000000000000/rejects')).status).toBe(404);
    const bad = await request(app).get('/api/imports/../../etc/passwd');
    expect([400, 404]).toContain(bad.status);
    expect((await request(app).get('/api/imports/not-an-id')).body.error.message).toBe('id: is not an import id (imp-<kind>-<16 hex>)');
    expect((await request(app).get('/api/imports').query({ limit: '0' })).body.error.message).toBe('limit: must be at least 1');
  });
});

describe('unknown API routes', () => {
  it('answer a JSON 404', async () => {
    const res = await request(app).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
