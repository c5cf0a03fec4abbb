import { describe, it } from 'vitest';
import { createTestDb } from '../testing/db.ts';
import { tookEffectContract } from './took-effect.testing.ts';

describe('tookEffect on libSQL (the D1 side: took-effect.workers.test.ts)', () => {
  it('lets a statement of a batch depend on the one before it having changed a row', async () => {
    const { db } = await createTestDb();
    await tookEffectContract(db);
  });
});
