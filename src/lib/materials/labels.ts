import type { TFunction } from 'i18next';
import { languageName } from '../../../core/language-name.ts';
import type { Locale } from '../../../core/locales.ts';
import {
  licences,
  type FacetName,
  type FileType,
  type LicenceId,
} from '../../../functions/materials/facets.schemas.ts';

const fileTypeKeys: Record<FileType, string> = {
  'application/pdf': 'pdf',
  'video/webm': 'webm',
  'audio/ogg': 'ogg',
  'text/vtt': 'vtt',
};

/**
 * The label of a facet value in a locale: languages by the browser-independent CLDR names
 * (Intl.DisplayNames), licences by their short names, the rest from the UI catalogue.
 */
export function facetLabel(t: TFunction, locale: Locale, facet: FacetName, value: string): string {
  if (facet === 'language') return languageName(locale, value);
  if (facet === 'licence') return licences[value as LicenceId].name;
  return t(`materials.${facet}.${value}`);
}

/** "PDF document", "WebM video" … in a locale. */
export const fileTypeLabel = (t: TFunction, type: FileType): string => t(`materials.fileType.${fileTypeKeys[type]}`);
