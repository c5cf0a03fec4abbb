import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, passkeys } from '../db/schema/index.ts';
import { createTestApp, postJson, TEST_ORIGIN } from '../testing/app.ts';
import { TestAuthenticator } from '../testing/authenticator.ts';
import { CookieJar, createUser } from '../testing/factories.ts';
import { signedIn } from '../testing/sign-in.ts';
import { disableUser } from './auth.service.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

async function call<T>(t: TestApp, jar: CookieJar, path: string, body: unknown = {}) {
  const response = await t.request(path, postJson(body, { ...jar.header(), 'accept-language': 'en' }));
  jar.store(response);
  return { response, body: (await response.json()) as T };
}

/** Signs `email` in by magic link and adds a passkey through the real ceremony. */
async function withPasskey(t: TestApp, email: string, name = 'Laptop') {
  const jar = await signedIn(t, email);
  const key = new TestAuthenticator();
  const { body: options } = await call<PublicKeyCredentialCreationOptionsJSON>(
    t,
    jar,
    '/api/auth/passkeys/registration/options',
  );
  const added = await call<{ id: string; name: string }>(t, jar, '/api/auth/passkeys/registration', {
    response: await key.register(options, TEST_ORIGIN),
    name,
  });
  return { jar, key, added };
}

/** A fresh browser signing in with `key`. */
async function passkeySignIn(t: TestApp, key: TestAuthenticator, origin = TEST_ORIGIN) {
  const jar = new CookieJar();
  const { body: options } = await call<PublicKeyCredentialRequestOptionsJSON>(
    t,
    jar,
    '/api/auth/passkeys/authentication/options',
  );
  const answer = await key.authenticate(options, origin, 'spotlight.test');
  const result = await call<{ status?: string; code?: string }>(t, jar, '/api/auth/passkeys/authentication', {
    response: answer,
  });
  return { jar, answer, ...result };
}

