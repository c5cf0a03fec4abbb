// `npm run bench:api` (also `npm run bench:competition`): the API's speed against a bare Hono
// endpoint doing one equivalent statement on the same database, measured back to back in one run.
// Prints figures and ratios and asserts nothing. For each database —
//   embedded: the API in this Node process on a libSQL file (WAL), served over node:http;
//   d1:       the API in the Workers runtime under `wrangler dev` on its local D1 (bench/d1/)
// — and each endpoint — reading an edition, saving a score (a juror's review), an entry step, a
// lunch sign-up — at 1, 16 and 64 connections: requests/s (2xx only), p50 and p99, then the same for
// the bare endpoint. Every request signs in as the next identity of a pool (entrants, jurors ×
// entries, new addresses and client addresses for sign-ups), so rate limits are never what is measured.
//
// Environment: BENCH_SECONDS (per cell, default 5), BENCH_CONNECTIONS (default 1,16,64),
// BENCH_TARGETS (default embedded,d1), BENCH_ENDPOINTS (default edition,score,entry,signup),
// BENCH_PROFILE=1 (embedded only: print each endpoint's round trips and statements, then stop),
// BENCH_ROUNDS (default 1: real and bare cells alternate this many times per row, figures combined),
// E2E_PORT (wrangler dev's port for the D1 part, default 4405), BENCH_INSPECTOR_PORT (d1: wrangler dev's
// DevTools port, for a CPU profile with bench/cpu-profile.mjs while a cell runs).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import autocannon from 'autocannon';
import { createApp } from '../functions/app.ts';
import { dbFromLibsql } from '../functions/db/client.ts';
import type { Deps } from '../functions/deps.ts';
import { fileMailbox } from '../functions/mail/file-mailbox.ts';
import { countingClient, shapeOf } from '../functions/testing/counting.ts';
import { createTestDb } from '../functions/testing/db.ts';
import { bareApp } from './api-bare.ts';
import { type ApiBenchData, seedApiBench } from './api-seed.ts';
import { ratio, table, writeSection } from './report.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,16,64').split(',').map(Number);
const TARGETS = (process.env.BENCH_TARGETS ?? 'embedded,d1').split(',');
const ENDPOINTS = (process.env.BENCH_ENDPOINTS ?? 'edition,score,entry,signup').split(',') as EndpointName[];
const PROFILE = process.env.BENCH_PROFILE === '1';
/** Real and bare cells alternate this many times per row (a machine whose load swings biases one run less). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const D1_PORT = Number(process.env.E2E_PORT ?? 4405);
/**
 * Identities per run: enough that no account, juror or address nears its limit in ~10 minutes.
 * Jurors: 240 (half for the real, half for the bare endpoint), as a juror may save 600 times in 10
 * minutes and the score save now passes 2,000 saves/s: 80 ran into that limit (429s) at 64 connections.
 * Entrants: 2,400 on the libSQL file, as an account may write 120 times in 10 minutes and the entry
 * step (one batch on its fast path) passed 4,000 saves/s there: 600 ran into that limit at 64
 * connections. 600 under `wrangler dev` (D1 serves a fifth of that): there a save is one round trip
 * from an identity's second save in the isolate on, and 2,400 identities taken in turn gave most of
 * them only one or two saves per cell — a measure of first saves, not of a session's saves.
 */
const SIZE = { entrants: 2400, jurors: 240 };
const D1_SIZE = { entrants: 600, jurors: 240 };
const root = new URL('..', import.meta.url).pathname;

type EndpointName = 'edition' | 'score' | 'entry' | 'signup';
const endpointTitles: Record<EndpointName, string> = {
  edition: 'read an edition',
  score: 'save a score',
  entry: 'entry step (work)',
  signup: 'lunch sign-up',
};

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

