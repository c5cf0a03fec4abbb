// Why the soak (bench/soak.mjs) saw 500 "Network connection lost" on writes (issue 20, item 7): a probe
// of `wrangler dev`'s two-process chain, client → ProxyWorker (workerd on the public port) → UserWorker
// (a second workerd on 127.0.0.1:<random>). The proxy keeps its connections to the UserWorker alive
// between requests; the UserWorker's HTTP server (kj, `HttpServerSettings.pipelineTimeout`, 5 s, not
// configurable) closes a connection idle for 5 s. When the UserWorker's event loop does not run for a
// while (a starved CPU), the proxy writes new requests onto idle pooled connections, and the
// UserWorker, once it runs again, closes them unanswered. The proxy retries GET and HEAD (its log says
// "recovered on attempt 2") but answers any other method 500 "Network connection lost".
//
// The probe makes that stall on purpose: a volley of N POSTs fills the proxy's pool, the UserWorker
// process is frozen (SIGSTOP) for F ms, a second volley is sent 1 s into the freeze, then SIGCONT.
// Expected on wrangler 4.151 / workerd of miniflare 5.20261012: 0 failures for F ≤ 4.5 s, all N for
// F ≥ 5.6 s. PROBE_TARGET=proxy freezes the proxy's workerd instead, with the same 5 s edge: 0 lost at
// 3.0 and 4.5 s, 1 of 16 (500 from the proxy) at 5.7 s, 16 of 16 at 7.0 s (there the client's own
// keep-alive connection to the proxy is closed: "fetch failed"). So any stall of either workerd near
// 5 s, as a CPU run queue of 25–35 on 2 cores makes, loses requests the proxy does not retry.
// Exits non-zero when a freeze under 5 s loses a request (then something else drops them).
//
// Env: PROBE_PORT (4408), PROBE_FREEZES (ms, "3000,4500,5600,7000"), PROBE_VOLLEY (16), PROBE_TARGET
// (user | proxy). POSIX signals and `ps`; loopback only; needs the built site (`astro build`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../scripts/server.mjs';

const port = Number(process.env.PROBE_PORT ?? 4408);
const freezes = (process.env.PROBE_FREEZES ?? '3000,4500,5600,7000').split(',').map(Number);
const volleySize = Number(process.env.PROBE_VOLLEY ?? 16);
/** Which workerd to freeze: `user` (the UserWorker, default) or `proxy` (the ProxyWorker). */
const target = process.env.PROBE_TARGET === 'proxy' ? 'proxy' : 'user';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const dataDir = mkdtempSync(join(tmpdir(), 'spotlight-stall-'));
const server = await startServer({ port, persistTo: dataDir });
try {
  // Both workerd run in this wrangler's process group: the proxy's entry socket is the public port,
  // the UserWorker's a random one.
  const processes = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length > 2);
  const wrangler = processes.find((fields) => fields.slice(2).includes(dataDir));
  const entry = target === 'user' ? '--socket-addr=entry=127.0.0.1:0' : `--socket-addr=entry=127.0.0.1:${port}`;
  const frozen = processes.find(
    (fields) => fields[1] === wrangler?.[1] && fields[2].endsWith('/workerd') && fields.includes(entry),
  )?.[0];
  if (!frozen) throw new Error(`cannot find the ${target} workerd of the wrangler on ${dataDir}`);

  const volley = () =>
    Promise.all(
      Array.from({ length: volleySize }, async () => {
        try {
          const response = await fetch(`${server.url}/api/health`, { method: 'POST', body: 'probe=1' });
          const text = await response.text();
          return response.status >= 500 ? `${response.status} ${text.split('\n')[0]}` : response.status;
        } catch (error) {
          return String(error);
        }
      }),
    );

  let unexpected = 0;
  console.log(
    `| ${target === 'user' ? 'UserWorker' : 'ProxyWorker'} frozen (ms) | POSTs sent during the freeze | failed | answer of a failed one |`,
  );
  console.log('| --- | --- | --- | --- |');
  for (const freeze of freezes) {
    await volley();
    const started = Date.now();
    process.kill(Number(frozen), 'SIGSTOP');
    await sleep(1000);
    const second = volley();
    await sleep(freeze - 1000);
    process.kill(Number(frozen), 'SIGCONT');
    const answers = await second;
    const failed = answers.filter((a) => typeof a === 'string');
    if (freeze < 5000 && failed.length > 0) unexpected++;
    console.log(`| ${Date.now() - started} | ${answers.length} | ${failed.length} | ${failed[0] ?? ''} |`);
    await sleep(1000);
  }
  process.exitCode = unexpected ? 1 : 0;
} finally {
  server.stop();
  await sleep(1000);
  rmSync(dataDir, { recursive: true, force: true });
}
