// The demo jury of the closed 2026 edition: six jurors with languages, expertise and conflicts,
// twelve submitted entries to score (one with a video file), the rubric of every category and one open rubric round with
// its assignment. `npm start` and the e2e setup load it (scripts/seed-jury.ts, as SQL); tests
// insert the same rows with `insertDemoJury`. Pure: rows only, dates relative to `now`.
import type { Db } from '../db/client.ts';
import {
  assignments,
  entries,
  entryFiles,
  jurorConflicts,
  jurors,
  roleAssignments,
  rounds,
  rubrics,
  uploads,
  users,
  type RubricCriterion,
} from '../db/schema/index.ts';
import { assignJurors } from './assignment.ts';
import { entrySummaryLanguages, inConflict } from './rules.ts';

const DAY = 24 * 60 * 60_000;
const EDITION = '2026';
const categorySlugs = ['written', 'video', 'audio', 'photo', 'student'] as const;

const label = (sk: string, en: string, uk: string) => ({ sk, en, uk });
const scale = {
  '1': label('slabé', 'weak', 'слабко'),
  '2': label('priemerné', 'fair', 'посередньо'),
  '3': label('dobré', 'good', 'добре'),
  '4': label('veľmi dobré', 'very good', 'дуже добре'),
  '5': label('výnimočné', 'outstanding', 'видатно'),
};

/** The demo rubric: five weighted criteria on a 1–5 scale, labelled in sk/en/uk. */
export const demoCriteria: RubricCriterion[] = [
  { key: 'accuracy', weight: 3, min: 1, max: 5, label: label('Presnosť', 'Accuracy', 'Точність'), values: scale },
  {
    key: 'balance',
    weight: 2,
    min: 1,
    max: 5,
    label: label('Vyváženosť a férovosť', 'Balance and fairness', 'Збалансованість і чесність'),
    values: scale,
  },
  {
    key: 'language',
    weight: 2,
    min: 1,
    max: 5,
    label: label('Nestigmatizujúci jazyk', 'Non-stigmatising language', 'Нестигматизувальна мова'),
    values: scale,
  },
  {
    key: 'originality',
    weight: 1,
    min: 1,
    max: 5,
    label: label('Originalita', 'Originality', 'Оригінальність'),
    values: scale,
  },
  {
    key: 'craft',
    weight: 1,
    min: 1,
    max: 5,
    label: label('Remeselné spracovanie', 'Craft', 'Майстерність'),
    values: scale,
  },
];

/** The demo jurors: email, name, mail language, languages read, expertise, employer, declared conflicts. */
export const demoJurors = [
  {
    key: 'maria',
    email: 'maria.kovacova@jury.example.org',
    name: 'Mária Kováčová',
    locale: 'sk',
    languages: [
      { code: 'sk', level: 'native' as const },
      { code: 'cs', level: 'fluent' as const },
      { code: 'en', level: 'fluent' as const },
    ],
    expertise: ['written'],
    employer: 'Denník N',
    declared: [] as { kind: 'person' | 'outlet'; name: string }[],
  },
  {
    key: 'oleksandr',
    email: 'oleksandr.bondar@jury.example.org',
    name: 'Oleksandr Bondar',
    locale: 'uk',
    languages: [
      { code: 'uk', level: 'native' as const },
      { code: 'en', level: 'fluent' as const },
      { code: 'pl', level: 'reading' as const },
    ],
    expertise: ['video'],
    employer: '',
    declared: [],
  },
  {
    key: 'eva',
    email: 'eva.horvath@jury.example.org',
    name: 'Éva Horváth',
    locale: 'sk',
    languages: [
      { code: 'hu', level: 'native' as const },
      { code: 'sk', level: 'fluent' as const },
      { code: 'de', level: 'reading' as const },
      { code: 'cs', level: 'reading' as const },
    ],
    expertise: ['audio'],
    employer: '',
    declared: [],
  },
  {
    key: 'jan',
    email: 'jan.novak@jury.example.org',
    name: 'Jan Novák',
    locale: 'en',
    languages: [
      { code: 'cs', level: 'native' as const },
      { code: 'sk', level: 'fluent' as const },
      { code: 'de', level: 'fluent' as const },
    ],
    expertise: ['written', 'student'],
    employer: '',
    declared: [{ kind: 'person' as const, name: 'Petra Malá' }],
  },
  {
    key: 'anna',
    email: 'anna.schmidt@jury.example.org',
    name: 'Anna Schmidt',
    locale: 'en',
    languages: [
      { code: 'de', level: 'native' as const },
      { code: 'en', level: 'fluent' as const },
      { code: 'pl', level: 'fluent' as const },
      { code: 'uk', level: 'reading' as const },
    ],
    expertise: ['photo'],
    employer: '',
    declared: [{ kind: 'outlet' as const, name: 'Der Standard' }],
  },
  {
    key: 'ioana',
    email: 'ioana.popescu@jury.example.org',
    name: 'Ioana Popescu',
    locale: 'en',
    languages: [
      { code: 'ro', level: 'native' as const },
      { code: 'en', level: 'fluent' as const },
      { code: 'hu', level: 'reading' as const },
    ],
    expertise: ['video'],
    employer: '',
    declared: [],
  },
];

