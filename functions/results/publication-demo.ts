// The demo's published results: edition 2025, judged and published long ago, with invented
// entries, four jurors with bios (the demo jurors of 2026, who also judged 2025), places in four
// categories and the jury's statements, marked as demo (`publications.demo`: the winners page
// says so). `npm start` and the e2e setup load it through scripts/seed-results.ts after the
// competition and jury seeds; tests insert the same rows with `insertDemoResults`. Its entrants
// count as mailed already, so loading the demo sends nobody anything. Pure: rows only.
import type { Db } from '../db/client.ts';
import { demoEditions } from '../competition/demo-edition.ts';
import {
  categories,
  categoryStatements,
  editions,
  entries,
  feedbackMails,
  jurors,
  placements,
  publications,
  reviews,
  rounds,
  users,
  type Place,
} from '../db/schema/index.ts';
import { demoIds } from '../jury/demo-jury.ts';

const DAY = 24 * 60 * 60_000;
const EDITION = '2025';
const label = (sk: string, en: string, uk: string) => ({ sk, en, uk });

/** Jurors of 2025 (demo users of the 2026 jury) and their public bios. */
const demoBios = [
  {
    key: 'maria',
    bio: 'Editor of a Slovak daily’s society desk; twenty years of reporting on asylum and labour migration.',
  },
  { key: 'oleksandr', bio: 'Documentary producer from Kharkiv, now in Bratislava; teaches video journalism.' },
  { key: 'eva', bio: 'Radio reporter and podcast host covering minorities in southern Slovakia.' },
  { key: 'anna', bio: 'Photo editor in Vienna; curates exhibitions on migration in Central Europe.' },
] as const;

/** The entries of 2025: category slug (id suffix), title, language, outlet, author, place, comment for the entrant. */
const demoEntries: {
  cat: 'written' | 'video' | 'audio' | 'photo';
  title: string;
  language: string;
  outlet: string;
  author: string;
  place: Place | null;
  comment: string;
}[] = [
  {
    cat: 'written',
    title: 'Opatrovateľky z Ukrajiny',
    language: 'sk',
    outlet: 'Denník Príklad',
    author: 'Lucia Nováková',
    place: 'winner',
    comment: 'Careful sourcing and a story told in the carers’ own words.',
  },
  {
    cat: 'written',
    title: 'Sklady pri Senci',
    language: 'sk',
    outlet: 'Týždenník Vzor',
    author: 'Martin Kováč',
    place: 'special',
    comment: 'The numbers on agency work were a strong start; more voices of workers would help.',
  },
  {
    cat: 'written',
    title: 'Learning Slovak at sixty',
    language: 'en',
    outlet: 'Central Europe Review',
    author: 'Helen Ward',
    place: 'shortlist',
    comment: '',
  },
  {
    cat: 'written',
    title: 'Nový domov v Prešove',
    language: 'sk',
    outlet: 'Východné noviny',
    author: 'Peter Horák',
    place: null,
    comment: 'A warm portrait; the legal background needed checking with the authorities.',
  },
  {
    cat: 'video',
    title: 'Дорога на захід',
    language: 'uk',
    outlet: 'Приклад ТБ',
    author: 'Oksana Melnyk',
    place: 'winner',
    comment: 'Restrained camera work that leaves room for the people on screen.',
  },
  {
    cat: 'video',
    title: 'Hranica',
    language: 'sk',
    outlet: 'Televízia Vzor',
    author: 'Juraj Baláž',
    place: 'shortlist',
    comment: '',
  },
  {
    cat: 'audio',
    title: 'Hlasy z ubytovne',
    language: 'sk',
    outlet: 'Rádio Príklad',
    author: 'Zuzana Malá',
    place: 'winner',
    comment: 'Sound that carries the story; the editing keeps every speaker’s dignity.',
  },
  {
    cat: 'photo',
    title: 'Ranná zmena',
    language: 'sk',
    outlet: 'Fotomagazín Vzor',
    author: 'Tomáš Veselý',
    place: 'winner',
    comment: 'A coherent series with consent visible in every frame.',
  },
];

