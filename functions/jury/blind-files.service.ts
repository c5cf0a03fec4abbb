// Which of a round's files jurors cannot open, and why (S09): only blind copies reach a juror, and
// some files cannot be blind-copied. Managers are told on the round's page.
import { asc, inArray, sql } from 'drizzle-orm';
import { entryFiles } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { blindCopyRefusal, makeBlindCopy } from '../uploads/blind-copy.service.ts';
import { blindKey } from '../uploads/uploads.service.ts';
import { roundOf } from './access.ts';
import { roundEntries } from './rounds.service.ts';

/** Why jurors cannot open a file: no stripper for its type, too large to strip, or the stripper could not read it. */
export const keptReasons = ['kind', 'size', 'unreadable'] as const;
export type KeptReason = (typeof keptReasons)[number];

/** The files of a round's entries, with the entry's number and title (managers see them). */
async function roundFiles(deps: Pick<Deps, 'db'>, editionId: string, roundId: string) {
  const round = await roundOf(deps.db, editionId, roundId);
  const list = await roundEntries(deps.db, round);
  if (list.length === 0) return [];
  const files = await deps.db
    .select({ id: entryFiles.id, entryId: entryFiles.entryId, type: entryFiles.type, size: entryFiles.size })
    .from(entryFiles)
    .where(
      inArray(
        entryFiles.entryId,
        list.map((e) => e.id),
      ),
    )
    .orderBy(asc(entryFiles.createdAt), sql`"competition_entry_files"."rowid"`);
  const at = (entryId: string) => list.findIndex((e) => e.id === entryId);
  return files
    .map((f) => {
      const entry = list[at(f.entryId)];
      return { ...f, number: entry?.number ?? null, title: entry?.title ?? '' };
    })
    .sort((a, b) => at(a.entryId) - at(b.entryId));
}

/**
 * The files of a round's entries that jurors cannot open, known without reading them (`kind`,
 * `size`), in entry-number order: `{ fileId, entryId, number, title, type, size (bytes), reason }`.
 * @throws AppError `request.notFound` (404) when the round is not of this edition
 */
export async function filesKeptFromJurors(deps: Pick<Deps, 'db'>, editionId: string, roundId: string) {
  const files = await roundFiles(deps, editionId, roundId);
  return files.flatMap((f) => {
    const reason = blindCopyRefusal(f.type, f.size);
    return reason
      ? [{ fileId: f.id, entryId: f.entryId, number: f.number, title: f.title, type: f.type, size: f.size, reason }]
      : [];
  });
}

/**
 * Makes the blind copy of every file of a round that may have one and has none yet, so a file the
 * stripper cannot read shows up before a juror meets it. Returns how many copies were made and the
 * files that could not be read (`unreadable`: the same shape as `filesKeptFromJurors`' rows, reason
 * `unreadable`). Files a copy cannot be made of by kind or
 * size are not tried (`filesKeptFromJurors` lists them).
 * @throws AppError `request.notFound` (404) when the round is not of this edition or there is no file store
 */
export async function prepareBlindCopies(deps: Pick<Deps, 'db' | 'files'>, editionId: string, roundId: string) {
  const files = await roundFiles(deps, editionId, roundId);
  const bucket = deps.files;
  if (!bucket) throw new AppError('request.notFound', 404);
  let made = 0;
  const unreadable: {
    fileId: string;
    entryId: string;
    number: string | null;
    title: string;
    type: string;
    size: number;
    reason: KeptReason;
  }[] = [];
  for (const f of files) {
    if (blindCopyRefusal(f.type, f.size) || (await bucket.head(blindKey(f.id)))) continue;
    try {
      await makeBlindCopy(deps.db, bucket, f.id);
      made++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      unreadable.push({
        fileId: f.id,
        entryId: f.entryId,
        number: f.number,
        title: f.title,
        type: f.type,
        size: f.size,
        reason: 'unreadable',
      });
    }
  }
  return { made, unreadable };
}
