import { entryUploadPolicy } from '../competition/entry-files.service.ts';
import type { Actor } from '../accounts/permissions.ts';
import type { Deps } from '../deps.ts';
import type { UploadRules } from './parts.ts';

/**
 * Decides what an actor may upload for a purpose (`test`, `entry:<id>`): the rules, or null when
 * this actor may not upload for it. The owner of the purpose (e.g. the competition entries
 * domain) supplies it; this module knows no category. It gets the server's clock because
 * deadlines decide too (asked again for every part).
 */
export type UploadPolicy = (
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  purpose: string,
) => Promise<UploadRules | null>;

const MiB = 1024 * 1024;

/** The demo page's rules (`/…/account/uploads/`): the competition's usual formats, 100 MB. */
export const DEMO_UPLOAD_RULES: UploadRules = {
  accept: ['pdf', 'jpeg', 'png', 'mp4', 'webm', 'mp3', 'wav'],
  maxBytes: 100_000_000,
  // The smallest part R2 takes, so the demo shows several parts with a modest file.
  partSize: 5 * MiB,
};

/** Policies by the purpose's prefix (before the first `:`). */
export const uploadPolicies: Record<string, UploadPolicy> = {
  test: async () => DEMO_UPLOAD_RULES,
  entry: entryUploadPolicy,
};
