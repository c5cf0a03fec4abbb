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
 * The JPEG up to the end of its first frame header (SOF), found by walking the marker segments
 * strictly from SOI, or null when a segment is broken, runs past `head`, or the scan starts first.
 * image-size then reads only this part: its own walker re-synchronises byte by byte on garbage,
 * which would let a crafted 5 MiB file cost a Worker hundreds of milliseconds of CPU.
 */
function jpegHeaders(head: Uint8Array): Uint8Array | null {
  let at = 2;
  while (at + 4 <= head.length) {
    if (head[at] !== 0xff) return null;
    const marker = head[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // standalone markers carry no length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null;
    const end = at + 2 + ((head[at + 2]! << 8) | head[at + 3]!);
    if (end < at + 4) return null;
    // A frame header needs its precision, height and width (5 bytes after the length) to be read.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return at + 9 <= head.length ? head.subarray(0, Math.min(end, head.length)) : null;
    at = end;
  }
  return null;
}

/**
 * Width × height in pixels of a JPEG (first SOF0–SOF2 frame header, however much EXIF/XMP sits
 * before it), PNG (IHDR) or WebP (VP8, VP8L or VP8X canvas) of kind `kind`, read from `head` (the
 * first `SNIFF_BYTES` of the file, or all of it); for files with several images, the largest.
 * Null when the size cannot be read: the header lies beyond `head`, is broken, is of another format
 * than `kind`, or uses a frame type image-size does not read (lossless or arithmetic JPEG). Callers
 * must refuse null (fail closed, S25).
 */
export function imagePixels(head: Uint8Array, kind: ImageKind): number | null {
  const bytes = kind === 'jpeg' ? jpegHeaders(head) : head;
  if (!bytes) return null;
  try {
    const size = imageSize(bytes);
    if (size.type !== imageKinds[kind]) return null;
    const { width, height } = size;
    if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width <= 0 || height <= 0) return null;
    return width * height;
  } catch {
    return null;
  }
}
