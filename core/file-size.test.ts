import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size.ts';

const sizes = [0, 40, 20_000, 24_581, 850_400, 999_999, 6 * 1024 * 1024, 12_583_912, 100_000_000, 2_000_000_000];

describe('formatFileSize', () => {
  it('uses decimal units (kB, MB, GB), one decimal below 100 of a unit, in English', () => {
    expect(sizes.map((b) => formatFileSize(b, 'en'))).toEqual([
      '0 kB',
      '0.1 kB',
      '20 kB',
      '24.6 kB',
      '850 kB',
      '1 MB',
      '6.3 MB',
      '12.6 MB',
      '100 MB',
      '2 GB',
    ]);
  });

  it('writes Slovak numbers with a decimal comma', () => {
    expect(sizes.map((b) => formatFileSize(b, 'sk'))).toEqual([
      '0 kB',
      '0,1 kB',
      '20 kB',
      '24,6 kB',
      '850 kB',
      '1 MB',
      '6,3 MB',
      '12,6 MB',
      '100 MB',
      '2 GB',
    ]);
  });

  it('writes Ukrainian units in Cyrillic', () => {
    expect(sizes.map((b) => formatFileSize(b, 'uk'))).toEqual([
      '0 кБ',
      '0,1 кБ',
      '20 кБ',
      '24,6 кБ',
      '850 кБ',
      '1 МБ',
      '6,3 МБ',
      '12,6 МБ',
      '100 МБ',
      '2 ГБ',
    ]);
  });

  it('shows a binary 2,048 MiB as the 2.1 GB it is, and a large size in the locale’s grouping', () => {
    expect(formatFileSize(2048 * 1024 * 1024, 'en')).toBe('2.1 GB');
    expect(formatFileSize(1_500_000_000_000, 'en')).toBe('1,500 GB');
    expect(formatFileSize(1_500_000_000_000, 'sk')).toBe('1\u00a0500 GB');
  });
});
