import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Locale } from '../../core/locales.ts';
import { toLocale } from '../../core/locales.ts';
import { useTranslations } from '../../core/t.ts';
import { randomToken, sha256Hex } from '../crypto/tokens.ts';
import { loginTokens, roleAssignments, users } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { letter, sender } from '../mail/letter.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { audit } from './audit.ts';
import { isStaff, revokeAllSessions, sessionInsert } from './sessions.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** A magic link works for 15 minutes, once, in the browser that asked for it. */
export const LOGIN_TTL_MS = 15 * 60_000;

/**
 * Mails a sign-in link when the address belongs to an active account. Both branches hash a
 * token and write one batch, and the caller answers the same either way (S02).
 * `browser` is the value of the binding cookie the caller sets on the asking browser.
 */
export async function requestLogin(
  deps: ServiceDeps,
  email: string,
  locale: Locale | undefined,
  browser: string,
): Promise<void> {
  const { db } = deps;
  const now = deps.clock();
  const token = randomToken();
  const [tokenHash, browserHash, emailHash] = await Promise.all([
    sha256Hex(token),
    sha256Hex(browser),
    sha256Hex(email),
  ]);
  const user = await db
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(and(eq(users.email, email), eq(users.status, 'active')))
    .get();
  if (!user) {
    await db.batch([
      audit(
        db,
        {
          actorId: null,
          action: 'auth.login.requested',
          objectType: 'email_hash',
          objectId: emailHash,
          details: { known: false },
        },
        now,
      ),
    ]);
    return;
  }
  // The language of the page the person asked from (they are reading it now), not the one saved
  // with the account when it was made; the saved one only when the request names none (an API call).
  const mailLocale = locale ?? toLocale(user.locale);
  const t = useTranslations(mailLocale);
  // `lang` puts the answer to a bad link in the mail's language, whatever the browser says.
  const link = `${deps.config.publicOrigin}/api/auth/callback?token=${token}&lang=${mailLocale}`;
  await db.batch([
    db.insert(loginTokens).values({
      tokenHash,
      userId: user.id,
      browserHash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_TTL_MS),
    }),
    enqueueMail(
      db,
      {
        recipient: email,
        subject: t('mail.login.subject', sender(mailLocale)),
        bodyText: letter(mailLocale, [t('mail.login.body', { ...sender(mailLocale), link })]),
        kind: 'auth.login',
        headers: { 'Content-Language': mailLocale },
      },
      now,
    ),
    audit(
      db,
      {
        actorId: user.id,
        action: 'auth.login.requested',
        objectType: 'user',
        objectId: user.id,
        details: { known: true },
      },
      now,
    ),
  ]);
}

/**
 * Redeems a magic link: one conditional UPDATE marks it used only if it is unused, unexpired and
 * presented by the browser that asked (S01). Starts a new session; returns its cookie value.
 */
export async function completeLogin(
  deps: ServiceDeps,
  token: string,
  browser: string | undefined,
): Promise<{ sessionId: string; locale: Locale } | null> {
  const { db } = deps;
  const now = deps.clock();
  const tokenHash = await sha256Hex(token);
  const redeemed = browser
    ? await db
        .update(loginTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(loginTokens.tokenHash, tokenHash),
            isNull(loginTokens.usedAt),
            gt(loginTokens.expiresAt, now),
            eq(loginTokens.browserHash, await sha256Hex(browser)),
          ),
        )
        .returning({ userId: loginTokens.userId })
        .get()
    : undefined;
  const user = redeemed
    ? await db
        .select({ id: users.id, locale: users.locale, status: users.status })
        .from(users)
        .where(eq(users.id, redeemed.userId))
        .get()
    : undefined;
  if (user?.status !== 'active') {
    await db.batch([
      audit(
        db,
        {
          actorId: user?.id ?? null,
          action: 'auth.login.refused',
          details: { reason: redeemed ? 'disabled' : 'invalid_link' },
        },
        now,
      ),
    ]);
    return null;
  }
  const held = await db
    .select({ role: roleAssignments.role })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, user.id));
  const session = await sessionInsert(db, user.id, isStaff(held), now);
  await db.batch([
    session.insert,
    audit(db, { actorId: user.id, action: 'auth.login.succeeded', objectType: 'user', objectId: user.id }, now),
  ]);
  return { sessionId: session.id, locale: toLocale(user.locale) };
}

/** Disables an account and ends all its sessions at once (S04). */
export async function disableUser(deps: ServiceDeps, actorId: string, userId: string): Promise<void> {
  const { db } = deps;
  const now = deps.clock();
  await db.batch([
    db.update(users).set({ status: 'disabled', updatedAt: now }).where(eq(users.id, userId)),
    revokeAllSessions(db, userId, now),
    audit(db, { actorId, action: 'user.disabled', objectType: 'user', objectId: userId }, now),
  ]);
}
