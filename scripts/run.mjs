import { spawn, spawnSync } from 'node:child_process';
import { toolEnv } from './env.mjs';

/** Runs a command to completion, inheriting the terminal; exits the script on failure. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: toolEnv, ...options });
  if (result.status !== 0) {
    console.error(`✘ ${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

/** Starts a long-running command and returns the child process. */
export function start(command, args, options = {}) {
  return spawn(command, args, { stdio: 'inherit', env: toolEnv, ...options });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const ANSI = /\u001b\[[0-9;]*m/g;
/** A line of tool output without colour codes. */
export const plain = (line) => line.replace(ANSI, '');
/** Lines that tell a person something went wrong or needs a look: always shown. */
export const isWarning = (line) => /\[WARN\]|\bwarn(ing)?\b|▲|✘|\berror\b/i.test(plain(line));

/**
 * Runs one step of a script quietly: prints `label…` then `✔ label (12 s)`, and of the step's own
 * output only warnings and errors (and, with `echo`, the lines matching it). When the step fails,
 * prints all its output and exits the script.
 * @param {string} label what a person reads, e.g. "Building the site"
 * @param {string} command
 * @param {string[]} args
 * @param {{ echo?: RegExp }} [options]
 */
export function step(label, command, args, { echo, env = {} } = {}) {
  const started = Date.now();
  process.stdout.write(`${label}…\n`);
  const result = spawnSync(command, args, {
    env: { ...toolEnv, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    process.stdout.write(output);
    console.error(`✘ ${label} failed: ${command} ${args.join(' ')} (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  for (const line of output.split('\n')) {
    if (isWarning(line) || echo?.test(plain(line))) process.stdout.write(`  ${line}\n`);
  }
  console.log(`✔ ${label} (${Math.round((Date.now() - started) / 1000)} s)`);
}
