import { describe, expect, it } from 'vitest';
import { translationStatus } from './translation-status.ts';

const record = { sourceUpdated: new Date('2026-11-20'), reviewed: new Date('2026-11-21') };

describe('translationStatus', () => {
  it('the Slovak original is never stale', () => {
    expect(translationStatus(true, undefined, new Date('2026-12-01'))).toEqual({ state: 'original' });
  });
  it('a translation of the current source is current', () => {
    expect(translationStatus(false, record, new Date('2026-11-20'))).toEqual({ state: 'current' });
  });
  it('a translation of an older source is stale, with its review date', () => {
    expect(translationStatus(false, record, new Date('2026-11-22'))).toEqual({
      state: 'stale',
      reviewed: new Date('2026-11-21'),
    });
  });
  it('a translation without a record is stale', () => {
    expect(translationStatus(false, undefined, new Date('2026-11-20'))).toEqual({ state: 'stale' });
  });
});
