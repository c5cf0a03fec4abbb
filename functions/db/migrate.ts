import type { Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Migrations on a libSQL database (Turso, or a local libSQL file) the way `npm run db:migrate` applies
 * them: drizzle's libSQL migrator, which records each applied migration in `__drizzle_migrations`
 * (hash, created_at = the journal's `when`) and applies, in one batch, those newer than the last
 * recorded. Node only (reads migrations/ from disk); the Worker never migrates.
 */

/** A migration by its journal tag, e.g. `0011_results_publication`. */
export interface MigrationPlan {
  /** Tags recorded as applied, oldest first. */
  applied: string[];
  /** Tags that `migrateLibsql` would apply, in order. */
  pending: string[];
  /** True when the database holds tables but no record of migrations (applied by hand): refuse. */
  unrecorded: boolean;
}

const journalOf = (folder: string) =>
  (JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] })
    .entries;

/** What the database has and what would be applied. */
export async function libsqlPlan(client: Client, migrationsFolder: string): Promise<MigrationPlan> {
  const journal = journalOf(migrationsFolder);
  const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map((r) =>
    String(r.name),
  );
  const recorded = tables.includes('__drizzle_migrations')
    ? (await client.execute('SELECT max(created_at) AS last FROM __drizzle_migrations')).rows[0]?.last
    : null;
  const last = recorded === null || recorded === undefined ? -1 : Number(recorded);
  const ours = tables.filter((t) => !t.startsWith('sqlite_') && !t.startsWith('_cf_') && !t.startsWith('libsql_'));
  return {
    applied: journal.filter((e) => e.when <= last).map((e) => e.tag),
    pending: journal.filter((e) => e.when > last).map((e) => e.tag),
    unrecorded: last < 0 && ours.some((t) => t !== '__drizzle_migrations'),
  };
}

/**
 * Records the migrations up to and including `through` (a tag or its 4-digit number) as applied without
 * running them: for a database whose schema was applied by hand (the earlier README told Turso users to
 * run the SQL files with the Turso CLI). Writes what drizzle's migrator would have written.
 * @throws Error when `through` is not a migration, or the database already records migrations
 */
export async function baselineLibsql(client: Client, migrationsFolder: string, through: string): Promise<string[]> {
  const journal = journalOf(migrationsFolder);
  const end = journal.findIndex((e) => e.tag === through || e.tag.startsWith(`${through}_`));
  if (end < 0) throw new Error(`No migration ${through} in ${migrationsFolder}`);
  const plan = await libsqlPlan(client, migrationsFolder);
  if (plan.applied.length > 0) throw new Error(`The database already records migrations up to ${plan.applied.at(-1)}`);
  const files = readMigrationFiles({ migrationsFolder }).slice(0, end + 1);
  await client.batch(
    [
      'CREATE TABLE IF NOT EXISTS __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)',
      ...files.map((f) => ({
        sql: 'INSERT INTO __drizzle_migrations ("hash", "created_at") VALUES (?, ?)',
        args: [f.hash, f.folderMillis],
      })),
    ],
    'write',
  );
  return journal.slice(0, end + 1).map((e) => e.tag);
}

/**
 * Applies the pending migrations (all in one batch: all or none).
 * @returns the tags applied, in order ([] when none was pending)
 * @throws Error when the database has tables but records no migrations (see {@link baselineLibsql})
 */
export async function migrateLibsql(client: Client, migrationsFolder: string): Promise<string[]> {
  const plan = await libsqlPlan(client, migrationsFolder);
  if (plan.unrecorded) {
    throw new Error(
      'The database has tables but no record of applied migrations (__drizzle_migrations): record what it has with --baseline <last applied, e.g. 0010>',
    );
  }
  if (plan.pending.length > 0) await migrate(drizzle(client), { migrationsFolder });
  return plan.pending;
}
