import type { lunchHouseholds } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { householdsOfDay } from './days.service.ts';
import { matchOptions, toMatch } from './matching-rows.ts';
import { matchHouseholds } from './matching.ts';
import { pairsOfDay } from './pairs.service.ts';

type Row = typeof lunchHouseholds.$inferSelect;

/**
 * The matcher's proposal for a lunch day, over the households holding a confirmed place and not
 * yet in an approved pair: pairs with their reasons, the unmatched with why, the approved pairs,
 * and the contact name, town and arrival number of each confirmed household so coordinators can judge.
 * @throws AppError `lunch.dayNotFound` (404) when there is no such day
 */
export async function matchDay(deps: Pick<Deps, 'db'>, dayId: string) {
  const { day, households } = await householdsOfDay(deps, dayId);
  const approved = await pairsOfDay(deps, dayId);
  const paired = new Set(approved.flatMap((p) => [p.hostId, p.guestId]));
  const confirmed = households.filter((h) => h.status === 'confirmed' && !paired.has(h.id));
  const of = (role: Row['role']) => confirmed.filter((h) => h.role === role).flatMap((h) => toMatch(h) ?? []);
  const result = matchHouseholds(of('host'), of('guest'), matchOptions(day));
  return {
    ...result,
    approved,
    households: households
      .filter((h) => h.status === 'confirmed')
      .map((h) => ({ id: h.id, role: h.role, contactName: h.contactName, town: h.town, queueSeq: h.queueSeq })),
  };
}
