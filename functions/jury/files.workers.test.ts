import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { dbFromD1 } from '../db/client.ts';
import { entryFiles, uploads } from '../db/schema/index.ts';
import { depsFromEnv } from '../env.ts';
import { sessionCookie } from '../testing/factories.ts';
import { demoIds, insertDemoJury } from './demo-jury.ts';

const ORIGIN = 'http://127.0.0.1:8787';
const db = dbFromD1(env.DB);
/** A 1×1 PNG. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
const FILE = 'jury-files-test-png';
const entryId = demoIds.entry(6); // Oleksandr's entry 07

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  const now = new Date();
  await insertDemoEditions(db, now);
  await insertDemoJury(db, now);
  await db.insert(uploads).values({
    id: FILE,
    ownerId: demoIds.entrant(6),
    purpose: `entry:${entryId}`,
    key: `uploads/${FILE}`,
    declaredSize: PNG.length,
    partSize: PNG.length,
    receivedBytes: PNG.length,
    partsReceived: 1,
    name: 'Marta-Nowak-sasiedzi.png',
    detectedType: 'image/png',
    state: 'complete',
    createdAt: now,
    updatedAt: now,
    completedAt: now,
  });
  await db.insert(entryFiles).values({
    id: FILE,
    entryId,
    uploadKey: `uploads/${FILE}`,
    kind: 'work',
    name: 'Marta-Nowak-sasiedzi.png',
    size: PNG.length,
    type: 'image/png',
    createdAt: now,
  });
  await env.FILES.put(`uploads/${FILE}`, PNG);
});

describe("the scoring screen's files on D1 and R2", () => {
  it('serves the blind copy inline only when asked (?inline=1), framed by the portal alone; otherwise as an attachment', async () => {
    const app = createApp(depsFromEnv(env));
    const cookie = await sessionCookie(db, demoIds.jurorUser('oleksandr'), new Date());
    const get = async (query: string) => {
      const response = await app.request(
        `${ORIGIN}/api/jury/editions/2026/rounds/${demoIds.round}/entries/${entryId}/files/${FILE}${query}`,
        { headers: { cookie } },
        env,
      );
      await response.arrayBuffer();
      return [
        response.status,
        response.headers.get('content-type'),
        response.headers.get('content-disposition'),
        response.headers.get('content-security-policy'),
      ];
    };
    expect(await get('?inline=1')).toEqual([
      200,
      'image/png',
      `inline; filename="file-jury-fil.png"; filename*=UTF-8''file-jury-fil.png`,
      "default-src 'none'; img-src 'self'; frame-ancestors 'self'",
    ]);
    expect(await get('')).toEqual([
      200,
      'image/png',
      `attachment; filename="file-jury-fil.png"; filename*=UTF-8''file-jury-fil.png`,
      null,
    ]);
  });
});
