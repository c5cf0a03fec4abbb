import type { Locale } from '../../../core/locales.ts';
import type { PostedForm } from '../form.ts';

/**
 * The API request for a posted "How did you use it?" form: the fields as typed (read through
 * `readForm`, so a comment's line breaks count as one character each, as the API's 1,000-character
 * limit expects), the material and the form's language. `typed` is what the form shows again when
 * something is wrong.
 */
export function feedbackRequest(form: PostedForm, materialId: string, lang: Locale) {
  const typed = {
    students: form.get('students'),
    ageGroup: form.get('ageGroup'),
    schoolType: form.get('schoolType'),
    comment: form.get('comment'),
  };
  return { typed, json: { ...typed, materialId, lang, altcha: form.get('altcha') } };
}
