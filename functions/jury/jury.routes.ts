import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { isLocale } from '../../core/locales.ts';
import { batchedActor, requirePermission } from '../accounts/guard.ts';
import { editions } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { accepts } from '../http/accepts.ts';
import type { AppEnv } from '../http/app-env.ts';
import { clientAddress } from '../http/client.ts';
import { countHits, limitOrThrow } from '../http/rate-limit.ts';
import { parseOrThrow, readBody } from '../http/validate.ts';
import { deliverDueMail } from '../mail/outbox.service.ts';
import { jurorOf } from './access.ts';
import {
  acceptInput,
  adjustInput,
  declareConflictInput,
  inviteInput,
  profileInputFor,
  recordConflictInput,
  recuseInput,
  reviewInputFor,
  roundInput,
  type ProfileBody,
  type ReviewBody,
} from './jury.schemas.ts';
import { filesKeptFromJurors, prepareBlindCopies } from './blind-files.service.ts';
import {
  acceptInvitation,
  declareConflict,
  dismissPasskeyPrompt,
  inviteJuror,
  listConflicts,
  listJurors,
  passkeyPromptDue,
  profileChoices,
  profileView,
  readInvitation,
  recordConflict,
  recuse,
  removeConflict,
  saveProfile,
  withdrawDeclared,
} from './jurors.service.ts';
import { blindFile, entryForJuror, myEntries, nextEntry, saveReview } from './reviews.service.ts';
import {
  adjustAssignment,
  deleteRound,
  listRounds,
  remindJuror,
  roundProgress,
  runAssignment,
  saveRound,
} from './rounds.service.ts';

/** The form's language (`lang`), which every write may carry: its errors come back in it. */
type FormLanguage = { lang?: string };

/** Accepting invitations: per client address (a token is 256 bits; this only stops floods). */
const ACCEPTS_PER_CLIENT = { max: 30, windowMs: 10 * 60_000 };
/** Saves a juror may make (autosave sends many). */
const SAVES_PER_JUROR = { max: 600, windowMs: 10 * 60_000 };

/** Media types the scoring screen may show inline (blind copies only; nosniff is always sent). */
const inlineTypes = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'video/mp4',
  'video/quicktime',
  'audio/mp4',
  'audio/mpeg',
]);

function formLocale(c: Context<AppEnv>, body: Record<string, unknown>): void {
  if (isLocale(body.lang)) c.set('locale', body.lang);
}
const noStore = (c: Context<AppEnv>) => c.header('Cache-Control', 'private, no-store');
const sendMailSoon = (c: Context<AppEnv>) => c.get('waitUntil')(deliverDueMail(c.get('deps')).catch(() => undefined));
const edition = (c: Context<AppEnv>) => `edition:${c.req.param('id')}`;

/** The signed-in, accepted juror of the edition in the path (403 otherwise). */
async function juror(
  c: Context<AppEnv>,
  action: 'jury.score' | 'jury.recuse' | 'jury.declareConflicts' | 'jury.profile' = 'jury.score',
) {
  const actor = await requirePermission(c, action, edition(c));
  return jurorOf(c.get('deps').db, actor, c.req.param('id') ?? '');
}

