/**
 * Queue names and job contracts: the only thing server, workers and the CLI share about jobs. Producers
 * and consumers meet here, never by importing each other.
 */
import { z } from 'zod';
import { importKinds, type ImportKind } from '../domain/vocabulary';

export const INGEST_QUEUE = 'ingest';
/** Follows every shipments import: brings the derived SUPPLIES edges up to date. */
export const DERIVE_QUEUE = 'derive';

/**
 * What runs after an import, in order. An import is queued as one BullMQ flow (core/imports.ts): the ingest
 * job is the innermost child, the first stage its parent, the next stage that one's parent, and so on; each
 * stage runs once the job below it has completed, and never when it failed or was cancelled. Every job of
 * the flow has the import id as its job id, each in its own queue. A later stage (resolve, score) is one
 * more entry here plus its worker.
 */
export const importStages: readonly { queue: string; kinds: readonly ImportKind[] }[] = [
  { queue: DERIVE_QUEUE, kinds: ['shipments'] },
];

/** The stage queues an import of this kind goes through, first to last (none: the ingest job stands alone). */
export const stagesOf = (kind: ImportKind): string[] => importStages.filter((s) => s.kinds.includes(kind)).map((s) => s.queue);

/** Every stage job carries just the import id; what the import did comes from its child's result. */
export const stageJobData = z.object({ importId: z.string().min(1) });
export const deriveJobData = stageJobData;
export type DeriveJobData = z.infer<typeof deriveJobData>;

export interface DeriveResult {
  importId: string;
  shippers: number;
  pairs: number;
  seconds: number;
  /** The counts of the ingest job this derive job followed (read from its child's result). */
  import?: Pick<IngestResult, 'rowsRead' | 'rowsWritten' | 'rowsRejected'>;
  /** Set when there was nothing to derive from: no completed import among the job's children. */
  skipped?: string;
}

/**
 * A cancel request for a running import: a Redis key beside the queues (same prefix, so the same Redis
 * Cluster slot with a hash-tagged prefix) holding who asked. The worker looks for it between batches.
 * It expires by itself, so a request that found the import already finished leaves nothing behind for long.
 */
export const cancelKey = (prefix: string, importId: string) => `${prefix}:cancel:${importId}`;
export const CANCEL_TTL_SECONDS = 7 * 24 * 3600;
/** The failedReason of an ingest job stopped by a cancel request starts with this word. */
export const CANCELLED = 'cancelled';
export const isCancelledReason = (reason: string | undefined | null) => !!reason && reason.startsWith(`${CANCELLED} `);

/** How an import's last run ended, as the Import node's `status` says it. */
export type ImportStatus = 'running' | 'retrying' | 'completed' | 'failed' | 'cancelled';

export const ingestJobData = z.object({
  importId: z.string().min(1),
  kind: z.enum(importKinds),
  /** The staged copy in the imports area (DATA_DIR/imports/<importId>/source/<fileName>). */
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
  /** The derive job waiting for this import: its parent in the flow (shipments imports only). */
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
