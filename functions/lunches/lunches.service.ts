import { and, asc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { isLocale, type Locale } from '../../core/locales.ts';
import { audit } from '../accounts/audit.ts';
import type { Actor } from '../accounts/permissions.ts';
import { randomToken, sha256Hex, signCapability, verifyCapability } from '../crypto/tokens.ts';
import type { Db } from '../db/client.ts';
import {
  auditLog,
  lunchDays,
  lunchHouseholds,
  lunchIdempotency,
  lunchPairs,
  lunchSurveyAnswers,
  outbox,
  placeHoldingStatuses,
  type HouseholdRole,
} from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import type { ChangeInput, LunchDayInput, OnBehalfInput, SignUpInput, SurveyInput } from './lunches.schemas.ts';
import { confirmMail, offerMails, onBehalfMail, reminderMail, surveyMail, type DayFacts } from './mails.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** How long a wait-list offer stays open. */
export const OFFER_TTL_MS = 48 * 60 * 60_000;
/** Reminders go out this long before the lunch day. */
export const REMINDER_BEFORE_MS = 3 * 24 * 60 * 60_000;
/** How long an `Idempotency-Key` answer is kept. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

/** Purposes of the capability links (S12): each signature is good for its purpose only. */
export const purposes = {
  confirm: 'lunch.confirm',
  manage: 'lunch.manage',
  cantCome: 'lunch.cantCome',
  survey: 'lunch-survey',
} as const;
export type Purpose = (typeof purposes)[keyof typeof purposes];

const DAY_MS = 24 * 60 * 60_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** A deadline date covers the whole day (UTC). */
const endOfDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - 1);
const holding = sql.raw(`(${placeHoldingStatuses.map((s) => `'${s}'`).join(', ')})`);

/** The household's own page, as a path on this site (redirects stay on the host the visitor used). */
export const managePath = async (deps: ServiceDeps, id: string, locale: Locale): Promise<string> =>
  `/${locale}/lunches/manage/?id=${id}&sig=${await signCapability(deps.config.tokenSecret, purposes.manage, id)}`;

/** A signed link for a mail, bound to one purpose and one household. */
export async function capabilityUrl(deps: ServiceDeps, purpose: Purpose, id: string, locale: Locale): Promise<string> {
  const base = deps.config.publicOrigin;
  if (purpose === purposes.manage) return `${base}${await managePath(deps, id, locale)}`;
  if (purpose === purposes.survey)
    return `${base}/${locale}/lunches/survey/?id=${id}&sig=${await signCapability(deps.config.tokenSecret, purpose, id)}`;
  const sig = await signCapability(deps.config.tokenSecret, purpose, id);
  return `${base}/api/lunches/${purpose === purposes.confirm ? 'confirm' : 'cant-come'}?id=${id}&sig=${sig}`;
}

export const verifyLink = (deps: ServiceDeps, purpose: Purpose, id: string, sig: string) =>
  verifyCapability(deps.config.tokenSecret, purpose, id, sig);

// ── lunch days ────────────────────────────────────────────────────────────────

/** Creates a lunch day, recorded in the audit log in the same batch. */
export async function createDay(deps: ServiceDeps, actor: Actor, input: LunchDayInput): Promise<string> {
  const { db } = deps;
  const now = deps.clock();
  const id = crypto.randomUUID();
  await db.batch([
    db.insert(lunchDays).values({
      id,
      city: input.city,
      date: input.date,
      format: input.format,
      venue: input.venue,
      hostPlaces: input.hostPlaces,
      guestPlaces: input.guestPlaces,
      languages: JSON.stringify(input.languages),
      signupDeadline: endOfDay(input.signupDeadline),
      retentionDays: input.retentionDays,
      createdBy: actor.userId,
      createdAt: now,
    }),
    audit(db, { actorId: actor.userId, action: 'lunch.day.created', objectType: 'lunch_day', objectId: id }, now),
  ]);
  return id;
}

