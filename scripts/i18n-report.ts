// `npm run i18n:report`: every translated page whose Slovak original changed after the version
// it translates (or that records no version), and every original with a missing translation.
// Exits 0: a stale translation is work to schedule, not a broken build.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { defaultLocale, locales } from '../core/locales.ts';
import { translationStatus } from '../src/lib/translation-status.ts';

interface FrontMatter {
  updated?: Date;
  translation?: { sourceUpdated: Date; reviewed: Date };
}

const collections = ['pages', 'campaigns', 'stories', 'news'];
const frontMatter = (file: string): FrontMatter => {
  const match = /^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'));
  const data = (match ? load(match[1]!) : {}) as Record<string, unknown>;
  const date = (v: unknown) => (v === undefined ? undefined : new Date(v as string));
  const t = data.translation as Record<string, unknown> | undefined;
  return {
    updated: date(data.updated),
    translation: t ? { sourceUpdated: date(t.sourceUpdated)!, reviewed: date(t.reviewed)! } : undefined,
  };
};
const day = (d: Date | undefined) => d?.toISOString().slice(0, 10) ?? '—';

const stale: string[] = [];
const missing: string[] = [];
for (const collection of collections) {
  const originals = join('content', collection, defaultLocale);
  if (!existsSync(originals)) continue;
  for (const name of readdirSync(originals)
    .filter((n) => n.endsWith('.mdx'))
    .sort()) {
    const source = frontMatter(join(originals, name));
    for (const locale of locales.filter((l) => l !== defaultLocale)) {
      const file = join('content', collection, locale, name);
      if (!existsSync(file)) {
        missing.push(`${file} (original updated ${day(source.updated)})`);
        continue;
      }
      const own = frontMatter(file);
      const status = translationStatus(false, own.translation, source.updated);
      if (status.state === 'stale') {
        stale.push(
          own.translation
            ? `${file}: translates ${day(own.translation.sourceUpdated)}, original updated ${day(source.updated)}, reviewed ${day(own.translation.reviewed)}`
            : `${file}: records no source version (add translation.sourceUpdated and translation.reviewed)`,
        );
      }
    }
  }
}

console.log(`Out-of-date translations: ${stale.length}`);
for (const line of stale) console.log(`  ${line}`);
console.log(`Missing translations: ${missing.length}`);
for (const line of missing) console.log(`  ${line}`);
