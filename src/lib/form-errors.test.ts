import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../functions/errors.ts';
import { formErrors } from './form-errors.ts';
import { fieldAnchor, householdFieldOrder } from './lunches.ts';

const refused = (...fields: string[]): ErrorBody => ({
  code: 'validation.failed',
  message: 'Check the form',
  requestId: 'r-1',
  fields: fields.map((field) => ({ field, code: 'lunch.commentTooLong' as const, message: `bad ${field}` })),
});

describe('formErrors', () => {
  it('lists problems in the order of the form when told it, groups (children.*) at their group’s place', () => {
    const { problems, fieldErrors } = formErrors(
      refused('consentData', 'town', 'children.3-5', 'email', 'languages', 'codeOfConduct'),
      fieldAnchor,
      '#lunch-role',
      householdFieldOrder,
    );
    expect(problems.map((p) => p.href)).toEqual([
      '#lunch-email',
      '#lunch-languages',
      '#lunch-town',
      '#lunch-children-3-5',
      '#lunch-consentData',
      '#lunch-codeOfConduct',
    ]);
    expect(fieldErrors.town).toBe('bad town');
  });

  it('keeps the API’s order without an order, and puts unnamed fields last', () => {
    expect(formErrors(refused('b', 'a'), (f) => `#${f}`, '#main').problems.map((p) => p.href)).toEqual(['#b', '#a']);
    expect(formErrors(refused('zzz', 'town'), fieldAnchor, '#main', householdFieldOrder).problems[0]!.href).toBe(
      '#lunch-town',
    );
  });

  it('links a refusal about no field to the fallback', () => {
    expect(
      formErrors({ code: 'x.y', message: 'Full', requestId: 'r' } as unknown as ErrorBody, fieldAnchor, '#main')
        .problems,
    ).toEqual([{ href: '#main', message: 'Full' }]);
  });

  it('names the field in the summary when the form gives its names (tester finding: "too long" named no field)', () => {
    const names: Record<string, string> = { 'scores.research': 'Research', commentForJury: 'Comment for the jury' };
    const { problems, fieldErrors } = formErrors(
      refused('scores.research', 'commentForJury', 'version'),
      (f) => `#${f.replace('.', '-')}`,
      '#review',
      [],
      (f) => names[f],
    );
    expect(problems).toEqual([
      { href: '#scores-research', message: 'Research: bad scores.research' },
      { href: '#commentForJury', message: 'Comment for the jury: bad commentForJury' },
      { href: '#version', message: 'bad version' },
    ]);
    expect(fieldErrors.commentForJury).toBe('bad commentForJury');
  });
});
