import { z } from 'zod';
import { line, multiLine } from '../http/text.ts';
import { emailField } from '../accounts/accounts.schemas.ts';
import { asWhole, formVersion, wholeNumber } from '../http/numbers.ts';

// States are declared once, beside the tables that store them (db/schema/jury.ts), and are part of
// this domain's public contract from here.
export {
  assignmentSources,
  declaredConflictKinds,
  entryConflictSources,
  readingLevels,
  reminderKinds,
  reviewStates,
  roundKinds,
  roundSources,
  roundStates,
  scoreVisibilities,
  screeningVerdicts,
  type ReadingLevelName,
  type ReviewState,
  type RoundKind,
  type RoundState,
  type ScoreVisibility,
} from '../db/schema/jury.ts';
import {
  declaredConflictKinds,
  readingLevels,
  roundKinds,
  roundSources,
  scoreVisibilities,
  screeningVerdicts,
  type ReadingLevelName,
  type ReviewState,
} from '../db/schema/jury.ts';
import { boundedCache, cached } from '../../core/bounded-cache.ts';

/** Longest comment (characters). */
export const COMMENT_MAX = 4000;
/** Longest bio (characters). */
export const BIO_MAX = 600;

/** A single-line text field, '' when not sent. */
const text = (max: number) =>
  line(z.string({ error: 'jury.tooLong' }).trim().max(max, { error: 'jury.tooLong' })).default('');
/** A multi-line text field (a textarea), '' when not sent. */
const longText = (max: number) =>
  multiLine(z.string({ error: 'jury.tooLong' }).trim().max(max, { error: 'jury.tooLong' })).default('');
/** Checkboxes arrive as `on` from forms and as booleans from JSON. */
const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('')])
  .default(false)
  .transform((v) => v === true || v === 'on' || v === 'true');
/** A number from JSON, or its text from a form ('' = not given). */
const optionalInt = z
  .union([z.number(), z.string().trim()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return null;
    const n = asWhole(v) ?? Number.NaN;
    if (!Number.isInteger(n)) {
      ctx.addIssue({ code: 'custom', message: 'jury.number' });
      return z.NEVER;
    }
    return n;
  });
/** `2027-03-31T23:59` in Europe/Bratislava. */
const wallTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: 'jury.time' });

/** A manager invites a juror by address. */
export const inviteInput = z.object({
  email: emailField,
  /** Language of the invitation mail: a closed set, anything else refused with `jury.language`. */
  locale: z.enum(['sk', 'en', 'uk'], { error: 'jury.language' }).default('en'),
  cap: optionalInt,
});

/** The invitation page's one button. */
export const acceptInput = z.object({ token: z.string().trim().min(1).max(100) });

/** Most declared conflicts kept per juror (people and outlets). */
export const DECLARED_MAX = 50;

/**
 * The juror's profile as sent: languages as a list of `{code, level}` (ISO 639-1 code; native,
 * fluent or reading), expertise as category ids, a bio of at most `BIO_MAX` characters, the
 * employer outlet. Every problem of the language list is reported on the field `languages`, of
 * the expertise on `expertise`. Which languages and categories count is the edition's: see
 * `profileInputFor`.
 */
export const profileInput = z.object({
  languages: z
    .array(z.object({ code: z.string().max(8), level: z.string().max(16) }), { error: 'jury.languagesRequired' })
    .max(20, { error: 'jury.language' })
    .refine((list) => list.length > 0, { error: 'jury.languagesRequired' })
    .refine((list) => list.every((l) => /^[a-z]{2}$/.test(l.code)), { error: 'jury.language' })
    .refine((list) => list.every((l) => (readingLevels as readonly string[]).includes(l.level)), {
      error: 'jury.level',
    })
    .refine((list) => new Set(list.map((l) => l.code)).size === list.length, { error: 'jury.language' })
    .transform((list) => list.map((l) => ({ code: l.code, level: l.level as ReadingLevelName }))),
  expertise: z.array(z.string().max(64), { error: 'jury.expertise' }).max(50, { error: 'jury.expertise' }).default([]),
  bio: longText(BIO_MAX),
  employer: text(200),
});
export type ProfileBody = z.input<typeof profileInput>;

