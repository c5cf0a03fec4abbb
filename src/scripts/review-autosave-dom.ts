/**
 * The scoring screen's island: autosave of the review form (the pure machine is in
 * review-autosave.ts; this file carries out its effects with the form, localStorage, fetch and
 * timers) and media loaded on request in low-bandwidth mode. Without JavaScript the form posts as
 * a plain form and the "load" links open the page with that file embedded.
 */
import {
  type Draft,
  type Effect,
  type Event,
  outcomeOf,
  savePayload,
  type State,
  start,
  step,
  type Values,
  staleDraftKeys,
} from './review-autosave.ts';

/** A save that has no answer after this long counts as a dropped connection. */
const SAVE_TIMEOUT_MS = 20_000;

function snapshot(form: HTMLFormElement): Values {
  const values: Values = {};
  for (const el of Array.from(form.elements) as HTMLInputElement[]) {
    if (!el.name || el.type === 'hidden' || el.type === 'submit' || el.type === 'button') continue;
    if (el.type === 'radio') {
      values[el.name] ??= '';
      if (el.checked) values[el.name] = el.value;
    } else if (el.type === 'checkbox') values[el.name] = el.checked ? 'on' : '';
    else values[el.name] = el.value;
  }
  return values;
}

function fill(form: HTMLFormElement, values: Values): void {
  for (const el of Array.from(form.elements) as HTMLInputElement[]) {
    if (!el.name || !(el.name in values) || el.type === 'hidden' || el.type === 'submit') continue;
    const value = values[el.name] ?? '';
    if (el.type === 'radio') el.checked = el.value === value;
    else if (el.type === 'checkbox') el.checked = value === 'on';
    else el.value = value;
  }
}

/** The label a field's value has on screen (a radio's own label beside it, a legend, a label). */
function describe(form: HTMLFormElement, name: string, value: string): [string, string] | null {
  if (value === '') return null;
  const field = Array.from(form.elements).find(
    (el) => (el as HTMLInputElement).name === name && (el as HTMLInputElement).type !== 'hidden',
  ) as HTMLInputElement | undefined;
  if (!field) return null;
  if (field.type === 'radio') {
    const chosen = Array.from(form.querySelectorAll<HTMLInputElement>('input[type=radio]')).find(
      (r) => r.name === name && r.value === value,
    );
    const legend = field.closest('fieldset')?.querySelector('legend')?.textContent ?? name;
    return [legend.trim(), (chosen?.labels?.[0]?.textContent ?? value).trim()];
  }
  if (field.type === 'checkbox') return [(field.labels?.[0]?.textContent ?? name).trim(), '✓'];
  const label = form.querySelector(`label[for="${field.id}"]`)?.textContent ?? name;
  return [label.trim(), value];
}

