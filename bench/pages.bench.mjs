// `npm run bench`: page weight and Lighthouse. Prints figures and targets; asserts nothing
// (budgets belong in review, never in a timed test).
//  1. For every built HTML page: bytes of HTML, CSS and JS it loads, raw and gzip, and the
//     heaviest page of each template against the content-page target (≤ 30 KB gzip HTML+CSS).
//  2. Lighthouse (mobile, Debian Chromium) on home, a campaign, a story, helplines and the
//     documentary, served by wrangler dev: performance, accessibility, best practices, SEO.
//  3. The jury's signed-in pages (rendered on demand, so measured from the running server with a
//     session cookie): the juror's jury page, profile, "my entries" and the scoring screen, and the
//     managers' round, edition and conflicts pages: gzip bytes of HTML + CSS + JS, and Lighthouse.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { toolEnv } from '../scripts/env.mjs';
import { startServer } from '../scripts/server.mjs';

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

if (process.argv.includes('--no-lighthouse')) process.exit(0);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(`\nLighthouse skipped: no Chromium at ${chromium}.`);
  process.exit(0);
}

const persistTo = mkdtempSync(join(tmpdir(), 'spotlight-bench-'));
spawnSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo], {
  env: toolEnv,
  stdio: 'ignore',
});
spawnSync('node', ['scripts/seed.mjs', persistTo], { env: toolEnv, stdio: 'ignore' });
// The demo competition and jury (a round open for scoring), and an administrator to manage it.
for (const script of ['scripts/seed-competition.ts', 'scripts/seed-jury.ts'])
  spawnSync('node', [script, persistTo], { env: toolEnv, stdio: 'ignore' });
const JUROR = 'jan.novak@jury.example.org';
const MANAGER = 'bench-jury-manager@example.org';
spawnSync('node', ['scripts/create-admin.mjs', MANAGER, '--persist-to', persistTo], { env: toolEnv, stdio: 'ignore' });

/**
 * A session for `email` written straight into the local database (as a magic link would leave it),
 * returned as the Cookie header a signed-in browser sends. Jurors and admins have staff sessions
 * (30 minutes idle): long enough for the bench.
 */
