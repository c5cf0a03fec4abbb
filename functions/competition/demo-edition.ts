// The demo competition: edition 2027, open for submissions, with the five categories, and the
// closed edition 2026 (for the deadline refusal). `npm start` and the e2e setup load it through
// scripts/seed-competition.ts; tests insert it with `insertDemoEditions`. Dates are relative to the
// first seeding, so the demo stays open whenever it is first started.
import { EDITION_ZONE } from '../../core/dates.ts';
import type { Db } from '../db/client.ts';
import { categories, editions } from '../db/schema/index.ts';
import { wallTimeToInstant } from '../../core/zoned-time.ts';

type EditionRow = typeof editions.$inferInsert;
type CategoryRow = typeof categories.$inferInsert;

const DAY = 24 * 60 * 60_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** Limits are decimal (1 MB = 1,000,000 bytes) so they read round where core/file-size.ts shows them. */
const MB = 1_000_000;

function demoCategories(editionId: string): CategoryRow[] {
  const base = {
    editionId,
    fileTypes: [] as string[],
    requiredFields: [] as string[],
    entriesPerEntrant: 2,
    minWorkFiles: 0,
  };
  const europe = ['sk', 'en', 'uk', 'cs', 'de', 'hu', 'pl', 'ro'];
  return [
    {
      ...base,
      id: `${editionId}-written`,
      slug: 'written-online',
      position: 1,
      name: {
        sk: 'Písaná a online žurnalistika',
        en: 'Written and online journalism',
        uk: 'Друкована та онлайн-журналістика',
      },
      description: {
        sk: 'Reportáže, rozhovory a analýzy v tlači alebo online. Stačí odkaz na publikované dielo; PDF je vítané.',
        en: 'Reports, interviews and analyses in print or online. A link to the published work is enough; a PDF is welcome.',
        uk: 'Репортажі, інтерв’ю та аналітика у пресі чи онлайн. Достатньо посилання на опублікований матеріал; PDF — за бажанням.',
      },
      languages: europe,
      fileTypes: ['application/pdf'],
      maxFileBytes: 20 * MB,
      requiredFields: ['outlet', 'url'],
    },
    {
      ...base,
      id: `${editionId}-video`,
      slug: 'video',
      position: 2,
      name: { sk: 'Video', en: 'Video', uk: 'Відео' },
      description: {
        sk: 'Televízne a online video do 60 minút.',
        en: 'Television and online video up to 60 minutes.',
        uk: 'Телевізійне та онлайн-відео до 60 хвилин.',
      },
      languages: europe,
      fileTypes: ['video/mp4'],
      maxFileBytes: 2000 * MB,
      minWorkFiles: 1,
      requiredFields: ['outlet'],
    },
    {
      ...base,
      id: `${editionId}-audio`,
      slug: 'audio-radio',
      position: 3,
      name: { sk: 'Audio a rozhlas', en: 'Audio and radio', uk: 'Аудіо та радіо' },
      description: {
        sk: 'Rozhlasové reportáže a podcasty.',
        en: 'Radio features and podcasts.',
        uk: 'Радіорепортажі та подкасти.',
      },
      languages: europe,
      fileTypes: ['audio/mpeg', 'audio/mp4'],
      maxFileBytes: 500 * MB,
      minWorkFiles: 1,
      requiredFields: ['outlet'],
    },
    {
      ...base,
      id: `${editionId}-photo`,
      slug: 'photo',
      position: 4,
      name: { sk: 'Fotografia', en: 'Photography', uk: 'Фотографія' },
      description: {
        sk: 'Fotopríbeh s 5 až 12 snímkami.',
        en: 'A photo story of 5 to 12 pictures.',
        uk: 'Фотоісторія з 5–12 знімків.',
      },
      languages: europe,
      fileTypes: ['image/jpeg', 'image/png'],
      maxFileBytes: 25 * MB,
      minWorkFiles: 5,
      requiredFields: ['outlet'],
    },
    {
      ...base,
      id: `${editionId}-student`,
      slug: 'student',
      position: 5,
      name: { sk: 'Študentská žurnalistika', en: 'Student journalism', uk: 'Студентська журналістика' },
      description: {
        sk: 'Práce študentov žurnalistiky v akejkoľvek forme, aj nepublikované mimo školy.',
        en: 'Work by journalism students in any form, also if only published at school.',
        uk: 'Роботи студентів-журналістів у будь-якій формі, навіть опубліковані лише в навчальному закладі.',
      },
      languages: europe,
      fileTypes: ['application/pdf', 'video/mp4', 'audio/mpeg', 'image/jpeg'],
      maxFileBytes: 500 * MB,
      entriesPerEntrant: 1,
    },
  ];
}

