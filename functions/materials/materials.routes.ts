import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { accepts } from '../http/accepts.ts';
import { isLocale } from '../../core/locales.ts';
import { limitOrThrow } from '../http/rate-limit.ts';
import { requireHuman } from '../anti-bot/human-check.ts';
import type { MaterialsDirectory } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/app-env.ts';
import { clientAddress } from '../http/client.ts';
import { parseOrThrow, readBody } from '../http/validate.ts';
import { countDownload } from './downloads.service.ts';
import { saveFeedback } from './feedback.service.ts';
import { downloadQuery, feedbackInput } from './materials.schemas.ts';

/** Answers one client may send in 10 minutes, with proof of work after the first few (requireHuman). */
const FEEDBACK_PER_CLIENT = { max: 30, windowMs: 10 * 60_000 };

/**
 * The teachers' library as the Worker knows it (ids and files from the built site).
 * @throws AppError `request.notFound` (404) where the app runs without one (node tests without materials).
 */
function directoryOf(c: Context<AppEnv>): MaterialsDirectory {
  const directory = c.get('deps').materials;
  if (!directory) throw new AppError('request.notFound', 404);
  return directory;
}

/** The feedback form's fields as the page posts them (as typed: strings); the schema checks them. */
type FeedbackForm = { [K in keyof z.input<typeof feedbackInput>]?: string } & { altcha?: string };

/** Counted downloads of the teachers' library and the anonymous "How did you use it?" form. */
export const materialsRoutes = new Hono<AppEnv>()
  .get('/:id/download', async (c) => {
    const query = downloadQuery.safeParse(c.req.query());
    const materialId = c.req.param('id');
    const url = query.success ? await directoryOf(c).fileUrl(materialId, query.data.file) : undefined;
    if (!query.success || !url) throw new AppError('request.notFound', 404);
    const deps = c.get('deps');
    // Counted after the answer: a slow or failing database never holds up or breaks a download.
    c.get('waitUntil')(
      countDownload(deps, { materialId, file: query.data.file, locale: query.data.lang }).catch((error) =>
        console.error('download counter:', error),
      ),
    );
    c.header('Cache-Control', 'no-store');
    return c.redirect(url, 302);
  })
  .post('/feedback', accepts<FeedbackForm>(), async (c) => {
    const body = await readBody(c);
    if (isLocale(body.lang)) c.set('locale', body.lang);
    const input = parseOrThrow(feedbackInput, { ...body, lang: body.lang ?? c.get('locale') });
    if (!(await directoryOf(c).has(input.materialId))) throw new AppError('request.notFound', 404);
    const deps = c.get('deps');
    await limitOrThrow(deps.db, `feedback:ip:${clientAddress(c)}`, FEEDBACK_PER_CLIENT, deps.clock());
    await requireHuman(c, body.altcha, 'feedback');
    await saveFeedback(deps, input);
    return c.json({ status: 'thanks' as const }, 201);
  });
