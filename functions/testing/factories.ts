// Test data builders: every test gets its users, sessions, entries and uploads from here, so a
// schema change is made once. Rows go straight into the database (libSQL or D1 through drizzle).
import { sessionInsert } from '../accounts/sessions.ts';
import type { Db } from '../db/client.ts';
import {
  assignments,
  ballots,
  entries,
  entryConflicts,
  jurorConflicts,
  jurors,
  reminders,
  reviews,
  roleAssignments,
  uploads,
  users,
  type Role,
} from '../db/schema/index.ts';

/** When builder rows are created unless a test says otherwise. */
const CREATED = new Date('2026-01-01T00:00:00Z');

/** A user row (and role rows) straight in the database, for tests. Returns the user's id. */
export async function createUser(
  db: Db,
  {
    id = crypto.randomUUID(),
    email,
    roles = [],
    status = 'active',
    locale = 'en',
    createdAt = CREATED,
  }: {
    /** A fixed id when a test names the user by it; random by default. */
    id?: string;
    email: string;
    roles?: { role: Role; scope?: string }[];
    status?: 'active' | 'disabled';
    locale?: string;
    createdAt?: Date;
  },
): Promise<string> {
  await db.insert(users).values({ id, email, locale, status, createdAt, updatedAt: createdAt });
  for (const r of roles) {
    await db
      .insert(roleAssignments)
      .values({ id: crypto.randomUUID(), userId: id, role: r.role, scope: r.scope ?? '', createdAt });
  }
  return id;
}

/**
 * A member's session straight in the database (no magic link), and the `cookie` header a browser
 * signed in with it sends. For tests that call the app directly (the Workers tests).
 */
export async function sessionCookie(db: Db, userId: string, now: Date): Promise<string> {
  const session = await sessionInsert(db, userId, false, now);
  await session.insert;
  return `__Host-spotlight-session=${session.id}`;
}

/**
 * The steps of a complete, eligible competition entry in the demo's "written and online" category
 * (`2027-written`), published 30 days before `now`, in Slovak: each step's request body, to post
 * to `/api/competition/entries/:id/steps/:step` in this order.
 */
export function completeEntrySteps(now: Date, title = 'Cudzinecká polícia zblízka') {
  const publishedOn = new Date(now.getTime() - 30 * 24 * 60 * 60_000).toISOString().slice(0, 10);
  return {
    work: {
      title,
      categoryId: '2027-written',
      language: 'sk',
      outlet: 'Denník N',
      publishedOn,
      url: 'https://dennikn.sk/clanok',
      summary: 'Ako žijú cudzinci čakajúci na pobyt.',
    },
    authors: { country: 'SK', authors: [{ name: 'Jana Nováková', role: 'reporter' }] },
    conflicts: { conflicts: '' },
    declarations: { declaredOwnWork: true, declaredLicence: true, declaredRules: true, declaredPrivacy: true },
  };
}

/**
 * A competition entry row straight in the database (no steps, no eligibility), for organiser
 * tests: submitted with number `MIS-<edition>-<seq padded to 4>` when `seq` is given, else a
 * draft. Returns its id.
 */
