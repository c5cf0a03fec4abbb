import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../core/t.ts';
import {
  categoryFieldName,
  categoryRequest,
  editionRequest,
  extensionRequest,
  megabytesToBytes,
  screeningRequest,
} from './competition-admin.ts';
import { readForm } from './form.ts';

const posted = (fields: [string, string][]) =>
  readForm(new Request('http://localhost/', { method: 'POST', body: new URLSearchParams(fields) }));

describe('the managers’ forms as API requests', () => {
  it('sends an edition with its texts per locale', async () => {
    const form = await posted([
      ['id', '2028'],
      ['name.sk', 'Migranti 2028'],
      ['name.en', 'Migrants 2028'],
      ['rules.sk', 'Pravidlá\r\ndva riadky'],
      ['submissionsOpenAt', '2028-01-01T00:00'],
      ['submissionsCloseAt', '2028-03-31T23:59'],
      ['publishedFrom', '2027-01-01'],
      ['publishedUntil', '2027-12-31'],
    ]);
    expect(editionRequest(form, 'en')).toEqual({
      id: '2028',
      name: { sk: 'Migranti 2028', en: 'Migrants 2028', uk: '' },
      rules: { sk: 'Pravidlá\ndva riadky', en: '', uk: '' },
      prizes: { sk: '', en: '', uk: '' },
      submissionsOpenAt: '2028-01-01T00:00',
      submissionsCloseAt: '2028-03-31T23:59',
      publishedFrom: '2027-01-01',
      publishedUntil: '2027-12-31',
      lang: 'en',
    });
  });

  it('sends a category as typed (the API parses numbers and lists)', async () => {
    const form = await posted([
      ['intent', 'category'],
      ['slug', 'video'],
      ['position', '2'],
      ['name.en', 'Video'],
      ['description.uk', 'Відео'],
      ['languages', 'sk, en'],
      ['fileTypes', 'video/mp4'],
      ['maxFileMegabytes', '2000'],
      ['minWorkFiles', '1'],
      ['entriesPerEntrant', '2'],
      ['requiredFields', 'url'],
    ]);
    expect(categoryRequest(form, 'sk')).toEqual({
      slug: 'video',
      position: '2',
      name: { sk: '', en: 'Video', uk: '' },
      description: { sk: '', en: '', uk: 'Відео' },
      languages: 'sk, en',
      fileTypes: 'video/mp4',
      maxFileBytes: '2000000000',
      minWorkFiles: '1',
      entriesPerEntrant: '2',
      requiredFields: 'url',
      lang: 'sk',
    });
  });

  it('takes the largest file in decimal megabytes, as every limit is stated (1 MB = 1,000,000 bytes)', () => {
    expect(['20', '2.5', '2,5', ' 500 ', '0.0005', 'lots', ''].map(megabytesToBytes)).toEqual([
      '20000000',
      '2500000',
      '2500000',
      '500000000',
      '500',
      'lots',
      '',
    ]);
  });

  it('refuses a size the API would read as bytes (1e3 MB is not a 1 kB limit)', () => {
    expect(['1e3', '0x10', '-1', 'Infinity', '2.5e1'].map(megabytesToBytes)).toEqual([
      'NaN',
      'NaN',
      'NaN',
      'NaN',
      'NaN',
    ]);
  });

  it('sends a screening decision and an extension', async () => {
    const screening = await posted([
      ['intent', 'screening'],
      ['entryId', 'e-1'],
      ['decision', 'ineligible'],
      ['reason', 'Published too early'],
    ]);
    expect(screeningRequest(screening, 'en')).toEqual({
      decision: 'ineligible',
      reason: 'Published too early',
      lang: 'en',
    });
    const extension = await posted([
      ['email', 'late@example.org'],
      ['until', '2027-04-02T12:00'],
    ]);
    expect(extensionRequest(extension, 'uk')).toEqual({
      email: 'late@example.org',
      until: '2027-04-02T12:00',
      lang: 'uk',
    });
  });

  it('names the category field in the summary where one message serves several fields', () => {
    const name = categoryFieldName(useTranslations('en'));
    expect(name('entriesPerEntrant', 'competition.number')).toBe('Entries per person');
    expect(name('maxFileBytes', 'competition.fileSize')).toBe('Largest file in MB (1 MB = 1,000,000 bytes)');
    expect(name('position', 'competition.number')).toBe('Order');
    expect(name('languages', 'competition.list')).toBe('Languages (codes, comma-separated)');
    expect(name('slug', 'competition.slug')).toBeUndefined();
    expect(useTranslations('uk')('competition.admin.minWorkFiles')).toBe(
      categoryFieldName(useTranslations('uk'))('minWorkFiles', 'competition.number'),
    );
  });
});
