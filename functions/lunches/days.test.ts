import { describe, expect, it } from 'vitest';
import { createTestApp, postJson } from '../testing/app.ts';
import { createLunchDay, createUser, householdForm, lunchDayInput } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { rows, signUpAndConfirm } from './testing.ts';

describe('lunch days', () => {
  it('coordinators create days; the public list shows upcoming days with places left', async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'coord@example.org', roles: [{ role: 'coordinator' }] });
    await createUser(t.db, { email: 'case@example.org', roles: [{ role: 'partner_caseworker' }] });
    const jar = await signedIn(t, 'coord@example.org');
    const created = await t.request(
      '/api/lunches/days',
      postJson({ ...lunchDayInput({ hostPlaces: 3, guestPlaces: 4 }), hostPlaces: '3' }, jar.header()),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const caseworker = await signedIn(t, 'case@example.org');
    expect((await t.request('/api/lunches/days', postJson(lunchDayInput(), caseworker.header()))).status).toBe(403);
    expect((await t.request('/api/lunches/days', postJson(lunchDayInput()))).status).toBe(401);

    const bad = await t.request(
      '/api/lunches/days',
      postJson(
        { ...lunchDayInput(), city: 'Atlantis', signupDeadline: '2026-12-20', hostPlaces: -1 },
        { ...jar.header(), 'accept-language': 'en' },
      ),
    );
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { fields: { field: string; code: string }[] }).fields).toEqual([
      { field: 'city', code: 'lunch.townRequired', message: 'Choose a town from the list' },
      { field: 'hostPlaces', code: 'lunch.placesInvalid', message: 'Enter a number of places from 0 to 500' },
      {
        field: 'signupDeadline',
        code: 'lunch.deadlineAfterDay',
        message: 'The sign-up deadline must be on or before the lunch day',
      },
    ]);

    await signUpAndConfirm(t, id, householdForm('a@example.org'));
    const list = (await (await t.request('/api/lunches/days')).json()) as { days: Record<string, unknown>[] };
    expect(list.days).toEqual([
      expect.objectContaining({
        id,
        city: 'Bratislava',
        date: '2026-12-12',
        open: true,
        hostPlacesLeft: 3,
        guestPlacesLeft: 3,
        // The end of 5 December in Bratislava (CET, UTC+1).
        signupDeadline: '2026-12-05T22:59:59.999Z',
      }),
    ]);
    const audit = await rows(t, "SELECT action, object_id FROM audit_log WHERE action = 'lunch.day.created'");
    expect(audit).toEqual([{ action: 'lunch.day.created', object_id: id }]);
  });
});

describe('lunch sign-up deadlines in Europe/Bratislava', () => {
  it('take sign-ups until the end of the deadline day there, and refuse a day that does not exist', async () => {
    // 5 December 2026 ends in Bratislava at 22:59:59.999Z; one millisecond later it is 6 December there.
    const t = await createTestApp(new Date('2026-12-05T22:59:59.999Z'));
    const id = await createLunchDay(t.deps, { signupDeadline: '2026-12-05' });
    const day = async () =>
      ((await (await t.request('/api/lunches/days')).json()) as { days: { id: string; open: boolean }[] }).days.find(
        (d) => d.id === id,
      );
    expect((await day())?.open).toBe(true);
    t.advance(1);
    expect((await day())?.open).toBe(false);

    await createUser(t.db, { email: 'coord@example.org', roles: [{ role: 'coordinator' }] });
    const jar = await signedIn(t, 'coord@example.org');
    const bad = await t.request(
      '/api/lunches/days',
      postJson(
        { ...lunchDayInput({ date: '2027-03-12' }), signupDeadline: '2027-02-30' },
        { ...jar.header(), 'accept-language': 'en' },
      ),
    );
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { fields: { field: string; code: string }[] }).fields).toEqual([
      expect.objectContaining({ field: 'signupDeadline', code: 'lunch.dateInvalid' }),
    ]);
  });
});

describe("coordinators' export", () => {
  it("S18 coordinators' CSV export shows cells starting with = + - @ tab or CR as text, never a formula", async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'coord@example.org', roles: [{ role: 'coordinator' }] });
    const dayId = await createLunchDay(t.deps);
    // Leading tabs and CRs are trimmed from typed text already; csv.test.ts covers them too.
    const payloads = ['=HYPERLINK("http://evil")', '+1+2', '-2+3', '@SUM(A1)'];
    for (const [i, allergies] of payloads.entries())
      await signUpAndConfirm(t, dayId, householdForm(`csv${i}@example.org`, { allergies }));
    const jar = await signedIn(t, 'coord@example.org');
    const response = await t.request(`/api/lunches/days/${dayId}/export.csv`, { headers: jar.header() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    for (const p of payloads) {
      expect(csv).toContain(`"'${p.replaceAll('"', '""')}"`);
      expect(csv).not.toContain(`,"${p.replaceAll('"', '""')}"`);
    }
    expect(csv.split('\r\n')[0]).toBe(
      '"id","role","status","queue","contactName","email","phone","messenger","languages","town","maxTravelKm","adults","children","diets","allergies","canCookFor","seats","accessibility","hasPets","avoidPets","consentPhotos","onBehalf"',
    );
    // Lists and counts as readable text, no JSON (householdForm: uk and en, halal, children aged 3–5 and 6–11).
    const first = csv.split('\r\n')[1]!;
    expect(first).toContain('"confirmed","1","Olena","csv0@example.org"');
    expect(first).toContain('"Ukrainian, English","Senec","40","2","1 aged 3–5, 1 aged 6–11","halal","\'=HYPERLINK');
    expect(csv).not.toMatch(/[[{]/);
    const entries = await rows(t, "SELECT details FROM audit_log WHERE action = 'lunch.exported'");
    expect(entries).toEqual([{ details: '{"rows":4}' }]);
  });
});
