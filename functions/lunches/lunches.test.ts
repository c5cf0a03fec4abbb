import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../app.ts';
import { signCapability } from '../crypto/tokens.ts';
import { dbFromLibsql } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { fileMailbox } from '../mail/file-mailbox.ts';
import { createTestApp, linkIn, postJson, TEST_ORIGIN } from '../testing/app.ts';
import { createTestDb } from '../testing/db.ts';
import { createUser } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { createDay } from './days.service.ts';
import { runLunchSchedule } from './schedule.service.ts';

type T = Awaited<ReturnType<typeof createTestApp>>;
const SECRET = 'node-test-secret-0123456789abcdef';
const coordinator = { userId: 'coordinator-1', roles: [{ role: 'coordinator' as const, scope: '' }] };

/** A lunch day on 2026-12-12 (the test clock starts 2026-11-23), sign-ups until 2026-12-05. */
const dayInput = (places: { hostPlaces?: number; guestPlaces?: number } = {}) => ({
  city: 'Bratislava' as const,
  date: '2026-12-12',
  format: 'home' as const,
  venue: '',
  hostPlaces: places.hostPlaces ?? 5,
  guestPlaces: places.guestPlaces ?? 5,
  languages: ['sk', 'en', 'uk'] as ('sk' | 'en' | 'uk')[],
  signupDeadline: '2026-12-05',
  retentionDays: 30,
});

const guest = (email: string, extra: Record<string, unknown> = {}) => ({
  role: 'guest',
  email,
  phone: '+421 900 123 456',
  messenger: 'whatsapp',
  languages: ['uk', 'en'],
  town: 'Senec',
  maxTravelKm: 40,
  adults: 2,
  children: { '0-2': 0, '3-5': 1, '6-11': 1, '12-17': 0 },
  diets: ['halal'],
  allergies: 'peanuts',
  accessibility: '',
  hasPets: false,
  avoidPets: true,
  consentData: true,
  consentPhotos: false,
  codeOfConduct: true,
  lang: 'en',
  ...extra,
});

let ip = 0;
/** Each sign-up from its own client address, so per-client limits do not interfere. */
const signUpRequest = (body: unknown, headers: Record<string, string> = {}) =>
  postJson(body, { 'cf-connecting-ip': `198.51.100.${++ip % 250}`, ...headers });

const rows = async (t: { client: { execute: (q: string) => Promise<{ rows: unknown[] }> } }, q: string) =>
  (await t.client.execute(q)).rows as Record<string, unknown>[];
const confirmPath = async (id: string) =>
  `/api/lunches/confirm?id=${id}&sig=${await signCapability(SECRET, 'lunch.confirm', id)}`;

async function signUpAndConfirm(t: T, dayId: string, email: string, extra: Record<string, unknown> = {}) {
  const response = await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(guest(email, extra)));
  expect(response.status).toBe(202);
  const { id } = (await response.json()) as { id: string };
  await t.request(await confirmPath(id));
  return id;
}

describe('lunch days', () => {
  it('coordinators create days; the public list shows upcoming days with places left', async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'coord@example.org', roles: [{ role: 'coordinator' }] });
    await createUser(t.db, { email: 'case@example.org', roles: [{ role: 'partner_caseworker' }] });
    const jar = await signedIn(t, 'coord@example.org');
    const created = await t.request(
      '/api/lunches/days',
      postJson({ ...dayInput({ hostPlaces: 3, guestPlaces: 4 }), hostPlaces: '3' }, jar.header()),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const caseworker = await signedIn(t, 'case@example.org');
    expect((await t.request('/api/lunches/days', postJson(dayInput(), caseworker.header()))).status).toBe(403);
    expect((await t.request('/api/lunches/days', postJson(dayInput()))).status).toBe(401);

    const bad = await t.request(
      '/api/lunches/days',
      postJson(
        { ...dayInput(), city: 'Atlantis', signupDeadline: '2026-12-20', hostPlaces: -1 },
        { ...jar.header(), 'accept-language': 'en' },
      ),
    );
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { fields: { field: string; code: string }[] }).fields).toEqual([
      { field: 'city', code: 'lunch.townRequired', message: 'Choose a town from the list' },
      { field: 'hostPlaces', code: 'lunch.placesInvalid', message: 'Enter a number of places from 0 to 500' },
      {
        field: 'signupDeadline',
        code: 'lunch.deadlineAfterDay',
        message: 'The sign-up deadline must be on or before the lunch day',
      },
    ]);

    await signUpAndConfirm(t, id, 'a@example.org');
    const list = (await (await t.request('/api/lunches/days')).json()) as { days: Record<string, unknown>[] };
    expect(list.days).toEqual([
      expect.objectContaining({
        id,
        city: 'Bratislava',
        date: '2026-12-12',
        open: true,
        hostPlacesLeft: 3,
        guestPlacesLeft: 3,
        signupDeadline: '2026-12-05T23:59:59.999Z',
      }),
    ]);
    const audit = await rows(t, "SELECT action, object_id FROM audit_log WHERE action = 'lunch.day.created'");
    expect(audit).toEqual([{ action: 'lunch.day.created', object_id: id }]);
  });
});

