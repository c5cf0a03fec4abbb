import { describe, expect, it } from 'vitest';
import { enqueueMail } from './mail/outbox.service.ts';
import { runScheduled } from './scheduled.ts';
import { createTestApp } from './testing/app.ts';

describe('the scheduled run', () => {
  it('sends the due outbox and answers an empty database without failing', async () => {
    const t = await createTestApp();
    await runScheduled(t.deps);
    expect(await t.mailbox.list()).toEqual([]);

    await enqueueMail(t.db, { recipient: 'a@example.org', subject: 'S', bodyText: 'B', kind: 'test' }, t.deps.clock());
    await runScheduled(t.deps);
    expect((await t.mailbox.list()).map((m) => [m.to, m.subject])).toEqual([['a@example.org', 'S']]);
    const left = await t.client.execute('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL');
    expect(left.rows[0]?.n).toBe(0);
  });
});
