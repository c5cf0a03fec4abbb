import type { Locale } from '../../core/locales.ts';
import { signCapability, verifyCapability } from '../crypto/tokens.ts';
import type { Deps } from '../deps.ts';

type LinkDeps = Pick<Deps, 'config'>;

/** Purposes of the capability links (S12): each signature is good for its purpose only. */
export const purposes = {
  confirm: 'lunch.confirm',
  manage: 'lunch.manage',
  cantCome: 'lunch.cantCome',
  survey: 'lunch-survey',
} as const;
export type Purpose = (typeof purposes)[keyof typeof purposes];

/** The household's own page, as a path on this site (redirects stay on the host the visitor used). */
export const managePath = async (deps: LinkDeps, id: string, locale: Locale): Promise<string> =>
  `/${locale}/lunches/manage/?id=${id}&sig=${await signCapability(deps.config.tokenSecret, purposes.manage, id)}`;

/**
 * A signed absolute link for a mail, bound to one purpose and one household: the manage and
 * survey pages in the household's `locale`, or the API's `confirm` / `cant-come` (whose page, and
 * link-invalid answer, are in `locale` too: `&lang=`).
 */
export async function capabilityUrl(deps: LinkDeps, purpose: Purpose, id: string, locale: Locale): Promise<string> {
  const base = deps.config.publicOrigin;
  if (purpose === purposes.manage) return `${base}${await managePath(deps, id, locale)}`;
  if (purpose === purposes.survey)
    return `${base}/${locale}/lunches/survey/?id=${id}&sig=${await signCapability(deps.config.tokenSecret, purpose, id)}`;
  const sig = await signCapability(deps.config.tokenSecret, purpose, id);
  return `${base}/api/lunches/${purpose === purposes.confirm ? 'confirm' : 'cant-come'}?id=${id}&sig=${sig}&lang=${locale}`;
}

/** Whether `sig` signs household `id` for `purpose` (and for no other purpose). */
export const verifyLink = (deps: LinkDeps, purpose: Purpose, id: string, sig: string): Promise<boolean> =>
  verifyCapability(deps.config.tokenSecret, purpose, id, sig);
