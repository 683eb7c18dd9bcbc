/**
 * FollowTheMoney import and export against the real Neo4j and Redis: the fixture (test/fixtures/ftm/
 * sample.ftm.jsonl, its ids tagged per run) through the real worker, its nodes, edges and rejects; a re-import
 * that changes nothing; the export API and CLI on what it loaded, and the export loaded back.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { projectRoot } from '../../core/config';
import type { JobOutcome } from '../../core/imports';
import { openHarness, Harness, snapshotImport, testApp, uniqueTag } from '../support/harness';

let h: Harness;
let app: Express;
const tag = uniqueTag().toLowerCase();
/** A fixture id as this run writes it. */
const fx = (id: string) => `osx-${tag}-${id}`;
const imports: string[] = [];
let file = '';
let importId = '';

const completed = (o: JobOutcome) => {
  if (o.state !== 'completed') throw new Error(`import failed: ${o.reason}`);
  imports.push(o.result.importId);
  return o.result;
};

beforeAll(async () => {
  h = await openHarness('ftm');
  // Batches of 2: the Ownership on line 1 is in another batch than its owner (line 3), so only reading
  // relationships in a second pass links it; the passes meet in a mixed batch.
  await h.startWorker({ INGEST_BATCH_SIZE: 2 });
  app = testApp(h);
  file = path.join(h.dataDir, 'sample.ftm.jsonl');
  fs.writeFileSync(file, fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'ftm', 'sample.ftm.jsonl'), 'utf8').replaceAll('"osx-', `"osx-${tag}-`));
  importId = completed(await h.importFile('ftm', file)).importId;
}, 120_000);

afterAll(async () => {
  if (h && imports.length) await h.deleteImported(imports);
  await h?.close();
}, 120_000);

describe('importing FtM JSON lines', () => {
  it('loads entities and relationships, whatever their order, and reports the lines it could not load', async () => {
    const [i] = await h.query('MATCH (i:Import {id: $id}) RETURN i.rowsRead AS read, i.rowsWritten AS written, i.rowsRejected AS rejected, i.rejectsPath AS path', { id: importId });
    expect(i).toMatchObject({ read: 17, written: 12, rejected: 5 });
    const rejects = fs.readFileSync(String(i!.path), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 2).join(':')).sort();
    expect(rejects).toEqual(['13:properties.entity', '15:schema', '16:properties.name', '17:*', '9:properties.director']);
    const report = fs.readFileSync(String(i!.path), 'utf8');
    expect(report).toContain('Family entities are not loaded');
    expect(report).toContain('only persons are officers');
    expect(report).toContain(`${fx('co-not-in-this-file')}`);
    expect(report).toMatch(/17,\*,not valid JSON/);
  });

  it('writes companies and persons under co-ftm-/pe-ftm- ids with their FtM id, names, aliases, identifiers and country', async () => {
    const rows = await h.query(
      `MATCH (n:Entity) WHERE $imp IN n.importIds AND (n:Company OR n:Person)
       RETURN n.id AS id, [l IN labels(n) WHERE l IN ['Company', 'Person']][0] AS kind, n.ftmId AS ftmId, n.name AS name, n.aliases AS aliases,
              n.country AS country, n.address AS address, n.identifiers AS identifiers, n.nameRank AS nameRank,
              [(n)-[:LOCATED_IN]->(c:Country) | c.id] AS located ORDER BY id`,
      { imp: importId },
    );
    expect(rows.map((r) => r.id)).toEqual([
      `co-ftm-${fx('co-tianshan-cotton')}`, `co-ftm-${fx('le-volga-fibre')}`, `co-ftm-${fx('org-meridian')}`, `co-ftm-${fx('org-tianshan-group')}`,
      `pe-ftm-${fx('pe-li-wen')}`, `pe-ftm-${fx('pe-sergei-petrov')}`,
    ]);
    expect(rows[0]).toEqual({
      id: `co-ftm-${fx('co-tianshan-cotton')}`, kind: 'Company', ftmId: fx('co-tianshan-cotton'),
      name: 'Xinjiang Tianshan Ridge Cotton Co., Ltd.',
      aliases: expect.arrayContaining(['新疆天山岭棉业有限公司', 'Tianshan Ridge Cotton', '天山岭棉业', 'Aksu Ridge Cotton Trading Co., Ltd.']),
      country: 'CN', address: 'No. 8 Jiefang Road, Aksu, Xinjiang, China',
      identifiers: ['reg:652901000012345', 'uscc:91652901MA77RDG21X'], nameRank: 2, located: ['ct-CN'],
    });
    expect((rows[0]!.aliases as string[]).length).toBe(4);
    expect(rows[1]).toMatchObject({ kind: 'Company', country: 'RU', identifiers: ['duns:123456789', 'inn:7701234567', 'ogrn:1027700123456', 'swift:VOLGRUMM'] });
    expect(rows[4]).toMatchObject({ kind: 'Person', name: 'Li Wen', aliases: ['李文'], country: 'CN', located: ['ct-CN'] });
  });

  it('links owners, officers and sanctions by FtM id, with their properties and provenance', async () => {
    const edges = await h.query(
      `MATCH (a:Entity)-[r:OWNS|OFFICER_OF|LISTED]->(b:Entity) WHERE $imp IN r.importIds
       RETURN type(r) AS type, a.ftmId AS from, coalesce(b.ftmId, b.id) AS to, r.ftmId AS ftmId, r.percentage AS percentage, toString(r.startDate) AS start,
              r.role AS role, r.firstSeen IS NOT NULL AS seen ORDER BY type, from`,
      { imp: importId },
    );
    expect(edges).toEqual([
      { type: 'LISTED', from: fx('co-tianshan-cotton'), to: fx('sanction-cotton-bis'), ftmId: null, percentage: null, start: null, role: null, seen: true },
      { type: 'LISTED', from: fx('pe-sergei-petrov'), to: fx('sanction-petrov'), ftmId: null, percentage: null, start: null, role: null, seen: true },
      { type: 'OFFICER_OF', from: fx('pe-li-wen'), to: fx('co-tianshan-cotton'), ftmId: fx('dir-li-wen'), percentage: null, start: '2016-03-01', role: 'Legal representative', seen: true },
      { type: 'OWNS', from: fx('org-tianshan-group'), to: fx('co-tianshan-cotton'), ftmId: fx('own-holding-cotton'), percentage: 51, start: '2016-03-01', role: null, seen: true },
      // "2019" is a partial date: not kept.
      { type: 'OWNS', from: fx('pe-sergei-petrov'), to: fx('le-volga-fibre'), ftmId: fx('own-petrov-volga'), percentage: 100, start: null, role: null, seen: true },
    ]);
    const [entry] = await h.query('MATCH (l:ListEntry {id: $id}) RETURN l {.*, effectiveDate: toString(l.effectiveDate), firstSeen: null, lastSeen: null} AS l', { id: `le-ftm-${fx('sanction-cotton-bis')}` });
    expect(entry!.l).toMatchObject({
      program: 'SANCTION', name: 'Entity List', authority: 'U.S. Department of Commerce, Bureau of Industry and Security', effectiveDate: '2023-06-12',
      country: 'US', notes: 'Implicated in forced labour in cotton processing (sample record).', sourceUrl: 'https://example.org/osx/sanctions/cotton-bis',
      ftmId: fx('sanction-cotton-bis'), importIds: [importId],
    });
    const [missing] = await h.query('MATCH (l:ListEntry {id: $id}) RETURN count(l) AS n', { id: `le-ftm-${fx('sanction-missing')}` });
    expect(missing!.n).toBe(0);
  });

  it('changes nothing when the same file is loaded again', async () => {
    const before = await snapshotImport(h, importId);
    expect(before).toContain('Tianshan');
    const again = await h.importFile('ftm', file, { force: true });
    if (again.state !== 'completed') throw new Error(again.reason);
    expect(again.result).toMatchObject({ rowsRead: 17, rowsWritten: 12, rowsRejected: 5 });
    expect(await snapshotImport(h, importId)).toBe(before);
  });
});