/** The demo entries of 2026: language, category, outlet, author, and the entrant's named conflicts. */
const demoEntrySpecs = [
  { title: 'Cudzinecká polícia zblízka', language: 'sk', cat: 'written', outlet: 'Denník N', author: 'Zuzana Hlavatá' },
  { title: 'Na hranici v Užhorode', language: 'uk', cat: 'video', outlet: 'Hromadske', author: 'Iryna Koval' },
  { title: 'Szomszédok', language: 'hu', cat: 'audio', outlet: 'Új Szó', author: 'Gábor Kiss', translation: true },
  { title: 'Život v kontejneru', language: 'cs', cat: 'written', outlet: 'Deník Referendum', author: 'Petra Malá' },
  { title: 'Ankommen in Wien', language: 'de', cat: 'photo', outlet: 'Der Standard', author: 'Lukas Bauer' },
  {
    title: 'Drumul spre Bratislava',
    language: 'ro',
    cat: 'video',
    outlet: 'Recorder',
    author: 'Ioana Popescu',
    byJuror: 'ioana',
  },
  { title: 'Nowi sąsiedzi', language: 'pl', cat: 'photo', outlet: 'Gazeta Wyborcza', author: 'Marta Nowak' },
  {
    title: 'Working without papers',
    language: 'en',
    cat: 'written',
    outlet: 'Balkan Insight',
    author: 'Sam Reid',
    named: 'Anna Schmidt',
  },
  { title: 'Hlasy z Petržalky', language: 'sk', cat: 'audio', outlet: 'Rádio Devín', author: 'Ján Kráľ' },
  { title: 'Студенти з Харкова', language: 'uk', cat: 'student', outlet: 'Student press', author: 'Olha Shevchenko' },
  { title: 'Učitelia bez hraníc', language: 'sk', cat: 'student', outlet: 'Školský časopis', author: 'Tomáš Bielik' },
  { title: 'A kert', language: 'hu', cat: 'written', outlet: 'Magyar Hang', author: 'Anna Tóth', translation: true },
] as const satisfies readonly {
  title: string;
  language: string;
  cat: (typeof categorySlugs)[number];
  outlet: string;
  author: string;
  translation?: boolean;
  byJuror?: string;
  named?: string;
}[];

/** Files of demo entries: the R2 object `uploads/<id>` is loaded from `source` by scripts/seed-jury.ts. */
export const demoMedia = [
  {
    id: 'demo-2026-file-02-video',
    entry: 1,
    source: 'content/media/documentary/we-are-at-home-here-demo.mp4',
    name: 'Uzhhorod-border-Koval-final.mp4',
    size: 232_488,
    type: 'video/mp4',
  },
] as const;

/** Ids of the demo rows (fixed, so the seed can run again without duplicates). */
export const demoIds = {
  juror: (key: string) => `demo-juror-${key}`,
  jurorUser: (key: string) => `demo-juror-user-${key}`,
  entry: (i: number) => `demo-2026-entry-${String(i + 1).padStart(2, '0')}`,
  entrant: (i: number) => `demo-2026-entrant-${String(i + 1).padStart(2, '0')}`,
  round: 'demo-2026-round-1',
};

