/**
 * POST /api/screen against the real Neo4j, with the real UFLPA list and a small tagged registry extract
 * loaded through the real ingest path: the manifest spelling of a listed company, identifiers, countries,
 * hostile names, and the limits of the request.
 */
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { projectRoot } from '../../core/config';
import { companyColumns } from '../../domain/sources/companies';
import { openHarness, Harness, testApp, uniqueTag, writeCsv } from '../support/harness';

let h: Harness;
let app: Express;
const tag = uniqueTag();
// An 18-character unified social credit code unique to this run (the tag is T + 8 hex digits).
const uscc = `91${tag}00000000`.slice(0, 18);
const textile = `${tag} Golden Cotton Textile Co., Ltd`;
const trading = `${tag} Golden Cotton Trading Co., Ltd`;
const created: string[] = [];

beforeAll(async () => {
  h = await openHarness('screen');
  await h.startWorker();
  app = testApp(h);
  // The UFLPA list is shared by every test and left in place.
  const list = await h.importFile('uflpa', path.join(projectRoot, 'data', 'lists', 'dhs_uflpa.json'));
  if (list.state !== 'completed') throw new Error(list.reason);
  const row = (id: string, name: string, aliases: string, country: string, usccValue: string) =>
    companyColumns.map((c) => ({ id, name, aliases, country, uscc: usccValue } as Record<string, string>)[c] ?? '');
  const file = writeCsv(h.dataDir, 'companies.csv', [...companyColumns], [
    row(`${tag}-1`, textile, `${tag} Jin Mian Fangzhi`, 'CN', uscc),
    row(`${tag}-2`, trading, '', 'CN', ''),
  ]);
  const loaded = await h.importFile('companies', file);
  if (loaded.state !== 'completed') throw new Error(loaded.reason);
  expect(loaded.result).toMatchObject({ rowsWritten: 2, rowsRejected: 0 });
  created.push(loaded.result.importId);
}, 120_000);

afterAll(async () => {
  if (h) await h.deleteImported(created);
  await h?.close();
});

const screen = (body: unknown) => request(app).post('/api/screen').send(body as object);

