// `npm run bench` (section `pages`): page weight and Lighthouse on every page template. Prints
// figures and targets; asserts nothing (budgets belong in review, never in a timed test).
//  1. For every built HTML page: bytes of HTML, CSS and JS it loads, raw and gzip, and the
//     heaviest page of each template against the content-page target (≤ 30 KB gzip HTML+CSS).
//  2. One representative URL per template (bench/page-templates.mjs: every src/pages/**/*.astro,
//     static and on demand, signed out and signed in as an entrant, a juror of 2026 and a manager),
//     fetched from the built portal under wrangler dev on the seeded demo data: status, the page's
//     heading, gzip bytes of HTML + CSS + JS, and Lighthouse (mobile, simulated throttling, Debian
//     Chromium; signed-in pages with the session cookie): performance, accessibility, best practices, SEO.
// Env: PAGES_PORT (4407), PAGES_LIGHTHOUSE (`all`, `none`, or a number: the first N templates),
// CHROMIUM_PATH; `--no-lighthouse` = PAGES_LIGHTHOUSE=none; `--jury-only`: only the juror's and managers' pages.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { createClient } from '@libsql/client';
import { signCapability } from '../functions/crypto/tokens.ts';
import { toolEnv } from '../scripts/env.mjs';
import { startServer } from '../scripts/server.mjs';
import { templates } from './page-templates.mjs';
import { table, writeSection } from './report.mjs';

const client = 'dist/client';
if (!existsSync(client)) {
  console.error('No build found: run `npm run build` first.');
  process.exit(1);
}

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

const sizes = (buffer) => ({ raw: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length });
const assetCache = new Map();
function asset(href) {
  if (!assetCache.has(href)) {
    const file = join(client, href.split('?')[0]);
    assetCache.set(href, existsSync(file) ? sizes(readFileSync(file)) : { raw: 0, gzip: 0 });
  }
  return assetCache.get(href);
}
const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });
const zero = { raw: 0, gzip: 0 };

/** The template a built page comes from, by its path. */
function template(page) {
  const path = page.replace(/index\.html$/, '');
  const rules = [
    [/^\/\w+\/$/, 'home'],
    [/^\/\w+\/campaigns\/$/, 'campaigns index'],
    [/^\/\w+\/campaigns\/[^/]+\/$/, 'campaign'],
    [/^\/\w+\/stories\/$/, 'stories index'],
    [/^\/\w+\/stories\/[^/]+\/$/, 'story'],
    [/^\/\w+\/news\/$/, 'news index'],
    [/^\/\w+\/news\/[^/]+\/$/, 'news item'],
    [/^\/\w+\/documentary\/$/, 'documentary'],
    [/^\/\w+\/search\/$/, 'search'],
    [/^\/\w+\/stay-informed\//, 'subscription flow'],
    [/404/, 'not found'],
  ];
  return rules.find(([re]) => re.test(path))?.[1] ?? 'page';
}

const rows = htmlFiles(client)
  .filter((f) => !f.includes('/pagefind/'))
  .sort()
  .map((file) => {
    const html = readFileSync(file);
    const text = html.toString('utf8');
    const css = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)]
      .map((m) => asset(m[1]))
      .reduce(add, zero);
    const externalJs = [...text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => asset(m[1])).reduce(add, zero);
    const inlineJs = [...text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
      .map((m) => sizes(Buffer.from(m[1])))
      .reduce(add, zero);
    const page = `/${relative(client, file)}`;
    return { page, template: template(page), html: sizes(html), css, js: add(externalJs, inlineJs) };
  });

const kb = (n) => (n / 1024).toFixed(1).padStart(7);
console.log(
  `${'page'.padEnd(52)} ${'HTML raw'.padStart(9)} ${'gzip'.padStart(7)} ${'CSS raw'.padStart(9)} ${'gzip'.padStart(7)} ${'JS raw'.padStart(9)} ${'gzip'.padStart(7)}   (KiB)`,
);
for (const r of rows) {
  console.log(
    `${r.page.padEnd(52)} ${kb(r.html.raw)}   ${kb(r.html.gzip)} ${kb(r.css.raw)}   ${kb(r.css.gzip)} ${kb(r.js.raw)}   ${kb(r.js.gzip)}`,
  );
}

