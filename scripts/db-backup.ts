// `npm run db:backup -- <file> [--persist-to <dir>] [--url <libsql url>]`: the whole database and the
// index of stored files in one gzip JSON-lines file (format and reasons in scripts/db-archive.ts).
// Without --url it reads the local D1 database that `npm start` uses (.data/, or --persist-to) and
// its local R2 bucket's index; with --url (a Turso `libsql://…` URL, `http://…` of a libSQL server
// or `file:…`) that database, with LIBSQL_AUTH_TOKEN from the environment. With --from-sql <dump>
// an SQL dump of D1 on Cloudflare (`wrangler d1 export spotlight --remote --output <dump>`).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { backup, parseArgs } from './db-archive.ts';

try {
  const { file, target } = parseArgs(process.argv.slice(2), ['--from-sql']);
  // Said in a sentence before any work, not as a stream's stack trace halfway through.
  if (existsSync(file)) throw new Error(`${file} exists already: name a new file (a backup never overwrites one).`);
  mkdirSync(dirname(resolve(file)), { recursive: true });
  const started = Date.now();
  const trailer = await backup(target, file);
  const rows = Object.values(trailer.tables).reduce((sum, t) => sum + t.rows, 0);
  console.log(
    `✔ ${file}: ${Object.keys(trailer.tables).length} tables, ${rows} rows, ${trailer.files.count} files indexed (${Date.now() - started} ms)`,
  );
} catch (error) {
  console.error(`✘ ${(error as Error).message}`);
  process.exit(1);
}
