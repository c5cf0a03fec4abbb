import { z } from 'zod';

// The public contract of publishing results: states and places are declared once beside their
// tables (db/schema/publication.ts) and re-exported here; inputs and the answers pages read.
export {
  places,
  publicationStates,
  singlePlaces,
  type Place,
  type PublicationState,
} from '../db/schema/publication.ts';
import { places, type Place, type PublicationState } from '../db/schema/publication.ts';
import type { LocalizedText } from '../db/schema/competition.ts';
import type { Outcome } from './publication-rules.ts';
import { multiLine } from '../http/text.ts';
export type { Outcome } from './publication-rules.ts';

export { WINNERS_CACHE_CONTROL } from './publication-cache.ts';

/** Longest statement per locale (characters). */
export const STATEMENT_MAX = 6000;
/** Longest unlock reason (characters). */
export const REASON_MAX = 500;

const statementText = multiLine(
  z.string({ error: 'publication.tooLong' }).trim().max(STATEMENT_MAX, { error: 'publication.tooLong' }),
).default('');

/** A statement in the three locales: `{ sk, en, uk }` (JSON) or `statement.sk`… fields (a form). */
export const statementField = z.object({ sk: statementText, en: statementText, uk: statementText });

/** Nests a form's flat `prefix.key` fields into `{ prefix: { key } }` (JSON bodies pass as they are). */
function nest(body: unknown, prefixes: readonly string[]): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const [key, value] of Object.entries(body)) {
    const dot = key.indexOf('.');
    const prefix = key.slice(0, dot);
    if (dot < 0 || !prefixes.includes(prefix)) continue;
    if (typeof out[prefix] !== 'object' || out[prefix] === null) out[prefix] = {};
    (out[prefix] as Record<string, unknown>)[key.slice(dot + 1)] = value;
    delete out[key];
  }
  return out;
}

/** The overall statement (`statement.sk`, `statement.en`, `statement.uk`). */
export const statementInput = z.preprocess(
  (b) => nest(b, ['statement']),
  z.object({ statement: statementField.default({ sk: '', en: '', uk: '' }) }),
);

/**
 * One category's form: each listed entry's place (`place.<entryId>`: a place, or `none` / empty
 * for not placed) and the category's statement.
 */
export const categoryInput = z.preprocess(
  (b) => nest(b, ['place', 'statement']),
  z.object({
    place: z
      .record(
        z.string().max(100),
        z.union([z.enum(places), z.literal('none'), z.literal('')], { error: 'publication.place' }),
      )
      .default({})
      .transform(
        (r) =>
          Object.fromEntries(Object.entries(r).filter(([, p]) => p !== 'none' && p !== '')) as Record<string, Place>,
      ),
    statement: statementField.default({ sk: '', en: '', uk: '' }),
  }),
);

/** Unlocking locked (or published) results needs a reason, kept in the audit log. */
export const unlockInput = z.object({
  reason: multiLine(
    z
      .string({ error: 'publication.reasonRequired' })
      .trim()
      .min(3, { error: 'publication.reasonRequired' })
      .max(REASON_MAX, { error: 'publication.tooLong' }),
  ),
});

/** One entry as the public sees it on the winners page (no contact data, nothing jury-only). */
export interface WinnerEntry {
  id: string;
  place: Place;
  title: string;
  outlet: string;
  authors: string[];
  /** Where the work was published (http/https only; empty when none). */
  url: string;
  /** YYYY-MM-DD. */
  publishedOn: string;
  /** ISO 639-1. */
  language: string;
  /** Shown only when the entrant granted the licence to show the work (`declaredLicence`). */
  summary: string;
}

/** The public winners page of a published edition. */
export interface WinnersView {
  edition: { id: string; name: LocalizedText };
  publishedAt: string;
  /** Demo results: the page says so. */
  demo: boolean;
  statement: LocalizedText;
  categories: {
    id: string;
    slug: string;
    name: LocalizedText;
    statement: LocalizedText;
    /** Placed entries, winner first; `shortlist` last. */
    entries: WinnerEntry[];
  }[];
  /** Accepted jurors who wrote a bio. */
  jurors: { name: string; bio: string }[];
}

/** An entry the managers' form lists, with its outcome in the last round. */
export interface CandidateView {
  id: string;
  number: string | null;
  title: string;
  language: string;
  place: Place | null;
  /** Submitted reviews in the last round. */
  reviews: number;
  /** Mean of the round's measure: weighted score 0–100 (rubric), share of yes 0–100 (screening), mean rank (ranked); null without reviews. */
  mean: number | null;
  /** The jury's suggested place in the category (1 = best; see `ManageView.suggestedBy`); null: none. */
  suggested: number | null;
  /** Whether that place is shared (a tie on the leaderboard, or a Schulze tie broken by the seeded ranking). */
  suggestedTied: boolean;
}

/** The managers' view of an edition's results. */
export interface ManageView {
  edition: { id: string; name: LocalizedText };
  state: PublicationState;
  statement: LocalizedText;
  lockedAt: string | null;
  publishedAt: string | null;
  /** The last round, whose entries the forms list (null: no round, every eligible entry is listed). */
  round: { id: string; name: LocalizedText; kind: string } | null;
  /** Where `suggested` comes from: the Schulze order (ranked round), the normalised leaderboard rank (rubric round), or null. */
  suggestedBy: 'schulze' | 'normalised' | null;
  categories: {
    id: string;
    slug: string;
    name: LocalizedText;
    statement: LocalizedText;
    candidates: CandidateView[];
  }[];
  /** Entrants mailed their feedback so far. */
  feedbackQueued: number;
}

/** An entrant's own entry after the results were published. */
export interface FeedbackView {
  entry: { id: string; number: string | null; title: string; editionId: string; category: LocalizedText | null };
  edition: { id: string; name: LocalizedText };
  outcome: Outcome;
  /** Jurors' comments for the entrant; `juror` only when the edition is not blind. */
  comments: { text: string; juror: string | null; round: LocalizedText }[];
}
