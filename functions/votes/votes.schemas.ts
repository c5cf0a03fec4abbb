import { z } from 'zod';
import { defaultLocale, locales } from '../../core/locales.ts';
import { emailField } from '../accounts/accounts.schemas.ts';
import type { VoteState } from '../db/schema/votes.ts';
import type { LocalizedText } from '../db/schema/competition.ts';

/**
 * A voter's address: Unicode NFC first (so a decomposed accent is the same letter), then the
 * portal's one e-mail field (trimmed, lower-cased, IDN domains in their ASCII form).
 */
export const voterEmail = z.preprocess((v) => (typeof v === 'string' ? v.normalize('NFC') : v), emailField);

/** The request-link form: the address, the entry chosen on the vote page, the form's language. */
export const linkInput = z.object({
  email: voterEmail,
  entryId: z.string({ error: 'votes.entryRequired' }).trim().min(1, { error: 'votes.entryRequired' }).max(100, {
    error: 'votes.entryRequired',
  }),
  lang: z.enum(locales).catch(defaultLocale),
});
export type LinkInput = z.infer<typeof linkInput>;

/** A mailed link's token (256 bits, base64url); anything else is a link that does not work. */
export const tokenField = z.string({ error: 'votes.linkInvalid' }).regex(/^[\w-]{20,100}$/, {
  error: 'votes.linkInvalid',
});
/** The verification page's button: the token from the mailed link. */
export const castInput = z.object({ token: tokenField });
export const tokenQuery = z.object({ token: tokenField });

const wallTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: 'time.impossible' });
/** The managers' window form: wall-clock times in Europe/Bratislava (`YYYY-MM-DDTHH:MM`). */
export const windowInput = z.object({ opensAt: wallTime, closesAt: wallTime });
export type WindowInput = z.infer<typeof windowInput>;

/** The public vote page's data: the window and, while it is open or closed, the ballot per category. */
export interface PublicVote {
  edition: { id: string; name: LocalizedText };
  state: VoteState;
  /** ISO instants. */
  opensAt: string;
  closesAt: string;
  demo: boolean;
  categories: {
    id: string;
    slug: string;
    name: LocalizedText;
    entries: { id: string; title: string; outlet: string; url: string }[];
  }[];
}

/** What the verification page shows before its button is pressed. */
export interface PendingVote {
  editionId: string;
  editionName: LocalizedText;
  categoryName: LocalizedText;
  entryTitle: string;
  entryOutlet: string;
  state: VoteState;
  closesAt: string;
}
