import { describe, expect, it } from 'vitest';
import { consentAllowsPublication, type Consent } from './consent.ts';

const consent: Consent = {
  given: new Date('2026-01-01'),
  expires: new Date('2027-01-01'),
  pseudonym: true,
  mayShowFace: false,
  withdrawn: false,
};

describe('consentAllowsPublication', () => {
  it('allows a story between consent and expiry', () => {
    expect(consentAllowsPublication(consent, new Date('2026-06-01'))).toBe(true);
    expect(consentAllowsPublication(consent, new Date('2026-01-01'))).toBe(true);
  });
  it('refuses before consent, on and after the expiry day, when withdrawn, and without a record', () => {
    expect(consentAllowsPublication(consent, new Date('2025-12-31'))).toBe(false);
    expect(consentAllowsPublication(consent, new Date('2027-01-01'))).toBe(false);
    expect(consentAllowsPublication(consent, new Date('2030-01-01'))).toBe(false);
    expect(consentAllowsPublication({ ...consent, withdrawn: true }, new Date('2026-06-01'))).toBe(false);
    expect(consentAllowsPublication(undefined, new Date('2026-06-01'))).toBe(false);
  });
});
