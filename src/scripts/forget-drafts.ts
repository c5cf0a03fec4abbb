// On the pages a sign-out or an account deletion lands on: deletes the scoring screen's drafts
// kept in this browser (review-autosave.ts), so the next person at a shared computer does not
// find a juror's notes. Without JavaScript nothing was kept, so nothing is left behind.
import { draftKeys } from './review-autosave.ts';

if (document.querySelector('[data-forget-drafts]')) {
  try {
    for (const key of draftKeys(Object.keys(localStorage))) localStorage.removeItem(key);
  } catch {
    // Storage blocked: nothing could have been kept either.
  }
}
