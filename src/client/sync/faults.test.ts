/**
 * Fault tests of the sync engine against an idempotent in-memory server validated with
 * the shared schemas. Each test names the failure it guards.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearDatabase, db } from '../db/database.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import { recordEvents } from '../db/record.ts';
import { json } from '../test-support/fake-server.ts';
import { storeRun } from '../test-support/runs.ts';
import { sharedLock, syncServer } from '../test-support/sync-server.ts';
import { cacheSignedIn, isSignInRequired } from '../auth/account-store.ts';
import { cacheAccount, testAccount } from '../test-support/accounts.ts';
import { SyncEngine } from './engine.ts';
import { getSyncRuntime, updateSyncRuntime } from './status.ts';

const states = async () => (await db.events.orderBy('deviceSeq').toArray()).map((e) => e.sync);
const countBy = async (sync: 'pending' | 'acked' | 'rejected') => db.events.where('sync').equals(sync).count();
const never = () => new Promise<void>(() => undefined);
const FAKE: Parameters<typeof vi.useFakeTimers>[0] = {
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
};

beforeEach(async () => {
  await clearDatabase();
  updateSyncRuntime({ lastError: null, block: null, nextAttemptAt: null, online: true });
});
afterEach(() => vi.useRealTimers());

describe('sync faults', () => {
  it('reload in the middle of a push: the new page resends, the server answers duplicate, nothing doubles', async () => {
    await storeRun({ steps: 9 });
    const server = syncServer();
    server.delay = never; // the server stores the batch, but the answer never arrives
    const firstPage = new SyncEngine({ fetch: server.fetch, locks: null });
    void firstPage.sync('start');
    await expect.poll(() => server.stored.size).toBe(10);
    expect(await countBy('pending')).toBe(10);

    server.delay = async () => undefined;
    const reloaded = new SyncEngine({ fetch: server.fetch, locks: null });
    expect(await reloaded.sync('start')).toEqual({ ok: true });
    expect(await db.events.count()).toBe(10);
    expect(await countBy('acked')).toBe(10);
    expect(server.stored.size).toBe(10);
    expect(server.received).toHaveLength(20);
  });

  it('event 3 of 10 rejected: nine acked, one needs attention, the next batch flows', async () => {
    const runId = await storeRun({ steps: 9 });
    const third = (await db.events.where('deviceSeq').equals(3).first())?.id ?? '';
    const server = syncServer();
    server.refuse.add(third);
    const engine = new SyncEngine({ fetch: server.fetch, locks: null });
    expect(await engine.sync('start')).toEqual({ ok: true });
    expect(await states()).toEqual(['acked', 'acked', 'rejected', ...Array(7).fill('acked')]);
    expect((await db.events.get(third))?.rejectCode).toBe('forbidden');

    await recordEvents(runId, [{ type: 'run_paused', payload: {} }]);
    expect(await engine.sync('write')).toEqual({ ok: true });
    expect(server.pushes.at(-1)?.events).toHaveLength(1);
    expect(await countBy('acked')).toBe(10);
    expect(await countBy('rejected')).toBe(1);
  });

  it('new server epoch (restored backup): cursor back to 0 and every retained event pushed again', async () => {
    await storeRun({ steps: 4 });
    const server = syncServer();
    const engine = new SyncEngine({ fetch: server.fetch, locks: null });
    await engine.sync('start');
    await setMeta('pullCursor', '42');
    expect(await getMeta('serverEpoch')).toBe('epoch-1');

    server.stored.clear(); // the restored server lost them
    server.epoch = 'epoch-2';
    await recordEvents((await db.runs.toCollection().first())?.id ?? '', [{ type: 'run_paused', payload: {} }]);
    expect(await engine.sync('manual')).toEqual({ ok: true });
    expect(await getMeta('serverEpoch')).toBe('epoch-2');
    expect(await getMeta('pullCursor')).toBe('0');
    expect(server.stored.size).toBe(6);
    expect(await countBy('acked')).toBe(6);
  });

  it('426: keeps the outbox, asks for an update with the minimum, and stops pushing until reload', async () => {
    await storeRun({ steps: 2 });
    const server = syncServer();
    server.fail = () => json({ error: 'unsupported_protocol', message: 'too old', minimum: 2, maximum: 3 }, 426);
    const engine = new SyncEngine({ fetch: server.fetch, locks: null });
    expect(await engine.sync('start')).toMatchObject({ ok: false, reason: 'update_required' });
    expect(getSyncRuntime().block).toEqual({ kind: 'update_required', minimum: 2 });
    server.fail = null;
    expect(await engine.sync('manual')).toMatchObject({ ok: false, reason: 'update_required' });
    expect(server.pushes).toHaveLength(1);
    expect(await states()).toEqual(['pending', 'pending', 'pending']);
  });

  it('401: keeps everything, shows "sign in again", and clears it after a good sync', async () => {
    await storeRun({ steps: 2 });
    const server = syncServer();
    server.fail = () => json({ error: 'unauthorized', message: 'sign in' }, 401);
    const engine = new SyncEngine({ fetch: server.fetch, locks: null });
    expect(await engine.sync('start')).toMatchObject({ ok: false, reason: 'sign_in_required' });
    expect(getSyncRuntime().block).toEqual({ kind: 'sign_in_required' });
    expect(await states()).toEqual(['pending', 'pending', 'pending']);
    server.fail = null;
    expect(await engine.sync('manual')).toEqual({ ok: true });
    expect(getSyncRuntime().block).toBeNull();
  });

  it('401: no retry timer nor automatic attempt until a sign-in, which sends everything at once', async () => {
    vi.useFakeTimers(FAKE);
    expect(document.visibilityState).toBe('visible');
    const account = await cacheAccount(testAccount('technician'));
    const runId = await storeRun({ steps: 4 });
    const server = syncServer();
    server.fail = () => json({ error: 'unauthenticated', message: 'sign in' }, 401);
    const engine = new SyncEngine({ fetch: server.fetch, locks: null });
    const stop = engine.start();
    await vi.waitFor(() => expect(getSyncRuntime().block).toEqual({ kind: 'sign_in_required' }));
    expect(getSyncRuntime().nextAttemptAt).toBeNull();
    expect(await isSignInRequired()).toBe(true);

    // Taps, the page becoming visible, ten minutes of timers: not one more request.
    await recordEvents(runId, [{ type: 'run_paused', payload: {} }]);
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(server.pushes).toHaveLength(1);
    expect(await countBy('pending')).toBe(6);

    server.fail = null;
    await cacheSignedIn(account);
    await vi.waitFor(async () => expect(await countBy('acked')).toBe(6));
    expect(server.pushes).toHaveLength(2);
    expect(getSyncRuntime().block).toBeNull();
    stop();
  });

  it('401, then a sign-in in another tab: the next automatic trigger resumes', async () => {
    vi.useFakeTimers(FAKE);
    await storeRun({ steps: 1 });
    const server = syncServer();
    server.fail = () => json({ error: 'unauthenticated', message: 'sign in' }, 401);
    const engine = new SyncEngine({ fetch: server.fetch, locks: null });
    expect(await engine.sync('start')).toMatchObject({ reason: 'sign_in_required' });
    expect(await engine.sync('interval')).toMatchObject({ reason: 'sign_in_required' });
    expect(server.pushes).toHaveLength(1);

    server.fail = null;
    await setMeta('signInRequired', false); // what the other tab's sign-in stores
    expect(await engine.sync('interval')).toEqual({ ok: true });
    expect(await countBy('acked')).toBe(2);
  });

  it('Retry-After: automatic triggers wait for it even when the backoff is shorter', async () => {
    vi.useFakeTimers(FAKE);
    await storeRun();
    const server = syncServer();
    server.fail = () => new Response('busy', { status: 503, headers: { 'retry-after': '120' } });
    const engine = new SyncEngine({ fetch: server.fetch, locks: null, random: () => 0 });
    expect(await engine.sync('start')).toMatchObject({ ok: false, reason: 'http', status: 503 });
    server.fail = null;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await engine.sync('interval')).toEqual({ ok: false, reason: 'backoff' });
    expect(await engine.sync('online')).toEqual({ ok: false, reason: 'backoff' });
    expect(server.pushes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.waitFor(async () => expect(await countBy('acked')).toBe(1));
    expect(server.pushes).toHaveLength(2);
  });

  it('backs off exponentially after repeated failures, then recovers', async () => {
    vi.useFakeTimers(FAKE);
    await storeRun();
    const server = syncServer();
    server.fail = () => json({ error: 'down', message: 'down' }, 500);
    const engine = new SyncEngine({ fetch: server.fetch, locks: null, random: () => 0.999 });
    await engine.sync('start');
    for (const wait of [999, 1998, 3996]) {
      const before = server.pushes.length;
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(server.pushes.length).toBe(before);
      await vi.advanceTimersByTimeAsync(1);
      await vi.waitFor(() => expect(server.pushes.length).toBe(before + 1));
    }
    server.fail = null;
    await vi.advanceTimersByTimeAsync(7992);
    await vi.waitFor(async () => expect(await countBy('acked')).toBe(1));
  });

  it('two tabs sharing the lock: one sender at a time, every event received once', async () => {
    await storeRun({ steps: 499 });
    const server = syncServer();
    server.delay = () => new Promise((resolve) => setTimeout(resolve, 5));
    const lock = sharedLock();
    const tabA = new SyncEngine({ fetch: server.fetch, locks: lock });
    const tabB = new SyncEngine({ fetch: server.fetch, locks: lock });
    await Promise.all([tabA.sync('start'), tabB.sync('start'), tabA.sync('online'), tabB.sync('interval')]);
    await expect.poll(() => countBy('acked')).toBe(500);
    expect(server.maxInFlight).toBe(1);
    expect(server.received).toHaveLength(500);
    expect(new Set(server.received).size).toBe(500);
  });

  it('timer and online firing together with a long queue: batches never overlap', async () => {
    vi.useFakeTimers(FAKE);
    await storeRun({ steps: 999 });
    const server = syncServer();
    server.delay = () => new Promise((resolve) => setImmediate(resolve));
    const engine = new SyncEngine({ fetch: server.fetch, locks: null });
    const stop = engine.start();
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(60_000);
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(async () => expect(await countBy('acked')).toBe(1000), { timeout: 10_000 });
    stop();
    expect(server.maxInFlight).toBe(1);
    expect(new Set(server.received).size).toBe(1000);
    expect(server.received).toHaveLength(1000);
  });
});
