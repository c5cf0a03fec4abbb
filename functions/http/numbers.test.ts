import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionalCount, wholeNumber } from './numbers.ts';

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
