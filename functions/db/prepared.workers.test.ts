import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, it } from 'vitest';
import { dbFromD1 } from './client.ts';
import { preparedContract } from './prepared.testing.ts';

describe('preparedQuery on D1 (the libSQL side: prepared.test.ts)', () => {
  it('fills placeholders per call in batches and alone, maps results as drizzle does', async () => {
    await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
    await preparedContract(dbFromD1(env.DB));
  });
});
