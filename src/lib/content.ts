import { getCollection, type CollectionEntry, type CollectionKey } from 'astro:content';
import { defaultLocale, type Locale, locales } from '../../core/locales.ts';
import { consentAllowsPublication } from './consent.ts';
import { translationStatus, type TranslationStatus } from './translation-status.ts';

type Localized = CollectionEntry<'pages' | 'campaigns' | 'stories' | 'news' | 'materials'>;

/** `en/safe` → `{ locale: 'en', slug: 'safe' }`. */
export function splitId(id: string): { locale: Locale; slug: string } {
  const [locale, ...rest] = id.split('/');
  return { locale: locale as Locale, slug: rest.join('/') };
}

/**
 * The day the build treats as today. Consent expiry is checked against it, so a site must be
 * rebuilt daily (the README says so); SPOTLIGHT_TODAY pins it for reproducible builds.
 */
export function buildDay(): Date {
  const pinned: string = import.meta.env.SPOTLIGHT_TODAY;
  return pinned ? new Date(pinned) : new Date();
}

/**
 * Values derived from the collections, computed once: a collection does not change during a build
 * or in the deployed Worker, and every page asked again (a story's page read the whole collection
 * three times: 3,000 stories made 27 million entry copies). In `astro dev` content changes under
 * the server, so nothing is kept there. Keys name what the value depends on (the day, for stories).
 */
const derived = new Map<string, Promise<unknown>>();
function once<T>(key: string, compute: () => Promise<T>): Promise<T> {
  if (import.meta.env.DEV) return compute();
  let value = derived.get(key) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    derived.set(key, value);
  }
  return value;
}

/** Published stories of every locale, newest first, for the build day (`yyyy-mm-dd`). */
function publishedOn(day: Date): Promise<CollectionEntry<'stories'>[]> {
  return once(`published:${day.toISOString().slice(0, 10)}`, async () => {
    const all = await getCollection('stories');
    const allowed = new Set(
      all
        .filter((e) => splitId(e.id).locale === defaultLocale && consentAllowsPublication(e.data.consent, day))
        .map((e) => splitId(e.id).slug),
    );
    return all
      .filter((e) => allowed.has(splitId(e.id).slug))
      .sort((a, b) => b.data.published.getTime() - a.data.published.getTime());
  });
}

/**
 * Stories that may be shown: the consent record in the Slovak original allows publication on
 * the build day. Translations follow their original; one without an original is never shown.
 * @returns a new array (callers may change it), newest first
 */
export async function publishedStories(locale?: Locale): Promise<CollectionEntry<'stories'>[]> {
  const all = await publishedOn(buildDay());
  return locale ? all.filter((e) => splitId(e.id).locale === locale) : [...all];
}

/** Slugs of stories whose consent record says they are illustrative composites (the Slovak original holds the record). */
export async function compositeStories(): Promise<Set<string>> {
  const all = await getCollection('stories');
  return new Set(
    all
      .filter((e) => splitId(e.id).locale === defaultLocale && e.data.consent?.kind === 'composite')
      .map((e) => splitId(e.id).slug),
  );
}

/**
 * Static paths for a localized collection: one page per entry at `[lang]/…/[slug]`, with the
 * entry as a prop. `keep` leaves entries out (e.g. the home page, or stories without consent).
 */
export async function entryPaths<C extends 'pages' | 'campaigns' | 'news'>(
  collection: C,
  keep: (slug: string) => boolean = () => true,
) {
  const entries = (await getCollection(collection)) as CollectionEntry<C>[];
  return entries
    .filter((entry) => keep(splitId(entry.id).slug))
    .map((entry) => {
      const { locale, slug } = splitId(entry.id);
      return { params: { lang: locale, slug }, props: { entry } };
    });
}

/** News of a locale, newest first. */
export async function newsIn(locale: Locale): Promise<CollectionEntry<'news'>[]> {
  return (await getCollection('news', (e) => splitId(e.id).locale === locale)).sort(
    (a, b) => b.data.published.getTime() - a.data.published.getTime(),
  );
}

/** Campaigns of a locale in their display order. */
export async function campaignsIn(locale: Locale): Promise<CollectionEntry<'campaigns'>[]> {
  return (await getCollection('campaigns', (e) => splitId(e.id).locale === locale)).sort(
    (a, b) => a.data.order - b.data.order,
  );
}

