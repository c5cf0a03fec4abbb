import { z } from 'zod';
import { asWhole } from '../http/numbers.ts';
import { defaultLocale, locales } from '../../core/locales.ts';
import { sizeProblem, type UploadRules } from './parts.ts';

/**
 * The demo page's rules (`/…/account/uploads/`, purpose `test`): the competition's usual formats,
 * 100 MB (decimal, as core/file-size.ts shows it). The page shows them; uploads/policies.ts applies them.
 */
export const DEMO_UPLOAD_RULES: UploadRules = {
  accept: ['pdf', 'jpeg', 'png', 'mp4', 'webm', 'mp3', 'wav'],
  maxBytes: 100_000_000,
  // The smallest part R2 takes (5 MiB, R2's binary rule), so the demo shows several parts with a modest file.
  partSize: 5 * 1024 * 1024,
};

/** A purpose: a kind and an optional object id, e.g. `test` or `entry:3f2c…`. */
export const purposeField = z.string().regex(/^[a-z]+(:[\w-]{1,64})?$/, 'upload.purposeInvalid');

/** Starting an upload (JSON from the browser script). */
export const createUploadInput = z.object({
  purpose: purposeField,
  /** The file's name on the person's device; cleaned by the service. */
  name: z.string().max(1000).default(''),
  /**
   * Size in bytes the client will send: any JSON number here; which sizes are refused, and with
   * which message (0 empty, over the limit too large, else not a byte count), is `sizeProblem`'s.
   */
  size: z.number({ error: 'upload.sizeInvalid' }).superRefine((size, ctx) => {
    // Over any limit (1e300, larger than a safe integer) is left to `sizeProblem`: "too large", 413.
    if (size > Number.MAX_SAFE_INTEGER) return;
    const problem = sizeProblem(size, { accept: [], maxBytes: Number.MAX_SAFE_INTEGER });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

export const uploadIdParam = z.object({ id: z.uuid() });
export const partParam = z.object({ id: z.uuid(), n: z.preprocess(asWhole, z.number().int().min(1).max(10_000)) });
export const listQuery = z.object({ purpose: purposeField });

/** The plain form's query (its file is the body): where to go back to, in which language. */
export const formQuery = z.object({
  purpose: purposeField,
  lang: z.enum(locales).catch(defaultLocale),
  /** A path on this site to send the browser back to; anything else falls back to the account. */
  back: z
    .string()
    .regex(/^\/[a-z]{2}\/[\w/-]*$/)
    .optional()
    .catch(undefined),
});

// What the upload form shows and checks early in the browser (the API checks again).
export type { UploadRules };
export { kindInfo } from './sniff.ts';
export { FORM_MAX_BYTES } from './uploads.service.ts';
