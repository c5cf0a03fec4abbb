/**
 * The scoring screen's autosave, as a pure state machine: no DOM, no timers, no storage, no
 * network. `step(state, event)` returns the next state and the effects the page must carry out
 * (keep the draft on this device, forget it, send a save, wait before the next attempt). The page
 * (review-autosave-dom.ts) owns the form, localStorage, fetch and setTimeout, and feeds their
 * outcomes back as events. Each change is kept on the device before it is sent, so a dropped
 * connection, a closed tab or an expired session loses nothing; a save the server refuses as based
 * on an older version is shown, never overwritten.
 */
import { keptPrefixes } from './kept-keys.ts';

/** The form's fields as text, by name: `score.<key>` (a value, `abstain` or ''), `abstained` ('on' or ''), comments… */
export type Values = Record<string, string>;

/** What the juror sees in the status line (and hears: it is a polite live region). */
export type Status = 'idle' | 'saving' | 'saved' | 'offline' | 'signedOut' | 'conflict' | 'refused';

/** Unsent text kept on this device: the form's values and the server version they were based on. */
export interface Draft {
  base: number;
  values: Values;
}

export interface State {
  status: Status;
  /** The server version the next save is based on. */
  version: number;
  /** The form's latest values. */
  values: Values;
  /** Whether `values` differ from what the server has acknowledged. */
  unsent: boolean;
  /** The values of the save in flight, or null. */
  inFlight: Values | null;
  /** Failed attempts in a row (network or a busy server), for the backoff. */
  attempt: number;
  /** The version saved elsewhere, while the juror has not chosen between it and their text. */
  conflict: { version: number; values: Values } | null;
  /** The server's translated reason for a refused save (round closed, a value off the scale…). */
  message: string;
}

/** How a save ended, as the page tells it from the answer (see {@link outcomeOf}). */
export type Outcome =
  | { kind: 'saved'; version: number }
  | { kind: 'network' }
  | { kind: 'busy' }
  | { kind: 'signedOut' }
  | { kind: 'conflict'; version: number; values: Values }
  | { kind: 'refused'; message: string };

export type Event =
  /** The juror changed the form. */
  | { type: 'edit'; values: Values }
  /** The wait the machine asked for is over. */
  | { type: 'due' }
  /** The connection came back, or the page got focus again (the juror may have signed in elsewhere). */
  | { type: 'retry' }
  /** The save in flight ended. */
  | { type: 'answer'; outcome: Outcome }
  /** The juror chose, after a conflict: keep their text (saved over that version) or take the saved one. */
  | { type: 'resolve'; keep: boolean };

export type Effect =
  | { type: 'keep'; draft: Draft }
  | { type: 'forget' }
  | { type: 'send'; version: number; values: Values }
  | { type: 'wait'; ms: number }
  /** Put these values into the form (the saved version, when the juror took it). */
  | { type: 'fill'; values: Values };

/** Milliseconds after the last keystroke before a save is sent. */
export const DEBOUNCE_MS = 800;
/** The first retry's delay; each further one doubles, up to {@link MAX_BACKOFF_MS}. */
export const FIRST_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 30_000;

/** The wait before retry number `attempt` (1, 2, 3…): 1 s, 2 s, 4 s, 8 s, 16 s, then 30 s. */
export function backoff(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, attempt - 1));
}

/** Whether two snapshots say the same (text compared trimmed, as the server stores it; '' = absent). */
export function sameValues(a: Values, b: Values): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if ((a[key] ?? '').trim() !== (b[key] ?? '').trim()) return false;
  return true;
}

/**
 * The first state of the screen, from the server's review (`version`, 0 when none, and the form
 * as rendered from it) and what this device kept (or null). A kept draft that says what the
 * server says is forgotten; one based on the server's version is put back into the form and sent
 * (after a dropped connection, a closed tab, or signing in again); one based on an older version
 * is put back too, with the newer saved version beside it, for the juror to choose (`conflict`).
 */
