import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { isLocale } from '../../core/locales.ts';
import { requireActor, requirePermission } from '../accounts/guard.ts';
import { accepts } from '../http/accepts.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseOrThrow, readBody } from '../http/validate.ts';
import { deliverDueMail } from '../mail/outbox.service.ts';
import { entryFeedback, myOutcomes } from './feedback.service.ts';
import { categoryInput, statementInput, unlockInput } from './publication.schemas.ts';
import {
  isPublished,
  lockResults,
  manageView,
  publishResults,
  saveCategoryResults,
  saveStatement,
  unlockResults,
  winnersView,
} from './publication.service.ts';

/** The form's language (`lang`), which every write may carry: its errors come back in it. */
type FormLanguage = { lang?: string };

function formLocale(c: Context<AppEnv>, body: Record<string, unknown>): void {
  if (isLocale(body.lang)) c.set('locale', body.lang);
}
const noStore = (c: Context<AppEnv>) => c.header('Cache-Control', 'private, no-store');
const edition = (c: Context<AppEnv>) => `edition:${c.req.param('id')}`;

/**
 * Results as published: the public winners of an edition, its managers' lock/unlock/publish and
 * the places they record, and each entrant's outcome with the jurors' comments.
 */
export const publicationRoutes = new Hono<AppEnv>()
  // Public. An unpublished or unknown edition: the same 404 (S20).
  .get('/editions/:id/winners', async (c) => c.json(await winnersView(c.get('deps'), c.req.param('id'))))
  .get('/editions/:id/published', async (c) =>
    c.json({ published: await isPublished(c.get('deps'), c.req.param('id')) }),
  )

  // Entrants.
  .get('/entries/mine', async (c) => {
    const actor = await requireActor(c);
    noStore(c);
    return c.json({ outcomes: await myOutcomes(c.get('deps'), actor.userId) });
  })
  .get('/entries/:entryId/feedback', async (c) => {
    const actor = await requireActor(c);
    noStore(c);
    return c.json(await entryFeedback(c.get('deps'), actor.userId, c.req.param('entryId')));
  })

  // Managers of the edition.
  .get('/manage/editions/:id', async (c) => {
    await requirePermission(c, 'results.record', edition(c));
    noStore(c);
    return c.json(await manageView(c.get('deps'), c.req.param('id')));
  })
  .post('/manage/editions/:id/categories/:categoryId', accepts<Record<string, string> & FormLanguage>(), async (c) => {
    const body = await readBody(c);
    formLocale(c, body);
    const actor = await requirePermission(c, 'results.record', edition(c));
    await saveCategoryResults(
      c.get('deps'),
      actor.userId,
      c.req.param('id'),
      c.req.param('categoryId'),
      parseOrThrow(categoryInput, body),
    );
    return c.json({ status: 'saved' as const });
  })
  .post('/manage/editions/:id/statement', accepts<Record<string, string> & FormLanguage>(), async (c) => {
    const body = await readBody(c);
    formLocale(c, body);
    const actor = await requirePermission(c, 'results.record', edition(c));
    await saveStatement(c.get('deps'), actor.userId, c.req.param('id'), parseOrThrow(statementInput, body));
    return c.json({ status: 'saved' as const });
  })
  .post('/manage/editions/:id/lock', accepts<FormLanguage>(), async (c) => {
    formLocale(c, await readBody(c));
    const actor = await requirePermission(c, 'results.publish', edition(c));
    await lockResults(c.get('deps'), actor.userId, c.req.param('id'));
    return c.json({ status: 'locked' as const });
  })
  .post('/manage/editions/:id/unlock', accepts<z.input<typeof unlockInput> & FormLanguage>(), async (c) => {
    const body = await readBody(c);
    formLocale(c, body);
    const actor = await requirePermission(c, 'results.publish', edition(c));
    const { reason } = parseOrThrow(unlockInput, body);
    await unlockResults(c.get('deps'), actor.userId, c.req.param('id'), reason);
    return c.json({ status: 'draft' as const });
  })
  .post('/manage/editions/:id/publish', accepts<FormLanguage>(), async (c) => {
    formLocale(c, await readBody(c));
    const actor = await requirePermission(c, 'results.publish', edition(c));
    const deps = c.get('deps');
    const queued = await publishResults(deps, actor.userId, c.req.param('id'));
    c.get('waitUntil')(deliverDueMail(deps).catch(() => undefined));
    return c.json({ status: 'published' as const, queued });
  });
