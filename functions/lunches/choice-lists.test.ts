import { describe, expect, it } from 'vitest';
import { parseOrThrow } from '../http/validate.ts';
import type { AppError } from '../errors.ts';
import { createTestApp, TEST_ORIGIN } from '../testing/app.ts';
import { createLunchDay, householdForm, lunchDayInput as dayForm } from '../testing/factories.ts';
import { changeInput, lunchDayInput } from './lunches.schemas.ts';
import { rows, signUpRequest } from './testing.ts';

// A value a checkbox group (languages, diets, what a host cooks for) or the messenger list does not
// offer — a tampered post — is a problem of that field, with its own message ("Choose from the
// list"), not the anonymous "some information is not valid" at `languages.0`.

type Refusal = { code: string; fields: { field: string; code: string; message: string }[] };

describe('values outside a closed list', () => {
  it('a sign-up (JSON) names each field with an unknown value, once, translated, and writes nothing', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const response = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest(
        householdForm('tampered@example.org', {
          languages: ['uk', 'xx'],
          diets: ['halal', 'xx'],
          messenger: 'pager',
          lang: 'uk',
        }),
      ),
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as Refusal;
    expect(body.code).toBe('validation.failed');
    expect(body.fields).toEqual([
      { field: 'messenger', code: 'lunch.notInList', message: 'Виберіть зі списку' },
      { field: 'languages', code: 'lunch.notInList', message: 'Виберіть зі списку' },
      { field: 'diets', code: 'lunch.notInList', message: 'Виберіть зі списку' },
    ]);
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_households')).toEqual([{ n: 0 }]);
  });

  it('a form post with one unknown value (`languages=xx`, not a list) is the same problem of the group', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const response = await t.request(`/api/lunches/days/${dayId}/signups`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: TEST_ORIGIN,
        'sec-fetch-site': 'same-origin',
        'cf-connecting-ip': '198.51.100.251',
      },
      body: new URLSearchParams([
        ['role', 'guest'],
        ['contactName', 'Olena'],
        ['email', 'form@example.org'],
        ['languages', 'xx'],
        ['town', 'Senec'],
        ['maxTravelKm', '40'],
        ['adults', '2'],
        ['canCookFor', 'xx'],
        ['consentData', 'on'],
        ['codeOfConduct', 'on'],
        ['lang', 'en'],
      ]),
    });
    expect(response.status).toBe(422);
    const fields = ((await response.json()) as Refusal).fields;
    expect(fields.filter((f) => f.code === 'lunch.notInList')).toEqual([
      { field: 'languages', code: 'lunch.notInList', message: 'Choose from the list' },
      { field: 'canCookFor', code: 'lunch.notInList', message: 'Choose from the list' },
    ]);
  });

  it('a value that is no string, or more values than the list holds, is refused the same way (never a 500)', () => {
    const refused = (languages: unknown) => {
      try {
        parseOrThrow(changeInput, householdForm('x@example.org', { languages }));
        return [];
      } catch (error) {
        return (error as AppError).fields;
      }
    };
    expect(refused([{ code: 'uk' }])).toEqual([{ field: 'languages', code: 'lunch.notInList' }]);
    expect(refused(Array(15).fill('uk'))).toEqual([{ field: 'languages', code: 'lunch.notInList' }]);
    expect(refused(['uk', 'sk'])).toEqual([]);
    // None chosen keeps its own message.
    expect(refused([])).toEqual([{ field: 'languages', code: 'lunch.languagesRequired' }]);
  });

  it("a lunch day's supported languages: an unknown code is a problem of `languages`", () => {
    expect(() => parseOrThrow(lunchDayInput, dayForm({ languages: ['sk', 'xx'] as never }))).toThrow(
      expect.objectContaining({ status: 422, fields: [{ field: 'languages', code: 'lunch.notInList' }] }),
    );
  });
});
