import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/app.ts';
import { deliverDueMail, deliverSoon, enqueueMail } from './outbox.service.ts';
import type { MailTransport, OutgoingMail } from './transport.ts';

const mail = (n: number) => ({
  recipient: `r${n}@example.org`,
  subject: `Subject ${n}`,
  bodyText: `Body ${n}`,
  kind: 'test',
});

describe('the outbox', () => {
  it('sends every due mail exactly once, even with two senders at the same moment', async () => {
    const t = await createTestApp();
    await t.db.batch([
      enqueueMail(t.db, mail(1), t.deps.clock()),
      enqueueMail(t.db, mail(2), t.deps.clock()),
      enqueueMail(t.db, mail(3), t.deps.clock()),
    ]);
    const results = await Promise.all([deliverDueMail(t.deps), deliverDueMail(t.deps)]);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(3);
    const sent = await t.mailbox.list();
    expect(sent.map((m) => m.to).sort()).toEqual(['r1@example.org', 'r2@example.org', 'r3@example.org']);
    expect(await deliverDueMail(t.deps)).toEqual({ sent: 0, failed: 0 });
  });

  it('deliverSoon sends a whole backlog (more than one claim) and coalesces the kicks that come meanwhile', async () => {
    const t = await createTestApp();
    await t.db.batch(
      Array.from({ length: 60 }, (_, n) => enqueueMail(t.db, mail(n), t.deps.clock())) as unknown as Parameters<
        typeof t.db.batch
      >[0],
    );
    const first = deliverSoon(t.deps);
    expect(deliverSoon(t.deps)).toBe(first); // a kick while it runs joins it
    await first;
    expect(await t.mailbox.list()).toHaveLength(60);
    const unsent = await t.client.execute('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL');
    expect(unsent.rows[0]?.n).toBe(0);
  });

  it('deliverSoon stops after a pass whose mails all failed (they wait for their back-off)', async () => {
    const t = await createTestApp();
    let calls = 0;
    const down: MailTransport = {
      async send() {
        calls++;
        throw new Error('mail API answered 503');
      },
    };
    await t.db.batch(
      Array.from({ length: 30 }, (_, n) => enqueueMail(t.db, mail(n), t.deps.clock())) as unknown as Parameters<
        typeof t.db.batch
      >[0],
    );
    await deliverSoon({ ...t.deps, mail: down });
    expect(calls).toBe(30); // each tried once: a full failed claim, then the rest, then none due
  });

  it('keeps a mail the transport refused and retries it after a back-off', async () => {
    const t = await createTestApp();
    const delivered: OutgoingMail[] = [];
    let up = false;
    const flaky: MailTransport = {
      async send(m) {
        if (!up) throw new Error('mail API answered 503');
        delivered.push(m);
      },
    };
    const deps = { ...t.deps, mail: flaky };
    await enqueueMail(t.db, mail(1), t.deps.clock());

    expect(await deliverDueMail(deps)).toEqual({ sent: 0, failed: 1 });
    const row = (await t.client.execute('SELECT attempts, last_error, next_attempt_at, sent_at FROM outbox')).rows[0];
    expect(row).toMatchObject({ attempts: 1, last_error: 'mail API answered 503', sent_at: null });
    expect(Number(row?.next_attempt_at)).toBe(t.deps.clock().getTime() + 60_000);

    up = true;
    expect(await deliverDueMail(deps)).toEqual({ sent: 0, failed: 0 }); // not due yet
    t.advance(60_000);
    expect(await deliverDueMail(deps)).toEqual({ sent: 1, failed: 0 });
    expect(delivered.map((m) => [m.to, m.subject, m.from])).toEqual([
      ['r1@example.org', 'Subject 1', 'Spotlight <news@spotlight.test>'],
    ]);
  });
});
