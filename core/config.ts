/**
 * One place that reads the environment. Read once, validated with zod, and a clear message naming every
 * bad variable when something is wrong, so a misconfigured process stops at start, not at 2 a.m.
 * Every variable is documented in .env.example.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const projectRoot = path.resolve(__dirname, '..');

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(8080, 1, 65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  // Unset: the Neo4j that npm start runs (scripts/start.ts), on NEO4J_BOLT_PORT.
  NEO4J_URI: z.string().regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'must be a bolt:// or neo4j:// URI'),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z
    .string({ error: 'is required (set it in .env; npm start writes a random one on first run)' })
    .min(8, 'must be at least 8 characters (Neo4j refuses shorter passwords)')
    .refine((p) => p !== 'neo4j', 'must not be the default password'),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),

  // Unset: the redis-server that npm start runs, on REDIS_PORT; so the CLI finds the demo's queue.
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
  QUEUE_PREFIX: z.string().regex(/^[\w:{}-]+$/, 'letters, digits, _ - : { } only').default('threadline'),

  // Resolved against the project, so every process (CLI, workers) means the same folder.
  DATA_DIR: z.string().min(1).default(path.join(projectRoot, 'var')).transform((d) => path.resolve(projectRoot, d)),
  INGEST_BATCH_SIZE: int(1000, 1, 50_000),
  /** Batches of one import written at once (deadlocks between them are retried by the driver). */
  INGEST_WRITERS: int(2, 1, 8),
  INGEST_CONCURRENCY: int(1, 1, 64),
  /** How long a worker holds a job before others may take it over; a killed worker's job resumes after this. */
  INGEST_LOCK_MS: int(30_000, 1_000, 600_000),
  QUERY_TIMEOUT_MS: int(10_000, 100, 600_000),
  /** Largest file POST /api/imports accepts, in MiB (fractions allowed); larger uploads answer 413. */
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1_048_576).default(2048),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Loads `.env` (if present) under the real environment: variables already set win. */
export function loadDotEnv(file = path.join(projectRoot, '.env')): void {
  if (!fs.existsSync(file)) return;
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    const [, key, raw] = m as unknown as [string, string, string];
    if (!process.env[key]) process.env[key] = raw.replace(/^(['"])(.*)\1$/, '$2');
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "not set", as they do in .env files written by hand.
  const present: Record<string, string | undefined> = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  present.NEO4J_URI ??= `bolt://127.0.0.1:${present.NEO4J_BOLT_PORT ?? 7687}`;
  present.REDIS_URL ??= `redis://127.0.0.1:${present.REDIS_PORT ?? 6380}`;
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`invalid configuration (see .env.example):\n${problems}`);
  }
  return result.data;
}

let cached: Config | undefined;

/** The process's configuration: .env plus environment, parsed once. */
export function config(): Config {
  if (!cached) {
    loadDotEnv();
    cached = parseConfig(process.env);
  }
  return cached;
}
