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

/** How many stored files (complete uploads, chosen at random) each health check looks for in R2. */
export const FILE_SAMPLE_SIZE = 3;

/**
 * The file store: the R2 binding answers HEAD requests, and the files the database says are
 * stored are there — a random sample of {@link FILE_SAMPLE_SIZE} complete uploads (one indexed
 * statement, the HEADs in parallel; each poll looks at another sample, so a bucket that lost
 * files after a restore shows within a few polls). `incomplete` when any of them is missing.
 * Without a reachable database only the bucket is checked (`sample` null).
 */
async function checkFiles(db: Db, files: R2Bucket | undefined): Promise<HealthReport['files']> {
  if (!files) return { status: 'missing', latencyMs: null, sample: null };
  const started = performance.now();
  const keys = await db
    .all<{ key: string }>(
      sql`SELECT key FROM uploads WHERE state = 'complete' ORDER BY random() LIMIT ${FILE_SAMPLE_SIZE}`,
    )
    .then((rows) => rows.map((row) => row.key))
    .catch(() => null);
  try {
    const found = await Promise.all([files.head('health/probe'), ...(keys ?? []).map((key) => files.head(key))]);
    const missing = found.slice(1).filter((object) => object === null).length;
    const sample = keys && { checked: keys.length, missing };
    return { status: missing > 0 ? 'incomplete' : 'ok', latencyMs: since(started), sample };
  } catch {
    return { status: 'unreachable', latencyMs: since(started), sample: null };
  }
}

/**
 * For monitors and deploy checks: the version, the database (reachable, latency, migrations
 * applied against expected) and the file store (R2 reachable, and a random sample of the stored
 * files present). 200 when all is well, 503 when anything is degraded; never cached. At most
 * four statements and four HEADs, in parallel where they can be: it is polled.
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
