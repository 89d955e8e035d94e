/**
 * Sync fault tests, server side: each test names the failure it guards against. They run
 * through the real app on PGlite, and on PostgreSQL with TEST_DATABASE_URL set.
 */
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import type { Transaction } from '../../src/server/db/connect.ts';
import { deadLetters, devices, runEvents, runs, sops, stepExecutions } from '../../src/server/db/schema.ts';
import { pushBatches } from '../../src/server/db/schema-sync.ts';
import { renewEpoch } from '../../src/server/db/server-meta.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import { publishVersion } from '../../src/server/sops/publish.ts';
import { deriveRuns } from '../../src/server/sync/derive-runs.ts';
import type { RunEvent } from '../../src/shared/events.ts';
import { summarizeRun } from '../../src/shared/run-summary.ts';
import { PushResponse } from '../../src/shared/sync.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { IDS, RunBuilder } from '../support/events.ts';
import { FIXTURE_CONTENT, type TestDatabase, useFixtureDatabase } from '../support/server-db.ts';
import { postJson, push, pushBody, statuses } from './http.ts';

let t: TestDatabase;
useFixtureDatabase((opened) => {
  t = opened;
});
// The demo history's pushes are not this file's.
beforeEach(async () => {
  await t.db.execute(sql`TRUNCATE push_batches`);
});

/** A ten-event run recorded a minute ago: start, a, b (reading), c (flagged), complete. */
const tenEvents = (runId: string = IDS.run, firstDeviceSeq = 1): RunEvent[] =>
  new RunBuilder(Date.now() - 60_000, runId, firstDeviceSeq)
    .start()
    .step('a', 1_000)
    .emit('step_started', { stepId: 'b' })
    .wait(500)
    .emit('reading_recorded', { stepId: 'b', value: 15, unit: '°C' })
    .emit('step_completed', { stepId: 'b' })
    .step('c', 2_000)
    .flag('c')
    .complete().events;

const storedIds = async (deviceId = IDS.device) =>
  (
    await t.db
      .select({ id: runEvents.id })
      .from(runEvents)
      .where(and(eq(runEvents.orgId, DEMO_ORG_ID), eq(runEvents.deviceId, deviceId)))
      .orderBy(runEvents.deviceSeq)
  ).map((r) => r.id);

const derivedRun = async (runId: string = IDS.run) => {
  await t.derived();
  return (
    await t.db
      .select()
      .from(runs)
      .where(and(eq(runs.orgId, DEMO_ORG_ID), eq(runs.id, runId)))
  )[0];
};

describe('lost answers and retries', () => {
  it('guards against a duplicate row when the server commits and its answer is lost', async () => {
    const events = tenEvents();
    const batchId = uuidv7();
    // The first answer never reaches the device: it only knows nothing was acked.
    await postJson(t.app, '/api/sync/push', pushBody(events, { batchId }));
    const retry = await push(t.app, events, { batchId });
    expect(statuses(retry)).toEqual(events.map(() => 'duplicate'));
    expect(retry.batchId).toBe(batchId);
    expect(await storedIds()).toEqual(events.map((e) => e.id));
    const batches = await t.db.select().from(pushBatches);
    expect(batches).toMatchObject([{ batchId, events: 10, accepted: 10 }]);
  });

  it('guards against an id reuse overwriting: a changed payload is id_reuse, the original untouched', async () => {
    const events = tenEvents();
    await push(t.app, events);
    const original = events[4] as RunEvent & { type: 'reading_recorded' };
    const changed = { ...original, payload: { ...original.payload, value: 99 } };
    const res = await push(t.app, [changed]);
    expect(statuses(res)).toEqual(['rejected:id_reuse']);
    const [kept] = await t.db.select().from(runEvents).where(eq(runEvents.id, original.id));
    expect(kept?.payload).toEqual(original.payload);
    const letters = await t.db.select().from(deadLetters);
    expect(letters).toMatchObject([{ code: 'id_reuse', eventId: original.id, raw: changed }]);
    expect((await derivedRun())?.flaggedSteps).toBe(1);
  });
});

describe('bad events', () => {
  it('guards against one bad event blocking the queue: event 3 of 10 invalid', async () => {
    const events = tenEvents();
    const broken = { ...events[2], seq: 'three' };
    const batch = events.map((e, i) => (i === 2 ? broken : e));
    const res = await push(t.app, batch);
    expect(statuses(res)).toEqual(batch.map((_, i) => (i === 2 ? 'rejected:invalid_event' : 'accepted')));
    expect(await storedIds()).toHaveLength(9);
    const letters = await t.db.select().from(deadLetters);
    expect(letters).toMatchObject([{ code: 'invalid_event', eventId: events[2]?.id, raw: broken }]);
    // The next batch flows: a new run from the same device is accepted whole.
    const next = tenEvents(uuidv7(), 11);
    expect(statuses(await push(t.app, next))).toEqual(next.map(() => 'accepted'));
    expect(await storedIds()).toHaveLength(19);
  });
});

describe('order', () => {
  it('guards against out-of-order delivery: device sequence 5 before 3', async () => {
    const events = tenEvents();
    const [e1, e2, e3, e4, e5] = events;
    await push(t.app, [e1, e2]);
    const early = await push(t.app, [e5, e4]);
    expect(statuses(early)).toEqual(['accepted', 'accepted']);
    expect(early).toMatchObject({ highestContiguousDeviceSeq: 2, gaps: [[3, 3]] });
    const late = await push(t.app, [e3]);
    expect(statuses(late)).toEqual(['accepted']);
    expect(late).toMatchObject({ highestContiguousDeviceSeq: 5, gaps: [] });
  });
});

