import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { deadLetters, devices, runEvents } from '../../src/server/db/schema.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import type { RunEvent } from '../../src/shared/events.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { IDS, RunBuilder, runEvents as buildRun } from '../support/events.ts';
import { type TestDatabase, useFixtureDatabase, openTestDatabase } from '../support/server-db.ts';
import { postJson, push, pushBody, statuses, url } from './http.ts';

let t: TestDatabase;
useFixtureDatabase((opened) => {
  t = opened;
});

const run = (at?: number) => buildRun((b) => b.start().step('a', 1000).step('c', 2000).complete(), at);
const storedCount = async () => (await t.db.select({ id: runEvents.id }).from(runEvents)).length;
const letters = () => t.db.select().from(deadLetters).orderBy(deadLetters.id);

describe('POST /api/sync/push', () => {
  it('accepts new events, echoes the batch id and reports the device coverage', async () => {
    const events = run();
    const batchId = uuidv7();
    const res = await push(t.app, events, { batchId });
    expect(res.batchId).toBe(batchId);
    expect(statuses(res)).toEqual(events.map(() => 'accepted'));
    expect(res.results.map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(res).toMatchObject({ highestContiguousDeviceSeq: events.length, gaps: [] });
    expect(res.epoch).toMatch(/^[0-9a-f-]{36}$/);
    expect(await storedCount()).toBe(events.length);
  });

  it('answers duplicate for events already received, and stores them once', async () => {
    const events = run();
    await push(t.app, events);
    const again = await push(t.app, events);
    expect(statuses(again)).toEqual(events.map(() => 'duplicate'));
    expect(await storedCount()).toBe(events.length);
  });

  it('treats a repeat inside one batch as a duplicate of its first copy', async () => {
    const [first, second] = run();
    if (!first || !second) throw new Error('fixture');
    const res = await push(t.app, [first, second, { ...first }]);
    expect(statuses(res)).toEqual(['accepted', 'accepted', 'duplicate']);
  });

  it('rejects a second, different event reusing an id inside one batch', async () => {
    const [first] = run();
    if (!first) throw new Error('fixture');
    const res = await push(t.app, [first, { ...first, seq: 9 }]);
    expect(statuses(res)).toEqual(['accepted', 'rejected:id_reuse']);
    expect((await letters()).map((l) => l.code)).toEqual(['id_reuse']);
  });

  it('the same event with its keys in another order is still a duplicate', async () => {
    const [first] = run();
    if (!first) throw new Error('fixture');
    await push(t.app, [first]);
    const reordered = Object.fromEntries(Object.entries(first).reverse());
    expect(statuses(await push(t.app, [reordered]))).toEqual(['duplicate']);
  });

  it('rejects a different event reusing an id, keeps the original and dead-letters the newcomer', async () => {
    const events = run();
    await push(t.app, events);
    const original = events[1] as RunEvent;
    const impostor = { ...original, at: original.at + 5 };
    const res = await push(t.app, [impostor]);
    expect(res.results[0]).toMatchObject({ id: original.id, status: 'rejected', code: 'id_reuse' });
    const [stored] = await t.db.select().from(runEvents).where(eq(runEvents.id, original.id));
    expect(stored?.at).toBe(original.at);
    const [letter] = await letters();
    expect(letter).toMatchObject({ code: 'id_reuse', eventId: original.id, raw: impostor, batchId: res.batchId });
  });

  it('rejects an invalid event alone, dead-letters it raw, and accepts the others', async () => {
    const events = run();
    const broken = { ...events[2], type: 'step_teleported' };
    const batch = [events[0], events[1], broken, 42, ...events.slice(3)];
    const res = await push(t.app, batch);
    expect(statuses(res)).toEqual([
      'accepted',
      'accepted',
      'rejected:invalid_event',
      'rejected:invalid_event',
      ...events.slice(3).map(() => 'accepted'),
    ]);
    expect(res.results[2]?.id).toBe(events[2]?.id);
    expect(res.results[3]?.id).toBe('');
    expect((await letters()).map((l) => [l.code, l.eventId, l.raw])).toEqual([
      ['invalid_event', events[2]?.id, broken],
      ['invalid_event', null, 42],
    ]);
    expect(await storedCount()).toBe(events.length - 1);
    // A dead-lettered event was received all the same: it leaves no gap to wait for.
    expect(res.gaps).toEqual([]);
    expect(res.highestContiguousDeviceSeq).toBe(events.at(-1)?.deviceSeq);
  });

  it('refuses text PostgreSQL cannot store as an invalid event instead of failing the batch', async () => {
    const [start, stepStart] = run();
    const nul = { ...stepStart, payload: { stepId: 'a' }, pageLoadId: 'page-1', v: 1 };
    const flagged = new RunBuilder().start().flag('a', 'defect', 'bad\u0000note').events[1];
    const lone = new RunBuilder(1_700_000_000_000, uuidv7()).start().flag('a', 'other', 'x\ud800y').events[1];
    const res = await push(t.app, [
      start,
      nul,
      flagged,
      lone,
      { id: 'x\u0000', deep: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] },
    ]);
    expect(statuses(res)).toEqual([
      'accepted',
      'accepted',
      'rejected:invalid_event',
      'rejected:invalid_event',
      'rejected:invalid_event',
    ]);
    expect(await letters()).toHaveLength(3);
  });

  it('rejects a run_started for a SOP version the organisation does not have', async () => {
    const unknownVersion = new RunBuilder().start({ sopVersion: 2 }).events;
    const unknownSop = new RunBuilder(1_700_000_000_000, uuidv7(), 2).start({ sopId: uuidv7() }).events;
    const hugeVersion = new RunBuilder(1_700_000_000_000, uuidv7(), 3).start({ sopVersion: 2 ** 40 }).events;
    const res = await push(t.app, [...unknownVersion, ...unknownSop, ...hugeVersion]);
    expect(statuses(res)).toEqual([
      'rejected:unknown_sop_version',
      'rejected:unknown_sop_version',
      'rejected:unknown_sop_version',
    ]);
    expect((await letters()).map((l) => l.code)).toEqual(Array(3).fill('unknown_sop_version'));
  });

  it('rejects a run_started that names another device than the pusher', async () => {
    const res = await push(t.app, run().slice(0, 1), { deviceId: uuidv7() });
    expect(statuses(res)).toEqual(['rejected:wrong_device']);
  });

  it('reports the gaps in a device sequence and the highest contiguous number', async () => {
    const events = run();
    expect(events.map((e) => e.deviceSeq)).toEqual([1, 2, 3, 4, 5, 6]);
    const res = await push(t.app, [events[0], events[1], events[3], events[5]]);
    expect(res.gaps).toEqual([
      [3, 3],
      [5, 5],
    ]);
    expect(res.highestContiguousDeviceSeq).toBe(2);
    const later = await push(t.app, [events[2]]);
    expect(later).toMatchObject({ gaps: [[5, 5]], highestContiguousDeviceSeq: 4 });
    const filled = await push(t.app, [events[4]]);
    expect(filled).toMatchObject({ gaps: [], highestContiguousDeviceSeq: 6 });
  });

  it('starts a device that sent nothing valid at zero', async () => {
    const res = await push(t.app, [{ nope: true }]);
    expect(res).toMatchObject({ highestContiguousDeviceSeq: 0, gaps: [] });
  });

  it('records the device, its last sync and its app version', async () => {
    await push(t.app, run().slice(0, 2), { appVersion: '1.0.0' });
    const [first] = await t.db.select().from(devices);
    await push(t.app, run().slice(2, 3), { appVersion: '1.1.0' });
    const rows = await t.db
      .select()
      .from(devices)
      .where(and(eq(devices.orgId, DEMO_ORG_ID)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ deviceId: IDS.device, appVersion: '1.1.0', firstSeen: first?.firstSeen });
    expect(rows[0]?.lastSyncAt.getTime()).toBeGreaterThanOrEqual(first?.lastSyncAt.getTime() ?? 0);
  });

  it('an empty batch is fine', async () => {
    const res = await push(t.app, []);
    expect(res).toMatchObject({ results: [], highestContiguousDeviceSeq: 0, gaps: [] });
  });
});

