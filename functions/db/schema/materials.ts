import { integer, primaryKey, sqliteTable, text, index } from 'drizzle-orm/sqlite-core';

/**
 * Download counts of the teachers' library. Deliberately nothing about the person: no IP
 * address, cookie, user agent or time of day — one counter per material, file, locale and day.
 */
export const downloadCounts = sqliteTable(
  'download_counts',
  {
    /** A material id or a kit id (`kit-<chapter>`), as listed in /materials/manifest.json. */
    materialId: text('material_id').notNull(),
    file: text('file').notNull(),
    /** The language of the page the download started from. */
    locale: text('locale').notNull(),
    /** UTC day, `YYYY-MM-DD`. */
    day: text('day').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.materialId, t.file, t.locale, t.day] })],
);

export const schoolTypes = [
  'primary',
  'lower-secondary',
  'upper-secondary',
  'vocational',
  'university',
  'informal',
  'other',
] as const;
export type SchoolType = (typeof schoolTypes)[number];

/** Anonymous answers to "How did you use it?": no names, no contact, no network data. */
export const materialFeedback = sqliteTable(
  'material_feedback',
  {
    id: text('id').primaryKey(),
    materialId: text('material_id').notNull(),
    locale: text('locale').notNull(),
    /** How many learners the material reached. */
    students: integer('students').notNull(),
    ageGroup: text('age_group').notNull(),
    schoolType: text('school_type', { enum: schoolTypes }).notNull(),
    /** Free text, at most 1000 characters; the form asks for no names. */
    comment: text('comment').notNull().default(''),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('material_feedback_material').on(t.materialId)],
);
