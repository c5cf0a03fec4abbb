import { Hono, type Context } from 'hono';
import { purgeEditionPage } from './edition-cache.ts';
import type { z } from 'zod';
import { isLocale } from '../../core/locales.ts';
import { batchedActor, requireActor, requirePermission } from '../accounts/guard.ts';
import { type Counter, countHits, limitOrThrow } from '../http/rate-limit.ts';
import { loginInput } from '../accounts/accounts.schemas.ts';
import { LOGIN_TTL_MS, requestLogin } from '../accounts/auth.service.ts';
import { readCookie, writeCookie } from '../accounts/cookies.ts';
import { rememberReturn } from '../accounts/return-path.ts';
import { requireHuman } from '../anti-bot/human-check.ts';
import { randomToken } from '../crypto/tokens.ts';
import { AppError } from '../errors.ts';
import { accepts, acceptsQuery } from '../http/accepts.ts';
import type { AppEnv } from '../http/app-env.ts';
import { clientAddress } from '../http/client.ts';
import { parseOrThrow, readBody } from '../http/validate.ts';
import { deliverDueMail } from '../mail/outbox.service.ts';
import {
  attachFileInput,
  type categoryInput,
  categorySaved,
  editionInput,
  entryFilters,
  entryListQuery,
  entrySteps,
  extensionCodeInput,
  extensionInput,
  screeningInput,
  stepInputFor,
  type EntryListQuery,
  type EntryStep,
  type ScreeningBody,
  type StepBody,
} from './competition.schemas.ts';
import { listEditions, readEdition, saveCategory, saveEdition } from './editions.service.ts';
import {
  createEntry,
  ensureAccount,
  listOwnEntries,
  readOwnEntry,
  redeemExtension,
  saveStep,
  submitEntry,
  withdrawEntry,
} from './entries.service.ts';
import { attachUpload, removeFile } from './entry-files.service.ts';
import { toCsv } from '../http/csv.ts';
import { csvValue, toXlsx } from './export.ts';
import {
  entryStats,
  exportRows,
  grantExtension,
  pageEntries,
  readManagedEntry,
  readManagedFile,
  screenEntry,
} from './organiser.service.ts';
import { attachmentDisposition, withExtension } from '../uploads/file-name.ts';
import { fileKinds, kindInfo } from '../uploads/sniff.ts';
import { can } from '../accounts/permissions.ts';

/** Writes an entrant may make: per account and per client address (drafts save on every step). */
const WRITES_PER_ACCOUNT = { max: 120, windowMs: 10 * 60_000 };
const WRITES_PER_CLIENT = { max: 300, windowMs: 10 * 60_000 };

/** Registrations (account + sign-in link), as strict as sign-in itself (S03). */
const REGISTRATIONS_PER_CLIENT = { max: 30, windowMs: 10 * 60_000 };
const REGISTRATIONS_PER_EMAIL = { max: 5, windowMs: 15 * 60_000 };

/** The write limits of an entrant: per account and per client address. */
const entrantCounters = (c: Context<AppEnv>, userId: string): Counter[] => [
  { key: `competition:user:${userId}`, limit: WRITES_PER_ACCOUNT },
  { key: `competition:ip:${clientAddress(c)}`, limit: WRITES_PER_CLIENT },
];

/** The signed-in entrant, counted against the write limits. */
async function entrantWrite(c: Context<AppEnv>) {
  const actor = await requireActor(c);
  const { db, clock } = c.get('deps');
  for (const { key, limit } of entrantCounters(c, actor.userId)) await limitOrThrow(db, key, limit, clock());
  return actor;
}

/** The form's language (`lang`), which every write may carry: its errors come back in it. */
type FormLanguage = { lang?: string };

/** Errors come back in the language of the form. */
function formLocale(c: Context<AppEnv>, body: Record<string, unknown>): string {
  if (isLocale(body.lang)) c.set('locale', body.lang);
  return c.get('locale');
}

