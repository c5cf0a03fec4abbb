import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { uploadParts, uploads } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { cleanFileName } from './file-name.ts';
import { imagePixels, isImageKind } from './image-size.ts';
import {
  expectedPartLength,
  MAX_IMAGE_PIXELS,
  partCount,
  partSizeFor,
  sizeProblem,
  type UploadRules,
} from './parts.ts';
import { kindInfo, SNIFF_BYTES, sniffKind, type FileKind } from './sniff.ts';

/** The plain form's limit: one request without parts or resume, so a modest size only. */
export const FORM_MAX_BYTES = 50 * 1000 * 1000;

/** Pending uploads untouched for this long are aborted in R2 by the cron. */
export const STALE_AFTER_MS = 24 * 60 * 60_000;

type UploadRow = typeof uploads.$inferSelect;

/** What the owner (and the browser script) sees of an upload. */
export interface UploadView {
  id: string;
  purpose: string;
  name: string;
  size: number;
  /** Media type read from the file's first bytes; null until part 1 arrived. */
  type: string | null;
  state: UploadRow['state'];
  partSize: number;
  partCount: number;
  receivedBytes: number;
  /** Numbers of the parts already stored, so a retry sends only the missing ones. */
  partsReceived: number[];
  createdAt: string;
}

const view = (row: UploadRow, parts: number[]): UploadView => ({
  id: row.id,
  purpose: row.purpose,
  name: row.name,
  size: row.declaredSize,
  type: row.detectedType,
  state: row.state,
  partSize: row.partSize,
  partCount: partCount(row.declaredSize, row.partSize),
  receivedBytes: row.receivedBytes,
  partsReceived: parts,
  createdAt: row.createdAt.toISOString(),
});

const notFound = () => new AppError('upload.notFound', 404);

/**
 * The files bucket, asked for only once the request has passed its checks, so a portal
 * without R2 still answers 404/413/422 correctly and only real file work gets 503.
 */
function need(files: R2Bucket | undefined): R2Bucket {
  if (!files) throw new AppError('server.unavailable', 503);
  return files;
}

/**
 * The owner's upload, or 404 for anyone else (S07): another person's upload answers exactly
 * like an id that does not exist.
 * @throws AppError `upload.notFound` (404) when the upload does not exist or is someone else's (the same answer,
 *   S07)
 */
export async function findOwnUpload(db: Db, ownerId: string, id: string): Promise<UploadRow> {
  const row = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.ownerId, ownerId)))
    .get();
  if (!row) throw notFound();
  return row;
}

async function partNumbers(db: Db, uploadId: string): Promise<number[]> {
  const rows = await db
    .select({ n: uploadParts.partNumber })
    .from(uploadParts)
    .where(eq(uploadParts.uploadId, uploadId))
    .orderBy(asc(uploadParts.partNumber));
  return rows.map((r) => r.n);
}

/**
 * For callers that attach an upload to something (an entry): the owner's upload for exactly
 * this purpose, complete, or 404. Pending, rejected and aborted uploads are never usable. The
 * R2 key comes along so the caller can record where the file lives.
 * @throws AppError `upload.notFound` (404) when the upload does not exist or is someone else's (the same answer,
 *   S07), not complete, or for another purpose
 */
export async function completedUploadFor(
  db: Db,
  ownerId: string,
  id: string,
  purpose: string,
): Promise<UploadView & { key: string }> {
  const row = await findOwnUpload(db, ownerId, id);
  if (row.state !== 'complete' || row.purpose !== purpose) throw notFound();
  return { ...view(row, []), key: row.key };
}

/**
 * The owner's view of one upload, with the parts received so far.
 * @throws AppError `upload.notFound` (404) when the upload does not exist or is someone else's (the same answer,
 *   S07)
 */
export async function uploadStatus(db: Db, ownerId: string, id: string): Promise<UploadView> {
  const row = await findOwnUpload(db, ownerId, id);
  return view(row, await partNumbers(db, row.id));
}

