/** The rejects report: one CSV line per problem (line, field, reason, value), next to the staged file. */
import fs from 'node:fs';
import type { ZodError } from 'zod';
import type { Reject } from '../../core/queues';

const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export class RejectsReport {
  private readonly out: fs.WriteStream;
  readonly sample: Reject[] = [];
  count = 0;

  constructor(readonly path: string, private readonly sampleSize = 20) {
    this.out = fs.createWriteStream(path);
    this.out.write('line,field,reason,value\n');
  }

  add(r: Reject): void {
    this.count++;
    if (this.sample.length < this.sampleSize) this.sample.push(r);
    this.out.write([String(r.line), r.field, r.reason, r.value ?? ''].map(csvField).join(',') + '\n');
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

/** One reject per zod issue, naming the column (or JSON field) and the offending value. */
export function rejectsFromZod(line: number, raw: unknown, err: ZodError): Reject[] {
  return err.issues.map((issue) => {
    const field = issue.path.length ? issue.path.map(String).join('.') : '*';
    const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined), raw);
    return { line, field, reason: issue.message, ...(typeof value === 'string' || typeof value === 'number' ? { value: String(value).slice(0, 200) } : {}) };
  });
}
