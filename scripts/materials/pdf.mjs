// Typesets a material's text (a small Markdown subset: ## headings, paragraphs, - and 1. lists)
// as a PDF with Noto Sans, so Slovak diacritics and Cyrillic render on every machine.
// Deterministic: fixed dates, fixed font names, no random ids, so sizes stay stable.
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFDocument, rgb } from 'pdf-lib';

const require = createRequire(import.meta.url);
// fontsource splits Noto Sans by script; each character is set in the first subset that has it.
const subsets = ['latin', 'latin-ext', 'cyrillic'];
const fontFile = (subset, weight) =>
  readFileSync(require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff`));
const glyphSets = subsets.map((subset) => fontkit.create(fontFile(subset, 400)));

/** Splits text into runs of characters that one font subset can set. */
function runs(text) {
  const out = [];
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    const index = Math.max(
      0,
      glyphSets.findIndex((f) => f.hasGlyphForCodePoint(cp)),
    );
    const last = out.at(-1);
    if (last && last.font === index) last.text += char;
    else out.push({ font: index, text: char });
  }
  return out;
}

/** Markdown subset → blocks: { kind: 'heading' | 'paragraph' | 'item', text, marker? }. */
export function blocksOf(markdown) {
  const blocks = [];
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim().replaceAll('**', '');
    if (!line) continue;
    const heading = /^#{1,3}\s+(.*)$/.exec(line);
    const bullet = /^-\s+(.*)$/.exec(line);
    const numbered = /^(\d+)\.\s+(.*)$/.exec(line);
    if (heading) blocks.push({ kind: 'heading', text: heading[1] });
    else if (bullet) blocks.push({ kind: 'item', marker: '•', text: bullet[1] });
    else if (numbered) blocks.push({ kind: 'item', marker: `${numbered[1]}.`, text: numbered[2] });
    else blocks.push({ kind: 'paragraph', text: line });
  }
  return blocks;
}

const A4 = [595.28, 841.89];
const SLIDE = [841.89, 473.56];
const fixedDate = new Date('2026-11-20T00:00:00Z');

/**
 * A PDF of a material. `slides` sets each ## section on a landscape page of its own; other
 * formats flow on A4. `footer` is printed on every page (organisation, licence).
 * @param {{ title: string, summary: string, body: string, language: string, footer: string, slides: boolean }} material
 * @returns {Promise<Uint8Array>}
 */
export async function materialPdf({ title, summary, body, language, footer, slides }) {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const fonts = {};
  for (const weight of [400, 700]) {
    fonts[weight] = [];
    for (const subset of subsets)
      fonts[weight].push(
        await pdf.embedFont(fontFile(subset, weight), { subset: true, customName: `NotoSans-${subset}-${weight}` }),
      );
  }
  pdf.setTitle(title, { showInWindowTitleBar: true });
  pdf.setSubject(summary);
  pdf.setLanguage(language);
  pdf.setCreationDate(fixedDate);
  pdf.setModificationDate(fixedDate);

  const [width, height] = slides ? SLIDE : A4;
  const margin = 56;
  const widthOf = (text, size, weight) =>
    runs(text).reduce((sum, r) => sum + fonts[weight][r.font].widthOfTextAtSize(r.text, size), 0);
  /** Breaks text into lines that fit `max` points. */
  const wrap = (text, size, weight, max) => {
    const lines = [];
    let line = '';
    for (const word of text.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (line && widthOf(next, size, weight) > max) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    if (line) lines.push(line);
    return lines;
  };

  let page;
  let y = 0;
  const newPage = () => {
    page = pdf.addPage([width, height]);
    y = height - margin;
    const size = 8;
    let x = margin;
    for (const r of runs(footer)) {
      page.drawText(r.text, { x, y: margin / 2, size, font: fonts[400][r.font], color: rgb(0.35, 0.35, 0.35) });
      x += fonts[400][r.font].widthOfTextAtSize(r.text, size);
    }
  };
  const draw = (text, x, size, weight) => {
    for (const r of runs(text)) {
      page.drawText(r.text, { x, y, size, font: fonts[weight][r.font] });
      x += fonts[weight][r.font].widthOfTextAtSize(r.text, size);
    }
  };
  /** Sets a block of wrapped lines, starting a new page when the next line would not fit. */
  const set = (text, { size, weight = 400, indent = 0, marker, after }) => {
    const lines = wrap(text, size, weight, width - 2 * margin - indent);
    lines.forEach((line, i) => {
      if (y - size * 1.4 < margin) newPage();
      y -= size * 1.4;
      if (i === 0 && marker) draw(marker, margin + indent - 16, size, weight);
      draw(line, margin + indent, size, weight);
    });
    y -= after;
  };

  const blocks = blocksOf(body);
  if (slides) {
    // Slide 1 is the first section; every ## starts a new slide.
    for (const block of blocks) {
      if (block.kind === 'heading') {
        newPage();
        y -= 20;
        set(block.text, { size: 30, weight: 700, after: 16 });
      } else set(block.text, { size: 20, indent: block.kind === 'item' ? 20 : 0, marker: block.marker, after: 10 });
    }
  } else {
    newPage();
    set(title, { size: 20, weight: 700, after: 6 });
    set(summary, { size: 11, after: 12 });
    for (const block of blocks) {
      if (block.kind === 'heading') {
        y -= 6;
        set(block.text, { size: 14, weight: 700, after: 4 });
      } else set(block.text, { size: 11, indent: block.kind === 'item' ? 18 : 0, marker: block.marker, after: 5 });
    }
  }
  return pdf.save({ useObjectStreams: false });
}
