/** Repository of photos taken as step evidence and of their upload state. */
import { db } from './database.ts';
import type { PhotoRow } from './types.ts';

export async function savePhoto(photo: PhotoRow): Promise<void> {
  await db.photos.add(photo);
}

export async function getPhotos(ids: readonly string[]): Promise<PhotoRow[]> {
  const rows = await db.photos.bulkGet([...ids]);
  return rows.filter((r): r is PhotoRow => r !== undefined);
}

/**
 * Photos waiting for upload whose photo_attached event the server has acknowledged
 * (the server files a photo under its run, so the event goes first), oldest first.
 */
export async function listUploadablePhotos(limit: number): Promise<PhotoRow[]> {
  return db.transaction('r', [db.photos, db.events], async () => {
    const waiting = (await db.photos.where('sync').equals('local').toArray()).sort((a, b) => a.createdAt - b.createdAt);
    const ready: PhotoRow[] = [];
    for (const photo of waiting) {
      if (ready.length >= limit) break;
      const attached = await db.events
        .where('runId')
        .equals(photo.runId)
        .filter((e) => e.type === 'photo_attached' && e.payload.photoId === photo.id)
        .first();
      if (attached?.sync === 'acked') ready.push(photo);
    }
    return ready;
  });
}

export async function markPhotoUploaded(id: string): Promise<void> {
  await db.photos.update(id, { sync: 'uploaded' });
}

/** The server refused the photo for good: kept on the device and shown as needing attention. */
export async function markPhotoRejected(id: string, code: string): Promise<void> {
  await db.photos.update(id, { sync: 'rejected', rejectCode: code });
}

export async function listRejectedPhotos(): Promise<PhotoRow[]> {
  return db.photos.where('sync').equals('rejected').toArray();
}
