import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';

/** Solves a challenge the way the forms' script does and encodes the answer as the form field. */
export async function solve(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('could not solve the challenge');
  return btoa(JSON.stringify({ challenge, solution }));
}

/** Asks the API for a challenge and solves it: what a browser with JavaScript sends along. */
export async function solvedChallenge(t: { request: (path: string) => Promise<Response> }): Promise<string> {
  return solve((await (await t.request('/api/pow/challenge')).json()) as Challenge);
}
