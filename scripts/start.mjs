// `npm start`: build when sources changed (the demo content in content/ is built into the
// pages), apply migrations to the local D1 database, load the demo media into local R2, and serve the portal in the Workers
// runtime on http://127.0.0.1:4321 (SPOTLIGHT_PORT to change it; the site is then built for that port). State lives in .data/ and survives restarts.
// It prints the steps, warnings and errors, the URL and the mailbox; a failed step prints its whole output.
import { createInterface } from 'node:readline';
import { buildIsStale, markServing } from './build-state.mjs';
import { buildEnv, dataDir, devArgs, host, origin, port } from './env.mjs';
import { plain, start, step } from './run.mjs';

// Built for the origin it is served on: the pages' canonical links, hreflang and the sitemap carry it.
if (buildIsStale(undefined, origin))
  step(`Building the site for ${origin}`, 'astro', ['build'], {
    env: { PUBLIC_ORIGIN: origin, ...buildEnv },
  });
else console.log('✔ The build is up to date');
step('Applying database migrations', 'wrangler', [
  'd1',
  'migrations',
  'apply',
  'DB',
  '--local',
  '--persist-to',
  dataDir,
]);
const demo = /^demo /;
step('Loading the demo media', 'node', ['scripts/seed.mjs', dataDir], { echo: demo });
step('Loading the demo competition', 'node', ['scripts/seed-competition.ts', dataDir], { echo: demo });
step('Loading the demo jury', 'node', ['scripts/seed-jury.ts', dataDir], { echo: demo });
step('Loading the demo results', 'node', ['scripts/seed-results.ts', dataDir], { echo: demo });
step("Opening the demo people's choice", 'node', ['scripts/seed-votes.ts', dataDir], { echo: demo });
step('Loading the demo lunches', 'node', ['scripts/seed-lunches.mjs', dataDir], { echo: demo });

console.log('Starting the Worker (wrangler dev)…');
markServing();
const server = start('wrangler', devArgs({ host, port, persistTo: dataDir, logLevel: 'info' }), {
  stdio: ['inherit', 'pipe', 'pipe'],
});

// wrangler's start-up talk (its banner, which config file it reads, the cron note: this script
// fires the cron itself) is dropped; requests, the Worker's own logs and every warning pass through.
const noise = [
  /^\s*⛅️ wrangler /,
  /^─+$/,
  /^Using redirected Wrangler configuration/,
  /^ - (Configuration being used|Original user's configuration|Deploy configuration file):/,
  /^Attaching additional modules:$/,
  /^\[wrangler:info\] ✨ Parsed \d+ valid header rules/,
  /^\s*$/,
];
let inCronNote = false;
function relay(line, out) {
  const text = plain(line);
  if (/Scheduled Workers are not automatically triggered/.test(text)) inCronNote = true;
  else if (inCronNote && text.startsWith('[wrangler')) inCronNote = false;
  if (inCronNote || noise.some((pattern) => pattern.test(text))) return;
  if (/^\[wrangler:info\] Ready on /.test(text)) {
    out.write(
      `\n✔ Spotlight is running: http://${host}:${port}/\n  Mails it sends: http://${host}:${port}/dev/mail\n  Stop: Ctrl+C\n\n`,
    );
    return;
  }
  out.write(`${line}\n`);
}
createInterface({ input: server.stdout }).on('line', (line) => relay(line, process.stdout));
createInterface({ input: server.stderr }).on('line', (line) => relay(line, process.stderr));

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
