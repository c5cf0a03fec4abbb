import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app.ts';
import type { Deps } from '../deps.ts';
import { fileMailbox } from '../mail/file-mailbox.ts';
import { dbFromLibsql } from '../db/client.ts';
import { countingClient } from './counting.ts';
import { createTestDb } from './db.ts';

export const TEST_ORIGIN = 'https://spotlight.test';

/**
 * The real API on a fresh in-memory libSQL database, mail written as .eml files to a temp
 * folder, and a clock the test moves. `request` waits for work the API defers (waitUntil).
 */
export async function createTestApp(
  start = new Date('2026-11-23T10:00:00Z'),
  extra: Partial<Pick<Deps, 'materials' | 'files'>> = {},
) {
  const { client } = await createTestDb();
  // Every round trip the app makes is recorded (functions/testing/counting.ts): tests pin the
  // cost of a request with `trips` after `resetTrips()`.
  const counted = countingClient(client);
  const db = dbFromLibsql(counted.client);
  const mailDir = await mkdtemp(join(tmpdir(), 'spotlight-mail-'));
  const mailbox = fileMailbox(mailDir);
  let now = start.getTime();
  const deps: Deps = {
    db,
    mail: mailbox,
    mailbox,
    clock: () => new Date(now),
    ...extra,
    config: {
      version: 'test',
      publicOrigin: TEST_ORIGIN,
      tokenSecret: 'node-test-secret-0123456789abcdef',
      mailFrom: 'Spotlight <news@spotlight.test>',
      powMaxCounter: 2000,
    },
  };
  const app = createApp(deps);

  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const deferred: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => void deferred.push(p), passThroughOnException() {}, props: {} };
    const response = await app.request(`${TEST_ORIGIN}${path}`, init, {}, ctx as unknown as ExecutionContext);
    await Promise.all(deferred);
    return response;
  }

  return {
    app,
    db,
    client,
    deps,
    mailbox,
    mailDir,
    request,
    trips: counted.trips,
    resetTrips: counted.reset,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** A JSON POST as a browser on the same site would send it. */
export const postJson = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, 'sec-fetch-site': 'same-origin', ...headers },
  body: JSON.stringify(body),
});

/** Pulls the first link that starts with `prefix` out of a mail. */
export function linkIn(eml: string, prefix: string): string {
  const match = eml.match(new RegExp(`${prefix.replace(/[.?]/g, '\\$&')}[^\\s>]+`));
  if (!match) throw new Error(`no link starting with ${prefix} in:\n${eml}`);
  return match[0];
}

/** The POST a mailed link's page sends when its one button is pressed (S22: only the POST acts). */
export const pressButton = (headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    origin: TEST_ORIGIN,
    'sec-fetch-site': 'same-origin',
    ...headers,
  },
  body: '',
});