describe('protocol versions', () => {
  it.each([0, 2, 99])('refuses protocol %i with 426 and the supported range', async (protocol) => {
    const res = await postJson(t.app, '/api/sync/push', pushBody(run(), { protocol }));
    expect(res.status).toBe(426);
    expect(await res.json()).toMatchObject({ error: 'unsupported_protocol', minimum: 1, maximum: 1 });
    expect(await storedCount()).toBe(0);
  });
});

describe('an infrastructure failure', () => {
  it('answers 5xx with an ApiError and commits nothing of the batch', async () => {
    // Break the last write of the transaction (the push's record) after the events went in.
    await t.db.execute(sql`ALTER TABLE push_batches RENAME TO push_batches_away`);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await postJson(t.app, '/api/sync/push', pushBody([...run(), { bad: 1 }]));
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'internal_error', message: expect.any(String) });
      expect(logged).toHaveBeenCalledOnce();
    } finally {
      logged.mockRestore();
      await t.db.execute(sql`ALTER TABLE push_batches_away RENAME TO push_batches`);
    }
    expect(await storedCount()).toBe(0);
    expect(await letters()).toEqual([]);
    expect(await t.db.select().from(devices)).toEqual([]);
  });

  it('answers 503 database_unavailable when the database is gone', async () => {
    const other = await openTestDatabase();
    expect((await other.app.request(url('/api/auth/me'))).status).toBe(200); // signed in while it was up
    await other.close();
    const res = await postJson(other.app, '/api/sync/push', pushBody(run()));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: 'database_unavailable' });
  });
});
