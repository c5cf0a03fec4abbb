import { describe, expect, it } from 'vitest';
import { eligibilityProblems, type EligibilityCategory, type EligibilityEntry } from './eligibility.ts';

const edition = { publishedFrom: '2026-01-01', publishedUntil: '2027-03-31' };
const video: EligibilityCategory = {
  id: 'video',
  languages: ['sk', 'en', 'uk'],
  fileTypes: ['video/mp4'],
  maxFileBytes: 1000,
  minWorkFiles: 1,
  entriesPerEntrant: 2,
  requiredFields: ['outlet'],
};
const entry: EligibilityEntry = {
  id: 'e1',
  categoryId: 'video',
  title: 'Na hranici',
  language: 'sk',
  outlet: 'RTVS',
  publishedOn: '2026-05-17',
  url: '',
  summary: 'Zhrnutie',
  summaryTranslation: '',
  country: 'SK',
  authors: [{ name: 'Jana', role: 'reporter' }],
  declaredOwnWork: true,
  declaredLicence: true,
  declaredRules: true,
  declaredPrivacy: true,
};
const film = { kind: 'work' as const, size: 900, type: 'video/mp4' };

describe('eligibility of an entry', () => {
  it('accepts a complete entry in its window, language, files and cap', () => {
    expect(eligibilityProblems(entry, edition, video, [film], 1)).toEqual([]);
  });

  it('takes the window’s first and last day as eligible, and the days around them not', () => {
    const on = (publishedOn: string) =>
      eligibilityProblems({ ...entry, publishedOn }, edition, video, [film], 0).map((p) => p.code);
    expect([on('2026-01-01'), on('2027-03-31'), on('2025-12-31'), on('2027-04-01')]).toEqual([
      [],
      [],
      ['outsideWindow'],
      ['outsideWindow'],
    ]);
  });

  it('checks the attached files against the category: required, type and size', () => {
    expect(eligibilityProblems(entry, edition, video, [], 0)).toEqual([{ field: 'files', code: 'filesMissing' }]);
    expect(
      eligibilityProblems(
        entry,
        edition,
        video,
        [film, { kind: 'supporting', size: 2000, type: 'application/pdf' }],
        0,
      ),
    ).toEqual([
      { field: 'files', code: 'fileTypeNotAccepted' },
      { field: 'files', code: 'fileTooLarge' },
    ]);
  });

  it('needs an English or Slovak summary for a work in another language, and a language the category takes', () => {
    expect(eligibilityProblems({ ...entry, language: 'uk' }, edition, video, [film], 0)).toEqual([
      { field: 'summaryTranslation', code: 'translationRequired' },
    ]);
    expect(
      eligibilityProblems({ ...entry, language: 'de', summaryTranslation: 'Summary' }, edition, video, [film], 0),
    ).toEqual([{ field: 'language', code: 'languageNotAccepted' }]);
  });

  it('stops at the per-entrant cap and lists every problem of an empty entry at once', () => {
    expect(eligibilityProblems(entry, edition, video, [film], 2)).toEqual([
      { field: 'categoryId', code: 'capReached' },
    ]);
    const empty = {
      ...entry,
      categoryId: null,
      title: '',
      language: '',
      outlet: '',
      publishedOn: '',
      summary: '',
      country: '',
      authors: [],
      declaredOwnWork: false,
      declaredLicence: false,
      declaredRules: false,
      declaredPrivacy: false,
    };
    expect(eligibilityProblems(empty, edition, null, [], 0).map((p) => `${p.field}:${p.code}`)).toEqual([
      'categoryId:categoryRequired',
      'title:required',
      'language:required',
      'publishedOn:required',
      'summary:required',
      'country:required',
      'authors:authorRequired',
      'declaredOwnWork:declarationMissing',
      'declaredLicence:declarationMissing',
      'declaredRules:declarationMissing',
      'declaredPrivacy:declarationMissing',
    ]);
  });
});
