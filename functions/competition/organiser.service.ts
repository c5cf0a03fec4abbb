import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { localizedPath } from '../../core/urls.ts';
import { EDITION_ZONE, formatInstant } from '../../core/dates.ts';
import { toLocale } from '../../core/locales.ts';
import { audit, auditDetails, auditRowid } from '../accounts/audit.ts';
import { randomToken, sha256Hex } from '../crypto/tokens.ts';
import { auditLog, categories, entries, entryFiles, extensions, users } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { contains, pageInfo, type Paging } from '../http/paging.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import type { EntryFilters } from './competition.schemas.ts';
import { readEdition } from './editions.service.ts';
import { extensionMail, ineligibleMail } from './mails.ts';
import { day, type XlsxCell } from './export.ts';
import { instantOfField } from './timeline.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** The conditions of the organisers' filters (search included) within one edition. */
function entryConditions(editionId: string, filters: EntryFilters): SQL[] {
  const where: SQL[] = [eq(entries.editionId, editionId)];
  if (filters.category) where.push(eq(entries.categoryId, filters.category));
  if (filters.language) where.push(eq(entries.language, filters.language));
  if (filters.country) where.push(eq(entries.country, filters.country));
  if (filters.state === 'draft' || filters.state === 'submitted' || filters.state === 'withdrawn')
    where.push(eq(entries.status, filters.state));
  if (filters.state === 'eligible' || filters.state === 'ineligible' || filters.state === 'pending') {
    where.push(eq(entries.status, 'submitted'), eq(entries.screening, filters.state));
  }
  // Authors are stored as JSON text: a name matches inside it (so does a role, which is harmless).
  if (filters.q) where.push(contains(filters.q, [entries.title, entries.number, entries.outlet, entries.authors]));
  return where;
}

const listColumns = {
  id: entries.id,
  number: entries.number,
  status: entries.status,
  screening: entries.screening,
  screeningReason: entries.screeningReason,
  title: entries.title,
  categoryId: entries.categoryId,
  category: categories.slug,
  language: entries.language,
  country: entries.country,
  outlet: entries.outlet,
  url: entries.url,
  publishedOn: entries.publishedOn,
  authors: entries.authors,
  email: users.email,
  submittedAt: entries.submittedAt,
};

/**
 * Every row of the organisers' list matching the filters (for the export); drafts are included
 * so organisers can see who is still writing. Numbered entries first, by number; then by creation.
 */
export async function listEntries(deps: ServiceDeps, editionId: string, filters: EntryFilters) {
  return deps.db
    .select(listColumns)
    .from(entries)
    .innerJoin(users, eq(users.id, entries.entrantId))
    .leftJoin(categories, eq(categories.id, entries.categoryId))
    .where(and(...entryConditions(editionId, filters)))
    .orderBy(sql`${entries.number} IS NULL`, asc(entries.number), asc(entries.createdAt), asc(entries.id));
}

/**
 * One page of the organisers' list, in the order of {@link listEntries}: `{ entries, page }`,
 * where `page` is `{ page, size, total, pages }` (a page past the end shows the last page).
 */
export async function pageEntries(
  deps: ServiceDeps,
  editionId: string,
  filters: EntryFilters,
  paging: Pick<Paging, 'page' | 'size'>,
) {
  const where = and(...entryConditions(editionId, filters));
  const counted = await deps.db.select({ n: sql<number>`count(*)` }).from(entries).where(where).get();
  const { offset, ...page } = pageInfo(counted?.n ?? 0, paging);
  const rows = await deps.db
    .select(listColumns)
    .from(entries)
    .innerJoin(users, eq(users.id, entries.entrantId))
    .leftJoin(categories, eq(categories.id, entries.categoryId))
    .where(where)
    .orderBy(sql`${entries.number} IS NULL`, asc(entries.number), asc(entries.createdAt), asc(entries.id))
    .limit(page.size)
    .offset(offset);
  return { entries: rows, page };
}

/**
 * One entry of the edition as its organisers see it: every field, the entrant's address, the
 * category, the files (without storage keys) and its history from the audit log, oldest first,
 * with the actor's address where the actor has an account.
 * @throws AppError `request.notFound` (404) when the edition has no entry with this id
 */