describe('public sign-up with double opt-in', () => {
  it('holds no place until the e-mailed link is followed, then confirms and shows the manage page', async () => {
    const t = await createTestApp();
    const dayId = await createDay(t.deps, coordinator, dayInput({ guestPlaces: 1 }));
    const response = await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(guest('Olena@Example.org')));
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
    expect(eml).toContain('Thank you for signing up for the lunch in Bratislava on December 12, 2026.');
    // Nothing special-category in the mail: no diet, no allergy.
    expect(eml).not.toMatch(/halal|peanut/i);

    const confirmed = await t.request(confirm.slice(TEST_ORIGIN.length));
    expect(confirmed.status).toBe(303);
    const manage = confirmed.headers.get('location')!;
    expect(manage).toMatch(new RegExp(`^/en/lunches/manage/\\?id=${id}&sig=`));
    expect(await rows(t, 'SELECT status, queue_seq FROM lunch_households')).toEqual([
      { status: 'confirmed', queue_seq: 1 },
    ]);

    // A second click changes nothing.
    await t.request(confirm.slice(TEST_ORIGIN.length));
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
    const dayId = await createDay(t.deps, coordinator, dayInput());
    const response = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest({
        ...guest('x@example.org'),
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
    const dayId = await createDay(t.deps, coordinator, dayInput());
    t.advance(13 * 24 * 60 * 60_000); // 2026-12-06
    expect(
      (await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(guest('late@example.org')))).status,
    ).toBe(409);
    expect(
      (await t.request(`/api/lunches/days/${crypto.randomUUID()}/signups`, signUpRequest(guest('x@example.org'))))
        .status,
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
    const dayId = await createDay(race.deps, coordinator, dayInput({ guestPlaces: N, hostPlaces: 2 }));
    const families = Array.from({ length: N + 50 }, (_, i) => ({
      key: `race-key-${i}`,
      body: guest(`family${i}@example.org`),
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
        [0, 1].slice(0, i % 2 ? 2 : 1).map(async (copy) => race.send(i + copy, await confirmPath(id!))),
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
  });

  it('S16 the same sign-up twice with one Idempotency-Key books once with an identical answer; the same key with another body is refused', async () => {
    const t = await createTestApp();
    const dayId = await createDay(t.deps, coordinator, dayInput());
    const key = { 'idempotency-key': 'f5d1c3a2-key' };
    const first = await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(guest('once@example.org'), key));
    const second = await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(guest('once@example.org'), key));
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_households')).toEqual([{ n: 1 }]);
    expect((await t.mailbox.list()).filter((m) => m.to === 'once@example.org')).toHaveLength(1);

    const other = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest(guest('someone-else@example.org'), key),
    );
    expect(other.status).toBe(422);
    expect(((await other.json()) as { code: string }).code).toBe('lunch.idempotencyMismatch');
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_households')).toEqual([{ n: 1 }]);
  });

  it('S17 a database error in the middle of a sign-up answers 503 and leaves no half-written household; the retry then books once', async () => {
    const t = await createTestApp();
    const dayId = await createDay(t.deps, coordinator, dayInput());
    // The outbox insert (the batch's second statement) fails, after the household row was written.
    await t.client.execute(
      "CREATE TRIGGER fail_mail BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
    );
    const key = { 'idempotency-key': 'retry-after-failure' };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failed = await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(guest('half@example.org'), key));
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
      signUpRequest(guest('half@example.org'), key),
    );
    expect(retried.status).toBe(202);
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_households')).toEqual([{ n: 1 }]);
  });
});

