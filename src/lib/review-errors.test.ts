import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../core/t.ts';
import type { ErrorBody } from '../../functions/errors.ts';
import { reviewErrors } from './review-errors.ts';

const t = useTranslations('en');
const rubric = [
  { key: 'accuracy', name: 'Accuracy' },
  { key: 'impact', name: 'Impact' },
  { key: 'craft', name: 'Craft' },
];
const incomplete: ErrorBody = {
  code: 'jury.incomplete',
  message: 'Score or abstain on every criterion before submitting.',
  requestId: 'r-1',
};
const invalid = (field: string): ErrorBody => ({
  code: 'validation.failed',
  message: 'Some of the information is missing or not valid.',
  requestId: 'r-2',
  fields: [{ field, code: 'jury.scoreInvalid', message: "Choose a score on this criterion's scale, or abstain." }],
});

describe("the score page's error summary (tester findings)", () => {
  it('submitting without some scores names each missing criterion and links to it, the first first', () => {
    const { problems, fieldErrors } = reviewErrors(
      incomplete,
      rubric,
      { accuracy: '4', impact: '', craft: '' },
      true,
      t,
    );
    expect(problems).toEqual([
      { href: '#scores-impact', message: 'Impact: Choose a score or abstain.' },
      { href: '#scores-craft', message: 'Craft: Choose a score or abstain.' },
    ]);
    expect(fieldErrors).toEqual({
      'scores.impact': 'Choose a score or abstain.',
      'scores.craft': 'Choose a score or abstain.',
    });
    expect(reviewErrors(incomplete, rubric, { accuracy: 'abstain', impact: '3' }, true, t).problems).toEqual([
      { href: '#scores-craft', message: 'Craft: Choose a score or abstain.' },
    ]);
  });

  it('a screening round without a verdict links to the verdict', () => {
    expect(reviewErrors(incomplete, [], {}, false, t).problems).toEqual([
      { href: '#verdict', message: 'Should this entry go on?: Choose yes or no.' },
    ]);
  });

  it('a tampered criterion (score.nonexistent) links to the first criterion, a real one to its own fieldset', () => {
    expect(reviewErrors(invalid('scores.nonexistent'), rubric, {}, true, t).problems).toEqual([
      { href: '#scores-accuracy', message: "Choose a score on this criterion's scale, or abstain." },
    ]);
    expect(reviewErrors(invalid('scores.impact'), rubric, {}, true, t).problems).toEqual([
      { href: '#scores-impact', message: "Impact: Choose a score on this criterion's scale, or abstain." },
    ]);
    expect(reviewErrors(invalid('scores.nonexistent'), [], {}, true, t).problems[0]?.href).toBe('#review');
  });
});