export async function readManagedEntry(deps: ServiceDeps, editionId: string, entryId: string) {
  const row = await deps.db
    .select({ entry: entries, email: users.email })
    .from(entries)
    .innerJoin(users, eq(users.id, entries.entrantId))
    .where(and(eq(entries.id, entryId), eq(entries.editionId, editionId)))
    .get();
  if (!row) throw new AppError('request.notFound', 404);
  const actor = alias(users, 'actor');
  const [files, history] = await Promise.all([
    deps.db
      .select({
        id: entryFiles.id,
        kind: entryFiles.kind,
        name: entryFiles.name,
        size: entryFiles.size,
        type: entryFiles.type,
        createdAt: entryFiles.createdAt,
      })
      .from(entryFiles)
      .where(eq(entryFiles.entryId, entryId))
      .orderBy(asc(entryFiles.createdAt), asc(entryFiles.id)),
    deps.db
      .select({
        at: auditLog.at,
        action: auditLog.action,
        actorEmail: actor.email,
        details: auditLog.details,
      })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.actorId))
      .where(and(eq(auditLog.objectType, 'entry'), eq(auditLog.objectId, entryId)))
      .orderBy(asc(auditLog.at), asc(auditRowid)),
  ]);
  const { entrantId: _entrant, seq: _seq, ...entry } = row.entry;
  return {
    entry: { ...entry, email: row.email },
    files,
    history: history.map((h) => ({ ...h, details: auditDetails(h.details) })),
  };
}

/**
 * A file of an entry of the edition, for its organisers: the stored object with its clean name
 * and sniffed type.
 * @throws AppError `request.notFound` (404) when the edition has no such entry, the entry no such
 *   file, or the bucket no longer holds it
 */
export async function readManagedFile(
  deps: Pick<Deps, 'db' | 'files'>,
  editionId: string,
  entryId: string,
  fileId: string,
) {
  const file = await deps.db
    .select({ key: entryFiles.uploadKey, name: entryFiles.name, type: entryFiles.type })
    .from(entryFiles)
    .innerJoin(entries, eq(entries.id, entryFiles.entryId))
    .where(and(eq(entryFiles.id, fileId), eq(entries.id, entryId), eq(entries.editionId, editionId)))
    .get();
  const object = file && deps.files ? await deps.files.get(file.key) : null;
  if (!file || !object) throw new AppError('request.notFound', 404);
  return { object, name: file.name, type: file.type };
}

/** Counts for the organisers: by state, and submitted entries by category, language and country. */
export async function entryStats(deps: ServiceDeps, editionId: string) {
  const count = sql<number>`count(*)`;
  const submitted = and(eq(entries.editionId, editionId), eq(entries.status, 'submitted'));
  const [byStatus, byCategory, byLanguage, byCountry, byScreening] = await Promise.all([
    deps.db
      .select({ key: entries.status, n: count })
      .from(entries)
      .where(eq(entries.editionId, editionId))
      .groupBy(entries.status),
    deps.db
      .select({ key: categories.slug, n: count })
      .from(entries)
      .innerJoin(categories, eq(categories.id, entries.categoryId))
      .where(submitted)
      .groupBy(categories.slug),
    deps.db.select({ key: entries.language, n: count }).from(entries).where(submitted).groupBy(entries.language),
    deps.db.select({ key: entries.country, n: count }).from(entries).where(submitted).groupBy(entries.country),
    deps.db.select({ key: entries.screening, n: count }).from(entries).where(submitted).groupBy(entries.screening),
  ]);
  const asRecord = (rows: { key: string | null; n: number }[]) =>
    Object.fromEntries(rows.map((r) => [r.key ?? '', r.n]));
  return {
    byStatus: asRecord(byStatus),
    byCategory: asRecord(byCategory),
    byLanguage: asRecord(byLanguage),
    byCountry: asRecord(byCountry),
    byScreening: asRecord(byScreening),
  };
}

/**
 * Records the screening decision on a submitted entry of the edition; an ineligible entry's
 * entrant gets the reason by mail, in the same batch as the decision.
 * @throws AppError `request.notFound` (404) when the edition has no submitted entry with this id
 */