describe('wait-list, reminders and self-service links', () => {
  it('offers a freed place to the next household for 48 hours; an unanswered offer moves on in the scheduled run', async () => {
    const t = await createTestApp();
    const dayId = await createDay(t.deps, coordinator, dayInput({ guestPlaces: 1 }));
    const first = await signUpAndConfirm(t, dayId, 'first@example.org');
    const second = await signUpAndConfirm(t, dayId, 'second@example.org', { lang: 'sk' });
    const third = await signUpAndConfirm(t, dayId, 'third@example.org');
    const status = async () =>
      Object.fromEntries((await rows(t, 'SELECT id, status FROM lunch_households')).map((r) => [r.id, r.status]));
    expect(await status()).toEqual({ [first]: 'confirmed', [second]: 'waitlisted', [third]: 'waitlisted' });

    const cancel = await t.request(
      `/api/lunches/households/${first}/cancel`,
      postJson({ sig: await signCapability(SECRET, 'lunch.manage', first) }),
    );
    expect(cancel.status).toBe(200);
    expect(await status()).toEqual({ [first]: 'cancelled', [second]: 'offered', [third]: 'waitlisted' });
    expect(await rows(t, "SELECT recipient, subject FROM outbox WHERE kind = 'lunch.offer'")).toEqual([
      { recipient: 'second@example.org', subject: 'Uvoľnilo sa pre vás miesto na obede Rodina od vedľa' },
    ]);

    // 48 hours pass without an answer: the scheduled run lets the offer lapse and asks the next.
    t.advance(48 * 60 * 60_000 + 1);
    expect(await runLunchSchedule(t.deps)).toMatchObject({ expired: 1 });
    expect(await status()).toEqual({ [first]: 'cancelled', [second]: 'expired', [third]: 'offered' });
    const { deliverDueMail } = await import('../mail/outbox.service.ts');
    await deliverDueMail(t.deps);
    const thirdOffer = (await t.mailbox.list()).find(
      (m) => m.to === 'third@example.org' && m.subject === 'A place is free for you at a Next Door Family lunch',
    )!;
    const accept = linkIn((await t.mailbox.read(thirdOffer.key))!, `${TEST_ORIGIN}/api/lunches/accept?token=`);
    const accepted = await t.request(accept.slice(TEST_ORIGIN.length));
    expect(accepted.headers.get('location')).toMatch(`/en/lunches/manage/?id=${third}&sig=`);
    expect(await status()).toEqual({ [first]: 'cancelled', [second]: 'expired', [third]: 'confirmed' });
    // The lapsed offer's link is dead.
    expect((await t.request(accept.slice(TEST_ORIGIN.length))).headers.get('location')).toBe(
      '/sk/lunches/link-invalid/',
    );
  });

  it('mails a reminder 3 days before with a one-click "we can\'t come" link that frees the place at once', async () => {
    const t = await createTestApp();
    const dayId = await createDay(t.deps, coordinator, dayInput({ guestPlaces: 1 }));
    const going = await signUpAndConfirm(t, dayId, 'going@example.org');
    const waiting = await signUpAndConfirm(t, dayId, 'waiting@example.org');
    expect(await runLunchSchedule(t.deps)).toMatchObject({ reminded: 0 });
    t.advance(16 * 24 * 60 * 60_000); // 2026-12-09, three days before
    expect(await runLunchSchedule(t.deps)).toMatchObject({ reminded: 1 });
    expect(await runLunchSchedule(t.deps)).toMatchObject({ reminded: 0 });
    const { deliverDueMail } = await import('../mail/outbox.service.ts');
    await deliverDueMail(t.deps);
    const reminder = (await t.mailbox.list()).find(
      (m) =>
        m.to === 'going@example.org' && m.subject === 'Reminder: your Next Door Family lunch is on December 12, 2026',
    )!;
    const cantCome = linkIn((await t.mailbox.read(reminder.key))!, `${TEST_ORIGIN}/api/lunches/cant-come?`);
    const response = await t.request(cantCome.slice(TEST_ORIGIN.length));
    expect(response.headers.get('location')).toBe('/en/lunches/cancelled/');
    expect(
      Object.fromEntries((await rows(t, 'SELECT id, status FROM lunch_households')).map((r) => [r.id, r.status])),
    ).toEqual({ [going]: 'cancelled', [waiting]: 'offered' });
  });

  it('S12 a capability link signed for one purpose is refused for another', async () => {
    const t = await createTestApp();
    const dayId = await createDay(t.deps, coordinator, dayInput());
    const id = await signUpAndConfirm(t, dayId, 'links@example.org');
    const confirmSig = await signCapability(SECRET, 'lunch.confirm', id);
    const newsletterSig = await signCapability(SECRET, 'newsletter.unsubscribe', id);
    for (const sig of [confirmSig, newsletterSig]) {
      expect((await t.request(`/api/lunches/households/${id}?sig=${sig}`)).status).toBe(404);
      expect((await t.request(`/api/lunches/households/${id}/cancel`, postJson({ sig }))).status).toBe(404);
      expect((await t.request(`/api/lunches/households/${id}/erase`, postJson({ sig }))).status).toBe(404);
      expect((await t.request(`/api/lunches/cant-come?id=${id}&sig=${sig}`)).headers.get('location')).toBe(
        '/sk/lunches/link-invalid/',
      );
    }
    const manageSig = await signCapability(SECRET, 'lunch.manage', id);
    expect((await t.request(`/api/lunches/cant-come?id=${id}&sig=${manageSig}`)).headers.get('location')).toBe(
      '/sk/lunches/link-invalid/',
    );
    expect(await rows(t, 'SELECT status FROM lunch_households')).toEqual([{ status: 'confirmed' }]);
  });
});

