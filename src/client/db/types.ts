/** Row shapes of the device database (IndexedDB via Dexie). */
import type { RunEvent, RunState, RunStatus, Sop, SopVersion } from '../../shared/index.ts';
import type { RejectCode } from '../../shared/sync.ts';

export type SopRow = Sop;
export type VersionRow = SopVersion;

/** Local derived state of one run, rebuilt from its events after every write. */
export interface RunRow {
  id: string;
  sopId: string;
  sopVersion: number;
  training: boolean;
  status: RunStatus;
  paused: boolean;
  currentStepId: string | null;
  startedAt: number;
  updatedAt: number;
  /**
   * The fold of the run's events so far (not indexed): the next tap continues it instead
   * of reading the whole run back. Absent on rows written before it existed.
   */
  fold?: RunState;
}

export type EventSync = 'pending' | 'acked' | 'rejected';

/** A stored event: the immutable wire event plus its outbox state on this device. */
export type EventRow = RunEvent & {
  sync: EventSync;
  /** When the server acknowledged it (device time); acked rows are pruned 30 days later. */
  ackedAt?: number;
  rejectCode?: RejectCode;
  rejectMessage?: string;
};

/** 'local' = waiting for upload; 'rejected' = the server refused it (needs attention). */
export type PhotoSync = 'local' | 'uploaded' | 'rejected';

export interface PhotoRow {
  id: string;
  runId: string;
  stepId: string;
  blob: Blob;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: number;
  createdAt: number;
  sync: PhotoSync;
  /** Why the server refused the upload (its error code, or `http_<status>`). */
  rejectCode?: string;
}

export interface MetaRow {
  key: MetaKey;
  value: unknown;
}

export type MetaKey =
  | 'deviceId'
  | 'userId'
  | 'pullCursor'
  | 'serverEpoch'
  | 'exportedIds'
  | 'nextDeviceSeq'
  | 'lastSyncAt'
  | 'locale'
  | 'persistAsked'
  /** The signed-in Account (auth/account-store.ts); absent when signed out. */
  | 'account'
  /** True once the server refused the session (or after sign-out): sync waits for a sign-in. */
  | 'signInRequired'
  /** Whose runs and drafts are on this device (kept after a sign-out that kept unsynced work). */
  | 'dataOwner'
  /** "Shared device": signing out wipes this device's data. */
  | 'sharedDevice';
