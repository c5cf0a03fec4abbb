// On the pages a sign-out or an account deletion lands on: deletes every copy of a person's typing
// kept in this browser (kept-keys.ts: jurors' drafts, entrants' unsaved steps), so the next person
// at a shared computer finds none of it. Without JavaScript nothing was kept, so nothing is left.
import { keptKeys } from './kept-keys.ts';

if (document.querySelector('[data-forget-drafts]')) {
  try {
    for (const key of keptKeys(Object.keys(localStorage))) localStorage.removeItem(key);
  } catch {
    // Storage blocked: nothing could have been kept either.
  }
}
