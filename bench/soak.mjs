// Soak and crash (issue 20, item 7): the portal as `npm start` runs it (scripts/start.mjs: migrations,
// demo seeds, `wrangler dev` on the built site), on its own throwaway data directory and port, under a
// mixed load — page reads, lunch sign-ups, competition entry saves, jury score saves — at 64
// connections for SOAK_SECONDS (default 60). Every write answered 2xx is recorded with what finds it
// again. Then the server's whole process tree is killed hard (SIGKILL) while the load still runs,
// started again on the same data, and the database is checked:
//  - zero 5xx before the kill;
//  - every write answered 2xx is there after the restart (sign-ups, entries with their step, scores
//    at the version acknowledged or the one in flight at the kill);
//  - no half-written rows (a sign-up without its confirmation mail, an outbox row of a sign-up that
//    does not exist, an entry whose category was saved without its title, a review without scores),
//    `PRAGMA foreign_key_check` empty and `PRAGMA integrity_check` = ok.
// Prints the counts, writes the `soak` section (bench/report.mjs) and exits non-zero when a check fails.
// Loopback only: it refuses any SOAK_HOST that is not 127.0.0.0/8, ::1 or localhost.
//
// Env: SOAK_SECONDS (default 60; BENCH_QUICK=1: 10), SOAK_CONNECTIONS (64), SOAK_PORT (4407), SOAK_HOST
// (127.0.0.1), SOAK_KEEP=1 keeps the data directory (its path is printed).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { toolEnv } from '../scripts/env.mjs';
import { table, writeSection } from './report.mjs';

const quick = process.env.BENCH_QUICK === '1';
const SECONDS = Number(process.env.SOAK_SECONDS ?? (quick ? 10 : 60));
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 64);
const PORT = Number(process.env.SOAK_PORT ?? 4407);
const HOST = process.env.SOAK_HOST ?? '127.0.0.1';
/** Entrant accounts the entry saves rotate through (each with its own client address). */
const ENTRANTS = 400;
/** Score saves allowed per juror in a run: under the route's 600 per juror per 10 minutes. */
const SAVES_PER_JUROR = 550;

/** True for a loopback host: the soak never loads anything but this machine. */
export const isLoopback = (host) =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

if (!isLoopback(HOST)) {
  console.error(`soak: refusing ${HOST}: the soak runs against a loopback address only (127.0.0.1, ::1).`);
  process.exit(2);
}

const origin = `http://${HOST}:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'spotlight-soak-'));
const serverEnv = { ...toolEnv, SPOTLIGHT_PORT: String(PORT), SPOTLIGHT_DATA_DIR: dataDir };
const log = createWriteStream(join(dataDir, 'server.log'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The D1 database file wrangler keeps under the data directory. */
function databaseFile() {
  const dir = join(dataDir, 'v3/d1/miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database under ${dir}`);
  return join(dir, file);
}

/** Runs one preparation command (as start.mjs would), failing the soak when it fails. */
function prepare(command, args) {
  const result = spawnSync(command, args, { env: serverEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
    process.exit(1);
  }
}

/** `npm start`'s own script, on the soak's port and data directory, in its own process group. */
async function startPortal(label) {
  const started = Date.now();
  const child = spawn('node', ['scripts/start.mjs'], {
    env: serverEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  log.write(`\n===== ${label} =====\n`);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  // A stale build makes start.mjs build first, as `npm start` does: allow for it.
  const deadline = Date.now() + 20 * 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`scripts/start.mjs exited (${child.exitCode}); see ${dataDir}/server.log`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) {
        console.log(`${label}: ready in ${((Date.now() - started) / 1000).toFixed(0)} s (pid ${child.pid})`);
        return child;
      }
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`the portal did not answer in 20 minutes; see ${dataDir}/server.log`);
}

/** Sends `signal` to the portal's whole process group (start.mjs, wrangler, workerd). */
const signalTree = (child, signal) => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
};
const exited = (child) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));

