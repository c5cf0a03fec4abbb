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

// ── lunches: lunch days and households ──────────────────────────────────────────
// Builders for the lunch tests (functions/lunches/*.test.ts, Node and Workers alike: no Node-only imports here).
// The imports sit here, with the section they serve.
import type { Actor } from '../accounts/permissions.ts';
import { lunchHouseholds } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { createDay } from '../lunches/days.service.ts';
import type { LunchDayInput } from '../lunches/lunches.schemas.ts';

/** A coordinator as the lunch services see one (no user row needed). */
export const lunchCoordinator: Actor = { userId: 'coordinator-1', roles: [{ role: 'coordinator', scope: '' }] };

/**
 * A lunch day as a coordinator enters it: by default in Bratislava on 2026-12-12 (the test clock
 * starts 2026-11-23), at the hosts' homes, 5 places per side, sign-ups until 2026-12-05.
 */
export const lunchDayInput = (overrides: Partial<LunchDayInput> = {}): LunchDayInput => ({
  city: 'Bratislava',
  date: '2026-12-12',
  format: 'home',
  venue: '',
  hostPlaces: 5,
  guestPlaces: 5,
  languages: ['sk', 'en', 'uk'],
  signupDeadline: '2026-12-05',
  retentionDays: 30,
  ...overrides,
});

/** A lunch day stored through the service (audited as created by {@link lunchCoordinator}); returns its id. */
export const createLunchDay = (deps: Pick<Deps, 'db' | 'clock'>, overrides: Partial<LunchDayInput> = {}) =>
  createDay(deps, lunchCoordinator, lunchDayInput(overrides));

/**
 * A household's sign-up form as a family sends it (JSON body), by default a guest family from
 * Senec: two adults, two children, halal, a peanut allergy, English mails. `overrides` may hold
 * invalid values on purpose.
 */
export const householdForm = (email: string, overrides: Record<string, unknown> = {}) => ({
  role: 'guest',
  email,
  phone: '+421 900 123 456',
  messenger: 'whatsapp',
  languages: ['uk', 'en'],
  town: 'Senec',
  maxTravelKm: 40,
  adults: 2,
  children: { '0-2': 0, '3-5': 1, '6-11': 1, '12-17': 0 },
  diets: ['halal'],
  allergies: 'peanuts',
  accessibility: '',
  hasPets: false,
  avoidPets: true,
  consentData: true,
  consentPhotos: false,
  codeOfConduct: true,
  lang: 'en',
  ...overrides,
});

/** A host family's sign-up form: in Bratislava, a table for 6, cooks halal and without allergens, speaks sk and en. */
export const hostForm = (email: string, overrides: Record<string, unknown> = {}) =>
  householdForm(email, {
    role: 'host',
    town: 'Bratislava',
    canCookFor: ['halal', 'allergies'],
    seats: 6,
    languages: ['sk', 'en'],
    diets: [],
    avoidPets: false,
    ...overrides,
  });

/**
 * A household row straight in the database (no mail, no link), by default a confirmed guest
 * family with English mails in Senec; returns its id.
 */
export async function insertHousehold(
  db: Db,
  dayId: string,
  overrides: Partial<typeof lunchHouseholds.$inferInsert> = {},
): Promise<string> {
  const id = overrides.id ?? crypto.randomUUID();
  const now = new Date('2026-11-23T10:00:00Z');
  await db.insert(lunchHouseholds).values({
    id,
    dayId,
    role: 'guest',
    status: 'confirmed',
    email: `${id}@example.org`,
    locale: 'en',
    languages: ['en'],
    town: 'Senec',
    maxTravelKm: 40,
    adults: 2,
    consentedAt: now,
    createdAt: now,
    ...overrides,
  });
  return id;
}
