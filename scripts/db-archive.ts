// Backup and restore of the whole database and the index of stored files, in one portable file
// (`npm run db:backup -- <file>`, `npm run db:restore -- <file>`; scripts/db-backup.ts and
// scripts/db-restore.ts are the commands, this is their library).
//
// The file is gzip-compressed JSON lines:
//   1. a header: format, version, when, from where, the migrations applied (the schema version),
//      and per table its columns and primary key;
//   2. one line per row, `["<table>", [values…]]`, tables in foreign-key order, rows by primary key;
//   3. one line per stored file (R2 object): `{"file": {key, size, etag, contentType, sha256, …}}`;
//   4. a trailer: per table the row count and the SHA-256 of its rows, the files' count and SHA-256,
//      and the number of lines — a file cut short, changed or from another version is refused
//      before anything is written.
// Values keep their SQLite type: integers beyond 2^53 as {"$i":"…"}, whole-number REALs as
// {"$r":"…"}, BLOBs as {"$b":"<base64>"}; text and other numbers as JSON.
//
// File bodies are not in the backup: films and entries' works make it gigabytes, R2 keeps them
// durably by itself, and a database backup should stay small enough to take every day. The index
// (key, size, type, SHA-256) tells after a restore which objects the rows expect and whether the
// bucket still holds them unchanged (`db:restore` checks a local bucket against it).
import { type Client, createClient, type InArgs, type InValue } from '@libsql/client';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';

export const FORMAT = 'spotlight-backup';
export const FORMAT_VERSION = 1;
const root = resolve(import.meta.dirname, '..');
const migrationsFolder = join(root, 'migrations');
/** Rows per INSERT batch on restore (one transaction each). */
const BATCH_ROWS = 200;
/** Rows per SELECT page on backup. */
const PAGE_ROWS = 1000;

/** Where a database is: the local D1 file of `npm start` (a wrangler persist folder) or a libSQL URL. */
export type Target =
  | { kind: 'd1-local'; persistTo: string }
  | { kind: 'libsql'; url: string; authToken?: string }
  | { kind: 'sql-dump'; file: string };

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
}

/** One stored file (R2 object) in the index. Sizes in bytes, `uploaded` in ms since the epoch. */
export interface FileEntry {
  key: string;
  size: number;
  etag: string;
  uploaded: number;
  contentType: string | null;
  customMetadata: Record<string, string>;
  /** SHA-256 of the body, hex; null when the local store lost the body. */
  sha256: string | null;
}

export interface Header {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  source: string;
  /** Migration tags applied to the database (e.g. `0015_peoples_choice`), in order: its schema version. */
  migrations: string[];
  tables: TableInfo[];
  /** Why the files index is empty, when it could not be read (a remote database). */
  filesNote?: string;
}

export interface Trailer {
  end: true;
  tables: Record<string, { rows: number; sha256: string }>;
  files: { count: number; sha256: string };
  lines: number;
}

