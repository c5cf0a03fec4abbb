import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../app.ts';
import { dbFromLibsql } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { fileMailbox } from '../mail/file-mailbox.ts';
import { createTestApp, linkIn, postJson, TEST_ORIGIN, pressButton } from '../testing/app.ts';
import { createTestDb } from '../testing/db.ts';
import { createLunchDay, createUser, householdForm } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { confirmPath, rows, SECRET, signUpRequest } from './testing.ts';

describe('public sign-up with double opt-in', () => {
  it('holds no place until the e-mailed link is followed, then confirms and shows the manage page', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps, { guestPlaces: 1 });
    const response = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest(householdForm('Olena@Example.org')),
    );
    expect(response.status).toBe(202);
    const { id, status } = (await response.json()) as { id: string; status: string };
    expect(status).toBe('pending');
    expect(await rows(t, 'SELECT email, status, queue_seq, diets, children FROM lunch_households')).toEqual([
      {
        email: 'olena@example.org',
        status: 'pending',
        queue_seq: null,
        diets: '["halal"]',
        children: '{"0-2":0,"3-5":1,"6-11":1,"12-17":0}',
      },
    ]);

    const mail = (await t.mailbox.list()).find((m) => m.to === 'olena@example.org')!;
    expect(mail.subject).toBe('Confirm your sign-up for a Next Door Family lunch');
    const eml = (await t.mailbox.read(mail.key))!;
    const confirm = linkIn(eml, `${TEST_ORIGIN}/api/lunches/confirm?`);
    expect(eml).toContain(
      'because you signed up for a Next Door Family lunch in Bratislava on December 12, 2026. Thank you!',
    );
    // Nothing special-category in the mail: no diet, no allergy.
    expect(eml).not.toMatch(/halal|peanut/i);

    const confirmed = await t.request(confirm.slice(TEST_ORIGIN.length), pressButton());
    expect(confirmed.status).toBe(303);
    const manage = confirmed.headers.get('location')!;
    expect(manage).toMatch(new RegExp(`^/en/lunches/manage/\\?id=${id}&sig=`));
    expect(await rows(t, 'SELECT status, queue_seq FROM lunch_households')).toEqual([
      { status: 'confirmed', queue_seq: 1 },
    ]);

    // A second click changes nothing.
    await t.request(confirm.slice(TEST_ORIGIN.length), pressButton());
    expect(await rows(t, 'SELECT status, queue_seq FROM lunch_households')).toEqual([
      { status: 'confirmed', queue_seq: 1 },
    ]);
    const view = await t.request(
      `/api/lunches/households/${id}?${new URL(manage, TEST_ORIGIN).searchParams.toString().replace(/^id=[^&]+&/, '')}`,
    );
    expect(view.status).toBe(200);
    expect(((await view.json()) as { household: { status: string } }).household.status).toBe('confirmed');
  });

  it('answers bad input with translated field errors and writes nothing', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const response = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest({
        ...householdForm('x@example.org'),
        role: 'host',
        languages: [],
        town: 'Nowhere',
        adults: 0,
        consentData: false,
        codeOfConduct: undefined,
        seats: 0,
        lang: 'uk',
      }),
    );
    expect(response.status).toBe(422);
    expect(
      ((await response.json()) as { fields: { field: string; code: string }[] }).fields.map((f) => f.code),
    ).toEqual([
      'lunch.languagesRequired',
      'lunch.townRequired',
      'lunch.adultsInvalid',
      'lunch.consentRequired',
      'lunch.conductRequired',
    ]);
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_households')).toEqual([{ n: 0 }]);
  });

  it('refuses sign-ups after the deadline and for unknown days', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    t.advance(13 * 24 * 60 * 60_000); // 2026-12-06
    expect(
      (await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(householdForm('late@example.org')))).status,
    ).toBe(409);
    expect(
      (
        await t.request(
          `/api/lunches/days/${crypto.randomUUID()}/signups`,
          signUpRequest(householdForm('x@example.org')),
        )
      ).status,
    ).toBe(404);
  });
});

/**
 * A connection whose every statement waits a random 0–3 ms before it runs, as each D1 or Turso
 * statement is a network round trip. Without it, local libSQL answers within the same tick and
 * requests would run one after the other, hiding any race.
 */
