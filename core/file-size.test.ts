import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size.ts';

describe('formatFileSize', () => {
  it('shows kB under a megabyte and MB with one decimal above, in the locale’s format', () => {
    expect(formatFileSize(0, 'en')).toBe('0 kB');
    expect(formatFileSize(40, 'en')).toBe('1 kB');
    expect(formatFileSize(850_400, 'en')).toBe('850 kB');
    expect(formatFileSize(12_583_912, 'en')).toBe('12.6 MB');
    expect(formatFileSize(12_583_912, 'sk')).toBe('12,6 MB');
    expect(formatFileSize(100_000_000, 'uk')).toBe('100 МБ');
  });
});
