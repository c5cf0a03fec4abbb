import { describe, expect, it } from 'vitest';
import { currentEdition } from './competition.ts';
import { accountAreas } from './person.ts';

const edition = (id: string, state: 'notOpen' | 'open' | 'closed', closes: string) => ({
  id,
  state,
  submissionsCloseAt: `${closes}T22:59:00.000Z`,
});

describe('currentEdition', () => {
  it('is the open edition, the newest when several are open', () => {
    const list = [
      edition('2026', 'closed', '2026-03-31'),
      edition('2027', 'open', '2027-03-31'),
      edition('2025', 'open', '2027-04-30'),
    ];
    expect(currentEdition(list)?.id).toBe('2027');
  });
  it('is the next to open when none is open, else the last that closed', () => {
    expect(
      currentEdition([
        edition('2026', 'closed', '2026-03-31'),
        edition('2029', 'notOpen', '2029-03-31'),
        edition('2028', 'notOpen', '2028-03-31'),
      ])?.id,
    ).toBe('2028');
    expect(currentEdition([edition('2025', 'closed', '2025-03-31'), edition('2026', 'closed', '2026-03-31')])?.id).toBe(
      '2026',
    );
  });
  it('is undefined without editions', () => {
    expect(currentEdition([])).toBeUndefined();
  });
});

describe('accountAreas', () => {
  it('lists my entries, my jury work per scoped edition (newest first) and the admin home, as the person may', () => {
    const person = {
      roles: [
        { role: 'entrant' as const, scope: '' },
        { role: 'juror' as const, scope: 'edition:2026' },
        { role: 'juror' as const, scope: 'edition:2027' },
        { role: 'coordinator' as const, scope: '' },
      ],
      may: ['entries.submit', 'jury.score', 'lunches.manage', 'account.readOwn'] as const,
    };
    expect(accountAreas({ ...person, may: [...person.may] })).toEqual([
      { key: 'entries', path: '/competition/entries/' },
      { key: 'jury', path: '/jury/2027/', edition: '2027' },
      { key: 'jury', path: '/jury/2026/', edition: '2026' },
      { key: 'admin', path: '/admin/' },
    ]);
  });
  it('gives a portal-wide juror the current edition only when it is known, and nobody special nothing', () => {
    const juror = { roles: [{ role: 'juror' as const, scope: '' }], may: ['jury.score' as const] };
    expect(accountAreas(juror)).toEqual([]);
    expect(accountAreas(juror, '2027')).toEqual([{ key: 'jury', path: '/jury/2027/', edition: '2027' }]);
    expect(accountAreas({ roles: [], may: ['account.readOwn'] })).toEqual([]);
  });
});
