import { ConfigError, parseConfig } from '../../core/config';

describe('parseConfig', () => {
  it('fills defaults', () => {
    const cfg = parseConfig({ NEO4J_PASSWORD: 'long-enough' });
    expect(cfg).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', NEO4J_URI: 'bolt://127.0.0.1:7687', REDIS_URL: 'redis://127.0.0.1:6380', QUEUE_PREFIX: 'threadline', INGEST_BATCH_SIZE: 1000 });
  });

  it('points at the Neo4j and Redis that npm start runs when no URL is given', () => {
    const cfg = parseConfig({ NEO4J_PASSWORD: 'long-enough', NEO4J_BOLT_PORT: '7777', REDIS_PORT: '6999' });
    expect(cfg).toMatchObject({ NEO4J_URI: 'bolt://127.0.0.1:7777', REDIS_URL: 'redis://127.0.0.1:6999' });
  });

  it('resolves a relative DATA_DIR against the project', () => {
    expect(parseConfig({ NEO4J_PASSWORD: 'long-enough', DATA_DIR: 'var2' }).DATA_DIR).toBe(require('node:path').join(__dirname, '..', '..', 'var2'));
  });

  it('names every bad variable at once', () => {
    let err: unknown;
    try {
      parseConfig({ PORT: 'eighty', NEO4J_URI: 'http://x', REDIS_URL: 'localhost:6379' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    for (const name of ['PORT', 'NEO4J_URI', 'NEO4J_PASSWORD', 'REDIS_URL']) expect(message).toContain(name);
  });

  it('refuses the default Neo4j password and short ones', () => {
    expect(() => parseConfig({ NEO4J_PASSWORD: 'neo4j' })).toThrow(/NEO4J_PASSWORD/);
    expect(() => parseConfig({ NEO4J_PASSWORD: 'neo4jneo4j' })).not.toThrow();
    expect(() => parseConfig({ NEO4J_PASSWORD: 'short' })).toThrow(/at least 8/);
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ NEO4J_PASSWORD: 'long-enough', PORT: '' }).PORT).toBe(8080);
  });
});
