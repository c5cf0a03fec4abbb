import { describe, expect, it } from 'vitest';
import { locales } from '../../core/locales.ts';
import { filmChapters } from './film-chapters.ts';
import { filmChapter, filmCues } from './film.ts';

describe('the film chapters', () => {
  it.each(locales)('chapters.%s.vtt names exactly the declared chapter ids, in order, at the same times', (locale) => {
    const cues = filmCues(`chapters.${locale}`);
    expect(cues.map((c) => c.id)).toEqual([...filmChapters]);
    expect(cues.map((c) => [c.start, c.end])).toEqual([
      [0, 8],
      [8, 16],
      [16, 24],
    ]);
  });

  it('finds a chapter with its title in a locale', () => {
    expect(filmChapter('en', 'classroom')).toEqual({ id: 'classroom', start: 16, end: 24, text: 'In the classroom' });
  });
});
