import { z } from 'zod';
import { line, multiLine } from '../http/text.ts';
import { defaultLocale, locales } from '../../core/locales.ts';
import { isCalendarDay } from '../../core/zoned-time.ts';
import { emailField } from '../accounts/accounts.schemas.ts';
import { optionalCount, wholeNumber } from '../http/numbers.ts';
import { startsAndEnds } from './dates.ts';
import { childBands, diets, householdRoles, meetAgainAnswers, meetingFormats } from '../db/schema/lunches.ts';
import { isTown, type Town, townNames } from './towns.ts';

/** Languages a household may speak or organisers may support (ISO 639-1), shown with Intl.DisplayNames. */
export const lunchLanguages = [
  'sk',
  'en',
  'uk',
  'ru',
  'cs',
  'hu',
  'de',
  'fr',
  'es',
  'ar',
  'fa',
  'ps',
  'tr',
  'vi',
] as const;
/**
 * Dietary needs, children's age bands, meeting formats, survey answers and the towns, offered here
 * so forms can read them from the API's contract.
 */
export { childBands, diets, meetAgainAnswers, meetingFormats, townNames };
/** How a household may be reached by phone besides calls. */
export const messengers = ['sms', 'whatsapp', 'signal', 'telegram', 'viber'] as const;

const town = z
  .string({ error: 'lunch.townRequired' })
  .refine(isTown, { error: 'lunch.townRequired' })
  .transform((t) => t as Town);
/** A required whole number from a form or JSON; an empty field counts as missing, not as 0. */
const count = wholeNumber;
const freeText = multiLine(z.string().trim().max(500, { error: 'lunch.textTooLong' })).default('');
/** Checkboxes and JSON booleans alike. */
const flag = z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean());
/**
 * A checkbox group (a form's repeated field, or a JSON array) of values from a closed set: none
 * sent is `[]`, one is `[value]`. A value outside the set (a tampered `languages=xx`), a value that
 * is no string, or more values than the set holds is one problem of the whole group:
 * `lunch.notInList` at the group's own path (`languages`, not `languages.0`), so a form shows the
 * message beside the group and names the group in its error summary, as for every other field.
 */
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.unknown(), { error: 'lunch.notInList' })
      .refine((vs) => vs.length <= values.length && vs.every((x) => (values as readonly unknown[]).includes(x)), {
        error: 'lunch.notInList',
      })
      .transform((vs) => vs as T[number][]),
  );

/** What a household tells about itself: the public form, the caseworker form, and changes later. */
const householdFields = {
  role: z.enum(householdRoles, { error: 'lunch.roleRequired' }),
  /** Whom to ask for: the household's contact person, as they want to be called. */
  contactName: line(
    z
      .string({ error: 'lunch.contactNameRequired' })
      .trim()
      .min(1, { error: 'lunch.contactNameRequired' })
      .max(100, { error: 'lunch.contactNameTooLong' }),
  ),
  phone: z
    .string()
    .trim()
    .max(40, { error: 'lunch.phoneInvalid' })
    .regex(/^(\+?[0-9 ()-]{6,40})?$/, { error: 'lunch.phoneInvalid' })
    .default(''),
  messenger: z.union([z.enum(messengers), z.literal('')], { error: 'lunch.notInList' }).default(''),
  languages: list(lunchLanguages).refine((l) => l.length > 0, { error: 'lunch.languagesRequired' }),
  town,
  maxTravelKm: count(0, 500, 'lunch.travelInvalid'),
  adults: count(1, 12, 'lunch.adultsInvalid'),
  /** Number of children per age band; the portal never asks for names. */
  children: z
    .object(
      // An empty band means no children of that age.
      Object.fromEntries(childBands.map((b) => [b, optionalCount(0, 12, 'lunch.childrenInvalid')])) as Record<
        (typeof childBands)[number],
        ReturnType<typeof optionalCount>
      >,
    )
    .default({ '0-2': 0, '3-5': 0, '6-11': 0, '12-17': 0 }),
  diets: list(diets).default([]),
  allergies: freeText,
  canCookFor: list([...diets, 'allergies'] as const).default([]),
  /** Hosts only: empty reads as 0, which a host is then asked to fill in (guests' answers are dropped). */
  seats: optionalCount(0, 30, 'lunch.seatsRequired'),
  accessibility: freeText,
  hasPets: flag.default(false),
  avoidPets: flag.default(false),
  consentPhotos: flag.default(false),
  /** Locale of the form; mails go out in it. */
  lang: z.enum(locales).catch(defaultLocale),
};

const hostsNeedSeats = (v: { role: string; seats: number }, ctx: z.RefinementCtx) => {
  if (v.role === 'host' && v.seats < 1)
    ctx.addIssue({ code: 'custom', path: ['seats'], message: 'lunch.seatsRequired' });
};

/** The public sign-up: an e-mail address is needed for the confirmation (double opt-in). */
export const signUpInput = z
  .object({
    ...householdFields,
    email: emailField,
    consentData: z.literal(true, { error: 'lunch.consentRequired' }),
    codeOfConduct: z.literal(true, { error: 'lunch.conductRequired' }),
  })
  .superRefine(hostsNeedSeats);
export type SignUpInput = z.infer<typeof signUpInput>;

/**
 * A caseworker's sign-up on a family's behalf: e-mail or phone, and the caseworker's statement
 * that the family consented (to processing and the code of conduct).
 */
