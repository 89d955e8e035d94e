import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_PUSH_EVENTS, PushResponse } from '../../shared/sync.ts';
import { clearDatabase, db } from '../db/database.ts';
import { acceptAll, fakeServer, json } from '../test-support/fake-server.ts';
import { storeRun } from '../test-support/runs.ts';
import { syncServer } from '../test-support/sync-server.ts';
import { SyncEngine } from './engine.ts';
import { requestJson } from './http.ts';
import { applyVerdicts } from './outbox.ts';
import { pushPending } from './push.ts';

// The real outbox, observed: one test slows down the storing of a batch's acks.
vi.mock('./outbox.ts', async (importActual) => {
  const actual = await importActual<typeof import('./outbox.ts')>();
  return { ...actual, applyVerdicts: vi.fn(actual.applyVerdicts) };
});

const DEVICE = '0190c000-0000-7000-8000-000000000001';
const syncStates = async () => (await db.events.orderBy('deviceSeq').toArray()).map((e) => e.sync);

beforeEach(clearDatabase);
afterEach(() => vi.useRealTimers());

describe('push', () => {
  it('sends pending events in device order, in batches of at most MAX_PUSH_EVENTS, and acks them', async () => {
    const total = 2 * MAX_PUSH_EVENTS + 50;
    await storeRun({ steps: total - 1 });
    const server = fakeServer();
    const result = await pushPending(server.fetch, DEVICE);
    expect(result).toEqual({ ok: true, value: { batches: 3, settled: total, epochChanged: false } });
    expect(server.pushes.map((p) => p.events.length)).toEqual([MAX_PUSH_EVENTS, MAX_PUSH_EVENTS, 50]);
    const sent = server.pushes.flatMap((p) => p.events.map((e) => (e as { deviceSeq: number }).deviceSeq));
    expect(sent).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(await syncStates())).toEqual(new Set(['acked']));
    expect(Object.keys(server.pushes[0]?.events[0] as object)).not.toContain('sync');
  });

  it.each([
    [
      'an HTML body',
      () => new Response('<html>portal</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    ],
    ['a 500', () => json({ error: 'boom', message: 'boom' }, 500)],
    ['a body that fails the schema', () => json({ ok: true })],
  ])('leaves events pending on %s', async (_name, answer) => {
    await storeRun({ steps: 2 });
    const server = fakeServer();
    server.push = answer;
    const result = await pushPending(server.fetch, DEVICE);
    expect(result.ok).toBe(false);
    expect(await syncStates()).toEqual(['pending', 'pending', 'pending']);
  });

  it('leaves events pending when the response echoes another batchId', async () => {
    await storeRun({ steps: 1 });
    const server = fakeServer();
    server.push = (request) => acceptAll(request, { batchId: '0190c000-0000-7000-8000-00000000ffff' });
    expect(await pushPending(server.fetch, DEVICE)).toEqual({ ok: false, reason: 'mismatch' });
    expect(await syncStates()).toEqual(['pending', 'pending']);
  });

  it('leaves events without a status pending and does not resend them in a loop', async () => {
    await storeRun({ steps: 2 });
    const server = fakeServer();
    server.push = (request) => acceptAll({ ...request, events: request.events.slice(0, 1) });
    await pushPending(server.fetch, DEVICE);
    expect(server.pushes).toHaveLength(1);
    expect(await syncStates()).toEqual(['acked', 'pending', 'pending']);
  });

  it('leaves events pending when offline', async () => {
    await storeRun();
    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await pushPending(offline, DEVICE)).toEqual({ ok: false, reason: 'offline' });
    expect(await syncStates()).toEqual(['pending']);
  });

  it('marks a rejected event with its code, keeps it, and the next batch still goes', async () => {
    await storeRun({ steps: MAX_PUSH_EVENTS + 49 });
    const server = fakeServer();
    server.push = (request) => {
      const response = acceptAll(request);
      if (server.pushes.length > 1) return response;
      const [first, ...rest] = request.events as { id: string }[];
      return acceptAll(request, {
        results: [
          { id: first?.id ?? '', status: 'rejected', code: 'unknown_sop_version', message: 'no such version' },
          ...rest.map((e) => ({ id: e.id, status: 'accepted' as const })),
        ],
      });
    };
    expect(await pushPending(server.fetch, DEVICE)).toEqual({
      ok: true,
      value: { batches: 2, settled: MAX_PUSH_EVENTS + 50, epochChanged: false },
    });
    const rows = await db.events.orderBy('deviceSeq').toArray();
    expect(rows[0]).toMatchObject({
      sync: 'rejected',
      rejectCode: 'unknown_sop_version',
      rejectMessage: 'no such version',
    });
    expect(rows.slice(1).every((r) => r.sync === 'acked')).toBe(true);
    expect(await pushPending(server.fetch, DEVICE)).toEqual({
      ok: true,
      value: { batches: 0, settled: 0, epochChanged: false },
    });
  });

  it('stores the acks of one batch while the next is in flight, with one batch in flight at a time', async () => {
    await storeRun({ steps: MAX_PUSH_EVENTS + 9 });
    const server = syncServer();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.delay = () => (server.pushes.length === 2 ? held : Promise.resolve());
    const pass = pushPending(server.fetch, DEVICE);
    await expect.poll(() => server.pushes.length).toBe(2);
    await expect.poll(() => db.events.where('sync').equals('acked').count()).toBe(MAX_PUSH_EVENTS);
    expect(server.inFlight).toBe(1);
    release();
    expect(await pass).toEqual({
      ok: true,
      value: { batches: 2, settled: MAX_PUSH_EVENTS + 10, epochChanged: false },
    });
    expect(server.maxInFlight).toBe(1);
    expect(new Set(await syncStates())).toEqual(new Set(['acked']));
  });

  it('pushes a batch acked by the old server again when the epoch changes before the next batch', async () => {
    await storeRun({ steps: MAX_PUSH_EVENTS + 9 });
    const server = syncServer();
    // The first batch's acks are still being stored when the second answer arrives.
    const { applyVerdicts: store } = await vi.importActual<typeof import('./outbox.ts')>('./outbox.ts');
    vi.mocked(applyVerdicts).mockImplementationOnce(async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return store(...args);
    });
    const restoredBetweenBatches: typeof server.fetch = (input, init) => {
      if (server.pushes.length === 1 && server.epoch === 'epoch-1') {
        server.epoch = 'epoch-2';
        server.stored.clear();
      }
      return server.fetch(input, init);
    };
    expect(await pushPending(restoredBetweenBatches, DEVICE)).toEqual({
      ok: true,
      value: { batches: 3, settled: 2 * MAX_PUSH_EVENTS + 10, epochChanged: true },
    });
    expect(server.stored.size).toBe(MAX_PUSH_EVENTS + 10);
    expect(new Set(await syncStates())).toEqual(new Set(['acked']));
  });

  it('never runs two syncs at once', async () => {
    await storeRun();
    const server = fakeServer();
    const engine = new SyncEngine({ fetch: server.fetch, locks: null });
    const [a, b] = await Promise.all([engine.sync('manual'), engine.sync('interval')]);
    expect(a).toEqual({ ok: true });
    expect(b).toEqual({ ok: true });
    // The second trigger joined the first pass and asked for one more, which found nothing.
    expect(server.pushes).toHaveLength(1);
    await expect.poll(() => server.pulls.length).toBe(2);
    expect(server.pushes).toHaveLength(1);
  });
});

describe('requestJson', () => {
  it('gives up after 30 s with a timeout', async () => {
    vi.useFakeTimers();
    const hanging = (_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const pending = requestJson(hanging, '/api/sync/push', {}, PushResponse);
    await vi.advanceTimersByTimeAsync(29_999);
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({ ok: false, reason: 'timeout' });
  });
});
