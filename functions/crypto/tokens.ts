/** Tokens for mailed links. Web Crypto only, so the same code runs in Workers and Node. */

const encoder = new TextEncoder();

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

/** 256 bits from the platform CSPRNG, URL-safe. */
export function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** SHA-256 as hex: how tokens are stored, so a database leak does not leak working links. */
export async function sha256Hex(value: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(value)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A capability bound to one purpose and one subject (S12): the purpose is part of the signed
 * message, so an unsubscribe signature is worthless as anything else.
 */
export async function signCapability(secret: string, purpose: string, subject: string): Promise<string> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    // One secret per deployment (a test or two more): a bound only against misuse.
    if (hmacKeys.size >= 16) hmacKeys.clear();
    hmacKeys.set(secret, key);
  }
  const mac = await crypto.subtle.sign('HMAC', await key, encoder.encode(`${purpose}\n${subject}`));
  return base64url(new Uint8Array(mac));
}

// The imported HMAC key per secret: importing it again for every signature was half the cost of
// signing (a lunch sign-up signs two links). A CryptoKey is no I/O object; Workers requests may share it.
const hmacKeys = new Map<string, Promise<CryptoKey>>();

/** Checks a capability in constant time. */
export async function verifyCapability(
  secret: string,
  purpose: string,
  subject: string,
  signature: string,
): Promise<boolean> {
  const expected = await signCapability(secret, purpose, subject);
  if (expected.length !== signature.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
  return diff === 0;
}
