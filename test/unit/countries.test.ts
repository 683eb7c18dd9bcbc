import fs from 'node:fs';
import path from 'node:path';
import { countryName, toCountryCode } from '../../domain/countries';

const lists = path.join(__dirname, '../../data/lists');

const xmlText = (s: string) =>
  s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function allCodes(): string[] {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const codes: string[] = [];
  for (const a of letters) for (const b of letters) if (countryName(a + b) !== undefined) codes.push(a + b);
  return codes;
}

describe('toCountryCode', () => {
  it('reads alpha-2 and alpha-3 codes in any case', () => {
    expect(toCountryCode('CN')).toBe('CN');
    expect(toCountryCode('vn')).toBe('VN');
    expect(toCountryCode(' My ')).toBe('MY');
    expect(toCountryCode('bgd')).toBe('BD');
    expect(toCountryCode('USA')).toBe('US');
    // Folding would turn "IS" into the abbreviation "Is." (islands); codes must win.
    expect(toCountryCode('IS')).toBe('IS');
  });

  it.each([
    ['China', 'CN'], ["People's Republic of China", 'CN'], ['PEOPLES REPUBLIC OF CHINA', 'CN'], ['PRC', 'CN'], ['P.R. China', 'CN'],
    ['Viet Nam', 'VN'], ['Vietnam', 'VN'], ['VIET-NAM', 'VN'],
    ['United States', 'US'], ['USA', 'US'], ['U.S.', 'US'], ['U.S.A.', 'US'], ['United States of America', 'US'],
    ['South Korea', 'KR'], ['Korea, Republic of', 'KR'], ['Korea, Rep.', 'KR'], ['Korea', 'KR'],
    ['North Korea', 'KP'], ["Korea, Democratic People's Republic of", 'KP'], ['Korea (North)', 'KP'],
    ['Türkiye', 'TR'], ['Turkiye', 'TR'], ['Turkey', 'TR'], ['Turkey (Türkiye)', 'TR'],
    ['UK', 'GB'], ['U.K.', 'GB'], ['United Kingdom', 'GB'], ['Great Britain', 'GB'],
    ['Bangladesh', 'BD'], ['Malaysia', 'MY'], ['India', 'IN'], ['Cambodia', 'KH'], ['Mexico', 'MX'], ['México', 'MX'],
    ['Burma', 'MM'], ['Myanmar', 'MM'], ['Kyrgyz Republic', 'KG'], ['Eswatini', 'SZ'], ['Swaziland', 'SZ'],
    ["Côte d'Ivoire", 'CI'], ['Côte d’Ivoire', 'CI'], ['Cote d Ivoire', 'CI'], ['Ivory Coast', 'CI'],
    ['Congo, Democratic Republic of the', 'CD'], ['Democratic Republic of Congo', 'CD'], ['DRC', 'CD'], ['Congo', 'CG'],
    ['Hong Kong', 'HK'], ['Hong Kong SAR, China', 'HK'], ['Taiwan', 'TW'], ['Taiwan, Province of China', 'TW'],
    ['Russian Federation', 'RU'], ['Iran, Islamic Rep.', 'IR'], ['Lao PDR', 'LA'], ['Czech Republic', 'CZ'],
    ['St. Kitts & Nevis', 'KN'], ['Trinidad & Tobago', 'TT'], ['Bolivia (Plurinational State of)', 'BO'],
    ['Virgin Islands, British', 'VG'], ['Virgin Islands, U.S.', 'VI'], ['  germany  ', 'DE'],
  ])('maps %j to %s', (input, code) => {
    expect(toCountryCode(input)).toBe(code);
  });

  it('gives undefined for text that names no country', () => {
    for (const input of ['', '   ', 'Atlantis', 'XX', 'ZZZ', 'Xinjiang', 'Fishing Vessels', 'Islands', 'Virgin Islands', 'Congo (somewhere)', '---']) {
      expect(toCountryCode(input)).toBeUndefined();
    }
  });

  it('maps every Country_Name in the DOL goods list', () => {
    const xml = fs.readFileSync(path.join(lists, 'goods_2021.xml'), 'utf8');
    const names = [...new Set([...xml.matchAll(/<Country_Name>([^<]*)<\/Country_Name>/g)].map((m) => xmlText(m[1] ?? '').trim()))];
    expect(names.length).toBeGreaterThan(70);
    expect(names.filter((n) => toCountryCode(n) === undefined)).toEqual([]);
  });

  it('maps every country of the UFLPA and WRO lists, except the WRO vessels that have none', () => {
    const countries = ['dhs_uflpa.json', 'cbp_wro.json'].flatMap((file) => {
      const list = JSON.parse(fs.readFileSync(path.join(lists, file), 'utf8')) as { entities: { country: string }[] };
      return list.entities.map((e) => e.country);
    });
    const unknown = [...new Set(countries.filter((c) => toCountryCode(c) === undefined))];
    expect(unknown).toEqual(['Fishing Vessels']);
  });
});

describe('countryName', () => {
  it('names a code in any case and nothing for an unknown code', () => {
    expect(countryName('cn')).toBe('China');
    expect(countryName('VN')).toBe('Vietnam');
    expect(countryName('KR')).toBe('South Korea');
    expect(countryName('QQ')).toBeUndefined();
    expect(countryName('')).toBeUndefined();
  });

  it('covers every ISO country and round-trips through toCountryCode', () => {
    const codes = allCodes();
    expect(codes.length).toBeGreaterThanOrEqual(249);
    for (const code of codes) {
      expect(toCountryCode(code)).toBe(code);
      expect(toCountryCode(countryName(code) ?? '')).toBe(code);
    }
  });
});
