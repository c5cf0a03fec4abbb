// `npm run content:report`: the fact-checking state of the content. Lists every factual page (and
// helpline) that names no sources, the demo items, every claim an editor marked `unverified`, and every dated figure
// ("as of May 2023") more than a year old. Exits 0: it is a work list, not a broken build.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

/** The fact-checking fields of one content entry, as written in its front matter (or YAML item). */
export interface FactEntry {
  /** Where the entry lives, e.g. "content/pages/en/about.mdx" or "content/helplines.yml#emergency". */
  where: string;
  /** An invented item made for the local demo (`demo: true`): marked as such, needs no sources. */
  demo: boolean;
  verified?: Date;
  sources: { title: string; url?: string; read?: Date }[];
  unverified: string[];
  figures: { claim: string; asOf: Date }[];
  /** The page's language and text (MDX body), where the entry is a page: its figures must say "as of". */
  page?: { locale: string; body: string };
}

/** The report's three lists, each line naming the entry. */
export interface ContentReport {
  withoutSources: string[];
  /** Demo items: invented, marked on the page, and refused by a public build. */
  demo: string[];
  unverified: string[];
  staleFigures: string[];
  /** Dated figures whose page never says "as of <year>" (k máju 2023, станом на 2023…) in its text. */
  figuresWithoutAsOf: string[];
}

/** How each language says "as of": the words that must come before a figure's year in the same sentence. */
const asOfWords: Record<string, string> = { en: 'as of', sk: '(?:k|ku|stav)', uk: 'станом на' };

/**
 * Whether a page's text dates a figure: "as of" (in the page's language) followed, within the same
 * sentence, by the year the figure describes ("As of May 2023", "K máju 2023", "станом на 2021 рік").
 */
export function saysAsOf(locale: string, body: string, asOf: Date): boolean {
  const words = asOfWords[locale];
  if (!words) return false;
  return new RegExp(`(?:^|[^\\p{L}])${words}\\s[^.!?]*?\\b${asOf.getUTCFullYear()}\\b`, 'iu').test(body);
}

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Sorts entries into the report's lists. A figure is stale when its `asOf` day is more than 365
 * days before `today`.
 */
export function contentReport(entries: FactEntry[], today: Date): ContentReport {
  const report: ContentReport = {
    withoutSources: [],
    demo: [],
    unverified: [],
    staleFigures: [],
    figuresWithoutAsOf: [],
  };
  for (const e of entries) {
    if (e.demo) report.demo.push(e.where);
    else if (e.sources.length === 0) report.withoutSources.push(e.where);
    for (const claim of e.unverified) report.unverified.push(`${e.where}: ${claim}`);
    for (const f of e.figures) {
      if (today.getTime() - f.asOf.getTime() > 365 * DAY)
        report.staleFigures.push(`${e.where}: ${f.claim} (as of ${iso(f.asOf)})`);
      if (e.page && !saysAsOf(e.page.locale, e.page.body, f.asOf))
        report.figuresWithoutAsOf.push(`${e.where}: ${f.claim} (as of ${iso(f.asOf)})`);
    }
  }
  return report;
}

/** Reads the fact fields from a parsed front matter or YAML item (dates may be Date or string). */
export function factEntry(where: string, data: Record<string, unknown>, page?: FactEntry['page']): FactEntry {
  const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
  const list = <T>(v: unknown) => (Array.isArray(v) ? (v as T[]) : []);
  return {
    where,
    demo: data.demo === true,
    verified: data.verified === undefined ? undefined : date(data.verified),
    sources: list<Record<string, unknown>>(data.sources).map((s) => ({
      title: String(s.title),
      url: s.url === undefined ? undefined : String(s.url),
      read: s.read === undefined ? undefined : date(s.read),
    })),
    unverified: list<string>(data.unverified).map(String),
    figures: list<Record<string, unknown>>(data.figures).map((f) => ({ claim: String(f.claim), asOf: date(f.asOf) })),
    page,
  };
}

/** Collections whose entries state facts; stories are accounts governed by their consent record. */
export const factualCollections = ['pages', 'campaigns', 'news', 'materials'] as const;

/** Every factual entry under `root` (the repository): MDX front matter and content/helplines.yml. */
export function readFactEntries(root: string): FactEntry[] {
  const entries: FactEntry[] = [];
  for (const collection of factualCollections) {
    const base = join(root, 'content', collection);
    for (const locale of readdirSync(base).toSorted()) {
      for (const file of readdirSync(join(base, locale)).toSorted()) {
        if (!file.endsWith('.mdx')) continue;
        const where = `content/${collection}/${locale}/${file}`;
        const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(readFileSync(join(root, where), 'utf8'));
        entries.push(
          factEntry(where, (match ? load(match[1]!) : {}) as Record<string, unknown>, {
            locale,
            body: match?.[2] ?? '',
          }),
        );
      }
    }
  }
  const lines = load(readFileSync(join(root, 'content/helplines.yml'), 'utf8')) as Record<string, unknown>[];
  for (const line of lines) entries.push(factEntry(`content/helplines.yml#${String(line.id)}`, line));
  return entries;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entries = readFactEntries(process.cwd());
  const report = contentReport(entries, new Date());
  const section = (title: string, lines: string[]) =>
    console.log(`\n${title} (${lines.length})\n${lines.map((l) => `  ${l}`).join('\n') || '  none'}`);
  console.log(`Checked ${entries.length} factual entries.`);
  section('Pages without sources', report.withoutSources);
  section('Demo items (invented, marked as demo; a public build fails while any is left)', report.demo);
  section('Claims marked unverified', report.unverified);
  section('Dated figures older than a year', report.staleFigures);
  section('Dated figures the page does not date ("as of …")', report.figuresWithoutAsOf);
}
