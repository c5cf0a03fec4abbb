import { describe, expect, it } from 'vitest';
import { createTestApp, pressButton, TEST_ORIGIN } from '../testing/app.ts';
import { createLunchDay, householdForm, hostForm, lunchDayInput } from '../testing/factories.ts';
import { lunchCalendar } from './calendar.ts';
import { startsAndEnds } from './dates.ts';
import { lunchDayInput as dayInput, signUpInput } from './lunches.schemas.ts';
import { confirmPath, rows, signUpRequest } from './testing.ts';

// Issue 16 item 7: a lunch day's times and its calendar file, the contact name, each side's own
// questions, and empty optional counts.

const problems = (
  schema: {
    safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  v: unknown,
) => schema.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe("a lunch day's times", () => {
  it('are asked for and checked: a time of day that exists that day, the end after the start', () => {
    expect(problems(dayInput, lunchDayInput())).toEqual([]);
    expect(problems(dayInput, lunchDayInput({ startTime: '15:00', endTime: '12:00' }))).toEqual([
      'endTime: lunch.endBeforeStart',
    ]);
    expect(problems(dayInput, lunchDayInput({ startTime: '12:00', endTime: '12:00' }))).toEqual([
      'endTime: lunch.endBeforeStart',
    ]);
    expect(problems(dayInput, { ...lunchDayInput(), startTime: '25:00', endTime: '' })).toEqual([
      'startTime: lunch.timeInvalid',
      'endTime: lunch.timeInvalid',
    ]);
    // 02:30 on 28 March 2027 does not exist in Bratislava (the clocks skip it).
    expect(
      problems(
        dayInput,
        lunchDayInput({ date: '2027-03-28', signupDeadline: '2027-03-20', startTime: '02:30', endTime: '04:00' }),
      ),
    ).toEqual(['startTime: lunch.timeInvalid']);
    // A date that does not exist is the date's problem alone, not also the (valid) start time's.
    expect(problems(dayInput, lunchDayInput({ date: '2027-02-30' }))).toEqual(['date: lunch.dateInvalid']);
  });

  it('are Europe/Bratislava wall times: 12:00 is 11:00Z in winter and 10:00Z in summer', () => {
    expect(startsAndEnds({ date: '2026-12-12', startTime: '12:00', endTime: '15:00' })).toEqual({
      start: new Date('2026-12-12T11:00:00Z'),
      end: new Date('2026-12-12T14:00:00Z'),
    });
    expect(startsAndEnds({ date: '2027-06-12', startTime: '12:00', endTime: '15:30' })).toEqual({
      start: new Date('2027-06-12T10:00:00Z'),
      end: new Date('2027-06-12T13:30:00Z'),
    });
  });

  it("the calendar file (RFC 5545): one event in UTC, CRLF lines, text escaped, in the reader's language", () => {
    const day = {
      id: 'd1',
      city: 'Bratislava',
      date: '2027-06-12',
      startTime: '12:00',
      endTime: '15:30',
      format: 'venue',
      venue: 'Komunitné centrum, Obchodná 10',
    };
    expect(lunchCalendar(day, 'en', 'https://spotlight.test', new Date('2027-06-01T08:00:00Z'))).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'CALSCALE:GREGORIAN',
        'PRODID:-//Spotlight//Next Door Family//EN',
        'METHOD:PUBLISH',
        'X-PUBLISHED-TTL:PT1H',
        'BEGIN:VEVENT',
        'UID:lunch-d1@spotlight.test',
        'SUMMARY:Next Door Family lunch in Bratislava',
        'DTSTAMP:20270601T080000Z',
        'DTSTART:20270612T100000Z',
        'DTEND:20270612T133000Z',
        // Folded at 75 octets (the thin spaces are 3 octets each), the next line starting with a tab.
        'DESCRIPTION:A Next Door Family lunch organised by IOM Slovakia\\, 12:00\u2009–\u20093:',
        '\t30\u202fPM (Slovak time). Your sign-up page is linked in our emails.',
        'URL:https://spotlight.test/en/lunches/',
        'LOCATION:Komunitné centrum\\, Obchodná 10\\, Bratislava',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('GET /api/lunches/days/:id/calendar.ics answers the file and changes nothing; unknown days are 404', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const before = await rows(t, 'SELECT * FROM lunch_days');
    const r = await t.request(`/api/lunches/days/${dayId}/calendar.ics?lang=sk`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="lunch-2026-12-12.ics"');
    const text = await r.text();
    expect(text).toContain('\r\nSUMMARY:Obed Rodina od vedľa\\, Bratislava\r\n');
    expect(text).toContain('\r\nDTSTART:20261212T110000Z\r\nDTEND:20261212T140000Z\r\n');
    expect(text).toContain(`\r\nURL:${TEST_ORIGIN}/sk/lunches/\r\n`);
    expect(await rows(t, 'SELECT * FROM lunch_days')).toEqual(before);
    expect((await t.request('/api/lunches/days/no-such-day/calendar.ics')).status).toBe(404);
    // The public list shows the times.
    const { days } = (await (await t.request('/api/lunches/days')).json()) as { days: Record<string, unknown>[] };
    expect(days[0]).toMatchObject({ date: '2026-12-12', startTime: '12:00', endTime: '15:00' });
  });
});

describe('what a household is asked', () => {
  it('a contact name is required (and trimmed); an empty children field means no children', () => {
    expect(problems(signUpInput, householdForm('a@example.org', { contactName: '  ' }))).toEqual([
      'contactName: lunch.contactNameRequired',
    ]);
    expect(problems(signUpInput, householdForm('a@example.org', { contactName: 'x'.repeat(101) }))).toEqual([
      'contactName: lunch.contactNameTooLong',
    ]);
    const parsed = signUpInput.parse(
      householdForm('a@example.org', { contactName: ' Olena ', children: { '0-2': '', '3-5': '2', '6-11': ' ' } }),
    );
    expect([parsed.contactName, parsed.children]).toEqual(['Olena', { '0-2': 0, '3-5': 2, '6-11': 0, '12-17': 0 }]);
  });

  it('tester findings: a name of control characters and bidi overrides, adults=1e1: 422 at each field, nothing written, no mail', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const response = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest({
        ...householdForm('ctl@example.org', { contactName: '\u0000\u202E\u0000' }),
        adults: '1e1',
        lang: 'uk',
      }),
    );
    const body = (await response.json()) as { fields: { field: string; code: string; message: string }[] };
    expect([response.status, body.fields.map((f) => [f.field, f.code])]).toEqual([
      422,
      [
        ['contactName', 'text.controlInLine'],
        ['adults', 'lunch.adultsInvalid'],
      ],
    ]);
    expect(body.fields[0]?.message).toBe('Напишіть це в один рядок, без невидимих керувальних символів');
    expect([await rows(t, 'SELECT id FROM lunch_households'), await rows(t, 'SELECT id FROM outbox')]).toEqual([
      [],
      [],
    ]);
  });

  it("each side's own questions count only for that side: a guest's seats and cooking, a host's diet are dropped", async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const sign = async (form: Record<string, unknown>) => {
      const r = await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(form));
      const { id } = (await r.json()) as { id: string };
      await t.request(await confirmPath(id), pressButton());
    };
    await sign(householdForm('guest@example.org', { canCookFor: ['vegan'], seats: '8' }));
    expect(
      await rows(
        t,
        'SELECT role, contact_name, diets, allergies, can_cook_for, seats FROM lunch_households ORDER BY role',
      ),
    ).toEqual([
      { role: 'guest', contact_name: 'Olena', diets: '["halal"]', allergies: 'peanuts', can_cook_for: '[]', seats: 0 },
    ]);
    // The host left the seats empty: that reads as 0, which a host is asked to fill in.
    const host = await t.request(
      `/api/lunches/days/${dayId}/signups`,
      signUpRequest(hostForm('host@example.org', { diets: ['kosher'], allergies: 'gluten', seats: '' })),
    );
    expect([host.status, ((await host.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)]).toEqual([
      422,
      ['seats'],
    ]);
    await sign(hostForm('host@example.org', { diets: ['kosher'], allergies: 'gluten' }));
    expect(
      await rows(
        t,
        "SELECT contact_name, diets, allergies, can_cook_for, seats FROM lunch_households WHERE role = 'host'",
      ),
    ).toEqual([{ contact_name: 'Jana', diets: '[]', allergies: '', can_cook_for: '["halal","allergies"]', seats: 6 }]);
  });
});
