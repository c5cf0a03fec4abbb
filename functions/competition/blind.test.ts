import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { entries } from '../db/schema/competition.ts';
import { blindFields, blindView, identifyingFields } from './blind.ts';

/** Columns that are neither shown to the jury nor identifying: workflow and bookkeeping. */
const workflow = [
  'status',
  'screening',
  'seq',
  'declaredOwnWork',
  'declaredLicence',
  'declaredRules',
  'declaredPrivacy',
  'createdAt',
  'updatedAt',
  'submittedAt',
  'withdrawnAt',
];

describe('the jury’s blind view of an entry', () => {
  it('S09 keeps only non-identifying fields: no author, outlet, URL, country, conflicts or account', () => {
    const entry = {
      id: 'e1',
      number: 'MIS-2027-0042',
      editionId: '2027',
      categoryId: '2027-video',
      title: 'Na hranici',
      language: 'uk',
      publishedOn: '2026-09-01',
      summary: 'Príbeh rodiny na hranici.',
      summaryTranslation: 'A family at the border.',
      entrantId: 'user-jana',
      authors: [{ name: 'Jana Nováková', role: 'reporter' }],
      outlet: 'Denník N',
      url: 'https://dennikn.sk/jana-novakova',
      country: 'SK',
      conflicts: 'I worked with juror Peter Horváth',
      locale: 'sk',
      screeningReason: null,
    };
    const view = blindView(entry);
    expect(view).toEqual({
      id: 'e1',
      number: 'MIS-2027-0042',
      editionId: '2027',
      categoryId: '2027-video',
      title: 'Na hranici',
      language: 'uk',
      publishedOn: '2026-09-01',
      summary: 'Príbeh rodiny na hranici.',
      summaryTranslation: 'A family at the border.',
    });
    const text = JSON.stringify(view);
    for (const secret of ['Nováková', 'Denník', 'dennikn', 'user-jana', 'Horváth']) expect(text).not.toContain(secret);
  });

  it('S09 classifies every entry column, so a new column cannot slip into the jury view unnoticed', () => {
    const columns = Object.keys(entries).filter((k) =>
      getTableConfig(entries).columns.some((c) => c === (entries as unknown as Record<string, unknown>)[k]),
    );
    const classified = [...blindFields, ...identifyingFields, ...workflow];
    expect(columns.filter((c) => !classified.includes(c))).toEqual([]);
    expect(blindFields.filter((f) => (identifyingFields as readonly string[]).includes(f))).toEqual([]);
  });
});