const sendMailSoon = (c: Context<AppEnv>) => c.get('waitUntil')(deliverDueMail(c.get('deps')).catch(() => undefined));
const isStep = (s: string): s is EntryStep => (entrySteps as readonly string[]).includes(s);
const noStore = (c: Context<AppEnv>) => c.header('Cache-Control', 'private, no-store');

/**
 * The signed-in actor, allowed to manage the path's edition; otherwise an entry of it answers
 * like one that does not exist.
 * @throws AppError `auth.required` (401) when nobody is signed in
 * @throws AppError `request.notFound` (404) when the actor may not manage the path's edition
 */
async function manageEntryOr404(c: Context<AppEnv>) {
  const actor = await requireActor(c);
  if (!can(actor, 'competition.manage', `edition:${c.req.param('id')}`)) throw new AppError('request.notFound', 404);
  return actor;
}

/** Types organisers may preview in the browser: PDF and images (the rest only downloads). */
const previewable = (type: string): boolean => type === 'application/pdf' || type.startsWith('image/');

/** The media competition: public editions, entrants' entries, and the organisers' side. */
export const competitionRoutes = new Hono<AppEnv>()
  // Public: editions with their live state, for the entrant's "start an entry" choice.
  .get('/editions', async (c) => {
    c.header('Cache-Control', 'no-store');
    const editions = await listEditions(c.get('deps'));
    return c.json({
      editions: editions.map((e) => ({
        id: e.id,
        name: e.name,
        state: e.state,
        submissionsCloseAt: e.submissionsCloseAt,
      })),
    });
  })
  // Public: the edition with its categories and live state (never cached: the state moves).
  .get('/editions/:id', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await readEdition(c.get('deps'), c.req.param('id')));
  })
  // Journalists have no account yet: this makes one (if new) and mails a sign-in link, with the
  // same answer for known and new addresses (S02), behind the sign-in limits and proof of work.
  .post('/register', accepts<z.input<typeof loginInput> & { altcha?: string }>(), async (c) => {
    const body = await readBody(c);
    const input = parseOrThrow(loginInput, { ...body, lang: formLocale(c, body) });
    const deps = c.get('deps');
    await limitOrThrow(deps.db, `register:ip:${clientAddress(c)}`, REGISTRATIONS_PER_CLIENT, deps.clock());
    await limitOrThrow(deps.db, `register:email:${input.email}`, REGISTRATIONS_PER_EMAIL, deps.clock());
    await requireHuman(c, body.altcha, 'register');
    await ensureAccount(deps, input.email, input.lang);
    const browser = readCookie(c, 'login') ?? randomToken();
    writeCookie(c, 'login', browser, LOGIN_TTL_MS / 1000);
    rememberReturn(c, input.returnTo);
    await requestLogin(deps, input.email, input.lang, browser);
    sendMailSoon(c);
    return c.json({ status: 'sent' as const }, 202);
  })
  .post('/editions/:id/entries', accepts<FormLanguage>(), async (c) => {
    const body = await readBody(c);
    const locale = formLocale(c, body);
    const actor = await entrantWrite(c);
    const id = await createEntry(c.get('deps'), actor.userId, c.req.param('id'), locale);
    return c.json({ id }, 201);
  })
  .post('/editions/:id/extension', accepts<z.input<typeof extensionCodeInput> & FormLanguage>(), async (c) => {
    const body = await readBody(c);
    formLocale(c, body);
    const actor = await entrantWrite(c);
    const { code } = parseOrThrow(extensionCodeInput, body);
    const until = await redeemExtension(c.get('deps'), actor.userId, c.req.param('id'), code);
    return c.json({ until });
  })
  .get('/entries', async (c) => {
    const actor = await requireActor(c);
    noStore(c);
    return c.json({ entries: await listOwnEntries(c.get('deps'), actor.userId) });
  })
  .get('/entries/:id', async (c) => {
    const actor = await requireActor(c);
    noStore(c);
    return c.json(await readOwnEntry(c.get('deps'), actor.userId, c.req.param('id')));
  })
  .post('/entries/:id/steps/:step', accepts<StepBody & FormLanguage>(), async (c) => {
    const step = c.req.param('step');
    if (!isStep(step)) throw new AppError('request.notFound', 404);
    const body = await readBody(c);
    formLocale(c, body);
    // The session is read in the save's own read batch; the write limits are counted in its write
    // batch, and a save refused after the session was accepted (invalid, not found) still counts.
    let userId: string | undefined;
    const who = await batchedActor(c, undefined, (actor) => {
      userId = actor.userId;
    });
    const { db, clock } = c.get('deps');
    try {
      await saveStep(
        c.get('deps'),
        who,
        c.req.param('id'),
        step,
        (categories) => {
          // Nothing typed is lost: a body with no field at all (an empty or broken post) never
          // overwrites the saved draft with an empty step.
          if (Object.keys(body).every((name) => name === 'lang')) throw new AppError('validation.failed', 400);
          return parseOrThrow(stepInputFor(step, categories), body);
        },
        (id) => entrantCounters(c, id),
      );
    } catch (error) {
      if (userId && error instanceof AppError && error.status < 500 && error.status !== 429)
        await countHits(db, entrantCounters(c, userId), clock());
      throw error;
    }
    return c.json({ status: 'saved' as const });
  })
  // Attaching a completed upload for `entry:<id>` (a separate step after the upload, so the
  // upload module stays generic and a retried attach is harmless).
  .post('/entries/:id/files', accepts<z.input<typeof attachFileInput> & FormLanguage>(), async (c) => {
    const body = await readBody(c);
    formLocale(c, body);
    const actor = await entrantWrite(c);
    const input = attachFileInput.safeParse(body);
    if (!input.success) throw new AppError('upload.notFound', 404);
    const file = await attachUpload(c.get('deps'), actor.userId, c.req.param('id'), input.data.uploadId);
    return c.json({ status: 'attached' as const, id: file.id });
  })
  .post('/entries/:id/files/:fileId/remove', accepts<FormLanguage>(), async (c) => {
    formLocale(c, await readBody(c));
    const actor = await entrantWrite(c);
    await removeFile(c.get('deps'), actor.userId, c.req.param('id'), c.req.param('fileId'));
    return c.json({ status: 'removed' as const });
  })
  .post('/entries/:id/submit', accepts<FormLanguage>(), async (c) => {
    formLocale(c, await readBody(c));
    const actor = await entrantWrite(c);
    const result = await submitEntry(c.get('deps'), actor.userId, c.req.param('id'));
    sendMailSoon(c);
    return c.json({ status: 'submitted' as const, number: result.number });
  })
  .post('/entries/:id/withdraw', accepts<FormLanguage>(), async (c) => {
    formLocale(c, await readBody(c));
    const actor = await entrantWrite(c);
    await withdrawEntry(c.get('deps'), actor.userId, c.req.param('id'));
    return c.json({ status: 'withdrawn' as const });
  })

  // Organisers: competition managers (portal-wide or for the edition) and admins.
  .get('/manage/editions', async (c) => {
    await requirePermission(c, 'competition.manage');
    noStore(c);
    return c.json({ editions: await listEditions(c.get('deps')) });
  })
  .post('/manage/editions', accepts<z.input<typeof editionInput> & FormLanguage>(), async (c) => {
    // Signed in first (401 before any detail of the input is judged); the edition's scope needs the input.
    await requireActor(c);
    const body = await readBody(c);
    formLocale(c, body);
    const input = parseOrThrow(editionInput, body);
    const actor = await requirePermission(c, 'competition.manage', `edition:${input.id}`);
    await saveEdition(c.get('deps'), actor.userId, input);
    await purgeEditionPage(c.get('deps'), input.id);
    return c.json({ id: input.id });
  })
  .post('/manage/editions/:id/categories', accepts<z.input<typeof categoryInput> & FormLanguage>(), async (c) => {
    const actor = await requirePermission(c, 'competition.manage', `edition:${c.req.param('id')}`);
    const body = await readBody(c);
    formLocale(c, body);
    await saveCategory(c.get('deps'), actor.userId, c.req.param('id'), parseOrThrow(categorySaved, body));
    await purgeEditionPage(c.get('deps'), c.req.param('id'));
    return c.json({ status: 'saved' as const });
  })
  .get('/manage/editions/:id/entries', acceptsQuery<EntryListQuery>(), async (c) => {
    await requirePermission(c, 'competition.manage', `edition:${c.req.param('id')}`);
    noStore(c);
    const { page, size, ...filters } = entryListQuery.parse(c.req.query());
    const deps = c.get('deps');
    const [listed, stats] = await Promise.all([
      pageEntries(deps, c.req.param('id'), filters, { page, size }),
      entryStats(deps, c.req.param('id')),
    ]);
    return c.json({ ...listed, stats });
  })
  // One entry for its organisers. An entry the actor may not manage answers like one that does
  // not exist (404), whichever edition the path names (S07).
  .get('/manage/editions/:id/entries/:entryId', async (c) => {
    await manageEntryOr404(c);
    noStore(c);
    return c.json(await readManagedEntry(c.get('deps'), c.req.param('id'), c.req.param('entryId')));
  })
  // A file of the entry: an attachment, or (`?view=inline`) shown in the browser when it is a PDF
  // or an image, for the preview; never sniffed, never framed by another site (S13).
  .get('/manage/editions/:id/entries/:entryId/files/:fileId', acceptsQuery<{ view?: string }>(), async (c) => {
    await manageEntryOr404(c);
    const { object, name, type } = await readManagedFile(
      c.get('deps'),
      c.req.param('id'),
      c.req.param('entryId'),
      c.req.param('fileId'),
    );
    const ext = fileKinds.find((k) => kindInfo[k].mime === type);
    const fileName = ext ? withExtension(name, kindInfo[ext].ext) : name;
    const inline = c.req.query('view') === 'inline' && previewable(type);
    return new Response(object.body, {
      headers: {
        'Content-Type': type,
        'Content-Length': String(object.size),
        'Content-Disposition': inline
          ? attachmentDisposition(fileName).replace(/^attachment/, 'inline')
          : attachmentDisposition(fileName),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        // A preview runs nothing of its own and may be framed only by the portal's entry page.
        ...(inline ? { 'Content-Security-Policy': "default-src 'none'; img-src 'self'; frame-ancestors 'self'" } : {}),
      },
    });
  })
  .get('/manage/editions/:id/export/:format{csv|xlsx}', async (c) => {
    await requirePermission(c, 'competition.manage', `edition:${c.req.param('id')}`);
    const rows = await exportRows(c.get('deps'), c.req.param('id'), entryFilters.parse(c.req.query()));
    const name = `entries-${c.req.param('id')}`;
    const headers = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };
    if (c.req.param('format') === 'csv') {
      return c.body(toCsv(rows.map((row) => row.map(csvValue))), 200, {
        ...headers,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}.csv"`,
      });
    }
    return c.body(toXlsx(rows).slice().buffer, 200, {
      ...headers,
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${name}.xlsx"`,
    });
  })
  .post('/manage/editions/:id/entries/:entryId/screening', accepts<ScreeningBody & FormLanguage>(), async (c) => {
    const actor = await requirePermission(c, 'competition.manage', `edition:${c.req.param('id')}`);
    const body = await readBody(c);
    formLocale(c, body);
    const input = parseOrThrow(screeningInput, body);
    await screenEntry(
      c.get('deps'),
      actor.userId,
      c.req.param('id'),
      c.req.param('entryId'),
      input.decision,
      input.reason,
    );
    sendMailSoon(c);
    return c.json({ status: 'saved' as const });
  })
  .post('/manage/editions/:id/extensions', accepts<z.input<typeof extensionInput> & FormLanguage>(), async (c) => {
    const actor = await requirePermission(c, 'competition.manage', `edition:${c.req.param('id')}`);
    const body = await readBody(c);
    formLocale(c, body);
    const input = parseOrThrow(extensionInput, body);
    await grantExtension(c.get('deps'), actor.userId, c.req.param('id'), input.email, input.until);
    sendMailSoon(c);
    return c.json({ status: 'granted' as const }, 201);
  });
