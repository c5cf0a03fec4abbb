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

/**
 * The download a request names (`file`, `lang`), checked against the library's manifest.
 * @throws AppError `request.notFound` (404) for an id or file the library does not list
 */
async function downloadOf(c: Context<AppEnv>, input: Record<string, unknown>) {
  const query = downloadQuery.safeParse(input);
  const url = query.success ? await directoryOf(c).fileUrl(c.req.param('id') ?? '', query.data.file) : undefined;
  if (!query.success || !url) throw new AppError('request.notFound', 404);
  return { query: query.data, url };
}

/** The feedback form's fields as the page posts them (as typed: strings); the schema checks them. */
type FeedbackForm = { [K in keyof z.input<typeof feedbackInput>]?: string } & { altcha?: string };

/** Counted downloads of the teachers' library and the anonymous "How did you use it?" form. */
export const materialsRoutes = new Hono<AppEnv>()
  // Opening the download URL (GET or HEAD: a crawler, a mail scanner, a link preview) changes
  // nothing: it only redirects to the file, so old links and bookmarks still work.
  .get('/:id/download', async (c) => {
    const { url } = await downloadOf(c, c.req.query());
    c.header('Cache-Control', 'no-store');
    return c.redirect(url, 302);
  })
  // The download button posts (a plain form on the material and kit pages): only a person's
  // press is counted, then the browser is sent on to the file.
  .post('/:id/download', accepts<{ file?: string; lang?: string }>(), async (c) => {
    const { query, url } = await downloadOf(c, await readBody(c));
    const materialId = c.req.param('id');
    const deps = c.get('deps');
    // Counted after the answer: a slow or failing database never holds up or breaks a download.
    c.get('waitUntil')(
      countDownload(deps, { materialId, file: query.file, locale: query.lang }).catch((error) =>
        console.error('download counter:', error),
      ),
    );
    c.header('Cache-Control', 'no-store');
    return c.redirect(url, 303);
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
