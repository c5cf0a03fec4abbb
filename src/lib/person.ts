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
