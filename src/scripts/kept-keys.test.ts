import { describe, expect, it } from 'vitest';
import { keptKeys } from './kept-keys.ts';

describe('what sign-out forgets on a shared device', () => {
  it("takes every juror's draft and every entrant's typed copy, and nothing else", () => {
    expect(
      keptKeys([
        'spotlight-review:j1:r1:e1',
        'theme',
        'spotlight-keep:entry-1:work',
        'xspotlight-keep:',
        'spotlight-reviews',
        'spotlight-keep:entry-2:conflicts',
      ]),
    ).toEqual(['spotlight-review:j1:r1:e1', 'spotlight-keep:entry-1:work', 'spotlight-keep:entry-2:conflicts']);
    expect(keptKeys([])).toEqual([]);
  });
});
