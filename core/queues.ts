/**
 * Queue names and job contracts: the only thing server, workers and the CLI share about jobs. Producers
 * and consumers meet here, never by importing each other.
 */
import { z } from 'zod';
import { importKinds } from '../domain/vocabulary';

export const INGEST_QUEUE = 'ingest';
/** Follows every shipments import: brings the derived SUPPLIES edges up to date. */
export const DERIVE_QUEUE = 'derive';

export const deriveJobData = z.object({ importId: z.string().min(1) });
export type DeriveJobData = z.infer<typeof deriveJobData>;

export interface DeriveResult {
  importId: string;
  shippers: number;
  pairs: number;
  seconds: number;
}

export const ingestJobData = z.object({
  importId: z.string().min(1),
  kind: z.enum(importKinds),
  /** The staged copy in the imports area (DATA_DIR/imports/<importId>/<fileName>). */
  path: z.string().min(1),
  fileName: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  requestedBy: z.string().min(1),
});
export type IngestJobData = z.infer<typeof ingestJobData>;

export interface IngestProgress {
  rowsRead: number;
  rowsWritten: number;
  rowsRejected: number;
  bytesRead: number;
  totalBytes: number;
  percent: number;
  /** Last file line whose row is committed to Neo4j; a restarted job writes only what comes after. */
  committedLine: number;
}

export interface Reject {
  line: number;
  field: string;
  reason: string;
  value?: string;
}

export interface IngestResult {
  importId: string;
  status: 'completed';
  rowsRead: number;
  rowsWritten: number;
  rowsRejected: number;
  rejectsPath: string;
  rejectsSample: Reject[];
  seconds: number;
  /** The derive job this import queued (shipments imports only). */
  deriveJobId?: string;
}

/** Every job: retried with backoff on transient failures; finished jobs kept a while for status queries. */
export const jobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 10_000 },
  removeOnFail: { count: 10_000 },
} as const;

export const emptyProgress = (totalBytes: number): IngestProgress => ({
  rowsRead: 0, rowsWritten: 0, rowsRejected: 0, bytesRead: 0, totalBytes, percent: 0, committedLine: 0,
});
