import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { isLocale, type Locale } from '../../core/locales.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import type { Db } from '../db/client.ts';
import {
  activeHouseholdStatuses,
  auditLog,
  type HouseholdRole,
  lunchDays,
  lunchHouseholds,
  lunchPairs,
  outbox,
} from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { mailIf } from './household-mail.ts';
import { capabilityUrl, type Purpose, verifyLink, purposes } from './links.ts';
import type { ChangeInput } from './lunches.schemas.ts';
import { cancelledMail, changedMail } from './mails.ts';
import { householdValues, offerNext } from './signups.service.ts';

// Self-service by the household's own signed link (S12, S19): see, change, cancel, export and erase its sign-up.
type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

const lunchMails = sql`${outbox.kind} LIKE 'lunch.%'`;

function householdWithDay(db: Db, id: string) {
  return db
    .select({ household: lunchHouseholds, day: lunchDays })
    .from(lunchHouseholds)
    .innerJoin(lunchDays, eq(lunchDays.id, lunchHouseholds.dayId))
    .where(eq(lunchHouseholds.id, id))
    .get();
}

/**
 * Whether a mailed link (`purpose`: confirm, can't come) belongs to a sign-up that was cancelled,
 * read only (its `GET` page must change nothing): a cancelled sign-up's link page says so instead
 * of offering a button that cannot work. False for a forged link, a household that is gone, or any other state.
 */
export async function linkedSignUpCancelled(
  deps: Pick<Deps, 'db' | 'config'>,
  purpose: Purpose,
  id: string,
  sig: string,
): Promise<boolean> {
  if (!(await verifyLink(deps, purpose, id, sig))) return false;
  const row = await deps.db
    .select({ status: lunchHouseholds.status })
    .from(lunchHouseholds)
    .where(eq(lunchHouseholds.id, id))
    .get();
  return row?.status === 'cancelled';
}

/**
 * Whether a mailed wait-list offer's "accept" link (its `token`) belongs to a sign-up that was
 * cancelled, read only like {@link linkedSignUpCancelled} (the link's `GET` page must change
 * nothing): its page then says so instead of an accept button that would be refused. False for an
 * unknown token or any other state (an open offer, a lapsed one, an accepted one).
 */
export async function offeredSignUpCancelled(deps: Pick<Deps, 'db'>, token: string): Promise<boolean> {
  const row = await deps.db
    .select({ status: lunchHouseholds.status })
    .from(lunchHouseholds)
    .where(eq(lunchHouseholds.offerTokenHash, await sha256Hex(token)))
    .get();
  return row?.status === 'cancelled';
}

/**
 * The household fields its own page (src/pages/[lang]/lunches/manage.astro) shows and prefills:
 * nothing internal (the mail nonce, the wait-list position, who signed it up on its behalf, the
 * offer token's hash, timestamps) leaves through the link.
 */
export const ownHouseholdFields = [
  'role',
  'status',
  'contactName',
  'email',
  'phone',
  'messenger',
  'languages',
  'town',
  'maxTravelKm',
  'adults',
  'children',
  'diets',
  'allergies',
  'canCookFor',
  'seats',
  'accessibility',
  'hasPets',
  'avoidPets',
  'consentPhotos',
] as const;

/** The stored row behind a household's link, with its day. Null for a forged link or a household that is gone. */
async function linkedHousehold(deps: ServiceDeps, id: string, sig: string) {
  if (!(await verifyLink(deps, purposes.manage, id, sig))) return null;
  const row = await householdWithDay(deps.db, id);
  if (!row) return null;
  const h = row.household;
  return {
    household: h,
    /** Whether the household may still change its sign-up (until the sign-up deadline). */
    changeable:
      (activeHouseholdStatuses as readonly string[]).includes(h.status) && deps.clock() <= row.day.signupDeadline,
    day: {
      id: row.day.id,
      city: row.day.city,
      date: row.day.date,
      startTime: row.day.startTime,
      endTime: row.day.endTime,
      format: row.day.format,
      venue: row.day.venue,
    },
  };
}

/**
 * What the household's own link shows: its sign-up ({@link ownHouseholdFields} only), whether it
 * may still change it, and the day. Null for a forged link or a household that is gone.
 */
export async function viewHousehold(deps: ServiceDeps, id: string, sig: string) {
  const found = await linkedHousehold(deps, id, sig);
  if (!found) return null;
  const h = found.household;
  const household = Object.fromEntries(ownHouseholdFields.map((k) => [k, h[k]])) as Pick<
    typeof h,
    (typeof ownHouseholdFields)[number]
  >;
  return { ...found, household };
}

/**
 * Cancels a sign-up and, in the same batch, mails the household that it is cancelled (once: only
 * the statement that cancelled it) and offers the freed place to the wait-list. Used by the
 * manage page (`purposes.manage`) and by the reminder's one-click "we can't come" link
 * (`purposes.cantCome`); a second click changes nothing. Null for a forged link or a household that is gone.
 */
