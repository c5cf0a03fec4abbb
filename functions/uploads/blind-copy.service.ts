import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { uploads } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { attachmentDisposition } from './file-name.ts';
import { fileKinds, kindInfo, type FileKind } from './sniff.ts';
import { stripIsoMedia, stripJpeg, stripMp3, stripPdf, stripPng } from './strip.ts';
import { blindKey } from './uploads.service.ts';

/** Largest file a blind copy is made of: it is stripped in the Worker's memory (128 MB). */
export const BLIND_MAX_BYTES = 50 * 1024 * 1024;

const strippers: Partial<Record<FileKind, (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>>> = {
  jpeg: stripJpeg,
  png: stripPng,
  pdf: stripPdf,
  mp4: stripIsoMedia,
  mov: stripIsoMedia,
  m4a: stripIsoMedia,
  mp3: stripMp3,
};

/** Why a blind copy cannot be made, known before trying (`kind`: no stripper for the type; `size`: over `BLIND_MAX_BYTES`). */
export type BlindRefusal = 'kind' | 'size';

/**
 * Whether a blind copy can be made of a file, known from its detected media type and size in
 * bytes without reading it: `kind` for a type without a metadata stripper (WebM/MKV, WAV, Ogg,
 * WebP, office documents, anything unknown), `size` for one over `BLIND_MAX_BYTES`, else null
 * (the copy may still fail on a file the stripper cannot read). Pure.
 */
export function blindCopyRefusal(type: string, size: number): BlindRefusal | null {
  const kind = fileKinds.find((k) => kindInfo[k].mime === type);
  if (!kind || !strippers[kind]) return 'kind';
  return size > BLIND_MAX_BYTES ? 'size' : null;
}

/** A file name that says nothing about the author or outlet (S09). */
export const blindName = (uploadId: string, kind: FileKind): string =>
  `file-${uploadId.slice(0, 8)}.${kindInfo[kind].ext}`;

/**
 * Makes the jury's copy of a complete upload (S09): metadata stripped (JPEG EXIF/XMP/IPTC/
 * comments, PNG text chunks, PDF info, XMP, annotation authors and embedded files, MP4/MOV/M4A
 * `udta`/`meta`/XMP `uuid` boxes, times and metadata tracks, MP3 ID3v1/ID3v2/APE/Lyrics3 tags),
 * stored under `blind/<uploadId>` with a neutral name. Types that cannot be cleaned here (WebM/MKV,
 * WAV, Ogg, WebP, office documents), and files a stripper cannot read, are refused with
 * `upload.blindUnsupported` rather than copied with their metadata: such files stay out of blind rounds.
 * @throws AppError `upload.notFound` (404) when the upload is not complete or its file is missing
 * @throws AppError `upload.blindUnsupported` (422) for a kind without a metadata stripper, a file over
 *   `BLIND_MAX_BYTES`, or one the stripper cannot read
 */
export async function makeBlindCopy(
  db: Db,
  bucket: R2Bucket,
  uploadId: string,
): Promise<{ key: string; name: string; type: string }> {
  const row = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, uploadId), eq(uploads.state, 'complete')))
    .get();
  if (!row) throw new AppError('upload.notFound', 404);
  const kind = fileKinds.find((k) => kindInfo[k].mime === row.detectedType);
  const strip = kind && strippers[kind];
  if (!kind || !strip || row.declaredSize > BLIND_MAX_BYTES) throw new AppError('upload.blindUnsupported', 422);
  const object = await bucket.get(row.key);
  if (!object) throw new AppError('upload.notFound', 404);
  let stripped: Uint8Array;
  try {
    stripped = await strip(new Uint8Array(await object.arrayBuffer()));
  } catch {
    // An encrypted or broken PDF, a damaged image: better no copy than one with the author's name.
    throw new AppError('upload.blindUnsupported', 422);
  }
  const name = blindName(row.id, kind);
  const key = blindKey(row.id);
  await bucket.put(key, stripped, {
    httpMetadata: { contentType: kindInfo[kind].mime, contentDisposition: attachmentDisposition(name) },
  });
  return { key, name, type: kindInfo[kind].mime };
}