/** The migration tags of this checkout (migrations/meta/_journal.json), in order. */
export function codeMigrations(): { tag: string; when: number }[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

/** The SQLite file of the local D1 database in a wrangler persist folder, or undefined when none exists yet. */
export function localD1File(persistTo: string): string | undefined {
  const dir = join(persistTo, 'v3/d1/miniflare-D1DatabaseObject');
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (files.length > 1)
    throw new Error(`${dir} holds ${files.length} D1 databases (${files.join(', ')}); pass --url file:<one of them>`);
  return files[0] ? join(dir, files[0]) : undefined;
}

/** Opens a database for the backup or restore (integers read as bigint, so none loses digits). */
export function open(target: Target): Client {
  if (target.kind === 'sql-dump') throw new Error('An SQL dump is read with loadSqlDump');
  if (target.kind === 'libsql')
    return createClient({ url: target.url, authToken: target.authToken, intMode: 'bigint' });
  const file = localD1File(target.persistTo);
  if (!file) throw new Error(`No local D1 database in ${target.persistTo} (run npm start once, or pass --url)`);
  return createClient({ url: `file:${file}`, intMode: 'bigint' });
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const TABLES_SQL =
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT GLOB 'sqlite_*' AND name NOT GLOB '_cf_*' AND name NOT GLOB 'libsql_*' AND name NOT IN ('d1_migrations', '__drizzle_migrations') ORDER BY name";

type Reader = Pick<Client, 'execute'>;

/** The application's tables, parents before children (foreign keys), each with its columns and primary key. */
export async function tables(db: Reader): Promise<TableInfo[]> {
  const names = (await db.execute(TABLES_SQL)).rows.map((r) => String(r.name));
  const info = new Map<string, TableInfo & { parents: string[] }>();
  for (const name of names) {
    const cols = (await db.execute(`PRAGMA table_info(${quote(name)})`)).rows;
    const fks = (await db.execute(`PRAGMA foreign_key_list(${quote(name)})`)).rows;
    info.set(name, {
      name,
      columns: cols.map((c) => String(c.name)),
      primaryKey: cols
        .filter((c) => Number(c.pk) > 0)
        .sort((a, b) => Number(a.pk) - Number(b.pk))
        .map((c) => String(c.name)),
      parents: [...new Set(fks.map((f) => String(f.table)))].filter((t) => t !== name && names.includes(t)),
    });
  }
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  while (placed.size < names.length) {
    const ready = names.filter((n) => !placed.has(n) && info.get(n)!.parents.every((p) => placed.has(p)));
    if (ready.length === 0) throw new Error(`Foreign keys form a cycle among ${names.filter((n) => !placed.has(n))}`);
    for (const n of ready) {
      const { parents: _, ...table } = info.get(n)!;
      ordered.push(table);
      placed.add(n);
    }
  }
  return ordered;
}

/** The migrations recorded in a database: wrangler's `d1_migrations` or drizzle's `__drizzle_migrations`. */
export async function appliedMigrations(db: Reader): Promise<string[]> {
  const has = async (name: string) =>
    (await db.execute({ sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", args: [name] })).rows
      .length > 0;
  if (await has('d1_migrations'))
    return (await db.execute('SELECT name FROM d1_migrations ORDER BY id')).rows.map((r) =>
      String(r.name).replace(/\.sql$/, ''),
    );
  if (await has('__drizzle_migrations')) {
    const byWhen = new Map(codeMigrations().map((m) => [String(m.when), m.tag]));
    return (await db.execute('SELECT created_at FROM __drizzle_migrations ORDER BY created_at')).rows.map(
      (r) => byWhen.get(String(r.created_at)) ?? `unknown (drizzle created_at ${r.created_at})`,
    );
  }
  return [];
}

/** A value as it is written to the file (see the header comment); reversible by `decode`. */
export function encode(value: unknown): unknown {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : { $i: String(value) };
  if (typeof value === 'number')
    return Number.isInteger(value) || !Number.isFinite(value) ? { $r: String(value) } : value;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes =
      value instanceof ArrayBuffer
        ? new Uint8Array(value)
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return { $b: Buffer.from(bytes).toString('base64') };
  }
  throw new Error(`Cannot back up a value of type ${typeof value}`);
}

/** A value of the file as an SQL argument of its original type. */
export function decode(value: unknown): InValue {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  const tagged = value as { $i?: string; $r?: string; $b?: string };
  if (tagged.$i !== undefined) return BigInt(tagged.$i);
  if (tagged.$r !== undefined) return Number(tagged.$r);
  if (tagged.$b !== undefined) return new Uint8Array(Buffer.from(tagged.$b, 'base64'));
  throw new Error(`Unreadable value ${JSON.stringify(value)}`);
}

/** Reads a table's rows, encoded, ordered by primary key (by every column when it has none), page by page. */
async function* tableRows(db: Reader, table: TableInfo): AsyncGenerator<unknown[]> {
  const order = (table.primaryKey.length > 0 ? table.primaryKey : table.columns).map(quote).join(', ');
  const select = `SELECT ${table.columns.map(quote).join(', ')} FROM ${quote(table.name)} ORDER BY ${order}`;
  for (let offset = 0; ; offset += PAGE_ROWS) {
    const page = await db.execute({ sql: `${select} LIMIT ? OFFSET ?`, args: [PAGE_ROWS, offset] });
    for (const row of page.rows) yield table.columns.map((_, i) => encode(row[i]));
    if (page.rows.length < PAGE_ROWS) return;
  }
}

/** Row count and SHA-256 (hex) of every table's encoded rows in primary-key order: what a restore must reproduce. */
export async function tableChecksums(db: Reader): Promise<Record<string, { rows: number; sha256: string }>> {
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const table of await tables(db)) {
    const hash = createHash('sha256');
    let rows = 0;
    for await (const row of tableRows(db, table)) {
      hash.update(`${JSON.stringify(row)}\n`);
      rows++;
    }
    out[table.name] = { rows, sha256: hash.digest('hex') };
  }
  return out;
}

/**
 * The index of the files in a local R2 bucket (wrangler's persist folder: the objects' metadata in
 * miniflare's SQLite file, bodies under `v3/r2/<bucket>/blobs/`), sorted by key. Empty when there is none.
 */
export async function localFilesIndex(persistTo: string): Promise<FileEntry[]> {
  const dir = join(persistTo, 'v3/r2/miniflare-R2BucketObject');
  if (!existsSync(dir)) return [];
  const blobDirs = readdirSync(join(persistTo, 'v3/r2'))
    .map((d) => join(persistTo, 'v3/r2', d, 'blobs'))
    .filter((d) => existsSync(d));
  const blobPath = (id: string) => blobDirs.map((d) => join(d, id)).find((p) => existsSync(p));
  const entries: FileEntry[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')) {
    const meta = createClient({ url: `file:${join(dir, file)}` });
    try {
      const objects = await meta.execute(
        'SELECT key, blob_id, size, etag, uploaded, http_metadata, custom_metadata FROM _mf_objects ORDER BY key',
      );
      for (const o of objects.rows) {
        // A multipart object has no blob of its own: its body is its parts' blobs in order.
        const blobs = o.blob_id
          ? [String(o.blob_id)]
          : (
              await meta.execute({
                sql: 'SELECT blob_id FROM _mf_multipart_parts WHERE object_key = ? ORDER BY part_number',
                args: [String(o.key)],
              })
            ).rows.map((p) => String(p.blob_id));
        const paths = blobs.map(blobPath);
        let sha256: string | null = null;
        if (paths.every((p) => p !== undefined)) {
          const hash = createHash('sha256');
          for (const p of paths) await finished(createReadStream(p!).on('data', (chunk) => hash.update(chunk)));
          sha256 = hash.digest('hex');
        }
        const http = JSON.parse(String(o.http_metadata)) as { contentType?: string };
        entries.push({
          key: String(o.key),
          size: Number(o.size),
          etag: String(o.etag),
          uploaded: Number(o.uploaded),
          contentType: http.contentType ?? null,
          customMetadata: JSON.parse(String(o.custom_metadata)),
          sha256,
        });
      }
    } finally {
      meta.close();
    }
  }
  return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const describeTarget = (t: Target) =>
  t.kind === 'd1-local'
    ? `local D1 in ${t.persistTo}`
    : t.kind === 'sql-dump'
      ? `SQL dump ${t.file}`
      : t.url.replace(/\/\/[^@/]*@/, '//');

/**
 * Loads an SQL dump (`wrangler d1 export <db> --remote --output <file>`: the schema, the rows and
 * D1's `d1_migrations`) into a new SQLite file beside it, with foreign keys off while loading (the
 * dump lists tables by name, not parents first), so it can be backed up like any database.
 * @returns the SQLite file's path (`<dump>.sqlite`, replaced if it exists)
 */
export async function loadSqlDump(dump: string): Promise<string> {
  const file = `${dump}.sqlite`;
  rmSync(file, { force: true });
  const db = createClient({ url: `file:${file}` });
  try {
    await db.execute('PRAGMA foreign_keys = OFF');
    await db.executeMultiple(readFileSync(dump, 'utf8'));
  } finally {
    db.close();
  }
  return file;
}

/**
 * Writes the whole database of `source` (one read transaction, so the copy is consistent) and the
 * index of the local files store (for a local source) into `file`.
 * @returns the trailer written (per table rows and SHA-256, files)
 */
export async function backup(source: Target, file: string, now = new Date()): Promise<Trailer> {
  const db = open(
    source.kind === 'sql-dump' ? { kind: 'libsql', url: `file:${await loadSqlDump(source.file)}` } : source,
  );
  const gzip = createGzip();
  const out = gzip.pipe(createWriteStream(file));
  let lines = 0;
  const write = async (value: unknown) => {
    lines++;
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await new Promise((r) => gzip.once('drain', r));
  };
  const tx = await db.transaction('read');
  try {
    const list = await tables(tx);
    const files = source.kind === 'd1-local' ? await localFilesIndex(source.persistTo) : [];
    const header: Header = {
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt: now.toISOString(),
      source: describeTarget(source),
      migrations: await appliedMigrations(tx),
      tables: list,
      ...(source.kind !== 'd1-local'
        ? { filesNote: 'a remote database: the R2 bucket is not read from here (list it with rclone or the R2 API)' }
        : {}),
    };
    await write(header);
    const sums: Trailer['tables'] = {};
    for (const table of list) {
      const hash = createHash('sha256');
      let rows = 0;
      for await (const row of tableRows(tx, table)) {
        hash.update(`${JSON.stringify(row)}\n`);
        rows++;
        await write([table.name, row]);
      }
      sums[table.name] = { rows, sha256: hash.digest('hex') };
    }
    const filesHash = createHash('sha256');
    for (const entry of files) {
      filesHash.update(`${JSON.stringify(entry)}\n`);
      await write({ file: entry });
    }
    const trailer: Trailer = {
      end: true,
      tables: sums,
      files: { count: files.length, sha256: filesHash.digest('hex') },
      lines: lines + 1,
    };
    await write(trailer);
    gzip.end();
    await finished(out);
    return trailer;
  } finally {
    tx.close();
    db.close();
  }
}

/** A backup file read and checked in full: header, rows per table (in file order), files, trailer. */
export interface Archive {
  header: Header;
  rows: Map<string, unknown[][]>;
  files: FileEntry[];
  trailer: Trailer;
}

/**
 * Reads and checks a backup file completely before anything is restored: gzip intact, format and
 * version known, every line readable, every table's count and SHA-256 and the files' as the trailer
 * says, and nothing after the trailer.
 * @throws Error with a sentence saying what is wrong (truncated, corrupt, other format or version)
 */
export async function readArchive(file: string): Promise<Archive> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header: Header | undefined;
  let trailer: Trailer | undefined;
  const rows = new Map<string, unknown[][]>();
  const files: FileEntry[] = [];
  let count = 0;
  try {
    for await (const line of lines) {
      count++;
      if (trailer) throw new Error(`line ${count} follows the end marker`);
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new Error(`line ${count} is not JSON`);
      }
      if (!header) {
        const h = value as Partial<Header>;
        if (h?.format !== FORMAT) throw new Error('it is not a Spotlight backup (no spotlight-backup header)');
        if (h.version !== FORMAT_VERSION)
          throw new Error(`it is backup format version ${h.version}; this code reads version ${FORMAT_VERSION}`);
        header = h as Header;
        for (const t of header.tables) rows.set(t.name, []);
      } else if (Array.isArray(value)) {
        const [table, row] = value as [string, unknown[]];
        const target = rows.get(table);
        const info = header.tables.find((t) => t.name === table);
        if (!target || !info || !Array.isArray(row) || row.length !== info.columns.length)
          throw new Error(`line ${count} is not a row of a table the header lists`);
        target.push(row);
      } else if (value && typeof value === 'object' && 'file' in value) {
        files.push((value as { file: FileEntry }).file);
      } else if (value && typeof value === 'object' && (value as Trailer).end === true) {
        trailer = value as Trailer;
      } else throw new Error(`line ${count} is not a row, a file or the end marker`);
    }
  } catch (error) {
    const message = (error as Error).message;
    const cause = /unexpected end of file|incorrect header check|invalid|Z_/i.test(message)
      ? `it is not a complete gzip file (${message})`
      : message;
    throw new Error(`${file} cannot be restored: ${cause}. Nothing was changed.`);
  }
  const refuse = (why: string) => new Error(`${file} cannot be restored: ${why}. Nothing was changed.`);
  if (!header) throw refuse('it is empty');
  if (!trailer) throw refuse('it is truncated (no end marker)');
  if (trailer.lines !== count) throw refuse(`it has ${count} lines, its end marker says ${trailer.lines}`);
  for (const table of header.tables) {
    const hash = createHash('sha256');
    for (const row of rows.get(table.name)!) hash.update(`${JSON.stringify(row)}\n`);
    const want = trailer.tables[table.name];
    const got = { rows: rows.get(table.name)!.length, sha256: hash.digest('hex') };
    if (!want || want.rows !== got.rows || want.sha256 !== got.sha256)
      throw refuse(`table ${table.name} does not match its checksum (corrupt or edited)`);
  }
  const filesHash = createHash('sha256');
  for (const entry of files) filesHash.update(`${JSON.stringify(entry)}\n`);
  if (trailer.files.count !== files.length || trailer.files.sha256 !== filesHash.digest('hex'))
    throw refuse('the files index does not match its checksum');
  return { header, rows, files, trailer };
}

/** A value of the file as an SQL literal of its original type (integer, real, text, blob or NULL). */
export function sqlLiteral(value: unknown): string {
  const v = decode(value);
  if (v === null) return 'NULL';
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return v > 0 ? '9e999' : '-9e999';
    return Number.isInteger(v) ? `${v}.0` : String(v);
  }
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  if (v instanceof Uint8Array) return `X'${Buffer.from(v).toString('hex')}'`;
  throw new Error(`Cannot write ${typeof v} as SQL`);
}

/**
 * Writes a checked backup as SQL INSERT statements, parents first, for a database whose migrations
 * are already applied — D1 on Cloudflare takes it with
 * `wrangler d1 execute spotlight --remote --file <sql>` after `wrangler d1 migrations apply`.
 * @returns the number of rows written
 * @throws Error as `readArchive` and when the backup's migrations are not this checkout's
 */
export async function archiveToSql(file: string, sqlFile: string): Promise<number> {
  const archive = await readArchive(file);
  sameSchema(file, archive.header.migrations);
  const out = createWriteStream(sqlFile);
  let rows = 0;
  for (const table of archive.header.tables) {
    const insert = `INSERT INTO ${quote(table.name)} (${table.columns.map(quote).join(', ')}) VALUES `;
    for (const row of archive.rows.get(table.name)!) {
      if (!out.write(`${insert}(${row.map(sqlLiteral).join(', ')});\n`))
        await new Promise<void>((r) => out.once('drain', () => r()));
      rows++;
    }
  }
  out.end();
  await finished(out);
  return rows;
}

/** @throws Error when a backup's migrations are not this checkout's (restore it with its own release) */
function sameSchema(file: string, migrations: string[]): void {
  const code = codeMigrations().map((m) => m.tag);
  if (JSON.stringify(migrations) === JSON.stringify(code)) return;
  const last = (list: string[]) => list.at(-1) ?? 'none';
  throw new Error(
    `${file} cannot be restored: it was taken at schema ${last(migrations)} (${migrations.length} migrations), this checkout has ${last(code)} (${code.length}). Restore it with the release it came from, then migrate. Nothing was changed.`,
  );
}

/** Runs wrangler from this checkout (the migrations of the local D1 database, as `npm start` applies them). */
function wrangler(args: string[]): void {
  const bin = join(root, 'node_modules/.bin/wrangler');
  const result = spawnSync(bin, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

export interface RestoreReport {
  tables: Record<string, { rows: number; sha256: string }>;
  files: { indexed: number; present: number; missing: string[]; changed: string[] } | undefined;
}

/**
 * Restores `file` into `target`: checks the whole file first (see `readArchive`), refuses a
 * backup whose migrations differ from this checkout's and a target that holds rows (unless
 * `replace`: then its rows are deleted first), applies the migrations (wrangler for the local D1
 * database, drizzle's migrator for libSQL), inserts the rows parents-first in batches of
 * BATCH_ROWS (one transaction each), checks the foreign keys and every table's count and SHA-256
 * against the backup, and for a local target compares its files store with the index.
 * @throws Error saying why, before the target is touched when the file or the target is refused
 */
export async function restore(target: Target, file: string, { replace = false } = {}): Promise<RestoreReport> {
  if (target.kind === 'sql-dump')
    throw new Error('Restore into a database (--persist-to or --url), not into an SQL dump');
  const archive = await readArchive(file);
  sameSchema(file, archive.header.migrations);
  const code = codeMigrations().map((m) => m.tag);
  // The target: refuse one with rows before changing anything in it.
  if (target.kind === 'd1-local' ? localD1File(target.persistTo) : true) {
    const probe = open(target);
    try {
      const applied = await appliedMigrations(probe);
      if (applied.length > 0 && JSON.stringify(applied) !== JSON.stringify(code.slice(0, applied.length)))
        throw new Error(`the target's migrations (${applied.at(-1)}) are not this checkout's; nothing was changed`);
      for (const table of await tables(probe)) {
        const n = (await probe.execute(`SELECT count(*) AS n FROM ${quote(table.name)}`)).rows[0]!.n;
        if (Number(n) > 0 && !replace)
          throw new Error(
            `${describeTarget(target)} is not empty (${table.name} has ${n} rows); restore into an empty database, or pass --replace to delete its rows first. Nothing was changed.`,
          );
      }
    } finally {
      probe.close();
    }
  }
  if (target.kind === 'd1-local')
    wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', target.persistTo]);
  const db = open(target);
  try {
    if (target.kind === 'libsql') await migrate(drizzle(db), { migrationsFolder });
    const list = await tables(db);
    const archived = new Map(archive.header.tables.map((t) => [t.name, t]));
    const missing = [...archived.keys()].filter((name) => !list.some((t) => t.name === name));
    if (missing.length > 0) throw new Error(`the target has no table ${missing.join(', ')} after its migrations`);
    if (replace) {
      await db.batch(
        [...list].reverse().map((t) => `DELETE FROM ${quote(t.name)}`),
        'write',
      );
    }
    for (const table of list) {
      const info = archived.get(table.name);
      if (!info) continue;
      const insert = `INSERT INTO ${quote(table.name)} (${info.columns.map(quote).join(', ')}) VALUES (${info.columns.map(() => '?').join(', ')})`;
      const rows = archive.rows.get(table.name)!;
      for (let i = 0; i < rows.length; i += BATCH_ROWS) {
        await db.batch(
          rows.slice(i, i + BATCH_ROWS).map((row) => ({ sql: insert, args: row.map(decode) as InArgs })),
          'write',
        );
      }
    }
  } finally {
    db.close();
  }
  // Checked through a new connection: what another process (wrangler dev, the Worker) will read.
  const check = open(target);
  try {
    const violations = (await check.execute('PRAGMA foreign_key_check')).rows;
    if (violations.length > 0) throw new Error(`${violations.length} rows break foreign keys after the restore`);
    const sums = await tableChecksums(check);
    for (const [name, want] of Object.entries(archive.trailer.tables)) {
      const got = sums[name];
      if (!got || got.rows !== want.rows || got.sha256 !== want.sha256)
        throw new Error(`table ${name} differs after the restore (${got?.rows} rows, backup ${want.rows})`);
    }
    let files: RestoreReport['files'];
    if (target.kind === 'd1-local') {
      const present = new Map((await localFilesIndex(target.persistTo)).map((f) => [f.key, f]));
      const missingFiles = archive.files.filter((f) => !present.has(f.key)).map((f) => f.key);
      const changed = archive.files
        .filter((f) => present.has(f.key) && present.get(f.key)!.sha256 !== f.sha256)
        .map((f) => f.key);
      files = {
        indexed: archive.files.length,
        present: archive.files.length - missingFiles.length - changed.length,
        missing: missingFiles,
        changed,
      };
    }
    return { tables: sums, files };
  } finally {
    check.close();
  }
}

/**
 * The command line shared by db-backup and db-restore: `<file> [--persist-to <dir>] [--url <libsql url>]`
 * (LIBSQL_AUTH_TOKEN from the environment), plus the flags the command names (`--from-sql <dump>`
 * for a backup of a D1 export; `--replace` and `--to-sql <file>` for a restore).
 */
export function parseArgs(
  argv: string[],
  flags: string[] = [],
): { file: string; target: Target; flags: Set<string>; values: Map<string, string> } {
  let file: string | undefined;
  let persistTo = '.data';
  let url: string | undefined;
  const set = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--persist-to') persistTo = argv[++i] ?? '';
    else if (arg === '--url') url = argv[++i];
    else if ((arg === '--from-sql' || arg === '--to-sql') && flags.includes(arg)) values.set(arg, argv[++i] ?? '');
    else if (arg.startsWith('--') && flags.includes(arg)) set.add(arg);
    else if (!arg.startsWith('--') && file === undefined) file = arg;
    else throw new Error(`Unknown argument ${arg}`);
  }
  if (!file) throw new Error('Name the backup file, e.g. npm run db:backup -- backups/spotlight.jsonl.gz');
  const sql = values.get('--from-sql');
  const target: Target = sql
    ? { kind: 'sql-dump', file: sql }
    : url
      ? { kind: 'libsql', url, authToken: process.env.LIBSQL_AUTH_TOKEN }
      : { kind: 'd1-local', persistTo };
  return { file, target, flags: set, values };
}
