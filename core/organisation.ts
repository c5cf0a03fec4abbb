import type { Locale } from './locales.ts';

/**
 * The organisation behind the portal: change this file (and the favicon) to reuse Spotlight for
 * another organisation. Empty contact fields are left out of every page.
 */
export interface Organisation {
  /** The portal's name in browser titles, feeds and passkey prompts (the software is "Spotlight"). */
  name: string;
  /**
   * The organisation's own short name per locale, in the header and as the sender in every mail
   * ("IOM Slovakia"), so that the portal's software and the competition "Migrants in the Spotlight"
   * are not mistaken for the organisation.
   */
  shortName: Record<Locale, string>;
  /** Full legal name per locale, e.g. for the privacy page's controller. */
  legalName: Record<Locale, string>;
  /** The logo in public/, square, SVG. */
  logo: string;
  /** Brand colours; every pair used for text meets WCAG AA (checked by axe in the browser tests). */
  colours: { brand: string; onBrand: string; accent: string };
  /**
   * Contacts are roles, never people: shared addresses (info@, press@, dpo@) and the office's
   * switchboard, never a person's own mailbox or private phone. A production build fails while
   * the privacy page's or the press page's contact is missing (see `missingDetails`).
   */
  contact: {
    /** The general address, also named in mails as the place to ask for help. */
    email?: string;
    /** The office's switchboard. */
    phone?: string;
    /** Postal address lines. */
    address?: string[];
    /** The press office's shared address. */
    pressEmail?: string;
    /** The press office's shared line. */
    pressPhone?: string;
    /** The data protection contact named on the privacy page (a role address, e.g. dpo@…). */
    privacyEmail?: string;
  };
  social: { label: string; url: string }[];
  /** Where the quick-exit button sends people: a neutral site that reveals nothing. */
  quickExitUrl: string;
  /**
   * Whether the organisation has confirmed the licence each teaching material names in its front
   * matter. Licences are the organisation's to state: until it does, material pages say "to be
   * confirmed by the organisation" and a public build fails.
   */
  materialLicencesConfirmed: boolean;
}

export const organisation: Organisation = {
  name: 'Spotlight',
  shortName: { sk: 'IOM Slovensko', en: 'IOM Slovakia', uk: 'МОМ Словаччина' },
  legalName: {
    sk: 'Medzinárodná organizácia pre migráciu (IOM), kancelária v Bratislave',
    en: 'International Organization for Migration (IOM), office in Bratislava',
    uk: 'Міжнародна організація з міграції (МОМ), офіс у Братиславі',
  },
  logo: '/favicon.svg',
  colours: { brand: '#0b2e59', onBrand: '#ffffff', accent: '#ffdd00' },
  // The organisation fills these in; pages read well while they are empty.
  contact: {},
  social: [],
  quickExitUrl: 'https://www.google.com/search?q=weather',
  // The demo library's licences were chosen by the developers, not by the organisation.
  materialLicencesConfirmed: false,
};

/** A helpline as the build guard reads it from content/helplines.yml. */
export interface HelplineFacts {
  id: string;
  number?: string;
  /** Where the line's number and operator were checked; a line without any is not confirmed. */
  sources?: unknown[];
  /** Claims about the line nobody could check yet; any left means the line is not confirmed. */
  unverified?: string[];
}

/**
 * What the organisation must still fill in before the portal can go public: the general contact,
 * the privacy page's controller and contact, the press contact, the materials' licences, a number
 * for every helpline the pages list, and a confirmation (a source, no unverified claims) of every
 * helpline. Empty when nothing is missing. A production build fails on a non-empty list; the local
 * demo shows "to be completed (confirmed) by the organisation" notices in their place.
 *
 * @param helplines the helplines' ids, numbers and fact fields (from content/helplines.yml)
 * @returns one line per missing detail, in English, for the build log
 */
export function missingDetails(org: Organisation, helplines: HelplineFacts[]): string[] {
  const c = org.contact;
  return [
    ...(Object.values(org.legalName).some((n) => !n.trim())
      ? ["the controller's legal name (legalName) in every locale"]
      : []),
    ...(c.email ? [] : ['the general contact (contact.email), named on About and Training and in every mail']),
    ...(c.privacyEmail ? [] : ['the data protection contact (contact.privacyEmail)']),
    ...(c.pressEmail || c.pressPhone ? [] : ['the press contact (contact.pressEmail or contact.pressPhone)']),
    ...(org.materialLicencesConfirmed ? [] : ["the teaching materials' licences (materialLicencesConfirmed)"]),
    ...helplines.flatMap((h) => [
      ...(h.number ? [] : [`the number of the helpline "${h.id}" (content/helplines.yml)`]),
      ...((h.sources ?? []).length === 0 || (h.unverified ?? []).length > 0
        ? [`a confirmation of the helpline "${h.id}": a source and no unverified claims (content/helplines.yml)`]
        : []),
    ]),
  ];
}

/** Whether an origin is the local machine (the demo), where missing details are shown as notices instead of failing the build. */
export function isLocalOrigin(origin: string): boolean {
  const host = new URL(origin).hostname;
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}
