// The backup round trip on the demo data exactly as `npm start` loads it: the real migrations and
// the shared seeders into a throwaway local D1 database (and its local R2 bucket), `db:backup`, then
// `db:restore` into an empty local D1 database and into a real libSQL server (sqld) — every table's
// row count and SHA-256 must come back identical. Broken or foreign files and non-empty targets are
// refused before anything is written.
import { type Client, createClient } from '@libsql/client';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SqldServer, startSqld } from '../functions/testing/sqld.ts';
import { archiveToSql, backup, localD1File, restore, type Target, tableChecksums } from './db-archive.ts';

const root = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'spotlight-backup-'));
const source: Target = { kind: 'd1-local', persistTo: join(tmp, 'source') };
const backupFile = join(tmp, 'demo.jsonl.gz');
let sqld: SqldServer;

/** Runs a script of `npm start` (migrations, seeders) on the throwaway folder. */
function step(command: string, args: string[], cwd = root) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}`,
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
    },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stdout}${result.stderr}`);
}

async function checksumsOf(target: Target) {
  if (target.kind === 'sql-dump') throw new Error('not a database');
  const url = target.kind === 'libsql' ? target.url : `file:${localD1File(target.persistTo)}`;
  const db: Client = createClient({ url, intMode: 'bigint' });
  try {
    return await tableChecksums(db);
  } finally {
    db.close();
  }
}
const counts = (sums: Record<string, { rows: number }>) =>
  Object.fromEntries(Object.entries(sums).flatMap(([name, t]) => (t.rows > 0 ? [[name, t.rows]] : [])));

/** A copy of the backup with its decompressed lines changed by `edit`. */
function edited(name: string, edit: (lines: string[]) => string[]) {
  const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').trimEnd().split('\n');
  const file = join(tmp, name);
  writeFileSync(file, gzipSync(`${edit(lines).join('\n')}\n`));
  return file;
}

beforeAll(async () => {
  step(join(root, 'node_modules/.bin/wrangler'), [
    'd1',
    'migrations',
    'apply',
    'DB',
    '--local',
    '--persist-to',
    source.persistTo,
  ]);
  for (const seed of [
    'seed.mjs',
    'seed-competition.ts',
    'seed-jury.ts',
    'seed-results.ts',
    'seed-votes.ts',
    'seed-lunches.mjs',
  ])
    step(process.execPath, [`scripts/${seed}`, source.persistTo]);
  sqld = await startSqld();
}, 600_000);

