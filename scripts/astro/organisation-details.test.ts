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

  it('lets the local demo build and says what is to be completed', () => {
    vi.stubEnv('PUBLIC_ORIGIN', 'http://127.0.0.1:4321');
    const warnings: string[] = [];
    start({ logger: { warn: (m) => warnings.push(m) } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('to be completed by the organisation');
  });
});