type Ftm = { id: string; schema: string; properties: Record<string, string[]> };
const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Ftm);

/** Valid FtM for a reader: known schema names, non-empty string lists, every reference inside the export. */
function problems(entities: Ftm[]): string[] {
  const out: string[] = [];
  const ids = new Set(entities.map((e) => e.id));
  const refs: Record<string, string[]> = { Ownership: ['owner', 'asset'], Directorship: ['director', 'organization'], Sanction: ['entity'], UnknownLink: ['subject', 'object'] };
  for (const e of entities) {
    if (!['Company', 'Person', 'Vessel', 'RealEstate', 'Ownership', 'Directorship', 'Sanction', 'UnknownLink'].includes(e.schema)) out.push(`${e.id}: schema ${e.schema}`);
    if (typeof e.id !== 'string' || !/^[\w.:-]+$/.test(e.id)) out.push(`${e.id}: id`);
    for (const [k, v] of Object.entries(e.properties)) if (!Array.isArray(v) || !v.length || v.some((x) => typeof x !== 'string' || !x)) out.push(`${e.id}: ${k}`);
    for (const k of refs[e.schema] ?? []) if (!e.properties[k]?.length || e.properties[k]!.some((r) => !ids.has(r))) out.push(`${e.id}: ${k} does not resolve`);
  }
  if (ids.size !== entities.length) out.push('duplicate ids');
  return out;
}

