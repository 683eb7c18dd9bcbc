/** The screening score (domain/screening.ts): name similarity, country, identifiers, their combination and ranking. */
import { Candidate, jaroWinkler, levenshtein, nameSimilarity, rankCandidates, scoreCandidate, tokenSetSimilarity, WEIGHTS } from '../../domain/screening';

const hoshine: Candidate = {
  id: 'co-1', kind: 'Company', name: 'Hoshine Silicon Industry (Shanshan) Co., Ltd', normName: 'HOSHINE SILICON INDUSTRY SHANSHAN',
  aliases: ['Hesheng Silicon Industry (Shanshan) Co'], country: 'CN', identifiers: ['uscc:91650421MA77TQ2X7B'], programs: ['UFLPA'],
};
const opts = { threshold: 0.7, limit: 5, cutoff: 0 };

describe('string measures', () => {
  it('Levenshtein counts edits', () => {
    expect(levenshtein('KITTEN', 'SITTING')).toBe(3);
    expect(levenshtein('SILICON', 'SILICON')).toBe(0);
    expect(levenshtein('', 'ABC')).toBe(3);
  });

  it('Jaro-Winkler gives the textbook values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('ABC', 'XYZ')).toBe(0);
    expect(jaroWinkler('SAME', 'SAME')).toBe(1);
  });

  it('token-set similarity ignores word order and forgives one typo in a long token', () => {
    expect(tokenSetSimilarity('SILICON HOSHINE', 'HOSHINE SILICON')).toBe(1);
    expect(tokenSetSimilarity('HOSHINE SILICAN', 'HOSHINE SILICON')).toBe(1);
    // Short tokens must be identical: CO is not CA.
    expect(tokenSetSimilarity('ACME CO', 'ACME CA')).toBe(0.5);
    expect(tokenSetSimilarity('A B C D', 'A B')).toBeCloseTo(2 / 3, 5);
  });
});

describe('nameSimilarity', () => {
  it('scores identical normalised names 1.0 and nothing else 1.0', () => {
    expect(nameSimilarity('HOSHINE SILICON', 'HOSHINE SILICON')).toBe(1);
    expect(nameSimilarity('SILICON HOSHINE', 'HOSHINE SILICON')).toBeLessThan(1);
    expect(nameSimilarity('SILICON HOSHINE', 'HOSHINE SILICON')).toBeGreaterThan(0.8);
  });

  it('ranks a near name above a loosely related one above an unrelated one', () => {
    const target = 'HOSHINE SILICON INDUSTRY SHANSHAN';
    const near = nameSimilarity('HOSHINE SILICON INDUSTRY', target);
    const loose = nameSimilarity('SHANSHAN TRADING', target);
    const unrelated = nameSimilarity('XINJIANG DAQO NEW ENERGY', target);
    expect(near).toBeGreaterThan(0.85);
    expect(loose).toBeLessThan(0.6);
    expect(unrelated).toBeLessThan(loose);
  });

  it('is 0 for an empty name', () => {
    expect(nameSimilarity('', 'X')).toBe(0);
  });
});

