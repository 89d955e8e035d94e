/**
 * One push mixing every kind of event the server must tell apart — new, retried, repeated
 * in the batch, reusing an id (against the database and inside the batch), invalid, for
 * an unknown SOP version, started on another device — and leaving a gap in the device
 * sequence. The answer, the stored rows, the dead letters, the derived rows and the
 * device's coverage must each be exactly what the protocol says.
 */
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deadLetters, devices, runEvents, runs, stepExecutions } from '../../src/server/db/schema.ts';
import { pushBatches } from '../../src/server/db/schema-sync.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import { eventHash } from '../../src/server/sync/event-check.ts';
import type { RunEvent } from '../../src/shared/events.ts';
import { summarizeRun } from '../../src/shared/run-summary.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { IDS, RunBuilder } from '../support/events.ts';
import { FIXTURE_CONTENT, type TestDatabase, useFixtureDatabase } from '../support/server-db.ts';
import { push, statuses } from './http.ts';

let t: TestDatabase;
useFixtureDatabase((opened) => {
  t = opened;
});

const at = 1_700_000_000_000;
/** Run A: device sequences 1–6. */
const runA = new RunBuilder(at, IDS.run, 1).start().step('a', 4_000).step('c', 6_000).complete().events;
const [a1, a2, a3, a4, a5, a6] = runA as [RunEvent, RunEvent, RunEvent, RunEvent, RunEvent, RunEvent];
/** Sequence 7: a SOP version that does not exist. */
const unknownVersion = new RunBuilder(at, uuidv7(), 7).start({ sopVersion: 9 }).events[0] as RunEvent;
/** Sequence 8: a run started on another device. */
const otherDevice = new RunBuilder(at, uuidv7(), 8).emit('run_started', {
  sopId: IDS.sop,
  sopVersion: 1,
  userId: IDS.user,
  deviceId: uuidv7(),
  training: false,
}).events[0] as RunEvent;
/** Sequences 10–11 (9 is still on the phone): run D. */
const runD = new RunBuilder(at, uuidv7(), 10).start().emit('step_started', { stepId: 'a' }).events;
/** Sequence 9, sent last. */
const late = new RunBuilder(at, uuidv7(), 9).start().events[0] as RunEvent;

const storedRows = async () =>
  t.db.select().from(runEvents).where(eq(runEvents.orgId, DEMO_ORG_ID)).orderBy(asc(runEvents.deviceSeq));

