import type { FileKind } from './sniff.ts';

/** R2 refuses parts below 5 MiB (except the last) and more than 10,000 parts. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
const MAX_PARTS = 10_000;
/** 100 megapixels: more than any camera the competition expects, far less than a decompression bomb. */
export const MAX_IMAGE_PIXELS = 100_000_000;

/**
 * What a caller (a competition category, the demo page) accepts. Passed in by whoever owns the
 * upload's purpose; this module knows no category.
 */
export interface UploadRules {
  /** Kinds of file accepted, checked by magic bytes. */
  accept: readonly FileKind[];
  /** Largest file in bytes (e.g. 500 MB for video). */
  maxBytes: number;
  /** Bytes per part (all but the last); at least `MIN_PART_SIZE`. Defaults to 8 MiB. */
  partSize?: number;
  /** Largest image (width × height) accepted, read from the header before any decoding (S14). Defaults to `MAX_IMAGE_PIXELS`. */
  maxPixels?: number;
}

/**
 * Why a declared size (bytes) is refused, or null when it is fine: `upload.empty` only for 0;
 * `upload.tooLarge` for anything over the rules' limit (1e300 and Infinity too, which are not byte
 * counts any file has); `upload.sizeInvalid` for what is not a whole number of bytes (negative,
 * fractional, NaN).
 */
export function sizeProblem(
  declaredSize: number,
  rules: UploadRules,
): 'upload.empty' | 'upload.tooLarge' | 'upload.sizeInvalid' | null {
  if (declaredSize === 0) return 'upload.empty';
  if (declaredSize > rules.maxBytes) return 'upload.tooLarge';
  return Number.isSafeInteger(declaredSize) && declaredSize > 0 ? null : 'upload.sizeInvalid';
}

/** The part size to use: the caller's (never under R2's minimum), grown if the file would need too many parts. */
export function partSizeFor(declaredSize: number, rules: UploadRules): number {
  const wanted = Math.max(rules.partSize ?? DEFAULT_PART_SIZE, MIN_PART_SIZE);
  return Math.max(wanted, Math.ceil(declaredSize / MAX_PARTS));
}

/** How many parts a file of `size` bytes is sent in. */
export const partCount = (size: number, partSize: number): number => Math.max(1, Math.ceil(size / partSize));

/**
 * The exact length part `partNumber` (1-based) must have, or null when there is no such part.
 * Every part's length is fixed by the declared size, so received bytes can never exceed it.
 */
export function expectedPartLength(size: number, partSize: number, partNumber: number): number | null {
  const count = partCount(size, partSize);
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > count) return null;
  return partNumber < count ? partSize : size - partSize * (count - 1);
}