describe('scoreCandidate', () => {
  it('matches the manifest spelling of a listed company at 1.0 and says why', () => {
    const r = scoreCandidate({ name: 'HOSHINE SILICON INDUSTRY SHANSHAN CO LTD' }, hoshine, 0.7);
    expect(r).toMatchObject({ id: 'co-1', score: 1, match: true, listed: true, programs: ['UFLPA'], features: { name: 1, country: null, identifier: null } });
    expect(r.explanation).toMatch(/identical after normalisation/);
    expect(r.explanation).toMatch(/no country in the query/);
    expect(r.explanation).toMatch(/listed: UFLPA/);
  });

  it('takes the best of name and aliases and names the alias', () => {
    const r = scoreCandidate({ name: 'Hesheng Silicon Industry Shanshan Co' }, hoshine, 0.7);
    expect(r.features.name).toBe(1);
    expect(r.explanation).toMatch(/alias "Hesheng Silicon Industry \(Shanshan\) Co"/);
  });

  it('weighs country agreement: same > unknown-country name score > different', () => {
    const q = { name: 'Hoshine Silicon Industry' };
    const unknown = scoreCandidate(q, hoshine, 0.7);
    const same = scoreCandidate({ ...q, country: 'CN' }, hoshine, 0.7);
    const other = scoreCandidate({ ...q, country: 'VN' }, hoshine, 0.7);
    expect(same.features.country).toBe(1);
    expect(other.features.country).toBe(0);
    expect(same.score).toBeGreaterThan(unknown.score);
    expect(other.score).toBeLessThan(unknown.score);
    expect(other.score).toBeCloseTo(WEIGHTS.name * unknown.features.name, 2);
    expect(other.explanation).toMatch(/country differs \(query VN, candidate CN\)/);
  });

  it('lets a shared identifier decide, whatever the name, case-insensitively', () => {
    const r = scoreCandidate({ name: 'Totally Different Trading', identifiers: ['USCC:91650421ma77tq2x7b'] }, hoshine, 0.7);
    expect(r).toMatchObject({ score: 1, match: true, features: { identifier: 1 } });
    expect(r.explanation).toMatch(/shared identifier uscc:91650421ma77tq2x7b \(decisive\)/);
  });

  it('lowers the score when both hold different values of one identifier scheme', () => {
    const plain = scoreCandidate({ name: 'Hoshine Silicon Industry' }, hoshine, 0.7);
    const conflict = scoreCandidate({ name: 'Hoshine Silicon Industry', identifiers: ['uscc:000000000000000000'] }, hoshine, 0.7);
    const otherScheme = scoreCandidate({ name: 'Hoshine Silicon Industry', identifiers: ['duns:123456789'] }, hoshine, 0.7);
    expect(conflict.features.identifier).toBe(0);
    expect(conflict.score).toBeLessThan(plain.score);
    expect(otherScheme).toMatchObject({ score: plain.score, features: { identifier: null } });
  });

  it('sets match from the threshold', () => {
    const q = { name: 'Hoshine Silicon Industry' };
    const score = scoreCandidate(q, hoshine, 0.7).score;
    expect(scoreCandidate(q, hoshine, score).match).toBe(true);
    expect(scoreCandidate(q, hoshine, Math.min(1, score + 0.001)).match).toBe(false);
  });
});

describe('rankCandidates', () => {
  const other: Candidate = { id: 'co-2', kind: 'Company', name: 'Hoshine Trading', normName: 'HOSHINE TRADING', country: 'CN', programs: [] };
  const unrelated: Candidate = { id: 'co-3', kind: 'Company', name: 'Blue Ocean Fisheries', normName: 'BLUE OCEAN FISHERIES', country: 'CN' };

  it('orders best first, counts a candidate found twice once, and keeps to limit and cutoff', () => {
    const q = { name: 'HOSHINE SILICON INDUSTRY SHANSHAN CO LTD', country: 'CN' };
    const all = rankCandidates(q, [unrelated, other, hoshine, hoshine], opts);
    expect(all.map((r) => r.id)).toEqual(['co-1', 'co-2', 'co-3']);
    expect(rankCandidates(q, [unrelated, other, hoshine], { ...opts, limit: 1 }).map((r) => r.id)).toEqual(['co-1']);
    const cut = rankCandidates(q, [unrelated, other, hoshine], { ...opts, cutoff: 0.5 });
    expect(cut.every((r) => r.score >= 0.5)).toBe(true);
    expect(cut.map((r) => r.id)).not.toContain('co-3');
  });

  it('puts a listed candidate first among equal scores', () => {
    const twin: Candidate = { ...hoshine, id: 'co-0', programs: [] };
    const r = rankCandidates({ name: 'Hoshine Silicon Industry Shanshan' }, [twin, hoshine], opts);
    expect(r.map((x) => [x.id, x.listed])).toEqual([['co-1', true], ['co-0', false]]);
  });
});
