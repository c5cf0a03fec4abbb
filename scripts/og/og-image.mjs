// Open Graph images (1200×630 PNG) for built pages, drawn from the page's own title. Text is
// turned into outlines with opentype.js and Noto Sans (latin, latin-ext, cyrillic), so the
// result is the same on every machine, with or without system fonts; sharp rasterises the SVG.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const load = (subset) => {
  const file = require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-700-normal.woff`);
  const data = readFileSync(file);
  return opentype.parse(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
};
const fonts = ['latin', 'latin-ext', 'cyrillic'].map(load);

/** The first font that has a glyph for the character (fontsource splits Noto Sans by script). */
const fontFor = (char) => fonts.find((f) => f.charToGlyphIndex(char) > 0) ?? fonts[0];

/** Path commands as SVG path data, every number separated (opentype's own output can run numbers together). */
const pathData = (commands) =>
  commands
    .map((c) => {
      const n = (v) => Math.round(v * 10) / 10;
      if (c.type === 'M' || c.type === 'L') return `${c.type}${n(c.x)} ${n(c.y)}`;
      if (c.type === 'Q') return `Q${n(c.x1)} ${n(c.y1)} ${n(c.x)} ${n(c.y)}`;
      if (c.type === 'C') return `C${n(c.x1)} ${n(c.y1)} ${n(c.x2)} ${n(c.y2)} ${n(c.x)} ${n(c.y)}`;
      return 'Z';
    })
    .join('');

/** One line of text as SVG path data, and its width. */
function line(text, x, y, size) {
  let cursor = x;
  let d = '';
  for (const char of text) {
    const font = fontFor(char);
    const glyph = font.charToGlyph(char);
    d += pathData(glyph.getPath(cursor, y, size).commands);
    cursor += (glyph.advanceWidth ?? 0) * (size / font.unitsPerEm);
  }
  return { d, width: cursor - x };
}

const measure = (text, size) => line(text, 0, 0, size).width;

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
 * @param {{ title: string; kicker: string; site: string; brand: string; onBrand: string; accent: string }} page
 * @returns {Promise<Buffer>} a PNG
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
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer();
}
