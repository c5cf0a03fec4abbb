import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type HouseholdRole, lunchHouseholds, lunchSurveyAnswers, type meetAgainAnswers } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { isoDay } from './dates.ts';
import { purposes, verifyLink } from './links.ts';
import type { SurveyInput } from './lunches.schemas.ts';

// The anonymous after-lunch survey: the household's one-use link, the answer without the household.
type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/**
 * Where a survey link stands: `open` (signed for the survey, mailed, not yet answered), `answered`
 * (it was used: a second submit is told "already answered, thank you", not "invalid"), or `invalid`
 * (forged, never mailed, or its household is gone).
 */
export type SurveyLinkState = 'open' | 'answered' | 'invalid';

/** The state of a survey link, see {@link SurveyLinkState}. */
export async function surveyLinkState(
  deps: Pick<Deps, 'db' | 'config'>,
  id: string,
  sig: string,
): Promise<SurveyLinkState> {
  if (!(await verifyLink(deps, purposes.survey, id, sig))) return 'invalid';
  const row = await deps.db
    .select({ sent: lunchHouseholds.surveySentAt, answered: lunchHouseholds.surveyAnsweredAt })
    .from(lunchHouseholds)
    .where(eq(lunchHouseholds.id, id))
    .get();
  if (!row?.sent) return 'invalid';
  return row.answered ? 'answered' : 'open';
}

/** Whether a survey link may still be answered: signed for the survey, mailed, not yet answered. */
export async function surveyOpen(deps: Pick<Deps, 'db' | 'config'>, id: string, sig: string): Promise<boolean> {
  return (await surveyLinkState(deps, id, sig)) === 'open';
}

/**
 * Stores a survey answer without the household: the answer is copied with only the day and the
 * side while the household's link is unused, and the household is marked as having answered (so
 * the link works once) — one batch, which D1 and libSQL run as one transaction, so two clicks
 * store one answer. `stored` when this call stored it; else the link's state (`answered` for a
 * double submit, `invalid`).
 */
export async function answerSurvey(
  deps: ServiceDeps,
  id: string,
  sig: string,
  input: SurveyInput,
): Promise<'stored' | Exclude<SurveyLinkState, 'open'>> {
  if (!(await verifyLink(deps, purposes.survey, id, sig))) return 'invalid';
  const { db } = deps;
  const now = deps.clock();
  const unused = and(
    eq(lunchHouseholds.id, id),
    sql`${lunchHouseholds.surveySentAt} IS NOT NULL`,
    isNull(lunchHouseholds.surveyAnsweredAt),
  );
  const [stored] = await db.batch([
    db
      .insert(lunchSurveyAnswers)
      .select(
        db
          .select({
            id: sql<string>`${crypto.randomUUID()}`.as('id'),
            dayId: sql<string>`${lunchHouseholds.dayId}`.as('day_id'),
            role: sql<string>`${lunchHouseholds.role}`.as('role'),
            rating: sql<number>`${input.rating}`.as('rating'),
            meetAgain: sql<string>`${input.meetAgain}`.as('meet_again'),
            comment: sql<string>`${input.comment}`.as('comment'),
            createdOn: sql<string>`${isoDay(now)}`.as('created_on'),
          })
          .from(lunchHouseholds)
          .where(unused),
      )
      .returning({ id: lunchSurveyAnswers.id }),
    db.update(lunchHouseholds).set({ surveyAnsweredAt: now }).where(unused),
  ]);
  if (stored.length === 1) return 'stored';
  const state = await surveyLinkState(deps, id, sig);
  return state === 'open' ? 'invalid' : state;
}

/** One side's survey answers for a day, summed up. */
export interface SurveySide {
  answers: number;
  /** Mean rating (1–5) to one decimal; null without answers. */
  averageRating: number | null;
  /** How many answered yes, maybe and no to "would you meet again". */
  meetAgain: Record<(typeof meetAgainAnswers)[number], number>;
  /** The non-empty comments, oldest day first. */
  comments: string[];
}

/** What coordinators see of a day's survey: per side, the count, the average rating, meet-again counts and the comments. */
export async function surveyResults(deps: Pick<Deps, 'db'>, dayId: string): Promise<Record<HouseholdRole, SurveySide>> {
  const rows = await deps.db
    .select()
    .from(lunchSurveyAnswers)
    .where(eq(lunchSurveyAnswers.dayId, dayId))
    .orderBy(asc(lunchSurveyAnswers.createdOn));
  const side = (role: HouseholdRole): SurveySide => {
    const mine = rows.filter((r) => r.role === role);
    return {
      answers: mine.length,
      averageRating: mine.length
        ? Math.round((mine.reduce((sum, r) => sum + r.rating, 0) / mine.length) * 10) / 10
        : null,
      meetAgain: {
        yes: mine.filter((r) => r.meetAgain === 'yes').length,
        maybe: mine.filter((r) => r.meetAgain === 'maybe').length,
        no: mine.filter((r) => r.meetAgain === 'no').length,
      },
      comments: mine.map((r) => r.comment).filter(Boolean),
    };
  };
  return { host: side('host'), guest: side('guest') };
}
