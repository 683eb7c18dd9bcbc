/** The DOL goods format (domain/sources/dolgoods.ts) and its HS mapping, on the real list and on bad records. */
import fs from 'node:fs';
import path from 'node:path';
import { countryName } from '../../domain/countries';
import { nodeSchema } from '../../domain/model';
import { listEntryId } from '../../domain/ids';
import { dolGood, dolgoods, DolGoodRow, hsHeadingsOf } from '../../domain/sources/dolgoods';
import { readXml } from '../../workers/ingest/read-xml';

const lists = path.join(__dirname, '..', '..', 'data', 'lists');
const mapping = JSON.parse(fs.readFileSync(path.join(lists, 'dol-goods-hs.json'), 'utf8')) as { headings: Record<string, string[]>; unmapped: string[] };
const prov = { importIds: ['imp-x'], firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T00:00:00Z' };

let goods: { line: number; raw: unknown }[] = [];
beforeAll(async () => {
  const source = readXml(path.join(lists, 'goods_2021.xml'), 'goods_2021.xml', dolgoods);
  for await (const ev of source.rows) if ('raw' in ev) goods.push(ev);
});
const parsed = () => goods.map((g) => dolGood.parse(g.raw));

const country = (name: string, flags: Partial<Record<string, string>> = {}) => ({
  Country_Name: name, Country_Region: 'Indo-Pacific', Child_Labor: 'No', Forced_Labor: 'Yes', Forced_Child_Labor: 'No',
  Derived_Labor_Exploitation: 'No', Derived_Country: 'No', ...flags,
});
const issues = (raw: unknown) => {
  const r = dolGood.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the HS mapping (data/lists/dol-goods-hs.json)', () => {
  it('gives 4-digit headings, for the goods where the mapping is clear', () => {
    expect(hsHeadingsOf('Cotton')).toEqual(['5201']);
    expect(hsHeadingsOf('Polysilicon')).toEqual(['2804']);
    expect(hsHeadingsOf('Solar Modules')).toEqual(['8541']);
    expect(hsHeadingsOf('Tomatoes')).toEqual(['0702']);
    expect(hsHeadingsOf('Garments')).toEqual(expect.arrayContaining(['6109', '6110', '6203', '6204']));
    expect(hsHeadingsOf('  cotton ')).toEqual(['5201']);
    expect(hsHeadingsOf('Pornography')).toEqual([]);
    expect(hsHeadingsOf('Something Else')).toEqual([]);
    for (const codes of Object.values(mapping.headings)) for (const c of codes) expect(c).toMatch(/^\d{4}$/);
  });

  it('finds DOL spellings written decomposed (NFD), as the XML writes "Açaí"', () => {
    expect(hsHeadingsOf('Açaí Berries'.normalize('NFD'))).toEqual(['0810', '0811']);
  });

  it('names each good of the list exactly once: mapped, or left unmapped on purpose', () => {
    const names = goods.map((g) => (g.raw as { Good_Name: string }).Good_Name.normalize('NFC'));
    expect(names).toHaveLength(169);
    const mapped = Object.keys(mapping.headings);
    expect([...mapped, ...mapping.unmapped].sort()).toEqual([...names].sort());
  });
});

