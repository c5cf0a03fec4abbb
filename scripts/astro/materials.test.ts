import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildManifest, manifestUrl } from '../../src/lib/materials/manifest.ts';
import { readMaterials } from '../materials/read.mjs';
import { kitZips, materialFileProblems } from './materials.mjs';

const materials = readMaterials();

describe('the demo library', () => {
  it('has at least 12 materials covering every format, and every listed file matches', async () => {
    expect(materials.length).toBeGreaterThanOrEqual(12);
    expect(new Set(materials.map((m) => m.facts.format))).toEqual(
      new Set(['lesson-plan', 'worksheet', 'slides', 'clip', 'audio', 'guide']),
    );
    expect(await materialFileProblems(materials)).toEqual([]);
  });
});

describe('the build check', () => {
  it('fails naming the material and file for a missing file, a wrong size, type or page count', async () => {
    const worksheet = materials.find((m) => m.id === 'arriving-worksheet')!;
    const [sk] = worksheet.facts.files;
    const broken = {
      ...worksheet,
      facts: {
        ...worksheet.facts,
        files: [
          { ...sk!, size: sk!.size + 1, pages: 7 },
          { ...sk!, name: 'worksheet-en.pdf' },
          { ...sk!, name: 'worksheet-uk.pdf', type: 'video/webm' as const, pages: undefined },
        ],
      },
    };
    const uk = readFileSync('public/materials/arriving-worksheet/worksheet-uk.pdf').byteLength;
    expect(await materialFileProblems([broken])).toEqual([
      `material "arriving-worksheet", file "worksheet-sk.pdf": listed as ${sk!.size + 1} bytes, but public/materials/arriving-worksheet/worksheet-sk.pdf has ${sk!.size}`,
      'material "arriving-worksheet", file "worksheet-sk.pdf": listed with 7 pages, but public/materials/arriving-worksheet/worksheet-sk.pdf has 1',
      'material "arriving-worksheet", file "worksheet-en.pdf": public/materials/arriving-worksheet/worksheet-en.pdf does not exist',
      ...(uk === sk!.size
        ? []
        : [
            `material "arriving-worksheet", file "worksheet-uk.pdf": listed as ${sk!.size} bytes, but public/materials/arriving-worksheet/worksheet-uk.pdf has ${uk}`,
          ]),
      'material "arriving-worksheet", file "worksheet-uk.pdf": listed as video/webm, but public/materials/arriving-worksheet/worksheet-uk.pdf is application/pdf by its content',
    ]);
  });
});

describe('the kit ZIPs', () => {
  it('hold exactly the files of the chapter’s materials, byte for byte', async () => {
    const zips = await kitZips(materials);
    expect(zips.map((z) => z.kit.id)).toEqual(['kit-arriving', 'kit-everyday-life', 'kit-classroom']);
    const arriving = unzipSync(zips[0]!.zip);
    expect(Object.keys(arriving)).toEqual([
      'arriving-clip/arriving.webm',
      'arriving-clip/captions-en.vtt',
      'arriving-clip/captions-sk.vtt',
      'arriving-clip/captions-uk.vtt',
      'arriving-lesson-plan/lesson-plan-en.pdf',
      'arriving-lesson-plan/lesson-plan-sk.pdf',
      'arriving-lesson-plan/lesson-plan-uk.pdf',
      'arriving-worksheet/worksheet-sk.pdf',
      'arriving-worksheet/worksheet-uk.pdf',
    ]);
    for (const { kit, zip } of zips) {
      const entries = unzipSync(zip);
      const expected = materials
        .filter((m) => m.facts.chapter === kit.chapter)
        .flatMap((m) => m.facts.files.map((f) => `${m.id}/${f.name}`));
      expect(Object.keys(entries).sort()).toEqual(expected.sort());
      for (const [path, bytes] of Object.entries(entries))
        expect(Buffer.from(bytes).equals(readFileSync(`public/materials/${path}`))).toBe(true);
    }
  });

  it('are the same bytes on every build', async () => {
    const [first, second] = [await kitZips(materials), await kitZips(materials)];
    expect(first.map((z) => Buffer.from(z.zip).toString('base64'))).toEqual(
      second.map((z) => Buffer.from(z.zip).toString('base64')),
    );
  });
});

describe('the download manifest', () => {
  const manifest = buildManifest(materials, { 'kit-arriving': 1234 });

  it('lists every material and kit id with its file names and static URLs', () => {
    expect(Object.keys(manifest.items)).toHaveLength(materials.length + 3);
    expect(manifest.items['arriving-worksheet']).toEqual({
      files: {
        'worksheet-sk.pdf': {
          url: '/materials/arriving-worksheet/worksheet-sk.pdf',
          type: 'application/pdf',
          size: materials.find((m) => m.id === 'arriving-worksheet')!.facts.files[0]!.size,
        },
        'worksheet-uk.pdf': {
          url: '/materials/arriving-worksheet/worksheet-uk.pdf',
          type: 'application/pdf',
          size: materials.find((m) => m.id === 'arriving-worksheet')!.facts.files[1]!.size,
        },
      },
    });
    expect(manifest.items['kit-arriving']).toEqual({
      files: {
        'we-are-at-home-here-arriving.zip': {
          url: '/materials/kit-arriving/we-are-at-home-here-arriving.zip',
          type: 'application/zip',
          size: 1234,
        },
      },
    });
  });

  it('answers only for listed ids and file names', () => {
    expect(manifestUrl(manifest, 'hotline-fact-sheet', 'fact-sheet-uk.pdf')).toBe(
      '/materials/hotline-fact-sheet/fact-sheet-uk.pdf',
    );
    expect(manifestUrl(manifest, 'hotline-fact-sheet', '../manifest.json')).toBeUndefined();
    expect(manifestUrl(manifest, 'hotline-fact-sheet', 'toString')).toBeUndefined();
    expect(manifestUrl(manifest, '__proto__', 'x')).toBeUndefined();
    expect(manifestUrl(manifest, 'no-such-material', 'fact-sheet-uk.pdf')).toBeUndefined();
  });
});
