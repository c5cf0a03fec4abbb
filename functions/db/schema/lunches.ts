import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** How the families meet on a lunch day, declared once. */
export const meetingFormats = ['home', 'venue'] as const;
export type MeetingFormat = (typeof meetingFormats)[number];

/** Who a household is on a lunch day. */
export const householdRoles = ['host', 'guest'] as const;
export type HouseholdRole = (typeof householdRoles)[number];

/**
 * States of a sign-up. `pending` waits for the e-mail confirmation and holds no place;
 * `confirmed` and `offered` hold one; `waitlisted` queues by `queueSeq`.
 */
export const householdStatuses = ['pending', 'confirmed', 'waitlisted', 'offered', 'cancelled', 'expired'] as const;
export type HouseholdStatus = (typeof householdStatuses)[number];
/** The states that take one of the day's places. */
export const placeHoldingStatuses = ['confirmed', 'offered'] as const satisfies readonly HouseholdStatus[];
/** The states of a sign-up still taking part: the household may change or cancel it. */
export const activeHouseholdStatuses = [
  'pending',
  'confirmed',
  'waitlisted',
  'offered',
] as const satisfies readonly HouseholdStatus[];

/** Dietary needs a guest may have and a host may cook for, declared once (re-exported by the matcher). */
export const diets = ['vegetarian', 'vegan', 'halal', 'kosher', 'noPork'] as const;
export type Diet = (typeof diets)[number];
/** What a host can cook for: the diets, and `allergies` when they can avoid allergens. */
export type Cooking = Diet | 'allergies';
/** Children are counted per age band; the portal never asks for their names. */
export const childBands = ['0-2', '3-5', '6-11', '12-17'] as const;
export type ChildBand = (typeof childBands)[number];