export async function createEntryRow(
  db: Db,
  {
    editionId = '2027',
    entrantId,
    seq,
    title = 'Untitled',
    outlet = '',
    authors = [],
    categoryId = `${editionId}-written`,
    createdAt = CREATED,
  }: {
    editionId?: string;
    entrantId: string;
    /** The per-edition sequence: set means submitted and numbered. */
    seq?: number;
    title?: string;
    outlet?: string;
    authors?: { name: string; role: string }[];
    categoryId?: string;
    createdAt?: Date;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  const numbered = seq !== undefined;
  await db.insert(entries).values({
    id,
    editionId,
    entrantId,
    status: numbered ? 'submitted' : 'draft',
    seq: seq ?? null,
    number: numbered ? `MIS-${editionId}-${String(seq).padStart(4, '0')}` : null,
    categoryId,
    title,
    language: 'sk',
    outlet,
    authors,
    country: 'SK',
    locale: 'sk',
    createdAt,
    updatedAt: createdAt,
    submittedAt: numbered ? createdAt : null,
  });
  return id;
}

/**
 * An upload row as the upload service leaves it, without the bytes (R2 itself is exercised in
 * uploads.workers.test.ts): `pending` (a multipart upload open) or `complete` (type detected).
 * Returns its id.
 */
export async function createUploadRow(
  db: Db,
  {
    ownerId,
    purpose = 'test',
    state = 'pending',
    detectedType = 'application/pdf',
    declaredSize = 1000,
    now,
  }: {
    ownerId: string;
    purpose?: string;
    state?: 'pending' | 'complete';
    /** The type found in a complete upload's first bytes. */
    detectedType?: string;
    declaredSize?: number;
    now: Date;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  await db.insert(uploads).values({
    id,
    ownerId,
    purpose,
    key: `uploads/${id}`,
    multipartUploadId: state === 'pending' ? 'mp-1' : null,
    declaredSize,
    partSize: 5 * 1024 * 1024,
    name: 'Reportáž.pdf',
    detectedType: state === 'complete' ? detectedType : null,
    state,
    createdAt: now,
    updatedAt: now,
    completedAt: state === 'complete' ? now : null,
  });
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
 * A lunch day as a coordinator enters it: by default in Bratislava on 2026-12-12 from 12:00 to
 * 15:00 (the test clock starts 2026-11-23), at the hosts' homes, 5 places per side, sign-ups until 2026-12-05.
 */
export const lunchDayInput = (overrides: Partial<LunchDayInput> = {}): LunchDayInput => ({
  city: 'Bratislava',
  date: '2026-12-12',
  startTime: '12:00',
  endTime: '15:00',
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
 * The smallest valid public sign-up body (JSON, `POST /api/lunches/days/:id/signups`): a guest
 * family from Senec whose contact is Olena, speaking Ukrainian, two adults, halal, both consents,
 * English mails. The one sign-up body of every test — node, Workers (D1), the libSQL server and the
 * browser tests; {@link householdForm} adds the optional answers. `overrides` may hold invalid
 * values on purpose.
 */
export const guestSignUp = (email: string, overrides: Record<string, unknown> = {}) => ({
  role: 'guest',
  contactName: 'Olena',
  email,
  languages: ['uk'],
  town: 'Senec',
  maxTravelKm: 40,
  adults: 2,
  diets: ['halal'],
  consentData: true,
  codeOfConduct: true,
  lang: 'en',
  ...overrides,
});

/**
 * A household's sign-up form as a family sends it (JSON body) with every optional answer: the
 * guest family of {@link guestSignUp} with a phone (WhatsApp), Ukrainian and English, two
 * children, a peanut allergy, avoiding pets. `overrides` may hold invalid values on purpose.
 */
export const householdForm = (email: string, overrides: Record<string, unknown> = {}) =>
  guestSignUp(email, {
    phone: '+421 123 456 789',
    messenger: 'whatsapp',
    languages: ['uk', 'en'],
    children: { '0-2': 0, '3-5': 1, '6-11': 1, '12-17': 0 },
    allergies: 'peanuts',
    accessibility: '',
    hasPets: false,
    avoidPets: true,
    consentPhotos: false,
    ...overrides,
  });

/**
 * A host family's sign-up form: Jana in Bratislava, a table for 6, cooks halal and without
 * allergens, speaks sk and en (no guests' answers: no diets, no allergies).
 */
export const hostForm = (email: string, overrides: Record<string, unknown> = {}) =>
  householdForm(email, {
    role: 'host',
    contactName: 'Jana',
    allergies: '',
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

/**
 * A juror with one of every jury record, straight in the database (for the data-rights tests):
 * the juror row `juror-<userId>` (languages, expertise, bio, employer, cap), a declared conflict,
 * a recusal with its reason on `recusedEntryId`, an assignment and a submitted review with both
 * comments on `entryIds[0]`, a draft review on `entryIds[1]`, a submitted ballot ranking both in
 * `categoryId`, and a reminder. All at `at`. Returns the juror id.
 */
export async function createJurorWithRecords(
  db: Db,
  {
    userId,
    editionId,
    roundId,
    categoryId,
    entryIds,
    recusedEntryId,
    at = CREATED,
  }: {
    userId: string;
    editionId: string;
    roundId: string;
    categoryId: string;
    /** Two entries of the round: the first reviewed and submitted, the second a draft. */
    entryIds: [string, string];
    recusedEntryId: string;
    at?: Date;
  },
): Promise<string> {
  const id = `juror-${userId}`;
  await db.insert(jurors).values({
    id,
    editionId,
    userId,
    invitedBy: 'manager',
    invitedAt: at,
    acceptedAt: at,
    languages: [{ code: 'uk', level: 'native' }],
    expertise: [categoryId],
    bio: 'Reporter in Kharkiv.',
    employer: 'Ukrainska Pravda',
    cap: 12,
    createdAt: at,
    updatedAt: at,
  });
  await db
    .insert(jurorConflicts)
    .values({ id: `${id}-declared`, jurorId: id, kind: 'person', name: 'Ivan Petrenko', createdAt: at });
  await db.insert(entryConflicts).values({
    id: `${id}-recusal`,
    jurorId: id,
    entryId: recusedEntryId,
    source: 'recusal',
    reason: 'My cousin edited it.',
    createdAt: at,
  });
  await db.insert(assignments).values({
    id: `${id}-assignment`,
    roundId,
    entryId: entryIds[0],
    jurorId: id,
    source: 'auto',
    quality: 0.75,
    createdAt: at,
  });
  const review = { roundId, jurorId: id, version: 1, saveId: 's', createdAt: at, updatedAt: at };
  await db.insert(reviews).values([
    {
      ...review,
      id: `${id}-review`,
      entryId: entryIds[0],
      state: 'submitted',
      scores: { accuracy: 4 },
      commentForJury: 'Strong sourcing.',
      commentForEntrant: 'Clear and careful.',
      submittedAt: at,
    },
    {
      ...review,
      id: `${id}-draft`,
      entryId: entryIds[1],
      state: 'draft',
      scores: { accuracy: 2 },
      commentForJury: 'Half a thought',
    },
  ]);
  await db.insert(ballots).values({
    id: `${id}-ballot`,
    roundId,
    categoryId,
    jurorId: id,
    version: 1,
    saveId: 's',
    state: 'submitted',
    ranks: { [entryIds[0]]: 1, [entryIds[1]]: 2 },
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
  });
  await db.insert(reminders).values({ roundId, jurorId: id, kind: 'lastDay', runId: 'run-1', sentAt: at });
  return id;
}
