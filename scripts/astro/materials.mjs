// @ts-check
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { checkListedFile } from '../../src/lib/materials/check-files.ts';
import { kitsOf } from '../../src/lib/materials/kits.ts';
import { buildManifest } from '../../src/lib/materials/manifest.ts';
import { fileUrl } from '../../src/lib/materials/urls.ts';
import { deterministicZip } from '../../src/lib/materials/zip.ts';
import { readMaterials } from '../materials/read.mjs';

/** @type {(path: string) => Promise<Uint8Array | undefined>} */
const readIfExists = (path) =>
  readFile(path).then(
    (b) => new Uint8Array(b),
    () => undefined,
  );

/**
 * Every problem with the files the materials list (missing, other size, other type by their
 * bytes, other page count), as messages naming the material and the file.
 * @param {ReturnType<typeof readMaterials>} materials
 */
export async function materialFileProblems(materials) {
  const problems = [];
  for (const { id, facts } of materials) {
    for (const file of facts.files)
      problems.push(...(await checkListedFile(id, file, `public${fileUrl(id, file.name)}`, readIfExists)));
  }
  return problems;
}

/**
 * Each film chapter's kit with its ZIP: every file of the kit's materials, at
 * `<material id>/<file name>`, read from public/.
 * @param {ReturnType<typeof readMaterials>} materials
 */
export async function kitZips(materials) {
  return Promise.all(
    kitsOf(materials).map(async (kit) => {
      const files = await Promise.all(
        kit.entries.map(async (e) => ({
          path: e.path,
          bytes: new Uint8Array(await readFile(`public${fileUrl(e.materialId, e.name)}`)),
        })),
      );
      return { kit, zip: deterministicZip(files) };
    }),
  );
}

/**
 * Teaching materials: before the build, every listed file must match the file in public/
 * (the build fails naming each mismatch); after it, each film chapter's kit becomes one
 * deterministic ZIP and /materials/manifest.json lists every downloadable id and file.
 * @type {import('astro').AstroIntegration}
 */
export const materialsLibrary = {
  name: 'spotlight:materials',
  hooks: {
    'astro:build:start': async ({ logger }) => {
      const problems = await materialFileProblems(readMaterials());
      if (problems.length > 0)
        throw new Error(`Teaching materials do not match their files:\n- ${problems.join('\n- ')}`);
      logger.info('material files match their listing');
    },
    'astro:build:done': async ({ dir, logger }) => {
      const materials = readMaterials();
      /** @type {Record<string, number>} */
      const zipSizes = {};
      for (const { kit, zip } of await kitZips(materials)) {
        const target = new URL(`.${fileUrl(kit.id, kit.zipName)}`, dir);
        await mkdir(new URL('.', target), { recursive: true });
        await writeFile(target, zip);
        zipSizes[kit.id] = zip.byteLength;
      }
      await writeFile(
        new URL('./materials/manifest.json', dir),
        `${JSON.stringify(buildManifest(materials, zipSizes), null, 2)}\n`,
      );
      logger.info(
        `materials: ${materials.length}, kits: ${Object.keys(zipSizes).length}, manifest at ${fileURLToPath(new URL('./materials/manifest.json', dir))}`,
      );
    },
  },
};
