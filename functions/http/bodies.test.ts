import { describe, expect, it } from 'vitest';
import { roles } from '../db/schema/index.ts';
import { createTestApp, TEST_ORIGIN } from '../testing/app.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';

/** Routes that read no body at all: whatever is sent, they do their one thing (a mailed link's
 * button acts on its query and answers a redirect to the result page). */
const bodiless = new Set([
  '/api/lunches/confirm',
  '/api/lunches/accept',
  '/api/lunches/cant-come',
  '/api/lunches/pairs/confirm',
  '/api/subscriptions/confirm',
  '/api/subscriptions/unsubscribe',
  '/api/auth/callback',
  '/api/auth/logout',
  '/api/auth/passkeys/authentication/options',
  '/api/auth/passkeys/registration/options',
]);

/** Bodies no reader should turn into a 5xx: each with its content type. */
const malformed: Record<string, { type?: string; body?: string }> = {
  'malformed JSON': { type: 'application/json', body: '{"email": "a@b.c",' },
  'JSON that is not an object': { type: 'application/json', body: '[1, 2]' },
  'multipart without a boundary': { type: 'multipart/form-data', body: 'email=a%40b.c' },
  'truncated multipart': {
    type: 'multipart/form-data; boundary=XYZ',
    body: '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.c',
  },
  'a wrong charset': { type: 'application/json; charset=utf-16', body: '{"email":"a@b.c"}' },
  'an empty body': { type: 'application/json', body: '' },
  'an empty form': { type: 'application/x-www-form-urlencoded', body: '' },
  'no content type': { body: '{"email":"a@b.c"}' },
  'a wrong content type': { type: 'text/xml', body: '<email>a@b.c</email>' },
  // 6 KB that parses, then overflows the stack of any recursive walker (a tester's 500, S21).
  'JSON nested 3,000 deep': { type: 'application/json', body: `{"a":${'['.repeat(3000)}${']'.repeat(3000)}}` },
};

describe('S21 malformed bodies are a 4xx on every POST route', async () => {
  const t = await createTestApp();
  const userId = await createUser(t.db, {
    email: 'everything@example.org',
    roles: roles.map((role) => ({ role })),
  });
  const cookie = await sessionCookie(t.db, userId, t.deps.clock());
  // The route table as the app has it (not a hand list); parameters filled with an unknown id.
  const paths = [...new Set(t.app.routes.filter((r) => r.method === 'POST').map((r) => r.path))].map((path) =>
    path.replace(/:(\w+)(\{[^}]*\})?/g, 'nope'),
  );

  it('finds the POST routes in the app', () => {
    expect(paths.length).toBeGreaterThanOrEqual(30);
    expect(paths).toContain('/api/subscriptions');
  });

  it.each(Object.entries(malformed))('%s', async (_name, { type, body }) => {
    const answers: string[] = [];
    for (const path of paths) {
      for (const signedIn of [false, true]) {
        const headers: Record<string, string> = { origin: TEST_ORIGIN, 'sec-fetch-site': 'same-origin' };
        if (type) headers['content-type'] = type;
        if (signedIn) headers.cookie = cookie;
        const response = await t.request(path, { method: 'POST', headers, body });
        const text = await response.text();
        const shape = text.startsWith('{') && 'code' in JSON.parse(text);
        const refused = response.status >= 400 && response.status < 500 && shape;
        if (!refused && !(bodiless.has(path) && response.status < 400))
          answers.push(`${response.status} ${path}${signedIn ? ' (signed in)' : ''}: ${text.slice(0, 80)}`);
      }
    }
    expect(answers).toEqual([]);
  });
});
