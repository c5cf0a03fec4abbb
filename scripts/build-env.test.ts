import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEnv, buildHeapMegabytes } from './env.mjs';

const root = join(import.meta.dirname, '..');

describe('the environment of every astro build (scripts/env.mjs buildEnv)', () => {
  it('bounds the V8 heap and has the bundler give freed memory back at once', () => {
    expect(buildEnv.NODE_OPTIONS.split(' ')[0]).toBe(`--max-old-space-size=${buildHeapMegabytes}`);
    expect(buildEnv.MIMALLOC_PURGE_DELAY).toBe('0');
  });

  it('is what each script that runs `astro build` builds with', () => {
    const scripts = ['scripts', 'bench'].flatMap((dir) =>
      readdirSync(join(root, dir))
        .filter((f) => f.endsWith('.mjs'))
        .map((f) => join(dir, f)),
    );
    const building = scripts.filter((f) =>
      /'astro', \['build'\]|astro\/bin\/astro\.mjs'\), 'build'|\[astro, 'build'/.test(
        readFileSync(join(root, f), 'utf8'),
      ),
    );
    expect(building.sort()).toEqual([
      'bench/build.bench.mjs',
      'scripts/build.mjs',
      'scripts/deploy-check.mjs',
      'scripts/e2e.mjs',
      'scripts/start.mjs',
      'scripts/test.mjs',
    ]);
    for (const file of building) expect(readFileSync(join(root, file), 'utf8'), file).toMatch(/\bbuildEnv\b/);
  });
});
