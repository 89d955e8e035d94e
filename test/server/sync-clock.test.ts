/**
 * Device clocks (issue item 10): a wrong clock never costs data. Each test names the
 * clock failure it guards against; every push is accepted whole, the device is flagged
 * with a reason and warned in the answer, each event gets an estimated true time, and
 * run durations (device times, design.md) stay right when the offset is consistent.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { devices, runEvents, runs } from '../../src/server/db/schema.ts';
import { pushBatches } from '../../src/server/db/schema-sync.ts';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import { clockVerdict, MAX_CLOCK_SKEW_MS, uuidv7Time } from '../../src/server/sync/device-clock.ts';
import type { RunEvent } from '../../src/shared/events.ts';
import { uuidv7 } from '../../src/shared/uuid.ts';
import { IDS, RunBuilder } from '../support/events.ts';
import { type TestDatabase, useFixtureDatabase } from '../support/server-db.ts';
import { push, statuses } from './http.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Real time spent in the run: steps of 4 s, 30 s and 60 s. */
const ELAPSED = 4_000 + 30_000 + 60_000;
/** Real time between the run's end and the push. */
const IDLE = 10_000;

let t: TestDatabase;
useFixtureDatabase((opened) => {
  t = opened;
});
// The demo history's pushes are not this file's.
beforeEach(async () => {
  await t.db.execute(sql`TRUNCATE push_batches`);
});

/** A completed run recorded by `deviceId` starting at device time `at`. */
function runOn(deviceId: string, at: number, runId = uuidv7()): RunEvent[] {
  return new RunBuilder(at, runId)
    .emit('run_started', { sopId: IDS.sop, sopVersion: 1, userId: IDS.user, deviceId, training: false })
    .step('a', 4_000)
    .step('b', 30_000)
    .step('c', 60_000)
    .complete().events;
}

/**
 * A device whose clock is `offsetMs` ahead of the truth (negative: behind), installed
 * `installedDaysAgo` real days ago with a right clock, pushing a run that ended IDLE ago
 * (or that started at device time `deviceAt`; `rightAtSending`: the clock was fixed since).
 */
async function pushFromDevice(
  offsetMs: number,
  opts: { deviceAt?: number; installedDaysAgo?: number; rightAtSending?: boolean } = {},
) {
  const now = Date.now();
  const deviceId = uuidv7(now - (opts.installedDaysAgo ?? 7) * DAY);
  const trueStart = now - ELAPSED - IDLE;
  const events = runOn(deviceId, opts.deviceAt ?? trueStart + offsetMs);
  const deviceNow = opts.rightAtSending ? now : (opts.deviceAt ?? trueStart + offsetMs) + ELAPSED + IDLE;
  const res = await push(t.app, events, { deviceId, sentAt: deviceNow });
  return { deviceId, events, res, trueStart };
}

const deviceRow = async (deviceId: string) =>
  (
    await t.db
      .select()
      .from(devices)
      .where(and(eq(devices.orgId, DEMO_ORG_ID), eq(devices.deviceId, deviceId)))
  )[0];

const estimatedTimes = async (runId: string) =>
  (
    await t.db
      .select({ at: runEvents.at, estimatedAt: runEvents.estimatedAt })
      .from(runEvents)
      .where(eq(runEvents.runId, runId))
      .orderBy(asc(runEvents.seq))
  ).map((r) => r.estimatedAt ?? Number.NaN);