/** A localized collection's entries by id (`sk/amina`). */
function byId(collection: Localized['collection']): Promise<Map<string, Localized>> {
  return once(`by-id:${collection}`, async () => {
    const entries: Localized[] = await getCollection(collection);
    return new Map(entries.map((e) => [e.id, e]));
  });
}

/** How current a translated entry is compared with its Slovak original. */
export async function statusOf(entry: Localized): Promise<TranslationStatus> {
  const { locale, slug } = splitId(entry.id);
  const original = (await byId(entry.collection)).get(`${defaultLocale}/${slug}`);
  return translationStatus(locale === defaultLocale, entry.data.translation, original?.data.updated);
}

/** For each slug of a collection, the locales it exists in (stories: published on the build day). */
function localesBySlug(collection: Localized['collection']): Promise<Map<string, Set<Locale>>> {
  const day = buildDay();
  const key = collection === 'stories' ? `locales:stories:${day.toISOString().slice(0, 10)}` : `locales:${collection}`;
  return once(key, async () => {
    const all: Localized[] = collection === 'stories' ? await publishedOn(day) : await getCollection(collection);
    const bySlug = new Map<string, Set<Locale>>();
    for (const e of all) {
      const { locale, slug } = splitId(e.id);
      const present = bySlug.get(slug) ?? new Set<Locale>();
      present.add(locale);
      bySlug.set(slug, present);
    }
    return bySlug;
  });
}

/**
 * The locales in which an entry's page exists (the same slug in the same collection; for stories,
 * only those published), in the portal's locale order: what hreflang, the language switcher and
 * the sitemap may point to.
 */
export async function translationsOf(entry: Localized): Promise<Locale[]> {
  const present = (await localesBySlug(entry.collection)).get(splitId(entry.id).slug);
  return locales.filter((l) => present?.has(l));
}

/**
 * Every collection but stories, each with whether a story's page may read it. A `Record` over
 * `CollectionKey`, so a new collection fails `astro check` until it is listed here (and so is
 * either in the story pages' cache key or named as not read).
 */
const readByStoryPages: Record<Exclude<CollectionKey, 'stories'>, true> = {
  pages: true,
  campaigns: true,
  news: true,
  helplines: true,
  research: true,
  materials: true,
};

/** SHA-256 (hex) of a string, with Web Crypto (the same in Node and in the Worker). */
async function sha256(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One entry as it enters a cache key: its id and the digest of its data and body that Astro's
 * loaders store with it (not in the entry's type: read defensively; the data itself when absent).
 */
function entryDigest(e: { id: string; data: unknown }): string {
  const digest = (e as { digest?: unknown }).digest;
  return `${e.id}:${typeof digest === 'string' ? digest : JSON.stringify(e.data)}`;
}

/**
 * The cache key of a story's page for Astro's incremental build (`experimental.incrementalBuild`):
 * Astro reuses the page's HTML from the last build when this key, the page's code (its module
 * graph, which Astro hashes itself), the configuration and the lockfile are all unchanged.
 *
 * Why the key is complete — what a story's page reads besides code:
 * - the story entry itself (its digest: front matter and body; Astro also tracks the rendered body);
 * - its Slovak original (consent record, `updated` for the translation status): the original's digest;
 * - the locales the story is published in (hreflang, language switcher): the list itself, as
 *   computed for the build day — the build day enters only through it and through which pages
 *   exist at all (Astro prunes pages that are no longer listed); nothing on the page shows the date;
 * - whatever the layout and components read from other collections (footer helpline, phone
 *   numbers in text, lists): a digest of every entry of every other collection.
 * No page reads other stories. Catalogue strings, organisation details and templates are modules
 * (in Astro's code hash); `site`, `SPOTLIGHT_TODAY` and every other setting are in its config hash.
 * @returns 64 hex characters
 */
export async function storyCacheKey(entry: CollectionEntry<'stories'>, translations: Locale[]): Promise<string> {
  const shared = await once('shared-digest', async () => {
    const parts: string[] = [];
    for (const collection of Object.keys(readByStoryPages) as (keyof typeof readByStoryPages)[])
      for (const e of await getCollection(collection)) parts.push(`${collection}/${entryDigest(e)}`);
    return sha256(parts.sort().join('\n'));
  });
  const { slug } = splitId(entry.id);
  const original = (await byId('stories')).get(`${defaultLocale}/${slug}`);
  return sha256(JSON.stringify([entryDigest(entry), original ? entryDigest(original) : null, translations, shared]));
}
