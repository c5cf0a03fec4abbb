import { describe, expect, it } from 'vitest';
import { signCapability } from '../crypto/tokens.ts';
import { createTestApp, linkIn, postJson, pressButton, TEST_ORIGIN } from '../testing/app.ts';
import { createLunchDay, createUser, householdForm } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { runLunchSchedule } from './schedule.service.ts';
import { rows, SECRET, signUpAndConfirm } from './testing.ts';

describe('self-service links', () => {
  it('S12 a capability link signed for one purpose is refused for another', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const id = await signUpAndConfirm(t, dayId, householdForm('links@example.org'));
    const confirmSig = await signCapability(SECRET, 'lunch.confirm', id);
    const newsletterSig = await signCapability(SECRET, 'newsletter.unsubscribe', id);
    for (const sig of [confirmSig, newsletterSig]) {
      expect((await t.request(`/api/lunches/households/${id}?sig=${sig}`)).status).toBe(404);
      expect((await t.request(`/api/lunches/households/${id}/cancel`, postJson({ sig }))).status).toBe(404);
      expect((await t.request(`/api/lunches/households/${id}/erase`, postJson({ sig }))).status).toBe(404);
      expect(
        (await t.request(`/api/lunches/cant-come?id=${id}&sig=${sig}`, pressButton())).headers.get('location'),
      ).toBe('/sk/lunches/link-invalid/');
    }
    const manageSig = await signCapability(SECRET, 'lunch.manage', id);
    expect(
      (await t.request(`/api/lunches/cant-come?id=${id}&sig=${manageSig}`, pressButton())).headers.get('location'),
    ).toBe('/sk/lunches/link-invalid/');
    expect(await rows(t, 'SELECT status FROM lunch_households')).toEqual([{ status: 'confirmed' }]);
  });
});

describe('changing a sign-up by its link', () => {
  const manageSig = (id: string) => signCapability(SECRET, 'lunch.manage', id);

  it('changes what the household may change in one statement, keeps the role and the day, and refuses after the deadline', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const id = await signUpAndConfirm(t, dayId, householdForm('change@example.org'));
    const change = {
      ...householdForm('new@example.org'),
      role: 'host',
      languages: ['sk'],
      town: 'Trnava',
      maxTravelKm: '15',
      adults: '3',
      children: { '0-2': '1' },
      diets: ['vegan'],
      allergies: '',
      hasPets: 'on',
      consentPhotos: true,
    };
    const response = await t.request(
      `/api/lunches/households/${id}/change`,
      postJson({ ...change, sig: await manageSig(id) }),
    );
    expect(response.status).toBe(200);
    expect(
      await rows(
        t,
        'SELECT role, status, email, languages, town, max_travel_km, adults, children, diets, has_pets, consent_photos, day_id FROM lunch_households',
      ),
    ).toEqual([
      {
        role: 'guest',
        status: 'confirmed',
        email: 'new@example.org',
        languages: '["sk"]',
        town: 'Trnava',
        max_travel_km: 15,
        adults: 3,
        children: '{"0-2":1,"3-5":0,"6-11":0,"12-17":0}',
        diets: '["vegan"]',
        has_pets: 1,
        consent_photos: 1,
        day_id: dayId,
      },
    ]);

    // Bad input: translated field errors, nothing written.
    const bad = await t.request(
      `/api/lunches/households/${id}/change`,
      postJson({ ...change, email: 'not-an-address', adults: '0', sig: await manageSig(id) }),
    );
    expect(bad.status).toBe(422);
    expect(
      ((await bad.json()) as { fields: { field: string; code: string }[] }).fields.map((f) => f.code).sort(),
    ).toEqual(['email.invalid', 'lunch.adultsInvalid']);
    expect(await rows(t, 'SELECT adults FROM lunch_households')).toEqual([{ adults: 3 }]);

    t.advance(13 * 24 * 60 * 60_000); // 2026-12-06, after the deadline
    const late = await t.request(
      `/api/lunches/households/${id}/change`,
      postJson({ ...change, adults: '4', sig: await manageSig(id), lang: 'en' }),
    );
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe('lunch.changeClosed');
    expect(await rows(t, 'SELECT adults FROM lunch_households')).toEqual([{ adults: 3 }]);
  });

  it('a host still needs seats; a cancelled sign-up cannot be changed; S12 other purposes are refused', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const host = await signUpAndConfirm(
      t,
      dayId,
      householdForm('host@example.org', {
        role: 'host',
        seats: 4,
        diets: [],
        canCookFor: ['halal'],
      }),
    );
    const noSeats = await t.request(
      `/api/lunches/households/${host}/change`,
      postJson({ ...householdForm('host@example.org'), seats: '0', sig: await manageSig(host) }),
    );
    expect(((await noSeats.json()) as { fields: { code: string }[] }).fields.map((f) => f.code)).toEqual([
      'lunch.seatsRequired',
    ]);
    // More seats than a table may offer: the message says the range, not "at least 1" (31 is at least 1).
    const tooMany = await t.request(
      `/api/lunches/households/${host}/change`,
      postJson({ ...householdForm('host@example.org'), seats: '31', lang: 'en', sig: await manageSig(host) }),
    );
    expect(((await tooMany.json()) as { fields: unknown[] }).fields).toEqual([
      { field: 'seats', code: 'lunch.seatsRequired', message: 'Enter how many guests your table seats, from 1 to 30' },
    ]);
    for (const sig of [
      await signCapability(SECRET, 'lunch.confirm', host),
      await signCapability(SECRET, 'lunch-survey', host),
    ]) {
      expect(
        (
          await t.request(
            `/api/lunches/households/${host}/change`,
            postJson({ ...householdForm('x@example.org'), seats: 2, sig }),
          )
        ).status,
      ).toBe(404);
    }
    await t.request(`/api/lunches/households/${host}/cancel`, postJson({ sig: await manageSig(host) }));
    expect(
      (
        await t.request(
          `/api/lunches/households/${host}/change`,
          postJson({ ...householdForm('host@example.org'), seats: 2, sig: await manageSig(host) }),
        )
      ).status,
    ).toBe(409);
    expect(await rows(t, 'SELECT email, seats FROM lunch_households')).toEqual([
      { email: 'host@example.org', seats: 4 },
    ]);
  });
});