console.log(
  '\nPer template, heaviest page (gzip KiB) — target for content pages: HTML+CSS ≤ 30, JS 0 except quick exit, chapters, search',
);
for (const name of [...new Set(rows.map((r) => r.template))].sort()) {
  const heaviest = rows
    .filter((r) => r.template === name)
    .reduce((a, b) => (a.html.gzip + a.css.gzip >= b.html.gzip + b.css.gzip ? a : b));
  const htmlCss = (heaviest.html.gzip + heaviest.css.gzip) / 1024;
  console.log(
    `  ${name.padEnd(18)} HTML+CSS ${htmlCss.toFixed(1).padStart(5)}  JS ${(heaviest.js.gzip / 1024).toFixed(1).padStart(4)}  ${htmlCss <= 30 ? 'within' : 'OVER'} target  (${heaviest.page})`,
  );
}
console.log(`\n${rows.length} pages; pages shipping JavaScript: ${rows.filter((r) => r.js.raw > 0).length}`);

const lighthouseSetting = process.argv.includes('--no-lighthouse') ? 'none' : (process.env.PAGES_LIGHTHOUSE ?? 'all');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const withLighthouse = lighthouseSetting !== 'none' && existsSync(chromium);
if (lighthouseSetting !== 'none' && !withLighthouse) console.log(`\nLighthouse skipped: no Chromium at ${chromium}.`);

// The demo data: migrations and the seeds `npm start` loads, in a throwaway directory.
const persistTo = mkdtempSync(join(tmpdir(), 'spotlight-bench-'));
const quiet = { env: toolEnv, stdio: 'ignore' };
spawnSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo], quiet);
for (const script of [
  'scripts/seed.mjs',
  'scripts/seed-competition.ts',
  'scripts/seed-jury.ts',
  'scripts/seed-results.ts',
  'scripts/seed-votes.ts',
  'scripts/seed-lunches.mjs',
])
  spawnSync('node', [script, persistTo], quiet);
const JUROR = 'jan.novak@jury.example.org';
const MANAGER = 'bench-manager@example.org';
const ENTRANT = 'bench-entrant@example.org';
spawnSync('node', ['scripts/create-admin.mjs', MANAGER, '--persist-to', persistTo], quiet);

const d1 = join(persistTo, 'v3/d1/miniflare-D1DatabaseObject');
const db = createClient({
  url: `file:${join(
    d1,
    readdirSync(d1).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite'),
  )}`,
});
const one = async (sql, args = []) => (await db.execute({ sql, args })).rows[0] ?? {};
const now = Date.now();
const entrantId = 'bench-entrant';
const entryId = 'bench-entrant-entry';
await db.batch(
  [
    {
      sql: "INSERT INTO users (id, email, locale, status, created_at, updated_at) VALUES (?, ?, 'en', 'active', ?, ?)",
      args: [entrantId, ENTRANT, now, now],
    },
    {
      sql: "INSERT INTO competition_entries (id, edition_id, entrant_id, locale, title, created_at, updated_at) VALUES (?, '2027', ?, 'en', 'Bench entry', ?, ?)",
      args: [entryId, entrantId, now, now],
    },
  ],
  'write',
);
/**
 * A session for `email` written into the database as a magic link leaves it (the cookie holds the
 * token, the table its hash), returned as the Cookie header a signed-in browser sends.
 */
