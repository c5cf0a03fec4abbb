import type { ErrorBody } from '../../functions/errors.ts';
import { formErrors } from './form-errors.ts';

/** A rubric criterion as the score page knows it: its key and its name in the page's language. */
export interface CriterionName {
  key: string;
  name: string;
}

/**
 * The score page's error summary and field messages for a refused review. Field problems link to
 * their own element: `scores.<key>` to the criterion's fieldset `#scores-<key>` when the rubric
 * has that criterion, else (a tampered `score.nonexistent`) to the first criterion, or to the form
 * when the round has none; the comments and the verdict to theirs. `jury.incomplete` (no fields)
 * names each criterion left without a score or abstention, in the rubric's order, each linked to
 * its fieldset (so the first line links to the first one missing), with the message
 * `jury.pages.entry.scoreMissing`; a screening round without a verdict links to `#verdict`
 * (`jury.pages.entry.verdictMissing`).
 * @param refusal the API's error body
 * @param rubric the round's criteria in the form's order ([] for rounds without scores)
 * @param sent the scores the form sent (criterion key → the value, '' when none chosen)
 * @param verdictSent whether a screening verdict was chosen (true for other rounds)
 * @param t the page's translations
 * @returns fieldErrors (field → message) and problems (href, message) for the error summary
 */
export function reviewErrors(
  refusal: ErrorBody,
  rubric: readonly CriterionName[],
  sent: Record<string, string>,
  verdictSent: boolean,
  t: (key: string) => string,
): { fieldErrors: Record<string, string>; problems: { href: string; message: string }[] } {
  const known = new Set(rubric.map((c) => c.key));
  const first = rubric[0] ? `#scores-${rubric[0].key}` : '#review';
  if (refusal.code === 'jury.incomplete' && !refusal.fields?.length) {
    const missing = rubric.filter((c) => (sent[c.key] ?? '').trim() === '');
    const message = t('jury.pages.entry.scoreMissing');
    const problems = missing.map((c) => ({ href: `#scores-${c.key}`, message: `${c.name}: ${message}` }));
    if (!verdictSent)
      problems.push({
        href: '#verdict',
        message: `${t('jury.pages.entry.verdict')}: ${t('jury.pages.entry.verdictMissing')}`,
      });
    if (problems.length > 0)
      return {
        fieldErrors: Object.fromEntries(missing.map((c) => [`scores.${c.key}`, message])),
        problems,
      };
  }
  const names: Record<string, string> = {
    commentForJury: 'jury.pages.entry.commentJury',
    commentForEntrant: 'jury.pages.entry.commentEntrant',
    verdict: 'jury.pages.entry.verdict',
  };
  return formErrors(
    refusal,
    (f) => {
      if (f.startsWith('scores.')) return known.has(f.slice('scores.'.length)) ? `#${f.replace('.', '-')}` : first;
      return f.startsWith('comment') || f === 'verdict' ? `#${f}` : '#review';
    },
    refusal.code === 'jury.incomplete' ? first : '#review',
    ['scores', 'verdict', 'rank', 'abstained', 'commentForJury', 'commentForEntrant'],
    (f) => {
      if (f.startsWith('scores.')) return rubric.find((c) => c.key === f.slice('scores.'.length))?.name;
      return names[f] ? t(names[f]) : undefined;
    },
  );
}
