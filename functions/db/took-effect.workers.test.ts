import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, it } from 'vitest';
import { dbFromD1 } from './client.ts';
import { tookEffectContract } from './took-effect.testing.ts';

describe('tookEffect on D1 (the libSQL side: took-effect.test.ts)', () => {
  it('lets a statement of a batch depend on the one before it having changed a row', async () => {
    await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
    await tookEffectContract(dbFromD1(env.DB));
  });
});
