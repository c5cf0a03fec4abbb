import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { lunchHouseholds } from '../db/schema/index.ts';
import { createTestDb } from '../testing/db.ts';
import { createLunchDay, insertHousehold } from '../testing/factories.ts';
import { matchOptions, toMatch } from './matching-rows.ts';

describe("the matcher's view of stored rows", () => {
  it('maps a stored household (JSON columns read back as values); a town outside the list gives null', async () => {
    const { db } = await createTestDb();
    const dayId = await createLunchDay({ db, clock: () => new Date('2026-11-23T10:00:00Z') });
    const stored = async (id: string) =>
      (await db.select().from(lunchHouseholds).where(eq(lunchHouseholds.id, id)).get())!;
    const host = await insertHousehold(db, dayId, {
      role: 'host',
      languages: ['sk', 'en'],
      town: 'Trnava',
      maxTravelKm: 15,
      adults: 2,
      children: { '3-5': 1 },
      allergies: ' ',
      canCookFor: ['halal', 'allergies'],
      seats: 4,
      hasPets: true,
    });
    expect(toMatch(await stored(host))).toEqual({
      id: host,
      languages: ['sk', 'en'],
      town: 'Trnava',
      maxTravelKm: 15,
      adults: 2,
      children: { '3-5': 1 },
      diets: [],
      hasAllergies: false,
      canCookFor: ['halal', 'allergies'],
      seats: 4,
      hasPets: true,
      avoidPets: false,
    });
    const guest = await insertHousehold(db, dayId, { diets: ['vegan'], allergies: 'nuts' });
    expect(toMatch(await stored(guest))).toMatchObject({ diets: ['vegan'], hasAllergies: true, children: {} });
    expect(toMatch(await stored(await insertHousehold(db, dayId, { town: 'Atlantis' })))).toBeNull();
  });

  it("takes the day's format, and Bratislava for a town outside the list", () => {
    expect(matchOptions({ format: 'venue', city: 'Atlantis' })).toEqual({ format: 'venue', city: 'Bratislava' });
    expect(matchOptions({ format: 'home', city: 'Nitra' })).toEqual({ format: 'home', city: 'Nitra' });
  });
});