afterAll(async () => {
  await sqld?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('db:backup and db:restore', () => {
  it('round-trips the demo data exactly into an empty local D1 database: every row count and per-table SHA-256', async () => {
    const before = await checksumsOf(source);
    const trailer = await backup(source, backupFile);
    expect(trailer.tables).toEqual(before);
    // The demo as the seeders load it (tables left empty by the demo are compared by checksum only).
    expect(counts(before)).toEqual({
      competition_categories: 15,
      competition_editions: 3,
      competition_entries: 20,
      competition_entry_files: 1,
      jury_assignments: 81,
      jury_ballots: 10,
      jury_declared_conflicts: 2,
      jury_jurors: 10,
      jury_reviews: 33,
      jury_rounds: 5,
      jury_rubrics: 5,
      jury_shortlist: 6,
      lunch_days: 4,
      lunch_households: 3,
      peoples_choice_votes: 9,
      peoples_choice_windows: 1,
      results_category_statements: 1,
      results_feedback_mails: 8,
      results_placements: 7,
      results_publications: 1,
      role_assignments: 6,
      uploads: 1,
      users: 25,
    });
    // The files index: the demo film (two formats) and the demo jury's video, with their SHA-256.
    expect(trailer.files.count).toBe(3);
    const index = gunzipSync(readFileSync(backupFile))
      .toString('utf8')
      .split('\n')
      .filter((l) => l.startsWith('{"file"'))
      .map((l) => JSON.parse(l).file as { key: string; size: number; sha256: string });
    expect(index.map(({ key, size }) => [key, size])).toEqual([
      ['media/documentary/we-are-at-home-here-demo.mp4', 232_488],
      ['media/documentary/we-are-at-home-here-demo.webm', 120_089],
      ['uploads/demo-2026-file-02-video', 232_488],
    ]);
    const sha = (path: string) => execFileSync('sha256sum', [join(root, path)], { encoding: 'utf8' }).split(' ')[0];
    expect(index[0]!.sha256).toBe(sha('content/media/documentary/we-are-at-home-here-demo.mp4'));
    expect(index[1]!.sha256).toBe(sha('content/media/documentary/we-are-at-home-here-demo.webm'));

    const target: Target = { kind: 'd1-local', persistTo: join(tmp, 'restored') };
    const report = await restore(target, backupFile);
    expect(await checksumsOf(target)).toEqual(before);
    expect(report.tables).toEqual(before);
    // File bodies are not in the backup: the empty bucket lacks all three, and the restore says so.
    expect(report.files).toEqual({ indexed: 3, present: 0, missing: index.map((f) => f.key), changed: [] });
  }, 300_000);

  it('restores into a real libSQL server (the Turso path) and backs up from it the same rows', async () => {
    const target: Target = { kind: 'libsql', url: sqld.url };
    await restore(target, backupFile);
    const expected = await checksumsOf(source);
    expect(await checksumsOf(target)).toEqual(expected);
    const again = await backup(target, join(tmp, 'from-sqld.jsonl.gz'));
    expect(again.tables).toEqual(expected);
    expect(again.files.count).toBe(0);
  }, 300_000);

  it('refuses a truncated, corrupt, foreign or other-schema file with a clear message, before touching the target', async () => {
    const target: Target = { kind: 'd1-local', persistTo: join(tmp, 'untouched') };
    const bytes = readFileSync(backupFile);
    const truncated = join(tmp, 'truncated.jsonl.gz');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(restore(target, truncated)).rejects.toThrow(
      /truncated\.jsonl\.gz cannot be restored: it is not a complete gzip file \(unexpected end of file\)\. Nothing was changed\./,
    );
    const lastLine = edited('no-end.jsonl.gz', (lines) => lines.slice(0, -1));
    await expect(restore(target, lastLine)).rejects.toThrow(/it is truncated \(no end marker\)/);
    const corrupt = edited('corrupt.jsonl.gz', (lines) =>
      lines.map((l) => (l.startsWith('["users"') ? l.replace('@', '@x') : l)),
    );
    await expect(restore(target, corrupt)).rejects.toThrow(
      /table users does not match its checksum \(corrupt or edited\)\. Nothing was changed\./,
    );
    const foreign = edited('v2.jsonl.gz', ([header, ...rest]) => [
      header!.replace('"version":1', '"version":2'),
      ...rest,
    ]);
    await expect(restore(target, foreign)).rejects.toThrow(/it is backup format version 2; this code reads version 1/);
    const older = edited('older.jsonl.gz', ([header, ...rest]) => [
      header!.replace(',"0015_peoples_choice"', ''),
      ...rest,
    ]);
    await expect(restore(target, older)).rejects.toThrow(
      /it was taken at schema 0014_lunch_times_contact_name \(15 migrations\), this checkout has 0015_peoples_choice \(16\)/,
    );
    const notOurs = join(tmp, 'other.gz');
    writeFileSync(notOurs, gzipSync('{"hello":"world"}\n'));
    await expect(restore(target, notOurs)).rejects.toThrow(/it is not a Spotlight backup/);
    expect(existsSync(target.persistTo)).toBe(false);
  }, 300_000);

  it('refuses a database that holds rows, and with --replace swaps its rows for the backup', async () => {
    const before = await checksumsOf(source);
    await expect(restore(source, backupFile)).rejects.toThrow(
      /local D1 in .* is not empty \(competition_editions has 3 rows\); restore into an empty database, or pass --replace/,
    );
    expect(await checksumsOf(source)).toEqual(before);
    const db = createClient({ url: `file:${localD1File(source.persistTo)}` });
    await db.execute("UPDATE users SET locale = 'uk'");
    await db.execute('DELETE FROM jury_ballots');
    db.close();
    expect(await checksumsOf(source)).not.toEqual(before);
    await restore(source, backupFile, { replace: true });
    expect(await checksumsOf(source)).toEqual(before);
  }, 300_000);

  it('D1 on Cloudflare: a `wrangler d1 export` dump backs up to the same rows, and --to-sql loads back through `wrangler d1 execute`', async () => {
    const wrangler = join(root, 'node_modules/.bin/wrangler');
    const before = await checksumsOf(source);
    // `wrangler d1 export --local` reads .wrangler/state of its project (it takes no --persist-to): a
    // throwaway project whose state is a copy of the seeded database stands in for `--remote`.
    const project = join(tmp, 'export-project');
    mkdirSync(join(project, '.wrangler/state/v3'), { recursive: true });
    cpSync(join(source.persistTo, 'v3/d1'), join(project, '.wrangler/state/v3/d1'), { recursive: true });
    writeFileSync(
      join(project, 'wrangler.toml'),
      readFileSync(join(root, 'wrangler.toml'), 'utf8').replace(/^main = .*$/m, 'main = "worker.js"'),
    );
    writeFileSync(join(project, 'worker.js'), 'export default {};\n');
    cpSync(join(root, 'migrations'), join(project, 'migrations'), { recursive: true });
    const dump = join(tmp, 'd1-export.sql');
    step(wrangler, ['d1', 'export', 'DB', '--local', '--output', dump], project);
    const fromDump = await backup({ kind: 'sql-dump', file: dump }, join(tmp, 'from-d1.jsonl.gz'));
    expect(fromDump.tables).toEqual(before);

    const sql = join(tmp, 'rows.sql');
    expect(await archiveToSql(backupFile, sql)).toBe(257);
    const d1: Target = { kind: 'd1-local', persistTo: join(tmp, 'd1-from-sql') };
    step(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', d1.persistTo]);
    step(wrangler, ['d1', 'execute', 'DB', '--local', '--persist-to', d1.persistTo, '--file', sql, '-y']);
    expect(await checksumsOf(d1)).toEqual(before);
  }, 300_000);
});