const taken = (role: HouseholdRole) =>
  sql<number>`(SELECT count(*) FROM lunch_households h WHERE h.day_id = lunch_days.id AND h.role = ${role} AND h.status IN ${holding})`;
const waiting = sql<number>`(SELECT count(*) FROM lunch_households h WHERE h.day_id = lunch_days.id AND h.status = 'waitlisted')`;

/** Lunch days with their places left; `upcoming` keeps those from today on. */
export async function listDays(deps: ServiceDeps, { upcoming }: { upcoming: boolean }) {
  const rows = await deps.db
    .select({ day: lunchDays, hostsTaken: taken('host'), guestsTaken: taken('guest'), waitlisted: waiting })
    .from(lunchDays)
    .where(upcoming ? gte(lunchDays.date, isoDay(deps.clock())) : undefined)
    .orderBy(asc(lunchDays.date), asc(lunchDays.city));
  const now = deps.clock();
  return rows.map(({ day, hostsTaken, guestsTaken, waitlisted }) => ({
    id: day.id,
    city: day.city,
    date: day.date,
    format: day.format,
    venue: day.venue,
    languages: JSON.parse(day.languages) as string[],
    signupDeadline: day.signupDeadline.toISOString(),
    open: now <= day.signupDeadline,
    retentionDays: day.retentionDays,
    hostPlaces: day.hostPlaces,
    guestPlaces: day.guestPlaces,
    hostPlacesLeft: Math.max(0, day.hostPlaces - hostsTaken),
    guestPlacesLeft: Math.max(0, day.guestPlaces - guestsTaken),
    waitlisted,
  }));
}
export type LunchDayView = Awaited<ReturnType<typeof listDays>>[number];

async function openDay(deps: ServiceDeps, dayId: string) {
  const day = await deps.db.select().from(lunchDays).where(eq(lunchDays.id, dayId)).get();
  if (!day || day.purgedAt) throw new AppError('lunch.dayNotFound', 404);
  if (deps.clock() > day.signupDeadline) throw new AppError('lunch.signupClosed', 409);
  return day;
}

// ── places ────────────────────────────────────────────────────────────────────

/**
 * The one statement that gives a household its place (S15): confirmed while the role's places
 * held are below capacity, else wait-listed, and in either case the next arrival number. SQLite
 * runs a statement alone, so concurrent calls on D1 and libSQL can never overfill the day.
 */
const allocate = (db: Db, id: string, now: Date) =>
  db
    .update(lunchHouseholds)
    .set({
      status: sql`CASE WHEN
        (SELECT count(*) FROM lunch_households h WHERE h.day_id = lunch_households.day_id AND h.role = lunch_households.role AND h.status IN ${holding})
        < (SELECT CASE lunch_households.role WHEN 'host' THEN d.host_places ELSE d.guest_places END FROM lunch_days d WHERE d.id = lunch_households.day_id)
        THEN 'confirmed' ELSE 'waitlisted' END`,
      queueSeq: sql`(SELECT coalesce(max(h.queue_seq), 0) + 1 FROM lunch_households h WHERE h.day_id = lunch_households.day_id)`,
      confirmedAt: now,
    })
    .where(and(eq(lunchHouseholds.id, id), eq(lunchHouseholds.status, 'pending')))
    .returning({ status: lunchHouseholds.status, queueSeq: lunchHouseholds.queueSeq });

/**
 * A mail queued only if `where` finds the household row: the conditional half of a batch.
 * Query builders only, as D1's batch takes no raw statements.
 */
