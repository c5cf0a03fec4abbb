import { getCollection, type CollectionEntry } from 'astro:content';
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
 * Stories that may be shown: the consent record in the Slovak original allows publication on
 * the build day. Translations follow their original; one without an original is never shown.
 */
export async function publishedStories(locale?: Locale): Promise<CollectionEntry<'stories'>[]> {
  const all = await getCollection('stories');
  const day = buildDay();
  const allowed = new Set(
    all
      .filter((e) => splitId(e.id).locale === defaultLocale && consentAllowsPublication(e.data.consent, day))
      .map((e) => splitId(e.id).slug),
  );
  return all
    .filter((e) => allowed.has(splitId(e.id).slug) && (!locale || splitId(e.id).locale === locale))
    .sort((a, b) => b.data.published.getTime() - a.data.published.getTime());
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

/** How current a translated entry is compared with its Slovak original. */
export async function statusOf(entry: Localized): Promise<TranslationStatus> {
  const { locale, slug } = splitId(entry.id);
  const original = (await getCollection(entry.collection)).find((e) => e.id === `${defaultLocale}/${slug}`);
  return translationStatus(locale === defaultLocale, entry.data.translation, original?.data.updated);
}

/**
 * The locales in which an entry's page exists (the same slug in the same collection; for stories,
 * only those published), in the portal's locale order: what hreflang, the language switcher and
 * the sitemap may point to.
 */
export async function translationsOf(entry: Localized): Promise<Locale[]> {
  const { slug } = splitId(entry.id);
  const all: Localized[] =
    entry.collection === 'stories' ? await publishedStories() : await getCollection(entry.collection);
  const present = new Set(all.filter((e) => splitId(e.id).slug === slug).map((e) => splitId(e.id).locale));
  return locales.filter((l) => present.has(l));
}
