import { namesSubsidiaries, normalizeName, searchTokens } from '../../domain/normalize';

describe('normalizeName', () => {
  it('makes a manifest spelling meet the list spelling', () => {
    expect(normalizeName('HOSHINE SILICON INDUSTRY SHANSHAN CO LTD')).toBe('HOSHINE SILICON INDUSTRY SHANSHAN');
    expect(normalizeName('Hoshine Silicon Industry (Shanshan) Co., Ltd')).toBe('HOSHINE SILICON INDUSTRY SHANSHAN');
    expect(normalizeName('Hoshine Silicon Industry (Shanshan) Co., Ltd., and Subsidiaries')).toBe('HOSHINE SILICON INDUSTRY SHANSHAN');
  });

  it.each([
    ['Xinjiang Daqo New Energy, Co. Ltd', 'XINJIANG DAQO NEW ENERGY'],
    ['ACME TEXTILES COMPANY LIMITED', 'ACME TEXTILES'],
    ['Pacific Garment Sdn. Bhd.', 'PACIFIC GARMENT'],
    ['Viet Thread JSC', 'VIET THREAD'],
    ['Delhi Knits Pvt. Ltd.', 'DELHI KNITS'],
    ['Sunrise Imports, Inc.', 'SUNRISE IMPORTS'],
    ['Zhuhai G&G Digital Technology Co., Ltd', 'ZHUHAI G AND G DIGITAL TECHNOLOGY'],
    ['Société Générale S.A.', 'SOCIETE GENERALE'],
    ['新疆大全新能源有限公司', '新疆大全新能源'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it.each([
    ['HOTAN HAOLIN HAIR ACCESSORIES CO LTD', 'Hetian Haolin Hair Accessories Co. Ltd'],
    ['KASHGAR CONSTRUCTION ENGINEERING GROUP CO LTD', 'Kashi Construction Engineering Group Co., Ltd'],
    ['Urumqi Tianshan Wool Co', 'WULUMUQI TIANSHAN WOOL COMPANY LIMITED'],
    ['SINKIANG PRODUCTION AND CONSTRUCTION CORPS', 'Xinjiang Production and Construction Corps'],
  ])('joins transliterations of place names: %s ~ %s', (a, b) => {
    expect(normalizeName(a)).toBe(normalizeName(b));
  });

  it('changes place names only as whole words', () => {
    expect(normalizeName('HOTANIA TRADING LTD')).toBe('HOTANIA TRADING');
    expect(normalizeName('ALTAIR ELECTRONICS INC')).toBe('ALTAIR ELECTRONICS');
  });

  it('keeps a name that is nothing but a legal form', () => {
    expect(normalizeName('Company Limited')).toBe('COMPANY LIMITED');
  });

  it('gives an empty key for a name without letters or digits', () => {
    expect(normalizeName(' ,.;- ')).toBe('');
  });
});

describe('namesSubsidiaries', () => {
  it('spots "and subsidiaries"', () => {
    expect(namesSubsidiaries('Hoshine Silicon Industry (Shanshan) Co., Ltd and subsidiaries')).toBe(true);
    expect(namesSubsidiaries('Camel Group Co., Ltd')).toBe(false);
  });
});

describe('searchTokens', () => {
  it('lower-cases and drops punctuation', () => {
    expect(searchTokens('Hoshine Silicon (Shanshan) Co., Ltd')).toEqual(['hoshine', 'silicon', 'shanshan', 'co', 'ltd']);
  });

  it('leaves no Lucene operator or special character', () => {
    const tokens = searchTokens('a AND b OR NOT c + - && || ! ( ) { } [ ] ^ " ~ * ? : \\ / x');
    expect(tokens).toEqual(['a', 'and', 'b', 'or', 'not', 'c', 'x']);
    for (const t of tokens) expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
  });

  it('caps the number of tokens', () => {
    expect(searchTokens(Array.from({ length: 50 }, (_, i) => `w${i}`).join(' '))).toHaveLength(16);
  });
});