export function start(
  server: { version: number; values: Values },
  kept: Draft | null,
): { state: State; effects: Effect[] } {
  const state: State = {
    status: server.version > 0 ? 'saved' : 'idle',
    version: server.version,
    values: server.values,
    unsent: false,
    inFlight: null,
    attempt: 0,
    conflict: null,
    message: '',
  };
  if (!kept) return { state, effects: [] };
  if (sameValues(kept.values, server.values)) return { state, effects: [{ type: 'forget' }] };
  const restored = { ...state, values: kept.values, unsent: true };
  if (kept.base === server.version) {
    return {
      state: { ...restored, status: 'saving' },
      effects: [
        { type: 'fill', values: kept.values },
        { type: 'wait', ms: 0 },
      ],
    };
  }
  return {
    state: { ...restored, status: 'conflict', conflict: { version: server.version, values: server.values } },
    effects: [{ type: 'fill', values: kept.values }],
  };
}

const send = (state: State): { state: State; effects: Effect[] } => ({
  // While retrying, the line keeps saying why it is retrying until a save goes through.
  state: {
    ...state,
    inFlight: state.values,
    status: state.status === 'offline' || state.status === 'signedOut' ? state.status : 'saving',
  },
  effects: [{ type: 'send', version: state.version, values: state.values }],
});

/** The step after a save's answer. */
function answered(state: State, outcome: Outcome): { state: State; effects: Effect[] } {
  const base: State = { ...state, inFlight: null };
  switch (outcome.kind) {
    case 'saved': {
      const caughtUp = state.inFlight !== null && sameValues(state.inFlight, state.values);
      const next: State = { ...base, version: outcome.version, attempt: 0, message: '' };
      if (caughtUp) return { state: { ...next, unsent: false, status: 'saved' }, effects: [{ type: 'forget' }] };
      // The juror typed on while it was sent: keep that on the new version and send it too.
      return {
        state: { ...next, status: 'saving' },
        effects: [
          { type: 'keep', draft: { base: outcome.version, values: state.values } },
          { type: 'wait', ms: DEBOUNCE_MS },
        ],
      };
    }
    case 'network':
    case 'busy': {
      const attempt = state.attempt + 1;
      return {
        state: { ...base, attempt, status: 'offline' },
        effects: [{ type: 'wait', ms: backoff(attempt) }],
      };
    }
    case 'signedOut':
      return { state: { ...base, status: 'signedOut' }, effects: [] };
    case 'conflict':
      return {
        state: { ...base, status: 'conflict', conflict: { version: outcome.version, values: outcome.values } },
        effects: [],
      };
    case 'refused':
      return { state: { ...base, status: 'refused', message: outcome.message }, effects: [] };
  }
}

/** One step of the machine: the next state and the effects to carry out, in order. */
export function step(state: State, event: Event): { state: State; effects: Effect[] } {
  switch (event.type) {
    case 'edit': {
      // The same values again (a `change` after its `input`, a blur): already kept, nothing to do.
      if (sameValues(event.values, state.values)) return { state, effects: [] };
      const next: State = { ...state, values: event.values, unsent: true };
      const effects: Effect[] = [{ type: 'keep', draft: { base: state.version, values: event.values } }];
      // Kept, but not sent: while the juror chooses after a conflict, or is signed out (sent on `retry`),
      // or a save is in flight (sent when it ends).
      if (state.status === 'conflict' || state.status === 'signedOut' || state.inFlight)
        return { state: next, effects };
      if (state.status === 'offline') return { state: next, effects };
      return {
        state: { ...next, status: 'saving', message: '' },
        effects: [...effects, { type: 'wait', ms: DEBOUNCE_MS }],
      };
    }
    case 'due':
      if (!state.unsent || state.inFlight || state.status === 'conflict' || state.status === 'signedOut')
        return { state, effects: [] };
      if (state.status === 'refused') return { state, effects: [] };
      return send(state);
    case 'retry':
      if (!state.unsent || state.inFlight || state.status === 'conflict' || state.status === 'refused')
        return { state, effects: [] };
      return send({ ...state, attempt: 0 });
    case 'answer':
      return answered(state, event.outcome);
    case 'resolve': {
      if (!state.conflict) return { state, effects: [] };
      const { version, values } = state.conflict;
      if (event.keep) {
        const next: State = { ...state, version, conflict: null, status: 'saving', attempt: 0 };
        return {
          state: { ...next, inFlight: next.values },
          effects: [
            { type: 'keep', draft: { base: version, values: next.values } },
            { type: 'send', version, values: next.values },
          ],
        };
      }
      return {
        state: { ...state, version, values, conflict: null, unsent: false, status: 'saved' },
        effects: [{ type: 'fill', values }, { type: 'forget' }],
      };
    }
  }
}

