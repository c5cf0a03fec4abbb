import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../db/schema/accounts.ts';
import { actions, can, type Action, type Actor } from './permissions.ts';

const actor = (role: Role, scope = ''): Actor => ({ userId: `u-${role}`, roles: [{ role, scope }] });

/** Every allowed (role, action) pair for portal-wide roles; anything not listed must be refused. */
const allowed: Record<Role, Action[]> = {
  admin: [
    'users.list',
    'users.invite',
    'users.disable',
    'roles.grant',
    'audit.read',
    'competition.manage',
    'lunches.manage',
    'materials.stats',
    'account.readOwn',
    'jury.invite',
    'jury.rounds',
    'jury.assign',
    'jury.progress',
    'jury.remind',
    'results.record',
    'results.publish',
    'results.view',
    'jury.shortlist',
    'jury.conflicts',
    'votes.manage',
  ],
  coordinator: ['lunches.manage', 'signups.createOnBehalf', 'materials.stats', 'account.readOwn'],
  competition_manager: [
    'competition.manage',
    'account.readOwn',
    'jury.invite',
    'jury.rounds',
    'jury.assign',
    'jury.progress',
    'jury.remind',
    'results.record',
    'results.publish',
    'results.view',
    'jury.shortlist',
    'jury.conflicts',
    'votes.manage',
  ],
  juror: ['entries.score', 'account.readOwn', 'jury.score', 'jury.recuse', 'jury.declareConflicts', 'jury.profile'],
  entrant: ['entries.submit', 'account.readOwn'],
  partner_caseworker: ['signups.createOnBehalf', 'account.readOwn'],
};

describe('permissions: role × action matrix', () => {
  for (const role of roles) {
    for (const action of actions) {
      const expected = allowed[role].includes(action);
      it(`${role} ${expected ? 'may' : 'may not'} ${action}`, () => {
        expect(can(actor(role), action, 'edition:2027')).toBe(expected);
      });
    }
  }

  it('nobody signed in may do nothing', () => {
    for (const action of actions) expect(can(null, action)).toBe(false);
  });

  it('a role scoped to one edition counts only for that edition', () => {
    const juror2027 = actor('juror', 'edition:2027');
    expect(can(juror2027, 'entries.score', 'edition:2027')).toBe(true);
    expect(can(juror2027, 'entries.score', 'edition:2028')).toBe(false);
    expect(can(juror2027, 'entries.score')).toBe(false);
    const manager = actor('competition_manager', 'edition:2028');
    expect(can(manager, 'competition.manage', 'edition:2027')).toBe(false);
    expect(can(manager, 'competition.manage', 'edition:2028')).toBe(true);
  });

  it('jury actions follow the edition: a juror or manager of 2027 has no say in 2028', () => {
    const juror2027 = actor('juror', 'edition:2027');
    for (const action of ['jury.score', 'jury.recuse', 'jury.declareConflicts', 'jury.profile'] as const) {
      expect(can(juror2027, action, 'edition:2027')).toBe(true);
      expect(can(juror2027, action, 'edition:2028')).toBe(false);
    }
    const manager2027 = actor('competition_manager', 'edition:2027');
    for (const action of [
      'jury.invite',
      'jury.rounds',
      'jury.assign',
      'jury.progress',
      'jury.remind',
      'jury.shortlist',
      'jury.conflicts',
      'votes.manage',
    ] as const) {
      expect(can(manager2027, action, 'edition:2027')).toBe(true);
      expect(can(manager2027, action, 'edition:2028')).toBe(false);
      expect(can(juror2027, action, 'edition:2027')).toBe(false);
    }
    expect(can(manager2027, 'jury.score', 'edition:2027')).toBe(false);
    expect(can(manager2027, 'jury.profile', 'edition:2027')).toBe(false);
  });

  it('results follow the edition: only its managers (and admins) record, lock, unlock and publish', () => {
    const manager2027 = actor('competition_manager', 'edition:2027');
    const juror2027 = actor('juror', 'edition:2027');
    const entrant2027 = actor('entrant', 'edition:2027');
    for (const action of ['results.record', 'results.publish'] as const) {
      expect(can(manager2027, action, 'edition:2027')).toBe(true);
      expect(can(manager2027, action, 'edition:2028')).toBe(false);
      expect(can(actor('admin'), action, 'edition:2028')).toBe(true);
      expect(can(juror2027, action, 'edition:2027')).toBe(false);
      expect(can(entrant2027, action, 'edition:2027')).toBe(false);
    }
  });

  it('results are for the edition’s managers: never its jurors, entrants or the public', () => {
    const manager2027 = actor('competition_manager', 'edition:2027');
    expect(can(manager2027, 'results.view', 'edition:2027')).toBe(true);
    expect(can(manager2027, 'results.view', 'edition:2028')).toBe(false);
    expect(can(actor('juror', 'edition:2027'), 'results.view', 'edition:2027')).toBe(false);
    expect(can(actor('juror'), 'results.view', 'edition:2027')).toBe(false);
    expect(can(actor('entrant'), 'results.view', 'edition:2027')).toBe(false);
    expect(can(null, 'results.view', 'edition:2027')).toBe(false);
  });
});
