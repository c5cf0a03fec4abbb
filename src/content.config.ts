import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { locales } from '../core/locales.ts';
import { materialFacts } from './lib/materials/schema.ts';

/**
 * Fields every translated entry (en, uk) carries: which version of the Slovak original it
 * translates, so a page can say when its translation may be out of date.
 */
const translation = z
  .object({
    /** The `updated` date of the Slovak source when this translation was made or last checked. */
    sourceUpdated: z.coerce.date(),
    /** When a translator last reviewed this translation. */
    reviewed: z.coerce.date(),
  })
  .optional();

/**
 * Where a factual page's claims come from: a document or a URL, and the day someone read it to
 * check the page. `npm run content:report` lists pages without sources.
 */
export const sourceSchema = z.object({
  /** The document's or web page's title, e.g. "IOM Slovakia: campaign Nestaň sa otrokom!". */
  title: z.string().min(3),
  url: z.string().url().optional(),
  /** The day the source was read to check this page; absent while it is only named, not yet read. */
  read: z.coerce.date().optional(),
});

/**
 * Fact-checking fields of a factual entry. `verified` is shown in the page header as "Last
 * verified"; `unverified` lists claims still to be checked; `figures` are dated numbers
 * ("as of May 2023") that the report flags once they are older than a year.
 */
export const factsShape = {
  /** The day every claim on the page was last checked against its sources. */
  verified: z.coerce.date().optional(),
  sources: z.array(sourceSchema).default([]),
  /** Claims on the page that nobody has checked yet, in words an editor recognises. */
  unverified: z.array(z.string().min(3)).default([]),
  /** Dated figures on the page: what the figure is and the day it describes. */
  figures: z.array(z.object({ claim: z.string().min(3), asOf: z.coerce.date() })).default([]),
};

const page = z.object({
  /** Shown as the page's h1 and in the browser tab; search engines cut titles near 70. */
  title: z.string().min(2).max(70),
  /** For search results and link previews. */
  description: z.string().min(50).max(160),
  /** Date of the last meaningful edit, shown to readers. */
  updated: z.coerce.date(),
  translation,
  ...factsShape,
});

/**
 * Editorial pages, one MDX file per locale: `content/pages/<locale>/<slug>.mdx`. The same slug
 * in every locale is the same page, which is how the language switcher finds its translations.
 */
const pages = defineCollection({
  loader: glob({ pattern: '*/*.mdx', base: './content/pages' }),
  schema: page.extend({
    /** Pages about trafficking, violence or crisis help show the quick-exit button. */
    quickExit: z.boolean().default(false),
  }),
});

export const campaignTopics = ['trafficking', 'integration', 'media', 'education', 'ukraine'] as const;

/** Campaigns: `content/campaigns/<locale>/<slug>.mdx`. */
const campaigns = defineCollection({
  loader: glob({ pattern: '*/*.mdx', base: './content/campaigns' }),
  schema: page.extend({
    /** Position on the campaigns index and the home page (smaller first). */
    order: z.number().int(),
    topic: z.enum(campaignTopics),
    /** A one-line claim for cards, e.g. "Free anti-trafficking line 0800 800 818". */
    tagline: z.string().min(5).max(90),
    /** Countries of partner organisations, as ISO 3166 alpha-2 codes (CZ, HU, PL …). */
    partnerCountries: z.array(z.string().regex(/^[A-Z]{2}$/)).default([]),
    /** Helplines (ids in content/helplines.yml) shown on the page. */
    helplines: z.array(z.string()).default([]),
    quickExit: z.boolean().default(false),
  }),
});

/**
 * The consent a person gave for their story (GDPR art. 6/9). It lives in the Slovak original
 * only; translations follow it. An expired or withdrawn consent removes the story everywhere.
 */
export const consentSchema = z
  .object({
    /**
     * `account`: one real person's story, told with their written consent. `composite`: an
     * illustrative story made up of several people's experiences, describing no one person; it is
     * marked as illustrative on its card, at its top and in the feed, and carries no pseudonym or
     * face (there is no one person to protect). Never both.
     */
    kind: z.enum(['account', 'composite']),
    /** When the person consented to publication (for a composite: when the organisation approved it). */
    given: z.coerce.date(),
    /** Publication ends on this day. */
    expires: z.coerce.date(),
    /** The name shown is a pseudonym. */
    pseudonym: z.boolean(),
    /** Photos or video may show the person's face. */
    mayShowFace: z.boolean(),
    /** The person withdrew consent; the story must not be shown. */
    withdrawn: z.boolean().default(false),
  })
  .refine((c) => c.kind === 'account' || (!c.pseudonym && !c.mayShowFace), {
    message: 'An illustrative composite describes no one person: it has no pseudonym and shows no face',
  });