/** Every demo row, by table, with times relative to `now`: round 1 opened yesterday and closes in 14 days. */
export function demoJury(now: Date) {
  const created = new Date(now.getTime() - 200 * DAY);
  const jurorUsers = demoJurors.map((j) => ({
    id: demoIds.jurorUser(j.key),
    email: j.email,
    displayName: j.name,
    locale: j.locale,
    status: 'active' as const,
    createdAt: created,
    updatedAt: created,
  }));
  const entrantUsers = demoEntrySpecs.flatMap((e, i) =>
    'byJuror' in e
      ? []
      : [
          {
            id: demoIds.entrant(i),
            email: `entrant${i + 1}@news.example.org`,
            displayName: e.author,
            locale: 'sk',
            status: 'active' as const,
            createdAt: created,
            updatedAt: created,
          },
        ],
  );
  const jurorRows = demoJurors.map((j) => ({
    id: demoIds.juror(j.key),
    editionId: EDITION,
    userId: demoIds.jurorUser(j.key),
    tokenHash: null,
    invitedBy: 'demo',
    invitedAt: created,
    acceptedAt: created,
    languages: j.languages,
    expertise: j.expertise.map((slug) => `${EDITION}-${slug}`),
    bio: '',
    employer: j.employer,
    cap: null,
    createdAt: created,
    updatedAt: created,
  }));
  const declared = demoJurors.flatMap((j) =>
    j.declared.map((d, i) => ({
      id: `${demoIds.juror(j.key)}-declared-${i}`,
      jurorId: demoIds.juror(j.key),
      kind: d.kind,
      name: d.name,
      createdAt: created,
    })),
  );
  const roles = demoJurors.map((j) => ({
    id: `demo-juror-role-${j.key}`,
    userId: demoIds.jurorUser(j.key),
    role: 'juror' as const,
    scope: `edition:${EDITION}`,
    grantedBy: null,
    createdAt: created,
  }));
  const entryRows = demoEntrySpecs.map((e, i) => ({
    id: demoIds.entry(i),
    editionId: EDITION,
    entrantId: 'byJuror' in e ? demoIds.jurorUser(e.byJuror) : demoIds.entrant(i),
    status: 'submitted' as const,
    screening: 'eligible' as const,
    seq: i + 1,
    number: `MIS-2026-${String(i + 1).padStart(4, '0')}`,
    categoryId: `${EDITION}-${e.cat}`,
    title: e.title,
    language: e.language,
    outlet: e.outlet,
    publishedOn: new Date(now.getTime() - 260 * DAY).toISOString().slice(0, 10),
    url: `https://news.example.org/${i + 1}`,
    summary: `${e.title}: a report on migrants' lives (demo summary).`,
    summaryTranslation: 'translation' in e ? `English summary of “${e.title}”.` : '',
    country: 'SK',
    authors: [{ name: e.author, role: 'reporter' }],
    conflicts: 'named' in e ? `Please do not give this to ${e.named}.` : '',
    declaredOwnWork: true,
    declaredLicence: true,
    declaredRules: true,
    declaredPrivacy: true,
    locale: 'sk',
    createdAt: created,
    updatedAt: created,
    submittedAt: created,
  }));
  const rubricRows = categorySlugs.map((slug) => ({
    categoryId: `${EDITION}-${slug}`,
    editionId: EDITION,
    criteria: demoCriteria,
    summaryLanguages: slug === 'written' || slug === 'audio' ? ['en', 'sk'] : [],
  }));
  const round = {
    id: demoIds.round,
    editionId: EDITION,
    position: 1,
    kind: 'rubric' as const,
    name: label('1. kolo: hodnotenie', 'Round 1: scoring', 'Тур 1: оцінювання'),
    opensAt: new Date(now.getTime() - DAY),
    closesAt: new Date(now.getTime() + 14 * DAY),
    source: 'all' as const,
    shortlistSize: null,
    perEntry: 2,
    visibility: 'afterOwn' as const,
    namesShown: false,
    lastRun: null,
    createdAt: created,
    updatedAt: created,
  };
  // The assignment, computed as the service would (pure): conflicts from the same rules.
  const contexts = demoJurors.map((j) => ({
    id: demoIds.juror(j.key),
    userId: demoIds.jurorUser(j.key),
    displayName: j.name,
    email: j.email,
    employer: j.employer,
    declared: j.declared,
    entryConflicts: [] as string[],
  }));
  const conflicts = entryRows.flatMap((e) =>
    contexts.filter((j) => inConflict(j, e)).map((j) => ({ jurorId: j.id, entryId: e.id })),
  );
  const result = assignJurors({
    entries: entryRows.map((e) => ({
      id: e.id,
      language: e.language,
      categoryId: e.categoryId,
      summaryLanguages: entrySummaryLanguages(
        e.summaryTranslation,
        rubricRows.find((r) => r.categoryId === e.categoryId)?.summaryLanguages ?? [],
      ),
    })),
    jurors: jurorRows.map((j) => ({ id: j.id, languages: j.languages, expertise: j.expertise, cap: j.cap })),
    conflicts,
    kept: [],
    perEntry: round.perEntry,
  });
  const assignmentRows = result.assignments.map((a) => ({
    id: `demo-assignment-${a.entryId}-${a.jurorId}`,
    roundId: round.id,
    entryId: a.entryId,
    jurorId: a.jurorId,
    source: 'auto' as const,
    quality: a.quality,
    createdAt: created,
  }));
  // The video entry from Užhorod carries the demo film's clip (content/media), so the scoring
  // screen has a player to show (and to hold back in low-bandwidth mode).
  const media = demoMedia.map((m) => ({
    upload: {
      id: m.id,
      ownerId: demoIds.entrant(m.entry),
      purpose: `entry:${demoIds.entry(m.entry)}`,
      key: `uploads/${m.id}`,
      declaredSize: m.size,
      partSize: m.size,
      receivedBytes: m.size,
      partsReceived: 1,
      name: m.name,
      detectedType: m.type,
      state: 'complete' as const,
      createdAt: created,
      updatedAt: created,
      completedAt: created,
    },
    file: {
      id: m.id,
      entryId: demoIds.entry(m.entry),
      uploadKey: `uploads/${m.id}`,
      kind: 'work' as const,
      name: m.name,
      size: m.size,
      type: m.type,
      createdAt: created,
    },
  }));
  return {
    users: [...jurorUsers, ...entrantUsers],
    uploads: media.map((m) => m.upload),
    entryFiles: media.map((m) => m.file),
    roles,
    jurors: jurorRows,
    declared,
    entries: entryRows,
    rubrics: rubricRows,
    rounds: [round],
    assignments: assignmentRows,
    conflicts,
  };
}

