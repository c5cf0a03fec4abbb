import { describe, expect, it } from 'vitest';
import { isKnownLanguage, languageName } from './language-name.ts';

describe('languageName', () => {
  it('names a language in the reader’s language', () => {
    expect(['uk', 'sk', 'en', 'de'].map((code) => languageName('en', code))).toEqual([
      'Ukrainian',
      'Slovak',
      'English',
      'German',
    ]);
    expect(['uk', 'sk', 'en', 'de'].map((code) => languageName('sk', code))).toEqual([
      'ukrajinčina',
      'slovenčina',
      'angličtina',
      'nemčina',
    ]);
    expect(['uk', 'sk', 'en', 'de'].map((code) => languageName('uk', code))).toEqual([
      'українська',
      'словацька',
      'англійська',
      'німецька',
    ]);
  });

  it('gives a language’s own name when asked in that language', () => {
    expect(languageName('uk', 'uk')).toBe('українська');
    expect(languageName('sk', 'sk')).toBe('slovenčina');
  });

  it('returns codes it cannot name as given', () => {
    expect(languageName('en', 'zz')).toBe('zz');
    expect(languageName('sk', 'not a code')).toBe('not a code');
  });
});

describe('known languages', () => {
  it('two-letter codes CLDR names are known; made-up, reserved or other forms are not', () => {
    expect(['sk', 'en', 'uk', 'ps', 'fa'].map(isKnownLanguage)).toEqual([true, true, true, true, true]);
    expect(['xx', 'qa', 'zz', 'SK', 'slk', '', 'sk-SK'].map(isKnownLanguage)).toEqual(Array(7).fill(false));
  });
});
