import { createClient, type Client } from '@libsql/client';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { drizzle } from 'drizzle-orm/libsql';
import { fileURLToPath } from 'node:url';
import { dbFromLibsql, type Db } from '../db/client.ts';

const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/** A fresh in-memory libSQL database with the real migrations applied. */
export async function createTestDb(url = ':memory:'): Promise<{ db: Db; client: Client }> {
  const client = createClient({ url });
  await migrate(drizzle(client), { migrationsFolder });
  return { db: dbFromLibsql(client), client };
}
