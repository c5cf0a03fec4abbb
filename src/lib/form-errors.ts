import type { ErrorBody } from '../../functions/errors.ts';

/**
 * Turns the API's error body into what a form page shows: a message per field (next to the
 * field) and the GOV.UK error summary's links. A failure not about a field links to `fallback`.
 */
export function formErrors(error: ErrorBody, anchor: (field: string) => string, fallback: string) {
  const fieldErrors: Record<string, string> = Object.fromEntries((error.fields ?? []).map((f) => [f.field, f.message]));
  const problems = error.fields?.length
    ? error.fields.map((f) => ({ href: anchor(f.field), message: f.message }))
    : [{ href: fallback, message: error.message }];
  return { fieldErrors, problems };
}
