import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/app.ts';
import { createLunchDay, householdForm } from '../testing/factories.ts';
import { solvedChallenge } from '../testing/pow.ts';
import { rows, signUpRequest } from './testing.ts';

/** The same object with its keys in reverse order (JSON from another client). */
const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());

describe('S26 a double click is one submit', () => {
  it('two identical posts at once, same idempotency key and proof-of-work answer: the same answer, one record', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const altcha = await solvedChallenge(t);
    const body = { ...householdForm('double@example.org'), altcha, idempotencyKey: 'double-click-key-1' };
    const ip = { 'cf-connecting-ip': '192.0.2.10' };
    const [a, b] = await Promise.all([
      t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(body, ip)),
      t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(body, ip)),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(await b.json()).toEqual(await a.json());
    // And a third, later, the same.
    const c = await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(reversed(body), ip));
    expect(c.status).toBe(202);
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_households')).toEqual([{ n: 1 }]);
    expect((await t.mailbox.list()).filter((m) => m.to === 'double@example.org')).toHaveLength(1);
  });

  it('compares bodies canonically: the same fields in another order are the same request', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const key = { 'idempotency-key': 'canonical-key-1' };
    const form = householdForm('canonical@example.org');
    const first = await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(form, key));
    const second = await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(reversed(form), key));
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get('idempotent-replayed')).toBe('true');
  });
});
