import { z } from 'astro/zod';
import { filmChapters } from '../film-chapters.ts';
import { ageGroups, fileTypes, formats, licenceIds, subjects } from '../../../functions/materials/facets.schemas.ts';

/** One downloadable file of a material, stored at `public/materials/<material id>/<name>`. */
export const materialFile = z.object({
  /** The file name: lower-case letters, digits and dashes, one extension; it is also the download id. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*\.[a-z0-9]+$/),
  /** The language of the file's words (ISO 639-1); a clip or a sound without words has none. */
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional(),
  /** The type the build checks against the file's first bytes, not its extension. */
  type: z.enum(fileTypes),
  /** Size in bytes; the build fails when the file differs. */
  size: z.number().int().positive(),
  /** Page count, for PDFs only; the build fails when the file differs. */
  pages: z.number().int().positive().optional(),
});

/**
 * What a material is, the same in every language: it lives in the Slovak original only, and
 * translations take it from there (as stories take their consent), so facets cannot drift apart.
 */
export const materialFacts = z.object({
  ages: z.array(z.enum(ageGroups)).min(1),
  subjects: z.array(z.enum(subjects)).min(1),
  format: z.enum(formats),
  licence: z.enum(licenceIds),
  /** How long the lesson or activity takes, in minutes. */
  minutes: z.number().int().min(5).max(240),
  /** The chapter of the documentary the material works with; its kit gathers it. */
  chapter: z.enum(filmChapters).optional(),
  files: z.array(materialFile).min(1),
});

export type MaterialFile = z.infer<typeof materialFile>;
export type MaterialFacts = z.infer<typeof materialFacts>;
