import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { FieldbookDb } from './database.ts';

const V1_STORES = {
  sops: 'id',
  versions: '[sopId+version], sopId',
  runs: 'id, sopId, status, updatedAt',
  events: 'id, runId, [runId+seq], deviceSeq, sync, [sync+deviceSeq]',
  photos: 'id, runId, stepId, sync',
  meta: 'key',
};

const event = (n: number, sync: string) => ({
  id: `0190d000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  runId: '0190d000-0000-7000-8000-00000000aaaa',
  seq: n - 1,
  deviceSeq: n,
  v: 1,
  type: 'step_started',
  payload: { stepId: `s${n}` },
  at: 1_700_000_000_000 + n,
  mono: n,
  pageLoadId: 'p1',
  sync,
});

describe('IndexedDB upgrade v1 → v2', () => {
  it('keeps every pending row intact and dates the rows acked before the upgrade', async () => {
    const name = `upgrade-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(V1_STORES);
    const rows = [event(1, 'acked'), event(2, 'pending'), event(3, 'rejected'), event(4, 'pending')];
    await v1.table('events').bulkAdd(rows);
    await v1.table('meta').bulkAdd([
      { key: 'deviceId', value: 'dev' },
      { key: 'nextDeviceSeq', value: 5 },
    ]);
    v1.close();

    const before = Date.now();
    const v2 = new FieldbookDb(name);
    const pending = await v2.events.where('[sync+deviceSeq]').between(['pending', 0], ['pending', Infinity]).toArray();
    expect(pending).toEqual([rows[1], rows[3]]);
    expect(await v2.events.get(rows[2]?.id ?? '')).toEqual(rows[2]);
    const acked = await v2.events.get(rows[0]?.id ?? '');
    expect(acked?.ackedAt).toBeGreaterThanOrEqual(before);
    expect(await v2.meta.get('nextDeviceSeq')).toEqual({ key: 'nextDeviceSeq', value: 5 });
    expect(v2.verno).toBe(2);
    v2.close();
  });
});