describe('caseworkers and coordinators', () => {
  it('a caseworker signs a family up on its behalf: placed at once, audited with the caseworker id and no special-category data', async () => {
    const t = await createTestApp();
    const caseworkerId = await createUser(t.db, { email: 'case@example.org', roles: [{ role: 'partner_caseworker' }] });
    await createUser(t.db, { email: 'juror@example.org', roles: [{ role: 'juror' }] });
    const dayId = await createDay(t.deps, coordinator, dayInput());
    const jar = await signedIn(t, 'case@example.org');
    const body = { ...guest(''), email: '', consentData: undefined, codeOfConduct: undefined };

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
      { on_behalf_by: caseworkerId, phone: '+421 900 123 456', email: '' },
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

  it("S18 coordinators' CSV export shows cells starting with = + - @ tab or CR as text, never a formula", async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'coord@example.org', roles: [{ role: 'coordinator' }] });
    const dayId = await createDay(t.deps, coordinator, dayInput());
    // Leading tabs and CRs are trimmed from typed text already; csv.test.ts covers them too.
    const payloads = ['=HYPERLINK("http://evil")', '+1+2', '-2+3', '@SUM(A1)'];
    for (const [i, allergies] of payloads.entries())
      await signUpAndConfirm(t, dayId, `csv${i}@example.org`, { allergies });
    const jar = await signedIn(t, 'coord@example.org');
    const response = await t.request(`/api/lunches/days/${dayId}/export.csv`, { headers: jar.header() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    for (const p of payloads) {
      expect(csv).toContain(`"'${p.replaceAll('"', '""')}"`);
      expect(csv).not.toContain(`,"${p.replaceAll('"', '""')}"`);
    }
    expect(csv.split('\r\n')[0]).toBe(
      '"id","role","status","queue","email","phone","messenger","languages","town","maxTravelKm","adults","children","diets","allergies","canCookFor","seats","accessibility","hasPets","avoidPets","consentPhotos","onBehalf"',
    );
    const entries = await rows(t, "SELECT details FROM audit_log WHERE action = 'lunch.exported'");
    expect(entries).toEqual([{ details: '{"rows":4}' }]);
  });

  it('the matcher proposes pairs for a day from the confirmed households', async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'coord@example.org', roles: [{ role: 'coordinator' }] });
    const dayId = await createDay(t.deps, coordinator, dayInput());
    const hostId = await signUpAndConfirm(t, dayId, 'host@example.org', {
      role: 'host',
      town: 'Bratislava',
      canCookFor: ['halal', 'allergies'],
      seats: 6,
      languages: ['sk', 'en'],
      diets: [],
      avoidPets: false,
    });
    const guestId = await signUpAndConfirm(t, dayId, 'guest@example.org');
    const jar = await signedIn(t, 'coord@example.org');
    const result = (await (
      await t.request(`/api/lunches/days/${dayId}/matching`, { headers: jar.header() })
    ).json()) as { pairs: { hostId: string; guestId: string; reasons: unknown }[] };
    expect(result.pairs).toEqual([
      {
        hostId,
        guestId,
        cost: 231,
        reasons: { sharedLanguages: ['en'], distanceKm: 23.1, childrenAgeGap: 0, dietsCovered: ['halal'] },
      },
    ]);
  });
});

