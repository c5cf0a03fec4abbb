// Loads the demo media (content/media/**) into the local R2 bucket, as an organisation would
// upload its films to R2 in production. A file already loaded unchanged (same size and time,
// recorded in <persist>/seeded-media.json) is skipped, so a second `npm start` stays fast.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { dataDir } from './env.mjs';
import { run } from './run.mjs';

const persistTo = process.argv[2] ?? dataDir;
const root = 'content/media';
const ledgerFile = join(persistTo, 'seeded-media.json');
const ledger = existsSync(ledgerFile) ? JSON.parse(readFileSync(ledgerFile, 'utf8')) : {};
const files = (dir) =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

for (const file of files(root)) {
  const key = `media/${relative(root, file)}`;
  const { size, mtimeMs } = statSync(file);
  const stamp = `${size}:${mtimeMs}`;
  if (ledger[key] === stamp) continue;
  run(
    'wrangler',
    ['r2', 'object', 'put', `spotlight-files/${key}`, '--file', file, '--local', '--persist-to', persistTo],
    { stdio: 'ignore' },
  );
  ledger[key] = stamp;
  console.log(`demo media: ${key} (${(size / 1024).toFixed(0)} KiB)`);
}
writeFileSync(ledgerFile, `${JSON.stringify(ledger, null, 2)}\n`);