/** A pool handed out one item per request and given back when its answer came (no two requests share one). */
function pool<T>(items: T[]) {
  const free = [...items];
  return {
    take: (): T => {
      const item = free.shift();
      if (item === undefined) throw new Error('bench pool exhausted: more connections than identities');
      return item;
    },
    give: (item: T) => void free.push(item),
  };
}

type Context = { item?: unknown };
type Spec = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

/**
 * The request stream of one endpoint, real (`/api/…`) or bare (`/bare/…`): each request takes
 * the next identity of the endpoint's pool and gives it back once answered.
 */
function requestsFor(name: EndpointName, bare: boolean, data: ApiBenchData, origin: string, state: BenchState) {
  const browser = (cookie: string, ip: string) => ({
    'content-type': 'application/json',
    origin,
    'sec-fetch-site': 'same-origin',
    cookie,
    'cf-connecting-ip': ip,
  });
  let build: (c: Context) => Spec;
  let done: (c: Context, status: number, body: string) => void = (c) => {
    state.release(name, c.item);
  };
  switch (name) {
    case 'edition':
      build = () => ({
        method: 'GET',
        path: bare ? `/bare/editions/${data.editionId}` : `/api/competition/editions/${data.editionId}`,
      });
      done = () => undefined;
      break;
    case 'entry':
      build = (c) => {
        const e = state.entrants.take();
        c.item = e;
        return bare
          ? {
              method: 'POST',
              path: '/bare/entry',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ entryId: e.entryId, title: `Bench ${e.n}` }),
            }
          : {
              method: 'POST',
              path: `/api/competition/entries/${e.entryId}/steps/work`,
              headers: browser(e.cookie, `10.1.${e.n >> 8}.${e.n & 255}`),
              body: JSON.stringify({ ...state.work, title: `Bench ${e.n}` }),
            };
      };
      break;
    case 'score':
      build = (c) => {
        const r = (bare ? state.bareReviews : state.reviews).take();
        c.item = r;
        return bare
          ? {
              method: 'POST',
              path: '/bare/review',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ roundId: data.roundId, entryId: r.entryId, jurorId: r.jurorId }),
            }
          : {
              method: 'POST',
              path: `/api/jury/editions/${data.juryEditionId}/rounds/${data.roundId}/entries/${r.entryId}/review`,
              headers: browser(r.cookie, '10.2.0.1'),
              body: JSON.stringify({
                version: r.version,
                scores: { accuracy: 3, balance: 4, language: 3, originality: 5, craft: 4 },
                commentForJury: 'Solid sourcing.',
                commentForEntrant: '',
              }),
            };
      };
      done = (c, status, body) => {
        const r = c.item as (typeof state.reviewItems)[number];
        if (status === 200 && !bare) r.version = (JSON.parse(body) as { review: { version: number } }).review.version;
        (bare ? state.bareReviews : state.reviews).give(r);
      };
      break;
    case 'signup':
      build = () => {
        const n = state.signups++;
        const email = `family-${n}@bench.example.org`;
        return bare
          ? {
              method: 'POST',
              path: '/bare/signup',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ dayId: data.lunchDayId, email }),
            }
          : {
              method: 'POST',
              path: `/api/lunches/days/${data.lunchDayId}/signups`,
              // A new client address every 4 sign-ups: under the per-client sign-up and free-post limits.
              headers: {
                ...browser('', `10.3.${(n >> 10) & 255}.${(n >> 2) & 255}`),
                'idempotency-key': crypto.randomUUID(),
              },
              body: JSON.stringify(state.household(email)),
            };
      };
      done = () => undefined;
      break;
  }
  return [
    {
      setupRequest: (req: autocannon.Request, c: object) => ({ ...req, ...build(c as Context) }),
      onResponse: (status: number, body: string, c: object) => done(c as Context, status, body),
    },
  ];
}