/** A "Next Door Family" lunch day, managed by coordinators. */
export const lunchDays = sqliteTable(
  'lunch_days',
  {
    id: text('id').primaryKey(),
    /** One of the built-in towns (functions/lunches/towns.ts), so distances can be computed. */
    city: text('city').notNull(),
    /** The lunch, local date as YYYY-MM-DD. */
    date: text('date').notNull(),
    /**
     * When the lunch starts and ends, wall-clock `HH:MM` in Europe/Bratislava on `date` (the end after
     * the start, the same day); days planned before times were asked get 12:00–15:00.
     */
    startTime: text('start_time').notNull().default('12:00'),
    endTime: text('end_time').notNull().default('15:00'),
    format: text('format', { enum: meetingFormats }).notNull(),
    /** Where a `venue` lunch happens; empty for lunches at the hosts' homes. */
    venue: text('venue').notNull().default(''),
    hostPlaces: integer('host_places').notNull(),
    guestPlaces: integer('guest_places').notNull(),
    /** Language codes (ISO 639-1) the organisers can support on the day; stored as a JSON array. */
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Sign-ups are refused after this moment. */
    signupDeadline: integer('signup_deadline', { mode: 'timestamp_ms' }).notNull(),
    /** Days after the lunch after which the households' personal data is purged (S19). */
    retentionDays: integer('retention_days').notNull(),
    createdBy: text('created_by'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** When the retention purge removed the households; the day itself stays for statistics. */
    purgedAt: integer('purged_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('lunch_days_date').on(t.date)],
);

/**
 * A household signed up for a lunch day. Special-category data (children, diet, allergies,
 * languages) lives only here, never in logs or the audit trail, and goes with the retention purge.
 */
export const lunchHouseholds = sqliteTable(
  'lunch_households',
  {
    id: text('id').primaryKey(),
    dayId: text('day_id')
      .notNull()
      .references(() => lunchDays.id, { onDelete: 'cascade' }),
    role: text('role', { enum: householdRoles }).notNull(),
    status: text('status', { enum: householdStatuses }).notNull(),
    /** Whom to ask for: the name the household gave for its contact person (mails, coordinators' lists). */
    contactName: text('contact_name').notNull().default(''),
    /**
     * Written by the one statement that confirms, changes or cancels the sign-up; the mail that statement
     * causes is queued in the same batch only where this value is found, so each mail goes out exactly once.
     */
    mailNonce: text('mail_nonce'),
    /** Arrival order, given when the household joins the queue (confirmation); decides the wait-list. */
    queueSeq: integer('queue_seq'),
    /** Lower-cased; empty when only a phone was given (caseworker sign-ups). */
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    /** How to reach the phone: sms, whatsapp, signal, telegram, viber. */
    messenger: text('messenger').notNull().default(''),
    /** Language of mails to this household. */
    locale: text('locale').notNull(),
    /** Language codes (ISO 639-1) the household speaks; stored as a JSON array. */
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
    /** One of the built-in towns. */
    town: text('town').notNull(),
    maxTravelKm: integer('max_travel_km').notNull(),
    adults: integer('adults').notNull(),
    /** Number of children per age band (no names); stored as a JSON object. */
    children: text('children', { mode: 'json' }).$type<Partial<Record<ChildBand, number>>>().notNull().default({}),
    /** Dietary needs (guests): vegetarian, vegan, halal, kosher, noPork; stored as a JSON array. */
    diets: text('diets', { mode: 'json' }).$type<Diet[]>().notNull().default([]),
    allergies: text('allergies').notNull().default(''),
    /** Hosts: the diets they can cook for, `allergies` included when they can; stored as a JSON array. */
    canCookFor: text('can_cook_for', { mode: 'json' }).$type<Cooking[]>().notNull().default([]),
    /** Hosts: how many guests their table seats. */
    seats: integer('seats').notNull().default(0),
    accessibility: text('accessibility').notNull().default(''),
    hasPets: integer('has_pets', { mode: 'boolean' }).notNull().default(false),
    /** Cannot be with animals (allergy, fear). */
    avoidPets: integer('avoid_pets', { mode: 'boolean' }).notNull().default(false),
    consentPhotos: integer('consent_photos', { mode: 'boolean' }).notNull().default(false),
    consentedAt: integer('consented_at', { mode: 'timestamp_ms' }).notNull(),
    /** The caseworker who signed the family up on its behalf, having recorded its consent. */
    onBehalfBy: text('on_behalf_by'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
    /** SHA-256 of the wait-list offer's token; the token itself is only in the mail. */
    offerTokenHash: text('offer_token_hash'),
    /** An `offered` place must be accepted before this moment. */
    offerExpiresAt: integer('offer_expires_at', { mode: 'timestamp_ms' }),
    reminderSentAt: integer('reminder_sent_at', { mode: 'timestamp_ms' }),
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
    /** When the after-lunch survey link was mailed (once). */
    surveySentAt: integer('survey_sent_at', { mode: 'timestamp_ms' }),
    /** When the household answered the survey: the link works once. The answer itself names no household. */
    surveyAnsweredAt: integer('survey_answered_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('lunch_households_day').on(t.dayId, t.role, t.status),
    index('lunch_households_queue').on(t.dayId, t.queueSeq),
    uniqueIndex('lunch_households_offer_token').on(t.offerTokenHash),
    // S24 one address, one place per lunch day: addresses are stored in one normal form
    // (emailField: trimmed, lower-case, IDN domains as punycode), so this index catches every twin.
    // Cancelled and expired sign-ups, and on-behalf ones without an address, do not count.
    uniqueIndex('lunch_households_day_email')
      .on(t.dayId, t.email)
      .where(sql`${t.email} <> '' AND ${t.status} IN ('pending', 'confirmed', 'waitlisted', 'offered')`),
  ],
);

/**
 * Answers already given to an `Idempotency-Key` (S16): a retry with the same key and body gets
 * the stored answer; the same key with another body is refused. Written in the sign-up's batch.
 */
export const lunchIdempotency = sqliteTable('lunch_idempotency', {
  key: text('key').primaryKey(),
  /** SHA-256 of the request body the key was first used with. */
  requestHash: text('request_hash').notNull(),
  status: integer('status').notNull(),
  /** The answer's JSON body as given; holds no personal data (ids and states only). */
  body: text('body', { mode: 'json' }).$type<{ id: string; status: HouseholdStatus }>().notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * A host and a guest household a coordinator approved to meet. Each family confirms by its
 * mailed link; only when both have, each gets the other's contact (`contactsSharedAt`).
 */
export const lunchPairs = sqliteTable(
  'lunch_pairs',
  {
    id: text('id').primaryKey(),
    dayId: text('day_id')
      .notNull()
      .references(() => lunchDays.id, { onDelete: 'cascade' }),
    hostId: text('host_id')
      .notNull()
      .references(() => lunchHouseholds.id, { onDelete: 'cascade' }),
    guestId: text('guest_id')
      .notNull()
      .references(() => lunchHouseholds.id, { onDelete: 'cascade' }),
    approvedBy: text('approved_by').notNull(),
    approvedAt: integer('approved_at', { mode: 'timestamp_ms' }).notNull(),
    hostConfirmedAt: integer('host_confirmed_at', { mode: 'timestamp_ms' }),
    guestConfirmedAt: integer('guest_confirmed_at', { mode: 'timestamp_ms' }),
    contactsSharedAt: integer('contacts_shared_at', { mode: 'timestamp_ms' }),
    /** Written with `contactsSharedAt` by the one confirmation that shares; its mails check for it. */
    shareNonce: text('share_nonce'),
  },
  // A household meets one other household on a day.
  (t) => [uniqueIndex('lunch_pairs_host').on(t.hostId), uniqueIndex('lunch_pairs_guest').on(t.guestId)],
);

/** Answers to "would you meet again". */
export const meetAgainAnswers = ['yes', 'maybe', 'no'] as const;

/**
 * An anonymous after-lunch survey answer: the day and the side only, never the household,
 * so it stays after the retention purge.
 */
export const lunchSurveyAnswers = sqliteTable(
  'lunch_survey_answers',
  {
    id: text('id').primaryKey(),
    dayId: text('day_id')
      .notNull()
      .references(() => lunchDays.id, { onDelete: 'cascade' }),
    role: text('role', { enum: householdRoles }).notNull(),
    /** How the lunch was, 1–5. */
    rating: integer('rating').notNull(),
    meetAgain: text('meet_again', { enum: meetAgainAnswers }).notNull(),
    comment: text('comment').notNull().default(''),
    /** A date only (YYYY-MM-DD): a timestamp could tie the answer to a household's click. */
    createdOn: text('created_on').notNull(),
  },
  (t) => [index('lunch_survey_answers_day').on(t.dayId)],
);
