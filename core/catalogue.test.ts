import { describe, expect, it } from 'vitest';
import { locales, type Locale } from './locales.ts';
import { catalogues, useTranslations } from './t.ts';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flatten(value as Record<string, unknown>, path)) out.set(k, v);
    } else out.set(path, value);
  }
  return out;
}

const flat = Object.fromEntries(locales.map((l) => [l, flatten(catalogues[l])])) as Record<
  Locale,
  Map<string, unknown>
>;
const baseKeys = (l: Locale) => new Set([...flat[l].keys()].map((k) => k.replace(PLURAL_SUFFIX, '')));
const pluralKeys = new Set(
  locales.flatMap((l) =>
    [...flat[l].keys()].filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')),
  ),
);
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('the UI catalogue', () => {
  it.each(locales)('%s has every key any locale has', (locale) => {
    const all = new Set(locales.flatMap((l) => [...baseKeys(l)]));
    const missing = [...all].filter((k) => !baseKeys(locale).has(k));
    expect(missing).toEqual([]);
  });

  it.each(locales)('%s has no empty or non-text value', (locale) => {
    const bad = [...flat[locale]].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it.each(locales)('%s has every plural form its language needs (CLDR via Intl.PluralRules)', (locale) => {
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const missing = [...pluralKeys].flatMap((key) =>
      categories.filter((c) => !flat[locale].has(`${key}_${c}`)).map((c) => `${key}_${c}`),
    );
    expect(missing).toEqual([]);
  });

  it.each(locales)('%s uses the same {{variables}} as Slovak in every message', (locale) => {
    const differing = [...flat.sk].filter(([key, value]) => {
      const other = flat[locale].get(key) ?? flat[locale].get(key.replace(PLURAL_SUFFIX, '_other'));
      return (
        typeof value === 'string' && typeof other === 'string' && variables(value).join() !== variables(other).join()
      );
    });
    expect(differing.map(([k]) => k)).toEqual([]);
  });

  it('picks plural forms by each language’s rules', () => {
    const sk = useTranslations('sk');
    const uk = useTranslations('uk');
    const en = useTranslations('en');
    expect([1, 3, 5].map((count) => sk('page.readingTime', { count }))).toEqual([
      'Čítanie na 1 minútu',
      'Čítanie na 3 minúty',
      'Čítanie na 5 minút',
    ]);
    expect([1, 3, 5, 21].map((count) => uk('page.readingTime', { count }))).toEqual([
      '1 хвилина читання',
      '3 хвилини читання',
      '5 хвилин читання',
      '21 хвилина читання',
    ]);
    expect([1, 2].map((count) => en('page.readingTime', { count }))).toEqual(['1 minute read', '2 minutes read']);
  });
});
