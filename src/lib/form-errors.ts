import type { ErrorBody, ErrorCode } from '../../functions/errors.ts';

/**
 * Turns the API's error body into what a form page shows: a message per field (next to the
 * field) and the GOV.UK error summary's links. A failure not about a field links to `fallback`.
 * `order` names the form's fields top to bottom (`children` covers `children.3-5`): the summary then
 * lists problems as a person meets the fields (WCAG 2.4.3), whatever order the API checked them in;
 * fields it does not name keep their place after the named ones.
 * `name` gives a field's name as the form labels it (a criterion's name for `scores.<key>`): the
 * summary's message then starts with it ("Comment for the jury: This text is too long."), so each
 * line says which field it is about even where one message serves many fields; the message next
 * to the field stays as it is. It is told the problem's code too, so a form can name only the fields
 * whose message does not say which field it is about (`lunch.notInList`: "Choose from the list").
 */
export function formErrors(
  error: ErrorBody,
  anchor: (field: string) => string,
  fallback: string,
  order: readonly string[] = [],
  name: (field: string, code: ErrorCode) => string | undefined = () => undefined,
) {
  const fieldErrors: Record<string, string> = Object.fromEntries((error.fields ?? []).map((f) => [f.field, f.message]));
  const rank = (field: string) => {
    const at = order.indexOf(field);
    const group = order.indexOf(field.split('.')[0]!);
    return at !== -1 ? at : group !== -1 ? group : order.length;
  };
  const fields = [...(error.fields ?? [])].sort((a, b) => rank(a.field) - rank(b.field));
  const problems = fields.length
    ? fields.map((f) => {
        const label = name(f.field, f.code);
        return { href: anchor(f.field), message: label ? `${label}: ${f.message}` : f.message };
      })
    : [{ href: fallback, message: error.message }];
  return { fieldErrors, problems };
}
