import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, isErrorCode, type FieldError } from '../errors.ts';

/**
 * Turns zod issues into field errors, one per field, the first problem first. A schema's message
 * that is an error code (e.g. `.max(254, 'email.tooLong')`) becomes the field's code; zod's own
 * messages become `validation.failed`.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const issue of issues) {
    const field = issue.path.join('.') || '_';
    if (byField.has(field)) continue;
    const code = isErrorCode(issue.message) ? issue.message : 'validation.failed';
    byField.set(field, { field, code });
  }
  return [...byField.values()];
}

/** A media type's `charset` parameter, lower-cased, or undefined when it names none. */
const charsetOf = (type: string) => /;\s*charset="?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase();

/** How deeply a JSON body may nest (objects and arrays); no form of ours nests more than 4. */
export const MAX_JSON_DEPTH = 32;

/**
 * How deeply `value` nests, counted without recursion: a 6 KB body of 3,000 nested arrays parses
 * fine but overflows the stack of any recursive walker after it (JSON.stringify with a replacer,
 * schema parsers), which would answer 500.
 */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Reads a JSON or form body — the one reader of request bodies, so an unreadable body is a 4xx
 * in the one error shape, never a 500 (S21).
 * @throws AppError `validation.failed` (400) for a JSON body that is not an object, broken JSON, JSON
 *   nested deeper than {@link MAX_JSON_DEPTH}, a form that cannot be parsed (multipart without a boundary, a truncated part), an empty body
 * @throws AppError `request.unsupportedMediaType` (415) for a body neither JSON nor a form, or a
 *   charset other than UTF-8
 */
export async function readBody(c: Context): Promise<Record<string, unknown>> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  const charset = charsetOf(type);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    throw new AppError('request.unsupportedMediaType', 415);
  if (type.startsWith('application/json')) {
    const body: unknown = await c.req.json().catch(() => null);
    if (body === null || typeof body !== 'object' || Array.isArray(body) || jsonDepth(body) > MAX_JSON_DEPTH)
      throw new AppError('validation.failed', 400);
    return body as Record<string, unknown>;
  }
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    const form = await c.req.formData().catch(() => null);
    if (form === null) throw new AppError('validation.failed', 400);
    return Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'));
  }
  throw new AppError('request.unsupportedMediaType', 415);
}

/**
 * Parses input with a schema or throws a 422 that lists every field problem.
 * @throws AppError `validation.failed` (422) with one field error per invalid field
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('validation.failed', 422, fieldErrors(result.error.issues));
  return result.data;
}