describe('POST /api/screen', () => {
  it('finds the listed Hoshine company from the manifest spelling, with match=true and the reasons', async () => {
    const res = await screen({ queries: { hoshine: { name: 'HOSHINE SILICON INDUSTRY SHANSHAN CO LTD' } } });
    expect(res.status).toBe(200);
    const { query, results } = res.body.responses.hoshine;
    expect(query).toEqual({ name: 'HOSHINE SILICON INDUSTRY SHANSHAN CO LTD', country: null, identifiers: [] });
    expect(results[0]).toMatchObject({ kind: 'Company', country: 'CN', listed: true, match: true, score: 1, features: { name: 1 } });
    expect(results[0].name).toMatch(/^Hoshine Silicon Industry \(Shanshan\)/);
    expect(results[0].programs).toContain('UFLPA');
    expect(results[0].explanation).toMatch(/identical after normalisation/);
    expect(res.body).toMatchObject({ threshold: 0.7, limit: 5 });
  });

  it('answers several queries at once, each under its own key', async () => {
    const res = await screen({ queries: { a: { name: textile, country: 'China' }, b: { name: 'Xinjiang Daqo New Energy Co Ltd' } } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.responses).sort()).toEqual(['a', 'b']);
    expect(res.body.responses.a.query.country).toBe('CN');
    expect(res.body.responses.a.results[0]).toMatchObject({ name: textile, listed: false, match: true, features: { country: 1 } });
    expect(res.body.responses.b.results[0]).toMatchObject({ listed: true, match: true });
  });

  it('decides on a shared identifier even when the name differs', async () => {
    const res = await screen({ queries: { q: { name: `${tag} Some Other Name`, identifiers: [`uscc:${uscc.toLowerCase()}`] } } });
    expect(res.status).toBe(200);
    const top = res.body.responses.q.results[0];
    expect(top).toMatchObject({ name: textile, score: 1, match: true, features: { identifier: 1 } });
    expect(top.explanation).toMatch(/shared identifier/);
  });

  it('scores a country mismatch lower than a country match', async () => {
    const name = `${tag} Golden Cotton Textile`;
    const res = await screen({ queries: { cn: { name, country: 'CN' }, vn: { name, country: 'Viet Nam' } } });
    expect(res.status).toBe(200);
    const pick = (key: string) => res.body.responses[key].results.find((r: { name: string }) => r.name === textile);
    expect(pick('cn').features.country).toBe(1);
    expect(pick('vn').features.country).toBe(0);
    expect(pick('vn').score).toBeLessThan(pick('cn').score);
  });

  it('respects limit and threshold', async () => {
    const name = `${tag} Golden Cotton`;
    const wide = await screen({ queries: { q: { name } }, limit: 5, cutoff: 0 });
    const ours = wide.body.responses.q.results.filter((r: { name: string }) => r.name.startsWith(tag));
    expect(ours).toHaveLength(2);
    const narrow = await screen({ queries: { q: { name } }, limit: 1, cutoff: 0 });
    expect(narrow.body.responses.q.results).toHaveLength(1);
    expect(narrow.body.responses.q.results[0].id).toBe(wide.body.responses.q.results[0].id);
    const strict = await screen({ queries: { q: { name } }, threshold: 1, cutoff: 0 });
    expect(strict.body.threshold).toBe(1);
    expect(strict.body.responses.q.results.length).toBeGreaterThan(0);
    expect(strict.body.responses.q.results.every((r: { score: number; match: boolean }) => r.match === (r.score >= 1))).toBe(true);
    expect(strict.body.responses.q.results.some((r: { match: boolean }) => !r.match)).toBe(true);
  });

  it('treats Lucene and Cypher special characters as plain text', async () => {
    const queries = {
      quote: { name: `"${tag} Golden Cotton Textile` },
      fuzzy: { name: `${tag}~ Golden~2 Cotton^3 Textile` },
      field: { name: `name:${tag} Golden:Cotton Textile` },
      bool: { name: `${tag} AND (Golden OR Cotton) NOT Textile` },
      cypher: { name: 'MATCH (n) DETACH DELETE n' },
      injection: { name: `${tag}' }) MATCH (n) DETACH DELETE n //` },
      only: { name: '"~:*?\\/[]{}' },
    };
    const res = await screen({ queries });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.responses).sort()).toEqual(Object.keys(queries).sort());
    for (const key of ['quote', 'fuzzy', 'field']) expect(res.body.responses[key].results[0].name).toBe(textile);
    expect(res.body.responses.only.results).toEqual([]);
    // Nothing was deleted: the tagged companies are all still there.
    const [row] = await h.query('MATCH (c:Company) WHERE c.name STARTS WITH $tag RETURN count(c) AS n', { tag });
    expect(row!.n).toBe(2);
  });

  it('rejects 101 queries, naming the problem', async () => {
    const queries = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, { name: `Name ${i}` }]));
    const res = await screen({ queries });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/queries: holds more than 100 queries/);
  });

  it.each([
    ['no queries', { queries: {} }, /queries: must hold at least one query/],
    ['no body', undefined, /queries: is required/],
    ['a missing name', { queries: { a: { country: 'CN' } } }, /queries\.a\.name: is required/],
    ['a blank name', { queries: { a: { name: '   ' } } }, /queries\.a\.name: is required/],
    ['a name over 300 characters', { queries: { a: { name: 'x'.repeat(301) } } }, /queries\.a\.name: is longer than 300/],
    ['an unknown country', { queries: { a: { name: 'Acme', country: 'Atlantis' } } }, /queries\.a\.country: "Atlantis" is not a known country/],
    ['a malformed identifier', { queries: { a: { name: 'Acme', identifiers: ['12345'] } } }, /queries\.a\.identifiers\.0: must be scheme:value/],
    ['an unknown field', { queries: { a: { name: 'Acme', contry: 'CN' } } }, /queries\.a.*contry/],
    ['threshold above 1', { queries: { a: { name: 'Acme' } }, threshold: 1.5 }, /threshold: must be at most 1/],
    ['limit 0', { queries: { a: { name: 'Acme' } }, limit: 0 }, /limit: must be at least 1/],
    ['limit 2.5', { queries: { a: { name: 'Acme' } }, limit: 2.5 }, /limit: must be a whole number/],
  ])('rejects %s with a 400', async (_what, body, message) => {
    const res = await screen(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    expect(res.body.error.message).toMatch(message);
  });
});