/** The owner's uploads for one purpose, newest first (aborted ones left out; `partsReceived` is not filled in lists). */
export async function listOwnUploads(db: Db, ownerId: string, purpose: string): Promise<UploadView[]> {
  const rows = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.ownerId, ownerId), eq(uploads.purpose, purpose), sql`${uploads.state} <> 'aborted'`))
    .orderBy(desc(uploads.createdAt))
    .limit(100);
  return rows.map((r) => view(r, []));
}

export interface CreateInput {
  ownerId: string;
  purpose: string;
  /** The client's file name; cleaned here. */
  name: string;
  /** Size the client announces; the parts must add up to exactly this. */
  size: number;
}

/**
 * Starts an upload: checks the declared size against the caller's rules (413 over the limit),
 * starts an R2 multipart upload under a server-made key, and records it as pending.
 * @throws AppError `upload.tooLarge` (413) when the declared size is over the rules' limit (1e300 too), AppError
 *   `upload.empty` (422) when it is 0, AppError `upload.sizeInvalid` (422) when it is not a whole number of bytes
 * @throws AppError `server.unavailable` (503) when the portal has no files bucket (R2)
 */
export async function createUpload(
  db: Db,
  files: R2Bucket | undefined,
  input: CreateInput,
  rules: UploadRules,
  now: Date,
): Promise<UploadView> {
  const problem = sizeProblem(input.size, rules);
  if (problem)
    throw new AppError(problem, problem === 'upload.tooLarge' ? 413 : 422, [{ field: 'file', code: problem }]);
  const bucket = need(files);
  const id = crypto.randomUUID();
  const key = `uploads/${id}`;
  const multipart = await bucket.createMultipartUpload(key);
  const row: UploadRow = {
    id,
    ownerId: input.ownerId,
    purpose: input.purpose,
    key,
    multipartUploadId: multipart.uploadId,
    declaredSize: input.size,
    partSize: partSizeFor(input.size, rules),
    receivedBytes: 0,
    partsReceived: 0,
    name: cleanFileName(input.name),
    detectedType: null,
    state: 'pending',
    createdAt: now,
    updatedAt: now,
    completedAt: null,
  };
  try {
    await db.insert(uploads).values(row);
  } catch (error) {
    // No row means nobody could ever finish or clean up this multipart upload (S17).
    await multipart.abort().catch(() => undefined);
    throw error;
  }
  return view(row, []);
}

/** Reads up to `length` bytes from the start of a stream; returns them and the reader for the rest. */
async function readHead(body: ReadableStream<Uint8Array>, length: number) {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let have = 0;
  while (have < length) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    have += value.length;
  }
  const head = new Uint8Array(have);
  let at = 0;
  for (const c of chunks) {
    head.set(c, at);
    at += c.length;
  }
  return { head, reader };
}

/** Marks a pending upload rejected and aborts its multipart upload in R2. */
async function reject(db: Db, bucket: R2Bucket, row: UploadRow, now: Date): Promise<void> {
  await db
    .update(uploads)
    .set({ state: 'rejected', multipartUploadId: null, updatedAt: now })
    .where(and(eq(uploads.id, row.id), eq(uploads.state, 'pending')));
  if (row.multipartUploadId)
    await bucket
      .resumeMultipartUpload(row.key, row.multipartUploadId)
      .abort()
      .catch(() => undefined);
}

/**
 * Checks the first bytes (`SNIFF_BYTES`, or the whole file) against the accepted kinds, and an
 * image's pixels read from its header; a refusal rejects and aborts the whole upload. An image
 * whose size cannot be read is refused too (fail closed, S25).
 */
async function checkKind(
  db: Db,
  bucket: R2Bucket,
  row: UploadRow,
  head: Uint8Array,
  rules: UploadRules,
  now: Date,
): Promise<FileKind> {
  const kind = await sniffKind(head.subarray(0, SNIFF_BYTES));
  if (!kind || !rules.accept.includes(kind)) {
    await reject(db, bucket, row, now);
    throw new AppError('upload.typeRejected', 415, [{ field: 'file', code: 'upload.typeRejected' }]);
  }
  if (isImageKind(kind)) {
    const pixels = imagePixels(head.subarray(0, SNIFF_BYTES), kind);
    if (pixels === null) {
      await reject(db, bucket, row, now);
      throw new AppError('upload.imageUnreadable', 422, [{ field: 'file', code: 'upload.imageUnreadable' }]);
    }
    if (pixels > (rules.maxPixels ?? MAX_IMAGE_PIXELS)) {
      await reject(db, bucket, row, now);
      throw new AppError('upload.imageTooLarge', 413, [{ field: 'file', code: 'upload.imageTooLarge' }]);
    }
  }
  return kind;
}

