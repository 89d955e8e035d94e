/** Row shapes of the device database (IndexedDB via Dexie). */
import type { RunEvent, RunStatus, Sop, SopVersion } from '../../shared/index.ts';
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
}

export type EventSync = 'pending' | 'acked' | 'rejected';

/** A stored event: the immutable wire event plus its outbox state on this device. */
export type EventRow = RunEvent & {
  sync: EventSync;
  rejectCode?: RejectCode;
  rejectMessage?: string;
};

export type PhotoSync = 'local' | 'uploaded';

export interface PhotoRow {
  id: string;
  runId: string;
  stepId: string;
  blob: Blob;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: number;
  createdAt: number;
  sync: PhotoSync;
}

export interface MetaRow {
  key: MetaKey;
  value: unknown;
}

export type MetaKey =
  | 'deviceId'
  | 'userId'
  | 'pullCursor'
  | 'pullEpoch'
  | 'nextDeviceSeq'
  | 'lastSyncAt'
  | 'locale'
  | 'persistAsked';
