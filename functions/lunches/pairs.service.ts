import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Locale } from '../../core/locales.ts';
import { languageName } from '../../core/language-name.ts';
import { useTranslations } from '../../core/t.ts';
import { audit } from '../accounts/audit.ts';
import type { Actor } from '../accounts/permissions.ts';
import { signCapability, verifyCapability } from '../crypto/tokens.ts';
import { lunchDays, lunchHouseholds, lunchPairs } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { localeOf as householdLocale, mailIf } from './household-mail.ts';
import { contactsMail, pairMail } from './mails.ts';
import { brokenRules } from './matching.ts';
import { matchOptions, toMatch } from './matching-rows.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;
type Household = typeof lunchHouseholds.$inferSelect;
const PAIR_CONFIRM = 'lunch.pairConfirm';
const sides = ['host', 'guest'] as const;
type Side = (typeof sides)[number];
const localeOf = (h: Household): Locale => householdLocale(h.locale);

/** A side's confirmation link; its page (and link-invalid answer) in the family's `locale`. */
const confirmUrl = async (deps: ServiceDeps, pairId: string, side: Side, locale: Locale) =>
  `${deps.config.publicOrigin}/api/lunches/pairs/confirm?id=${pairId}&side=${side}&sig=${await signCapability(deps.config.tokenSecret, PAIR_CONFIRM, `${pairId}:${side}`)}&lang=${locale}`;

/**
 * What one family learns about the other before both confirm, said of them in the third person
 * ("Languages they speak", "Their town"): no name, no contact, no address.
 */
export function partnerFacts(locale: Locale, partner: Household, forSide: Side): string {
  const t = useTranslations(locale);
  const languages = partner.languages.map((l) => languageName(locale, l)).join(', ');
  const children = Object.entries(partner.children)
    .filter(([, n]) => n > 0)
    .map(([band, n]) => `${t('lunches.partner.childBand', { band })}: ${n}`);
  const lines = [
    `${t('lunches.partner.languages')}: ${languages}`,
    `${t('lunches.partner.town')}: ${partner.town}`,
    `${t('lunches.partner.adults')}: ${partner.adults}`,
    ...children,
  ];
  // The host cooks, so the host learns the guests' dietary needs (what the guests consented to share for the lunch).
  if (forSide === 'host') {
    const diets = partner.diets.map((d) => t(`lunches.diet.${d}`));
    if (diets.length || partner.allergies)
      lines.push(`${t('lunches.partner.diet')}: ${[...diets, partner.allergies].filter(Boolean).join(', ')}`);
  }
  if (partner.accessibility) lines.push(`${t('lunches.partner.accessibility')}: ${partner.accessibility}`);
  if (partner.hasPets) lines.push(t('lunches.partner.hasPets'));
  if (partner.avoidPets) lines.push(t('lunches.partner.avoidPets'));
  return lines.join('\n');
}

/**
 * A coordinator approves a pair (the matcher's proposal or their own edit). The pair must keep
 * every hard rule; each family gets a mail with what it needs to know and a link to confirm.
 * Returns the pair's id.
 * @throws AppError `lunch.dayNotFound` (404) when there is no such day
 * @throws AppError `lunch.pairInvalid` (422) unless a confirmed host and a confirmed guest of the day are named
 * @throws AppError `lunch.pairBreaksRules` (422) when the pair breaks a hard rule of the matcher
 * @throws AppError `lunch.pairTaken` (409) when either household is already in a pair
 */
