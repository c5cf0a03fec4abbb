import { and, eq, sql } from 'drizzle-orm';
import { defaultLocale, isLocale, type Locale, locales } from '../../core/locales.ts';
import { audit } from '../accounts/audit.ts';
import type { Actor } from '../accounts/permissions.ts';
import { randomToken, sha256Hex } from '../crypto/tokens.ts';
import type { Db } from '../db/client.ts';
import {
  type HouseholdRole,
  type HouseholdStatus,
  lunchDays,
  lunchHouseholds,
  lunchIdempotency,
  users,
} from '../db/schema/index.ts';
import { commitTogether } from '../db/group-commit.ts';
import { ph, preparedInsert, preparedQuery } from '../db/prepared.ts';
import type { Deps } from '../deps.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { openDay, openOrThrow } from './days.service.ts';
import type { LunchDay } from './days.service.ts';
import { type Counter, countedAndGuarded, isLimitAbort, readCounters } from '../http/rate-limit.ts';
import { localeOf, mailIf } from './household-mail.ts';
import { capabilityUrl, purposes, verifyLink } from './links.ts';
import type { ChangeInput, OnBehalfInput, SignUpInput } from './lunches.schemas.ts';
import { alreadySignedUpMail, confirmMail, type DayFacts, offerMails, onBehalfMail, placedMails } from './mails.ts';
import { placeFree } from './places.ts';
import { boundedCache } from '../../core/bounded-cache.ts';
import { isConstraintFailure } from '../db/constraint.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** How long a wait-list offer stays open, in milliseconds (48 hours). */
export const OFFER_TTL_MS = 48 * 60 * 60_000;
/** How long an `Idempotency-Key` answer is kept, in milliseconds (24 hours). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

/**
 * The household columns a sign-up, a caseworker's sign-up and a later change write. Each side's own
 * questions count only for that side: a guest's answers to the hosts' questions (what they cook for,
 * seats) are dropped, and so are a host's to the guests' (dietary needs, food allergies).
 */
export const householdValues = (input: SignUpInput | OnBehalfInput | ChangeInput) => ({
  role: input.role,
  contactName: input.contactName,
  email: input.email,
  phone: input.phone,
  messenger: input.phone ? input.messenger : '',
  locale: input.lang,
  languages: input.languages,
  town: input.town,
  maxTravelKm: input.maxTravelKm,
  adults: input.adults,
  children: input.children,
  diets: input.role === 'guest' ? input.diets : [],
  allergies: input.role === 'guest' ? input.allergies : '',
  canCookFor: input.role === 'host' ? input.canCookFor : [],
  seats: input.role === 'host' ? input.seats : 0,
  accessibility: input.accessibility,
  hasPets: input.hasPets,
  avoidPets: input.avoidPets,
  consentPhotos: input.consentPhotos,
});

// The household row of the statement that places it: its own day and role.
const ownDay = sql`lunch_households.day_id`;
const ownRole = sql`lunch_households.role`;

/**
 * The one statement that gives a pending household its place (S15): confirmed while a place of
 * its role is free, else wait-listed, and in either case the next arrival number. SQLite runs a
 * statement alone, so concurrent calls on D1 and libSQL can never overfill the day.
 */
const allocate = (db: Db, id: string, now: Date, mailNonce: string | null = null) =>
  db
    .update(lunchHouseholds)
    .set({
      status: sql`CASE WHEN ${placeFree(ownDay, ownRole)} THEN 'confirmed' ELSE 'waitlisted' END`,
      queueSeq: sql`(SELECT coalesce(max(h.queue_seq), 0) + 1 FROM lunch_households h WHERE h.day_id = lunch_households.day_id)`,
      confirmedAt: now,
      mailNonce,
    })
    .where(and(eq(lunchHouseholds.id, id), eq(lunchHouseholds.status, 'pending')))
    .returning({ status: lunchHouseholds.status, queueSeq: lunchHouseholds.queueSeq });

