import { describe, expect, it } from 'vitest';
import { fileKinds } from './file-kind.ts';
import { formatList, formatName, kindOfMediaType } from './file-format.ts';
import { locales } from './locales.ts';

describe('file formats', () => {
  it('names formats as people know them, from a kind or a media type', () => {
    expect(['pdf', 'video/mp4', 'image/jpeg'].map((k) => formatName('en', k))).toEqual([
      'PDF',
      'MP4 video',
      'JPEG photo',
    ]);
    expect(['pdf', 'video/mp4', 'image/jpeg'].map((k) => formatName('sk', k))).toEqual([
      'PDF',
      'video MP4',
      'fotografia JPEG',
    ]);
    expect(['pdf', 'video/mp4', 'image/jpeg'].map((k) => formatName('uk', k))).toEqual([
      'PDF',
      'відео MP4',
      'фото JPEG',
    ]);
    expect(formatName('en', 'application/x-unknown')).toBe('application/x-unknown');
  });

  it('has a name for every kind in every locale, never the key', () => {
    for (const locale of locales)
      for (const kind of fileKinds) expect(formatName(locale, kind)).not.toMatch(/^fileFormats\./);
  });

  it('lists formats in the locale', () => {
    expect(formatList('en', ['application/pdf', 'video/mp4', 'audio/mpeg'])).toBe('PDF, MP4 video, and MP3 audio');
    expect(formatList('sk', ['application/pdf', 'video/mp4'])).toBe('PDF a\u00a0video MP4');
    expect(kindOfMediaType('audio/mpeg')).toBe('mp3');
  });
});
