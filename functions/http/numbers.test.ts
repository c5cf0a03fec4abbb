import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { asWhole, formVersion, optionalCount, wholeNumber } from './numbers.ts';

const issues = (schema: z.ZodType, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? r.data : r.error.issues.map((i) => i.message);
};

describe('whole numbers from forms', () => {
  it('a required number: an empty or blank field is missing, not 0', () => {
    const adults = wholeNumber(1, 12, 'adults');
    expect(['3', ' 4 ', 5].map((v) => issues(adults, v))).toEqual([3, 4, 5]);
    expect(['', '  ', undefined, '1.5', 'two', '0', '13'].map((v) => issues(adults, v))).toEqual(
      Array(7).fill(['adults']),
    );
  });

  it('an optional count: empty, blank or missing means 0 (the tester finding: an empty children field was an error)', () => {
    const children = optionalCount(0, 12, 'children');
    expect(['', '   ', undefined, '0', '2', 3].map((v) => issues(children, v))).toEqual([0, 0, 0, 0, 2, 3]);
    expect(['-1', '13', '1.5', 'x'].map((v) => issues(children, v))).toEqual(Array(4).fill(['children']));
    // In an object, a field not sent at all reads as 0 too.
    expect(z.object({ n: optionalCount(0, 5, 'n') }).parse({})).toEqual({ n: 0 });
  });
});

describe('one rule for whole numbers typed as text (tester finding: adults=1e1 was 10 adults)', () => {
  it('only plain decimal digits, optionally signed, are a whole number', () => {
    expect(['7', ' 12 ', '+3', '-4', '007', 9, ''].map(asWhole)).toEqual([7, 12, 3, -4, 7, 9, undefined]);
    for (const v of ['1e1', '1e2', '0x5', '0b1', '0o7', '1.0', 'Infinity', '1_000', '١٢', null, true, '1 2'])
      expect(asWhole(v), String(v)).toBeNaN();
  });

  it('wholeNumber, optionalCount and formVersion refuse exponent and hex text with their message', () => {
    const adults = wholeNumber(1, 12, 'adults');
    const places = optionalCount(0, 500, 'places');
    const version = formVersion('version');
    for (const v of ['1e1', '1e2', '0x5', '5.0'])
      expect([issues(adults, v), issues(places, v), issues(version, v)], v).toEqual([
        ['adults'],
        ['places'],
        ['version'],
      ]);
    expect(issues(places, '-1')).toEqual(['places']);
    expect([issues(version, '+5'), issues(version, '-0'), issues(adults, '-0')]).toEqual([
      ['version'],
      ['version'],
      ['adults'],
    ]);
  });
});
