import { describe, expect, it } from 'vitest';
import { randomToken, sha256Hex, signCapability, verifyCapability, webSha256Hex, webSign } from './tokens.ts';

describe('tokens', () => {
  it('random tokens carry 256 bits and never repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, randomToken));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('hashes with SHA-256', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('S12 a capability signed for one purpose or subject is refused for any other', async () => {
    const secret = 'a-secret-that-is-long-enough-for-hmac';
    const sig = await signCapability(secret, 'newsletter.unsubscribe', 'id-1');
    expect(await verifyCapability(secret, 'newsletter.unsubscribe', 'id-1', sig)).toBe(true);
    expect(await verifyCapability(secret, 'account.login', 'id-1', sig)).toBe(false);
    expect(await verifyCapability(secret, 'newsletter.unsubscribe', 'id-2', sig)).toBe(false);
    expect(await verifyCapability(`${secret}x`, 'newsletter.unsubscribe', 'id-1', sig)).toBe(false);
    expect(await verifyCapability(secret, 'newsletter.unsubscribe', 'id-1', sig.slice(0, -1))).toBe(false);
  });

  it('the synchronous node:crypto path gives the same bytes as Web Crypto (links mailed before stay valid)', async () => {
    for (const value of ['', 'abc', 'žltý kôň ✓', 'x'.repeat(1000)]) {
      expect(await sha256Hex(value)).toBe(await webSha256Hex(value));
      expect(await signCapability('secret-ž-0123456789', 'lunch.manage', value)).toBe(
        await webSign('secret-ž-0123456789', 'lunch.manage', value),
      );
    }
    expect(await signCapability('s', 'p', 'id-1')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
