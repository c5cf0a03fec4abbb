import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { categoryInput, stepInputs } from '../competition/competition.schemas.ts';
import { declareConflictInput, profileInput } from '../jury/jury.schemas.ts';
import { unlockInput } from '../results/publication.schemas.ts';
import { signUpInput } from '../lunches/lunches.schemas.ts';
import { householdForm } from '../testing/factories.ts';
import { line, multiLine } from './text.ts';

// Tester finding: `contactName=%00%E2%80%AE%00` signed a family up, and the mail greeted "Hello \0‮\0,".
const issues = (schema: z.ZodType, v: unknown) =>
  schema.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

const controls = ['\u0000', '\u0007', '\u001B', '\u007F', '\u202A', '\u202E', '\u2066', '\u2069'];

describe('control characters and bidi overrides in text fields', () => {
  it('a single-line field refuses every one of them, tabs and line breaks too', () => {
    const name = line(z.string().trim().max(100));
    for (const c of [...controls, '\t', '\n', '\r'])
      expect(issues(name, `Ol${c}ena`), JSON.stringify(c)).toEqual([': text.controlInLine']);
    expect(issues(name, 'Olena Шевченко-Nováková')).toEqual([]);
  });

  it('a multi-line field keeps tabs and line breaks and refuses the rest', () => {
    const comment = multiLine(z.string().trim().max(1000));
    for (const c of controls) expect(issues(comment, `a${c}b`), JSON.stringify(c)).toEqual([': text.control']);
    expect(issues(comment, 'line one\n\tline two\r\nthree')).toEqual([]);
  });

  it("the forms' own fields: a lunch contact name, a category name, a work title, a juror's conflict and bio", () => {
    expect(issues(signUpInput, householdForm('a@example.org', { contactName: '\u0000\u202E\u0000' }))).toEqual([
      'contactName: text.controlInLine',
    ]);
    expect(
      issues(stepInputs.work.pick({ title: true, outlet: true }), { title: 'Title\u202Eevil', outlet: 'Daily\u0000' }),
    ).toEqual(['title: text.controlInLine', 'outlet: text.controlInLine']);
    expect(
      issues(categoryInput.pick({ name: true, description: true }), {
        name: { sk: 'Vi\ndeo', en: 'Video', uk: '' },
        description: { sk: 'two\nlines', en: 'bad\u2067', uk: '' },
      }),
    ).toEqual(['name.sk: text.controlInLine', 'description.en: text.control']);
    expect(issues(declareConflictInput, { kind: 'person', name: 'Jan\u202ENovák' })).toEqual([
      'name: text.controlInLine',
    ]);
    expect(issues(profileInput.pick({ bio: true, employer: true }), { bio: 'ok\nok', employer: 'A\u0008' })).toEqual([
      'employer: text.controlInLine',
    ]);
    expect(issues(unlockInput, { reason: 'Typo in\nthe \u202Estatement' })).toEqual(['reason: text.control']);
  });
});
