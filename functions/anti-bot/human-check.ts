import type { Context } from 'hono';
import { hit } from '../http/rate-limit.ts';
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
