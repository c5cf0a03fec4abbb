// A person's people's-choice data, for their data rights (functions/privacy): the votes and unused
// links whose voter hash is the keyed hash of their account's address. A vote cast with another
// address cannot be found from the account (nothing links the two), by design.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { voteRequests, votes } from '../db/schema/index.ts';
import type { AppConfig } from '../deps.ts';
import { voterHash } from './voter-hash.ts';

/** The votes cast with `email`: edition, category, entry and when (art. 15/20). */
export async function votesOfAddress(db: Db, config: AppConfig, email: string) {
  const hash = await voterHash(config, email);
  return db
    .select({
      editionId: votes.editionId,
      categoryId: votes.categoryId,
      entryId: votes.entryId,
      castAt: votes.castAt,
      updatedAt: votes.updatedAt,
    })
    .from(votes)
    .where(eq(votes.voterHash, hash));
}

/** The deletes (for the caller's batch) of every vote and vote link of `email` (art. 17). */
export async function eraseVotesOfAddress(db: Db, config: AppConfig, email: string) {
  const hash = await voterHash(config, email);
  return [
    db.delete(votes).where(eq(votes.voterHash, hash)),
    db.delete(voteRequests).where(eq(voteRequests.voterHash, hash)),
  ] as const;
}