export async function approvePair(
  deps: ServiceDeps,
  actor: Actor,
  dayId: string,
  hostId: string,
  guestId: string,
): Promise<string> {
  const { db } = deps;
  const day = await db.select().from(lunchDays).where(eq(lunchDays.id, dayId)).get();
  if (!day) throw new AppError('lunch.dayNotFound', 404);
  const rows = await db
    .select()
    .from(lunchHouseholds)
    .where(
      and(
        eq(lunchHouseholds.dayId, dayId),
        eq(lunchHouseholds.status, 'confirmed'),
        inArray(lunchHouseholds.id, [hostId, guestId]),
      ),
    );
  const host = rows.find((r) => r.id === hostId && r.role === 'host');
  const guest = rows.find((r) => r.id === guestId && r.role === 'guest');
  const [hostMatch, guestMatch] = [host && toMatch(host), guest && toMatch(guest)];
  if (!host || !guest || !hostMatch || !guestMatch) throw new AppError('lunch.pairInvalid', 422);
  if (brokenRules(hostMatch, guestMatch, matchOptions(day)).length > 0)
    throw new AppError('lunch.pairBreaksRules', 422);
  const taken = await db
    .select({ id: lunchPairs.id })
    .from(lunchPairs)
    .where(or(eq(lunchPairs.hostId, hostId), eq(lunchPairs.guestId, guestId)))
    .get();
  if (taken) throw new AppError('lunch.pairTaken', 409);

  const now = deps.clock();
  const id = crypto.randomUUID();
  const mails = [];
  for (const [side, self, partner] of [
    ['host', host, guest],
    ['guest', guest, host],
  ] as const) {
    if (!self.email) continue;
    const locale = localeOf(self);
    mails.push(
      enqueueMail(
        db,
        {
          recipient: self.email,
          ...pairMail(
            locale,
            day,
            partnerFacts(locale, partner, side),
            await confirmUrl(deps, id, side, locale),
            self.contactName,
          ),
          headers: { 'Content-Language': locale },
        },
        now,
      ),
    );
  }
  await db.batch([
    db.insert(lunchPairs).values({ id, dayId, hostId, guestId, approvedBy: actor.userId, approvedAt: now }),
    audit(
      db,
      {
        actorId: actor.userId,
        action: 'lunch.pair.approved',
        objectType: 'lunch_pair',
        objectId: id,
        details: { dayId },
      },
      now,
    ),
    ...mails,
  ]);
  return id;
}

/**
 * A family confirms its pair by its link. When the second family confirms, the same batch
 * marks the contacts shared and mails each family the other's contact — exactly once.
 * Null for a forged link, an unknown side or a pair that is gone.
 */
export async function confirmPair(
  deps: ServiceDeps,
  pairId: string,
  side: string,
  sig: string,
): Promise<{ locale: Locale } | null> {
  if (side !== 'host' && side !== 'guest') return null;
  if (!(await verifyCapability(deps.config.tokenSecret, PAIR_CONFIRM, `${pairId}:${side}`, sig))) return null;
  const { db } = deps;
  const pair = await db.select().from(lunchPairs).where(eq(lunchPairs.id, pairId)).get();
  if (!pair) return null;
  const day = await db.select().from(lunchDays).where(eq(lunchDays.id, pair.dayId)).get();
  const households = await db
    .select()
    .from(lunchHouseholds)
    .where(inArray(lunchHouseholds.id, [pair.hostId, pair.guestId]));
  const host = households.find((h) => h.id === pair.hostId);
  const guest = households.find((h) => h.id === pair.guestId);
  if (!day || !host || !guest) return null;
  const now = deps.clock();
  const column = side === 'host' ? lunchPairs.hostConfirmedAt : lunchPairs.guestConfirmedAt;
  // Only the confirmation that completes the pair writes this nonce, so the contacts go out once.
  const nonce = crypto.randomUUID();
  const shared = sql`EXISTS (SELECT 1 FROM lunch_pairs p WHERE p.id = ${pairId} AND p.share_nonce = ${nonce})`;
  await db.batch([
    db
      .update(lunchPairs)
      .set(side === 'host' ? { hostConfirmedAt: now } : { guestConfirmedAt: now })
      .where(and(eq(lunchPairs.id, pairId), isNull(column))),
    db
      .update(lunchPairs)
      .set({ contactsSharedAt: now, shareNonce: nonce })
      .where(
        and(
          eq(lunchPairs.id, pairId),
          isNotNull(lunchPairs.hostConfirmedAt),
          isNotNull(lunchPairs.guestConfirmedAt),
          isNull(lunchPairs.contactsSharedAt),
        ),
      ),
    mailIf(
      db,
      contactsMail(localeOf(host), day, guest, host.contactName),
      and(eq(lunchHouseholds.id, host.id), shared)!,
      now,
    ),
    mailIf(
      db,
      contactsMail(localeOf(guest), day, host, guest.contactName),
      and(eq(lunchHouseholds.id, guest.id), shared)!,
      now,
    ),
  ]);
  return { locale: localeOf(side === 'host' ? host : guest) };
}

/** The approved pairs of a day, with how far the families' confirmations are (null: not yet). */
export function pairsOfDay(deps: Pick<Deps, 'db'>, dayId: string) {
  return deps.db.select().from(lunchPairs).where(eq(lunchPairs.dayId, dayId));
}
