import { type SQL, sql } from 'drizzle-orm';

/**
 * A condition for a statement inside `db.batch([...])`: true when the statement right before it
 * in the batch changed at least one row. It is SQLite's `changes()` (rows changed by the most
 * recently completed INSERT, UPDATE or DELETE on the connection); a batch runs its statements in
 * order on one connection and in one transaction on D1, the libSQL file and a libSQL server
 * (group-commit.ts only puts whole batches one after another).
 *
 * Use it to make a follow-up — a mail, an audit row — depend on *this* request's change: a
 * condition on a value the change wrote (`submitted_at = now`) is also met by a second request
 * that wrote nothing in the same millisecond (in the Workers runtime the clock stands still
 * between I/O, so two requests of one isolate often share `now`). The statement must come
 * directly after the change it depends on; a chain (change → mail → audit row) works because
 * each link changes one row only when the one before it did.
 * @returns a fresh SQL fragment, `changes() > 0`
 */
export const tookEffect = (): SQL => sql`changes() > 0`;
