import { describe, expect, it } from 'vitest';
import {
  backoff,
  type Effect,
  type Event,
  outcomeOf,
  reviewValues,
  sameValues,
  savePayload,
  type State,
  start,
  step,
  DRAFT_MAX_AGE_MS,
  draftKeys,
  staleDraftKeys,
} from './review-autosave.ts';

const empty = { 'score.accuracy': '', commentForJury: '', commentForEntrant: '', abstained: '' };
const typed = { ...empty, 'score.accuracy': '4', commentForJury: 'Careful.' };

/** Runs events from a state; returns every step's status and effects, and the last state. */
function run(state: State, events: Event[]) {
  const trace: { status: string; effects: Effect[] }[] = [];
  for (const event of events) {
    const next = step(state, event);
    state = next.state;
    trace.push({ status: state.status, effects: next.effects });
  }
  return { state, trace };
}

describe('backoff', () => {
  it('doubles from 1 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(backoff)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});

describe('sameValues', () => {
  it('compares trimmed text and treats a missing field as empty', () => {
    expect(sameValues({ a: 'x ', b: '' }, { a: 'x' })).toBe(true);
    expect(sameValues({ a: 'x' }, { a: 'y' })).toBe(false);
    expect(sameValues({ 'score.a': '4' }, {})).toBe(false);
  });
});

describe('start', () => {
  it('with nothing kept, shows the server: saved when a review exists, nothing when none', () => {
    expect(start({ version: 0, values: empty }, null)).toEqual({
      state: {
        status: 'idle',
        version: 0,
        values: empty,
        unsent: false,
        inFlight: null,
        attempt: 0,
        conflict: null,
        message: '',
      },
      effects: [],
    });
    expect(start({ version: 3, values: empty }, null).state.status).toBe('saved');
  });

  it('forgets a kept draft that says what the server says (trimmed)', () => {
    const { state, effects } = start(
      { version: 4, values: typed },
      { base: 3, values: { ...typed, commentForJury: 'Careful.\n' } },
    );
    expect(effects).toEqual([{ type: 'forget' }]);
    expect(state.status).toBe('saved');
  });

  it('puts back and sends a draft kept on the server version (after signing in again, or a reload offline)', () => {
    const { state, effects } = start({ version: 2, values: empty }, { base: 2, values: typed });
    expect(effects).toEqual([
      { type: 'fill', values: typed },
      { type: 'wait', ms: 0 },
    ]);
    expect(state).toMatchObject({ status: 'saving', version: 2, values: typed, unsent: true });
    const sent = step(state, { type: 'due' });
    expect(sent.effects).toEqual([{ type: 'send', version: 2, values: typed }]);
  });

  it('shows a draft kept on an older version beside the newer saved one, sending nothing', () => {
    const saved = { ...empty, commentForJury: 'From the other tab.' };
    const { state, effects } = start({ version: 5, values: saved }, { base: 4, values: typed });
    expect(effects).toEqual([{ type: 'fill', values: typed }]);
    expect(state).toMatchObject({
      status: 'conflict',
      version: 5,
      values: typed,
      conflict: { version: 5, values: saved },
    });
    expect(step(state, { type: 'due' }).effects).toEqual([]);
  });
});

describe('step', () => {
  const fresh = start({ version: 0, values: empty }, null).state;

  it('keeps each change on the device, sends it after the pause, and forgets it once saved', () => {
    const { trace, state } = run(fresh, [
      { type: 'edit', values: typed },
      { type: 'due' },
      { type: 'answer', outcome: { kind: 'saved', version: 1 } },
    ]);
    expect(trace).toEqual([
      {
        status: 'saving',
        effects: [
          { type: 'keep', draft: { base: 0, values: typed } },
          { type: 'wait', ms: 800 },
        ],
      },
      { status: 'saving', effects: [{ type: 'send', version: 0, values: typed }] },
      { status: 'saved', effects: [{ type: 'forget' }] },
    ]);
    expect(state).toMatchObject({ version: 1, unsent: false, inFlight: null, attempt: 0 });
  });

  it('offline: says so, keeps the text, retries 1 s, 2 s, 4 s later, and at once when the connection returns', () => {
    const more = { ...typed, commentForJury: 'Careful. More.' };
    const { trace, state } = run(fresh, [
      { type: 'edit', values: typed },
      { type: 'due' },
      { type: 'answer', outcome: { kind: 'network' } },
      { type: 'due' },
      { type: 'answer', outcome: { kind: 'network' } },
      { type: 'edit', values: more },
      { type: 'due' },
      { type: 'answer', outcome: { kind: 'busy' } },
      { type: 'retry' },
      { type: 'answer', outcome: { kind: 'saved', version: 1 } },
    ]);
    expect(trace.map((t) => [t.status, t.effects])).toEqual([
      [
        'saving',
        [
          { type: 'keep', draft: { base: 0, values: typed } },
          { type: 'wait', ms: 800 },
        ],
      ],
      ['saving', [{ type: 'send', version: 0, values: typed }]],
      ['offline', [{ type: 'wait', ms: 1000 }]],
      ['offline', [{ type: 'send', version: 0, values: typed }]],
      ['offline', [{ type: 'wait', ms: 2000 }]],
      // Typing while offline is kept, and goes with the next attempt (the timer already runs).
      ['offline', [{ type: 'keep', draft: { base: 0, values: more } }]],
      ['offline', [{ type: 'send', version: 0, values: more }]],
      ['offline', [{ type: 'wait', ms: 4000 }]],
      ['offline', [{ type: 'send', version: 0, values: more }]],
      ['saved', [{ type: 'forget' }]],
    ]);
    expect(state).toMatchObject({ version: 1, values: more, unsent: false, attempt: 0 });
  });

  it('the same values again (a change event after its input, a blur) do nothing, even while unsent', () => {
    const edited = step(fresh, { type: 'edit', values: typed }).state;
    expect(step(edited, { type: 'edit', values: { ...typed, commentForJury: 'Careful. ' } })).toEqual({
      state: edited,
      effects: [],
    });
  });

  it('typing while a save is in flight is kept and sent on the new version after it', () => {
    const more = { ...typed, commentForJury: 'Careful. More.' };
    const { trace } = run(fresh, [
      { type: 'edit', values: typed },
      { type: 'due' },
      { type: 'edit', values: more },
      { type: 'due' },
      { type: 'answer', outcome: { kind: 'saved', version: 1 } },
      { type: 'due' },
      { type: 'answer', outcome: { kind: 'saved', version: 2 } },
    ]);
    expect(trace.slice(2).map((t) => [t.status, t.effects])).toEqual([
      ['saving', [{ type: 'keep', draft: { base: 0, values: more } }]],
      ['saving', []],
      [
        'saving',
        [
          { type: 'keep', draft: { base: 1, values: more } },
          { type: 'wait', ms: 800 },
        ],
      ],
      ['saving', [{ type: 'send', version: 1, values: more }]],
      ['saved', [{ type: 'forget' }]],
    ]);
  });

  it('signed out: keeps the text, sends nothing until the page is back (signed in), then saves', () => {
    const more = { ...typed, commentForJury: 'Careful. More.' };
    const { trace } = run(fresh, [
      { type: 'edit', values: typed },
      { type: 'due' },
      { type: 'answer', outcome: { kind: 'signedOut' } },
      { type: 'edit', values: more },
      { type: 'due' },
      { type: 'retry' },
      { type: 'answer', outcome: { kind: 'saved', version: 1 } },
    ]);
    expect(trace.slice(2).map((t) => [t.status, t.effects])).toEqual([
      ['signedOut', []],
      ['signedOut', [{ type: 'keep', draft: { base: 0, values: more } }]],
      ['signedOut', []],
      ['signedOut', [{ type: 'send', version: 0, values: more }]],
      ['saved', [{ type: 'forget' }]],
    ]);
  });

  it('a newer version saved elsewhere is shown; keeping mine saves it over that version, taking theirs fills the form', () => {
    const theirs = { ...empty, commentForJury: 'From the other tab.' };
    const conflicted = run(fresh, [
      { type: 'edit', values: typed },
      { type: 'due' },
      { type: 'answer', outcome: { kind: 'conflict', version: 3, values: theirs } },
      { type: 'edit', values: { ...typed, commentForEntrant: 'Thanks.' } },
      { type: 'due' },
    ]);
    expect(conflicted.trace.slice(2).map((t) => [t.status, t.effects])).toEqual([
      ['conflict', []],
      ['conflict', [{ type: 'keep', draft: { base: 0, values: { ...typed, commentForEntrant: 'Thanks.' } } }]],
      ['conflict', []],
    ]);
    const mine = { ...typed, commentForEntrant: 'Thanks.' };
    expect(step(conflicted.state, { type: 'resolve', keep: true })).toEqual({
      state: {
        status: 'saving',
        version: 3,
        values: mine,
        unsent: true,
        inFlight: mine,
        attempt: 0,
        conflict: null,
        message: '',
      },
      effects: [
        { type: 'keep', draft: { base: 3, values: mine } },
        { type: 'send', version: 3, values: mine },
      ],
    });
    expect(step(conflicted.state, { type: 'resolve', keep: false })).toEqual({
      state: {
        status: 'saved',
        version: 3,
        values: theirs,
        unsent: false,
        inFlight: null,
        attempt: 0,
        conflict: null,
        message: '',
      },
      effects: [{ type: 'fill', values: theirs }, { type: 'forget' }],
    });
  });

  it('a refused save (round closed) keeps the text and says why; the next change tries again', () => {
    const { trace } = run(fresh, [
      { type: 'edit', values: typed },
      { type: 'due' },
      { type: 'answer', outcome: { kind: 'refused', message: 'This round is closed.' } },
      { type: 'due' },
      { type: 'retry' },
      { type: 'edit', values: { ...typed, commentForJury: 'x' } },
    ]);
    expect(trace.slice(2).map((t) => [t.status, t.effects.map((e) => e.type)])).toEqual([
      ['refused', []],
      ['refused', []],
      ['refused', []],
      ['saving', ['keep', 'wait']],
    ]);
  });
});

describe('outcomeOf', () => {
  const current = {
    version: 7,
    scores: { accuracy: 4, craft: null },
    verdict: null,
    rank: null,
    abstained: false,
    commentForJury: 'Saved elsewhere.',
    commentForEntrant: '',
  };
  it('reads each kind of answer', () => {
    expect(outcomeOf(null, null)).toEqual({ kind: 'network' });
    expect(outcomeOf(200, { status: 'saved', review: { version: 2 } })).toEqual({ kind: 'saved', version: 2 });
    expect(outcomeOf(401, { code: 'auth.required' })).toEqual({ kind: 'signedOut' });
    expect(outcomeOf(409, { code: 'jury.versionConflict', details: { current } })).toEqual({
      kind: 'conflict',
      version: 7,
      values: {
        verdict: '',
        rank: '',
        abstained: '',
        commentForJury: 'Saved elsewhere.',
        commentForEntrant: '',
        'score.accuracy': '4',
        'score.craft': 'abstain',
      },
    });
    expect(outcomeOf(409, { code: 'jury.roundClosed', message: 'Closed.' })).toEqual({
      kind: 'refused',
      message: 'Closed.',
    });
    expect(outcomeOf(503, null)).toEqual({ kind: 'busy' });
    expect(outcomeOf(429, { message: 'Too many' })).toEqual({ kind: 'busy' });
    // A proxy's 200 without a review is not a save.
    expect(outcomeOf(200, '<html>')).toEqual({ kind: 'busy' });
  });
});

describe('savePayload and reviewValues', () => {
  it('leaves unanswered criteria out and marks the save as an autosave', () => {
    expect(savePayload(3, { ...typed, 'score.craft': 'abstain', abstained: 'on' }, 'uk')).toEqual({
      version: 3,
      scores: { accuracy: '4', craft: 'abstain' },
      verdict: '',
      rank: '',
      abstained: true,
      commentForJury: 'Careful.',
      commentForEntrant: '',
      submit: false,
      autosave: true,
      lang: 'uk',
    });
  });
  it('turns a stored screening review into form values', () => {
    expect(
      reviewValues({
        version: 1,
        scores: {},
        verdict: 'yes',
        rank: 2,
        abstained: true,
        commentForJury: 'a',
        commentForEntrant: 'b',
      }),
    ).toEqual({ verdict: 'yes', rank: '2', abstained: 'on', commentForJury: 'a', commentForEntrant: 'b' });
  });
});

describe('drafts on a shared device', () => {
  const NOW = Date.parse('2026-11-29T12:00:00Z');
  const draft = (at: unknown) => JSON.stringify({ base: 1, values: { commentForJury: 'notes' }, at });

  it('deletes every draft on sign-out and nothing else', () => {
    expect(
      draftKeys([
        'spotlight-review:j1:r1:e1',
        'theme',
        'spotlight-review:j2:r1:e9',
        'xspotlight-review:',
        'spotlight-reviews',
      ]),
    ).toEqual(['spotlight-review:j1:r1:e1', 'spotlight-review:j2:r1:e9']);
    expect(draftKeys([])).toEqual([]);
  });

  it('expires drafts older than 14 days, and those whose age cannot be read, when the screen loads', () => {
    expect(DRAFT_MAX_AGE_MS).toBe(1_209_600_000);
    expect(
      staleDraftKeys(
        [
          ['spotlight-review:j:r:fresh', draft(NOW - 60_000)],
          ['spotlight-review:j:r:exactly14', draft(NOW - DRAFT_MAX_AGE_MS)],
          ['spotlight-review:j:r:old', draft(NOW - DRAFT_MAX_AGE_MS - 1)],
          ['spotlight-review:j:r:noAt', JSON.stringify({ base: 1, values: {} })],
          ['spotlight-review:j:r:textAt', draft('2026-01-01')],
          ['spotlight-review:j:r:broken', '{not json'],
          ['spotlight-review:j:r:null', null],
          ['other', draft(0)],
        ],
        NOW,
      ),
    ).toEqual([
      'spotlight-review:j:r:old',
      'spotlight-review:j:r:noAt',
      'spotlight-review:j:r:textAt',
      'spotlight-review:j:r:broken',
      'spotlight-review:j:r:null',
    ]);
  });
});
