import { describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { isRehearsal } from './site-kind.ts';

describe('the rehearsal site (staging) says so on every page', () => {
  it('is a rehearsal only when SITE_KIND says so: staging, not production, not `npm start`', () => {
    expect(isRehearsal({ SITE_KIND: 'rehearsal' })).toBe(true);
    expect(isRehearsal({ SITE_KIND: 'public' })).toBe(false);
    expect(isRehearsal({})).toBe(false);
    expect(isRehearsal(undefined)).toBe(false);
  });

  it('reads process.env by default (where the build and the Worker put the environment’s vars)', () => {
    const before = process.env.SITE_KIND;
    try {
      process.env.SITE_KIND = 'rehearsal';
      expect(isRehearsal()).toBe(true);
      delete process.env.SITE_KIND;
      expect(isRehearsal()).toBe(false);
    } finally {
      if (before !== undefined) process.env.SITE_KIND = before;
    }
  });

  it('has its banner text in every locale', () => {
    expect(
      locales.map((l) => `${useTranslations(l)('rehearsal.title')} ${useTranslations(l)('rehearsal.text')}`),
    ).toEqual([
      'Skúšobná stránka: toto nie je skutočný portál organizácie. Nezadávajte skutočné osobné údaje: čokoľvek tu zadáte, môže byť kedykoľvek vymazané.',
      'Rehearsal site: this is not the organisation’s real portal. Do not enter real personal details: anything entered here may be deleted at any time.',
      'Тестовий сайт: це не справжній портал організації. Не вводьте справжніх персональних даних: усе, що ви тут введете, можуть будь-коли видалити.',
    ]);
  });
});
