import { describe, expect, it } from 'vitest';
import { createTestApp, linkIn, postJson, TEST_ORIGIN, pressButton } from '../testing/app.ts';
import { createLunchDay, createUser, householdForm, hostForm } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { rows, signUpAndConfirm } from './testing.ts';

describe('matcher proposals', () => {
  it('the matcher proposes pairs for a day from the confirmed households', async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'coord@example.org', roles: [{ role: 'coordinator' }] });
    const dayId = await createLunchDay(t.deps);
    const hostId = await signUpAndConfirm(t, dayId, hostForm('host@example.org'));
    const guestId = await signUpAndConfirm(t, dayId, householdForm('guest@example.org'));
    const jar = await signedIn(t, 'coord@example.org');
    const result = (await (
      await t.request(`/api/lunches/days/${dayId}/matching`, { headers: jar.header() })
    ).json()) as { pairs: { hostId: string; guestId: string; reasons: unknown }[] };
    expect(result.pairs).toEqual([
      {
        hostId,
        guestId,
        cost: 231,
        reasons: { sharedLanguages: ['en'], distanceKm: 23.1, childrenAgeGap: 0, dietsCovered: ['halal'] },
      },
    ]);
  });
});

describe('approved pairs', () => {
  it('a coordinator approves a pair; each family learns what it needs, and contacts are shared only after both confirm', async () => {
    const t = await createTestApp();
    const coordinatorId = await createUser(t.db, { email: 'coord@example.org', roles: [{ role: 'coordinator' }] });
    const dayId = await createLunchDay(t.deps);
    const hostId = await signUpAndConfirm(t, dayId, hostForm('host@example.org', { phone: '+421 911 111 111' }));
    const guestId = await signUpAndConfirm(t, dayId, householdForm('guest@example.org'));
    const farGuest = await signUpAndConfirm(
      t,
      dayId,
      householdForm('far@example.org', { town: 'Košice', languages: ['ar'] }),
    );
    const jar = await signedIn(t, 'coord@example.org');
    const approve = (body: unknown) => t.request(`/api/lunches/days/${dayId}/pairs`, postJson(body, jar.header()));

    const broken = await approve({ hostId, guestId: farGuest });
    expect([broken.status, ((await broken.json()) as { code: string }).code]).toEqual([422, 'lunch.pairBreaksRules']);
    const approved = await approve({ hostId, guestId });
    expect(approved.status).toBe(201);
    const { id } = (await approved.json()) as { id: string };
    expect((await approve({ hostId, guestId })).status).toBe(409);
    expect(await rows(t, "SELECT actor_id, object_id FROM audit_log WHERE action = 'lunch.pair.approved'")).toEqual([
      { actor_id: coordinatorId, object_id: id },
    ]);

    const mailTo = async (to: string, subject: string) => {
      const m = (await t.mailbox.list()).find((x) => x.to === to && x.subject === subject);
      return m ? (await t.mailbox.read(m.key))!.replace(/\r\n/g, '\n') : null;
    };
    const hostMail = (await mailTo('host@example.org', 'We found a family for your Next Door Family lunch'))!;
    const guestMail = (await mailTo('guest@example.org', 'We found a family for your Next Door Family lunch'))!;
    // The host cooks: it learns the guests' diet; neither learns the other's contact yet. Each is
    // told of the other family in the third person, and greeted by its own contact name.
    expect(hostMail).toContain(
      [
        'Hello Jana,',
        '',
        "We are writing from IOM Slovakia about your Next Door Family lunch in Bratislava on December 12, 2026 (At the host family's home). We would like you to meet this family:",
        '',
        'Languages they speak: Ukrainian, English',
        'Their town: Senec',
        'Adults in their family: 2',
        'Their children aged 3-5: 1',
        'Their children aged 6-11: 1',
        'Their dietary needs: Halal, peanuts',
        'They cannot be with animals (allergy, fear).',
      ].join('\n'),
    );
    expect(hostMail).toContain(
      "When: December 12, 2026, 12:00\u2009\u2013\u20093:00\u202fPM (Slovak time)\nWhere: At the host family's home, Bratislava",
    );
    expect(guestMail).toContain('Hello Olena,');
    expect(guestMail).toContain('Languages they speak: Slovak, English\nTheir town: Bratislava');
    expect(guestMail).not.toContain('dietary needs');
    expect(hostMail).not.toContain('Olena');
    expect(hostMail).not.toContain('guest@example.org');
    expect(guestMail).not.toContain('+421 911 111 111');

    const hostConfirm = linkIn(hostMail, `${TEST_ORIGIN}/api/lunches/pairs/confirm?`).slice(TEST_ORIGIN.length);
    const guestConfirm = linkIn(guestMail, `${TEST_ORIGIN}/api/lunches/pairs/confirm?`).slice(TEST_ORIGIN.length);
    // A link for one side does not confirm the other (S12); the answer is in the family's language.
    expect(
      (await t.request(hostConfirm.replace('side=host', 'side=guest'), pressButton())).headers.get('location'),
    ).toBe('/en/lunches/link-invalid/');
    expect((await t.request(hostConfirm, pressButton())).headers.get('location')).toBe('/en/lunches/pair-confirmed/');
    await t.request(hostConfirm, pressButton());
    expect(await rows(t, "SELECT count(*) AS n FROM outbox WHERE kind = 'lunch.contacts'")).toEqual([{ n: 0 }]);

    await t.request(guestConfirm, pressButton());
    await t.request(guestConfirm, pressButton());
    expect(await rows(t, "SELECT recipient FROM outbox WHERE kind = 'lunch.contacts' ORDER BY recipient")).toEqual([
      { recipient: 'guest@example.org' },
      { recipient: 'host@example.org' },
    ]);
    // The contact names the other family's contact person.
    expect(await mailTo('guest@example.org', "The other family's contact for your Next Door Family lunch")).toContain(
      'You can reach the other family here:\nJana\nhost@example.org\n+421 911 111 111 (WhatsApp)',
    );

    // Paired households leave the matcher's proposals.
    const match = (await (
      await t.request(`/api/lunches/days/${dayId}/matching`, { headers: jar.header() })
    ).json()) as { pairs: unknown[]; approved: { id: string }[] };
    expect(match.pairs).toEqual([]);
    expect(match.approved.map((p) => p.id)).toEqual([id]);
    expect(guestId).not.toBe(farGuest);
  });
});
