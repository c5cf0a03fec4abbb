import { childBands, diets, idempotencyKey } from '../../functions/lunches/lunches.schemas.ts';
import type { PostedForm } from './form.ts';

/** What the household form holds: each field as typed, lists for the checkbox groups. */
export type HouseholdValues = Record<string, string | string[] | undefined>;

const lists = ['languages', 'diets', 'canCookFor'] as const;
const flags = ['hasPets', 'avoidPets', 'consentData', 'consentPhotos', 'codeOfConduct', 'consentRecorded'] as const;
const texts = [
  'role',
  'contactName',
  'email',
  'phone',
  'messenger',
  'town',
  'maxTravelKm',
  'adults',
  'allergies',
  'seats',
  'accessibility',
] as const;

/**
 * The posted household form as typed (kept on errors) and as the API's JSON body: the same for
 * the public sign-up, a caseworker's sign-up and a change by the household's link (each route
 * reads the fields it takes).
 */
export function readHouseholdForm(form: PostedForm) {
  const typed: HouseholdValues = {};
  for (const k of texts) typed[k] = form.get(k);
  for (const k of lists) typed[k] = form.all(k);
  for (const k of flags) typed[k] = form.all(k).length > 0 ? 'on' : '';
  // A band the form did not send, or sent empty, counts as none (the API reads empty counts as 0).
  const children = Object.fromEntries(childBands.map((b) => [b, form.all(`children-${b}`)[0] ?? ''])) as Record<
    (typeof childBands)[number],
    string
  >;
  for (const b of childBands) typed[`children-${b}`] = children[b];
  const ticked = (k: (typeof flags)[number]) => form.all(k).length > 0;
  const seats = form.get('seats');
  const json = {
    role: form.get('role'),
    contactName: form.get('contactName'),
    email: form.get('email'),
    phone: form.get('phone'),
    messenger: form.get('messenger'),
    town: form.get('town'),
    maxTravelKm: form.get('maxTravelKm'),
    adults: form.get('adults'),
    allergies: form.get('allergies'),
    // Only hosts are asked (a guest's form does not send it); empty reads as 0.
    seats,
    accessibility: form.get('accessibility'),
    languages: form.all('languages'),
    diets: form.all('diets'),
    canCookFor: form.all('canCookFor'),
    hasPets: ticked('hasPets'),
    avoidPets: ticked('avoidPets'),
    consentData: ticked('consentData'),
    consentPhotos: ticked('consentPhotos'),
    codeOfConduct: ticked('codeOfConduct'),
    consentRecorded: ticked('consentRecorded'),
    children,
  };
  return { typed, json };
}

/**
 * The sign-up form's idempotency key (its hidden field, S16/S26: a double submit books once): the
 * posted one when the API takes it (8–100 letters, digits, `_` or `-`), else `fresh`. A key that is
 * missing or not of that shape (a tampered field) would be refused as a problem of no field the
 * form has (`#lunch-_`), and kept in the form it would refuse every later try.
 * @param posted the form's `idempotencyKey` ('' when not sent)
 * @param fresh a new key (`crypto.randomUUID()`)
 */
export const signUpKey = (posted: string, fresh: string): string =>
  idempotencyKey.safeParse(posted).success ? posted : fresh;

/** The household form's fields top to bottom (HouseholdForm.astro), for the error summary's order. */
export const householdFieldOrder = [
  'role',
  'contactName',
  'email',
  'phone',
  'messenger',
  'languages',
  'town',
  'maxTravelKm',
  'adults',
  'children',
  'diets',
  'allergies',
  'canCookFor',
  'seats',
  'accessibility',
  'hasPets',
  'avoidPets',
  'consentData',
  'codeOfConduct',
  'consentRecorded',
  'consentPhotos',
] as const;

/**
 * The first checkbox of each checkbox group (HouseholdForm.astro's ids): an error about the group
 * (`languages`) or one of its values (`languages.1`, an unknown code) links there.
 */
const groupAnchors: Record<string, string> = {
  languages: '#lunch-languages',
  diets: `#lunch-diets-${diets[0]}`,
  canCookFor: `#lunch-canCookFor-${diets[0]}`,
};

/**
 * The element an API field error links to (the error summary's `href`): its input
 * (`children.3-5` → `#lunch-children-3-5`), or for a checkbox group and its values
 * (`languages`, `diets.0`) the group's first checkbox, which exists whatever was ticked.
 */
export const fieldAnchor = (field: string) => groupAnchors[field.split('.')[0]!] ?? `#lunch-${field.replace('.', '-')}`;

/**
 * The household form's name for a field whose message does not say which field it is about
 * (`lunch.notInList`, "Choose from the list", for a tampered checkbox value or messenger): the
 * group's legend or the field's label, for the error summary (`formErrors`' `name`, src/lib/form-errors.ts):
 * "Languages you speak: Choose from the list". Undefined for every other problem, whose message
 * names its field already ("Choose at least one language").
 */
export const householdFieldName =
  (t: (key: string) => string) =>
  (field: string, code: string): string | undefined => {
    if (code !== 'lunch.notInList') return undefined;
    const labels: Record<string, string> = {
      languages: 'lunches.form.languagesLegend',
      diets: 'lunches.form.dietLegend',
      canCookFor: 'lunches.form.cookLegend',
      messenger: 'lunches.form.messenger',
    };
    const key = labels[field];
    return key ? t(key) : undefined;
  };

/** Pages a lunch action leads to, by URL segment → catalogue key under `lunches.status`. */
export const lunchStatuses = {
  'check-inbox': 'checkInbox',
  cancelled: 'cancelled',
  'signup-cancelled': 'signupCancelled',
  erased: 'erased',
  'link-invalid': 'linkInvalid',
  'pair-confirmed': 'pairConfirmed',
  'survey-thanks': 'surveyThanks',
  'survey-answered': 'surveyAnswered',
} as const;