describe('passkeys (node, libSQL)', () => {
  it('a signed-in user adds a passkey bound to this site, and signs in with it in another browser', async () => {
    const t = await createTestApp();
    const userId = await createUser(t.db, { email: 'eva@example.org', roles: [{ role: 'juror' }] });
    const { key, added } = await withPasskey(t, 'eva@example.org');
    expect(added.response.status).toBe(201);
    expect(added.body).toMatchObject({ id: key.id, name: 'Laptop' });

    const stored = await t.db.select().from(passkeys).where(eq(passkeys.userId, userId));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: key.id, counter: 0, transports: ['internal'], name: 'Laptop' });
    // The column is drizzle's JSON mode: the same text in the database as before (no migration).
    const raw = await t.client.execute('SELECT transports FROM passkeys');
    expect(raw.rows[0]?.transports).toBe('["internal"]');

    const signIn = await passkeySignIn(t, key);
    expect(signIn.response.status).toBe(200);
    expect(signIn.body).toEqual({ status: 'signed_in', locale: 'en' });
    expect(signIn.response.headers.getSetCookie().find((c) => c.startsWith('__Host-spotlight-session='))).toMatch(
      /HttpOnly; Secure; SameSite=Lax$/,
    );
    const me = await t.request('/api/auth/me', { headers: signIn.jar.header() });
    expect(await me.json()).toMatchObject({ email: 'eva@example.org' });

    const [row] = await t.db
      .select({ counter: passkeys.counter, lastUsedAt: passkeys.lastUsedAt })
      .from(passkeys)
      .where(eq(passkeys.id, key.id));
    expect(row).toEqual({ counter: 1, lastUsedAt: t.deps.clock() });
    const actions = (await t.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);
    expect(actions).toContain('passkey.added');
    expect(actions).toContain('auth.passkey.succeeded');
  });

  it("names an unnamed passkey after the day, and lists only the owner's passkeys", async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'eva@example.org' });
    await createUser(t.db, { email: 'ivan@example.org' });
    const eva = await withPasskey(t, 'eva@example.org', '');
    expect(eva.added.body.name).toBe('Passkey added on 2026-11-23');
    const ivan = await signedIn(t, 'ivan@example.org');
    const list = await t.request('/api/auth/passkeys', { headers: ivan.header() });
    expect(await list.json()).toEqual({ passkeys: [] });
    // Ivan cannot remove Eva's passkey: it answers like one that does not exist.
    const removal = await t.request(`/api/auth/passkeys/${eva.key.id}/delete`, postJson({}, ivan.header()));
    expect(removal.status).toBe(404);
    expect(await t.db.select().from(passkeys)).toHaveLength(1);
  });

  it('refuses a replayed sign-in answer: each challenge is taken once', async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'eva@example.org' });
    const { key } = await withPasskey(t, 'eva@example.org');
    const first = await passkeySignIn(t, key);
    expect(first.response.status).toBe(200);
    const replay = await t.request(
      '/api/auth/passkeys/authentication',
      postJson({ response: first.answer }, first.jar.header()),
    );
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { code: string }).code).toBe('passkey.failed');

    // The same answer against a newly issued challenge fails too: the signature covers the old one.
    const jar = new CookieJar();
    await call(t, jar, '/api/auth/passkeys/authentication/options');
    const again = await call<{ code: string }>(t, jar, '/api/auth/passkeys/authentication', { response: first.answer });
    expect(again.response.status).toBe(400);
    expect(again.response.headers.getSetCookie().some((c) => c.startsWith('__Host-spotlight-session='))).toBe(false);
  });

  it('refuses an answer made for another site, an expired ceremony, a cloned key and a disabled account', async () => {
    const t = await createTestApp();
    const userId = await createUser(t.db, { email: 'eva@example.org' });
    const { key } = await withPasskey(t, 'eva@example.org');

    expect((await passkeySignIn(t, key, 'https://evil.example')).response.status).toBe(400);

    const jar = new CookieJar();
    const { body: options } = await call<PublicKeyCredentialRequestOptionsJSON>(
      t,
      jar,
      '/api/auth/passkeys/authentication/options',
    );
    t.advance(5 * 60_000 + 1);
    const late = await call(t, jar, '/api/auth/passkeys/authentication', {
      response: await key.authenticate(options, TEST_ORIGIN),
    });
    expect(late.response.status).toBe(400);

    expect((await passkeySignIn(t, key)).response.status).toBe(200);
    key.counter = 0; // a copy of the key that has not seen the last sign-in
    expect((await passkeySignIn(t, key)).response.status).toBe(400);

    key.counter = 10;
    await disableUser(t.deps, 'admin', userId);
    expect((await passkeySignIn(t, key)).response.status).toBe(400);
    const reasons = (
      await t.db.select({ details: auditLog.details }).from(auditLog).where(eq(auditLog.action, 'auth.passkey.refused'))
    ).map((r) => JSON.parse(r.details).reason);
    expect(reasons).toEqual(['bad_signature', 'no_challenge', 'bad_signature', 'disabled']);
  });

  it("adding a passkey needs a session and the challenge of that session's own ceremony", async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'eva@example.org' });
    expect((await t.request('/api/auth/passkeys/registration/options', postJson({}))).status).toBe(401);

    const jar = await signedIn(t, 'eva@example.org');
    const key = new TestAuthenticator();
    const { body: options } = await call<PublicKeyCredentialCreationOptionsJSON>(
      t,
      jar,
      '/api/auth/passkeys/registration/options',
    );
    const answer = await key.register({ ...options, challenge: 'bm90LXRoZS1jaGFsbGVuZ2U' }, TEST_ORIGIN);
    const forged = await call<{ code: string }>(t, jar, '/api/auth/passkeys/registration', { response: answer });
    expect(forged.response.status).toBe(400);
    expect(forged.body.code).toBe('passkey.failed');
    const tooLong = await call<{ fields: { field: string; code: string }[] }>(
      t,
      jar,
      '/api/auth/passkeys/registration',
      { response: answer, name: 'x'.repeat(61) },
    );
    expect(tooLong.response.status).toBe(422);
    expect(tooLong.body.fields).toEqual([
      { field: 'name', code: 'passkey.nameTooLong', message: 'Use 60 characters or fewer for the name' },
    ]);
    expect(await t.db.select().from(passkeys)).toHaveLength(0);
  });

  it('removing a passkey deletes it and records who did it', async () => {
    const t = await createTestApp();
    await createUser(t.db, { email: 'eva@example.org' });
    const { jar, key } = await withPasskey(t, 'eva@example.org');
    const removed = await t.request(`/api/auth/passkeys/${key.id}/delete`, postJson({}, jar.header()));
    expect(removed.status).toBe(200);
    expect(await t.db.select().from(passkeys)).toHaveLength(0);
    expect((await passkeySignIn(t, key)).response.status).toBe(400);
  });
});
