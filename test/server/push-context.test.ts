import { describe, expect, it } from 'vitest';
import { DEMO_ORG_ID } from '../../src/server/seed.ts';
import { checkEvent } from '../../src/server/sync/event-check.ts';
import { versionKey } from '../../src/server/sync/pinned-versions.ts';
import { completePushContext, readPushContext } from '../../src/server/sync/push-context.ts';
import { IDS, runEvents } from '../support/events.ts';
import { type TestDatabase, useFixtureDatabase } from '../support/server-db.ts';
import { push } from './http.ts';

let t: TestDatabase;
useFixtureDatabase((opened) => {
  t = opened;
});

const device = { deviceId: IDS.device, appVersion: 'test', now: new Date() };
const stored = runEvents((b) => b.start().step('a', 1000).complete());

describe('the context read before a push is judged', () => {
  it('reads the device mark, the stored starts and the versions the raw events claim', async () => {
    await push(t.app, stored);
    const context = await t.db.transaction((tx) => readPushContext(tx, DEMO_ORG_ID, device, stored));
    expect(context.device.contiguous).toBe(stored.length);
    expect(context.device.above).toEqual([]);
    expect(context.starts.get(IDS.run)).toEqual({ userId: IDS.user, sopId: IDS.sop, sopVersion: 1 });
    expect(context.publishedAt.get(versionKey(IDS.sop, 1))).toEqual(expect.any(Number));
  });

  it('asks only for claims of the right form, so no raw value can fail the statement', async () => {
    const raws = [
      { runId: 'not-a-uuid', type: 'run_started', payload: { sopId: IDS.sop, sopVersion: 1e30 } },
      { runId: 42, type: 'run_started', payload: { sopId: "x'); drop table runs; --", sopVersion: 1 } },
      { runId: IDS.run, type: 'run_started', payload: { sopId: IDS.sop, sopVersion: 2 ** 40 } },
      null,
      'text',
    ];
    const context = await t.db.transaction((tx) => readPushContext(tx, DEMO_ORG_ID, device, raws));
    expect([...context.starts.keys()]).toEqual([]);
    expect([...context.publishedAt.keys()]).toEqual([]);
  });

  it('reads what valid events need and the raw claims did not name', async () => {
    await push(t.app, stored);
    const context = await t.db.transaction(async (tx) => {
      const read = await readPushContext(tx, DEMO_ORG_ID, device, []);
      expect(read.starts.size).toBe(0);
      const checked = stored.map((e) => checkEvent(e, IDS.device));
      return completePushContext(tx, DEMO_ORG_ID, read, checked);
    });
    expect(context.starts.get(IDS.run)).toEqual({ userId: IDS.user, sopId: IDS.sop, sopVersion: 1 });
    expect(context.publishedAt.has(versionKey(IDS.sop, 1))).toBe(true);
  });
});
