import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { catalogues, useTranslations } from './t.ts';

describe('useTranslations', () => {
  it('gives what i18next gives, asked once or many times, with and without options', () => {
    const t = useTranslations('en');
    const reference = i18next.createInstance();
    void reference.init({
      lng: 'en',
      resources: { en: { translation: catalogues.en } },
      initAsync: false,
      interpolation: { escapeValue: false },
    });
    for (let round = 0; round < 3; round++) {
      expect(t('stories.title')).toBe(reference.t('stories.title'));
      expect(t('stories.byline', { person: 'Amina', from: 'Kyiv' })).toBe('Amina, from Kyiv');
      expect(t('stories.byline', { person: `P${round}`, from: 'Lviv' })).toBe(`P${round}, from Lviv`);
      expect(t('stories.count', { count: round + 1 })).toBe(round === 0 ? '1 story' : `${round + 1} stories`);
      expect(t('no.such.key')).toBe('no.such.key');
    }
  });

  it('keeps each locale’s strings apart', () => {
    expect(useTranslations('sk')('stories.title')).not.toBe(useTranslations('en')('stories.title'));
    expect(useTranslations('uk')('stories.title')).toBe(
      (catalogues.uk as { stories: { title: string } }).stories.title,
    );
  });
});
