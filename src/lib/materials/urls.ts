import type { Locale } from '../../../core/locales.ts';

/** Where a material's (or a kit's) file is served from the built site. */
export const fileUrl = (id: string, name: string) => `/materials/${id}/${name}`;

/**
 * Where every download button posts: the counting endpoint, which counts the download and sends
 * the browser on to `fileUrl` (303). Only the POST counts (no GET or HEAD changes anything: a
 * crawler or a link preview opening the URL is not a download). It accepts only ids and file
 * names listed in /materials/manifest.json.
 */
export const downloadAction = (id: string) => `/api/materials/${encodeURIComponent(id)}/download`;

/** The fields a download button's form sends with `downloadAction`. */
export const downloadFields = (name: string, locale: Locale) => ({ file: name, lang: locale });
