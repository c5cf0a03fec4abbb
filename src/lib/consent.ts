/** The consent record of a migrant story (see `consentSchema` in content.config.ts). */
export interface Consent {
  given: Date;
  expires: Date;
  pseudonym: boolean;
  mayShowFace: boolean;
  withdrawn: boolean;
}

/**
 * Whether a story may be shown on `day`: consent given, not withdrawn, not yet expired (the
 * expiry day itself no longer counts). Without a record a story is never shown.
 */
export function consentAllowsPublication(consent: Consent | undefined, day: Date): boolean {
  if (!consent || consent.withdrawn) return false;
  return consent.given.getTime() <= day.getTime() && day.getTime() < consent.expires.getTime();
}
