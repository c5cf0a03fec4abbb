import { Hono, type Context } from 'hono';
import { localizedPath } from '../../core/urls.ts';
import { requireActor, currentActor } from '../accounts/guard.ts';
import type { Actor } from '../accounts/permissions.ts';
import { limitOrThrow } from '../http/rate-limit.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseOrThrow, readBody } from '../http/validate.ts';
import { acceptsQuery } from '../http/accepts.ts';
import type { z } from 'zod';
import { attachmentDisposition, withExtension } from './file-name.ts';
import { boundaryOf, firstFile } from './form-file.ts';
import { policyFor, type UploadPolicies } from './policies.ts';
import { fileKinds, kindInfo } from './sniff.ts';
import { createUploadInput, formQuery, listQuery, partParam, uploadIdParam } from './uploads.schemas.ts';
import {
  abortUpload,
  completeUpload,
  createUpload,
  findOwnUpload,
  listOwnUploads,
  readOwnFile,
  receivePart,
  storeStream,
  uploadStatus,
} from './uploads.service.ts';

/** Uploads one person may start (S13: nobody fills the bucket with abandoned uploads). */
const STARTS_PER_PERSON = { max: 60, windowMs: 10 * 60_000 };

/**
 * Requests whose body is a file: exempt from the API's global 64 KiB body limit, because these
 * routes enforce their own (a part's exact length, the plain form's `FORM_MAX_BYTES`).
 */
export const isFileBody = (method: string, path: string): boolean =>
  (method === 'PUT' && /^\/api\/uploads\/[\w-]+\/parts\/\d+$/.test(path)) ||
  (method === 'POST' && path === '/api/uploads/form');

/** The upload id of the path; a malformed one answers like a missing one (404). */
function idOf(c: Context<AppEnv>): string {
  const parsed = uploadIdParam.safeParse(c.req.param());
  if (!parsed.success) throw new AppError('upload.notFound', 404);
  return parsed.data.id;
}

/** Browser-facing headers of a file answer: never rendered inline, never sniffed (S13). */
function fileHeaders(type: string, name: string, size: number): Headers {
  return new Headers({
    'Content-Type': type,
    'Content-Length': String(size),
    'Content-Disposition': attachmentDisposition(name),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
}

/**
 * `/api/uploads`: files straight into R2 as multipart uploads (create → parts → complete, or
 * abort), a plain form fallback, and the owner's download. What may be uploaded for a purpose
 * comes from `policies`, keyed by the purpose's prefix.
 */
export function uploadRoutes(policies: UploadPolicies) {
  async function rulesFor(c: Context<AppEnv>, actor: Actor, purpose: string) {
    const policy = policyFor(policies, purpose);
    const rules = policy ? await policy(c.get('deps'), actor, purpose) : null;
    if (!rules) throw new AppError('upload.purposeInvalid', 404);
    return rules;
  }

  return (
    new Hono<AppEnv>()
      .post('/', async (c) => {
        const actor = await requireActor(c);
        const input = parseOrThrow(createUploadInput, await readBody(c));
        const { db, clock } = c.get('deps');
        const rules = await rulesFor(c, actor, input.purpose);
        await limitOrThrow(db, `upload:start:${actor.userId}`, STARTS_PER_PERSON, clock());
        return c.json(
          await createUpload(db, c.get('deps').files, { ownerId: actor.userId, ...input }, rules, clock()),
          201,
        );
      })
      .get('/', acceptsQuery<z.input<typeof listQuery>>(), async (c) => {
        const actor = await requireActor(c);
        const { purpose } = parseOrThrow(listQuery, c.req.query());
        return c.json({ uploads: await listOwnUploads(c.get('deps').db, actor.userId, purpose) });
      })
      // The plain form (no JavaScript): the file is streamed out of the form body into R2.
      .post('/form', async (c) => {
        const query = parseOrThrow(formQuery, c.req.query());
        const back = query.back ?? localizedPath(query.lang, '/account/');
        const actor = await currentActor(c);
        if (!actor) return c.redirect(localizedPath(query.lang, '/account/sign-in/'), 303);
        const { db, clock } = c.get('deps');
        try {
          const rules = await rulesFor(c, actor, query.purpose);
          const boundary = boundaryOf(c.req.header('content-type'));
          const length = Number(c.req.header('content-length') ?? Number.NaN);
          if (!boundary || !c.req.raw.body) throw new AppError('request.unsupportedMediaType', 415);
          if (!Number.isSafeInteger(length)) throw new AppError('upload.lengthRequired', 411);
          await limitOrThrow(db, `upload:start:${actor.userId}`, STARTS_PER_PERSON, clock());
          const file = await firstFile(c.req.raw.body, boundary);
          if (!file) throw new AppError('upload.empty', 422);
          const stored = await storeStream(
            db,
            c.get('deps').files,
            { ownerId: actor.userId, purpose: query.purpose, name: file.name, stream: file.stream, upperBound: length },
            rules,
            clock(),
          );
          return c.redirect(`${back}?uploaded=${stored.id}`, 303);
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          return c.redirect(`${back}?error=${encodeURIComponent(error.code)}`, 303);
        }
      })
      .get('/:id', async (c) => {
        const actor = await requireActor(c);
        const id = idOf(c);
        return c.json(await uploadStatus(c.get('deps').db, actor.userId, id));
      })
      .put('/:id/parts/:n', async (c) => {
        const actor = await requireActor(c);
        const params = partParam.safeParse(c.req.param());
        if (!params.success) throw new AppError('upload.notFound', 404);
        const { db, clock } = c.get('deps');
        try {
          const row = await findOwnUpload(db, actor.userId, params.data.id);
          const rules = await rulesFor(c, actor, row.purpose);
          const length = c.req.header('content-length');
          const view = await receivePart(
            db,
            c.get('deps').files,
            {
              ownerId: actor.userId,
              id: row.id,
              partNumber: params.data.n,
              body: c.req.raw.body,
              length: length === undefined ? null : Number(length),
            },
            rules,
            clock(),
          );
          return c.json(view);
        } catch (error) {
          // A refused part is not read: drop its body instead of leaving the client sending it.
          await c.req.raw.body?.cancel().catch(() => undefined);
          throw error;
        }
      })
      .post('/:id/complete', async (c) => {
        const actor = await requireActor(c);
        const id = idOf(c);
        return c.json(
          await completeUpload(c.get('deps').db, c.get('deps').files, actor.userId, id, c.get('deps').clock()),
        );
      })
      .post('/:id/abort', async (c) => {
        const actor = await requireActor(c);
        const id = idOf(c);
        return c.json(
          await abortUpload(c.get('deps').db, c.get('deps').files, actor.userId, id, c.get('deps').clock()),
        );
      })
      .get('/:id/file', async (c) => {
        const actor = await requireActor(c);
        const id = idOf(c);
        const { object, name, type } = await readOwnFile(c.get('deps').db, c.get('deps').files, actor.userId, id);
        const ext = fileKinds.find((k) => kindInfo[k].mime === type);
        return new Response(object.body, {
          headers: fileHeaders(type, ext ? withExtension(name, kindInfo[ext].ext) : name, object.size),
        });
      })
  );
}
