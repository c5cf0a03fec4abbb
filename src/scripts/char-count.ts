/**
 * Live character count for textareas marked `data-count` (JSON of the count's messages by
 * plural category). The server renders the first count and enforces the limit; this only keeps
 * the number current while typing. The count's element is a polite live region.
 */
for (const area of document.querySelectorAll<HTMLTextAreaElement>('textarea[data-count]')) {
  const output = document.getElementById(`${area.id}-count`);
  if (!output) continue;
  const messages = JSON.parse(area.dataset.count ?? '{}') as Record<string, string>;
  const plural = new Intl.PluralRules(document.documentElement.lang);
  let timer: ReturnType<typeof setTimeout> | undefined;
  area.addEventListener('input', () => {
    // Announce after a pause in typing, not on every key.
    clearTimeout(timer);
    timer = setTimeout(() => {
      const left = area.maxLength - area.value.length;
      output.textContent = (messages[plural.select(left)] ?? messages.other ?? '').replace('{{count}}', String(left));
    }, 400);
  });
}