describe('server restored from an older backup', () => {
  it('guards against silently lost events: a new epoch makes the device push again, counts match', async () => {
    const events = tenEvents();
    const before = await push(t.app, events);
    // The backup was taken after the first five events: later rows are gone.
    await t.db.delete(runEvents).where(sql`${runEvents.deviceSeq} > 5`);
    await t.db.update(devices).set({ contiguousSeq: 5 });
    await t.db.delete(stepExecutions);
    await t.db.delete(runs);
    await t.db.transaction((tx) => deriveRuns(tx, DEMO_ORG_ID, [IDS.run]));
    await renewEpoch(t.db);
    const probe = await push(t.app, []);
    expect(probe.epoch).not.toBe(before.epoch);
    expect(probe).toMatchObject({ highestContiguousDeviceSeq: 5 });
    // The device saw a new epoch: it pushes every event it retains.
    const again = await push(t.app, events);
    expect(statuses(again)).toEqual(events.map((_, i) => (i < 5 ? 'duplicate' : 'accepted')));
    expect(again).toMatchObject({ highestContiguousDeviceSeq: 10, gaps: [] });
    expect(await storedIds()).toEqual(events.map((e) => e.id));
    const expected = summarizeRun(events, FIXTURE_CONTENT);
    expect(await derivedRun()).toMatchObject({ status: 'completed', durationMs: expected.totalMs, flaggedSteps: 1 });
  });
});

describe('old SOP versions', () => {
  it('guards against refusing a run pinned to an old version after v2 is published and the SOP archived', async () => {
    const events = tenEvents();
    await push(t.app, events.slice(0, 3));
    await t.db.transaction((tx) =>
      publishVersion(tx, {
        orgId: DEMO_ORG_ID,
        sopId: IDS.sop,
        version: 2,
        content: FIXTURE_CONTENT,
        changeNote: 'v2',
      }),
    );
    const mid = await push(t.app, events.slice(3, 6));
    expect(statuses(mid)).toEqual(['accepted', 'accepted', 'accepted']);
    await t.db.update(sops).set({ status: 'archived' }).where(eq(sops.id, IDS.sop));
    const rest = await push(t.app, events.slice(6));
    expect(statuses(rest)).toEqual(events.slice(6).map(() => 'accepted'));
    // A run started on v1 after the SOP was archived is still accepted (it was pulled before).
    const late = new RunBuilder(Date.now(), uuidv7(), 11).start().step('a', 10).complete().events;
    expect(statuses(await push(t.app, late))).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(await derivedRun()).toMatchObject({ sopVersion: 1, status: 'completed' });
  });
});

/** Makes every insert into `table` fail from inside the database, until the returned undo runs. */
async function failInsertsInto(table: 'push_batches' | 'derive_queue' | 'runs'): Promise<() => Promise<void>> {
  await t.db.execute(sql`CREATE OR REPLACE FUNCTION fb_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
  await t.db.execute(
    sql.raw(`CREATE TRIGGER fb_test_fail BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION fb_test_fail()`),
  );
  return async () => {
    await t.db.execute(sql.raw(`DROP TRIGGER fb_test_fail ON ${table}`));
  };
}

describe('infrastructure failures', () => {
  it.each(['derive_queue', 'push_batches'] as const)(
    'guards against half-acked batches: a failing insert into %s answers 5xx and commits nothing',
    async (table) => {
      const events = tenEvents();
      const batch = [...events, { not: 'an event' }];
      const undo = await failInsertsInto(table);
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const res = await postJson(t.app, '/api/sync/push', pushBody(batch));
        expect(res.status).toBe(500);
        expect(await res.json()).toEqual({ error: 'internal_error', message: expect.any(String) });
      } finally {
        logged.mockRestore();
        await undo();
      }
      expect(await storedIds()).toEqual([]);
      expect(await t.db.select().from(deadLetters)).toEqual([]);
      expect(await t.db.select().from(devices)).toEqual([]);
      expect(await t.db.select().from(pushBatches)).toEqual([]);
      // Nothing was acked, so the device sends the batch again: everything is new.
      const retry = await push(t.app, batch);
      expect(statuses(retry)).toEqual([...events.map(() => 'accepted'), 'rejected:invalid_event']);
    },
  );

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'guards against half-acked batches: the connection dies mid-transaction → 503, nothing committed',
    async () => {
      const events = tenEvents();
      // Register the device from another session without committing, so the push stops
      // mid-transaction on the device's row, after its events are inserted; then kill the
      // push's connection.
      const lost = vi.spyOn(console, 'error').mockImplementation(() => {});
      const holder = await t.db.transaction(async (tx) => {
        await tx.execute(
          sql`insert into devices (org_id, device_id, app_version) values (${DEMO_ORG_ID}, ${IDS.device}, 'holder')`,
        );
        const pending = postJson(t.app, '/api/sync/push', pushBody(events));
        const blocked = await waitForBlockedBackend(tx);
        await tx.execute(sql`select pg_terminate_backend(${blocked})`);
        return pending;
      });
      lost.mockRestore();
      expect(holder.status).toBe(503);
      expect(await holder.json()).toMatchObject({ error: 'database_unavailable' });
      expect(await storedIds()).toEqual([]);
      const retry = PushResponse.parse(await (await postJson(t.app, '/api/sync/push', pushBody(events))).json());
      expect(statuses(retry)).toEqual(events.map(() => 'accepted'));
    },
  );
});

const LockRows = z.object({ rows: z.array(z.object({ pid: z.number() })) });

/** The pid of the backend waiting on a lock (PostgreSQL), polled until one waits. */
async function waitForBlockedBackend(tx: Transaction): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const result = await tx.execute(sql`select pid from pg_locks where not granted limit 1`);
    const pid = LockRows.parse(result).rows[0]?.pid;
    if (pid !== undefined) return pid;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the push never blocked on the device's row");
}