async function sessionFor(email, column = 'email') {
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  await db.execute({
    sql: `INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at) SELECT ?, id, ?, ?, ? FROM users WHERE ${column} = ?`,
    args: [hash, now, now, now + 12 * 3_600_000, email],
  });
  return `__Host-spotlight-session=${token}`;
}
// An entrant of 2025, whose results are published (the entry results page).
const laureate = await one(
  "SELECT id, entrant_id FROM competition_entries WHERE edition_id = '2025' AND status = 'submitted' ORDER BY id",
);
const cookies = {
  laureate: await sessionFor(laureate.entrant_id, 'id'),
  visitor: '',
  juror: await sessionFor(JUROR),
  manager: await sessionFor(MANAGER),
  entrant: await sessionFor(ENTRANT),
};
const builtPaths = rows.map((r) => r.page.replace(/index\.html$/, ''));
const firstBuilt = (re) => builtPaths.find((p) => re.test(p)) ?? '/en/';
// A household of yesterday's demo lunch (English), for its mailed links; signed with the local
// development secret of functions/env.ts, as `wrangler dev` signs them.
const LOCAL_TOKEN_SECRET = 'local-development-secret-not-for-production-use';
const household = (
  await one(
    "SELECT h.id FROM lunch_households h JOIN lunch_days d ON d.id = h.day_id WHERE d.date < ? AND h.locale = 'en'",
    [new Date(now).toISOString().slice(0, 10)],
  )
).id;
// The survey link works once the day-after mail went out (the cron's work): as if it had.
await db.execute({ sql: 'UPDATE lunch_households SET survey_sent_at = ? WHERE id = ?', args: [now, household] });
const ids = {
  entry: entryId,
  laureateEntry: laureate.id,
  household,
  manageSig: await signCapability(LOCAL_TOKEN_SECRET, 'lunch.manage', household),
  surveySig: await signCapability(LOCAL_TOKEN_SECRET, 'lunch-survey', household),
  confirmSig: await signCapability(LOCAL_TOKEN_SECRET, 'lunch.confirm', household),
  juryEntry: (
    await one(
      "SELECT a.entry_id FROM jury_assignments a JOIN users u ON u.email = ? JOIN jury_jurors j ON j.user_id = u.id AND j.id = a.juror_id WHERE a.round_id = 'demo-2026-round-1' ORDER BY a.entry_id",
      [JUROR],
    )
  ).entry_id,
  category: (
    await one(
      "SELECT e.category_id FROM jury_assignments a JOIN competition_entries e ON e.id = a.entry_id JOIN jury_jurors j ON j.id = a.juror_id JOIN users u ON u.id = j.user_id WHERE a.round_id = 'demo-2026-round-final' AND u.email = ? ORDER BY e.category_id",
      [JUROR],
    )
  ).category_id,
  adminEntry: (
    await one("SELECT id FROM competition_entries WHERE edition_id = '2026' AND status = 'submitted' ORDER BY id")
  ).id,
  day: (await one('SELECT id FROM lunch_days WHERE signup_deadline > ? ORDER BY date', [now])).id,
  pastDay: (
    await one('SELECT id FROM lunch_days WHERE date < ? ORDER BY date DESC', [new Date(now).toISOString().slice(0, 10)])
  ).id,
  managerId: (await one('SELECT id FROM users WHERE email = ?', [MANAGER])).id,
  material: firstBuilt(/^\/en\/materials\/(?!kits\/|feedback\/)[^/]+\/$/).split('/')[3],
  kit: firstBuilt(/^\/en\/materials\/kits\/[^/]+\/$/),
  news: firstBuilt(/^\/en\/news\/[^/]+\/$/),
  accountStatus: firstBuilt(/^\/en\/account\/(?!uploads\/|delete\/|sign-in\/)[^/]+\/$/),
  stayStatus: firstBuilt(/^\/en\/stay-informed\/[^/]+\/$/),
  lunchStatus: firstBuilt(/^\/en\/lunches\/(?!sign-up\/|manage\/|survey\/)[^/]+\/$/),
};
db.close();

const port = Number(process.env.PAGES_PORT ?? 4407);
const server = await startServer({ port, persistTo });
const juryOnly = process.argv.includes('--jury-only');
const measured = templates
  .filter((t) => !juryOnly || t.who === 'juror' || t.template.includes('/admin/jury/'))
  .map((t) => ({ ...t, url: typeof t.path === 'function' ? t.path(ids) : t.path }));

/** gzip bytes of a page's HTML and of the CSS and JS it loads (external from dist/client, inline). */
function weigh(html) {
  const text = html.toString('utf8');
  const css = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)]
    .map((m) => asset(m[1]))
    .reduce(add, zero);
  const externalJs = [...text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => asset(m[1])).reduce(add, zero);
  const inlineJs = [...text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => sizes(Buffer.from(m[1])))
    .reduce(add, zero);
  // The page's heading, so a reader sees the page measured is the real one (not a sign-in or not-found page).
  const heading = (/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(text)?.[1] ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { html: sizes(html).gzip, css: css.gzip, js: add(externalJs, inlineJs).gzip, heading };
}

const results = [];
for (const page of measured) {
  const response = await fetch(`${server.url}${page.url}`, {
    headers: cookies[page.who] ? { cookie: cookies[page.who] } : {},
    redirect: 'manual',
  });
  const w = weigh(Buffer.from(await response.arrayBuffer()));
  results.push({ ...page, status: response.status, ...w, total: w.html + w.css + w.js });
}