async function portFree() {
  for (let i = 0; i < 40; i++) {
    try {
      await fetch(`${origin}/api/health`);
    } catch {
      return true;
    }
    await sleep(250);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// 1. The data directory: migrations and the demo data, as start.mjs loads them, then sessions.
console.log(`Soak: ${CONNECTIONS} connections for ${SECONDS} s against ${origin} (data: ${dataDir})`);
prepare('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dataDir]);
for (const script of [
  'scripts/seed.mjs',
  'scripts/seed-competition.ts',
  'scripts/seed-jury.ts',
  'scripts/seed-results.ts',
  'scripts/seed-votes.ts',
  'scripts/seed-lunches.mjs',
])
  prepare('node', [script, dataDir]);

const runId = Date.now().toString(36);
const db = createClient({ url: `file:${databaseFile()}` });
const rowsOf = async (sql, args = []) => (await db.execute({ sql, args })).rows;

/**
 * A session row as a magic link leaves it (the cookie holds the token, the table its hash), the
 * way the tests and bench/pages.bench.mjs create them. Returns the Cookie header.
 */
function session(userId, now) {
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  return {
    cookie: `__Host-spotlight-session=${token}`,
    statement: {
      sql: 'INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      args: [hash, userId, now, now, now + 12 * 3_600_000],
    },
  };
}

const now = Date.now();
const statements = [];
// Entrants: ordinary accounts, one session each (the competition's writes are limited per account
// and per client address, so each entrant also has its own address).
const entrants = Array.from({ length: ENTRANTS }, (_, i) => {
  const id = `soak-${runId}-${i}`;
  statements.push({
    sql: "INSERT INTO users (id, email, locale, status, created_at, updated_at) VALUES (?, ?, 'en', 'active', ?, ?)",
    args: [id, `soak-entrant-${i}@example.org`, now, now],
  });
  const s = session(id, now);
  statements.push(s.statement);
  return { id, cookie: s.cookie, ip: `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}` };
});
// The demo jurors of 2026 and their assignments in the open round, with each entry's rubric keys.
const ROUND = 'demo-2026-round-1';
const jurorRows = await rowsOf(
  'SELECT j.id, j.user_id FROM jury_jurors j JOIN users u ON u.id = j.user_id WHERE j.edition_id = ? ORDER BY j.id',
  ['2026'],
);
const jurors = new Map(
  jurorRows.map((j) => {
    const s = session(j.user_id, now);
    statements.push(s.statement);
    return [j.id, { cookie: s.cookie, saves: 0 }];
  }),
);
const pairRows = await rowsOf(
  `SELECT a.entry_id, a.juror_id, r.criteria FROM jury_assignments a
   JOIN competition_entries e ON e.id = a.entry_id JOIN jury_rubrics r ON r.category_id = e.category_id
   WHERE a.round_id = ? ORDER BY a.juror_id, a.entry_id`,
  [ROUND],
);
const pairs = pairRows.map((p) => ({
  entryId: p.entry_id,
  jurorId: p.juror_id,
  criteria: JSON.parse(p.criteria).map((c) => ({ key: c.key, min: c.min, max: c.max })),
  version: 0,
  busy: false,
  acked: null,
  inFlight: null,
}));
const days = (await rowsOf('SELECT id FROM lunch_days WHERE signup_deadline > ? ORDER BY id', [now])).map((d) => d.id);
const categoryIds = (await rowsOf("SELECT id FROM competition_categories WHERE edition_id = '2027' ORDER BY id")).map(
  (c) => c.id,
);
await db.batch(statements, 'write');
db.close();
console.log(
  `prepared: ${entrants.length} entrant sessions, ${jurors.size} juror sessions, ${pairs.length} juror–entry pairs in ${ROUND}, ${days.length} open lunch days`,
);

// ---------------------------------------------------------------------------------------------
// 2. The portal, started as `npm start` starts it, and the load.
let portal = await startPortal('npm start (scripts/start.mjs)');

const kinds = ['page', 'signup', 'entry', 'score'];
const stats = Object.fromEntries(kinds.map((k) => [k, { sent: 0, ok: 0, c4xx: 0, c5xx: 0, failed: 0 }]));
const fiveHundreds = [];
const unexpected = [];
const acked = { signups: [], entries: new Map(), works: new Map() };
let killedAt = Infinity;
let fiveBeforeKill = 0;
const fiveByWindow = [];
let loadStarted = Date.now();

const json = (cookie, ip) => ({
  'content-type': 'application/json',
  origin,
  'sec-fetch-site': 'same-origin',
  ...(cookie ? { cookie } : {}),
  ...(ip ? { 'cf-connecting-ip': ip } : {}),
});

/** One request, counted under `kind`; returns the response and its text, or null when no answer came. */
async function call(kind, path, init = {}) {
  stats[kind].sent++;
  try {
    const response = await fetch(`${origin}${path}`, { redirect: 'manual', ...init });
    const text = await response.text();
    const s = stats[kind];
    if (response.status >= 500) {
      s.c5xx++;
      if (Date.now() < killedAt) {
        fiveBeforeKill++;
        // When in the load, per 10-second window: a burst (a restart of the Worker) or a steady trickle.
        const window = Math.floor((Date.now() - loadStarted) / 10_000);
        fiveByWindow[window] = (fiveByWindow[window] ?? 0) + 1;
      }
      if (fiveHundreds.length < 10) fiveHundreds.push(`${response.status} ${path} ${text.slice(0, 200)}`);
    } else if (response.status >= 400) {
      s.c4xx++;
      if (unexpected.length < 10)
        unexpected.push(`${response.status} ${init.method ?? 'GET'} ${path} ${text.slice(0, 200)}`);
    } else s.ok++;
    return { status: response.status, text };
  } catch {
    stats[kind].failed++;
    return null;
  }
}

let counter = 0;
const pages = [
  '/en/',
  '/sk/lunches/',
  '/en/competition/2027/',
  '/en/competition/2025/winners/',
  '/uk/stories/',
  '/en/helplines/',
];
async function readPage(n) {
  // Every fourth read is a juror's signed-in "my entries" page (rendered on demand from the database).
  if (n % 4 === 3 && jurors.size) {
    const [first] = [...jurors.values()].slice(n % jurors.size);
    await call('page', `/en/jury/2026/rounds/${ROUND}/`, { headers: { cookie: first.cookie } });
  } else await call('page', pages[n % pages.length]);
}

async function signUp(n) {
  const email = `soak-${runId}-family-${n}@example.org`;
  const dayId = days[n % days.length];
  const body = {
    role: 'guest',
    contactName: `Soak ${n}`,
    email,
    phone: '+421 123 456 789',
    languages: ['uk', 'en'],
    town: 'Senec',
    maxTravelKm: 40,
    adults: 2,
    children: { '0-2': 0, '3-5': 1, '6-11': 0, '12-17': 0 },
    diets: [],
    allergies: '',
    accessibility: '',
    consentData: true,
    codeOfConduct: true,
    lang: 'en',
  };
  // Each family from its own client address: the per-client limits (20 sign-ups, 10 posts without
  // proof of work per 10 minutes) are not what this run measures.
  const ip = `10.2.${(n >> 8) & 255}.${n & 255}`;
  const answer = await call('signup', `/api/lunches/days/${dayId}/signups`, {
    method: 'POST',
    headers: json(undefined, ip),
    body: JSON.stringify(body),
  });
  if (answer?.status === 202) acked.signups.push({ id: JSON.parse(answer.text).id, email, dayId });
}

let nextEntrant = 0;
async function saveEntry(n) {
  const who = entrants[nextEntrant++ % entrants.length];
  const created = await call('entry', '/api/competition/editions/2027/entries', {
    method: 'POST',
    headers: json(who.cookie, who.ip),
    body: '{}',
  });
  if (created?.status !== 201) return;
  const id = JSON.parse(created.text).id;
  acked.entries.set(id, who.id);
  const work = {
    title: `Soak ${runId} ${n}`,
    categoryId: categoryIds[n % categoryIds.length],
    language: 'sk',
    outlet: 'Soak Daily',
    publishedOn: new Date(now - 30 * 86_400_000).toISOString().slice(0, 10),
    url: 'https://example.org/soak',
    summary: 'A summary.',
  };
  const saved = await call('entry', `/api/competition/entries/${id}/steps/work`, {
    method: 'POST',
    headers: json(who.cookie, who.ip),
    body: JSON.stringify(work),
  });
  if (saved && saved.status >= 200 && saved.status < 300) acked.works.set(id, work);
}

async function saveScore(n) {
  // A pair one connection holds at a time (saves carry the version they change), whose juror is
  // under its budget; none free: read a page instead.
  const start = n % Math.max(1, pairs.length);
  const pair = [...pairs.slice(start), ...pairs.slice(0, start)].find(
    (p) => !p.busy && jurors.get(p.jurorId).saves < SAVES_PER_JUROR,
  );
  if (!pair) return readPage(n);
  pair.busy = true;
  const juror = jurors.get(pair.jurorId);
  juror.saves++;
  const scores = Object.fromEntries(pair.criteria.map((c, i) => [c.key, c.min + ((n + i) % (c.max - c.min + 1))]));
  const comment = `soak ${runId} ${n}`;
  pair.inFlight = { version: pair.version + 1, comment };
  const answer = await call('score', `/api/jury/editions/2026/rounds/${ROUND}/entries/${pair.entryId}/review`, {
    method: 'POST',
    headers: json(juror.cookie),
    body: JSON.stringify({ version: pair.version, scores, commentForJury: comment }),
  });
  if (answer?.status === 200) {
    const review = JSON.parse(answer.text).review;
    pair.version = review.version;
    pair.acked = { version: review.version, comment };
    pair.inFlight = null;
  }
  pair.busy = false;
}

// Warm-up, not counted: each page once, so the first seconds of the load do not measure the
// Worker's first compile of every route.
for (const page of pages) await fetch(`${origin}${page}`).then((r) => r.arrayBuffer());

const actions = [readPage, readPage, signUp, saveEntry, saveScore];
let stopping = false;
async function worker(w) {
  while (!stopping) {
    const n = counter++;
    await actions[(n + w) % actions.length](n);
  }
}
loadStarted = Date.now();
const loadAverageAtStart = loadavg()[0];
const workers = Array.from({ length: CONNECTIONS }, (_, w) => worker(w));
await sleep(SECONDS * 1000);
// The crash: the whole tree, hard, while every connection is still sending.
killedAt = Date.now();
const loadAverageAtKill = loadavg()[0];
signalTree(portal, 'SIGKILL');
// No new requests after the kill; those in flight end without an answer.
stopping = true;
await Promise.all(workers);
const before = stats;
const loadSeconds = (killedAt - loadStarted) / 1000;
await exited(portal);
if (!(await portFree())) console.log('warning: something still answers on the port after the kill');

// ---------------------------------------------------------------------------------------------
// 3. Started again on the same data; it must serve, then the data is checked.
portal = await startPortal('restart on the same data');
const after = await Promise.all(pages.map((p) => fetch(`${origin}${p}`).then((r) => r.status)));
signalTree(portal, 'SIGTERM');
await exited(portal);
await portFree();

const check = createClient({ url: `file:${databaseFile()}` });
const q = async (sql, args = []) => (await check.execute({ sql, args })).rows;
const chunks = (xs, size = 400) =>
  Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));
const marks = (xs) => xs.map(() => '?').join(',');

let signupsFound = 0;
for (const part of chunks(acked.signups)) {
  const found = await q(
    `SELECT id, day_id, email FROM lunch_households WHERE id IN (${marks(part)})`,
    part.map((s) => s.id),
  );
  const byId = new Map(found.map((r) => [r.id, r]));
  signupsFound += part.filter((s) => byId.get(s.id)?.email === s.email && byId.get(s.id)?.day_id === s.dayId).length;
}
const entryIds = [...acked.entries.keys()];
let entriesFound = 0;
for (const part of chunks(entryIds)) {
  entriesFound += Number(
    (await q(`SELECT count(*) AS n FROM competition_entries WHERE id IN (${marks(part)})`, part))[0].n,
  );
}
const workIds = [...acked.works.keys()];
let worksFound = 0;
for (const part of chunks(workIds)) {
  const found = await q(`SELECT id, title, category_id FROM competition_entries WHERE id IN (${marks(part)})`, part);
  worksFound += found.filter(
    (r) => r.title === acked.works.get(r.id).title && r.category_id === acked.works.get(r.id).categoryId,
  ).length;
}
const scored = pairs.filter((p) => p.acked);
let scoresFound = 0;
for (const p of scored) {
  const [row] = await q(
    'SELECT version, comment_for_jury FROM jury_reviews WHERE round_id = ? AND entry_id = ? AND juror_id = ?',
    [ROUND, p.entryId, p.jurorId],
  );
  const isAcked = row && row.version === p.acked.version && row.comment_for_jury === p.acked.comment;
  const isInFlight =
    row && p.inFlight && row.version === p.inFlight.version && row.comment_for_jury === p.inFlight.comment;
  if (isAcked || isInFlight) scoresFound++;
}
// Half-written rows: a sign-up and its confirmation mail are one batch; an entry's work step sets
// its category and title together; a review is written with its scores.
const like = `soak-${runId}-family-%`;
const signupWithoutMail = Number(
  (
    await q(
      `SELECT count(*) AS n FROM lunch_households h WHERE h.email LIKE ?
       AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.recipient = h.email AND o.kind = 'lunch.confirm')`,
      [like],
    )
  )[0].n,
);
const mailWithoutSignup = Number(
  (
    await q(
      `SELECT count(*) AS n FROM outbox o WHERE o.recipient LIKE ? AND o.kind = 'lunch.confirm'
       AND NOT EXISTS (SELECT 1 FROM lunch_households h WHERE h.email = o.recipient)`,
      [like],
    )
  )[0].n,
);
const entryHalf = Number(
  (
    await q(
      `SELECT count(*) AS n FROM competition_entries WHERE entrant_id LIKE ?
       AND ((category_id IS NOT NULL AND title = '') OR (category_id IS NULL AND title <> ''))`,
      [`soak-${runId}-%`],
    )
  )[0].n,
);
const reviewHalf = Number(
  (
    await q(`SELECT count(*) AS n FROM jury_reviews WHERE comment_for_jury LIKE ? AND scores = '{}'`, [
      `soak ${runId} %`,
    ])
  )[0].n,
);
const foreignKeys = (await q('PRAGMA foreign_key_check')).length;
const integrity = (await q('PRAGMA integrity_check')).map((r) => Object.values(r)[0]).join('; ');
check.close();

// ---------------------------------------------------------------------------------------------
// 4. The counts, the section, the verdict.
const answeredAfterRestart = after.filter((s) => s === 200).length;
const checks = [
  ['5xx answers before the kill', fiveBeforeKill, 0],
  [
    'lunch sign-ups answered 202, found after the restart',
    `${signupsFound} / ${acked.signups.length}`,
    acked.signups.length,
  ],
  ['entries answered 201, found', `${entriesFound} / ${entryIds.length}`, entryIds.length],
  [
    'entry work steps answered 2xx, found with their title and category',
    `${worksFound} / ${workIds.length}`,
    workIds.length,
  ],
  [
    'score saves: pairs whose last 200 (or the save in flight) is stored',
    `${scoresFound} / ${scored.length}`,
    scored.length,
  ],
  ['sign-ups without their confirmation mail', signupWithoutMail, 0],
  ['confirmation mails (outbox) without their sign-up', mailWithoutSignup, 0],
  ['entries with a category but no title (or the reverse)', entryHalf, 0],
  ['reviews saved without scores', reviewHalf, 0],
  ['PRAGMA foreign_key_check rows', foreignKeys, 0],
  ['PRAGMA integrity_check', integrity, 'ok'],
  ['pages answering 200 after the restart', `${answeredAfterRestart} / ${pages.length}`, pages.length],
];
const found = (v) => (typeof v === 'string' && v.includes(' / ') ? Number(v.split(' / ')[0]) : v);
const failures = checks.filter(([, value, want]) => found(value) !== want);

const loadRows = kinds.map((k) => {
  const s = before[k];
  return [k, s.sent, s.ok, s.c4xx, s.c5xx, s.failed, (s.ok / loadSeconds).toFixed(1)];
});
const section = `## Soak and crash

\`node bench/soak.mjs\`: the portal as \`npm start\` runs it (scripts/start.mjs: migrations, demo seeds, \`wrangler dev\`
on the built site, embedded D1) on port ${PORT} and a throwaway data directory; ${CONNECTIONS} connections of mixed load
for ${loadSeconds.toFixed(0)} s (page reads — static pages, the on-demand lunch list, edition and winners pages, a juror's
signed-in list —, lunch sign-ups, entry creation + work step, score saves), then the process tree killed with SIGKILL
while the load ran, started again on the same data, and the database checked.

Sessions are written into the database as a magic link leaves them (as the tests do): ${ENTRANTS} entrant accounts
used in turn and the six demo jurors of 2026 on the ${pairs.length} juror–entry pairs of their open round (one
connection per pair at a time, at most ${SAVES_PER_JUROR} saves per juror per run). Each family and each entrant sends
its own \`CF-Connecting-IP\` (wrangler dev keeps a client's header): **rate limits were kept out of the way on purpose**,
so they are not what this load hits.

Requests of the load ("no answer": the ones in flight when the server was killed):

${table(['kind', 'sent', '2xx/3xx', '4xx', '5xx', 'no answer', '2xx per s'], loadRows)}

After the restart:

${table(
  ['check', 'found', 'must be'],
  checks.map(([name, value, want]) => [name, String(value), String(want)]),
)}

${failures.length === 0 ? 'Every check passed.' : `**${failures.length} check(s) failed:** ${failures.map(([n]) => n).join('; ')}.`}
${fiveHundreds.length ? `\n5xx seen: ${fiveHundreds.map((l) => `\`${l}\``).join(', ')}\n` : ''}${
  unexpected.length
    ? `\nFirst 4xx answers (${unexpected.length} shown): ${unexpected.map((l) => `\`${l.replaceAll('`', "'")}\``).join(', ')}\n`
    : ''
}`;
// wrangler dev's proxy and the UserWorker are two workerd processes; each closes a keep-alive
// connection idle for 5 s, and a starved process lets that close land on a request already sent
// (bench/proxy-stall.mjs). The proxy then retries a GET or HEAD (its log: "recovered on attempt")
// and answers any other request 500 "Network connection lost". Both are counted, with the machine's
// load, so a 5xx of that kind is told from one of the portal's.
const serverLog = readFileSync(join(dataDir, 'server.log'), 'utf8');
const proxyRetried = serverLog.match(/recovered on attempt/g)?.length ?? 0;
const proxyLost = serverLog.match(/Error inside ProxyWorker[^\n]*Network connection lost/g)?.length ?? 0;
const proxyNote = `\nwrangler dev's proxy lost its connection to the UserWorker ${proxyRetried + proxyLost} times: ${proxyRetried} GET/HEAD retried by the proxy (answered), ${proxyLost} other requests answered 500 "Network connection lost" (bench/proxy-stall.mjs shows how: a workerd starved for about 5 s). Load average (1 min) at the start of the load ${loadAverageAtStart.toFixed(1)}, at the kill ${loadAverageAtKill.toFixed(1)}, on ${availableParallelism()} cores.\n`;
console.log(proxyNote.trim());
// What the server said about trouble (its log: wrangler's and the Worker's lines), for a 5xx's cause.
const troubleLines = serverLog
  .split('\n')
  .filter((l) => /error|exceeded|memory|crash|connection lost|uncaught|✘/i.test(l) && !/ 2\d\d | 4\d\d /.test(l))
  .slice(0, 8);
const windows = fiveByWindow.map((n, i) => `${i * 10}–${i * 10 + 10} s: ${n ?? 0}`).join(', ');
writeSection(
  'soak',
  `${section}${proxyNote}${fiveBeforeKill ? `\n5xx before the kill per 10 s of load: ${windows}.\n` : ''}${
    troubleLines.length
      ? `\nThe server's log, lines about errors (first ${troubleLines.length}):\n\n\`\`\`\n${troubleLines.map((l) => l.slice(0, 300)).join('\n')}\n\`\`\`\n`
      : ''
  }`,
);

if (process.env.SOAK_KEEP === '1') console.log(`data kept in ${dataDir}`);
else rmSync(dataDir, { recursive: true, force: true });
process.exit(failures.length === 0 ? 0 : 1);