describe('the real list (data/lists/goods_2021.xml)', () => {
  it('reads all 169 goods into 467 good x country entries with distinct ids', () => {
    const rows = parsed();
    const entries = rows.flatMap((r) => r.entries);
    expect(entries).toHaveLength(467);
    expect(new Set(entries.map((e) => e.id)).size).toBe(467);
    // Every country name maps (78 of them).
    expect(new Set(entries.map((e) => e.country)).size).toBe(78);
    expect(entries.every((e) => /^[A-Z]{2}$/.test(e.country) && countryName(e.country))).toBe(true);
  });

  it('keeps the flags as published (counts from data/lists/SOURCES.md)', () => {
    const entries = parsed().flatMap((r) => r.entries);
    expect(entries.filter((e) => e.childLabor)).toHaveLength(414);
    expect(entries.filter((e) => e.forcedLabor)).toHaveLength(121);
    expect(entries.filter((e) => e.forcedChildLabor)).toHaveLength(54);
    expect(entries.filter((e) => e.derived)).toHaveLength(10);
    expect(entries.filter((e) => e.derivedFrom !== null)).toHaveLength(10);
  });

  it('Cotton from China: its entry, country and product', () => {
    const cotton = parsed().find((r) => r.good === 'Cotton')!;
    expect(cotton).toMatchObject({ sector: 'Agriculture', hsCodes: ['5201'], productIds: ['hs-5201'] });
    const cn = cotton.entries.find((e) => e.country === 'CN')!;
    expect(cn).toEqual({
      id: listEntryId('DOL', 'Cotton', 'CN'), program: 'DOL', name: 'Cotton — China', good: 'Cotton', sector: 'Agriculture',
      country: 'CN', countryId: 'ct-CN', childLabor: true, forcedLabor: true, forcedChildLabor: true, derived: false, derivedFrom: null,
    });
    const batteries = parsed().find((r) => r.good === 'Lithium-Ion Batteries')!;
    expect(batteries.entries).toEqual([expect.objectContaining({ country: 'CN', derived: true, derivedFrom: 'CD' })]);
  });

  it('writes only what the model declares', () => {
    const schema = nodeSchema('ListEntry').strict();
    for (const e of parsed().flatMap((r) => r.entries)) {
      const { countryId, ...props } = e;
      expect(schema.safeParse({ ...props, ...prov }).error).toBeUndefined();
      expect(countryId).toBe(`ct-${e.country}`);
    }
  });

  it('asks for the Country and Product nodes (with their chapters) a batch names', () => {
    const rows = parsed().filter((r) => ['Cotton', 'Solar Cells'].includes(r.good)) as DolGoodRow[];
    const [places, products] = dolgoods.before!.map((b) => b.params(rows));
    expect((places as { countries: { id: string }[] }).countries.map((c) => c.id)).toEqual(expect.arrayContaining(['ct-CN', 'ct-BF', 'ct-TM']));
    expect((products as { products: { id: string }[] }).products.map((p) => p.id)).toEqual(['hs-52', 'hs-85', 'hs-5201', 'hs-8541']);
  });
});

describe('bad records', () => {
  const good = { Good_Name: 'Cotton', Good_Sector: 'Agriculture', Countries: { Country: [country('China'), country('Benin')] } };

  it('accepts one <Country> (an object) or several (an array)', () => {
    expect(issues(good)).toEqual([]);
    expect(dolGood.parse({ ...good, Countries: { Country: country('Ghana') } }).entries.map((e) => e.country)).toEqual(['GH']);
  });

  it.each([
    [{ Countries: { Country: [country('China'), country('Narnia')] } }, 'Countries.Country.1.Country_Name: "Narnia" is not a known country name (domain/countries.ts)'],
    [{ Countries: { Country: [country('China', { Forced_Labor: 'Maybe' })] } }, 'Countries.Country.0.Forced_Labor: must be Yes or No'],
    [{ Countries: { Country: [country('China', { Child_Labor: undefined })] } }, 'Countries.Country.0.Child_Labor: is required (Yes or No)'],
    [{ Countries: { Country: [country('China', { Derived_Country: 'Mordor' })] } }, 'Countries.Country.0.Derived_Country: "Mordor" is not a known country name (domain/countries.ts)'],
    [{ Countries: '' }, 'Countries.Country: has no <Country> element'],
    [{ Countries: 'text' }, 'Countries: must hold <Country> elements'],
    [{ Good_Name: ' ' }, 'Good_Name: is required'],
  ])('%j', (over, message) => {
    expect(issues({ ...good, ...over })).toContain(message);
  });
});
