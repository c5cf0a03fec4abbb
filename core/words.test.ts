// The words people read, kept reviewed (issue 18): every catalogue string and content text in
// Slovak, English and Ukrainian uses the glossary's term for a concept (content/glossary.yml),
// Slovak and Ukrainian strings carry no English outside the technical tokens below, and each
// language uses its own quotation marks: „…“ in Slovak, «…» in Ukrainian (with „…“ nested inside).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { locales, type Locale } from './locales.ts';
import { catalogues } from './t.ts';

interface CatalogueRule {
  whenEnglish: string;
  unlessEnglish?: string;
  forbidden?: Partial<Record<Locale, string[]>>;
  required?: Partial<Record<Locale, string>>;
}
interface Term {
  concept: string;
  en: string;
  sk: string;
  uk: string;
  forbidden?: Partial<Record<Locale, string[]>>;
  catalogue?: CatalogueRule[];
  except?: string[];
}

const glossary = load(readFileSync('content/glossary.yml', 'utf8')) as Term[];
const re = (source: string) => new RegExp(source, 'iu');

/** Every leaf string of a catalogue, by dotted key. */
function flatten(tree: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === 'object'
      ? flatten(value as Record<string, unknown>, path)
      : ([[path, String(value)]] as [string, string][]);
  });
}
const strings = Object.fromEntries(locales.map((l) => [l, new Map(flatten(catalogues[l]))])) as Record<
  Locale,
  Map<string, string>
>;

/** The texts a reader meets in content files, per locale: MDX bodies and front-matter strings, and the localized fields of the YAML lists. */
function contentTexts(): { where: string; locale: Locale; text: string }[] {
  const out: { where: string; locale: Locale; text: string }[] = [];
  for (const collection of ['pages', 'campaigns', 'stories', 'news', 'materials']) {
    for (const locale of locales) {
      const dir = join('content', collection, locale);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
        const where = `${dir}/${file}`;
        const source = readFileSync(where, 'utf8');
        const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source);
        const data = (match ? load(match[1]!) : {}) as Record<string, unknown>;
        for (const field of ['title', 'description', 'tagline', 'summary', 'person', 'from'])
          if (typeof data[field] === 'string') out.push({ where: `${where} (${field})`, locale, text: data[field] });
        out.push({ where, locale, text: match ? match[2]! : source });
      }
    }
  }
  for (const list of ['content/helplines.yml', 'content/research.yml']) {
    for (const item of load(readFileSync(list, 'utf8')) as Record<string, unknown>[]) {
      for (const [field, value] of Object.entries(item)) {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
        for (const locale of locales) {
          const text = (value as Record<string, unknown>)[locale];
          if (typeof text === 'string') out.push({ where: `${list}#${String(item.id)}.${field}`, locale, text });
        }
      }
    }
  }
  return out;
}
const texts = contentTexts();

describe('the glossary', () => {
  it('names each concept in en, sk and uk', () => {
    expect(glossary.length).toBeGreaterThanOrEqual(10);
    expect(glossary.filter((t) => !(t.en && t.sk && t.uk)).map((t) => t.concept)).toEqual([]);
  });

  it('no catalogue string uses a forbidden variant', () => {
    const found: string[] = [];
    for (const term of glossary)
      for (const locale of locales)
        for (const pattern of term.forbidden?.[locale] ?? [])
          for (const [key, value] of strings[locale])
            if (re(pattern).test(value)) found.push(`${locale} ${key}: "${value}" uses /${pattern}/ (${term.concept})`);
    expect(found).toEqual([]);
  });

  it('no content file uses a forbidden variant', () => {
    const found: string[] = [];
    for (const term of glossary)
      for (const { where, locale, text } of texts) {
        if (term.except?.some((file) => where.startsWith(file))) continue;
        for (const pattern of term.forbidden?.[locale] ?? [])
          if (re(pattern).test(text)) found.push(`${where}: uses /${pattern}/ (${term.concept})`);
      }
    expect(found).toEqual([]);
  });

  it('catalogue strings name a concept with its term, judged by the English text', () => {
    const found: string[] = [];
    for (const term of glossary)
      for (const rule of term.catalogue ?? [])
        for (const [key, english] of strings.en) {
          // A placeholder's name (`{{edition}}`) is not a word the reader sees.
          const text = english.replace(/\{\{\s*\w+\s*\}\}/g, ' ');
          if (!re(rule.whenEnglish).test(text)) continue;
          if (rule.unlessEnglish && re(rule.unlessEnglish).test(text)) continue;
          for (const locale of locales) {
            const value = strings[locale].get(key);
            if (value === undefined) continue;
            for (const pattern of rule.forbidden?.[locale] ?? [])
              if (re(pattern).test(value))
                found.push(`${locale} ${key}: "${value}" uses /${pattern}/ (${term.concept})`);
            const required = rule.required?.[locale];
            if (required && !re(required).test(value))
              found.push(`${locale} ${key}: "${value}" lacks /${required}/ (${term.concept})`);
          }
        }
    expect(found).toEqual([]);
  });
});

