/**
 * An investigator's first minute, in real Chromium against the real API and database: search a listed
 * company by its manifest spelling, open its network, expand a node, and keep a screenshot.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, Browser, Page } from 'playwright-core';
import { projectRoot } from '../../core/config';
import { openHarness, Harness, testApp } from '../support/harness';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const artifacts = path.join(projectRoot, 'artifacts', 'e2e');

let h: Harness;
let server: Server;
let browser: Browser;
let page: Page;
let baseUrl: string;
const imports: string[] = [];

beforeAll(async () => {
  h = await openHarness('e2e');
  await h.startWorker();
  for (const [kind, file] of [['uflpa', 'data/lists/dhs_uflpa.json'], ['companies', 'test/fixtures/good/companies.csv'], ['shipments', 'test/fixtures/good/shipments.csv']] as const) {
    const outcome = await h.importFile(kind, path.join(projectRoot, file));
    if (outcome.state !== 'completed') throw new Error(`${file}: ${outcome.reason}`);
    imports.push(outcome.result.importId);
  }
  const app = testApp(h);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  fs.mkdirSync(artifacts, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await h?.deleteImported(imports.filter((i) => !i.startsWith('imp-uflpa')));
  await h?.close();
});

it('finds a listed company by its manifest spelling and shows its supply chain', async () => {
  await page.goto(baseUrl);
  await page.fill('#search', 'AKSU HUAFU COLOR SPINNING CO LTD');
  await page.press('#search', 'Enter');
  const first = page.locator('#results [data-entity-id]').first();
  await first.waitFor();
  await expect(first.textContent()).resolves.toMatch(/Aksu Huafu Color Spinning Co\., Ltd/);
  await expect(first.textContent()).resolves.toMatch(/listed/i);

  await first.click();
  await page.waitForSelector('#graph[data-state="ready"]');
  const nodes = Number(await page.getAttribute('#graph', 'data-nodes'));
  // The company, its UFLPA listing, its shipments and their consignee at least.
  expect(nodes).toBeGreaterThanOrEqual(4);
  // Expressions run in the page, where the app exposes window.threadline.cy.
  const kinds = await page.evaluate<string[]>(`threadline.cy.nodes().map((n) => n.data('kind'))`);
  expect(new Set(kinds)).toEqual(new Set(['Company', 'ListEntry', 'Shipment']));
  await page.screenshot({ path: path.join(artifacts, 'graph-view.png') });
}, 60_000);

it('expands a node on double-click, adding its neighbours', async () => {
  const before = Number(await page.getAttribute('#graph', 'data-nodes'));
  // Double-click an unlisted company (a buyer of the listed one): its own shipments come into view.
  const pos = await page.evaluate<{ x: number; y: number }>(`(() => {
    const cy = threadline.cy;
    const p = cy.nodes('[kind = "Company"][!listed]').first().renderedPosition();
    const box = cy.container().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  })()`);
  await page.mouse.dblclick(pos.x, pos.y);
  await page.waitForFunction(`Number(document.querySelector('#graph').dataset.nodes) > ${before}`, undefined, { timeout: 15_000 });
  await page.waitForSelector('#graph[data-state="ready"]');
  expect(Number(await page.getAttribute('#graph', 'data-nodes'))).toBeGreaterThan(before);
  await page.screenshot({ path: path.join(artifacts, 'graph-view-expanded.png') });
}, 60_000);

it('shows the API error message instead of failing silently', async () => {
  await page.fill('#search', '"*?~');
  await page.press('#search', 'Enter');
  await page.waitForFunction(`/must contain at least one letter or digit/.test(document.querySelector('#status').textContent)`, undefined, { timeout: 10_000 });
}, 30_000);
