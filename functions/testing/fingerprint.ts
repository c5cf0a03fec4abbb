import { createHash } from 'node:crypto';
import type { Client } from '@libsql/client';
import { readAuditActions } from '../accounts/audit.ts';

/**
 * What a database holds, per table: its row count and a SHA-256 of every row in rowid order. With `readAudits: false`,
 * the audit log's refusal and export records (`readAuditActions`) are left out.
 */
export async function fingerprint(
  t: { client: Pick<Client, 'execute'> },
  { readAudits = true } = {},
): Promise<Record<string, string>> {
  const tables = await t.client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name",
  );
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const skip =
      !readAudits && name === 'audit_log'
        ? ` WHERE action NOT IN (${readAuditActions.map((a) => `'${a}'`).join(', ')})`
        : '';
    const rows = await t.client.execute(`SELECT * FROM "${String(name)}"${skip} ORDER BY rowid`);
    const hash = createHash('sha256');
    for (const row of rows.rows)
      hash.update(JSON.stringify(Object.values(row), (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
    out[String(name)] = `${rows.rows.length} rows ${hash.digest('hex').slice(0, 16)}`;
  }
  return out;
}
