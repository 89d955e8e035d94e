/**
 * Repository of the event outbox: what push reads, what it marks, what the status shows.
 *
 * The events table IS the outbox: an event is born 'pending' in the transaction that
 * records it, becomes 'acked' (with `ackedAt`) or 'rejected' only from a verified server
 * answer, and acked rows stay 30 days so that a server restored from a backup (new
 * epoch) can be given them again. Pruning works per run: a run leaves the device only
 * when it has ended and every one of its events and photos has been acknowledged for
 * 30 days — an in-progress run keeps all its events, because its screen folds them.
 */
import { Dexie } from 'dexie';
import type { EventResult } from '../../shared/sync.ts';
import { db } from '../db/database.ts';
import type { EventRow } from '../db/types.ts';

export const RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

const pendingRange = () =>
  db.events.where('[sync+deviceSeq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]);

/**
 * The oldest pending events in ascending device sequence; with `afterDeviceSeq`, only
 * those after it (push reads the next batch while the server answers the current one).
 */
export async function readPending(limit: number, afterDeviceSeq?: number): Promise<EventRow[]> {
  const range =
    afterDeviceSeq === undefined
      ? pendingRange()
      : db.events
          .where('[sync+deviceSeq]')
          .between(['pending', afterDeviceSeq], ['pending', Dexie.maxKey], false, true);
  return range.limit(limit).toArray();
}

export interface OutboxCounts {
  pending: number;
  /** Device time of the oldest pending event, or null when nothing waits. */
  oldestPendingAt: number | null;
  rejected: number;
  pendingPhotos: number;
  rejectedPhotos: number;
}

export async function countOutbox(): Promise<OutboxCounts> {
  // One round trip, not five: the status badge's live query reruns after every tap, and
  // while its read transaction is open the next tap's write on `events` waits for it.
  return db.transaction('r', [db.events, db.photos], async () => {
    const [pending, oldest, rejected, pendingPhotos, rejectedPhotos] = await Promise.all([
      pendingRange().count(),
      pendingRange().first(),
      db.events.where('sync').equals('rejected').count(),
      db.photos.where('sync').equals('local').count(),
      db.photos.where('sync').equals('rejected').count(),
    ]);
    return { pending, oldestPendingAt: oldest?.at ?? null, rejected, pendingPhotos, rejectedPhotos };
  });
}

export async function listRejected(): Promise<EventRow[]> {
  return db.events.where('sync').equals('rejected').toArray();
}

/** The server's verdict on each sent event that got one, by event id. */
export function verdictsFor(sentIds: readonly string[], results: readonly EventResult[]): Map<string, EventResult> {
  const sent = new Set(sentIds);
  return new Map(results.filter((r) => sent.has(r.id)).map((r) => [r.id, r]));
}

/**
 * Applies the server's verdicts to the events that were sent, in one transaction.
 * Only ids of `sentIds` are touched (a confused server cannot ack what it was not sent),
 * and only rows still pending (a verdict never overwrites an earlier one).
 * Returns how many of the sent events got a verdict.
 */
export async function applyVerdicts(
  sentIds: readonly string[],
  results: readonly EventResult[],
  now = Date.now(),
): Promise<number> {
  const verdicts = verdictsFor(sentIds, results);
  await db.transaction('rw', db.events, async () => {
    const rows = await db.events.bulkGet([...verdicts.keys()]);
    const settled: EventRow[] = [];
    for (const row of rows) {
      const verdict = row && row.sync === 'pending' ? verdicts.get(row.id) : undefined;
      if (!row || !verdict) continue;
      settled.push(
        verdict.status === 'rejected'
          ? { ...row, sync: 'rejected', rejectCode: verdict.code, rejectMessage: verdict.message }
          : { ...row, sync: 'acked', ackedAt: now },
      );
    }
    // One bulk write: a batch of 1 000 acks costs one request to IndexedDB, not 200.
    await db.events.bulkPut(settled);
  });
  return verdicts.size;
}

/**
 * The server forgot what it had acknowledged (its epoch changed): every retained acked
 * event becomes pending again and every uploaded photo waits for upload again. Rejected
 * rows stay as they are — they need a person, not a resend.
 */
export async function markRetainedPending(): Promise<number> {
  return db.transaction('rw', [db.events, db.photos], async () => {
    const events = await db.events
      .where('sync')
      .equals('acked')
      .modify((row) => {
        row.sync = 'pending';
        delete row.ackedAt;
      });
    await db.photos.where('sync').equals('uploaded').modify({ sync: 'local' });
    return events;
  });
}

/** Removes ended runs whose events were all acked more than 30 days ago; returns how many. */
export async function pruneAcked(now = Date.now()): Promise<number> {
  const cutoff = now - RETENTION_MS;
  return db.transaction('rw', [db.events, db.runs, db.photos], async () => {
    const old = await db.events.where('[sync+ackedAt]').between(['acked', Dexie.minKey], ['acked', cutoff]).toArray();
    let pruned = 0;
    for (const runId of new Set(old.map((e) => e.runId))) {
      const run = await db.runs.get(runId);
      if (!run || run.status === 'in_progress') continue;
      const events = await db.events.where('runId').equals(runId).toArray();
      if (!events.every((e) => e.sync === 'acked' && (e.ackedAt ?? now) < cutoff)) continue;
      const photos = await db.photos.where('runId').equals(runId).toArray();
      if (!photos.every((p) => p.sync === 'uploaded')) continue;
      await db.events.bulkDelete(events.map((e) => e.id));
      await db.photos.bulkDelete(photos.map((p) => p.id));
      await db.runs.delete(runId);
      pruned += 1;
    }
    return pruned;
  });
}