/** Inserts the demo jury (tests; the seed script writes the same rows as SQL). Needs the demo editions. */
export async function insertDemoJury(db: Db, now: Date) {
  const demo = demoJury(now);
  // One row per statement: D1 binds at most 100 values in one.
  const statements = [
    ...demo.users.map((r) => db.insert(users).values(r).onConflictDoNothing()),
    ...demo.roles.map((r) => db.insert(roleAssignments).values(r).onConflictDoNothing()),
    ...demo.jurors.map((r) => db.insert(jurors).values(r).onConflictDoNothing()),
    ...demo.declared.map((r) => db.insert(jurorConflicts).values(r).onConflictDoNothing()),
    ...demo.entries.map((r) => db.insert(entries).values(r).onConflictDoNothing()),
    ...demo.uploads.map((r) => db.insert(uploads).values(r).onConflictDoNothing()),
    ...demo.entryFiles.map((r) => db.insert(entryFiles).values(r).onConflictDoNothing()),
    ...demo.rubrics.map((r) => db.insert(rubrics).values(r).onConflictDoNothing()),
    ...demo.rounds.map((r) => db.insert(rounds).values(r).onConflictDoNothing()),
    ...demo.assignments.map((r) => db.insert(assignments).values(r).onConflictDoNothing()),
  ];
  const [first, ...rest] = statements;
  await db.batch([first!, ...rest]);
  return demo;
}
