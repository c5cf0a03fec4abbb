import { describe, expect, it } from 'vitest';
import { roleHome } from './role-home.ts';

describe('roleHome: where the account page sends each role', () => {
  it('sends a juror to the jury page of the edition in the role’s scope', () => {
    expect(roleHome('juror', 'edition:2026')).toBe('/jury/2026/');
    expect(roleHome('juror', '')).toBeUndefined();
    expect(roleHome('juror', 'edition:../x')).toBeUndefined();
  });

  it('sends entrants to their entries and staff to their admin pages', () => {
    expect(roleHome('entrant', 'edition:2027')).toBe('/competition/entries/');
    expect(roleHome('admin', '')).toBe('/admin/');
    expect(roleHome('coordinator', '')).toBe('/admin/lunches/');
    expect(roleHome('competition_manager', 'edition:2027')).toBe('/admin/competition/');
    expect(roleHome('partner_caseworker', '')).toBeUndefined();
  });
});
