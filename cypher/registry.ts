/**
 * Every Cypher statement lives in its own file under cypher/<area>/<verb-noun>.cypher and opens with a
 * contract header:
 *
 *   // <what it does, one or more lines>
 *   // params: $name: type, ...        (or "none")
 *   // returns: col, col, ...           (or "nothing")
 *   // mode: read | write
 *
 * The registry loads them all once at boot. Code asks for statements by name; a name with no file, or a
 * file with a broken header, fails at boot instead of at run time.
 */
import fs from 'node:fs';
import path from 'node:path';

export type Mode = 'read' | 'write';

export interface Statement {
  /** e.g. "graph/search-entities" */
  name: string;
  text: string;
  mode: Mode;
  params: string[];
  /** Params declared as `integer`: sent as Neo4j integers (a JS number would arrive as a float). */
  integerParams: string[];
  returns: string[];
  description: string;
}

export class CypherRegistryError extends Error {
  override readonly name = 'CypherRegistryError';
}

const cypherRoot = __dirname;

export function parseStatement(name: string, source: string): Statement {
  const lines = source.split(/\r?\n/);
  const header: string[] = [];
  for (const line of lines) {
    if (!line.startsWith('//')) break;
    header.push(line.replace(/^\/\/\s?/, ''));
  }
  const field = (key: string) => {
    const hit = header.find((h) => h.toLowerCase().startsWith(`${key}:`));
    if (hit === undefined) throw new CypherRegistryError(`cypher/${name}.cypher: header has no "${key}:" line`);
    return hit.slice(key.length + 1).trim();
  };
  const mode = field('mode');
  if (mode !== 'read' && mode !== 'write') throw new CypherRegistryError(`cypher/${name}.cypher: mode must be read or write, not "${mode}"`);
  const paramsLine = field('params');
  const declared = paramsLine === 'none' ? [] : [...paramsLine.matchAll(/\$(\w+):\s*(.*?)(?=,\s*\$|$)/g)];
  const params = declared.map((m) => m[1] as string);
  const integerParams = declared.filter((m) => /^integer\b/.test(m[2] ?? '')).map((m) => m[1] as string);
  if (paramsLine !== 'none' && !params.length) throw new CypherRegistryError(`cypher/${name}.cypher: params line must read "$name: type, ..." or "none"`);
  const returnsLine = field('returns');
  const returns = returnsLine === 'nothing' ? [] : returnsLine.split(',').map((s) => s.trim().split(/\s/)[0] as string);
  const description = header.filter((h) => !/^(params|returns|mode):/i.test(h)).join(' ').trim();
  if (!description) throw new CypherRegistryError(`cypher/${name}.cypher: header does not say what the statement does`);
  const text = lines.slice(header.length).join('\n').trim();
  if (!text) throw new CypherRegistryError(`cypher/${name}.cypher: no statement after the header`);
  // Parameters used in the body must be declared, so the header stays a true contract.
  const used = new Set([...text.matchAll(/\$(\w+)/g)].map((m) => m[1] as string));
  const undeclared = [...used].filter((p) => !params.includes(p));
  if (undeclared.length) throw new CypherRegistryError(`cypher/${name}.cypher: uses undeclared params ${undeclared.map((p) => '$' + p).join(', ')}`);
  return { name, text, mode, params, integerParams, returns, description };
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : e.name.endsWith('.cypher') ? [full] : [];
  });
}

export class CypherRegistry {
  private constructor(private readonly statements: Map<string, Statement>) {}

  /** Loads every .cypher file under `root` (default: this folder). Schema files are loaded too. */
  static load(root = cypherRoot): CypherRegistry {
    const map = new Map<string, Statement>();
    for (const file of walk(root).sort()) {
      const name = path.relative(root, file).replace(/\\/g, '/').replace(/\.cypher$/, '');
      map.set(name, parseStatement(name, fs.readFileSync(file, 'utf8')));
    }
    return new CypherRegistry(map);
  }

  /** The statement called `name`; throws when there is none, which callers do at boot. */
  get(name: string): Statement {
    const stmt = this.statements.get(name);
    if (!stmt) throw new CypherRegistryError(`no Cypher statement named "${name}" (expected cypher/${name}.cypher)`);
    return stmt;
  }

  /** Statements in one area, e.g. "schema", in file-name order. */
  area(area: string): Statement[] {
    return [...this.statements.values()].filter((s) => s.name.startsWith(`${area}/`));
  }

  names(): string[] {
    return [...this.statements.keys()];
  }
}
