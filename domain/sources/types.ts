/**
 * What the ingest worker needs to know about a source kind: how its records are read, how a record is
 * checked and turned into the shape its Cypher statement takes, and which statement(s) write a batch.
 */
import type { z } from 'zod';

/** A statement run once per batch beside the row statement, with parameters computed from the batch. */
export interface BatchStep {
  statement: string;
  params: (rows: unknown[]) => Record<string, unknown>;
}

export interface RowFormat {
  /** One line for docs and errors. */
  title: string;
  /** How records are read (workers/ingest/read-rows.ts): CSV with a header, a JSON list, JSON lines, or XML elements. */
  file: 'csv' | 'json' | 'jsonl' | 'xml';
  /** XML only: the element that holds one record. */
  xmlRecord?: string;
  /** Checks one raw record (CSV: column -> string) and returns the row its statement takes. */
  schema: z.ZodType;
  /** CSV: the columns this kind knows (others are reported and ignored). */
  columns: readonly string[];
  /** CSV: columns the header must have. */
  requiredColumns: readonly string[];
  /** CSV: other header names accepted for a column (old or common spellings) -> the column. */
  columnAliases?: Record<string, string>;
  /**
   * The row's identity, for kinds where two rows with one key are a mistake (two shipments with one bill of
   * lading): the first row wins, later ones are rejected. The statement skips rows this import already wrote
   * and returns their ids as `skipped`.
   */
  key?: (row: unknown) => string;
  /**
   * Batches may be written concurrently (INGEST_WRITERS at once): rows have a key (repeats among batches in
   * flight are caught before sending) and the statement's outcome does not depend on commit order.
   */
  concurrentBatches?: boolean;
  /** The cypher/ingest statement that writes a batch of rows ($rows, $importId, $seenAt). */
  statement: string;
  /**
   * For files whose rows are of several sorts (FtM): the statement for one row. Rows of a batch are
   * grouped by statement and written in the order of `statements`.
   */
  route?: { statements: readonly string[]; of: (row: unknown) => string };
  /**
   * JSON lines whose records refer to each other (FtM): the 0-based pass in which a raw record is read. The
   * file is read once per pass, so every record of a pass is written before any of the next.
   */
  passOf?: (raw: unknown) => number;
  /** Small statements run before / after each batch (e.g. the HS codes and countries a batch mentions). */
  before?: BatchStep[];
  after?: BatchStep[];
}