describe('privacy', () => {
  it("S19 a household exports every record it has and erases them by its link; a retention purge removes a past day's households, mails and audit entries", async () => {
    const t = await createTestApp();
    const caseworkerId = await createUser(t.db, { email: 'case@example.org', roles: [{ role: 'partner_caseworker' }] });
    const dayId = await createDay(t.deps, coordinator, dayInput({ guestPlaces: 1 }));
    const id = await signUpAndConfirm(t, dayId, 'private@example.org');
    const waiting = await signUpAndConfirm(t, dayId, 'next@example.org');
    const sig = await signCapability(SECRET, 'lunch.manage', id);

    const exported = await t.request(`/api/lunches/households/${id}/export?sig=${sig}`);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="next-door-family.json"');
    const data = (await exported.json()) as { household: Record<string, unknown>; mails: { subject: string }[] };
    expect(data.household).toMatchObject({
      id,
      email: 'private@example.org',
      allergies: 'peanuts',
      diets: ['halal'],
      languages: ['uk', 'en'],
    });
    expect(data.mails.map((m) => m.subject)).toEqual(['Confirm your sign-up for a Next Door Family lunch']);

    const erased = await t.request(`/api/lunches/households/${id}/erase`, postJson({ sig }));
    expect(erased.status).toBe(200);
    expect(await rows(t, "SELECT count(*) AS n FROM outbox WHERE recipient = 'private@example.org'")).toEqual([
      { n: 0 },
    ]);
    expect(await rows(t, 'SELECT id, status FROM lunch_households')).toEqual([{ id: waiting, status: 'offered' }]);
    expect((await t.request(`/api/lunches/households/${id}?sig=${sig}`)).status).toBe(404);

    // Retention: 30 days after 2026-12-12 the day's personal data goes, audit entries about households too.
    const jar = await signedIn(t, 'case@example.org');
    await t.request(
      `/api/lunches/days/${dayId}/signups/on-behalf`,
      postJson({ ...guest('onbehalf@example.org'), consentRecorded: true }, jar.header()),
    );
    t.advance((19 + 30) * 24 * 60 * 60_000); // 2027-01-11: not yet
    expect(await runLunchSchedule(t.deps)).toMatchObject({ purged: 0 });
    t.advance(24 * 60 * 60_000); // 2027-01-12
    expect(await runLunchSchedule(t.deps)).toMatchObject({ purged: 1 });
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_households')).toEqual([{ n: 0 }]);
    expect(await rows(t, "SELECT count(*) AS n FROM outbox WHERE kind LIKE 'lunch.%'")).toEqual([{ n: 0 }]);
    expect(await rows(t, "SELECT count(*) AS n FROM audit_log WHERE object_type = 'lunch_household'")).toEqual([
      { n: 0 },
    ]);
    expect(
      await rows(
        t,
        `SELECT count(*) AS n FROM audit_log WHERE actor_id = '${caseworkerId}' AND details LIKE '%halal%'`,
      ),
    ).toEqual([{ n: 0 }]);
    expect(await rows(t, 'SELECT purged_at IS NOT NULL AS purged FROM lunch_days')).toEqual([{ purged: 1 }]);
  });
});