export const onBehalfInput = z
  .object({
    ...householdFields,
    email: z.union([emailField, z.literal('').transform(() => '')]).default(''),
    consentRecorded: z.literal(true, { error: 'lunch.consentRecordedRequired' }),
  })
  .superRefine(hostsNeedSeats)
  .superRefine((v, ctx) => {
    if (v.email === '' && v.phone === '')
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'lunch.contactRequired' });
  });
export type OnBehalfInput = z.infer<typeof onBehalfInput>;

/**
 * A change by the household's own link: the same fields and checks as the sign-up, without the
 * consents already given; the role stays the stored one (the caller supplies it for the checks).
 */
export const changeInput = z.object({ ...householdFields, email: emailField }).superRefine(hostsNeedSeats);
export type ChangeInput = z.infer<typeof changeInput>;

/** The anonymous after-lunch survey: no names asked. */
export const surveyInput = z.object({
  rating: count(1, 5, 'lunch.ratingRequired'),
  meetAgain: z.enum(meetAgainAnswers, { error: 'lunch.meetAgainRequired' }),
  comment: multiLine(z.string().trim().max(1000, { error: 'lunch.commentTooLong' })).default(''),
});
export type SurveyInput = z.infer<typeof surveyInput>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'lunch.dateInvalid' })
  .refine(isCalendarDay, { error: 'lunch.dateInvalid' });
/** A wall-clock time `HH:MM` (24-hour, as a `type="time"` field sends it). */
const wallClock = z
  .string({ error: 'lunch.timeInvalid' })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
    error: 'lunch.timeInvalid',
  });

/** A lunch day as a coordinator creates it. */
export const lunchDayInput = z
  .object({
    city: town,
    date: isoDate,
    /** When the lunch starts, `HH:MM` in Europe/Bratislava. */
    startTime: wallClock,
    /** When it ends, `HH:MM` the same day, after the start. */
    endTime: wallClock,
    format: z.enum(meetingFormats, { error: 'lunch.formatRequired' }),
    venue: line(z.string().trim().max(200, { error: 'lunch.textTooLong' })).default(''),
    hostPlaces: count(0, 500, 'lunch.placesInvalid'),
    guestPlaces: count(0, 500, 'lunch.placesInvalid'),
    languages: list(lunchLanguages).refine((l) => l.length > 0, { error: 'lunch.languagesRequired' }),
    /** Last day to sign up (inclusive, until the end of that day in Europe/Bratislava). */
    signupDeadline: isoDate,
    retentionDays: count(1, 730, 'lunch.retentionInvalid'),
  })
  .superRefine((v, ctx) => {
    if (v.signupDeadline > v.date)
      ctx.addIssue({ code: 'custom', path: ['signupDeadline'], message: 'lunch.deadlineAfterDay' });
    // Times that are not `HH:MM`, or a date that does not exist, were refused above (a time cannot be
    // checked against a day that does not exist: 12:00 on 30 February is not the time's problem);
    // here: the times exist that day, the end after the start.
    if (![v.startTime, v.endTime].every((time) => /^\d{2}:\d{2}$/.test(time)) || !isCalendarDay(v.date)) return;
    const times = startsAndEnds(v);
    if (!times) ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'lunch.timeInvalid' });
    else if (times.end <= times.start)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'lunch.endBeforeStart' });
  });
export type LunchDayInput = z.infer<typeof lunchDayInput>;

/** A capability link's query: the household and its purpose-bound signature. */
export const capabilityQuery = z.object({ id: z.uuid(), sig: z.string().min(20).max(100) });
/** A wait-list offer's link: the random token from the mail (its SHA-256 is stored). */
export const tokenQuery = z.object({ token: z.string().min(20).max(100) });
/** `Idempotency-Key`: a client-made random string. */
export const idempotencyKey = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[\w-]+$/);

/**
 * A body as the site's HTML forms post it, for the typed client (`accepts` in lunches.routes.ts):
 * each field as its schema takes it or as the form sends it (text; ticked boxes as booleans).
 * The route still parses the body with the schema, which coerces and checks it (422 when wrong).
 */
type Posted<T> = { [K in keyof T]: T[K] | (T[K] extends boolean | undefined ? boolean : string) };

/** `POST /api/lunches/days`: a lunch day as the coordinators' form posts it. */
export type LunchDayBody = Posted<z.input<typeof lunchDayInput>>;
/** `POST /api/lunches/days/:id/signups`: the public sign-up, with its proof of work and idempotency key (S16). */
export type SignUpBody = Posted<z.input<typeof signUpInput>> & { altcha?: string; idempotencyKey?: string };
/** `POST /api/lunches/days/:id/signups/on-behalf`: a caseworker's sign-up for a family. */
export type OnBehalfBody = Posted<z.input<typeof onBehalfInput>>;
/** `POST /api/lunches/households/:id/change`: a change by the household's link; the stored role is used. */
export type ChangeBody = Posted<Omit<z.input<typeof changeInput>, 'role'>> & { sig: string; role?: string };
/** `POST /api/lunches/survey`: the survey answer with the link's household and signature. */
export type SurveyBody = Posted<z.input<typeof surveyInput>> & { id: string; sig: string; lang?: string };
/** `POST /api/lunches/days/:id/pairs`: a coordinator approves a host and a guest as a pair. */
export interface PairBody {
  hostId: string;
  guestId: string;
}
/** `POST /api/lunches/households/:id/{cancel,erase}`: the signature of the household's link. */
export interface LinkBody {
  sig: string;
}
/** The query of a signed link's read (`GET /api/lunches/survey`; `/households/:id` needs `sig` alone). */
export type CapabilityQuery = z.input<typeof capabilityQuery>;
