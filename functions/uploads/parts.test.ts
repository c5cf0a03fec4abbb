import { describe, expect, it } from 'vitest';
import { expectedPartLength, MIN_PART_SIZE, partCount, partSizeFor, sizeProblem, type UploadRules } from './parts.ts';

const MiB = 1024 * 1024;
const video: UploadRules = { accept: ['mp4', 'webm'], maxBytes: 500_000_000 };

describe('size rules', () => {
  it('S13 a declared size over the caller’s limit is refused; empty or odd sizes too', () => {
    expect(sizeProblem(500_000_000, video)).toBeNull();
    expect(sizeProblem(500_000_001, video)).toBe('upload.tooLarge');
    expect(sizeProblem(0, video)).toBe('upload.empty');
    // Tester finding: 1e300 bytes was told "the file is empty". Only 0 is empty.
    expect(sizeProblem(1e300, video)).toBe('upload.tooLarge');
    expect(sizeProblem(Number.POSITIVE_INFINITY, video)).toBe('upload.tooLarge');
    expect(sizeProblem(2 ** 53, { ...video, maxBytes: Number.MAX_VALUE })).toBe('upload.sizeInvalid');
    expect(sizeProblem(-5, video)).toBe('upload.sizeInvalid');
    expect(sizeProblem(1.5, video)).toBe('upload.sizeInvalid');
    expect(sizeProblem(Number.NaN, video)).toBe('upload.sizeInvalid');
  });

  it('parts follow R2’s rules: at least 5 MiB, at most 10,000 parts', () => {
    expect(partSizeFor(100 * MiB, video)).toBe(8 * MiB);
    expect(partSizeFor(100 * MiB, { ...video, partSize: 1 })).toBe(MIN_PART_SIZE);
    expect(partSizeFor(200_000 * MiB, { ...video, maxBytes: Infinity })).toBe(20 * MiB);
  });

  it('every part’s exact length follows from the declared size, so received bytes never exceed it', () => {
    const size = 12 * MiB + 5;
    expect(partCount(size, 5 * MiB)).toBe(3);
    expect([1, 2, 3].map((n) => expectedPartLength(size, 5 * MiB, n))).toEqual([5 * MiB, 5 * MiB, 2 * MiB + 5]);
    expect(expectedPartLength(size, 5 * MiB, 4)).toBeNull();
    expect(expectedPartLength(size, 5 * MiB, 0)).toBeNull();
    expect(expectedPartLength(size, 5 * MiB, 1.5)).toBeNull();
    expect(partCount(10, 5 * MiB)).toBe(1);
    expect(expectedPartLength(10, 5 * MiB, 1)).toBe(10);
    expect(expectedPartLength(10 * MiB, 5 * MiB, 2)).toBe(5 * MiB);
  });
});
