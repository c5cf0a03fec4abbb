import { type Client, createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineLibsql, libsqlPlan, migrateLibsql } from './migrate.ts';

/**
 * The migrations in migrations/ applied the way `npm run db:migrate` applies them to Turso/libSQL
 * (`migrateLibsql`: drizzle's libSQL migrator): to an empty database, whose schema must be the one drizzle's last
 * snapshot describes, and to the last landed release's database filled with its demo data
 * (functions/db/fixtures/release-21.sql, made by scripts/db-release-fixture.mjs), which must keep
 * every row and value.
 */
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const migrationsFolder = root('migrations');
const journal = JSON.parse(readFileSync(root('migrations/meta/_journal.json'), 'utf8')) as {
  entries: { idx: number; tag: string; when: number }[];
};
const lastTag = journal.entries.at(-1)!.tag;
const snapshot = JSON.parse(readFileSync(root(`migrations/meta/${lastTag.slice(0, 4)}_snapshot.json`), 'utf8')) as {
  tables: Record<
    string,
    {
      columns: Record<string, { name: string; type: string; primaryKey: boolean; notNull: boolean; default?: unknown }>;
      indexes: Record<string, { name: string; columns: string[]; isUnique: boolean }>;
      foreignKeys: Record<
        string,
        { tableTo: string; columnsFrom: string[]; columnsTo: string[]; onDelete: string; onUpdate: string }
      >;
      compositePrimaryKeys: Record<string, { columns: string[] }>;
    }
  >;
};

/** Tables that are bookkeeping, not the app's: the migrators' and SQLite's own. */
const bookkeeping = new Set(['__drizzle_migrations', 'd1_migrations', 'sqlite_sequence']);

type Row = Record<string, unknown>;
const rows = async (db: Client, sql: string): Promise<Row[]> =>
  (await db.execute(sql)).rows.map((r) => ({ ...r }) as Row);

async function tableNames(db: Client): Promise<string[]> {
  const all = await rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  return all.map((r) => String(r.name)).filter((n) => !bookkeeping.has(n) && !n.startsWith('_cf_'));
}

/** A database's schema in the snapshot's terms: columns, indexes, foreign keys and primary keys per table. */
async function schemaOf(db: Client) {
  const out: Record<string, unknown> = {};
  for (const table of await tableNames(db)) {
    const info = await rows(db, `PRAGMA table_info("${table}")`);
    const pk = info.filter((c) => Number(c.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk));
    const indexes = (await rows(db, `PRAGMA index_list("${table}")`)).filter((i) => i.origin === 'c');
    const fks = await rows(db, `PRAGMA foreign_key_list("${table}")`);
    out[table] = {
      columns: Object.fromEntries(
        info.map((c) => [
          c.name,
          {
            type: String(c.type).toLowerCase(),
            notNull: Number(c.notnull) === 1 || (pk.length === 1 && c.pk === 1),
            primaryKey: pk.length === 1 && Number(c.pk) === 1,
            default: c.dflt_value === null ? undefined : String(c.dflt_value),
          },
        ]),
      ),
      compositePrimaryKey: pk.length > 1 ? pk.map((c) => c.name) : undefined,
      indexes: Object.fromEntries(
        await Promise.all(
          indexes.map(async (i) => [
            i.name,
            {
              columns: (await rows(db, `PRAGMA index_info("${i.name}")`)).map((c) => c.name),
              unique: Number(i.unique) === 1,
            },
          ]),
        ),
      ),
      foreignKeys: [...new Set(fks.map((f) => f.id))]
        .map((id) => fks.filter((f) => f.id === id))
        .map((parts) => ({
          tableTo: parts[0]!.table,
          columnsFrom: parts.map((p) => p.from),
          columnsTo: parts.map((p) => p.to),
          onDelete: String(parts[0]!.on_delete).toLowerCase(),
          onUpdate: String(parts[0]!.on_update).toLowerCase(),
        }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    };
  }
  return out;
}

/** The schema drizzle's last snapshot describes, in the same terms as {@link schemaOf}. */
function schemaOfSnapshot() {
  return Object.fromEntries(
    Object.entries(snapshot.tables)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([table, t]) => [
        table,
        {
          columns: Object.fromEntries(
            Object.values(t.columns).map((c) => [
              c.name,
              {
                type: c.type.toLowerCase(),
                notNull: c.notNull,
                primaryKey: c.primaryKey,
                default: c.default === undefined ? undefined : String(c.default),
              },
            ]),
          ),
          compositePrimaryKey: Object.values(t.compositePrimaryKeys)[0]?.columns,
          indexes: Object.fromEntries(
            Object.values(t.indexes).map((i) => [i.name, { columns: i.columns, unique: i.isUnique }]),
          ),
          foreignKeys: Object.values(t.foreignKeys)
            .map((f) => ({
              tableTo: f.tableTo,
              columnsFrom: f.columnsFrom,
              columnsTo: f.columnsTo,
              onDelete: f.onDelete,
              onUpdate: f.onUpdate,
            }))
            .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        },
      ]),
  );
}

/** Every row of every table, in rowid order. */
async function contents(db: Client): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const table of await tableNames(db)) out[table] = await rows(db, `SELECT * FROM "${table}" ORDER BY rowid`);
  return out;
}

