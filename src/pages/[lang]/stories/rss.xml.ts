import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { organisation } from '../../../config/organisation.ts';
import { locales, type Locale } from '../../../i18n/locales.ts';
import { useTranslations } from '../../../i18n/t.ts';
import { localizedPath } from '../../../i18n/urls.ts';
import { publishedStories, splitId } from '../../../lib/content.ts';

export function getStaticPaths() {
  return locales.map((lang) => ({ params: { lang } }));
}

/** One feed per locale, with the same consent rule as the pages. */
export const GET: APIRoute = async ({ params, site }) => {
  const locale = params.lang as Locale;
  const t = useTranslations(locale);
  const stories = await publishedStories(locale);
  return rss({
    title: `${organisation.name}: ${t('stories.title')}`,
    description: t('stories.description'),
    site: new URL(localizedPath(locale, '/stories/'), site),
    customData: `<language>${locale}</language>`,
    items: stories.map((s) => ({
      title: s.data.title,
      description: s.data.description,
      pubDate: s.data.published,
      link: localizedPath(locale, `/stories/${splitId(s.id).slug}/`),
    })),
  });
};