describe('approved pairs', () => {
  it('a coordinator approves a pair; each family learns what it needs, and contacts are shared only after both confirm', async () => {
    const t = await createTestApp();
    const coordinatorId = await createUser(t.db, { email: 'coord@example.org', roles: [{ role: 'coordinator' }] });
    const dayId = await createDay(t.deps, coordinator, dayInput());
    const hostId = await signUpAndConfirm(t, dayId, 'host@example.org', {
      role: 'host',
      town: 'Bratislava',
      canCookFor: ['halal', 'allergies'],
      seats: 6,
      languages: ['sk', 'en'],
      diets: [],
      avoidPets: false,
      phone: '+421 911 111 111',
    });
    const guestId = await signUpAndConfirm(t, dayId, 'guest@example.org');
    const farGuest = await signUpAndConfirm(t, dayId, 'far@example.org', { town: 'Košice', languages: ['ar'] });
    const jar = await signedIn(t, 'coord@example.org');
    const approve = (body: unknown) => t.request(`/api/lunches/days/${dayId}/pairs`, postJson(body, jar.header()));

    const broken = await approve({ hostId, guestId: farGuest });
    expect([broken.status, ((await broken.json()) as { code: string }).code]).toEqual([422, 'lunch.pairBreaksRules']);
    const approved = await approve({ hostId, guestId });
    expect(approved.status).toBe(201);
    const { id } = (await approved.json()) as { id: string };
    expect((await approve({ hostId, guestId })).status).toBe(409);
    expect(await rows(t, "SELECT actor_id, object_id FROM audit_log WHERE action = 'lunch.pair.approved'")).toEqual([
      { actor_id: coordinatorId, object_id: id },
    ]);

    const mailTo = async (to: string, subject: string) => {
      const m = (await t.mailbox.list()).find((x) => x.to === to && x.subject === subject);
      return m ? (await t.mailbox.read(m.key))! : null;
    };
    const hostMail = (await mailTo('host@example.org', 'We found a family for your Next Door Family lunch'))!;
    const guestMail = (await mailTo('guest@example.org', 'We found a family for your Next Door Family lunch'))!;
    // The host cooks: it learns the guests' diet; neither learns the other's contact yet.
    expect(hostMail).toContain('Dietary needs: Halal, peanuts');
    expect(guestMail).not.toContain('Dietary needs');
    expect(hostMail).not.toContain('guest@example.org');
    expect(guestMail).not.toContain('+421 911 111 111');

    const hostConfirm = linkIn(hostMail, `${TEST_ORIGIN}/api/lunches/pairs/confirm?`).slice(TEST_ORIGIN.length);
    const guestConfirm = linkIn(guestMail, `${TEST_ORIGIN}/api/lunches/pairs/confirm?`).slice(TEST_ORIGIN.length);
    // A link for one side does not confirm the other (S12).
    expect((await t.request(hostConfirm.replace('side=host', 'side=guest'))).headers.get('location')).toBe(
      '/sk/lunches/link-invalid/',
    );
    expect((await t.request(hostConfirm)).headers.get('location')).toBe('/en/lunches/pair-confirmed/');
    await t.request(hostConfirm);
    expect(await rows(t, "SELECT count(*) AS n FROM outbox WHERE kind = 'lunch.contacts'")).toEqual([{ n: 0 }]);

    await t.request(guestConfirm);
    await t.request(guestConfirm);
    expect(await rows(t, "SELECT recipient FROM outbox WHERE kind = 'lunch.contacts' ORDER BY recipient")).toEqual([
      { recipient: 'guest@example.org' },
      { recipient: 'host@example.org' },
    ]);
    expect(await mailTo('guest@example.org', "The other family's contact for your Next Door Family lunch")).toContain(
      '+421 911 111 111 (WhatsApp)',
    );

    // Paired households leave the matcher's proposals.
    const match = (await (
      await t.request(`/api/lunches/days/${dayId}/matching`, { headers: jar.header() })
    ).json()) as { pairs: unknown[]; approved: { id: string }[] };
    expect(match.pairs).toEqual([]);
    expect(match.approved.map((p) => p.id)).toEqual([id]);
    expect(guestId).not.toBe(farGuest);
  });
});

