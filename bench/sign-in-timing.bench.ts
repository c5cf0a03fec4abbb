// S02: asking for a sign-in link must take about as long for an unknown address as for a known
// one, or response times tell an attacker which addresses have accounts. Both branches hash a
// token and write one batch; this measures the real API on the embedded libSQL database and
// prints the medians and their difference. It asserts nothing: compare the figures.
import { createTestApp, postJson, TEST_ORIGIN } from '../functions/testing/app.ts';
import { createUser } from '../functions/testing/factories.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 400);
const t = await createTestApp();
for (let i = 0; i < ROUNDS; i++) await createUser(t.db, { email: `known${i}@example.org` });

/** Time to the response, as the person waits for it; mail sent after it (waitUntil) is awaited outside the timing. */
async function time(email: string, client: string): Promise<number> {
  const later: Promise<unknown>[] = [];
  const ctx = {
    waitUntil: (p: Promise<unknown>) => void later.push(p),
    passThroughOnException() {},
    props: {},
  } as unknown as ExecutionContext;
  const started = performance.now();
  const response = await t.app.request(
    `${TEST_ORIGIN}/api/auth/login`,
    postJson({ email, lang: 'en' }, { 'cf-connecting-ip': client }),
    {},
    ctx,
  );
  const elapsed = performance.now() - started;
  await Promise.all(later);
  if (response.status !== 202) throw new Error(`unexpected ${response.status}`);
  return elapsed;
}

const known: number[] = [];
const unknown: number[] = [];
// Interleaved, each request from its own client address so no rate limit or proof of work applies.
for (let i = 0; i < ROUNDS; i++) {
  known.push(await time(`known${i}@example.org`, `10.0.${i >> 8}.${i & 255}`));
  unknown.push(await time(`nobody${i}@example.org`, `10.1.${i >> 8}.${i & 255}`));
}
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;
const row = (name: string, xs: number[]) =>
  `${name.padEnd(16)} p50 ${quantile(xs, 0.5).toFixed(2)} ms   p90 ${quantile(xs, 0.9).toFixed(2)} ms`;
console.log(`S02 sign-in link request, ${ROUNDS} each, embedded libSQL (:memory:), mail kept in the outbox`);
console.log(row('known address', known));
console.log(row('unknown address', unknown));
console.log(`difference of medians: ${(quantile(known, 0.5) - quantile(unknown, 0.5)).toFixed(2)} ms`);
