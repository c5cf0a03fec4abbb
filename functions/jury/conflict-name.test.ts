import { describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import type { AppError } from '../errors.ts';
import { parseOrThrow } from '../http/validate.ts';
import { declareConflictInput } from './jury.schemas.ts';

// A tester declared a conflict with "Z" and was told "Enter the name." under the name typed: a
// name of one character is refused (at least 2), and the message says so in every locale.
describe("a declared conflict's name", () => {
  it('of one character is refused with a message that says the least length', () => {
    for (const name of ['Z', ' Z ', '  ']) {
      try {
        parseOrThrow(declareConflictInput, { kind: 'person', name });
        expect.unreachable(name);
      } catch (error) {
        expect((error as AppError).fields).toEqual([{ field: 'name', code: 'jury.nameRequired' }]);
      }
    }
    expect(parseOrThrow(declareConflictInput, { kind: 'outlet', name: ' TA ' })).toEqual({
      kind: 'outlet',
      name: 'TA',
    });
    expect(locales.map((locale) => useTranslations(locale)('errors.jury.nameRequired'))).toEqual([
      'Zadajte meno, aspoň 2 znaky.',
      'Enter the name, at least 2 characters.',
      'Введіть ім’я, щонайменше 2 символи.',
    ]);
  });
});