describe('privacy', () => {
  it("S19 a household exports every record it has and erases them by its link; a retention purge removes a past day's households, mails and audit entries", async () => {
    const t = await createTestApp();
    const caseworkerId = await createUser(t.db, { email: 'case@example.org', roles: [{ role: 'partner_caseworker' }] });
    const dayId = await createLunchDay(t.deps, { guestPlaces: 1 });
    const id = await signUpAndConfirm(t, dayId, householdForm('private@example.org'));
    const waiting = await signUpAndConfirm(t, dayId, householdForm('next@example.org'));
    const sig = await signCapability(SECRET, 'lunch.manage', id);

    const exported = await t.request(`/api/lunches/households/${id}/export?sig=${sig}`);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="next-door-family.json"');
    const data = (await exported.json()) as { household: Record<string, unknown>; mails: { subject: string }[] };
    expect(data.household).toMatchObject({
      id,
      email: 'private@example.org',
      allergies: 'peanuts',
      diets: ['halal'],
      languages: ['uk', 'en'],
    });
    expect(data.mails.map((m) => m.subject)).toEqual([
      'Confirm your sign-up for a Next Door Family lunch',
      'Your place at the Next Door Family lunch is confirmed',
    ]);

    const erased = await t.request(`/api/lunches/households/${id}/erase`, postJson({ sig }));
    expect(erased.status).toBe(200);
    expect(await rows(t, "SELECT count(*) AS n FROM outbox WHERE recipient = 'private@example.org'")).toEqual([
      { n: 0 },
    ]);
    expect(await rows(t, 'SELECT id, status FROM lunch_households')).toEqual([{ id: waiting, status: 'offered' }]);
    expect((await t.request(`/api/lunches/households/${id}?sig=${sig}`)).status).toBe(404);

    // Retention: 30 days after 2026-12-12 the day's personal data goes, audit entries about households too.
    const jar = await signedIn(t, 'case@example.org');
    await t.request(
      `/api/lunches/days/${dayId}/signups/on-behalf`,
      postJson({ ...householdForm('onbehalf@example.org'), consentRecorded: true }, jar.header()),
    );
    t.advance((19 + 30) * 24 * 60 * 60_000); // 2027-01-11: not yet
    expect(await runLunchSchedule(t.deps)).toMatchObject({ purged: 0 });
    t.advance(24 * 60 * 60_000); // 2027-01-12
    expect(await runLunchSchedule(t.deps)).toMatchObject({ purged: 1 });
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_households')).toEqual([{ n: 0 }]);
    expect(await rows(t, "SELECT count(*) AS n FROM outbox WHERE kind LIKE 'lunch.%'")).toEqual([{ n: 0 }]);
    expect(await rows(t, "SELECT count(*) AS n FROM audit_log WHERE object_type = 'lunch_household'")).toEqual([
      { n: 0 },
    ]);
    expect(
      await rows(
        t,
        `SELECT count(*) AS n FROM audit_log WHERE actor_id = '${caseworkerId}' AND details LIKE '%halal%'`,
      ),
    ).toEqual([{ n: 0 }]);
    expect(await rows(t, 'SELECT purged_at IS NOT NULL AS purged FROM lunch_days')).toEqual([{ purged: 1 }]);
  });
});