/** Records a stored part and recounts the upload's received bytes, in one batch; only while pending. */
async function recordPart(
  db: Db,
  row: UploadRow,
  part: R2UploadedPart,
  size: number,
  kind: FileKind | null,
  now: Date,
): Promise<void> {
  await db.batch([
    db
      .insert(uploadParts)
      .values({ uploadId: row.id, partNumber: part.partNumber, etag: part.etag, size })
      .onConflictDoUpdate({ target: [uploadParts.uploadId, uploadParts.partNumber], set: { etag: part.etag, size } }),
    db
      .update(uploads)
      .set({
        receivedBytes: sql`(SELECT coalesce(sum(size), 0) FROM upload_parts WHERE upload_id = ${row.id})`,
        partsReceived: sql`(SELECT count(*) FROM upload_parts WHERE upload_id = ${row.id})`,
        // Only part 1 sets the type; other parts (maybe sent at the same time) leave it alone.
        ...(kind ? { detectedType: kindInfo[kind].mime } : {}),
        updatedAt: now,
      })
      .where(and(eq(uploads.id, row.id), eq(uploads.state, 'pending'))),
  ]);
}

export interface PartInput {
  ownerId: string;
  id: string;
  partNumber: number;
  /** The request body, streamed into R2 as it arrives (never buffered whole). */
  body: ReadableStream<Uint8Array> | null;
  /** The request's Content-Length; must be exactly the part's length. */
  length: number | null;
}

/**
 * Stores one part. Its length is fixed by the declared size (so received bytes never exceed
 * it) and enforced while streaming; part 1's first bytes decide the type (S13). Sending a part
 * again replaces it, which is how a retry resumes.
 * @throws AppError `upload.notFound` (404) when the upload does not exist or is someone else's (the same answer,
 *   S07)
 * @throws AppError `upload.notPending` (409) when the upload is no longer pending
 * @throws AppError `upload.partInvalid` (422) for a part number outside the upload
 * @throws AppError `upload.lengthRequired` (411) without a length or a body
 * @throws AppError `upload.tooLarge` (413) or `upload.partSize` (422) when the part is longer or shorter than its
 *   place in the file
 * @throws AppError `upload.typeRejected` (415), `upload.imageTooLarge` (413) or `upload.imageUnreadable` (422)
 *   when the first part is not an accepted kind, an image too large in pixels or one whose size cannot be read
 *   (the upload is rejected and aborted)
 * @throws AppError `server.unavailable` (503) when the portal has no files bucket (R2)
 */
export async function receivePart(
  db: Db,
  files: R2Bucket | undefined,
  input: PartInput,
  rules: UploadRules,
  now: Date,
): Promise<UploadView> {
  const row = await findOwnUpload(db, input.ownerId, input.id);
  if (row.state !== 'pending' || !row.multipartUploadId) throw new AppError('upload.notPending', 409);
  const expected = expectedPartLength(row.declaredSize, row.partSize, input.partNumber);
  if (expected === null) throw new AppError('upload.partInvalid', 422);
  if (input.length === null || !input.body) throw new AppError('upload.lengthRequired', 411);
  if (input.length !== expected)
    throw new AppError(
      input.length > expected ? 'upload.tooLarge' : 'upload.partSize',
      input.length > expected ? 413 : 422,
    );
  const bucket = need(files);

  const { head, reader } =
    input.partNumber === 1
      ? await readHead(input.body, Math.min(SNIFF_BYTES, expected))
      : { head: new Uint8Array(), reader: input.body.getReader() };
  let kind: FileKind | null = null;
  if (input.partNumber === 1) {
    try {
      kind = await checkKind(db, bucket, row, head, rules, now);
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      throw error;
    }
  }
  // FixedLengthStream makes R2 accept the stream and fails it if the client sends more or less.
  const { readable, writable } = new FixedLengthStream(expected);
  const pump = (async () => {
    const writer = writable.getWriter();
    try {
      if (head.length > 0) await writer.write(head);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await writer.write(value);
      }
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
      throw error;
    }
  })();
  const multipart = bucket.resumeMultipartUpload(row.key, row.multipartUploadId);
  const [stored, pumped] = await Promise.allSettled([multipart.uploadPart(input.partNumber, readable), pump]);
  if (stored.status === 'rejected' || pumped.status === 'rejected') throw new AppError('upload.partSize', 422);
  await recordPart(db, row, stored.value, expected, kind, now);
  return uploadStatus(db, input.ownerId, input.id);
}

