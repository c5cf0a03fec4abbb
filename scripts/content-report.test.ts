import { describe, expect, it } from 'vitest';
import { contentReport, factEntry, readFactEntries } from './content-report.ts';

describe('content report', () => {
  it('lists entries without sources, unverified claims and figures older than a year', () => {
    const entries = [
      factEntry('a.mdx', {}),
      factEntry('demo.mdx', { demo: true }),
      factEntry('b.mdx', {
        verified: '2026-11-29',
        sources: [{ title: 'Press release', read: '2026-11-29' }],
        unverified: ['the opening hours'],
        figures: [
          { claim: '1.4 million arrivals', asOf: '2023-05-31' },
          { claim: 'this year', asOf: '2026-01-01' },
        ],
      }),
    ];
    expect(contentReport(entries, new Date('2026-11-29'))).toEqual({
      withoutSources: ['a.mdx'],
      demo: ['demo.mdx'],
      unverified: ['b.mdx: the opening hours'],
      staleFigures: ['b.mdx: 1.4 million arrivals (as of 2023-05-31)'],
    });
  });

  it('finds the May 2023 figures on the about page and the helplines with sources', () => {
    const report = contentReport(readFactEntries('.'), new Date('2026-11-29'));
    expect(report.staleFigures).toContain(
      'content/pages/en/about.mdx: 1.4 million arrivals from Ukraine since 24 February 2022; over 115,000 requests for temporary protection (as of 2023-05-31)',
    );
    expect(report.withoutSources).not.toContain('content/helplines.yml#trafficking-line');
    expect(report.withoutSources).not.toContain('content/campaigns/sk/dont-become-a-slave.mdx');
  });
});
