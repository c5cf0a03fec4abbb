import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/app.ts';
import { shapeOf } from '../testing/counting.ts';
import { createLunchDay, householdForm } from '../testing/factories.ts';
import { signUpRequest } from './testing.ts';

// The sign-up's fast path (signups.service.ts signUpFast): once this isolate took a sign-up for a
// day, the next is ONE batch — the counters, the household (its insert guarded in SQL by the day as
// remembered), the mail, the idempotency record — with no read batch. Whatever the reads would
// refuse fails that batch as a whole, and the slow path answers as it always did.
describe('a lunch sign-up for a day this isolate knows: one batch', () => {
  async function known() {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const send = (email: string, headers: Record<string, string> = {}) =>
      t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(householdForm(email), headers));
    expect((await send('first@example.org')).status).toBe(202); // the slow path: the isolate learns the day
    const households = async () =>
      (await t.client.execute('SELECT email, status FROM lunch_households ORDER BY created_at, email')).rows.map(
        (r) => [r.email, r.status],
      );
    const outbox = async () => (await t.client.execute('SELECT count(*) AS n FROM outbox')).rows[0]?.n;
    return { t, dayId, send, households, outbox };
  }

  it('the next sign-up is one batch: 2 guarded hits, the household, the mail, the idempotency record', async () => {
    const { t, send, households } = await known();
    t.resetTrips();
    const response = await send('olena@example.org', { 'idempotency-key': 'b1b2c3d4e5f6a7b8' });
    expect(response.status).toBe(202);
    // Then the mail is claimed and marked sent (deferred work).
    expect(shapeOf(t.trips)).toEqual(['batch(5)', 'execute', 'batch(1)']);
    expect(t.trips[0]?.sql.slice(2).map((s) => s.split('"')[1])).toEqual([
      'lunch_households',
      'outbox',
      'lunch_idempotency',
    ]);
    expect(await households()).toEqual([
      ['first@example.org', 'pending'],
      ['olena@example.org', 'pending'],
    ]);
    expect((await t.mailbox.list()).map((m) => m.to).sort()).toEqual(['first@example.org', 'olena@example.org']);
  });

  it('the deadline moved into the past: the guard fails the batch, 409 lunch.signupClosed, nothing written', async () => {
    const { t, dayId, send, households, outbox } = await known();
    await t.client.execute({
      sql: 'UPDATE lunch_days SET signup_deadline = ? WHERE id = ?',
      args: [t.deps.clock().getTime() - 1, dayId],
    });
    const mails = await outbox();
    t.resetTrips();
    const refused = await send('late@example.org');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'lunch.signupClosed' });
    // The one-batch attempt (2 hits, household, mail: no key sent) failed and wrote nothing; then the reads.
    expect(shapeOf(t.trips).slice(0, 2)).toEqual(['batch(4)', 'batch(4)']);
    expect(t.trips[0]?.sql[2]).toMatch(/^insert into "lunch_households"/);
    expect(await households()).toEqual([['first@example.org', 'pending']]);
    expect(await outbox()).toBe(mails);
  });

  it('the venue changed since: the guard fails the batch, the slow path signs up with the new facts', async () => {
    const { t, dayId, send, households } = await known();
    await t.client.execute({
      sql: "UPDATE lunch_days SET venue = 'Town hall', format = 'venue' WHERE id = ?",
      args: [dayId],
    });
    t.resetTrips();
    expect((await send('moved@example.org')).status).toBe(202);
    // The one-batch attempt (2 hits, household, mail: no key sent) failed and wrote nothing; then the reads.
    expect(shapeOf(t.trips).slice(0, 2)).toEqual(['batch(4)', 'batch(4)']);
    expect(t.trips[0]?.sql[2]).toMatch(/^insert into "lunch_households"/);
    expect(await households()).toEqual([
      ['first@example.org', 'pending'],
      ['moved@example.org', 'pending'],
    ]);
    const mail = (await t.mailbox.list()).find((m) => m.to === 'moved@example.org');
    expect(mail).toBeDefined();
    expect(await t.mailbox.read(mail!.key)).toContain('Town hall');
  });

  // Each fact the confirmation mail states is its own guard term: a day moved since sends the
  // sign-up the slow way (whose mail says the new facts), never the remembered ones.
  it.each([
    ['date', "date = date(date, '+1 day')"],
    ['start time', "start_time = CASE WHEN start_time = '09:00' THEN '09:30' ELSE '09:00' END"],
    ['end time', "end_time = CASE WHEN end_time = '21:00' THEN '21:30' ELSE '21:00' END"],
    ['city', "city = city || ' (moved)'"],
  ])('the %s changed since (alone): the guard fails the batch, the slow path signs up', async (_, change) => {
    const { t, dayId, send, households } = await known();
    await t.client.execute({ sql: `UPDATE lunch_days SET ${change} WHERE id = ?`, args: [dayId] });
    t.resetTrips();
    expect((await send('moved@example.org')).status).toBe(202);
    expect(shapeOf(t.trips).slice(0, 2)).toEqual(['batch(4)', 'batch(4)']);
    expect(await households()).toEqual([
      ['first@example.org', 'pending'],
      ['moved@example.org', 'pending'],
    ]);
  });

  it('a fault in the one batch (not a refusal) is the 503 at once, not hidden behind the reads', async () => {
    const { t, send, households } = await known();
    await t.client.execute('ALTER TABLE outbox RENAME TO outbox_gone');
    t.resetTrips();
    const failed = await send('fault@example.org');
    await t.client.execute('ALTER TABLE outbox_gone RENAME TO outbox');
    expect(failed.status).toBe(503);
    expect(shapeOf(t.trips)).toEqual(['batch(4)']);
    expect(await households()).toEqual([['first@example.org', 'pending']]);
  });

  it('the same address again (S24): the unique index fails the batch, one household, the first one’s link mailed', async () => {
    const { send, households, t } = await known();
    const again = await send('first@example.org');
    expect(again.status).toBe(202);
    expect(await households()).toEqual([['first@example.org', 'pending']]);
    expect((await t.mailbox.list()).filter((m) => m.to === 'first@example.org')).toHaveLength(2);
  });

  it('a purged day: 404, nothing written', async () => {
    const { t, dayId, send, households } = await known();
    await t.client.execute({ sql: 'UPDATE lunch_days SET purged_at = 1 WHERE id = ?', args: [dayId] });
    const refused = await send('gone@example.org');
    expect(refused.status).toBe(404);
    expect(await households()).toEqual([['first@example.org', 'pending']]);
  });
});
