import { describe, expect, it } from 'vitest';
import { signCapability } from '../crypto/tokens.ts';
import { createTestApp, linkIn, postJson, TEST_ORIGIN, pressButton } from '../testing/app.ts';
import { createLunchDay, householdForm } from '../testing/factories.ts';
import { runLunchSchedule } from './schedule.service.ts';
import { rows, SECRET, signUpAndConfirm } from './testing.ts';

describe('wait-list offers and reminders', () => {
  it('offers a freed place to the next household for 48 hours; an unanswered offer moves on in the scheduled run', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps, { guestPlaces: 1 });
    const first = await signUpAndConfirm(t, dayId, householdForm('first@example.org'));
    const second = await signUpAndConfirm(t, dayId, householdForm('second@example.org', { lang: 'sk' }));
    const third = await signUpAndConfirm(t, dayId, householdForm('third@example.org'));
    const status = async () =>
      Object.fromEntries((await rows(t, 'SELECT id, status FROM lunch_households')).map((r) => [r.id, r.status]));
    expect(await status()).toEqual({ [first]: 'confirmed', [second]: 'waitlisted', [third]: 'waitlisted' });

    const cancel = await t.request(
      `/api/lunches/households/${first}/cancel`,
      postJson({ sig: await signCapability(SECRET, 'lunch.manage', first) }),
    );
    expect(cancel.status).toBe(200);
    expect(await status()).toEqual({ [first]: 'cancelled', [second]: 'offered', [third]: 'waitlisted' });
    expect(await rows(t, "SELECT recipient, subject FROM outbox WHERE kind = 'lunch.offer'")).toEqual([
      { recipient: 'second@example.org', subject: 'Uvoľnilo sa pre vás miesto na obede Rodina od vedľa' },
    ]);

    // 48 hours pass without an answer: the scheduled run lets the offer lapse and asks the next.
    t.advance(48 * 60 * 60_000 + 1);
    expect(await runLunchSchedule(t.deps)).toMatchObject({ expired: 1 });
    expect(await status()).toEqual({ [first]: 'cancelled', [second]: 'expired', [third]: 'offered' });
    const { deliverDueMail } = await import('../mail/outbox.service.ts');
    await deliverDueMail(t.deps);
    const thirdOffer = (await t.mailbox.list()).find(
      (m) => m.to === 'third@example.org' && m.subject === 'A place is free for you at a Next Door Family lunch',
    )!;
    const accept = linkIn((await t.mailbox.read(thirdOffer.key))!, `${TEST_ORIGIN}/api/lunches/accept?token=`);
    const accepted = await t.request(accept.slice(TEST_ORIGIN.length), pressButton());
    expect(accepted.headers.get('location')).toMatch(`/en/lunches/manage/?id=${third}&sig=`);
    expect(await status()).toEqual({ [first]: 'cancelled', [second]: 'expired', [third]: 'confirmed' });
    // A second click on the accepted offer (a double submit) leads to the same page, not "link invalid".
    expect((await t.request(accept.slice(TEST_ORIGIN.length), pressButton())).headers.get('location')).toMatch(
      `/en/lunches/manage/?id=${third}&sig=`,
    );
    // Told once that it waits, once that the place is its own.
    expect(
      await rows(
        t,
        "SELECT subject FROM outbox WHERE kind = 'lunch.placed' AND recipient = 'third@example.org' ORDER BY created_at",
      ),
    ).toEqual([
      { subject: 'You are on the wait-list for a Next Door Family lunch' },
      { subject: 'Your place at the Next Door Family lunch is confirmed' },
    ]);
    // The lapsed offer's link is dead, and says so in the family's language.
    const [lapsed] = await rows(
      t,
      "SELECT body_text FROM outbox WHERE kind = 'lunch.offer' AND recipient = 'second@example.org'",
    );
    const lapsedUrl = linkIn(String(lapsed?.body_text), `${TEST_ORIGIN}/api/lunches/accept?token=`);
    expect((await t.request(lapsedUrl.slice(TEST_ORIGIN.length), pressButton())).headers.get('location')).toBe(
      '/sk/lunches/link-invalid/',
    );
  });

  it('mails a reminder 3 days before with a one-click "we can\'t come" link that frees the place at once', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps, { guestPlaces: 1 });
    const going = await signUpAndConfirm(t, dayId, householdForm('going@example.org'));
    const waiting = await signUpAndConfirm(t, dayId, householdForm('waiting@example.org'));
    expect(await runLunchSchedule(t.deps)).toMatchObject({ reminded: 0 });
    t.advance(16 * 24 * 60 * 60_000); // 2026-12-09, three days before
    expect(await runLunchSchedule(t.deps)).toMatchObject({ reminded: 1 });
    expect(await runLunchSchedule(t.deps)).toMatchObject({ reminded: 0 });
    const { deliverDueMail } = await import('../mail/outbox.service.ts');
    await deliverDueMail(t.deps);
    const reminder = (await t.mailbox.list()).find(
      (m) =>
        m.to === 'going@example.org' && m.subject === 'Reminder: your Next Door Family lunch is on December 12, 2026',
    )!;
    const cantCome = linkIn((await t.mailbox.read(reminder.key))!, `${TEST_ORIGIN}/api/lunches/cant-come?`);
    const response = await t.request(cantCome.slice(TEST_ORIGIN.length), pressButton());
    expect(response.headers.get('location')).toBe('/en/lunches/cancelled/');
    expect(
      Object.fromEntries((await rows(t, 'SELECT id, status FROM lunch_households')).map((r) => [r.id, r.status])),
    ).toEqual({ [going]: 'cancelled', [waiting]: 'offered' });
  });
});
