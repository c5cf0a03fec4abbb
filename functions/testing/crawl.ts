import type { Client } from '@libsql/client';

/**
 * Real values for a route parameter, by the path segment before it (`/entries/:entryId` →
 * entry ids; `/competition/[edition]/` → editions): SQL over the demo data. A route whose parameter
 * follows a segment not named here fails the crawls (functions/http/safe-methods.test.ts,
 * tests/e2e/safe-methods.test.ts) until its values are named.
 */
export const routeValues: Record<string, string> = {
  editions: 'SELECT id FROM competition_editions ORDER BY id',
  competition: 'SELECT id FROM competition_editions ORDER BY id',
  jury: 'SELECT id FROM competition_editions ORDER BY id',
  publication: 'SELECT id FROM competition_editions ORDER BY id',
  results: 'SELECT id FROM competition_editions ORDER BY id',
  entries: 'SELECT id FROM competition_entries ORDER BY id LIMIT 3',
  files: 'SELECT id FROM competition_entry_files ORDER BY id LIMIT 2',
  rounds: 'SELECT id FROM jury_rounds ORDER BY id',
  categories: 'SELECT id FROM competition_categories ORDER BY id LIMIT 3',
  ballot: 'SELECT id FROM competition_categories ORDER BY id LIMIT 3',
  days: 'SELECT id FROM lunch_days ORDER BY id',
  lunches: 'SELECT id FROM lunch_days ORDER BY id',
  households: 'SELECT id FROM lunch_households ORDER BY id LIMIT 3',
  users: 'SELECT id FROM users ORDER BY id LIMIT 3',
  people: 'SELECT id FROM users ORDER BY id LIMIT 3',
  uploads: 'SELECT id FROM uploads ORDER BY id LIMIT 3',
  materials: "SELECT 'arriving-worksheet' AS id",
  invitations: "SELECT 'nope' AS id",
  export: "SELECT 'csv' AS id UNION SELECT 'xlsx'",
  mail: "SELECT 'nope' AS id",
};

/**
 * Every URL a route stands for with real values: each parameter (Hono `:id`, `:format{csv|xlsx}`,
 * or Astro `[id]`) filled with each value {@link routeValues} names for the segment before it; an
 * unknown id where the data has none (so the route's lookups still run).
 * @param route e.g. `/api/competition/entries/:id`, `/admin/competition/[edition]/entries/[id]/`
 * @param fixed values for parameters by name, before the table (e.g. `{ step: ['work'] }`)
 * @throws Error naming the route when a parameter's segment is not in {@link routeValues}
 */
export async function fillRoute(
  db: Pick<Client, 'execute'>,
  route: string,
  fixed: Record<string, string[]> = {},
): Promise<string[]> {
  let urls = [''];
  let before = '';
  for (const part of route.split('/').slice(1)) {
    const param = /^:(\w+)|^\[(\w+)\]$/.exec(part);
    if (!param) {
      urls = urls.map((u) => `${u}/${part}`);
      if (part) before = part;
      continue;
    }
    const name = (param[1] ?? param[2])!;
    let values = fixed[name];
    if (!values) {
      const sql = routeValues[before];
      if (!sql) throw new Error(`${route}: name the values of ${part} after /${before}/ in routeValues`);
      values = (await db.execute(sql)).rows.map((r) => String(Object.values(r)[0]));
    }
    const filled = values.length > 0 ? values : ['nope'];
    urls = urls.flatMap((u) => filled.map((v) => `${u}/${encodeURIComponent(v)}`));
    before = part;
  }
  return urls;
}
