/** Repository of the event outbox: what push reads, what it marks, what the status shows. */
import { Dexie } from 'dexie';
import type { EventResult } from '../../shared/sync.ts';
import { db } from '../db/database.ts';
import type { EventRow } from '../db/types.ts';

const pendingRange = () =>
  db.events.where('[sync+deviceSeq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]);

/** The oldest pending events in ascending device sequence. */
export async function readPending(limit: number): Promise<EventRow[]> {
  return pendingRange().limit(limit).toArray();
}

export interface OutboxCounts {
  pending: number;
  /** Device time of the oldest pending event, or null when nothing waits. */
  oldestPendingAt: number | null;
  rejected: number;
}

export async function countOutbox(): Promise<OutboxCounts> {
  return db.transaction('r', db.events, async () => {
    const pending = await pendingRange().count();
    const oldest = await pendingRange().first();
    const rejected = await db.events.where('sync').equals('rejected').count();
    return { pending, oldestPendingAt: oldest?.at ?? null, rejected };
  });
}

export async function listRejected(): Promise<EventRow[]> {
  return db.events.where('sync').equals('rejected').toArray();
}

/**
 * Applies the server's verdicts to the events that were sent, in one transaction.
 * Only ids of `sentIds` are touched (a confused server cannot ack what it was not sent).
 * Returns how many of the sent events got a verdict.
 */
export async function applyVerdicts(sentIds: readonly string[], results: readonly EventResult[]): Promise<number> {
  const sent = new Set(sentIds);
  const verdicts = new Map(results.filter((r) => sent.has(r.id)).map((r) => [r.id, r]));
  await db.transaction('rw', db.events, async () => {
    for (const verdict of verdicts.values()) {
      if (verdict.status === 'rejected') {
        await db.events.update(verdict.id, {
          sync: 'rejected',
          rejectCode: verdict.code,
          rejectMessage: verdict.message,
        });
      } else {
        await db.events.update(verdict.id, { sync: 'acked' });
      }
    }
  });
  return verdicts.size;
}