export async function cancelHousehold(
  deps: ServiceDeps,
  id: string,
  sig: string,
  purpose: typeof purposes.manage | typeof purposes.cantCome,
): Promise<{ locale: Locale } | null> {
  if (!(await verifyLink(deps, purpose, id, sig))) return null;
  const { db } = deps;
  const row = await householdWithDay(db, id);
  if (!row || !isLocale(row.household.locale)) return null;
  const now = deps.clock();
  const locale = row.household.locale;
  const nonce = crypto.randomUUID();
  await db.batch([
    db
      .update(lunchHouseholds)
      // The offer token's hash stays (it accepts nothing once cancelled: `acceptOffer` takes only an
      // `offered` sign-up), so the mailed "accept" link's page can still tell it was cancelled.
      .set({ status: 'cancelled', cancelledAt: now, offerExpiresAt: null, mailNonce: nonce })
      .where(and(eq(lunchHouseholds.id, id), inArray(lunchHouseholds.status, activeHouseholdStatuses))),
    mailIf(
      db,
      cancelledMail(locale, row.day, deps.config.publicOrigin, row.household.contactName),
      and(eq(lunchHouseholds.id, id), eq(lunchHouseholds.mailNonce, nonce))!,
      now,
    ),
    ...(await offerNext(deps, row.day, row.household.role, now)),
  ]);
  return { locale };
}

/**
 * The household changes its own sign-up by its link: one conditional UPDATE that holds only
 * while the sign-up is active and the day's deadline has not passed, and in the same batch the
 * mail that confirms the change (once, only if that UPDATE wrote). The role and the day stay
 * (cancel and sign up again for those); the mail language stays the one chosen at sign-up.
 * Null for a forged link or a household that is gone.
 * @throws AppError `lunch.changeClosed` (409) when the sign-up was cancelled or lapsed, or the deadline passed
 */
export async function changeHousehold(
  deps: ServiceDeps,
  id: string,
  sig: string,
  input: ChangeInput,
): Promise<{ locale: Locale } | null> {
  if (!(await verifyLink(deps, purposes.manage, id, sig))) return null;
  const { db } = deps;
  const before = await householdWithDay(db, id);
  if (!before || !isLocale(before.household.locale)) return null;
  const locale = before.household.locale;
  const now = deps.clock();
  const nonce = crypto.randomUUID();
  const { role: _role, locale: _locale, ...values } = householdValues({ ...input, role: before.household.role });
  const mail = changedMail(
    locale,
    before.day,
    await capabilityUrl(deps, purposes.manage, id, locale),
    input.contactName,
  );
  const [changed] = await db.batch([
    db
      .update(lunchHouseholds)
      .set({ ...values, mailNonce: nonce })
      .where(
        and(
          eq(lunchHouseholds.id, id),
          inArray(lunchHouseholds.status, activeHouseholdStatuses),
          sql`${now.getTime()} <= (SELECT d.signup_deadline FROM lunch_days d WHERE d.id = ${lunchHouseholds.dayId})`,
        ),
      )
      .returning({ id: lunchHouseholds.id }),
    mailIf(db, mail, and(eq(lunchHouseholds.id, id), eq(lunchHouseholds.mailNonce, nonce))!, now),
  ]);
  if (changed.length === 1) return { locale };
  throw new AppError('lunch.changeClosed', 409);
}

/** The role stored for a household, so a change is checked by the rules of its side. Null for a forged link. */
export async function storedRole(deps: ServiceDeps, id: string, sig: string): Promise<HouseholdRole | null> {
  if (!(await verifyLink(deps, purposes.manage, id, sig))) return null;
  const row = await deps.db
    .select({ role: lunchHouseholds.role })
    .from(lunchHouseholds)
    .where(eq(lunchHouseholds.id, id))
    .get();
  return row?.role ?? null;
}

/**
 * Every record the portal holds about the household (S19): what {@link viewHousehold} shows,
 * the lunch mails to its address and the audit entries about it. Null for a forged link.
 */
export async function exportHousehold(deps: ServiceDeps, id: string, sig: string) {
  // The export is every record held (S19), so it takes the whole row, less the secrets' traces.
  const found = await linkedHousehold(deps, id, sig);
  if (!found) return null;
  const view = { ...found, household: { ...found.household, offerTokenHash: undefined, mailNonce: undefined } };
  const { db } = deps;
  const [mails, entries] = await Promise.all([
    view.household.email
      ? db
          .select({
            subject: outbox.subject,
            bodyText: outbox.bodyText,
            createdAt: outbox.createdAt,
            sentAt: outbox.sentAt,
          })
          .from(outbox)
          .where(and(eq(outbox.recipient, view.household.email), lunchMails))
      : Promise.resolve([]),
    db
      .select({ at: auditLog.at, action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.objectId, id)),
  ]);
  return { ...view, mails, auditEntries: entries };
}

/**
 * Erases the household (S19): its row, the lunch mails to its address, and the audit entries
 * about it; a place it held goes to the wait-list. One batch. Null for a forged link.
 */
export async function eraseHousehold(deps: ServiceDeps, id: string, sig: string): Promise<{ locale: Locale } | null> {
  if (!(await verifyLink(deps, purposes.manage, id, sig))) return null;
  const { db } = deps;
  const row = await householdWithDay(db, id);
  if (!row || !isLocale(row.household.locale)) return null;
  const now = deps.clock();
  await db.batch([
    db.delete(auditLog).where(eq(auditLog.objectId, id)),
    ...(row.household.email
      ? [db.delete(outbox).where(and(eq(outbox.recipient, row.household.email), lunchMails))]
      : []),
    db.delete(lunchPairs).where(or(eq(lunchPairs.hostId, id), eq(lunchPairs.guestId, id))),
    db.delete(lunchHouseholds).where(eq(lunchHouseholds.id, id)),
    ...(await offerNext(deps, row.day, row.household.role, now)),
  ]);
  return { locale: row.household.locale };
}
