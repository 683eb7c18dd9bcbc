/** The rejects report: one CSV line per problem (line, field, reason, value), next to the staged file. */
import fs from 'node:fs';
import type { ZodError } from 'zod';
import type { Reject } from '../../core/queues';

// Quoted when needed; a leading = + - @ gets a ' so a spreadsheet shows the value instead of running it.
const csvField = (s: string) => {
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * Written to a file of this attempt's own and renamed over `path` when closed, so a worker that took a
 * job over from a stalled one never interleaves its lines with the other's.
 */
export class RejectsReport {
  private readonly out: fs.WriteStream;
  private readonly tmp: string;
  private failure: Error | undefined;
  readonly sample: Reject[] = [];
  count = 0;

  constructor(readonly path: string, attempt: string, private readonly sampleSize = 20) {
    this.tmp = `${path}.${attempt.replace(/[^\w-]/g, '')}.tmp`;
    this.out = fs.createWriteStream(this.tmp);
    this.out.on('error', (err) => (this.failure = err));
    this.out.write('line,field,reason,value\n');
  }

  add(r: Reject): void {
    this.count++;
    if (this.sample.length < this.sampleSize) this.sample.push(r);
    this.out.write([String(r.line), r.field, r.reason, r.value ?? ''].map(csvField).join(',') + '\n');
  }

  async close(): Promise<void> {
    if (!this.out.closed) await new Promise<void>((resolve) => this.out.end(() => resolve()));
    if (this.failure) throw this.failure;
    await fs.promises.rename(this.tmp, this.path);
  }
}

/** One reject per zod issue, naming the column (or JSON field) and the offending value. */
export function rejectsFromZod(line: number, raw: unknown, err: ZodError): Reject[] {
  return err.issues.map((issue) => {
    const field = issue.path.length ? issue.path.map(String).join('.') : '*';
    // The value at the path, or the cell it came from when the schema split a cell into a list ("a|b").
    const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : v), raw);
    return { line, field, reason: issue.message, ...(typeof value === 'string' || typeof value === 'number' ? { value: String(value).slice(0, 200) } : {}) };
  });
}
