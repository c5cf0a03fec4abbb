import type { Deps } from '../deps.ts';
import type { lunchHouseholds } from '../db/schema/index.ts';
import { householdsOfDay } from './lunches.service.ts';
import { pairsOfDay } from './pairs.service.ts';
import { matchHouseholds, type Cooking, type Diet, type MatchHousehold } from './matching.ts';
import { isTown } from './towns.ts';

type Row = typeof lunchHouseholds.$inferSelect;

export const toMatch = (h: Row): MatchHousehold | null =>
  isTown(h.town)
    ? {
        id: h.id,
        languages: JSON.parse(h.languages) as string[],
        town: h.town,
        maxTravelKm: h.maxTravelKm,
        adults: h.adults,
        children: JSON.parse(h.children) as MatchHousehold['children'],
        diets: JSON.parse(h.diets) as Diet[],
        hasAllergies: h.allergies.trim() !== '',
        canCookFor: JSON.parse(h.canCookFor) as Cooking[],
        seats: h.seats,
        hasPets: h.hasPets,
        avoidPets: h.avoidPets,
      }
    : null;

/**
 * The matcher's proposal for a lunch day, over the households holding a confirmed place: pairs
 * with their reasons, the unmatched with why, and the town of each so coordinators can judge.
 */
export async function matchDay(deps: Pick<Deps, 'db' | 'clock' | 'config'>, dayId: string) {
  const { day, households } = await householdsOfDay(deps, dayId);
  const approved = await pairsOfDay(deps, dayId);
  const paired = new Set(approved.flatMap((p) => [p.hostId, p.guestId]));
  const confirmed = households.filter((h) => h.status === 'confirmed' && !paired.has(h.id));
  const of = (role: Row['role']) => confirmed.filter((h) => h.role === role).flatMap((h) => toMatch(h) ?? []);
  const result = matchHouseholds(of('host'), of('guest'), {
    format: day.format,
    city: isTown(day.city) ? day.city : 'Bratislava',
  });
  return {
    ...result,
    approved,
    households: households
      .filter((h) => h.status === 'confirmed')
      .map((h) => ({ id: h.id, role: h.role, town: h.town, queueSeq: h.queueSeq })),
  };
}
