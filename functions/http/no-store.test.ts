import { describe, expect, it } from 'vitest';
import { roles } from '../db/schema/index.ts';
import { createTestApp } from '../testing/app.ts';
import { createUser, sessionCookie } from '../testing/factories.ts';

describe('personal and staff JSON is never stored by a cache', async () => {
  const t = await createTestApp();
  const userId = await createUser(t.db, { email: 'cache@example.org', roles: roles.map((role) => ({ role })) });
  const cookie = await sessionCookie(t.db, userId, t.deps.clock());
  const paths = [...new Set(t.app.routes.filter((r) => r.method === 'GET').map((r) => r.path))]
    .filter((p) => p.startsWith('/api/'))
    .map((p) => p.replace(/:(\w+)(\{[^}]*\})?/g, 'nope'));

  it('every API GET answer, signed in or not, found or not, says Cache-Control: no-store', async () => {
    expect(paths).toContain('/api/auth/me');
    const stored: string[] = [];
    for (const path of paths)
      for (const headers of [{ cookie }, {}] as Record<string, string>[]) {
        const response = await t.request(path, { headers });
        if (!/no-store/.test(response.headers.get('cache-control') ?? ''))
          stored.push(`${response.status} ${path}: ${response.headers.get('cache-control')}`);
      }
    expect(stored).toEqual([]);
  });
});
