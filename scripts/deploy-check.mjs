// `npm run deploy:check [-- staging|production …] [--strict]`: for each wrangler environment (both by
// default) builds the site for it (`CLOUDFLARE_ENV=<env> astro build`, skipped when dist/ is already that
// environment's fresh build), bundles the Worker as `wrangler deploy --env <env>` would, without uploading
// (`--dry-run`: offline, no account), and prints the bundle's size raw and gzip. Fails (exit 1) when a
// bundle is above 1 MiB gzip or an environment's database is not configured.
//
// The content guard (scripts/astro/organisation-details.mjs) is part of the verdict, never loosened:
// - staging is a rehearsal site (SITE_KIND = "rehearsal"): demo content allowed, every page noindex;
// - production is built as it would be deployed; when the guard refuses it (demo items, the organisation's
//   missing contacts or unconfirmed helplines: the case in this repository until an organisation fills them
//   in), the bundle is still measured from a build made with SPOTLIGHT_CONTENT_GUARD=measure-only, the
//   guard's list is printed as "not deployable"; that build's deploy configuration is moved aside by the
//   guard itself and deleted after the dry run, so `wrangler deploy` cannot pick it up. With --strict a refused environment fails the check too (use it
//   right before a real release).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isLocalOrigin } from '../core/organisation.ts';
import { contentGaps, MEASURE_ONLY_CONFIG } from './astro/organisation-details.mjs';
import { buildIsStale, servingPids } from './build-state.mjs';
import { deployTarget } from './deploy-target.mjs';
import { buildEnv as astroBuildEnv, toolEnv } from './env.mjs';

/** The largest Worker bundle we deploy: 1 MiB gzip (Cloudflare allows 3 MiB free, 10 MiB paid). */
const MAX_GZIP_BYTES = 1_048_576;
const args = process.argv.slice(2);
const strict = args.includes('--strict');
const environments = args.filter((a) => !a.startsWith('--'));
if (environments.length === 0) environments.push('staging', 'production');

/** Runs a command with the terminal; returns whether it succeeded. */
function run(command, commandArgs, env = {}) {
  console.log(
    `$ ${Object.entries(env)
      .map(([k, v]) => `${k}=${v} `)
      .join('')}${command} ${commandArgs.join(' ')}`,
  );
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...toolEnv, ...env } });
  return result.status === 0;
}

/** Problems with an environment's database choice (wrangler.toml's DATABASE and its D1 block). */
function databaseProblems({ vars, d1 }) {
  if (vars.DATABASE === 'd1')
    return d1.some((d) => d.binding === 'DB') ? [] : ['DATABASE = "d1" without a D1 binding DB'];
  if (vars.DATABASE === 'libsql') return [];
  return [`DATABASE must be "d1" or "libsql" (is ${JSON.stringify(vars.DATABASE)})`];
}

// Each environment is built into dist/, which a running `npm start` serves: rebuilding it under the
// portal leaves every static page answering 404 until it restarts. Refuse instead.
const serving = servingPids();
if (serving.length > 0) {
  console.error(
    `A local portal (npm start, process ${serving.join(', ')}) is serving dist/, which this check rebuilds for each environment.\nStop it first (Ctrl+C in its terminal), run the check, then npm start again.`,
  );
  process.exit(1);
}

const results = [];
for (const env of environments) {
  const target = deployTarget(env);
  const origin = String(target.vars.PUBLIC_ORIGIN);
  console.log(`\n━━ ${env}: Worker ${target.name}, ${origin}, database ${target.vars.DATABASE}`);
  const problems = databaseProblems(target);
  if (target.vars.DATABASE === 'd1' && target.d1.some((d) => /^0{8}-/.test(d.database_id ?? ''))) {
    console.log(
      `  note: the D1 database_id is a placeholder; put the id of \`wrangler d1 create\` in before deploying`,
    );
  }
  if (target.vars.DATABASE === 'libsql') console.log('  note: needs the secrets LIBSQL_URL and LIBSQL_AUTH_TOKEN');
  const gaps = isLocalOrigin(origin) ? [] : contentGaps();
  const rehearsal = target.vars.SITE_KIND === 'rehearsal';
  const refused = gaps.length > 0 && !rehearsal;
  const guard = gaps.length === 0 ? 'passes' : rehearsal ? 'rehearsal (demo content allowed, noindex)' : 'REFUSES';

  const buildEnv = { CLOUDFLARE_ENV: env, ...(refused ? { SPOTLIGHT_CONTENT_GUARD: 'measure-only' } : {}) };
  const built = refused || buildIsStale(env) ? run('astro', ['build'], { ...buildEnv, ...astroBuildEnv }) : true;
  const outdir = mkdtempSync(join(tmpdir(), `spotlight-deploy-${env}-`));
  // A measure-only build's configuration was moved aside by the guard (MEASURE_ONLY_CONFIG): named here
  // for the dry run, then deleted, so no `wrangler deploy` can pick that build up.
  const config = refused ? ['--config', MEASURE_ONLY_CONFIG] : ['--env', env];
  const bundled = built && run('wrangler', ['deploy', '--dry-run', ...config, '--outdir', outdir]);
  if (refused) rmSync(MEASURE_ONLY_CONFIG, { force: true });
  let raw = 0;
  let gzip = 0;
  if (bundled) {
    const files = readdirSync(outdir, { recursive: true })
      .map(String)
      .filter((f) => statSync(join(outdir, f)).isFile() && /\.(m?js|wasm)$/.test(f));
    const all = Buffer.concat(files.map((f) => readFileSync(join(outdir, f))));
    raw = all.length;
    gzip = gzipSync(all, { level: 9 }).length;
  }
  rmSync(outdir, { recursive: true, force: true });
  if (!bundled) problems.push('the build or the dry run failed (its output is above)');
  else if (gzip > MAX_GZIP_BYTES) problems.push(`bundle ${gzip} bytes gzip > ${MAX_GZIP_BYTES} (1 MiB)`);
  if (refused && strict) problems.push('the content guard refuses a public build (--strict)');
  results.push({ env, raw, gzip, guard, gaps: refused ? gaps : [], problems });
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log('\nenvironment   raw          gzip         limit 1024.0 KiB gzip   content guard');
for (const r of results) {
  const size = r.gzip > MAX_GZIP_BYTES ? 'OVER' : r.gzip > 0 ? 'ok' : '—';
  console.log(`${r.env.padEnd(14)}${kib(r.raw).padEnd(13)}${kib(r.gzip).padEnd(13)}${size.padEnd(24)}${r.guard}`);
}
for (const r of results) {
  if (r.gaps.length > 0) {
    console.log(`\n${r.env}: measured only, NOT deployable until the organisation completes (the build refuses it):`);
    for (const gap of r.gaps) console.log(`  - ${gap}`);
  }
  for (const p of r.problems) console.log(`✘ ${r.env}: ${p}`);
}
if (results.some((r) => r.problems.length > 0)) process.exit(1);
console.log('\n✔ deploy:check passed');
