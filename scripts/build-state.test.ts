// A running portal marks that it serves dist/, so deploy:check (which rebuilds dist/) can refuse
// rather than leave the portal answering 404 for every static page (a tester's finding).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtOrigin, servingPids } from './build-state.mjs';
import { origin } from './env.mjs';

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

describe('the origin a build was made for (npm start on SPOTLIGHT_PORT)', () => {
  /** A built dist/ in a folder of its own, its sitemap index on `built`; `stale(origin)` asks buildIsStale there. */
  function builtFor(built: string) {
    const dir = mkdtempSync(join(tmpdir(), 'spotlight-build-state-'));
    mkdirSync(join(dir, 'dist', 'server'), { recursive: true });
    mkdirSync(join(dir, 'dist', 'client'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'server', 'wrangler.json'), '{}');
    writeFileSync(
      join(dir, 'dist', 'client', 'sitemap-index.xml'),
      `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${built}/sitemap-0.xml</loc></sitemap></sitemapindex>`,
    );
    const module = join(root, 'scripts', 'build-state.mjs');
    const stale = (wanted?: string) =>
      spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { buildIsStale } = await import(${JSON.stringify(module)}); console.log(buildIsStale(undefined, ${wanted === undefined ? 'undefined' : JSON.stringify(wanted)}));`,
        ],
        { cwd: dir, encoding: 'utf8' },
      ).stdout.trim();
    return { dir, stale, done: () => rmSync(dir, { recursive: true, force: true }) };
  }

  it('reads the origin from the built sitemap index, null without one', () => {
    const build = builtFor('http://127.0.0.1:4321');
    expect(builtOrigin(join(build.dir, 'dist', 'client'))).toBe('http://127.0.0.1:4321');
    expect(builtOrigin(join(build.dir, 'nothing'))).toBeNull();
    build.done();
  });

  it('calls a build for 4321 stale for a portal served on 4481, not for one on 4321', () => {
    const build = builtFor('http://127.0.0.1:4321');
    expect([build.stale('http://127.0.0.1:4321'), build.stale('http://127.0.0.1:4481'), build.stale()]).toEqual([
      'false',
      'true',
      'false',
    ]);
    build.done();
  });

  it('npm start asks for the origin it serves on', () => {
    expect(origin).toBe(`http://127.0.0.1:${process.env.SPOTLIGHT_PORT ?? 4321}`);
  });
});