describe("a cancelled sign-up's mailed links", () => {
  it('open a page that says it is cancelled, with no button; GET and HEAD change nothing (tester finding, S22)', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const id = await signUpAndConfirm(t, dayId, householdForm('cancelled@example.org'));
    const confirm = `/api/lunches/confirm?id=${id}&sig=${await signCapability(SECRET, 'lunch.confirm', id)}&lang=uk`;
    const cantCome = `/api/lunches/cant-come?id=${id}&sig=${await signCapability(SECRET, 'lunch.cantCome', id)}&lang=en`;
    // While the sign-up stands, the links open their one-button page.
    expect((await t.request(confirm)).status).toBe(200);
    expect((await t.request(cantCome)).status).toBe(200);
    const manageSig = await signCapability(SECRET, 'lunch.manage', id);
    expect((await t.request(`/api/lunches/households/${id}/cancel`, postJson({ sig: manageSig }))).status).toBe(200);
    for (const [link, page] of [
      [confirm, '/uk/lunches/signup-cancelled/'],
      [cantCome, '/en/lunches/signup-cancelled/'],
    ] as const) {
      for (const method of ['GET', 'HEAD']) {
        const answer = await t.request(link, { method });
        expect([method, answer.status, answer.headers.get('location')]).toEqual([method, 303, page]);
      }
    }
    // A forged signature still gets the ordinary page (which refuses on the button), revealing nothing.
    expect((await t.request(`/api/lunches/confirm?id=${id}&sig=forged`)).status).toBe(200);
    expect(await rows(t, 'SELECT status FROM lunch_households')).toEqual([{ status: 'cancelled' }]);
  });

  it("a wait-list offer's accept link, after the sign-up was cancelled: the page says so, no button; GET and HEAD change nothing (S22)", async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps, { guestPlaces: 1 });
    const first = await signUpAndConfirm(t, dayId, householdForm('first@example.org'));
    const second = await signUpAndConfirm(t, dayId, householdForm('second@example.org', { lang: 'uk' }));
    const cancel = (id: string) =>
      signCapability(SECRET, 'lunch.manage', id).then((sig) =>
        t.request(`/api/lunches/households/${id}/cancel`, postJson({ sig })),
      );
    expect((await cancel(first)).status).toBe(200);
    const [offer] = await rows(t, "SELECT body_text FROM outbox WHERE kind = 'lunch.offer'");
    const accept = linkIn(String(offer?.body_text), `${TEST_ORIGIN}/api/lunches/accept?token=`).slice(
      TEST_ORIGIN.length,
    );
    expect(accept).toMatch(/&lang=uk$/);
    // While the offer is open, its link opens the one-button page.
    const open = await t.request(accept);
    expect([open.status, open.headers.get('location')]).toEqual([200, null]);
    expect(await open.text()).toContain('<button type="submit">');

    expect((await cancel(second)).status).toBe(200);
    for (const method of ['GET', 'HEAD']) {
      const answer = await t.request(accept, { method });
      expect([method, answer.status, answer.headers.get('location'), answer.headers.get('cache-control')]).toEqual([
        method,
        303,
        '/uk/lunches/signup-cancelled/',
        'no-store',
      ]);
    }
    // Pressing the (old) button is still refused, and nothing changed.
    expect((await t.request(accept, pressButton())).headers.get('location')).toBe('/uk/lunches/link-invalid/');
    expect(await rows(t, `SELECT status FROM lunch_households WHERE id = '${second}'`)).toEqual([
      { status: 'cancelled' },
    ]);
    // An unknown token still gets the ordinary page, revealing nothing.
    expect((await t.request(`/api/lunches/accept?token=${'x'.repeat(32)}`)).status).toBe(200);
  });
});

describe("the household's own link (data minimisation)", () => {
  it('GET /api/lunches/households/:id answers only what the family page shows: no mail nonce, queue place or caseworker', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const id = await signUpAndConfirm(t, dayId, householdForm('mine@example.org'));
    const sig = await signCapability(SECRET, 'lunch.manage', id);
    const response = await t.request(`/api/lunches/households/${id}?sig=${sig}`);
    expect(response.status).toBe(200);
    const view = (await response.json()) as { household: Record<string, unknown>; day: Record<string, unknown> };
    expect(Object.keys(view).sort()).toEqual(['changeable', 'day', 'household']);
    expect(Object.keys(view.household).sort()).toEqual(
      [
        'accessibility',
        'adults',
        'allergies',
        'avoidPets',
        'canCookFor',
        'children',
        'consentPhotos',
        'contactName',
        'diets',
        'email',
        'hasPets',
        'languages',
        'maxTravelKm',
        'messenger',
        'phone',
        'role',
        'seats',
        'status',
        'town',
      ].sort(),
    );
    expect(Object.keys(view.day).sort()).toEqual(['city', 'date', 'endTime', 'format', 'id', 'startTime', 'venue']);
    expect([view.household.email, view.household.status]).toEqual(['mine@example.org', 'confirmed']);
  });
});
