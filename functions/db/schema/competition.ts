import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';

/** States of an entry, declared once. Only `submitted` entries go to screening and the jury. */
export const entryStatuses = ['draft', 'submitted', 'withdrawn'] as const;
export type EntryStatus = (typeof entryStatuses)[number];

/** The organisers' screening decision on a submitted entry. */
export const screeningStates = ['pending', 'eligible', 'ineligible'] as const;
export type ScreeningState = (typeof screeningStates)[number];

/** Text in every locale, stored as JSON `{ "sk": "…", "en": "…", "uk": "…" }`. */
export type LocalizedText = Record<string, string>;

/**
 * A competition edition (e.g. 2027). Times are instants (UTC in the database); `timeZone` is the
 * zone the rules are written in and pages name next to every time they show.
 */
export const editions = sqliteTable('competition_editions', {
  /** The year, as text: `2027`. Also the role scope `edition:2027`. */
  id: text('id').primaryKey(),
  name: text('name', { mode: 'json' }).$type<LocalizedText>().notNull(),
  rules: text('rules', { mode: 'json' }).$type<LocalizedText>().notNull(),
  prizes: text('prizes', { mode: 'json' }).$type<LocalizedText>().notNull(),
  timeZone: text('time_zone').notNull().default('Europe/Bratislava'),
  submissionsOpenAt: integer('submissions_open_at', { mode: 'timestamp_ms' }).notNull(),
  submissionsCloseAt: integer('submissions_close_at', { mode: 'timestamp_ms' }).notNull(),
  /** First and last day (YYYY-MM-DD, inclusive) a work may have been published to be eligible. */
  publishedFrom: text('published_from').notNull(),
  publishedUntil: text('published_until').notNull(),
  /** The jury phase (scoring is another module); shown on the timeline when set. */
  juryStartsAt: integer('jury_starts_at', { mode: 'timestamp_ms' }),
  juryEndsAt: integer('jury_ends_at', { mode: 'timestamp_ms' }),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A category of an edition (written & online, video…) with the rules entries in it must meet. */
export const categories = sqliteTable(
  'competition_categories',
  {
    id: text('id').primaryKey(),
    editionId: text('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    /** Stable short name within the edition, e.g. `video`. */
    slug: text('slug').notNull(),
    position: integer('position').notNull().default(0),
    name: text('name', { mode: 'json' }).$type<LocalizedText>().notNull(),
    description: text('description', { mode: 'json' }).$type<LocalizedText>().notNull(),
    /** ISO 639-1 codes of the languages a work may be in. */
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
    /** Media types accepted for the work's files (checked once uploads are attached). */
    fileTypes: text('file_types', { mode: 'json' }).$type<string[]>().notNull(),
    /** Largest accepted file, in bytes. */
    maxFileBytes: integer('max_file_bytes').notNull(),
    /** How many files of kind `work` an entry must have (0 = none needed, e.g. an online article by URL). */
    minWorkFiles: integer('min_work_files').notNull().default(0),
    /** Submitted entries one entrant may have in this category. */
    entriesPerEntrant: integer('entries_per_entrant').notNull().default(1),
    /** Entry fields that must be filled beyond the always-required ones (e.g. `url`, `outlet`). */
    requiredFields: text('required_fields', { mode: 'json' }).$type<string[]>().notNull(),
  },
  (t) => [uniqueIndex('competition_categories_slug').on(t.editionId, t.slug)],
);

/** One author of an entry. Identifying: never shown to the jury. */
export interface EntryAuthor {
  name: string;
  /** e.g. "reporter", "camera". */
  role: string;
}

/**
 * An entrant's entry. A draft is saved step by step; submitting gives it a number. Fields marked
 * IDENTIFYING name the author or outlet and are left out of the jury's blind view (see blind.ts).
 */
export const entries = sqliteTable(
  'competition_entries',
  {
    id: text('id').primaryKey(),
    editionId: text('edition_id')
      .notNull()
      .references(() => editions.id),
    entrantId: text('entrant_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: entryStatuses }).notNull().default('draft'),
    screening: text('screening', { enum: screeningStates }).notNull().default('pending'),
    /** Why an entry was found ineligible; mailed to the entrant. */
    screeningReason: text('screening_reason'),
    /** Per-edition sequence, set once on the first submission (unique per edition: race-free numbers). */
    seq: integer('seq'),
    /** `MIS-2027-0042`, derived from `seq` in the same statement. */
    number: text('number'),
    categoryId: text('category_id').references(() => categories.id),
    title: text('title').notNull().default(''),
    /** ISO 639-1 code of the work's language. */
    language: text('language').notNull().default(''),
    /** IDENTIFYING: the medium that published the work. */
    outlet: text('outlet').notNull().default(''),
    /** YYYY-MM-DD. */
    publishedOn: text('published_on').notNull().default(''),
    /** IDENTIFYING: where the work was published. */
    url: text('url').notNull().default(''),
    summary: text('summary').notNull().default(''),
    /** English or Slovak summary, required when the work is in another language. */
    summaryTranslation: text('summary_translation').notNull().default(''),
    /** IDENTIFYING: the entrant's country (ISO 3166-1 alpha-2); for statistics and filters. */
    country: text('country').notNull().default(''),
    /** IDENTIFYING: authors and co-authors. */
    authors: text('authors', { mode: 'json' }).$type<EntryAuthor[]>().notNull().default([]),
    /** IDENTIFYING (names jurors and, indirectly, the author): the entrant's declared conflicts, free text. */
    conflicts: text('conflicts').notNull().default(''),
    declaredOwnWork: integer('declared_own_work', { mode: 'boolean' }).notNull().default(false),
    declaredLicence: integer('declared_licence', { mode: 'boolean' }).notNull().default(false),
    declaredRules: integer('declared_rules', { mode: 'boolean' }).notNull().default(false),
    declaredPrivacy: integer('declared_privacy', { mode: 'boolean' }).notNull().default(false),
    /** Language the entrant uses; screening mails go out in it. */
    locale: text('locale').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('competition_entries_seq').on(t.editionId, t.seq),
    uniqueIndex('competition_entries_number').on(t.number),
    index('competition_entries_entrant').on(t.entrantId),
    index('competition_entries_edition').on(t.editionId, t.status),
  ],
);

/** What a file of an entry is: the work itself, or supporting material (a transcript, a translation). */
export const entryFileKinds = ['work', 'supporting'] as const;
export type EntryFileKind = (typeof entryFileKinds)[number];

/**
 * The hook for the upload module: one row per file attached to an entry, written when an upload
 * (functions/uploads/) completes. Eligibility reads these rows (types, sizes, required files).
 * `name` is IDENTIFYING (file names often carry the author's name); the jury gets blind copies.
 */
export const entryFiles = sqliteTable(
  'competition_entry_files',
  {
    id: text('id').primaryKey(),
    entryId: text('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    /** The upload's R2 key, made by the server. */
    uploadKey: text('upload_key').notNull(),
    kind: text('kind', { enum: entryFileKinds }).notNull(),
    /** The cleaned original file name. */
    name: text('name').notNull(),
    size: integer('size').notNull(),
    /** Media type as detected from the file's first bytes. */
    type: text('type').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('competition_entry_files_entry').on(t.entryId)],
);

/**
 * A deadline extension for one entrant: the access code is mailed once and stored only as a hash;
 * it works for that entrant only, until `until`.
 */
export const extensions = sqliteTable(
  'competition_extensions',
  {
    id: text('id').primaryKey(),
    editionId: text('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    entrantId: text('entrant_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    until: integer('until', { mode: 'timestamp_ms' }).notNull(),
    /** Set when the entrant entered the code; only redeemed extensions move the deadline. */
    redeemedAt: integer('redeemed_at', { mode: 'timestamp_ms' }),
    grantedBy: text('granted_by').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('competition_extensions_entrant').on(t.editionId, t.entrantId)],
);
