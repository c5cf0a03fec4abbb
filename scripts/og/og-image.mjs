// Open Graph images (1200×630 PNG) for built pages, drawn from the page's own title. Text is
// turned into outlines with opentype.js and Noto Sans (latin, latin-ext, cyrillic), so the
// result is the same on every machine, with or without system fonts; sharp rasterises the SVG.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
import sharp from 'sharp';

/**
 * The drawing's version: bump it whenever what renderOgImage draws or how it encodes changes
 * (layout, sizes, colours' use, PNG options), so cached images drawn by the old code are not reused.
 */
export const ogTemplateVersion = 3;

const require = createRequire(import.meta.url);
const fontFiles = ['latin', 'latin-ext', 'cyrillic'].map((subset) =>
  readFileSync(require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-700-normal.woff`)),
);
const fonts = fontFiles.map((data) =>
  opentype.parse(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
);

/** SHA-256 (hex) of the three font files, in order: a new font release changes every image's key. */
export const ogFontsDigest = fontFiles.reduce((hash, data) => hash.update(data), createHash('sha256')).digest('hex');

/** The versions of the two libraries whose output is in the PNG's bytes (outlines and encoder). */
export const ogRendererVersions = `opentype.js ${require('opentype.js/package.json').version}, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips})`;

/**
 * What an Open Graph image is drawn from (the argument of renderOgImage): every field is drawn.
 * @typedef {{ title: string; kicker: string; site: string; brand: string; onBrand: string; accent: string }} OgPage
 */

/**
 * Everything a page's image is drawn from, in a fixed order: the drawn texts (title, kicker, site
 * name; the locale enters through them, so two locales with the same words share one image), the
 * three colours, the template version, the fonts' bytes and the renderer versions. A page's URL,
 * its description beyond the kicker, or the build day are not in it.
 * @param {OgPage} page
 * @param {number} [template] the template version (default: the current one)
 */
export function ogImageKeyParts({ title, kicker, site, brand, onBrand, accent }, template = ogTemplateVersion) {
  return {
    template,
    fonts: ogFontsDigest,
    renderer: ogRendererVersions,
    title,
    kicker,
    site,
    colours: [brand, onBrand, accent],
  };
}

/**
 * The cache key of a page's image: SHA-256 (64 hex characters) of the JSON of `ogImageKeyParts`,
 * i.e. of exactly what the PNG's bytes depend on.
 * @param {OgPage} page
 * @param {number} [template] the template version (default: the current one)
 * @returns {string}
 */
export function ogImageKey(page, template = ogTemplateVersion) {
  return createHash('sha256')
    .update(JSON.stringify(ogImageKeyParts(page, template)))
    .digest('hex');
}

/** The first font that has a glyph for the character (fontsource splits Noto Sans by script). */
const fontFor = (char) => fonts.find((f) => f.charToGlyphIndex(char) > 0) ?? fonts[0];

/**
 * Each character's glyph, looked up once per build instead of once per drawn character, and its
 * outline scaled once per font size. opentype.js's `glyph.getPath(x, y, size)` computes each point
 * as `x + cmd.x * scale` and `y + -cmd.y * scale` with `scale = 1 / unitsPerEm * size`; keeping
 * `cmd.x * scale` and `-cmd.y * scale` and adding the position here gives the same numbers to the
 * last bit, so the SVG, and the PNG, are byte for byte what getPath gave (og-cache.test.ts
 * compares). Own code because opentype.js has no cache of its own; about a quarter of an image's
 * time went into these lookups and into the path objects getPath builds.
 * @type {Map<string, { glyph: import('opentype.js').Glyph; unitsPerEm: number; scaled: Map<number, number[][]> }>}
 */
const glyphs = new Map();

/** A character's glyph, its font's units per em, and its outlines scaled per size (see `glyphs`). */
function glyphOf(char) {
  let known = glyphs.get(char);
  if (!known) {
    const font = fontFor(char);
    known = { glyph: font.charToGlyph(char), unitsPerEm: font.unitsPerEm, scaled: new Map() };
    glyphs.set(char, known);
  }
  return known;
}

/**
 * A glyph's outline at `size`, positioned at 0,0: per command its letter code and the scaled
 * coordinates, x then y for each point (for Q: x1 y1 x y; for C: x1 y1 x2 y2 x y).
 * @returns {number[][]} `[letterIndex, ...coordinates]`, letterIndex into "MLQCZ"
 */
function scaledOutline(known, size) {
  let outline = known.scaled.get(size);
  if (!outline) {
    const { path } = known.glyph;
    const scale = (1 / (path.unitsPerEm || 1e3)) * size;
    // getPath closes a contour (Z) only for a stroked outline; filled glyphs are written without.
    const closes = Boolean(path.stroke && path.strokeWidth * scale);
    outline = path.commands.flatMap((c) => {
      const letter = 'MLQCZ'.indexOf(c.type);
      if (c.type === 'M' || c.type === 'L') return [[letter, c.x * scale, -c.y * scale]];
      if (c.type === 'Q') return [[letter, c.x1 * scale, -c.y1 * scale, c.x * scale, -c.y * scale]];
      if (c.type === 'C')
        return [[letter, c.x1 * scale, -c.y1 * scale, c.x2 * scale, -c.y2 * scale, c.x * scale, -c.y * scale]];
      return closes ? [[4]] : [];
    });
    known.scaled.set(size, outline);
  }
  return outline;
}

/** A coordinate as the SVG writes it: rounded to a tenth of a pixel. */
const n = (v) => Math.round(v * 10) / 10;

/** A glyph's outline at x, y as SVG path data, every number separated (opentype's own output can run numbers together). */
function pathData(outline, x, y) {
  let d = '';
  for (const [letter, ...points] of outline) {
    d += 'MLQCZ'[letter];
    for (let i = 0; i < points.length; i += 2) d += `${i ? ' ' : ''}${n(x + points[i])} ${n(y + points[i + 1])}`;
  }
  return d;
}

/**
 * One line of text as SVG path data (baseline at x, y; size in pixels), and its width in pixels.
 * @param {string} text
 * @param {number} x
 * @param {number} y
 * @param {number} size
 * @returns {{ d: string; width: number }}
 */
export function line(text, x, y, size) {
  let cursor = x;
  let d = '';
  for (const char of text) {
    const known = glyphOf(char);
    d += pathData(scaledOutline(known, size), cursor, y);
    cursor += (known.glyph.advanceWidth ?? 0) * (size / known.unitsPerEm);
  }
  return { d, width: cursor - x };
}

/** A line's width in pixels, from the glyphs' advance widths (no outlines drawn). */
const measure = (text, size) => {
  let width = 0;
  for (const char of text) {
    const known = glyphOf(char);
    width += (known.glyph.advanceWidth ?? 0) * (size / known.unitsPerEm);
  }
  return width;
};

/** Breaks text into at most `max` lines of at most `width` pixels; the last line ends in "…" if cut. */
export function wrap(text, size, width, max) {
  const lines = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    const next = current ? `${current} ${word}` : word;
    if (measure(next, size) <= width || !current) current = next;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  if (lines.length > max) {
    lines.length = max;
    lines[max - 1] = `${lines[max - 1].replace(/\s+\S*$/, '')}…`;
  }
  return lines;
}

/**
 * Draws a page's image. The PNG has a 16-colour palette without dithering: the picture has three
 * colours and their anti-aliased edges, and quantising to 256 colours cost ~120 ms of the ~150 ms
 * an image took (16 colours: ~35 ms, and a smaller file). zlib level 6, not 9: the same pixels,
 * files ~4 % larger (15.6 → 16.2 KB), ~40 % less time per image (29 → 17 ms measured on one core;
 * level 9 tries every filter at the slowest deflate setting for almost nothing on flat colour).
 * @param {OgPage} page
 * @returns {Promise<Buffer>} a PNG, 1200×630
 */
export async function renderOgImage({ title, kicker, site, brand, onBrand, accent }) {
  const titleSize = 68;
  const titleLines = wrap(title, titleSize, 1040, 3);
  const paths = [
    `<path fill="${accent}" d="${line(kicker, 80, 150, 34).d}"/>`,
    ...titleLines.map((text, i) => `<path fill="${onBrand}" d="${line(text, 80, 270 + i * 84, titleSize).d}"/>`),
    `<path fill="${onBrand}" d="${line(site, 150, 566, 36).d}"/>`,
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="${brand}"/>
  <rect y="610" width="1200" height="20" fill="${accent}"/>
  <circle cx="106" cy="554" r="16" fill="${accent}"/>
  <path d="M106 518v10M106 580v10M70 554h10M132 554h10" stroke="${accent}" stroke-width="6" stroke-linecap="round"/>
  ${paths.join('\n  ')}
</svg>`;
  return sharp(Buffer.from(svg))
    .png({ compressionLevel: 6, palette: true, colours: 16, dither: 0, effort: 1 })
    .toBuffer();
}
