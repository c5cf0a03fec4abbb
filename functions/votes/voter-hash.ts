import type { AppConfig } from '../deps.ts';

const encoder = new TextEncoder();

/**
 * One address, one voter: the form of an address that is hashed. Trimmed, Unicode NFC (a precomposed
 * `é` and `e` + combining accent are one letter) and lower-cased, whole — local part included, which
 * RFC 5321 leaves to the receiving server but every mail service we know treats case-blind.
 * Gmail's dots and `+tags` are NOT folded: `j.doe@gmail.com`, `jdoe@gmail.com` and
 * `jdoe+x@gmail.com` are three voters. Folding them would be right for Gmail only and wrong for
 * other providers, and an address's owner verifies each one anyway (the mailed link); the proof of
 * work and the rate limits bound how many a person can verify.
 * @param address as typed, e.g. ` Olena@Example.ORG `
 * @returns e.g. `olena@example.org`
 */
export function normaliseVoterAddress(address: string): string {
  return address.trim().normalize('NFC').toLowerCase();
}

/** The HMAC key: `VOTER_HASH_SECRET`, else one derived from the token secret for this purpose only. */
const keyOf = (config: Pick<AppConfig, 'tokenSecret' | 'voterHashSecret'>) =>
  config.voterHashSecret ?? `peoples-choice-voter:${config.tokenSecret}`;

/**
 * The only form in which a voter's address is stored: HMAC-SHA-256 under a secret key, as 64 hex
 * characters. Without the key the hash cannot be tested against a list of addresses (a plain hash
 * could). Equal for every spelling {@link normaliseVoterAddress} folds together.
 */
export async function voterHash(
  config: Pick<AppConfig, 'tokenSecret' | 'voterHashSecret'>,
  address: string,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(keyOf(config)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(normaliseVoterAddress(address))));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}
