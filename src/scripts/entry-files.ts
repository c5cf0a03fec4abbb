// The files step with JavaScript: a finished upload is attached to the entry at once and the page
// reloads with the file listed. Without JavaScript (or if this fails) the page offers an Attach
// button for every upload not yet attached.
for (const section of document.querySelectorAll<HTMLElement>('[data-entry-files]')) {
  section.addEventListener('upload-complete', async (event) => {
    const upload = (event as CustomEvent<{ id: string }>).detail;
    const response = await fetch(section.dataset.entryFiles!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ uploadId: upload.id, lang: document.documentElement.lang }),
    }).catch(() => null);
    location.assign(
      response?.ok ? section.dataset.after! : `${location.pathname}?uploaded=${encodeURIComponent(upload.id)}`,
    );
  });
}
