import { describe, expect, it } from 'vitest';
import { useTranslations } from '../../core/t.ts';
import { roundTimes } from './round-times.ts';

const times = { opensAt: '2027-04-01T07:00:00Z', closesAt: '2027-04-30T21:59:00Z' };

describe('roundTimes', () => {
  it('a closed round says when it closed, not "closed, closes …" (tester finding)', () => {
    expect(roundTimes(useTranslations('en'), 'en', { state: 'closed', ...times })).toBe(
      'closed April 30, 2027 at 11:59 PM Central European Summer Time',
    );
    expect(roundTimes(useTranslations('sk'), 'sk', { state: 'closed', ...times })).toBe(
      'uzavreté 30. apríla 2027 o 23:59 stredoeurópsky letný čas',
    );
    expect(roundTimes(useTranslations('uk'), 'uk', { state: 'closed', ...times })).toBe(
      'закрито 30 квітня 2027 р. о 23:59 за центральноєвропейським літнім часом',
    );
  });

  it('an open round says when it closes, an upcoming one when it opens, with the zone named', () => {
    expect(roundTimes(useTranslations('en'), 'en', { state: 'open', ...times })).toBe(
      'open, closes April 30, 2027 at 11:59 PM Central European Summer Time',
    );
    expect(roundTimes(useTranslations('en'), 'en', { state: 'upcoming', ...times })).toBe(
      'upcoming, opens April 1, 2027 at 9:00 AM Central European Summer Time',
    );
  });
});
