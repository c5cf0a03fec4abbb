import { describe, expect, it } from 'vitest';
import { createTestApp, postJson, TEST_ORIGIN } from '../testing/app.ts';
import { pageLocale } from './locale.ts';

const message = async (response: Response) => ((await response.json()) as { message: string }).message;

describe('the language of API errors', () => {
  it('reads the page a request comes from: a same-origin path with a locale, nothing else', () => {
    expect(pageLocale(`${TEST_ORIGIN}/uk/competition/entries/1/files/`, TEST_ORIGIN)).toBe('uk');
    expect(pageLocale(`${TEST_ORIGIN}/en/`, TEST_ORIGIN)).toBe('en');
    expect(pageLocale(`${TEST_ORIGIN}/`, TEST_ORIGIN)).toBeUndefined();
    expect(pageLocale(`${TEST_ORIGIN}/xx/page`, TEST_ORIGIN)).toBeUndefined();
    expect(pageLocale('https://elsewhere.example/uk/', TEST_ORIGIN)).toBeUndefined();
    expect(pageLocale('not a url', TEST_ORIGIN)).toBeUndefined();
    expect(pageLocale(undefined, TEST_ORIGIN)).toBeUndefined();
  });

  it('follows the page’s language, then Accept-Language, and falls back to Slovak only when neither says', async () => {
    const t = await createTestApp();
    const get = (headers: Record<string, string>, path = '/api/nothing') => t.request(path, { headers });
    // A script on a Ukrainian page in a browser set to English: the page's language.
    expect(await message(await get({ referer: `${TEST_ORIGIN}/uk/competition/`, 'accept-language': 'en' }))).toBe(
      'Ми не знайшли того, що ви шукаєте.',
    );
    // Another site's page says nothing about ours: the browser's languages decide.
    expect(await message(await get({ referer: 'https://elsewhere.example/uk/', 'accept-language': 'en-GB,en' }))).toBe(
      'We could not find what you asked for.',
    );
    expect(await message(await get({ 'accept-language': 'en' }))).toBe('We could not find what you asked for.');
    // An explicit `lang` wins over both.
    expect(
      await message(await get({ referer: `${TEST_ORIGIN}/uk/`, 'accept-language': 'uk' }, '/api/nothing?lang=en')),
    ).toBe('We could not find what you asked for.');
    expect(await message(await get({}))).toBe('Nenašli sme, čo hľadáte.');
  });

  it('applies to every error the one error path renders, e.g. a refused JSON post and its field messages', async () => {
    const t = await createTestApp();
    const response = await t.request(
      '/api/subscriptions',
      postJson({ email: 'not an address' }, { referer: `${TEST_ORIGIN}/en/stay-informed/`, 'accept-language': 'sk' }),
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { message: string; fields: { message: string }[] };
    expect([body.message, body.fields.map((f) => f.message)]).toEqual([
      'Some of the information is missing or not valid.',
      ['Enter an email address in the correct format, like name@example.com'],
    ]);
  });
});
