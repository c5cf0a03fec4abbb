/** One cue of a WebVTT file. */
export interface Cue {
  /** Start in whole seconds. */
  start: number;
  end: number;
  text: string;
  /** The cue identifier line, when the file gives one (chapter ids: `arriving`). */
  id?: string;
}

const toSeconds = (stamp: string): number => {
  const parts = stamp.split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
};

/** Parses the cues of a WebVTT file (captions or chapters); cue settings are ignored. */
export function parseVtt(source: string): Cue[] {
  return source
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .flatMap((block) => {
      const lines = block.split('\n');
      const timing = lines.findIndex((l) => l.includes('-->'));
      if (timing < 0) return [];
      const [from = '', to = ''] = lines[timing]!.split('-->').map((s) => s.trim().split(/\s+/)[0] ?? '');
      const cue: Cue = {
        start: Math.floor(toSeconds(from)),
        end: Math.ceil(toSeconds(to)),
        text: lines
          .slice(timing + 1)
          .join(' ')
          .trim(),
      };
      const id = timing > 0 ? lines[timing - 1]!.trim() : '';
      return [id ? { ...cue, id } : cue];
    });
}

/** 75 → "1:15". */
export const formatTimestamp = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