/** Migrant stories: `content/stories/<locale>/<slug>.mdx`. */
const stories = defineCollection({
  loader: glob({ pattern: '*/*.mdx', base: './content/stories' }),
  schema: page.extend({
    /** The name shown: a first name or a pseudonym (see consent). */
    person: z.string().min(2).max(40),
    /** Where the person comes from, in the page's language. */
    from: z.string().min(2).max(60),
    /** The date the story was first published. */
    published: z.coerce.date(),
    consent: consentSchema.optional(),
  }),
});

/** News: `content/news/<locale>/<slug>.mdx`. */
const news = defineCollection({
  loader: glob({ pattern: '*/*.mdx', base: './content/news' }),
  schema: page.extend({
    /** The date the item was first published; news is listed newest first. */
    published: z.coerce.date(),
    /**
     * An invented item made for the local demo (an example event, not a fact): marked "Demo news
     * item" on its card, at its top and in the feed; needs no sources; a public build fails while
     * any is left (scripts/astro/organisation-details.mjs).
     */
    demo: z.boolean().default(false),
  }),
});

const localized = z.object(
  Object.fromEntries(locales.map((l) => [l, z.string().min(1)])) as Record<(typeof locales)[number], z.ZodString>,
);

export const helplineChannels = ['phone', 'whatsapp', 'viber', 'telegram', 'signal'] as const;

/** Helplines, one list for all locales: `content/helplines.yml`. */
const helplines = defineCollection({
  loader: file('content/helplines.yml'),
  schema: z.object({
    name: localized,
    /**
     * The number as dialled in Slovakia, e.g. "0800 800 818". Empty only while the organisation
     * has not set it: the demo shows a "to be completed" notice and a production build fails.
     */
    number: z
      .string()
      .regex(/^[+0-9 ]{3,20}$/)
      .optional(),
    /** The number to dial from abroad, e.g. "+421 800 800 818", when the operator publishes one. */
    abroad: z
      .string()
      .regex(/^\+[0-9 ]{6,20}$/)
      .optional(),
    /** Who runs the line, in each language; named on every card. */
    operator: localized,
    /** Opening hours as the operator publishes them; left out (not guessed) when unknown. */
    hours: localized.optional(),
    /** Languages spoken on the line (ISO 639-1), as the operator publishes them; empty when unknown. */
    languages: z.array(z.string().regex(/^[a-z]{2}$/)).default([]),
    channels: z.array(z.enum(helplineChannels)).min(1),
    /** Whether calls are free, as the operator publishes it; left out (not guessed) when unknown. */
    free: z.boolean().optional(),
    description: localized,
    ...factsShape,
  }),
});

/** Studies in the research library, one list for all locales: `content/research.yml`. */
const research = defineCollection({
  loader: file('content/research.yml'),
  schema: z.object({
    title: localized,
    summary: localized,
    /** The language the study is written in (ISO 639-1); shown as a badge. */
    language: z.string().regex(/^[a-z]{2}$/),
    topic: z.enum(['trends', 'attitudes', 'violence', 'trafficking', 'integration']),
  }),
});

/**
 * Teaching materials: `content/materials/<locale>/<id>.mdx`, the same id in every locale. The
 * body is the material's text (its PDFs are made from it); the Slovak original also carries
 * the facts (ages, subjects, files …), which translations take from it.
 */
const materials = defineCollection({
  loader: glob({ pattern: '*/*.mdx', base: './content/materials' }),
  schema: z.object({
    title: z.string().min(2).max(90),
    /** What the material is for, shown on cards, the material page and in link previews. */
    summary: z.string().min(50).max(200),
    updated: z.coerce.date(),
    translation,
    ...factsShape,
    ...materialFacts.partial().shape,
  }),
});

export const collections = { pages, campaigns, stories, news, helplines, research, materials };