const rules = {
  sk: 'Súťaž je otvorená novinárom a študentom žurnalistiky. Prihlásiť možno prácu publikovanú v období uvedenom v časovom pláne, v jazyku kategórie. Autor potvrdzuje, že ide o jeho prácu, a udeľuje organizátorovi nevýhradnú licenciu zobraziť dielo na portáli. Porota hodnotí anonymne.',
  en: 'The competition is open to journalists and journalism students. Enter work published within the window on the timeline, in a language of its category. Entrants confirm the work is their own and grant the organiser a non-exclusive licence to show it on the portal. The jury scores anonymously.',
  uk: 'Конкурс відкритий для журналістів і студентів журналістики. Подати можна роботу, опубліковану в період, зазначений у графіку, мовою категорії. Автор підтверджує, що робота його власна, і надає організатору невиключну ліцензію показувати її на порталі. Журі оцінює анонімно.',
};
const prizes = {
  sk: 'Víťaz každej kategórie získa 2 000 € a pozvanie na slávnostné odovzdávanie cien v Bratislave.',
  en: 'The winner of each category receives €2,000 and an invitation to the award ceremony in Bratislava.',
  uk: 'Переможець кожної категорії отримує 2 000 € і запрошення на церемонію нагородження в Братиславі.',
};

/** The demo editions as rows, with dates relative to `now`. */
export function demoEditions(now: Date): { editions: EditionRow[]; categories: CategoryRow[] } {
  // Closes at 23:59 Bratislava time, 120 days on, as a real call for entries would.
  const close = wallTimeToInstant(`${isoDay(new Date(now.getTime() + 120 * DAY))}T23:59`, EDITION_ZONE);
  if (!close.ok) throw new Error('23:59 exists on every day in Europe/Bratislava');
  const closeAt = close.instant;
  const open: EditionRow = {
    id: '2027',
    name: {
      sk: 'Migranti v centre pozornosti 2027',
      en: 'Migrants in the Spotlight 2027',
      uk: 'Мігранти в центрі уваги 2027',
    },
    rules,
    prizes,
    timeZone: EDITION_ZONE,
    submissionsOpenAt: new Date(now.getTime() - 30 * DAY),
    submissionsCloseAt: closeAt,
    publishedFrom: isoDay(new Date(closeAt.getTime() - 480 * DAY)),
    publishedUntil: isoDay(closeAt),
    juryStartsAt: new Date(closeAt.getTime() + 14 * DAY),
    juryEndsAt: new Date(closeAt.getTime() + 60 * DAY),
    createdAt: now,
    updatedAt: now,
  };
  const closed: EditionRow = {
    ...open,
    id: '2026',
    name: {
      sk: 'Migranti v centre pozornosti 2026',
      en: 'Migrants in the Spotlight 2026',
      uk: 'Мігранти в центрі уваги 2026',
    },
    submissionsOpenAt: new Date(now.getTime() - 300 * DAY),
    submissionsCloseAt: new Date(now.getTime() - 200 * DAY),
    publishedFrom: isoDay(new Date(now.getTime() - 700 * DAY)),
    publishedUntil: isoDay(new Date(now.getTime() - 200 * DAY)),
    juryStartsAt: new Date(now.getTime() - 190 * DAY),
    juryEndsAt: new Date(now.getTime() - 150 * DAY),
  };
  return { editions: [open, closed], categories: [...demoCategories('2027'), ...demoCategories('2026')] };
}

/** Inserts the demo editions (tests; the scripts write the same rows as SQL). */
export async function insertDemoEditions(db: Db, now: Date): Promise<void> {
  const demo = demoEditions(now);
  // One statement per row: D1 allows at most 100 bound values in a statement.
  const [first, ...rest] = demo.editions.map((e) => db.insert(editions).values(e).onConflictDoNothing());
  await db.batch([
    first!,
    ...rest,
    ...demo.categories.map((c) => db.insert(categories).values(c).onConflictDoNothing()),
  ]);
}
