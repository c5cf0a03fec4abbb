import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/app.ts';
import { isConstraintFailure } from './constraint.ts';

describe('isConstraintFailure', () => {
  it('tells a constraint refusal from a fault, through drizzle’s wrapping', async () => {
    const t = await createTestApp();
    await t.client.execute('CREATE TABLE k (id TEXT PRIMARY KEY, v TEXT NOT NULL)');
    await t.client.execute("INSERT INTO k VALUES ('a', 'x')");
    const failure = (sql: string) =>
      t.client.execute(sql).then(
        () => null,
        (error: unknown) => error,
      );
    const wrapped = new Error('Failed query', { cause: await failure("INSERT INTO k VALUES ('a', 'y')") });
    expect([
      isConstraintFailure(await failure("INSERT INTO k VALUES ('a', 'y')")),
      isConstraintFailure(await failure("INSERT INTO k VALUES ('b', NULL)")),
      isConstraintFailure(wrapped),
      isConstraintFailure(await failure('INSERT INTO missing VALUES (1)')),
      isConstraintFailure(await failure('SELEC 1')),
      isConstraintFailure('constraint failed'),
    ]).toEqual([true, true, true, false, false, false]);
  });
});
