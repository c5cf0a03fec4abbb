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