/** Ids of the demo rows (fixed, so the seed can run again without duplicates). */
export const demoResultIds = {
  entry: (i: number) => `demo-2025-entry-${String(i + 1).padStart(2, '0')}`,
  entrant: (i: number) => `demo-2025-entrant-${String(i + 1).padStart(2, '0')}`,
  juror: (key: string) => `demo-2025-juror-${key}`,
  round: 'demo-2025-round-1',
};

/** Every demo row of the published 2025 results, by table, with times relative to `now`. */
export function demoResults(now: Date) {
  const at = (days: number) => new Date(now.getTime() - days * DAY);
  const template = demoEditions(now);
  const base = template.editions.find((e) => e.id === '2026')!;
  const edition = {
    ...base,
    id: EDITION,
    name: label('Migranti v centre pozornosti 2025', 'Migrants in the Spotlight 2025', 'Мігранти в центрі уваги 2025'),
    submissionsOpenAt: at(665),
    submissionsCloseAt: at(565),
    publishedFrom: at(1065).toISOString().slice(0, 10),
    publishedUntil: at(565).toISOString().slice(0, 10),
    juryStartsAt: at(555),
    juryEndsAt: at(515),
    createdAt: at(700),
    updatedAt: at(700),
  };
  const categoryRows = template.categories
    .filter((c) => c.editionId === '2026')
    .map((c) => ({ ...c, id: c.id.replace('2026-', `${EDITION}-`), editionId: EDITION }));
  const entrantRows = demoEntries.map((e, i) => ({
    id: demoResultIds.entrant(i),
    email: `entrant${i + 1}.2025@news.example.org`,
    displayName: e.author,
    locale: 'sk',
    status: 'active' as const,
    createdAt: at(700),
    updatedAt: at(700),
  }));
  const entryRows = demoEntries.map((e, i) => ({
    id: demoResultIds.entry(i),
    editionId: EDITION,
    entrantId: demoResultIds.entrant(i),
    status: 'submitted' as const,
    screening: 'eligible' as const,
    seq: i + 1,
    number: `MIS-2025-${String(i + 1).padStart(4, '0')}`,
    categoryId: `${EDITION}-${e.cat}`,
    title: e.title,
    language: e.language,
    outlet: e.outlet,
    publishedOn: at(700).toISOString().slice(0, 10),
    url: `https://news.example.org/2025/${i + 1}`,
    summary: `${e.title}: a report on migrants’ lives (demo summary).`,
    summaryTranslation: '',
    country: 'SK',
    authors: [{ name: e.author, role: 'reporter' }],
    conflicts: '',
    declaredOwnWork: true,
    declaredLicence: true,
    declaredRules: true,
    declaredPrivacy: true,
    locale: 'sk',
    createdAt: at(600),
    updatedAt: at(600),
    submittedAt: at(600),
  }));
  const jurorRows = demoBios.map((j) => ({
    id: demoResultIds.juror(j.key),
    editionId: EDITION,
    userId: demoIds.jurorUser(j.key),
    tokenHash: null,
    invitedBy: 'demo',
    invitedAt: at(600),
    acceptedAt: at(600),
    languages: [],
    expertise: [],
    bio: j.bio,
    employer: '',
    cap: null,
    createdAt: at(600),
    updatedAt: at(600),
  }));
  const round = {
    id: demoResultIds.round,
    editionId: EDITION,
    position: 1,
    kind: 'rubric' as const,
    name: label('1. kolo: hodnotenie', 'Round 1: scoring', 'Тур 1: оцінювання'),
    opensAt: at(555),
    closesAt: at(525),
    source: 'all' as const,
    shortlistSize: null,
    perEntry: 1,
    visibility: 'afterOwn' as const,
    namesShown: false,
    lastRun: null,
    createdAt: at(560),
    updatedAt: at(560),
  };
  const reviewRows = demoEntries.flatMap((e, i) =>
    e.comment
      ? [
          {
            id: `demo-2025-review-${i + 1}`,
            roundId: round.id,
            entryId: demoResultIds.entry(i),
            jurorId: demoResultIds.juror(demoBios[i % demoBios.length]!.key),
            version: 1,
            saveId: 'demo',
            state: 'submitted' as const,
            scores: {},
            commentForJury: '',
            commentForEntrant: e.comment,
            createdAt: at(540),
            updatedAt: at(540),
            submittedAt: at(540),
          },
        ]
      : [],
  );
  const placementRows = demoEntries.flatMap((e, i) =>
    e.place
      ? [
          {
            entryId: demoResultIds.entry(i),
            editionId: EDITION,
            categoryId: `${EDITION}-${e.cat}`,
            place: e.place,
            single: ['winner', 'second', 'third'].includes(e.place) ? e.place : null,
            recordedBy: 'demo',
            updatedAt: at(512),
          },
        ]
      : [],
  );
  const statements = [
    {
      categoryId: `${EDITION}-written`,
      editionId: EDITION,
      statement: label(
        'Víťazná reportáž necháva hovoriť samotné opatrovateľky a každé tvrdenie overuje. (Ukážkový text.)',
        'The winning report lets the carers speak for themselves and checks every claim. (Demo text.)',
        'Репортаж-переможець дає слово самим доглядальницям і перевіряє кожне твердження. (Демонстраційний текст.)',
      ),
      updatedAt: at(512),
    },
  ];
  const publication = {
    editionId: EDITION,
    state: 'published' as const,
    statement: label(
      'Porota ocenila prácu, ktorá o ľuďoch na úteku a za prácou píše presne, férovo a bez stigmatizujúcich slov. (Ukážkový text.)',
      'The jury honoured work that reports on people fleeing and moving for work accurately, fairly and without stigmatising words. (Demo text.)',
      'Журі відзначило роботи, які точно, чесно й без стигматизувальних слів розповідають про людей, що тікають або переїжджають на роботу. (Демонстраційний текст.)',
    ),
    lockedAt: at(511),
    lockedBy: 'demo',
    publishedAt: at(510),
    publishedBy: 'demo',
    publishRun: 'demo',
    demo: true,
    createdAt: at(515),
    updatedAt: at(510),
  };
  const mailed = entryRows.map((e) => ({ entryId: e.id, editionId: EDITION, publishRun: 'demo', queuedAt: at(510) }));
  return {
    editions: [edition],
    categories: categoryRows,
    users: entrantRows,
    entries: entryRows,
    jurors: jurorRows,
    rounds: [round],
    reviews: reviewRows,
    placements: placementRows,
    categoryStatements: statements,
    publications: [publication],
    feedbackMails: mailed,
  };
}

