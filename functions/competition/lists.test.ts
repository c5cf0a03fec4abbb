import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors.ts';
import { parseOrThrow } from '../http/validate.ts';
import { categoryInput, categorySaved } from './competition.schemas.ts';

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

describe("a category's languages and file types are the portal's own (tester finding: 'Slovak and xx')", () => {
  it('an unknown language or a file type the upload does not take is refused at its field', () => {
    expect(refused({ languages: 'sk, xx', fileTypes: 'application/x-msdownload, image/jpeg' })).toEqual([
      { field: 'languages', code: 'competition.languageUnknown' },
      { field: 'fileTypes', code: 'competition.fileTypeUnknown' },
    ]);
    expect(refused({ languages: 'sk, uk, ps', fileTypes: 'application/pdf, image/jpeg, video/mp4' })).toEqual([]);
  });

  it('no language is refused; no file type only where the category asks for files', () => {
    expect(refused({ languages: ' , ' })).toEqual([{ field: 'languages', code: 'competition.languagesRequired' }]);
    const saved = (minWorkFiles: string, fileTypes: string) => {
      const r = categorySaved.safeParse({
        slug: 'video',
        name: { sk: 'Video', en: 'Video', uk: 'Відео' },
        description: { sk: '', en: '', uk: '' },
        languages: 'sk',
        fileTypes,
        maxFileBytes: '2000000',
        minWorkFiles,
        entriesPerEntrant: '1',
        requiredFields: '',
      });
      return r.success ? 'saved' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect([saved('1', ''), saved('0', ''), saved('1', 'video/mp4')]).toEqual([
      ['fileTypes: competition.fileTypesRequired'],
      'saved',
      'saved',
    ]);
  });
});
