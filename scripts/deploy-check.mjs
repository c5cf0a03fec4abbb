// `npm run deploy:check`: bundles the Worker as `wrangler deploy` would, without uploading
// (works offline), and prints the bundle's size raw and gzip.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIsStale } from './build-state.mjs';
import { run } from './run.mjs';

if (buildIsStale()) run('astro', ['build']);
const outdir = mkdtempSync(join(tmpdir(), 'spotlight-deploy-'));
run('wrangler', ['deploy', '--dry-run', '--outdir', outdir]);

const files = readdirSync(outdir, { recursive: true })
  .map(String)
  .filter((f) => statSync(join(outdir, f)).isFile() && /\.(m?js|wasm)$/.test(f));
const all = Buffer.concat(files.map((f) => readFileSync(join(outdir, f))));
console.log(
  `\nWorker bundle: ${files.length} files, ${(all.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(all, { level: 9 }).length / 1024).toFixed(1)} KiB gzip`,
);
console.log('Cloudflare limits: 3 MiB gzip (free plan), 10 MiB gzip (paid).');
rmSync(outdir, { recursive: true, force: true });
