/**
 * Enhances `form[data-file-upload]` (FileUpload.astro): the file goes straight to the API as
 * an R2 multipart upload, part by part, with a progress bar, cancel and retry (a retry asks the
 * server which parts it has and sends only the missing ones). Without this script the form
 * posts the file in one request to the plain-form fallback.
 */

import { formatFileSize } from '../../core/file-size.ts';

interface UploadView {
  id: string;
  name: string;
  size: number;
  state: string;
  partSize: number;
  partCount: number;
  partsReceived: number[];
}

/** A failed API call, carrying the server's translated message when there is one. */
class UploadFailure extends Error {
  constructor(
    message: string,
    /** False when retrying cannot help (wrong type, too large, cancelled). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');

function enhance(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[type="file"]')!;
  const box = form.querySelector<HTMLElement>('[data-upload-progress]')!;
  const bar = box.querySelector('progress')!;
  const percentText = form.querySelector<HTMLElement>('[data-upload-percent]')!;
  const status = form.querySelector<HTMLElement>('[data-upload-status]')!;
  const problem = form.querySelector<HTMLElement>('[data-upload-error]')!;
  const submit = form.querySelector<HTMLButtonElement>('[data-upload-submit]')!;
  const cancel = form.querySelector<HTMLButtonElement>('[data-upload-cancel]')!;
  const retry = form.querySelector<HTMLButtonElement>('[data-upload-retry]')!;
  const noScript = form.querySelector<HTMLElement>('[data-upload-noscript]');
  const msg = form.dataset as Record<string, string>;
  const lang = msg.lang!;

  // The plain form's size note does not apply any more: describe the field without it.
  if (noScript) noScript.hidden = true;
  input.setAttribute(
    'aria-describedby',
    [...form.querySelectorAll('.field .hint:not([hidden]), [data-upload-error]')].map((e) => e.id).join(' '),
  );

  let upload: UploadView | null = null;
  let file: File | null = null;
  let current: XMLHttpRequest | null = null;
  let cancelled = false;
  let lastAnnounced = -1;

  const api = (path: string) => `/api/uploads${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

  function showProblem(message: string | null): void {
    problem.textContent = message ?? '';
    problem.hidden = !message;
    problem.closest('.field')?.classList.toggle('field--error', Boolean(message));
  }

  /**
   * Moves focus to `next` when the focused control was just hidden or disabled (or focus already fell
   * to the page): a keyboard or screen-reader user stays where they were working (WCAG 2.4.3).
   */
  function keepFocus(next: HTMLElement): void {
    const active = document.activeElement;
    const lost =
      !active ||
      active === document.body ||
      (active instanceof HTMLElement &&
        form.contains(active) &&
        (active.closest('[hidden]') !== null || (active as HTMLButtonElement | HTMLInputElement).disabled === true));
    if (lost) next.focus();
  }

  /** Busy: only Cancel works (focus goes there from Upload); idle: the file field (focus goes there from Cancel). */
  function setBusy(busy: boolean, refocus = true): void {
    submit.disabled = busy;
    input.disabled = busy;
    cancel.hidden = !busy;
    if (refocus) keepFocus(busy ? cancel : input);
  }

  function progress(sent: number): void {
    const total = file?.size ?? 0;
    const percent = total === 0 ? 0 : Math.floor((sent / total) * 100);
    bar.value = percent;
    percentText.textContent = `${percent} %`;
    // The live region speaks every tenth, not every progress event.
    const tenth = Math.floor(percent / 10);
    if (tenth !== lastAnnounced) {
      lastAnnounced = tenth;
      status.textContent = fill(msg.msgProgress!, {
        percent: String(percent),
        sent: formatFileSize(sent, lang),
        total: formatFileSize(total, lang),
      });
    }
  }

  /** Adds the uploaded file to the page's list (`data-list`), as the server renders it after a reload. */
  function listFile(done: UploadView): void {
    const list = msg.list ? document.getElementById(msg.list) : null;
    if (!list) return;
    const link = document.createElement('a');
    link.href = `/api/uploads/${done.id}/file`;
    link.textContent = done.name;
    link.setAttribute('aria-label', fill(msg.msgDownload!, { name: done.name }));
    const item = document.createElement('li');
    item.appendChild(link);
    list.insertBefore(item, list.firstChild);
    list.hidden = false;
    for (const empty of document.querySelectorAll<HTMLElement>(`[data-empty-for="${msg.list}"]`)) empty.hidden = true;
  }

  async function call(method: string, path: string, body?: unknown): Promise<UploadView> {
    const response = await fetch(api(path), {
      method,
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch(() => null);
    if (!response) throw new UploadFailure(msg.msgFailed!, true);
    const json = (await response.json().catch(() => ({}))) as UploadView & { message?: string };
    if (!response.ok)
      throw new UploadFailure(json.message ?? msg.msgFailed!, response.status >= 500 || response.status === 409);
    return json;
  }

  /** Sends one part with XMLHttpRequest, whose upload events drive the progress bar. */
  function sendPart(view: UploadView, n: number, before: number): Promise<void> {
    const blob = file!.slice((n - 1) * view.partSize, Math.min(n * view.partSize, view.size));
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      current = xhr;
      xhr.open('PUT', api(`/${view.id}/parts/${n}`));
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.addEventListener('progress', (e) => progress(before + e.loaded));
      xhr.addEventListener('load', () => {
        current = null;
        if (xhr.status >= 200 && xhr.status < 300) return resolve();
        let message = msg.msgFailed!;
        try {
          message = (JSON.parse(xhr.responseText) as { message?: string }).message ?? message;
        } catch {
          // Not JSON (a proxy's error page): the general message stands.
        }
        reject(new UploadFailure(message, xhr.status >= 500 || xhr.status === 0 || xhr.status === 422));
      });
      xhr.addEventListener('error', () => reject(new UploadFailure(msg.msgFailed!, true)));
      xhr.addEventListener('abort', () => reject(new UploadFailure(msg.msgCancelled!, false)));
      xhr.send(blob);
    });
  }

  /** Sends every part the server does not have yet, then completes the upload. */
  async function sendMissing(): Promise<void> {
    retry.hidden = true;
    setBusy(true);
    showProblem(null);
    try {
      const view = await call('GET', `/${upload!.id}`);
      const have = new Set(view.partsReceived);
      let sent = view.partsReceived.reduce(
        (n, p) => n + Math.min(view.partSize, view.size - (p - 1) * view.partSize),
        0,
      );
      progress(sent);
      for (let n = 1; n <= view.partCount; n++) {
        if (have.has(n)) continue;
        await sendPart(view, n, sent);
        sent += Math.min(view.partSize, view.size - (n - 1) * view.partSize);
        progress(sent);
      }
      status.textContent = msg.msgFinishing!;
      const done = await call('POST', `/${view.id}/complete`);
      bar.value = bar.max;
      percentText.textContent = '100 %';
      status.textContent = fill(msg.msgDone!, { name: done.name });
      upload = null;
      listFile(done);
      // Pages that attach the file to something (an entry) listen for this.
      form.dispatchEvent(new CustomEvent('upload-complete', { bubbles: true, detail: done }));
      setBusy(false);
      form.reset();
    } catch (error) {
      if (cancelled) return setBusy(false);
      const failure = error instanceof UploadFailure ? error : new UploadFailure(msg.msgFailed!, true);
      setBusy(false, !failure.retryable);
      showProblem(failure.message);
      if (failure.retryable) {
        status.textContent = msg.msgFailed!;
        retry.hidden = false;
        cancel.hidden = false;
        submit.disabled = true;
        input.disabled = true;
        // From Cancel (or a control that went away) to Retry, the action the failure asks for.
        if (document.activeElement === cancel || document.activeElement === document.body) retry.focus();
        else keepFocus(retry);
      } else {
        status.textContent = '';
        upload = null;
      }
    }
  }

  /**
   * Whether the file's first bytes are one of the accepted kinds (`data-accept-kinds`), read with
   * the server's own detector (core/file-kind.ts, loaded only when a file is chosen) before any byte
   * is sent: a wrong type is refused at once, not at 100 %. When the detector cannot load, the
   * server's check (which always runs) decides.
   */
  async function acceptedType(chosen: File): Promise<boolean> {
    const accepted = (msg.acceptKinds ?? '').split(' ').filter(Boolean);
    if (accepted.length === 0) return true;
    const detector = await import('../../core/file-kind.ts').catch(() => null);
    if (!detector) return true;
    const head = new Uint8Array(await chosen.slice(0, detector.SNIFF_BYTES).arrayBuffer());
    const kind = await detector.sniffKind(head).catch(() => null);
    return kind !== null && accepted.includes(kind);
  }

  /** The problem with a chosen file that stops its upload before it starts, or null. */
  async function problemWith(chosen: File | null): Promise<string | null> {
    if (!chosen || chosen.size === 0) return msg.msgEmpty!;
    if (chosen.size > Number(msg.maxBytes)) return msg.msgTooLarge!;
    if (!(await acceptedType(chosen))) return msg.msgTypeRejected!;
    return null;
  }

  // Said as soon as a file is chosen, and again (authoritatively) when Upload is pressed.
  input.addEventListener('change', async () => {
    const chosen = input.files?.[0] ?? null;
    showProblem(chosen ? await problemWith(chosen) : null);
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    file = input.files?.[0] ?? null;
    showProblem(null);
    const refused = await problemWith(file);
    if (refused || !file) return showProblem(refused ?? msg.msgEmpty!);
    cancelled = false;
    lastAnnounced = -1;
    box.hidden = false;
    bar.value = 0;
    percentText.textContent = '0 %';
    status.textContent = msg.msgStarting!;
    setBusy(true);
    try {
      upload = await call('POST', '', { purpose: msg.purpose, name: file.name, size: file.size });
    } catch (error) {
      setBusy(false);
      status.textContent = '';
      return showProblem(error instanceof UploadFailure ? error.message : msg.msgFailed!);
    }
    await sendMissing();
  });

  retry.addEventListener('click', () => {
    if (upload) void sendMissing();
  });

  cancel.addEventListener('click', async () => {
    cancelled = true;
    current?.abort();
    const id = upload?.id;
    upload = null;
    retry.hidden = true;
    setBusy(false);
    if (id) await call('POST', `/${id}/abort`).catch(() => undefined);
    bar.value = 0;
    percentText.textContent = '0 %';
    status.textContent = msg.msgCancelled!;
    form.reset();
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-file-upload]')) enhance(form);
