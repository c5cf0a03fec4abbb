import { describe, expect, it } from 'vitest';
import { ballotInput } from '../results/ballots.schemas.ts';
import { inviteInput, reviewInput } from './jury.schemas.ts';

/** What a schema makes of `input`: its data, or the issues' messages by field. */
const parsed = (schema: typeof reviewInput | typeof ballotInput, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? r.data : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the scoring form: closed sets and the version (tester findings)', () => {
  it("takes the version as a JSON number or a form's digits", () => {
    expect((parsed(reviewInput, { version: '3' }) as { version: number }).version).toBe(3);
    expect((parsed(reviewInput, { version: 0 }) as { version: number }).version).toBe(0);
    expect((parsed(ballotInput, { version: ' 12 ' }) as { version: number }).version).toBe(12);
  });

  it('refuses a version of "abc" (it was read as 0 and saved), null, empty, a fraction or a negative', () => {
    for (const version of ['abc', null, '', '1.5', -1, '1e3', true])
      expect([version, parsed(reviewInput, { version })]).toEqual([version, ['version: jury.version']]);
    expect(parsed(ballotInput, { version: 'abc' })).toEqual(['version: jury.version']);
  });

  it('refuses a verdict outside yes, no or none, with its own message', () => {
    expect(parsed(reviewInput, { version: 1, verdict: 'maybe' })).toEqual(['verdict: jury.verdict']);
    expect((parsed(reviewInput, { version: 1, verdict: 'no' }) as { verdict: string }).verdict).toBe('no');
  });

  it("refuses an invitation's mail language outside sk, en and uk with a translated code", () => {
    const r = inviteInput.safeParse({ email: 'a@example.org', locale: 'de' });
    expect(r.success ? r.data : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'locale: jury.language',
    ]);
  });
});