let dir: string;
const opened: Client[] = [];
/** A libSQL file database (a real file, as Turso's embedded replicas and `npm run db:migrate -- --local` use). */
function open(name: string): Client {
  const client = createClient({ url: `file:${join(dir, name)}`, intMode: 'bigint' });
  opened.push(client);
  return client;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spotlight-migrations-'));
});
afterAll(async () => {
  for (const c of opened) c.close();
  await rm(dir, { recursive: true, force: true });
});

describe('every migration on an empty database', () => {
  it("gives the schema of drizzle's last snapshot, table for table, and records each migration once", async () => {
    const db = open('empty.db');
    await migrate(drizzle(db), { migrationsFolder });
    expect(await schemaOf(db)).toEqual(schemaOfSnapshot());
    const applied = await rows(db, 'SELECT created_at FROM __drizzle_migrations ORDER BY id');
    expect(applied.map((r) => Number(r.created_at))).toEqual(journal.entries.map((e) => e.when));
  });

  it('applies nothing a second time', async () => {
    const db = open('twice.db');
    await migrate(drizzle(db), { migrationsFolder });
    await migrate(drizzle(db), { migrationsFolder });
    expect((await rows(db, 'SELECT count(*) AS n FROM __drizzle_migrations'))[0]!.n).toBe(
      BigInt(journal.entries.length),
    );
  });
});

