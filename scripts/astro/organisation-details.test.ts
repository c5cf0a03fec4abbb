import { afterEach, describe, expect, it, vi } from 'vitest';
import { organisationDetails } from './organisation-details.mjs';

const start = organisationDetails.hooks['astro:build:start'] as unknown as (o: {
  logger: { warn: (m: string) => void };
}) => void;

describe('the organisation-details build check', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('fails a public build while the demo organisation lacks its contacts, licences and a helpline number', () => {
    vi.stubEnv('PUBLIC_ORIGIN', 'https://spotlight.example.org');
    expect(() => start({ logger: { warn: () => {} } })).toThrow(
      /A public build \(https:\/\/spotlight\.example\.org\) needs the organisation's details[\s\S]*the data protection contact[\s\S]*the press contact[\s\S]*"mental-health"/,
    );
  });

  it('names exactly what the demo content still lacks: the contacts, the licences, the unconfirmed mental health line and the demo news item', () => {
    vi.stubEnv('PUBLIC_ORIGIN', 'https://spotlight.example.org');
    let message = '';
    try {
      start({ logger: { warn: () => {} } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n').slice(1)).toEqual([
      '  - the general contact (contact.email), named on About and Training and in every mail',
      '  - the data protection contact (contact.privacyEmail)',
      '  - the press contact (contact.pressEmail or contact.pressPhone)',
      "  - the teaching materials' licences (materialLicencesConfirmed)",
      '  - the number of the helpline "mental-health" (content/helplines.yml)',
      '  - a confirmation of the helpline "mental-health": a source and no unverified claims (content/helplines.yml)',
      '  - no demo items: content/news/sk/bratislava-volunteer-evening.mdx was invented for the local demo (remove it)',
    ]);
  });

  it('lets the local demo build and says what is to be completed', () => {
    vi.stubEnv('PUBLIC_ORIGIN', 'http://127.0.0.1:4321');
    const warnings: string[] = [];
    start({ logger: { warn: (m) => warnings.push(m) } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('to be completed by the organisation');
  });

  it('lets the staging rehearsal (SITE_KIND=rehearsal, a public origin) build with the same list as a warning', () => {
    vi.stubEnv('PUBLIC_ORIGIN', 'https://staging.spotlight.example.org');
    vi.stubEnv('SITE_KIND', 'rehearsal');
    const warnings: string[] = [];
    start({ logger: { warn: (m) => warnings.push(m) } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.split('\n')[0]).toBe(
      'The rehearsal site https://staging.spotlight.example.org (noindex) shows "to be completed by the organisation" for:',
    );
    expect(warnings[0]?.split('\n')).toHaveLength(8);
  });

  it('still refuses a public build that calls itself anything else (production: SITE_KIND=public)', () => {
    vi.stubEnv('PUBLIC_ORIGIN', 'https://spotlight.example.org');
    vi.stubEnv('SITE_KIND', 'public');
    expect(() => start({ logger: { warn: () => {} } })).toThrow(/A public build \(https:\/\/spotlight\.example\.org\)/);
  });

  it('names a deploy:check measure-only build not deployable instead of failing it', () => {
    vi.stubEnv('PUBLIC_ORIGIN', 'https://spotlight.example.org');
    vi.stubEnv('SPOTLIGHT_CONTENT_GUARD', 'measure-only');
    const warnings: string[] = [];
    start({ logger: { warn: (m) => warnings.push(m) } });
    expect(warnings[0]?.split('\n')[0]).toBe(
      'MEASURE ONLY, not deployable: a public build (https://spotlight.example.org) is refused until:',
    );
  });
});
