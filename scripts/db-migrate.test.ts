// `npm run db:migrate`'s libSQL branch end to end: the script, run as a person runs it, against a real
// libSQL file holding the last landed release (functions/db/fixtures/release-21.sql), through a
// wrangler configuration whose production environment chooses DATABASE = "libsql".
import { createClient } from '@libsql/client';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'spotlight-db-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** wrangler.toml with production switched to Turso: DATABASE = "libsql" and no D1 block. */
function tursoConfig(): string {
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  const start = toml.indexOf('[env.production.vars]');
  const production = toml
    .slice(start)
    .replace('DATABASE = "d1"', 'DATABASE = "libsql"')
    .replace(/\[\[env\.production\.d1_databases\]\][\s\S]*?(?=\[\[env\.production\.r2_buckets\]\])/, '');
  const file = join(dir, 'wrangler.toml');
  writeFileSync(file, toml.slice(0, start) + production);
  return file;
}

function dbMigrate(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['scripts/db-migrate.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LIBSQL_URL: '', LIBSQL_AUTH_TOKEN: '', ...env },
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('npm run db:migrate', () => {
  it('prints the D1 command for a D1 environment and, with --dry-run, runs nothing', () => {
    const { status, out } = dbMigrate(['--env', 'staging', '--dry-run']);
    expect(status).toBe(0);
    expect(out).toContain('environment staging (Worker spotlight-staging): D1 spotlight-staging');
    expect(out).toContain('will run: wrangler d1 migrations apply DB --remote --env staging');
  }, 60_000);

  it('applies the pending migrations to a libSQL database (a real file) for an environment that chooses libsql', async () => {
    const config = tursoConfig();
    try {
      const url = `file:${join(dir, 'release-21.db')}`;
      const client = createClient({ url });
      await client.execute('PRAGMA foreign_keys = OFF');
      await client.executeMultiple(readFileSync(join(root, 'functions/db/fixtures/release-21.sql'), 'utf8'));
      client.close();

      const missing = dbMigrate(['--env', 'production', '--config', config]);
      expect(missing.status).toBe(2);
      expect(missing.out).toContain('uses libSQL: set LIBSQL_URL (and LIBSQL_AUTH_TOKEN) in the shell');

      const plan = dbMigrate(['--env', 'production', '--config', config, '--dry-run'], { LIBSQL_URL: url });
      expect(plan.status).toBe(0);
      expect(plan.out.split('\n').slice(0, 3)).toEqual([
        `environment production (Worker spotlight-production): libSQL ${url}; drizzle's libSQL migrator, migrations from migrations/`,
        'recorded as applied: 11 (last: 0010_lunch_signup_unique_address)',
        'will apply: 0011_results_publication, 0012_shortlist_and_ballots, 0013_jury_passkey_prompt, 0014_lunch_times_contact_name, 0015_peoples_choice',
      ]);
      const applied = dbMigrate(['--env', 'production', '--config', config], { LIBSQL_URL: url });
      expect(applied.status).toBe(0);
      expect(applied.out).toContain('✔ applied 5 migrations');
      const again = dbMigrate(['--env', 'production', '--config', config], { LIBSQL_URL: url });
      expect(again.out).toContain('will apply: nothing');

      const check = createClient({ url });
      const days = await check.execute('SELECT start_time, end_time FROM lunch_days');
      expect(days.rows.map((r) => [r.start_time, r.end_time])).toEqual(Array(4).fill(['12:00', '15:00']));
      check.close();
    } finally {
      rmSync(config, { force: true });
    }
  }, 120_000);

  it('says how it is used', () => {
    const { status, out } = dbMigrate([]);
    expect(status).toBe(2);
    expect(out).toContain('usage: npm run db:migrate -- --env staging|production | --local [--dry-run]');
  }, 60_000);
});
