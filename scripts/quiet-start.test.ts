import { describe, expect, it } from 'vitest';
import config from '../astro.config.mjs';
import { isWarning } from './run.mjs';

type Log = { code?: string; message: string };
type Level = 'info' | 'warn' | 'debug';

describe('a quiet start that still shows real warnings', () => {
  it("drops only the bundler's warning about Astro's own head-inject directive", () => {
    const onLog = config.vite?.build?.rolldownOptions?.onLog as (
      level: Level,
      log: Log,
      handler: (level: Level, log: Log) => void,
    ) => void;
    const shown: Log[] = [];
    const warnings: Log[] = [
      {
        code: 'MODULE_LEVEL_DIRECTIVE',
        message:
          'The semantics of the module level directive "use astro:head-inject" in "content/safe.mdx" may not be preserved when bundling.',
      },
      {
        code: 'MODULE_LEVEL_DIRECTIVE',
        message:
          'The semantics of the module level directive "use client" in "x.js" may not be preserved when bundling.',
      },
      { code: 'CIRCULAR_DEPENDENCY', message: 'Circular dependency: a.ts -> b.ts -> a.ts' },
    ];
    for (const w of warnings) onLog('warn', w, (_level, log) => shown.push(log));
    expect(shown).toEqual(warnings.slice(1));
  });

  it("shows the build's and wrangler's warnings and errors among the steps' output", () => {
    expect(
      [
        '13:36:20 [WARN] [vite] something real',
        '\u001b[33m▲ \u001b[43;33m[\u001b[43;30mWARNING\u001b[43;33m]\u001b[0m a wrangler warning',
        '✘ [ERROR] Build failed',
        '13:36:18 [build] output: "static"',
        '🚣 6 commands executed successfully.',
      ].map(isWarning),
    ).toEqual([true, true, true, false, false]);
  });
});
