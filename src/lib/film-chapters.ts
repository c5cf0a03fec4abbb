/**
 * The film's chapters, by the cue ids of `public/media/documentary/chapters.<locale>.vtt`.
 * Materials name the chapter they belong to with these ids; a test checks every locale's
 * chapter file uses exactly them. (A file of its own: the build integrations import it in Node.)
 */
export const filmChapters = ['arriving', 'everyday-life', 'classroom'] as const;
export type FilmChapter = (typeof filmChapters)[number];
