import { describe, expect, it } from 'vitest';
import { normalEmail } from '../accounts/accounts.schemas.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { signedIn } from '../testing/sign-in.ts';
import { createLunchDay, createUser, householdForm } from '../testing/factories.ts';
import { rows, signUpRequest } from './testing.ts';

describe('S24 one address, one place per lunch day', () => {
  it('puts addresses in one normal form: case, spaces, an IDN domain and its punycode twin', () => {
    expect(normalEmail('CASETEST@Example.org')).toBe('casetest@example.org');
    expect(normalEmail('redaktor@škola.example')).toBe('redaktor@xn--kola-f6a.example');
    expect(normalEmail('Redaktor@ŠKOLA.example')).toBe('redaktor@xn--kola-f6a.example');
    expect(normalEmail('redaktor@xn--kola-f6a.example')).toBe('redaktor@xn--kola-f6a.example');
    // Not a plain domain: left as typed, for the address check to refuse.
    expect(normalEmail('a@škola.example/evil.org')).toBe('a@škola.example/evil.org');
  });

  it.each([
    ['letter case and spaces', ['casetest@example.org', 'casetest@example.org', ' CASETEST@Example.org ']],
    [
      'an IDN domain and its punycode twin',
      ['redaktor@škola.example', 'redaktor@xn--kola-f6a.example', 'Redaktor@ŠKOLA.example'],
    ],
  ])(
    '%s: three sign-ups with new keys hold one place; the address is mailed its existing link',
    async (_name, addresses) => {
      const t = await createTestApp();
      const dayId = await createLunchDay(t.deps);
      const answers = [];
      for (const [i, email] of addresses.entries()) {
        const response = await t.request(
          `/api/lunches/days/${dayId}/signups`,
          signUpRequest(householdForm(email), { 'idempotency-key': `one-place-${i}` }),
        );
        answers.push([response.status, ((await response.json()) as { status: string }).status]);
      }
      // The same answer as for a new sign-up: nothing revealed to the sender.
      expect(answers).toEqual([
        [202, 'pending'],
        [202, 'pending'],
        [202, 'pending'],
      ]);
      const households = await rows(t, 'SELECT id, email FROM lunch_households');
      expect(households).toHaveLength(1);
      const mails = await t.mailbox.list();
      expect(mails.map((m) => m.to)).toEqual(Array(3).fill(households[0]!.email));
      // Every mail carries the one household's confirmation link.
      for (const m of mails)
        expect(await t.mailbox.read(m.key)).toContain(`/api/lunches/confirm?id=${households[0]!.id}&`);
    },
  );

  it('is enforced by a unique index, not only a check', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const insert = (id: string) =>
      t.client.execute({
        sql: `INSERT INTO lunch_households (id, day_id, role, status, email, locale, languages, town, max_travel_km, adults, children, diets, allergies, can_cook_for, seats, accessibility, has_pets, avoid_pets, consent_photos, consented_at, created_at)
              SELECT ?, day_id, role, status, email, locale, languages, town, max_travel_km, adults, children, diets, allergies, can_cook_for, seats, accessibility, has_pets, avoid_pets, consent_photos, consented_at, created_at FROM lunch_households LIMIT 1`,
        args: [id],
      });
    await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(householdForm('index@example.org')));
    await expect(insert('second')).rejects.toThrow(/UNIQUE constraint failed/);
    // A cancelled sign-up does not hold the address: the person may sign up again.
    await t.client.execute("UPDATE lunch_households SET status = 'cancelled'");
    await insert('third');
  });

  it('a caseworker signing up an address that already holds a place that day gets 409, not a 5xx', async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'case@example.org', roles: [{ role: 'partner_caseworker' }] });
    const dayId = await createLunchDay(t.deps);
    const jar = await signedIn(t, 'case@example.org');
    await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(householdForm('taken@example.org')));
    const response = await t.request(
      `/api/lunches/days/${dayId}/signups/on-behalf`,
      postJson({ ...householdForm('Taken@Example.org'), consentRecorded: true }, jar.header()),
    );
    expect(response.status).toBe(409);
    expect(((await response.json()) as { code: string }).code).toBe('lunch.emailTaken');
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_households')).toEqual([{ n: 1 }]);
  });
});
