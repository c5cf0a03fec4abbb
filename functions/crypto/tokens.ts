/**
 * Tokens for mailed links. Web Crypto everywhere, and node:crypto's synchronous hash and HMAC where
 * the runtime has it (Node; the Workers runtime with nodejs_compat): the same bytes either way.
 */

import { boundedCache, cached } from '../../core/bounded-cache.ts';

const encoder = new TextEncoder();

interface NodeCrypto {
  createHash(algorithm: 'sha256'): { update(value: string): { digest(encoding: 'hex'): string } };
  createHmac(algorithm: 'sha256', key: string): { update(value: string): { digest(encoding: 'base64url'): string } };
}

/**
 * node:crypto when the runtime offers it, else null. Web Crypto's digest and sign each run as a job
 * on another thread and resolve a promise: in a lunch sign-up (one request hash, two signed links)
 * that hop cost about a seventh of the request's CPU, where the synchronous call costs microseconds.
 */
const nodeCrypto: NodeCrypto | null = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return (proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined) ?? null;
})();

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
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(value).digest('hex');
  return webSha256Hex(value);
}

/** {@link sha256Hex} by Web Crypto alone: where node:crypto is missing, and to test both agree. */
export async function webSha256Hex(value: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(value)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A capability bound to one purpose and one subject (S12): the purpose is part of the signed
 * message, so an unsubscribe signature is worthless as anything else.
 */
export async function signCapability(secret: string, purpose: string, subject: string): Promise<string> {
  // Node's base64url has no padding, as base64url() below.
  if (nodeCrypto) return nodeCrypto.createHmac('sha256', secret).update(`${purpose}\n${subject}`).digest('base64url');
  return webSign(secret, purpose, subject);
}

/** {@link signCapability} by Web Crypto alone: where node:crypto is missing, and to test both agree. */
export async function webSign(secret: string, purpose: string, subject: string): Promise<string> {
  // One secret per deployment (a test or two more): the bound is only against misuse.
  const key = cached(hmacKeys, secret, () =>
    crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  );
  const mac = await crypto.subtle.sign('HMAC', await key, encoder.encode(`${purpose}\n${subject}`));
  return base64url(new Uint8Array(mac));
}

// The imported HMAC key per secret: importing it again for every signature was half the cost of
// signing (a lunch sign-up signs two links). A CryptoKey is no I/O object; Workers requests may share it.
const hmacKeys = boundedCache<string, Promise<CryptoKey>>(16);

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
