import { beforeEach, describe, expect, it } from 'vitest';
import { clearDatabase, db } from '../db/database.ts';
import { recordEvents } from '../db/record.ts';
import { storeRun } from '../test-support/runs.ts';
import { applyVerdicts, markRetainedPending, pruneAcked, RETENTION_MS } from './outbox.ts';

const DAY = 24 * 60 * 60 * 1000;

async function ackAll(at: number): Promise<void> {
  const ids = (await db.events.toArray()).map((e) => e.id);
  await applyVerdicts(
    ids,
    ids.map((id) => ({ id, status: 'accepted' as const })),
    at,
  );
}

beforeEach(clearDatabase);

describe('outbox retention', () => {
  it('prunes an ended run 30 days after its events were acked, never a run in progress', async () => {
    const ended = await storeRun({ steps: 2 });
    await recordEvents(ended, [{ type: 'run_aborted', payload: { reason: 'test' } }]);
    const open = await storeRun({ steps: 1 });
    const ackedAt = Date.now();
    await ackAll(ackedAt);

    expect(await pruneAcked(ackedAt + RETENTION_MS - 1)).toBe(0);
    expect(await pruneAcked(ackedAt + RETENTION_MS + DAY)).toBe(1);
    expect(await db.runs.get(ended)).toBeUndefined();
    expect(await db.events.where('runId').equals(ended).count()).toBe(0);
    expect(await db.events.where('runId').equals(open).count()).toBe(2);
  });

  it('keeps an ended run while any of its events is pending or rejected', async () => {
    const runId = await storeRun({ steps: 1 });
    await ackAll(0);
    await recordEvents(runId, [{ type: 'run_aborted', payload: { reason: 'late' } }]);
    expect(await pruneAcked(RETENTION_MS * 3)).toBe(0);
    expect(await db.events.where('runId').equals(runId).count()).toBe(3);
  });

  it('ignores a verdict on an event already settled and ids it did not send', async () => {
    const runId = await storeRun();
    const [event] = await db.events.toArray();
    const id = event?.id ?? '';
    await applyVerdicts([id], [{ id, status: 'rejected', code: 'forbidden', message: 'no' }]);
    await applyVerdicts([id], [{ id, status: 'accepted' }]);
    expect((await db.events.get(id))?.sync).toBe('rejected');
    expect(await applyVerdicts([], [{ id: runId, status: 'accepted' }])).toBe(0);
  });

  it('makes retained acked events pending again, and leaves rejected ones alone', async () => {
    await storeRun({ steps: 2 });
    const [first, ...rest] = await db.events.orderBy('deviceSeq').toArray();
    await applyVerdicts(
      [first?.id ?? ''],
      [{ id: first?.id ?? '', status: 'rejected', code: 'forbidden', message: '' }],
    );
    await ackAll(Date.now());
    expect(await markRetainedPending()).toBe(rest.length);
    const rows = await db.events.orderBy('deviceSeq').toArray();
    expect(rows.map((r) => r.sync)).toEqual(['rejected', 'pending', 'pending']);
    expect(rows.every((r) => r.ackedAt === undefined)).toBe(true);
  });
});
