import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { and, asc, eq, gt } from 'drizzle-orm';
import { organisation } from '../../core/organisation.ts';
import { toLocale, type Locale } from '../../core/locales.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import { passkeys, roleAssignments, users, webauthnChallenges } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { audit } from './audit.ts';
import { isStaff, sessionInsert } from './sessions.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock'>;

/** A ceremony must finish within 5 minutes of its options being handed out. */
export const CEREMONY_TTL_MS = 5 * 60_000;

/**
 * Where the ceremony runs. WebAuthn binds a passkey to a domain (the RP ID) and checks the page's
 * origin; both come from the request, which the origin check has already tied to this site.
 */
export interface RelyingParty {
  origin: string;
  rpID: string;
}

export const relyingPartyOf = (url: string): RelyingParty => {
  const { origin, hostname } = new URL(url);
  return { origin, rpID: hostname };
};

/** A passkey as its owner sees it. */
export interface PasskeySummary {
  id: string;
  name: string;
  backedUp: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

/** One challenge per browser; starting a new ceremony replaces an unfinished one. */
async function keepChallenge(
  deps: ServiceDeps,
  browser: string,
  challenge: string,
  purpose: 'register' | 'authenticate',
  userId: string | null,
) {
  const row = {
    browserHash: await sha256Hex(browser),
    challenge,
    purpose,
    userId,
    expiresAt: new Date(deps.clock().getTime() + CEREMONY_TTL_MS),
  };
  await deps.db
    .insert(webauthnChallenges)
    .values(row)
    .onConflictDoUpdate({ target: webauthnChallenges.browserHash, set: row });
}

/** Takes the browser's unexpired challenge for `purpose`; one DELETE, so it can be used once. */
async function takeChallenge(deps: ServiceDeps, browser: string | undefined, purpose: 'register' | 'authenticate') {
  if (!browser) return undefined;
  return deps.db
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.browserHash, await sha256Hex(browser)),
        eq(webauthnChallenges.purpose, purpose),
        gt(webauthnChallenges.expiresAt, deps.clock()),
      ),
    )
    .returning({ challenge: webauthnChallenges.challenge, userId: webauthnChallenges.userId })
    .get();
}

/** The user's passkeys, oldest first. */
export async function listPasskeys(deps: ServiceDeps, userId: string): Promise<PasskeySummary[]> {
  const rows = await deps.db
    .select({
      id: passkeys.id,
      name: passkeys.name,
      backedUp: passkeys.backedUp,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt,
    })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

/** Options for adding a passkey; existing ones are excluded so an authenticator is not registered twice. */
export async function startRegistration(
  deps: ServiceDeps,
  user: { userId: string; email: string },
  browser: string,
  rp: RelyingParty,
) {
  const existing = await deps.db
    .select({ id: passkeys.id, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, user.userId));
  const options = await generateRegistrationOptions({
    rpName: organisation.name,
    rpID: rp.rpID,
    userName: user.email,
    userID: new TextEncoder().encode(user.userId),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
    // Discoverable credentials let people sign in without typing their address.
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    timeout: CEREMONY_TTL_MS,
  });
  await keepChallenge(deps, browser, options.challenge, 'register', user.userId);
  return options;
}

/**
 * Verifies the authenticator's answer and stores the new passkey.
 * @throws AppError `passkey.expired` (400) when this browser has no unexpired registration challenge for this
 *   user
 * @throws AppError `passkey.failed` (400) when the authenticator's answer does not verify, or the passkey is
 *   already registered
 */
export async function finishRegistration(
  deps: ServiceDeps,
  userId: string,
  browser: string | undefined,
  rp: RelyingParty,
  response: RegistrationResponseJSON,
  name: string,
): Promise<PasskeySummary> {
  const { db } = deps;
  const now = deps.clock();
  const pending = await takeChallenge(deps, browser, 'register');
  if (!pending || pending.userId !== userId) throw new AppError('passkey.expired', 400);
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: pending.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: false,
  }).catch(() => ({ verified: false as const }));
  if (!result.verified) throw new AppError('passkey.failed', 400);
  const { credential, credentialBackedUp } = result.registrationInfo;
  const row = {
    id: credential.id,
    userId,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports ?? [],
    backedUp: credentialBackedUp,
    name,
    createdAt: now,
  };
  const [inserted] = await db.batch([
    db.insert(passkeys).values(row).onConflictDoNothing().returning({ id: passkeys.id }),
    audit(db, { actorId: userId, action: 'passkey.added', objectType: 'passkey', objectId: credential.id }, now),
  ]);
  if (inserted.length === 0) throw new AppError('passkey.failed', 400);
  return { id: row.id, name, backedUp: row.backedUp, createdAt: now.toISOString(), lastUsedAt: null };
}

