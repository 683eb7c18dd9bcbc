/**
 * Name normalisation: the key that lets a manifest's "HOSHINE SILICON INDUSTRY SHANSHAN CO LTD" meet the
 * list's "Hoshine Silicon Industry (Shanshan) Co., Ltd". Pure and deterministic, because company ids are
 * derived from it: changing it changes ids, so a change here needs a migration of existing ids.
 */

// Legal-form words, matched as whole trailing tokens after punctuation is gone. Longest first.
const legalForms = [
  'COMPANY LIMITED', 'CO LIMITED', 'CO LTD', 'LIMITED LIABILITY COMPANY', 'PUBLIC LIMITED COMPANY',
  'PRIVATE LIMITED', 'PVT LTD', 'PTE LTD', 'SDN BHD', 'JOINT STOCK COMPANY', 'JOINT STOCK CO', 'CORPORATION',
  'INCORPORATED', 'COMPANY', 'LIMITED', 'CORP', 'INC', 'LTD', 'LLC', 'PLC', 'JSC', 'GMBH', 'SA', 'SAS', 'SRL',
  'SPA', 'BV', 'NV', 'AG', 'KK', 'CO',
];
const trailing = new RegExp(`(?:\\s(?:${legalForms.map((f) => f.replace(/ /g, '\\s')).join('|')}))+$`);
// Chinese legal forms are written without spaces.
const chineseForms = /(?:股份有限公司|有限责任公司|有限公司|集团)$/u;

/**
 * Place names of the Uyghur region written several ways in trade documents (Uyghur-derived, Wade-Giles
 * and Pinyin forms). Each maps to one spelling (Pinyin where DHS lists use it), so "HOTAN TAIDA" meets
 * the list's "Hetian Taida". Whole words only.
 */
const placeNames: Record<string, string> = {
  HOTAN: 'HETIAN', KHOTAN: 'HETIAN',
  KASHGAR: 'KASHI', KASHGHAR: 'KASHI', KASGAR: 'KASHI',
  URUMQI: 'WULUMUQI', URUMCHI: 'WULUMUQI',
  TURPAN: 'TULUFAN', TURFAN: 'TULUFAN',
  KORLA: 'KUERLE',
  KUMUL: 'HAMI',
  GHULJA: 'YINING', KULJA: 'YINING',
  ALTAY: 'ALETAI', ALTAI: 'ALETAI',
  KARAMAY: 'KELAMAYI',
  BORTALA: 'BOERTALA',
  BAYINGOLIN: 'BAYINGUOLENG', BAYINGOL: 'BAYINGUOLENG',
  ATUSH: 'ATUSHI', ARTUX: 'ATUSHI',
  YARKAND: 'SHACHE',
  SINKIANG: 'XINJIANG',
  UIGHUR: 'UYGHUR', UIGUR: 'UYGHUR', UYGUR: 'UYGHUR',
};
const placeNamePattern = new RegExp(`\\b(?:${Object.keys(placeNames).join('|')})\\b`, 'g');

/**
 * Upper case, accents folded, punctuation to spaces, "&" to AND, whitespace collapsed, Uyghur-region
 * place names to one spelling, and legal-form suffixes and a trailing "AND SUBSIDIARIES" removed. Returns "" for a name with no letters or digits.
 */
export function normalizeName(name: string): string {
  let s = name.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase();
  s = s.replace(chineseForms, '');
  // Dotted initials are one word: "S.A." -> SA, "U.S.A." -> USA.
  s = s.replace(/\b(\p{L})\.(?=\p{L}\b)/gu, '$1');
  s = s.replace(/&/g, ' AND ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().replace(/\s+/g, ' ');
  s = s.replace(/\s(?:AND\s)?(?:ITS\s)?SUBSIDIARIES$/, '');
  s = s.replace(placeNamePattern, (word) => placeNames[word] ?? word);
  const stripped = (' ' + s).replace(trailing, '').trim();
  // A name that is nothing but a legal form ("COMPANY LIMITED") keeps its words.
  return stripped || s;
}

/** Whether a listed name covers its subsidiaries too ("... Co., Ltd and subsidiaries"). */
export function namesSubsidiaries(name: string): boolean {
  return /\bsubsidiaries\b/i.test(name);
}

/**
 * Plain search tokens from free text: lower case letters and digits only, so no special character can
 * reach the fulltext index from user input, and no operator either (Lucene's AND/OR/NOT are upper case).
 */
export function searchTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 16);
}
