import type { Client } from '@libsql/client';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { retryBusy } from './busy-retry.ts';
import { cacheLibsqlStatements } from './statement-cache.ts';
import * as schema from './schema/index.ts';
import { timedD1, timedLibsql } from './timed.ts';

/** The database every service takes: D1 in Workers, libSQL (Turso or a local file) elsewhere. */
export type Db = BaseSQLiteDatabase<'async', unknown, typeof schema> & {
  batch: ReturnType<typeof drizzleLibsql<typeof schema>>['batch'];
};

// Both drivers are timed (./timed.ts): each request's log line carries its database time and
// statements. Server libSQL connections retry a write refused as busy (./busy-retry.ts); the time
// logged includes the retries.
export const dbFromD1 = (d1: D1Database): Db => drizzleD1(timedD1(d1), { schema }) as unknown as Db;
// In Node the embedded database keeps its prepared statements (./statement-cache.ts).
export const dbFromLibsql = (client: Client): Db => {
  cacheLibsqlStatements();
  return drizzleLibsql(timedLibsql(retryBusy(client)), { schema }) as unknown as Db;
};

export { schema };