describe('a device with a wrong clock', () => {
  it.each([
    ['1 h fast', HOUR],
    ['3 days slow', -3 * DAY],
  ])('guards against lost or refused data from a clock %s: accepted, flagged, durations right', async (_, offset) => {
    const { deviceId, events, res, trueStart } = await pushFromDevice(offset);
    expect(statuses(res)).toEqual(events.map(() => 'accepted'));
    expect(res.clockWarning?.reason).toBe('clock_offset');
    expect(Math.abs((res.clockWarning?.skewMs ?? 0) + offset)).toBeLessThan(5_000);
    expect(await deviceRow(deviceId)).toMatchObject({ clockSuspect: true, clockReason: 'clock_offset' });
    const runId = events[0]?.runId ?? '';
    await t.derived();
    const [run] = await t.db.select().from(runs).where(eq(runs.id, runId));
    expect(run).toMatchObject({ status: 'completed', durationMs: ELAPSED });
    const estimated = await estimatedTimes(runId);
    expect(Math.abs((estimated[0] ?? 0) - trueStart)).toBeLessThan(5_000);
    expect((estimated.at(-1) ?? 0) - (estimated[0] ?? 0)).toBe(ELAPSED);
  });

  it('guards against a device reset to 1970: accepted, flagged, durations right', async () => {
    const { deviceId, events, res } = await pushFromDevice(0, { deviceAt: 86_400_000 });
    expect(statuses(res)).toEqual(events.map(() => 'accepted'));
    expect(res.clockWarning?.reason).toBe('clock_offset');
    expect(await deviceRow(deviceId)).toMatchObject({ clockSuspect: true });
    await t.derived();
    const [run] = await t.db
      .select()
      .from(runs)
      .where(eq(runs.id, events[0]?.runId ?? ''));
    expect(run?.durationMs).toBe(ELAPSED);
    const estimated = await estimatedTimes(events[0]?.runId ?? '');
    expect(Math.abs((estimated[0] ?? 0) - (Date.now() - ELAPSED - IDLE))).toBeLessThan(5_000);
  });

  it('guards against a clock fixed before sending: events before the device existed are flagged', async () => {
    // Installed yesterday; the run's times say 30 days ago, yet the clock is right now.
    const { deviceId, res } = await pushFromDevice(0, {
      deviceAt: Date.now() - 30 * DAY,
      installedDaysAgo: 1,
      rightAtSending: true,
    });
    expect(res.clockWarning).toEqual({ reason: 'before_registration', skewMs: expect.any(Number) });
    expect(await deviceRow(deviceId)).toMatchObject({ clockSuspect: true, clockReason: 'before_registration' });
  });

  it('guards against runs dated before their SOP version was published', async () => {
    // Installed long ago, right clock at sending, but the run claims to predate v1.
    const { deviceId, res } = await pushFromDevice(0, {
      deviceAt: Date.now() - 2 * DAY,
      installedDaysAgo: 365,
      rightAtSending: true,
    });
    expect(res.clockWarning?.reason).toBe('before_publication');
    expect(await deviceRow(deviceId)).toMatchObject({ clockReason: 'before_publication' });
  });

  it('guards against a lost answer hiding the warning: the batch sent again is judged as the first time', async () => {
    const deviceId = uuidv7(Date.now() - 365 * DAY);
    const events = runOn(deviceId, Date.now() - 2 * DAY);
    const batch = { deviceId, batchId: uuidv7() };
    const first = await push(t.app, events, { ...batch, sentAt: Date.now() });
    expect(first.clockWarning?.reason).toBe('before_publication');
    const again = await push(t.app, events, { ...batch, sentAt: Date.now() });
    expect(statuses(again)).toEqual(events.map(() => 'duplicate'));
    expect(again.clockWarning?.reason).toBe('before_publication');
    expect(await deviceRow(deviceId)).toMatchObject({ clockSuspect: true, clockReason: 'before_publication' });
    const history = await t.db.select().from(pushBatches).where(eq(pushBatches.deviceId, deviceId));
    expect(history).toMatchObject([{ accepted: events.length, events: events.length }]);
  });

  it('a right clock gets no warning', async () => {
    const { deviceId, events, res } = await pushFromDevice(0);
    expect(statuses(res)).toEqual(events.map(() => 'accepted'));
    expect(res.clockWarning).toBeUndefined();
    expect(await deviceRow(deviceId)).toMatchObject({ clockSuspect: false, clockReason: null });
  });

  it('guards against a banner that never goes away: a fixed clock clears the flag', async () => {
    const { deviceId, res } = await pushFromDevice(HOUR);
    expect(res.clockWarning).toBeDefined();
    const fixed = await push(t.app, [], { deviceId, sentAt: Date.now() });
    expect(fixed.clockWarning).toBeUndefined();
    expect(await deviceRow(deviceId)).toMatchObject({ clockSuspect: false, clockReason: null });
    const history = await t.db.select().from(pushBatches).where(eq(pushBatches.deviceId, deviceId));
    expect(history.map((b) => b.clockReason).sort()).toEqual(['clock_offset', null]);
  });
});

describe('clockVerdict', () => {
  const base = { skewMs: 0, registeredAt: 1_000_000_000, events: [], publishedAtByRun: new Map<string, number>() };
  it('tolerates up to two minutes either way', () => {
    expect(clockVerdict({ ...base, skewMs: MAX_CLOCK_SKEW_MS })).toBeNull();
    expect(clockVerdict({ ...base, skewMs: -MAX_CLOCK_SKEW_MS - 1 })).toBe('clock_offset');
  });

  it('reads the creation time of a UUIDv7 and ignores other versions', () => {
    expect(uuidv7Time(uuidv7(1_700_000_000_123))).toBe(1_700_000_000_123);
    expect(uuidv7Time('0f1e1db0-0000-4000-8000-00000000de30')).toBeNull();
  });
});