describe('exporting FtM JSON lines', () => {
  const cotton = () => `co-ftm-${fx('co-tianshan-cotton')}`;

  it('streams the subgraph around an entity as valid FtM, reusing the FtM ids', async () => {
    const res = await request(app).get('/api/export/ftm').query({ ids: cotton(), depth: '1' }).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString('utf8')));
      r.on('end', () => cb(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['x-truncated']).toBe('false');
    const out = lines(res.body as string);
    expect(problems(out)).toEqual([]);
    // Depth 1 from the company: its owner, its officer and its sanction, with the links between them.
    expect(out.map((e) => `${e.schema}:${e.id}`).sort()).toEqual([
      `Company:${fx('co-tianshan-cotton')}`, `Company:${fx('org-tianshan-group')}`, `Directorship:${fx('dir-li-wen')}`,
      `Ownership:${fx('own-holding-cotton')}`, `Person:${fx('pe-li-wen')}`, `Sanction:${fx('sanction-cotton-bis')}`,
    ]);
    expect(out.find((e) => e.schema === 'Ownership')!.properties).toEqual({ owner: [fx('org-tianshan-group')], asset: [fx('co-tianshan-cotton')], percentage: ['51'], startDate: ['2016-03-01'] });
    expect(out.find((e) => e.schema === 'Sanction')!.properties).toMatchObject({ entity: [fx('co-tianshan-cotton')], program: ['Entity List'], startDate: ['2023-06-12'] });
    expect(out.find((e) => e.id === fx('co-tianshan-cotton'))!.properties).toMatchObject({ country: ['cn'], registrationNumber: ['652901000012345'], uscCode: ['91652901MA77RDG21X'] });
  });

  it('is bounded by limit and says so', async () => {
    const res = await request(app).get('/api/export/ftm').query({ ids: cotton(), depth: '3', limit: '2' });
    expect(res.status).toBe(200);
    expect(res.headers['x-truncated']).toBe('true');
    const out = lines(res.text);
    // Two nodes: the company and one neighbour (a Sanction when it is the listing), and only the links between them.
    expect(out.filter((e) => ['Company', 'Person', 'Sanction'].includes(e.schema))).toHaveLength(2);
    expect(out[0]!.id).toBe(fx('co-tianshan-cotton'));
    expect(problems(out)).toEqual([]);
  });

  it('answers 400 for bad parameters and 404 for an unknown id', async () => {
    for (const query of [{}, { ids: '' }, { ids: cotton(), depth: '4' }, { ids: cotton(), depth: 'x' }, { ids: cotton(), limit: '0' }, { ids: 'bad id!' }]) {
      const res = await request(app).get('/api/export/ftm').query(query);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid');
    }
    const res = await request(app).get('/api/export/ftm').query({ ids: `${cotton()},co-ftm-${tag}-nobody` });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(`co-ftm-${tag}-nobody`);
  });

  it('round trip: exports what the import created as valid FtM, which loads back without a reject or a new node', async () => {
    const ids = (await h.query('MATCH (n:Entity) WHERE $imp IN n.importIds AND (n:Company OR n:Person) RETURN n.id AS id', { imp: importId })).map((r) => String(r.id));
    const res = await request(app).get('/api/export/ftm').query({ ids: ids.join(','), depth: '1' });
    expect(res.status).toBe(200);
    const out = lines(res.text);
    expect(problems(out)).toEqual([]);
    // Everything the file loaded, and nothing else.
    expect(out.map((e) => e.id).sort()).toEqual(
      ['co-tianshan-cotton', 'org-tianshan-group', 'le-volga-fibre', 'org-meridian', 'pe-li-wen', 'pe-sergei-petrov', 'own-holding-cotton', 'own-petrov-volga', 'dir-li-wen', 'sanction-cotton-bis', 'sanction-petrov'].map(fx).sort(),
    );
    const exported = path.join(h.dataDir, 'exported.ftm.json');
    fs.writeFileSync(exported, res.text);
    const back = completed(await h.importFile('ftm', exported));
    expect(back).toMatchObject({ rowsRead: out.length, rowsWritten: out.length, rowsRejected: 0 });
    const [fresh] = await h.query('MATCH (n:Entity) WHERE $back IN n.importIds AND NOT $first IN n.importIds RETURN count(n) AS n', { back: back.importId, first: importId });
    expect(fresh!.n).toBe(0);
  });

  it('the CLI writes the same lines to a file, and exits 1 for an unknown id and 2 for bad usage', () => {
    const out = path.join(h.dataDir, 'cli.ftm.json');
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export-ftm.ts', ...args], { cwd: projectRoot, env: process.env, encoding: 'utf8', timeout: 60_000 });
    const ok = run(cotton(), '--depth', '1', '--out', out);
    expect(ok.stderr).toMatch(/6 entities written to/);
    expect(ok.status).toBe(0);
    expect(lines(fs.readFileSync(out, 'utf8')).map((e) => e.id).sort()).toEqual(
      ['co-tianshan-cotton', 'org-tianshan-group', 'dir-li-wen', 'own-holding-cotton', 'pe-li-wen', 'sanction-cotton-bis'].map(fx).sort(),
    );
    expect(run(`co-ftm-${tag}-nobody`).status).toBe(1);
    expect(run(cotton(), '--depth', '9').status).toBe(2);
  }, 120_000);
});