type BenchState = ReturnType<typeof benchState>;
function benchState(data: ApiBenchData) {
  const entrantItems = data.entrants.map((e, n) => ({ ...e, n }));
  const reviewItems = data.reviews.map((r) => ({ ...r, version: 0 }));
  const entrants = pool(entrantItems);
  // The bare upsert bumps versions too: real and bare saves take reviews of different jurors.
  const byJuror = (odd: number) => reviewItems.filter((r) => Number(r.jurorId.split('-').at(-1)) % 2 === odd);
  const reviews = pool(byJuror(0));
  const bareReviews = pool(byJuror(1));
  const publishedOn = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    entrants,
    reviews,
    bareReviews,
    reviewItems,
    signups: 0,
    work: {
      title: '',
      categoryId: '2027-written',
      language: 'sk',
      outlet: 'Bench Daily',
      publishedOn,
      url: 'https://example.org/bench',
      summary: 'A summary.',
    },
    household: (email: string) => ({
      role: 'guest',
      contactName: 'Olena',
      email,
      phone: '+421 123 456 789',
      messenger: 'whatsapp',
      languages: ['uk', 'en'],
      town: 'Senec',
      maxTravelKm: 40,
      adults: 2,
      children: { '0-2': 0, '3-5': 1, '6-11': 1, '12-17': 0 },
      diets: ['halal'],
      allergies: '',
      accessibility: '',
      hasPets: false,
      avoidPets: true,
      consentData: true,
      consentPhotos: false,
      codeOfConduct: true,
      lang: 'en',
    }),
    release(name: EndpointName, item: unknown) {
      if (name === 'entry') entrants.give(item as (typeof entrantItems)[number]);
    },
  };
}

