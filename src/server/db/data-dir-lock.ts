/**
 * Exclusive ownership of a PGlite data directory.
 *
 * PGlite has no cross-process lock: a second process opening the same data directory
 * corrupts it silently. So the server claims the directory with a lock file holding its
 * pid, created atomically (`wx`: fails if it exists). An existing lock whose pid is alive
 * means another server owns the directory (clear error); a lock left by a dead pid (a
 * crash, a kill -9) is stale and taken over. The lock is removed on close, and only by
 * the process that holds it.
 */
import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'fieldbook.lock';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`data directory ${dataDir} is in use by another Fieldbook server (pid ${pid})`);
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

const errorCode = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;

/** True when a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** The pid in a lock file, 'gone' if there is no file, 'unreadable' if it holds no pid. */
function readLockPid(path: string): number | 'gone' | 'unreadable' {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : 'unreadable';
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    throw error;
  }
}

function tryCreate(path: string): boolean {
  try {
    writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Claims `dataDir` for this process, or throws DataDirInUseError. */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  // Two attempts: the second one follows the removal of a stale lock. If another process
  // takes the lock in between, the second `wx` fails and we report that process.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path)) return { path, release: () => releaseLock(path) };
    const pid = readLockPid(path);
    if (pid === 'unreadable') {
      // A lock being written right now, or garbage: refuse rather than risk two owners.
      throw new Error(`data directory ${dir} has an unreadable lock file ${path}; remove it if no server is running`);
    }
    if (pid === 'gone') continue;
    if (isProcessAlive(pid)) throw new DataDirInUseError(dir, pid);
    rmSync(path, { force: true });
  }
  throw new Error(`could not lock data directory ${dir}`);
}

function releaseLock(path: string): void {
  // Remove the file only if it is still ours: never delete a lock another server took over.
  if (readLockPid(path) === process.pid) unlinkSync(path);
}
