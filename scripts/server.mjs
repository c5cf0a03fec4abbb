import { spawn } from 'node:child_process';
import { toolEnv } from './env.mjs';

/**
 * Starts `wrangler dev` on the built portal and resolves once /api/health answers, so browser
 * tests and benchmarks run against the real Workers runtime.
 */
export async function startServer({ port, persistTo, host = '127.0.0.1', timeoutMs = 90_000 }) {
  const child = spawn(
    'wrangler',
    ['dev', '--ip', host, '--port', String(port), '--persist-to', persistTo, '--log-level', 'warn'],
    {
      env: toolEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = `http://${host}:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return { url, stop, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`wrangler dev did not become ready in ${timeoutMs} ms:\n${output}`);
}
