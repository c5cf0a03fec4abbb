import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type HouseholdRole, placeHoldingStatuses } from '../db/schema/index.ts';

/**
 * The capacity rule (S15) as SQL fragments, written once and used by the day list, the sign-up
 * confirmation, caseworker sign-ups and wait-list offers. Each takes the day and the role as SQL
 * (a column of the outer statement, e.g. sql`lunch_households.day_id`) or as bound values, so the
 * check runs inside the one statement that writes: D1 has no interactive transactions.
 */

/** A day or a role in a fragment: a bound value, or SQL naming a column of the outer statement. */
type Operand = string | SQLWrapper;

const holding = sql.raw(`(${placeHoldingStatuses.map((s) => `'${s}'`).join(', ')})`);

/** SQL (a number): how many of the day's places for the role are held, by confirmed or offered households. */
export const placesHeld = (day: Operand, role: Operand | HouseholdRole): SQL<number> =>
  sql<number>`(SELECT count(*) FROM lunch_households h WHERE h.day_id = ${day} AND h.role = ${role} AND h.status IN ${holding})`;

/** SQL (a number): the day's places for the role (`host_places` or `guest_places`). */
export const placesOffered = (day: Operand, role: Operand | HouseholdRole): SQL<number> =>
  sql<number>`(SELECT CASE ${role} WHEN 'host' THEN d.host_places ELSE d.guest_places END FROM lunch_days d WHERE d.id = ${day})`;

/** SQL (a condition): a place for the role is free on the day. */
export const placeFree = (day: Operand, role: Operand | HouseholdRole): SQL =>
  sql`${placesHeld(day, role)} < ${placesOffered(day, role)}`;

/** Places left to show: never below zero, though a coordinator may lower a day's places after sign-ups. */
export const placesLeft = (places: number, held: number): number => Math.max(0, places - held);
