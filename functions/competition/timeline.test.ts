import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { editionState, instantOfField, mayChange } from './timeline.ts';
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

  it("reads a form's wall-clock time in Europe/Bratislava, or names the field and why not", () => {
    const zone = 'Europe/Bratislava';
    expect(instantOfField('2027-03-31T23:59', zone, 'submissionsCloseAt').toISOString()).toBe(
      '2027-03-31T21:59:00.000Z',
    );
    expect(instantOfField('2027-10-31T02:30', zone, 'until').toISOString()).toBe('2027-10-31T00:30:00.000Z');
    const refusal = (local: string) => {
      try {
        instantOfField(local, zone, 'submissionsOpenAt');
      } catch (e) {
        return e instanceof AppError ? [e.status, e.code, e.fields] : e;
      }
      return 'accepted';
    };
    expect(refusal('2027-02-30T10:00')).toEqual([
      422,
      'validation.failed',
      [{ field: 'submissionsOpenAt', code: 'time.impossible' }],
    ]);
    expect(refusal('2027-03-28T02:30')).toEqual([
      422,
      'validation.failed',
      [{ field: 'submissionsOpenAt', code: 'time.skipped' }],
    ]);
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
