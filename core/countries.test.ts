import { describe, expect, it } from 'vitest';
import { countryCodes, countryName, countryOptions, isCountryCode } from './countries.ts';

describe('countries', () => {
  it('lists the 249 assigned ISO 3166-1 alpha-2 codes and nothing else', () => {
    expect(countryCodes).toHaveLength(249);
    expect(['SK', 'UA', 'DE', 'AX', 'ZW'].map(isCountryCode)).toEqual([true, true, true, true, true]);
    expect(['ZZ', 'EU', 'XK', 'sk', 'SVK', '', null].map(isCountryCode)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('names countries in the reader’s language', () => {
    expect(['SK', 'UA', 'DE'].map((c) => countryName('en', c))).toEqual(['Slovakia', 'Ukraine', 'Germany']);
    expect(['SK', 'UA', 'DE'].map((c) => countryName('sk', c))).toEqual(['Slovensko', 'Ukrajina', 'Nemecko']);
    expect(['SK', 'UA', 'DE'].map((c) => countryName('uk', c))).toEqual(['Словаччина', 'Україна', 'Німеччина']);
  });

  it('offers every country, sorted by its name in the locale', () => {
    const sk = countryOptions('sk');
    expect(sk).toHaveLength(249);
    expect(sk.slice(0, 2)).toEqual([
      { value: 'AF', label: 'Afganistan' },
      { value: 'AX', label: 'Alandy' },
    ]);
    const uk = countryOptions('uk');
    expect(uk.findIndex((o) => o.value === 'UA')).toBeGreaterThan(uk.findIndex((o) => o.value === 'SK'));
  });
});
