import { childBands } from '../../functions/lunches/matching.ts';

/** What the household form holds: each field as typed, lists for the checkbox groups. */
export type HouseholdValues = Record<string, string | string[] | undefined>;

const lists = ['languages', 'diets', 'canCookFor'] as const;
const flags = ['hasPets', 'avoidPets', 'consentData', 'consentPhotos', 'codeOfConduct', 'consentRecorded'] as const;
const texts = [
  'role',
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

/** The posted household form as typed (kept on errors) and as the API's JSON body. */
export function readHouseholdForm(form: FormData): { typed: HouseholdValues; json: Record<string, unknown> } {
  const typed: HouseholdValues = {};
  for (const k of texts) typed[k] = String(form.get(k) ?? '');
  for (const k of lists) typed[k] = form.getAll(k).map(String);
  for (const k of flags) typed[k] = form.has(k) ? 'on' : '';
  for (const b of childBands) typed[`children-${b}`] = String(form.get(`children-${b}`) ?? '0');
  const json: Record<string, unknown> = {
    ...typed,
    children: Object.fromEntries(childBands.map((b) => [b, typed[`children-${b}`]])),
  };
  for (const b of childBands) delete json[`children-${b}`];
  for (const k of flags) json[k] = form.has(k);
  // Only hosts fill in their seats; an empty field from a guest means "not given".
  if (typed.seats === '') delete json.seats;
  return { typed, json };
}

/** The element an API field error links to: its input, or the first input of its group. */
export const fieldAnchor = (field: string) => `#lunch-${field.replace('.', '-')}`;

/** Pages a lunch action leads to, by URL segment → catalogue key under `lunches.status`. */
export const lunchStatuses = {
  'check-inbox': 'checkInbox',
  cancelled: 'cancelled',
  erased: 'erased',
  'link-invalid': 'linkInvalid',
  'pair-confirmed': 'pairConfirmed',
  'survey-thanks': 'surveyThanks',
} as const;