/**
 * Latin-script tokens a Ukrainian string may carry: names of products, formats and places, keys
 * typed by organisers, examples. Anything else in Latin letters is English left untranslated.
 */
const technicalTokens = new Set(
  (
    'Spotlight Bratislava Europe CSV JSON XLSX PDF ZIP MP4 WebM WebVTT Ogg RSS SMS Excel JavaScript WhatsApp Viber ' +
    'Telegram Signal IP PIN Esc SK UA DE CZ PL HU sk en uk cookie cookies passkeys slug url outlet https edition T23 ' +
    'IOM Rodina od vedľa Sme tu doma Migranti v centre pozornosti Nestaň sa otrokom ' +
    // Image formats, and the reading levels and ids a juror types into the profile form.
    'JPEG PNG WebP native fluent reading id ' +
    // Statistical notation on the jury's results: p-value, z-score.
    'p z ' +
    // File formats by the names people know them (core/file-format.ts).
    'QuickTime MOV M4A MKV MP3 WAV Word DOCX OpenDocument ODT'
  ).split(/\s+/),
);
/** Common English words: any of them in a Slovak string is English left untranslated. */
const englishWords = new Set(
  (
    'the and you your with for please this that are have has was will not our from they what when which who ' +
    'into about more only been their there here also then than these those should would could file files entry ' +
    'entries email download upload submit save cancel back next error required optional sign account'
  ).split(/\s+/),
);
const words = (text: string) =>
  text
    .replace(/\{\{\s*\w+\s*\}\}/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .match(/[A-Za-z][A-Za-z0-9]*/g) ?? [];

describe('Slovak and Ukrainian strings', () => {
  it('carry no English outside the technical tokens', () => {
    const found: string[] = [];
    for (const [key, value] of strings.uk)
      for (const word of words(value)) if (!technicalTokens.has(word)) found.push(`uk ${key}: "${word}" in "${value}"`);
    for (const [key, value] of strings.sk)
      for (const word of words(value))
        if (englishWords.has(word.toLowerCase())) found.push(`sk ${key}: "${word}" in "${value}"`);
    expect(found).toEqual([]);
  });

  const wrongQuotes: Record<Exclude<Locale, 'en'>, (text: string) => boolean> = {
    // Slovak: „…“ only.
    sk: (text) => /["”«»]/.test(text),
    // Ukrainian: «…», with „…“ only nested inside «…».
    uk: (text) => /["”]/.test(text) || /“/.test(text.replace(/„[^“]*“/g, '')) || /„/.test(text.replace(/«[^»]*»/g, '')),
  };

  it('Ukrainian uses the typographic apostrophe (’), not the typewriter one, inside words', () => {
    const typewriter = /[\u0400-\u04FF]'[\u0400-\u04FF]/u;
    const bad = [
      ...[...strings.uk].filter(([, v]) => typewriter.test(v)).map(([k, v]) => `${k}: ${v}`),
      ...texts.filter((t) => t.locale === 'uk' && typewriter.test(t.text)).map((t) => t.where),
    ];
    expect(bad).toEqual([]);
  });

  it.each(['sk', 'uk'] as const)('%s catalogue strings use the language’s quotation marks', (locale) => {
    const bad = [...strings[locale]].filter(([, v]) => wrongQuotes[locale](v)).map(([k, v]) => `${k}: ${v}`);
    expect(bad).toEqual([]);
  });

  it.each(['sk', 'uk'] as const)('%s content uses the language’s quotation marks', (locale) => {
    const bad = texts
      .filter((t) => t.locale === locale)
      .flatMap(({ where, text }) =>
        text
          .split('\n')
          // Markup is not text: `<span lang="sk">` quotes its attribute the way HTML does.
          .filter((line) => wrongQuotes[locale](line.replace(/<[^>]*>/g, '')))
          .map((line) => `${where}: ${line}`),
      );
    expect(bad).toEqual([]);
  });
});
