// File formats as people know them ("PDF", "MP4 video", "JPEG photo"), never as media types: the one
// translated mapping (`fileFormats.<kind>` in the catalogue) every page, hint and mail uses.
import { fileKinds, type FileKind, kindInfo } from './file-kind.ts';
import type { Locale } from './locales.ts';
import { useTranslations } from './t.ts';

/** The kind whose media type is `type` (`application/pdf` → `pdf`), or undefined for a type the portal does not take. */
export const kindOfMediaType = (type: string): FileKind | undefined => fileKinds.find((k) => kindInfo[k].mime === type);

/**
 * A format's name in the locale: a kind (`mp4`) or a media type (`video/mp4`) → "MP4 video" (en),
 * "video MP4" (sk), "відео MP4" (uk). A media type the portal does not know comes back as given.
 */
export function formatName(locale: Locale, kindOrType: string): string {
  const kind = (fileKinds as readonly string[]).includes(kindOrType)
    ? (kindOrType as FileKind)
    : kindOfMediaType(kindOrType);
  return kind ? useTranslations(locale)(`fileFormats.${kind}`) : kindOrType;
}

/** Several formats as one list in the locale: "PDF, MP4 video and JPEG photo" (each as {@link formatName}). */
export const formatList = (locale: Locale, kindsOrTypes: readonly string[]): string =>
  new Intl.ListFormat(locale, { type: 'conjunction' }).format(kindsOrTypes.map((k) => formatName(locale, k)));
