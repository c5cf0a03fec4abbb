import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/app.ts';
import { shapeOf, writesIn } from '../testing/counting.ts';
import { createLunchDay, householdForm } from '../testing/factories.ts';
import { signUpRequest } from './testing.ts';

// What a public sign-up costs the database (bench/api.bench.ts measures the time).
describe('a lunch sign-up: one read batch, one write batch, then the mail', () => {
  it('batch(4 reads) + batch(2 guarded hits, household, outbox, idempotency); the mail claimed and marked in 2 more', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    t.resetTrips();
    const response = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest(householdForm('olena@example.org'), { 'idempotency-key': 'a1b2c3d4e5f6a7b8' }),
    );
    expect(response.status).toBe(202);
    expect(shapeOf(t.trips)).toEqual(['batch(4)', 'batch(5)', 'execute', 'batch(1)']);
    expect(writesIn(t.trips.slice(0, 2))).toBe(5);
    expect(t.trips[1]?.sql.slice(2).map((s) => s.split('"')[1])).toEqual([
      'lunch_households',
      'outbox',
      'lunch_idempotency',
    ]);
    const mails = await t.mailbox.list();
    expect(mails).toHaveLength(1);
  });

  it('finds the address’s earlier sign-up by one lookup in the partial unique index, not a walk over the day', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    t.resetTrips();
    await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(householdForm('olena@example.org')));
    const earlier = t.trips[0]?.sql[1] ?? '';
    expect(earlier).toContain('"email" = ?');
    const plan = await t.client.execute({ sql: `EXPLAIN QUERY PLAN ${earlier}`, args: [dayId, 'olena@example.org'] });
    expect(plan.rows.map((r) => r.detail)).toEqual([
      'SEARCH lunch_households USING INDEX lunch_households_day_email (day_id=? AND email=?)',
    ]);
  });

  it('a replay with the same key: the one-batch attempt writes nothing, the reads answer and count the client (S16)', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const send = () =>
      t.request(
        `/api/lunches/days/${dayId}/signups`,
        signUpRequest(householdForm('olena@example.org'), { 'idempotency-key': 'a1b2c3d4e5f6a7b8' }),
      );
    const first = await send();
    t.resetTrips();
    const again = await send();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    // The one-batch attempt (signUpFast) fails on the used key and writes nothing; then the reads
    // find the stored answer, and the client's hit returns its count: no read of the counter after it.
    expect(shapeOf(t.trips)).toEqual(['batch(5)', 'batch(4)', 'batch(1)']);
    expect((await t.client.execute('SELECT count(*) AS n FROM lunch_households')).rows[0]?.n).toBe(1);
  });
});
