import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseVtt } from './vtt.ts';

describe('parseVtt', () => {
  it('reads cues with ids, settings and multi-line text', () => {
    const vtt =
      'WEBVTT\n\n1\n00:00:00.500 --> 00:00:07.500 line:90%\n[Music]\nHello\n\n00:01:08.000 --> 00:01:15.000\nSecond';
    expect(parseVtt(vtt)).toEqual([
      { start: 0, end: 8, text: '[Music] Hello', id: '1' },
      { start: 68, end: 75, text: 'Second' },
    ]);
  });
  it('formats timestamps', () => {
    expect([0, 8, 75, 3600].map(formatTimestamp)).toEqual(['0:00', '0:08', '1:15', '60:00']);
  });
});