function autosave(form: HTMLFormElement): void {
  const key = form.dataset.autosave!;
  const endpoint = form.dataset.endpoint!;
  const lang = form.dataset.lang ?? 'en';
  const status = document.querySelector<HTMLElement>('[data-autosave-status]');
  const panel = document.querySelector<HTMLElement>('[data-conflict-panel]');
  const versionField = form.querySelector<HTMLInputElement>('input[name=version]');
  if (!status || !panel || !versionField) return;

  const read = (): Draft | null => {
    try {
      const kept = JSON.parse(localStorage.getItem(key) ?? 'null') as Draft | null;
      return kept && typeof kept.base === 'number' && kept.values ? kept : null;
    } catch {
      return null;
    }
  };
  const write = (draft: Draft | null) => {
    try {
      if (draft) localStorage.setItem(key, JSON.stringify({ ...draft, at: Date.now() }));
      else localStorage.removeItem(key);
    } catch {
      // Storage full or blocked: the save still goes to the server.
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let waitingSubmitter: HTMLElement | null | undefined;
  const first = start({ version: Number(versionField.value || 0), values: snapshot(form) }, read());
  let state: State = first.state;

  let shown = '';
  function render(): void {
    versionField!.value = String(state.version);
    // The line is rewritten only when what it says changes: a live region is read again on each
    // rewrite, and the sign-in link inside it must keep its focus.
    if (shown === `${state.status}:${state.message}`) return;
    shown = `${state.status}:${state.message}`;
    const text = status!.dataset[state.status] ?? '';
    status!.hidden = state.status === 'idle';
    status!.dataset.state = state.status;
    status!.textContent = state.status === 'refused' ? `${text} ${state.message}` : text;
    if (state.status === 'signedOut') {
      const link = document.createElement('a');
      link.href = status!.dataset.signIn!;
      link.textContent = status!.dataset.signInText!;
      status!.appendChild(document.createTextNode(' '));
      status!.appendChild(link);
    }
    panel!.hidden = !state.conflict;
    if (state.conflict) {
      const list = panel!.querySelector('dl')!;
      list.replaceChildren();
      for (const [name, value] of Object.entries(state.conflict.values)) {
        const pair = describe(form, name, value);
        if (!pair) continue;
        const dt = document.createElement('dt');
        const dd = document.createElement('dd');
        dt.textContent = pair[0];
        dd.textContent = pair[1];
        list.appendChild(dt);
        list.appendChild(dd);
      }
    }
  }

  async function save(version: number, values: Values): Promise<void> {
    let answer: number | null = null;
    let body: unknown = null;
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(savePayload(version, values, lang)),
        credentials: 'same-origin',
        signal: AbortSignal.timeout(SAVE_TIMEOUT_MS),
      });
      answer = response.status;
      body = await response.json().catch(() => null);
    } catch {
      answer = null;
    }
    dispatch({ type: 'answer', outcome: outcomeOf(answer, body) });
  }

  function carryOut(effects: Effect[]): void {
    for (const effect of effects) {
      if (effect.type === 'keep') write(effect.draft);
      else if (effect.type === 'forget') write(null);
      else if (effect.type === 'fill') fill(form, effect.values);
      else if (effect.type === 'send') void save(effect.version, effect.values);
      else {
        clearTimeout(timer);
        timer = setTimeout(() => dispatch({ type: 'due' }), effect.ms);
      }
    }
  }

  function dispatch(event: Event): void {
    const next = step(state, event);
    // Nothing changed (a focus with nothing to send): leave the live region alone, so it is not read again.
    if (next.state === state && next.effects.length === 0) return;
    state = next.state;
    carryOut(next.effects);
    render();
    // A button pressed while a save was in flight posts once that save has its answer.
    if (waitingSubmitter !== undefined && !state.inFlight) {
      const submitter = waitingSubmitter;
      waitingSubmitter = undefined;
      form.requestSubmit(submitter as HTMLButtonElement | null);
    }
  }

  carryOut(first.effects);
  render();
  const edited = () => dispatch({ type: 'edit', values: snapshot(form) });
  form.addEventListener('input', edited);
  form.addEventListener('change', edited);
  form.addEventListener('submit', (event) => {
    clearTimeout(timer);
    // Offline, a plain post would leave the page for the browser's error page: stay, keep the
    // text on the device (the status says so), and let the edit be sent when the connection returns.
    if (!navigator.onLine) {
      event.preventDefault();
      edited();
      // A send now fails at once offline, which is what puts "offline — kept on this device" up.
      dispatch({ type: 'retry' });
      status.focus();
      return;
    }
    if (state.inFlight) {
      event.preventDefault();
      waitingSubmitter = (event as SubmitEvent).submitter;
    }
  });
  const retry = () => dispatch({ type: 'retry' });
  window.addEventListener('online', retry);
  window.addEventListener('focus', retry);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') retry();
  });
  for (const button of panel.querySelectorAll<HTMLButtonElement>('button[data-keep]')) {
    button.addEventListener('click', () => {
      dispatch({ type: 'resolve', keep: button.dataset.keep === 'mine' });
      status.focus();
    });
  }
}

/** Low-bandwidth mode: a "load" link puts the file's player or view (kept inert in a template) in its place. */
function loadOnRequest(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-load-media]')) {
    link.addEventListener('click', (event) => {
      const template = document.querySelector<HTMLTemplateElement>(`template[data-media="${link.dataset.loadMedia}"]`);
      const slot = link.closest('[data-media-slot]');
      if (!template || !slot) return;
      event.preventDefault();
      slot.replaceChildren(template.content.cloneNode(true));
      slot.querySelector<HTMLElement>('video, audio, iframe, a')?.focus();
    });
  }
}

/** Deletes drafts this device kept longer than 14 days (a shared computer's old notes). */
function expireDrafts(): void {
  try {
    const stored = Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)] as const);
    for (const key of staleDraftKeys(stored, Date.now())) localStorage.removeItem(key);
  } catch {
    // Storage blocked: nothing is kept.
  }
}

expireDrafts();
const form = document.querySelector<HTMLFormElement>('form[data-autosave]');
if (form) autosave(form);
loadOnRequest();