/** Inserts the demo results (tests; the seed script writes the same rows as SQL). Needs the demo jury's users. */
export async function insertDemoResults(db: Db, now: Date) {
  const demo = demoResults(now);
  // One row per statement: D1 binds at most 100 values in one.
  const statements = [
    ...demo.editions.map((r) => db.insert(editions).values(r).onConflictDoNothing()),
    ...demo.categories.map((r) => db.insert(categories).values(r).onConflictDoNothing()),
    ...demo.users.map((r) => db.insert(users).values(r).onConflictDoNothing()),
    ...demo.entries.map((r) => db.insert(entries).values(r).onConflictDoNothing()),
    ...demo.jurors.map((r) => db.insert(jurors).values(r).onConflictDoNothing()),
    ...demo.rounds.map((r) => db.insert(rounds).values(r).onConflictDoNothing()),
    ...demo.reviews.map((r) => db.insert(reviews).values(r).onConflictDoNothing()),
    ...demo.placements.map((r) => db.insert(placements).values(r).onConflictDoNothing()),
    ...demo.categoryStatements.map((r) => db.insert(categoryStatements).values(r).onConflictDoNothing()),
    ...demo.publications.map((r) => db.insert(publications).values(r).onConflictDoNothing()),
    ...demo.feedbackMails.map((r) => db.insert(feedbackMails).values(r).onConflictDoNothing()),
  ];
  const [first, ...rest] = statements;
  await db.batch([first!, ...rest]);
  return demo;
}
