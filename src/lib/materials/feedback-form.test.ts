import { describe, expect, it } from 'vitest';
import { feedbackInput } from '../../../functions/materials/materials.schemas.ts';
import { readForm } from '../form.ts';
import { feedbackRequest } from './feedback-form.ts';

/** The form as a browser posts it: a textarea's line breaks sent as CRLF. */
const posted = (fields: Record<string, string>) =>
  new Request('http://localhost/', { method: 'POST', body: new URLSearchParams(fields) });

describe('feedbackRequest', () => {
  // 10 lines of 99 characters and 9 line breaks, plus 1: 1,000 characters as the teacher typed them.
  const comment = `${Array.from({ length: 10 }, (_, i) => String(i).repeat(99)).join('\n')}x`;
  const fields = {
    students: '27',
    ageGroup: '13-15',
    schoolType: 'lower-secondary',
    comment: comment.replaceAll('\n', '\r\n'),
    altcha: 'solution',
  };

  it('accepts a 1,000-character comment with line breaks, which the browser sends as CRLF', async () => {
    expect(comment).toHaveLength(1000);
    expect(fields.comment).toHaveLength(1009);
    const { json, typed } = feedbackRequest(await readForm(posted(fields)), 'arriving-worksheet', 'en');
    expect(json).toEqual({
      students: '27',
      ageGroup: '13-15',
      schoolType: 'lower-secondary',
      comment,
      materialId: 'arriving-worksheet',
      lang: 'en',
      altcha: 'solution',
    });
    expect(typed.comment).toBe(comment);
    expect(feedbackInput.safeParse(json).success).toBe(true);
    // Unnormalised, the same comment is over the limit.
    expect(feedbackInput.safeParse({ ...json, comment: fields.comment }).success).toBe(false);
  });

  it('sends missing fields as empty strings, for the API to name', async () => {
    const { json } = feedbackRequest(await readForm(posted({})), 'arriving-worksheet', 'sk');
    expect(json).toEqual({
      students: '',
      ageGroup: '',
      schoolType: '',
      comment: '',
      materialId: 'arriving-worksheet',
      lang: 'sk',
      altcha: '',
    });
  });
});
