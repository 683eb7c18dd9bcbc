import { luceneQuery } from '../../server/routes/search';
import { Invalid } from '../../core/errors';

describe('luceneQuery', () => {
  it('ORs the tokens and adds a prefix term for type-ahead', () => {
    expect(luceneQuery('Hoshine Sil')).toBe('hoshine sil sil*');
  });

  it.each(['"unbalanced', 'a:b', '(x', 'foo~', 'bar^3', '\\', '[a TO z]', '*', 'name:/re/'])('keeps %s free of Lucene syntax', (q) => {
    let out = '';
    try {
      out = luceneQuery(q);
    } catch (e) {
      expect(e).toBeInstanceOf(Invalid);
      return;
    }
    expect(out).toMatch(/^[\p{L}\p{N} ]+\*$/u);
  });

  it('refuses text with no letters or digits', () => {
    expect(() => luceneQuery('"*?~')).toThrow(Invalid);
  });
});
