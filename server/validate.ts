/** zod at the edge: parse a request part or answer 400 naming each bad parameter. */
import { z } from 'zod';
import { Invalid } from '../core/errors';

export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ field: i.path.join('.') || what, message: i.message }));
  throw new Invalid(details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
}

/** A whole number from a query string, with messages that say what is wrong ("abc", "2.5", "9"). */
export const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional();
