import { z } from 'zod';
import { multiLine } from '../http/text.ts';
import { wholeNumber } from '../http/numbers.ts';
import { ageGroups } from './facets.schemas.ts';
import { defaultLocale, locales } from '../../core/locales.ts';
import { schoolTypes } from '../db/schema/index.ts';

/** School types a teacher may name (declared once in the database schema). */
export { schoolTypes };

export const downloadQuery = z.object({
  file: z.string().min(1).max(200),
  lang: z.enum(locales).catch(defaultLocale),
});

/** "How did you use it?": anonymous, so nothing here names a person. */
export const feedbackInput = z.object({
  materialId: z.string().min(1).max(100),
  lang: z.enum(locales).catch(defaultLocale),
  students: wholeNumber(1, 10_000, 'feedback.studentsInvalid'),
  ageGroup: z.enum(ageGroups, { error: 'feedback.ageGroupRequired' }),
  schoolType: z.enum(schoolTypes, { error: 'feedback.schoolTypeRequired' }),
  comment: multiLine(z.string().trim().max(1000, { error: 'feedback.commentTooLong' })).default(''),
});
export type FeedbackInput = z.infer<typeof feedbackInput>;
