import { describe, expect, it } from 'vitest';
import {
  dayInZone,
  endOfDayInZone,
  instantToWallTime,
  isCalendarDay,
  startOfDayInZone,
  wallTimeToInstant,
} from './zoned-time.ts';

const zone = 'Europe/Bratislava';
const at = (local: string) => {
  const r = wallTimeToInstant(local, zone);
  return r.ok ? r.instant.toISOString() : r.problem;
};

describe('wall-clock time ↔ instant in Europe/Bratislava', () => {
  it('reads times on both sides of daylight saving', () => {
    expect(at('2027-01-15T12:00')).toBe('2027-01-15T11:00:00.000Z');
    expect(at('2027-07-15T12:00')).toBe('2027-07-15T10:00:00.000Z');
    expect(at('2027-03-31T23:59')).toBe('2027-03-31T21:59:00.000Z');
  });

  it('refuses days and times that do not exist instead of rolling them over', () => {
    expect(at('2027-02-30T10:00')).toBe('impossible');
    expect(at('2027-02-29T10:00')).toBe('impossible');
    expect(at('2028-02-29T10:00')).toBe('2028-02-29T09:00:00.000Z');
    expect(at('2027-01-01T24:00')).toBe('impossible');
    expect(at('2027-13-01T10:00')).toBe('impossible');
    expect(at('31.3.2027 23:59')).toBe('impossible');
    expect(at('2027-03-31T23:59:00')).toBe('impossible');
  });

  it('takes the earlier instant of the autumn hour that happens twice', () => {
    expect(at('2027-10-31T01:59')).toBe('2027-10-30T23:59:00.000Z');
    expect(at('2027-10-31T02:00')).toBe('2027-10-31T00:00:00.000Z');
    expect(at('2027-10-31T02:30')).toBe('2027-10-31T00:30:00.000Z');
    expect(at('2027-10-31T02:59')).toBe('2027-10-31T00:59:00.000Z');
    expect(at('2027-10-31T03:00')).toBe('2027-10-31T02:00:00.000Z');
  });

  it('refuses the spring hour that is skipped, and nothing around it', () => {
    expect(at('2027-03-28T01:59')).toBe('2027-03-28T00:59:00.000Z');
    expect(at('2027-03-28T02:00')).toBe('skipped');
    expect(at('2027-03-28T02:30')).toBe('skipped');
    expect(at('2027-03-28T02:59')).toBe('skipped');
    expect(at('2027-03-28T03:00')).toBe('2027-03-28T01:00:00.000Z');
    expect(at('2027-03-28T03:30')).toBe('2027-03-28T01:30:00.000Z');
  });

  it('shows instants as the wall-clock time a datetime-local field takes', () => {
    expect(instantToWallTime(new Date('2027-03-31T21:59:00Z'), zone)).toBe('2027-03-31T23:59');
    expect(instantToWallTime(new Date('2027-10-31T00:30:00Z'), zone)).toBe('2027-10-31T02:30');
    expect(instantToWallTime(new Date('2027-10-31T01:30:00Z'), zone)).toBe('2027-10-31T02:30');
    expect(instantToWallTime(new Date('2027-01-15T11:00:59.999Z'), zone)).toBe('2027-01-15T12:00');
  });
});

describe('calendar days in Europe/Bratislava', () => {
  it('knows which days exist', () => {
    expect(['2027-02-28', '2027-02-29', '2028-02-29', '2027-04-31', '2027-4-01', ''].map(isCalendarDay)).toEqual([
      true,
      false,
      true,
      false,
      false,
      false,
    ]);
  });

  it('gives the day an instant falls on there, not in UTC', () => {
    expect(dayInZone(new Date('2027-03-31T21:59:59.999Z'), zone)).toBe('2027-03-31');
    expect(dayInZone(new Date('2027-03-31T22:00:00Z'), zone)).toBe('2027-04-01');
    expect(dayInZone(new Date('2027-12-31T23:00:00Z'), zone)).toBe('2028-01-01');
  });

  it('starts and ends a day there, including the days the clocks change', () => {
    expect(startOfDayInZone('2027-05-14', zone).toISOString()).toBe('2027-05-13T22:00:00.000Z');
    expect(endOfDayInZone('2027-05-14', zone).toISOString()).toBe('2027-05-14T21:59:59.999Z');
    expect(endOfDayInZone('2027-01-14', zone).toISOString()).toBe('2027-01-14T22:59:59.999Z');
    // 28 March 2027 has 23 hours, 31 October 2027 has 25.
    expect(endOfDayInZone('2027-03-28', zone).getTime() - startOfDayInZone('2027-03-28', zone).getTime()).toBe(
      23 * 3_600_000 - 1,
    );
    expect(endOfDayInZone('2027-10-31', zone).getTime() - startOfDayInZone('2027-10-31', zone).getTime()).toBe(
      25 * 3_600_000 - 1,
    );
    expect(() => endOfDayInZone('2027-02-30', zone)).toThrow(RangeError);
  });
});
