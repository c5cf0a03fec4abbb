import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'devalue';
import { PDFDocument } from 'pdf-lib';
import { rolldown } from 'rolldown';
import { describe, expect, it } from 'vitest';
import { forbiddenModules, withoutBodies, workerBundle } from './astro/worker-bundle.mjs';

describe("the Worker's content (scripts/astro/worker-bundle.mjs)", () => {
  it('the data store keeps every collection and entry with its data, without the Markdown source', () => {
    const store = new Map<string, Map<string, Record<string, unknown>>>([
      [
        'stories',
        new Map([['sk/amina', { id: 'sk/amina', data: { title: 'Amina' }, body: '# Amina\n\nText', digest: 'a1' }]]),
      ],
      ['helplines', new Map([['trafficking-line', { id: 'trafficking-line', data: { number: '0800 800 818' } }]])],
    ]);
    expect(withoutBodies(stringify(store))).toBe(
      stringify(
        new Map<string, Map<string, Record<string, unknown>>>([
          ['stories', new Map([['sk/amina', { id: 'sk/amina', data: { title: 'Amina' }, digest: 'a1' }]])],
          ['helplines', new Map([['trafficking-line', { id: 'trafficking-line', data: { number: '0800 800 818' } }]])],
        ]),
      ),
    );
  });

  it('no on-demand page renders an entry: `render` from astro:content is imported by prerendered pages only', () => {
    const files = readdirSync('src', { recursive: true })
      .map(String)
      .filter((f) => /\.(astro|ts|mjs)$/.test(f) && !f.endsWith('.test.ts'));
    const renderers = files.filter((f) =>
      /import\s*\{[^}]*\brender\b[^}]*\}\s*from\s*'astro:content'/.test(readFileSync(join('src', f), 'utf8')),
    );
    expect(renderers.length).toBeGreaterThan(0);
    const notPrerendered = renderers.filter(
      (f) => !f.startsWith('pages/') || /export const prerender = false/.test(readFileSync(join('src', f), 'utf8')),
    );
    expect(notPrerendered).toEqual([]);
  });

  it('the build refuses Node-only packages, content bodies and pdf-lib’s document layer, naming each', () => {
    expect(
      forbiddenModules([
        '/w/node_modules/hono/dist/hono.js',
        '/w/node_modules/sharp/lib/index.js',
        '/w/node_modules/@resvg/resvg-js/index.js',
        '/w/content/stories/sk/amina.mdx?astroPropagatedAssets',
        '/w/content/i18n/sk.json',
        '/w/node_modules/@cantoo/pdf-lib/es/core/parser/PDFParser.js',
        '/w/node_modules/@cantoo/pdf-lib/es/api/PDFDocument.js',
        '/w/node_modules/culori/src/index.js',
      ]),
    ).toEqual([
      { id: '/w/node_modules/sharp/lib/index.js', why: 'a build-time, test or Node-only package' },
      { id: '/w/node_modules/@resvg/resvg-js/index.js', why: 'a build-time, test or Node-only package' },
      {
        id: '/w/content/stories/sk/amina.mdx?astroPropagatedAssets',
        why: "a content entry's body (its prerendered page has it)",
      },
      {
        id: '/w/node_modules/@cantoo/pdf-lib/es/api/PDFDocument.js',
        why: "pdf-lib's document layer (strip.ts needs only its objects)",
      },
      { id: '/w/node_modules/culori/src/index.js', why: "pdf-lib's document layer (strip.ts needs only its objects)" },
    ]);
  });
});

describe('PDF stripping as the Worker bundles it (pdf-lib shaken to its object layer)', () => {
  it('strips a PDF made by pdf-lib, and the bundle holds no document layer and no font metrics', async () => {
    const plugin = workerBundle();
    const build = await rolldown({
      input: 'functions/uploads/strip.ts',
      platform: 'browser',
      logLevel: 'silent',
      // The same hooks the Worker's build runs (Vite-only fields are ignored here).
      plugins: [{ name: plugin.name, resolveId: plugin.resolveId, load: plugin.load, transform: plugin.transform }],
    } as Parameters<typeof rolldown>[0]);
    const { output } = await build.generate({ format: 'esm', minify: true });
    await build.close();
    const [chunk] = output;
    const rendered = Object.entries(chunk.modules).filter(([, m]) => m.renderedLength > 0);
    expect(forbiddenModules(rendered.map(([id]) => id))).toEqual([]);
    // Minified, pdf-lib's object layer and strip.ts are 109 KiB (2026-11); without the plugin, 553 KiB.
    expect(chunk.code.length).toBeLessThan(150 * 1024);
    expect(chunk.code).not.toMatch(/eJy[\w+/]{1000}/); // no compressed font metrics

    const { stripPdf } = (await import(
      `data:text/javascript;base64,${Buffer.from(chunk.code).toString('base64')}`
    )) as typeof import('../functions/uploads/strip.ts');
    const doc = await PDFDocument.create();
    doc.setAuthor('Jana Nováková');
    doc.setTitle('Night shift');
    doc.addPage([200, 200]);
    doc.addPage([200, 200]);
    const stripped = await stripPdf(await doc.save());
    expect(Buffer.from(stripped).includes('Nov')).toBe(false);
    const reopened = await PDFDocument.load(stripped, { updateMetadata: false });
    expect([reopened.getPageCount(), reopened.getAuthor(), reopened.getTitle()]).toEqual([2, undefined, undefined]);
  });
});