export function mailIf(
  db: Db,
  mail: { subject: SQL | string; bodyText: SQL | string; kind: string },
  where: SQL,
  now: Date,
) {
  return db.insert(outbox).select(
    db
      .select({
        id: sql<string>`${crypto.randomUUID()}`.as('id'),
        recipient: sql<string>`${lunchHouseholds.email}`.as('recipient'),
        subject: sql<string>`${mail.subject}`.as('subject'),
        bodyText: sql<string>`${mail.bodyText}`.as('body_text'),
        headers: sql<string>`'{}'`.as('headers'),
        kind: sql<string>`${mail.kind}`.as('kind'),
        createdAt: sql<Date>`${now.getTime()}`.as('created_at'),
        claimedUntil: sql<null>`NULL`.as('claimed_until'),
        nextAttemptAt: sql<Date>`${now.getTime()}`.as('next_attempt_at'),
        attempts: sql<number>`0`.as('attempts'),
        lastError: sql<null>`NULL`.as('last_error'),
        sentAt: sql<null>`NULL`.as('sent_at'),
      })
      .from(lunchHouseholds)
      .where(and(sql`${lunchHouseholds.email} <> ''`, where)),
  );
}

/**
 * Offers a freed place to the first wait-listed household of that role, if a place is free,
 * with its mail, as statements for the caller's batch. The token is new per call, so the mail
 * goes only to the household this very statement picked.
 */
async function offerNext(deps: ServiceDeps, day: DayFacts & { id: string }, role: HouseholdRole, now: Date) {
  const { db } = deps;
  const token = randomToken();
  const hash = await sha256Hex(token);
  const texts = offerMails(
    day,
    `${deps.config.publicOrigin}/api/lunches/accept?token=${token}`,
    OFFER_TTL_MS / 3_600_000,
  );
  const byLocale = (field: 'subject' | 'bodyText') =>
    sql`CASE ${lunchHouseholds.locale} WHEN 'en' THEN ${texts.en[field]} WHEN 'uk' THEN ${texts.uk[field]} ELSE ${texts.sk[field]} END`;
  return [
    db
      .update(lunchHouseholds)
      .set({ status: 'offered', offerTokenHash: hash, offerExpiresAt: new Date(now.getTime() + OFFER_TTL_MS) })
      .where(
        and(
          sql`id = (SELECT h.id FROM lunch_households h WHERE h.day_id = ${day.id} AND h.role = ${role} AND h.status = 'waitlisted' ORDER BY h.queue_seq LIMIT 1)`,
          sql`(SELECT count(*) FROM lunch_households h WHERE h.day_id = ${day.id} AND h.role = ${role} AND h.status IN ${holding})
            < (SELECT CASE ${role} WHEN 'host' THEN d.host_places ELSE d.guest_places END FROM lunch_days d WHERE d.id = ${day.id})`,
        ),
      ),
    mailIf(
      db,
      { subject: byLocale('subject'), bodyText: byLocale('bodyText'), kind: 'lunch.offer' },
      eq(lunchHouseholds.offerTokenHash, hash),
      now,
    ),
  ];
}

// ── sign-ups ──────────────────────────────────────────────────────────────────

const householdValues = (input: SignUpInput | OnBehalfInput | ChangeInput) => ({
  role: input.role,
  email: input.email,
  phone: input.phone,
  messenger: input.phone ? input.messenger : '',
  locale: input.lang,
  languages: JSON.stringify(input.languages),
  town: input.town,
  maxTravelKm: input.maxTravelKm,
  adults: input.adults,
  children: JSON.stringify(input.children),
  diets: JSON.stringify(input.role === 'guest' ? input.diets : []),
  allergies: input.allergies,
  canCookFor: JSON.stringify(input.role === 'host' ? input.canCookFor : []),
  seats: input.role === 'host' ? input.seats : 0,
  accessibility: input.accessibility,
  hasPets: input.hasPets,
  avoidPets: input.avoidPets,
  consentPhotos: input.consentPhotos,
});

/** The stored answer to an `Idempotency-Key`, if the key was used before. */
export const findIdempotent = (db: Db, key: string) =>
  db.select().from(lunchIdempotency).where(eq(lunchIdempotency.key, key)).get();

