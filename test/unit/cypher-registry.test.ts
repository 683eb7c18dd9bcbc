import { CypherRegistry, CypherRegistryError, parseStatement } from '../../cypher/registry';

const header = (body: string, extra = '') => `// Does a thing.\n// params: $id: string, $limit: integer\n// returns: id\n// mode: read\n${extra}${body}`;

describe('CypherRegistry', () => {
  const registry = CypherRegistry.load();

  it('loads every statement in cypher/ with a valid contract header', () => {
    expect(registry.names()).toEqual(expect.arrayContaining(['graph/search-entities', 'ingest/merge-shipments', 'ingest/merge-places']));
    for (const name of registry.names()) {
      const s = registry.get(name);
      expect(s.description.length).toBeGreaterThan(10);
      expect(['read', 'write']).toContain(s.mode);
    }
  });

  it('fails loudly on an unknown name', () => {
    expect(() => registry.get('graph/no-such-query')).toThrow(/no Cypher statement named "graph\/no-such-query"/);
  });

  it('returns an area\'s statements in file-name order', () => {
    const ingest = registry.area('ingest').map((s) => s.name);
    expect(ingest.length).toBeGreaterThan(3);
    expect(ingest).toEqual([...ingest].sort());
  });

  it('knows which params are integers', () => {
    expect(parseStatement('x/y', header('MATCH (n {id: $id}) RETURN n.id AS id LIMIT $limit')).integerParams).toEqual(['limit']);
  });

  it.each([
    ['no mode', '// Does a thing.\n// params: none\n// returns: x\nRETURN 1 AS x', /no "mode:" line/],
    ['bad mode', '// Does a thing.\n// params: none\n// returns: x\n// mode: maybe\nRETURN 1 AS x', /mode must be read or write/],
    ['no description', '// params: none\n// returns: x\n// mode: read\nRETURN 1 AS x', /does not say what/],
    ['undeclared param', header('MATCH (n {id: $id}) WHERE n.x = $other RETURN n.id AS id LIMIT $limit'), /undeclared params \$other/],
    ['no body', header(''), /no statement after the header/],
  ])('rejects a file with %s', (_what, source, message) => {
    expect(() => parseStatement('x/y', source)).toThrow(CypherRegistryError);
    expect(() => parseStatement('x/y', source)).toThrow(message);
  });
});