/** Options for signing in with any passkey of this site (the browser offers the ones it has). */
export async function startAuthentication(deps: ServiceDeps, browser: string, rp: RelyingParty) {
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    userVerification: 'preferred',
    timeout: CEREMONY_TTL_MS,
  });
  await keepChallenge(deps, browser, options.challenge, 'authenticate', null);
  return options;
}

/**
 * Signs in with a passkey: the challenge is taken once, the signature checked against the stored
 * public key, and a counter that does not move forward (a cloned key) is refused. A new session.
 */
export async function finishAuthentication(
  deps: ServiceDeps,
  browser: string | undefined,
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
): Promise<{ sessionId: string; locale: Locale } | null> {
  const { db } = deps;
  const now = deps.clock();
  const refuse = async (reason: string, actorId: string | null = null) => {
    await db.batch([audit(db, { actorId, action: 'auth.passkey.refused', details: { reason } }, now)]);
    return null;
  };
  const pending = await takeChallenge(deps, browser, 'authenticate');
  if (!pending) return refuse('no_challenge');
  const stored = await db
    .select({
      id: passkeys.id,
      userId: passkeys.userId,
      publicKey: passkeys.publicKey,
      counter: passkeys.counter,
      transports: passkeys.transports,
      status: users.status,
      locale: users.locale,
    })
    .from(passkeys)
    .innerJoin(users, eq(users.id, passkeys.userId))
    .where(eq(passkeys.id, response.id))
    .get();
  if (!stored) return refuse('unknown_passkey');
  if (stored.status !== 'active') return refuse('disabled', stored.userId);
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: pending.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    credential: {
      id: stored.id,
      publicKey: isoBase64URL.toBuffer(stored.publicKey),
      counter: stored.counter,
      transports: stored.transports,
    },
    requireUserVerification: false,
  }).catch(() => ({ verified: false as const }));
  if (!result.verified) return refuse('bad_signature', stored.userId);
  const held = await db
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, stored.userId));
  const session = await sessionInsert(db, stored.userId, isStaff(held), now);
  await db.batch([
    session.insert,
    db
      .update(passkeys)
      .set({ counter: result.authenticationInfo.newCounter, lastUsedAt: now })
      .where(eq(passkeys.id, stored.id)),
    audit(
      db,
      { actorId: stored.userId, action: 'auth.passkey.succeeded', objectType: 'passkey', objectId: stored.id },
      now,
    ),
  ]);
  return { sessionId: session.id, locale: toLocale(stored.locale) };
}

/**
 * Removes one of the user's own passkeys; someone else's id answers like an unknown one.
 * @throws AppError `request.notFound` (404) when the user has no passkey with this id (someone else's included)
 */
export async function removePasskey(deps: ServiceDeps, userId: string, id: string): Promise<void> {
  const { db } = deps;
  const now = deps.clock();
  const owned = and(eq(passkeys.id, id), eq(passkeys.userId, userId));
  if (!(await db.select({ id: passkeys.id }).from(passkeys).where(owned).get()))
    throw new AppError('request.notFound', 404);
  await db.batch([
    db.delete(passkeys).where(owned),
    audit(db, { actorId: userId, action: 'passkey.removed', objectType: 'passkey', objectId: id }, now),
  ]);
}
