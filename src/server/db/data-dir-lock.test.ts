import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirInUseError, isProcessAlive, LOCK_FILE } from './data-dir-lock.ts';

let dir: string;
let sleeper: ChildProcess | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fieldbook-lock-'));
});
afterEach(() => {
  sleeper?.kill('SIGKILL');
  sleeper = null;
  rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited (so a lock naming it is stale). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  const pid = Number(child.stdout.toString());
  expect(isProcessAlive(pid)).toBe(false);
  return pid;
}

const lockPath = () => join(dir, LOCK_FILE);

describe('data directory lock', () => {
  it('holds our pid while held and disappears on release', () => {
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(lockPath(), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lockPath())).toBe(false);
  });

  it('creates a data directory that does not exist yet', () => {
    const nested = join(dir, 'a', 'b');
    acquireDataDirLock(nested).release();
    expect(existsSync(nested)).toBe(true);
  });

  it('refuses a directory held by a live process, naming it', () => {
    sleeper = spawn('sleep', ['30']);
    const pid = sleeper.pid ?? 0;
    writeFileSync(lockPath(), `${pid}\n`);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirInUseError);
    expect(() => acquireDataDirLock(dir)).toThrow(
      `data directory ${dir} is in use by another Fieldbook server (pid ${pid})`,
    );
    expect(readFileSync(lockPath(), 'utf8').trim()).toBe(String(pid));
  });

  it('refuses a second lock of the same directory in the same process', () => {
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(`(pid ${process.pid})`);
    lock.release();
  });

  it('takes over a stale lock left by a dead process', () => {
    writeFileSync(lockPath(), `${deadPid()}\n`);
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(lockPath(), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('refuses an unreadable lock rather than guessing', () => {
    writeFileSync(lockPath(), 'garbage');
    expect(() => acquireDataDirLock(dir)).toThrow(/unreadable lock file/);
  });

  it('release never removes a lock that another process took over', () => {
    const lock = acquireDataDirLock(dir);
    sleeper = spawn('sleep', ['30']);
    writeFileSync(lockPath(), `${sleeper.pid}\n`);
    lock.release();
    expect(existsSync(lockPath())).toBe(true);
  });
});
