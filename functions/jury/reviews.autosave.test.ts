import { describe, expect, it } from 'vitest';
import { insertDemoEditions } from '../competition/demo-edition.ts';
import { createTestApp, postJson } from '../testing/app.ts';
import { sessionCookie } from '../testing/factories.ts';
import { demoIds, insertDemoJury } from './demo-jury.ts';

const base = `/api/jury/editions/2026/rounds/${demoIds.round}`;
const scores = { accuracy: 4, balance: 5, language: 3, originality: 'abstain', craft: 4 };

async function setUp() {
  const t = await createTestApp();
  await insertDemoEditions(t.db, t.deps.clock());
  const demo = await insertDemoJury(t.db, t.deps.clock());
  // Oleksandr scores entry 02 (the video entry) and 07.
  const cookie = await sessionCookie(t.db, demoIds.jurorUser('oleksandr'), t.deps.clock());
  const save = async (entry: string, body: Record<string, unknown>) => {
    const response = await t.request(`${base}/entries/${entry}/review`, postJson(body, { cookie }));
    return { status: response.status, body: (await response.json()) as Record<string, never> };
  };
  const read = async (entry: string) =>
    (await (await t.request(`${base}/entries/${entry}`, { headers: { cookie } })).json()) as Record<string, never>;
  return { t, demo, save, read };
}

describe('review saves from the scoring screen (autosave)', () => {
  it('an autosave of a submitted review keeps it submitted, with its submission time', async () => {
    const { t, save } = await setUp();
    const entry = demoIds.entry(1);
    expect((await save(entry, { version: 0, scores, submit: true })).status).toBe(200);
    t.advance(60_000);
    const autosaved = await save(entry, { version: 1, scores, commentForJury: 'One more thought.', autosave: true });
    expect(autosaved.status).toBe(200);
    expect(autosaved.body.review).toMatchObject({
      version: 2,
      state: 'submitted',
      commentForJury: 'One more thought.',
    });
    const row = await t.client.execute({
      sql: 'SELECT state, submitted_at, updated_at FROM jury_reviews WHERE entry_id = ?',
      args: [entry],
    });
    expect(row.rows.map((r) => [r.state, Number(r.updated_at) - Number(r.submitted_at)])).toEqual([
      ['submitted', 60_000],
    ]);
    // An autosave that leaves it incomplete makes it a draft again; a pressed "Save draft" does too.
    const incomplete = await save(entry, { version: 2, scores: { accuracy: 4 }, autosave: true });
    expect(incomplete.body.review).toMatchObject({ version: 3, state: 'draft' });
    await save(entry, { version: 3, scores, submit: true });
    const pressed = await save(entry, { version: 4, scores, submit: false });
    expect(pressed.body.review).toMatchObject({ version: 5, state: 'draft' });
  });

  it('an autosave on an older version is refused with the stored review (S11), never overwriting it', async () => {
    const { save } = await setUp();
    const entry = demoIds.entry(6);
    await save(entry, { version: 0, scores, commentForJury: 'From the first tab.' });
    const stale = await save(entry, { version: 0, scores, commentForJury: 'From the second tab.', autosave: true });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'jury.versionConflict',
      details: { current: { version: 1, commentForJury: 'From the first tab.' } },
    });
  });

  it('the scoring screen gets the juror id (to key what the device keeps) and files only by neutral names (S09)', async () => {
    const { read } = await setUp();
    const view = await read(demoIds.entry(1));
    expect(view.jurorId).toBe(demoIds.juror('oleksandr'));
    expect(view.files).toEqual([
      {
        id: 'demo-2026-file-02-video',
        kind: 'work',
        type: 'video/mp4',
        size: 232_488,
        name: 'file-demo-202.mp4',
      },
    ]);
    expect(JSON.stringify(view)).not.toContain('Koval');
  });
});