interface Cell {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function measure(
  base: string,
  name: EndpointName,
  bare: boolean,
  connections: number,
  data: ApiBenchData,
  state: BenchState,
): Promise<Cell> {
  const result = await autocannon({
    url: base,
    connections,
    duration: SECONDS,
    requests: requestsFor(name, bare, data, base, state),
  });
  const ok = result['2xx'];
  return {
    rps: ok / SECONDS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * The cells of one side over BENCH_ROUNDS alternating rounds as one: requests/s over all of them,
 * the median p50 and p99, the non-2xx and errors summed.
 */
function combined(cells: Cell[]): Cell {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  return {
    rps: cells.reduce((n, c) => n + c.rps, 0) / cells.length,
    p50: median(cells.map((c) => c.p50)),
    p99: median(cells.map((c) => c.p99)),
    non2xx: cells.reduce((n, c) => n + c.non2xx, 0),
    errors: cells.reduce((n, c) => n + c.errors, 0),
  };
}

/**
 * Runs every endpoint × connection count against `base`, real then bare back to back; returns table
 * rows. `settle` (when given) runs between the two: it waits for the work the real requests deferred
 * (mail delivery) to finish, so that work is not counted against the bare endpoint that follows.
 */
async function runTarget(label: string, base: string, data: ApiBenchData, settle?: () => Promise<void>) {
  const state = benchState(data);
  const rows: (string | number)[][] = [];
  for (const name of ENDPOINTS) {
    for (const connections of CONNECTIONS) {
      const reals: Cell[] = [];
      const bares: Cell[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        reals.push(await measure(base, name, false, connections, data, state));
        await settle?.();
        bares.push(await measure(base, name, true, connections, data, state));
      }
      const real = combined(reals);
      const bare = combined(bares);
      const row = [
        label,
        endpointTitles[name],
        connections,
        real.rps.toFixed(0),
        bare.rps.toFixed(0),
        ratio(real.rps, bare.rps),
        `${real.p50} / ${real.p99}`,
        `${bare.p50} / ${bare.p99}`,
        ratio(real.p99, bare.p99),
        real.non2xx + real.errors + bare.non2xx + bare.errors,
      ];
      console.log(row.join('  '));
      rows.push(row);
    }
  }
  return rows;
}

const benchConfig = (origin: string): Deps['config'] => ({
  version: 'bench',
  publicOrigin: origin,
  tokenSecret: 'bench-secret-0123456789abcdef0123456789',
  mailFrom: 'Spotlight <bench@example.org>',
  powMaxCounter: 2000,
});

/** The API and the bare endpoints in this process, on one libSQL file in WAL mode. */
async function embedded() {
  const dir = await mkdtemp(join(tmpdir(), 'spotlight-api-bench-'));
  const url = `file:${join(dir, 'bench.db')}`;
  const { client: setup } = await createTestDb(url);
  await setup.execute('PRAGMA journal_mode = WAL');
  setup.close();
  const counted = countingClient(createClient({ url }));
  const db = dbFromLibsql(counted.client);
  let app: ReturnType<typeof createApp> | undefined;
  const bare = bareApp(db);
  const server = await serve((request) =>
    new URL(request.url).pathname.startsWith('/bare/') ? bare.fetch(request) : app!.fetch(request),
  );
  app = createApp({
    db,
    mail: fileMailbox(join(dir, 'mail')),
    clock: () => new Date(),
    config: benchConfig(server.url),
  });
  const data = await seedApiBench(db, new Date(), SIZE);
  if (PROFILE) {
    const state = benchState(data);
    for (const name of ENDPOINTS) {
      const [spec] = requestsFor(name, false, data, server.url, state);
      const c = {};
      const req = spec!.setupRequest({} as autocannon.Request, c) as unknown as Spec;
      counted.reset();
      const response = await fetch(`${server.url}${req.path}`, {
        method: req.method,
        headers: req.headers,
        body: req.body,
      });
      const body = await response.text();
      spec!.onResponse(response.status, body, c);
      await new Promise((resolve) => setTimeout(resolve, 200)); // work the request deferred (mail)
      console.log(
        `\n${endpointTitles[name]}: ${response.status}, ${counted.trips.length} round trips: ${shapeOf(counted.trips).join(', ')}`,
      );
      for (const trip of counted.trips)
        for (const s of trip.sql) console.log(`  ${trip.kind === 'batch' ? '[batch] ' : ''}${s.slice(0, 150)}`);
    }
  }
  // Mail the real requests queued is delivered after their answers, in this same process: a backlog
  // left at the end of a real cell would otherwise be paid by the bare cell after it. Say how big it
  // was and how long it took, so a delivery that falls behind under load shows.
  const settle = async () => {
    const started = Date.now();
    const unsent = async () =>
      Number((await counted.client.execute('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL')).rows[0]?.n);
    const backlog = await unsent();
    while ((await unsent()) > 0 && Date.now() - started < 60_000)
      await new Promise((resolve) => setTimeout(resolve, 100));
    if (backlog > 0)
      console.log(`  (mail still unsent after the real cell: ${backlog}, delivered in ${Date.now() - started} ms)`);
  };
  const rows = PROFILE ? [] : await runTarget('libSQL file', server.url, data, settle);
  server.close();
  // Mail the last sign-ups queued is still being delivered (deferred work); let it finish.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  counted.client.close();
  await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  return rows;
}

/** Waits until `url` answers (any status), or fails after `ms`. */
async function ready(url: string, ms: number, child: ChildProcess) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

/** The same under `wrangler dev`: bench/d1/worker.ts on a fresh local D1 with the real migrations. */
async function d1() {
  const dir = await mkdtemp(join(tmpdir(), 'spotlight-api-bench-d1-'));
  const origin = `http://127.0.0.1:${D1_PORT}`;
  const config = join(dir, 'wrangler.json');
  await writeFile(
    config,
    JSON.stringify({
      name: 'spotlight-api-bench',
      main: join(root, 'bench/d1/worker.ts'),
      compatibility_date: '2026-10-01',
      compatibility_flags: ['nodejs_compat'],
      vars: { PUBLIC_ORIGIN: origin, MAIL_TRANSPORT: 'local', POW_MAX_COUNTER: '2000' },
      d1_databases: [
        {
          binding: 'DB',
          database_name: 'bench',
          database_id: '00000000-0000-0000-0000-000000000000',
          migrations_dir: join(root, 'migrations'),
        },
      ],
      r2_buckets: [{ binding: 'FILES', bucket_name: 'bench-files' }],
    }),
  );
  const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: '1' };
  const wrangler = join(root, 'node_modules/.bin/wrangler');
  const persist = join(dir, 'state');
  await new Promise<void>((resolve, reject) => {
    const p = spawn(
      wrangler,
      ['d1', 'migrations', 'apply', 'DB', '--local', '--config', config, '--persist-to', persist],
      { env, stdio: 'ignore' },
    );
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migrations apply exited with ${code}`))));
  });
  const child = spawn(
    wrangler,
    [
      'dev',
      '--config',
      config,
      '--ip',
      '127.0.0.1',
      '--port',
      String(D1_PORT),
      '--persist-to',
      persist,
      '--log-level',
      'error',
      '--show-interactive-dev-session=false',
      ...(process.env.BENCH_INSPECTOR_PORT ? ['--inspector-port', process.env.BENCH_INSPECTOR_PORT] : []),
    ],
    {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    },
  );
  try {
    await ready(`${origin}/bare/editions/none`, 60_000, child);
    const seeded = await fetch(`${origin}/bench/seed`, { method: 'POST', body: JSON.stringify(D1_SIZE) });
    if (!seeded.ok) throw new Error(`seeding D1 answered ${seeded.status}: ${await seeded.text()}`);
    const data = (await seeded.json()) as ApiBenchData;
    return await runTarget('D1 (wrangler dev)', origin, data);
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await rm(dir, { recursive: true, force: true });
  }
}

console.log(
  `API against bare Hono: ${SECONDS} s per cell, connections ${CONNECTIONS.join('/')}, targets ${TARGETS.join(', ')}\n`,
);
const rows: (string | number)[][] = [];
const notes: string[] = [];
if (TARGETS.includes('embedded')) rows.push(...(await embedded()));
if (TARGETS.includes('d1') && !PROFILE) {
  try {
    rows.push(...(await d1()));
  } catch (error) {
    notes.push(`D1 under wrangler dev was not measured: ${error instanceof Error ? error.message : String(error)}.`);
    console.error(notes.at(-1));
  }
}
if (!PROFILE)
  writeSection(
    'api',
    `## API: the real endpoints against a bare Hono insert

Requests per second (2xx only) and latency p50 / p99 in ms for the real API endpoint and for a bare
Hono endpoint doing one equivalent statement on the same database, measured back to back in one run
(${SECONDS} s per cell). Each request signs in as the next identity of a pool (${SIZE.entrants} (D1: ${D1_SIZE.entrants})
entrants with a draft each, ${SIZE.jurors} extra jurors × the demo entries of the open round, a new
address and rotating client addresses per lunch sign-up), so rate limits are not what is measured.
The entry step saves the work step of a draft; the score save saves a juror's draft review (the
next version); the lunch sign-up is a public sign-up with an Idempotency-Key (pending, mail queued).
Bare: one SELECT of the edition, one review upsert, one UPDATE of the entry, one INSERT of a household.

${table(['database', 'endpoint', 'conn.', 'real req/s', 'bare req/s', 'real/bare', 'real p50 / p99', 'bare p50 / p99', 'p99 real/bare', 'non-2xx'], rows)}
${notes.length ? `\n${notes.join('\n')}\n` : ''}
Re-run: \`BENCH_SECONDS=5 npm run bench:api\` (BENCH_TARGETS=embedded|d1, BENCH_CONNECTIONS, BENCH_ENDPOINTS;
BENCH_PROFILE=1 prints each endpoint's statements per request).`,
  );