function withLatency(client: Client): Client {
  const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
  return new Proxy(client, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if ((name === 'execute' || name === 'batch') && typeof value === 'function') {
        return async (...args: unknown[]) => {
          await pause();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * N+50 sign-ups and confirmations over several libSQL connections to one file database (WAL),
 * as separate Worker isolates share one D1 database: every request is in flight at once and,
 * with the round-trip latency, the statements of different requests interleave. A
 * check-then-write implementation (count, then update) overfills the day here.
 */
async function racingApps(connections: number) {
  const dir = await mkdtemp(join(tmpdir(), 'spotlight-race-'));
  const url = `file:${join(dir, 'race.db')}`;
  const first = await createTestDb(url);
  const mailbox = fileMailbox(join(dir, 'mail'));
  const now = new Date('2026-11-23T10:00:00Z');
  const config: Deps['config'] = {
    version: 'test',
    publicOrigin: TEST_ORIGIN,
    tokenSecret: SECRET,
    mailFrom: 'x@spotlight.test',
    powMaxCounter: 2000,
  };
  const clients = [first.client, ...Array.from({ length: connections - 1 }, () => createClient({ url }))];
  for (const client of clients) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 5000');
  }
  const apps = clients.map((client) =>
    createApp({ db: dbFromLibsql(withLatency(client)), mail: mailbox, clock: () => now, config }),
  );
  const deps = { db: first.db, clock: () => now, config };
  /** Sends a request to app `i`, retrying (as a client would) while the answer is 503. */
  const send = async (i: number, path: string, init: RequestInit = {}): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const response = await apps[i % apps.length]!.request(`${TEST_ORIGIN}${path}`, init);
      if (response.status !== 503 || attempt === 10) return response;
    }
  };
  return { client: first.client, deps, send };
}

describe('capacity under concurrency', () => {
  it('S15 N places, N+50 simultaneous sign-ups with retries: exactly N confirmed, the rest wait-listed in arrival order', async () => {
    const N = 12;
    const race = await racingApps(4);
    const dayId = await createLunchDay(race.deps, { guestPlaces: N, hostPlaces: 2 });
    const families = Array.from({ length: N + 50 }, (_, i) => ({
      key: `race-key-${i}`,
      body: householdForm(`family${i}@example.org`),
    }));

    // Every family sends its sign-up twice at once (a client retrying a lost answer), same key.
    const answers = await Promise.all(
      families.flatMap((f, i) =>
        [0, 1].map((copy) =>
          race
            .send(i + copy, `/api/lunches/days/${dayId}/signups`, signUpRequest(f.body, { 'idempotency-key': f.key }))
            .then(async (r) => ({ i, status: r.status, body: (await r.json()) as { id: string } })),
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
    const ids = families.map((_, i) => answers.filter((a) => a.i === i).map((a) => a.body.id));
    for (const [a, b] of ids) expect(a).toBe(b);
    expect(await rows(race, 'SELECT count(*) AS n FROM lunch_households')).toEqual([{ n: N + 50 }]);

    // Every family clicks its confirmation link, some twice, all at once.
    const confirmations = await Promise.all(
      ids.flatMap(([id], i) =>
        [0, 1].slice(0, i % 2 ? 2 : 1).map(async (copy) => race.send(i + copy, await confirmPath(id!), pressButton())),
      ),
    );
    expect(new Set(confirmations.map((r) => r.status))).toEqual(new Set([303]));

    const result = await rows(
      race,
      `SELECT status, queue_seq FROM lunch_households WHERE role = 'guest' ORDER BY queue_seq`,
    );
    expect(result.filter((r) => r.status === 'confirmed')).toHaveLength(N);
    expect(result.filter((r) => r.status === 'waitlisted')).toHaveLength(50);
    // Arrival numbers are 1…N+50 without gaps; the first N arrivals hold the places.
    expect(result.map((r) => r.queue_seq)).toEqual(Array.from({ length: N + 50 }, (_, i) => i + 1));
    expect(result.map((r) => r.status)).toEqual([
      ...Array<string>(N).fill('confirmed'),
      ...Array<string>(50).fill('waitlisted'),
    ]);
    // Each confirmation is mailed exactly once, double clicks at the same moment included, and says
    // what the household got (the clock is the same for every click: the nonce decides, not the time).
    const placed = await rows(
      race,
      `SELECT h.status, o.subject, count(*) AS n FROM outbox o JOIN lunch_households h ON h.email = o.recipient
       WHERE o.kind = 'lunch.placed' GROUP BY h.id ORDER BY h.queue_seq`,
    );
    expect(placed).toHaveLength(N + 50);
    expect(placed.every((p) => p.n === 1)).toBe(true);
    expect(new Set(placed.map((p) => `${p.status}: ${p.subject}`))).toEqual(
      new Set([
        'confirmed: Your place at the Next Door Family lunch is confirmed',
        'waitlisted: You are on the wait-list for a Next Door Family lunch',
      ]),
    );
  }, 30_000);

  it('S16 the same sign-up twice with one Idempotency-Key books once with an identical answer; the same key with another body is refused', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const key = { 'idempotency-key': 'f5d1c3a2-key' };
    const first = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest(householdForm('once@example.org'), key),
    );
    const second = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest(householdForm('once@example.org'), key),
    );
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_households')).toEqual([{ n: 1 }]);
    expect((await t.mailbox.list()).filter((m) => m.to === 'once@example.org')).toHaveLength(1);

    const other = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest(householdForm('someone-else@example.org'), key),
    );
    expect(other.status).toBe(422);
    expect(((await other.json()) as { code: string }).code).toBe('lunch.idempotencyMismatch');
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_households')).toEqual([{ n: 1 }]);
  });

  it('S17 a database error in the middle of a sign-up answers 503 and leaves no half-written household; the retry then books once', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    // The outbox insert (the batch's second statement) fails, after the household row was written.
    await t.client.execute(
      "CREATE TRIGGER fail_mail BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
    );
    const key = { 'idempotency-key': 'retry-after-failure' };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failed = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest(householdForm('half@example.org'), key),
    );
    expect(failed.status).toBe(503);
    // Nothing of the household reaches the logs (special-category data).
    const logText = logged.mock.calls
      .flat()
      .map((a) => (a instanceof Error ? `${a.message} ${String(a.cause)}` : String(a)))
      .join('\n');
    logged.mockRestore();
    expect(logText).toContain('lunch sign-up not written');
    expect(logText).not.toMatch(/peanuts|halal|half@example/);
    expect(failed.headers.get('retry-after')).toBe('5');
    expect(
      await rows(
        t,
        'SELECT (SELECT count(*) FROM lunch_households) AS households, (SELECT count(*) FROM lunch_idempotency) AS keys, (SELECT count(*) FROM outbox) AS mails',
      ),
    ).toEqual([{ households: 0, keys: 0, mails: 0 }]);

    await t.client.execute('DROP TRIGGER fail_mail');
    const retried = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest(householdForm('half@example.org'), key),
    );
    expect(retried.status).toBe(202);
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_households')).toEqual([{ n: 1 }]);
  });
});

