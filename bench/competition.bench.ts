// `npm run bench:competition`: how fast the media competition takes entries. Prints figures and
// asserts nothing. In one run, on one libSQL database file, with autocannon at 64 connections:
//  1. the real API: each entry is created, filled in over three steps and submitted (5 requests,
//     every one with its session, rate limits, validation, eligibility, numbering and mail);
//  2. a bare Hono endpoint that inserts one entry row into the same table of the same database;
// then entries per second of each, their ratio, and p50/p99 latency per request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { createApp } from '../functions/app.ts';
import { sessionInsert } from '../functions/accounts/sessions.ts';
import { demoEditions } from '../functions/competition/demo-edition.ts';
import { categories, editions, entries, users } from '../functions/db/schema/index.ts';
import type { Deps } from '../functions/deps.ts';
import { fileMailbox } from '../functions/mail/file-mailbox.ts';
import { createTestDb } from '../functions/testing/db.ts';

const CONNECTIONS = 64;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
/** Accounts the run rotates through, so no account or client address reaches its rate limit. */
const ACCOUNTS = 600;

const dir = await mkdtemp(join(tmpdir(), 'spotlight-bench-'));
const { db, client } = await createTestDb(`file:${join(dir, 'bench.db')}`);
await client.execute('PRAGMA journal_mode = WAL');

/** Serves a fetch handler over node:http (what autocannon talks to). */
function serve(fetch: (request: Request) => Response | Promise<Response>): Promise<{ url: string; close: () => void }> {
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const response = await fetch(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

// The real API, with a bench edition whose one category takes any number of entries per person.
const real = await serve((request) => app.fetch(request));
const mailbox = fileMailbox(join(dir, 'mail'));
const deps: Deps = {
  db,
  mail: mailbox,
  clock: () => new Date(),
  config: {
    version: 'bench',
    publicOrigin: real.url,
    tokenSecret: 'bench-secret-0123456789abcdef0123456789',
    mailFrom: 'Spotlight <bench@example.org>',
    powMaxCounter: 2000,
  },
};
const app = createApp(deps);
const now = new Date();
const demo = demoEditions(now);
await db.insert(editions).values({ ...demo.editions[0]!, id: '9999' });
await db
  .insert(categories)
  .values({ ...demo.categories[0]!, id: 'bench', editionId: '9999', entriesPerEntrant: 1_000_000 });

const cookies: string[] = [];
for (let i = 0; i < ACCOUNTS; i++) {
  const id = crypto.randomUUID();
  await db
    .insert(users)
    .values({ id, email: `bench-${i}@example.org`, locale: 'en', status: 'active', createdAt: now, updatedAt: now });
  const session = await sessionInsert(db, id, false, now);
  await session.insert;
  cookies.push(`__Host-spotlight-session=${session.id}`);
}

const publishedOn = new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
const steps = {
  work: {
    title: 'Bench entry',
    categoryId: 'bench',
    language: 'sk',
    outlet: 'Bench Daily',
    publishedOn,
    url: 'https://example.org/bench',
    summary: 'A summary.',
  },
  authors: { country: 'SK', authors: [{ name: 'Bench Author', role: 'reporter' }] },
  declarations: { declaredOwnWork: true, declaredLicence: true, declaredRules: true, declaredPrivacy: true },
};
type Context = { cookie?: string; ip?: string; id?: string };
/** autocannon's request hooks type the per-connection context as `object`; ours holds these fields. */
const setup =
  (f: (req: autocannon.Request, c: Context) => autocannon.Request) => (req: autocannon.Request, c: object) =>
    f(req, c as Context);
const after = (f: (status: number, body: string, c: Context) => void) => (status: number, body: string, c: object) =>
  f(status, body, c as Context);
let nextAccount = 0;
let submitted = 0;
const headersOf = (context: Context) => ({
  'content-type': 'application/json',
  origin: real.url,
  'sec-fetch-site': 'same-origin',
  cookie: context.cookie ?? '',
  'cf-connecting-ip': context.ip ?? '',
});
const step = (name: keyof typeof steps) => ({
  method: 'POST' as const,
  setupRequest: setup((req: autocannon.Request, context: Context) => ({
    ...req,
    path: `/api/competition/entries/${context.id}/steps/${name}`,
    headers: headersOf(context),
    body: JSON.stringify(steps[name]),
  })),
});

console.log(
  `Media competition: ${CONNECTIONS} connections, ${DURATION_S} s per endpoint, libSQL file database (WAL)\n`,
);
const realResult = await autocannon({
  url: real.url,
  connections: CONNECTIONS,
  duration: DURATION_S,
  requests: [
    {
      method: 'POST',
      setupRequest: setup((req: autocannon.Request, context: Context) => {
        // Each entry by the next account, from its own address: rate limits stay out of the way.
        const n = nextAccount++ % ACCOUNTS;
        context.cookie = cookies[n];
        context.ip = `10.0.${Math.floor(n / 250)}.${n % 250}`;
        return { ...req, path: '/api/competition/editions/9999/entries', headers: headersOf(context), body: '{}' };
      }),
      onResponse: after((status, body, context) => {
        context.id = status === 201 ? (JSON.parse(body) as { id: string }).id : 'failed';
      }),
    },
    step('work'),
    step('authors'),
    step('declarations'),
    {
      method: 'POST',
      setupRequest: setup((req: autocannon.Request, context: Context) => ({
        ...req,
        path: `/api/competition/entries/${context.id}/submit`,
        headers: headersOf(context),
        body: '{}',
      })),
      onResponse: after((status) => {
        if (status === 200) submitted++;
      }),
    },
  ],
});
real.close();

// The baseline: bare Hono, one insert of an entry row into the same table.
const bare = new Hono().post('/entries', async (c) => {
  const at = new Date();
  const id = crypto.randomUUID();
  await db.insert(entries).values({
    id,
    editionId: '9999',
    entrantId: sql`(SELECT id FROM users LIMIT 1)` as unknown as string,
    locale: 'en',
    title: 'Bare',
    createdAt: at,
    updatedAt: at,
  });
  return c.json({ id }, 201);
});
const bareServer = await serve((request) => bare.fetch(request));
const bareResult = await autocannon({
  url: `${bareServer.url}/entries`,
  method: 'POST',
  connections: CONNECTIONS,
  duration: DURATION_S,
  headers: { 'content-type': 'application/json' },
  body: '{}',
});
bareServer.close();

const numbers = await client.execute(
  "SELECT count(DISTINCT number) AS n, count(*) AS total FROM competition_entries WHERE status = 'submitted'",
);
const realPerSecond = submitted / DURATION_S;
const barePerSecond = bareResult.requests.total / DURATION_S;
const row = (name: string, perSecond: number, r: autocannon.Result) =>
  `${name.padEnd(44)} ${perSecond.toFixed(1).padStart(9)} entries/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;
console.log(row('real API: create + 3 steps + submit (5 req)', realPerSecond, realResult));
console.log(row('bare Hono: one insert (1 req)', barePerSecond, bareResult));
console.log(
  `\nbare / real: ${(barePerSecond / realPerSecond).toFixed(1)}× (the real flow is 5 requests per entry: ${(realResult.requests.total / DURATION_S).toFixed(0)} requests/s)`,
);
console.log(`submitted entries: ${numbers.rows[0]?.total}, distinct numbers: ${numbers.rows[0]?.n}`);
// Mails the submissions queued are still being written (waitUntil work); let them finish.
await new Promise((resolve) => setTimeout(resolve, 3000));
client.close();
await rm(dir, { recursive: true, force: true });
