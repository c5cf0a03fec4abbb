import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { organisation } from '../../../core/organisation.ts';
import { locales, type Locale } from '../../../core/locales.ts';
import { useTranslations } from '../../../core/t.ts';
import { localizedPath } from '../../../core/urls.ts';
import { compositeStories, newsIn, publishedStories, splitId } from '../../lib/content.ts';

export function getStaticPaths() {
  return locales.map((lang) => ({ params: { lang } }));
}

/** One feed per locale with news and stories, newest first; stories follow the consent rule. */
export const GET: APIRoute = async ({ params, site }) => {
  const locale = params.lang as Locale;
  const t = useTranslations(locale);
  // A demo news item says so in the feed, before its description.
  const news = (await newsIn(locale)).map((n) => ({
    ...n.data,
    description: n.data.demo ? `${t('news.demoLabel')}: ${n.data.description}` : n.data.description,
    link: localizedPath(locale, `/news/${splitId(n.id).slug}/`),
  }));
  const composites = await compositeStories();
  // An illustrative story says so in the feed too, before its description.
  const stories = (await publishedStories(locale)).map((s) => ({
    ...s.data,
    description: composites.has(splitId(s.id).slug)
      ? `${t('stories.compositeLabel')}: ${s.data.description}`
      : s.data.description,
    link: localizedPath(locale, `/stories/${splitId(s.id).slug}/`),
  }));
  return rss({
    title: `${organisation.name}: ${t('feed.title')}`,
    description: t('site.description'),
    site: new URL(localizedPath(locale, '/'), site),
    customData: `<language>${locale}</language>`,
    items: [...news, ...stories]
      .sort((a, b) => b.published.getTime() - a.published.getTime())
      .map((item) => ({ title: item.title, description: item.description, pubDate: item.published, link: item.link })),
  });
};
