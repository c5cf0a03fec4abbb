// Demo "Next Door Family" lunch days in the local D1 database, for `npm start` and the browser
// tests: three upcoming days (in 2, 4 and 6 weeks). Each run moves them forward again, so the
// demo never runs out of upcoming days; households signed up for them are kept. Also a lunch
// held yesterday with one confirmed guest family per locale, so the scheduled run mails them
// the after-lunch survey (once per database).
import { dataDir } from './env.mjs';
import { run } from './run.mjs';

const [persistArg, placesArg] = [process.argv[2], process.argv.find((a) => a.startsWith('--places='))];
const persistTo = persistArg && !persistArg.startsWith('--') ? persistArg : dataDir;
// `--places=N`: N host and N guest places on each upcoming demo day instead of the demo's 6/4/3, for
// the browser tests' throwaway database: the whole run shares these days, and every test file that
// confirms a family takes a place (a run that filled a day wait-listed the next file's family).
const places = placesArg ? Number(placesArg.slice('--places='.length)) : null;
if (places !== null && !(Number.isInteger(places) && places > 0))
  throw new Error(`--places must be a whole number above 0, not ${placesArg}`);
const day = 24 * 60 * 60_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const now = Date.now();
const demo = [
  {
    id: '7d1c6a52-0001-4a6b-9f00-000000000001',
    city: 'Bratislava',
    weeks: 2,
    start: '12:00',
    end: '15:00',
    format: 'venue',
    venue: 'Komunitné centrum, Obchodná 10',
    host: 6,
    guest: 6,
    languages: ['sk', 'en', 'uk'],
  },
  {
    id: '7d1c6a52-0002-4a6b-9f00-000000000002',
    city: 'Košice',
    weeks: 4,
    start: '12:30',
    end: '15:30',
    format: 'home',
    venue: '',
    host: 4,
    guest: 4,
    languages: ['sk', 'uk', 'ru'],
  },
  {
    id: '7d1c6a52-0003-4a6b-9f00-000000000003',
    city: 'Žilina',
    weeks: 6,
    start: '13:00',
    end: '16:00',
    format: 'home',
    venue: '',
    host: 3,
    guest: 3,
    languages: ['sk', 'en', 'ar'],
  },
];
const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;
const sql = demo
  .map((d) => {
    const date = now + d.weeks * 7 * day;
    const deadline = Date.parse(`${iso(date - 7 * day)}T00:00:00Z`) + day - 1;
    return `INSERT INTO lunch_days (id, city, date, start_time, end_time, format, venue, host_places, guest_places, languages, signup_deadline, retention_days, created_by, created_at)
  VALUES (${quote(d.id)}, ${quote(d.city)}, ${quote(iso(date))}, ${quote(d.start)}, ${quote(d.end)}, ${quote(d.format)}, ${quote(d.venue)}, ${places ?? d.host}, ${places ?? d.guest}, ${quote(JSON.stringify(d.languages))}, ${deadline}, 30, 'seed', ${now})
  ON CONFLICT(id) DO UPDATE SET date = excluded.date, start_time = excluded.start_time, end_time = excluded.end_time, signup_deadline = excluded.signup_deadline, purged_at = NULL;`;
  })
  .join('\n');
const pastId = '7d1c6a52-0004-4a6b-9f00-000000000004';
const yesterday = iso(now - day);
const pastSql = `INSERT INTO lunch_days (id, city, date, start_time, end_time, format, venue, host_places, guest_places, languages, signup_deadline, retention_days, created_by, created_at)
  VALUES (${quote(pastId)}, 'Nitra', ${quote(yesterday)}, '12:00', '14:30', 'home', '', 3, 3, '["sk","en","uk"]', ${now - 7 * day}, 30, 'seed', ${now})
  ON CONFLICT(id) DO UPDATE SET date = excluded.date, signup_deadline = excluded.signup_deadline, purged_at = NULL;
${['sk', 'en', 'uk']
  .map(
    (
      locale,
      i,
    ) => `INSERT OR IGNORE INTO lunch_households (id, day_id, role, status, queue_seq, contact_name, email, locale, languages, town, max_travel_km, adults, consented_at, created_at, confirmed_at)
  VALUES ('7d1c6a52-1000-4a6b-9f00-00000000000${i}', ${quote(pastId)}, 'guest', 'confirmed', ${i + 1}, ${quote(['Zuzana', 'Anna', 'Oksana'][i])}, 'survey-${locale}@example.org', '${locale}', '["${locale}"]', 'Nitra', 20, 2, ${now}, ${now}, ${now});`,
  )
  .join('\n')}`;
run('wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--command', `${sql}\n${pastSql}`], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
console.log(`demo lunch days: ${demo.map((d) => d.city).join(', ')}, and Nitra yesterday (survey)`);
