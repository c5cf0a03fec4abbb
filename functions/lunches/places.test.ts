import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { lunchDays } from '../db/schema/index.ts';
import { createTestDb } from '../testing/db.ts';
import { createLunchDay, insertHousehold } from '../testing/factories.ts';
import { placeFree, placesHeld, placesLeft } from './places.ts';

describe('places', () => {
  it('places left never go below zero', () => {
    expect([placesLeft(5, 3), placesLeft(2, 2), placesLeft(2, 3)]).toEqual([2, 0, 0]);
  });

  it('confirmed and offered households hold a place of their role; pending, wait-listed and cancelled ones do not', async () => {
    const { db } = await createTestDb();
    const dayId = await createLunchDay(
      { db, clock: () => new Date('2026-11-23T10:00:00Z') },
      { hostPlaces: 1, guestPlaces: 2 },
    );
    for (const status of ['confirmed', 'offered', 'waitlisted', 'pending', 'cancelled', 'expired'] as const)
      await insertHousehold(db, dayId, { status });
    await insertHousehold(db, dayId, { role: 'host', status: 'cancelled' });
    const day = await db
      .select({
        guestsHeld: placesHeld(dayId, 'guest'),
        hostsHeld: placesHeld(dayId, 'host'),
        guestFree: placeFree(dayId, 'guest'),
        hostFree: placeFree(dayId, 'host'),
      })
      .from(lunchDays)
      .where(eq(lunchDays.id, dayId))
      .get();
    expect(day).toEqual({ guestsHeld: 2, hostsHeld: 0, guestFree: 0, hostFree: 1 });
  });
});