/** A stored review as the API returns it (`ReviewView`), reduced to what the form holds. */
export interface ReviewLike {
  version: number;
  scores: Record<string, number | null>;
  verdict: 'yes' | 'no' | null;
  rank: number | null;
  abstained: boolean;
  commentForJury: string;
  commentForEntrant: string;
}

/** A stored review as form values (an abstention on a criterion is `abstain`). */
export function reviewValues(review: ReviewLike): Values {
  const values: Values = {
    verdict: review.verdict ?? '',
    rank: review.rank === null ? '' : String(review.rank),
    abstained: review.abstained ? 'on' : '',
    commentForJury: review.commentForJury,
    commentForEntrant: review.commentForEntrant,
  };
  for (const [key, value] of Object.entries(review.scores))
    values[`score.${key}`] = value === null ? 'abstain' : String(value);
  return values;
}

/**
 * The JSON body of an autosave (the review API's `reviewInput`): a draft save that keeps a
 * submitted review submitted. A criterion left unanswered is left out (an empty value would be
 * read as an abstention); only the fields the form has are sent.
 */
export function savePayload(version: number, values: Values, lang: string) {
  const scores: Record<string, string> = {};
  for (const [name, value] of Object.entries(values))
    if (name.startsWith('score.') && value !== '') scores[name.slice(6)] = value;
  return {
    version,
    scores,
    verdict: values.verdict ?? '',
    rank: values.rank ?? '',
    abstained: values.abstained === 'on',
    commentForJury: values.commentForJury ?? '',
    commentForEntrant: values.commentForEntrant ?? '',
    submit: false,
    autosave: true,
    lang,
  };
}

/**
 * How a save's answer ends for the machine: `status` is the HTTP status, or null when the
 * request never got an answer (offline, dropped); `body` the JSON body when there was one.
 * 409 with a stored review in `details.current` is a conflict; other 4xx are refusals with the
 * server's translated message; 5xx, 429 and 408 are a busy server (retried).
 */
export function outcomeOf(status: number | null, body: unknown): Outcome {
  if (status === null) return { kind: 'network' };
  const b = (body ?? {}) as {
    review?: { version?: number };
    code?: string;
    message?: string;
    details?: { current?: ReviewLike };
  };
  if (status >= 200 && status < 300 && typeof b.review?.version === 'number')
    return { kind: 'saved', version: b.review.version };
  if (status === 401) return { kind: 'signedOut' };
  if (status === 409 && b.details?.current)
    return { kind: 'conflict', version: b.details.current.version, values: reviewValues(b.details.current) };
  if (status >= 500 || status === 429 || status === 408 || status < 400) return { kind: 'busy' };
  return { kind: 'refused', message: b.message ?? '' };
}

/** What every draft's localStorage key starts with (`spotlight-review:<juror>:<round>:<entry>`). */
export const DRAFT_PREFIX = keptPrefixes.review;
/** Drafts kept on a device longer than this (14 days, in ms) are deleted when the scoring screen loads. */
export const DRAFT_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * The keys of this device's drafts among `keys` (all of localStorage's keys): what signing out
 * deletes, so the next person at a shared computer does not find a juror's notes.
 */
export function draftKeys(keys: readonly string[]): string[] {
  return keys.filter((k) => k.startsWith(DRAFT_PREFIX));
}

/**
 * The drafts to delete when the scoring screen loads: those older than {@link DRAFT_MAX_AGE_MS}
 * at `now` (ms since the epoch), by the `at` (ms) each was kept at, and those whose age cannot be
 * read (not JSON, no `at`). `stored` is `[key, value]` for every localStorage entry; other keys
 * are left alone. A draft exactly 14 days old stays.
 */
export function staleDraftKeys(stored: readonly (readonly [string, string | null])[], now: number): string[] {
  return stored
    .filter(([key, value]) => {
      if (!key.startsWith(DRAFT_PREFIX)) return false;
      let at: unknown;
      try {
        at = (JSON.parse(value ?? 'null') as { at?: unknown } | null)?.at;
      } catch {
        return true;
      }
      return typeof at !== 'number' || !Number.isFinite(at) || now - at > DRAFT_MAX_AGE_MS;
    })
    .map(([key]) => key);
}
