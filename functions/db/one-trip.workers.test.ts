import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { type Bindings, depsFromEnv } from '../env.ts';
import { demoIds, insertDemoJury } from '../jury/demo-jury.ts';
import { completeEntrySteps, createLunchDay, createUser, householdForm, sessionCookie } from '../testing/factories.ts';
import { dbFromD1 } from './client.ts';

// The write endpoints' one-round-trip paths on D1 itself (the node project pins them on libSQL):
// a later score save, a later entry step and a sign-up for a known day each make exactly ONE call
// to the D1 binding, a batch; each statement alone would be a call too.
const ORIGIN = 'http://127.0.0.1:8787';
const calls: string[] = [];
const counted = new Proxy(env.DB, {
  get(target, key) {
    if (key === 'batch')
      return (statements: D1PreparedStatement[]) => {
        calls.push(`batch(${statements.length})`);
        return target.batch(statements);
      };
    if (key === 'prepare')
      return (query: string) => {
        const statement = target.prepare(query);
        return new Proxy(statement, {
          get(s, k) {
            const value = Reflect.get(s, k, s);
            if (typeof value !== 'function') return value;
            if (k === 'all' || k === 'run' || k === 'raw' || k === 'first')
              return (...args: unknown[]) => {
                calls.push(String(k));
                return value.apply(s, args);
              };
            return (...args: unknown[]) => {
              const result = value.apply(s, args);
              // bind() returns a new statement: count its runs too (batch() is given the bound ones).
              return k === 'bind' ? wrapBound(result as D1PreparedStatement) : result;
            };
          },
        });
      };
    const value = Reflect.get(target, key, target);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});
function wrapBound(statement: D1PreparedStatement): D1PreparedStatement {
  return new Proxy(statement, {
    get(s, k) {
      const value = Reflect.get(s, k, s);
      if (typeof value !== 'function') return value;
      if (k === 'all' || k === 'run' || k === 'raw' || k === 'first')
        return (...args: unknown[]) => {
          calls.push(String(k));
          return value.apply(s, args);
        };
      return value.bind(s);
    },
  });
}
const countedEnv = { ...(env as unknown as Bindings), DB: counted } as Bindings;
const db = dbFromD1(env.DB);
const deps = depsFromEnv(countedEnv);
const app = createApp(deps);

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const deferred: Promise<unknown>[] = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => void deferred.push(p), passThroughOnException() {}, props: {} };
  const response = await app.request(
    `${ORIGIN}${path}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: JSON.stringify(body),
    },
    countedEnv,
    ctx as unknown as ExecutionContext,
  );
  await Promise.all(deferred);
  return response;
}

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  const now = new Date();
  await insertDemoEditions(db, now);
  await insertDemoJury(db, now);
});

describe('one D1 call per write request (Workers runtime)', () => {
  it('a later score save: one batch of 3 (the guarded update, the hit, the audit row)', async () => {
    const cookie = await sessionCookie(db, demoIds.jurorUser('oleksandr'), new Date());
    const path = `/api/jury/editions/2026/rounds/${demoIds.round}/entries/${demoIds.entry(1)}/review`;
    const scores = { accuracy: 4, balance: 5, language: 3, originality: 2, craft: 4 };
    expect((await post(path, { version: 0, scores }, { cookie })).status).toBe(200);
    calls.length = 0;
    const second = await post(path, { version: 1, scores, commentForJury: 'On D1' }, { cookie });
    expect(second.status).toBe(200);
    expect(((await second.json()) as { review: { version: number } }).review.version).toBe(2);
    expect(calls).toEqual(['batch(3)']);
  });

  it('a later entry step: one batch of 3 (the guarded update, 2 hits)', async () => {
    const userId = await createUser(db, { email: 'd1-entrant@example.org' });
    const cookie = await sessionCookie(db, userId, new Date());
    const created = await post('/api/competition/editions/2027/entries', {}, { cookie });
    const { id } = (await created.json()) as { id: string };
    const work = completeEntrySteps(new Date()).work;
    const path = `/api/competition/entries/${id}/steps/work`;
    expect((await post(path, work, { cookie })).status).toBe(200);
    calls.length = 0;
    expect((await post(path, { ...work, title: 'On D1' }, { cookie })).status).toBe(200);
    expect(calls).toEqual(['batch(3)']);
    const row = await env.DB.prepare('SELECT title FROM competition_entries WHERE id = ?').bind(id).first();
    expect(row?.title).toBe('On D1');
  });

  it('a sign-up for a known day: one batch of 5 (2 hits, household, mail, idempotency), then the mail', async () => {
    const dayId = await createLunchDay({ db, clock: () => new Date() });
    const path = `/api/lunches/days/${dayId}/signups`;
    const ip = { 'cf-connecting-ip': '198.51.100.77' };
    expect((await post(path, householdForm('first@example.org'), ip)).status).toBe(202);
    calls.length = 0;
    const second = await post(path, householdForm('second@example.org'), {
      ...ip,
      'idempotency-key': 'd1d2d3d4e5f6a7b8',
    });
    expect(second.status).toBe(202);
    expect(calls[0]).toBe('batch(5)');
    // Then the deferred delivery: the claim and the outcome (not the request's cost).
    expect(calls.slice(1)).toEqual(['raw', 'batch(1)']);
  });

  it('on D1 too, a refusal the one batch is built for (the same address again, S24) goes the slow way: 202, one household', async () => {
    const dayId = await createLunchDay({ db, clock: () => new Date() });
    const path = `/api/lunches/days/${dayId}/signups`;
    const ip = { 'cf-connecting-ip': '198.51.100.78' };
    expect((await post(path, householdForm('twice@example.org'), ip)).status).toBe(202);
    calls.length = 0;
    expect((await post(path, householdForm('twice@example.org'), ip)).status).toBe(202);
    // The one batch (refused by the unique index: D1 words it as a constraint failure), then the reads.
    expect(calls.slice(0, 2)).toEqual(['batch(4)', 'batch(4)']);
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM lunch_households WHERE day_id = ?')
      .bind(dayId)
      .first();
    expect(rows?.n).toBe(1);
  });
});