describe("the last landed release's database with its demo data (stop 21, commit 2ab253d, migrations 0000–0010)", () => {
  const fixture = readFileSync(root('functions/db/fixtures/release-21.sql'), 'utf8');
  let db: Client;
  let before: Record<string, Row[]>;
  let after: Record<string, Row[]>;
  let applied: string[];
  const newer = journal.entries.slice(11).map((e) => e.tag);

  /** A libSQL file holding the fixture, foreign keys whole. */
  async function loadRelease(name: string): Promise<Client> {
    const client = open(name);
    await client.execute('PRAGMA foreign_keys = OFF');
    await client.executeMultiple(fixture);
    await client.execute('PRAGMA foreign_keys = ON');
    expect(await rows(client, 'PRAGMA foreign_key_check')).toEqual([]);
    return client;
  }

  beforeAll(async () => {
    db = await loadRelease('release-21.db');
    before = await contents(db);
    expect(await libsqlPlan(db, migrationsFolder)).toEqual({
      applied: journal.entries.slice(0, 11).map((e) => e.tag),
      pending: newer,
      unrecorded: false,
    });
    applied = await migrateLibsql(db, migrationsFolder);
    after = await contents(db);
  }, 30_000);

  it('is that release: migrations 0000–0010 recorded, every table of it holding rows', async () => {
    const recorded = await rows(db, 'SELECT created_at FROM __drizzle_migrations ORDER BY id');
    expect(recorded.slice(0, 11).map((r) => Number(r.created_at))).toEqual(
      journal.entries.slice(0, 11).map((e) => e.when),
    );
    expect((await rows(db, 'SELECT name FROM d1_migrations ORDER BY id')).map((r) => r.name)).toEqual(
      journal.entries.slice(0, 11).map((e) => `${e.tag}.sql`),
    );
    expect(Object.keys(before)).toHaveLength(33);
    expect(Object.entries(before).filter(([, r]) => r.length === 0)).toEqual([]);
    expect(Object.fromEntries(Object.entries(before).map(([t, r]) => [t, r.length]))).toMatchObject({
      users: 17,
      competition_entries: 12,
      jury_jurors: 6,
      jury_assignments: 22,
      lunch_days: 4,
      lunch_households: 3,
    });
  });

  it('applies exactly the newer migrations (0011–0015), once', async () => {
    expect(applied).toEqual([
      '0011_results_publication',
      '0012_shortlist_and_ballots',
      '0013_jury_passkey_prompt',
      '0014_lunch_times_contact_name',
      '0015_peoples_choice',
    ]);
    expect(await migrateLibsql(db, migrationsFolder)).toEqual([]);
    const recorded = await rows(db, 'SELECT created_at FROM __drizzle_migrations ORDER BY id');
    expect(recorded.map((r) => Number(r.created_at))).toEqual(journal.entries.map((e) => e.when));
  });

  it('ends with the same schema as a database migrated from empty', async () => {
    const fresh = open('fresh.db');
    await migrate(drizzle(fresh), { migrationsFolder });
    expect(await schemaOf(db)).toEqual(await schemaOf(fresh));
  });

  it('keeps every row and every value; the new columns take their defaults, the new tables are empty', () => {
    const added: Record<string, Row> = {
      jury_jurors: { passkey_prompt_dismissed_at: null },
      lunch_days: { start_time: '12:00', end_time: '15:00' },
      lunch_households: { contact_name: '', mail_nonce: null },
    };
    for (const [table, rowsBefore] of Object.entries(before)) {
      expect(after[table], table).toEqual(rowsBefore.map((r) => ({ ...r, ...added[table] })));
    }
    const newTables = Object.keys(after).filter((t) => !(t in before));
    expect(newTables.sort()).toEqual([
      'jury_ballots',
      'jury_shortlist',
      'peoples_choice_requests',
      'peoples_choice_votes',
      'peoples_choice_windows',
      'results_category_statements',
      'results_feedback_mails',
      'results_placements',
      'results_publications',
    ]);
    for (const t of newTables) expect(after[t], t).toEqual([]);
  });

  it('leaves the foreign keys whole', async () => {
    expect(await rows(db, 'PRAGMA foreign_key_check')).toEqual([]);
  });

  it('refuses a database whose SQL was applied by hand (no record), until a baseline records what it has', async () => {
    const byHand = await loadRelease('by-hand.db');
    const drizzleRecords = await rows(byHand, 'SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at');
    await byHand.execute('DROP TABLE __drizzle_migrations');
    expect((await libsqlPlan(byHand, migrationsFolder)).unrecorded).toBe(true);
    await expect(migrateLibsql(byHand, migrationsFolder)).rejects.toThrow(
      'The database has tables but no record of applied migrations (__drizzle_migrations): record what it has with --baseline <last applied, e.g. 0010>',
    );
    expect(await baselineLibsql(byHand, migrationsFolder, '0010')).toEqual(
      journal.entries.slice(0, 11).map((e) => e.tag),
    );
    // The baseline writes what drizzle's migrator of that release wrote (same hashes and times).
    expect(await rows(byHand, 'SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at')).toEqual(
      drizzleRecords,
    );
    expect(await migrateLibsql(byHand, migrationsFolder)).toEqual(newer);
    expect(await contents(byHand)).toEqual(after);
    // Loads and migrates a whole release (2.5 s on an idle machine): the default 5 s ran out on a
    // busy 2-core machine.
  }, 30_000);
});
