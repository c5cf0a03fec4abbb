import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { isLocale } from '../../core/locales.ts';
import { requirePermission } from '../accounts/guard.ts';
import { accepts, acceptsQuery } from '../http/accepts.ts';
import type { AppEnv } from '../http/app-env.ts';
import { limitOrThrow } from '../http/rate-limit.ts';
import { parseOrThrow, readBody } from '../http/validate.ts';
import { jurorOf } from '../jury/access.ts';
import {
  type BallotBody,
  ballotInput,
  type ShortlistBody,
  shortlistInput,
  shortlistRemoveInput,
} from './ballots.schemas.ts';
import { ballotForJuror, myBallots, saveBallot } from './ballots.service.ts';
import { rankedResults } from './schulze.service.ts';
import { moveToShortlist, removeFromShortlist, shortlistView } from './shortlist.service.ts';

/** The form's language (`lang`), which every write may carry: its errors come back in it. */
type FormLanguage = { lang?: string };

/** Ballot saves a juror may make in ten minutes. */
const SAVES_PER_JUROR = { max: 300, windowMs: 10 * 60_000 };

function formLocale(c: Context<AppEnv>, body: Record<string, unknown>): void {
  if (isLocale(body.lang)) c.set('locale', body.lang);
}
const noStore = (c: Context<AppEnv>) => c.header('Cache-Control', 'private, no-store');
const edition = (c: Context<AppEnv>) => `edition:${c.req.param('id')}`;

/** The signed-in, accepted juror of the edition in the path (403 otherwise). */
async function juror(c: Context<AppEnv>) {
  const actor = await requirePermission(c, 'jury.score', edition(c));
  return jurorOf(c.get('deps').db, actor, c.req.param('id') ?? '');
}

/**
 * Shortlists and ranked ballots, mounted at `/api/ballots`: jurors' ballots per category of a ranked
 * round; managers' shortlist of a round (top N or chosen entries with reasons, removal with a
 * reason) and the Schulze count of a ranked round.
 */
export const ballotRoutes = new Hono<AppEnv>()
  .get('/editions/:id/rounds/:roundId', async (c) => {
    const j = await juror(c);
    noStore(c);
    return c.json(await myBallots(c.get('deps'), j, c.req.param('roundId')));
  })
  .get('/editions/:id/rounds/:roundId/categories/:categoryId', async (c) => {
    const j = await juror(c);
    noStore(c);
    return c.json(await ballotForJuror(c.get('deps'), j, c.req.param('roundId'), c.req.param('categoryId')));
  })
  .post('/editions/:id/rounds/:roundId/categories/:categoryId', accepts<BallotBody & FormLanguage>(), async (c) => {
    const body = await readBody(c);
    formLocale(c, body);
    const j = await juror(c);
    const deps = c.get('deps');
    await limitOrThrow(deps.db, `ballot:save:${j.id}`, SAVES_PER_JUROR, deps.clock());
    const ballot = await saveBallot(
      deps,
      j,
      c.req.param('roundId'),
      c.req.param('categoryId'),
      parseOrThrow(ballotInput, body),
    );
    return c.json({ status: 'saved' as const, ballot });
  })

  // Managers of the edition.
  .get('/manage/editions/:id/rounds/:roundId/shortlist', acceptsQuery<{ n?: string; scores?: string }>(), async (c) => {
    await requirePermission(c, 'jury.shortlist', edition(c));
    noStore(c);
    const n = Number(c.req.query('n'));
    return c.json(
      await shortlistView(
        c.get('deps'),
        c.req.param('id'),
        c.req.param('roundId'),
        Number.isInteger(n) && n >= 1 && n <= 50 ? n : undefined,
        // Normalised unless raw is asked for (anything else: normalised).
        c.req.query('scores') === 'raw' ? 'raw' : 'normalised',
      ),
    );
  })
  .post('/manage/editions/:id/rounds/:roundId/shortlist', accepts<ShortlistBody & FormLanguage>(), async (c) => {
    const actor = await requirePermission(c, 'jury.shortlist', edition(c));
    const body = await readBody(c);
    formLocale(c, body);
    const added = await moveToShortlist(
      c.get('deps'),
      actor.userId,
      c.req.param('id'),
      c.req.param('roundId'),
      parseOrThrow(shortlistInput, body),
    );
    return c.json({ status: 'saved' as const, added });
  })
  .post(
    '/manage/editions/:id/rounds/:roundId/shortlist/remove',
    accepts<z.input<typeof shortlistRemoveInput> & FormLanguage>(),
    async (c) => {
      const actor = await requirePermission(c, 'jury.shortlist', edition(c));
      const body = await readBody(c);
      formLocale(c, body);
      await removeFromShortlist(
        c.get('deps'),
        actor.userId,
        c.req.param('id'),
        c.req.param('roundId'),
        parseOrThrow(shortlistRemoveInput, body),
      );
      return c.json({ status: 'removed' as const });
    },
  )
  .get('/manage/editions/:id/rounds/:roundId/ranking', async (c) => {
    await requirePermission(c, 'jury.progress', edition(c));
    noStore(c);
    return c.json(await rankedResults(c.get('deps'), c.req.param('id'), c.req.param('roundId')));
  });