/**
 * Finishes an upload once every part is there and the parts add up to the declared size.
 * Completing a complete upload answers the same again (a retried request).
 * @throws AppError `upload.notFound` (404) when the upload does not exist or is someone else's (the same answer,
 *   S07)
 * @throws AppError `upload.notPending` (409) when the upload was aborted or rejected
 * @throws AppError `upload.incomplete` (409) when parts are missing or do not add up to the declared size (a
 *   mismatch rejects the upload)
 * @throws AppError `server.unavailable` (503) when the portal has no files bucket (R2)
 */
export async function completeUpload(
  db: Db,
  files: R2Bucket | undefined,
  ownerId: string,
  id: string,
  now: Date,
): Promise<UploadView> {
  const row = await findOwnUpload(db, ownerId, id);
  if (row.state === 'complete') return uploadStatus(db, ownerId, id);
  if (row.state !== 'pending' || !row.multipartUploadId) throw new AppError('upload.notPending', 409);
  const parts = await db
    .select()
    .from(uploadParts)
    .where(eq(uploadParts.uploadId, id))
    .orderBy(asc(uploadParts.partNumber));
  const total = parts.reduce((n, p) => n + p.size, 0);
  if (parts.length !== partCount(row.declaredSize, row.partSize) || total !== row.declaredSize || !row.detectedType) {
    throw new AppError('upload.incomplete', 409);
  }
  const bucket = need(files);
  let object: R2Object;
  try {
    object = await bucket
      .resumeMultipartUpload(row.key, row.multipartUploadId)
      .complete(parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag })));
  } catch {
    // R2 disagrees about a part (e.g. one sent twice at once): forget the parts so a retry sends them again.
    await db.delete(uploadParts).where(eq(uploadParts.uploadId, id));
    await db
      .update(uploads)
      .set({ receivedBytes: 0, partsReceived: 0, updatedAt: now })
      .where(and(eq(uploads.id, id), eq(uploads.state, 'pending')));
    throw new AppError('upload.incomplete', 409);
  }
  if (object.size !== row.declaredSize) {
    await bucket.delete(row.key);
    await reject(db, bucket, row, now);
    throw new AppError('upload.incomplete', 409);
  }
  await db.batch([
    db
      .update(uploads)
      .set({ state: 'complete', multipartUploadId: null, completedAt: now, updatedAt: now })
      .where(and(eq(uploads.id, id), eq(uploads.state, 'pending'))),
    dropParts(db, id),
  ]);
  return uploadStatus(db, ownerId, id);
}

export interface StreamInput {
  ownerId: string;
  purpose: string;
  name: string;
  /** The file's bytes, of unknown length (a file streamed out of a form post). */
  stream: ReadableStream<Uint8Array>;
  /** An upper bound of the file's size (the request's Content-Length). */
  upperBound: number;
}

/**
 * Stores a file of unknown exact length (the plain form without JavaScript): cut into parts
 * server-side, so memory holds one part at a time, with the same type check, the same limit
 * (and at most `FORM_MAX_BYTES`) and the same completion as the browser's multipart upload.
 * @throws AppError `upload.tooLarge` (413) over the rules' limit or `FORM_MAX_BYTES`, AppError `upload.empty`
 *   (422) for an empty file
 * @throws AppError `upload.typeRejected` (415), `upload.imageTooLarge` (413) or `upload.imageUnreadable` (422)
 *   when the file is not an accepted kind, an image too large in pixels or one whose size cannot be read
 * @throws AppError `server.unavailable` (503) when the portal has no files bucket (R2)
 */
