import { describe, expect, it } from 'vitest';
import { humanSize } from './file-size.ts';

describe('humanSize', () => {
  it('uses the locale’s decimal separator and decimal units', () => {
    expect([812, 24_581, 1_250_000].map((b) => humanSize(b, 'en'))).toEqual(['812 byte', '24.6 kB', '1.3 MB']);
    expect(humanSize(24_581, 'sk')).toBe('24,6 kB');
    expect(humanSize(24_581, 'uk')).toBe('24,6 кБ');
  });
});