/**
 * A public sign-up: the household as `pending` (it holds no place until its address is
 * confirmed), the confirmation mail, and the idempotency record — one batch, so a failure
 * anywhere leaves nothing behind (S17) and a retry may simply run again.
 */
export async function signUp(
  deps: ServiceDeps,
  dayId: string,
  input: SignUpInput,
  idempotency?: { key: string; requestHash: string },
) {
  const { db } = deps;
  const day = await openDay(deps, dayId);
  const now = deps.clock();
  const id = crypto.randomUUID();
  const answer = { status: 202, body: { id, status: 'pending' as const } };
  const mail = confirmMail(
    input.lang,
    day,
    await capabilityUrl(deps, purposes.confirm, id, input.lang),
    await capabilityUrl(deps, purposes.manage, id, input.lang),
  );
  await db.batch([
    db
      .insert(lunchHouseholds)
      .values({ id, dayId, status: 'pending', ...householdValues(input), consentedAt: now, createdAt: now }),
    enqueueMail(db, { recipient: input.email, ...mail, headers: { 'Content-Language': input.lang } }, now),
    ...(idempotency
      ? [
          db.insert(lunchIdempotency).values({
            key: idempotency.key,
            requestHash: idempotency.requestHash,
            status: answer.status,
            body: JSON.stringify(answer.body),
            createdAt: now,
          }),
        ]
      : []),
  ]);
  return answer;
}

/**
 * Follows a confirmation link: the household gets a place or joins the wait-list. A second
 * click answers with the state it is in. Null when the link is forged or the household gone.
 */
export async function confirmSignUp(
  deps: ServiceDeps,
  id: string,
  sig: string,
): Promise<{ id: string; locale: Locale; status: string } | null> {
  if (!(await verifyLink(deps, purposes.confirm, id, sig))) return null;
  await allocate(deps.db, id, deps.clock());
  const row = await deps.db
    .select({ status: lunchHouseholds.status, locale: lunchHouseholds.locale })
    .from(lunchHouseholds)
    .where(eq(lunchHouseholds.id, id))
    .get();
  return row && isLocale(row.locale) ? { id, locale: row.locale, status: row.status } : null;
}

/**
 * A caseworker signs a family up on its behalf, having recorded its consent: no e-mail round
 * trip, the place decided at once, the audit entry naming the caseworker (ids only, no
 * special-category data), all in one batch.
 */
export async function signUpOnBehalf(deps: ServiceDeps, actor: Actor, dayId: string, input: OnBehalfInput) {
  const { db } = deps;
  const day = await openDay(deps, dayId);
  const now = deps.clock();
  const id = crypto.randomUUID();
  const mail = input.email
    ? onBehalfMail(input.lang, day, await capabilityUrl(deps, purposes.manage, id, input.lang))
    : null;
  const results = await db.batch([
    db.insert(lunchHouseholds).values({
      id,
      dayId,
      status: 'pending',
      ...householdValues(input),
      consentedAt: now,
      onBehalfBy: actor.userId,
      createdAt: now,
    }),
    allocate(db, id, now),
    audit(
      db,
      {
        actorId: actor.userId,
        action: 'lunch.signup.onBehalf',
        objectType: 'lunch_household',
        objectId: id,
        details: { dayId, role: input.role },
      },
      now,
    ),
    ...(mail
      ? [enqueueMail(db, { recipient: input.email, ...mail, headers: { 'Content-Language': input.lang } }, now)]
      : []),
  ]);
  const placed = results[1][0];
  return { id, status: placed?.status ?? 'pending' };
}

