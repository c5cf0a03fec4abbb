// A running portal marks that it serves dist/, so deploy:check (which rebuilds dist/) can refuse
// rather than leave the portal answering 404 for every static page (a tester's finding).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { servingPids } from './build-state.mjs';

const root = join(import.meta.dirname, '..');

describe('the mark of a portal serving dist/', () => {
  it('names a running process that marked itself, and forgets it once it is gone', async () => {
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "(await import('./scripts/build-state.mjs')).markServing(); console.log('marked'); setInterval(() => {}, 1000);",
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await once(child.stdout, 'data');
    expect(servingPids()).toContain(child.pid);
    child.kill('SIGKILL');
    await once(child, 'exit');
    // Killed hard: its mark stays on disk, but a process that is gone does not count (and the mark goes).
    expect(servingPids()).not.toContain(child.pid);
  });
});
