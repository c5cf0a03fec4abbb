/**
 * The values a teaching material is described and filtered by, declared once. Each value has
 * a label in the UI catalogue under `materials.<facet>.<value>`.
 */
export const ageGroups = ['10-12', '13-15', '16-19', 'adults'] as const;
export const subjects = ['civic-education', 'history', 'geography', 'ethics', 'languages', 'media-literacy'] as const;
export const formats = ['lesson-plan', 'worksheet', 'slides', 'clip', 'audio', 'guide'] as const;

/** Open licences a material may carry, with the deed a teacher reads before reusing it. */
export const licences = {
  'cc-by-4.0': { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
  'cc-by-sa-4.0': { name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
  'cc-by-nc-4.0': { name: 'CC BY-NC 4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/' },
  'cc-by-nc-sa-4.0': { name: 'CC BY-NC-SA 4.0', url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/' },
} as const;
export const licenceIds = Object.keys(licences) as (keyof typeof licences)[];

/** File types a material may offer, recognised by their first bytes (see check-files.ts). */
export const fileTypes = ['application/pdf', 'video/webm', 'audio/ogg', 'text/vtt'] as const;

export type AgeGroup = (typeof ageGroups)[number];
export type Subject = (typeof subjects)[number];
export type Format = (typeof formats)[number];
export type LicenceId = keyof typeof licences;
export type FileType = (typeof fileTypes)[number];

/** The facets of the catalogue filter, in the order the form shows them. */
export const facetNames = ['age', 'subject', 'language', 'format', 'licence'] as const;
export type FacetName = (typeof facetNames)[number];