/** Accepts a wait-list offer by its mailed token, while it is open. */
export async function acceptOffer(deps: ServiceDeps, token: string): Promise<{ id: string; locale: Locale } | null> {
  const now = deps.clock();
  const row = await deps.db
    .update(lunchHouseholds)
    .set({ status: 'confirmed', offerTokenHash: null, offerExpiresAt: null, confirmedAt: now })
    .where(
      and(
        eq(lunchHouseholds.offerTokenHash, await sha256Hex(token)),
        eq(lunchHouseholds.status, 'offered'),
        sql`${lunchHouseholds.offerExpiresAt} > ${now.getTime()}`,
      ),
    )
    .returning({ id: lunchHouseholds.id, locale: lunchHouseholds.locale })
    .get();
  return row && isLocale(row.locale) ? { id: row.id, locale: row.locale } : null;
}

// ── self-service by link ──────────────────────────────────────────────────────

async function householdWithDay(db: Db, id: string) {
  return db
    .select({ household: lunchHouseholds, day: lunchDays })
    .from(lunchHouseholds)
    .innerJoin(lunchDays, eq(lunchDays.id, lunchHouseholds.dayId))
    .where(eq(lunchHouseholds.id, id))
    .get();
}

/** What the household's own link shows: its sign-up and the day. Null for a forged link. */
export async function viewHousehold(deps: ServiceDeps, id: string, sig: string) {
  if (!(await verifyLink(deps, purposes.manage, id, sig))) return null;
  const row = await householdWithDay(deps.db, id);
  if (!row) return null;
  const h = row.household;
  return {
    household: {
      ...h,
      languages: JSON.parse(h.languages) as string[],
      children: JSON.parse(h.children) as Record<string, number>,
      diets: JSON.parse(h.diets) as string[],
      canCookFor: JSON.parse(h.canCookFor) as string[],
      offerTokenHash: undefined,
    },
    /** Whether the household may still change its sign-up (until the sign-up deadline). */
    changeable:
      ['pending', 'confirmed', 'waitlisted', 'offered'].includes(h.status) && deps.clock() <= row.day.signupDeadline,
    day: { id: row.day.id, city: row.day.city, date: row.day.date, format: row.day.format, venue: row.day.venue },
  };
}

/**
 * Cancels a sign-up and, in the same batch, offers the freed place to the wait-list. Used by the
 * manage page and by the reminder's one-click "we can't come" link.
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
  await db.batch([
    db
      .update(lunchHouseholds)
      .set({ status: 'cancelled', cancelledAt: now, offerTokenHash: null, offerExpiresAt: null })
      .where(
        and(
          eq(lunchHouseholds.id, id),
          inArray(lunchHouseholds.status, ['pending', 'confirmed', 'waitlisted', 'offered']),
        ),
      ),
    ...(await offerNext(deps, row.day, row.household.role, now)),
  ]);
  return { locale: row.household.locale };
}

/**
 * The household changes its own sign-up by its link: one conditional UPDATE that holds only
 * while the sign-up is active and the day's deadline has not passed. The role and the day stay
 * (cancel and sign up again for those); the mail language stays the one chosen at sign-up.
 * Null for a forged link or a household that is gone.
 */
export async function changeHousehold(
  deps: ServiceDeps,
  id: string,
  sig: string,
  input: ChangeInput,
): Promise<{ locale: Locale } | null> {
  if (!(await verifyLink(deps, purposes.manage, id, sig))) return null;
  const now = deps.clock();
  const { role: _role, locale: _locale, ...values } = householdValues(input);
  const row = await deps.db
    .update(lunchHouseholds)
    .set(values)
    .where(
      and(
        eq(lunchHouseholds.id, id),
        inArray(lunchHouseholds.status, ['pending', 'confirmed', 'waitlisted', 'offered']),
        sql`${now.getTime()} <= (SELECT d.signup_deadline FROM lunch_days d WHERE d.id = ${lunchHouseholds.dayId})`,
      ),
    )
    .returning({ locale: lunchHouseholds.locale })
    .get();
  if (row && isLocale(row.locale)) return { locale: row.locale };
  const exists = await deps.db
    .select({ id: lunchHouseholds.id })
    .from(lunchHouseholds)
    .where(eq(lunchHouseholds.id, id))
    .get();
  if (!exists) return null;
  throw new AppError('lunch.changeClosed', 409);
}

