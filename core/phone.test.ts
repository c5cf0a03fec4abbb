import { describe, expect, it } from 'vitest';
import { numberPattern, splitPhoneNumbers, telHref } from './phone.ts';

describe('telHref', () => {
  it.each([
    ['0800 800 818', 'tel:+421800800818'],
    ['+421 800 800 818', 'tel:+421800800818'],
    ['0800 212 212', 'tel:+421800212212'],
    ['02/123 456 78', 'tel:+421212345678'],
    ['00421 2 123 45', 'tel:+421212345'],
    ['112', 'tel:112'],
    ['158', 'tel:158'],
    ['0800\u00a0800\u00a0818', 'tel:+421800800818'],
  ])('%s → %s', (written, href) => {
    expect(telHref(written)).toBe(href);
  });

  it.each(['', '12', 'call us', '0800 ABC'])('refuses %j', (written) => {
    expect(() => telHref(written)).toThrow('not a phone number');
  });
});

describe('numberPattern', () => {
  it('finds the number with any space between its groups, not inside longer numbers', () => {
    const text = 'Call 0800 800 818 or 0800\u00a0800\u00a0818, not 10800 800 8189; abroad +421 800 800 818.';
    expect(text.match(numberPattern('0800 800 818'))).toEqual(['0800 800 818', '0800\u00a0800\u00a0818']);
    expect(text.match(numberPattern('+421 800 800 818'))).toEqual(['+421 800 800 818']);
  });

  it('finds 112 as a word only', () => {
    expect('Call 112 now; 1120 and size: 112345 are not it.'.match(numberPattern('112'))).toEqual(['112']);
  });
});

describe('splitPhoneNumbers', () => {
  it('splits text around every number, the longer form first', () => {
    expect(
      splitPhoneNumbers('Call 0800 800 818; from abroad +421 800 800 818. In danger: 112.', [
        '112',
        '0800 800 818',
        '+421 800 800 818',
      ]),
    ).toEqual([
      'Call ',
      { number: '0800 800 818', href: 'tel:+421800800818' },
      '; from abroad ',
      { number: '+421 800 800 818', href: 'tel:+421800800818' },
      '. In danger: ',
      { number: '112', href: 'tel:112' },
      '.',
    ]);
  });

  it('leaves text without numbers whole', () => {
    expect(splitPhoneNumbers('No number here, 1120 bytes.', ['112'])).toEqual(['No number here, 1120 bytes.']);
  });
});
