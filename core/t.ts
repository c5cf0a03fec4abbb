import i18next, { type TFunction } from 'i18next';
import en from '../content/i18n/en.json' with { type: 'json' };
import sk from '../content/i18n/sk.json' with { type: 'json' };
import uk from '../content/i18n/uk.json' with { type: 'json' };
import { locales, type Locale } from './locales.ts';

/** The UI string catalogues, one per locale; dotted keys address nested objects. */
export const catalogues: Record<Locale, Record<string, unknown>> = { sk, en, uk };

const translators = new Map<Locale, TFunction>();

/**
 * The translate function for a locale. Plurals follow the locale's CLDR rules through
 * Intl.PluralRules (`key_one`, `key_few`, `key_many`, `key_other`). Output is not
 * HTML-escaped here: Astro and the mail composer escape where they render.
 */
export function useTranslations(locale: Locale): TFunction {
  let t = translators.get(locale);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({
      lng: locale,
      fallbackLng: false,
      supportedLngs: [...locales],
      resources: { [locale]: { translation: catalogues[locale] } },
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    const translate = instance.t.bind(instance) as unknown as (key: unknown, ...rest: unknown[]) => unknown;
    // A key asked without options always gives the same string: kept per locale, it is looked up
    // once instead of through i18next's resolution on every call (the layout asks the same keys on
    // each of a build's thousands of pages: ~0.7 s of rendering 3,170 pages, CPU profile). Calls
    // with options (interpolation, plurals, defaults) go to i18next every time.
    const plain = new Map<string, unknown>();
    t = ((key: unknown, ...rest: unknown[]) => {
      if (rest.length > 0 || typeof key !== 'string') return translate(key, ...rest);
      let value = plain.get(key);
      if (value === undefined) {
        value = translate(key);
        plain.set(key, value);
      }
      return value;
    }) as unknown as TFunction;
    translators.set(locale, t);
  }
  return t;
}
