import { describe, expect, it } from 'vitest';
import { baseUrl } from './browser.ts';

/** S05 on every kind of response: a static page, a static asset, an on-demand page, the API, a 404. */
const paths = [
  '/en/',
  '/favicon.svg',
  '/sk/stay-informed/',
  '/api/health',
  '/api/nothing',
  '/uk/no-such-page/',
  '/media/documentary/we-are-at-home-here-demo.webm',
];

describe('S05 security headers', () => {
  it.each(paths)('%s carries HSTS, CSP, nosniff and a referrer policy', async (path) => {
    const response = await fetch(`${baseUrl}${path}`, { redirect: 'manual' });
    const hsts = /max-age=(\d+)/.exec(response.headers.get('strict-transport-security') ?? '');
    expect(Number(hsts?.[1])).toBeGreaterThanOrEqual(31_536_000);
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});
