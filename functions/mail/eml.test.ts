import { describe, expect, it } from 'vitest';
import { toEml } from './eml.ts';

const base = {
  id: 'abc',
  from: 'Spotlight <news@spotlight.test>',
  to: 'a@example.org',
  text: 'Ahoj\nsvet',
  headers: {},
  date: new Date('2026-11-23T10:00:00Z'),
};

describe('toEml', () => {
  it('encodes a non-ASCII subject and uses CRLF line ends', () => {
    const eml = toEml({ ...base, subject: 'Potvrďte odber' });
    expect(eml).toContain(`Subject: =?UTF-8?B?${Buffer.from('Potvrďte odber').toString('base64')}?=\r\n`);
    expect(eml).toContain('Date: Mon, 23 Nov 2026 10:00:00 GMT\r\n');
    expect(eml.endsWith('\r\n\r\nAhoj\r\nsvet\r\n')).toBe(true);
  });

  it('cannot be tricked into extra headers by a line break in a value', () => {
    const eml = toEml({ ...base, subject: 'Hi\r\nBcc: victim@example.org', to: 'a@example.org\nBcc: x@example.org' });
    const head = eml.split('\r\n\r\n')[0]!;
    expect(head.split('\r\n').filter((line) => line.startsWith('Bcc:'))).toEqual([]);
    expect(head).toContain('Subject: Hi Bcc: victim@example.org\r\n');
  });
});
