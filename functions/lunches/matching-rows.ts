import type { lunchDays, lunchHouseholds } from '../db/schema/index.ts';
import type { MatchHousehold, MatchOptions } from './matching.ts';
import { isTown } from './towns.ts';

// The matcher's view of stored rows, pure (no I/O): the proposals (matching.service.ts) and the
// coordinators' approval (pairs.service.ts) read households and days the same way.

type Household = typeof lunchHouseholds.$inferSelect;

/** What the matcher knows of a stored household; null when its town is not one of the built-in towns. */
export const toMatch = (h: Household): MatchHousehold | null =>
  isTown(h.town)
    ? {
        id: h.id,
        languages: h.languages,
        town: h.town,
        maxTravelKm: h.maxTravelKm,
        adults: h.adults,
        children: h.children,
        diets: h.diets,
        hasAllergies: h.allergies.trim() !== '',
        canCookFor: h.canCookFor,
        seats: h.seats,
        hasPets: h.hasPets,
        avoidPets: h.avoidPets,
      }
    : null;

/** The matcher's options for a day: its format, and its town (Bratislava when the stored town is unknown). */
export const matchOptions = (day: Pick<typeof lunchDays.$inferSelect, 'format' | 'city'>): MatchOptions => ({
  format: day.format,
  city: isTown(day.city) ? day.city : 'Bratislava',
});
