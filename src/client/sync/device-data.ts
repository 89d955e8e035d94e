/**
 * The rescue exits for data that has not reached the server: "Export pending data"
 * writes every pending and rejected event, the rows of their runs, every photo not
 * uploaded (base64) and every draft not yet saved into one JSON file the user keeps;
 * clearing the device (or signing out, or another person signing in) is refused while
 * anything unsynced is not in such an export. The ids of the last export are remembered,
 * so work done (or made pending again) after it blocks again. "Discard" is the other
 * explicit exit: it deletes the runs that hold unsynced work, and the kept drafts.
 */
import { db } from '../db/database.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import type { EventRow, PhotoRow, RunRow } from '../db/types.ts';
import { allPendingDrafts, clearDrafts, type PendingDraft } from '../editor/draft-store.ts';

export const EXPORT_FORMAT = 'fieldbook-pending-export';

export interface ExportedPhoto extends Omit<PhotoRow, 'blob'> {
  base64: string;
}

export interface PendingExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: number;
  deviceId: string | null;
  events: EventRow[];
  runs: RunRow[];
  photos: ExportedPhoto[];
  drafts: PendingDraft[];
}

interface Unsynced {
  events: EventRow[];
  photos: PhotoRow[];
  drafts: PendingDraft[];
}

async function unsynced(): Promise<Unsynced> {
  const rows = await db.transaction('r', [db.events, db.photos], async () => ({
    events: await db.events.where('sync').anyOf('pending', 'rejected').sortBy('deviceSeq'),
    photos: await db.photos.where('sync').anyOf('local', 'rejected').toArray(),
  }));
  return { ...rows, drafts: await allPendingDrafts() };
}

const draftKey = (draft: PendingDraft) => `draft:${draft.sopId}:${draft.editedAt}`;
const exportKeys = ({ events, photos, drafts }: Pick<Unsynced, 'events' | 'drafts'> & { photos: { id: string }[] }) => [
  ...events.map((e) => e.id),
  ...photos.map((p) => p.id),
  ...drafts.map(draftKey),
];
const runIdsOf = ({ events, photos }: Unsynced) => [
  ...new Set([...events.map((e) => e.runId), ...photos.map((p) => p.runId)]),
];

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Everything not yet accepted by the server, as one JSON-ready object. */
export async function buildPendingExport(now = Date.now()): Promise<PendingExport> {
  const work = await unsynced();
  const runs = (await db.runs.bulkGet(runIdsOf(work))).filter((r): r is RunRow => r !== undefined);
  const photos = await Promise.all(
    work.photos.map(async ({ blob, ...photo }) => ({ ...photo, base64: await toBase64(blob) })),
  );
  const deviceId = (await getMeta<string>('deviceId')) ?? null;
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now,
    deviceId,
    events: work.events,
    runs,
    photos,
    drafts: work.drafts,
  };
}

/** Hands a file to the browser's download. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Downloads the export and remembers what it held; returns the file name and item count. */
export async function exportPendingData(): Promise<{ file: string; items: number }> {
  const data = await buildPendingExport();
  const file = `fieldbook-pending-${new Date(data.exportedAt).toISOString().slice(0, 19).replaceAll(':', '-')}.json`;
  download(file, JSON.stringify(data));
  const keys = exportKeys(data);
  await setMeta('exportedIds', keys);
  return { file, items: keys.length };
}

/** How many events, photos and drafts have not reached the server. */
export async function countUnsynced(): Promise<number> {
  return exportKeys(await unsynced()).length;
}

/** True when every unsynced event, photo and draft is in the last export (or nothing is unsynced). */
export async function canClearDevice(): Promise<boolean> {
  const exported = new Set((await getMeta<string[]>('exportedIds')) ?? []);
  return exportKeys(await unsynced()).every((key) => exported.has(key));
}

/**
 * The people whose runs hold unsynced events or photos (the user id of each run's
 * run_started, kept in the run's fold or read from the event).
 */
export async function unsyncedRunOwners(): Promise<Set<string>> {
  const owners = new Set<string>();
  for (const runId of runIdsOf(await unsynced())) {
    const run = await db.runs.get(runId);
    const started = run?.fold?.userId ?? (await startedBy(runId));
    if (started) owners.add(started);
  }
  return owners;
}

async function startedBy(runId: string): Promise<string | null> {
  const first = await db.events.where('[runId+seq]').equals([runId, 0]).first();
  return first?.type === 'run_started' ? first.payload.userId : null;
}

/** Deletes every run holding unsynced work (all its events and photos) and every kept draft. */
export async function discardUnsynced(): Promise<void> {
  const runIds = runIdsOf(await unsynced());
  await db.transaction('rw', [db.runs, db.events, db.photos], async () => {
    await db.events.where('runId').anyOf(runIds).delete();
    await db.photos.where('runId').anyOf(runIds).delete();
    await db.runs.bulkDelete(runIds);
  });
  await clearDrafts();
}
