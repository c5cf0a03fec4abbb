// `npm start`: build when sources changed (the demo content in content/ is built into the
// pages), apply migrations to the local D1 database, load the demo media into local R2, and serve the portal in the Workers
// runtime on http://127.0.0.1:4321. State lives in .data/ and survives restarts.
import { buildIsStale } from './build-state.mjs';
import { dataDir, host, port } from './env.mjs';
import { run, start } from './run.mjs';

if (buildIsStale()) {
  console.log('Building the site…');
  run('astro', ['build']);
} else {
  console.log('The build is up to date; skipping it.');
}
run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dataDir]);
run('node', ['scripts/seed.mjs', dataDir]);
run('node', ['scripts/seed-competition.ts', dataDir]);
run('node', ['scripts/seed-jury.ts', dataDir]);
run('node', ['scripts/seed-lunches.mjs', dataDir]);

console.log(`\nSpotlight: http://${host}:${port}/  (local mailbox: http://${host}:${port}/dev/mail)\n`);
const server = start('wrangler', [
  'dev',
  '--ip',
  host,
  '--port',
  String(port),
  '--persist-to',
  dataDir,
  '--log-level',
  'info',
]);
// wrangler dev does not fire cron triggers; fire the scheduled handler every minute, as
// production does, so mails left in the outbox (say, by a restart mid-send) still go out.
const cron = setInterval(() => {
  fetch(`http://${host}:${port}/cdn-cgi/local/scheduled`).catch(() => undefined);
}, 60_000);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => {
  clearInterval(cron);
  process.exit(code ?? 0);
});
