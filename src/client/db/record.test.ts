import { liveQuery } from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { uuidv7 } from '../../shared/uuid.ts';
import { storeRun } from '../test-support/runs.ts';
import { clearDatabase, db } from './database.ts';
import { getMeta } from './meta.ts';
import { isQuotaError, onRecorded, onStorageFailure, RunChangedError, recordEvents } from './record.ts';
import { getRunEvents } from './runs.ts';

beforeEach(clearDatabase);

describe('recordEvents', () => {
  it('numbers events per run from 0 and per device without gaps across runs', async () => {
    const a = await storeRun({ steps: 1 });
    const b = await storeRun({ steps: 2 });
    await recordEvents(a, [{ type: 'step_completed', payload: { stepId: 's0' } }]);
    const seqs = async (runId: string) => (await getRunEvents(runId)).map((e) => [e.seq, e.deviceSeq]);
    expect(await seqs(a)).toEqual([
      [0, 1],
      [1, 2],
      [2, 6],
    ]);
    expect(await seqs(b)).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(await getMeta('nextDeviceSeq')).toBe(7);
  });

  it('stamps the envelope, stores events as pending and derives the run row', async () => {
    const runId = await storeRun({ steps: 1 });
    const [event] = await getRunEvents(runId);
    expect(event).toMatchObject({ v: 1, sync: 'pending', runId });
    expect(event?.pageLoadId).toMatch(/^[0-9a-f]{32}$/);
    expect(Math.abs((event?.at ?? 0) - Date.now())).toBeLessThan(5000);
    expect(await db.runs.get(runId)).toMatchObject({ status: 'in_progress', currentStepId: 's0', sopVersion: 2 });
  });

  it('stores nothing, not even the device counter, when one event of the call is invalid', async () => {
    const runId = await storeRun();
    const before = await db.events.count();
    await expect(
      recordEvents(runId, [
        { type: 'step_started', payload: { stepId: 'ok' } },
        { type: 'step_started', payload: { stepId: 'not an id!' } },
      ]),
    ).rejects.toThrow();
    expect(await db.events.count()).toBe(before);
    expect(await getMeta('nextDeviceSeq')).toBe(2);
    expect((await db.runs.get(runId))?.currentStepId).toBeNull();
  });

  it('refuses events of a run that was never started', async () => {
    await expect(recordEvents(uuidv7(), [{ type: 'run_paused', payload: {} }])).rejects.toThrow('run_not_started');
    expect(await db.events.count()).toBe(0);
  });

  it('wakes a live query of the run (after its first emission)', async () => {
    const runId = await storeRun();
    const seen: number[] = [];
    let first!: () => void;
    const firstEmission = new Promise<void>((resolve) => {
      first = resolve;
    });
    const subscription = liveQuery(() => getRunEvents(runId)).subscribe((events) => {
      seen.push(events.length);
      first();
    });
    await firstEmission;
    await recordEvents(runId, [{ type: 'run_paused', payload: {} }]);
    await expect.poll(() => seen.at(-1)).toBe(2);
    subscription.unsubscribe();
    expect(seen[0]).toBe(1);
  });
});

describe('recordEvents after another tab wrote', () => {
  // A second copy of the modules is what another tab has: its own memory of its last
  // write and its own connection to the same database.
  async function otherTab() {
    vi.resetModules();
    const record = await import('./record.ts');
    const { db: connection } = await import('./database.ts');
    return { record, close: () => connection.close() };
  }

  it('numbers the next events after what the other tab stored, with no duplicate and no gap', async () => {
    const runId = await storeRun({ steps: 1 });
    await recordEvents(runId, [{ type: 'run_paused', payload: {} }]);
    const other = await otherTab();
    await other.record.recordEvents(runId, [{ type: 'run_resumed', payload: {} }]);
    other.close();
    await recordEvents(runId, [{ type: 'step_completed', payload: { stepId: 's0' } }]);
    const stored = (await getRunEvents(runId)).map((e) => [e.seq, e.deviceSeq, e.type]);
    expect(stored).toEqual([
      [0, 1, 'run_started'],
      [1, 2, 'step_started'],
      [2, 3, 'run_paused'],
      [3, 4, 'run_resumed'],
      [4, 5, 'step_completed'],
    ]);
    expect((await db.runs.get(runId))?.fold).toMatchObject({ lastSeq: 4, paused: false, currentStepId: null });
    expect(await getMeta('nextDeviceSeq')).toBe(6);
  });

  it('tells the recorded listeners once per stored call, with the events and the new row', async () => {
    const runId = await storeRun({ steps: 1 });
    const told: [number[], number | undefined][] = [];
    const stop = onRecorded(
      (id, events, run) => id === runId && told.push([events.map((e) => e.seq), run.fold?.lastSeq]),
    );
    await recordEvents(runId, [{ type: 'run_paused', payload: {} }]);
    const other = await otherTab();
    await other.record.recordEvents(runId, [{ type: 'run_resumed', payload: {} }]);
    other.close();
    await recordEvents(runId, [{ type: 'step_completed', payload: { stepId: 's0' } }]);
    stop();
    expect(told).toEqual([
      [[2], 2],
      [[4], 4],
    ]);
  });

  it('refuses a tap on the state this tab last wrote once the other tab moved the run on', async () => {
    const runId = await storeRun({ steps: 1 });
    const other = await otherTab();
    await other.record.recordEvents(runId, [{ type: 'run_paused', payload: {} }]);
    other.close();
    const tap = recordEvents(runId, [{ type: 'step_completed', payload: { stepId: 's0' } }], { expectedLastSeq: 1 });
    await expect(tap).rejects.toBeInstanceOf(RunChangedError);
    expect((await getRunEvents(runId)).map((e) => e.type)).toEqual(['run_started', 'step_started', 'run_paused']);
    expect(await getMeta('nextDeviceSeq')).toBe(4);
  });
});

describe('recordEvents when the disk is full', () => {
  it('throws the quota error to the caller, tells the storage-failure listeners, stores nothing', async () => {
    const runId = await storeRun();
    const failures: unknown[] = [];
    const stop = onStorageFailure((error) => failures.push(error));
    // IndexedDB cannot be made to run out of space here: the table's write fails as a full disk would.
    const spy = vi
      .spyOn(db.events, 'bulkAdd')
      .mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await expect(recordEvents(runId, [{ type: 'run_paused', payload: {} }])).rejects.toThrow('quota');
    spy.mockRestore();
    stop();
    expect(failures).toHaveLength(1);
    expect(isQuotaError(failures[0])).toBe(true);
    expect(await db.events.count()).toBe(1);
  });
});
