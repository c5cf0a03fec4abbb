import type { Context } from 'hono';
import { type Counter, hit, overAnyLimit } from '../http/rate-limit.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/app-env.ts';
import { clientAddress } from '../http/client.ts';
import { issueChallenge, redeemSolution } from './pow.service.ts';

/**
 * Posts a client may send without proof of work, per form: people without JavaScript (which
 * the solver needs) can still use public forms, while a bot's volume quickly needs real work.
 */
export const FREE_POSTS = { max: 10, windowMs: 10 * 60_000 };

/**
 * The public-form check (S03). A solved ALTCHA challenge is accepted once; a replayed or forged
 * one is refused. Without one, the post passes while the client is under FREE_POSTS, and after
 * that gets 429 with a fresh challenge to solve.
 * @throws AppError `pow.invalid` (400) for a wrong or forged solution, AppError `pow.replayed` (400) for one
 *   already used; both carry a fresh challenge in `details`
 * @throws AppError `pow.required` (429, Retry-After 60 s, a challenge in `details`) when the client has used up
 *   its free posts and sent no solution
 */
export async function requireHuman(c: Context<AppEnv>, payload: unknown, form: string): Promise<void> {
  const deps = c.get('deps');
  if (typeof payload === 'string' && payload !== '') {
    const outcome = await redeemSolution(deps, payload);
    if (outcome === 'accepted') return;
    // A fresh challenge comes along, so the form's script can solve it and send again.
    throw new AppError(outcome === 'replayed' ? 'pow.replayed' : 'pow.invalid', 400, [], undefined, {
      challenge: await issueChallenge(deps),
    });
  }
  if ((await hit(deps.db, `pow:free:${form}:${clientAddress(c)}`, FREE_POSTS, deps.clock())).allowed) return;
  throw new AppError('pow.required', 429, [], 60, { challenge: await issueChallenge(deps) });
}

/** The free-posts counter of a public form for this client (see {@link FREE_POSTS}). */
export const freePostsCounter = (c: Context<AppEnv>, form: string): Counter => ({
  key: `pow:free:${form}:${clientAddress(c)}`,
  limit: FREE_POSTS,
});

/**
 * {@link requireHuman} for a form whose work is one batch: the free-posts count comes from the
 * request's read batch (`limitRows`, from `readCounters`), and instead of counting the free post
 * here this returns the counters the work's batch must count and guard (`countedAndGuarded`): none
 * when a solved challenge was redeemed, the free-posts counter otherwise. When the work's batch
 * fails on that guard (a race past the limit), answer with {@link powRequired}.
 * @throws AppError `pow.invalid` (400) for a wrong or forged solution, AppError `pow.replayed` (400) for one
 *   already used; both carry a fresh challenge in `details`
 * @throws AppError `pow.required` (429, Retry-After 60 s, a challenge in `details`) when the client has used up
 *   its free posts and sent no solution
 */
export async function humanCounters(
  c: Context<AppEnv>,
  payload: unknown,
  form: string,
  limitRows: Parameters<typeof overAnyLimit>[0],
): Promise<Counter[]> {
  const deps = c.get('deps');
  if (typeof payload === 'string' && payload !== '') {
    await requireHuman(c, payload, form);
    return [];
  }
  const counter = freePostsCounter(c, form);
  if (overAnyLimit(limitRows, [counter], deps.clock())) throw await powRequired(c);
  return [counter];
}

/** The 429 that asks for proof of work, with a fresh challenge to solve. */
export const powRequired = async (c: Context<AppEnv>) =>
  new AppError('pow.required', 429, [], 60, { challenge: await issueChallenge(c.get('deps')) });
