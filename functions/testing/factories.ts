import type { Db } from '../db/client.ts';
import { roleAssignments, users, type Role } from '../db/schema/index.ts';

/** A user row (and role rows) straight in the database, for tests. */
export async function createUser(
  db: Db,
  {
    email,
    roles = [],
    status = 'active',
    locale = 'en',
  }: { email: string; roles?: { role: Role; scope?: string }[]; status?: 'active' | 'disabled'; locale?: string },
): Promise<string> {
  const id = crypto.randomUUID();
  const now = new Date('2026-01-01T00:00:00Z');
  await db.insert(users).values({ id, email, locale, status, createdAt: now, updatedAt: now });
  for (const r of roles) {
    await db
      .insert(roleAssignments)
      .values({ id: crypto.randomUUID(), userId: id, role: r.role, scope: r.scope ?? '', createdAt: now });
  }
  return id;
}

/** A browser's cookies: stores Set-Cookie answers and sends them back, like a real client. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }
}
