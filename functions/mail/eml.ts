import type { OutgoingMail } from './transport.ts';

/** RFC 2047 encoded-word for non-ASCII header values. */
function encodeHeader(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const bytes = new TextEncoder().encode(value);
  return `=?UTF-8?B?${btoa(String.fromCharCode(...bytes))}?=`;
}

/** Header values must not smuggle extra headers (CR/LF injection). */
const oneLine = (value: string): string => value.replace(/[\r\n]+/g, ' ');

/** The mail as an RFC 5322 message (UTF-8, 8bit body), as written to `.eml` files. */
export function toEml(mail: OutgoingMail): string {
  const headers: [string, string][] = [
    ['From', mail.from],
    ['To', mail.to],
    ['Subject', encodeHeader(oneLine(mail.subject))],
    ['Date', mail.date.toUTCString()],
    ['Message-ID', `<${mail.id}@spotlight.local>`],
    ['MIME-Version', '1.0'],
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['Content-Transfer-Encoding', '8bit'],
    ...Object.entries(mail.headers),
  ];
  const head = headers.map(([name, value]) => `${oneLine(name)}: ${oneLine(value)}`).join('\r\n');
  return `${head}\r\n\r\n${mail.text.replace(/\r?\n/g, '\r\n')}\r\n`;
}