/** The jury: invitations, jurors' profiles, conflicts and reviews, and the managers' rounds and assignments. */
export const juryRoutes = new Hono<AppEnv>()
  // The invitation page reads this; reading changes nothing (mail scanners open links first).
  .get('/invitations/:token', async (c) => {
    noStore(c);
    return c.json(await readInvitation(c.get('deps'), c.req.param('token')));
  })
  // The page's one button.
  .post('/invitations/accept', accepts<z.input<typeof acceptInput> & FormLanguage>(), async (c) => {
    const body = await readBody(c);
    formLocale(c, body);
    const deps = c.get('deps');
    await limitOrThrow(deps.db, `jury:accept:${clientAddress(c)}`, ACCEPTS_PER_CLIENT, deps.clock());
    const { token } = parseOrThrow(acceptInput, body);
    return c.json({ status: 'accepted' as const, ...(await acceptInvitation(deps, token)) });
  })

  // Jurors of an edition.
  .get('/editions/:id/me', async (c) => {
    const j = await juror(c);
    noStore(c);
    const deps = c.get('deps');
    const [rounds, profile, choices, passkeyPrompt] = await Promise.all([
      listRounds(deps, j.editionId),
      profileView(deps, j),
      profileChoices(deps, j.editionId),
      passkeyPromptDue(deps, j),
    ]);
    return c.json({
      profile,
      /** What the profile form offers: the edition's languages and categories. */
      choices,
      /** Whether to ask for a passkey (none yet, prompt not set aside). */
      passkeyPrompt,
      rounds: rounds.map((r) => ({
        id: r.id,
        position: r.position,
        kind: r.kind,
        name: r.name,
        state: r.state,
        opensAt: r.opensAt.toISOString(),
        closesAt: r.closesAt.toISOString(),
      })),
    });
  })
  .post('/editions/:id/profile', accepts<ProfileBody & FormLanguage>(), async (c) => {
    const body = await readBody(c);
    formLocale(c, body);
    const j = await juror(c, 'jury.profile');
    const deps = c.get('deps');
    const choices = await profileChoices(deps, j.editionId);
    const schema = profileInputFor(
      choices.languages,
      choices.categories.map((category) => category.id),
    );
    await saveProfile(deps, j, parseOrThrow(schema, body));
    return c.json({ status: 'saved' as const });
  })
  .post('/editions/:id/passkey-prompt/dismiss', accepts<FormLanguage>(), async (c) => {
    formLocale(c, await readBody(c));
    const j = await juror(c, 'jury.profile');
    await dismissPasskeyPrompt(c.get('deps'), j);
    return c.json({ status: 'dismissed' as const });
  })
  .post('/editions/:id/conflicts', accepts<z.input<typeof declareConflictInput> & FormLanguage>(), async (c) => {
    const body = await readBody(c);
    formLocale(c, body);
    const j = await juror(c, 'jury.declareConflicts');
    await declareConflict(c.get('deps'), j, parseOrThrow(declareConflictInput, body));
    return c.json({ status: 'saved' as const }, 201);
  })
  .post('/editions/:id/conflicts/:conflictId/delete', accepts<FormLanguage>(), async (c) => {
    formLocale(c, await readBody(c));
    const j = await juror(c, 'jury.declareConflicts');
    await withdrawDeclared(c.get('deps'), j, c.req.param('conflictId'));
    return c.json({ status: 'deleted' as const });
  })
  .get('/editions/:id/rounds/:roundId/entries', async (c) => {
    const j = await juror(c);
    noStore(c);
    return c.json(await myEntries(c.get('deps'), j, c.req.param('roundId')));
  })
  .get('/editions/:id/rounds/:roundId/next', async (c) => {
    const j = await juror(c);
    noStore(c);
    return c.json({ entryId: await nextEntry(c.get('deps'), j, c.req.param('roundId')) });
  })
  .get('/editions/:id/rounds/:roundId/entries/:entryId', async (c) => {
    const j = await juror(c);
    noStore(c);
    return c.json(await entryForJuror(c.get('deps'), j, c.req.param('roundId'), c.req.param('entryId')));
  })
  .get('/editions/:id/rounds/:roundId/entries/:entryId/files/:fileId', async (c) => {
    const j = await juror(c);
    const file = await blindFile(
      c.get('deps'),
      j,
      c.req.param('roundId'),
      c.req.param('entryId'),
      c.req.param('fileId'),
    );
    // `?inline=1` lets the scoring screen embed a PDF, image or player; anything else stays an attachment.
    const inline = c.req.query('inline') === '1' && inlineTypes.has(file.type);
    return c.body(file.body, 200, {
      'Content-Type': file.type,
      'Content-Disposition': inline ? file.disposition.replace(/^attachment/, 'inline') : file.disposition,
      'Content-Length': String(file.size),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      // Shown inline, it runs nothing of its own and may be framed only by the scoring screen.
      ...(inline ? { 'Content-Security-Policy': "default-src 'none'; img-src 'self'; frame-ancestors 'self'" } : {}),
    });
  })
  .post('/editions/:id/rounds/:roundId/entries/:entryId/review', accepts<ReviewBody & FormLanguage>(), async (c) => {
    const body = await readBody(c);
    formLocale(c, body);
    const deps = c.get('deps');
    // The session and the permission are checked on the save's own read batch. Saves are counted
    // per account (one juror row per edition and account) in its write batch; a save refused after
    // the juror was accepted (an invalid body, an entry out of reach) still counts.
    const countersOf = (userId: string) => [
      { key: `jury:save:${userId}:${c.req.param('id')}`, limit: SAVES_PER_JUROR },
    ];
    let userId: string | undefined;
    const who = await batchedActor(c, { action: 'jury.score', scope: edition(c) }, (actor) => {
      userId = actor.userId;
    });
    let review: Awaited<ReturnType<typeof saveReview>>;
    try {
      review = await saveReview(
        deps,
        who,
        c.req.param('id'),
        c.req.param('roundId'),
        c.req.param('entryId'),
        (criteria) => parseOrThrow(reviewInputFor(criteria), body),
        countersOf,
      );
    } catch (error) {
      if (userId && error instanceof AppError && error.status < 500 && error.status !== 429 && error.status !== 403)
        await countHits(deps.db, countersOf(userId), deps.clock());
      throw error;
    }
    return c.json({ status: 'saved' as const, review });
  })
  .post(
    '/editions/:id/rounds/:roundId/entries/:entryId/recuse',
    accepts<z.input<typeof recuseInput> & FormLanguage>(),
    async (c) => {
      const body = await readBody(c);
      formLocale(c, body);
      const j = await juror(c, 'jury.recuse');
      await recuse(c.get('deps'), j, c.req.param('entryId'), parseOrThrow(recuseInput, body));
      return c.json({ status: 'recused' as const });
    },
  )

  // Managers of the edition. An edition that does not exist answers 404 on every managers' route
  // (its pages would otherwise show an empty jury of a made-up edition and run validation on it).
  .use('/manage/editions/:id/*', async (c, next) => {
    const known = await c
      .get('deps')
      .db.select({ id: editions.id })
      .from(editions)
      .where(eq(editions.id, c.req.param('id') ?? ''))
      .get();
    if (!known) throw new AppError('request.notFound', 404);
    await next();
  })
  .get('/manage/editions/:id/jurors', async (c) => {
    await requirePermission(c, 'jury.progress', edition(c));
    noStore(c);
    const [jurors, choices] = await Promise.all([
      listJurors(c.get('deps'), c.req.param('id')),
      profileChoices(c.get('deps'), c.req.param('id')),
    ]);
    // Categories by id, so the page names a juror's expertise.
    return c.json({ jurors, categories: choices.categories });
  })
  .post('/manage/editions/:id/jurors', accepts<z.input<typeof inviteInput> & FormLanguage>(), async (c) => {
    const actor = await requirePermission(c, 'jury.invite', edition(c));
    const body = await readBody(c);
    formLocale(c, body);
    const id = await inviteJuror(c.get('deps'), actor.userId, c.req.param('id'), parseOrThrow(inviteInput, body));
    sendMailSoon(c);
    return c.json({ id }, 201);
  })
  .get('/manage/editions/:id/conflicts', async (c) => {
    await requirePermission(c, 'jury.conflicts', edition(c));
    noStore(c);
    return c.json(await listConflicts(c.get('deps'), c.req.param('id')));
  })
  .post('/manage/editions/:id/conflicts', accepts<z.input<typeof recordConflictInput> & FormLanguage>(), async (c) => {
    const actor = await requirePermission(c, 'jury.conflicts', edition(c));
    const body = await readBody(c);
    formLocale(c, body);
    await recordConflict(c.get('deps'), actor.userId, c.req.param('id'), parseOrThrow(recordConflictInput, body));
    return c.json({ status: 'saved' as const }, 201);
  })
  .post('/manage/editions/:id/conflicts/:conflictId/delete', accepts<FormLanguage>(), async (c) => {
    const actor = await requirePermission(c, 'jury.conflicts', edition(c));
    formLocale(c, await readBody(c));
    await removeConflict(c.get('deps'), actor.userId, c.req.param('id'), c.req.param('conflictId'));
    return c.json({ status: 'deleted' as const });
  })
  .get('/manage/editions/:id/rounds', async (c) => {
    await requirePermission(c, 'jury.rounds', edition(c));
    noStore(c);
    return c.json({ rounds: await listRounds(c.get('deps'), c.req.param('id')) });
  })
  .post('/manage/editions/:id/rounds', accepts<z.input<typeof roundInput> & FormLanguage>(), async (c) => {
    const actor = await requirePermission(c, 'jury.rounds', edition(c));
    const body = await readBody(c);
    formLocale(c, body);
    const id = await saveRound(c.get('deps'), actor.userId, c.req.param('id'), parseOrThrow(roundInput, body));
    return c.json({ id }, 201);
  })
  .post('/manage/editions/:id/rounds/:roundId', accepts<z.input<typeof roundInput> & FormLanguage>(), async (c) => {
    const actor = await requirePermission(c, 'jury.rounds', edition(c));
    const body = await readBody(c);
    formLocale(c, body);
    const id = await saveRound(
      c.get('deps'),
      actor.userId,
      c.req.param('id'),
      parseOrThrow(roundInput, body),
      c.req.param('roundId'),
    );
    return c.json({ id });
  })
  .post('/manage/editions/:id/rounds/:roundId/delete', accepts<FormLanguage>(), async (c) => {
    const actor = await requirePermission(c, 'jury.rounds', edition(c));
    formLocale(c, await readBody(c));
    await deleteRound(c.get('deps'), actor.userId, c.req.param('id'), c.req.param('roundId'));
    return c.json({ status: 'deleted' as const });
  })
  .post('/manage/editions/:id/rounds/:roundId/assign', accepts<FormLanguage>(), async (c) => {
    const actor = await requirePermission(c, 'jury.assign', edition(c));
    formLocale(c, await readBody(c));
    return c.json(await runAssignment(c.get('deps'), actor.userId, c.req.param('id'), c.req.param('roundId')));
  })
  .post(
    '/manage/editions/:id/rounds/:roundId/adjust',
    accepts<z.input<typeof adjustInput> & FormLanguage>(),
    async (c) => {
      const actor = await requirePermission(c, 'jury.assign', edition(c));
      const body = await readBody(c);
      formLocale(c, body);
      await adjustAssignment(
        c.get('deps'),
        actor.userId,
        c.req.param('id'),
        c.req.param('roundId'),
        parseOrThrow(adjustInput, body),
      );
      return c.json({ status: 'saved' as const });
    },
  )
  .get('/manage/editions/:id/rounds/:roundId/blind-files', async (c) => {
    await requirePermission(c, 'jury.progress', edition(c));
    noStore(c);
    return c.json({ files: await filesKeptFromJurors(c.get('deps'), c.req.param('id'), c.req.param('roundId')) });
  })
  .post('/manage/editions/:id/rounds/:roundId/blind-files', accepts<FormLanguage>(), async (c) => {
    await requirePermission(c, 'jury.assign', edition(c));
    formLocale(c, await readBody(c));
    return c.json(await prepareBlindCopies(c.get('deps'), c.req.param('id'), c.req.param('roundId')));
  })
  .get('/manage/editions/:id/rounds/:roundId/progress', async (c) => {
    await requirePermission(c, 'jury.progress', edition(c));
    noStore(c);
    return c.json(await roundProgress(c.get('deps'), c.req.param('id'), c.req.param('roundId')));
  })
  .post('/manage/editions/:id/rounds/:roundId/remind', accepts<{ jurorId: string } & FormLanguage>(), async (c) => {
    const actor = await requirePermission(c, 'jury.remind', edition(c));
    const body = await readBody(c);
    formLocale(c, body);
    const { jurorId } = parseOrThrow(adjustInput.pick({ jurorId: true }), body);
    const unfinished = await remindJuror(
      c.get('deps'),
      actor.userId,
      c.req.param('id'),
      c.req.param('roundId'),
      jurorId,
    );
    sendMailSoon(c);
    return c.json({ status: unfinished > 0 ? ('sent' as const) : ('nothingLeft' as const), unfinished });
  });
