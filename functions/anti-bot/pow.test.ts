import { describe, expect, it } from 'vitest';
import { powRedeemed } from '../db/schema/index.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { solve, solvedChallenge } from '../testing/pow.ts';
import { FREE_POSTS } from './human-check.ts';
import { CHALLENGE_TTL_MS, purgeRedeemed } from './pow.service.ts';

const subscribe = (altcha?: string, client = '203.0.113.7') =>
  postJson(
    { email: 'bot@example.org', lang: 'en', ...(altcha === undefined ? {} : { altcha }) },
    { 'cf-connecting-ip': client },
  );

describe('S03 proof of work on public forms (ALTCHA)', () => {
  it('S03 500 sign-ups a minute from one address: after the free posts, 429 with a challenge to solve', async () => {
    const t = await createTestApp();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 500; i++) {
      last = await t.request('/api/subscriptions', subscribe());
      statuses.push(last.status);
    }
    expect(statuses.slice(0, FREE_POSTS.max).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(FREE_POSTS.max).every((s) => s === 429)).toBe(true);

    // Before the hard per-client limit, the 429 carries a challenge; solving it lets a person through.
    const t2 = await createTestApp();
    for (let i = 0; i < FREE_POSTS.max; i++) await t2.request('/api/subscriptions', subscribe());
    const refused = await t2.request('/api/subscriptions', subscribe());
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    const body = (await refused.json()) as {
      code: string;
      message: string;
      details: { challenge: Parameters<typeof solve>[0] };
    };
    expect(body.code).toBe('pow.required');
    expect(body.message).toBe(
      'Your browser needs to finish a short check that you are not a robot. Turn on JavaScript, or try again in a few minutes.',
    );
    expect(body.details.challenge.parameters.algorithm).toBe('SHA-256');
    expect((await t2.request('/api/subscriptions', subscribe(await solve(body.details.challenge)))).status).toBe(202);
    expect(last?.headers.get('retry-after')).not.toBeNull();
  });

  it('S03 a replayed challenge answer is refused', async () => {
    const t = await createTestApp();
    const answer = await solvedChallenge(t);
    expect((await t.request('/api/subscriptions', subscribe(answer))).status).toBe(202);
    const replay = await t.request('/api/subscriptions', subscribe(answer, '198.51.100.1'));
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({
      code: 'pow.replayed',
      message: 'This form was already sent once. Please send it again.',
    });
    // The same answer on another form is the same answer: refused too.
    const login = await t.request('/api/auth/login', postJson({ email: 'a@example.org', lang: 'en', altcha: answer }));
    expect(login.status).toBe(400);
  });

  it('refuses forged, tampered, unsolved and expired answers', async () => {
    const t = await createTestApp();
    const challenge = (await (await t.request('/api/pow/challenge')).json()) as Parameters<typeof solve>[0];
    const good = JSON.parse(atob(await solve(challenge))) as {
      challenge: typeof challenge;
      solution: { counter: number; derivedKey: string };
    };

    const variants = {
      garbage: 'not-base64-json',
      wrongCounter: btoa(
        JSON.stringify({
          ...good,
          solution: { ...good.solution, counter: good.solution.counter + 1, derivedKey: '00'.repeat(32) },
        }),
      ),
      tamperedExpiry: btoa(
        JSON.stringify({
          ...good,
          challenge: {
            ...good.challenge,
            parameters: { ...good.challenge.parameters, data: { expires: Date.UTC(2030, 0) } },
          },
        }),
      ),
      unsigned: btoa(JSON.stringify({ ...good, challenge: { parameters: good.challenge.parameters } })),
    };
    for (const [name, altcha] of Object.entries(variants)) {
      const response = await t.request('/api/subscriptions', subscribe(altcha));
      expect([name, response.status, ((await response.json()) as { code: string }).code]).toEqual([
        name,
        400,
        'pow.invalid',
      ]);
    }
    t.advance(CHALLENGE_TTL_MS + 1);
    const late = await t.request('/api/subscriptions', subscribe(btoa(JSON.stringify(good))));
    expect(((await late.json()) as { code: string }).code).toBe('pow.invalid');
    expect(await t.db.select().from(powRedeemed)).toHaveLength(0);
  });

  it('forgets used answers once their challenge has expired', async () => {
    const t = await createTestApp();
    await t.request('/api/subscriptions', subscribe(await solvedChallenge(t)));
    expect(await purgeRedeemed(t.deps)).toBe(0);
    t.advance(CHALLENGE_TTL_MS + 1);
    expect(await purgeRedeemed(t.deps)).toBe(1);
  });

  it('hands out a fresh, uncached challenge each time', async () => {
    const t = await createTestApp();
    const [a, b] = await Promise.all([t.request('/api/pow/challenge'), t.request('/api/pow/challenge')]);
    expect(a.headers.get('cache-control')).toBe('no-store');
    const [ca, cb] = (await Promise.all([a.json(), b.json()])) as { signature: string }[];
    expect(ca!.signature).not.toBe(cb!.signature);
  });
});
