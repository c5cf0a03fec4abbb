import { browserSupportsWebAuthn } from '@simplewebauthn/browser';

/**
 * Passkeys need WebAuthn in the browser, a secure context and a domain name: browsers refuse
 * IP-address origins (so http://127.0.0.1 shows the email link only; http://localhost works).
 */
export const passkeysUsableHere = (): boolean =>
  browserSupportsWebAuthn() && window.isSecureContext && !/^(\d+\.){3}\d+$|^\[/.test(location.hostname);

/** POSTs JSON to the API (same origin, so the session cookie goes along). */
export async function postJson<T>(
  path: string,
  body: unknown,
): Promise<{ ok: boolean; body: T & { message?: string } }> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { ok: response.ok, body: (await response.json().catch(() => ({}))) as T & { message?: string } };
}

/** Shows a translated problem in the component's alert region. */
export function showProblem(region: HTMLElement | null, message: string): void {
  if (!region) return;
  region.textContent = message;
  region.hidden = false;
}
