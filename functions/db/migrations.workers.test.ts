import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import fixture from './fixtures/release-21.sql?raw';

/**
 * The D1 path of `npm run db:migrate` (`wrangler d1 migrations apply`, which records applied files in
 * `d1_migrations`; the plugin's applyD1Migrations follows the same rule) on the last landed release's
 * database with its demo data (functions/db/fixtures/release-21.sql, stop 21, migrations 0000–0010):
 * only 0011–0015 run, and every row keeps every value. The libSQL path: migrations.test.ts.
 */
type Row = Record<string, unknown>;
const all = async (sql: string) => (await env.DB.prepare(sql).all<Row>()).results;

async function contents(): Promise<Record<string, Row[]>> {
  const tables = await all(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT IN ('sqlite_sequence', 'd1_migrations', '__drizzle_migrations') ORDER BY name",
  );
  const out: Record<string, Row[]> = {};
  for (const { name } of tables) out[String(name)] = await all(`SELECT * FROM "${name}" ORDER BY rowid`);
  return out;
}

let before: Record<string, Row[]>;
let after: Record<string, Row[]>;
let recorded: unknown[];

beforeAll(async () => {
  expect(await all("SELECT name FROM sqlite_master WHERE name = 'users'")).toEqual([]);
  const statements = fixture
    .split('\n')
    .filter((line) => !line.startsWith('--'))
    .join('\n')
    .split(';\n')
    .filter((s) => s.trim() !== '');
  // One batch is one transaction; foreign keys are checked at its end (rows go in table by table).
  await env.DB.batch([env.DB.prepare('PRAGMA defer_foreign_keys = on'), ...statements.map((s) => env.DB.prepare(s))]);
  before = await contents();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  after = await contents();
  recorded = (await all('SELECT name FROM d1_migrations ORDER BY id')).map((r) => r.name);
});

describe("D1: the last landed release's database with its demo data", () => {
  it('records 0000–0010 as the release did, then exactly 0011–0015', () => {
    expect(recorded).toEqual(env.TEST_MIGRATIONS.map((m) => m.name));
    expect(recorded.slice(11)).toEqual([
      '0011_results_publication.sql',
      '0012_shortlist_and_ballots.sql',
      '0013_jury_passkey_prompt.sql',
      '0014_lunch_times_contact_name.sql',
      '0015_peoples_choice.sql',
    ]);
  });

  it('keeps every row and every value of all 33 tables; new columns take their defaults, new tables are empty', () => {
    expect(Object.keys(before)).toHaveLength(33);
    expect(Object.values(before).filter((rows) => rows.length === 0)).toEqual([]);
    const added: Record<string, Row> = {
      jury_jurors: { passkey_prompt_dismissed_at: null },
      lunch_days: { start_time: '12:00', end_time: '15:00' },
      lunch_households: { contact_name: '', mail_nonce: null },
    };
    for (const [table, rows] of Object.entries(before)) {
      expect(after[table], table).toEqual(rows.map((r) => ({ ...r, ...added[table] })));
    }
    const newTables = Object.keys(after).filter((t) => !(t in before));
    expect(newTables).toHaveLength(9);
    for (const t of newTables) expect(after[t], t).toEqual([]);
  });

  it('leaves the foreign keys whole', async () => {
    expect(await all('PRAGMA foreign_key_check')).toEqual([]);
  });
});
