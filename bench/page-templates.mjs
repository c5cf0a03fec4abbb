// One representative URL per page template (src/pages/**/*.astro) for bench/pages.bench.mjs: who
// opens it (a visitor, or signed in as a juror, a manager or an entrant) and its path, built from
// the demo data's ids. scripts/bench-runner.test.ts checks every template is here, measured or left
// out with a reason, so a new page cannot be missed.

/**
 * Ids from the seeded demo database the paths need.
 * @typedef {Record<string, string>} Ids
 */

/**
 * Templates measured: `path` is a path or a function of the ids; `who` whose session the request
 * carries; `state`, when the page is measured in a particular state (an invalid link's refusal).
 * @type {{ template: string; who: 'visitor' | 'juror' | 'manager' | 'entrant' | 'laureate'; path: string | ((ids: Ids) => string); state?: string }[]}
 */
export const templates = [
  // Static (pre-rendered) pages.
  { template: 'src/pages/[lang]/index.astro', who: 'visitor', path: '/en/' },
  { template: 'src/pages/[lang]/[slug].astro', who: 'visitor', path: '/en/helplines/' },
  { template: 'src/pages/[lang]/campaigns/index.astro', who: 'visitor', path: '/en/campaigns/' },
  { template: 'src/pages/[lang]/campaigns/[slug].astro', who: 'visitor', path: '/en/campaigns/dont-become-a-slave/' },
  { template: 'src/pages/[lang]/stories/index.astro', who: 'visitor', path: '/en/stories/' },
  { template: 'src/pages/[lang]/stories/[slug].astro', who: 'visitor', path: '/en/stories/amina-bratislava/' },
  { template: 'src/pages/[lang]/news/index.astro', who: 'visitor', path: '/en/news/' },
  { template: 'src/pages/[lang]/news/[slug].astro', who: 'visitor', path: (ids) => ids.news },
  {
    template: 'src/pages/[lang]/materials/[id].astro',
    who: 'visitor',
    path: (ids) => `/en/materials/${ids.material}/`,
  },
  { template: 'src/pages/[lang]/materials/kits/[chapter].astro', who: 'visitor', path: (ids) => ids.kit },
  { template: 'src/pages/[lang]/search.astro', who: 'visitor', path: '/en/search/' },
  { template: 'src/pages/[lang]/account/[status].astro', who: 'visitor', path: (ids) => ids.accountStatus },
  { template: 'src/pages/[lang]/stay-informed/[status].astro', who: 'visitor', path: (ids) => ids.stayStatus },
  { template: 'src/pages/[lang]/lunches/[status].astro', who: 'visitor', path: (ids) => ids.lunchStatus },
  { template: 'src/pages/[lang]/404.astro', who: 'visitor', path: '/en/404/' },
  { template: 'src/pages/404.astro', who: 'visitor', path: '/no-such-page/', state: 'a path outside the locales' },
  // Public pages rendered on demand.
  { template: 'src/pages/[lang]/materials/index.astro', who: 'visitor', path: '/en/materials/' },
  {
    template: 'src/pages/[lang]/materials/feedback/index.astro',
    who: 'visitor',
    path: (ids) => `/en/materials/feedback/?material=${ids.material}`,
  },
  { template: 'src/pages/[lang]/stay-informed/index.astro', who: 'visitor', path: '/en/stay-informed/' },
  { template: 'src/pages/[lang]/lunches/index.astro', who: 'visitor', path: '/en/lunches/' },
  {
    template: 'src/pages/[lang]/lunches/sign-up.astro',
    who: 'visitor',
    path: (ids) => `/en/lunches/sign-up/?day=${ids.day}`,
  },
  {
    template: 'src/pages/[lang]/lunches/manage.astro',
    who: 'visitor',
    path: (ids) => `/en/lunches/manage/?id=${ids.household}&sig=${ids.manageSig}`,
  },
  {
    template: 'src/pages/[lang]/lunches/survey.astro',
    who: 'visitor',
    path: (ids) => `/en/lunches/survey/?id=${ids.household}&sig=${ids.surveySig}`,
  },
  {
    template: 'src/pages/[lang]/mailed-link.astro',
    who: 'visitor',
    path: (ids) => `/api/lunches/confirm?id=${ids.household}&sig=${ids.confirmSig}&lang=en`,
    state: 'a lunch confirmation link',
  },
  {
    template: 'src/pages/[lang]/not-found.astro',
    who: 'visitor',
    path: '/en/competition/1999/',
    state: 'an unknown edition',
  },
  { template: 'src/pages/[lang]/competition/index.astro', who: 'visitor', path: '/en/competition/' },
  { template: 'src/pages/[lang]/competition/[edition].astro', who: 'visitor', path: '/en/competition/2027/' },
  {
    template: 'src/pages/[lang]/competition/[edition]/winners.astro',
    who: 'visitor',
    path: '/en/competition/2025/winners/',
  },
  {
    template: 'src/pages/[lang]/competition/[edition]/vote/index.astro',
    who: 'visitor',
    path: '/en/competition/2026/vote/',
  },
  {
    template: 'src/pages/[lang]/competition/[edition]/vote/request.astro',
    who: 'visitor',
    path: (ids) => `/en/competition/2026/vote/request/?entry=${ids.adminEntry}`,
  },
  {
    template: 'src/pages/[lang]/competition/[edition]/vote/confirm.astro',
    who: 'visitor',
    path: '/en/competition/2026/vote/confirm/?token=invalid',
    state: 'invalid link',
  },
  {
    template: 'src/pages/[lang]/competition/[edition]/vote/thanks.astro',
    who: 'visitor',
    path: '/en/competition/2026/vote/thanks/',
  },
  {
    template: 'src/pages/[lang]/jury/invitation.astro',
    who: 'visitor',
    path: '/en/jury/invitation/?token=invalid',
    state: 'invalid link',
  },
  { template: 'src/pages/[lang]/account/sign-in.astro', who: 'visitor', path: '/en/account/sign-in/' },
  // Signed in: an entrant.
  { template: 'src/pages/[lang]/account/index.astro', who: 'entrant', path: '/en/account/' },
  { template: 'src/pages/[lang]/account/delete.astro', who: 'entrant', path: '/en/account/delete/' },
  { template: 'src/pages/[lang]/account/uploads.astro', who: 'entrant', path: '/en/account/uploads/' },
  { template: 'src/pages/[lang]/competition/entries/index.astro', who: 'entrant', path: '/en/competition/entries/' },
  {
    template: 'src/pages/[lang]/competition/entries/[id]/[step].astro',
    who: 'entrant',
    path: (ids) => `/en/competition/entries/${ids.entry}/work/`,
  },
  {
    template: 'src/pages/[lang]/competition/entries/[id]/files.astro',
    who: 'entrant',
    path: (ids) => `/en/competition/entries/${ids.entry}/files/`,
  },
  {
    template: 'src/pages/[lang]/competition/entries/[id]/results.astro',
    who: 'laureate',
    path: (ids) => `/en/competition/entries/${ids.laureateEntry}/results/`,
    state: 'an entrant of 2025 (results published)',
  },
  // Signed in: a juror of 2026 (jan.novak).
  { template: 'src/pages/[lang]/jury/[edition]/index.astro', who: 'juror', path: '/en/jury/2026/' },
  { template: 'src/pages/[lang]/jury/[edition]/profile.astro', who: 'juror', path: '/en/jury/2026/profile/' },
  {
    template: 'src/pages/[lang]/jury/[edition]/rounds/[round]/index.astro',
    who: 'juror',
    path: '/en/jury/2026/rounds/demo-2026-round-1/',
  },
  {
    template: 'src/pages/[lang]/jury/[edition]/rounds/[round]/[entry].astro',
    who: 'juror',
    path: (ids) => `/en/jury/2026/rounds/demo-2026-round-1/${ids.juryEntry}/`,
  },
  {
    template: 'src/pages/[lang]/jury/[edition]/rounds/[round]/ballot/[category].astro',
    who: 'juror',
    path: (ids) => `/en/jury/2026/rounds/demo-2026-round-final/ballot/${ids.category}/`,
  },
  // Signed in: a manager (an administrator).
  { template: 'src/pages/[lang]/admin/index.astro', who: 'manager', path: '/en/admin/' },
  {
    template: 'src/pages/[lang]/admin/people/[id].astro',
    who: 'manager',
    path: (ids) => `/en/admin/people/${ids.managerId}/`,
  },
  { template: 'src/pages/[lang]/admin/materials.astro', who: 'manager', path: '/en/admin/materials/' },
  { template: 'src/pages/[lang]/admin/competition/index.astro', who: 'manager', path: '/en/admin/competition/' },
  {
    template: 'src/pages/[lang]/admin/competition/[edition].astro',
    who: 'manager',
    path: '/en/admin/competition/2026/',
  },
  {
    template: 'src/pages/[lang]/admin/competition/[edition]/entries/[id].astro',
    who: 'manager',
    path: (ids) => `/en/admin/competition/2026/entries/${ids.adminEntry}/`,
  },
  {
    template: 'src/pages/[lang]/admin/competition/[edition]/votes.astro',
    who: 'manager',
    path: '/en/admin/competition/2026/votes/',
  },
  { template: 'src/pages/[lang]/admin/jury/index.astro', who: 'manager', path: '/en/admin/jury/' },
  { template: 'src/pages/[lang]/admin/jury/[edition]/index.astro', who: 'manager', path: '/en/admin/jury/2026/' },
  {
    template: 'src/pages/[lang]/admin/jury/[edition]/conflicts.astro',
    who: 'manager',
    path: '/en/admin/jury/2026/conflicts/',
  },
  {
    template: 'src/pages/[lang]/admin/jury/[edition]/rounds/[round].astro',
    who: 'manager',
    path: '/en/admin/jury/2026/rounds/demo-2026-round-1/',
  },
  {
    template: 'src/pages/[lang]/admin/jury/[edition]/rounds/[round]/shortlist.astro',
    who: 'manager',
    path: '/en/admin/jury/2026/rounds/demo-2026-round-0/shortlist/',
  },
  {
    template: 'src/pages/[lang]/admin/jury/[edition]/rounds/[round]/ranking.astro',
    who: 'manager',
    path: '/en/admin/jury/2026/rounds/demo-2026-round-final/ranking/',
  },
  { template: 'src/pages/[lang]/admin/results/index.astro', who: 'manager', path: '/en/admin/results/' },
  { template: 'src/pages/[lang]/admin/results/[edition]/index.astro', who: 'manager', path: '/en/admin/results/2026/' },
  {
    template: 'src/pages/[lang]/admin/results/[edition]/rounds/[round].astro',
    who: 'manager',
    path: '/en/admin/results/2026/rounds/demo-2026-round-0/',
  },
  {
    template: 'src/pages/[lang]/admin/results/[edition]/rounds/[round]/report.astro',
    who: 'manager',
    path: '/en/admin/results/2026/rounds/demo-2026-round-0/report/',
  },
  { template: 'src/pages/[lang]/admin/publication/index.astro', who: 'manager', path: '/en/admin/publication/' },
  {
    template: 'src/pages/[lang]/admin/publication/[edition].astro',
    who: 'manager',
    path: '/en/admin/publication/2025/',
  },
  { template: 'src/pages/[lang]/admin/lunches/index.astro', who: 'manager', path: '/en/admin/lunches/' },
  {
    template: 'src/pages/[lang]/admin/lunches/on-behalf.astro',
    who: 'manager',
    path: (ids) => `/en/admin/lunches/on-behalf/?day=${ids.day}`,
  },
  {
    template: 'src/pages/[lang]/admin/lunches/[day]/pairs.astro',
    who: 'manager',
    path: (ids) => `/en/admin/lunches/${ids.day}/pairs/`,
  },
  {
    template: 'src/pages/[lang]/admin/lunches/[day]/survey.astro',
    who: 'manager',
    path: (ids) => `/en/admin/lunches/${ids.pastDay}/survey/`,
  },
];

/** Templates not measured, and why. */
export const notMeasured = {
  'src/pages/index.astro': 'a redirect to /sk/, /en/ or /uk/ by the browser’s languages (no page)',
  'src/pages/[lang]/competition/current.astro': 'a redirect (302) to the current edition’s page, which is measured',
  'src/pages/500.astro': 'the server error page: shown only when a request fails, which the demo portal does not',
  'src/pages/[lang]/unavailable.astro':
    'the 503 page: shown only while the database cannot answer, which the demo portal does not (tests/e2e/http-answers.test.ts)',
  'src/pages/[lang]/too-large.astro':
    'the 413 page: shown only for a form post over 256 KB, which no page measured here sends (tests/e2e/http-answers.test.ts)',
};
