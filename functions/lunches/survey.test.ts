import { describe, expect, it } from 'vitest';
import { signCapability } from '../crypto/tokens.ts';
import { createTestApp, linkIn, postJson, TEST_ORIGIN } from '../testing/app.ts';
import { createLunchDay, createUser, householdForm } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { runLunchSchedule } from './schedule.service.ts';
import { rows, SECRET, signUpAndConfirm } from './testing.ts';

describe('after-lunch survey', () => {
  const answer = { rating: '4', meetAgain: 'yes', comment: 'More time to talk, please.' };

  it('mails each confirmed household once the day after; the answer is stored without the household and the link works once', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps, { guestPlaces: 1 });
    const guestId = await signUpAndConfirm(t, dayId, householdForm('guest@example.org'));
    await signUpAndConfirm(t, dayId, householdForm('waiting@example.org'));
    const hostId = await signUpAndConfirm(
      t,
      dayId,
      householdForm('host@example.org', {
        role: 'host',
        seats: 4,
        diets: [],
        lang: 'sk',
      }),
    );

    t.advance(19 * 24 * 60 * 60_000); // 2026-12-12, the lunch day itself: not yet
    expect(await runLunchSchedule(t.deps)).toMatchObject({ surveyed: 0 });
    t.advance(24 * 60 * 60_000); // the day after
    expect(await runLunchSchedule(t.deps)).toMatchObject({ surveyed: 2 });
    expect(await runLunchSchedule(t.deps)).toMatchObject({ surveyed: 0 });
    expect(
      await rows(t, "SELECT recipient, subject FROM outbox WHERE kind = 'lunch.survey' ORDER BY recipient"),
    ).toEqual([
      { recipient: 'guest@example.org', subject: 'How was your Next Door Family lunch?' },
      { recipient: 'host@example.org', subject: 'Aký bol váš obed Rodina od vedľa?' },
    ]);
    const { deliverDueMail } = await import('../mail/outbox.service.ts');
    await deliverDueMail(t.deps);
    const mail = (await t.mailbox.list()).find(
      (m) => m.to === 'guest@example.org' && m.subject === 'How was your Next Door Family lunch?',
    )!;
    const link = new URL(linkIn((await t.mailbox.read(mail.key))!, `${TEST_ORIGIN}/en/lunches/survey/?`));
    const q = { id: link.searchParams.get('id')!, sig: link.searchParams.get('sig')! };
    expect(q.id).toBe(guestId);
    expect((await t.request(`/api/lunches/survey?id=${q.id}&sig=${q.sig}`)).status).toBe(200);

    const bad = await t.request(
      '/api/lunches/survey',
      postJson({ ...q, rating: '6', meetAgain: 'often', comment: 'x'.repeat(1001) }),
    );
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { fields: { code: string }[] }).fields.map((f) => f.code).sort()).toEqual([
      'lunch.commentTooLong',
      'lunch.meetAgainRequired',
      'lunch.ratingRequired',
    ]);

    expect((await t.request('/api/lunches/survey', postJson({ ...q, ...answer }))).status).toBe(201);
    const stored = await rows(t, 'SELECT * FROM lunch_survey_answers');
    expect(stored).toEqual([
      {
        id: expect.any(String),
        day_id: dayId,
        role: 'guest',
        rating: 4,
        meet_again: 'yes',
        comment: 'More time to talk, please.',
        created_on: '2026-12-13',
      },
    ]);
    expect(JSON.stringify(stored)).not.toContain(guestId);
    // Once only: a second submit, or opening the used link, is told it was answered (not "link invalid").
    const again = await t.request('/api/lunches/survey', postJson({ ...q, ...answer, rating: '1' }));
    expect([again.status, ((await again.json()) as { code: string }).code]).toEqual([409, 'lunch.surveyAnswered']);
    const reopened = await t.request(`/api/lunches/survey?id=${q.id}&sig=${q.sig}`);
    expect([reopened.status, ((await reopened.json()) as { code: string }).code]).toEqual([
      409,
      'lunch.surveyAnswered',
    ]);
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_survey_answers')).toEqual([{ n: 1 }]);

    const hostSig = await signCapability(SECRET, 'lunch-survey', hostId);
    expect(
      (
        await t.request(
          '/api/lunches/survey',
          postJson({ id: hostId, sig: hostSig, rating: 2, meetAgain: 'maybe', comment: '' }),
        )
      ).status,
    ).toBe(201);

    await createUser(t.db, { email: 'coord@example.org', roles: [{ role: 'coordinator' }] });
    const jar = await signedIn(t, 'coord@example.org');
    expect((await t.request(`/api/lunches/days/${dayId}/survey`)).status).toBe(401);
    const results = await t.request(`/api/lunches/days/${dayId}/survey`, { headers: jar.header() });
    expect(await results.json()).toEqual({
      host: { answers: 1, averageRating: 2, meetAgain: { yes: 0, maybe: 1, no: 0 }, comments: [] },
      guest: {
        answers: 1,
        averageRating: 4,
        meetAgain: { yes: 1, maybe: 0, no: 0 },
        comments: ['More time to talk, please.'],
      },
    });
  });

  it('S12 a survey link signed for another purpose is refused, and a household never mailed cannot answer', async () => {
    const t = await createTestApp();
    const dayId = await createLunchDay(t.deps);
    const id = await signUpAndConfirm(t, dayId, householdForm('survey@example.org'));
    const surveySig = await signCapability(SECRET, 'lunch-survey', id);
    // Not mailed yet (the lunch is still ahead): no answer.
    expect((await t.request('/api/lunches/survey', postJson({ id, sig: surveySig, ...answer }))).status).toBe(404);
    t.advance(20 * 24 * 60 * 60_000);
    await runLunchSchedule(t.deps);
    for (const purpose of ['lunch.manage', 'lunch.confirm', 'lunch.cantCome']) {
      const sig = await signCapability(SECRET, purpose, id);
      expect((await t.request(`/api/lunches/survey?id=${id}&sig=${sig}`)).status).toBe(404);
      expect((await t.request('/api/lunches/survey', postJson({ id, sig, ...answer }))).status).toBe(404);
    }
    // And the survey signature opens nothing else.
    expect((await t.request(`/api/lunches/households/${id}?sig=${surveySig}`)).status).toBe(404);
    expect(await rows(t, 'SELECT count(*) AS n FROM lunch_survey_answers')).toEqual([{ n: 0 }]);
    expect((await t.request('/api/lunches/survey', postJson({ id, sig: surveySig, ...answer }))).status).toBe(201);
  });
});
