/**
 * Starts the real Fieldbook server as a child process (`src/server/main.ts` through tsx)
 * on a free port with a fresh PGlite data dir, and stops it with SIGTERM, as an operator
 * would. Used by browser tests and benchmarks.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSRF_HEADER, CSRF_VALUE, type Role } from '../../src/shared/auth.ts';

export interface RunningServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  /** The demo accounts printed in the start-up log (first start of a data directory only). */
  credentials: () => Map<Role, { email: string; password: string }>;
  /** Signs in as the demo account of `role` (its password read from the start-up log); returns the Cookie header. */
  signIn: (role: Role) => Promise<string>;
  /** A fetch of `url + path` signed in as the demo account of `role`, with the CSRF header. */
  fetcher: (role: Role) => Promise<(path: string, init?: RequestInit) => Promise<Response>>;
  stop: () => Promise<void>;
}

/** The demo accounts the server printed on its first start (see server.ts printDemoCredentials). */
export function demoCredentials(log: string): Map<Role, { email: string; password: string }> {
  const found = new Map<Role, { email: string; password: string }>();
  for (const m of log.matchAll(/^ {2}(owner|author|technician) +(\S+) {2}password: (\S+)$/gm)) {
    found.set(m[1] as Role, { email: m[2] ?? '', password: m[3] ?? '' });
  }
  return found;
}

/** Signs in through the API and returns the session cookie as a Cookie header value. */
export async function signInCookie(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_VALUE },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHealth(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server at ${url} did not become healthy within ${timeoutMs} ms`);
}

export async function startServer(
  opts: { dataDir?: string; env?: Record<string, string>; keepDataDir?: boolean } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'fieldbook-data-'));
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: join(import.meta.dirname, '../..'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      FIELDBOOK_DATA_DIR: dataDir,
      DATABASE_URL: '',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    log += String(d);
  });
  child.stderr?.on('data', (d) => {
    log += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await Promise.race([
      waitForHealth(url),
      exited.then(() => {
        throw new Error(`server exited during start:\n${log}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const signIn = async (role: Role) => {
    const credential = demoCredentials(log).get(role);
    if (!credential) throw new Error(`the server printed no demo ${role} account:\n${log}`);
    return signInCookie(url, credential.email, credential.password);
  };
  return {
    url,
    dataDir,
    process: child,
    output: () => log,
    credentials: () => demoCredentials(log),
    signIn,
    fetcher: async (role) => {
      const cookie = await signIn(role);
      return (path, init = {}) => {
        const headers = new Headers(init.headers);
        headers.set('cookie', cookie);
        headers.set(CSRF_HEADER, CSRF_VALUE);
        return fetch(`${url}${path}`, { ...init, headers });
      };
    },
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      if (!opts.keepDataDir && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