function sessionFor(email) {
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  const now = Date.now();
  const sql = `INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at)
    SELECT '${hash}', id, ${now}, ${now}, ${now + 12 * 3_600_000} FROM users WHERE email = '${email}';`;
  spawnSync('wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--command', sql], {
    env: toolEnv,
    stdio: 'ignore',
  });
  return `__Host-spotlight-session=${token}`;
}
const cookies = { juror: sessionFor(JUROR), manager: sessionFor(MANAGER) };
const server = await startServer({ port: 4331, persistTo });
const { default: lighthouse } = await import('lighthouse');
const { chromium: playwright } = await import('playwright-core');
const port = 9333;
const browser = await playwright.launch({
  executablePath: chromium,
  args: [
    `--remote-debugging-port=${port}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const targets = [
  '/en/',
  '/en/campaigns/dont-become-a-slave/',
  '/en/stories/amina-bratislava/',
  '/en/helplines/',
  '/en/documentary/',
];
console.log('\nLighthouse (mobile, simulated throttling) — target: 100 in every category');
console.log(`  ${'page'.padEnd(40)} perf  a11y  best   seo   LCP ms`);
try {
  // `--jury-only`: only the jury pages below (the public pages' Lighthouse runs take the longest).
  for (const path of process.argv.includes('--jury-only') ? [] : targets) {
    const result = await lighthouse(`${server.url}${path}`, { port, output: 'json', logLevel: 'error' });
    const c = result?.lhr.categories ?? {};
    const score = (k) => String(Math.round((c[k]?.score ?? 0) * 100)).padStart(4);
    const lcp = Math.round(result?.lhr.audits['largest-contentful-paint']?.numericValue ?? 0);
    console.log(
      `  ${path.padEnd(40)} ${score('performance')}  ${score('accessibility')}  ${score('best-practices')}  ${score('seo')}   ${String(lcp).padStart(6)}`,
    );
  }

  // The jury's pages: which entry the scoring screen shows is the first of the juror's list.
  const ROUND = 'demo-2026-round-1';
  const listHtml = await (
    await fetch(`${server.url}/en/jury/2026/rounds/${ROUND}/`, { headers: { cookie: cookies.juror } })
  ).text();
  // The first entry of the table ("my entries"), as a juror would open it.
  const entryPath = /<tbody[\s\S]*?href="(\/en\/jury\/2026\/rounds\/[^"]+\/[^"]+\/)"/.exec(listHtml)?.[1];
  if (entryPath) console.log(`\nScoring screen measured: ${entryPath}`);
  const juryPages = [
    ['juror', 'jury page (my jury work)', '/en/jury/2026/'],
    ['juror', 'juror profile', '/en/jury/2026/profile/'],
    ['juror', 'juror list (my entries)', `/en/jury/2026/rounds/${ROUND}/`],
    ...(entryPath ? [['juror', 'scoring screen', entryPath]] : []),
    ['manager', "managers' round page", `/en/admin/jury/2026/rounds/${ROUND}/`],
    ['manager', "managers' edition page", '/en/admin/jury/2026/'],
    ['manager', "managers' conflicts page", '/en/admin/jury/2026/conflicts/'],
  ];
  console.log(
    '\nJury pages, signed in (rendered on demand) — gzip KiB; target HTML+CSS ≤ 30, JS as small as it can be',
  );
  console.log(
    `  ${'page'.padEnd(28)} ${'status'.padStart(6)} ${'HTML'.padStart(6)} ${'CSS'.padStart(6)} ${'JS'.padStart(6)} ${'total'.padStart(6)}`,
  );
  for (const [who, name, path] of juryPages) {
    const response = await fetch(`${server.url}${path}`, { headers: { cookie: cookies[who] }, redirect: 'manual' });
    const html = Buffer.from(await response.arrayBuffer());
    const text = html.toString('utf8');
    const css = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)]
      .map((m) => asset(m[1]))
      .reduce(add, zero);
    const externalJs = [...text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => asset(m[1])).reduce(add, zero);
    const inlineJs = [...text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
      .map((m) => sizes(Buffer.from(m[1])))
      .reduce(add, zero);
    const js = add(externalJs, inlineJs);
    const h = sizes(html).gzip;
    const total = h + css.gzip + js.gzip;
    // The page's heading, so a reader sees the page measured is the real one (not a sign-in or not-found page).
    const heading = (/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(text)?.[1] ?? '').replace(/<[^>]+>/g, '').trim();
    const cells = [h, css.gzip, js.gzip, total].map((n) => kb(n).trim().padStart(6)).join(' ');
    console.log(
      `  ${name.padEnd(28)} ${String(response.status).padStart(6)} ${cells}  (${kb(html.length).trim()} KiB raw HTML) "${heading}"`,
    );
  }
  console.log('\nLighthouse on the jury pages (mobile, simulated throttling, signed in by cookie)');
  console.log(`  ${'page'.padEnd(28)} perf  a11y  best   seo   LCP ms`);
  for (const [who, name, path] of juryPages) {
    const result = await lighthouse(`${server.url}${path}`, {
      port,
      output: 'json',
      logLevel: 'error',
      extraHeaders: { Cookie: cookies[who] },
    });
    const lhr = result?.lhr;
    const c = lhr?.categories ?? {};
    // A category Lighthouse could not score (e.g. no LCP) prints as "–", with the reason after the row.
    const score = (k) => (c[k]?.score == null ? '   –' : String(Math.round(c[k].score * 100)).padStart(4));
    const lcpAudit = lhr?.audits['largest-contentful-paint'];
    const lcp = lcpAudit?.numericValue == null ? '–' : String(Math.round(lcpAudit.numericValue));
    const why = lhr?.runtimeError?.code ?? lcpAudit?.errorMessage ?? '';
    console.log(
      `  ${name.padEnd(28)} ${score('performance')}  ${score('accessibility')}  ${score('best-practices')}  ${score('seo')}   ${lcp.padStart(6)}${why ? `  (${why})` : ''}`,
    );
  }
  console.log('  (SEO: the jury pages are noindex on purpose, which Lighthouse counts against them.)');
} finally {
  await browser.close();
  server.stop();
  rmSync(persistTo, { recursive: true, force: true });
}
