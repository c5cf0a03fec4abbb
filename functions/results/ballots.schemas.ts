import { z } from 'zod';
import { multiLine } from '../http/text.ts';
import { asWhole, formVersion, wholeNumber } from '../http/numbers.ts';

// The public contract of the shortlist, the ranked ballots and their Schulze count (pages import
// these schemas and answer types; the services live beside them).

export { shortlistWays, type ShortlistWay } from '../db/schema/ballots.ts';

/** Most entries a category's ballot may hold (a rank select per entry). */
export const BALLOT_MAX = 50;
/** Longest reason for choosing or removing an entry (characters). */
export const REASON_MAX = 500;

const reason = multiLine(
  z
    .string({ error: 'shortlist.reasonRequired' })
    .trim()
    .min(3, { error: 'shortlist.reasonRequired' })
    .max(REASON_MAX, { error: 'shortlist.reasonTooLong' }),
);
const id = z.string().min(1).max(64);
/** A count from JSON, or its text from a form. */
const count = wholeNumber(1, BALLOT_MAX, 'shortlist.size');

/**
 * Moves entries of a round onto its shortlist, in one action.
 * `top`: the best `n` per category by the round's mean score; where entries tie at the cut, `ties`
 * names those of the tied entries the manager takes (as many as places are left, or all of them).
 * `chosen`: the entries named, each with its reason (`reasons[entryId]`).
 */
export const shortlistInput = z.discriminatedUnion(
  'way',
  [
    z.object({
      way: z.literal('top'),
      n: count,
      ties: z.array(id).max(500).default([]),
      /** Which mean ranks a rubric round: normalised (default) or raw (functions/results/shortlist.service.ts `roundMeans`). */
      scores: z.enum(['raw', 'normalised']).catch('normalised').default('normalised'),
    }),
    z.object({
      way: z.literal('chosen'),
      entries: z.array(id).min(1, { error: 'shortlist.chooseEntries' }).max(500),
      reasons: z.record(id, z.string().max(REASON_MAX * 2)).default({}),
    }),
  ],
  { error: 'shortlist.way' },
);
export type ShortlistInput = z.infer<typeof shortlistInput>;
export type ShortlistBody = z.input<typeof shortlistInput>;

/** Takes one entry off a round's shortlist: a reason is needed too. */
export const shortlistRemoveInput = z.object({ entryId: id, reason });

/** The reason a chosen entry needs (checked per entry by the service, so each gets its own field error). */
export const chosenReason = reason;

/** A rank as typed: a positive whole number, or '' / null for "not ranked". */
const rank = z.union([z.number(), z.null(), z.string().trim()]).transform((v, ctx) => {
  if (v === null || v === '') return null;
  const n = asWhole(v) ?? Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > BALLOT_MAX) {
    ctx.addIssue({ code: 'custom', message: 'ballot.rankInvalid' });
    return z.NEVER;
  }
  return n;
});

/** The ballot form's buttons (`action`): keep as a draft or submit; any other value is refused (400). */
export const ballotActions = ['draft', 'submit'] as const;

/**
 * A save of a juror's ballot for one category: `version` is the version the form was based on (0 for
 * a first save); `ranks` per entry id: 1 = best, equal numbers are ties, empty = not ranked (below
 * every ranked entry). `submit` marks it final for the juror (still changeable while the round is open).
 */
export const ballotInput = z.object({
  version: formVersion('jury.version'),
  ranks: z.record(id, rank).default({}),
  submit: z
    .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('')])
    .default(false)
    .transform((v) => v === true || v === 'on' || v === 'true'),
});
export type BallotInput = z.infer<typeof ballotInput>;
export type BallotBody = z.input<typeof ballotInput>;

/** A stored ballot as its juror gets it back. */
export interface BallotView {
  version: number;
  state: 'draft' | 'submitted';
  ranks: Record<string, number | null>;
  updatedAt: string;
}

/** The Schulze method's source, cited on the managers' result page (an English title in every locale). */
export const SCHULZE_SOURCE =
  'Markus Schulze, “A new monotonic, clone-independent, reversal symmetric, and Condorcet-consistent single-winner election method”, Social Choice and Welfare 36 (2011) 267–303';