/** The role stored for a household, so a change is checked by the rules of its side. */
export async function storedRole(deps: ServiceDeps, id: string, sig: string): Promise<HouseholdRole | null> {
  if (!(await verifyLink(deps, purposes.manage, id, sig))) return null;
  const row = await deps.db
    .select({ role: lunchHouseholds.role })
    .from(lunchHouseholds)
    .where(eq(lunchHouseholds.id, id))
    .get();
  return row?.role ?? null;
}

/** Every record the portal holds about the household (S19): sign-up, its mails, its audit entries. */
export async function exportHousehold(deps: ServiceDeps, id: string, sig: string) {
  const view = await viewHousehold(deps, id, sig);
  if (!view) return null;
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
          .where(and(eq(outbox.recipient, view.household.email), sql`${outbox.kind} LIKE 'lunch.%'`))
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
 * about it; a place it held goes to the wait-list. One batch.
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
      ? [db.delete(outbox).where(and(eq(outbox.recipient, row.household.email), sql`${outbox.kind} LIKE 'lunch.%'`))]
      : []),
    db.delete(lunchPairs).where(or(eq(lunchPairs.hostId, id), eq(lunchPairs.guestId, id))),
    db.delete(lunchHouseholds).where(eq(lunchHouseholds.id, id)),
    ...(await offerNext(deps, row.day, row.household.role, now)),
  ]);
  return { locale: row.household.locale };
}

// ── scheduled work ────────────────────────────────────────────────────────────

/** Offers that were not accepted in time lapse, and the place moves on to the next household. */
export async function expireOffers(deps: ServiceDeps): Promise<number> {
  const { db } = deps;
  const now = deps.clock();
  const lapsed = await db
    .select({ id: lunchHouseholds.id, role: lunchHouseholds.role, day: lunchDays })
    .from(lunchHouseholds)
    .innerJoin(lunchDays, eq(lunchDays.id, lunchHouseholds.dayId))
    .where(and(eq(lunchHouseholds.status, 'offered'), lte(lunchHouseholds.offerExpiresAt, now)));
  for (const row of lapsed) {
    await db.batch([
      db
        .update(lunchHouseholds)
        .set({ status: 'expired', offerTokenHash: null })
        .where(
          and(
            eq(lunchHouseholds.id, row.id),
            eq(lunchHouseholds.status, 'offered'),
            lte(lunchHouseholds.offerExpiresAt, now),
          ),
        ),
      ...(await offerNext(deps, row.day, row.role, now)),
    ]);
  }
  return lapsed.length;
}

/**
 * Mails each due confirmed household with an address once, marking `mark` (reminder, survey):
 * the mark and the mail in one batch, the mail only if this run set the mark.
 */
async function mailOnce(
  deps: ServiceDeps,
  mark: 'reminderSentAt' | 'surveySentAt',
  whenDue: SQL,
  compose: (locale: Locale, day: typeof lunchDays.$inferSelect, id: string) => Promise<Parameters<typeof mailIf>[1]>,
): Promise<number> {
  const { db } = deps;
  const now = deps.clock();
  const marked = lunchHouseholds[mark];
  const due = await db
    .select({ id: lunchHouseholds.id, locale: lunchHouseholds.locale, day: lunchDays })
    .from(lunchHouseholds)
    .innerJoin(lunchDays, eq(lunchDays.id, lunchHouseholds.dayId))
    .where(and(eq(lunchHouseholds.status, 'confirmed'), isNull(marked), sql`${lunchHouseholds.email} <> ''`, whenDue));
  for (const row of due) {
    const mail = await compose(isLocale(row.locale) ? row.locale : 'sk', row.day, row.id);
    await db.batch([
      db
        .update(lunchHouseholds)
        .set({ [mark]: now })
        .where(and(eq(lunchHouseholds.id, row.id), isNull(marked))),
      mailIf(db, mail, and(eq(lunchHouseholds.id, row.id), eq(marked, now))!, now),
    ]);
  }
  return due.length;
}

