import { and, eq } from 'drizzle-orm';
import { audit } from '../accounts/audit.ts';
import type { Actor } from '../accounts/permissions.ts';
import { entryFiles } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import type { UploadRules } from '../uploads/parts.ts';
import type { UploadPolicy } from '../uploads/policies.ts';
import { completedUploadFor } from '../uploads/uploads.service.ts';
import { readEdition, type Category, type Edition } from './editions.service.ts';
import { notEligible, ownEntry, problemsOf, requireOpen, type Entry, type EntryDeps } from './entries.service.ts';
import type { EligibilityFile } from './eligibility.ts';
import { categoryUploadRules } from './upload-rules.ts';

/** The upload purpose of an entry's files. */
export const entryPurpose = (entryId: string): string => `entry:${entryId}`;

/**
 * An own entry that may still change (not withdrawn, edition open or the entrant's extension
 * running), with its edition and categories; 404 for anyone else's, 409 after the deadline.
 */
async function changeableEntry(deps: EntryDeps, userId: string, entryId: string) {
  const entry = await ownEntry(deps, userId, entryId);
  if (entry.status === 'withdrawn') throw new AppError('request.notFound', 404);
  const { edition, categories } = await readEdition(deps, entry.editionId);
  await requireOpen(deps, edition, userId);
  return { entry, edition, categories };
}

/**
 * The upload rules for an own entry's files: its category's, or null (no category chosen yet).
 * @throws AppError `request.notFound` (404) when the entry does not exist, is someone else's (the same answer,
 *   S07) or is withdrawn
 * @throws AppError `competition.notOpen` (409) before submissions open; AppError `competition.closed` (409) after
 *   the deadline, unless the entrant's extension is running
 */
export async function entryUploadRules(deps: EntryDeps, userId: string, entryId: string): Promise<UploadRules | null> {
  const { entry, categories } = await changeableEntry(deps, userId, entryId);
  const category = categories.find((c) => c.id === entry.categoryId);
  return category ? categoryUploadRules(category) : null;
}

/**
 * Uploads for `entry:<id>`: only the entry's owner, only while the entry may change, with its
 * category's rules. Any refusal is null, so the upload module answers one 404 for all of them
 * and a stranger learns nothing about the entry (S07).
 */
export const entryUploadPolicy: UploadPolicy = async (deps, actor: Actor, purpose) => {
  const entryId = purpose.slice('entry:'.length);
  return entryUploadRules(deps, actor.userId, entryId).catch((error: unknown) => {
    if (error instanceof AppError && error.status < 500) return null;
    throw error;
  });
};

const filesOf = (deps: EntryDeps, entryId: string) =>
  deps.db
    .select({ id: entryFiles.id, kind: entryFiles.kind, size: entryFiles.size, type: entryFiles.type })
    .from(entryFiles)
    .where(eq(entryFiles.entryId, entryId));

/** A submitted entry stays submitted only if it is still eligible with the changed files. */
async function requireStillEligible(
  deps: EntryDeps,
  entry: Entry,
  edition: Edition,
  categories: readonly Category[],
  files: readonly EligibilityFile[],
) {
  if (entry.status !== 'submitted') return;
  const problems = await problemsOf(deps, entry, edition, categories, files);
  if (problems.length > 0) throw notEligible(problems);
}

/**
 * Attaches the entrant's completed upload for this entry as one of its work files. The file's id
 * is the upload's id, so attaching the same upload twice is one file (idempotent, and the
 * primary key settles two racing requests). Someone else's upload, an upload for another
 * purpose, or one not complete answers 404 (S07).
 * @throws AppError `request.notFound` (404) when the entry does not exist, is someone else's (the same answer,
 *   S07) or is withdrawn
 * @throws AppError `competition.notOpen` (409) before submissions open; AppError `competition.closed` (409) after
 *   the deadline, unless the entrant's extension is running
 * @throws AppError `upload.notFound` (404) unless the upload is the entrant's complete upload for this entry
 * @throws AppError `competition.notEligible` (422) with a field error per problem when a submitted entry would no
 *   longer be eligible with the file
 */
export async function attachUpload(
  deps: EntryDeps,
  userId: string,
  entryId: string,
  uploadId: string,
): Promise<{ id: string }> {
  const { entry, edition, categories } = await changeableEntry(deps, userId, entryId);
  const upload = await completedUploadFor(deps.db, userId, uploadId, entryPurpose(entryId));
  const files = await filesOf(deps, entryId);
  if (files.some((f) => f.id === upload.id)) return { id: upload.id };
  if (!upload.type) throw new AppError('upload.notFound', 404);
  const file = { id: upload.id, kind: 'work' as const, size: upload.size, type: upload.type };
  await requireStillEligible(deps, entry, edition, categories, [...files, file]);
  const now = deps.clock();
  await deps.db.batch([
    deps.db
      .insert(entryFiles)
      .values({ ...file, entryId, uploadKey: upload.key, name: upload.name, createdAt: now })
      .onConflictDoNothing(),
    audit(
      deps.db,
      {
        actorId: userId,
        action: 'competition.entry.fileAttached',
        objectType: 'entry',
        objectId: entryId,
        details: { file: upload.id },
      },
      now,
    ),
  ]);
  return { id: upload.id };
}

/**
 * Removes a file from an own entry while it may change; the upload itself stays the entrant's.
 * @throws AppError `request.notFound` (404) when the entry is not the entrant's own, is withdrawn, or has no such
 *   file
 * @throws AppError `competition.notOpen` (409) before submissions open; AppError `competition.closed` (409) after
 *   the deadline, unless the entrant's extension is running
 * @throws AppError `competition.notEligible` (422) with a field error per problem when a submitted entry would no
 *   longer be eligible without the file
 */
export async function removeFile(deps: EntryDeps, userId: string, entryId: string, fileId: string): Promise<void> {
  const { entry, edition, categories } = await changeableEntry(deps, userId, entryId);
  const files = await filesOf(deps, entryId);
  if (!files.some((f) => f.id === fileId)) throw new AppError('request.notFound', 404);
  await requireStillEligible(
    deps,
    entry,
    edition,
    categories,
    files.filter((f) => f.id !== fileId),
  );
  const now = deps.clock();
  await deps.db.batch([
    deps.db.delete(entryFiles).where(and(eq(entryFiles.id, fileId), eq(entryFiles.entryId, entryId))),
    audit(
      deps.db,
      {
        actorId: userId,
        action: 'competition.entry.fileRemoved',
        objectType: 'entry',
        objectId: entryId,
        details: { file: fileId },
      },
      now,
    ),
  ]);
}