describe('changing a sign-up by its link', () => {
  const manageSig = (id: string) => signCapability(SECRET, 'lunch.manage', id);

  it('changes what the household may change in one statement, keeps the role and the day, and refuses after the deadline', async () => {
    const t = await createTestApp();
    const dayId = await createDay(t.deps, coordinator, dayInput());
    const id = await signUpAndConfirm(t, dayId, 'change@example.org');
    const change = {
      ...guest('new@example.org'),
      role: 'host',
      languages: ['sk'],
      town: 'Trnava',
      maxTravelKm: '15',
      adults: '3',
      children: { '0-2': '1' },
      diets: ['vegan'],
      allergies: '',
      hasPets: 'on',
      consentPhotos: true,
    };
    const response = await t.request(
      `/api/lunches/households/${id}/change`,
      postJson({ ...change, sig: await manageSig(id) }),
    );
    expect(response.status).toBe(200);
    expect(
      await rows(
        t,
        'SELECT role, status, email, languages, town, max_travel_km, adults, children, diets, has_pets, consent_photos, day_id FROM lunch_households',
      ),
    ).toEqual([
      {
        role: 'guest',
        status: 'confirmed',
        email: 'new@example.org',
        languages: '["sk"]',
        town: 'Trnava',
        max_travel_km: 15,
        adults: 3,
        children: '{"0-2":1,"3-5":0,"6-11":0,"12-17":0}',
        diets: '["vegan"]',
        has_pets: 1,
        consent_photos: 1,
        day_id: dayId,
      },
    ]);

    // Bad input: translated field errors, nothing written.
    const bad = await t.request(
      `/api/lunches/households/${id}/change`,
      postJson({ ...change, email: 'not-an-address', adults: '0', sig: await manageSig(id) }),
    );
    expect(bad.status).toBe(422);
    expect(
      ((await bad.json()) as { fields: { field: string; code: string }[] }).fields.map((f) => f.code).sort(),
    ).toEqual(['email.invalid', 'lunch.adultsInvalid']);
    expect(await rows(t, 'SELECT adults FROM lunch_households')).toEqual([{ adults: 3 }]);

    t.advance(13 * 24 * 60 * 60_000); // 2026-12-06, after the deadline
    const late = await t.request(
      `/api/lunches/households/${id}/change`,
      postJson({ ...change, adults: '4', sig: await manageSig(id), lang: 'en' }),
    );
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe('lunch.changeClosed');
    expect(await rows(t, 'SELECT adults FROM lunch_households')).toEqual([{ adults: 3 }]);
  });

  it('a host still needs seats; a cancelled sign-up cannot be changed; S12 other purposes are refused', async () => {
    const t = await createTestApp();
    const dayId = await createDay(t.deps, coordinator, dayInput());
    const host = await signUpAndConfirm(t, dayId, 'host@example.org', {
      role: 'host',
      seats: 4,
      diets: [],
      canCookFor: ['halal'],
    });
    const noSeats = await t.request(
      `/api/lunches/households/${host}/change`,
      postJson({ ...guest('host@example.org'), seats: '0', sig: await manageSig(host) }),
    );
    expect(((await noSeats.json()) as { fields: { code: string }[] }).fields.map((f) => f.code)).toEqual([
      'lunch.seatsRequired',
    ]);
    for (const sig of [
      await signCapability(SECRET, 'lunch.confirm', host),
      await signCapability(SECRET, 'lunch-survey', host),
    ]) {
      expect(
        (
          await t.request(
            `/api/lunches/households/${host}/change`,
            postJson({ ...guest('x@example.org'), seats: 2, sig }),
          )
        ).status,
      ).toBe(404);
    }
    await t.request(`/api/lunches/households/${host}/cancel`, postJson({ sig: await manageSig(host) }));
    expect(
      (
        await t.request(
          `/api/lunches/households/${host}/change`,
          postJson({ ...guest('host@example.org'), seats: 2, sig: await manageSig(host) }),
        )
      ).status,
    ).toBe(409);
    expect(await rows(t, 'SELECT email, seats FROM lunch_households')).toEqual([
      { email: 'host@example.org', seats: 4 },
    ]);
  });
});

