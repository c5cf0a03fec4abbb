import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../core/t.ts';
import type { ErrorBody } from '../../functions/errors.ts';
import { formErrors } from './form-errors.ts';
import { readForm } from './form.ts';
import { fieldAnchor, householdFieldName, householdFieldOrder, readHouseholdForm, signUpKey } from './lunches.ts';

const posted = (fields: [string, string][]) =>
  readForm(new Request('http://localhost/', { method: 'POST', body: new URLSearchParams(fields) }));

describe('readHouseholdForm', () => {
  it("reads a host's form: texts with line breaks as LF, checkbox lists, ticked boxes, children by band", async () => {
    const form = await posted([
      ['role', 'host'],
      ['contactName', 'Jana'],
      ['email', 'family@example.org'],
      ['phone', '+421 900 000 000'],
      ['messenger', 'signal'],
      ['languages', 'uk'],
      ['languages', 'sk'],
      ['town', 'Senec'],
      ['maxTravelKm', '20'],
      ['adults', '2'],
      ['children-0-2', '0'],
      ['children-3-5', '2'],
      ['children-6-11', ''],
      ['diets', 'halal'],
      ['allergies', 'nuts'],
      ['canCookFor', 'vegan'],
      ['canCookFor', 'allergies'],
      ['seats', '4'],
      ['accessibility', 'Third floor,\r\nno lift'],
      ['hasPets', 'on'],
      ['consentData', 'on'],
      ['codeOfConduct', 'on'],
    ]);
    const { typed, json } = readHouseholdForm(form);
    expect(typed).toEqual({
      role: 'host',
      contactName: 'Jana',
      email: 'family@example.org',
      phone: '+421 900 000 000',
      messenger: 'signal',
      town: 'Senec',
      maxTravelKm: '20',
      adults: '2',
      allergies: 'nuts',
      seats: '4',
      accessibility: 'Third floor,\nno lift',
      languages: ['uk', 'sk'],
      diets: ['halal'],
      canCookFor: ['vegan', 'allergies'],
      hasPets: 'on',
      avoidPets: '',
      consentData: 'on',
      consentPhotos: '',
      codeOfConduct: 'on',
      consentRecorded: '',
      'children-0-2': '0',
      'children-3-5': '2',
      'children-6-11': '',
      'children-12-17': '',
    });
    // The API's body, in this key order (the sign-up's idempotency hash is over it).
    expect(JSON.stringify(json)).toBe(
      JSON.stringify({
        role: 'host',
        contactName: 'Jana',
        email: 'family@example.org',
        phone: '+421 900 000 000',
        messenger: 'signal',
        town: 'Senec',
        maxTravelKm: '20',
        adults: '2',
        allergies: 'nuts',
        seats: '4',
        accessibility: 'Third floor,\nno lift',
        languages: ['uk', 'sk'],
        diets: ['halal'],
        canCookFor: ['vegan', 'allergies'],
        hasPets: true,
        avoidPets: false,
        consentData: true,
        consentPhotos: false,
        codeOfConduct: true,
        consentRecorded: false,
        children: { '0-2': '0', '3-5': '2', '6-11': '', '12-17': '' },
      }),
    );
  });

  it('reads an empty form as empty values (empty counts: the API reads them as 0)', async () => {
    const { typed, json } = readHouseholdForm(await posted([['seats', '']]));
    expect(typed).toEqual({
      role: '',
      contactName: '',
      email: '',
      phone: '',
      messenger: '',
      town: '',
      maxTravelKm: '',
      adults: '',
      allergies: '',
      seats: '',
      accessibility: '',
      languages: [],
      diets: [],
      canCookFor: [],
      hasPets: '',
      avoidPets: '',
      consentData: '',
      consentPhotos: '',
      codeOfConduct: '',
      consentRecorded: '',
      'children-0-2': '',
      'children-3-5': '',
      'children-6-11': '',
      'children-12-17': '',
    });
    expect(json).toEqual({
      role: '',
      contactName: '',
      email: '',
      phone: '',
      messenger: '',
      town: '',
      maxTravelKm: '',
      adults: '',
      allergies: '',
      seats: '',
      accessibility: '',
      languages: [],
      diets: [],
      canCookFor: [],
      hasPets: false,
      avoidPets: false,
      consentData: false,
      consentPhotos: false,
      codeOfConduct: false,
      consentRecorded: false,
      children: { '0-2': '', '3-5': '', '6-11': '', '12-17': '' },
    });
  });
});

