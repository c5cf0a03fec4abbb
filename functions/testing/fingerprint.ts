import { createHash } from 'node:crypto';
import type { Client } from '@libsql/client';
import { readAuditActions } from '../accounts/audit.ts';

/** What {@link fingerprint} leaves out. */
export interface FingerprintOptions {
  /** With `false`, the audit log's refusal and export records (`readAuditActions`) are left out. */
  readAudits?: boolean;
  /** Columns left out, per table (`{ sessions: ['last_seen_at'] }`). */
  except?: Record<string, string[]>;
}

/**
 * What a database holds, per table: its row count and a SHA-256 of every row in rowid order, as
 * `"12 rows 3f9a…"`. Tables whose names start with `_` (the migration runners' own) are left out.
 * @param db any SQLite client (libSQL in memory, or the local D1 file)
 */
export async function fingerprint(
  db: Pick<Client, 'execute'>,
  { readAudits = true, except = {} }: FingerprintOptions = {},
): Promise<Record<string, string>> {
  const tables = await db.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name",
  );
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const table = String(name);
    const columns = (await db.execute(`SELECT name FROM pragma_table_info('${table}')`)).rows
      .map((r) => String(r.name))
      .filter((c) => !except[table]?.includes(c))
      .map((c) => `"${c}"`)
      .join(', ');
    const where =
      !readAudits && table === 'audit_log'
        ? ` WHERE action NOT IN (${readAuditActions.map((a) => `'${a}'`).join(', ')})`
        : '';
    const rows = await db.execute(`SELECT ${columns} FROM "${table}"${where} ORDER BY rowid`);
    const hash = createHash('sha256');
    for (const row of rows.rows)
      hash.update(JSON.stringify(Object.values(row), (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
    out[table] = `${rows.rows.length} rows ${hash.digest('hex').slice(0, 16)}`;
  }
  return out;
}
