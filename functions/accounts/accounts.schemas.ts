import { z } from 'zod';
import { line } from '../http/text.ts';
import { defaultLocale, locales } from '../../core/locales.ts';

/** Roles as the site shows them (declared once in the database schema). */
export { type Role, roles, staffRoles } from '../db/schema/accounts.ts';

/** A domain as typed: labels of letters (any script), digits, hyphens and dots, nothing a URL would reinterpret. */
const TYPED_DOMAIN = /^[\p{L}\p{M}\p{N}.-]+$/u;

/**
 * An address in its one normal form (S24): lower-case, and an internationalised domain as its
 * punycode twin (`redaktor@Škola.example` → `redaktor@xn--kola-f6a.example`, UTS #46 as the
 * WHATWG URL parser applies it), so both spellings are one account, one sign-up, one subscriber.
 * Anything that is not a plain domain is left for the address check to refuse.
 * @param address a trimmed address, e.g. `Olena@Example.org`
 * @returns the normal form, e.g. `olena@example.org`
 */
export function normalEmail(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  if (at < 1 || /^[ -~]*$/.test(domain) || !TYPED_DOMAIN.test(domain)) return address.toLowerCase();
  try {
    return `${address.slice(0, at)}@${new URL(`http://${domain}`).hostname}`.toLowerCase();
  } catch {
    return address.toLowerCase();
  }
}

/**
 * The e-mail field shared by every form and API body that takes an address — the one place an
 * address is read, checked and put in its normal form ({@link normalEmail}); messages are error codes.
 */
export const emailField = z
  .string({ error: 'email.required' })
  .trim()
  .min(1, { error: 'email.required' })
  .max(254, { error: 'email.tooLong' })
  .transform(normalEmail)
  .pipe(z.email({ error: 'email.invalid' }));

/** A request for a sign-in link. */
/**
 * A page of this portal to come back to after signing in: a path in one of the locales
 * (`/en/admin/lunches/?day=…`). Anything else (another site, `//host`, a backslash) is dropped,
 * never refused: the sign-in then ends on the account page (no open redirect).
 */
export const returnPath = z
  .string()
  .max(500)
  .regex(new RegExp(`^/(${locales.join('|')})/(?![/\\\\])[^\\s\\\\]*$`))
  .optional()
  .catch(undefined);

/** The sign-in form: address, form language, and where to come back to (optional). */
export const loginInput = z.object({
  email: emailField,
  lang: z.enum(locales).catch(defaultLocale),
  returnTo: returnPath,
});

export const callbackQuery = z.object({ token: z.string().min(20).max(100) });

/**
 * What a browser sends back from a WebAuthn ceremony (the JSON form @simplewebauthn/browser
 * produces). Only the outer shape is checked here; the library verifies the contents.
 */
const credentialResponse = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

export const registrationInput = z.object({
  response: credentialResponse.extend({
    response: z.looseObject({
      clientDataJSON: z.string().max(4096),
      attestationObject: z.string().max(16384),
      transports: z.array(z.string().max(20)).max(10).optional(),
    }),
  }),
  /** The owner's label; empty means "name it after the date". */
  name: line(z.string().trim().max(60, { error: 'passkey.nameTooLong' })).default(''),
});

export const authenticationInput = z.object({
  response: credentialResponse.extend({
    response: z.looseObject({
      clientDataJSON: z.string().max(4096),
      authenticatorData: z.string().max(4096),
      signature: z.string().max(1024),
      userHandle: z.string().max(256).optional(),
    }),
  }),
});
