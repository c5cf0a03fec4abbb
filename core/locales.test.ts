import { describe, expect, it } from 'vitest';
import { negotiateLocale, toLocale } from './locales.ts';
import { localizedPath } from './urls.ts';

describe('negotiateLocale', () => {
  it.each([
    [null, 'sk'],
    ['', 'sk'],
    ['en-US,en;q=0.9', 'en'],
    ['uk-UA,uk;q=0.9,ru;q=0.8,en;q=0.7', 'uk'],
    ['de-DE,de;q=0.9,en;q=0.5', 'en'],
    ['cs-CZ,cs;q=0.9', 'sk'],
    ['en;q=0.4,uk;q=0.8', 'uk'],
    ['en;q=0,uk;q=0.1', 'uk'],
    ['*', 'sk'],
    ['garbage;;;q=x', 'sk'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe('toLocale', () => {
  it('keeps one of our locales and falls back to the default (Slovak) for anything else', () => {
    expect(['uk', 'en', 'sk', 'de', 'EN', '', null, undefined].map(toLocale)).toEqual([
      'uk',
      'en',
      'sk',
      'sk',
      'sk',
      'sk',
      'sk',
      'sk',
    ]);
  });
});

describe('localized paths', () => {
  it('adds the locale', () => {
    expect(localizedPath('uk', '/about/')).toBe('/uk/about/');
    expect(localizedPath('sk', 'about/')).toBe('/sk/about/');
  });
});
