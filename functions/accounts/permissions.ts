import type { Role } from '../db/schema/accounts.ts';

/** Who is acting: their id and roles (each role portal-wide, scope '', or for one scope). */
export interface Actor {
  userId: string;
  roles: readonly { role: Role; scope: string }[];
}

/** Actions a permission check is asked about, declared once. */
export const actions = [
  'users.list',
  'users.invite',
  'users.disable',
  'roles.grant',
  'audit.read',
  'competition.manage',
  'entries.submit',
  'entries.score',
  'lunches.manage',
  'signups.createOnBehalf',
  'materials.stats',
  'account.readOwn',
  'jury.invite',
  'jury.rounds',
  'jury.assign',
  'jury.progress',
  'jury.remind',
  'jury.score',
  'jury.recuse',
  'jury.declareConflicts',
  'results.record',
  'results.publish',
  'results.view',
  'jury.shortlist',
  'jury.profile',
  'jury.conflicts',
  'votes.manage',
] as const;
export type Action = (typeof actions)[number];

/** `scope` names the object's competition edition (e.g. `edition:2027`) where that matters. */
type Predicate = (actor: Actor, scope?: string) => boolean;

/** Holds `role` portal-wide, or for exactly this scope. */
const has =
  (role: Role): Predicate =>
  (actor, scope) =>
    actor.roles.some((r) => r.role === role && (r.scope === '' || (scope !== undefined && r.scope === scope)));
const any =
  (...predicates: Predicate[]): Predicate =>
  (actor, scope) =>
    predicates.some((p) => p(actor, scope));
const signedIn: Predicate = () => true;

const isAdmin = has('admin');
/** Manages an edition's competition (and so its jury): admins and that edition's (or every) competition manager. */
const managesEdition = any(isAdmin, has('competition_manager'));
/** A juror of the edition in `scope` (portal-wide jurors are jurors of every edition). */
const isJuror = has('juror');

/** The one table of who may do what: small named predicates per action (pretalx rules.py). */
export const rules: Record<Action, Predicate> = {
  'users.list': isAdmin,
  'users.invite': isAdmin,
  'users.disable': isAdmin,
  'roles.grant': isAdmin,
  'audit.read': isAdmin,
  'competition.manage': any(isAdmin, has('competition_manager')),
  'entries.submit': has('entrant'),
  'entries.score': has('juror'),
  'lunches.manage': any(isAdmin, has('coordinator')),
  'signups.createOnBehalf': any(has('coordinator'), has('partner_caseworker')),
  'materials.stats': any(isAdmin, has('coordinator')),
  'account.readOwn': signedIn,
  'jury.invite': managesEdition,
  'jury.rounds': managesEdition,
  'jury.assign': managesEdition,
  'jury.progress': managesEdition,
  'jury.remind': managesEdition,
  'jury.score': isJuror,
  'jury.recuse': isJuror,
  'jury.declareConflicts': isJuror,
  /** Record an edition's places and the jury's statements (while the results are a draft). */
  'results.record': managesEdition,
  /** Lock, unlock (with a reason) and publish an edition's results. */
  'results.publish': managesEdition,
  /** A round's results (leaderboards, normalisation, fairness, exports): managers only, never jurors. */
  'results.view': managesEdition,
  'jury.shortlist': managesEdition,
  /** The juror's own profile: languages, expertise, bio, employer; setting the passkey prompt aside. */
  'jury.profile': isJuror,
  /** Recording, listing and removing juror ↔ entry conflicts for an edition. */
  'jury.conflicts': managesEdition,
  /** The people's-choice window and its counts (counts are never public before publication). */
  'votes.manage': managesEdition,
};

/**
 * The actions `actor` may do portal-wide or in at least one scope they hold a role for (an
 * edition's manager may manage competitions): what `/api/auth/me` tells pages, so a page shows
 * the links and forms a person may use without probing for a 403. The server still checks every
 * action on every object.
 */
export function allowedActions(actor: Actor): Action[] {
  const scopes = [undefined, ...new Set(actor.roles.map((r) => r.scope).filter((s) => s !== ''))];
  return actions.filter((action) => scopes.some((scope) => rules[action](actor, scope)));
}

/** Whether `actor` may do `action` (on an object in `scope`). No actor: never. */
export const can = (actor: Actor | null, action: Action, scope?: string): boolean =>
  actor !== null && rules[action](actor, scope);
