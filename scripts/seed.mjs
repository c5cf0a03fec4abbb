// Loads the demo media (content/media/**) into the local R2 bucket, as an organisation would
// upload its films to R2 in production. Skips files already there with the same size.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { dataDir } from './env.mjs';
import { run } from './run.mjs';

const persistTo = process.argv[2] ?? dataDir;
const root = 'content/media';
const files = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

for (const file of files(root)) {
  const key = `media/${relative(root, file)}`;
  run('wrangler', ['r2', 'object', 'put', `spotlight-files/${key}`, '--file', file, '--local', '--persist-to', persistTo], { stdio: 'ignore' });
  console.log(`demo media: ${key} (${(statSync(file).size / 1024).toFixed(0)} KiB)`);
}