describe('after-lunch survey', () => {
  const answer = { rating: '4', meetAgain: 'yes', comment: 'More time to talk, please.' };

  it('mails each confirmed household once the day after; the answer is stored without the household and the link works once', async () => {
    const t = await createTestApp();
    const dayId = await createDay(t.deps, coordinator, dayInput({ guestPlaces: 1 }));
    const guestId = await signUpAndConfirm(t, dayId, 'guest@example.org');
    await signUpAndConfirm(t, dayId, 'waiting@example.org');
    const hostId = await signUpAndConfirm(t, dayId, 'host@example.org', {
      role: 'host',
      seats: 4,
      diets: [],
      lang: 'sk',
    });

    t.advance(19 * 24 * 60 * 60_000); // 2026-12-12, the lunch day itself: not yet
    expect(await runLunchSchedule(t.deps)).toMatchObject({ surveyed: 0 });
    t.advance(24 * 60 * 60_000); // the day after
    expect(await runLunchSchedule(t.deps)).toMatchObject({ surveyed: 2 });
    expect(await runLunchSchedule(t.deps)).toMatchObject({ surveyed: 0 });
    expect(
      await rows(t, "SELECT recipient, subject FROM outbox WHERE kind = 'lunch.survey' ORDER BY recipient"),
    ).toEqual([
      { recipient: 'guest@example.org', subject: 'How was your Next Door Family lunch?' },
      { recipient: 'host@example.org', subject: 'Aký bol váš obed Rodina od vedľa?' },
    ]);
    const { deliverDueMail } = await import('../mail/outbox.service.ts');
    await deliverDueMail(t.deps);
    const mail = (await t.mailbox.list()).find(
      (m) => m.to === 'guest@example.org' && m.subject === 'How was your Next Door Family lunch?',
    )!;
    const link = new URL(linkIn((await t.mailbox.read(mail.key))!, `${TEST_ORIGIN}/en/lunches/survey/?`));
    const q = { id: link.searchParams.get('id')!, sig: link.searchParams.get('sig')! };
    expect(q.id).toBe(guestId);
    expect((await t.request(`/api/lunches/survey?id=${q.id}&sig=${q.sig}`)).status).toBe(200);

    const bad = await t.request(
      '/api/lunches/survey',
      postJson({ ...q, rating: '6', meetAgain: 'often', comment: 'x'.repeat(1001) }),
    );
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { fields: { code: string }[] }).fields.map((f) => f.code).sort()).toEqual([
      'lunch.commentTooLong',
      'lunch.meetAgainRequired',
      'lunch.ratingRequired',
    ]);

    expect((await t.request('/api/lunches/survey', postJson({ ...q, ...answer }))).status).toBe(201);
    const stored = await rows(t, 'SELECT * FROM lunch_survey_answers');
    expect(stored).toEqual([
      {
        id: expect.any(String),
        day_id: dayId,
        role: 'guest',
        rating: 4,
        meet_again: 'yes',
        comment: 'More time to talk, please.',
        created_on: '2026-12-13',
      },
    ]);
    expect(JSON.stringify(stored)).not.toContain(guestId);
    // Once only.
    expect((await t.request('/api/lunches/survey', postJson({ ...q, ...answer, rating: '1' }))).status).toBe(404);
    expect((await t.request(`/api/lunches/survey?id=${q.id}&sig=${q.sig}`)).status).toBe(404);
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_survey_answers')).toEqual([{ n: 1 }]);

    const hostSig = await signCapability(SECRET, 'lunch-survey', hostId);
    expect(
      (
        await t.request(
          '/api/lunches/survey',
          postJson({ id: hostId, sig: hostSig, rating: 2, meetAgain: 'maybe', comment: '' }),
        )
      ).status,
    ).toBe(201);

    await createUser(t.db, { email: 'coord@example.org', roles: [{ role: 'coordinator' }] });
    const jar = await signedIn(t, 'coord@example.org');
    expect((await t.request(`/api/lunches/days/${dayId}/survey`)).status).toBe(401);
    const results = await t.request(`/api/lunches/days/${dayId}/survey`, { headers: jar.header() });
    expect(await results.json()).toEqual({
      host: { answers: 1, averageRating: 2, meetAgain: { yes: 0, maybe: 1, no: 0 }, comments: [] },
      guest: {
        answers: 1,
        averageRating: 4,
        meetAgain: { yes: 1, maybe: 0, no: 0 },
        comments: ['More time to talk, please.'],
      },
    });
  });

  it('S12 a survey link signed for another purpose is refused, and a household never mailed cannot answer', async () => {
    const t = await createTestApp();
    const dayId = await createDay(t.deps, coordinator, dayInput());
    const id = await signUpAndConfirm(t, dayId, 'survey@example.org');
    const surveySig = await signCapability(SECRET, 'lunch-survey', id);
    // Not mailed yet (the lunch is still ahead): no answer.
    expect((await t.request('/api/lunches/survey', postJson({ id, sig: surveySig, ...answer }))).status).toBe(404);
    t.advance(20 * 24 * 60 * 60_000);
    await runLunchSchedule(t.deps);
    for (const purpose of ['lunch.manage', 'lunch.confirm', 'lunch.cantCome']) {
      const sig = await signCapability(SECRET, purpose, id);
      expect((await t.request(`/api/lunches/survey?id=${id}&sig=${sig}`)).status).toBe(404);
      expect((await t.request('/api/lunches/survey', postJson({ id, sig, ...answer }))).status).toBe(404);
    }
    // And the survey signature opens nothing else.
    expect((await t.request(`/api/lunches/households/${id}?sig=${surveySig}`)).status).toBe(404);
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_survey_answers')).toEqual([{ n: 0 }]);
    expect((await t.request('/api/lunches/survey', postJson({ id, sig: surveySig, ...answer }))).status).toBe(201);
  });
});
