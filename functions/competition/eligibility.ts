// Whether an entry may be submitted: a pure function of the entry, its edition and category, its
// files and the entrant's other entries. Every problem is listed at once, each as a catalogue key
// (`competition.problem.*`) with the field it concerns, so the form can show them all together.

/** The entry fields the rules look at. */
export interface EligibilityEntry {
  id: string;
  categoryId: string | null;
  title: string;
  language: string;
  outlet: string;
  publishedOn: string;
  url: string;
  summary: string;
  summaryTranslation: string;
  country: string;
  authors: readonly { name: string; role: string }[];
  declaredOwnWork: boolean;
  declaredLicence: boolean;
  declaredRules: boolean;
  declaredPrivacy: boolean;
}

export interface EligibilityEdition {
  publishedFrom: string;
  publishedUntil: string;
}

export interface EligibilityCategory {
  id: string;
  languages: readonly string[];
  fileTypes: readonly string[];
  maxFileBytes: number;
  minWorkFiles: number;
  entriesPerEntrant: number;
  requiredFields: readonly string[];
}

/** A file attached to the entry (rows of `competition_entry_files`). */
export interface EligibilityFile {
  kind: 'work' | 'supporting';
  size: number;
  type: string;
}

export interface Problem {
  /** The form field it concerns (links the error summary to it). */
  field: string;
  /** Catalogue key under `competition.problem.`. */
  code: string;
}

/** Fields every entry needs, whatever its category. */
export const alwaysRequired = ['title', 'language', 'publishedOn', 'summary', 'country'] as const;

/** Summaries in these languages need no translation. */
const juryLanguages: ReadonlySet<string> = new Set(['en', 'sk']);

export function eligibilityProblems(
  entry: EligibilityEntry,
  edition: EligibilityEdition,
  category: EligibilityCategory | null,
  files: readonly EligibilityFile[],
  /** How many other entries of this entrant in the same category are already submitted. */
  otherSubmittedInCategory: number,
): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, code: string) => problems.push({ field, code });

  if (!category) add('categoryId', 'categoryRequired');
  for (const field of [...alwaysRequired, ...(category?.requiredFields ?? [])]) {
    const value = (entry as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.trim() === '') add(field, 'required');
  }
  if (entry.publishedOn && (entry.publishedOn < edition.publishedFrom || entry.publishedOn > edition.publishedUntil)) {
    add('publishedOn', 'outsideWindow');
  }
  if (category && entry.language && !category.languages.includes(entry.language))
    add('language', 'languageNotAccepted');
  if (entry.language && !juryLanguages.has(entry.language) && entry.summaryTranslation.trim() === '')
    add('summaryTranslation', 'translationRequired');
  if (!entry.authors.some((a) => a.name.trim() !== '')) add('authors', 'authorRequired');

  if (category) {
    const workFiles = files.filter((f) => f.kind === 'work');
    if (workFiles.length < category.minWorkFiles) add('files', 'filesMissing');
    if (files.some((f) => !category.fileTypes.includes(f.type))) add('files', 'fileTypeNotAccepted');
    if (files.some((f) => f.size > category.maxFileBytes)) add('files', 'fileTooLarge');
    if (otherSubmittedInCategory >= category.entriesPerEntrant) add('categoryId', 'capReached');
  }

  if (!entry.declaredOwnWork) add('declaredOwnWork', 'declarationMissing');
  if (!entry.declaredLicence) add('declaredLicence', 'declarationMissing');
  if (!entry.declaredRules) add('declaredRules', 'declarationMissing');
  if (!entry.declaredPrivacy) add('declaredPrivacy', 'declarationMissing');
  return problems;
}
