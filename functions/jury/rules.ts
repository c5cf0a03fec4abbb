// The jury's pure rules: who is in conflict with an entry, who can read it, where a round stands,
// and a review's weighted score. No I/O.
import type { EntryAuthor } from '../db/schema/competition.ts';
import type { JurorLanguage, RubricCriterion } from '../db/schema/jury.ts';
import type { RoundState } from './jury.schemas.ts';

/** Lower case, accents and punctuation dropped, spaces collapsed: "Denník N" ≈ "dennik n". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** What of an entry the conflict rules read (identifying fields: never sent to a juror). */
export interface ConflictEntry {
  id: string;
  entrantId: string;
  outlet: string;
  authors: readonly EntryAuthor[];
  /** The entrant's free text naming jurors they conflict with. */
  conflicts: string;
}

/** What of a juror the conflict rules read. */
export interface ConflictJuror {
  id: string;
  userId: string;
  /** The juror's name and address, matched against the entrant's named conflicts. */
  displayName: string | null;
  email: string;
  employer: string;
  declared: readonly { kind: 'person' | 'outlet'; name: string }[];
  /** Entries the juror recused from, or a manager or an entrant's naming tied to them. */
  entryConflicts: readonly string[];
}

/** Whether `text` contains `name` as whole words (both normalised). Empty names never match. */
const mentions = (text: string, name: string): boolean => {
  const n = normaliseName(name);
  return n.length >= 2 && ` ${normaliseName(text)} `.includes(` ${n} `);
};

/**
 * Whether `juror` is in conflict with `entry`: the juror's own entry (S10); the juror's employer
 * or an outlet they declared is the entry's outlet; a person they declared is one of its authors;
 * the entrant named the juror (by name or address) in the conflicts step; or a recorded
 * juror ↔ entry conflict (recusal, manager, resolved entrant naming).
 */
export function inConflict(juror: ConflictJuror, entry: ConflictEntry): boolean {
  if (entry.entrantId === juror.userId) return true;
  if (juror.entryConflicts.includes(entry.id)) return true;
  const outlet = normaliseName(entry.outlet);
  if (outlet && normaliseName(juror.employer) === outlet) return true;
  for (const d of juror.declared) {
    if (d.kind === 'outlet' && outlet && normaliseName(d.name) === outlet) return true;
    if (d.kind === 'person' && entry.authors.some((a) => normaliseName(a.name) === normaliseName(d.name))) return true;
  }
  if (entry.conflicts) {
    if (juror.displayName && mentions(entry.conflicts, juror.displayName)) return true;
    if (entry.conflicts.toLowerCase().includes(juror.email.toLowerCase())) return true;
  }
  return false;
}

/**
 * Whether a juror with `languages` can judge an entry in `language`: they read the language, or
 * one of the `summaryLanguages` the category accepts when the entry has a summary translation.
 */
export function readsEntry(
  languages: readonly JurorLanguage[],
  entry: { language: string; summaryLanguages: readonly string[] },
): boolean {
  return languages.some((l) => l.code === entry.language || entry.summaryLanguages.includes(l.code));
}

/** The summary languages that count for an entry: the category's, if the entry has a summary translation. */
export const entrySummaryLanguages = (summaryTranslation: string, categoryAccepts: readonly string[]): string[] =>
  summaryTranslation.trim() ? [...categoryAccepts] : [];

/** Where a round stands at `now` (server clock; closing is exclusive, no extensions for jurors). */
export function roundState(round: { opensAt: Date; closesAt: Date }, now: Date): RoundState {
  if (now < round.opensAt) return 'upcoming';
  return now < round.closesAt ? 'open' : 'closed';
}

/**
 * A rubric review's weighted score in [0, 1]: each scored criterion's value scaled to [0, 1] on
 * its scale, weighted, with weights re-normalised over the criteria not abstained on. Null when
 * the juror abstained on the entry or on every criterion.
 */
export function weightedScore(
  criteria: readonly RubricCriterion[],
  scores: Readonly<Record<string, number | null>>,
  abstained = false,
): number | null {
  if (abstained) return null;
  let weight = 0;
  let sum = 0;
  for (const c of criteria) {
    const v = scores[c.key];
    if (v === null || v === undefined) continue;
    weight += c.weight;
    sum += c.weight * ((v - c.min) / (c.max - c.min));
  }
  return weight === 0 ? null : sum / weight;
}

/**
 * Problems with a rubric review's scores: unknown criteria, and values off the criterion's
 * scale. Empty when the scores are fine (missing criteria are allowed in a draft).
 */
export function scoreProblems(
  criteria: readonly RubricCriterion[],
  scores: Readonly<Record<string, number | null>>,
): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(scores)) {
    const c = criteria.find((x) => x.key === key);
    if (!c) problems.push(key);
    else if (value !== null && (value < c.min || value > c.max)) problems.push(key);
  }
  return problems;
}

const levelWeight = { native: 1, fluent: 0.85, reading: 0.6 } as const;

/**
 * How well a juror reads an entry, in [0, 1], for assignments made by hand: the best level among
 * the work's language (native 1, fluent 0.85, reading 0.6) and, at half that, a summary language.
 */
export function readingQuality(
  languages: readonly JurorLanguage[],
  entry: { language: string; summaryLanguages: readonly string[] },
): number {
  let best = 0;
  for (const l of languages) {
    if (l.code === entry.language) best = Math.max(best, levelWeight[l.level]);
    else if (entry.summaryLanguages.includes(l.code)) best = Math.max(best, levelWeight[l.level] / 2);
  }
  return best;
}
