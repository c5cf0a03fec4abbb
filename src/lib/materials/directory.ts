import type { MaterialsDirectory } from '../../../functions/deps.ts';
import { defaultLocale } from '../../../core/locales.ts';
import { materialsIn } from './catalogue.ts';
import { buildManifest, manifestUrl, type MaterialsManifest } from './manifest.ts';

let manifest: Promise<MaterialsManifest> | undefined;

/**
 * The library as the API sees it, read from the content collection bundled with the Worker,
 * so the counter accepts exactly what the site offers (the same lookup as /materials/manifest.json).
 */
export const materialsDirectory = (): MaterialsDirectory => {
  const load = () => (manifest ??= materialsIn(defaultLocale).then((materials) => buildManifest(materials, {})));
  return {
    fileUrl: async (id, file) => manifestUrl(await load(), id, file),
    has: async (id) => Object.hasOwn((await load()).items, id),
  };
};
