import type { Locale } from '../../../core/locales.ts';

/** Where a material's (or a kit's) file is served from the built site. */
export const fileUrl = (id: string, name: string) => `/materials/${id}/${name}`;

/**
 * The link every download button uses: the counting endpoint, which redirects to `fileUrl`.
 * It accepts only ids and file names listed in /materials/manifest.json.
 */
export const downloadUrl = (id: string, name: string, locale: Locale) =>
  `/api/materials/${encodeURIComponent(id)}/download?${new URLSearchParams({ file: name, lang: locale })}`;