/**
 * The profile schema for one edition: every language among `accepted` (the languages its
 * categories take), every expertise id among `categoryIds` (its categories).
 */
export function profileInputFor(accepted: readonly string[], categoryIds: readonly string[]) {
  return profileInput.superRefine((profile, ctx) => {
    if (profile.languages.some((l) => !accepted.includes(l.code)))
      ctx.addIssue({ code: 'custom', path: ['languages'], message: 'jury.languageNotAccepted' });
    if (profile.expertise.some((id) => !categoryIds.includes(id)))
      ctx.addIssue({ code: 'custom', path: ['expertise'], message: 'jury.expertise' });
    if (new Set(profile.expertise).size !== profile.expertise.length)
      ctx.addIssue({ code: 'custom', path: ['expertise'], message: 'jury.expertise' });
  });
}

/** A conflict a juror declares with a person or an outlet. */
export const declareConflictInput = z.object({
  kind: z.enum(declaredConflictKinds, { error: 'jury.conflictKind' }),
  name: line(z.string().trim().min(2, { error: 'jury.nameRequired' }).max(200, { error: 'jury.tooLong' })),
});

/** A recusal from one entry, with its reason. */
export const recuseInput = z.object({
  reason: multiLine(z.string().trim().min(3, { error: 'jury.reasonRequired' }).max(500, { error: 'jury.tooLong' })),
});

/** A manager records a conflict between a juror and an entry of the edition, with a reason. */
export const recordConflictInput = z.object({
  jurorId: z.string({ error: 'jury.jurorRequired' }).trim().min(1, { error: 'jury.jurorRequired' }).max(64),
  entryId: z.string({ error: 'jury.entryRequired' }).trim().min(1, { error: 'jury.entryRequired' }).max(64),
  reason: multiLine(
    z.string({ error: 'jury.reasonRequired' }).trim().min(3, { error: 'jury.reasonRequired' }).max(500, {
      error: 'jury.tooLong',
    }),
  ),
});

/** A round as managers edit it; times are wall-clock times in Europe/Bratislava. */
export const roundInput = z
  .object({
    position: wholeNumber(1, 20, 'jury.number'),
    kind: z.enum(roundKinds, { error: 'jury.kind' }),
    name: z.object({ sk: text(120), en: text(120), uk: text(120) }),
    opensAt: wallTime,
    closesAt: wallTime,
    source: z.enum(roundSources, { error: 'jury.source' }),
    shortlistSize: optionalInt,
    perEntry: wholeNumber(1, 10, 'jury.number'),
    visibility: z.enum(scoreVisibilities, { error: 'jury.visibility' }),
    namesShown: checkbox,
  })
  .refine((r) => r.source === 'all' || (r.shortlistSize !== null && r.shortlistSize > 0), {
    error: 'jury.number',
    path: ['shortlistSize'],
  });

/** A manager adds or removes one juror of one entry by hand. */
export const adjustInput = z.object({
  entryId: z.string().min(1).max(64),
  jurorId: z.string().min(1).max(64),
  action: z.enum(['add', 'remove']),
});

/**
 * The scoring form's buttons (`action`): keep as a draft, submit, or submit and go to the next entry.
 * A closed set: any other value is refused (400), never taken for one of them.
 */
export const reviewActions = ['draft', 'submit', 'next'] as const;
export type ReviewAction = (typeof reviewActions)[number];

/**
 * A save of a review: `version` is the version the juror's form was based on (0 for a review not
 * saved yet). Scores by criterion key: a number, or `abstain`/'' for an abstention.
 */
