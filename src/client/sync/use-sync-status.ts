/** The whole sync status for the UI: network, outbox counts, last success, last error. */

import { liveValue, useLiveQuery } from '../db/live.ts';
import { getMeta } from '../db/meta.ts';
import { countOutbox, type OutboxCounts } from './outbox.ts';
import { type SyncRuntimeState, useSyncRuntime } from './status.ts';

export interface SyncStatus extends SyncRuntimeState, OutboxCounts {
  lastSyncAt: number | null;
  loaded: boolean;
}

async function readStoredStatus(): Promise<OutboxCounts & { lastSyncAt: number | null }> {
  const [counts, lastSyncAt] = await Promise.all([countOutbox(), getMeta<number>('lastSyncAt')]);
  return { ...counts, lastSyncAt: lastSyncAt ?? null };
}

export function useSyncStatus(): SyncStatus {
  const runtime = useSyncRuntime();
  const stored = liveValue(useLiveQuery(readStoredStatus, []));
  return {
    ...runtime,
    pending: stored?.pending ?? 0,
    oldestPendingAt: stored?.oldestPendingAt ?? null,
    rejected: stored?.rejected ?? 0,
    pendingPhotos: stored?.pendingPhotos ?? 0,
    rejectedPhotos: stored?.rejectedPhotos ?? 0,
    lastSyncAt: stored?.lastSyncAt ?? null,
    loaded: stored !== undefined,
  };
}
