import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';

/**
 * Fetches a challenge and solves it (ALTCHA v2, SHA-256 in Web Crypto); the answer is what the
 * API expects in the form's `altcha` field. Loaded only when someone starts filling in a form.
 */
export async function solveFreshChallenge(): Promise<string | null> {
  const response = await fetch('/api/pow/challenge', { headers: { accept: 'application/json' } });
  if (!response.ok) return null;
  const challenge = (await response.json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 30_000 });
  return solution ? btoa(JSON.stringify({ challenge, solution })) : null;
}