describe('caseworker sign-ups', () => {
  it('a caseworker signs a family up on its behalf: placed at once, audited with the caseworker id and no special-category data', async () => {
    const t = await createTestApp();
    const caseworkerId = await createUser(t.db, { email: 'case@example.org', roles: [{ role: 'partner_caseworker' }] });
    await createUser(t.db, { email: 'juror@example.org', roles: [{ role: 'juror' }] });
    const dayId = await createLunchDay(t.deps);
    const jar = await signedIn(t, 'case@example.org');
    const body = { ...householdForm(''), email: '', consentData: undefined, codeOfConduct: undefined };

    const noConsent = await t.request(`/api/lunches/days/${dayId}/signups/on-behalf`, postJson(body, jar.header()));
    expect(((await noConsent.json()) as { fields: { code: string }[] }).fields.map((f) => f.code)).toEqual([
      'lunch.consentRecordedRequired',
    ]);
    const noContact = await t.request(
      `/api/lunches/days/${dayId}/signups/on-behalf`,
      postJson({ ...body, phone: '', consentRecorded: true }, jar.header()),
    );
    expect(((await noContact.json()) as { fields: { code: string }[] }).fields.map((f) => f.code)).toEqual([
      'lunch.contactRequired',
    ]);

    const response = await t.request(
      `/api/lunches/days/${dayId}/signups/on-behalf`,
      postJson({ ...body, consentRecorded: true }, jar.header()),
    );
    expect(response.status).toBe(201);
    const { id, status } = (await response.json()) as { id: string; status: string };
    expect(status).toBe('confirmed');
    expect(await rows(t, 'SELECT on_behalf_by, phone, email FROM lunch_households')).toEqual([
      { on_behalf_by: caseworkerId, phone: '+421 123 456 789', email: '' },
    ]);
    const entries = await rows(
      t,
      "SELECT actor_id, object_id, details FROM audit_log WHERE action = 'lunch.signup.onBehalf'",
    );
    expect(entries).toEqual([
      { actor_id: caseworkerId, object_id: id, details: JSON.stringify({ dayId, role: 'guest' }) },
    ]);

    const juror = await signedIn(t, 'juror@example.org');
    expect(
      (
        await t.request(
          `/api/lunches/days/${dayId}/signups/on-behalf`,
          postJson({ ...body, consentRecorded: true }, juror.header()),
        )
      ).status,
    ).toBe(403);
  });
});
