import { expect } from 'vitest';
import { signCapability } from '../crypto/tokens.ts';
import { type createTestApp, postJson, pressButton } from '../testing/app.ts';

// What the lunch tests share: requests as a family's browser sends them, and reading rows back.
// The data itself comes from the builders in testing/factories.ts.

/** The test app of `createTestApp()`. */
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The token secret `createTestApp()` configures, to sign capability links as the mails do. */
export const SECRET = 'node-test-secret-0123456789abcdef';

let ip = 0;
/** A sign-up POST, each from its own client address, so per-client limits do not interfere. */
export const signUpRequest = (body: unknown, headers: Record<string, string> = {}) =>
  postJson(body, { 'cf-connecting-ip': `198.51.100.${++ip % 250}`, ...headers });

/** The rows a query returns, as plain objects (column names as in SQL). */
export const rows = async (t: { client: { execute: (q: string) => Promise<{ rows: unknown[] }> } }, q: string) =>
  (await t.client.execute(q)).rows as Record<string, unknown>[];

/** The confirmation link's path for a household, as the mail carries it. */
export const confirmPath = async (id: string) =>
  `/api/lunches/confirm?id=${id}&sig=${await signCapability(SECRET, 'lunch.confirm', id)}`;

/** Signs a household up on `dayId` with `form` (see `householdForm`) and follows its confirmation link; returns its id. */
export async function signUpAndConfirm(t: TestApp, dayId: string, form: Record<string, unknown>): Promise<string> {
  const response = await t.request(`/api/lunches/days/${dayId}/signups`, signUpRequest(form));
  expect(response.status).toBe(202);
  const { id } = (await response.json()) as { id: string };
  await t.request(await confirmPath(id), pressButton());
  return id;
}