const limit = lighthouseSetting === 'all' ? Infinity : Number(lighthouseSetting) || 0;
if (withLighthouse && limit > 0) {
  const { default: lighthouse } = await import('lighthouse');
  const { chromium: playwright } = await import('playwright-core');
  const debugPort = 9000 + (port % 1000);
  const browser = await playwright.launch({
    executablePath: chromium,
    args: [
      `--remote-debugging-port=${debugPort}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    for (const r of results.slice(0, limit)) {
      const started = Date.now();
      const result = await lighthouse(`${server.url}${r.url}`, {
        port: debugPort,
        output: 'json',
        logLevel: 'error',
        ...(cookies[r.who] ? { extraHeaders: { Cookie: cookies[r.who] } } : {}),
      }).catch((error) => ({ lhr: { runtimeError: { code: String(error.message ?? error).slice(0, 60) } } }));
      const lhr = result?.lhr;
      const c = lhr?.categories ?? {};
      // A category Lighthouse could not score prints as "–", with the reason after the row.
      const score = (k) => (c[k]?.score == null ? '–' : String(Math.round(c[k].score * 100)));
      const lcp = lhr?.audits?.['largest-contentful-paint'];
      r.lighthouse = {
        perf: score('performance'),
        a11y: score('accessibility'),
        best: score('best-practices'),
        seo: score('seo'),
        lcp: lcp?.numericValue == null ? '–' : String(Math.round(lcp.numericValue)),
        why: lhr?.runtimeError?.code ?? lcp?.errorMessage ?? '',
      };
      console.log(
        `  ${r.url.padEnd(60)} ${r.lighthouse.perf.padStart(4)} ${r.lighthouse.a11y.padStart(4)} ${r.lighthouse.best.padStart(4)} ${r.lighthouse.seo.padStart(4)}  LCP ${r.lighthouse.lcp} ms  (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
  } finally {
    await browser.close();
  }
}
server.stop();
rmSync(persistTo, { recursive: true, force: true });

const k = (n) => (n / 1024).toFixed(1);
const templateName = (t) => t.replace(/^src\/pages\//, '').replace(/\.astro$/, '');
const tableRows = results.map((r) => [
  templateName(r.template),
  r.who === 'visitor' ? 'signed out' : r.who,
  `\`${r.url}\``,
  String(r.status),
  k(r.html),
  k(r.css),
  k(r.js),
  k(r.total),
  r.lighthouse?.perf ?? 'not run',
  r.lighthouse?.a11y ?? '',
  r.lighthouse?.best ?? '',
  r.lighthouse?.seo ?? '',
  r.lighthouse?.lcp ?? '',
  [r.state, r.lighthouse?.why, r.heading ? `“${r.heading.slice(0, 50)}”` : ''].filter(Boolean).join('; '),
]);
const perTemplate = [...new Set(rows.map((r) => r.template))].sort().map((name) => {
  const heaviest = rows
    .filter((r) => r.template === name)
    .reduce((a, b) => (a.html.gzip + a.css.gzip >= b.html.gzip + b.css.gzip ? a : b));
  return [name, k(heaviest.html.gzip + heaviest.css.gzip), k(heaviest.js.gzip), `\`${heaviest.page}\``];
});
const over30 = results.filter((r) => r.html + r.css > 30 * 1024).length;
writeSection(
  'pages',
  `## Pages: weight and Lighthouse on every template

\`node bench/pages.bench.mjs\`: one representative URL for each of the ${results.length} page templates of \`src/pages/\` (the list
and the two left out — redirects — are in \`bench/page-templates.mjs\`), fetched from the built portal under
\`wrangler dev\` on the seeded demo data, signed out or signed in (an entrant, an entrant of 2025 for the results page, the 2026 juror \`${JUROR}\`, an
administrator), in English. Weights are gzip (level 9) KiB of the HTML, the stylesheets it links and its scripts
(linked and inline). Lighthouse: mobile, simulated throttling, Debian Chromium, signed-in pages with the session
cookie; ${withLighthouse ? (limit === Infinity ? 'every template' : `the first ${limit} templates only`) : 'not run in this run'}.
The target for content pages is ≤ 30 KiB gzip HTML + CSS; ${over30} of these pages are above it. Signed-in and admin
pages are \`noindex\` on purpose, which Lighthouse's SEO score counts against them.

${table(['template', 'who', 'URL', 'status', 'HTML', 'CSS', 'JS', 'total', 'perf', 'a11y', 'best', 'seo', 'LCP ms', 'state; heading'], tableRows)}

Every built (static) page, heaviest per template (${rows.length} pages; ${rows.filter((r) => r.js.raw > 0).length} ship JavaScript):

${table(['template', 'HTML+CSS KiB', 'JS KiB', 'heaviest page'], perTemplate)}
`,
);
