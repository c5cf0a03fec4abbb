import { Hono, type Context } from 'hono';
import { purgeEditionPage } from '../competition/edition-cache.ts';
import type { z } from 'zod';
import { isLocale } from '../../core/locales.ts';
import { requirePermission } from '../accounts/guard.ts';
import { requireHuman } from '../anti-bot/human-check.ts';
import { accepts, acceptsQuery } from '../http/accepts.ts';
import type { AppEnv } from '../http/app-env.ts';
import { clientAddress } from '../http/client.ts';
import { limitOrThrow } from '../http/rate-limit.ts';
import { parseOrThrow, readBody } from '../http/validate.ts';
import { AppError } from '../errors.ts';
import { deliverDueMail } from '../mail/outbox.service.ts';
import { isPublished } from '../results/publication.service.ts';
import { peoplesChoiceResults } from './results.service.ts';
import { castInput, linkInput, tokenQuery, windowInput } from './votes.schemas.ts';
import { castVote, publicVote, readVoteLink, readWindow, requestVoteLink, saveWindow } from './votes.service.ts';

/** Link requests one client address may make (S03); proof of work is asked after FREE_POSTS. */
export const LINKS_PER_CLIENT = { max: 20, windowMs: 10 * 60_000 };
/** Button presses one client address may make (a token is 256 bits; this only stops floods). */
export const CASTS_PER_CLIENT = { max: 60, windowMs: 10 * 60_000 };

/** The form's language (`lang`): its errors come back in it. */
type FormLanguage = { lang?: string };
function formLocale(c: Context<AppEnv>, body: Record<string, unknown>): void {
  if (isLocale(body.lang)) c.set('locale', body.lang);
}
const noStore = (c: Context<AppEnv>) => c.header('Cache-Control', 'private, no-store');
const scope = (c: Context<AppEnv>) => `edition:${c.req.param('edition')}`;

/**
 * People's choice: the public ballot, the request for a vote link (proof of work, rate limits),
 * the link's read-only view and the button's POST that casts, and the managers' window and counts.
 */
export const voteRoutes = new Hono<AppEnv>()
  .get('/editions/:edition', async (c) => {
    noStore(c);
    return c.json(await publicVote(c.get('deps'), c.req.param('edition')));
  })
  .post('/editions/:edition/links', accepts<z.input<typeof linkInput> & { altcha?: string }>(), async (c) => {
    const body = await readBody(c);
    formLocale(c, body);
    const input = parseOrThrow(linkInput, { ...body, lang: body.lang ?? c.get('locale') });
    const deps = c.get('deps');
    await limitOrThrow(deps.db, `votes:link:ip:${clientAddress(c)}`, LINKS_PER_CLIENT, deps.clock());
    await requireHuman(c, body.altcha, 'vote');
    await requestVoteLink(deps, c.req.param('edition'), input);
    c.get('waitUntil')(deliverDueMail(deps).catch(() => undefined));
    return c.json({ status: 'pending' as const }, 202);
  })
  // The verification page reads what its button would cast; reading changes nothing (S22).
  .get('/links', acceptsQuery<{ token: string }>(), async (c) => {
    noStore(c);
    c.header('Referrer-Policy', 'same-origin');
    const { token } = parseOrThrow(tokenQuery, c.req.query());
    return c.json(await readVoteLink(c.get('deps'), token));
  })
  // The page's one button.
  .post('/links/cast', accepts<z.input<typeof castInput> & FormLanguage>(), async (c) => {
    const body = await readBody(c);
    formLocale(c, body);
    const deps = c.get('deps');
    await limitOrThrow(deps.db, `votes:cast:ip:${clientAddress(c)}`, CASTS_PER_CLIENT, deps.clock());
    const { token } = parseOrThrow(castInput, body);
    return c.json(await castVote(deps, token));
  })

  // Public once the edition's results are published and the vote has closed: each category's
  // people's choice (most votes) and the count of votes, apart from the jury's places. Before
  // that: 404, like an edition without a vote (counts never leak early).
  .get('/editions/:edition/results', async (c) => {
    const deps = c.get('deps');
    const edition = c.req.param('edition');
    const results = (await isPublished(deps, edition)) ? await peoplesChoiceResults(deps, edition) : null;
    if (results?.state !== 'closed') throw new AppError('request.notFound', 404);
    return c.json({
      categories: results.categories
        .filter((cat) => cat.totalVotes > 0)
        .map((cat) => ({
          categoryId: cat.categoryId,
          name: cat.name,
          totalVotes: cat.totalVotes,
          winners: cat.entries
            .filter((e) => cat.winners.includes(e.entryId))
            .map((e) => ({ entryId: e.entryId, title: e.title, outlet: e.outlet, url: e.url, votes: e.votes })),
        })),
    });
  })

  // Managers of the edition: the window and the counts (never shown to the public).
  .get('/manage/editions/:edition', async (c) => {
    await requirePermission(c, 'votes.manage', scope(c));
    noStore(c);
    const deps = c.get('deps');
    const [window, results] = await Promise.all([
      readWindow(deps, c.req.param('edition')),
      peoplesChoiceResults(deps, c.req.param('edition')),
    ]);
    return c.json({ window, results });
  })
  .post('/manage/editions/:edition/window', accepts<z.input<typeof windowInput> & FormLanguage>(), async (c) => {
    const body = await readBody(c);
    formLocale(c, body);
    const actor = await requirePermission(c, 'votes.manage', scope(c));
    await saveWindow(c.get('deps'), actor.userId, c.req.param('edition'), parseOrThrow(windowInput, body));
    await purgeEditionPage(c.get('deps'), c.req.param('edition')); // the edition page links an open vote
    return c.json({ status: 'saved' as const });
  });