export async function storeStream(
  db: Db,
  files: R2Bucket | undefined,
  input: StreamInput,
  rules: UploadRules,
  now: Date,
): Promise<UploadView> {
  const limit = Math.min(rules.maxBytes, FORM_MAX_BYTES);
  if (input.upperBound > limit + 64 * 1024)
    throw new AppError('upload.tooLarge', 413, [{ field: 'file', code: 'upload.tooLarge' }]);
  const bucket = need(files);
  const created = await createUpload(
    db,
    bucket,
    { ...input, size: input.upperBound },
    { ...rules, maxBytes: limit + 64 * 1024 },
    now,
  );
  const row = await findOwnUpload(db, input.ownerId, created.id);
  const multipart = bucket.resumeMultipartUpload(row.key, row.multipartUploadId!);
  const reader = input.stream.getReader();
  const buffer = new Uint8Array(row.partSize);
  let filled = 0;
  let partNumber = 1;
  let total = 0;
  let kind: FileKind | null = null;
  const flush = async () => {
    const bytes = buffer.slice(0, filled);
    if (partNumber === 1) kind = await checkKind(db, bucket, row, bytes, rules, now);
    await recordPart(
      db,
      row,
      await multipart.uploadPart(partNumber, bytes),
      bytes.length,
      partNumber === 1 ? kind : null,
      now,
    );
    partNumber += 1;
    filled = 0;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) throw new AppError('upload.tooLarge', 413, [{ field: 'file', code: 'upload.tooLarge' }]);
      for (let at = 0; at < value.length; ) {
        const take = Math.min(value.length - at, buffer.length - filled);
        buffer.set(value.subarray(at, at + take), filled);
        filled += take;
        at += take;
        if (filled === buffer.length) await flush();
      }
    }
    if (total === 0) throw new AppError('upload.empty', 422, [{ field: 'file', code: 'upload.empty' }]);
    if (filled > 0) await flush();
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    await reject(db, bucket, row, now);
    throw error;
  }
  // Now the real size is known, it becomes the declared one, and the usual completion checks apply.
  await db
    .update(uploads)
    .set({ declaredSize: total })
    .where(and(eq(uploads.id, row.id), eq(uploads.state, 'pending')));
  return completeUpload(db, bucket, input.ownerId, row.id, now);
}

/**
 * Cancels a pending upload (aborting it in R2) or removes a complete one's file.
 * @throws AppError `upload.notFound` (404) when the upload does not exist or is someone else's (the same answer,
 *   S07)
 * @throws AppError `server.unavailable` (503) when the portal has no files bucket (R2)
 */
export async function abortUpload(
  db: Db,
  files: R2Bucket | undefined,
  ownerId: string,
  id: string,
  now: Date,
): Promise<UploadView> {
  const row = await findOwnUpload(db, ownerId, id);
  const bucket = need(files);
  if (row.state === 'pending' && row.multipartUploadId) {
    await bucket
      .resumeMultipartUpload(row.key, row.multipartUploadId)
      .abort()
      .catch(() => undefined);
  } else if (row.state === 'complete') {
    await bucket.delete([row.key, blindKey(row.id)]);
  }
  if (row.state === 'pending' || row.state === 'complete') {
    await db.batch([
      db
        .update(uploads)
        .set({ state: 'aborted', multipartUploadId: null, updatedAt: now })
        .where(and(eq(uploads.id, id), eq(uploads.state, row.state))),
      dropParts(db, id),
    ]);
  }
  return uploadStatus(db, ownerId, id);
}

/**
 * A complete upload's file for its owner, with the clean name and the sniffed type.
 * @throws AppError `upload.notFound` (404) when the upload does not exist or is someone else's (the same answer,
 *   S07), not complete, or its file is missing
 * @throws AppError `server.unavailable` (503) when the portal has no files bucket (R2)
 */
