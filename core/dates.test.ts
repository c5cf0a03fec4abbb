import { describe, expect, it } from 'vitest';
import { EDITION_ZONE, formatDay, formatInstant, formatZonedInstant, relativeTime } from './dates.ts';

describe('formatInstant', () => {
  it('shows an instant as Europe/Bratislava wall-clock time, in winter and in summer', () => {
    expect(EDITION_ZONE).toBe('Europe/Bratislava');
    // 21:59 UTC is 23:59 in Bratislava (CEST, +2) at the end of March.
    expect(formatInstant('sk', '2027-03-31T21:59:00Z')).toBe('31. marca 2027 o 23:59');
    expect(formatInstant('en', '2027-03-31T21:59:00Z')).toBe('March 31, 2027 at 11:59 PM');
    expect(formatInstant('uk', '2027-03-31T21:59:00Z')).toBe('31 березня 2027 р. о 23:59');
    // 22:59 UTC is 23:59 in Bratislava (CET, +1) in January; a Date works as well as a string.
    expect(formatInstant('sk', new Date('2027-01-15T22:59:00Z'))).toBe('15. januára 2027 o 23:59');
  });
});

describe('formatZonedInstant', () => {
  it("names the zone with a deadline, summer or winter time (tester finding: an edition's close had no zone)", () => {
    expect(formatZonedInstant('sk', '2027-03-31T21:59:00Z')).toBe('31. marca 2027 o 23:59 stredoeurópsky letný čas');
    expect(formatZonedInstant('en', '2027-03-31T21:59:00Z')).toBe(
      'March 31, 2027 at 11:59 PM Central European Summer Time',
    );
    expect(formatZonedInstant('uk', '2027-03-31T21:59:00Z')).toBe(
      '31 березня 2027 р. о 23:59 за центральноєвропейським літнім часом',
    );
    expect(formatZonedInstant('en', '2027-01-15T22:59:00Z')).toBe(
      'January 15, 2027 at 11:59 PM Central European Standard Time',
    );
  });
});

describe('formatDay', () => {
  it('shows a calendar day as it is written, not shifted by a zone', () => {
    expect(formatDay('sk', '2027-05-15')).toBe('15. mája 2027');
    expect(formatDay('en', '2027-05-15')).toBe('May 15, 2027');
    expect(formatDay('uk', '2027-05-15')).toBe('15 травня 2027 р.');
    expect(formatDay('en', '2027-01-01')).toBe('January 1, 2027');
  });
});

describe('relativeTime', () => {
  const now = new Date('2027-03-28T12:00:00Z');

  it('says minutes under an hour, hours under two days, days beyond', () => {
    expect(relativeTime('en', '2027-03-28T12:20:00Z', now)).toBe('in 20 minutes');
    expect(relativeTime('en', '2027-03-28T07:00:00Z', now)).toBe('5 hours ago');
    expect(relativeTime('en', '2027-03-31T12:00:00Z', now)).toBe('in 3 days');
    expect(relativeTime('sk', '2027-03-31T12:00:00Z', now)).toBe('o 3 dni');
    expect(relativeTime('sk', '2027-03-28T07:00:00Z', now)).toBe('pred 5 hodinami');
    expect(relativeTime('uk', '2027-03-31T12:00:00Z', now)).toBe('через 3 дні');
    expect(relativeTime('uk', '2027-03-28T12:20:00Z', now)).toBe('через 20 хвилин');
  });
});
