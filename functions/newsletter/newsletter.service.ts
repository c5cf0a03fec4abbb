import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Locale } from '../../core/locales.ts';
import { isLocale } from '../../core/locales.ts';
import { randomToken, sha256Hex, signCapability, verifyCapability } from '../crypto/tokens.ts';
import { subscriptions } from '../db/schema/index.ts';
import { enqueueMailIf } from '../mail/outbox.service.ts';
import type { Deps } from '../deps.ts';
import { confirmationMail } from './mails.ts';
import type { SubscribeInput } from './newsletter.schemas.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** How long a confirmation link works. */
export const CONFIRM_TTL_MS = 7 * 24 * 60 * 60_000;
/** A new confirmation mail for the same pending address goes out at most this often. */
export const RESEND_AFTER_MS = 60_000;
const UNSUBSCRIBE = 'newsletter.unsubscribe';

/** The subscriber's unsubscribe link (also RFC 8058's one-click URL); its page in `locale`. */
export const unsubscribeUrl = async (deps: ServiceDeps, id: string, locale: Locale): Promise<string> =>
  `${deps.config.publicOrigin}/api/subscriptions/unsubscribe?id=${id}&sig=${await signCapability(deps.config.tokenSecret, UNSUBSCRIBE, id)}&lang=${locale}`;

/**
 * Records a sign-up as pending and queues the confirmation mail, in one batch. The caller's
 * answer is the same whether the address is new, pending or already active, so the form
 * reveals nothing about who subscribed. An active subscription is left as it is; a pending one
 * gets a fresh link, at most once a minute (the conditional update below decides, so two
 * requests racing for one address still write one row and mail a working link).
 */
export async function subscribe(deps: ServiceDeps, input: SubscribeInput): Promise<void> {
  const { db } = deps;
  const now = deps.clock();
  const token = randomToken();
  const tokenHash = await sha256Hex(token);
  const existing = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(eq(subscriptions.email, input.email))
    .get();
  const id = existing?.id ?? crypto.randomUUID();
  const mayRenew = sql`${subscriptions.status} = 'pending' AND ${subscriptions.updatedAt} <= ${now.getTime() - RESEND_AFTER_MS}`;
  const mail = confirmationMail(
    input.lang,
    input.email,
    `${deps.config.publicOrigin}/api/subscriptions/confirm?token=${token}&lang=${input.lang}`,
    await unsubscribeUrl(deps, id, input.lang),
  );

  await db.batch([
    db
      .insert(subscriptions)
      .values({
        id,
        email: input.email,
        locale: input.lang,
        status: 'pending',
        confirmTokenHash: tokenHash,
        confirmExpiresAt: new Date(now.getTime() + CONFIRM_TTL_MS),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: subscriptions.email,
        set: {
          confirmTokenHash: sql`CASE WHEN ${mayRenew} THEN excluded.confirm_token_hash ELSE ${subscriptions.confirmTokenHash} END`,
          confirmExpiresAt: sql`CASE WHEN ${mayRenew} THEN excluded.confirm_expires_at ELSE ${subscriptions.confirmExpiresAt} END`,
          locale: sql`CASE WHEN ${mayRenew} THEN excluded.locale ELSE ${subscriptions.locale} END`,
          updatedAt: sql`CASE WHEN ${mayRenew} THEN excluded.updated_at ELSE ${subscriptions.updatedAt} END`,
        },
      }),
    // The mail is queued only if this request's token is the one now stored.
    enqueueMailIf(
      db,
      mail,
      subscriptions,
      and(eq(subscriptions.id, id), eq(subscriptions.confirmTokenHash, tokenHash))!,
      now,
    ),
  ]);
}

/** Activates the subscription a confirmation token belongs to; null when the link is unknown, used or expired. */
export async function confirm(deps: ServiceDeps, token: string): Promise<{ locale: Locale } | null> {
  const now = deps.clock();
  const hash = await sha256Hex(token);
  // The token's hash stays with the confirmed subscription, so a second click (a double submit, a
  // mail scanner's twin) is told "confirmed" again rather than "this link does not work".
  const row = await deps.db
    .update(subscriptions)
    .set({ status: 'active', confirmExpiresAt: null, confirmedAt: now, updatedAt: now })
    .where(
      and(
        eq(subscriptions.confirmTokenHash, hash),
        gt(subscriptions.confirmExpiresAt, now),
        eq(subscriptions.status, 'pending'),
      ),
    )
    .returning({ locale: subscriptions.locale })
    .get();
  const done =
    row ??
    (await deps.db
      .select({ locale: subscriptions.locale })
      .from(subscriptions)
      .where(and(eq(subscriptions.confirmTokenHash, hash), eq(subscriptions.status, 'active')))
      .get());
  return done && isLocale(done.locale) ? { locale: done.locale } : null;
}

/**
 * Deletes the subscription a signed unsubscribe link names. A valid link always succeeds, even
 * when the row is already gone, so a second click shows the same page; a forged one does not.
 */
export async function unsubscribe(
  deps: ServiceDeps,
  id: string,
  sig: string,
): Promise<{ ok: boolean; locale?: Locale }> {
  if (!(await verifyCapability(deps.config.tokenSecret, UNSUBSCRIBE, id, sig))) return { ok: false };
  const row = await deps.db
    .delete(subscriptions)
    .where(eq(subscriptions.id, id))
    .returning({ locale: subscriptions.locale })
    .get();
  return { ok: true, locale: row && isLocale(row.locale) ? row.locale : undefined };
}

/** Deletes pending sign-ups whose link has expired (run by the scheduled handler). */
export async function purgeExpiredPending(deps: ServiceDeps): Promise<number> {
  const result = await deps.db
    .delete(subscriptions)
    .where(and(eq(subscriptions.status, 'pending'), lt(subscriptions.confirmExpiresAt, deps.clock())))
    .returning({ id: subscriptions.id });
  return result.length;
}
