/**
 * Proof of work for public forms (S03). When someone starts filling in a form marked
 * `data-pow`, the solver is loaded and works in the background; on submit the form waits for
 * the answer if it is not ready yet. Without JavaScript the form posts as it is and the server
 * lets a few posts per client through without proof.
 */
for (const form of document.querySelectorAll<HTMLFormElement>('form[data-pow]')) {
  const field = form.querySelector<HTMLInputElement>('input[name="altcha"]');
  if (!field) continue;
  let answer: Promise<string | null> | undefined;
  const start = () => {
    answer ??= import('./pow-solver.ts')
      .then(({ solveFreshChallenge }) => solveFreshChallenge())
      .then((value) => (field.value = value ?? ''))
      .catch(() => null);
    return answer;
  };
  form.addEventListener('focusin', start, { once: true });
  form.addEventListener('submit', async (event) => {
    if (field.value) return;
    event.preventDefault();
    form.setAttribute('aria-busy', 'true');
    await start();
    form.removeAttribute('aria-busy');
    // Sent even if solving failed: the server then decides, as it does without JavaScript.
    form.submit();
  });
}
