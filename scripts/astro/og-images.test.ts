import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { afterEach, describe, expect, it } from 'vitest';
import { drawingEarly, openGraphImages } from './og-images.mjs';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The hooks as Astro calls them, with only what this integration reads. */
const hooks = openGraphImages.hooks as unknown as {
  'astro:config:setup': (o: { command: string }) => void;
  'astro:config:done': (o: { config: { root: URL; cacheDir: URL } }) => void;
  'astro:build:done': (o: { dir: URL; logger: Pick<AstroIntegrationLogger, 'info'> }) => Promise<void>;
};

/** An empty project (no content: the early drawing has nothing to draw) and its built folder. */
function project() {
  const root = mkdtempSync(join(tmpdir(), 'og-images-'));
  made.push(root);
  mkdirSync(join(root, 'dist'));
  const config = { root: pathToFileURL(`${root}/`), cacheDir: pathToFileURL(`${root}/node_modules/.astro/`) };
  return { root, config };
}

describe('Open Graph images drawn early', () => {
  it('start for a build once its folders are known (before the content sync), and stop at its end', async () => {
    const { root, config } = project();
    hooks['astro:config:setup']({ command: 'build' });
    hooks['astro:config:done']({ config });
    expect(drawingEarly()).toBe(true);
    const logged: string[] = [];
    await hooks['astro:build:done']({ dir: pathToFileURL(`${root}/dist/`), logger: { info: (m) => logged.push(m) } });
    expect(drawingEarly()).toBe(false);
    expect(logged[0]).toMatch(/^Open Graph images: 0 \(0 drawn, 0 from the cache; 0 drawn early/);
  });

  it('do not start for another command (astro dev, sync, check)', () => {
    const { config } = project();
    hooks['astro:config:setup']({ command: 'dev' });
    hooks['astro:config:done']({ config });
    expect(drawingEarly()).toBe(false);
  });
});
