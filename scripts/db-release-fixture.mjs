// `node scripts/db-release-fixture.mjs <commit> <release-name>`: writes
// functions/db/fixtures/<release-name>.sql, the database of an earlier release filled with its own demo
// data, for functions/db/migrations.test.ts (the current migrations must carry it over losing nothing).
//
// How: the release's files (`git archive <commit>`) in a temporary folder, sharing this checkout's
// node_modules (a release's dependencies are a subset of today's, same versions; check `git diff <commit> --
// package.json`), then exactly what its `npm start` did to the local database: `wrangler d1 migrations apply DB
// --local` and its demo seeds (scripts/seed-competition.ts, seed-jury.ts, seed-lunches.mjs; seed.mjs loads
// media into R2 only). Every table those seeds leave empty then gets two generated rows (foreign keys point
// at existing rows), so that every table carries data across the migrations. Drizzle's libSQL migrator of
// the release's own migrations folder is run on an empty database too, for its `__drizzle_migrations` rows:
// a Turso database of that release holds those, a D1 database `d1_migrations` (both are in the dump).
// The dump is plain SQL (CREATE statements as SQLite stored them, then INSERTs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { toolEnv } from './env.mjs';

const [commit, name] = process.argv.slice(2);
if (!commit || !/^[\w.-]+$/.test(name ?? '')) {
  console.error('usage: node scripts/db-release-fixture.mjs <commit> <release-name>');
  process.exit(2);
}
const here = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'spotlight-release-'));
const release = join(work, 'release');
const data = join(work, 'data');
mkdirSync(release);

/** Runs a command in the release's folder; exits on failure. */
function sh(command, args, cwd = release) {
  const result = spawnSync(command, args, { cwd, env: toolEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error(`${command} ${args.join(' ')} failed`);
  }
  return result.stdout;
}

const fullCommit = sh('git', ['rev-parse', commit], here).trim();
spawnSync('sh', ['-c', `git archive ${fullCommit} | tar -x -C ${release}`], { cwd: here, stdio: 'inherit' });
symlinkSync(resolve(here, 'node_modules'), join(release, 'node_modules'));
sh('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', data]);
const seeds = ['scripts/seed-competition.ts', 'scripts/seed-jury.ts', 'scripts/seed-lunches.mjs'];
for (const seed of seeds) process.stdout.write(sh('node', [seed, data]));

const d1Dir = join(data, 'v3/d1/miniflare-D1DatabaseObject');
const file = readdirSync(d1Dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
const db = createClient({ url: `file:${join(d1Dir, file)}`, intMode: 'bigint' });

const skip = (t) => t === 'sqlite_sequence' || t.startsWith('_cf_');
const tables = (await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")).rows
  .map((r) => String(r.name))
  .filter((t) => !skip(t));
const count = async (t) => Number((await db.execute(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);

// Two generated rows for each table the demo seeds left empty, parents before children.
const empty = new Set();
for (const t of tables) if ((await count(t)) === 0) empty.add(t);
const filled = [];
const fks = async (t) => (await db.execute(`PRAGMA foreign_key_list("${t}")`)).rows;
while (filled.length < empty.size) {
  const before = filled.length;
  for (const t of empty) {
    if (filled.includes(t)) continue;
    const parents = (await fks(t)).map((f) => String(f.table)).filter((p) => p !== t);
    if (parents.some((p) => empty.has(p) && !filled.includes(p))) continue;
    const columns = (await db.execute(`PRAGMA table_info("${t}")`)).rows;
    const keys = await fks(t);
    for (let i = 0; i < 2; i++) {
      const values = [];
      for (const c of columns) {
        const fk = keys.find((k) => k.from === c.name);
        if (fk && fk.table !== t) {
          const n = await count(String(fk.table));
          const parent = await db.execute(
            `SELECT "${fk.to}" AS v FROM "${fk.table}" ORDER BY rowid LIMIT 1 OFFSET ${i % Math.max(n, 1)}`,
          );
          values.push(parent.rows[0]?.v ?? null);
        } else if (/INT/i.test(String(c.type))) values.push(BigInt(1_795_000_000_000 + i));
        else if (/REAL/i.test(String(c.type))) values.push(1.5 + i);
        else if (/BLOB/i.test(String(c.type))) values.push(new Uint8Array([i, 1, 2]));
        else values.push(fk ? null : `fixture ${t}.${c.name} ${i + 1}`);
      }
      await db.execute({
        sql: `INSERT INTO "${t}" (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        args: values,
      });
    }
    filled.push(t);
  }
  if (filled.length === before) throw new Error(`cannot order the empty tables: ${[...empty].join(', ')}`);
}

// __drizzle_migrations as drizzle's migrator writes it for the release's migrations folder.
const drizzleDb = createClient({ url: `file:${join(work, 'drizzle.db')}`, intMode: 'bigint' });
await migrate(drizzle(drizzleDb), { migrationsFolder: join(release, 'migrations') });
const drizzleRows = (await drizzleDb.execute('SELECT id, hash, created_at FROM __drizzle_migrations ORDER BY id')).rows;
await db.execute(
  'CREATE TABLE IF NOT EXISTS __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)',
);
for (const r of drizzleRows)
  await db.execute({ sql: 'INSERT INTO __drizzle_migrations VALUES (?, ?, ?)', args: [r.id, r.hash, r.created_at] });
tables.push('__drizzle_migrations');

/** A value as an SQL literal. */
function literal(v) {
  if (v === null) return 'NULL';
  if (typeof v === 'bigint' || typeof v === 'number') return String(v);
  if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return `X'${Buffer.from(v).toString('hex')}'`;
  return `'${String(v).replaceAll("'", "''")}'`;
}

const lines = [
  `-- ${name}: the database of the release at commit ${fullCommit}, filled with that release's demo data.`,
  `-- Made by: node scripts/db-release-fixture.mjs ${commit} ${name}   (${new Date().toISOString().slice(0, 10)})`,
  "-- How: that commit's files; `wrangler d1 migrations apply DB --local` and its demo seeds",
  `-- (${seeds.join(', ')}), as its \`npm start\` did; then two generated rows`,
  `-- ("fixture <table>.<column> <n>") in each table those seeds left empty: ${filled.join(', ')}.`,
  "-- Bookkeeping: d1_migrations as wrangler wrote it (a D1 database), __drizzle_migrations as drizzle's",
  "-- libSQL migrator writes it for that release's migrations folder (a Turso database). Do not edit by hand.",
];
const schema = (await db.execute('SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid'))
  .rows;
for (const s of schema) if (!skip(String(s.name)) && !String(s.name).startsWith('sqlite_')) lines.push(`${s.sql};`);
for (const t of tables) {
  const rows = (await db.execute(`SELECT * FROM "${t}" ORDER BY rowid`)).rows;
  const columns = (await db.execute(`PRAGMA table_info("${t}")`)).rows.map((c) => `"${c.name}"`);
  for (const r of rows)
    lines.push(`INSERT INTO "${t}" (${columns.join(', ')}) VALUES (${Object.values(r).map(literal).join(', ')});`);
}
mkdirSync('functions/db/fixtures', { recursive: true });
const out = `functions/db/fixtures/${name}.sql`;
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`${out}: ${tables.length} tables, ${lines.length} lines`);
rmSync(work, { recursive: true, force: true });