/** Reminder mails, with the one-click "we can't come" link, for lunches in the next 3 days. */
export function sendReminders(deps: ServiceDeps): Promise<number> {
  const now = deps.clock();
  return mailOnce(
    deps,
    'reminderSentAt',
    and(gte(lunchDays.date, isoDay(now)), lte(lunchDays.date, isoDay(new Date(now.getTime() + REMINDER_BEFORE_MS))))!,
    async (locale, day, id) =>
      reminderMail(
        locale,
        day,
        await capabilityUrl(deps, purposes.cantCome, id, locale),
        await capabilityUrl(deps, purposes.manage, id, locale),
      ),
  );
}

/**
 * The retention purge (S19): once a day's retention period after the lunch has passed, its
 * households, their lunch mails and the audit entries about them are deleted; the day stays
 * (without personal data) for statistics. Old idempotency answers go too.
 */
export async function purgeExpiredLunchData(deps: ServiceDeps): Promise<number> {
  const { db } = deps;
  const now = deps.clock();
  const days = await db
    .select({ id: lunchDays.id, date: lunchDays.date, retentionDays: lunchDays.retentionDays })
    .from(lunchDays)
    .where(isNull(lunchDays.purgedAt));
  const due = days.filter((d) => Date.parse(`${d.date}T00:00:00Z`) + (d.retentionDays + 1) * DAY_MS <= now.getTime());
  for (const day of due) {
    const ofDay = db.select({ id: lunchHouseholds.id }).from(lunchHouseholds).where(eq(lunchHouseholds.dayId, day.id));
    const addresses = db
      .select({ email: lunchHouseholds.email })
      .from(lunchHouseholds)
      .where(and(eq(lunchHouseholds.dayId, day.id), sql`${lunchHouseholds.email} <> ''`));
    await db.batch([
      db.delete(auditLog).where(and(eq(auditLog.objectType, 'lunch_household'), inArray(auditLog.objectId, ofDay))),
      db.delete(outbox).where(and(sql`${outbox.kind} LIKE 'lunch.%'`, inArray(outbox.recipient, addresses))),
      db.delete(lunchPairs).where(eq(lunchPairs.dayId, day.id)),
      db.delete(lunchHouseholds).where(eq(lunchHouseholds.dayId, day.id)),
      db.update(lunchDays).set({ purgedAt: now }).where(eq(lunchDays.id, day.id)),
    ]);
  }
  await db
    .delete(lunchIdempotency)
    .where(lte(lunchIdempotency.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)));
  return due.length;
}

/** The day after a lunch, each confirmed household with an address gets the survey link, once. */
export function sendSurveys(deps: ServiceDeps): Promise<number> {
  return mailOnce(deps, 'surveySentAt', lt(lunchDays.date, isoDay(deps.clock())), async (locale, day, id) =>
    surveyMail(locale, day, await capabilityUrl(deps, purposes.survey, id, locale)),
  );
}

/** Whether a survey link may still be answered: signed for the survey, mailed, not yet answered. */
export async function surveyOpen(deps: ServiceDeps, id: string, sig: string): Promise<boolean> {
  if (!(await verifyLink(deps, purposes.survey, id, sig))) return false;
  const row = await deps.db
    .select({ sent: lunchHouseholds.surveySentAt, answered: lunchHouseholds.surveyAnsweredAt })
    .from(lunchHouseholds)
    .where(eq(lunchHouseholds.id, id))
    .get();
  return !!row?.sent && !row.answered;
}

/**
 * Stores a survey answer without the household: the answer is copied with only the day and the
 * side while the household's link is unused, and the household is marked as having answered (so
 * the link works once) — one batch, which D1 and libSQL run as one transaction, so two clicks
 * store one answer. False when the link is not usable.
 */
