import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../testing/db.ts';
import { preparedContract } from './prepared.testing.ts';

describe('preparedQuery on libSQL (the D1 side: prepared.workers.test.ts)', () => {
  it('fills placeholders per call in batches and alone, maps results as drizzle does', async () => {
    const { db } = await createTestDb();
    await preparedContract(db);
  });

  it('drizzle-orm is pinned to the exact version whose batch() internals prepared.ts relies on', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const installed = JSON.parse(
      await readFile(new URL('../../node_modules/drizzle-orm/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(pkg.dependencies['drizzle-orm']).toBe('0.45.4');
    expect(installed.version).toBe('0.45.4');
  });
});
