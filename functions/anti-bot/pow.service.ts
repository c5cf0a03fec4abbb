import { createChallenge, randomInt, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import { lt } from 'drizzle-orm';
import { sha256Hex } from '../crypto/tokens.ts';
import { powRedeemed } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';

type ServiceDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** How long a challenge may be solved and sent: long enough to fill in a form. */
export const CHALLENGE_TTL_MS = 30 * 60_000;

/** Secrets derived per purpose, so a proof-of-work signature is worthless as anything else. */
const secrets = (tokenSecret: string) => ({
  hmacSignatureSecret: `pow:${tokenSecret}`,
  hmacKeySignatureSecret: `pow-key:${tokenSecret}`,
});

/**
 * A signed ALTCHA challenge (v2, SHA-256): the solver tries counters from 0 up to a secret one
 * below `powMaxCounter` (by default 100 000, about 50 000 hashes on average: well under a second
 * in a browser, costly at bot scale). Its expiry travels in the signed `data`, checked
 * against the server's clock; the library's own expiry would read the wall clock instead.
 */
export async function issueChallenge(deps: ServiceDeps): Promise<Challenge> {
  return createChallenge({
    algorithm: 'SHA-256',
    cost: 1,
    counter: randomInt(deps.config.powMaxCounter),
    deriveKey,
    data: { expires: deps.clock().getTime() + CHALLENGE_TTL_MS },
    ...secrets(deps.config.tokenSecret),
  });
}

export type Redemption = 'accepted' | 'invalid' | 'expired' | 'replayed';

/** Decodes the form field the client sends: base64 of `{ challenge, solution }`. */
function decode(payload: string): { challenge: Challenge; solution: Solution } | null {
  try {
    const value = JSON.parse(atob(payload)) as { challenge?: Challenge; solution?: Solution };
    return value.challenge?.parameters && value.solution
      ? { challenge: value.challenge, solution: value.solution }
      : null;
  } catch {
    return null;
  }
}

/**
 * Accepts a solved challenge once (S03): the signature and the work are checked, then one
 * INSERT OR IGNORE on the challenge's signature decides between the first use and a replay.
 */
export async function redeemSolution(deps: ServiceDeps, payload: string): Promise<Redemption> {
  const decoded = payload.length <= 4096 ? decode(payload) : null;
  if (!decoded?.challenge.signature) return 'invalid';
  const result = await verifySolution({ ...decoded, deriveKey, ...secrets(deps.config.tokenSecret) }).catch(() => null);
  if (!result?.verified) return 'invalid';
  const expires = Number(decoded.challenge.parameters.data?.expires);
  if (!(expires > deps.clock().getTime())) return 'expired';
  const first = await deps.db
    .insert(powRedeemed)
    .values({ signatureHash: await sha256Hex(decoded.challenge.signature), expiresAt: new Date(expires) })
    .onConflictDoNothing()
    .returning({ signatureHash: powRedeemed.signatureHash });
  return first.length === 1 ? 'accepted' : 'replayed';
}

/** Forgets answers whose challenges have expired: those are refused by their expiry anyway. */
export async function purgeRedeemed(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const gone = await deps.db
    .delete(powRedeemed)
    .where(lt(powRedeemed.expiresAt, deps.clock()))
    .returning({ signatureHash: powRedeemed.signatureHash });
  return gone.length;
}