export async function answerSurvey(deps: ServiceDeps, id: string, sig: string, input: SurveyInput): Promise<boolean> {
  if (!(await verifyLink(deps, purposes.survey, id, sig))) return false;
  const { db } = deps;
  const now = deps.clock();
  const unused = and(
    eq(lunchHouseholds.id, id),
    sql`${lunchHouseholds.surveySentAt} IS NOT NULL`,
    isNull(lunchHouseholds.surveyAnsweredAt),
  );
  const [stored] = await db.batch([
    db
      .insert(lunchSurveyAnswers)
      .select(
        db
          .select({
            id: sql<string>`${crypto.randomUUID()}`.as('id'),
            dayId: sql<string>`${lunchHouseholds.dayId}`.as('day_id'),
            role: sql<string>`${lunchHouseholds.role}`.as('role'),
            rating: sql<number>`${input.rating}`.as('rating'),
            meetAgain: sql<string>`${input.meetAgain}`.as('meet_again'),
            comment: sql<string>`${input.comment}`.as('comment'),
            createdOn: sql<string>`${isoDay(now)}`.as('created_on'),
          })
          .from(lunchHouseholds)
          .where(unused),
      )
      .returning({ id: lunchSurveyAnswers.id }),
    db.update(lunchHouseholds).set({ surveyAnsweredAt: now }).where(unused),
  ]);
  return stored.length === 1;
}

/** What coordinators see of a day's survey: per side, the count, the average rating, meet-again counts and the comments. */
export async function surveyResults(deps: ServiceDeps, dayId: string) {
  const rows = await deps.db
    .select()
    .from(lunchSurveyAnswers)
    .where(eq(lunchSurveyAnswers.dayId, dayId))
    .orderBy(asc(lunchSurveyAnswers.createdOn));
  return Object.fromEntries(
    (['host', 'guest'] as const).map((role) => {
      const mine = rows.filter((r) => r.role === role);
      return [
        role,
        {
          answers: mine.length,
          averageRating: mine.length
            ? Math.round((mine.reduce((sum, r) => sum + r.rating, 0) / mine.length) * 10) / 10
            : null,
          meetAgain: {
            yes: mine.filter((r) => r.meetAgain === 'yes').length,
            maybe: mine.filter((r) => r.meetAgain === 'maybe').length,
            no: mine.filter((r) => r.meetAgain === 'no').length,
          },
          comments: mine.map((r) => r.comment).filter(Boolean),
        },
      ];
    }),
  ) as Record<
    HouseholdRole,
    {
      answers: number;
      averageRating: number | null;
      meetAgain: Record<'yes' | 'maybe' | 'no', number>;
      comments: string[];
    }
  >;
}

/** All scheduled lunch work, in the order that frees places before reminding. */
export async function runLunchSchedule(deps: ServiceDeps) {
  return {
    expired: await expireOffers(deps),
    reminded: await sendReminders(deps),
    surveyed: await sendSurveys(deps),
    purged: await purgeExpiredLunchData(deps),
  };
}

// ── coordinators ──────────────────────────────────────────────────────────────

/** Households of a day that hold or wait for a place, for the coordinators' export and matcher. */
export async function householdsOfDay(deps: ServiceDeps, dayId: string) {
  const day = await deps.db.select().from(lunchDays).where(eq(lunchDays.id, dayId)).get();
  if (!day) throw new AppError('lunch.dayNotFound', 404);
  const households = await deps.db
    .select()
    .from(lunchHouseholds)
    .where(
      and(eq(lunchHouseholds.dayId, dayId), inArray(lunchHouseholds.status, ['confirmed', 'offered', 'waitlisted'])),
    )
    .orderBy(asc(lunchHouseholds.role), asc(lunchHouseholds.queueSeq));
  return { day, households };
}
