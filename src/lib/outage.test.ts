import { describe, expect, it } from 'vitest';
import { answerUnavailable, couldNotCheck, sameSiteBack } from './outage.ts';

describe('could not check vs not found', () => {
  it('takes every 5xx for "could not check", and no 4xx (those answer about the thing asked for)', () => {
    expect([200, 404, 409, 410, 429, 500, 503].map((status) => couldNotCheck({ status }))).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('makes the page 503 with the API’s Retry-After (else 5 s), never cached', () => {
    const page = { status: 200, headers: new Headers({ 'cache-control': 'public, s-maxage=60' }) };
    answerUnavailable({ headers: new Headers({ 'retry-after': '7' }) }, page);
    expect([page.status, page.headers.get('retry-after'), page.headers.get('cache-control')]).toEqual([
      503,
      '7',
      'no-store',
    ]);
    const other = { headers: new Headers() } as { status?: number; headers: Headers };
    answerUnavailable({ headers: new Headers() }, other);
    expect([other.status, other.headers.get('retry-after')]).toEqual([503, '5']);
  });
});

describe('the link back to the request being answered', () => {
  it('keeps a path and its query on this site, and never links to another host', () => {
    const back = (url: string) => sameSiteBack(new URL(url), '/en/');
    expect([
      back('https://portal.example/en/lunches/sign-up/?day=1'),
      back('https://portal.example//evil.example/x'),
      back('https://portal.example/%2F%2Fevil.example/'),
      back('https://portal.example/\\evil.example/'),
      back('https://portal.example/'),
    ]).toEqual(['/en/lunches/sign-up/?day=1', '/en/', '/%2F%2Fevil.example/', '/en/', '/']);
  });
});
