import type { Actor } from '../accounts/permissions.ts';
import type { Deps } from '../deps.ts';
import type { UploadRules } from './parts.ts';
import { DEMO_UPLOAD_RULES } from './uploads.schemas.ts';

/**
 * Decides what an actor may upload for a purpose (`test`, `entry:<id>`): the rules, or null when
 * this actor may not upload for it. The owner of the purpose (e.g. the competition entries
 * domain) supplies it; this module knows no category. It gets the server's clock because
 * deadlines decide too (asked again for every part).
 */
export type UploadPolicy = (
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  purpose: string,
) => Promise<UploadRules | null>;

/**
 * The registry `uploadRoutes` is given: a policy per purpose prefix (before the first `:`). It is
 * composed in app.ts, where the domains register theirs (e.g. `entry` from competition/), so the
 * upload module never imports a domain.
 */
export type UploadPolicies = Readonly<Record<string, UploadPolicy>>;

/** The policy for a purpose by its prefix, or undefined when no domain registered one. */
export function policyFor(policies: UploadPolicies, purpose: string): UploadPolicy | undefined {
  const prefix = purpose.split(':')[0] ?? '';
  // Own keys only: a purpose named `constructor` must not find Object's.
  return Object.hasOwn(policies, prefix) ? policies[prefix] : undefined;
}

/** The demo page's policy (purpose `test`, `/…/account/uploads/`): anyone signed in, `DEMO_UPLOAD_RULES`. */
export const demoUploadPolicy: UploadPolicy = async () => DEMO_UPLOAD_RULES;
