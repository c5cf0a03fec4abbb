/**
 * A form as the browser posted it, read once per request: every value a string with line breaks
 * normalised to LF (browsers send CRLF, and the API's length limits count LF), so a
 * 1,000-character comment with line breaks is not refused for 1,010.
 */
export interface PostedForm {
  /** The field's first value, or '' when it was not sent. */
  get(name: string): string;
  /** Every value sent under `name` (checkbox lists), in order. */
  all(name: string): string[];
  /** Every field's first value, for keeping what was typed when the form comes back. */
  values(): Record<string, string>;
  /**
   * False when the body could not be read (a broken or truncated upload, another content type)
   * or held no field at all: nothing was typed that could be saved, and nothing saved should be
   * overwritten with it.
   */
  readable: boolean;
}

/**
 * Reads a posted form (urlencoded or multipart; file fields are skipped). An unreadable body
 * reads as empty, with `readable` false.
 */
export async function readForm(request: Request): Promise<PostedForm> {
  const parsed = await request.formData().catch(() => null);
  const data = parsed ?? new FormData();
  const entries = [...data.entries()]
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, value]) => [name, value.replace(/\r\n?/g, '\n')] as const);
  return {
    readable: parsed !== null && [...data.keys()].length > 0,
    get: (name) => entries.find(([n]) => n === name)?.[1] ?? '',
    all: (name) => entries.filter(([n]) => n === name).map(([, v]) => v),
    values: () => {
      const first: Record<string, string> = {};
      for (const [name, value] of entries) first[name] ??= value;
      return first;
    },
  };
}

/**
 * A field whose value comes from a closed set (a submit button's `value`, a hidden `intent`, a
 * radio): the value when it is one of `allowed`, else null. Never a default: `action=foo`, or no
 * button at all, is not taken for one of the actions; the page answers {@link unknownChoice}.
 */
export function oneOf<const T extends string>(form: PostedForm, name: string, allowed: readonly T[]): T | null {
  const value = form.get(name);
  return (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/**
 * A page's refusal of a value outside a field's closed set ({@link oneOf}): sets the page's status
 * to 400 and returns the error summary's one problem (`errors.form.unknownChoice`, translated by
 * `t`), linking to `href` (the form or the field). Nothing is sent to the API; the page keeps what was typed.
 */
export function unknownChoice(
  response: { status?: number },
  t: (key: string) => string,
  href: string,
): { href: string; message: string }[] {
  response.status = 400;
  return [{ href, message: t('errors.form.unknownChoice') }];
}

/**
 * A date typed as day, month and year (DateInput.astro: `<name>.day`, `.month`, `.year`) as
 * `YYYY-MM-DD`: `27`, `3`, `2026` → `2026-03-27`. Empty when all three are empty; what cannot be a
 * date stays visibly wrong (`2026-02-31`, `2026-3x-01`) for the API to refuse (`competition.date`).
 * A form that posts the whole date under `<name>` (an older page) is taken as it is.
 */
export function joinDate(form: PostedForm, name: string): string {
  const [day, month, year] = ['day', 'month', 'year'].map((p) => form.get(`${name}.${p}`).trim());
  if (!day && !month && !year) return form.get(name).trim();
  const pad = (v: string | undefined, n: number) => (/^\d+$/.test(v ?? '') ? v!.padStart(n, '0') : v || '?');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** A saved `YYYY-MM-DD` as the day, month and year fields show it (`2026-03-07` → `7`, `3`, `2026`); empty stays empty. */
export function dateParts(iso: string): { day: string; month: string; year: string } {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
}
