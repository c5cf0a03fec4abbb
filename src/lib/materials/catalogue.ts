import { getCollection, type CollectionEntry } from 'astro:content';
import { defaultLocale, type Locale } from '../../../core/locales.ts';
import { splitId } from '../content.ts';
import type { FacetedItem } from './filter.ts';
import { kitsOf } from './kits.ts';
import { materialFacts, type MaterialFacts } from './schema.ts';

/** A material in one locale: its text from that locale's entry, its facts from the Slovak original. */
export interface Material {
  id: string;
  entry: CollectionEntry<'materials'>;
  facts: MaterialFacts;
  /** The languages of its files, in the order the files are listed. */
  languages: string[];
}

const factKeys = Object.keys(materialFacts.shape);

/**
 * Every material in a locale, by title. Fails the build when an original lacks its facts or a
 * translation repeats them (they would drift apart), naming the file.
 */
export async function materialsIn(locale: Locale): Promise<Material[]> {
  const all = await getCollection('materials');
  const facts = new Map<string, MaterialFacts>();
  for (const entry of all) {
    const where = `content/materials/${entry.id}.mdx`;
    if (splitId(entry.id).locale === defaultLocale) {
      const parsed = materialFacts.safeParse(entry.data);
      if (!parsed.success)
        throw new Error(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      facts.set(splitId(entry.id).slug, parsed.data);
    } else {
      const repeated = factKeys.filter(
        (key) => key in entry.data && entry.data[key as keyof typeof entry.data] !== undefined,
      );
      if (repeated.length > 0) throw new Error(`${where}: ${repeated.join(', ')} belong in the Slovak original only`);
    }
  }
  return all
    .filter((entry) => splitId(entry.id).locale === locale && facts.has(splitId(entry.id).slug))
    .map((entry) => {
      const id = splitId(entry.id).slug;
      const f = facts.get(id)!;
      return {
        id,
        entry,
        facts: f,
        languages: [...new Set(f.files.flatMap((file) => (file.language ? [file.language] : [])))],
      };
    })
    .sort((a, b) => a.entry.data.title.localeCompare(b.entry.data.title, locale));
}

/** The film chapters' kits in a locale, each with its materials. */
export async function kitsIn(locale: Locale) {
  return kitsOf(await materialsIn(locale));
}

/** What the catalogue filter knows about a material. */
export const facetsOf = (m: Material): FacetedItem => ({
  id: m.id,
  facets: {
    age: m.facts.ages,
    subject: m.facts.subjects,
    language: m.languages,
    format: [m.facts.format],
    licence: [m.facts.licence],
  },
});