describe('a push mixing every kind of event', () => {
  it('answers each event, stores the valid ones once, dead-letters the rest and reports the gap', async () => {
    await push(t.app, [a1, a2]);
    const badA5 = { ...a5, type: 'step_teleported' };
    const reusedA1 = { ...a1, at: a1.at + 5 };
    const reusedA4 = { ...a4, mono: a4.mono + 1 };
    const res = await push(t.app, [
      a2,
      a3,
      { ...a3 },
      reusedA1,
      a4,
      reusedA4,
      badA5,
      a6,
      unknownVersion,
      otherDevice,
      ...runD,
    ]);

    expect(statuses(res)).toEqual([
      'duplicate',
      'accepted',
      'duplicate',
      'rejected:id_reuse',
      'accepted',
      'rejected:id_reuse',
      'rejected:invalid_event',
      'accepted',
      'rejected:unknown_sop_version',
      'rejected:wrong_device',
      'accepted',
      'accepted',
    ]);
    expect(res.results.map((r) => r.id)).toEqual(
      [a2, a3, a3, a1, a4, a4, a5, a6, unknownVersion, otherDevice, ...runD].map((e) => e.id),
    );
    expect(res).toMatchObject({ highestContiguousDeviceSeq: 8, gaps: [[9, 9]] });

    // Stored: exactly the valid events, as sent, with their hash; the originals of reused ids untouched.
    const stored = await storedRows();
    const expected = [a1, a2, a3, a4, a6, ...runD];
    expect(stored.map((r) => r.id)).toEqual(expected.map((e) => e.id));
    const [batch] = await t.db.select().from(pushBatches).where(eq(pushBatches.batchId, res.batchId));
    for (const [i, row] of stored.entries()) {
      const event = expected[i] as RunEvent;
      const { orgId, deviceId, payloadHash, receivedAt, estimatedAt, ...columns } = row;
      expect(columns).toEqual(event);
      expect({ orgId, deviceId, payloadHash }).toEqual({
        orgId: DEMO_ORG_ID,
        deviceId: IDS.device,
        payloadHash: eventHash(event),
      });
      expect(receivedAt).toBeInstanceOf(Date);
      if (i >= 2) expect(estimatedAt).toBe(event.at + (batch?.skewMs ?? Number.NaN));
    }
    expect(batch).toMatchObject({ events: 12, accepted: 5 });

    // Dead letters: every refused event, raw, with its code and device sequence.
    const letters = await t.db.select().from(deadLetters).orderBy(asc(deadLetters.id));
    expect(letters.map((l) => [l.code, l.eventId, l.deviceSeq, l.raw, l.batchId])).toEqual([
      ['id_reuse', a1.id, 1, reusedA1, res.batchId],
      ['id_reuse', a4.id, 4, reusedA4, res.batchId],
      ['invalid_event', a5.id, 5, badA5, res.batchId],
      ['unknown_sop_version', unknownVersion.id, 7, unknownVersion, res.batchId],
      ['wrong_device', otherDevice.id, 8, otherDevice, res.batchId],
    ]);

    // Derived rows: run A from its five stored events, run D from its two; none for refused runs.
    await t.derived();
    const derived = await t.db.select().from(runs).orderBy(asc(runs.id));
    expect(derived.map((r) => r.id).sort()).toEqual([IDS.run, runD[0]?.runId].sort());
    const summaryA = summarizeRun([a1, a2, a3, a4, a6], FIXTURE_CONTENT);
    expect(derived.find((r) => r.id === IDS.run)).toMatchObject({
      status: 'completed',
      durationMs: summaryA.totalMs,
      activeDurationMs: summaryA.activeMs,
      flaggedSteps: 0,
    });
    const stepsA = await t.db
      .select({ stepId: stepExecutions.stepId, status: stepExecutions.status, durationMs: stepExecutions.durationMs })
      .from(stepExecutions)
      .where(eq(stepExecutions.runId, IDS.run))
      .orderBy(asc(stepExecutions.position));
    expect(stepsA).toEqual(summaryA.steps.map((s) => ({ stepId: s.stepId, status: s.status, durationMs: s.totalMs })));

    // The device's mark stays below the gap until the missing sequence arrives.
    const [device] = await t.db.select().from(devices);
    expect(device?.contiguousSeq).toBe(8);
    const filled = await push(t.app, [late]);
    expect(filled).toMatchObject({ highestContiguousDeviceSeq: 11, gaps: [] });
    const [after] = await t.db.select().from(devices);
    expect(after?.contiguousSeq).toBe(11);
  });

  it('answers the same mixed push sent again with the same statuses, storing nothing more', async () => {
    const batch = [a1, a2, { ...a2, at: a2.at + 1 }, { oops: true }, ...runD];
    const first = await push(t.app, batch);
    const storedBefore = await storedRows();
    const again = await push(t.app, batch);
    expect(statuses(first)).toEqual([
      'accepted',
      'accepted',
      'rejected:id_reuse',
      'rejected:invalid_event',
      'accepted',
      'accepted',
    ]);
    expect(statuses(again)).toEqual([
      'duplicate',
      'duplicate',
      'rejected:id_reuse',
      'rejected:invalid_event',
      'duplicate',
      'duplicate',
    ]);
    expect(await storedRows()).toEqual(storedBefore);
    expect(again).toMatchObject({ highestContiguousDeviceSeq: 2, gaps: [[3, 9]] });
  });
});
