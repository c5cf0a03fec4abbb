// `npm run materials:generate`: makes the demo library's files from the materials' own text and
// the demo film, writes them to public/materials/<id>/ and puts their sizes and page counts into
// the Slovak originals' front matter. The outputs are committed: the build then checks them the
// same way it checks files an editor uploads by hand, and needs neither ffmpeg nor pdf-lib's
// typesetting. Run it again after editing a material's text (needs ffmpeg for clips and sound);
// `npm run materials:generate -- <id> …` remakes only those materials (PDF-only ones need no ffmpeg).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { organisation } from '../../core/organisation.ts';
import { licences } from '../../functions/materials/facets.schemas.ts';
import { parseVtt } from '../../src/lib/vtt.ts';
import { materialPdf } from './pdf.mjs';
import { readMaterials, readText } from './read.mjs';

const film = 'content/media/documentary/we-are-at-home-here-demo.webm';
const chapterTimes = Object.fromEntries(
  parseVtt(readFileSync('public/media/documentary/chapters.sk.vtt', 'utf8')).map((c) => [c.id, c]),
);
const stamp = (s) => `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${(s % 60).toFixed(3).padStart(6, '0')}`;

/** The film's captions for one chapter, shifted to start at 0, as WebVTT. */
function chapterCaptions(chapter, language) {
  const { start, end } = chapterTimes[chapter];
  const source = readFileSync(`public/media/documentary/captions.${language}.vtt`, 'utf8');
  // Cue lines keep their exact times (parseVtt rounds), so read them directly.
  const cues = source
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .flatMap((block) => {
      const lines = block.split('\n');
      const timing = lines.findIndex((l) => l.includes('-->'));
      if (timing < 0) return [];
      const [from, to] = lines[timing].split('-->').map((s) =>
        s
          .trim()
          .split(':')
          .reduce((t, p) => t * 60 + Number(p), 0),
      );
      return from >= start && from < end
        ? [`${stamp(from - start)} --> ${stamp(Math.min(to, end) - start)}\n${lines.slice(timing + 1).join('\n')}`]
        : [];
    });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

/** A stretch of the demo film, stream-copied; bitexact keeps ids and timestamps reproducible. */
function cut(chapter, output, audioOnly) {
  const { start, end } = chapterTimes[chapter];
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-ss',
    String(start),
    '-to',
    String(end),
    '-i',
    film,
    ...(audioOnly ? ['-vn'] : []),
    '-c',
    'copy',
    '-map_metadata',
    '-1',
    '-fflags',
    '+bitexact',
    '-flags:v',
    '+bitexact',
    '-flags:a',
    '+bitexact',
    output,
  ]);
  return readFileSync(output);
}

const only = process.argv.slice(2);
for (const { id, path, facts } of readMaterials()) {
  if (only.length > 0 && !only.includes(id)) continue;
  const dir = `public/materials/${id}`;
  mkdirSync(dir, { recursive: true });
  let frontMatter = readFileSync(path, 'utf8');
  for (const file of facts.files) {
    const output = `${dir}/${file.name}`;
    let bytes;
    if (file.type === 'application/pdf') {
      const text = readText(id, file.language);
      bytes = await materialPdf({
        ...text,
        language: file.language,
        slides: facts.format === 'slides',
        footer: `${organisation.name} · ${licences[facts.licence].name} · ${licences[facts.licence].url}`,
      });
      writeFileSync(output, bytes);
    } else if (file.type === 'text/vtt') {
      bytes = Buffer.from(chapterCaptions(facts.chapter, file.language));
      writeFileSync(output, bytes);
    } else bytes = cut(facts.chapter, output, file.type === 'audio/ogg');
    const pages = file.type === 'application/pdf' ? (await PDFDocument.load(bytes)).getPageCount() : undefined;
    frontMatter = frontMatter.replace(new RegExp(`(\\{ name: ${file.name.replaceAll('.', '\\.')},[^\\n]*)`), (line) =>
      line.replace(/size: \d+/, `size: ${bytes.byteLength}`).replace(/pages: \d+/, `pages: ${pages}`),
    );
    console.log(`${output}: ${bytes.byteLength} bytes${pages ? `, ${pages} pages` : ''}`);
  }
  writeFileSync(path, frontMatter);
}