export const reviewInput = z.object({
  version: formVersion('jury.version'),
  scores: z
    .record(
      z.string().max(64),
      z.union([z.number(), z.null(), z.string().trim()]).transform((v, ctx) => {
        if (v === null || v === '' || v === 'abstain') return null;
        const n = asWhole(v) ?? Number.NaN;
        if (!Number.isInteger(n)) {
          ctx.addIssue({ code: 'custom', message: 'jury.scoreInvalid' });
          return z.NEVER;
        }
        return n;
      }),
    )
    .default({}),
  verdict: z.union([z.enum(screeningVerdicts), z.literal('')], { error: 'jury.verdict' }).default(''),
  rank: optionalInt,
  abstained: checkbox,
  commentForJury: longText(COMMENT_MAX),
  commentForEntrant: longText(COMMENT_MAX),
  /** Submit (final for the juror until the round closes; still editable) or keep as a draft. */
  submit: checkbox,
  /**
   * A save the browser made by itself (autosave) rather than a button the juror pressed: it keeps
   * the review's state, so editing a submitted review never turns it back into a draft (unless the
   * edit leaves it incomplete).
   */
  autosave: checkbox,
});
export type ReviewInput = z.infer<typeof reviewInput>;

/** What {@link reviewInputFor} checks a score against: a rubric criterion's key and scale. */
export interface ScoreScale {
  key: string;
  min: number;
  max: number;
}

/**
 * {@link reviewInput} for a round whose rubric is known, so one parse reports every problem at
 * once: a score that is not a whole number, a criterion the rubric does not have and a value off
 * its criterion's scale (each `jury.scoreInvalid` on `scores.<key>`), beside any other field's
 * problem (an unknown verdict, a too long comment). `criteria` null: the round has no rubric
 * (screening, ranked), and scores are read as {@link reviewInput} reads them (and then ignored).
 * @throws nothing itself; its parse fails with issues as above (parseOrThrow: 422 `validation.failed`)
 */
export function reviewInputFor(criteria: readonly ScoreScale[] | null) {
  if (criteria === null) return reviewInput;
  // Built once per rubric and isolate: building a zod schema cost about a tenth of a score save's CPU.
  const key = JSON.stringify(criteria.map((c) => [c.key, c.min, c.max]));
  return cached(rubricSchemas, key, () => rubricSchema(criteria));
}

/** {@link reviewInputFor}'s schemas by rubric (criterion keys and scales), about the last 64 per isolate. */
const rubricSchemas = boundedCache<string, ReturnType<typeof rubricSchema>>(64);

function rubricSchema(criteria: readonly ScoreScale[]) {
  const scales = new Map(criteria.map((c) => [c.key, { key: c.key, min: c.min, max: c.max }]));
  return reviewInput.extend({
    scores: z
      .record(z.string().max(64), z.union([z.number(), z.null(), z.string()]))
      .default({})
      .transform((raw, ctx) => {
        const scores: Record<string, number | null> = {};
        for (const [key, value] of Object.entries(raw)) {
          const v = typeof value === 'string' ? value.trim() : value;
          if (v === null || v === '' || v === 'abstain') {
            scores[key] = null;
            if (!scales.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'jury.scoreInvalid' });
            continue;
          }
          const n = asWhole(v) ?? Number.NaN;
          const scale = scales.get(key);
          if (!Number.isInteger(n) || !scale || n < scale.min || n > scale.max)
            ctx.addIssue({ code: 'custom', path: [key], message: 'jury.scoreInvalid' });
          else scores[key] = n;
        }
        return scores;
      }),
  });
}

export type ReviewBody = z.input<typeof reviewInput>;

/** A rubric criterion as jurors see it (labels in every locale). */
export interface RubricCriterionView {
  key: string;
  weight: number;
  min: number;
  max: number;
  label: Record<string, string>;
  values: Record<string, Record<string, string>>;
}

/** A stored review as its juror gets it back. */
export interface ReviewView {
  version: number;
  state: ReviewState;
  scores: Record<string, number | null>;
  verdict: 'yes' | 'no' | null;
  rank: number | null;
  abstained: boolean;
  commentForJury: string;
  commentForEntrant: string;
  updatedAt: string;
}

/** One line of "my entries". */
export interface MyEntry {
  entryId: string;
  number: string | null;
  title: string;
  language: string;
  categoryId: string | null;
  review: { state: ReviewState; version: number } | null;
}
