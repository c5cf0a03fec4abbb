import { describe, expect, it } from 'vitest';
import { countingClient, shapeOf } from '../testing/counting.ts';
import { createTestDb } from '../testing/db.ts';
import { dbFromLibsql } from './client.ts';
import { commitTogether, groupsCommits } from './group-commit.ts';
import { users } from './schema/index.ts';

const now = new Date('2026-11-23T10:00:00Z');
const user = (id: string, email = `${id}@example.org`) =>
  ({ id, email, locale: 'en', status: 'active', createdAt: now, updatedAt: now }) as const;

async function setUp() {
  const { client } = await createTestDb();
  const counted = countingClient(client);
  return { db: dbFromLibsql(counted.client), client, counted };
}

describe('group commit (node, libSQL)', () => {
  it('groups in Node', () => {
    expect(groupsCommits()).toBe(true);
  });

  it('batches committed in the same turn go in one transaction, each getting its own results', async () => {
    const { db, counted } = await setUp();
    const results = await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        commitTogether(db, [db.insert(users).values(user(id)), db.select({ id: users.id }).from(users)]),
      ),
    );
    expect(shapeOf(counted.trips)).toEqual(['batch(6)']);
    // Each sees the rows committed before it, as if they had run one after another.
    expect(results.map((r) => (r[1] as { id: string }[]).map((u) => u.id))).toEqual([
      ['a'],
      ['a', 'b'],
      ['a', 'b', 'c'],
    ]);
  });

  it('when one fails, each runs alone: the others are stored, the failing one gets its own error and writes nothing', async () => {
    const { db, client, counted } = await setUp();
    await db.insert(users).values(user('taken', 'taken@example.org'));
    counted.reset();
    const outcomes = await Promise.allSettled([
      commitTogether(db, [db.insert(users).values(user('a'))]),
      commitTogether(db, [db.insert(users).values(user('b')), db.insert(users).values(user('taken'))]),
      commitTogether(db, [db.insert(users).values(user('c'))]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/SQLITE_CONSTRAINT/);
    expect(shapeOf(counted.trips)).toEqual(['batch(4)', 'batch(1)', 'batch(2)', 'batch(1)']);
    expect((await client.execute('SELECT id FROM users ORDER BY id')).rows.map((r) => r.id)).toEqual([
      'a',
      'c',
      'taken',
    ]);
  });
});
