import type { Locale } from '../i18n/locales.ts';
import { parseVtt, type Cue } from './vtt.ts';

/** Where the captions, chapters and the film live; the film streams from R2 (/media/). */
export const filmBase = '/media/documentary';
export const filmVideo = `${filmBase}/we-are-at-home-here-demo`;

/**
 * The film's chapters, by the cue ids of `chapters.<locale>.vtt`. Materials name the chapter
 * they belong to with these ids; a test checks every locale's chapter file uses exactly them.
 */
export const filmChapters = ['arriving', 'everyday-life', 'classroom'] as const;
export type FilmChapter = (typeof filmChapters)[number];

/** A link that opens the film at a moment without JavaScript (a media fragment, `#t=16`). */
export const filmAt = (seconds: number): string => `${filmVideo}.webm#t=${seconds}`;

// The caption and chapter files are the one source for the player, the chapter list and the kits.
const vtt = import.meta.glob<string>('/public/media/documentary/*.vtt', { query: '?raw', import: 'default', eager: true });

/** Cues of one of the documentary's WebVTT files, e.g. `chapters.en` or `captions.uk`. */
export const filmCues = (name: `${'chapters' | 'captions'}.${Locale}`): Cue[] => parseVtt(vtt[`/public${filmBase}/${name}.vtt`] ?? '');

/** A chapter in a locale: its title and where it starts and ends, in whole seconds. */
export function filmChapter(locale: Locale, chapter: FilmChapter): Cue {
  const cue = filmCues(`chapters.${locale}`).find((c) => c.id === chapter);
  if (!cue) throw new Error(`chapters.${locale}.vtt has no cue with the id "${chapter}"`);
  return cue;
}
