/**
 * Image dimensions read from the container header with `image-size`, so a decompression bomb (a
 * 50,000 × 50,000 pixel image of a few kilobytes) is refused before anything decodes it (S14). The
 * check fails closed (S25): an image whose size cannot be read from the bytes given is not measured
 * as 0 pixels but reported as unreadable, and the caller refuses it. Pure.
 */
import { imageSize } from 'image-size';
import type { FileKind } from './sniff.ts';

/** The image kinds the portal accepts, each with the name `image-size` gives its format. */
export const imageKinds = { jpeg: 'jpg', png: 'png', webp: 'webp' } as const satisfies Partial<
  Record<FileKind, string>
>;
export type ImageKind = keyof typeof imageKinds;

/** Whether a kind is an image (and so has its pixels counted before it is stored). */
export const isImageKind = (kind: FileKind): kind is ImageKind => Object.hasOwn(imageKinds, kind);

/**
 * Width × height in pixels of a JPEG (first SOF0–SOF2 frame header, however much EXIF/XMP sits
 * before it), PNG (IHDR) or WebP (VP8, VP8L or VP8X canvas) of kind `kind`, read from `head` (the
 * first `SNIFF_BYTES` of the file, or all of it); for files with several images, the largest.
 * Null when the size cannot be read: the header lies beyond `head`, is broken, is of another format
 * than `kind`, or uses a frame type image-size does not read (lossless or arithmetic JPEG). Callers
 * must refuse null (fail closed, S25).
 */
export function imagePixels(head: Uint8Array, kind: ImageKind): number | null {
  try {
    const size = imageSize(head);
    if (size.type !== imageKinds[kind]) return null;
    const { width, height } = size;
    if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width <= 0 || height <= 0) return null;
    return width * height;
  } catch {
    return null;
  }
}