export async function screenEntry(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  entryId: string,
  decision: 'pending' | 'eligible' | 'ineligible',
  reason: string,
): Promise<void> {
  const row = await deps.db
    .select({ number: entries.number, title: entries.title, locale: entries.locale, email: users.email })
    .from(entries)
    .innerJoin(users, eq(users.id, entries.entrantId))
    .where(and(eq(entries.id, entryId), eq(entries.editionId, editionId), eq(entries.status, 'submitted')))
    .get();
  if (!row) throw new AppError('request.notFound', 404);
  const now = deps.clock();
  const kept = decision === 'ineligible' ? reason : null;
  await deps.db.batch([
    deps.db
      .update(entries)
      .set({ screening: decision, screeningReason: kept })
      .where(and(eq(entries.id, entryId), eq(entries.status, 'submitted'))),
    audit(
      deps.db,
      { actorId, action: 'competition.entry.screened', objectType: 'entry', objectId: entryId, details: { decision } },
      now,
    ),
    ...(decision === 'ineligible'
      ? [enqueueMail(deps.db, ineligibleMail(row.locale, row.email, row.number ?? '', row.title, reason), now)]
      : []),
  ]);
}

/**
 * The export's header and rows (identifying fields included: organisers see everything), as typed cells:
 * the number and texts as text, `published_on` as a day, `submitted_at` as an instant (null when not yet).
 */
export async function exportRows(deps: ServiceDeps, editionId: string, filters: EntryFilters): Promise<XlsxCell[][]> {
  const rows = await listEntries(deps, editionId, { ...filters, state: filters.state || 'submitted' });
  const header = [
    'number',
    'status',
    'screening',
    'reason',
    'category',
    'title',
    'language',
    'country',
    'outlet',
    'url',
    'published_on',
    'authors',
    'email',
    'submitted_at',
  ];
  return [
    header,
    ...rows.map((r) => [
      r.number,
      r.status,
      r.screening,
      r.screeningReason ?? '',
      r.category ?? '',
      r.title,
      r.language,
      r.country,
      r.outlet,
      r.url,
      r.publishedOn ? day(r.publishedOn) : null,
      r.authors.map((a) => (a.role ? `${a.name} (${a.role})` : a.name)).join('; '),
      r.email,
      r.submittedAt,
    ]),
  ];
}

/**
 * Gives one entrant (by address) an extension until a wall-clock time in the edition's zone. The
 * access code is mailed once and stored only as a hash; a new grant replaces the old code.
 * @throws AppError `request.notFound` (404) when the edition does not exist
 * @throws AppError `validation.failed` (422, field `until`, `time.impossible` / `time.skipped`) for a time that
 *   does not exist in Europe/Bratislava (an ambiguous one means the earlier instant)
 * @throws AppError `validation.failed` (422, field `until`, `competition.time`) for a time that is past or
 *   not after the deadline
 * @throws AppError `validation.failed` (422, field `email`, `user.notFound`) when no active account has the
 *   address
 */
export async function grantExtension(
  deps: ServiceDeps,
  actorId: string,
  editionId: string,
  email: string,
  untilLocal: string,
): Promise<void> {
  const { edition } = await readEdition(deps, editionId);
  const until = instantOfField(untilLocal, EDITION_ZONE, 'until');
  const now = deps.clock();
  if (until <= now || until <= edition.submissionsCloseAt)
    throw new AppError('validation.failed', 422, [{ field: 'until', code: 'competition.time' }]);
  const entrant = await deps.db
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(and(eq(users.email, email), ne(users.status, 'disabled')))
    .get();
  if (!entrant) throw new AppError('validation.failed', 422, [{ field: 'email', code: 'user.notFound' }]);
  // Short enough to type, long enough not to guess: 10 characters from the random token.
  const code = randomToken()
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 10)
    .toUpperCase();
  const codeHash = await sha256Hex(code);
  const locale = toLocale(entrant.locale);
  const untilText = `${formatInstant(locale, until)} (${EDITION_ZONE})`;
  await deps.db.batch([
    deps.db
      .insert(extensions)
      .values({
        id: crypto.randomUUID(),
        editionId,
        entrantId: entrant.id,
        codeHash,
        until,
        grantedBy: actorId,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [extensions.editionId, extensions.entrantId],
        set: { codeHash, until, redeemedAt: null, grantedBy: actorId, createdAt: now },
      }),
    audit(
      deps.db,
      {
        actorId,
        action: 'competition.extension.granted',
        objectType: 'user',
        objectId: entrant.id,
        details: { edition: editionId },
      },
      now,
    ),
    enqueueMail(
      deps.db,
      extensionMail(
        locale,
        email,
        code,
        untilText,
        `${deps.config.publicOrigin}${localizedPath(locale, '/competition/entries/')}`,
      ),
      now,
    ),
  ]);
}
