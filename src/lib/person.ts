import type { ApiClient, Ok, pageApi } from './api.ts';

/** The signed-in person as `/api/auth/me` describes them: address, roles, and the actions they may do. */
export type Person = Ok<Awaited<ReturnType<ApiClient['api']['auth']['me']['$get']>>>;

/** An action a person may be allowed to do (permissions.ts declares them). */
export type Action = Person['may'][number];

/**
 * Who is signed in, for a page that needs someone: the person, or the page's answer when nobody
 * is (the sign-in page, with the way back here). Pages decide what to show from `may` instead of
 * probing an endpoint for a 403; the API still checks every request.
 */
export async function signedInPerson({ client, read }: ReturnType<typeof pageApi>): Promise<Person | Response> {
  return read(await client.api.auth.me.$get());
}

/** Whether `person` may do `action` (portal-wide or in a scope they hold a role for). */
export const may = (person: Person, action: Action): boolean => person.may.includes(action);

/** Actions that open the admin home (`/…/admin/`), which links each area the person may use. */
export const adminActions: readonly Action[] = [
  'users.list',
  'competition.manage',
  'lunches.manage',
  'signups.createOnBehalf',
  'materials.stats',
];

/** One of a signed-in person's own areas: `entries` (my entries), `jury` (one edition's jury work), `admin`. */
export interface AccountArea {
  key: 'entries' | 'jury' | 'admin';
  /** The path without the locale, e.g. `/jury/2026/`. */
  path: string;
  /** The edition (year) of a `jury` area. */
  edition?: string;
}

/**
 * The areas a person may use, from `/api/auth/me`'s roles and `may` (the header's island and the
 * account page show the same): my entries (`entries.submit`), my jury work per edition a juror
 * role is scoped to (`edition:2026` → `/jury/2026/`; a portal-wide juror gets `currentEdition`'s,
 * when known), and the admin home when any admin area is theirs. Pure; runs in the browser too.
 */
export function accountAreas(person: Pick<Person, 'roles' | 'may'>, currentEdition?: string): AccountArea[] {
  const areas: AccountArea[] = [];
  if (person.may.includes('entries.submit')) areas.push({ key: 'entries', path: '/competition/entries/' });
  const editions = new Set<string>();
  for (const { role, scope } of person.roles) {
    if (role !== 'juror') continue;
    if (scope.startsWith('edition:')) editions.add(scope.slice('edition:'.length));
    else if (scope === '' && currentEdition) editions.add(currentEdition);
  }
  for (const edition of [...editions].sort().reverse())
    areas.push({ key: 'jury', path: `/jury/${encodeURIComponent(edition)}/`, edition });
  if (adminActions.some((a) => person.may.includes(a))) areas.push({ key: 'admin', path: '/admin/' });
  return areas;
}

/** What `/api/auth/session` says of a signed-in person (the header asks it; nobody is `null`). */
export type SessionPerson = Pick<Person, 'email' | 'roles' | 'may'>;
