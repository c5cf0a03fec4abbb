/** One cue of a WebVTT file. */
export interface Cue {
  /** Start in whole seconds. */
  start: number;
  end: number;
  text: string;
}

const toSeconds = (stamp: string): number => {
  const parts = stamp.split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
};

/** Parses the cues of a WebVTT file (captions or chapters); cue settings and ids are ignored. */
export function parseVtt(source: string): Cue[] {
  return source
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .flatMap((block) => {
      const lines = block.split('\n');
      const timing = lines.findIndex((l) => l.includes('-->'));
      if (timing < 0) return [];
      const [from = '', to = ''] = lines[timing]!.split('-->').map((s) => s.trim().split(/\s+/)[0] ?? '');
      return [{ start: Math.floor(toSeconds(from)), end: Math.ceil(toSeconds(to)), text: lines.slice(timing + 1).join(' ').trim() }];
    });
}

/** 75 → "1:15". */
export const formatTimestamp = (seconds: number): string => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
