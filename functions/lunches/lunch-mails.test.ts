import { describe, expect, it } from 'vitest';
import { signCapability } from '../crypto/tokens.ts';
import { createTestApp, postJson, pressButton, TEST_ORIGIN } from '../testing/app.ts';
import { createLunchDay, householdForm, hostForm } from '../testing/factories.ts';
import { confirmPath, rows, SECRET, signUpRequest } from './testing.ts';

// Item 2 of issue 16: a mail confirms each confirmation, change and cancellation, in the household's
// language, through the outbox, exactly once each (a second click or a double submit mails nothing more).

const outbox = (t: Parameters<typeof rows>[0]) =>
  rows(
    t,
    "SELECT recipient, subject, body_text, headers, kind FROM outbox WHERE kind <> 'lunch.confirm' ORDER BY rowid",
  );

describe('mails confirming each step of a sign-up', () => {
  it('confirmation (with the calendar link), change and cancellation: one mail each, exactly as written', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps, { venue: 'Komunitné centrum, Obchodná 10', format: 'venue' });
    const signedUp = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest(householdForm('olena@example.org')),
    );
    const { id } = (await signedUp.json()) as { id: string };
    const manage = `${TEST_ORIGIN}/en/lunches/manage/?id=${id}&sig=${await signCapability(SECRET, 'lunch.manage', id)}`;
    const confirm = await confirmPath(id);
    // Two clicks (a double submit): one place, one mail.
    await t.request(confirm, pressButton());
    await t.request(confirm, pressButton());
    const when =
      'When: December 12, 2026, 12:00\u2009\u2013\u20093:00\u202fPM (Slovak time)\nWhere: Komunitné centrum, Obchodná 10, Bratislava';
    const signOff =
      'To be completed by the organisation: the address where you can ask for help.\n\nKind regards,\nthe IOM Slovakia team\n';
    const placed = {
      recipient: 'olena@example.org',
      subject: 'Your place at the Next Door Family lunch is confirmed',
      body_text: [
        'Hello Olena,',
        'We are writing from IOM Slovakia: thank you for confirming. Your place at the Next Door Family lunch in Bratislava on December 12, 2026 is confirmed.\n\nWhat happens next: we look for a family for you to meet and write to you when we have found one.',
        when,
        `To add the lunch to your calendar, open this file:\n${TEST_ORIGIN}/api/lunches/days/${dayId}/calendar.ics?lang=en`,
        `To see, cancel or delete your sign-up, use this link:\n${manage}`,
        signOff,
      ].join('\n\n'),
      headers: '{}',
      kind: 'lunch.placed',
    };
    expect(await outbox(t)).toEqual([placed]);

    const sig = await signCapability(SECRET, 'lunch.manage', id);
    const change = { ...householdForm('olena@example.org', { contactName: 'Olena K.', adults: 3 }), sig };
    expect((await t.request(`/api/lunches/households/${id}/change`, postJson(change))).status).toBe(200);
    const changed = {
      recipient: 'olena@example.org',
      subject: 'Your changes to the Next Door Family lunch sign-up are saved',
      body_text: [
        'Hello Olena K.,',
        'We are writing from IOM Slovakia: we saved the changes to your sign-up for the Next Door Family lunch in Bratislava on December 12, 2026. Your sign-up page shows what we have now.\n\nIf you did not make these changes, write to us.',
        when,
        `To see, cancel or delete your sign-up, use this link:\n${manage}`,
        signOff,
      ].join('\n\n'),
      headers: '{}',
      kind: 'lunch.changed',
    };
    expect(await outbox(t)).toEqual([placed, changed]);

    // Cancelled twice (a double submit): one mail.
    expect((await t.request(`/api/lunches/households/${id}/cancel`, postJson({ sig }))).status).toBe(200);
    expect((await t.request(`/api/lunches/households/${id}/cancel`, postJson({ sig }))).status).toBe(200);
    const cancelled = {
      recipient: 'olena@example.org',
      subject: 'Your sign-up for the Next Door Family lunch is cancelled',
      body_text: [
        'Hello Olena K.,',
        `We are writing from IOM Slovakia: your sign-up for the Next Door Family lunch in Bratislava on December 12, 2026 is cancelled, as you asked. Thank you for telling us: your place goes to the next family on the wait-list.\n\nIf you change your mind, you can sign up again while places are free:\n${TEST_ORIGIN}/en/lunches/`,
        when,
        signOff,
      ].join('\n\n'),
      headers: '{}',
      kind: 'lunch.cancelled',
    };
    expect(await outbox(t)).toEqual([placed, changed, cancelled]);
    // A change after the cancellation is refused and mails nothing.
    expect((await t.request(`/api/lunches/households/${id}/change`, postJson(change))).status).toBe(409);
    expect(await outbox(t)).toEqual([placed, changed, cancelled]);
  });

  it("in the household's language: the wait-list answer in Ukrainian, the reminder's can't-come in Slovak", async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps, { hostPlaces: 1, startTime: '11:30', endTime: '14:00' });
    const sign = async (form: Record<string, unknown>) => {
      const r = await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(form));
      const { id } = (await r.json()) as { id: string };
      await t.request(await confirmPath(id), pressButton());
      return id;
    };
    const first = await sign(hostForm('jana@example.org', { lang: 'sk' }));
    await sign(hostForm('oksana@example.org', { lang: 'uk', contactName: 'Оксана' }));
    expect(
      await rows(t, "SELECT recipient, subject, kind FROM outbox WHERE kind <> 'lunch.confirm' ORDER BY recipient"),
    ).toEqual([
      {
        recipient: 'jana@example.org',
        subject: 'Vaše miesto na obede Rodina od vedľa je potvrdené',
        kind: 'lunch.placed',
      },
      {
        recipient: 'oksana@example.org',
        subject: 'Ви в списку очікування на обід «Сім’я по сусідству»',
        kind: 'lunch.placed',
      },
    ]);
    const [waitlisted] = await rows(
      t,
      "SELECT body_text FROM outbox WHERE recipient = 'oksana@example.org' AND kind = 'lunch.placed'",
    );
    expect(String(waitlisted?.body_text).split('\n\n').slice(0, 4)).toEqual([
      'Добрий день, Оксана!',
      'Ми пишемо вам від МОМ Словаччина: дякуємо за підтвердження. Усі місця на обіді «Сім’я по сусідству» (Bratislava, 12 грудня 2026 р.) зайняті, тому ви в списку очікування.',
      'Що далі: щойно місце звільниться, ми напишемо вам, і ви зможете його прийняти.',
      'Коли: 12 грудня 2026 р., 11:30–14:00 (за словацьким часом)\nДе: Удома в родини, що приймає, Bratislava',
    ]);
    // The reminder's one-click "we can't come" is a cancellation too: one mail, in Slovak.
    const cantCome = `/api/lunches/cant-come?id=${first}&sig=${await signCapability(SECRET, 'lunch.cantCome', first)}`;
    await t.request(cantCome, pressButton());
    await t.request(cantCome, pressButton());
    expect(await rows(t, "SELECT recipient, subject FROM outbox WHERE kind = 'lunch.cancelled'")).toEqual([
      { recipient: 'jana@example.org', subject: 'Vaša prihláška na obed Rodina od vedľa je zrušená' },
    ]);
  });
});
