/**
 * Whether a failed statement or batch failed on a constraint (NOT NULL, UNIQUE, PRIMARY KEY, CHECK,
 * FOREIGN KEY: SQLite's "… constraint failed", as libSQL and D1 word it), looking through up to six
 * `cause`s (drizzle wraps the driver's error). A batch built to fail on a constraint when a guard
 * refuses (../db/prepared.ts) tells its refusal from a fault with this: a fault (the database
 * unreachable, busy, a missing table) is not a refusal and must reach the caller as the S17 503.
 */
export function isConstraintFailure(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++)
    if (/constraint failed/i.test(e.message)) return true;
  return false;
}
