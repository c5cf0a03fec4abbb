import { describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { votes, voteWindows } from '../db/schema/index.ts';
import { demoIds, insertDemoJury } from '../jury/demo-jury.ts';
import { erasePersonalData, exportPersonalData } from '../privacy/data-rights.service.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { createUser } from '../testing/factories.ts';

describe("S19 a person's people's-choice votes in their data export and erasure", () => {
  it('finds the votes cast with the account address (any spelling), and erases them with the account', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const t = await createTestApp(now);
    await insertDemoEditions(t.db, now);
    await insertDemoJury(t.db, now);
    await t.db.insert(voteWindows).values({
      editionId: '2026',
      opensAt: new Date(now.getTime() - 1000),
      closesAt: new Date(now.getTime() + 3_600_000),
      updatedAt: now,
      updatedBy: 'test',
    });
    const id = await createUser(t.db, { email: 'olena@example.org' });
    for (const email of ['Olena@Example.org', 'someone@example.org']) {
      await t.request(
        '/api/votes/editions/2026/links',
        postJson({ email, entryId: demoIds.entry(0), lang: 'uk' }, { 'cf-connecting-ip': email }),
      );
    }
    const mails = await t.client.execute("SELECT body_text FROM outbox WHERE kind = 'votes.link' ORDER BY recipient");
    for (const row of mails.rows) {
      const token = /token=([\w-]+)/.exec(String(row.body_text))![1]!;
      await t.request('/api/votes/links/cast', postJson({ token }));
    }
    const data = await exportPersonalData(t.deps, id);
    expect(data?.peoplesChoice).toEqual([
      { editionId: '2026', categoryId: '2026-written', entryId: demoIds.entry(0), castAt: now, updatedAt: now },
    ]);
    expect(await erasePersonalData(t.deps, id)).toBe(true);
    // Only the other voter's vote is left.
    expect(await t.db.select().from(votes)).toHaveLength(1);
  });
});
