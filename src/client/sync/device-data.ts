/**
 * The rescue exits for data that has not reached the server: "Export pending data"
 * writes every pending and rejected event, the rows of their runs, and every photo not
 * uploaded (base64) into one JSON file the user keeps; "Clear data on this device" is
 * refused while anything unsynced is not in such an export. The ids of the last export
 * are remembered, so work done (or made pending again) after it blocks the clear again.
 */
import { db } from '../db/database.ts';
import { getMeta, setMeta } from '../db/meta.ts';
import type { EventRow, PhotoRow, RunRow } from '../db/types.ts';

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
}

async function unsynced(): Promise<{ events: EventRow[]; photos: PhotoRow[] }> {
  return db.transaction('r', [db.events, db.photos], async () => ({
    events: await db.events.where('sync').anyOf('pending', 'rejected').sortBy('deviceSeq'),
    photos: await db.photos.where('sync').anyOf('local', 'rejected').toArray(),
  }));
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Everything not yet accepted by the server, as one JSON-ready object. */
export async function buildPendingExport(now = Date.now()): Promise<PendingExport> {
  const { events, photos } = await unsynced();
  const runIds = [...new Set([...events.map((e) => e.runId), ...photos.map((p) => p.runId)])];
  const runs = (await db.runs.bulkGet(runIds)).filter((r): r is RunRow => r !== undefined);
  const exportedPhotos = await Promise.all(
    photos.map(async ({ blob, ...photo }) => ({ ...photo, base64: await toBase64(blob) })),
  );
  const deviceId = (await getMeta<string>('deviceId')) ?? null;
  return { format: EXPORT_FORMAT, version: 1, exportedAt: now, deviceId, events, runs, photos: exportedPhotos };
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
  await setMeta('exportedIds', [...data.events.map((e) => e.id), ...data.photos.map((p) => p.id)]);
  return { file, items: data.events.length + data.photos.length };
}

/** True when every unsynced event and photo is in the last export (or nothing is unsynced). */
export async function canClearDevice(): Promise<boolean> {
  const { events, photos } = await unsynced();
  const exported = new Set((await getMeta<string[]>('exportedIds')) ?? []);
  return [...events, ...photos].every((row) => exported.has(row.id));
}
