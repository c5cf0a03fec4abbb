import type { Locale } from './locales.ts';

/**
 * The organisation behind the portal: change this file (and the favicon) to reuse Spotlight for
 * another organisation. Empty contact fields are left out of every page.
 */
export interface Organisation {
  /** Short name in the header and in titles. */
  name: string;
  /** Full legal name per locale, e.g. for the privacy page's controller. */
  legalName: Record<Locale, string>;
  /** The logo in public/, square, SVG. */
  logo: string;
  /** Brand colours; every pair used for text meets WCAG AA (checked by axe in the browser tests). */
  colours: { brand: string; onBrand: string; accent: string };
  contact: {
    email?: string;
    phone?: string;
    /** Postal address lines. */
    address?: string[];
    pressEmail?: string;
    pressPhone?: string;
    /** The data protection contact named on the privacy page. */
    privacyEmail?: string;
  };
  social: { label: string; url: string }[];
  /** Where the quick-exit button sends people: a neutral site that reveals nothing. */
  quickExitUrl: string;
}

export const organisation: Organisation = {
  name: 'Spotlight',
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
};
