import type { FilmChapter } from '../film-chapters.ts';
import { filmChapters } from '../film-chapters.ts';
import type { MaterialFacts } from './schema.ts';

/** A material as the kits, the manifest and the ZIPs need it: its id and its facts. */
export interface MaterialRecord {
  id: string;
  facts: MaterialFacts;
}

/** The download id of a chapter's kit, `kit-arriving`, and its ZIP's file name. */
export const kitId = (chapter: FilmChapter) => `kit-${chapter}` as const;
export const kitZipName = (chapter: FilmChapter) => `we-are-at-home-here-${chapter}.zip`;

/** One file in a kit's ZIP: the path inside the archive and the material file it holds. */
export interface KitEntry {
  path: string;
  materialId: string;
  name: string;
}

/** The chapters that have materials, each with its materials (in id order) and ZIP entries. */
export function kitsOf<T extends MaterialRecord>(materials: readonly T[]) {
  return filmChapters.flatMap((chapter) => {
    const members = materials.filter((m) => m.facts.chapter === chapter).sort((a, b) => a.id.localeCompare(b.id));
    if (members.length === 0) return [];
    const entries: KitEntry[] = members.flatMap((m) =>
      m.facts.files.map((f) => ({ path: `${m.id}/${f.name}`, materialId: m.id, name: f.name })),
    );
    return [{ chapter, id: kitId(chapter), zipName: kitZipName(chapter), materials: members, entries }];
  });
}
