// `npm run db:restore -- <file> [--persist-to <dir>] [--url <libsql url>] [--replace] [--to-sql <file>]`: restores a
// backup of `npm run db:backup` into an empty database — the local D1 database of `npm start`
// (stop it first) or a libSQL URL — after checking the whole file; migrations first, then the rows
// parents-first in batches, then every table's count and SHA-256 are compared with the backup.
// A database that holds rows is refused unless --replace (which deletes them first).
// With --to-sql <file> it writes the rows as SQL INSERTs instead, for D1 on Cloudflare:
// `wrangler d1 migrations apply DB --remote`, then `wrangler d1 execute DB --remote --file <file>`.
import { existsSync } from 'node:fs';
import { servingPids } from './build-state.mjs';
import { archiveToSql, parseArgs, restore } from './db-archive.ts';

try {
  const { file, target, flags, values } = parseArgs(process.argv.slice(2), ['--replace', '--to-sql']);
  if (!existsSync(file)) throw new Error(`There is no backup file ${file}.`);
  const started = Date.now();
  const sqlFile = values.get('--to-sql');
  if (sqlFile) {
    const rows = await archiveToSql(file, sqlFile);
    console.log(`✔ ${sqlFile}: ${rows} INSERT statements, parents first (load after the migrations)`);
    process.exit(0);
  }
  // Restoring under a running portal loses what it writes meanwhile (sessions, sign-ups) and leaves
  // its edge cache showing the data from before: the local database is only restored with it stopped.
  const serving = target.kind === 'd1-local' ? servingPids() : [];
  if (serving.length > 0)
    throw new Error(
      `npm start (process ${serving.join(', ')}) is using the local database: stop it first (Ctrl+C in its terminal), restore, then start it again.`,
    );
  const report = await restore(target, file, { replace: flags.has('--replace') });
  const rows = Object.values(report.tables).reduce((sum, t) => sum + t.rows, 0);
  console.log(
    `✔ restored ${Object.keys(report.tables).length} tables, ${rows} rows; every table's count and SHA-256 match the backup (${Date.now() - started} ms)`,
  );
  if (report.files) {
    const { indexed, present, missing, changed } = report.files;
    console.log(`  files: ${indexed} indexed, ${present} present unchanged in the local bucket`);
    if (missing.length > 0)
      console.log(`  not in the bucket (file bodies are not in backups; copy them from R2): ${missing.join(', ')}`);
    if (changed.length > 0) console.log(`  different from the backup's SHA-256: ${changed.join(', ')}`);
  }
} catch (error) {
  console.error(`✘ ${(error as Error).message}`);
  process.exit(1);
}
