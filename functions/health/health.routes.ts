import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import journal from '../../migrations/meta/_journal.json' with { type: 'json' };
import type { Db } from '../db/client.ts';
import type { AppEnv } from '../http/app-env.ts';
import type { HealthReport } from './health.schemas.ts';

/** Migrations this build expects: one per entry of drizzle-kit's journal (migrations/meta/_journal.json). */
export const EXPECTED_MIGRATIONS = journal.entries.length;

/** The tables that record applied migrations: wrangler's (D1) and drizzle's migrator (libSQL). */
const MIGRATION_TABLES = ['d1_migrations', '__drizzle_migrations'] as const;

/** Milliseconds since `started`, in 0.1 ms steps. */
const since = (started: number) => Math.round((performance.now() - started) * 10) / 10;

/**
 * The database: reachable (the first statement's round trip is its latency), and how many
 * migrations are recorded against how many this build has. Two statements.
 */
async function checkDatabase(db: Db): Promise<HealthReport['database']> {
  const started = performance.now();
  try {
    const tables = await db.all<{ name: string }>(
      sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('d1_migrations', '__drizzle_migrations')`,
    );
    const latencyMs = since(started);
    const table = MIGRATION_TABLES.find((t) => tables.some((row) => row.name === t));
    const applied = table
      ? Number((await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`))?.n ?? 0)
      : 0;
    const migrations = { applied, expected: EXPECTED_MIGRATIONS };
    const status = applied === EXPECTED_MIGRATIONS ? 'ok' : applied < EXPECTED_MIGRATIONS ? 'behind' : 'ahead';
    return { status, latencyMs, migrations };
  } catch {
    return { status: 'unreachable', latencyMs: since(started), migrations: null };
  }
}

/** Where the server stores uploads (`uploads/<id>`, functions/uploads/uploads.service.ts): the prefix R2 lists. */
export const UPLOAD_PREFIX = 'uploads/';

/**
 * How far one poll compares: R2 `list()` pages of at most `pageSize` keys (R2's own maximum,
 * 1,000), and at most `maxPages` of them — 10,000 stored files, about 10 sequential list calls.
 */
export interface FileCheckLimits {
  pageSize: number;
  maxPages: number;
}
export const FILE_CHECK_LIMITS: FileCheckLimits = { pageSize: 1000, maxPages: 10 };

/**
 * The file store: R2 answers, and every file the database says is stored (a complete upload) is
 * in the bucket. Why a comparison with `list()` pages rather than HEADs of a random sample (which
 * made a few lost files a 503 only now and then, a flapping monitor) or a rotating window (which
 * needs a cursor kept between polls, i.e. a write on every GET): the database's keys are read in
 * key order (one statement), the bucket's `uploads/` keys are listed in the same order, 1,000 a
 * call, and the two are compared. The answer is the same on every poll for the same data, and
 * complete for up to `maxPages × pageSize` files (10,000: a competition's uploads over several
 * editions) at ~10 list calls (R2 class A operations: at one poll a minute, ~430,000 a month
 * for a full store, within the free million). Beyond that the first 10,000 keys are compared, the same ones every
 * poll, and `stored.checked` < `stored.files` says the rest was not: raise the limit or move to a
 * kept cursor then. Listing stops as soon as it has passed the last key compared; objects in the
 * bucket the database does not list (unfinished or erased uploads) are not counted.
 * Without a reachable database only the bucket is checked (one list call, `stored` null).
 */
export async function checkFiles(
  db: Db,
  files: R2Bucket | undefined,
  limits: FileCheckLimits = FILE_CHECK_LIMITS,
): Promise<HealthReport['files']> {
  if (!files) return { status: 'missing', latencyMs: null, stored: null };
  const started = performance.now();
  const most = limits.pageSize * limits.maxPages;
  const rows = await db
    .all<{ key: string; n: number }>(
      sql`SELECT key, count(*) OVER () AS n FROM uploads WHERE state = 'complete' ORDER BY key LIMIT ${most}`,
    )
    .catch(() => null);
  const keys = rows?.map((row) => row.key) ?? [];
  const listedKeys = keys.filter((key) => key.startsWith(UPLOAD_PREFIX));
  const lastKey = listedKeys.at(-1);
  try {
    const listed = new Set<string>();
    let cursor: string | undefined;
    let listedUpTo = '';
    let whole = false;
    for (let page = 0; page < limits.maxPages; page++) {
      const result = await files.list({ prefix: UPLOAD_PREFIX, limit: limits.pageSize, cursor });
      for (const object of result.objects) listed.add(object.key);
      listedUpTo = result.objects.at(-1)?.key ?? listedUpTo;
      if (!result.truncated) {
        whole = true;
        break;
      }
      cursor = result.cursor;
      if (lastKey === undefined || listedUpTo >= lastKey) break;
    }
    // Keys R2 has listed up to: all of them when the listing ended, else those up to its last key.
    const compared = whole ? listedKeys : listedKeys.filter((key) => key <= listedUpTo);
    // A key outside the prefix (none are made so) is looked up on its own.
    const elsewhere = await Promise.all(
      keys.filter((key) => !key.startsWith(UPLOAD_PREFIX)).map((key) => files.head(key)),
    );
    const missing =
      compared.filter((key) => !listed.has(key)).length + elsewhere.filter((object) => object === null).length;
    const stored = rows && { files: Number(rows[0]?.n ?? 0), checked: compared.length + elsewhere.length, missing };
    return { status: missing > 0 ? 'incomplete' : 'ok', latencyMs: since(started), stored };
  } catch {
    return { status: 'unreachable', latencyMs: since(started), stored: null };
  }
}

/**
 * For monitors and deploy checks: the version, the database (reachable, latency, migrations
 * applied against expected) and the file store (R2 reachable, and every stored file present, see
 * {@link checkFiles}). 200 when all is well, 503 when anything is degraded; never cached. Three
 * statements and at most 10 R2 list calls, the two checks in parallel: it is polled.
 */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db, files, config } = c.get('deps');
  const [database, fileStore] = await Promise.all([checkDatabase(db), checkFiles(db, files)]);
  const ok = database.status === 'ok' && fileStore.status === 'ok';
  c.header('Cache-Control', 'no-store');
  const report: HealthReport = {
    status: ok ? 'ok' : 'degraded',
    version: config.version,
    database,
    files: fileStore,
  };
  return c.json(report, ok ? 200 : 503);
});