export async function readOwnFile(db: Db, files: R2Bucket | undefined, ownerId: string, id: string) {
  const row = await findOwnUpload(db, ownerId, id);
  if (row.state !== 'complete' || !row.detectedType) throw notFound();
  const object = await need(files).get(row.key);
  if (!object) throw notFound();
  return { object, name: row.name, type: row.detectedType };
}

/** Pending uploads nobody touched for `STALE_AFTER_MS`, oldest first. */
export async function stalePendingUploads(db: Db, now: Date, limit = 100): Promise<UploadRow[]> {
  return db
    .select()
    .from(uploads)
    .where(and(eq(uploads.state, 'pending'), lt(uploads.updatedAt, new Date(now.getTime() - STALE_AFTER_MS))))
    .orderBy(asc(uploads.updatedAt))
    .limit(limit);
}

/**
 * The cron's cleanup: aborts multipart uploads left pending for more than 24 hours, so R2 frees
 * their parts, and marks them aborted. Returns how many were aborted.
 */
export async function abortStaleUploads(deps: Pick<Deps, 'db' | 'files' | 'clock'>): Promise<number> {
  const { db, files } = deps;
  if (!files) return 0;
  const now = deps.clock();
  const stale = await stalePendingUploads(db, now);
  for (const row of stale) {
    if (row.multipartUploadId)
      await files
        .resumeMultipartUpload(row.key, row.multipartUploadId)
        .abort()
        .catch(() => undefined);
    await db.batch([
      db
        .update(uploads)
        .set({ state: 'aborted', multipartUploadId: null, updatedAt: now })
        .where(and(eq(uploads.id, row.id), eq(uploads.state, 'pending'), eq(uploads.updatedAt, row.updatedAt))),
      dropParts(db, row.id),
    ]);
  }
  return stale.length;
}

/** Deletes an upload's part rows once it is no longer pending (guards against a concurrent resume). */
const dropParts = (db: Db, id: string) =>
  db
    .delete(uploadParts)
    .where(and(eq(uploadParts.uploadId, id), sql`(SELECT state FROM uploads WHERE id = ${id}) <> 'pending'`));

/** Where the jury's metadata-free copy of an upload lives. */
export const blindKey = (uploadId: string): string => `blind/${uploadId}`;

/** The person's uploads for a data export (art. 15/20): names, purposes, sizes, states and dates. */
export const uploadsOf = (db: Db, ownerId: string) =>
  db
    .select({
      name: uploads.name,
      purpose: uploads.purpose,
      size: uploads.declaredSize,
      type: uploads.detectedType,
      state: uploads.state,
      createdAt: uploads.createdAt,
      completedAt: uploads.completedAt,
    })
    .from(uploads)
    .where(eq(uploads.ownerId, ownerId));

/**
 * Erasure (art. 17): removes the person's files from R2 (aborting unfinished uploads) and
 * returns the row deletes for the caller's batch. Files go first, so a failure leaves rows
 * pointing at nothing rather than personal files nobody can find.
 */
export async function eraseUploadsOf(db: Db, files: R2Bucket | undefined, ownerId: string) {
  const rows = await db
    .select({ id: uploads.id, key: uploads.key, multipartUploadId: uploads.multipartUploadId })
    .from(uploads)
    .where(eq(uploads.ownerId, ownerId));
  if (files && rows.length > 0) {
    for (const row of rows) {
      if (row.multipartUploadId)
        await files
          .resumeMultipartUpload(row.key, row.multipartUploadId)
          .abort()
          .catch(() => undefined);
    }
    const keys = rows.flatMap((r) => [r.key, blindKey(r.id)]);
    // R2 deletes at most 1000 keys per call.
    for (let i = 0; i < keys.length; i += 1000) await files.delete(keys.slice(i, i + 1000));
  }
  const ids = db.select({ id: uploads.id }).from(uploads).where(eq(uploads.ownerId, ownerId));
  return [
    db.delete(uploadParts).where(inArray(uploadParts.uploadId, ids)),
    db.delete(uploads).where(eq(uploads.ownerId, ownerId)),
  ] as const;
}
