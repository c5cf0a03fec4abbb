import { sqliteTable, text, integer, real, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';
import { categories, editions, entries, type LocalizedText } from './competition.ts';
// States, declared once (re-exported by functions/jury/jury.schemas.ts).
/** How well a juror reads a language. */
export const readingLevels = ['native', 'fluent', 'reading'] as const;
/** What a juror declares a conflict with, up front. */
export const declaredConflictKinds = ['person', 'outlet'] as const;
/** Where a juror ↔ entry conflict comes from. */
export const entryConflictSources = ['recusal', 'entrant', 'manager'] as const;
/** Kinds of round: screening (yes/no), rubric scoring, ranked ballot. */
export const roundKinds = ['screening', 'rubric', 'ranked'] as const;
/** Which entries a round takes: every eligible one, or the round before's shortlist per category. */
export const roundSources = ['all', 'shortlist'] as const;
/** When jurors see each other's scores. */
export const scoreVisibilities = ['never', 'afterOwn', 'always'] as const;
/** How an assignment was made. */
export const assignmentSources = ['auto', 'manual'] as const;
/** A review is a draft until the juror submits it. */
export const reviewStates = ['draft', 'submitted'] as const;
/** A screening round's answer. */
export const screeningVerdicts = ['yes', 'no'] as const;
/** Reminders before a round closes: N days before, and the last day. */
export const reminderKinds = ['days', 'lastDay'] as const;
/** Where a round stands at a moment (server clock). */
export const roundStates = ['upcoming', 'open', 'closed'] as const;

export type ReadingLevelName = (typeof readingLevels)[number];
export type RoundKind = (typeof roundKinds)[number];
export type RoundState = (typeof roundStates)[number];
export type ScoreVisibility = (typeof scoreVisibilities)[number];
export type ReviewState = (typeof reviewStates)[number];

/** A language a juror reads, and how well. */
export interface JurorLanguage {
  /** ISO 639-1 code. */
  code: string;
  level: (typeof readingLevels)[number];
}

/**
 * A juror of one edition. Made by a manager's invitation (the mailed token is stored only as a
 * hash); accepting it gives the person the role `juror` for `edition:<year>`.
 */
export const jurors = sqliteTable(
  'jury_jurors',
  {
    id: text('id').primaryKey(),
    editionId: text('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the invitation token; kept after acceptance, so opening the link again says "accepted already" (it grants nothing twice). */
    tokenHash: text('token_hash'),
    invitedBy: text('invited_by').notNull(),
    invitedAt: integer('invited_at', { mode: 'timestamp_ms' }).notNull(),
    acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }),
    /** Languages the juror reads, with a level. */
    languages: text('languages', { mode: 'json' }).$type<JurorLanguage[]>().notNull().default([]),
    /** Category ids the juror is expert in (preferred by the assignment). */
    expertise: text('expertise', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Short public bio (shown on the edition's jury page once results are out). */
    bio: text('bio').notNull().default(''),
    /** The outlet the juror works for: its entries are always in conflict. */
    employer: text('employer').notNull().default(''),
    /** Most entries per round (null: no limit). */
    cap: integer('cap'),
    /**
     * When the juror set aside the prompt to add a passkey (null: not set aside). The prompt shows
     * on the jury pages while the person has no passkey and this is null.
     */
    passkeyPromptDismissedAt: integer('passkey_prompt_dismissed_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('jury_jurors_edition_user').on(t.editionId, t.userId),
    uniqueIndex('jury_jurors_token').on(t.tokenHash),
  ],
);

/** People and outlets a juror declared a conflict with, up front (matched against authors and outlets). */
export const jurorConflicts = sqliteTable(
  'jury_declared_conflicts',
  {
    id: text('id').primaryKey(),
    jurorId: text('juror_id')
      .notNull()
      .references(() => jurors.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: declaredConflictKinds }).notNull(),
    /** A person's or outlet's name as the juror wrote it. */
    name: text('name').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('jury_declared_conflicts_juror').on(t.jurorId)],
);

/**
 * A conflict between a juror and one entry: a recusal (with its reason), one a manager recorded,
 * or the entrant naming the juror (resolved from the entry's conflicts step).
 */
export const entryConflicts = sqliteTable(
  'jury_entry_conflicts',
  {
    id: text('id').primaryKey(),
    jurorId: text('juror_id')
      .notNull()
      .references(() => jurors.id, { onDelete: 'cascade' }),
    entryId: text('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    source: text('source', { enum: entryConflictSources }).notNull(),
    reason: text('reason').notNull().default(''),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('jury_entry_conflicts_pair').on(t.jurorId, t.entryId)],
);

/** Which entries were left uncovered by the last automatic assignment, and why. */
export interface AssignmentRun {
  at: string;
  cost: number;
  worstQuality: number;
  loadSpread: number;
  /** Entries left short, why, and (since the explanation counts them) their readers and conflict-free readers. */
  uncovered: { entryId: string; missing: number; reason: string; readers?: number; eligible?: number }[];
}

/**
 * A round of judging: ordered per edition; open/close are instants (entered as wall-clock times
 * in Europe/Bratislava); the server's clock decides, with no extensions for jurors.
 */
export const rounds = sqliteTable(
  'jury_rounds',
  {
    id: text('id').primaryKey(),
    editionId: text('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: roundKinds }).notNull(),
    name: text('name', { mode: 'json' }).$type<LocalizedText>().notNull(),
    opensAt: integer('opens_at', { mode: 'timestamp_ms' }).notNull(),
    closesAt: integer('closes_at', { mode: 'timestamp_ms' }).notNull(),
    source: text('source', { enum: roundSources }).notNull(),
    /** For `source: shortlist`: how many entries per category go on from the round before. */
    shortlistSize: integer('shortlist_size'),
    /** Jurors per entry (k). */
    perEntry: integer('per_entry').notNull(),
    visibility: text('visibility', { enum: scoreVisibilities }).notNull(),
    /** Whether jurors see each other's names next to the scores they may see. */
    namesShown: integer('names_shown', { mode: 'boolean' }).notNull().default(false),
    /** The last automatic assignment's summary (explanation for managers). */
    lastRun: text('last_run', { mode: 'json' }).$type<AssignmentRun>(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('jury_rounds_position').on(t.editionId, t.position)],
);

/** One criterion of a category's rubric. */
export interface RubricCriterion {
  /** Stable key, e.g. `accuracy`. */
  key: string;
  /** Relative weight (> 0); weights are re-normalised over the criteria a juror did not abstain on. */
  weight: number;
  min: number;
  max: number;
  label: LocalizedText;
  /** Labels of scale values, by value (`"1"` … `"5"`), each in every locale. */
  values: Record<string, LocalizedText>;
}

/** The rubric of a category, and the languages of a summary translation jurors may score from. */
export const rubrics = sqliteTable('jury_rubrics', {
  categoryId: text('category_id')
    .primaryKey()
    .references(() => categories.id, { onDelete: 'cascade' }),
  editionId: text('edition_id')
    .notNull()
    .references(() => editions.id, { onDelete: 'cascade' }),
  criteria: text('criteria', { mode: 'json' }).$type<RubricCriterion[]>().notNull(),
  /** Languages of the summary translation this category accepts for jurors ([] : only readers of the work's language). */
  summaryLanguages: text('summary_languages', { mode: 'json' }).$type<string[]>().notNull().default([]),
});

/** A juror assigned to an entry in a round (automatically or by hand). */
export const assignments = sqliteTable(
  'jury_assignments',
  {
    id: text('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    entryId: text('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    jurorId: text('juror_id')
      .notNull()
      .references(() => jurors.id, { onDelete: 'cascade' }),
    source: text('source', { enum: assignmentSources }).notNull(),
    /** Match quality in [0, 1] from the assignment. */
    quality: real('quality').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('jury_assignments_pair').on(t.roundId, t.entryId, t.jurorId),
    index('jury_assignments_juror').on(t.jurorId, t.roundId),
  ],
);

/**
 * A juror's review of an entry in a round: one per juror per entry and round (S11, unique index).
 * Every save names the `version` it edits; the stored version grows by one per save.
 */
export const reviews = sqliteTable(
  'jury_reviews',
  {
    id: text('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    entryId: text('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    jurorId: text('juror_id')
      .notNull()
      .references(() => jurors.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** Random id of the save that wrote this version: tells two saves in the same millisecond apart. */
    saveId: text('save_id').notNull(),
    state: text('state', { enum: reviewStates }).notNull(),
    /** Per criterion key: the value, or null for an abstention on that criterion (rubric rounds). */
    scores: text('scores', { mode: 'json' }).$type<Record<string, number | null>>().notNull().default({}),
    /** Screening rounds: yes or no. */
    verdict: text('verdict', { enum: screeningVerdicts }),
    /** Ranked rounds: the juror's rank for this entry (1 = best). */
    rank: integer('rank'),
    /** The juror abstains on the whole entry. */
    abstained: integer('abstained', { mode: 'boolean' }).notNull().default(false),
    /** Seen by the jury and managers only. */
    commentForJury: text('comment_for_jury').notNull().default(''),
    /** May be passed to the entrant after the results. */
    commentForEntrant: text('comment_for_entrant').notNull().default(''),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('jury_reviews_one').on(t.roundId, t.entryId, t.jurorId),
    index('jury_reviews_entry').on(t.roundId, t.entryId),
  ],
);

/** Reminders mailed: one row per round, juror and kind, so each goes out once. */
export const reminders = sqliteTable(
  'jury_reminders',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    jurorId: text('juror_id')
      .notNull()
      .references(() => jurors.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: reminderKinds }).notNull(),
    /** The scheduled run (or manual send) that wrote the row: its mail goes out only from that run. */
    runId: text('run_id').notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('jury_reminders_once').on(t.roundId, t.jurorId, t.kind)],
);