/**
 * Offers a freed place to the first wait-listed household of that role, if a place is free,
 * with its mail (in the household's language), as statements for the caller's batch. The token
 * is new per call, so the mail goes only to the household this very statement picked.
 */
export async function offerNext(deps: ServiceDeps, day: DayFacts & { id: string }, role: HouseholdRole, now: Date) {
  const { db } = deps;
  const token = randomToken();
  const hash = await sha256Hex(token);
  const texts = offerMails(
    day,
    (locale) => `${deps.config.publicOrigin}/api/lunches/accept?token=${token}&lang=${locale}`,
    OFFER_TTL_MS / 3_600_000,
  );
  const others = locales.filter((l) => l !== defaultLocale);
  const byLocale = (field: 'subject' | 'bodyText') =>
    sql`CASE ${lunchHouseholds.locale} ${sql.join(
      others.map((l) => sql`WHEN ${l} THEN ${texts[l][field]}`),
      sql` `,
    )} ELSE ${texts[defaultLocale][field]} END`;
  return [
    db
      .update(lunchHouseholds)
      .set({ status: 'offered', offerTokenHash: hash, offerExpiresAt: new Date(now.getTime() + OFFER_TTL_MS) })
      .where(
        and(
          sql`id = (SELECT h.id FROM lunch_households h WHERE h.day_id = ${day.id} AND h.role = ${role} AND h.status = 'waitlisted' ORDER BY h.queue_seq LIMIT 1)`,
          placeFree(day.id, role),
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

/** The stored answer to an `Idempotency-Key`, if the key was used before. */
export const findIdempotent = async (db: Db, key: string) => (await idempotencyRead(db, { key }))[0];

// The public sign-up's statements, built once (../db/prepared.ts): building their SQL per request
// cost more CPU than running them.
const dayRead = preparedQuery<{ dayId: string }, LunchDay[]>((db) =>
  db
    .select()
    .from(lunchDays)
    .where(eq(lunchDays.id, ph('dayId'))),
);
const idempotencyRead = preparedQuery<{ key: string }, (typeof lunchIdempotency.$inferSelect)[]>((db) =>
  db
    .select()
    .from(lunchIdempotency)
    .where(eq(lunchIdempotency.key, ph('key'))),
);
const insertHousehold = preparedInsert(lunchHouseholds);
const insertIdempotency = preparedInsert(lunchIdempotency);

/**
 * What a public sign-up reads, in one batch (one round trip): the day, the address's active
 * sign-up that day (when the form's address is known, i.e. the form is valid), the answer stored
 * under the `Idempotency-Key` (when one was sent), and the rate-limit `counters`.
 */
export async function signUpReads(
  db: Db,
  dayId: string,
  email: string | undefined,
  key: string | undefined,
  counters: readonly Counter[],
) {
  const [days, earlier, stored, limits] = await db.batch([
    dayRead(db, { dayId }),
    activeSignUpQuery(db, dayId, email ?? ''),
    idempotencyRead(db, { key: key ?? '' }),
    readCounters(db, counters),
  ]);
  return {
    day: days[0],
    earlier: email === undefined ? undefined : earlier[0],
    stored: key === undefined ? undefined : stored[0],
    limits,
  };
}

/**
 * A public sign-up: the household as `pending` (it holds no place until its address is
 * confirmed), the confirmation mail, and the idempotency record — one batch, so a failure
 * anywhere leaves nothing behind (S17) and a retry may simply run again. Answers 202 with the
 * household's id and `pending`. `read` is what {@link signUpReads} found (read here when absent);
 * `counters` are counted and guarded in the same batch (`countedAndGuarded`): over a limit, the
 * batch fails as a whole with an error `isLimitAbort` recognises.
 * @throws AppError `lunch.dayNotFound` (404) when there is no such day or it was purged
 * @throws AppError `lunch.signupClosed` (409) after the sign-up deadline
 */
export async function signUp(
  deps: ServiceDeps,
  dayId: string,
  input: SignUpInput,
  idempotency?: { key: string; requestHash: string },
  read?: { day: LunchDay | undefined; earlier: { id: string; status: HouseholdStatus } | undefined },
  counters: readonly Counter[] = [],
) {
  const { db } = deps;
  const now = deps.clock();
  const { day: row, earlier } = read ?? (await signUpReads(db, dayId, input.email, undefined, []));
  const day = openOrThrow(row, now);
  rememberDay(day);
  const id = crypto.randomUUID();
  const answer = { status: 202, body: { id, status: 'pending' as const } };
  const remember = idempotencyRecord(db, idempotency, answer, now);
  const guarded = countedAndGuarded(db, counters, now);
  // S24 one address, one place per day: a second sign-up mails the first one's link instead.
  if (earlier) return mailExisting(deps, day, earlier, input, now, [...guarded, ...remember], answer);
  try {
    await commitTogether(db, await newSignUpBatch(deps, day, id, input, now, guarded, remember));
  } catch (error) {
    if (isLimitAbort(error)) throw error;
    // The same address racing in (the unique index refused the second row): as above.
    const winner = await activeSignUp(db, dayId, input.email).catch(() => undefined);
    if (!winner) throw error;
    return mailExisting(deps, day, winner, input, now, [...guarded, ...remember], answer);
  }
  return answer;
}

/** The idempotency record of a sign-up's answer, as a batch part: none without an `Idempotency-Key`. */
const idempotencyRecord = (
  db: Db,
  idempotency: { key: string; requestHash: string } | undefined,
  answer: { status: number; body: { id: string; status: 'pending' } },
  now: Date,
) =>
  idempotency
    ? [
        insertIdempotency(db, {
          key: idempotency.key,
          requestHash: idempotency.requestHash,
          status: answer.status,
          body: answer.body,
          createdAt: now,
        }),
      ]
    : [];

/**
 * The write batch of a new sign-up, for {@link signUp} and {@link signUpFast}: `head` (the
 * counters), the household row `id` (pending) — plainly, or with `guard` inserted only while the
 * day is as remembered ({@link insertHouseholdIfOpen}) —, its confirmation mail and `tail` (the
 * idempotency record).
 */
async function newSignUpBatch(
  deps: ServiceDeps,
  day: DayFacts,
  id: string,
  input: SignUpInput,
  now: Date,
  head: readonly unknown[],
  tail: readonly unknown[],
  ...guard: Record<string, unknown>[]
): Promise<Parameters<Db['batch']>[0]> {
  const { db } = deps;
  const mail = confirmMail(
    input.lang,
    day,
    await capabilityUrl(deps, purposes.confirm, id, input.lang),
    await capabilityUrl(deps, purposes.manage, id, input.lang),
    input.contactName,
  );
  const values = {
    id,
    dayId: day.id,
    status: 'pending' as const,
    ...householdValues(input),
    consentedAt: now,
    createdAt: now,
  };
  const household = guard.length
    ? insertHouseholdIfOpen(db, Object.assign({}, values, ...guard) as typeof values)
    : insertHousehold(db, values);
  return [
    ...head,
    household,
    enqueueMail(db, { recipient: input.email, ...mail, headers: { 'Content-Language': input.lang } }, now),
    ...tail,
  ] as unknown as Parameters<Db['batch']>[0];
}

/**
 * What an isolate remembers of a day it took a sign-up for (the mail's facts and the deadline), for
 * {@link signUpFast}; about the last 256 days per isolate (boundedCache). The household insert is guarded in SQL by the
 * day as remembered ({@link dayUnchanged}), so a stale entry only sends a sign-up the slow way.
 */
const dayHints = boundedCache<string, DayFacts & { signupDeadline: Date }>(256);
function rememberDay(day: LunchDay): void {
  dayHints.set(day.id, {
    id: day.id,
    city: day.city,
    date: day.date,
    startTime: day.startTime,
    endTime: day.endTime,
    format: day.format,
    venue: day.venue,
    signupDeadline: day.signupDeadline,
  });
}

/**
 * True when the day `dayId` is not purged, still takes sign-ups at `now` (as `openOrThrow`) and has
 * the facts the mail was written with: placeholders `dayId`, `guardNow`, `guardCity`, `guardDate`,
 * `guardStart`, `guardEnd`, `guardFormat`, `guardVenue`.
 */
const dayUnchanged = sql`EXISTS (SELECT 1 FROM ${lunchDays} WHERE ${lunchDays.id} = ${ph('dayId')} AND ${lunchDays.purgedAt} IS NULL AND ${lunchDays.signupDeadline} >= ${ph('guardNow')} AND ${lunchDays.city} = ${ph('guardCity')} AND ${lunchDays.date} = ${ph('guardDate')} AND ${lunchDays.startTime} = ${ph('guardStart')} AND ${lunchDays.endTime} = ${ph('guardEnd')} AND ${lunchDays.format} = ${ph('guardFormat')} AND ${lunchDays.venue} = ${ph('guardVenue')})`;
/** The household insert of {@link signUpFast}: `day_id` NULL (the batch fails) unless {@link dayUnchanged}. */
const insertHouseholdIfOpen = preparedInsert(lunchHouseholds, {
  column: 'dayId',
  when: dayUnchanged,
  params: ['guardNow', 'guardCity', 'guardDate', 'guardStart', 'guardEnd', 'guardFormat', 'guardVenue'],
});

/**
 * A public sign-up in ONE round trip, when this isolate took a sign-up for the day before: the
 * write batch of {@link signUp} alone — the counters (`countedAndGuarded`), the household (its
 * insert guarded in SQL by the day as remembered: open, not purged, the same facts), the
 * confirmation mail, the idempotency record — with no read batch before it. Everything the reads
 * would refuse fails this batch as a whole instead (nothing written): a limit (the counters'
 * guard), a closed, purged or changed day (the insert's guard), the address already signed up
 * that day (the unique index), the `Idempotency-Key` already used (its primary key). Then it
 * resolves null, and the caller takes the slow path, which answers as it always did.
 * @returns the 202 answer as {@link signUp}'s, or null when the slow path must decide
 */
export async function signUpFast(
  deps: ServiceDeps,
  dayId: string,
  input: SignUpInput,
  idempotency: { key: string; requestHash: string } | undefined,
  counters: readonly Counter[],
): Promise<{ status: number; body: { id: string; status: 'pending' } } | null> {
  const day = dayHints.get(dayId);
  const now = deps.clock();
  if (!day || now > day.signupDeadline) return null;
  const { db } = deps;
  const id = crypto.randomUUID();
  const answer = { status: 202, body: { id, status: 'pending' as const } };
  try {
    await commitTogether(
      db,
      await newSignUpBatch(
        deps,
        day,
        id,
        input,
        now,
        countedAndGuarded(db, counters, now),
        idempotencyRecord(db, idempotency, answer, now),
        { guardNow: now, guardCity: day.city, guardDate: day.date, guardStart: day.startTime },
        { guardEnd: day.endTime, guardFormat: day.format, guardVenue: day.venue },
      ),
    );
  } catch (error) {
    // Only the refusals this batch is built for (the day's guard, a limit's guard, the address's
    // unique index, the key's primary key: constraint failures) go the slow way; a fault is the
    // S17 503 now, not hidden behind a second attempt.
    if (!isConstraintFailure(error)) throw error;
    return null;
  }
  return answer;
}

/**
 * The active sign-up (pending, confirmed, wait-listed or offered) of an address on a day, if any.
 * The `email <> ''` term (a literal, as in the index) is what lets SQLite use the partial unique
 * index `lunch_households_day_email`: without it the query walked every household of the day (a
 * busy day's whole list on every sign-up), with it one index lookup. An empty address finds nothing
 * either way.
 */
const activeSignUpRead = preparedQuery<{ dayId: string; email: string }, { id: string; status: HouseholdStatus }[]>(
  (db) =>
    db
      .select({ id: lunchHouseholds.id, status: lunchHouseholds.status })
      .from(lunchHouseholds)
      .where(
        and(
          eq(lunchHouseholds.dayId, ph('dayId')),
          eq(lunchHouseholds.email, ph('email')),
          sql`${lunchHouseholds.email} <> ''`,
          sql`${lunchHouseholds.status} IN ('pending', 'confirmed', 'waitlisted', 'offered')`,
        ),
      ),
);
const activeSignUpQuery = (db: Db, dayId: string, email: string) => activeSignUpRead(db, { dayId, email });
const activeSignUp = async (db: Db, dayId: string, email: string) => (await activeSignUpQuery(db, dayId, email))[0];

/**
 * The answer to a second sign-up of an address for a day (S24): no second row, no second place;
 * the address gets its existing sign-up's links (the confirmation link again while it is
 * pending, else its own page), and the sender the same answer as for a new sign-up (a fresh id
 * that names nothing), so the form reveals nothing about who signed up.
 */
async function mailExisting(
  deps: ServiceDeps,
  day: DayFacts,
  earlier: { id: string; status: HouseholdStatus },
  input: SignUpInput,
  now: Date,
  remember: Parameters<Db['batch']>[0][number][],
  answer: { status: number; body: { id: string; status: 'pending' } },
) {
  const manageUrl = await capabilityUrl(deps, purposes.manage, earlier.id, input.lang);
  const mail =
    earlier.status === 'pending'
      ? confirmMail(
          input.lang,
          day,
          await capabilityUrl(deps, purposes.confirm, earlier.id, input.lang),
          manageUrl,
          input.contactName,
        )
      : alreadySignedUpMail(input.lang, day, manageUrl);
  await deps.db.batch([
    enqueueMail(deps.db, { recipient: input.email, ...mail, headers: { 'Content-Language': input.lang } }, now),
    ...remember,
  ]);
  return answer;
}

/**
 * The household row with its day, for a mail about it; undefined when it is gone.
 */
const householdAndDay = (db: Db, where: ReturnType<typeof eq>) =>
  db
    .select({ household: lunchHouseholds, day: lunchDays })
    .from(lunchHouseholds)
    .innerJoin(lunchDays, eq(lunchDays.id, lunchHouseholds.dayId))
    .where(where)
    .get();

/**
 * The mail that tells a household where it stands once it is placed: its place (with the calendar
 * link) or the wait-list, chosen in SQL by the status the placing statement wrote. Queue it with
 * {@link mailIf} under the placing statement's nonce, so each confirmation mails exactly once.
 * (Async for the signed link: it returns the texts, never a query, which `await` would run.)
 */
async function placedMail(deps: ServiceDeps, household: typeof lunchHouseholds.$inferSelect, day: DayFacts) {
  const locale = localeOf(household.locale);
  const mails = placedMails(
    locale,
    day,
    deps.config.publicOrigin,
    await capabilityUrl(deps, purposes.manage, household.id, locale),
    household.contactName,
  );
  const byStatus = (field: 'subject' | 'bodyText') =>
    sql`CASE ${lunchHouseholds.status} WHEN 'confirmed' THEN ${mails.confirmed[field]} ELSE ${mails.waitlisted[field]} END`;
  return { subject: byStatus('subject'), bodyText: byStatus('bodyText'), kind: mails.kind };
}

/** Finds the household whose placing statement wrote `nonce`. */
const wroteNonce = (id: string, nonce: string) =>
  and(eq(lunchHouseholds.id, id), eq(lunchHouseholds.mailNonce, nonce))!;

/**
 * Follows a confirmation link: the household gets a place or joins the wait-list, and a mail says
 * which (in its language, once). A second click changes nothing and answers with the state it is
 * in. Null when the link is forged or the household gone.
 */
export async function confirmSignUp(
  deps: ServiceDeps,
  id: string,
  sig: string,
): Promise<{ id: string; locale: Locale; status: HouseholdStatus } | null> {
  if (!(await verifyLink(deps, purposes.confirm, id, sig))) return null;
  const row = await householdAndDay(deps.db, eq(lunchHouseholds.id, id));
  if (!row || !isLocale(row.household.locale)) return null;
  const now = deps.clock();
  const nonce = crypto.randomUUID();
  const mail = await placedMail(deps, row.household, row.day);
  await deps.db.batch([allocate(deps.db, id, now, nonce), mailIf(deps.db, mail, wroteNonce(id, nonce), now)]);
  const after = await deps.db
    .select({ status: lunchHouseholds.status })
    .from(lunchHouseholds)
    .where(eq(lunchHouseholds.id, id))
    .get();
  return after ? { id, locale: row.household.locale, status: after.status } : null;
}

/**
 * A caseworker signs a family up on its behalf, having recorded its consent: no e-mail round
 * trip, the place decided at once (by the same rule as a confirmed sign-up), the audit entry
 * naming the caseworker (ids only, no special-category data), all in one batch. Returns the
 * household's id and its status (`confirmed` or `waitlisted`).
 * @throws AppError `lunch.dayNotFound` (404) when there is no such day or it was purged
 * @throws AppError `lunch.signupClosed` (409) after the sign-up deadline
 */
export async function signUpOnBehalf(deps: ServiceDeps, actor: Actor, dayId: string, input: OnBehalfInput) {
  const { db } = deps;
  const day = await openDay(deps, dayId);
  const now = deps.clock();
  const id = crypto.randomUUID();
  // The family is told who signed it up: the caseworker's sign-in address.
  const caseworker = input.email
    ? await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId)).get()
    : undefined;
  const mail = input.email
    ? onBehalfMail(
        input.lang,
        day,
        await capabilityUrl(deps, purposes.manage, id, input.lang),
        caseworker?.email ?? '—',
        input.contactName,
      )
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

/**
 * Accepts a wait-list offer by its mailed token, while it is open, and mails the confirmation (with
 * the calendar link) once. The token's hash stays with the household, so a second click (a double
 * submit) finds the place already taken by it and answers the same. Null for an unknown token, or
 * one whose offer lapsed or was cancelled.
 */
export async function acceptOffer(deps: ServiceDeps, token: string): Promise<{ id: string; locale: Locale } | null> {
  const now = deps.clock();
  const hash = await sha256Hex(token);
  const row = await householdAndDay(deps.db, eq(lunchHouseholds.offerTokenHash, hash));
  if (!row || !isLocale(row.household.locale)) return null;
  const answer = { id: row.household.id, locale: row.household.locale };
  if (row.household.status === 'confirmed') return answer;
  const nonce = crypto.randomUUID();
  const mail = await placedMail(deps, row.household, row.day);
  const [accepted] = await deps.db.batch([
    deps.db
      .update(lunchHouseholds)
      .set({ status: 'confirmed', offerExpiresAt: null, confirmedAt: now, mailNonce: nonce })
      .where(
        and(
          eq(lunchHouseholds.offerTokenHash, hash),
          eq(lunchHouseholds.status, 'offered'),
          sql`${lunchHouseholds.offerExpiresAt} > ${now.getTime()}`,
        ),
      )
      .returning({ id: lunchHouseholds.id }),
    mailIf(deps.db, mail, wroteNonce(row.household.id, nonce), now),
  ]);
  if (accepted.length === 1) return answer;
  // Lost to a twin click that accepted first: the same answer; else the offer lapsed.
  const after = await deps.db
    .select({ status: lunchHouseholds.status })
    .from(lunchHouseholds)
    .where(eq(lunchHouseholds.offerTokenHash, hash))
    .get();
  return after?.status === 'confirmed' ? answer : null;
}
