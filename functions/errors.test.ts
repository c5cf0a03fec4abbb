import { describe, expect, it } from 'vitest';
import { locales } from '../core/locales.ts';
import { catalogues } from '../core/t.ts';
import { fieldErrors } from './http/validate.ts';
import { AppError, errorBody, errorCodes, isErrorCode } from './errors.ts';

/** The catalogue value at a dotted path, or undefined. */
function at(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
}

/** Every dotted path to a text under `errors.` in a catalogue. */
function errorKeys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : errorKeys(value as Record<string, unknown>, `${prefix}${key}.`),
  );
}

describe('error codes', () => {
  it.each(locales)('every code has a message in the %s catalogue', (locale) => {
    const missing = errorCodes.filter((code) => typeof at(catalogues[locale], `errors.${code}`) !== 'string');
    expect(missing).toEqual([]);
  });

  it.each(locales)('the %s catalogue has no error message without a code (but the page texts)', (locale) => {
    const errors = (catalogues[locale] as Record<string, Record<string, unknown>>).errors ?? {};
    const stale = errorKeys(errors).filter(
      (key) => !isErrorCode(key) && !['summaryTitle', 'titlePrefix'].includes(key),
    );
    expect(stale).toEqual([]);
  });

  it('are declared once, without repeats', () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
    expect(isErrorCode('upload.tooLarge')).toBe(true);
    expect(isErrorCode('Invalid input')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });

  it('a schema message that is a code becomes the field’s code; zod’s own messages become validation.failed', () => {
    expect(
      fieldErrors([
        { code: 'custom', path: ['email'], message: 'email.invalid', input: '' },
        { code: 'custom', path: ['email'], message: 'email.tooLong', input: '' },
        { code: 'custom', path: ['name'], message: 'Invalid input', input: '' },
      ]),
    ).toEqual([
      { field: 'email', code: 'email.invalid' },
      { field: 'name', code: 'validation.failed' },
    ]);
  });

  it('renders the message of the code in the request’s language', () => {
    const body = errorBody(
      new AppError('upload.tooLarge', 413, [{ field: 'file', code: 'upload.tooLarge' }]),
      'r1',
      (k) => String(at(catalogues.en, k)),
    );
    expect(body).toEqual({
      code: 'upload.tooLarge',
      message: 'The file is too large.',
      requestId: 'r1',
      fields: [{ field: 'file', code: 'upload.tooLarge', message: 'The file is too large.' }],
    });
  });
});
