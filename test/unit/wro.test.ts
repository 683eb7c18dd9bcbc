/** The CBP WRO / Findings format (domain/sources/wro.ts): reading names, notes and merchandise, and the real list. */
import fs from 'node:fs';
import path from 'node:path';
import { nodeSchema } from '../../domain/model';
import { facilityId, listEntryId, vesselId } from '../../domain/ids';
import { classifyName, parseNotes, splitMerchandise, splitNames, targetsOf, tidy, wro, wroEntry, WroRow } from '../../domain/sources/wro';

const listFile = path.join(__dirname, '..', '..', 'data', 'lists', 'cbp_wro.json');
const entries = (JSON.parse(fs.readFileSync(listFile, 'utf8')) as { entities: Record<string, unknown>[] }).entities;
const rows = entries.map((e) => wroEntry.parse(e));
const prov = { importIds: ['imp-x'], firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T00:00:00Z' };
const rowNamed = (name: string, date?: string) => rows.find((r) => r.entry.name === name && (!date || r.entry.effectiveDate === date))!;

describe('classifyName', () => {
  it.each([
    ['Xiang-Yang Machinery Plant', 'company'],
    ['Huizhou Mink Industrial CO. Ltd.', 'company'],
    ['Hero Vast Group', 'company'],
    ['Miao Chi Tea Farm', 'company'],
    // A legal form wins over every other word: a mining company is a company.
    ['Sichuan (Szechuan) Pin Chiang Enterprise Company', 'company'],
    ['Zijin Mining Group Co., Ltd.', 'company'],
    ['State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico', 'facility'],
    ['Yunnan 1st Prison', 'facility'],
    ['Guangzhou No. 1 Reeducation-Through-Labor Camp', 'facility'],
    ['Sichuan (Szechuan) Zigong Labor Reform Detachment', 'facility'],
    ['Shenyang No. 2 Laogai Detachment', 'facility'],
    ['Shenyang Reform Through Labor Second Reform Division', 'facility'],
    ['No. 4 Vocational Skills Education Training Center (VSETC)', 'facility'],
    ['Lop County Hair Product Industrial Park', 'facility'],
    ['Hsin Kang Asbestos Mine', 'facility'],
    ['Marange Diamond Fields', 'facility'],
    ['Fishing Vessel: Da Wang', 'vessel'],
    ['Xinjiang Uyghur Autonomous Region (XUAR)', 'region'],
    ['Tibet', 'region'],
    ['Xinjiang Junggar Cotton and Linen Co., Ltd.', 'company'],
    ['All Turkmenistan Cotton or products produced in whole or in part with Turkmenistan cotton.', 'goods'],
    ['Tobacco produced in Malawi and products containing tobacco produced in Malawi', 'goods'],
    ['Artisanal Small Mines', 'goods'],
  ])('%s -> %s', (name, kind) => {
    expect(classifyName(name)).toBe(kind);
  });
});

describe('splitNames', () => {
  it.each([
    ['Yili Zhuowan Garment Manufacturing Co., Ltd. and Baoding LYSZD Trade and Business Co., Ltd.', ['Yili Zhuowan Garment Manufacturing Co., Ltd.', 'Baoding LYSZD Trade and Business Co., Ltd.']],
    ['Agropecuarios Tom S.A. de C.V. and Horticola Tom S.A. de C.V.', ['Agropecuarios Tom S.A. de C.V.', 'Horticola Tom S.A. de C.V.']],
    ['Nanhu Tree Farm, Zhejiang Sanmei Tea Co., Ltd.', ['Nanhu Tree Farm', 'Zhejiang Sanmei Tea Co., Ltd.']],
    [
      'Kumar Carpet Pvt., Singhe Carpet Pvt., Ltd., Norsang Carpet Industries Pvt., Ltd., Annapurna Carpet, Everest Carpet, Valley Carpet, and K.K. Carpet Industries',
      ['Kumar Carpet Pvt.', 'Singhe Carpet Pvt., Ltd.', 'Norsang Carpet Industries Pvt., Ltd.', 'Annapurna Carpet', 'Everest Carpet', 'Valley Carpet', 'K.K. Carpet Industries'],
    ],
    // One name each: the commas and "and" belong to the name.
    ['Inner Mongolia Hengzheng Group Baoanzhao Agriculture, Industry, and Trade Co., Ltd.', ['Inner Mongolia Hengzheng Group Baoanzhao Agriculture, Industry, and Trade Co., Ltd.']],
    ['State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico', ['State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico']],
    ['Xuzhou Forging and Pressing Machine Works', ['Xuzhou Forging and Pressing Machine Works']],
    ['Shanghai Select Safety Products Company, Limited', ['Shanghai Select Safety Products Company, Limited']],
    ['Imaizumi Tea Manufacturing & Trading Co., Ltd. (of Nagoya, Japan)', ['Imaizumi Tea Manufacturing & Trading Co., Ltd. (of Nagoya, Japan)']],
  ])('%s', (segment, names) => {
    expect(splitNames(segment)).toEqual(names);
  });
});

describe('targetsOf', () => {
  const summary = (name: string, aliases: string[] = [], country: string | null = 'CN') =>
    targetsOf(name, aliases, country).targets.map((t) => `${t.kind}:${t.name}${t.aliases.length ? ` [${t.aliases.join(' | ')}]` : ''} ${t.country ?? '-'}${t.asSubsidiary ? ' sub' : ''}`);

  it('puts a prison alias on a Facility beside the Company, other aliases on the Company', () => {
    expect(summary('Yunnan Machinery', ['Golden Horse (JinMa) Diesel Factory', 'Yunnan 1st Prison'])).toEqual([
      'company:Yunnan Machinery [Golden Horse (JinMa) Diesel Factory] CN',
      'facility:Yunnan 1st Prison CN',
    ]);
  });

  it('reads parties separated by ";" inside names and aliases', () => {
    expect(summary('Fuchu Prison; Union Kogyo Co., Ltd.', [], 'JP')).toEqual(['facility:Fuchu Prison JP', 'company:Union Kogyo Co., Ltd. JP']);
    expect(summary('Guangzhou No. 1 Reeducation-Through-Labor Camp', ['Guangdong Province No. 1 Reeducation-Through-Labor Camp; Kwong Ngai Industrial Company'])).toEqual([
      'facility:Guangzhou No. 1 Reeducation-Through-Labor Camp [Guangdong Province No. 1 Reeducation-Through-Labor Camp] CN',
      'company:Kwong Ngai Industrial Company CN',
    ]);
  });

  it('takes a company\'s own country from "(of City, Country)" and a trailing place as the address', () => {
    const t = targetsOf('Nanhu Tree Farm, Zhejiang Sanmei Tea Co., Ltd.; Imaizumi Tea Manufacturing & Trading Co., Ltd. (of Nagoya, Japan)', [], 'CN').targets;
    expect(t.map((x) => [x.name, x.country, x.address])).toEqual([
      ['Nanhu Tree Farm', 'CN', null],
      ['Zhejiang Sanmei Tea Co., Ltd.', 'CN', null],
      ['Imaizumi Tea Manufacturing & Trading Co., Ltd.', 'JP', 'Nagoya'],
    ]);
    const nepal = targetsOf('Kumar Carpet Pvt., Valley Carpet, and K.K. Carpet Industries; Kathmandu.', [], 'NP').targets;
    expect(nepal.map((x) => [x.name, x.address])).toEqual([['Kumar Carpet Pvt.', 'Kathmandu'], ['Valley Carpet', 'Kathmandu'], ['K.K. Carpet Industries', 'Kathmandu']]);
  });

  it('reads subsidiaries: named ones are targets of their own, and the entry includes subsidiaries', () => {
    const select = targetsOf('Shanghai Select Safety Products Company, Limited and its two subsidiaries from China, Select (Nantong) Safety Products Co. Limited and Select Protective Technology (HK) Limited.', [], 'CN');
    expect(select.includesSubsidiaries).toBe(true);
    expect(select.targets.map((t) => [t.name, t.asSubsidiary])).toEqual([
      ['Shanghai Select Safety Products Company, Limited', false],
      ['Select (Nantong) Safety Products Co. Limited', true],
      ['Select Protective Technology (HK) Limited', true],
    ]);
    for (const name of ['Tangshan Sanyou Group and its Subsidiaries', 'Hoshine Silicon Industry Co. Ltd. and Subsidiaries', 'Xinjiang Production and Construction Corporation (XPCC) and its subordinates']) {
      const t = targetsOf(name, [], 'CN');
      expect(t.includesSubsidiaries).toBe(true);
      expect(t.targets).toHaveLength(1);
      expect(t.targets[0]!.name).not.toMatch(/subsidiaries|subordinates/i);
    }
  });

  it('reads vessels, their owner, a region and a country\'s goods', () => {
    expect(summary('Fishing Vessel: Lien Yi Hsing No. 12', [], null)).toEqual(['vessel:Lien Yi Hsing No. 12 -']);
    expect(summary('Fishing Vessels owned by Dalian Ocean Fishing Co. Ltd.', [], null)).toEqual(['company:Dalian Ocean Fishing Co. Ltd. -']);
    expect(targetsOf('Xinjiang Uyghur Autonomous Region (XUAR)', [], 'CN').targets).toEqual([expect.objectContaining({ kind: 'region', region: 'XUAR' })]);
    expect(targetsOf('Tobacco produced in Malawi and products containing tobacco produced in Malawi', [], 'MW')).toEqual({ targets: [], goods: true, includesSubsidiaries: false });
  });
});

describe('notes and merchandise', () => {
  it('parses the notes, with ";" inside the remarks', () => {
    expect(parseNotes('WRO; Merchandise: Planing Machines')).toEqual({ program: 'WRO', merchandise: 'Planing Machines' });
    expect(parseNotes('Finding; Industry: Base Metals; Merchandise: Pipe; Remarks: "Customs," 88 (1953): 416; T.D. 53408')).toEqual({
      program: 'FINDING', industry: 'Base Metals', merchandise: 'Pipe', remarks: '"Customs," 88 (1953): 416; T.D. 53408',
    });
    expect(parseNotes('Order; Merchandise: Tea').program).toBeUndefined();
  });

  it.each([
    ['Rubber Gloves, Condoms, Rubber Raincoats, and Rubber Footwear', ['Rubber Gloves', 'Condoms', 'Rubber Raincoats', 'Rubber Footwear']],
    ['Cotton, Tomatoes and Downstream Products', ['Cotton', 'Tomatoes', 'Downstream Products']],
    ['Electric Fans and Zinc-Coated Wire', ['Electric Fans', 'Zinc-Coated Wire']],
    ['Carpets, Hand-Knotted Wool', ['Carpets, Hand-Knotted Wool']],
    ['Stevia and its Derivatives', ['Stevia and its Derivatives']],
    ['Stevia Extracts and Derivatives', ['Stevia Extracts and Derivatives']],
    ['Sulfuric (Sulphuric) Acid', ['Sulfuric (Sulphuric) Acid']],
    ['', []],
  ])('%j', (text, list) => {
    expect(splitMerchandise(text)).toEqual(list);
  });

  it('tidies names without eating abbreviations', () => {
    expect(tidy(' Serbia Zijin Copper D.O.O.. ')).toBe('Serbia Zijin Copper D.O.O.');
    expect(tidy('Select Protective Technology (HK) Limited.')).toBe('Select Protective Technology (HK) Limited');
    expect(tidy('Acme Co.')).toBe('Acme Co.');
    expect(tidy('Acme Corp.')).toBe('Acme Corp.');
  });
});

describe('the real CBP list (data/lists/cbp_wro.json)', () => {
  it('reads all 67 entries, one ListEntry id each, programs from the notes', () => {
    expect(rows).toHaveLength(67);
    expect(new Set(rows.map((r) => r.entry.id)).size).toBe(67);
    const findings = entries.filter((e) => String(e.notes).startsWith('Finding')).length;
    expect(findings).toBeGreaterThan(0);
    expect(rows.filter((r) => r.entry.program === 'FINDING')).toHaveLength(findings);
    expect(rows.filter((r) => r.entry.program === 'WRO')).toHaveLength(67 - findings);
  });

  it('keeps an entry listed twice with different dates as two entries', () => {
    const prison = rows.filter((r) => r.entry.name === 'State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico');
    expect(prison.map((r) => r.entry.effectiveDate)).toEqual(['1953-12-28', '1958-10-29']);
    expect(prison[0]!.entry.id).toBe(listEntryId('FINDING', prison[0]!.entry.name, '1953-12-28'));
    expect(prison[0]!.entry.id).not.toBe(prison[1]!.entry.id);
    // Same facility both times.
    expect(prison[0]!.facilities[0]!.id).toBe(prison[1]!.facilities[0]!.id);
    expect(prison[0]!.facilities[0]!.id).toBe(facilityId('State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico', 'MX'));
  });

  it('targets: companies, facilities, vessels, the XUAR region and country-wide goods', () => {
    const kinds = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.target]: (acc[r.target] ?? 0) + 1 }), {});
    expect(Object.keys(kinds).sort()).toEqual(['company', 'facility', 'goods', 'region', 'vessel']);
    const xuar = rowNamed('Xinjiang Uyghur Autonomous Region (XUAR)');
    expect(xuar).toMatchObject({ target: 'region', regions: [{ id: 'rg-XUAR', code: 'XUAR' }], companies: [], countryId: 'ct-CN' });
    expect(xuar.entry.merchandise).toEqual(['Cotton', 'Tomatoes', 'Downstream Products']);
    const daWang = rows.filter((r) => r.entry.name === 'Fishing Vessel: Da Wang');
    expect(daWang.map((r) => r.entry.program).sort()).toEqual(['FINDING', 'WRO']);
    expect(daWang[0]!.vessels).toEqual([expect.objectContaining({ id: vesselId('Da Wang'), name: 'Da Wang', country: null })]);
    expect(daWang[0]!.countryId).toBeNull();
    const nepal = rows.find((r) => r.entry.country === 'NP')!;
    expect(nepal.companies).toHaveLength(7);
    expect(nepal.entry).toMatchObject({ status: 'Partially Modified', industry: 'Apparel, Footwear and Textiles' });
    expect(rows.find((r) => r.entry.country === 'TM')).toMatchObject({ target: 'goods', companies: [], facilities: [], countryId: 'ct-TM' });
  });

  it('writes only what the model declares', () => {
    const listEntry = nodeSchema('ListEntry').strict();
    for (const r of rows) {
      expect(listEntry.safeParse({ ...r.entry, ...prov }).error).toBeUndefined();
      for (const { asSubsidiary, address, ...c } of r.companies) {
        expect(nodeSchema('Company').strict().safeParse({ ...c, address, ...prov }).error).toBeUndefined();
        expect(typeof asSubsidiary).toBe('boolean');
      }
      for (const { asSubsidiary, ...f } of r.facilities) expect(nodeSchema('Facility').strict().safeParse({ ...f, ...prov }).error).toBeUndefined();
      for (const { asSubsidiary, nameRank, address, ...v } of r.vessels) expect(nodeSchema('Vessel').strict().safeParse({ ...v, ...prov }).error).toBeUndefined();
    }
  });

  it('asks for the Country and Region nodes a batch names', () => {
    const places = wro.before![0]!.params(rows as WroRow[]) as { countries: { id: string }[]; regions: { id: string }[] };
    expect(places.regions.map((r) => r.id)).toEqual(['rg-XUAR']);
    expect(places.countries.map((c) => c.id)).toEqual(expect.arrayContaining(['ct-CN', 'ct-JP', 'ct-NP', 'ct-TM', 'ct-MX']));
  });
});

describe('bad entries', () => {
  const good = { name: 'Acme Co., Ltd.', aliases: [], country: 'China', effective_date: '2024-01-02', status: 'Active', notes: 'WRO; Merchandise: Tea' };
  const issues = (over: Record<string, unknown>) => {
    const r = wroEntry.safeParse({ ...good, ...over });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts the good one', () => {
    expect(issues({})).toEqual([]);
  });

  it.each([
    [{ country: 'Atlantis' }, 'country: "Atlantis" is not a known country (or "Fishing Vessels")'],
    [{ effective_date: '2024-02-30' }, 'effective_date: is not a calendar date'],
    [{ effective_date: 'June 21, 2022' }, 'effective_date: must be a date as YYYY-MM-DD'],
    [{ notes: 'Order; Merchandise: Tea' }, 'notes: must start with "WRO" or "Finding"'],
    [{ name: '  ' }, 'name: is required'],
    [{ name: '---' }, 'name: names no company, facility, vessel or region'],
    [{ aliases: 'Acme' }, 'aliases: Invalid input: expected array, received string'],
  ])('%j', (over, message) => {
    expect(issues(over)).toContain(message);
  });
});
