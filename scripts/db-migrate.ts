// `npm run db:migrate -- --env staging|production` applies the migrations in migrations/ to that
// environment's database, the one wrangler.toml's DATABASE chooses:
// - "d1":     `wrangler d1 migrations apply DB --remote --env <env>` (wrangler lists what is pending and asks);
// - "libsql": drizzle's libSQL migrator against LIBSQL_URL with LIBSQL_AUTH_TOKEN, both from the shell's
//             environment (the same values as the Worker's secrets); prints what is recorded and pending first.
// `npm run db:migrate -- --local`: the local database of `npm start` (wrangler's D1 simulator in .data/), or
// the libSQL database LIBSQL_URL names when it is set (e.g. file:spotlight.db).
// Options: --dry-run (print the plan, change nothing), --baseline <NNNN> (libSQL: record migrations up to
// NNNN as applied without running them, for a database whose SQL was applied by hand), --config <file>.
import { createClient } from '@libsql/client';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { baselineLibsql, libsqlPlan, migrateLibsql } from '../functions/db/migrate.ts';
import { deployTarget } from './deploy-target.mjs';
import { dataDir } from './env.mjs';
import { run } from './run.mjs';

const { values } = parseArgs({
  options: {
    env: { type: 'string' },
    local: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    baseline: { type: 'string' },
    config: { type: 'string' },
  },
});
const fail = (message: string): never => {
  console.error(`✘ ${message}`);
  process.exit(2);
};
if (values.local === Boolean(values.env))
  fail('usage: npm run db:migrate -- --env staging|production | --local [--dry-run]');
const dryRun = values['dry-run'];
const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));
const configArgs = values.config ? ['--config', values.config] : [];

const target = values.env ? deployTarget(values.env, values.config) : undefined;
const kind = target ? target.vars.DATABASE : process.env.LIBSQL_URL ? 'libsql' : 'd1';
const where = target ? `environment ${values.env} (Worker ${target.name})` : 'the local database';

if (kind === 'd1') {
  const args = target
    ? ['d1', 'migrations', 'apply', 'DB', '--remote', '--env', String(values.env), ...configArgs]
    : ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dataDir, ...configArgs];
  const database = target?.d1.find((d) => d.binding === 'DB') as { database_name?: string } | undefined;
  console.log(`${where}: D1 ${database?.database_name ?? '(local simulator)'}; migrations from migrations/`);
  console.log(`will run: wrangler ${args.join(' ')}  (it lists the pending migrations and asks before applying)`);
  if (values.baseline) fail('--baseline is for libSQL; D1 records applied migrations in d1_migrations');
  if (dryRun) process.exit(0);
  run('wrangler', args);
} else if (kind === 'libsql') {
  const url =
    process.env.LIBSQL_URL || fail(`${where} uses libSQL: set LIBSQL_URL (and LIBSQL_AUTH_TOKEN) in the shell`);
  const client = createClient({ url, authToken: process.env.LIBSQL_AUTH_TOKEN });
  const shown = url.replace(/\?.*$/, '');
  try {
    if (values.baseline) {
      console.log(`${where}: libSQL ${shown}; recording migrations through ${values.baseline} as applied`);
      if (!dryRun)
        console.log(`recorded: ${(await baselineLibsql(client, migrationsFolder, values.baseline)).join(', ')}`);
    }
    const plan = await libsqlPlan(client, migrationsFolder);
    console.log(`${where}: libSQL ${shown}; drizzle's libSQL migrator, migrations from migrations/`);
    console.log(`recorded as applied: ${plan.applied.length} (last: ${plan.applied.at(-1) ?? 'none'})`);
    console.log(`will apply: ${plan.pending.length === 0 ? 'nothing' : plan.pending.join(', ')}`);
    if (!dryRun) {
      const applied = await migrateLibsql(client, migrationsFolder);
      console.log(applied.length === 0 ? '✔ up to date' : `✔ applied ${applied.length} migrations`);
    }
  } catch (error) {
    fail((error as Error).message);
  } finally {
    client.close();
  }
} else {
  fail(`${where}: DATABASE must be "d1" or "libsql" in wrangler.toml (is ${JSON.stringify(kind)})`);
}
