// Where each role's work is, so the account page (where every magic link without a return path
// lands) leads a juror, an entrant or a coordinator on instead of leaving them there.

/**
 * The page, without the locale (`/jury/2026/`), where a person with `role` in `scope` does that
 * role's work; undefined for a role with no page of its own (a partner caseworker's form is
 * reached from the lunches admin) or a juror whose scope names no edition.
 */
export function roleHome(role: string, scope: string | null | undefined): string | undefined {
  switch (role) {
    case 'admin':
      return '/admin/';
    case 'coordinator':
      return '/admin/lunches/';
    case 'competition_manager':
      return '/admin/competition/';
    case 'entrant':
      return '/competition/entries/';
    case 'juror': {
      const edition = /^edition:(\d{4})$/.exec(scope ?? '')?.[1];
      return edition ? `/jury/${edition}/` : undefined;
    }
    default:
      return undefined;
  }
}
