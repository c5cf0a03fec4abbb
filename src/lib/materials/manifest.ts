import type { FileType } from '../../../functions/materials/facets.schemas.ts';
import { kitsOf, type MaterialRecord } from './kits.ts';
import { fileUrl } from './urls.ts';

/** One downloadable file: where it is served, its type and size. */
export interface ManifestFile {
  url: string;
  type: FileType | 'application/zip';
  /** Bytes; a kit's ZIP has its size once it is built. */
  size: number;
}

/**
 * Everything the download counter may count, written to `/materials/manifest.json` at build:
 * `{ items: { [materialOrKitId]: { files: { [fileName]: ManifestFile } } } }`. The endpoint
 * `/api/materials/:id/download?file=…` accepts an id and file name only when they are here.
 */
export interface MaterialsManifest {
  items: Record<string, { files: Record<string, ManifestFile> }>;
}

/** The manifest for the materials and their kits; `zipSizes` maps each kit's id to its ZIP's size. */
export function buildManifest(
  materials: readonly MaterialRecord[],
  zipSizes: Readonly<Record<string, number>>,
): MaterialsManifest {
  const items: MaterialsManifest['items'] = {};
  for (const { id, facts } of [...materials].sort((a, b) => a.id.localeCompare(b.id))) {
    items[id] = {
      files: Object.fromEntries(
        facts.files.map((f) => [f.name, { url: fileUrl(id, f.name), type: f.type, size: f.size }]),
      ),
    };
  }
  for (const kit of kitsOf(materials)) {
    items[kit.id] = {
      files: {
        [kit.zipName]: { url: fileUrl(kit.id, kit.zipName), type: 'application/zip', size: zipSizes[kit.id] ?? 0 },
      },
    };
  }
  return { items };
}

/** The static URL of a file the manifest lists, or undefined for an unknown id or file name. */
export function manifestUrl(manifest: MaterialsManifest, id: string, file: string): string | undefined {
  return Object.hasOwn(manifest.items, id) && Object.hasOwn(manifest.items[id]!.files, file)
    ? manifest.items[id]!.files[file]!.url
    : undefined;
}
