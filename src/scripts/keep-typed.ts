/**
 * Keeps what is typed into an entry step in this browser until the server has it, so a dropped
 * connection loses nothing. Forms marked `data-keep` (key and the server's last save time) are
 * copied to localStorage on every change; a copy newer than the server's save is put back when
 * the page opens again (after a failed post, say), and a copy the server has caught up with is
 * dropped. Without JavaScript the server-side draft of each saved step is what remains.
 */
import { keptPrefixes } from './kept-keys.ts';

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-keep]')) {
  const key = `${keptPrefixes.typed}${form.dataset.keep}`;
  const savedAt = Number(form.dataset.savedAt ?? 0);
  const fields = () =>
    // Selects and textareas have the same name, type and value as inputs, which is all used here.
    Array.from(form.querySelectorAll<HTMLInputElement>('input[name], textarea[name], select[name]')).filter(
      (f) => f.type !== 'hidden',
    );
  try {
    const kept = JSON.parse(localStorage.getItem(key) ?? 'null') as {
      at: number;
      values: Record<string, string | boolean>;
    } | null;
    if (kept && kept.at > savedAt) {
      for (const field of fields()) {
        const value = kept.values[field.name];
        if (value === undefined) continue;
        if (field.type === 'checkbox') field.checked = value === true;
        else field.value = String(value);
        field.dispatchEvent(new Event('input'));
      }
      form.querySelector<HTMLElement>('[data-kept-note]')?.removeAttribute('hidden');
    } else if (kept) localStorage.removeItem(key);
  } catch {
    // Storage may be full, blocked or hold something unreadable: the form works without it.
  }
  form.addEventListener('input', () => {
    const values = Object.fromEntries(fields().map((f) => [f.name, f.type === 'checkbox' ? f.checked : f.value]));
    try {
      localStorage.setItem(key, JSON.stringify({ at: Date.now(), values }));
    } catch {
      // As above.
    }
  });
}

for (const done of document.querySelectorAll<HTMLElement>('[data-keep-clear]')) {
  try {
    localStorage.removeItem(`${keptPrefixes.typed}${done.dataset.keepClear}`);
  } catch {
    // Nothing kept, or storage is blocked.
  }
}
