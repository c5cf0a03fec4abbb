import { describe, expect, it } from 'vitest';
import { isLocalOrigin, missingDetails, organisation } from './organisation.ts';

describe('the organisation details a public build needs', () => {
  it('lists the privacy contact, the press contact and helplines without a number', () => {
    expect(
      missingDetails({ ...organisation, contact: {} }, [
        { id: 'trafficking-line', number: '0800 800 818', sources: [{ title: 'ip.gov.sk' }] },
        { id: 'mental-health' },
        { id: 'violence', number: '0800 212 212', sources: [{ title: 'TASR' }], unverified: ['the hours'] },
      ]),
    ).toEqual([
      'the general contact (contact.email), named on About and Training and in every mail',
      'the data protection contact (contact.privacyEmail)',
      'the press contact (contact.pressEmail or contact.pressPhone)',
      "the teaching materials' licences (materialLicencesConfirmed)",
      'the number of the helpline "mental-health" (content/helplines.yml)',
      'a confirmation of the helpline "mental-health": a source and no unverified claims (content/helplines.yml)',
      'a confirmation of the helpline "violence": a source and no unverified claims (content/helplines.yml)',
    ]);
  });

  it('is satisfied by role addresses and numbers', () => {
    const contact = { email: 'info@example.org', privacyEmail: 'dpo@example.org', pressEmail: 'press@example.org' };
    expect(
      missingDetails({ ...organisation, contact, materialLicencesConfirmed: true }, [
        { id: 'a', number: '112', sources: [{ title: 'minv.sk' }], unverified: [] },
      ]),
    ).toEqual([]);
  });

  it('treats only this machine as the local demo', () => {
    expect(isLocalOrigin('http://127.0.0.1:4321')).toBe(true);
    expect(isLocalOrigin('http://localhost:4461')).toBe(true);
    expect(isLocalOrigin('https://spotlight.example.org')).toBe(false);
  });
});
