import { describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, openPage, signInByEmail, useBrowser } from './browser.ts';

const browser = useBrowser();
// Created by scripts/test.mjs with `admin:create`: a staff account, so it is asked to add a passkey.
const EMAIL = 'e2e-passkey@example.org';
// WebAuthn refuses IP-address origins, so this journey runs on http://localhost.
const site = baseUrl.replace('127.0.0.1', 'localhost');

describe('passkeys with a virtual authenticator in Chromium', () => {
  it('adds a passkey after an email sign-in, signs in with it, and falls back to email once it is removed', async () => {
    const { context, page, errors } = await openPage(browser());
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await signInByEmail(page, EMAIL, site);
    // Signed in from the English page: the English account page, whatever the account saved (Slovak).
    expect(page.url()).toBe(`${site}/en/account/`);
    expect(await page.locator('.notice').innerText()).toContain('Please add a passkey');

    await page.getByLabel('Name for this passkey (optional)').fill('Test laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.waitForURL(/\/en\/account\/\?added=/);
    expect(await page.getByRole('status').innerText()).toBe('Passkey “Test laptop” added.');
    expect(await page.locator('.passkeys li').innerText()).toContain('not used yet');
    expect(await page.locator('.notice').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.goto(`${site}/en/account/sign-in/`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(`${site}/en/account/`);
    expect(await page.locator('.passkeys li').innerText()).toContain('last used');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Remove passkey “Test laptop”' }).click();
    expect(await page.getByRole('status').innerText()).toBe('The passkey was removed.');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.goto(`${site}/en/account/sign-in/`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    expect(await page.getByRole('alert').innerText()).toBe(
      'The passkey could not be verified. Try again, or sign in with an email link.',
    );
    // Focus stayed on the button through the browser's dialog (it was busy, not disabled), ready to retry.
    await page.waitForFunction(() => {
      const a = document.activeElement;
      return a?.textContent?.trim() === 'Sign in with a passkey' && !a.hasAttribute('aria-disabled');
    });
    await expect(page.getByLabel("Your account's email address").isVisible()).resolves.toBe(true);
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
    await context.close();
  });

  it('offers no passkey button where passkeys cannot work (an IP-address origin)', async () => {
    const { context, page } = await openPage(browser());
    await page.goto(`${baseUrl}/en/account/sign-in/`);
    expect(await page.getByRole('button', { name: 'Sign in with a passkey' }).count()).toBe(0);
    await context.close();
  });
});
