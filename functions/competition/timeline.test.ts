import { describe, expect, it } from 'vitest';
import { editionState, instantToZoned, mayChange, zonedToInstant } from './timeline.ts';
import { neutralise, toCsv } from '../http/csv.ts';

const edition = {
  submissionsOpenAt: new Date('2026-11-01T00:00:00Z'),
  submissionsCloseAt: new Date('2027-03-31T21:59:00Z'),
};

describe('edition timeline', () => {
  it('is not open, open, then closed exactly at the close', () => {
    expect(editionState(edition, new Date('2026-10-31T23:59:59Z'))).toBe('notOpen');
    expect(editionState(edition, new Date('2027-03-31T21:58:59.999Z'))).toBe('open');
    expect(editionState(edition, new Date('2027-03-31T21:59:00Z'))).toBe('closed');
  });

  it('lets an entrant with an extension change entries until it runs out, not before opening', () => {
    const until = new Date('2027-04-02T10:00:00Z');
    expect(mayChange(edition, until, new Date('2027-04-01T00:00:00Z'))).toBe(true);
    expect(mayChange(edition, until, new Date('2027-04-02T10:00:00Z'))).toBe(false);
    expect(mayChange(edition, null, new Date('2027-04-01T00:00:00Z'))).toBe(false);
    expect(mayChange(edition, until, new Date('2026-10-01T00:00:00Z'))).toBe(false);
  });

  it('reads wall-clock times in Europe/Bratislava on both sides of daylight saving', () => {
    expect(zonedToInstant('2027-01-15T12:00', 'Europe/Bratislava')?.toISOString()).toBe('2027-01-15T11:00:00.000Z');
    expect(zonedToInstant('2027-07-15T12:00', 'Europe/Bratislava')?.toISOString()).toBe('2027-07-15T10:00:00.000Z');
    expect(zonedToInstant('2027-03-28T03:30', 'Europe/Bratislava')?.toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(instantToZoned(new Date('2027-03-31T21:59:00Z'), 'Europe/Bratislava')).toBe('2027-03-31T23:59');
    expect(zonedToInstant('31.3.2027 23:59', 'Europe/Bratislava')).toBeNull();
  });
});

describe('export cells', () => {
  it('S18 neutralises = + - @ tab and CR at the start of a cell, and nothing else', () => {
    expect(['=1+1', '+420', '-2', '@SUM(A1)', '\tx', '\rx', 'Jana', '1-2', ''].map(neutralise)).toEqual([
      "'=1+1",
      "'+420",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'Jana',
      '1-2',
      '',
    ]);
    expect(toCsv([['a', '=cmd|"/c calc"!A1']])).toBe('\uFEFF"a","\'=cmd|""/c calc""!A1"\r\n');
  });
});