describe('fieldAnchor', () => {
  it("links an unknown value of a checkbox group to the group's first checkbox, which HouseholdForm.astro renders", () => {
    // The API names the value's index (`languages.1` for languages=xx): there is no #lunch-languages-1.
    expect(fieldAnchor('languages.1')).toBe('#lunch-languages');
    expect(fieldAnchor('languages')).toBe('#lunch-languages');
    expect(fieldAnchor('diets.0')).toBe('#lunch-diets-vegetarian');
    expect(fieldAnchor('canCookFor.2')).toBe('#lunch-canCookFor-vegetarian');
  });

  it('links any other field to its input', () => {
    expect(fieldAnchor('messenger')).toBe('#lunch-messenger');
    expect(fieldAnchor('children.3-5')).toBe('#lunch-children-3-5');
    expect(fieldAnchor('contactName')).toBe('#lunch-contactName');
  });
});

describe('householdFieldName: the summary names a field whose message does not', () => {
  const notInList = (field: string, message: string): ErrorBody => ({
    code: 'validation.failed',
    message: 'Check the form',
    requestId: 'r-1',
    fields: [
      { field: 'contactName', code: 'lunch.contactNameRequired', message: 'Enter a name' },
      { field, code: 'lunch.notInList', message },
    ],
  });

  it.each([
    ['sk', 'Jazyky, ktorými hovoríte: Vyberte zo zoznamu'],
    ['en', 'Languages you speak: Choose from the list'],
    ['uk', 'Мови, якими ви розмовляєте: Виберіть зі списку'],
  ] as const)(
    '%s: a tampered language ("languages=xx") is named in the summary, the message beside the group as it is',
    (locale, summary) => {
      const t = useTranslations(locale);
      const message = t('errors.lunch.notInList');
      const { problems, fieldErrors } = formErrors(
        notInList('languages', message),
        fieldAnchor,
        '#lunch-role',
        householdFieldOrder,
        householdFieldName(t),
      );
      expect(problems).toEqual([
        { href: '#lunch-contactName', message: 'Enter a name' },
        { href: '#lunch-languages', message: summary },
      ]);
      expect(fieldErrors.languages).toBe(message);
    },
  );

  it('names the diets, what a host cooks for and the messenger; nothing for other problems', () => {
    const t = useTranslations('en');
    const name = householdFieldName(t);
    expect(name('diets', 'lunch.notInList')).toBe('Dietary needs');
    expect(name('canCookFor', 'lunch.notInList')).toBe('Hosts: what can you cook for?');
    expect(name('messenger', 'lunch.notInList')).toBe('Preferred messenger');
    expect(name('languages', 'lunch.languagesRequired')).toBeUndefined();
    expect(name('town', 'lunch.notInList')).toBeUndefined();
  });
});

describe('signUpKey', () => {
  it('keeps a posted key the API takes and replaces a missing or tampered one with the fresh key', () => {
    const fresh = '4f0c2a7e-1b2c-4d3e-8f90-123456789abc';
    expect(signUpKey('5380cefa-645c-44b5-a3d0-97ca83e60749', fresh)).toBe('5380cefa-645c-44b5-a3d0-97ca83e60749');
    expect(['', '123', 'a b c d e f', '<script>', 'x'.repeat(101)].map((k) => signUpKey(k, fresh))).toEqual(
      Array(5).fill(fresh),
    );
  });
});
