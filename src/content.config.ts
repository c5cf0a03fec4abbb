import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/**
 * Editorial pages, one MDX file per locale: `content/pages/<locale>/<slug>.mdx`. The same slug
 * in every locale is the same page, which is how the language switcher finds its translations.
 */
const pages = defineCollection({
  loader: glob({ pattern: '*/*.mdx', base: './content/pages' }),
  schema: z.object({
    /** Shown as the page's h1 and in the browser tab; search engines cut titles near 70. */
    title: z.string().min(2).max(70),
    /** For search results and link previews. */
    description: z.string().min(50).max(160),
    /** Date of the last meaningful edit, shown to readers. */
    updated: z.coerce.date(),
  }),
});

export const collections = { pages };
