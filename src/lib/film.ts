import type { Locale } from '../../core/locales.ts';
import type { FilmChapter } from './film-chapters.ts';
import { parseVtt, type Cue } from './vtt.ts';

/** Where the captions, chapters and the film live; the film streams from R2 (/media/). */
export const filmBase = '/media/documentary';
export const filmVideo = `${filmBase}/we-are-at-home-here-demo`;

/** A link that opens the film at a moment without JavaScript (a media fragment, `#t=16`). */
export const filmAt = (seconds: number): string => `${filmVideo}.webm#t=${seconds}`;

// The caption and chapter files are the one source for the player, the chapter list and the kits.
const vtt = import.meta.glob<string>('/public/media/documentary/*.vtt', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Cues of one of the documentary's WebVTT files, e.g. `chapters.en` or `captions.uk`. */
export const filmCues = (name: `${'chapters' | 'captions'}.${Locale}`): Cue[] =>
  parseVtt(vtt[`/public${filmBase}/${name}.vtt`] ?? '');

/** A chapter in a locale: its title and where it starts and ends, in whole seconds. */
export function filmChapter(locale: Locale, chapter: FilmChapter): Cue {
  const cue = filmCues(`chapters.${locale}`).find((c) => c.id === chapter);
  if (!cue) throw new Error(`chapters.${locale}.vtt has no cue with the id "${chapter}"`);
  return cue;
}
