import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors.ts';
import { parseOrThrow } from '../http/validate.ts';
import { categoryInput } from './competition.schemas.ts';

// A category's lists (languages, file types, required fields) are typed as text, "sk, en": a value
// that does not fit is a problem of the field itself, so the manager's form shows it beside the
// field and its summary links there (not to `#category-languages-0`, which no element has).
const lists = categoryInput.pick({ languages: true, fileTypes: true, requiredFields: true });
const refused = (input: Record<string, unknown>) => {
  try {
    parseOrThrow(lists, { languages: 'sk', fileTypes: 'application/pdf', requiredFields: '', ...input });
    return [];
  } catch (error) {
    return (error as AppError).fields;
  }
};

describe("a category's typed lists", () => {
  it('a value that does not fit, or too many, is one problem at the field’s own path', () => {
    expect(refused({ languages: 'sk, slovak', fileTypes: 'pdf', requiredFields: 'outlet, author' })).toEqual([
      { field: 'languages', code: 'competition.list' },
      { field: 'fileTypes', code: 'competition.list' },
      { field: 'requiredFields', code: 'competition.list' },
    ]);
    expect(refused({ languages: Array(51).fill('sk') })).toEqual([{ field: 'languages', code: 'competition.list' }]);
    expect(refused({ languages: 7 })).toEqual([{ field: 'languages', code: 'competition.list' }]);
  });

  it('reads text and arrays alike', () => {
    expect(
      parseOrThrow(lists, { languages: 'sk, en  uk', fileTypes: ['application/pdf'], requiredFields: 'url' }),
    ).toEqual({
      languages: ['sk', 'en', 'uk'],
      fileTypes: ['application/pdf'],
      requiredFields: ['url'],
    });
  });

  it('an order outside 0–99 is a problem of the order with its own code, not a generic one', () => {
    const order = categoryInput.pick({ position: true });
    for (const position of ['999', '-1', '1.5', 'abc'])
      try {
        parseOrThrow(order, { position });
        expect.unreachable(position);
      } catch (error) {
        expect((error as AppError).fields).toEqual([{ field: 'position', code: 'competition.number' }]);
      }
  });
});

describe('category numbers (tester finding: minWorkFiles=0x5 was 5)', () => {
  const fields = (input: Record<string, unknown>) => {
    try {
      parseOrThrow(categoryInput.pick({ minWorkFiles: true, entriesPerEntrant: true, maxFileBytes: true }), input);
      return [];
    } catch (error) {
      return (error as AppError).fields;
    }
  };

  it('exponent and hex text is not a number; the largest file says its range', () => {
    expect(fields({ minWorkFiles: '0x5', entriesPerEntrant: '1e1', maxFileBytes: '1e6' })).toEqual([
      { field: 'minWorkFiles', code: 'competition.number' },
      { field: 'entriesPerEntrant', code: 'competition.number' },
      { field: 'maxFileBytes', code: 'competition.fileSize' },
    ]);
    // 0.0000001 MB is 0 bytes after rounding, -1 MB goes as NaN (src/lib/competition-admin.ts).
    for (const maxFileBytes of ['0', 'NaN', '5000000001'])
      expect(fields({ minWorkFiles: '1', entriesPerEntrant: '1', maxFileBytes })).toEqual([
        { field: 'maxFileBytes', code: 'competition.fileSize' },
      ]);
    expect(fields({ minWorkFiles: '5', entriesPerEntrant: '2', maxFileBytes: '2000000' })).toEqual([]);
  });
});
