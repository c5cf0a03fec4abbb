// `npm run bench`: for every built HTML page, the bytes of HTML, CSS and JS it loads, raw and
// gzip. Prints figures; asserts nothing about them (budgets belong in review, not in a timed test).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

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
const rows = htmlFiles(client)
  .sort()
  .map((file) => {
    const html = readFileSync(file);
    const text = html.toString('utf8');
    const css = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => asset(m[1])).reduce(add, zero);
    const externalJs = [...text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => asset(m[1])).reduce(add, zero);
    const inlineJs = [...text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => sizes(Buffer.from(m[1]))).reduce(add, zero);
    return { page: `/${relative(client, file)}`, html: sizes(html), css, js: add(externalJs, inlineJs) };
  });

const kb = (n) => (n / 1024).toFixed(1).padStart(7);
console.log(`${'page'.padEnd(46)} ${'HTML raw'.padStart(9)} ${'gzip'.padStart(7)} ${'CSS raw'.padStart(9)} ${'gzip'.padStart(7)} ${'JS raw'.padStart(9)} ${'gzip'.padStart(7)}   (KiB)`);
for (const r of rows) {
  console.log(`${r.page.padEnd(46)} ${kb(r.html.raw)}   ${kb(r.html.gzip)} ${kb(r.css.raw)}   ${kb(r.css.gzip)} ${kb(r.js.raw)}   ${kb(r.js.gzip)}`);
}
const total = rows.reduce((t, r) => add(t, add(add(r.html, r.css), r.js)), zero);
const heaviest = rows.reduce((a, b) => (add(add(a.html, a.css), a.js).gzip >= add(add(b.html, b.css), b.js).gzip ? a : b));
console.log(`\n${rows.length} pages; pages shipping JavaScript: ${rows.filter((r) => r.js.raw > 0).length}`);
console.log(`heaviest page (HTML+CSS+JS, gzip): ${heaviest.page} ${kb(add(add(heaviest.html, heaviest.css), heaviest.js).gzip).trim()} KiB`);
console.log(`all pages together (each page counted with its CSS/JS): ${kb(total.raw).trim()} KiB raw, ${kb(total.gzip).trim()} KiB gzip`);
