import { describe, expect, it } from 'vitest';
import { reasonPhrase } from './status-text.ts';

describe('reasonPhrase', () => {
  it('names each status the pages set by its own phrase, never "OK" for a failure', () => {
    expect([200, 303, 404, 409, 410, 413, 422, 429, 503].map(reasonPhrase)).toEqual([
      'OK',
      'See Other',
      'Not Found',
      'Conflict',
      'Gone',
      'Content Too Large',
      'Unprocessable Content',
      'Too Many Requests',
      'Service Unavailable',
    ]);
  });

  it('is empty for a status it does not know (the runtime writes its own)', () => {
    expect(reasonPhrase(299)).toBe('');
  });
});
